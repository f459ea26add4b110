/* report: render a results.json again (an old scan, or one a customer sent)
 * in any format, byte for byte what `audit --format` wrote. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "cli/cli.h"
#include "results/load.h"
#include "results/merge.h"
#include "util/jsonfile.h"
#include "util/fsutil.h"

void cli_report_notes(FILE *out, const ca_format *f, const cJSON *results, const char *path) {
  char note[512];
  if (ca_report_note(f, results, path, note, sizeof note)) fprintf(out, "connect-auditor: warning: %s\n", note);
}

static const char usage[] = "connect-auditor report RESULTS.json --format NAME -o FILE";

int cmd_report(int argc, char **argv) {
  const char *in = NULL, *out = NULL, *fmt = NULL;
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
  ca_err err = {0};
  cJSON *results = NULL;
  /* the check diff and verify apply, and the digest: only what audit (or
   * merge: an estate.json) wrote renders */
  char *text = NULL;
  size_t len = 0;
  if (ca_output_not_input(out, &in, 1, &err) || ca_read_file(in, CA_MAX_RESULTS_BYTES, &text, &len, &err) ||
      ca_json_parse(in, text, len, &results, &err)) {
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
  if (!ca_report_write(results, f, out, &err)) cli_report_notes(stderr, f, results, out);
  cJSON_Delete(results);
  return err.code ? cli_fail(&err) : CA_EXIT_OK;
}
