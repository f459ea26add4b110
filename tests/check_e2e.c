/* End to end through the binary: exit codes, messages, results.json, and the
 * demo fixture's planted gaps (fixtures/demo). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "util/fsutil.h"
#include "util/sha256.h"

#include "testutil.h"

static void setup(void) { tu_setup("e2e"); }
static void teardown(void) { tu_teardown(); }

START_TEST(usage_errors_exit_2) {
  tu_out o = tu_run((const char *[]){NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "usage: connect-auditor");
  tu_done(&o);
  o = tu_run((const char *[]){"frobnicate", NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "'frobnicate' is not a command");
  tu_done(&o);
  o = tu_run((const char *[]){"audit", NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "which snapshot?");
  tu_done(&o);
  o = tu_run((const char *[]){"audit", "x.json", "--fail-on", "severe", NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "--fail-on severe: expected critical, high, medium, low, info or none");
  tu_done(&o);
  o = tu_run((const char *[]){"audit", "x.json", "--format", "pdf", NULL});
  ck_assert_int_eq(o.code, 2);
  tu_done(&o);
  o = tu_run((const char *[]){"audit", "x.json", "--bogus", NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "unknown option --bogus");
  tu_done(&o);
}
END_TEST

START_TEST(bad_inputs_exit_2_with_place) {
  char path[128];
  snprintf(path, sizeof path, "%s/trunc.json", tu_dir);
  tu_spit(path, "{\n  \"schema\": \"connect-auditor/snapshot/v1\",\n  \"resources\": {");
  tu_out o = tu_run((const char *[]){"audit", path, "-o", tu_dir, NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, path);
  HAS(o.err, ":3:");
  HAS(o.err, "truncated");
  ck_assert_str_eq(o.out, "");
  tu_done(&o);
  o = tu_run((const char *[]){"audit", CA_TEST_SRC "/no/such.json", NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "no/such.json: cannot open");
  tu_done(&o);
  snprintf(path, sizeof path, "%s/params.json", tu_dir);
  tu_spit(path, "{\"api\": {\"regoin\": \"x\"}}");
  o = tu_run((const char *[]){"audit", CA_TEST_SRC "/tests/data/api.json", "--policies", CA_TEST_SRC "/tests/packs/api",
                           "--pack", "api", "--params", path, "-o", tu_dir, NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "/api/regoin: pack api has no such parameter (it has: region, unused)");
  tu_done(&o);
  tu_spit(path, "{\"api\": {\"region\": 7}}");
  o = tu_run((const char *[]){"audit", CA_TEST_SRC "/tests/data/api.json", "--policies", CA_TEST_SRC "/tests/packs/api",
                           "--pack", "api", "--params", path, "-o", tu_dir, NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "/api/region: expected a value of the same kind as the default");
  tu_done(&o);
  tu_spit(path, "{\"api\":\n {\"region\": }");
  o = tu_run((const char *[]){"audit", CA_TEST_SRC "/tests/data/api.json", "--params", path, NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "params.json:2:");
  tu_done(&o);
  o = tu_run((const char *[]){"audit", CA_TEST_SRC "/tests/data/api.json", "--pack", "nosuchpack", NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "--pack nosuchpack: no such pack");
  tu_done(&o);
}
END_TEST

START_TEST(unwritable_output_exits_3) {
  tu_out o = tu_run((const char *[]){"audit", CA_TEST_SRC "/tests/data/api.json", "--policies", CA_TEST_SRC "/tests/packs/api",
                               "--pack", "api", "-o", "/proc/no-such-dir", NULL});
  ck_assert_int_eq(o.code, 3);
  HAS(o.err, "/proc/no-such-dir");
  tu_done(&o);
}
END_TEST

static cJSON *audit_demo(const char *outdir, const char *extra, const char *extra2, int *code) {
  const char *args[] = {"audit", CA_TEST_SRC "/fixtures/demo/prod.json", "-o", outdir, extra, extra2, NULL};
  tu_out o = tu_run(args);
  *code = o.code;
  ck_assert_str_eq(o.out, "");                  /* nothing but requested output on stdout */
  ck_assert_msg(o.code == 0 || o.code == 1, "exit %d: %s", o.code, o.err);
  tu_done(&o);
  char path[256];
  snprintf(path, sizeof path, "%s/results.json", outdir);
  char *t = tu_read(path, NULL);
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
  cJSON *r = audit_demo(tu_dir, "--quiet", NULL, &code);
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
  {"BASE-USR-001", "security-profile/b8d6a0f2-0000-4000-8000-00000000a005", "pass", NULL},  /* Supervisor */
  {"BASE-USR-002", "agent/c7e5d3b1-0000-4000-8000-000000000006", "fail", "administrator profile Admin"},
  {"BASE-USR-002", "agent/c7e5d3b1-0000-4000-8000-000000000007", "fail",
   "Users.View (CallCenterManager) with SecurityProfiles.View (Supervisor)"},
  {"BASE-USR-002", "agent/c7e5d3b1-0000-4000-8000-000000000008", "pass", NULL},  /* Supervisor alone */
  {"BASE-USR-002", "agent/c7e5d3b1-0000-4000-8000-000000000002", "pass", NULL},  /* CallCenterManager alone */
  {"BASE-USR-002", "agent/c7e5d3b1-0000-4000-8000-000000000001", "skipped", NULL},  /* Admin alone */
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
  {"PCI-FLOW-004", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f002", "fail", "attribute 'cardNumber'"},
  {"PCI-FLOW-004", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f003", "pass", NULL},
  {"PCI-FLOW-005", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f002", "fail", "RedactedAndOriginal"},
  {"PCI-FLOW-005", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f001", "pass", NULL},  /* Main Inbound: redacted only */
  {"HIPAA-INT-001", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "manual", "Amazon Connect Customer Profiles (profile)"},
  {"HIPAA-INT-001", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "manual", "Amazon Connect Voice ID (voiceid)"},
  {"HIPAA-INT-001", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "pass", "AWS Lambda (lambda)"},
  {"PCI-INT-001", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "manual", "Amazon Connect Voice ID (voiceid)"},
  {"BASE-CW-002", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f003", "pass", NULL},  /* disables logging first, re-enables */
  {"BASE-FLOW-002", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f001", "pass", NULL},
  {"PCI-KMS-001", "key/0d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f3a", "fail", NULL},  /* legacy */
  {"PCI-KMS-001", "key/1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d", "pass", NULL},
  {"PCI-KMS-002", "key/0d1e2f3a-4b5c-4d6e-9f7a-8b9c0d1e2f3a", "fail", NULL},
  {"PCI-KMS-002", "key/1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d", "pass", NULL},
  {"PCI-LOG-001", "log-group:/aws/connect/acme-prod", "fail", NULL},
  {"PCI-LOG-001", "log-group:/aws/lambda/acme-prod-customer-lookup", "pass", NULL},
  {"HIPAA-LOG-001", "log-group:/aws/connect/acme-prod", "fail", NULL},
  {"PCI-LOG-002", "log-group:/aws/lambda/acme-prod-customer-lookup", "fail", "never expires"},
  {"PCI-LOG-002", "log-group:/aws/connect/acme-prod", "pass", NULL},
  {"PII-LOG-001", "log-group:/aws/lambda/acme-prod-customer-lookup", "fail", "never expires"},
  {"PII-LOG-001", "log-group:/aws/connect/acme-prod", "pass", NULL},
  {"HIPAA-LOG-002", "log-group:/aws/connect/acme-prod", "fail", NULL},
  {"HIPAA-LOG-002", "log-group:/aws/lambda/acme-prod-customer-lookup", "pass", NULL},
  {"HIPAA-FH-001", "deliverystream/acme-prod-ctr-archive", "fail", NULL},
  {"HIPAA-KVS-001", "stream/acme-prod-connect-contact-media", "pass", NULL},
  {"HIPAA-FLOW-001", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f002", "fail", NULL},
  {"HIPAA-FLOW-001", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f003", "pass", NULL},
  {"HIPAA-FLOW-002", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f005", "fail", "'dob'"},  /* Member Verify */
  {"HIPAA-FLOW-002", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f005", "pass", "'member'"},
  {"HIPAA-FLOW-003", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f005", "fail", "'dob'"},
  {"HIPAA-FLOW-003", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f005", "pass", "'member'"},
  {"HIPAA-FLOW-002", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f002", "skipped", NULL},  /* card input only */
  {"BASE-LAM-010", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f002", "fail", NULL},  /* 30 s tokenizer */
  {"BASE-LAM-010", "contact-flow/0a1b2c3d-0000-4000-8000-00000000f003", "pass", NULL},
  {"BASE-TEL-001", "queue/e1d2c3b4-0000-4000-8000-000000000002", "fail", NULL},  /* Outbound Sales */
  {"BASE-TEL-001", "queue/e1d2c3b4-0000-4000-8000-000000000001", "pass", NULL},
  {"BASE-S3-001", ":::acme-prod-chat-transcripts", "fail", NULL},
  {"BASE-S3-001", ":::acme-prod-recordings", "pass", NULL},
  {"BASE-S3-001", ":::acme-prod-exports", "error", "AccessDenied"},
  {"BASE-CW-010", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "fail", NULL},  /* no Connect alarms */
  {"PII-ORG-001", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "fail", NULL},  /* http origin */
  {"PII-LEX-002", "bot-alias/ABCDE12345/PRODALIAS1", "fail", "alias Prod of bot AcmeSupportBot"},  /* audio logs, no key */
  {"PII-LEX-002", "bot-alias/ABCDE12345/TSTALIASID", "pass", NULL},
  {"PII-LEX-001", "bot-alias/ABCDE12345/PRODALIAS1", "fail", "lets principal arn:aws:iam::999988887777:root in"},
  {"PII-LEX-001", "bot-alias/ABCDE12345/TSTALIASID", "pass", NULL},  /* Connect's grant, both source keys */
  {"PII-LEX-001", "bot/ABCDE12345", "pass", NULL},  /* no bot policy */
  {"BASE-LEX-004", "bot-alias/ABCDE12345/TSTALIASID", "pass", "aws:SourceArn = the instance"},
  {"HIPAA-TLS-001", ":::acme-prod-chat-transcripts", "fail", NULL},  /* in transit, the hipaa pack's own */
  {"HIPAA-TLS-001", ":::acme-prod-recordings", "pass", NULL},
  {"HIPAA-TLS-001", ":::acme-prod-exports", "error", "AccessDenied"},
  {"HIPAA-TLS-002", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "fail", "http://legacy-crm.acme.example"},
  {"PII-DOM-001", "domains/acme-prod-customers", "fail", NULL},
  {"PII-DOM-002", "domain/Vd1a2B3c4D5e6F7g8H9i0J", "pass", NULL},
  {"PCI-KMS-011", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "fail", "CHAT_TRANSCRIPTS"},
  {"BASE-REG-001", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "pass", NULL},
  {"BASE-REG-002", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "fail", "Lex V1 bot AcmeFaq"},  /* eu-west-1 */
  {"BASE-REG-002", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "pass", "Lex V1 bot AcmeOrderStatus"},
  {"BASE-REG-002", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "pass", "Lex V2 bot alias"},
  {"BASE-REG-002", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "pass", "CONTACT_TRACE_RECORDS"},  /* stream */
  {"BASE-REG-002", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "pass", "CALL_RECORDINGS"},  /* KMS key */
  {"BASE-ATT-002", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "manual", NULL},  /* quotas (REG-4) */
  {"PCI-KMS-001", "key/5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b", "manual", NULL},  /* imported material */
  {"BASE-DDB-001", "table/acme-prod-sessions", "fail", "session id"},  /* named by the lookup function's ARN */
  {"BASE-DDB-001", "table/acme-prod-customers", "pass", NULL},
  {"PII-DDB-001", "table/acme-prod-sessions", "fail", "AWS owned key"},
  {"PII-DDB-001", "table/acme-prod-customers", "pass", NULL},
  {"BASE-DDB-002", "table/acme-prod-sessions", "fail", NULL},
  {"BASE-DDB-002", "table/acme-prod-customers", "pass", NULL},
  /* outbound campaigns: Renewals (v2, c01) misconfigured, Appointment Reminders (v1 agentless, c11) clean;
   * dev's Renewals is the clean agent-dialed counterpart of every agent rule (dev_campaign_passes_every_campaign_rule) */
  {"BASE-CMP-001", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "pass", NULL},
  {"PII-CMP-001", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "fail", "AWS owned key"},
  {"BASE-CMP-002", "campaign/c0a1b2c3-0000-4000-8000-000000000c01", "fail", "not E.164"},
  {"BASE-CMP-002", "campaign/c0a1b2c3-0000-4000-8000-000000000c11", "pass", NULL},
  {"BASE-CMP-003", "campaign/c0a1b2c3-0000-4000-8000-000000000c01", "fail", "bandwidth 0"},
  {"BASE-CMP-003", "campaign/c0a1b2c3-0000-4000-8000-000000000c11", "pass", NULL},
  {"BASE-CMP-004", "campaign/c0a1b2c3-0000-4000-8000-000000000c01", "fail", "InvokeLambdaFunction (lookup)"},
  {"BASE-CMP-004", "campaign/c0a1b2c3-0000-4000-8000-000000000c11", "skipped", NULL},  /* agentless */
  {"BASE-CMP-005", "campaign/c0a1b2c3-0000-4000-8000-000000000c01", "fail", NULL},
  {"BASE-CMP-005", "campaign/c0a1b2c3-0000-4000-8000-000000000c11", "pass", NULL},
  {"BASE-CMP-006", "campaign/c0a1b2c3-0000-4000-8000-000000000c01", "fail", NULL},
  {"BASE-CMP-006", "campaign/c0a1b2c3-0000-4000-8000-000000000c11", "pass", NULL},
  {"BASE-CMP-007", "campaign/c0a1b2c3-0000-4000-8000-000000000c01", "pass", NULL},
  {"BASE-CMP-008", "campaign/c0a1b2c3-0000-4000-8000-000000000c01", "fail", "auto-accept off"},
  {"BASE-CMP-009", "campaign/c0a1b2c3-0000-4000-8000-000000000c01", "fail", "(CHAT)"},
  {"BASE-IAM-001", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "fail", "does not exist"},  /* dev.json: present */
  {"PII-ANA-001", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "fail", "account 999988887777"},  /* dev.json: none */
  {"BASE-S3-004", ":::acme-prod-chat-transcripts", "fail", "wildcard action s3:*"},  /* S3-3: Connect gets s3:* on * */
  {"BASE-S3-004", ":::acme-prod-recordings", "pass", NULL},
  {"BASE-S3-004", ":::acme-prod-exports", "error", "AccessDenied"},
  {"BASE-CW-011", ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33", "fail",
   "no alarm with an action watches its metric"},  /* IAM-1: a CIS filter without an alarm (dev.json: with one) */
  /* phone numbers, quick connects, queues and routing profiles (issue 14) */
  {"BASE-TEL-011", "phone-number/f0e1d2c3-0000-4000-8000-000000000001", "pass", NULL},  /* Main Inbound */
  {"BASE-TEL-012", "queue/e1d2c3b4-0000-4000-8000-000000000001", "pass", NULL},  /* caller ID: the main line */
  {"BASE-TEL-011", "phone-number/d0b1c2d3-0000-4000-8000-000000000402", "fail", "not in the instance"},  /* deleted flow */
  {"BASE-TEL-011", "phone-number/d0b1c2d3-0000-4000-8000-000000000403", "fail", "no contact flow"},
  {"BASE-TEL-010", "phone-number/d0b1c2d3-0000-4000-8000-000000000403", "manual", "GB"},  /* countries not stated */
  {"BASE-QC-001", "transfer-destination/c0b1c2d3-0000-4000-8000-000000000301", "pass", NULL},  /* Billing desk */
  {"BASE-QC-001", "transfer-destination/c0b1c2d3-0000-4000-8000-000000000302", "fail", NULL},  /* Former agent */
  {"BASE-QC-002", "transfer-destination/c0b1c2d3-0000-4000-8000-000000000303", "fail", NULL},  /* on no queue */
  {"BASE-QC-002", "transfer-destination/c0b1c2d3-0000-4000-8000-000000000304", "pass", NULL},
  {"BASE-QC-003", "transfer-destination/c0b1c2d3-0000-4000-8000-000000000303", "fail", NULL},  /* the main line */
  {"BASE-QC-003", "transfer-destination/c0b1c2d3-0000-4000-8000-000000000304", "pass", NULL},
  /* a number claimed to the instance's traffic distribution group acme-prod-global (TargetArn = the group):
   * Callbacks' caller ID passes because the group is the instance's (without data.TrafficDistributionGroups
   * it would fail as "claimed to ..., not this instance"); Overflow line dials it, a transfer out and back in
   * (without the group's numbers it would pass) */
  {"BASE-TEL-012", "queue/e1d2c3b4-0000-4000-8000-000000000003", "pass", "traffic distribution group"},
  {"BASE-QC-003", "transfer-destination/c0b1c2d3-0000-4000-8000-000000000307", "fail", "phone-number/d0b1c2d3-0000-4000-8000-000000000404"},
  {"BASE-TEL-011", "phone-number/d0b1c2d3-0000-4000-8000-000000000404", "manual", "traffic distribution group"},
  /* Lex V1: AcmeOrderStatus's alias Prod writes audio logs without a KMS key (dev's with one) */
  {"PII-LEX-003", "bot:AcmeOrderStatus", "fail", "alias Prod: audio logs go to arn:aws:s3:::acme-prod-lex-audio with no kmsKeyArn"},
  {"PCI-FLOW-020", "transfer-destination/c0b1c2d3-0000-4000-8000-000000000305", "pass", NULL},  /* Secure Payment */
  {"PCI-FLOW-020", "transfer-destination/c0b1c2d3-0000-4000-8000-000000000306", "fail", NULL},  /* Payment IVR */
  {"BASE-QUE-001", "queue/e1d2c3b4-0000-4000-8000-000000000002", "pass", NULL},  /* Outbound Sales */
  {"BASE-QUE-001", "queue/e1d2c3b4-0000-4000-8000-000000000003", "fail", NULL},  /* Callbacks */
  {"BASE-RP-001", "routing-profile/d2c4e6f8-0000-4000-8000-000000000001", "pass", "user"},  /* from the users */
  {"BASE-RP-001", "routing-profile/d2c4e6f8-0000-4000-8000-000000000002", "fail", NULL},  /* Night shift */
  /* Security Hub Connect.1: the shop's object type untagged (ListTagsForResource: none), CTR tagged */
  {"BASE-CPR-001", "domains/acme-prod-customers/object-types/ShopOrders", "fail", "has no tag"},
  {"BASE-CPR-001", "domains/acme-prod-customers/object-types/CTR", "pass", NULL},
};

START_TEST(demo_finds_planted_gaps_and_passes_clean_resources) {
  int code;
  cJSON *r = audit_demo(tu_dir, "--quiet", NULL, &code);
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

/* The demo's dev stage: its Renewals campaign (progressive, c21) is the clean
 * counterpart of prod's -- every campaign rule passes it and the instance. */
START_TEST(dev_campaign_passes_every_campaign_rule) {
  tu_out o = tu_run((const char *[]){"audit", CA_TEST_SRC "/fixtures/demo/dev.json", "-o", tu_path("dev"), "--quiet", NULL});
  ck_assert_msg(o.code == 0 || o.code == 1, "exit %d: %s", o.code, o.err);
  tu_done(&o);
  char *t = tu_read(tu_path("dev/results.json"), NULL);
  cJSON *r = cJSON_Parse(t);
  free(t);
  ck_assert_ptr_nonnull(r);
  int n = 0;
  const cJSON *f;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r, "findings")) {
    if (strncmp(s(f, "rule_id"), "BASE-CMP-", 9) && strcmp(s(f, "rule_id"), "PII-CMP-001")) continue;
    n++;
    ck_assert_msg(!strcmp(s(f, "status"), "pass"), "%s on %s: %s (%s)", s(f, "rule_id"),
                  s(cJSON_GetObjectItem(f, "resource"), "arn"), s(f, "status"), s(f, "message"));
  }
  ck_assert_int_eq(n, 10);   /* BASE-CMP-001..009 and PII-CMP-001, once each */
  cJSON_Delete(r);
}
END_TEST

/* dev's caller ID number is claimed to its traffic distribution group acme-dev-global, not to the
 * instance: BASE-TEL-012 passes it because the group is the instance's; and its Lex V1 bot's alias
 * Prod writes audio logs with a KMS key (PII-LEX-003 passes: prod's planted failure's counterpart). */
START_TEST(dev_caller_id_of_its_traffic_distribution_group_passes) {
  tu_out o = tu_run((const char *[]){"audit", CA_TEST_SRC "/fixtures/demo/dev.json", "-o", tu_path("devtdg"), "--quiet", NULL});
  ck_assert_msg(o.code == 0 || o.code == 1, "exit %d: %s", o.code, o.err);
  tu_done(&o);
  char *t = tu_read(tu_path("devtdg/results.json"), NULL);
  cJSON *r = cJSON_Parse(t);
  free(t);
  ck_assert_ptr_nonnull(r);
  int n = 0;
  const cJSON *f;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r, "findings")) {
    if (strcmp(s(f, "rule_id"), "BASE-TEL-012")) continue;
    n++;
    ck_assert_msg(!strcmp(s(f, "status"), "pass"), "%s: %s", s(f, "status"), s(f, "message"));
    ck_assert_ptr_nonnull(strstr(s(f, "message"), "traffic-distribution-group/5a1b2c3d-0000-4000-8000-000000000002"));
  }
  ck_assert_int_eq(n, 1);
  n = 0;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r, "findings")) {
    if (strcmp(s(f, "rule_id"), "PII-LEX-003")) continue;
    n++;
    ck_assert_msg(!strcmp(s(f, "status"), "pass"), "%s: %s", s(f, "status"), s(f, "message"));
    ck_assert_ptr_nonnull(strstr(s(f, "message"), "alias Prod: audio logs go to arn:aws:s3:::acme-dev-lex-audio, encrypted with"));
  }
  ck_assert_int_eq(n, 1);
  cJSON_Delete(r);
}
END_TEST

START_TEST(same_inputs_same_bytes) {
  char a[128], b[128];
  snprintf(a, sizeof a, "%s/a", tu_dir);
  snprintf(b, sizeof b, "%s/b", tu_dir);
  int code;
  cJSON_Delete(audit_demo(a, "--quiet", NULL, &code));
  cJSON_Delete(audit_demo(b, "-j", "1", &code));
  char pa[160], pb[160];
  snprintf(pa, sizeof pa, "%s/results.json", a);
  snprintf(pb, sizeof pb, "%s/results.json", b);
  char *x = tu_read(pa, NULL), *y = tu_read(pb, NULL);
  ck_assert_uint_gt(strlen(x), 1000);
  ck_assert_msg(!strcmp(x, y), "two runs of the same audit differ");
  free(x);
  free(y);
}
END_TEST


START_TEST(fail_on_high_exits_1) {
  const char *args[] = {"audit", CA_TEST_SRC "/fixtures/demo/prod.json", "-o", tu_dir, "--fail-on", "high", NULL};
  tu_out o = tu_run(args);
  ck_assert_int_eq(o.code, 1);
  HAS(o.err, "at or above high");
  tu_done(&o);
  const char *args2[] = {"audit", CA_TEST_SRC "/tests/data/api.json", "--policies", CA_TEST_SRC "/tests/packs/api",
                         "--pack", "api", "-o", tu_dir, "--fail-on", "critical", NULL};
  o = tu_run(args2);
  ck_assert_int_eq(o.code, 0);                 /* api's failures are info/high/low, none critical */
  tu_done(&o);
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
  tcase_add_test(tc, dev_campaign_passes_every_campaign_rule);
  tcase_add_test(tc, dev_caller_id_of_its_traffic_distribution_group_passes);
  tcase_add_test(tc, same_inputs_same_bytes);
  tcase_add_test(tc, fail_on_high_exits_1);
  suite_add_tcase(su, tc);
  return tu_run_suite(su);
}
