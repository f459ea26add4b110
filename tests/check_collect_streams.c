/* collect: the streams the storage configs name (Kinesis, Firehose, Kinesis
 * Video), the instance's Lambda functions and its log group, against the fake
 * AWS endpoint (tests/fake_aws/svc_streams.py, world_streams.json): shapes as
 * docs/snapshot.md says, every list to its last page, each resource called in
 * its own region, failures in errors[] with the rest collected, and the
 * collected resources audited by their rules. */
#include <check.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "testutil.h"

extern char **environ;

#define FAKE CA_TEST_SRC "/tests/fake_aws/fake_aws.py"
#define WORLD CA_TEST_SRC "/tests/fake_aws/world.json"
#define AKID "AKIAFAKEEXAMPLE00001"
#define SECRET "fakeSecretKey/EXAMPLE+abcdefghijklmnopqrst"
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

static pid_t fake_pid;

static void setup(void) {
  tu_setup("collect-streams");
  fake_pid = 0;
  static const char *const vars[] = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                                     "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL",
                                     "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
                                     "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", NULL};
  for (int i = 0; vars[i]; i++) unsetenv(vars[i]);
  setenv("HOME", tu_dir, 1);
  setenv("AWS_ACCESS_KEY_ID", AKID, 1);
  setenv("AWS_SECRET_ACCESS_KEY", SECRET, 1);
}

static void teardown(void) {
  if (fake_pid > 0) {
    kill(fake_pid, SIGTERM);
    waitpid(fake_pid, NULL, 0);
  }
  tu_teardown();
}

/* The stock world, acme-prod also sending real-time analysis segments to a
 * Firehose stream in us-west-2 (3 destinations, one a page), attachments
 * metadata to one in us-east-1, and naming a Lambda function in eu-west-1;
 * `faults` (JSON) merged in; the streams, functions and log groups come from
 * world_streams.json. */
static void start_fake_edit(const char *faults_json, void (*edit)(cJSON *w)) {
  cJSON *w = tu_load(WORLD);
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
  if (faults_json) {
    cJSON *f = cJSON_Parse(faults_json);
    ck_assert_ptr_nonnull(f);
    cJSON_ReplaceItemInObject(w, "faults", f);
  }
  char world[256], log[256], portfile[256];
  snprintf(world, sizeof world, "%s", tu_path("world.json"));
  tu_save(world, w);
  cJSON_Delete(w);
  snprintf(log, sizeof log, "%s", tu_path("requests"));
  snprintf(portfile, sizeof portfile, "%s", tu_path("port"));
  const char *argv[] = {"/usr/bin/python3", FAKE, world, "--log", log, NULL};
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, portfile, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ck_assert_int_eq(posix_spawn(&fake_pid, argv[0], &fa, NULL, (char *const *)argv, environ), 0);
  posix_spawn_file_actions_destroy(&fa);
  for (int i = 0; i < 200; i++) {
    char *t = tu_slurp(portfile, NULL);
    if (t && strchr(t, '\n')) {
      char ep[64];
      snprintf(ep, sizeof ep, "http://127.0.0.1:%d", atoi(t));
      free(t);
      setenv("AWS_ENDPOINT_URL", ep, 1);
      return;
    }
    free(t);
    usleep(50000);
  }
  ck_abort_msg("the fake AWS endpoint did not start");
}

static cJSON *collect_ok(void) {
  tu_out o = tu_run((const char *[]){"collect", "--region", "us-east-1", "--instance", "acme-prod", "-o",
                                     tu_path("snap.json"), "--rate", "200", NULL});
  ck_assert_msg(o.code == 0, "exit %d: %s", o.code, o.err);
  LACKS(o.err, SECRET);
  tu_done(&o);
  return tu_load(tu_path("snap.json"));
}

static const cJSON *type_of(const cJSON *s, const char *type) {
  return cJSON_GetObjectItem(cJSON_GetObjectItem(s, "resources"), type);
}
static const cJSON *res_of(const cJSON *s, const char *type, const char *arn) {
  return cJSON_GetObjectItem(type_of(s, type), arn);
}
static const cJSON *data_of(const cJSON *s, const char *type, const char *arn) {
  return cJSON_GetObjectItem(res_of(s, type, arn), "data");
}
static const char *sget(const cJSON *o, const char *k) { return cJSON_GetStringValue(cJSON_GetObjectItem(o, k)); }

/* Logged requests of op whose log line holds `has` (NULL: all). */
static int count_requests(const char *op, const char *has) {
  char *log = tu_slurp(tu_path("requests"), NULL);
  int n = 0;
  for (char *save = NULL, *line = log ? strtok_r(log, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save)) {
    cJSON *j = cJSON_Parse(line);
    const char *o = sget(j, "op");
    if (o && !strcmp(o, op) && (!has || strstr(line, has))) n++;
    cJSON_Delete(j);
  }
  free(log);
  return n;
}

static int count_errors(const cJSON *s, const char *operation, const char *arn, const char *code) {
  int n = 0;
  const cJSON *e;
  cJSON_ArrayForEach(e, cJSON_GetObjectItem(s, "errors")) {
    if ((!operation || !strcmp(sget(e, "operation"), operation)) && (!arn || !strcmp(sget(e, "arn"), arn)) &&
        (!code || !strcmp(sget(e, "code"), code)))
      n++;
  }
  return n;
}

/* errors[] entries of this part's services (the other collectors' are theirs to test). */
static void start_fake(const char *faults_json) { start_fake_edit(faults_json, NULL); }

static int my_errors(const cJSON *s) {
  static const char *const svc[] = {"kinesis:", "firehose:", "kinesisvideo:", "lambda:", "logs:", NULL};
  int n = 0;
  const cJSON *e;
  cJSON_ArrayForEach(e, cJSON_GetObjectItem(s, "errors")) {
    for (int i = 0; svc[i]; i++)
      if (!strncmp(sget(e, "operation"), svc[i], strlen(svc[i]))) n++;
  }
  return n;
}

/* audit's finding of rule on arn: its status, or NULL. */
static const char *status_of(const cJSON *results, const char *rule, const char *arn) {
  const cJSON *f;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(results, "findings")) {
    if (!strcmp(sget(f, "rule_id"), rule) && !strcmp(sget(cJSON_GetObjectItem(f, "resource"), "arn"), arn))
      return sget(f, "status");
  }
  return NULL;
}

static cJSON *audit_and_validate(void) {
  tu_out o = tu_run((const char *[]){"audit", tu_path("snap.json"), "-o", tu_path("audit"), "--quiet", NULL});
  ck_assert_msg(o.code == 0 || o.code == 1, "audit exit %d: %s", o.code, o.err);
  tu_done(&o);
  const char *argv[] = {"/usr/bin/python3", CA_TEST_SRC "/tests/schema_check.py",
                        CA_TEST_SRC "/schema/snapshot.v1.schema.json", tu_path("snap.json"), NULL};
  ck_assert_int_eq(tu_spawn(argv, NULL, tu_path("schema.out"), NULL), 0);
  return tu_load(tu_path("audit/results.json"));
}

#define LAM_PARTNER "arn:aws:lambda:us-east-1:444455556666:function:partner-lookup"
#define LAM_GONE "arn:aws:lambda:us-east-1:777788889999:function:gone"
/* acme-prod also names a partner account's function (the world has it) and
 * a third account's that does not exist (or the caller may not see). */
static void partner_function(cJSON *w) {
  cJSON *streams = tu_load(CA_TEST_SRC "/tests/fake_aws/world_streams.json");
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
  ck_assert_str_eq(sget(cJSON_GetObjectItem(data_of(s, "lambda_function", LAM_PARTNER), "Configuration"), "FunctionArn"),
                   LAM_PARTNER);
  ck_assert_int_eq(count_requests("GetFunctionConfiguration", "arn%3Aaws%3Alambda%3Aus-east-1%3A444455556666%3Afunction%3Apartner-lookup"), 1);
  ck_assert_ptr_null(cJSON_GetObjectItem(data_of(s, "lambda_function", LAM_GONE), "Configuration"));
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
  cJSON *streams = tu_load(CA_TEST_SRC "/tests/fake_aws/world_streams.json"), *fh;
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
  const cJSON *d = data_of(s, "s3_bucket", "arn:aws:s3:::acme-prod-exports-0");
  ck_assert_ptr_nonnull(d);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(
                       cJSON_GetObjectItem(d, "ServerSideEncryptionConfiguration"), "Rules"), 0),
                       "ApplyServerSideEncryptionByDefault"), "SSEAlgorithm")), "AES256");
  ck_assert(cJSON_IsNull(cJSON_GetObjectItem(d, "Policy")));   /* answered NoSuchBucketPolicy: none */
  for (int i = 0; i < 3; i++) {
    char arn[64];
    snprintf(arn, sizeof arn, "arn:aws:s3:::acme-prod-rtca-%d", i);
    ck_assert_ptr_nonnull(data_of(s, "s3_bucket", arn));   /* listed, with nothing collected */
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
  ck_assert_int_eq(count_requests("GetBucketAcl", "acme-prod-rtca"), 0);
  ck_assert_ptr_nonnull(data_of(s, "kms_key", "arn:aws:kms:us-east-1:" ACCT ":key/1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d"));
  cJSON_Delete(s);
}
END_TEST

START_TEST(streams_functions_and_log_group_collected) {
  start_fake(NULL);
  cJSON *s = collect_ok();
  ck_assert_int_eq(my_errors(s), 0);

  /* Kinesis: both streams, the one named twice once; DescribeStreamSummary as AWS sent it */
  ck_assert_int_eq(cJSON_GetArraySize(type_of(s, "kinesis_stream")), 2);
  ck_assert_int_eq(count_requests("DescribeStreamSummary", NULL), 2);
  const cJSON *sum = cJSON_GetObjectItem(data_of(s, "kinesis_stream", KS("acme-prod-ctr")), "StreamDescriptionSummary");
  ck_assert_str_eq(sget(sum, "EncryptionType"), "KMS");
  ck_assert_str_eq(sget(sum, "KeyId"), "alias/aws/kinesis");
  ck_assert_str_eq(sget(res_of(s, "kinesis_stream", KS("acme-prod-agents")), "name"), "acme-prod-agents");

  /* Firehose: in its own region; every destination page (HasMoreDestinations) */
  const cJSON *d = cJSON_GetObjectItem(data_of(s, "firehose_delivery_stream", FH_WEST), "DeliveryStreamDescription");
  ck_assert_ptr_nonnull(d);
  ck_assert_str_eq(sget(res_of(s, "firehose_delivery_stream", FH_WEST), "region"), "us-west-2");
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(d, "Destinations")), 3);
  ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(d, "HasMoreDestinations")));
  ck_assert_ptr_null(cJSON_GetObjectItem(d, "DeliveryStreamEncryptionConfiguration"));   /* as AWS sent it */
  ck_assert_int_eq(count_requests("DescribeDeliveryStream", NULL), 3 + 1);   /* found only when signed for its region */
  ck_assert_str_eq(sget(cJSON_GetObjectItem(data_of(s, "firehose_delivery_stream", FH_EAST), "DeliveryStreamDescription"),
                        "DeliveryStreamName"), "acme-prod-exports");

  /* Kinesis Video: ListStreams by the config's prefix (all pages), DescribeStream each */
  const cJSON *kvs = type_of(s, "kinesis_video_stream");
  ck_assert_int_eq(cJSON_GetArraySize(kvs), 4);   /* 3 of Connect's, and acme-production-other: BEGINS_WITH "acme-prod" */
  ck_assert_int_eq(count_requests("ListStreams", NULL), 2);
  ck_assert_int_eq(count_requests("DescribeStream", NULL), 4);
  ck_assert_str_eq(sget(cJSON_GetObjectItem(data_of(s, "kinesis_video_stream", KVS(1)), "StreamInfo"), "KmsKeyId"),
                   "alias/aws/kinesisvideo");
  ck_assert_str_eq(sget(res_of(s, "kinesis_video_stream", KVS(0)), "region"), "us-east-1");

  /* Lambda: every function, the eu-west-1 one in eu-west-1 */
  ck_assert_int_eq(cJSON_GetArraySize(type_of(s, "lambda_function")), 4);
  ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(data_of(s, "lambda_function", LAM("acme-prod-lookup-2")),
                                                           "Configuration"), "Timeout")->valueint, 30);
  const cJSON *eu = res_of(s, "lambda_function", LAM_EU);
  ck_assert_str_eq(sget(eu, "region"), "eu-west-1");
  ck_assert_str_eq(sget(cJSON_GetObjectItem(cJSON_GetObjectItem(eu, "data"), "Configuration"), "FunctionArn"), LAM_EU);

  /* Logs: exactly /aws/connect/acme-prod, not -archive; key without ":*"; no retentionInDays stays absent */
  ck_assert_int_eq(cJSON_GetArraySize(type_of(s, "logs_log_group")), 1);
  const cJSON *g = cJSON_GetObjectItem(data_of(s, "logs_log_group", LOG_GROUP), "LogGroup");
  ck_assert_str_eq(sget(g, "logGroupName"), "/aws/connect/acme-prod");
  ck_assert_ptr_null(cJSON_GetObjectItem(g, "retentionInDays"));
  /* the instance's group, and the group world_lex.json's Lex V2 alias names for text logs (not in this world) */
  ck_assert_int_eq(count_requests("DescribeLogGroups", NULL), 2);
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
  ck_assert_int_eq(count_errors(s, "lambda:GetFunctionConfiguration", LAM("acme-prod-lookup-0"), "AccessDeniedException"), 1);
  ck_assert_ptr_nonnull(res_of(s, "lambda_function", LAM("acme-prod-lookup-0")));
  ck_assert_ptr_null(cJSON_GetObjectItem(data_of(s, "lambda_function", LAM("acme-prod-lookup-0")), "Configuration"));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(data_of(s, "lambda_function", LAM("acme-prod-lookup-1")), "Configuration"));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(data_of(s, "lambda_function", LAM_EU), "Configuration"));
  ck_assert_int_eq(count_errors(s, "kinesis:DescribeStreamSummary", KS("acme-prod-ctr"), "AccessDeniedException"), 1);
  ck_assert_ptr_null(cJSON_GetObjectItem(data_of(s, "kinesis_stream", KS("acme-prod-ctr")), "StreamDescriptionSummary"));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(data_of(s, "kinesis_stream", KS("acme-prod-agents")), "StreamDescriptionSummary"));
  /* a list that failed: no resource invented, the failure against the instance / the group's ARN */
  ck_assert_int_eq(count_errors(s, "kinesisvideo:ListStreams", PROD_ARN, "AccessDeniedException"), 1);
  ck_assert_int_eq(cJSON_GetArraySize(type_of(s, "kinesis_video_stream")), 0);
  ck_assert_int_eq(count_errors(s, "logs:DescribeLogGroups", LOG_GROUP, "AccessDeniedException"), 1);
  ck_assert_int_eq(cJSON_GetArraySize(type_of(s, "logs_log_group")), 0);
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(data_of(s, "firehose_delivery_stream", FH_WEST), "DeliveryStreamDescription"));

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
  tu_save(tu_path("world.json"), w);   /* the fake read the world at start: restart it */
  cJSON_Delete(w);
  kill(fake_pid, SIGTERM);
  waitpid(fake_pid, NULL, 0);
  fake_pid = 0;
  char world[256], log[256], portfile[256];
  snprintf(world, sizeof world, "%s", tu_path("world.json"));
  snprintf(log, sizeof log, "%s", tu_path("requests"));
  snprintf(portfile, sizeof portfile, "%s", tu_path("port"));
  unlink(portfile);
  const char *argv[] = {"/usr/bin/python3", FAKE, world, "--log", log, NULL};
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, portfile, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ck_assert_int_eq(posix_spawn(&fake_pid, argv[0], &fa, NULL, (char *const *)argv, environ), 0);
  posix_spawn_file_actions_destroy(&fa);
  for (int i = 0; i < 200; i++) {
    char *t = tu_slurp(portfile, NULL);
    int ok = t && strchr(t, '\n');
    if (ok) {
      char ep[64];
      snprintf(ep, sizeof ep, "http://127.0.0.1:%d", atoi(t));
      setenv("AWS_ENDPOINT_URL", ep, 1);
    }
    free(t);
    if (ok) break;
    usleep(50000);
  }
  cJSON *s = collect_ok();
  ck_assert_int_eq(my_errors(s), 1);
  /* the qualified ARN: keyed unqualified, asked by name with its Qualifier */
  ck_assert_int_eq(count_errors(s, "lambda:GetFunctionConfiguration", LAM("gone"), "ResourceNotFoundException"), 1);
  ck_assert_ptr_nonnull(res_of(s, "lambda_function", LAM("gone")));
  ck_assert_int_eq(count_requests("GetFunctionConfiguration", "\"Qualifier\": \"live\""), 1);
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(data_of(s, "firehose_delivery_stream", FH_WEST), "DeliveryStreamDescription"));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(data_of(s, "logs_log_group", LOG_GROUP), "LogGroup"));
  ck_assert_int_eq(count_requests("DescribeLogGroups", NULL), 3);   /* one throttled and retried, and the Lex text-log group */
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
  tcase_add_checked_fixture(e, setup, teardown);
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
  SRunner *r = srunner_create(suite());
  srunner_run_all(r, CK_NORMAL);
  int failed = srunner_ntests_failed(r);
  srunner_free(r);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
