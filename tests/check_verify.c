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
#include "util/sha256.h"
#include "util/tar.h"

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
  const char *req = getenv("CA_REQUIRE_TOOLS");
  ck_assert_msg(!(req && !strcmp(req, "1")), "%s is missing and CA_REQUIRE_TOOLS=1: run scripts/install-deps --tests",
                prog);
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
  /* the issue's example: a bare schema used to render a clean 0-finding report */
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
  /* a second digest earlier in the document, the whole sealed again: a
   * duplicate member, refused as in every JSON input */
  if (!have("python3")) return;
  edit(res, "\n\t, \"x\": \"sha256:", ",\n\t\"digest\":\t\"sha256:");
  edit(res, "{\n", "{\n\t\"digest\":\t\"sha256:forged\",\n");
  reseal(res);
  r = ca("report", res, "--format", "md", "-o", tu_path("x.md"), NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, "duplicate member \"digest\" in the document root");
  tu_done(&r);
}
END_TEST

/* ---- verify --reaudit ------------------------------------------------------------- */

START_TEST(reaudit_gives_the_same_bytes_or_names_the_findings_that_differ) {
  const char *params = tu_put("params.json", "{\"pci\": {\"log_retention_days\": 400}}");
  tu_out r = ca("audit", PROD, "-o", tu_path("out"), "-q", "--waivers", WAIVERS, "--attestations", ATTEST,
                "--params", params, NULL);
  ck_assert_msg(r.code == 0, "audit: %s", r.err);
  tu_done(&r);
  char res[128];
  snprintf(res, sizeof res, "%s/out/results.json", tu_dir);
  /* the recorded parameters (400, not the default 365) decide the re-audit */
  r = ca("verify", res, PROD, "--reaudit", "--waivers", WAIVERS, "--attestations", ATTEST, NULL);
  ck_assert_msg(r.code == 0, "%s%s", r.out, r.err);
  HAS(r.out, "re-audited: the same results.json, byte for byte (");
  tu_done(&r);
  /* the files the audit applied are needed, and must be those */
  r = ca("verify", res, PROD, "--reaudit", "--attestations", ATTEST, NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, "the audit applied waivers (sha256 ");
  HAS(r.err, "--reaudit needs them: --waivers FILE");
  tu_done(&r);
  char *w = tu_read(WAIVERS, NULL);
  ck_assert_ptr_nonnull(strstr(w, "2027-06-30"));
  memcpy(strstr(w, "2027-06-30"), "2026-06-30", 10);   /* the applied waiver now expired */
  const char *w2 = tu_put("waivers.json", w);
  free(w);
  r = ca("verify", res, PROD, "--reaudit", "--waivers", w2, "--attestations", ATTEST, NULL);
  ck_assert_int_eq(r.code, 1);
  HAS(r.out, "  reaudit waivers: this member differs from the re-audit's");
  HAS(r.out, "status waived -> fail");
  tu_done(&r);
  /* every finding's fail made pass, the digest recomputed: the re-audit names each */
  int n = fail_to_pass(res);
  if (!have("python3")) return;
  reseal(res);
  r = ca("verify", res, PROD, "--reaudit", "--waivers", WAIVERS, "--attestations", ATTEST, "--format", "json", NULL);
  ck_assert_int_eq(r.code, 1);
  cJSON *d = cJSON_Parse(r.out);
  ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(cJSON_GetObjectItem(d, "reaudit"), "identical")));
  int listed = 0;
  const cJSON *m;
  cJSON_ArrayForEach(m, cJSON_GetObjectItem(d, "mismatches")) {
    const char *kind = cJSON_GetStringValue(cJSON_GetObjectItem(m, "kind"));
    if (strcmp(kind, "reaudit_finding")) continue;
    if (!strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(m, "name")), "/findings")) {   /* past the listed ones */
      HAS(cJSON_GetStringValue(cJSON_GetObjectItem(m, "detail")), "more findings differ (--format json lists the first 50)");
      continue;
    }
    listed++;
    ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(m, "recorded")), "pass");
    ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(m, "actual")), "fail");
    HAS(cJSON_GetStringValue(cJSON_GetObjectItem(m, "detail")), "differs from the re-audit's: status pass -> fail");
  }
  /* n counts the waivers section's copies of statuses too */
  ck_assert_int_gt(listed, 10);
  ck_assert_int_le(listed, n);
  cJSON_Delete(d);
  tu_done(&r);
  /* another snapshot: nothing to re-audit */
  r = ca("verify", res, DEV, "--reaudit", "--waivers", WAIVERS, "--attestations", ATTEST, NULL);
  ck_assert_int_eq(r.code, 1);
  HAS(r.out, "not re-audited: the snapshot or a pack is not the one audited");
  tu_done(&r);
  /* made by another version: the difference may be the tool's, and verify says so */
  cJSON *doc = tu_load(res);
  cJSON_DeleteItemFromObjectCaseSensitive(doc, "digest");
  set(at(doc, "tool"), "version", cJSON_CreateString("0.0.9"));
  save_sealed(res, doc);
  cJSON_Delete(doc);
  r = ca("verify", res, PROD, "--reaudit", "--waivers", WAIVERS, "--attestations", ATTEST, NULL);
  ck_assert_int_eq(r.code, 1);
  HAS(r.out, "note: results.json was made by connect-auditor 0.0.9, this is ");
  HAS(r.out, "  reaudit tool: this member differs from the re-audit's");
  tu_done(&r);
}
END_TEST

/* ---- bundle ------------------------------------------------------------------------- */

/* An Ed25519 key pair in tu_dir: name.pem and name.pub.pem (openssl). */
static void keypair(const char *name) {
  char *o;
  int rc = sh(&o, "openssl genpkey -algorithm ed25519 -out %s.pem && openssl pkey -in %s.pem -pubout -out %s.pub.pem",
              name, name, name);
  ck_assert_msg(rc == 0, "%s", o);
  free(o);
}

/* The offset of member name's data in a tar: its header is the 512 bytes before. */
static size_t member_at(const char *tar, size_t len, const char *name) {
  for (size_t off = 0; off + 512 <= len;) {
    if (!tar[off]) break;
    size_t size = strtoul(tar + off + 124, NULL, 8);
    if (!strcmp(tar + off, name)) return off + 512;
    off += 512 + (size + 511) / 512 * 512;
  }
  ck_abort_msg("no member %s", name);
  return 0;
}

START_TEST(bundle_is_checked_by_tar_sha256sum_and_openssl_as_documented) {
  if (!have("openssl") || !have("sha256sum") || !have("tar")) return;
  audit_demo();
  keypair("key");
  tu_out r = ca("bundle", tu_path("out"), "-o", tu_path("evidence.tar"), "--sign", tu_path("key.pem"), "--snapshot",
                PROD, "--waivers", WAIVERS, "--attestations", ATTEST, NULL);
  ck_assert_msg(r.code == 0, "%s", r.err);
  HAS(r.err, "wrote ");
  HAS(r.err, "the manifest signed");
  LACKS(r.err, "PRIVATE");
  ck_assert_str_eq(r.out, "");
  tu_done(&r);
  /* docs/evidence.md's recipe, with the real tools */
  char *o;
  int rc = sh(&o, "mkdir x && cd x && tar xf ../evidence.tar && sha256sum -c MANIFEST.sha256 && "
                  "openssl pkeyutl -verify -pubin -inkey ../key.pub.pem -rawin -in MANIFEST.sha256 "
                  "-sigfile MANIFEST.sha256.sig");
  ck_assert_msg(rc == 0, "%s", o);
  static const char *const ok[] = {"snapshot.json: OK", "results.json: OK", "waivers.json: OK", "attestations.json: OK",
                                   "report.html: OK", "report.md: OK", "results.sarif: OK",
                                   "Signature Verified Successfully"};
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) HAS(o, ok[i]);
  free(o);
  /* the members are the files themselves */
  char *a = tu_read(tu_path("x/snapshot.json"), NULL), *b = tu_read(PROD, NULL);
  ck_assert_str_eq(a, b);
  free(a);
  free(b);
  /* and connect-auditor agrees, re-audit included */
  r = ca("verify", "--bundle", tu_path("evidence.tar"), "--pubkey", tu_path("key.pub.pem"), "--reaudit", NULL);
  ck_assert_msg(r.code == 0, "%s%s", r.out, r.err);
  HAS(r.out, "signature verified\n");
  HAS(r.out, "re-audited: the same results.json, byte for byte");
  HAS(r.out, "verified: ");
  tu_done(&r);
  /* another key: the signature does not hold, for openssl and for verify */
  keypair("other");
  ck_assert_int_ne(sh(NULL, "cd x && openssl pkeyutl -verify -pubin -inkey ../other.pub.pem -rawin -in MANIFEST.sha256 "
                            "-sigfile MANIFEST.sha256.sig"), 0);
  r = ca("verify", "--bundle", tu_path("evidence.tar"), "--pubkey", tu_path("other.pub.pem"), NULL);
  ck_assert_int_eq(r.code, 1);
  HAS(r.out, "  signature MANIFEST.sha256.sig: not this key's Ed25519 signature");
  tu_done(&r);
  /* without --pubkey the signature is not checked, and verify says so */
  r = ca("verify", "--bundle", tu_path("evidence.tar"), NULL);
  ck_assert_int_eq(r.code, 0);
  HAS(r.out, "signature not checked (no --pubkey)");
  tu_done(&r);
  /* one byte of results.json changed inside the archive */
  size_t len;
  char *tar = tu_read(tu_path("evidence.tar"), &len);
  size_t at = member_at(tar, len, "results.json");
  char *hit = strstr(tar + at, "\"status\":\t\"fail\"");
  ck_assert_ptr_nonnull(hit);
  memcpy(hit + 11, "pass", 4);
  FILE *f = fopen(tu_path("tampered.tar"), "wb");
  ck_assert_uint_eq(fwrite(tar, 1, len, f), len);
  fclose(f);
  ck_assert_int_ne(sh(&o, "mkdir y && cd y && tar xf ../tampered.tar && sha256sum -c MANIFEST.sha256"), 0);
  HAS(o, "results.json: FAILED");
  free(o);
  r = ca("verify", "--bundle", tu_path("tampered.tar"), "--pubkey", tu_path("key.pub.pem"), NULL);
  ck_assert_int_eq(r.code, 1);
  HAS(r.out, "  bundle_sha256 results.json: the member differs from the one the manifest lists");
  HAS(r.out, "  results_digest ");
  LACKS(r.out, "  signature ");   /* the manifest itself is intact */
  tu_done(&r);
  /* the manifest rewritten to match (a forger without the key): the signature fails */
  char hex[65];
  size_t rat = member_at(tar, len, "results.json"), rlen = strtoul(tar + rat - 512 + 124, NULL, 8);
  ca_sha256_hex(tar + rat, rlen, hex);
  size_t mat = member_at(tar, len, "MANIFEST.sha256");
  char *line = strstr(tar + mat, "  results.json\n");
  ck_assert_ptr_nonnull(line);
  memcpy(line - 64, hex, 64);
  f = fopen(tu_path("forged.tar"), "wb");
  ck_assert_uint_eq(fwrite(tar, 1, len, f), len);
  fclose(f);
  free(tar);
  ck_assert_int_eq(sh(NULL, "mkdir z && cd z && tar xf ../forged.tar && sha256sum -c MANIFEST.sha256"), 0);
  ck_assert_int_ne(sh(NULL, "cd z && openssl pkeyutl -verify -pubin -inkey ../key.pub.pem -rawin -in MANIFEST.sha256 "
                            "-sigfile MANIFEST.sha256.sig"), 0);
  r = ca("verify", "--bundle", tu_path("forged.tar"), "--pubkey", tu_path("key.pub.pem"), NULL);
  ck_assert_int_eq(r.code, 1);
  LACKS(r.out, "bundle_sha256");
  HAS(r.out, "  signature MANIFEST.sha256.sig: ");
  tu_done(&r);
}
END_TEST

/* bundle OUT -o TAR --snapshot PROD is refused (exit 2) with both pieces of
 * text in what it says. */
static void bundle_refused(const char *out, const char *tar, const char *said, const char *and_said) {
  tu_out r = ca("bundle", out, "-o", tar, "--snapshot", PROD, NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, said);
  HAS(r.err, and_said);
  tu_done(&r);
}

START_TEST(bundle_refuses_what_does_not_belong_and_writes_nothing) {
  audit_demo();
  char out[128], tar[128];   /* not tu_path's: its buffers are reused */
  snprintf(out, sizeof out, "%s/out", tu_dir);
  snprintf(tar, sizeof tar, "%s/e.tar", tu_dir);
  /* the snapshot: named, or out/snapshot.json, and the one audited */
  tu_out r = ca("bundle", out, "-o", tar, NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, "holds no snapshot.json: name the snapshot that was audited with --snapshot FILE");
  tu_done(&r);
  r = ca("bundle", out, "-o", tar, "--snapshot", DEV, NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, "dev.json: sha256 ");
  HAS(r.err, "but results.json was made from the snapshot with sha256 ");
  tu_done(&r);
  /* the waivers applied, not others */
  r = ca("bundle", out, "-o", tar, "--snapshot", PROD, "--waivers", ATTEST, NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, "attestations.json: sha256 ");
  tu_done(&r);
  /* a report that is not what results.json renders to */
  char md[128];
  snprintf(md, sizeof md, "%s/report.md", out);
  char *t = tu_read(md, NULL);
  t[0] = t[0] == 'x' ? 'y' : 'x';
  tu_spit(md, t);
  free(t);
  bundle_refused(out, tar, "report.md is not what results.json renders to", "--format md -o ");
  r = ca("report", tu_path("out/results.json"), "--format", "md", "-o", md, NULL);
  ck_assert_int_eq(r.code, 0);
  tu_done(&r);
  /* keys: not a key, not Ed25519, encrypted -- named, never shown */
  const char *notkey =
    tu_put("notkey.pem", "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXNlY3JldA==\n-----END PRIVATE KEY-----\n");
  r = ca("bundle", out, "-o", tar, "--snapshot", PROD, "--sign", notkey, NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, "notkey.pem: expected an unencrypted PEM private key");
  LACKS(r.err, "c2VjcmV0");
  tu_done(&r);
  if (have("openssl")) {
    ck_assert_int_eq(sh(NULL, "openssl genpkey -algorithm rsa -pkeyopt rsa_keygen_bits:1024 -out rsa.pem 2>/dev/null "
                              "&& "
                              "openssl genpkey -algorithm ed25519 -aes-128-cbc -pass pass:hunter2 -out enc.pem"), 0);
    r = ca("bundle", out, "-o", tar, "--snapshot", PROD, "--sign", tu_path("rsa.pem"), NULL);
    ck_assert_int_eq(r.code, 2);
    HAS(r.err, "rsa.pem: expected an Ed25519 key, found RSA");
    tu_done(&r);
    r = ca("bundle", out, "-o", tar, "--snapshot", PROD, "--sign", tu_path("enc.pem"), NULL);
    ck_assert_int_eq(r.code, 2);
    HAS(r.err, "enc.pem: expected an unencrypted PEM private key");
    LACKS(r.err, "hunter2");
    tu_done(&r);
    /* a private key is not a public key */
    keypair("key");
    r = ca("bundle", out, "-o", tar, "--snapshot", PROD, NULL);
    ck_assert_int_eq(r.code, 0);
    tu_done(&r);
    r = ca("verify", "--bundle", tar, "--pubkey", tu_path("key.pem"), NULL);
    ck_assert_int_eq(r.code, 2);
    HAS(r.err, "key.pem: expected a PEM public key");
    tu_done(&r);
    /* unsigned, but a signature asked for */
    r = ca("verify", "--bundle", tar, "--pubkey", tu_path("key.pub.pem"), NULL);
    ck_assert_int_eq(r.code, 1);
    HAS(r.out, "  signature_missing MANIFEST.sha256.sig: --pubkey was given, but the bundle is not signed");
    tu_done(&r);
    unlink(tar);
  }
  /* -o never replaces an input */
  char md2[160];
  snprintf(md2, sizeof md2, "%s/./report.md", out);
  r = ca("bundle", out, "-o", md2, "--snapshot", PROD, NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, "an output never replaces an input");
  tu_done(&r);
  char *snap = tu_read(PROD, NULL);   /* a copy: a broken check must not clobber the fixture */
  const char *copy = tu_put("snap.json", snap);
  r = ca("bundle", out, "-o", copy, "--snapshot", copy, NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, "snap.json (the same file); an output never replaces an input");
  tu_done(&r);
  char *after = tu_read(tu_path("snap.json"), NULL);
  ck_assert_str_eq(after, snap);
  free(after);
  free(snap);
  char *mdnow = tu_read(md, NULL);
  HAS(mdnow, "#");   /* still the report */
  free(mdnow);
  /* nothing written by the refusals, no temporary file left */
  ck_assert(!ca_is_file(tar));
  char *o;
  ck_assert_int_ne(sh(&o, "ls | grep -F 'e.tar.'"), 0);
  free(o);
  /* the same inputs, the same bytes (Ed25519 signatures are deterministic) */
  if (!have("openssl")) return;
  for (int i = 0; i < 2; i++) {
    r = ca("bundle", out, "-o", i ? tu_path("b.tar") : tu_path("a.tar"), "--snapshot", PROD, "--sign",
           tu_path("key.pem"), NULL);
    ck_assert_int_eq(r.code, 0);
    tu_done(&r);
  }
  size_t la, lb;
  char *a = tu_read(tu_path("a.tar"), &la), *b = tu_read(tu_path("b.tar"), &lb);
  ck_assert(la == lb && !memcmp(a, b, la));
  free(a);
  free(b);
}
END_TEST

/* The reports audit writes as several files -- asff's parts (a file per 100
 * findings) and a controls CSV per framework -- are members of the bundle and
 * lines of its manifest as every other report is, each checked against what
 * results.json renders to (bundle and verify --bundle), all of a report's
 * files or none. */
START_TEST(bundle_lists_asff_parts_and_controls_csvs) {
  if (!have("sha256sum") || !have("tar")) return;
  tu_out r = ca("audit", PROD, "-o", tu_path("out"), "-q", "--format", "json,asff,controls,ocsf", NULL);
  ck_assert_msg(r.code == 0, "audit: %s", r.err);
  tu_done(&r);
  char out[128], tar[128];   /* not tu_path's: its buffers are reused */
  snprintf(out, sizeof out, "%s/out", tu_dir);
  snprintf(tar, sizeof tar, "%s/e.tar", tu_dir);
  ck_assert_int_eq(access(tu_path("out/asff-005.json"), R_OK), 0);   /* the demo: 402 findings, 5 parts */
  r = ca("bundle", out, "-o", tar, "--snapshot", PROD, NULL);
  ck_assert_msg(r.code == 0, "%s", r.err);
  HAS(r.err, "13 files, unsigned");   /* snapshot, results, 5 asff, 4 controls, ocsf and the manifest */
  tu_done(&r);
  char *o;
  int rc = sh(&o, "mkdir x && cd x && tar xf ../e.tar && sha256sum -c MANIFEST.sha256");
  ck_assert_msg(rc == 0, "%s", o);
  static const char *const listed[] = {"asff-001.json: OK", "asff-002.json: OK", "asff-003.json: OK",
                                       "asff-004.json: OK", "asff-005.json: OK", "controls-PCI-DSS-4.0.csv: OK", "controls-HIPAA.csv: OK",
                                       "controls-PII.csv: OK", "controls-BASELINE.csv: OK", "ocsf.json: OK"};
  for (size_t i = 0; i < sizeof listed / sizeof listed[0]; i++) HAS(o, listed[i]);
  free(o);
  r = ca("verify", "--bundle", tar, "--format", "json", NULL);
  ck_assert_msg(r.code == 0, "%s%s", r.out, r.err);
  cJSON *v = cJSON_Parse(r.out), *c;
  ck_assert_ptr_nonnull(v);
  char *checked = cJSON_PrintUnformatted(at(at(v, "bundle"), "reports_checked"));
  HAS(checked, "\"asff-001.json\",\"asff-002.json\",\"asff-003.json\",\"asff-004.json\",\"asff-005.json\",\"controls-PCI-DSS-4.0.csv\"");
  HAS(checked, "\"controls-BASELINE.csv\",\"ocsf.json\"");
  free(checked);
  cJSON_Delete(v);
  tu_done(&r);
  /* a part edited inside the bundle, the manifest rewritten to match: verify re-renders it */
  rc = sh(&o, "cd x && sed -i 's/\"NEW\"/\"RESOLVED\"/' asff-002.json && sha256sum snapshot.json results.json "
              "asff-00?.json controls-*.csv ocsf.json > MANIFEST.sha256 && tar cf ../forged.tar --format=ustar "
              "--owner=0 --group=0 snapshot.json results.json asff-00?.json controls-*.csv ocsf.json MANIFEST.sha256");
  ck_assert_msg(rc == 0, "%s", o);
  free(o);
  r = ca("verify", "--bundle", tu_path("forged.tar"), NULL);
  ck_assert_int_eq(r.code, 1);
  HAS(r.out, "report_content asff-002.json: the report is not what the bundle's results.json renders to");
  tu_done(&r);
  /* bundle refuses a part that is not what results.json renders to, and a report missing some of its files */
  c = tu_load(tu_path("out/asff-003.json"));
  cJSON_DeleteItemFromArray(c, 0);
  tu_save(tu_path("out/asff-003.json"), c);
  cJSON_Delete(c);
  bundle_refused(out, tar, "out/asff-003.json is not what results.json renders to", "--format asff -o ");
  ck_assert_int_eq(remove(tu_path("out/asff-003.json")), 0);
  bundle_refused(out, tar, "out/asff-001.json is there but not ", "out/asff-003.json: the asff report of this results.json is 5 files");
  ck_assert_int_eq(remove(tu_path("out/controls-PII.csv")), 0);
  for (int i = 1; i <= 5; i++) {
    char p[64];
    snprintf(p, sizeof p, "out/asff-%03d.json", i);
    remove(tu_path(p));
  }
  bundle_refused(out, tar, "out/controls-PCI-DSS-4.0.csv is there but not ", "out/controls-PII.csv: the controls report of this results.json is 4 files");
}
END_TEST

/* A bundle made by hand: the members (name, bytes) and the manifest text. */
static void hand_bundle(const char *path, const char *const *names, char *const *data, int n, const char *manifest) {
  ca_buf b;
  ca_buf_init(&b, 1 << 28);
  for (int i = 0; i < n; i++) ck_assert(!ca_tar_add(&b, names[i], data[i], strlen(data[i]), 0));
  if (manifest) ck_assert(!ca_tar_add(&b, "MANIFEST.sha256", manifest, strlen(manifest), 0));
  ck_assert(!ca_tar_end(&b));
  FILE *f = fopen(path, "wb");
  ck_assert_uint_eq(fwrite(b.data, 1, b.len, f), b.len);
  fclose(f);
  ca_buf_free(&b);
}

START_TEST(verify_bundle_names_missing_unlisted_and_malformed) {
  const char *res = audit_demo();
  char *data[3] = {tu_read(res, NULL), tu_read(PROD, NULL), strdup("not in the manifest\n")};
  const char *names[3] = {"results.json", "snapshot.json", "extra.txt"};
  char hr[65], hs[65], manifest[400];
  ca_sha256_hex(data[0], strlen(data[0]), hr);
  ca_sha256_hex(data[1], strlen(data[1]), hs);
  snprintf(manifest, sizeof manifest, "%s  snapshot.json\n%s  results.json\n%s  ghost.json\n", hs, hr, hr);
  char tar[128];
  snprintf(tar, sizeof tar, "%s/hand.tar", tu_dir);
  hand_bundle(tar, names, data, 3, manifest);
  tu_out r = ca("verify", "--bundle", tar, NULL);
  ck_assert_int_eq(r.code, 1);
  HAS(r.out, "  bundle_missing ghost.json: the manifest lists it, the bundle does not hold it");
  HAS(r.out, "  bundle_unlisted extra.txt: the bundle holds a file the manifest does not list");
  HAS(r.out, "signature absent (the bundle is not signed)");
  tu_done(&r);
  /* the manifest is sha256sum's format, or the bundle is refused */
  static const char *const bad[] = {"xyz  results.json\n", "%s results.json\n", "%s  a/b\n", "%s  results.json"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    snprintf(manifest, sizeof manifest, bad[i], hr);
    hand_bundle(tar, names, data, 2, manifest);
    r = ca("verify", "--bundle", tar, NULL);
    ck_assert_msg(r.code == 2, "manifest %zu: exit %d", i, r.code);
    HAS(r.err, "hand.tar: MANIFEST.sha256:1: expected \"<64 hex digits>  <member name>\"");
    tu_done(&r);
  }
  /* no manifest; no results.json */
  hand_bundle(tar, names, data, 2, NULL);
  r = ca("verify", "--bundle", tar, NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, "hand.tar: no MANIFEST.sha256: not an evidence bundle");
  tu_done(&r);
  snprintf(manifest, sizeof manifest, "%s  snapshot.json\n", hs);
  hand_bundle(tar, names + 1, data + 1, 1, manifest);
  r = ca("verify", "--bundle", tar, NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, "hand.tar: no results.json: not an evidence bundle");
  tu_done(&r);
  for (int i = 0; i < 3; i++) free(data[i]);
}
END_TEST

/* A one-member archive of name and data, with header byte at set to c. */
static size_t one_member(char *buf, size_t cap, const char *name, const char *data, int at, char c) {
  ca_buf b;
  ca_buf_init(&b, cap);
  ck_assert(!ca_tar_add(&b, name, data, strlen(data), 0) && !ca_tar_end(&b));
  memcpy(buf, b.data, b.len);
  size_t len = b.len;
  ca_buf_free(&b);
  if (at >= 0) {
    buf[at] = c;
    /* keep the checksum right, so that the field itself is judged */
    unsigned sum = 0;
    for (int i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? ' ' : (unsigned char)buf[i];
    snprintf(buf + 148, 8, "%06o", sum);
  }
  return len;
}

START_TEST(tar_reader_refuses_what_a_bundle_never_holds) {
  char buf[4096];
  ca_tar_member m[CA_TAR_MAX_MEMBERS];
  size_t n, len;
  ca_err e = {0};
  len = one_member(buf, sizeof buf, "a.json", "{}", -1, 0);
  ck_assert(!ca_tar_read("t.tar", buf, len, m, &n, &e));
  ck_assert_uint_eq(n, 1);
  ck_assert_str_eq(m[0].name, "a.json");
  ck_assert_uint_eq(m[0].len, 2);
  static const struct { int at; char c; const char *msg; } cases[] = {
    {156, '2', "a.json (byte 0): not a regular file (type '2')"},   /* a symbolic link */
    {156, '5', "not a regular file (type '5')"},                    /* a directory */
    {1, '/', "a member whose name is not a plain file name"},       /* "a/json" */
    {1, '\xc3', "a member whose name is not a plain file name"},    /* not ASCII */
    {1, '\x1b', "a member whose name is not a plain file name"},    /* a control character */
    {124, '9', "its size is not an octal number"},
    {130, '7', "past the end of the archive"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    len = one_member(buf, sizeof buf, "a.json", "{}", cases[i].at, cases[i].c);
    ca_err_clear(&e);
    ck_assert_msg(ca_tar_read("t.tar", buf, len, m, &n, &e) == -1, "case %zu read", i);
    ck_assert_int_eq(e.code, 2);
    HAS(e.msg, cases[i].msg);
  }
  /* a checksum that does not match, an archive cut short, ".." as a name */
  len = one_member(buf, sizeof buf, "a.json", "{}", -1, 0);
  buf[0] = 'b';
  ca_err_clear(&e);
  ck_assert_int_eq(ca_tar_read("t.tar", buf, len, m, &n, &e), -1);
  HAS(e.msg, "its checksum does not match");
  len = one_member(buf, sizeof buf, "a.json", "{}", -1, 0);
  ca_err_clear(&e);
  ck_assert_int_eq(ca_tar_read("t.tar", buf, 700, m, &n, &e), -1);
  HAS(e.msg, "without its end blocks");
  ca_buf b;
  ca_buf_init(&b, 4096);
  ck_assert_int_eq(ca_tar_add(&b, "..", "x", 1, 0), -1);
  ck_assert_int_eq(ca_tar_add(&b, "a/b", "x", 1, 0), -1);
  ca_buf_free(&b);
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
  tcase_add_test(tc, reaudit_gives_the_same_bytes_or_names_the_findings_that_differ);
  tcase_add_test(tc, bundle_is_checked_by_tar_sha256sum_and_openssl_as_documented);
  tcase_add_test(tc, bundle_refuses_what_does_not_belong_and_writes_nothing);
  tcase_add_test(tc, bundle_lists_asff_parts_and_controls_csvs);
  tcase_add_test(tc, verify_bundle_names_missing_unlisted_and_malformed);
  suite_add_tcase(su, tc);
  TCase *u = tcase_create("units");
  tcase_set_timeout(u, 120);   /* not Check's 4 s default: CI runs these under the sanitizers on loaded machines */
  tcase_add_test(u, tar_reader_refuses_what_a_bundle_never_holds);
  suite_add_tcase(su, u);
  return tu_run_suite(su);
}
