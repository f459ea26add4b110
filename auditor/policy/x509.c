#include "policy/x509.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <string.h>

#include "results/accept.h"   /* ca_time_parse */

/* The deepest OpenSSL reason, or `fallback`. */
static void ossl_reason(char *buf, size_t n, const char *fallback) {
  unsigned long e, last = 0;
  while ((e = ERR_get_error())) last = e;
  const char *r = last ? ERR_reason_error_string(last) : NULL;
  snprintf(buf, n, "%s%s%s", fallback, r ? ": " : "", r ? r : "");
}

static int put_time(const ASN1_TIME *t, char *iso, size_t n, long long *secs) {
  struct tm tm;
  if (!t || !ASN1_TIME_to_tm(t, &tm)) return -1;
  snprintf(iso, n, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
           tm.tm_hour, tm.tm_min, tm.tm_sec);
  return ca_time_parse(iso, 0, secs);
}

static void put_name(const X509_NAME *name, char *buf, size_t n) {
  buf[0] = '\0';
  BIO *b = BIO_new(BIO_s_mem());
  if (!b) return;
  if (X509_NAME_print_ex(b, name, 0, XN_FLAG_RFC2253) >= 0) {
    char *p;
    long l = BIO_get_mem_data(b, &p);
    snprintf(buf, n, "%.*s", (int)(l < 0 ? 0 : l), p);
  }
  BIO_free(b);
}

static int contains(const char *s, size_t n, const char *needle) {
  size_t k = strlen(needle);
  for (size_t i = 0; i + k <= n; i++)
    if (!memcmp(s + i, needle, k)) return 1;
  return 0;
}

/* A PEM public key, or the public key of a PEM certificate. */
static EVP_PKEY *read_key(const char *pem, size_t n) {
  BIO *b = BIO_new_mem_buf(pem, (int)n);
  if (!b) return NULL;
  EVP_PKEY *k = PEM_read_bio_PUBKEY(b, NULL, NULL, NULL);
  if (!k) {
    ERR_clear_error();
    (void)BIO_reset(b);
    X509 *c = PEM_read_bio_X509(b, NULL, NULL, NULL);
    if (c) k = X509_get_pubkey(c);
    X509_free(c);
  }
  BIO_free(b);
  return k;
}

int ca_x509_inspect(const char *pem, size_t n, const char *key_pem, size_t kn, ca_x509_info *out) {
  memset(out, 0, sizeof *out);
  X509 *cert = NULL;
  EVP_PKEY *key = NULL;
  BIO *b = NULL;
  ERR_clear_error();
  if (!pem || n == 0) {
    snprintf(out->error, sizeof out->error, "empty");
    goto done;
  }
  if (n > CA_X509_MAX_PEM) {
    snprintf(out->error, sizeof out->error, "%zu bytes, more than the %d this check reads", n, CA_X509_MAX_PEM);
    goto done;
  }
  if (!contains(pem, n, "-----BEGIN CERTIFICATE-----")) {
    snprintf(out->error, sizeof out->error, "no PEM certificate (no -----BEGIN CERTIFICATE----- line)");
    goto done;
  }
  b = BIO_new_mem_buf(pem, (int)n);
  if (!b || !(cert = PEM_read_bio_X509(b, NULL, NULL, NULL))) {
    ossl_reason(out->error, sizeof out->error, "not a valid X.509 certificate");
    goto done;
  }
  if (put_time(X509_get0_notBefore(cert), out->not_before, sizeof out->not_before, &out->not_before_s) ||
      put_time(X509_get0_notAfter(cert), out->not_after, sizeof out->not_after, &out->not_after_s)) {
    snprintf(out->error, sizeof out->error, "the certificate's validity dates cannot be read");
    goto done;
  }
  put_name(X509_get_subject_name(cert), out->subject, sizeof out->subject);
  put_name(X509_get_issuer_name(cert), out->issuer, sizeof out->issuer);
  out->ok = 1;
  if (key_pem) {
    out->key_given = 1;
    if (kn == 0 || kn > CA_X509_MAX_PEM) {
      snprintf(out->key_error, sizeof out->key_error, kn ? "key larger than %d bytes" : "empty key", CA_X509_MAX_PEM);
    } else if (!(key = read_key(key_pem, kn))) {
      ossl_reason(out->key_error, sizeof out->key_error, "not a PEM public key or certificate");
    } else {
      out->key_ok = 1;
      out->signed_by_key = X509_verify(cert, key) == 1;
    }
  }
done:
  ERR_clear_error();
  EVP_PKEY_free(key);
  X509_free(cert);
  BIO_free(b);
  return out->ok ? 0 : -1;
}
