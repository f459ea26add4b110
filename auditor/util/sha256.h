/* sha256.h -- SHA-256 (OpenSSL EVP): hex for snapshot and pack hashes, base64
 * for the HTML report's script hash. */
#ifndef CA_SHA256_H
#define CA_SHA256_H
#include <stddef.h>

typedef struct ca_sha256 ca_sha256;
ca_sha256 *ca_sha256_new(void);
void ca_sha256_update(ca_sha256 *h, const void *p, size_t n);
void ca_sha256_final(ca_sha256 *h, char hex[65]);   /* frees h */
void ca_sha256_hex(const void *p, size_t n, char hex[65]);
/* The digest in base64 (44 characters and NUL), as a Content-Security-Policy
 * 'sha256-…' source wants it; "" if OpenSSL fails. */
void ca_sha256_base64(const void *p, size_t n, char b64[45]);

#endif
