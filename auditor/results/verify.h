/*
 * verify.h -- `verify RESULTS.json SNAPSHOT.json`: does this report belong to
 * that snapshot and those packs, and is it what was written?  Recomputes the
 * hashes the way audit does: results.json's digest over its bytes
 * (results/load.h), the summary from the findings, the snapshot's SHA-256
 * over its bytes (snapshot.c), each pack's over its files (pack.c), the
 * packs found in the built-in folder and --policies.
 */
#ifndef CA_VERIFY_H
#define CA_VERIFY_H
#include <stddef.h>
#include <cjson/cJSON.h>
#include "results/load.h"
#include "util/err.h"

typedef struct ca_verify_in {
  const cJSON *results;               /* checked, digest detached: ca_results_load */
  const char *results_label;
  const ca_results_digest *digest;    /* what ca_results_load found */
  const char *snapshot_label;         /* the snapshot's file name, and its bytes */
  const char *snapshot;
  size_t snapshot_len;
  const char *const *roots;           /* where packs are looked for */
  size_t nroots;
  const char *const *only;            /* --pack: the packs the report must have been made with */
  size_t nonly;                       /* 0: the packs the report lists */
} ca_verify_in;

/* *out gets {"verified": bool, "results": {file, digest, recorded},
 * "snapshot": {file, sha256, recorded},
 * "packs": [{name, dir, sha256, recorded_version, recorded_sha256}],
 * "mismatches": [{kind, name, recorded, actual, detail}]}, kind one of
 * results_digest, summary, snapshot_sha256, pack_sha256, pack_version,
 * pack_missing, pack_not_in_results, pack_not_requested.  Input errors (a
 * broken --policies folder) return -1 with code CA_EXIT_USAGE. */
int ca_verify(const ca_verify_in *in, cJSON **out, ca_err *err);

/* Appends {kind, name, recorded, actual, detail} to a list of mismatches
 * (recorded and actual may be NULL). */
void ca_verify_mismatch_add(cJSON *list, const char *kind, const char *name, const char *recorded,
                            const char *actual, const char *detail);
/* Adds a mismatch to a document ca_verify made, which is then not verified. */
void ca_verify_mismatch(cJSON *doc, const char *kind, const char *name, const char *recorded, const char *actual,
                        const char *detail);

#endif
