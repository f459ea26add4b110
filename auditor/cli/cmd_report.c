/* report: render a results.json again (an old scan, or one a customer sent)
 * in any format, byte for byte what `audit --format` wrote. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "cli/cli.h"
#include "results/lean.h"
#include "results/load.h"
#include "report/report.h"
#include "results/merge.h"
#include "store/history.h"
#include "util/jsonfile.h"
#include "util/fsutil.h"

void cli_report_notes(FILE *out, const ca_format *f, const cJSON *results, const char *path) {
  char note[512];
  if (ca_report_note(f, results, path, note, sizeof note)) fprintf(out, "connect-auditor: warning: %s\n", note);
}


static const char usage[] = "connect-auditor report RESULTS.json --format NAME -o FILE [--db FILE]";

/* The trend report.html draws (ca_render_html_trend): the account's scans
 * in the history up to this one, oldest first, then this one -- a scan
 * recorded with the same snapshot and clock is this one, not counted twice. */
static cJSON *trend_of(const char *db, const cJSON *results, ca_err *err) {
  const cJSON *sn = cJSON_GetObjectItemCaseSensitive(results, "snapshot");
  const char *account = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(sn, "account_id"));
  const char *at = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(results, "generated_at"));
  const char *sha = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(sn, "sha256"));
  ca_history *h = NULL;
  cJSON *scans = NULL, *trend = NULL;
  if (ca_history_open(db, 0, &h, err) || ca_history_list(h, account ? account : "", CA_TREND_SCANS, &scans, err))
    goto done;
  trend = cJSON_CreateArray();
  const cJSON *s;
  for (int i = cJSON_GetArraySize(scans) - 1; trend && i >= 0; i--) {   /* the list is newest first */
    s = cJSON_GetArrayItem(scans, i);
    const char *g = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(s, "generated_at"));
    const char *x = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(s, "snapshot_sha256"));
    if (!g || !at || strcmp(g, at) > 0) continue;   /* after this scan: not its past */
    if (!strcmp(g, at) && x && sha && !strcmp(x, sha)) continue;   /* this scan, recorded */
    const cJSON *bs = cJSON_GetObjectItemCaseSensitive(s, "by_status"), *fw;
    double failing = 0;
    cJSON_ArrayForEach(fw, cJSON_GetObjectItemCaseSensitive(s, "frameworks"))
      failing += cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(fw, "failing"));
    cJSON *p = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "generated_at", g);
    cJSON_AddNumberToObject(p, "fail", cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(bs, "fail")));
    cJSON_AddNumberToObject(p, "error", cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(bs, "error")));
    cJSON_AddNumberToObject(p, "failing_controls", failing);
    cJSON_AddItemToArray(trend, p);
  }
  const cJSON *sum = cJSON_GetObjectItemCaseSensitive(results, "summary"), *fw;
  const cJSON *bs = cJSON_GetObjectItemCaseSensitive(sum, "by_status");
  double failing = 0;
  cJSON_ArrayForEach(fw, cJSON_GetObjectItemCaseSensitive(sum, "frameworks"))
    failing += cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(fw, "counts"), "failing"));
  cJSON *p = cJSON_CreateObject();
  cJSON_AddStringToObject(p, "generated_at", at ? at : "");
  cJSON_AddNumberToObject(p, "fail", cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(bs, "fail")));
  cJSON_AddNumberToObject(p, "error", cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(bs, "error")));
  cJSON_AddNumberToObject(p, "failing_controls", failing);
  if (trend) cJSON_AddItemToArray(trend, p);
  else cJSON_Delete(p);
  if (!trend) ca_errf(err, CA_EXIT_RUN, "out of memory reading the history");
  /* the oldest beyond the chart's points go */
  while (trend && cJSON_GetArraySize(trend) > CA_TREND_SCANS) cJSON_DeleteItemFromArray(trend, 0);
done:
  cJSON_Delete(scans);
  ca_history_close(h);
  return trend;
}

typedef struct html_trend {
  const cJSON *results, *trend;
} html_trend;

static int render_trend(void *arg, ca_buf *out, ca_err *err) {
  const html_trend *h = arg;
  return ca_render_html_trend(h->results, h->trend, out, err);
}

int cmd_report(int argc, char **argv) {
  const char *in = NULL, *out = NULL, *fmt = NULL, *db = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      size_t n;
      const ca_format *f = ca_formats(&n);
      printf("usage: %s\n\nRenders a results.json (connect-auditor/results/v1) -- one that passes the check\n"
             "diff and verify apply, its digest included (docs/diff.md) -- or an estate.json that\n"
             "merge wrote (docs/merge.md), as:\n", usage);
      for (size_t k = 0; k < n; k++) printf("  %-6s %-14s %s\n", f[k].name, f[k].file, f[k].what);
      return CA_EXIT_OK;
    } else if (!strcmp(a, "--format")) {
      if (!v) return cli_usage(usage, "%s needs a value", a);
      fmt = argv[++i];
    } else if (!strcmp(a, "--db")) {   /* html: a trend chart from this history (docs/history.md) */
      if (!v) return cli_usage(usage, "%s needs a value", a);
      db = argv[++i];
    } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
      if (!v) return cli_usage(usage, "%s needs a value", a);
      out = argv[++i];
    } else if (a[0] == '-' && a[1]) {
      return cli_usage(usage, "unknown option %s", a);
    } else if (!in) {
      in = a;
    } else {
      return cli_usage(usage, "one results file at a time (got %s and %s)", in, a);
    }
  }
  if (!in || !fmt || !out) return cli_usage(usage, "needs RESULTS.json, --format and -o");
  const ca_format *f = ca_format_find(fmt);
  if (!f) return cli_usage(usage, "--format %s: expected one of %s", fmt, ca_format_names());
  if (db && strcmp(f->name, "html")) return cli_usage(usage, "--db: only the html report draws a trend");
  ca_err err = {0};
  cJSON *results = NULL;
  /* the check diff and verify apply, and the digest: only what audit (or
   * merge: an estate.json) wrote renders */
  char *text = NULL;
  size_t len = 0;
  ca_lean *lean = NULL;   /* a results.json is read lean (results/lean.h); an estate.json whole */
  if (ca_output_not_input(out, &in, 1, &err)) return cli_fail(&err);
  if (!ca_results_try_lean(in, &results, &lean) && ca_is_estate(results)) {   /* estates have checks of their own */
    cJSON_Delete(results);
    ca_lean_free(lean);
    results = NULL;
    lean = NULL;
  }
  if (!results) {
    if (ca_read_file(in, CA_MAX_RESULTS_BYTES, &text, &len, &err) || ca_json_parse(in, text, len, &results, &err)) {
      free(text);
      return cli_fail(&err);
    }
    int bad = ca_is_estate(results) ? ca_estate_accept(in, text, len, results, &err)
                                    : ca_results_accept(in, text, len, results, NULL, &err);
    free(text);
    if (bad) {
      cJSON_Delete(results);
      return cli_fail(&err);
    }
  }
  if (!db || ca_is_estate(results)) {
    if (!ca_report_write(results, f, out, &err)) cli_report_notes(stderr, f, results, out);
  } else {
    cJSON *trend = trend_of(db, results, &err);
    html_trend h = {results, trend};
    if (trend) ca_report_write_with(out, "html", render_trend, &h, &err);
    cJSON_Delete(trend);
  }
  cJSON_Delete(results);
  ca_lean_free(lean);
  return err.code ? cli_fail(&err) : CA_EXIT_OK;
}
