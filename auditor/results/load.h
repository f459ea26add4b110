/*
 * load.h -- reading a results.json back: the one check `report`, `diff` and
 * `verify` apply (required members and their types), and its digest.
 *
 * The digest (docs/diff.md, "The results digest"): results.json ends with
 *     <TAB>"digest":<TAB>"sha256:<64 lowercase hex>"<LF>}<LF>
 * and the hex is the SHA-256 of every byte of the file before that line --
 * from the opening '{' through the ',' and LF that end the member before it.
 * So `head -n -2 results.json | sha256sum` recomputes it, and the writer
 * (results/stream.h), which streams the document, hashes the bytes as it
 * writes them and appends the last two lines at the end.
 */
#ifndef CA_RESULTS_LOAD_H
#define CA_RESULTS_LOAD_H
#include <cjson/cJSON.h>
#include <stddef.h>
#include "util/buf.h"
#include "util/err.h"

#define CA_RESULTS_DIGEST_PREFIX "sha256:"

/* The members a results document must have, with their types, down to every
 * finding's (docs/diff.md lists them).  Input errors (CA_EXIT_USAGE) name
 * label and the JSON pointer.  The digest member is not looked at here. */
int ca_results_check(const cJSON *doc, const char *label, ca_err *err);

typedef struct ca_results_digest {
  char recorded[65];   /* the hex the file names */
  char actual[65];     /* the hex of the bytes before the digest line */
  int ok;              /* equal */
} ca_results_digest;

/* The digest of results.json's bytes: -1 (CA_EXIT_USAGE, naming label)
 * when the file does not end with a digest line. */
int ca_results_digest_of(const char *text, size_t len, const char *label, ca_results_digest *d, ca_err *err);

/* Reads path (at most CA_MAX_RESULTS_BYTES), parses it, applies
 * ca_results_check and the digest: the document is returned without its
 * "digest" member (renderers put it back), *d (if not NULL) gets the digest.
 * A digest that does not match is an input error unless d is given (verify
 * reports it as a mismatch); bytes (if not NULL) get the file's bytes, which
 * the caller frees. */
int ca_results_load(const char *path, cJSON **out, ca_results_digest *d, char **bytes, size_t *nbytes,
                    ca_err *err);
/* The same for bytes already read (label names them in messages), and for
 * bytes already parsed into doc (which stays the caller's, digest detached
 * on success). */
int ca_results_accept(const char *label, const char *text, size_t len, cJSON *doc, ca_results_digest *d,
                      ca_err *err);
int ca_results_parse(const char *label, const char *text, size_t len, cJSON **out, ca_results_digest *d,
                     ca_err *err);

#endif
