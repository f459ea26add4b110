/*
 * merge.h -- one estate document (connect-auditor/estate/v1, docs/merge.md)
 * from many results documents: every input checked as `report` checks one
 * (its shape and its digest, so a changed file is refused by name), each
 * listed with its identity and SHA-256, the findings of all of them with the
 * input they came from, the control matrix in total and per account, and
 * the units a scan could not reach (scan-summary.json's error entries).
 *
 * The document depends only on what the inputs hold, never on their paths
 * or the order they were given in: inputs are sorted by their identity
 * (account / region / instance, from the instances their findings name), the
 * clock is the latest input's generated_at.
 */
#ifndef CA_RESULTS_MERGE_H
#define CA_RESULTS_MERGE_H
#include <stddef.h>
#include <cjson/cJSON.h>
#include "util/err.h"

#define CA_ESTATE_SCHEMA "connect-auditor/estate/v1"
/* The scan summaries `scan --accounts` writes; any version under it. */
#define CA_SCAN_SUMMARY_SCHEMA_PREFIX "connect-auditor/scan-summary/"

typedef struct ca_merge ca_merge;   /* the inputs gathered so far */

ca_merge *ca_merge_new(void);        /* NULL when out of memory */
void ca_merge_free(ca_merge *m);     /* NULL is harmless */

/* A results.json: loaded and checked (ca_results_load: shape and digest;
 * CA_EXIT_USAGE naming path when either is wrong). */
int ca_merge_add_results(ca_merge *m, const char *path, ca_err *err);
/* A scan-summary.json: its entries whose status is "error" become the
 * estate's unreached[] (CA_EXIT_USAGE naming path and pointer when it is not
 * one). */
int ca_merge_add_summary(ca_merge *m, const char *path, ca_err *err);
/* A file (by its content's schema: a results document or a scan summary) or
 * a folder, searched recursively, in sorted path order, for results.json and
 * scan-summary.json (symbolic links to folders are not followed). */
int ca_merge_add_path(ca_merge *m, const char *path, ca_err *err);
/* How many results documents and summaries were added. */
size_t ca_merge_count(const ca_merge *m, size_t *summaries);

typedef struct ca_merge_opts {
  /* Two different results covering one instance: 0 refuses them (an input
   * error naming both files); 1 keeps the newest (snapshot.collected_at,
   * then generated_at, then the file's SHA-256) and lists the others under
   * superseded[].  Byte-identical files are one input either way. */
  int latest;
} ca_merge_opts;

/* The estate document, without its digest (render it with
 * ca_render_results_json, which seals it as results.json is sealed).  Its
 * findings and rules are references to the inputs' own (each finding gains
 * an "input" member naming its input's id): delete the estate before m.
 * Input errors (CA_EXIT_USAGE): nothing to merge, an instance covered twice. */
int ca_merge_build(ca_merge *m, const ca_merge_opts *opts, cJSON **estate, ca_err *err);

/* After ca_merge_build: the kept inputs' results documents (digest
 * detached), in the estate's order, for --db; m owns them. */
const cJSON *ca_merge_kept(const ca_merge *m, size_t i);   /* NULL past the last */

/* After ca_merge_build: the i-th warning about a choice it made (one
 * framework's catalogue differing between inputs: the first input's in
 * estate order is used), naming the input files; m owns it; NULL past the
 * last.  The caller prints them. */
const char *ca_merge_warning(const ca_merge *m, size_t i);

/* 1 when doc's schema is CA_ESTATE_SCHEMA. */
int ca_is_estate(const cJSON *doc);
/* The checks an estate document read back must pass (report, verify):
 * schema, inputs[] with their hashes, accounts[], summary, findings. */
int ca_estate_check(const cJSON *doc, const char *label, ca_err *err);
/* An estate.json's bytes (text) as parsed (doc, which stays the caller's):
 * checked, its digest verified (a mismatch is an input error naming label)
 * and detached. */
int ca_estate_accept(const char *label, const char *text, size_t len, cJSON *doc, ca_err *err);

#endif
