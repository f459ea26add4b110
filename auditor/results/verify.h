/*
 * verify.h -- `verify RESULTS.json SNAPSHOT.json`: does this report belong to
 * that snapshot and those packs?  Recomputes the hashes the way audit does:
 * the snapshot's SHA-256 over its bytes (snapshot.c), each pack's over its
 * files (pack.c), the packs found in the built-in folder and --policies.
 */
#ifndef CA_VERIFY_H
#define CA_VERIFY_H
#include <stddef.h>
#include <cjson/cJSON.h>
#include "util/err.h"

/* *out gets {"verified": bool, "snapshot": {file, sha256, recorded},
 * "packs": [{name, version, sha256, recorded_version, recorded_sha256}],
 * "mismatches": [{kind, name, recorded, actual, detail}]}, kind one of
 * snapshot_sha256, pack_sha256, pack_version, pack_missing, pack_not_in_results,
 * pack_not_requested.  only[] (--pack) names the packs the report must have
 * been made with; none: the packs the report lists.  Input errors (a results
 * file that is not one, an unreadable snapshot, a broken --policies folder)
 * return -1 with code CA_EXIT_USAGE, naming the file and JSON pointer. */
int ca_verify(const cJSON *results, const char *results_label, const char *snapshot_path,
              const char *const *roots, size_t nroots, const char *const *only, size_t nonly, cJSON **out,
              ca_err *err);

#endif
