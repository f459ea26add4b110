/* connect-auditor audit SNAPSHOT -o OUTDIR ... */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ca_limits.h"
#include "policy/engine.h"
#include "results/accept.h"
#include "results/load.h"
#include "results/results.h"
#include "results/lean.h"
#include "results/stream.h"
#include "snapshot/snapshot.h"
#include "util/fsutil.h"
#include "util/jsonfile.h"
#include "report/report.h"

static const char usage[] =
  "connect-auditor audit SNAPSHOT.json [-o OUTDIR] [--pack NAME]... [--policies DIR]...\n"
  "                      [--params FILE] [--waivers FILE] [--attestations FILE]\n"
  "                      [--format LIST] [--fail-on SEVERITY|none]\n"
  "                      [--rule GLOB]... [--exclude-rule GLOB]... [--severity LIST] [--framework NAME]...\n"
  "                      [--jobs N] [--rule-timeout SECONDS] [--timings FILE] [--quiet | --table]\n"
  "                      [--db FILE | --history]";

static const char help[] =
  "Evaluates the policy packs against a snapshot and writes OUTDIR/results.json.\n\n"
  "  -o, --output OUTDIR     where reports go (default reports/out)\n"
  "  --pack NAME             evaluate only this pack (repeatable; default: all)\n"
  "  --policies DIR          also load packs from DIR (a pack, or a folder of packs)\n"
  "  --params FILE           parameter overrides: {\"<pack>\": {\"<name>\": value}}\n"
  "  --waivers FILE          accepted failures until a date (docs/waivers.md): a matching\n"
  "                          fail becomes waived; expired and stale waivers are reported\n"
  "  --attestations FILE     people's answers to manual findings (docs/waivers.md)\n"
  "  --format LIST           reports to write beside results.json, comma-separated:\n"
  "                          json, html, md, sarif, junit, csv (see 'report --help');\n"
  "                          repeated, the lists add up\n"
  "  --rule GLOB             report only rules whose ID matches (fnmatch; repeatable)\n"
  "  --exclude-rule GLOB     leave out rules whose ID matches (repeatable)\n"
  "  --severity LIST         only rules of these severities (such as critical,high)\n"
  "  --framework NAME        only rules mapping to a control of NAME: PCI-DSS-4.0, HIPAA,\n"
  "                          PII, BASELINE or one a pack declares (repeatable); results.json\n"
  "                          records the selection\n"
  "  --fail-on SEVERITY      exit 1 if a finding at or above SEVERITY (critical, high,\n"
  "                          medium, low, info) failed, could not be decided (error) or\n"
  "                          was attested \"no\"; a waived failure does not count;\n"
  "                          default none: exit 0 whatever was found\n"
  "  -j, --jobs N            rule processes in parallel (default: one per CPU)\n"
  "  --rule-timeout SECONDS  wall-clock limit of one rule's process (default 600): a last\n"
  "                          resort (budgets count instructions); a rule killed by it is\n"
  "                          named in summary.killed_rules and on stderr\n"
  "  --timings FILE          also write each rule's cost (CPU, Lua instructions, findings,\n"
  "                          peak memory) to FILE (JSON; never in results.json)\n"
  "  -q, --quiet             no summary on stderr\n"
  "  --table                 the table of failing and erroring findings on stderr even\n"
  "                          when it is not a terminal (on one, it is printed anyway)\n"
  "  --db FILE               also record the audit in this history database (SQLite)\n"
  "  --history               the same, in the default one (see 'history --help')\n\n"
  "SOURCE_DATE_EPOCH fixes generated_at, so equal inputs give equal bytes.\n";

/* generated_at from SOURCE_DATE_EPOCH (reproducible builds' convention) or the clock. */
static int generated_at(char out[32], ca_err *err) {
  long long v;
  if (cli_now(&v, err)) return -1;
  time_t t = (time_t)v;
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return 0;
}

#define MAXLIST 64

/* audit --timings FILE: each rule's cost, in the order of results.json's
 * rules.  Kept out of results.json: CPU and memory differ between runs. */
static int write_timings(const char *path, const ca_run *run, ca_err *err) {
  cJSON *o = cJSON_CreateObject();
  cJSON *rules = cJSON_AddArrayToObject(o, "rules");
  double cpu = 0;
  for (size_t i = 0; i < run->n; i++) {
    const ca_rule_result *r = &run->v[i];
    if (!r->meta) continue;
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "rule_id", cJSON_GetObjectItem(r->meta, "id")->valuestring);
    cJSON_AddStringToObject(e, "pack", r->pack);
    cJSON_AddStringToObject(e, "file", r->file);
    cJSON_AddNumberToObject(e, "cpu_s", r->cpu_s);
    const cJSON *c = r->cost;
    cJSON_AddNumberToObject(e, "instructions", c ? cJSON_GetObjectItem(c, "instructions")->valuedouble : 0);
    cJSON_AddNumberToObject(e, "findings", (double)r->nfindings);
    cJSON_AddNumberToObject(e, "lua_memory_peak", c ? cJSON_GetObjectItem(c, "memory_peak")->valuedouble : 0);
    cJSON_AddNumberToObject(e, "maxrss_kib", (double)r->maxrss_kib);
    cJSON_AddItemToObject(e, "counters", c ? cJSON_Duplicate(cJSON_GetObjectItem(c, "counters"), 1) : cJSON_CreateObject());
    if (r->killed) cJSON_AddStringToObject(e, "killed", r->killed);
    cJSON_AddItemToArray(rules, e);
    cpu += r->cpu_s;
  }
  cJSON_AddNumberToObject(o, "rules_cpu_s", cpu);
  char *s = cJSON_Print(o);
  cJSON_Delete(o);
  if (!s) return ca_errf(err, CA_EXIT_RUN, "out of memory writing %s", path);
  int rc = ca_write_atomic(path, s, strlen(s), err);
  free(s);
  return rc;
}

/* One line per waivers/attestations section, then one per entry that needs a
 * person's attention (expired, stale).  Rule and resource were checked for
 * control characters when the file was loaded. */
static void print_accepted(const cJSON *results, const char *key) {
  const cJSON *sec = cJSON_GetObjectItemCaseSensitive(results, key);
  if (!cJSON_IsObject(sec)) return;
  fprintf(stderr, "connect-auditor: %s:", key);
  const cJSON *list;
  const char *sep = "";
  cJSON_ArrayForEach(list, sec) {
    if (!cJSON_IsArray(list)) continue;
    fprintf(stderr, "%s %d %s", sep, cJSON_GetArraySize(list), list->string);
    sep = ",";
  }
  fputc('\n', stderr);
  cJSON_ArrayForEach(list, sec) {
    if (!cJSON_IsArray(list) || !strcmp(list->string, "applied")) continue;
    const cJSON *e;
    cJSON_ArrayForEach(e, list) {
      const cJSON *why = cJSON_GetObjectItem(e, "why");
      fprintf(stderr, "connect-auditor:   %s %s (%s on %s): %s%s\n", list->string,
              cJSON_GetObjectItem(e, "entry")->valuestring, cJSON_GetObjectItem(e, "rule")->valuestring,
              cJSON_GetObjectItem(e, "resource")->valuestring, why ? why->valuestring : "its failures count again; it expired ",
              why ? "" : cJSON_GetObjectItem(e, "expires")->valuestring);
    }
  }
}

static int count(void *sum, const ca_finding_item *f, size_t index) {
  (void)index;
  ca_summary_add(sum, f->counted);
  return 0;
}

static int keep_selected(const cJSON *meta, const void *sel) { return cli_select_keeps(sel, meta); }

int cli_audit(const cli_audit_in *in, ca_packset *ps, ca_run *run, cJSON **results, ca_summary **counted,
              ca_err *err) {
  *results = NULL;
  if (counted) *counted = NULL;
  if (ca_packs_find(in->roots, in->nroots, in->packs, in->npacks, ps, err)) return -1;
  if (ca_packs_load(ps, in->params, in->params_label, err)) return -1;
  if (cli_select_check(in->select, ps, err)) return -1;
  ca_run_opts o = *in->opts;
  if (cli_select_any(in->select)) {   /* a rule outside the selection is loaded, not run */
    o.keep = keep_selected;
    o.keep_arg = in->select;
  }
  if (ca_engine_run(ps, in->snap, &o, run, err)) return -1;
  if (cli_warn_crosswalk(ps, run, in->roots, in->nroots, err)) return -1;
  /* Loud whatever --quiet says: these results are incomplete for a reason
   * other than the snapshot. */
  for (size_t i = 0; i < run->n; i++)
    if (run->v[i].killed)
      fprintf(stderr, "connect-auditor: rule %s (%s) was killed: %s; its unfinished resources are error\n",
              run->v[i].meta ? cJSON_GetObjectItem(run->v[i].meta, "id")->valuestring : "?", run->v[i].file,
              run->v[i].killed);
  if (cli_select_any(in->select)) {   /* a rule outside the selection is not reported; one that could not load is */
    size_t k = 0;
    for (size_t i = 0; i < run->n; i++) {
      if (!run->v[i].meta || cli_select_keeps(in->select, run->v[i].meta)) run->v[k++] = run->v[i];
      else ca_rule_result_free(&run->v[i]);
    }
    run->n = k;
  }
  cJSON *r = ca_results_assemble(in->snap, run, in->generated_at);
  if (!r) return ca_errf(err, CA_EXIT_RUN, "out of memory building results");
  if (in->snapshot_file) cJSON_AddStringToObject(cJSON_GetObjectItem(r, "snapshot"), "file", in->snapshot_file);
  if (cli_select_any(in->select)) {   /* after generated_at: a reader sees the scan was partial */
    cJSON *sel = cli_select_record(in->select), *after = cJSON_GetObjectItem(r, "generated_at");
    cJSON_AddItemToObject(r, "selection", sel);   /* names it; then moved (cJSON inserts by index in arrays only) */
    cJSON_DetachItemViaPointer(r, sel);
    sel->prev = after;
    sel->next = after->next;
    if (after->next) after->next->prev = sel;
    else r->child->prev = sel;
    after->next = sel;
  }
  /* The findings once, to count them and to settle the waivers and
   * attestations, one at a time: the summary comes before them in the file. */
  ca_summary *sum = ca_summary_new();
  ca_accept_run *w = NULL, *a = NULL;
  int rc = -1;
  if (!sum) {
    ca_errf(err, CA_EXIT_RUN, "out of memory building results");
  } else if ((!in->waivers || (w = ca_accept_start(in->waivers, r, err))) &&
             (!in->attestations || (a = ca_accept_start(in->attestations, r, err)))) {
    rc = ca_results_walk(in->snap, run, w, a, CA_ITEM_COUNT, count, sum) || ca_accept_install(w, r) || ca_accept_install(a, r) ||
         ca_summary_install(sum, r) ? ca_errf(err, CA_EXIT_RUN, "out of memory building results") : 0;
  }
  ca_accept_run_free(w);
  ca_accept_run_free(a);
  if (rc) {
    ca_summary_free(sum);
    cJSON_Delete(r);
    return -1;
  }
  if (counted) *counted = sum;
  else ca_summary_free(sum);
  *results = r;
  return 0;
}

int cmd_audit(int argc, char **argv) {
  const char *snapshot_path = NULL, *outdir = "reports/out", *params_path = NULL, *fail_on = "none";
  const char *packs[MAXLIST], *roots[MAXLIST + 1];
  size_t npacks = 0, nroots = 0;
  int quiet = 0, table = 0;
  cli_select sel = {0};
  const char *waivers_path = NULL, *attest_path = NULL;
  const char *db_path = NULL;   /* --db FILE */
  const char *timings_path = NULL;
  int record = 0;               /* --db or --history: history is opt-in (docs/history.md) */
  const ca_format *fmts[CLI_MAX_FORMATS];
  size_t nfmts = 0;
  ca_run_opts opts = {0};
  ca_limits_default(&opts.limits);
  roots[nroots++] = ca_builtin_policies();

  for (int i = 1, k; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDV() do { if (!v) return cli_usage(usage, "%s needs a value", a); i++; } while (0)
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      printf("usage: %s\n\n%s", usage, help);
      return CA_EXIT_OK;
    } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
      NEEDV();
      outdir = v;
    } else if (!strcmp(a, "--pack")) {
      NEEDV();
      if (npacks == MAXLIST) return cli_usage(usage, "too many --pack options");
      packs[npacks++] = v;
    } else if (!strcmp(a, "--policies")) {
      NEEDV();
      if (nroots == MAXLIST + 1) return cli_usage(usage, "too many --policies options");
      roots[nroots++] = v;
    } else if (!strcmp(a, "--params")) {
      NEEDV();
      params_path = v;
    } else if (!strcmp(a, "--format")) {
      NEEDV();
      if (cli_formats(v, fmts, &nfmts)) return cli_usage(usage, "--format %s: expected a comma-separated list of %s", v,
                                                         ca_format_names());
    } else if (!strcmp(a, "--fail-on")) {
      NEEDV();
      if (strcmp(v, "none") && ca_severity_rank(v) < 0)
        return cli_usage(usage, "--fail-on %s: expected critical, high, medium, low, info or none", v);
      fail_on = v;
    } else if (!strcmp(a, "-j") || !strcmp(a, "--jobs")) {
      NEEDV();
      double d = cli_number(v);
      if (d < 1 || d > CA_MAX_JOBS || d != (int)d) return cli_usage(usage, "--jobs %s: expected a whole number from 1 to %d", v, CA_MAX_JOBS);
      opts.jobs = (int)d;
    } else if (!strcmp(a, "--rule-timeout")) {
      NEEDV();
      double d = cli_number(v);
      if (d < 1 || d > 86400) return cli_usage(usage, "--rule-timeout %s: expected seconds from 1 to 86400", v);
      opts.limits.timeout_s = d;
    } else if (!strcmp(a, "--timings")) {
      NEEDV();
      timings_path = v;
    } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
      quiet = 1;
    } else if (!strcmp(a, "--table")) {
      table = 1;
    } else if ((k = cli_select_option(&sel, argc, argv, &i, usage)) != 0) {
      if (k < 0) return CA_EXIT_USAGE;
    } else if (!strcmp(a, "--db")) {
      NEEDV();
      db_path = v;
      record = 1;
    } else if (!strcmp(a, "--history")) {
      record = 1;
    } else if (!strcmp(a, "--waivers")) {
      NEEDV();
      waivers_path = v;
    } else if (!strcmp(a, "--attestations")) {
      NEEDV();
      attest_path = v;
    } else if (a[0] == '-' && a[1]) {
      return cli_usage(usage, "unknown option %s", a);
    } else if (!snapshot_path) {
      snapshot_path = a;
    } else {
      return cli_usage(usage, "one snapshot at a time (got %s and %s)", snapshot_path, a);
    }
#undef NEEDV
  }
  if (!snapshot_path) return cli_usage(usage, "which snapshot? (such as fixtures/demo/prod.json)");
  if (!strcmp(outdir, "-"))
    return cli_usage(usage, "-o -: audit writes a folder (results.json and the reports); "
                            "'report OUTDIR/results.json --format NAME -o -' writes one to standard output");

  ca_err err = {0};
  char when[32];
  ca_snapshot *snap = NULL;
  cJSON *params = NULL, *results = NULL;
  ca_summary *counted = NULL;
  ca_packset ps = {0};
  ca_run run = {0};
  ca_accept *waivers = NULL, *attest = NULL;
  ca_lean *lean = NULL;   /* the strings of results once it is read back lean */
  int rc = CA_EXIT_RUN;
  char path[PATH_MAX];
  /* results.json always: report, diff and verify read it back */
  if (!nfmts || !cli_has_format(fmts, nfmts, "json")) fmts[nfmts++] = ca_format_find("json");
  /* An output never replaces an input (audit D/results.json -o D): checked
   * before anything is read or written.  The history is both. */
  const char *inputs[] = {snapshot_path, params_path, waivers_path, attest_path, db_path};
  for (size_t f = 0; f < nfmts; f++) {
    snprintf(path, sizeof path, "%s/%s", outdir, fmts[f]->file);
    if (ca_output_not_input(path, inputs, sizeof inputs / sizeof inputs[0], &err)) goto done;
  }
  if (db_path && ca_output_not_input(db_path, inputs, 4, &err)) goto done;
  if (generated_at(when, &err)) goto done;
  if (params_path && ca_json_load(params_path, 16L << 20, &params, &err)) goto done;
  /* before the audit: a bad file is an input error, found in a second */
  if (waivers_path && ca_waivers_load(waivers_path, &waivers, &err)) goto done;
  if (attest_path && ca_attestations_load(attest_path, &attest, &err)) goto done;
  if (ca_snapshot_load(snapshot_path, &snap, &err)) goto done;
  char recorded[PATH_MAX];
  cli_snapshot_file(snapshot_path, recorded, sizeof recorded);
  cli_audit_in in = {snap, roots, nroots, packs, npacks, params, params_path, waivers, attest, when, &opts, recorded, &sel};
  if (cli_audit(&in, &ps, &run, &results, &counted, &err)) goto done;
  if (timings_path && write_timings(timings_path, &run, &err)) goto done;
  if (ca_mkdirs(outdir, &err)) goto done;
  /* results.json first, straight from the rules' outputs */
  snprintf(path, sizeof path, "%s/results.json", outdir);
  ca_run_findings src = {snap, &run, waivers, attest, results};
  if (ca_results_write_run(results, &src, path, &err)) goto done;
  int fail_rank = strcmp(fail_on, "none") ? ca_severity_rank(fail_on) : -1;
  long over = fail_rank < 0 ? 0 : ca_summary_count_at_or_above(counted, fail_rank);
  size_t nres, nrules = run.n, npacks_run = ps.n;
  ca_snapshot_all(snap, &nres);
  int show_table = !quiet && (table || isatty(STDERR_FILENO));
  if (nfmts > 1 || record || show_table) {
    /* The other reports, the table and the history read the findings whole:
     * from results.json, as `report` does, once the rules' outputs and the
     * snapshot they were made from are gone (the peak stays the larger of
     * the two, not their sum). */
    ca_run_free(&run);
    ca_packset_free(&ps);
    ca_snapshot_free(snap);
    snap = NULL;
    cJSON_Delete(results);
    if (ca_results_try_lean(path, &results, &lean) && ca_results_load(path, &results, NULL, NULL, NULL, &err))
      goto done;
    for (size_t f = 0; f < nfmts; f++) {
      if (!strcmp(fmts[f]->name, "json")) continue;
      char rpath[PATH_MAX];
      snprintf(rpath, sizeof rpath, "%s/%s", outdir, fmts[f]->file);
      if (ca_report_write(results, fmts[f], rpath, &err)) goto done;
      cli_report_notes(stderr, fmts[f], results, rpath);
    }
  }

  const cJSON *by = cJSON_GetObjectItem(cJSON_GetObjectItem(results, "summary"), "by_status");
  if (!quiet) {
    fprintf(stderr, "connect-auditor: %zu rules from %zu packs on %zu resources: %d pass, %d fail, %d error, "
                    "%d manual, %d skipped, %d waived\nconnect-auditor: wrote %s%s\n",
            nrules, npacks_run, nres, cJSON_GetObjectItem(by, "pass")->valueint, cJSON_GetObjectItem(by, "fail")->valueint,
            cJSON_GetObjectItem(by, "error")->valueint, cJSON_GetObjectItem(by, "manual")->valueint,
            cJSON_GetObjectItem(by, "skipped")->valueint, cJSON_GetObjectItem(by, "waived")->valueint, path,
            nfmts > 1 ? " and the other reports beside it" : "");
    print_accepted(results, "waivers");
    print_accepted(results, "attestations");
    if (over) fprintf(stderr, "connect-auditor: %ld findings failed or undecided at or above %s\n", over, fail_on);
    if (show_table) cli_findings_table(stderr, results);
  }
  rc = over ? CA_EXIT_FINDINGS : CA_EXIT_OK;
  /* After the reports: a history that cannot be written must not cost the
   * report, and its error (exit 2 or 3) outranks the findings' exit 1. */
  if (record && cli_history_record(db_path, results, quiet, &err))
    ca_err_prefix(&err, "%s is written, but this audit is not in the history: ", path);
done:
  if (err.code) rc = cli_fail(&err);
  cJSON_Delete(results);
  ca_lean_free(lean);
  ca_summary_free(counted);
  ca_run_free(&run);
  ca_packset_free(&ps);
  ca_snapshot_free(snap);
  cJSON_Delete(params);
  ca_accept_free(waivers);
  ca_accept_free(attest);
  return rc;
}
