/* results.json is what was written: its digest (docs/diff.md, "The results
 * digest") recomputed with standard tools and by every reader; the one check
 * report, diff and verify apply; verify --reaudit; the evidence bundle and
 * its signature, checked by connect-auditor and by tar, sha256sum and
 * openssl as docs/evidence.md tells an auditor to. */
#define _XOPEN_SOURCE 700
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "report/report.h"
#include "results/load.h"
#include "util/buf.h"
#include "util/fsutil.h"

#include "testutil.h"

#define SRC CA_TEST_SRC
#define PROD CA_TEST_SRC "/fixtures/demo/prod.json"
#define DEV CA_TEST_SRC "/fixtures/demo/dev.json"
#define WAIVERS CA_TEST_SRC "/fixtures/demo/waivers.json"
#define ATTEST CA_TEST_SRC "/fixtures/demo/attestations.json"

static tu_out ca(const char *first, ...) {
  const char *args[40] = {first};
  va_list ap;
  va_start(ap, first);
  for (int n = 1; n < 39 && args[n - 1]; n++) args[n] = va_arg(ap, const char *);
  va_end(ap);
  return tu_run(args);
}

/* /bin/sh -c script in tu_dir; the exit code, *out (freed by the caller) its
 * stdout and stderr together. */
static int sh(char **out, const char *fmt, ...) {
  char script[4096], full[4200];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(script, sizeof script, fmt, ap);
  va_end(ap);
  snprintf(full, sizeof full, "cd '%s' && %s", tu_dir, script);
  const char *argv[] = {"/bin/sh", "-c", full, NULL};
  int code = tu_spawn(argv, NULL, tu_path("sh.out"), NULL);
  char *o = tu_read(tu_path("sh.out"), NULL);
  if (out) *out = o;
  else free(o);
  return code;
}

/* The program is on PATH (the tests that need one skip cleanly without it,
 * unless CA_REQUIRE_TOOLS asks for every tool). */
static int have(const char *prog) {
  char cmd[256];
  snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", prog);
  if (!system(cmd)) return 1;
  ck_assert_msg(!getenv("CA_REQUIRE_TOOLS"), "%s is not installed (CA_REQUIRE_TOOLS is set)", prog);
  fprintf(stderr, "skipped: %s is not installed\n", prog);
  return 0;
}

static void setup(void) { tu_setup("verify"); }
static void teardown(void) { tu_teardown(); }

/* audit PROD (with the demo's waivers and attestations) into tu_dir/out. */
static const char *audit_demo(void) {
  tu_out r = ca("audit", PROD, "-o", tu_path("out"), "-q", "--waivers", WAIVERS, "--attestations", ATTEST,
                "--format", "json,html,md,sarif", NULL);
  ck_assert_msg(r.code == 0, "audit: %s", r.err);
  tu_done(&r);
  static char path[128];   /* tu_path's buffers are reused */
  snprintf(path, sizeof path, "%s/out/results.json", tu_dir);
  return path;
}

/* path with the first occurrence of from replaced by to. */
static void edit(const char *path, const char *from, const char *to) {
  char *t = tu_read(path, NULL), *hit = strstr(t, from);
  ck_assert_msg(hit != NULL, "%s lacks %s", path, from);
  ca_buf b;
  ca_buf_init(&b, 1 << 30);
  ca_buf_add(&b, t, (size_t)(hit - t));
  ca_buf_adds(&b, to);
  ca_buf_adds(&b, hit + strlen(from));
  tu_spit(path, b.data);
  ca_buf_free(&b);
  free(t);
}

/* Every "status": "fail" of path made "pass", as an editor would. */
static int fail_to_pass(const char *path) {
  char *t = tu_read(path, NULL);
  int n = 0;
  for (char *p = t; (p = strstr(p, "\"status\":\t\"fail\"")); p += 9, n++) memcpy(p + 11, "pass", 4);
  tu_spit(path, t);
  free(t);
  return n;
}

/* Seals path again (tests/seal_results.py): the digest an editor who knows
 * the recipe recomputes. */
static void reseal(const char *path) {
  char cmd[600];
  snprintf(cmd, sizeof cmd, "python3 '%s/tests/seal_results.py' '%s'", SRC, path);
  ck_assert_int_eq(system(cmd), 0);
}

/* ---- the digest --------------------------------------------------------------- */

START_TEST(digest_is_the_sha256_of_the_bytes_before_it) {
  const char *res = audit_demo();
  size_t len;
  char *text = tu_read(res, &len);
  /* the last member, on the line before the closing brace */
  const char *line = strstr(text, "\n\t\"digest\":\t\"sha256:");
  ck_assert_ptr_nonnull(line);
  ck_assert_uint_eq((size_t)(line + 1 - text), len - strlen("\t\"digest\":\t\"sha256:\"\n}\n") - 64);
  /* recomputed by the library ... */
  ca_results_digest d;
  ca_err e = {0};
  ck_assert(!ca_results_digest_of(text, len, "r", &d, &e));
  ck_assert(d.ok);
  ck_assert_int_eq(strncmp(line + strlen("\n\t\"digest\":\t\"sha256:"), d.actual, 64), 0);
  free(text);
  /* ... and with the tools docs/diff.md names */
  if (have("sha256sum") && have("jq") && have("head")) {
    char *o;
    ck_assert_int_eq(sh(&o, "test \"$(head -n -2 out/results.json | sha256sum | cut -d' ' -f1)\" = "
                            "\"$(jq -r '.digest | ltrimstr(\"sha256:\")' out/results.json)\" && echo same"), 0);
    ck_assert_str_eq(o, "same\n");
    free(o);
  }
  /* report --format json writes the same bytes again, digest and all */
  tu_out r = ca("report", res, "--format", "json", "-o", tu_path("again.json"), NULL);
  ck_assert_msg(r.code == 0, "%s", r.err);
  tu_done(&r);
  char *a = tu_read(res, &len), *b = tu_read(tu_path("again.json"), NULL);
  ck_assert_str_eq(a, b);
  free(a);
  free(b);
}
END_TEST

START_TEST(an_edited_results_json_is_refused_by_every_reader) {
  const char *res = audit_demo();
  tu_out r = ca("verify", res, PROD, NULL);
  ck_assert_msg(r.code == 0, "%s%s", r.out, r.err);
  HAS(r.out, "verified: ");
  HAS(r.out, "(sha256:");
  tu_done(&r);
  ck_assert_int_gt(fail_to_pass(res), 10);
  /* verify: not verified, which digest was recorded and which the bytes give */
  r = ca("verify", res, PROD, NULL);
  ck_assert_int_eq(r.code, 1);
  HAS(r.out, "NOT verified: ");
  HAS(r.out, "  results_digest ");
  HAS(r.out, "results.json was changed after it was written");
  tu_done(&r);
  r = ca("verify", res, PROD, "--format", "json", NULL);
  ck_assert_int_eq(r.code, 1);
  cJSON *d = cJSON_Parse(r.out);
  ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(d, "verified")));
  const cJSON *m = cJSON_GetArrayItem(cJSON_GetObjectItem(d, "mismatches"), 0);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(m, "kind")), "results_digest");
  ck_assert_str_ne(cJSON_GetStringValue(cJSON_GetObjectItem(m, "recorded")),
                   cJSON_GetStringValue(cJSON_GetObjectItem(m, "actual")));
  cJSON_Delete(d);
  tu_done(&r);
  /* report and diff: an input error naming the file and /digest */
  r = ca("report", res, "--format", "html", "-o", tu_path("r.html"), NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, "results.json: /digest: sha256:");
  HAS(r.err, "the file was changed after it was written");
  ck_assert(!ca_is_file(tu_path("r.html")));
  tu_done(&r);
  r = ca("diff", res, res, NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, "results.json: /digest: sha256:");
  tu_done(&r);
  /* sealed again with the recipe: the digest holds, but the summary still
   * counts the failures the findings no longer show */
  if (!have("python3")) return;
  reseal(res);
  r = ca("verify", res, PROD, NULL);
  ck_assert_int_eq(r.code, 1);
  LACKS(r.out, "results_digest");
  HAS(r.out, "  summary ");
  HAS(r.out, "the summary does not count the findings the file holds");
  tu_done(&r);
}
END_TEST

/* Writes doc to path as audit would: printed and sealed, so the digest holds
 * and only the shape can be wrong. */
static void save_sealed(const char *path, const cJSON *doc) {
  ca_buf b;
  ca_buf_init(&b, 1 << 30);
  ca_err e = {0};
  ck_assert(!ca_render_results_json(doc, &b, &e));
  ca_buf_add(&b, "", 1);
  tu_spit(path, b.data);
  ca_buf_free(&b);
}

static cJSON *at(cJSON *o, const char *k) { return cJSON_GetObjectItemCaseSensitive(o, k); }
static cJSON *first(cJSON *o, const char *k) { return cJSON_GetArrayItem(at(o, k), 0); }
static void set(cJSON *o, const char *k, cJSON *v) { cJSON_ReplaceItemInObjectCaseSensitive(o, k, v); }

START_TEST(report_diff_verify_apply_one_check) {
  /* the example: a bare schema used to render a clean 0-finding report */
  const char *bare = tu_put("bare.json", "{\"schema\":\"connect-auditor/results/v1\"}");
  const char *const cmds[][8] = {{"report", bare, "--format", "html", "-o", tu_path("bare.html"), NULL},
                                 {"diff", bare, bare, NULL},
                                 {"verify", bare, PROD, NULL}};
  for (int i = 0; i < 3; i++) {
    tu_out r = tu_run(cmds[i]);
    ck_assert_msg(r.code == 2, "%s: exit %d", cmds[i][0], r.code);
    HAS(r.err, "bare.json: /tool: expected an object");
    tu_done(&r);
  }
  ck_assert(!ca_is_file(tu_path("bare.html")));
  /* a results.json as audit writes it, one member broken at a time (and
   * sealed again): each reader names the same pointer */
  const char *res = audit_demo();
  static const char *const msgs[] = {
    "/generated_at: expected an RFC 3339 time",
    "/snapshot/account_id: expected a string",
    "/packs/0/sha256: expected a SHA-256: 64 lowercase hex digits",
    "/rules/0/severity: expected critical, high, medium, low or info",
    "/rules: expected an array",
    "/findings/0/severity: expected critical, high, medium, low or info",
    "/findings/0/status: expected pass, fail, error, manual, skipped or waived",
    "/findings/0/resource: expected an object",
    "/findings/0/evidence: expected an array",
    "/findings/0/waiver: expected null or an object",
    "/summary/by_status/pass: expected a number",
    "/summary/findings: expected ",
    "/waivers/sha256: expected a SHA-256",
  };
  for (size_t i = 0; i < sizeof msgs / sizeof msgs[0]; i++) {
    cJSON *doc = tu_load(res);
    cJSON_DeleteItemFromObjectCaseSensitive(doc, "digest");
    switch (i) {
    case 0: set(doc, "generated_at", cJSON_CreateString("yesterday")); break;
    case 1: set(at(doc, "snapshot"), "account_id", cJSON_CreateNumber(111122223333.0)); break;
    case 2: set(first(doc, "packs"), "sha256", cJSON_CreateString("abc")); break;
    case 3: set(first(doc, "rules"), "severity", cJSON_CreateString("urgent")); break;
    case 4: set(doc, "rules", cJSON_CreateObject()); break;
    case 5: set(first(doc, "findings"), "severity", cJSON_CreateString("urgent")); break;
    case 6: set(first(doc, "findings"), "status", cJSON_CreateString("ok")); break;
    case 7: cJSON_DeleteItemFromObjectCaseSensitive(first(doc, "findings"), "resource"); break;
    case 8: set(first(doc, "findings"), "evidence", cJSON_CreateObject()); break;
    case 9: set(first(doc, "findings"), "waiver", cJSON_CreateString("none")); break;
    case 10: set(at(at(doc, "summary"), "by_status"), "pass", cJSON_CreateString("many")); break;
    case 11: set(at(doc, "summary"), "findings", cJSON_CreateNumber(3)); break;
    case 12: set(at(doc, "waivers"), "sha256", cJSON_CreateString("w")); break;
    }
    save_sealed(tu_path("broken.json"), doc);
    cJSON_Delete(doc);
    const char *b = tu_path("broken.json");
    const char *const run[][8] = {{"report", b, "--format", "md", "-o", tu_path("x.md"), NULL},
                                  {"diff", b, b, NULL},
                                  {"verify", b, PROD, NULL}};
    for (int k = 0; k < 3; k++) {
      tu_out r = tu_run(run[k]);
      ck_assert_msg(r.code == 2, "%s on case %zu: exit %d %s", run[k][0], i, r.code, r.err);
      HAS(r.err, "broken.json: ");
      HAS(r.err, msgs[i]);
      tu_done(&r);
    }
    ck_assert(!ca_is_file(tu_path("x.md")));
  }
  /* no digest at all (as results.json was before it had one) */
  edit(res, ",\n\t\"digest\":\t\"sha256:", "\n\t, \"x\": \"sha256:");
  tu_out r = ca("report", res, "--format", "md", "-o", tu_path("x.md"), NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, "/digest: expected the last member");
  tu_done(&r);
  /* a second digest earlier in the document, the whole sealed again */
  if (!have("python3")) return;
  edit(res, "\n\t, \"x\": \"sha256:", ",\n\t\"digest\":\t\"sha256:");
  edit(res, "{\n", "{\n\t\"digest\":\t\"sha256:forged\",\n");
  reseal(res);
  r = ca("report", res, "--format", "md", "-o", tu_path("x.md"), NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, "/digest: expected once, as the last member");
  tu_done(&r);
}
END_TEST

int main(void) {
  Suite *su = suite_create("verify");
  TCase *tc = tcase_create("digest");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, digest_is_the_sha256_of_the_bytes_before_it);
  tcase_add_test(tc, an_edited_results_json_is_refused_by_every_reader);
  tcase_add_test(tc, report_diff_verify_apply_one_check);
  suite_add_tcase(su, tc);
  return tu_run_suite(su);
}
