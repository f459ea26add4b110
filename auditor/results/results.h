/*
 * results.h -- results.json (connect-auditor/results/v1, design.md): the
 * findings with their rule metadata and resources, the hashes that tie them
 * to a snapshot and packs, and the summary every report starts from.
 */
#ifndef CA_RESULTS_H
#define CA_RESULTS_H
#include <cjson/cJSON.h>
#include "results/accept.h"
#include "results/vocab.h"
#include "util/buf.h"
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
  ca_buf findings;        /* nfindings lines, each a compact JSON object {arn, from, status,
                             message, evidence[], parameters{}} and a LF: a tree for each
                             would hold several times the bytes (ca_rule_result_findings).
                             Each is canonical (util/jsontext.h): cJSON_PrintUnformatted's
                             text of what it holds, so it can be laid out without a tree */
  size_t nfindings;
  char *killed;           /* why the rule's process ended abnormally (a deadline, a crash), or NULL */
  cJSON *cost;            /* {instructions, memory_peak, counters{}} from the rule's process, or NULL */
  double cpu_s;           /* CPU of the rule's process (user + system) */
  long maxrss_kib;        /* its peak resident set */
} ca_rule_result;

/* One of those lines split into its members (each the span of its value's
 * text) when it has exactly those six, in that order, each of its kind
 * (strings, an array, an object); 0 when it has not.  The text must be
 * canonical: the values are measured, not checked. */
typedef struct ca_finding_line {
  const char *arn, *from, *status, *message, *evidence, *params;
  size_t arn_n, from_n, status_n, message_n, evidence_n, params_n;
} ca_finding_line;
int ca_finding_line_split(const char *line, size_t len, ca_finding_line *out);

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
  /* Every framework catalogue the packs declare (policy/pack.h,
   * ca_packset.catalogues), or NULL: results.json's frameworks[] holds those
   * a pack run claims or a rule reported maps to. */
  const cJSON *catalogues;
} ca_run;

void ca_rule_result_free(ca_rule_result *r);
/* r's findings as one array (for a single rule's test: small), or NULL out of memory. */
cJSON *ca_rule_result_findings(const ca_rule_result *r);
void ca_run_free(ca_run *r);

/* A results document is made in steps, so that what people decided
 * (results/accept.h: waivers, attestations) is in the summary and the exit
 * code, and so that no step holds every finding at once:
 *   ca_results_assemble   hashes, packs, rules; "summary", "waivers" and
 *                         "attestations" null, "findings" an empty array
 *   ca_results_each       the findings one at a time, built from the rules'
 *                         outputs, waivers and attestations applied: once to
 *                         count (ca_summary_add, ca_accept_install), once to
 *                         write (results/stream.h)
 *   ca_summary_install    counts by status and severity, control matrix
 * generated_at: an RFC 3339 UTC time (SOURCE_DATE_EPOCH or now); it is also
 * "now" for waiver expiry.  NULL when out of memory. */
cJSON *ca_results_assemble(const ca_snapshot *snap, const ca_run *run, const char *generated_at);

/* Called with each finding (the caller's until it returns) and its index in
 * findings[]; non-zero stops ca_results_each, which returns it. */
typedef int (*ca_finding_fn)(void *arg, cJSON *finding, size_t index);
/* Every finding of run in results.json's order (rule by rule, as each rule
 * reported them; a rule that could not load is one error finding), with w
 * then a applied (either NULL).  -1 out of memory. */
int ca_results_each(const ca_snapshot *snap, const ca_run *run, ca_accept_run *w, ca_accept_run *a,
                    ca_finding_fn fn, void *arg);

/* The same findings without a tree for each (a tree is made, parsed from its
 * line and printed again, only where something must change it): a finding of
 * a rule no waiver or attestation names comes as its text, laid out from the
 * rule's line (util/jsontext.h) and the rule's metadata printed once. */
typedef struct ca_finding_item {
  cJSON *tree;            /* the finding as ca_results_each gives it (w and a applied), or NULL */
  const cJSON *counted;   /* what ca_summary_add reads: tree, or a stand-in holding the finding's
                             status, severity and controls */
  const char *text;       /* with CA_ITEM_TEXT and no tree: the finding as cJSON_Print prints it
                             inside results.json's findings[] (depth 2), len bytes */
  size_t len;
} ca_finding_item;
typedef int (*ca_item_fn)(void *arg, const ca_finding_item *f, size_t index);
/* mode: CA_ITEM_TREE every finding a tree (ca_results_each); CA_ITEM_COUNT
 * trees only where needed, else a stand-in (enough to count); CA_ITEM_TEXT
 * trees only where needed, else the text.  Non-zero from fn stops the walk,
 * which returns it; -1 out of memory. */
enum { CA_ITEM_TREE, CA_ITEM_COUNT, CA_ITEM_TEXT };
int ca_results_walk(const ca_snapshot *snap, const ca_run *run, ca_accept_run *w, ca_accept_run *a, int mode,
                    ca_item_fn fn, void *arg);

/* The summary, counted as findings go by. */
typedef struct ca_summary ca_summary;
ca_summary *ca_summary_new(void);                       /* NULL out of memory */
void ca_summary_add(ca_summary *s, const cJSON *finding);
/* Sets results' "summary" from what was counted, with killed_rules from its
 * "rules"; -1 out of memory.  When results has "frameworks" (the catalogues
 * judged against), summary.frameworks lists each in that order with every
 * control of its catalogue, in the catalogue's order, titled; one no finding
 * decided is "not_assessed".  Without it (results.json written before
 * catalogues), the four built-in frameworks with the controls the findings
 * name, as then: a document's summary recomputes to the same bytes. */
int ca_summary_install(const ca_summary *s, cJSON *results);
/* As ca_results_count_at_or_above, over the findings counted. */
long ca_summary_count_at_or_above(const ca_summary *s, int rank);
void ca_summary_free(ca_summary *s);                    /* NULL is harmless */

/* For a document that holds its findings (a results.json read back, a
 * test): (re)computes "summary" from them as they stand; -1 out of memory. */
int ca_results_summarise(cJSON *results);
/* The whole document with its findings, for callers with nothing to apply
 * and few findings (tests). */
cJSON *ca_results_build(const ca_snapshot *snap, const ca_run *run, const char *generated_at);
/* Findings that fail at or above the severity rank (0 critical .. 4 info):
 * status fail or error, or manual with an attested answer "no"; a waived
 * failure does not count.  -1 counts nothing. */
long ca_results_count_at_or_above(const cJSON *results, int rank);
/* Natural order of control IDs: "3.5.1" < "10.2.1". */
int ca_natcmp(const char *a, const char *b);

#endif
