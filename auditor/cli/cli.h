/* cli.h -- the subcommands (a table in main.c, as git's commands[]). Only
 * cli/ prints; every command returns an exit code (util/err.h). */
#ifndef CA_CLI_H
#define CA_CLI_H
#include <stddef.h>
#include <stdio.h>
#include "policy/engine.h"
#include "report/report.h"
#include "results/accept.h"
#include "snapshot/snapshot.h"
#include "util/err.h"

int cmd_audit(int argc, char **argv);
int cmd_policy(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_bundle(int argc, char **argv);
int cmd_collect(int argc, char **argv);
int cmd_scan(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_merge(int argc, char **argv);
/* scan over an estate (cmd_estate.c): argv is scan's; aargv[0..an) audit's
 * options as scan sorted them ("audit" first). */
int cli_scan_estate(int argc, char **argv, char *const *aargv, int an, const char *outdir, int quiet);
/* audit --db FILE / --history: records results in the history database (db
 * NULL: the default one); says where on stderr unless quiet. */
int cli_history_record(const char *db, const cJSON *results, int quiet, ca_err *err);

/* audit --rule/--exclude-rule (fnmatch globs on rule IDs), --severity,
 * --framework: which rules' findings a run reports. Empty: every rule. */
#define CLI_MAX_SELECT 64
typedef struct cli_select {
  const char *rules[CLI_MAX_SELECT], *exclude[CLI_MAX_SELECT], *frameworks[CLI_MAX_SELECT];
  size_t nrules, nexclude, nframeworks;
  unsigned severities;   /* bit i: ca_severities[i]; 0: any */
} cli_select;
/* Parses one selection option (argv[*i] with its value argv[*i + 1]); 1 if
 * it was one, 0 if not, -1 (usage printed) on a bad value. */
int cli_select_option(cli_select *sel, int argc, char **argv, int *i, const char *usage);
int cli_select_any(const cli_select *sel);
/* Every --framework names a framework a pack of ps declares (a catalogue),
 * else an input error listing those declared. */
int cli_select_check(const cli_select *sel, const ca_packset *ps, ca_err *err);
/* Warns on stderr of each crosswalk entry (a catalogue's controls[].rules)
 * naming a rule no pack on the search path has (ca_engine_crosswalk_unknown:
 * run NULL loads ps's rules to see): the file, the JSON pointer, the ID.
 * Never fails the command (0, or -1 out of memory). */
int cli_warn_crosswalk(const ca_packset *ps, const ca_run *run, const char *const *roots, size_t nroots, ca_err *err);
/* results.json's "selection": {rules, exclude_rules, severities, frameworks}. */
cJSON *cli_select_record(const cli_select *sel);
/* Does the rule with this metadata (id, severity, controls) fall in sel? */
int cli_select_keeps(const cli_select *sel, const cJSON *meta);
/* From results.json's "selection" (verify --reaudit); -1 if malformed. */
int cli_select_from(cli_select *sel, const cJSON *recorded);
/* The path results.json records for the snapshot (snapshot.file), the same
 * wherever `audit` runs: relative to the top (where .git is) of the git
 * repository the snapshot lies in (links resolved), or the file's name when
 * it lies in none. */
void cli_snapshot_file(const char *path, char *out, size_t n);

/* The audit itself, as `audit` runs it and `verify --reaudit` runs it again:
 * the packs found and loaded with params, the rules run on snap, results
 * assembled at generated_at, waivers and attestations (either may be NULL)
 * applied, the summary made.  ps and run are the caller's to free. */
typedef struct cli_audit_in {
  const ca_snapshot *snap;
  const char *const *roots;
  size_t nroots;
  const char *const *packs;   /* --pack; none: every pack found */
  size_t npacks;
  const cJSON *params;        /* {"<pack>": {"<name>": value}}, or NULL */
  const char *params_label;
  const ca_accept *waivers, *attestations;
  const char *generated_at;
  const ca_run_opts *opts;
  const char *snapshot_file;  /* recorded as snapshot.file, or NULL */
  const cli_select *select;   /* NULL: every rule */
} cli_audit_in;
/* *results holds everything but the findings (an empty array): they stay
 * in run, one compact line each, until results/stream.h writes them, with
 * the waivers and attestations applied again as they go by.  counted (if not
 * NULL) gets the summary's counts (ca_summary_count_at_or_above for
 * --fail-on), the caller's to free. */
int cli_audit(const cli_audit_in *in, ca_packset *ps, ca_run *run, cJSON **results, ca_summary **counted,
              ca_err *err);

/* Prints "connect-auditor: <msg>" to stderr and returns err->code. */
int cli_fail(const ca_err *err);
/* Usage error: message plus the command's usage line. */
int cli_usage(const char *usage, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Parses a non-negative number option; -1 if malformed. */
double cli_number(const char *s);

/* The time a run records: SOURCE_DATE_EPOCH (reproducible builds'
 * convention: equal inputs, equal bytes) or the clock; -1 on a malformed value. */
int cli_now(long long *out, ca_err *err);
/* Writes a collected or imported snapshot to output: checked by the loader
 * first (what collect writes, audit must read), then written atomically.
 * Takes snap; *nerr = its errors[] entries. */
int cli_write_snapshot(const char *output, cJSON *snap, int *nerr, ca_err *err);

#define CLI_MAX_FORMATS 16
/* To out (stderr), what a report written to path leaves out (results.sarif
 * past GitHub's 25,000 results), so a truncation is never silent. */
void cli_report_notes(FILE *out, const ca_format *f, const cJSON *results, const char *path);
/* Adds a --format list ("json,html") to out[*n] (no repeats; a repeated
 * --format adds); -1 on a name that is not a format. */
int cli_formats(const char *list, const ca_format *out[CLI_MAX_FORMATS], size_t *n);
int cli_has_format(const ca_format *const *fmts, size_t n, const char *name);

/* The failing and erroring findings, one row each (rule, severity,
 * resource, message), most severe first; control characters shown as '?'. */
void cli_findings_table(FILE *out, const cJSON *results);

#endif
