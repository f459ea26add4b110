/*
 * bundle.h -- the evidence bundle (docs/evidence.md): one ustar archive with
 * the snapshot, results.json, the reports beside it and MANIFEST.sha256 (the
 * members' SHA-256s in `sha256sum` format), and with a signing key
 * MANIFEST.sha256.sig, the Ed25519 signature of the manifest's bytes.
 * In report/ because it renders the reports again to check them: the arrow
 * runs results -> report, never back.
 */
#ifndef CA_BUNDLE_H
#define CA_BUNDLE_H
#include <cjson/cJSON.h>
#include <stddef.h>
#include "util/err.h"
#include "util/tar.h"

#define CA_BUNDLE_MANIFEST "MANIFEST.sha256"
#define CA_BUNDLE_SIGNATURE "MANIFEST.sha256.sig"
#define CA_BUNDLE_SNAPSHOT "snapshot.json"
#define CA_BUNDLE_RESULTS "results.json"
#define CA_BUNDLE_WAIVERS "waivers.json"
#define CA_BUNDLE_ATTESTATIONS "attestations.json"

typedef struct ca_bundle_in {
  const char *results_dir;     /* results.json and the reports audit wrote beside it */
  const char *snapshot;        /* the snapshot audited; NULL: results_dir/snapshot.json */
  const char *waivers;         /* the --waivers and --attestations files, or NULL */
  const char *attestations;
  const char *sign_key;        /* an Ed25519 PEM private key, or NULL: unsigned */
  const char *output;          /* written atomically */
} ca_bundle_in;

/* Writes the bundle.  Refuses (CA_EXIT_USAGE) a results.json that does not
 * pass ca_results_load, a snapshot, waivers or attestations file whose
 * SHA-256 is not the one results.json records, and a report that is not
 * what results.json renders to.  *members (if not NULL) gets how many files
 * went in. */
int ca_bundle_write(const ca_bundle_in *in, size_t *members, ca_err *err);

/* Checks a bundle's bytes: every member but the manifest and its signature
 * listed in the manifest with its SHA-256, and (pubkey not NULL) the
 * signature.  *info gets {file, members [{name, sha256}], signature:
 * "verified" | "not checked" | "absent" | "bad"}; mismatches (an array)
 * gets {kind, name, recorded, actual, detail} for each failure: bundle_sha256,
 * bundle_unlisted, bundle_missing, signature_missing, signature.  m gets the
 * members (pointing into tar).  An archive that is not one, or a manifest
 * that is not sha256sum's format, is an input error. */
int ca_bundle_check(const char *label, const char *tar, size_t len, const char *pubkey,
                    ca_tar_member m[CA_TAR_MAX_MEMBERS], size_t *nm, cJSON **info, cJSON *mismatches, ca_err *err);

/* The member called name, or NULL. */
const ca_tar_member *ca_bundle_member(const ca_tar_member *m, size_t n, const char *name);

#endif
