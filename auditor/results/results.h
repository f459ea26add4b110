/*
 * results.h -- results.json (connect-auditor/results/v1, design.md): the
 * findings with their rule metadata and resources, the hashes that tie them
 * to a snapshot and packs, and the summary every report starts from.
 */
#ifndef CA_RESULTS_H
#define CA_RESULTS_H
#include <cjson/cJSON.h>
#include "policy/engine.h"
#include "snapshot/snapshot.h"

#define CA_RESULTS_SCHEMA "connect-auditor/results/v1"

/* A results document is made in three steps, so that what people decided
 * (results/accept.h: waivers, attestations) is in the summary and the exit
 * code:
 *   ca_results_assemble   findings, rules, hashes; "summary", "waivers" and
 *                         "attestations" are null
 *   ca_results_apply_waivers / _attestations   (optional)
 *   ca_results_summarise  counts by status and severity, control matrix
 * generated_at: an RFC 3339 UTC time (SOURCE_DATE_EPOCH or now); it is also
 * "now" for waiver expiry.  NULL when out of memory. */
cJSON *ca_results_assemble(const ca_snapshot *snap, const ca_packset *ps, const ca_run *run,
                           const char *generated_at);
/* (Re)computes "summary" from the findings as they stand; -1 out of memory. */
int ca_results_summarise(cJSON *results);
/* assemble + summarise, for callers with nothing to apply. */
cJSON *ca_results_build(const ca_snapshot *snap, const ca_packset *ps, const ca_run *run,
                        const char *generated_at);
/* Findings that fail at or above the severity rank (0 critical .. 4 info):
 * status fail or error, or manual with an attested answer "no"; a waived
 * failure does not count.  -1 counts nothing. */
long ca_results_count_at_or_above(const cJSON *results, int rank);
/* Natural order of control IDs: "3.5.1" < "10.2.1". */
int ca_natcmp(const char *a, const char *b);

#endif
