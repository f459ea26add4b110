/* diff (scan to scan, stage drift) and verify: the key and category logic as
 * units, then real files through the binary -- tests/data/diff/ (hand-made
 * results with hostile strings) and the demo snapshots, edited and audited. */
#define _XOPEN_SOURCE 700 /* nftw (copy_dir) */
#include <check.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "ca_limits.h"
#include "results/diff.h"
#include "snapshot/drift.h"
#include "util/fsutil.h"
#include "util/jsonfile.h"

#include "testutil.h"

#define SRC CA_TEST_SRC
#define DATA CA_TEST_SRC "/tests/data/diff/"
#define PROD CA_TEST_SRC "/fixtures/demo/prod.json"
#define DEV CA_TEST_SRC "/fixtures/demo/dev.json"

/* connect-auditor args... (NULL-terminated), stdout and stderr captured. */
static tu_out ca(const char *first, ...) {
  const char *args[40] = {first};
  va_list ap;
  va_start(ap, first);
  for (int n = 1; n < 39 && args[n - 1]; n++) args[n] = va_arg(ap, const char *);
  va_end(ap);
  return tu_run(args);
}

static void setup(void) { tu_setup("diff"); }
static void teardown(void) { tu_teardown(); }

static const char *js(const cJSON *o, const char *k) { return cJSON_GetStringValue(cJSON_GetObjectItem(o, k)); }

/* The findings of new that fail (fail or error, of severity sev if not NULL)
 * where the finding with the same rule, ARN and subject (ca_diff_subject) in
 * old does not, or is absent: what diff must count as new failures. */
static int new_failures(const cJSON *old, const cJSON *new, const char *sev) {
  const cJSON *n, *o;
  int k = 0;
  cJSON_ArrayForEach(n, cJSON_GetObjectItem(new, "findings")) {
    if (!ca_diff_failing(js(n, "status")) || (sev && strcmp(js(n, "severity"), sev))) continue;
    const char *arn = js(cJSON_GetObjectItem(n, "resource"), "arn");
    int was = 0;
    cJSON_ArrayForEach(o, cJSON_GetObjectItem(old, "findings"))
      if (!strcmp(js(o, "rule_id"), js(n, "rule_id")) && !strcmp(js(cJSON_GetObjectItem(o, "resource"), "arn"), arn) &&
          !strcmp(ca_diff_subject(o), ca_diff_subject(n)))
        was |= ca_diff_failing(js(o, "status"));
    k += !was;
  }
  return k;
}

/* The entry of list with this rule on a resource whose ARN or name contains res. */
static const cJSON *entry(const cJSON *doc, const char *list, const char *rule, const char *resname) {
  const cJSON *e;
  cJSON_ArrayForEach(e, cJSON_GetObjectItem(doc, list)) {
    const cJSON *r = cJSON_GetObjectItem(e, "resource");
    if (!strcmp(js(e, "rule_id"), rule) && (strstr(js(r, "arn"), resname) || strstr(js(r, "name"), resname))) return e;
  }
  return NULL;
}

/* ---- units ------------------------------------------------------------------ */

START_TEST(categories_follow_the_documented_table) {
  ck_assert_int_eq(ca_diff_categorize("pass", "fail", 0), CA_DIFF_NEW_FAILURE);
  ck_assert_int_eq(ca_diff_categorize("skipped", "error", 0), CA_DIFF_NEW_FAILURE);
  ck_assert_int_eq(ca_diff_categorize("waived", "fail", 0), CA_DIFF_NEW_FAILURE);
  ck_assert_int_eq(ca_diff_categorize(NULL, "error", 0), CA_DIFF_NEW_FAILURE);
  ck_assert_int_eq(ca_diff_categorize("fail", "pass", 1), CA_DIFF_RESOLVED);
  ck_assert_int_eq(ca_diff_categorize("error", "pass", 0), CA_DIFF_RESOLVED);
  ck_assert_int_eq(ca_diff_categorize("fail", "error", 0), CA_DIFF_STILL_FAILING);
  ck_assert_int_eq(ca_diff_categorize("fail", "fail", 1), CA_DIFF_STILL_FAILING);
  ck_assert_int_eq(ca_diff_categorize("fail", "waived", 0), CA_DIFF_STATUS_CHANGED);   /* not "resolved" */
  ck_assert_int_eq(ca_diff_categorize("fail", "skipped", 0), CA_DIFF_STATUS_CHANGED);
  ck_assert_int_eq(ca_diff_categorize("pass", "manual", 0), CA_DIFF_STATUS_CHANGED);
  ck_assert_int_eq(ca_diff_categorize("pass", "pass", 1), CA_DIFF_CHANGED_EVIDENCE);
  ck_assert_int_eq(ca_diff_categorize("pass", "pass", 0), CA_DIFF_UNCHANGED);
  ck_assert_int_eq(ca_diff_categorize("fail", NULL, 0), CA_DIFF_DISAPPEARED);
  ck_assert_int_eq(ca_diff_categorize(NULL, "pass", 0), CA_DIFF_APPEARED);
  ck_assert_str_eq(ca_diff_cat_name(CA_DIFF_NEW_FAILURE), "new_failures");
}
END_TEST

START_TEST(subject_is_the_first_evidence_path) {
  cJSON *f = cJSON_Parse("{\"message\":\"90 days\",\"evidence\":[{\"path\":\"/a/0\",\"observed\":1},{\"path\":\"/b\"}]}");
  ck_assert_str_eq(ca_diff_subject(f), "/a/0");
  cJSON_Delete(f);
  f = cJSON_Parse("{\"message\":\"m\",\"evidence\":[]}");
  ck_assert_str_eq(ca_diff_subject(f), "");
  cJSON_Delete(f);
}
END_TEST

START_TEST(normalise_replaces_stage_names) {
  char *s = ca_drift_normalise("arn:aws:connect:us-east-1:111122223333:instance/4f1c/queue/x acme-prod-ctr acme-prod",
                               "4f1c", "111122223333", "acme-prod");
  ck_assert_str_eq(s, "arn:aws:connect:us-east-1:{account}:instance/{instance}/queue/x {alias}-ctr {alias}");
  free(s);
  s = ca_drift_normalise("ab-cd", NULL, NULL, "ab");   /* too short to replace safely */
  ck_assert_str_eq(s, "ab-cd");
  free(s);
}
END_TEST

START_TEST(text_escape_neutralises_controls_keeps_unicode) {
  ca_buf b;
  ca_buf_init(&b, 4096);
  ck_assert_int_eq(ca_diff_text_escape(&b, "a\x1b[31m\nb\t\x7f\xc2\x9b caf\xc3\xa9 <x>"), 0);
  ck_assert_str_eq(b.data, "a\\x1b[31m\\nb\\t\\x7f\\u009b caf\xc3\xa9 <x>");
  ca_buf_free(&b);
}
END_TEST

/* tests/data/diff/old.json -> new.json: one finding per category, picked so a
 * wrong key (message, or position only) or a wrong table gives other answers. */
START_TEST(matching_and_categories_on_the_fixtures) {
  cJSON *o = tu_load(DATA "old.json"), *n = tu_load(DATA "new.json"), *d = NULL;
  ca_err err = {0};
  long gate = -1;
  ca_diff_opts opt = {"old.json", "new.json", 0, -1, 0};
  ck_assert_msg(!ca_diff_results(o, n, &opt, &d, &gate, &err), "%s", err.msg);
  const cJSON *s = cJSON_GetObjectItem(d, "summary");
  ck_assert_int_eq(cJSON_GetObjectItem(s, "new_failures")->valueint, 2);
  ck_assert_int_eq(cJSON_GetObjectItem(s, "resolved")->valueint, 1);
  ck_assert_int_eq(cJSON_GetObjectItem(s, "still_failing")->valueint, 2);
  ck_assert_int_eq(cJSON_GetObjectItem(s, "still_failing_with_changed_evidence")->valueint, 1);
  ck_assert_int_eq(cJSON_GetObjectItem(s, "status_changed")->valueint, 1);
  ck_assert_int_eq(cJSON_GetObjectItem(s, "changed_evidence")->valueint, 1);
  ck_assert_int_eq(cJSON_GetObjectItem(s, "disappeared")->valueint, 2);
  ck_assert_int_eq(cJSON_GetObjectItem(s, "appeared")->valueint, 2);
  ck_assert_int_eq(cJSON_GetObjectItem(s, "unchanged")->valueint, 1);
  /* two findings of R-2 on one resource, listed in swapped order: the subject
   * (first evidence path) pairs /x/0 with /x/0 -- by position they would
   * both look unchanged */
  const cJSON *e = entry(d, "resolved", "R-2", "instance/aaaa");
  ck_assert_ptr_nonnull(e);
  ck_assert_str_eq(js(e, "subject"), "/x/0");
  ck_assert_str_eq(js(e, "matched_by"), "subject");
  e = entry(d, "new_failures", "R-2", "instance/aaaa");
  ck_assert_ptr_nonnull(e);
  ck_assert_str_eq(js(e, "subject"), "/x/1");
  /* R-5's evidence path moved (attrs/2 -> attrs/3): still the same finding */
  e = entry(d, "still_failing", "R-5", "instance/aaaa");
  ck_assert_ptr_nonnull(e);
  ck_assert_str_eq(js(e, "matched_by"), "order");
  ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(e, "evidence_changed")));
  ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(entry(d, "still_failing", "R-1", "aaaa"), "evidence_changed")));
  ck_assert_str_eq(js(entry(d, "disappeared", "R-3", "bucket-"), "reason"), "resource not in NEW");
  ck_assert_str_eq(js(entry(d, "disappeared", "R-4", "aaaa"), "reason"), "rule not in NEW");
  ck_assert_ptr_nonnull(entry(d, "status_changed", "R-6", "aaaa"));
  ck_assert_ptr_nonnull(entry(d, "changed_evidence", "R-7", "aaaa"));
  ck_assert_ptr_nonnull(entry(d, "new_failures", "R-9", "new-bucket"));
  cJSON_Delete(d);
  /* gates: --new-only counts R-9 (medium) and R-2 (low) only; without it R-1
   * (high, failing in both) counts too; R-6 is waived and counts nowhere */
  struct { int rank, new_only; long want; } g[] = {{1, 1, 0}, {2, 1, 1}, {3, 1, 2}, {1, 0, 1}, {2, 0, 3}, {-1, 0, 0}};
  for (size_t i = 0; i < sizeof g / sizeof g[0]; i++) {
    ca_diff_opts go = {"o", "n", 0, g[i].rank, g[i].new_only};
    ck_assert(!ca_diff_results(o, n, &go, &d, &gate, &err));
    ck_assert_msg(gate == g[i].want, "rank %d new_only %d: %ld, not %ld", g[i].rank, g[i].new_only, gate, g[i].want);
    cJSON_Delete(d);
  }
  cJSON_Delete(o);
  cJSON_Delete(n);
}
END_TEST

/* ---- diff of results through the binary ----------------------------------------- */

START_TEST(fixtures_text_is_escaped_json_is_whole) {
  tu_out r = ca("diff", DATA "old.json", DATA "new.json", NULL);
  ck_assert_int_eq(r.code, 0);
  HAS(r.out, ": 2 new failures, 1 resolved, 2 still failing (1 with changed evidence), 1 status changed, "
             "1 changed evidence, 2 disappeared, 2 appeared, 1 unchanged\n");
  HAS(r.out, "\nNew failures (2)\n");
  HAS(r.out, "observed /log/retention: 90 -> 30");
  HAS(r.out, "\\x1b[31mred\\x1b[0m\\nline2\\u0085 caf\xc3\xa9");
  LACKS(r.out, "\x1b");           /* no raw escape reaches the terminal */
  LACKS(r.out, "\nline2");
  LACKS(r.out, "\xc2\x85");
  ck_assert_str_eq(r.err, "");
  char *text = strdup(r.out);
  tu_done(&r);
  r = ca("diff", DATA "old.json", DATA "new.json", NULL);   /* same bytes twice */
  ck_assert_str_eq(r.out, text);
  tu_done(&r);
  free(text);
  r = ca("diff", "--format", "json", DATA "old.json", DATA "new.json", "-o", tu_path("d.json"), NULL);
  ck_assert_int_eq(r.code, 0);
  ck_assert_str_eq(r.out, "");
  cJSON *d = tu_load(tu_path("d.json")), *nd = tu_load(DATA "new.json");
  ck_assert_str_eq(js(d, "schema"), "connect-auditor/diff/v1");
  ck_assert_str_eq(js(d, "mode"), "results");
  /* the hostile message survives byte for byte in JSON */
  ck_assert_str_eq(js(cJSON_GetObjectItem(entry(d, "new_failures", "R-9", "new-bucket"), "new"), "message"),
                   js(cJSON_GetArrayItem(cJSON_GetObjectItem(nd, "findings"), 0), "message"));
  cJSON_Delete(d);
  cJSON_Delete(nd);
  tu_done(&r);
}
END_TEST

START_TEST(fail_on_with_and_without_new_only) {
  struct { const char *sev; int new_only, code; } c[] = {
    {"high", 1, 0}, {"medium", 1, 1}, {"high", 0, 1}, {"critical", 0, 0}, {"none", 1, 0}};
  for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
    tu_out r = c[i].new_only ? ca("diff", "--fail-on", c[i].sev, "--new-only", DATA "old.json", DATA "new.json", NULL)
                          : ca("diff", "--fail-on", c[i].sev, DATA "old.json", DATA "new.json", NULL);
    ck_assert_msg(r.code == c[i].code, "--fail-on %s%s: exit %d", c[i].sev, c[i].new_only ? " --new-only" : "", r.code);
    if (r.code) HAS(r.err, c[i].new_only ? "1 new findings failed or undecided at or above medium" : "at or above high");
    tu_done(&r);
  }
}
END_TEST

START_TEST(input_errors_name_file_and_pointer) {
  tu_out r = ca("diff", DATA "old.json", DATA "bad-status.json", NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, "bad-status.json: /findings/1/status: expected pass, fail");
  ck_assert_str_eq(r.out, "");
  tu_done(&r);
  r = ca("diff", DATA "old.json", DATA "other-account.json", NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, "other-account.json: /snapshot/account_id: 444455556666");
  HAS(r.err, "--allow-account-change");
  tu_done(&r);
  r = ca("diff", "--allow-account-change", DATA "old.json", DATA "other-account.json", NULL);
  ck_assert_int_eq(r.code, 0);
  tu_done(&r);
  r = ca("diff", DATA "old.json", PROD, NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, "is a results.json,");
  tu_done(&r);
  r = ca("diff", DATA "old.json", DATA "missing.json", NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, "missing.json");
  tu_done(&r);
  r = ca("diff", DATA "old.json", NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, "usage: connect-auditor diff");
  tu_done(&r);
  cJSON *old = tu_load(DATA "old.json");
  tu_save(tu_path("nota.json"), cJSON_GetObjectItem(old, "snapshot"));
  cJSON_Delete(old);
  r = ca("diff", tu_path("nota.json"), DATA "old.json", NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, "nota.json: /schema: expected");
  tu_done(&r);
}
END_TEST

static cJSON *named(cJSON *snap, const char *type, const char *name) {
  cJSON *r;
  cJSON_ArrayForEach(r, cJSON_GetObjectItem(cJSON_GetObjectItem(snap, "resources"), type))
    if (!strcmp(js(r, "name"), name)) return cJSON_GetObjectItem(r, "data");
  ck_abort_msg("no %s %s", type, name);
  return NULL;
}

/* The demo a month later: flow logs turned on, Agent lost Users.Edit,
 * CallCenterManager gained it, the instance log group kept for 30 days. */
START_TEST(demo_next_scan_regressions_and_fixes) {
  cJSON *s = tu_load(PROD);
  cJSON *a;
  cJSON_ArrayForEach(a, cJSON_GetObjectItem(named(s, "connect_instance", "acme-prod"), "Attributes"))
    if (!strcmp(js(a, "AttributeType"), "CONTACTFLOW_LOGS")) cJSON_SetValuestring(cJSON_GetObjectItem(a, "Value"), "true");
  cJSON *perms = cJSON_GetObjectItem(named(s, "connect_security_profile", "Agent"), "Permissions");
  for (int i = cJSON_GetArraySize(perms) - 1; i >= 0; i--)
    if (!strcmp(cJSON_GetArrayItem(perms, i)->valuestring, "Users.Edit")) cJSON_DeleteItemFromArray(perms, i);
  cJSON_AddItemToArray(cJSON_GetObjectItem(named(s, "connect_security_profile", "CallCenterManager"), "Permissions"),
                       cJSON_CreateString("Users.Edit"));
  cJSON_SetNumberValue(cJSON_GetObjectItem(cJSON_GetObjectItem(named(s, "logs_log_group", "/aws/connect/acme-prod"), "LogGroup"),
                                           "retentionInDays"), 30);
  tu_save(tu_path("next.json"), s);
  cJSON_Delete(s);
  tu_out r = ca("audit", PROD, "-o", tu_path("old"), "-q", NULL);
  ck_assert_int_eq(r.code, 0);
  tu_done(&r);
  r = ca("audit", tu_path("next.json"), "-o", tu_path("new"), "-q", NULL);
  ck_assert_int_eq(r.code, 0);
  tu_done(&r);
  char oldr[256], newr[256];
  snprintf(oldr, sizeof oldr, "%s/old/results.json", tu_dir);
  snprintf(newr, sizeof newr, "%s/new/results.json", tu_dir);
  r = ca("diff", oldr, newr, "--format", "json", NULL);
  ck_assert_int_eq(r.code, 0);
  cJSON *d = cJSON_Parse(r.out);
  ck_assert_ptr_nonnull(d);
  ck_assert_ptr_nonnull(entry(d, "resolved", "BASE-CW-001", "instance/4f1c"));
  ck_assert_ptr_nonnull(entry(d, "resolved", "BASE-USR-001", "a002"));
  ck_assert_ptr_nonnull(entry(d, "new_failures", "BASE-USR-001", "a003"));
  const cJSON *e = entry(d, "still_failing", "PCI-LOG-001", "/aws/connect/acme-prod");
  ck_assert_ptr_nonnull(e);
  ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(e, "evidence_changed")));
  const cJSON *s2 = cJSON_GetObjectItem(d, "summary");
  cJSON *olddoc = tu_load(oldr), *newdoc = tu_load(newr);
  ck_assert_int_eq(cJSON_GetObjectItem(s2, "new_failures")->valueint, new_failures(olddoc, newdoc, NULL));
  ck_assert_int_eq(cJSON_GetObjectItem(s2, "disappeared")->valueint, 0);
  ck_assert_int_eq(cJSON_GetObjectItem(s2, "appeared")->valueint, 0);
  cJSON_Delete(d);
  tu_done(&r);
  /* the regression is high: a high gate on new failures breaks the build, a
   * critical one does not, though critical findings still fail in NEW */
  r = ca("diff", oldr, newr, "--fail-on", "high", "--new-only", NULL);
  ck_assert_int_eq(r.code, 1);
  HAS(r.out, "BASE-USR-001  pass -> fail  CallCenterManager");
  tu_done(&r);
  r = ca("diff", oldr, newr, "--fail-on", "critical", "--new-only", NULL);
  ck_assert_int_eq(r.code, new_failures(olddoc, newdoc, "critical") ? 1 : 0);
  cJSON_Delete(olddoc);
  cJSON_Delete(newdoc);
  tu_done(&r);
  r = ca("diff", oldr, newr, "--fail-on", "critical", NULL);
  ck_assert_int_eq(r.code, 1);
  tu_done(&r);
}
END_TEST

/* ---- stage drift -------------------------------------------------------------- */

START_TEST(demo_stage_drift_finds_the_planted_differences_only) {
  static const char *const want[] = {
    "instance|Attributes|/CONTACTFLOW_LOGS",
    "instance|Instance|/IdentityManagementType",
    "storage|CHAT_TRANSCRIPTS|/0/Destination/PublicAccessBlockConfiguration",
    "storage|CHAT_TRANSCRIPTS|/0/Destination/ServerSideEncryptionConfiguration",
    "storage|CHAT_TRANSCRIPTS|/0/S3Config/EncryptionConfig",
    "storage|CONTACT_TRACE_RECORDS|/0/Destination/EncryptionType",
    "storage|CONTACT_TRACE_RECORDS|/0/Destination/KeyId",
    "integrations|LambdaFunctions|/arn:aws:lambda:eu-west-1:{account}:function:{alias}-payment-tokenize",
    "integrations|LexBots|/lexv2_bot:AcmeSupportBot~1Prod",   /* the alias prod's instance names, dev's not */
    "security_profile|Agent|/Permissions/Users.Edit",
    "contact_flow|Main Inbound|/Content/Actions/to-payment/Parameters/ContactFlowId",
    NULL};
  tu_out r = ca("diff", PROD, DEV, "--format", "json", NULL);
  ck_assert_int_eq(r.code, 0);
  cJSON *d = cJSON_Parse(r.out);
  ck_assert_ptr_nonnull(d);
  ck_assert_str_eq(js(d, "mode"), "stage");
  const cJSON *e;
  int i = 0;
  cJSON_ArrayForEach(e, cJSON_GetObjectItem(d, "differences")) {
    char got[512];
    snprintf(got, sizeof got, "%s|%s|%s", js(e, "area"), js(e, "item"), js(e, "path"));
    ck_assert_msg(want[i] && !strcmp(got, want[i]), "difference %d: %s, expected %s", i, got, want[i] ? want[i] : "none");
    i++;
  }
  ck_assert_msg(!want[i], "missing: %s", want[i]);
  /* references compare by the referenced resource's name */
  e = cJSON_GetArrayItem(cJSON_GetObjectItem(d, "differences"), 10);
  ck_assert_str_eq(js(e, "old"), "connect_contact_flow:Payment IVR");
  ck_assert_str_eq(js(e, "new"), "connect_contact_flow:Secure Payment");
  e = cJSON_GetArrayItem(cJSON_GetObjectItem(d, "differences"), 0);
  ck_assert_str_eq(js(e, "old"), "false");
  ck_assert_str_eq(js(e, "new"), "true");
  cJSON_Delete(d);
  tu_done(&r);
  r = ca("diff", PROD, DEV, NULL);
  HAS(r.out, "stage drift acme-prod (");
  HAS(r.out, "): 11 differences\n");
  HAS(r.out, "\nsecurity_profile Agent\n  /Permissions/Users.Edit\n    acme-prod: true\n    acme-dev:  (absent)\n");
  tu_done(&r);
  r = ca("diff", "--fail-on", "any", PROD, DEV, NULL);
  ck_assert_int_eq(r.code, 1);
  HAS(r.err, "11 differences between the stages");
  tu_done(&r);
  r = ca("diff", "--fail-on", "any", DEV, DEV, NULL);    /* a stage has no drift from itself */
  ck_assert_int_eq(r.code, 0);
  HAS(r.out, "): 0 differences\n");
  tu_done(&r);
  r = ca("diff", "--new-only", "--fail-on", "high", PROD, DEV, NULL);
  ck_assert_int_eq(r.code, 2);
  tu_done(&r);
}
END_TEST

#define HOSTILE "<script>alert(1)</script>\"><img onerror=alert(1)>,]]>\x1b[2J\ncaf\xc3\xa9"

START_TEST(stage_drift_escapes_hostile_names) {
  cJSON *s = tu_load(DEV);
  cJSON *r;
  cJSON_ArrayForEach(r, cJSON_GetObjectItem(cJSON_GetObjectItem(s, "resources"), "connect_security_profile"))
    if (!strcmp(js(r, "name"), "QualityAnalyst")) cJSON_SetValuestring(cJSON_GetObjectItem(r, "name"), HOSTILE);
  tu_save(tu_path("dev-hostile.json"), s);
  cJSON_Delete(s);
  tu_out o = ca("diff", DEV, tu_path("dev-hostile.json"), NULL);
  ck_assert_int_eq(o.code, 0);
  HAS(o.out, "): 2 differences\n");
  HAS(o.out, "security_profile <script>alert(1)</script>\"><img onerror=alert(1)>,]]>\\x1b[2J\\ncaf\xc3\xa9\n");
  LACKS(o.out, "\x1b");
  tu_done(&o);
  o = ca("diff", "--format", "json", DEV, tu_path("dev-hostile.json"), NULL);
  cJSON *d = cJSON_Parse(o.out);
  ck_assert_ptr_nonnull(d);
  ck_assert_str_eq(js(cJSON_GetArrayItem(cJSON_GetObjectItem(d, "differences"), 0), "item"), HOSTILE);
  ck_assert_str_eq(js(cJSON_GetArrayItem(cJSON_GetObjectItem(d, "differences"), 0), "change"), "only_new");
  cJSON_Delete(d);
  tu_done(&o);
}
END_TEST

/* A pointer past CA_MAX_DRIFT_POINTER_BYTES is an input error naming the
 * item, not a comparison that quietly stops there. */
START_TEST(stage_drift_refuses_a_pointer_past_its_cap) {
  cJSON *s = tu_load(DEV);
  cJSON *inst = NULL;
  cJSON_ArrayForEach(inst, cJSON_GetObjectItem(cJSON_GetObjectItem(s, "resources"), "connect_instance")) break;
  ck_assert_ptr_nonnull(inst);
  size_t n = (size_t)CA_MAX_DRIFT_POINTER_BYTES + 10;
  char *key = malloc(n + 1);
  memset(key, 'k', n);
  key[n] = '\0';
  cJSON_AddNumberToObject(cJSON_GetObjectItem(cJSON_GetObjectItem(inst, "data"), "Instance"), key, 1);
  free(key);
  tu_save(tu_path("dev-deep.json"), s);
  cJSON_Delete(s);
  tu_out o = ca("diff", DEV, tu_path("dev-deep.json"), NULL);
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "dev-deep.json: instance Instance: a JSON pointer under \"/kkkk");
  HAS(o.err, "\" is longer than 65536 bytes; stage drift cannot compare it");
  ck_assert_str_eq(o.out, "");
  tu_done(&o);
}
END_TEST

/* ---- verify ------------------------------------------------------------------- */

static void copy_dir(const char *from, const char *to) {
  char **names;
  size_t n;
  ca_err e = {0};
  ck_assert(!ca_mkdirs(to, &e));
  ck_assert(!ca_list_dir(from, &names, &n, &e));
  for (size_t i = 0; i < n; i++) {
    char a[512], b[512], *t;
    size_t len;
    snprintf(a, sizeof a, "%s/%s", from, names[i]);
    snprintf(b, sizeof b, "%s/%s", to, names[i]);
    ck_assert(!ca_read_file(a, 1 << 20, &t, &len, &e));
    ck_assert(!ca_write_atomic(b, t, len, &e));
    free(t);
  }
  ca_free_list(names);
}

static void edit(const char *path, const char *from, const char *to) {
  char *t = tu_read(path, NULL), *hit = strstr(t, from);
  ck_assert_msg(hit != NULL, "%s lacks %s", path, from);
  ca_buf b;
  ca_buf_init(&b, 1 << 30);
  ca_buf_add(&b, t, (size_t)(hit - t));
  ca_buf_adds(&b, to);
  ca_buf_adds(&b, hit + strlen(from));
  ca_err e = {0};
  ck_assert(!ca_write_atomic(path, b.data, b.len, &e));
  ca_buf_free(&b);
  free(t);
}

START_TEST(verify_demo_tampered_snapshot_and_wrong_snapshot) {
  tu_out r = ca("audit", PROD, "-o", tu_path("out"), "-q", NULL);
  ck_assert_int_eq(r.code, 0);
  tu_done(&r);
  char results[256];
  snprintf(results, sizeof results, "%s/out/results.json", tu_dir);
  r = ca("verify", results, PROD, NULL);
  ck_assert_int_eq(r.code, 0);
  HAS(r.out, "verified: ");
  HAS(r.out, " and packs baseline 0.1.0 (sha256 ");
  tu_done(&r);
  /* one byte changed: a retention of 90 days becomes 99 */
  char *t = tu_read(PROD, NULL);
  char *hit = strstr(t, "\"retentionInDays\": 90");
  ck_assert_ptr_nonnull(hit);
  hit[strlen("\"retentionInDays\": 9")] = '9';
  ca_err e = {0};
  ck_assert(!ca_write_atomic(tu_path("tampered.json"), t, strlen(t), &e));
  free(t);
  r = ca("verify", results, tu_path("tampered.json"), NULL);
  ck_assert_int_eq(r.code, 1);
  HAS(r.out, "NOT verified: ");
  HAS(r.out, ": 1 mismatch\n  snapshot_sha256 ");
  HAS(r.out, "the snapshot differs from the one audited");
  tu_done(&r);
  r = ca("verify", results, DEV, "--format", "json", NULL);
  ck_assert_int_eq(r.code, 1);
  cJSON *d = cJSON_Parse(r.out);
  ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(d, "verified")));
  ck_assert_str_eq(js(cJSON_GetArrayItem(cJSON_GetObjectItem(d, "mismatches"), 0), "kind"), "snapshot_sha256");
  cJSON_Delete(d);
  tu_done(&r);
  /* --pack: the report was made with all four packs */
  r = ca("verify", results, PROD, "--pack", "pci", NULL);
  ck_assert_int_eq(r.code, 1);
  HAS(r.out, "pack_not_requested baseline");
  tu_done(&r);
  /* input errors: exit 2, naming the file */
  r = ca("verify", PROD, PROD, NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, "prod.json: /schema: expected \"connect-auditor/results/v1\"");
  tu_done(&r);
  r = ca("verify", results, tu_path("absent.json"), NULL);
  ck_assert_int_eq(r.code, 2);
  HAS(r.err, "absent.json");
  tu_done(&r);
}
END_TEST

START_TEST(verify_tampered_pack) {
  char pack[256], rule[300], packlua[300], results[256];
  snprintf(pack, sizeof pack, "%s/packs/mypii", tu_dir);
  copy_dir(SRC "/policies/pii", pack);
  snprintf(packlua, sizeof packlua, "%s/pack.lua", pack);
  edit(packlua, "name = \"pii\"", "name = \"mypii\"");
  tu_out r = ca("audit", PROD, "-o", tu_path("out"), "--policies", tu_path("packs"), "--pack", "mypii", "-q", NULL);
  ck_assert_msg(r.code == 0, "%s", r.err);
  tu_done(&r);
  snprintf(results, sizeof results, "%s/out/results.json", tu_dir);
  r = ca("verify", results, PROD, "--policies", tu_path("packs"), NULL);
  ck_assert_msg(r.code == 0, "%s%s", r.out, r.err);
  HAS(r.out, "packs mypii 0.1.0");
  tu_done(&r);
  /* without --policies the pack cannot be found */
  r = ca("verify", results, PROD, NULL);
  ck_assert_int_eq(r.code, 1);
  HAS(r.out, "pack_missing mypii");
  tu_done(&r);
  /* a rule changed: the pack's hash no longer matches, its version does */
  snprintf(rule, sizeof rule, "%s/s3_encryption.lua", pack);
  edit(rule, "severity = \"high\"", "severity = \"low\"");
  r = ca("verify", results, PROD, "--policies", tu_path("packs"), NULL);
  ck_assert_int_eq(r.code, 1);
  HAS(r.out, ": 1 mismatch\n  pack_sha256 mypii: the pack's files differ");
  tu_done(&r);
  edit(packlua, "version = \"0.1.0\"", "version = \"0.2.0\"");
  r = ca("verify", results, PROD, "--policies", tu_path("packs"), "--format", "json", NULL);
  ck_assert_int_eq(r.code, 1);
  cJSON *d = cJSON_Parse(r.out);
  const cJSON *m = cJSON_GetArrayItem(cJSON_GetObjectItem(d, "mismatches"), 1);
  ck_assert_str_eq(js(m, "kind"), "pack_version");
  ck_assert_str_eq(js(m, "recorded"), "0.1.0");
  ck_assert_str_eq(js(m, "actual"), "0.2.0");
  cJSON_Delete(d);
  tu_done(&r);
}
END_TEST

int main(void) {
  Suite *su = suite_create("diff");
  TCase *u = tcase_create("units");
  tcase_set_timeout(u, 120);   /* not Check's 4 s default: CI runs these under the sanitizers on loaded machines */
  tcase_add_test(u, categories_follow_the_documented_table);
  tcase_add_test(u, subject_is_the_first_evidence_path);
  tcase_add_test(u, normalise_replaces_stage_names);
  tcase_add_test(u, text_escape_neutralises_controls_keeps_unicode);
  tcase_add_test(u, matching_and_categories_on_the_fixtures);
  suite_add_tcase(su, u);
  TCase *tc = tcase_create("cli");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, fixtures_text_is_escaped_json_is_whole);
  tcase_add_test(tc, fail_on_with_and_without_new_only);
  tcase_add_test(tc, input_errors_name_file_and_pointer);
  tcase_add_test(tc, demo_next_scan_regressions_and_fixes);
  tcase_add_test(tc, demo_stage_drift_finds_the_planted_differences_only);
  tcase_add_test(tc, stage_drift_escapes_hostile_names);
  tcase_add_test(tc, stage_drift_refuses_a_pointer_past_its_cap);
  tcase_add_test(tc, verify_demo_tampered_snapshot_and_wrong_snapshot);
  tcase_add_test(tc, verify_tampered_pack);
  suite_add_tcase(su, tc);
  return tu_run_suite(su);
}
