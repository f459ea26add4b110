/* ed25519.h -- pure Ed25519 signatures (RFC 8032, OpenSSL EVP) over a whole
 * message: what `bundle --sign` makes and `verify --bundle --pubkey` checks,
 * and `openssl pkeyutl -verify -rawin` checks too (docs/evidence.md). */
#ifndef CA_ED25519_H
#define CA_ED25519_H
#include <stddef.h>
#include "util/err.h"

#define CA_ED25519_SIG_BYTES 64

/* Signs msg with the unencrypted PEM private key in key_path.  Errors
 * (CA_EXIT_USAGE: not readable, not a PEM private key, encrypted, not
 * Ed25519) name the file and never its contents. */
int ca_ed25519_sign(const char *key_path, const void *msg, size_t len, unsigned char sig[CA_ED25519_SIG_BYTES],
                    ca_err *err);

/* 1 when sig (siglen bytes) is key's signature of msg, 0 when not; -1 on an
 * input error (pub_path is not a PEM Ed25519 public key). */
int ca_ed25519_verify(const char *pub_path, const void *msg, size_t len, const void *sig, size_t siglen,
                      ca_err *err);

#endif
