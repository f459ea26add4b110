/* collect: the streams the storage configs name (Kinesis, Firehose, Kinesis
 * Video), the instance's Lambda functions and its log group, against the fake
 * AWS endpoint (tests/fake_aws/svc_streams.py, world_streams.json): shapes as
 * docs/snapshot.md says, every list to its last page, each resource called in
 * its own region, failures in errors[] with the rest collected, and the
 * collected resources audited by their rules. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "fakeaws.h"
#include "testutil.h"

#define ACCT "111122223333"
#define PROD_ARN "arn:aws:connect:us-east-1:" ACCT ":instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33"
#define KS(n) "arn:aws:kinesis:us-east-1:" ACCT ":stream/" n
#define FH_WEST "arn:aws:firehose:us-west-2:" ACCT ":deliverystream/acme-prod-rtca"
#define FH_EAST "arn:aws:firehose:us-east-1:" ACCT ":deliverystream/acme-prod-exports"
#define KVS(i) "arn:aws:kinesisvideo:us-east-1:" ACCT ":stream/acme-prod-connect-acme-prod-contact-0000000" #i \
               "-0000-4000-8000-000000000000/1767225600000"
#define LAM(n) "arn:aws:lambda:us-east-1:" ACCT ":function:" n
#define LAM_EU "arn:aws:lambda:eu-west-1:" ACCT ":function:acme-prod-eu-lookup"
#define LOG_GROUP "arn:aws:logs:us-east-1:" ACCT ":log-group:/aws/connect/acme-prod"

static void setup(void) { fa_setup("collect-streams", FA_KEYS); }

/* The stock world, acme-prod also sending real-time analysis segments to a
 * Firehose stream in us-west-2 (3 destinations, one a page), attachments
 * metadata to one in us-east-1, and naming a Lambda function in eu-west-1;
 * `faults` (JSON) merged in; the streams, functions and log groups come from
 * world_streams.json. */
static void start_fake_edit(const char *faults_json, void (*edit)(cJSON *w)) {
  cJSON *w = fa_world(NULL);
  if (edit) edit(w);
  cJSON *inst = cJSON_GetArrayItem(cJSON_GetObjectItem(w, "instances"), 0);
  cJSON *sc = cJSON_GetObjectItem(inst, "StorageConfigs");
  cJSON_AddItemToObject(sc, "REAL_TIME_CONTACT_ANALYSIS_SEGMENTS", cJSON_Parse(
      "[{\"AssociationId\":\"a1f3c0de-0006-4a00-8000-000000000006\",\"StorageType\":\"KINESIS_FIREHOSE\","
      "\"KinesisFirehoseConfig\":{\"FirehoseArn\":\"" FH_WEST "\"}}]"));
  cJSON_AddItemToObject(sc, "SCHEDULED_REPORTS", cJSON_Parse(
      "[{\"AssociationId\":\"a1f3c0de-0007-4a00-8000-000000000007\",\"StorageType\":\"KINESIS_FIREHOSE\","
      "\"KinesisFirehoseConfig\":{\"FirehoseArn\":\"" FH_EAST "\"}},"
      "{\"AssociationId\":\"a1f3c0de-0008-4a00-8000-000000000008\",\"StorageType\":\"KINESIS_STREAM\","
      "\"KinesisStreamConfig\":{\"StreamArn\":\"" KS("acme-prod-ctr") "\"}}]"));   /* named twice: collected once */
  cJSON_AddItemToArray(cJSON_GetObjectItem(inst, "LambdaFunctions"), cJSON_CreateString(LAM_EU));
  fa_start(fa_faults(w, faults_json));
}

static cJSON *collect_ok(void) {
  return fa_collect((const char *[]){"--instance", "acme-prod", "--rate", "200", NULL});
}

static const char *sget(const cJSON *o, const char *k) { return cJSON_GetStringValue(cJSON_GetObjectItem(o, k)); }

static void start_fake(const char *faults_json) { start_fake_edit(faults_json, NULL); }

/* errors[] entries of this part's services (the other collectors' are theirs to test). */
static int my_errors(const cJSON *s) {
  return fa_errors(s, "kinesis:", NULL, NULL) + fa_errors(s, "firehose:", NULL, NULL) +
         fa_errors(s, "kinesisvideo:", NULL, NULL) + fa_errors(s, "lambda:", NULL, NULL) + fa_errors(s, "logs:", NULL, NULL);
}

/* audit's finding of rule on arn: its status, or NULL. */
static const char *status_of(const cJSON *results, const char *rule, const char *arn) {
  return sget(fa_finding(results, rule, arn), "status");
}

static cJSON *audit_and_validate(void) { return fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET); }

#define LAM_PARTNER "arn:aws:lambda:us-east-1:444455556666:function:partner-lookup"
#define LAM_GONE "arn:aws:lambda:us-east-1:777788889999:function:gone"
/* acme-prod also names a partner account's function (the world has it) and
 * a third account's that does not exist (or the caller may not see). */
static void partner_function(cJSON *w) {
  cJSON *streams = tu_load(FA_DIR "/world_streams.json");
  cJSON *fns = cJSON_DetachItemFromObject(streams, "lambda_functions");
  cJSON_Delete(streams);
  cJSON *f = cJSON_Duplicate(cJSON_GetArrayItem(fns, 0), 1);
  cJSON_ReplaceItemInObject(f, "FunctionArn", cJSON_CreateString(LAM_PARTNER));
  cJSON_ReplaceItemInObject(f, "FunctionName", cJSON_CreateString("partner-lookup"));
  cJSON_AddItemToArray(fns, f);
  cJSON_AddItemToObject(w, "lambda_functions", fns);
  cJSON *names = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(w, "instances"), 0), "LambdaFunctions");
  cJSON_AddItemToArray(names, cJSON_CreateString(LAM_PARTNER));
  cJSON_AddItemToArray(names, cJSON_CreateString(LAM_GONE));
}

/* A function of another account than the instance's is asked by its ARN
 * (a name would be looked up in the caller's own account): collected when
 * the caller may see it, else an errors[] entry for it. */
START_TEST(cross_account_function_asked_by_arn) {
  start_fake_edit(NULL, partner_function);
  cJSON *s = collect_ok();
  ck_assert_str_eq(sget(cJSON_GetObjectItem(fa_data(s, "lambda_function", LAM_PARTNER), "Configuration"), "FunctionArn"),
                   LAM_PARTNER);
  ck_assert_int_eq(fa_count("GetFunctionConfiguration", "arn%3Aaws%3Alambda%3Aus-east-1%3A444455556666%3Afunction%3Apartner-lookup"), 1);
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "lambda_function", LAM_GONE), "Configuration"));
  int n = 0;
  const cJSON *e;
  cJSON_ArrayForEach(e, cJSON_GetObjectItem(s, "errors"))
    if (!strcmp(sget(e, "arn"), LAM_GONE)) {
      ck_assert_str_eq(sget(e, "operation"), "lambda:GetFunctionConfiguration");
      ck_assert_str_eq(sget(e, "code"), "ResourceNotFoundException");
      n++;
    }
  ck_assert_int_eq(n, 1);
  cJSON_Delete(s);
}
END_TEST

/* acme-prod-exports delivers to acme-prod-exports-0, encrypted with KMS key 1;
 * acme-prod-rtca's three destination buckets do not exist. */
static void exports_bucket(cJSON *w) {
  cJSON *streams = tu_load(FA_DIR "/world_streams.json"), *fh;
  cJSON_AddItemToObject(w, "firehose_streams", cJSON_DetachItemFromObject(streams, "firehose_streams"));
  cJSON_Delete(streams);
  cJSON_ArrayForEach(fh, cJSON_GetObjectItem(w, "firehose_streams")) {
    if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(fh, "DeliveryStreamARN")), FH_EAST)) continue;
    cJSON *d = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(fh, "Destinations"), 0),
                                   "ExtendedS3DestinationDescription");
    cJSON_ReplaceItemInObject(d, "EncryptionConfiguration", cJSON_Parse(
        "{\"KMSEncryptionConfig\": {\"AWSKMSKeyARN\": \"arn:aws:kms:us-east-1:" ACCT ":key/1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d\"}}"));
  }
  cJSON_AddItemToObject(w, "s3_buckets", cJSON_Parse(
      "{\"acme-prod-exports-0\": {\"LocationConstraint\": null, \"PolicyStatus\": {\"IsPublic\": false},"
      " \"ServerSideEncryptionConfiguration\": {\"Rules\": [{\"ApplyServerSideEncryptionByDefault\": {\"SSEAlgorithm\": \"AES256\"}}]},"
      " \"Versioning\": {}, \"Acl\": {\"Owner\": {\"ID\": \"o\"}, \"Grants\": []}}}"));
}

/* Where a Firehose stream delivers is a bucket like the storage configs'
 * ones: asked the same way; one that does not exist is one errors[] entry
 * (NoSuchBucket) and nothing is asked after its location; a destination's
 * KMS key is collected like any other key. */
START_TEST(firehose_destination_buckets_and_keys) {
  start_fake_edit(NULL, exports_bucket);
  cJSON *s = collect_ok();
  ck_assert_int_eq(my_errors(s), 0);
  const cJSON *d = fa_data(s, "s3_bucket", "arn:aws:s3:::acme-prod-exports-0");
  ck_assert_ptr_nonnull(d);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(
                       cJSON_GetObjectItem(d, "ServerSideEncryptionConfiguration"), "Rules"), 0),
                       "ApplyServerSideEncryptionByDefault"), "SSEAlgorithm")), "AES256");
  ck_assert(cJSON_IsNull(cJSON_GetObjectItem(d, "Policy")));   /* answered NoSuchBucketPolicy: none */
  for (int i = 0; i < 3; i++) {
    char arn[64];
    snprintf(arn, sizeof arn, "arn:aws:s3:::acme-prod-rtca-%d", i);
    ck_assert_ptr_nonnull(fa_data(s, "s3_bucket", arn));   /* listed, with nothing collected */
    int n = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItem(s, "errors"))
      if (!strcmp(sget(e, "arn"), arn)) {
        ck_assert_str_eq(sget(e, "operation"), "s3:GetBucketLocation");
        ck_assert_str_eq(sget(e, "code"), "NoSuchBucket");
        n++;
      }
    ck_assert_int_eq(n, 1);
  }
  ck_assert_int_eq(fa_count("GetBucketAcl", "acme-prod-rtca"), 0);
  ck_assert_ptr_nonnull(fa_data(s, "kms_key", "arn:aws:kms:us-east-1:" ACCT ":key/1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d"));
  cJSON_Delete(s);
}
END_TEST

START_TEST(streams_functions_and_log_group_collected) {
  start_fake(NULL);
  cJSON *s = collect_ok();
  ck_assert_int_eq(my_errors(s), 0);

  /* Kinesis: both streams, the one named twice once; DescribeStreamSummary as AWS sent it */
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "kinesis_stream")), 2);
  ck_assert_int_eq(fa_count("DescribeStreamSummary", NULL), 2);
  const cJSON *sum = cJSON_GetObjectItem(fa_data(s, "kinesis_stream", KS("acme-prod-ctr")), "StreamDescriptionSummary");
  ck_assert_str_eq(sget(sum, "EncryptionType"), "KMS");
  ck_assert_str_eq(sget(sum, "KeyId"), "alias/aws/kinesis");
  ck_assert_str_eq(sget(fa_res(s, "kinesis_stream", KS("acme-prod-agents")), "name"), "acme-prod-agents");

  /* Firehose: in its own region; every destination page (HasMoreDestinations) */
  const cJSON *d = cJSON_GetObjectItem(fa_data(s, "firehose_delivery_stream", FH_WEST), "DeliveryStreamDescription");
  ck_assert_ptr_nonnull(d);
  ck_assert_str_eq(sget(fa_res(s, "firehose_delivery_stream", FH_WEST), "region"), "us-west-2");
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(d, "Destinations")), 3);
  ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(d, "HasMoreDestinations")));
  ck_assert_ptr_null(cJSON_GetObjectItem(d, "DeliveryStreamEncryptionConfiguration"));   /* as AWS sent it */
  ck_assert_int_eq(fa_count("DescribeDeliveryStream", NULL), 3 + 1);   /* found only when signed for its region */
  ck_assert_str_eq(sget(cJSON_GetObjectItem(fa_data(s, "firehose_delivery_stream", FH_EAST), "DeliveryStreamDescription"),
                        "DeliveryStreamName"), "acme-prod-exports");

  /* Kinesis Video: ListStreams by the config's prefix (all pages), DescribeStream each */
  const cJSON *kvs = fa_type(s, "kinesis_video_stream");
  ck_assert_int_eq(cJSON_GetArraySize(kvs), 4);   /* 3 of Connect's, and acme-production-other: BEGINS_WITH "acme-prod" */
  ck_assert_int_eq(fa_count("ListStreams", NULL), 2);
  ck_assert_int_eq(fa_count("DescribeStream", NULL), 4);
  ck_assert_str_eq(sget(cJSON_GetObjectItem(fa_data(s, "kinesis_video_stream", KVS(1)), "StreamInfo"), "KmsKeyId"),
                   "alias/aws/kinesisvideo");
  ck_assert_str_eq(sget(fa_res(s, "kinesis_video_stream", KVS(0)), "region"), "us-east-1");

  /* Lambda: every function, the eu-west-1 one in eu-west-1 */
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "lambda_function")), 4);
  ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(fa_data(s, "lambda_function", LAM("acme-prod-lookup-2")),
                                                           "Configuration"), "Timeout")->valueint, 30);
  const cJSON *eu = fa_res(s, "lambda_function", LAM_EU);
  ck_assert_str_eq(sget(eu, "region"), "eu-west-1");
  ck_assert_str_eq(sget(cJSON_GetObjectItem(cJSON_GetObjectItem(eu, "data"), "Configuration"), "FunctionArn"), LAM_EU);

  /* Logs: exactly /aws/connect/acme-prod, not -archive; key without ":*"; no retentionInDays stays absent */
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "logs_log_group")), 1);
  const cJSON *g = cJSON_GetObjectItem(fa_data(s, "logs_log_group", LOG_GROUP), "LogGroup");
  ck_assert_str_eq(sget(g, "logGroupName"), "/aws/connect/acme-prod");
  ck_assert_ptr_null(cJSON_GetObjectItem(g, "retentionInDays"));
  /* the instance's group, and the group world_lex.json's Lex V2 alias names for text logs (not in this world) */
  ck_assert_int_eq(fa_count("DescribeLogGroups", NULL), 2);
  char *log = tu_read(tu_path("requests"), NULL);
  LACKS(log, "\"status\": 403");
  free(log);

  cJSON *r = audit_and_validate();
  ck_assert_str_eq(status_of(r, "BASE-KIN-001", KS("acme-prod-ctr")), "pass");
  ck_assert_str_eq(status_of(r, "BASE-KIN-001", KS("acme-prod-agents")), "fail");
  ck_assert_str_eq(status_of(r, "HIPAA-FH-001", FH_WEST), "fail");
  ck_assert_str_eq(status_of(r, "HIPAA-FH-001", FH_EAST), "pass");
  ck_assert_str_eq(status_of(r, "HIPAA-KVS-001", KVS(1)), "fail");
  ck_assert_str_eq(status_of(r, "HIPAA-LOG-001", LOG_GROUP), "pass");   /* never expires */
  ck_assert_str_eq(status_of(r, "PCI-LOG-001", LOG_GROUP), "pass");
  const cJSON *f;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r, "findings")) {
    const char *type = sget(cJSON_GetObjectItem(f, "resource"), "type");
    if (!strcmp(type, "kinesis_stream") || !strcmp(type, "firehose_delivery_stream") ||
        !strcmp(type, "kinesis_video_stream") || !strcmp(type, "logs_log_group") || !strcmp(type, "lambda_function"))
      ck_assert_msg(strcmp(sget(f, "status"), "error"), "%s on %s: error: %s", sget(f, "rule_id"),
                    sget(cJSON_GetObjectItem(f, "resource"), "arn"), sget(f, "message"));
  }
  cJSON_Delete(r);
  cJSON_Delete(s);
}
END_TEST

START_TEST(access_denied_recorded_and_the_rest_collected) {
  /* One function and one stream denied, named: they are asked together with the others. */
  start_fake("{\"GetFunctionConfiguration\": [{\"status\": 403, \"code\": \"AccessDeniedException\","
             " \"match\": \"/acme-prod-lookup-0/\","
             " \"message\": \"User is not authorized to perform: lambda:GetFunctionConfiguration\"}],"
             " \"DescribeStreamSummary\": [{\"status\": 400, \"code\": \"AccessDeniedException\", \"match\": \"acme-prod-ctr\"}],"
             " \"DescribeLogGroups\": [{\"status\": 400, \"code\": \"AccessDeniedException\", \"match\": \"/aws/connect/\"}],"
             " \"ListStreams\": [{\"status\": 400, \"code\": \"AccessDeniedException\"}]}");
  cJSON *s = collect_ok();
  ck_assert_int_eq(my_errors(s), 4);
  /* the first function: a resource without Configuration, the failure against its ARN */
  ck_assert_int_eq(fa_errors(s, "lambda:GetFunctionConfiguration", LAM("acme-prod-lookup-0"), "AccessDeniedException"), 1);
  ck_assert_ptr_nonnull(fa_res(s, "lambda_function", LAM("acme-prod-lookup-0")));
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "lambda_function", LAM("acme-prod-lookup-0")), "Configuration"));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(fa_data(s, "lambda_function", LAM("acme-prod-lookup-1")), "Configuration"));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(fa_data(s, "lambda_function", LAM_EU), "Configuration"));
  ck_assert_int_eq(fa_errors(s, "kinesis:DescribeStreamSummary", KS("acme-prod-ctr"), "AccessDeniedException"), 1);
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "kinesis_stream", KS("acme-prod-ctr")), "StreamDescriptionSummary"));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(fa_data(s, "kinesis_stream", KS("acme-prod-agents")), "StreamDescriptionSummary"));
  /* a list that failed: no resource invented, the failure against the instance / the group's ARN */
  ck_assert_int_eq(fa_errors(s, "kinesisvideo:ListStreams", PROD_ARN, "AccessDeniedException"), 1);
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "kinesis_video_stream")), 0);
  ck_assert_int_eq(fa_errors(s, "logs:DescribeLogGroups", LOG_GROUP, "AccessDeniedException"), 1);
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "logs_log_group")), 0);
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(fa_data(s, "firehose_delivery_stream", FH_WEST), "DeliveryStreamDescription"));

  cJSON *r = audit_and_validate();
  ck_assert_str_eq(status_of(r, "BASE-KIN-001", KS("acme-prod-ctr")), "error");   /* not collected: never pass */
  ck_assert_str_eq(status_of(r, "BASE-KIN-001", KS("acme-prod-agents")), "fail");
  cJSON_Delete(r);
  cJSON_Delete(s);
}
END_TEST

/* Throttling is retried; a stream or function that does not exist is an
 * errors[] entry (ResourceNotFoundException), not an invented configuration. */
START_TEST(throttled_retried_and_missing_resources_recorded) {
  start_fake("{\"DescribeDeliveryStream\": [{\"status\": 400, \"code\": \"LimitExceededException\", \"times\": 2}],"
             " \"DescribeLogGroups\": [{\"status\": 400, \"code\": \"ThrottlingException\", \"times\": 1}]}");
  cJSON *w = tu_load(tu_path("world.json"));
  cJSON_AddItemToArray(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(w, "instances"), 0), "LambdaFunctions"),
                       cJSON_CreateString(LAM("gone") ":live"));
  fa_restart(w);   /* the fake read the world at start: restart it */
  cJSON *s = collect_ok();
  ck_assert_int_eq(my_errors(s), 1);
  /* the qualified ARN: keyed unqualified, asked by name with its Qualifier */
  ck_assert_int_eq(fa_errors(s, "lambda:GetFunctionConfiguration", LAM("gone"), "ResourceNotFoundException"), 1);
  ck_assert_ptr_nonnull(fa_res(s, "lambda_function", LAM("gone")));
  ck_assert_int_eq(fa_count("GetFunctionConfiguration", "\"Qualifier\": \"live\""), 1);
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(fa_data(s, "firehose_delivery_stream", FH_WEST), "DeliveryStreamDescription"));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(fa_data(s, "logs_log_group", LOG_GROUP), "LogGroup"));
  ck_assert_int_eq(fa_count("DescribeLogGroups", NULL), 3);   /* one throttled and retried, and the Lex text-log group */
  cJSON_Delete(s);
}
END_TEST

/* The fake accepts the aws CLI's requests for these services too (wire format and signature). */
START_TEST(aws_cli_accepted_by_the_fake) {
  if (access("/usr/bin/env", X_OK) || system("command -v aws >/dev/null 2>&1")) return;
  start_fake(NULL);
  const char *ep = getenv("AWS_ENDPOINT_URL");
  char cmd[1024];
  snprintf(cmd, sizeof cmd,
           "aws --endpoint-url %s --region us-east-1 kinesis describe-stream-summary --stream-name acme-prod-ctr >%s 2>&1 &&"
           " aws --endpoint-url %s --region us-west-2 firehose describe-delivery-stream --delivery-stream-name acme-prod-rtca >>%s 2>&1 &&"
           " aws --endpoint-url %s --region us-east-1 logs describe-log-groups --log-group-name-prefix /aws/connect/acme-d >>%s 2>&1 &&"
           " aws --endpoint-url %s --region us-east-1 kinesisvideo list-streams --stream-name-condition"
           " ComparisonOperator=BEGINS_WITH,ComparisonValue=acme-dev >>%s 2>&1 &&"
           " aws --endpoint-url %s --region eu-west-1 lambda get-function-configuration --function-name " LAM_EU " >>%s 2>&1",
           ep, tu_path("cli"), ep, tu_path("cli"), ep, tu_path("cli"), ep, tu_path("cli"), ep, tu_path("cli"));
  int rc = system(cmd);
  char *out = tu_read(tu_path("cli"), NULL);
  ck_assert_msg(rc == 0, "aws CLI: %s", out);
  HAS(out, "\"EncryptionType\": \"KMS\"");
  HAS(out, "acme-prod-rtca");
  HAS(out, "/aws/connect/acme-d02");   /* the CLI follows nextToken: all 4 groups */
  HAS(out, "acme-dev-connect-acme-dev-contact");
  HAS(out, "acme-prod-eu-lookup");
  free(out);
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("collect_streams");
  TCase *e = tcase_create("fake_aws");
  tcase_set_timeout(e, 120);
  tcase_add_checked_fixture(e, setup, fa_teardown);
  tcase_add_test(e, streams_functions_and_log_group_collected);
  tcase_add_test(e, access_denied_recorded_and_the_rest_collected);
  tcase_add_test(e, throttled_retried_and_missing_resources_recorded);
  tcase_add_test(e, firehose_destination_buckets_and_keys);
  tcase_add_test(e, cross_account_function_asked_by_arn);
  tcase_add_test(e, aws_cli_accepted_by_the_fake);
  suite_add_tcase(s, e);
  return s;
}

int main(void) {
  return tu_run_suite(suite());
}
