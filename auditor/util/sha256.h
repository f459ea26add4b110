/* sha256.h -- hex SHA-256 (OpenSSL EVP), for snapshot and pack hashes. */
#ifndef CA_SHA256_H
#define CA_SHA256_H
#include <stddef.h>

typedef struct ca_sha256 ca_sha256;
ca_sha256 *ca_sha256_new(void);
void ca_sha256_update(ca_sha256 *h, const void *p, size_t n);
void ca_sha256_final(ca_sha256 *h, char hex[65]);   /* frees h */
void ca_sha256_hex(const void *p, size_t n, char hex[65]);

#endif
