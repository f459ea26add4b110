/* cli.h -- the subcommands (a table in main.c, as git's commands[]). Only
 * cli/ prints; every command returns an exit code (util/err.h). */
#ifndef CA_CLI_H
#define CA_CLI_H
#include <stddef.h>
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
/* audit --db FILE / --history: records results in the history database (db
 * NULL: the default one); says where on stderr unless quiet. */
int cli_history_record(const char *db, const cJSON *results, int quiet, ca_err *err);

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
} cli_audit_in;
int cli_audit(const cli_audit_in *in, ca_packset *ps, ca_run *run, cJSON **results, ca_err *err);

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
/* Parses a --format list ("json,html") into out (no repeats); -1 on a name
 * that is not a format. */
int cli_formats(const char *list, const ca_format *out[CLI_MAX_FORMATS], size_t *n);
int cli_has_format(const ca_format *const *fmts, size_t n, const char *name);

#endif
