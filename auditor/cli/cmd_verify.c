/* verify RESULTS.json SNAPSHOT.json: recompute the hashes, say whether the
 * report belongs to that snapshot and those packs (docs/diff.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "cli/cli.h"
#include "policy/pack.h"
#include "results/diff.h"
#include "results/verify.h"
#include "util/fsutil.h"

static const char usage[] =
  "connect-auditor verify RESULTS.json SNAPSHOT.json [--policies DIR]... [--pack NAME]... [--format text|json]";

static const char help[] =
  "Recomputes results.json's digest (over its own bytes) and its summary, and the SHA-256\n"
  "of the snapshot and of every pack the report names (built-in packs and --policies\n"
  "folders, found as audit finds them), and compares them with the report's.\n"
  "Exit 0: verified; 1: a mismatch (each one listed); 2: an input error.\n\n"
  "  --policies DIR   also look for packs in DIR, as audit --policies did\n"
  "  --pack NAME      the report must have been made with exactly these packs\n"
  "  --format text|json\n";

#define MAXLIST 64

static void text(const cJSON *doc, const char *results_path, ca_buf *b) {
  const cJSON *mm = cJSON_GetObjectItem(doc, "mismatches"), *m, *p;
  const cJSON *snap = cJSON_GetObjectItem(doc, "snapshot");
  if (!cJSON_GetArraySize(mm)) {
    ca_buf_adds(b, "verified: ");
    ca_diff_text_escape(b, results_path);
    ca_buf_printf(b, " (%s) belongs to ",
                  cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "results"), "digest")));
    ca_diff_text_escape(b, cJSON_GetStringValue(cJSON_GetObjectItem(snap, "file")));
    ca_buf_printf(b, " (sha256 %s)", cJSON_GetStringValue(cJSON_GetObjectItem(snap, "sha256")));
    cJSON_ArrayForEach(p, cJSON_GetObjectItem(doc, "packs")) {
      ca_buf_adds(b, p == cJSON_GetObjectItem(doc, "packs")->child ? " and packs " : ", ");
      ca_diff_text_escape(b, cJSON_GetStringValue(cJSON_GetObjectItem(p, "name")));
      ca_buf_adds(b, " ");
      ca_diff_text_escape(b, cJSON_GetStringValue(cJSON_GetObjectItem(p, "recorded_version")));
      ca_buf_printf(b, " (sha256 %s)", cJSON_GetStringValue(cJSON_GetObjectItem(p, "sha256")));
    }
    ca_buf_adds(b, "\n");
    return;
  }
  ca_buf_adds(b, "NOT verified: ");
  ca_diff_text_escape(b, results_path);
  ca_buf_printf(b, ": %d mismatch%s\n", cJSON_GetArraySize(mm), cJSON_GetArraySize(mm) == 1 ? "" : "es");
  cJSON_ArrayForEach(m, mm) {
    const char *rec = cJSON_GetStringValue(cJSON_GetObjectItem(m, "recorded"));
    const char *act = cJSON_GetStringValue(cJSON_GetObjectItem(m, "actual"));
    ca_buf_printf(b, "  %s ", cJSON_GetStringValue(cJSON_GetObjectItem(m, "kind")));
    ca_diff_text_escape(b, cJSON_GetStringValue(cJSON_GetObjectItem(m, "name")));
    ca_buf_adds(b, ": ");
    ca_diff_text_escape(b, cJSON_GetStringValue(cJSON_GetObjectItem(m, "detail")));
    if (rec) ca_buf_adds(b, "; report has "), ca_diff_text_escape(b, rec);
    if (act) ca_buf_adds(b, ", found "), ca_diff_text_escape(b, act);
    ca_buf_adds(b, "\n");
  }
}

int cmd_verify(int argc, char **argv) {
  const char *paths[2] = {NULL, NULL}, *format = "text";
  const char *packs[MAXLIST], *roots[MAXLIST + 1];
  size_t npacks = 0, nroots = 0;
  roots[nroots++] = ca_builtin_policies();
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDV() do { if (!v) return cli_usage(usage, "%s needs a value", a); i++; } while (0)
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      printf("usage: %s\n\n%s", usage, help);
      return CA_EXIT_OK;
    } else if (!strcmp(a, "--policies")) {
      NEEDV();
      if (nroots == MAXLIST + 1) return cli_usage(usage, "too many --policies options");
      roots[nroots++] = v;
    } else if (!strcmp(a, "--pack")) {
      NEEDV();
      if (npacks == MAXLIST) return cli_usage(usage, "too many --pack options");
      packs[npacks++] = v;
    } else if (!strcmp(a, "--format")) {
      NEEDV();
      if (strcmp(v, "text") && strcmp(v, "json")) return cli_usage(usage, "--format %s: expected text or json", v);
      format = v;
    } else if (a[0] == '-' && a[1]) {
      return cli_usage(usage, "unknown option %s", a);
    } else if (!paths[0] || !paths[1]) {
      paths[paths[0] ? 1 : 0] = a;
    } else {
      return cli_usage(usage, "one results file and one snapshot (got %s, %s and %s)", paths[0], paths[1], a);
    }
#undef NEEDV
  }
  if (!paths[1]) return cli_usage(usage, "needs RESULTS.json and SNAPSHOT.json");

  ca_err err = {0};
  cJSON *results = NULL, *doc = NULL;
  ca_results_digest dg;
  char *snap = NULL;
  size_t snap_len;
  ca_buf out;
  ca_buf_init(&out, CA_MAX_REPORT_BYTES);
  int rc = CA_EXIT_RUN;
  if (ca_results_load(paths[0], &results, &dg, NULL, NULL, &err)) goto done;
  /* the snapshot need not load: a tampered one that no longer parses is a mismatch */
  if (ca_read_file(paths[1], CA_MAX_SNAPSHOT_BYTES, &snap, &snap_len, &err)) goto done;
  ca_verify_in in = {results, paths[0], &dg, paths[1], snap, snap_len, roots, nroots, packs, npacks};
  if (ca_verify(&in, &doc, &err)) goto done;
  if (!strcmp(format, "json")) {
    if (ca_render_json(doc, &out, &err)) goto done;
  } else {
    text(doc, paths[0], &out);
  }
  if (!out.data || fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout)) {
    ca_errf(&err, CA_EXIT_RUN, "cannot write to stdout (or the report outgrew %zu bytes)", out.cap);
    goto done;
  }
  rc = cJSON_IsTrue(cJSON_GetObjectItem(doc, "verified")) ? CA_EXIT_OK : CA_EXIT_FINDINGS;
done:
  if (err.code) rc = cli_fail(&err);
  ca_buf_free(&out);
  free(snap);
  cJSON_Delete(doc);
  cJSON_Delete(results);
  return rc;
}
