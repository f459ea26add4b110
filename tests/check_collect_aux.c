/* collect: the DynamoDB tables the instance's Lambda functions name in their
 * environment (collect/ddb.c), against the fake AWS endpoint
 * (tests/fake_aws/svc_aux.py, world_aux.json): which tables are asked, the
 * shapes docs/snapshot.md gives, every failure an errors[] entry with the rest
 * collected, and the collected tables audited by their rules (pass, fail,
 * error). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "fakeaws.h"
#include "testutil.h"

#define ACCT "111122223333"
#define TBL(n) "arn:aws:dynamodb:us-east-1:" ACCT ":table/" n

static void setup(void) { fa_setup("collect-aux", FA_KEYS); }

/* The stock world with world_aux.json's functions (acme-prod-lookup-0 names
 * acme-prod-customers by name, -1 acme-prod-sessions by ARN, -2
 * acme-prod-audit by name, and values that are no table) and tables
 * (acme-other named by nobody); faults_json merged in. */
static void start_fake(const char *faults_json) { fa_start(fa_faults(fa_world("world_aux.json"), faults_json)); }

static cJSON *collect_ok(void) {
  return fa_collect((const char *[]){"--instance", "acme-prod", "--rate", "200", NULL});
}

static const char *sget(const cJSON *o, const char *k) { return cJSON_GetStringValue(cJSON_GetObjectItem(o, k)); }

static const char *status_of(const cJSON *results, const char *rule, const char *arn) {
  const cJSON *f = fa_finding(results, rule, arn);
  ck_assert_msg(f != NULL, "no %s finding on %s", rule, arn);
  return sget(f, "status");
}

START_TEST(tables_the_functions_name_collected) {
  start_fake(NULL);
  cJSON *s = collect_ok();
  ck_assert_int_eq(fa_errors(s, "dynamodb:", NULL, NULL), 0);
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "dynamodb_table")), 3);
  ck_assert_ptr_null(fa_res(s, "dynamodb_table", TBL("acme-other")));   /* named by no function */
  const cJSON *t = cJSON_GetObjectItem(fa_data(s, "dynamodb_table", TBL("acme-prod-customers")), "Table");
  ck_assert_str_eq(sget(t, "TableName"), "acme-prod-customers");
  ck_assert_str_eq(sget(cJSON_GetObjectItem(t, "SSEDescription"), "SSEType"), "KMS");
  ck_assert_str_eq(sget(fa_res(s, "dynamodb_table", TBL("acme-prod-customers")), "region"), "us-east-1");
  const cJSON *cb = cJSON_GetObjectItem(fa_data(s, "dynamodb_table", TBL("acme-prod-sessions")), "ContinuousBackupsDescription");
  ck_assert_str_eq(sget(cJSON_GetObjectItem(cb, "PointInTimeRecoveryDescription"), "PointInTimeRecoveryStatus"), "DISABLED");
  /* one listing for the region, 2 pages of the stock page size (the ARN needs none); each table described once */
  ck_assert_int_eq(fa_count("ListTables", NULL), 2);
  ck_assert_int_eq(fa_count("DescribeTable", NULL), 3);
  ck_assert_int_eq(fa_count("DescribeContinuousBackups", NULL), 3);
  /* the table's customer managed key is collected with the others */
  ck_assert_ptr_nonnull(fa_res(s, "kms_key", "arn:aws:kms:us-east-1:" ACCT ":key/1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d"));

  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  ck_assert_str_eq(status_of(r, "BASE-DDB-001", TBL("acme-prod-customers")), "pass");
  ck_assert_str_eq(status_of(r, "BASE-DDB-001", TBL("acme-prod-sessions")), "fail");   /* "session id" */
  ck_assert_str_eq(status_of(r, "PII-DDB-001", TBL("acme-prod-customers")), "pass");
  ck_assert_str_eq(status_of(r, "PII-DDB-001", TBL("acme-prod-sessions")), "fail");    /* the AWS owned key */
  ck_assert_str_eq(status_of(r, "BASE-DDB-002", TBL("acme-prod-customers")), "pass");
  ck_assert_str_eq(status_of(r, "BASE-DDB-002", TBL("acme-prod-sessions")), "fail");
  cJSON_Delete(r);
  cJSON_Delete(s);
}
END_TEST

START_TEST(a_table_denied_is_an_error_the_rest_collected) {
  start_fake("{\"DescribeTable\": [{\"status\": 400, \"code\": \"AccessDeniedException\", \"match\": \"acme-prod-audit\","
             " \"message\": \"User is not authorized to perform: dynamodb:DescribeTable\"}]}");
  cJSON *s = collect_ok();
  ck_assert_int_eq(fa_errors(s, "dynamodb:", NULL, NULL), 1);
  ck_assert_int_eq(fa_errors(s, "dynamodb:DescribeTable", TBL("acme-prod-audit"), "AccessDeniedException"), 1);
  const cJSON *d = fa_data(s, "dynamodb_table", TBL("acme-prod-audit"));
  ck_assert_ptr_null(cJSON_GetObjectItem(d, "Table"));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(d, "ContinuousBackupsDescription"));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(fa_data(s, "dynamodb_table", TBL("acme-prod-customers")), "Table"));
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  ck_assert_str_eq(status_of(r, "BASE-DDB-001", TBL("acme-prod-audit")), "error");   /* never a pass */
  ck_assert_str_eq(status_of(r, "PII-DDB-001", TBL("acme-prod-audit")), "error");
  ck_assert_str_eq(status_of(r, "BASE-DDB-002", TBL("acme-prod-audit")), "pass");
  cJSON_Delete(r);
  cJSON_Delete(s);
}
END_TEST

START_TEST(listing_denied_recorded_tables_by_arn_still_asked) {
  start_fake("{\"ListTables\": [{\"status\": 400, \"code\": \"AccessDeniedException\"}]}");
  cJSON *s = collect_ok();
  ck_assert_int_eq(fa_errors(s, "dynamodb:ListTables", "arn:aws:dynamodb:us-east-1:" ACCT ":table/*", "AccessDeniedException"), 1);
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "dynamodb_table")), 1);
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(fa_data(s, "dynamodb_table", TBL("acme-prod-sessions")), "Table"));
  cJSON_Delete(s);
}
END_TEST

/* ListTables pages (ExclusiveStartTableName / LastEvaluatedTableName) are followed to the end. */
START_TEST(every_page_of_tables_read) {
  cJSON *w = fa_world("world_aux.json");
  cJSON_ReplaceItemInObject(w, "page_size", cJSON_CreateNumber(1));
  fa_start(w);
  cJSON *s = collect_ok();
  ck_assert_int_eq(fa_errors(s, "dynamodb:", NULL, NULL), 0);
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "dynamodb_table")), 3);
  ck_assert_int_eq(fa_count("ListTables", NULL), 4);
  cJSON_Delete(s);
}
END_TEST

#define TRAIL "arn:aws:cloudtrail:us-east-1:" ACCT ":trail/acme-org-trail"
#define RULE(n) "arn:aws:events:us-east-1:" ACCT ":rule/" n

/* The trails, the metric filters on their log group with the alarms on the
 * filters' metrics, and the EventBridge rules on IAM / Connect events: one
 * region's worth (the instance's is us-east-1, IAM's too). */
START_TEST(trails_filters_alarms_and_rules_collected) {
  start_fake(NULL);
  cJSON *s = collect_ok();
  ck_assert_int_eq(fa_errors(s, "cloudtrail:", NULL, NULL) + fa_errors(s, "events:", NULL, NULL), 0);
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "cloudtrail_trail")), 1);   /* the eu-west-1 trail is not listed here */
  const cJSON *d = fa_data(s, "cloudtrail_trail", TRAIL);
  ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(d, "Trail"), "IsMultiRegionTrail")));
  ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(d, "Status"), "IsLogging")));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(d, "EventSelectors"), "EventSelectors")), 1);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(d, "MetricFilters")), 2);
  const cJSON *alarms = cJSON_GetObjectItem(d, "MetricAlarms");
  ck_assert_int_eq(cJSON_GetArraySize(alarms), 1);   /* the IAM filter's; none on the root filter's metric */
  ck_assert_str_eq(sget(cJSON_GetArrayItem(alarms, 0), "MetricName"), "IAMPolicyEventCount");
  ck_assert_int_eq(fa_count("DescribeTrails", NULL), 1);   /* us-east-1 once: the instance's and IAM's region */
  ck_assert_int_eq(fa_count("DescribeAlarmsForMetric", NULL), 2);
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "events_rule")), 1);   /* the schedule names no IAM or Connect event */
  const cJSON *rd = fa_data(s, "events_rule", RULE("connect-permission-changes"));
  ck_assert_str_eq(sget(cJSON_GetObjectItem(rd, "Rule"), "State"), "ENABLED");
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(rd, "Targets")), 1);
  ck_assert_int_eq(fa_count("ListTargetsByRule", NULL), 1);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  ck_assert_str_eq(status_of(r, "BASE-CW-011", "arn:aws:connect:us-east-1:" ACCT ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33"),
                   "pass");
  cJSON_Delete(r);
  cJSON_Delete(s);
}
END_TEST

/* Denied: each failure an errors[] entry, the member absent, the rest collected. */
START_TEST(trail_failures_recorded_the_rest_collected) {
  start_fake("{\"DescribeAlarmsForMetric\": [{\"status\": 403, \"code\": \"AccessDenied\", \"match\": \"RootUsage\"}],"
             " \"GetEventSelectors\": [{\"status\": 400, \"code\": \"AccessDeniedException\"}],"
             " \"ListRules\": [{\"status\": 400, \"code\": \"AccessDeniedException\"}]}");
  cJSON *s = collect_ok();
  ck_assert_int_eq(fa_errors(s, "cloudwatch:DescribeAlarmsForMetric", TRAIL, "AccessDenied"), 1);
  ck_assert_int_eq(fa_errors(s, "cloudtrail:GetEventSelectors", TRAIL, "AccessDeniedException"), 1);
  ck_assert_int_eq(fa_errors(s, "events:ListRules", "arn:aws:events:us-east-1:" ACCT ":rule/*", "AccessDeniedException"), 1);
  const cJSON *d = fa_data(s, "cloudtrail_trail", TRAIL);
  ck_assert_ptr_null(cJSON_GetObjectItem(d, "MetricAlarms"));   /* one metric's alarms unknown: none claimed */
  ck_assert_ptr_null(cJSON_GetObjectItem(d, "EventSelectors"));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(d, "MetricFilters"));
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "events_rule")), 0);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  ck_assert_str_eq(status_of(r, "BASE-CW-011", "arn:aws:connect:us-east-1:" ACCT ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33"),
                   "error");
  cJSON_Delete(r);
  cJSON_Delete(s);
}
END_TEST

#define SLR "arn:aws:iam::" ACCT ":role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_X"
#define PROD "arn:aws:connect:us-east-1:" ACCT ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33"

/* The instance's service-linked role: GetRole in the query protocol, the
 * URL-encoded trust policy parsed; deleted (NoSuchEntity) is null, denied an
 * errors[] entry. */
START_TEST(service_linked_role_read) {
  start_fake(NULL);
  cJSON *s = collect_ok();
  ck_assert_int_eq(fa_errors(s, "iam:", NULL, NULL), 0);
  const cJSON *role = cJSON_GetObjectItem(fa_data(s, "iam_role", SLR), "Role");
  ck_assert_str_eq(sget(role, "RoleName"), "AWSServiceRoleForAmazonConnect_X");
  ck_assert_int_eq((int)cJSON_GetNumberValue(cJSON_GetObjectItem(role, "MaxSessionDuration")), 3600);
  const cJSON *st = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetObjectItem(role, "AssumeRolePolicyDocument"), "Statement"), 0);
  ck_assert_str_eq(sget(cJSON_GetObjectItem(st, "Principal"), "Service"), "connect.amazonaws.com");
  ck_assert_int_eq(fa_count("GetRole", NULL), 1);   /* both instances name the same role: asked once */
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  ck_assert_str_eq(status_of(r, "BASE-IAM-001", PROD), "pass");
  cJSON_Delete(r);
  cJSON_Delete(s);

  cJSON *w = fa_world("world_aux.json");
  cJSON_ReplaceItemInObject(w, "iam_roles", cJSON_CreateArray());   /* deleted */
  fa_restart(w);
  s = collect_ok();
  ck_assert_int_eq(fa_errors(s, "iam:", NULL, NULL), 0);
  ck_assert(cJSON_IsNull(cJSON_GetObjectItem(fa_data(s, "iam_role", SLR), "Role")));
  r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  ck_assert_str_eq(status_of(r, "BASE-IAM-001", PROD), "fail");
  cJSON_Delete(r);
  cJSON_Delete(s);

  fa_restart(fa_faults(fa_world("world_aux.json"), "{\"GetRole\": [{\"status\": 403, \"code\": \"AccessDenied\"}]}"));
  s = collect_ok();
  ck_assert_int_eq(fa_errors(s, "iam:GetRole", SLR, "AccessDenied"), 1);
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "iam_role", SLR), "Role"));
  r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  ck_assert_str_eq(status_of(r, "BASE-IAM-001", PROD), "error");
  cJSON_Delete(r);
  cJSON_Delete(s);
}
END_TEST

/* The instance's analytics data associations: every page into the instance's
 * data; denied, an errors[] entry and the member absent. */
START_TEST(analytics_associations_collected) {
  cJSON *w = fa_world("world_aux.json");
  cJSON *inst = cJSON_GetArrayItem(cJSON_GetObjectItem(w, "instances"), 0);
  cJSON_AddItemToObject(inst, "AnalyticsDataAssociations", cJSON_Parse(
      "[{\"DataSetId\":\"contact_record\",\"TargetAccountId\":\"999988887777\",\"ResourceShareId\":\"rs-1\"},"
      "{\"DataSetId\":\"agent_queue_statistic_record\",\"TargetAccountId\":\"" ACCT "\",\"ResourceShareId\":\"rs-2\"},"
      "{\"DataSetId\":\"contact_lens_conversational_analytics\",\"TargetAccountId\":\"" ACCT "\",\"ResourceShareId\":\"rs-3\"}]"));
  fa_start(w);
  cJSON *s = collect_ok();
  const cJSON *list = cJSON_GetObjectItem(fa_data(s, "connect_instance", PROD), "AnalyticsDataAssociations");
  ck_assert_int_eq(cJSON_GetArraySize(list), 3);   /* 2 a page: both pages */
  ck_assert_int_eq(fa_count("ListAnalyticsDataAssociations", "4f1c2a7e"), 2);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  ck_assert_str_eq(status_of(r, "PII-ANA-001", PROD), "fail");
  cJSON_Delete(r);
  cJSON_Delete(s);
  fa_restart(fa_faults(fa_world("world_aux.json"),
                       "{\"ListAnalyticsDataAssociations\": [{\"status\": 403, \"code\": \"AccessDeniedException\"}]}"));
  s = collect_ok();
  ck_assert_int_eq(fa_errors(s, "connect:ListAnalyticsDataAssociations", PROD, "AccessDeniedException"), 1);
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "connect_instance", PROD), "AnalyticsDataAssociations"));
  r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  ck_assert_str_eq(status_of(r, "PII-ANA-001", PROD), "error");
  cJSON_Delete(r);
  cJSON_Delete(s);
}
END_TEST

START_TEST(aws_cli_accepted_by_the_fake) {
  if (access("/usr/bin/env", X_OK) || system("command -v aws >/dev/null 2>&1")) return;
  start_fake(NULL);
  const char *ep = getenv("AWS_ENDPOINT_URL");
  char cmd[4096];
  snprintf(cmd, sizeof cmd,
           "aws --endpoint-url %s --region us-east-1 dynamodb list-tables >%s 2>&1 &&"
           " aws --endpoint-url %s --region us-east-1 dynamodb describe-table --table-name acme-prod-customers >>%s 2>&1 &&"
           " aws --endpoint-url %s --region us-east-1 dynamodb describe-continuous-backups --table-name acme-prod-sessions >>%s 2>&1 &&"
           " aws --endpoint-url %s --region us-east-1 cloudtrail describe-trails >>%s 2>&1 &&"
           " aws --endpoint-url %s --region us-east-1 cloudtrail get-event-selectors --trail-name acme-org-trail >>%s 2>&1 &&"
           " aws --endpoint-url %s --region us-east-1 logs describe-metric-filters --log-group-name acme-cloudtrail >>%s 2>&1 &&"
           " aws --endpoint-url %s --region us-east-1 cloudwatch describe-alarms-for-metric --metric-name IAMPolicyEventCount"
           " --namespace CISBenchmark >>%s 2>&1 &&"
           " aws --endpoint-url %s --region us-east-1 events list-rules >>%s 2>&1 &&"
           " aws --endpoint-url %s --region us-east-1 events list-targets-by-rule --rule connect-permission-changes >>%s 2>&1 &&"
           " aws --endpoint-url %s --region us-east-1 iam get-role --role-name AWSServiceRoleForAmazonConnect_X >>%s 2>&1",
           ep, tu_path("cli"), ep, tu_path("cli"), ep, tu_path("cli"), ep, tu_path("cli"), ep, tu_path("cli"),
           ep, tu_path("cli"), ep, tu_path("cli"), ep, tu_path("cli"), ep, tu_path("cli"), ep, tu_path("cli"));
  int rc = system(cmd);
  char *out = tu_read(tu_path("cli"), NULL);
  ck_assert_msg(rc == 0, "aws CLI: %s", out);
  ck_assert_ptr_nonnull(strstr(out, "acme-other"));
  ck_assert_ptr_nonnull(strstr(out, "\"SSEType\": \"KMS\""));
  ck_assert_ptr_nonnull(strstr(out, "\"PointInTimeRecoveryStatus\": \"DISABLED\""));
  ck_assert_ptr_nonnull(strstr(out, "acme-org-trail"));
  ck_assert_ptr_nonnull(strstr(out, "\"IncludeManagementEvents\": true"));
  ck_assert_ptr_nonnull(strstr(out, "IAMPolicyEventCount"));
  ck_assert_ptr_nonnull(strstr(out, "security-alerts"));
  ck_assert_ptr_nonnull(strstr(out, "nightly-report"));
  ck_assert_ptr_nonnull(strstr(out, "\"Service\": \"connect.amazonaws.com\""));   /* the CLI decodes the trust policy */
  free(out);
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("collect_aux");
  TCase *e = tcase_create("fake_aws");
  tcase_set_timeout(e, 120);
  tcase_add_checked_fixture(e, setup, fa_teardown);
  tcase_add_test(e, tables_the_functions_name_collected);
  tcase_add_test(e, a_table_denied_is_an_error_the_rest_collected);
  tcase_add_test(e, listing_denied_recorded_tables_by_arn_still_asked);
  tcase_add_test(e, every_page_of_tables_read);
  tcase_add_test(e, trails_filters_alarms_and_rules_collected);
  tcase_add_test(e, trail_failures_recorded_the_rest_collected);
  tcase_add_test(e, service_linked_role_read);
  tcase_add_test(e, analytics_associations_collected);
  tcase_add_test(e, aws_cli_accepted_by_the_fake);
  suite_add_tcase(s, e);
  return s;
}

int main(void) {
  return tu_run_suite(suite());
}
