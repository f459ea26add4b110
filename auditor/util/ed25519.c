#include "util/ed25519.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

/* No passphrase prompt: an encrypted key is an input error, not a question on
 * the terminal of an unattended run. */
static int no_passphrase(char *buf, int size, int rwflag, void *u) {
  (void)buf, (void)size, (void)rwflag, (void)u;
  return -1;
}

static EVP_PKEY *read_key(const char *path, int private, ca_err *err) {
  BIO *bio = BIO_new_file(path, "r");
  if (!bio) {
    ERR_clear_error();
    ca_errf(err, CA_EXIT_USAGE, "%s: cannot read the %s key", path, private ? "signing" : "public");
    return NULL;
  }
  EVP_PKEY *k = private ? PEM_read_bio_PrivateKey(bio, NULL, no_passphrase, NULL)
                        : PEM_read_bio_PUBKEY(bio, NULL, no_passphrase, NULL);
  BIO_free(bio);
  ERR_clear_error();   /* OpenSSL's queue says nothing a user needs, and is never printed */
  if (!k) {
    ca_errf(err, CA_EXIT_USAGE,
            private ? "%s: expected an unencrypted PEM private key (openssl genpkey -algorithm ed25519 -out KEY.pem)"
                    : "%s: expected a PEM public key (openssl pkey -in KEY.pem -pubout -out PUB.pem)",
            path);
    return NULL;
  }
  if (EVP_PKEY_get_id(k) != EVP_PKEY_ED25519) {
    ca_errf(err, CA_EXIT_USAGE, "%s: expected an Ed25519 key, found %s", path,
            EVP_PKEY_get0_type_name(k) ? EVP_PKEY_get0_type_name(k) : "another kind");
    EVP_PKEY_free(k);
    return NULL;
  }
  return k;
}

int ca_ed25519_sign(const char *key_path, const void *msg, size_t len, unsigned char sig[CA_ED25519_SIG_BYTES],
                    ca_err *err) {
  EVP_PKEY *k = read_key(key_path, 1, err);
  if (!k) return -1;
  EVP_MD_CTX *md = EVP_MD_CTX_new();
  size_t siglen = CA_ED25519_SIG_BYTES;
  int ok = md && EVP_DigestSignInit(md, NULL, NULL, NULL, k) == 1 &&   /* no digest: pure Ed25519 */
           EVP_DigestSign(md, sig, &siglen, msg, len) == 1 && siglen == CA_ED25519_SIG_BYTES;
  EVP_MD_CTX_free(md);
  EVP_PKEY_free(k);   /* frees (and clears) the key */
  ERR_clear_error();
  return ok ? 0 : ca_errf(err, CA_EXIT_RUN, "%s: signing failed", key_path);
}

int ca_ed25519_verify(const char *pub_path, const void *msg, size_t len, const void *sig, size_t siglen,
                      ca_err *err) {
  EVP_PKEY *k = read_key(pub_path, 0, err);
  if (!k) return -1;
  EVP_MD_CTX *md = EVP_MD_CTX_new();
  int rc = md && EVP_DigestVerifyInit(md, NULL, NULL, NULL, k) == 1 && siglen == CA_ED25519_SIG_BYTES &&
           EVP_DigestVerify(md, sig, siglen, msg, len) == 1;
  EVP_MD_CTX_free(md);
  EVP_PKEY_free(k);
  ERR_clear_error();
  return rc;
}
