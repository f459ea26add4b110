/*
 * x509.h -- what a policy may learn about a PEM certificate (ctx:x509): a
 * pure function of its inputs (no files, no clock, no network), so a rule's
 * result depends only on the snapshot. The certificate a flow holds in
 * GetParticipantInput.InputEncryption.Key is checked with it: does it parse,
 * is it valid at the snapshot's collection time, is it signed by the
 * instance's security key (AWS: "the encryption key is used to verify the
 * signature of the certificate used within the flow").
 */
#ifndef CA_X509_H
#define CA_X509_H
#include <stddef.h>

/* Bounds on what is parsed: a certificate or key larger than this is refused
 * unread (a flow parameter is at most a few KiB). */
#define CA_X509_MAX_PEM (64 * 1024)

typedef struct ca_x509_info {
  int ok;                      /* the certificate parsed */
  char error[256];             /* why not, when !ok */
  char subject[256], issuer[256];
  char not_before[32], not_after[32];  /* "YYYY-MM-DDTHH:MM:SSZ" */
  long long not_before_s, not_after_s; /* the same, seconds since 1970 (UTC) */
  int key_given;               /* a key PEM was passed */
  int key_ok;                  /* ... and parsed (a public key or a certificate) */
  char key_error[256];         /* why it did not, when key_given && !key_ok */
  int signed_by_key;           /* key_ok and the certificate's signature verifies with it */
} ca_x509_info;

/* Reads the first certificate of `pem` (n bytes); key_pem (kn bytes, or NULL)
 * is a PEM public key or certificate to verify its signature with. Always
 * fills *out; returns 0 when the certificate parsed, -1 otherwise. */
int ca_x509_inspect(const char *pem, size_t n, const char *key_pem, size_t kn, ca_x509_info *out);

#endif
