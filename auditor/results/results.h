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

/* generated_at: an RFC 3339 UTC time (SOURCE_DATE_EPOCH or now). */
cJSON *ca_results_build(const ca_snapshot *snap, const ca_packset *ps, const ca_run *run,
                        const char *generated_at);
/* Findings with status fail or error at or above the severity rank
 * (0 critical .. 4 info); -1 counts nothing. */
long ca_results_count_at_or_above(const cJSON *results, int rank);
/* Natural order of control IDs: "3.5.1" < "10.2.1". */
int ca_natcmp(const char *a, const char *b);

#endif
