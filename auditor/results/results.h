/*
 * results.h -- results.json (connect-auditor/results/v1, design.md): the
 * findings with their rule metadata and resources, the hashes that tie them
 * to a snapshot and packs, and the summary every report starts from.
 */
#ifndef CA_RESULTS_H
#define CA_RESULTS_H
#include <cjson/cJSON.h>
#include "results/vocab.h"
#include "snapshot/snapshot.h"

#define CA_RESULTS_SCHEMA "connect-auditor/results/v1"

/* What the rule engine (policy/engine.c) fills and results/ reads: plain
 * data, so the arrow runs policy -> results and results/ (with the reports
 * and the store that read it) needs no rule runtime.  The strings are the
 * packs' (the engine's packset outlives the run); the cJSON the result's. */
typedef struct ca_rule_result {
  const char *pack;       /* its pack's name (one pointer per pack: the pack's own string) */
  const char *file;       /* the rule file, relative to its policy folder; NULL for a pack that could not be loaded */
  const char *pack_file;  /* the pack's pack.lua, relative (what a pack that could not be loaded names) */
  cJSON *meta;            /* id, title, severity, practice, controls[], resource, ...; NULL if not loaded */
  char *error;            /* why the rule (or its pack) could not be loaded */
  cJSON *findings;        /* [{arn, from, status, message, evidence[], parameters{}}] */
  char *killed;           /* why the rule's process ended abnormally (a deadline, a crash), or NULL */
  cJSON *cost;            /* {instructions, memory_peak, counters{}} from the rule's process, or NULL */
  double cpu_s;           /* CPU of the rule's process (user + system) */
  long maxrss_kib;        /* its peak resident set */
} ca_rule_result;

/* A pack as results.json's packs[] names it. */
typedef struct ca_result_pack {
  const char *name;
  const char *version, *framework;   /* "" when pack.lua gives none */
  const char *sha256;
  const cJSON *params;               /* the effective parameters */
} ca_result_pack;

typedef struct ca_run {
  ca_rule_result *v;      /* every rule of every pack, in pack then file order */
  size_t n;
  ca_result_pack *packs;  /* the packs run, in order */
  size_t npacks;
} ca_run;

void ca_rule_result_free(ca_rule_result *r);
void ca_run_free(ca_run *r);

/* A results document is made in three steps, so that what people decided
 * (results/accept.h: waivers, attestations) is in the summary and the exit
 * code:
 *   ca_results_assemble   findings, rules, hashes; "summary", "waivers" and
 *                         "attestations" are null
 *   ca_results_apply_waivers / _attestations   (optional)
 *   ca_results_summarise  counts by status and severity, control matrix
 * generated_at: an RFC 3339 UTC time (SOURCE_DATE_EPOCH or now); it is also
 * "now" for waiver expiry.  NULL when out of memory. */
cJSON *ca_results_assemble(const ca_snapshot *snap, const ca_run *run, const char *generated_at);
/* (Re)computes "summary" from the findings as they stand; -1 out of memory. */
int ca_results_summarise(cJSON *results);
/* assemble + summarise, for callers with nothing to apply. */
cJSON *ca_results_build(const ca_snapshot *snap, const ca_run *run, const char *generated_at);
/* Findings that fail at or above the severity rank (0 critical .. 4 info):
 * status fail or error, or manual with an attested answer "no"; a waived
 * failure does not count.  -1 counts nothing. */
long ca_results_count_at_or_above(const cJSON *results, int rank);
/* Natural order of control IDs: "3.5.1" < "10.2.1". */
int ca_natcmp(const char *a, const char *b);

#endif
