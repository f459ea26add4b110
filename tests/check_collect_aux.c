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

START_TEST(aws_cli_accepted_by_the_fake) {
  if (access("/usr/bin/env", X_OK) || system("command -v aws >/dev/null 2>&1")) return;
  start_fake(NULL);
  const char *ep = getenv("AWS_ENDPOINT_URL");
  char cmd[1024];
  snprintf(cmd, sizeof cmd,
           "aws --endpoint-url %s --region us-east-1 dynamodb list-tables >%s 2>&1 &&"
           " aws --endpoint-url %s --region us-east-1 dynamodb describe-table --table-name acme-prod-customers >>%s 2>&1 &&"
           " aws --endpoint-url %s --region us-east-1 dynamodb describe-continuous-backups --table-name acme-prod-sessions >>%s 2>&1",
           ep, tu_path("cli"), ep, tu_path("cli"), ep, tu_path("cli"));
  int rc = system(cmd);
  char *out = tu_read(tu_path("cli"), NULL);
  ck_assert_msg(rc == 0, "aws CLI: %s", out);
  ck_assert_ptr_nonnull(strstr(out, "acme-other"));
  ck_assert_ptr_nonnull(strstr(out, "\"SSEType\": \"KMS\""));
  ck_assert_ptr_nonnull(strstr(out, "\"PointInTimeRecoveryStatus\": \"DISABLED\""));
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
  tcase_add_test(e, aws_cli_accepted_by_the_fake);
  suite_add_tcase(s, e);
  return s;
}

int main(void) {
  return tu_run_suite(suite());
}
