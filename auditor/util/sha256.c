#include "util/sha256.h"

#include <openssl/evp.h>
#include <stdio.h>

/* ca_sha256 is an EVP_MD_CTX behind an opaque name. */

ca_sha256 *ca_sha256_new(void) {
  EVP_MD_CTX *md = EVP_MD_CTX_new();
  if (!md) return NULL;
  if (EVP_DigestInit_ex(md, EVP_sha256(), NULL) != 1) {
    EVP_MD_CTX_free(md);
    return NULL;
  }
  return (ca_sha256 *)md;
}

void ca_sha256_update(ca_sha256 *h, const void *p, size_t n) {
  if (h && n) EVP_DigestUpdate((EVP_MD_CTX *)h, p, n);
}

void ca_sha256_final(ca_sha256 *h, char hex[65]) {
  unsigned char d[32];
  unsigned int n = 0;
  hex[0] = '\0';
  if (!h) return;
  EVP_DigestFinal_ex((EVP_MD_CTX *)h, d, &n);
  EVP_MD_CTX_free((EVP_MD_CTX *)h);
  for (unsigned i = 0; i < n && i < 32; i++) sprintf(hex + 2 * i, "%02x", d[i]);
}

void ca_sha256_hex(const void *p, size_t n, char hex[65]) {
  ca_sha256 *h = ca_sha256_new();
  ca_sha256_update(h, p, n);
  ca_sha256_final(h, hex);
}

void ca_sha256_base64(const void *p, size_t n, char b64[45]) {
  unsigned char d[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  b64[0] = '\0';
  if (EVP_Digest(p, n, d, &len, EVP_sha256(), NULL) != 1 || len != 32) return;
  EVP_EncodeBlock((unsigned char *)b64, d, 32);   /* 32 bytes: 44 characters and a NUL */
}
