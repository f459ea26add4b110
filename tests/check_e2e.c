/* End to end through the binary: exit codes, messages, results.json, and the
 * demo fixture's planted gaps (fixtures/demo). */
#define _XOPEN_SOURCE 700 /* nftw */
#include <check.h>
#include <fcntl.h>
#include <ftw.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "util/fsutil.h"
#include "util/sha256.h"

extern char **environ;

typedef struct out {
  int code;
  char *out, *err;
} out;

static char tmpdir[64];

static char *slurp(const char *path) {
  char *t;
  size_t n;
  ca_err e = {0};
  return ca_read_file(path, 1L << 30, &t, &n, &e) ? strdup("") : t;
}

/* Runs connect-auditor with args (NULL-terminated) and SOURCE_DATE_EPOCH fixed. */
static out run(const char *const *args) {
  char so[128], se[128];
  snprintf(so, sizeof so, "%s/stdout", tmpdir);
  snprintf(se, sizeof se, "%s/stderr", tmpdir);
  char *argv[64];
  int n = 0;
  argv[n++] = (char *)CA_TEST_BIN;
  for (; args[n - 1] && n < 63; n++) argv[n] = (char *)args[n - 1];
  argv[n] = NULL;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, so, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, se, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  setenv("SOURCE_DATE_EPOCH", "1795167000", 1);
  pid_t pid;
  ck_assert_int_eq(posix_spawn(&pid, CA_TEST_BIN, &fa, NULL, argv, environ), 0);
  posix_spawn_file_actions_destroy(&fa);
  int st;
  waitpid(pid, &st, 0);
  out o = {WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st), slurp(so), slurp(se)};
  return o;
}

static void done(out *o) { free(o->out); free(o->err); }

#define HAS(hay, needle) ck_assert_msg(strstr((hay), (needle)) != NULL, "\"%s\" lacks \"%s\"", (hay), (needle))

static void setup(void) {
  snprintf(tmpdir, sizeof tmpdir, "/tmp/ca-e2e-XXXXXX");
  ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st, (void)flag, (void)ftw;
  return remove(path);
}

static void teardown(void) { nftw(tmpdir, remove_one, 16, FTW_DEPTH | FTW_PHYS); }

START_TEST(usage_errors_exit_2) {
  out o = run((const char *[]){NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "usage: connect-auditor");
  done(&o);
  o = run((const char *[]){"frobnicate", NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "'frobnicate' is not a command");
  done(&o);
  o = run((const char *[]){"audit", NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "which snapshot?");
  done(&o);
  o = run((const char *[]){"audit", "x.json", "--fail-on", "severe", NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "--fail-on severe: expected critical, high, medium, low, info or none");
  done(&o);
  o = run((const char *[]){"audit", "x.json", "--format", "pdf", NULL});
  ck_assert_int_eq(o.code, 2);
  done(&o);
  o = run((const char *[]){"audit", "x.json", "--bogus", NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "unknown option --bogus");
  done(&o);
}
END_TEST

START_TEST(bad_inputs_exit_2_with_place) {
  char path[128];
  snprintf(path, sizeof path, "%s/trunc.json", tmpdir);
  FILE *f = fopen(path, "w");
  fputs("{\n  \"schema\": \"connect-auditor/snapshot/v1\",\n  \"resources\": {", f);
  fclose(f);
  out o = run((const char *[]){"audit", path, "-o", tmpdir, NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, path);
  HAS(o.err, ":3:");
  HAS(o.err, "truncated");
  ck_assert_str_eq(o.out, "");
  done(&o);
  o = run((const char *[]){"audit", CA_TEST_SRC "/no/such.json", NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "no/such.json: cannot open");
  done(&o);
  snprintf(path, sizeof path, "%s/params.json", tmpdir);
  f = fopen(path, "w");
  fputs("{\"api\": {\"regoin\": \"x\"}}", f);
  fclose(f);
  o = run((const char *[]){"audit", CA_TEST_SRC "/tests/data/api.json", "--policies", CA_TEST_SRC "/tests/packs/api",
                           "--pack", "api", "--params", path, "-o", tmpdir, NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "/api/regoin: pack api has no such parameter (it has: region, unused)");
  done(&o);
  f = fopen(path, "w");
  fputs("{\"api\": {\"region\": 7}}", f);
  fclose(f);
  o = run((const char *[]){"audit", CA_TEST_SRC "/tests/data/api.json", "--policies", CA_TEST_SRC "/tests/packs/api",
                           "--pack", "api", "--params", path, "-o", tmpdir, NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "/api/region: expected a value of the same kind as the default");
  done(&o);
  f = fopen(path, "w");
  fputs("{\"api\":\n {\"region\": }", f);
  fclose(f);
  o = run((const char *[]){"audit", CA_TEST_SRC "/tests/data/api.json", "--params", path, NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "params.json:2:");
  done(&o);
  o = run((const char *[]){"audit", CA_TEST_SRC "/tests/data/api.json", "--pack", "nosuchpack", NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "--pack nosuchpack: no such pack");
  done(&o);
}
END_TEST

START_TEST(unwritable_output_exits_3) {
  out o = run((const char *[]){"audit", CA_TEST_SRC "/tests/data/api.json", "--policies", CA_TEST_SRC "/tests/packs/api",
                               "--pack", "api", "-o", "/proc/no-such-dir", NULL});
  ck_assert_int_eq(o.code, 3);
  HAS(o.err, "/proc/no-such-dir");
  done(&o);
}
END_TEST

static cJSON *audit_demo(const char *outdir, const char *extra, const char *extra2, int *code) {
  const char *args[] = {"audit", CA_TEST_SRC "/fixtures/demo/prod.json", "-o", outdir, extra, extra2, NULL};
  out o = run(args);
  *code = o.code;
  ck_assert_str_eq(o.out, "");                  /* nothing but requested output on stdout */
  ck_assert_msg(o.code == 0 || o.code == 1, "exit %d: %s", o.code, o.err);
  done(&o);
  char path[256];
  snprintf(path, sizeof path, "%s/results.json", outdir);
  char *t = slurp(path);
  cJSON *r = cJSON_Parse(t);
  free(t);
  ck_assert_ptr_nonnull(r);
  return r;
}

static const char *s(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItem(o, k);
  return cJSON_IsString(v) ? v->valuestring : "";
}

START_TEST(demo_results_are_complete_and_verifiable) {
  int code;
  cJSON *r = audit_demo(tmpdir, "--quiet", NULL, &code);
  ck_assert_int_eq(code, 0);
  ck_assert_str_eq(s(r, "schema"), "connect-auditor/results/v1");
  ck_assert_str_eq(s(r, "generated_at"), "2026-11-20T09:30:00Z");
  /* the snapshot hash is of the file's bytes */
  char *text;
  size_t len;
  ca_err e = {0};
  ck_assert_int_eq(ca_read_file(CA_TEST_SRC "/fixtures/demo/prod.json", 1L << 30, &text, &len, &e), 0);
  char hex[65];
  ca_sha256_hex(text, len, hex);
  free(text);
  ck_assert_str_eq(s(cJSON_GetObjectItem(r, "snapshot"), "sha256"), hex);
  ck_assert_str_eq(s(cJSON_GetObjectItem(r, "snapshot"), "account_id"), "111122223333");
  const cJSON *p;
  int packs = 0;
  cJSON_ArrayForEach(p, cJSON_GetObjectItem(r, "packs")) {
    ck_assert_uint_eq(strlen(s(p, "sha256")), 64);
    packs++;
  }
  ck_assert_int_eq(packs, 4);
  /* every finding: an ARN, controls, evidence pointing into the snapshot */
  const cJSON *f;
  int n = 0;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r, "findings")) {
    n++;
    ck_assert_msg(!strncmp(s(cJSON_GetObjectItem(f, "resource"), "arn"), "arn:", 4), "%s", s(f, "rule_id"));
    ck_assert_msg(cJSON_GetArraySize(cJSON_GetObjectItem(f, "controls")) > 0, "%s has no controls", s(f, "rule_id"));
    const cJSON *ev;
    cJSON_ArrayForEach(ev, cJSON_GetObjectItem(f, "evidence"))
      if (cJSON_GetObjectItem(ev, "path"))
        ck_assert_msg(!strncmp(s(ev, "path"), "/resources/", 11), "%s: evidence path %s", s(f, "rule_id"), s(ev, "path"));
    if (!strcmp(s(f, "status"), "pass"))
      ck_assert_msg(cJSON_GetArraySize(cJSON_GetObjectItem(f, "evidence")) > 0, "%s passes %s without evidence",
                    s(f, "rule_id"), s(cJSON_GetObjectItem(f, "resource"), "arn"));
  }
  ck_assert_int_gt(n, 20);
  cJSON_Delete(r);
}
END_TEST

/* The planted gaps of fixtures/demo/prod.json, and the clean resources beside
 * them: each row names a rule, a piece of the resource ARN and the status the
 * demo must get (and a piece of the message where one resource gets several). */
static const struct planted { const char *rule, *arn, *status, *msg; } planted[] = {
  {"BASE-IDN-001", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "fail", NULL},
  {"BASE-CW-001", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "fail", NULL},
  {"BASE-LAM-001", "function:acme-prod-payment-tokenize", "fail", NULL},
  {"BASE-LAM-001", "function:acme-prod-customer-lookup", "pass", NULL},
  {"BASE-LAM-002", "function:acme-prod-payment-tokenize", "fail", NULL},
  {"BASE-LAM-002", "function:acme-prod-customer-lookup", "pass", NULL},
  {"BASE-USR-001", "security-profile/b8d6a0f2-0000-4000-8000-00000000a002", "fail", NULL},  /* Agent */
  {"BASE-USR-001", "security-profile/b8d6a0f2-0000-4000-8000-00000000a003", "pass", NULL},  /* manager */
  {"BASE-KIN-001", "stream/acme-prod-ctr", "fail", NULL},
  {"BASE-KIN-001", "stream/acme-prod-agent-events", "pass", NULL},
  {"BASE-LEX-001", "bot:AcmeOrderStatus", "pass", NULL},
  {"BASE-LEX-002", "bot/ABCDE12345", "pass", NULL},
  {"PII-S3-001", ":::acme-prod-chat-transcripts", "fail", NULL},
  {"PII-S3-001", ":::acme-prod-recordings", "pass", NULL},
  {"PII-S3-001", ":::acme-prod-exports", "error", "AccessDenied"},
  {"PII-S3-002", ":::acme-prod-chat-transcripts", "fail", NULL},
  {"PII-S3-002", ":::acme-prod-recordings", "pass", NULL},
  {"PII-S3-003", ":::acme-prod-chat-transcripts", "fail", NULL},
  {"PII-S3-003", ":::acme-prod-recordings", "pass", NULL},
  {"PII-S3-003", ":::acme-prod-exports", "error", "AccessDenied"},
  {"PII-STO-001", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "fail", "CHAT_TRANSCRIPTS"},
  {"PII-STO-001", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "pass", "CALL_RECORDINGS"},
  {"PII-FLOW-001", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f002", "fail", NULL},  /* Payment IVR */
  {"PII-FLOW-001", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f003", "pass", NULL},  /* Secure Payment */
  {"PCI-FLOW-001", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f002", "fail", NULL},
  {"PCI-FLOW-001", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f003", "pass", NULL},
  {"PCI-FLOW-002", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f002", "fail", NULL},
  {"PCI-FLOW-002", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f003", "pass", NULL},
  {"PCI-FLOW-003", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f002", "fail", NULL},
  {"PCI-FLOW-003", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f003", "pass", NULL},
  {"PCI-KMS-001", "key/0d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f3a", "fail", NULL},  /* legacy */
  {"PCI-KMS-001", "key/1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d", "pass", NULL},
  {"PCI-KMS-002", "key/0d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f3a", "fail", NULL},
  {"PCI-KMS-002", "key/1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d", "pass", NULL},
  {"PCI-LOG-001", "log-group:/aws/connect/acme-prod", "fail", NULL},
  {"PCI-LOG-001", "log-group:/aws/lambda/acme-prod-customer-lookup", "pass", NULL},
  {"HIPAA-LOG-001", "log-group:/aws/connect/acme-prod", "fail", NULL},
  {"HIPAA-LOG-002", "log-group:/aws/connect/acme-prod", "fail", NULL},
  {"HIPAA-LOG-002", "log-group:/aws/lambda/acme-prod-customer-lookup", "pass", NULL},
  {"HIPAA-FH-001", "deliverystream/acme-prod-ctr-archive", "fail", NULL},
  {"HIPAA-KVS-001", "stream/acme-prod-connect-contact-media", "pass", NULL},
  {"HIPAA-FLOW-001", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f002", "fail", NULL},
  {"HIPAA-FLOW-001", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f003", "pass", NULL},
};

START_TEST(demo_finds_planted_gaps_and_passes_clean_resources) {
  int code;
  cJSON *r = audit_demo(tmpdir, "--quiet", NULL, &code);
  const cJSON *findings = cJSON_GetObjectItem(r, "findings");
  for (size_t i = 0; i < sizeof planted / sizeof planted[0]; i++) {
    const struct planted *w = &planted[i];
    const cJSON *f;
    int seen = 0, matched = 0;
    cJSON_ArrayForEach(f, findings) {
      if (strcmp(s(f, "rule_id"), w->rule) || !strstr(s(cJSON_GetObjectItem(f, "resource"), "arn"), w->arn)) continue;
      if (w->msg && !strstr(s(f, "message"), w->msg)) continue;
      seen++;
      if (!strcmp(s(f, "status"), w->status)) matched++;
      else ck_assert_msg(0, "%s on %s: %s, want %s (%s)", w->rule, w->arn, s(f, "status"), w->status, s(f, "message"));
    }
    ck_assert_msg(seen > 0 && matched == seen, "%s on %s%s%s: no finding", w->rule, w->arn,
                  w->msg ? " with " : "", w->msg ? w->msg : "");
  }
  cJSON_Delete(r);
}
END_TEST

START_TEST(same_inputs_same_bytes) {
  char a[128], b[128];
  snprintf(a, sizeof a, "%s/a", tmpdir);
  snprintf(b, sizeof b, "%s/b", tmpdir);
  int code;
  cJSON_Delete(audit_demo(a, "--quiet", NULL, &code));
  cJSON_Delete(audit_demo(b, "-j", "1", &code));
  char pa[160], pb[160];
  snprintf(pa, sizeof pa, "%s/results.json", a);
  snprintf(pb, sizeof pb, "%s/results.json", b);
  char *x = slurp(pa), *y = slurp(pb);
  ck_assert_uint_gt(strlen(x), 1000);
  ck_assert_msg(!strcmp(x, y), "two runs of the same audit differ");
  free(x);
  free(y);
}
END_TEST


START_TEST(fail_on_high_exits_1) {
  const char *args[] = {"audit", CA_TEST_SRC "/fixtures/demo/prod.json", "-o", tmpdir, "--fail-on", "high", NULL};
  out o = run(args);
  ck_assert_int_eq(o.code, 1);
  HAS(o.err, "at or above high");
  done(&o);
  const char *args2[] = {"audit", CA_TEST_SRC "/tests/data/api.json", "--policies", CA_TEST_SRC "/tests/packs/api",
                         "--pack", "api", "-o", tmpdir, "--fail-on", "critical", NULL};
  o = run(args2);
  ck_assert_int_eq(o.code, 0);                 /* api's failures are info/high/low, none critical */
  done(&o);
}
END_TEST

int main(void) {
  Suite *su = suite_create("e2e");
  TCase *tc = tcase_create("cli");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, usage_errors_exit_2);
  tcase_add_test(tc, bad_inputs_exit_2_with_place);
  tcase_add_test(tc, unwritable_output_exits_3);
  tcase_add_test(tc, demo_results_are_complete_and_verifiable);
  tcase_add_test(tc, demo_finds_planted_gaps_and_passes_clean_resources);
  tcase_add_test(tc, same_inputs_same_bytes);
  tcase_add_test(tc, fail_on_high_exits_1);
  suite_add_tcase(su, tc);
  SRunner *sr = srunner_create(su);
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
