/* merge: one estate report from many results documents (docs/merge.md).
 * The data is results/merge.c's; this file reads the options, writes the
 * reports and, with --db, records each input in the history. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "ca_limits.h"
#include "cli/cli.h"
#include "results/merge.h"
#include "results/results.h"
#include "results/vocab.h"
#include "store/history.h"
#include "util/fsutil.h"

static const char usage[] =
  "connect-auditor merge RESULTS.json|DIR... -o OUTDIR [--format LIST] [--latest]\n"
  "                      [--fail-on SEVERITY|none] [--db FILE | --history] [--quiet]";

static const char help[] =
  "Builds one estate report from many results documents: OUTDIR/estate.json\n"
  "(connect-auditor/estate/v1) and the other reports beside it, with the control matrix\n"
  "in total and per account, and every input's identity and SHA-256.\n\n"
  "  RESULTS.json|DIR     results documents, or folders searched recursively (sorted\n"
  "                       path order) for results.json and scan-summary.json; a scan\n"
  "                       summary's error entries are listed as unreached, never dropped\n"
  "  -o, --output OUTDIR  where the estate reports go (required)\n"
  "  --format LIST        reports beside estate.json, comma-separated: json, html, md,\n"
  "                       sarif, junit, csv (default: all)\n"
  "  --latest             two different results of one instance: keep the newest\n"
  "                       (default: refuse them, naming both files)\n"
  "  --fail-on SEVERITY   exit 1 if a finding at or above SEVERITY failed or could not\n"
  "                       be decided, or a unit was unreached (default none)\n"
  "  --db FILE            also record each input in this history database, once\n"
  "  --history            the same, in the default one (see 'history --help')\n"
  "  -q, --quiet          no summary on stderr\n\n"
  "Every input is checked as 'report' checks one, its digest included: a changed file\n"
  "is refused by name.  The same inputs in any order give the same bytes.\n";

static long count(const cJSON *by, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(by, k);
  return cJSON_IsNumber(v) ? (long)v->valuedouble : 0;
}

/* --db: each kept input, unless that audit is recorded already. */
static int record(const char *db, const ca_merge *m, int quiet, ca_err *err) {
  char path[PATH_MAX];
  ca_history *h = NULL;
  if (!db) {
    if (ca_history_default_path(path, sizeof path, err)) return -1;
    db = path;
  }
  if (ca_history_open(db, 1, &h, err)) return -1;
  size_t added = 0, had = 0;
  int rc = 0;
  const cJSON *doc;
  for (size_t i = 0; !rc && (doc = ca_merge_kept(m, i)); i++) {
    long long id = 0;
    rc = ca_history_find(h, doc, &id, err);
    if (!rc && id) had++;
    else if (!rc && !(rc = ca_history_record(h, doc, &id, err))) added++;
  }
  ca_history_close(h);
  if (!quiet && !rc)
    fprintf(stderr, "connect-auditor: recorded %zu scan%s in %s (%zu recorded before)\n", added, added == 1 ? "" : "s",
            db, had);
  return rc;
}

static void print_summary(const cJSON *e, long over, const char *fail_on) {
  const cJSON *est = cJSON_GetObjectItemCaseSensitive(e, "estate");
  const cJSON *by = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(e, "summary"), "by_status");
  fprintf(stderr, "connect-auditor: merged %ld results (%ld accounts, %ld instances): %ld pass, %ld fail, %ld error, "
                  "%ld manual, %ld skipped, %ld waived\n",
          count(est, "inputs"), count(est, "accounts"), count(est, "instances"), count(by, "pass"), count(by, "fail"),
          count(by, "error"), count(by, "manual"), count(by, "skipped"), count(by, "waived"));
  const cJSON *u;
  cJSON_ArrayForEach(u, cJSON_GetObjectItemCaseSensitive(e, "unreached")) {
    const char *r = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(u, "region"));
    const char *i = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(u, "instance"));
    fprintf(stderr, "connect-auditor: unreached: account %s%s%s%s%s: %s\n",
            cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(u, "account_id")), r && *r ? " region " : "",
            r && *r ? r : "", i && *i ? " instance " : "", i && *i ? i : "",
            cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(u, "error")));
  }
  if (count(est, "superseded"))
    fprintf(stderr, "connect-auditor: %ld older results of an instance left out (--latest; estate.json's superseded[])\n",
            count(est, "superseded"));
  if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(est, "tool_versions")) > 1 ||
      cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(est, "mixed_packs")))
    fprintf(stderr, "connect-auditor: note: the inputs were audited by different tool versions or pack contents "
                    "(estate.json's estate.tool_versions and packs[]): the totals add up different rules\n");
  if (over) fprintf(stderr, "connect-auditor: %ld findings or unreached units at or above %s\n", over, fail_on);
}

int cmd_merge(int argc, char **argv) {
  const char *outdir = NULL, *fail_on = "none", *db = NULL;
  const char *ins[CA_MAX_MERGE_ARGS];
  size_t nins = 0, nfmts = 0;
  const ca_format *fmts[CLI_MAX_FORMATS];
  int quiet = 0, history = 0;
  ca_merge_opts opts = {0};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      printf("usage: %s\n\n%s", usage, help);
      return CA_EXIT_OK;
    } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
      if (!v) return cli_usage(usage, "%s needs a value", a);
      outdir = argv[++i];
    } else if (!strcmp(a, "--format")) {
      if (!v) return cli_usage(usage, "%s needs a value", a);
      if (cli_formats(argv[++i], fmts, &nfmts))
        return cli_usage(usage, "--format %s: expected a comma-separated list of %s", v, ca_format_names());
    } else if (!strcmp(a, "--fail-on")) {
      if (!v) return cli_usage(usage, "%s needs a value", a);
      if (strcmp(v, "none") && ca_severity_rank(v) < 0)
        return cli_usage(usage, "--fail-on %s: expected critical, high, medium, low, info or none", v);
      fail_on = argv[++i];
    } else if (!strcmp(a, "--db")) {
      if (!v) return cli_usage(usage, "%s needs a value", a);
      db = argv[++i];
    } else if (!strcmp(a, "--history")) {
      history = 1;
    } else if (!strcmp(a, "--latest")) {
      opts.latest = 1;
    } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
      quiet = 1;
    } else if (a[0] == '-' && a[1]) {
      return cli_usage(usage, "unknown option %s", a);
    } else if (nins == CA_MAX_MERGE_ARGS) {
      return cli_usage(usage, "more than %d inputs: give their folder instead", CA_MAX_MERGE_ARGS);
    } else {
      ins[nins++] = a;
    }
  }
  if (!nins) return cli_usage(usage, "which results? give results.json files or folders of them");
  if (!outdir) return cli_usage(usage, "-o OUTDIR is required");
  if (db && history) return cli_usage(usage, "--db FILE and --history name the same thing: give one");
  if (!strcmp(outdir, "-")) return cli_usage(usage, "-o -: merge writes a folder of reports");
  if (!nfmts) {
    size_t n;
    const ca_format *all = ca_formats(&n);
    for (size_t k = 0; k < n && k < CLI_MAX_FORMATS; k++) fmts[nfmts++] = &all[k];
  } else if (!cli_has_format(fmts, nfmts, "json") && nfmts < CLI_MAX_FORMATS) {
    fmts[nfmts++] = ca_format_find("json");   /* estate.json always: report and verify read it back */
  }

  ca_err err = {0};
  ca_merge *m = ca_merge_new();
  cJSON *estate = NULL;
  char path[PATH_MAX];
  int rc = CA_EXIT_OK;
  if (!m) {
    ca_errf(&err, CA_EXIT_RUN, "out of memory");
    goto done;
  }
  for (size_t f = 0; f < nfmts; f++) {
    snprintf(path, sizeof path, "%s/%s", outdir, !strcmp(fmts[f]->name, "json") ? "estate.json" : fmts[f]->file);
    if (ca_output_not_input(path, ins, nins, &err)) goto done;
  }
  for (size_t i = 0; i < nins; i++)
    if (ca_merge_add_path(m, ins[i], &err)) goto done;
  if (ca_merge_build(m, &opts, &estate, &err)) goto done;
  /* a choice the estate made that changes what it is judged against: said even with --quiet */
  for (size_t w = 0; ca_merge_warning(m, w); w++) fprintf(stderr, "connect-auditor: merge: warning: %s\n", ca_merge_warning(m, w));
  if (ca_mkdirs(outdir, &err)) goto done;
  for (size_t f = 0; f < nfmts; f++) {
    snprintf(path, sizeof path, "%s/%s", outdir, !strcmp(fmts[f]->name, "json") ? "estate.json" : fmts[f]->file);
    if (ca_report_write(estate, fmts[f], path, &err)) goto done;
    cli_report_notes(stderr, fmts[f], estate, path);   /* as audit and report do: the SARIF cap said */
  }
  int rank = strcmp(fail_on, "none") ? ca_severity_rank(fail_on) : -1;
  long over = ca_results_count_at_or_above(estate, rank);
  if (rank >= 0) over += cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(estate, "unreached"));
  if (!quiet) {
    print_summary(estate, over, fail_on);
    fprintf(stderr, "connect-auditor: wrote %s/estate.json%s\n", outdir, nfmts > 1 ? " and the other reports beside it" : "");
  }
  rc = over ? CA_EXIT_FINDINGS : CA_EXIT_OK;
  /* after the reports, as audit does: its error (2 or 3) outranks exit 1 */
  if ((db || history) && record(db, m, quiet, &err))
    ca_err_prefix(&err, "%s/estate.json is written, but not every input is in the history: ", outdir);
done:
  if (err.code) rc = cli_fail(&err);
  cJSON_Delete(estate);   /* its findings are references into m's inputs: before m */
  ca_merge_free(m);
  return rc;
}
