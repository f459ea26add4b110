/* diff OLD NEW: two results.json (what changed between two scans) or two
 * snapshots (stage drift).  docs/diff.md is the contract. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "cli/cli.h"
#include "results/diff.h"
#include "results/load.h"
#include "results/results.h"
#include "snapshot/drift.h"
#include "snapshot/snapshot.h"
#include "util/fsutil.h"
#include "util/jsonfile.h"

static const char usage[] =
  "connect-auditor diff OLD.json NEW.json [--format text|json] [-o FILE]\n"
  "                     [--fail-on SEVERITY|none] [--new-only] [--allow-account-change]";

static const char help[] =
  "Two results.json (connect-auditor/results/v1): what changed between two scans --\n"
  "new failures, resolved, still failing, status changed, changed evidence,\n"
  "disappeared, appeared.  Two snapshots (connect-auditor/snapshot/v1), e.g.\n"
  "DEV.json PROD.json: stage drift -- configuration that differs where the stages\n"
  "should be identical (users, queues, routing profiles, quick connects are left aside).\n\n"
  "  --format text|json      text (default) for people; json for machines (docs/diff.md)\n"
  "  -o, --output FILE       write there (atomically) instead of stdout\n"
  "  --fail-on SEVERITY      exit 1 if a finding at or above SEVERITY fails or errs in NEW;\n"
  "                          with two snapshots: --fail-on any exits 1 on any drift\n"
  "  --new-only              --fail-on counts only NEW failures (not failing in OLD), so a\n"
  "                          periodic scan breaks the build on regressions only\n"
  "  --allow-account-change  compare results of two accounts (refused by default)\n";

#define MAX_INPUT_BYTES (CA_MAX_SNAPSHOT_BYTES > CA_MAX_RESULTS_BYTES ? CA_MAX_SNAPSHOT_BYTES : CA_MAX_RESULTS_BYTES)

/* 1 results, 2 snapshot, 0 neither (err set). */
static int kind_of(const cJSON *doc, const char *label, ca_err *err) {
  const cJSON *s = cJSON_GetObjectItemCaseSensitive(doc, "schema");
  if (cJSON_IsString(s) && !strcmp(s->valuestring, CA_RESULTS_SCHEMA)) return 1;
  if (cJSON_IsString(s) && !strcmp(s->valuestring, CA_SNAPSHOT_SCHEMA)) return 2;
  ca_errf(err, CA_EXIT_USAGE, "%s: /schema: expected \"%s\" or \"%s\"", label, CA_RESULTS_SCHEMA, CA_SNAPSHOT_SCHEMA);
  return 0;
}

int cmd_diff(int argc, char **argv) {
  const char *paths[2] = {NULL, NULL}, *outfile = NULL, *format = "text", *fail_on = "none";
  int new_only = 0, allow_account = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDV() do { if (!v) return cli_usage(usage, "%s needs a value", a); i++; } while (0)
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      printf("usage: %s\n\n%s", usage, help);
      return CA_EXIT_OK;
    } else if (!strcmp(a, "--format")) {
      NEEDV();
      if (strcmp(v, "text") && strcmp(v, "json")) return cli_usage(usage, "--format %s: expected text or json", v);
      format = v;
    } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
      NEEDV();
      outfile = v;
    } else if (!strcmp(a, "--fail-on")) {
      NEEDV();
      if (strcmp(v, "none") && strcmp(v, "any") && ca_severity_rank(v) < 0)
        return cli_usage(usage, "--fail-on %s: expected critical, high, medium, low, info, none (or any, for snapshots)", v);
      fail_on = v;
    } else if (!strcmp(a, "--new-only")) {
      new_only = 1;
    } else if (!strcmp(a, "--allow-account-change")) {
      allow_account = 1;
    } else if (a[0] == '-' && a[1]) {
      return cli_usage(usage, "unknown option %s", a);
    } else if (!paths[0] || !paths[1]) {
      paths[paths[0] ? 1 : 0] = a;
    } else {
      return cli_usage(usage, "two files at a time (got %s, %s and %s)", paths[0], paths[1], a);
    }
#undef NEEDV
  }
  if (!paths[1]) return cli_usage(usage, "needs OLD.json and NEW.json");

  ca_err err = {0};
  cJSON *docs[2] = {NULL, NULL}, *diff = NULL;
  ca_snapshot *snaps[2] = {NULL, NULL};
  ca_buf out;
  ca_buf_init(&out, CA_MAX_REPORT_BYTES);
  int rc = CA_EXIT_RUN, kinds[2] = {0, 0};
  long gate = 0;
  if (outfile && ca_output_not_input(outfile, paths, 2, &err)) goto done;
  for (int k = 0; k < 2; k++) {
    char *text;
    size_t len;
    if (ca_read_file(paths[k], MAX_INPUT_BYTES, &text, &len, &err)) goto done;
    int bad = ca_json_parse(paths[k], text, len, &docs[k], &err) || !(kinds[k] = kind_of(docs[k], paths[k], &err)) ||
              /* a results.json: the check report and verify apply, and its digest */
              (kinds[k] == 1 && ca_results_accept(paths[k], text, len, docs[k], NULL, &err));
    free(text);
    if (bad) goto done;
  }
  if (kinds[0] != kinds[1]) {
    ca_errf(&err, CA_EXIT_USAGE, "%s is a %s, %s a %s: diff compares two results.json or two snapshots", paths[0],
            kinds[0] == 1 ? "results.json" : "snapshot", paths[1], kinds[1] == 1 ? "results.json" : "snapshot");
    goto done;
  }
  if (kinds[0] == 1) {
    if (!strcmp(fail_on, "any")) {
      rc = cli_usage(usage, "--fail-on any applies to two snapshots; for results name a severity");
      goto done;
    }
    ca_diff_opts o = {paths[0], paths[1], allow_account, strcmp(fail_on, "none") ? ca_severity_rank(fail_on) : -1,
                      new_only};
    if (ca_diff_results(docs[0], docs[1], &o, &diff, &gate, &err))
      goto done;
  } else {
    if (new_only || (strcmp(fail_on, "none") && strcmp(fail_on, "any"))) {
      rc = cli_usage(usage, "two snapshots have no findings: --fail-on takes any or none there, and --new-only does not apply");
      goto done;
    }
    for (int k = 0; k < 2; k++) {
      cJSON *root = docs[k];
      docs[k] = NULL;
      if (ca_snapshot_adopt(paths[k], root, &snaps[k], &err)) goto done;   /* adopt frees root on error */
    }
    if (ca_drift(snaps[0], paths[0], snaps[1], paths[1], &diff, &gate, &err)) goto done;
    if (strcmp(fail_on, "any")) gate = 0;
  }
  if (!strcmp(format, "json") ? ca_render_json(diff, &out, &err) : ca_diff_render_text(diff, &out, &err)) goto done;
  if (outfile) {
    if (ca_write_atomic(outfile, out.data, out.len, &err)) goto done;
    fprintf(stderr, "connect-auditor: wrote %s\n", outfile);
  } else if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout)) {
    ca_errf(&err, CA_EXIT_RUN, "cannot write to stdout");
    goto done;
  }
  if (gate && kinds[0] == 1)
    fprintf(stderr, "connect-auditor: %ld %sfindings failed or undecided at or above %s\n", gate,
            new_only ? "new " : "", fail_on);
  else if (gate)
    fprintf(stderr, "connect-auditor: %ld differences between the stages\n", gate);
  rc = gate ? CA_EXIT_FINDINGS : CA_EXIT_OK;
done:
  if (err.code) rc = cli_fail(&err);
  ca_buf_free(&out);
  cJSON_Delete(diff);
  for (int k = 0; k < 2; k++) {
    cJSON_Delete(docs[k]);
    ca_snapshot_free(snaps[k]);
  }
  return rc;
}
