/* import: a snapshot from a folder of AWS CLI outputs (docs/import.md).  The
 * key property: against the same fake world, `collect` and
 * scripts/export-with-aws-cli + `import` give the same resources and errors[]
 * for what both cover -- the same resource, the same snapshot, by either path. */
#include <check.h>
#include <dirent.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "fakeaws.h"
#include "testutil.h"

extern char **environ;

#define EXPORT CA_TEST_SRC "/scripts/export-with-aws-cli"
#define PROD_ARN "arn:aws:connect:us-east-1:111122223333:instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33"
#define PROD_ID "4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33"

static void setup(void) { fa_setup("import", 0); }   /* start_fake sets the world's keys */

/* The AWS CLI the export runs: `aws` itself, or (most of each run's CPU
 * being Python's start-up and awscli's imports, ~150 runs) the same CLI
 * imported once in tests/awscli/server.py, which runs awscli.clidriver.main()
 * -- what `aws` runs -- in a fresh child per call, with the caller's streams,
 * folder, environment and arguments; tests/awscli/client.py is `aws` on PATH.
 * collect_and_export_import_agree compares calls of both byte for byte. */
static pid_t cli_server;
static char real_path[4096];

static void cli_setup(void) {
  setup();
  snprintf(real_path, sizeof real_path, "%s", getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
  char sock[128], bin[128], cmd[512];
  snprintf(sock, sizeof sock, "%s", tu_path("aws.sock"));
  snprintf(bin, sizeof bin, "%s", tu_path("bin"));
  snprintf(cmd, sizeof cmd, "exec python3 '%s/tests/awscli/server.py' '%s'", CA_TEST_SRC, sock);
  const char *argv[] = {"/bin/sh", "-c", cmd, NULL};
  ck_assert_int_eq(posix_spawn(&cli_server, "/bin/sh", NULL, NULL, (char *const *)argv, environ), 0);
  for (int i = 0; i < 600 && access(sock, F_OK); i++) {   /* up to 60 s on a loaded machine */
    int st;
    if (waitpid(cli_server, &st, WNOHANG) == cli_server) {   /* no awscli for python3: `aws` itself */
      cli_server = 0;
      return;
    }
    usleep(100000);
  }
  ck_assert_msg(!access(sock, F_OK), "tests/awscli/server.py did not start");
  ck_assert_int_eq(mkdir(bin, 0755), 0);
  ck_assert_int_eq(symlink(CA_TEST_SRC "/tests/awscli/client.py", tu_path("bin/aws")), 0);
  char path[4300];
  snprintf(path, sizeof path, "%s:%s", bin, real_path);
  setenv("PATH", path, 1);
  setenv("CA_AWSCLI_SERVER", sock, 1);
}

static void cli_teardown(void) {
  if (cli_server > 0) {
    kill(cli_server, SIGTERM);
    waitpid(cli_server, NULL, 0);
    cli_server = 0;
  }
  fa_teardown();
}

/* `aws ARGS` itself (the real command on the original PATH): its output
 * (stdout, or stderr when err) equals the export's file, byte for byte. */
static void real_cli_agrees(const char *file, int err, const char *args) {
  if (!cli_server) return;   /* the export ran `aws` itself */
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "PATH='%s' exec aws --region us-east-1 --output json %s %s", real_path, args,
           err ? ">/dev/null 2>\"$0\"" : "2>/dev/null >\"$0\"");
  char out[128];
  snprintf(out, sizeof out, "%s", tu_path("real.out"));
  const char *argv[] = {"/bin/sh", "-c", cmd, out, NULL};
  tu_spawn(argv, NULL, tu_path("real.log"), NULL);
  size_t la, lb;
  char *a = tu_read(out, &la), *b = tu_read(tu_path(file), &lb);
  ck_assert_msg(la > 0 && la == lb && !memcmp(a, b, la), "aws %s: the aws command's output differs from %s:\n%s\n--\n%s",
                args, file, a, b);
  free(a);
  free(b);
}

/* The fake on the tests' world with `faults` (JSON, or NULL); the test
 * world's credentials and AWS_ENDPOINT_URL in the environment. */
#define DOT_AGENTS "arn:aws:kinesis:us-east-1:111122223333:stream/.acme-prod-agents"
static void start_fake(const char *faults_json) {
  cJSON *w = fa_world(NULL);
  /* acme-prod also sends scheduled reports to a Firehose stream (the fake's
   * stock acme-prod-exports, whose S3 destination bucket does not exist) */
  cJSON *inst = cJSON_GetArrayItem(cJSON_GetObjectItem(w, "instances"), 0);
  cJSON *sc = cJSON_GetObjectItem(inst, "StorageConfigs");
  /* and its users are in an existing directory (Directory Service is asked) */
  cJSON_ReplaceItemInObject(cJSON_GetObjectItem(inst, "Instance"), "IdentityManagementType",
                            cJSON_CreateString("EXISTING_DIRECTORY"));
  cJSON_AddItemToObject(sc, "SCHEDULED_REPORTS", cJSON_Parse(
      "[{\"AssociationId\":\"a1f3c0de-0007-4a00-8000-000000000007\",\"StorageType\":\"KINESIS_FIREHOSE\","
      "\"KinesisFirehoseConfig\":{\"FirehoseArn\":\"arn:aws:firehose:us-east-1:111122223333:deliverystream/acme-prod-exports\"}}]"));
  /* and its Lex V2 alias writes text logs to a group in eu-west-2 (KMS-encrypted) */
  cJSON *lex = tu_load(FA_DIR "/world_lex.json"), *streams = tu_load(FA_DIR "/world_streams.json");
  cJSON *v2 = cJSON_DetachItemFromObject(lex, "lex_v2");
  cJSON *text = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(
      cJSON_GetObjectItem(cJSON_GetObjectItem(v2, "us-east-1"), "BOT1234567"), "aliases"), "TSTALIASID"),
      "conversationLogSettings"), "textLogSettings"), 0);
  cJSON_ReplaceItemInObject(text, "enabled", cJSON_CreateTrue());
  cJSON_ReplaceItemInObject(cJSON_GetObjectItem(cJSON_GetObjectItem(text, "destination"), "cloudWatch"), "cloudWatchLogGroupArn",
                            cJSON_CreateString("arn:aws:logs:eu-west-2:111122223333:log-group:/aws/lex/AcmeSelfService:*"));
  cJSON_AddItemToObject(w, "lex_v2", v2);
  cJSON *groups = cJSON_DetachItemFromObject(streams, "log_groups");
  cJSON_AddItemToArray(groups, cJSON_Parse(
      "{\"logGroupName\": \"/aws/lex/AcmeSelfService\", \"arn\": \"arn:aws:logs:eu-west-2:111122223333:log-group:/aws/lex/AcmeSelfService:*\","
      " \"logGroupArn\": \"arn:aws:logs:eu-west-2:111122223333:log-group:/aws/lex/AcmeSelfService\", \"retentionInDays\": 30,"
      " \"kmsKeyId\": \"arn:aws:kms:us-east-1:111122223333:key/1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d\"}"));
  cJSON_AddItemToObject(w, "log_groups", groups);
  /* and its agent events go to a stream named with a leading '.' (Kinesis's
   * pattern allows it): the export must not write it as a hidden file */
  cJSON *ks = cJSON_DetachItemFromObject(streams, "kinesis_streams"), *k;
  cJSON_ArrayForEach(k, ks)
    if (!strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(k, "StreamName")), "acme-prod-agents")) {
      cJSON_ReplaceItemInObject(k, "StreamName", cJSON_CreateString(".acme-prod-agents"));
      cJSON_ReplaceItemInObject(k, "StreamARN", cJSON_CreateString(DOT_AGENTS));
    }
  cJSON_AddItemToObject(w, "kinesis_streams", ks);
  cJSON_ReplaceItemInObject(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(sc, "AGENT_EVENTS"), 0),
                                                "KinesisStreamConfig"), "StreamArn", cJSON_CreateString(DOT_AGENTS));
  cJSON_Delete(lex);
  cJSON_Delete(streams);
  /* and the account's trail (metric filters on its log group, an alarm on
   * one's metric) and EventBridge rules, world_aux.json's (trail.c, iam.c) */
  cJSON *aux = tu_load(FA_DIR "/world_aux.json");
  static const char *const alerting[] = {"trails", "metric_filters", "event_rules", "alarms", NULL};
  for (int i = 0; alerting[i]; i++) cJSON_AddItemToObject(w, alerting[i], cJSON_DetachItemFromObject(aux, alerting[i]));
  cJSON_Delete(aux);
  cJSON *cred = cJSON_GetArrayItem(cJSON_GetObjectItem(w, "credentials"), 0);
  setenv("AWS_ACCESS_KEY_ID", cJSON_GetStringValue(cJSON_GetObjectItem(cred, "access_key")), 1);
  setenv("AWS_SECRET_ACCESS_KEY", cJSON_GetStringValue(cJSON_GetObjectItem(cred, "secret_key")), 1);
  fa_start(fa_faults(w, faults_json));
}

static int have_aws_cli(void) {
  const char *argv[] = {"/bin/sh", "-c", "command -v aws", NULL};
  return tu_spawn(argv, NULL, tu_path("which.out"), NULL) == 0;
}

/* collect -> tu_dir/col.json; export-with-aws-cli -> tu_dir/exp; import -> tu_dir/imp.json. */
static void both_paths(void) {
  tu_out o = tu_run((const char *[]){"collect", "--region", "us-east-1", "--instance", "acme-prod", "-o",
                                     tu_path("col.json"), "--rate", "500", "--burst", "500", NULL});
  ck_assert_msg(o.code == 0, "collect: %s", o.err);
  tu_done(&o);
  const char *argv[] = {EXPORT, "--region", "us-east-1", "--instance", "acme-prod", "--out", tu_path("exp"), NULL};
  int rc = tu_spawn(argv, NULL, tu_path("export.out"), NULL);
  char *eo = tu_read(tu_path("export.out"), NULL);
  ck_assert_msg(rc == 0, "export exit %d: %s", rc, eo);
  free(eo);
  o = tu_run((const char *[]){"import", tu_path("exp"), "-o", tu_path("imp.json"), NULL});
  ck_assert_msg(o.code == 0, "import: %s", o.err);
  tu_done(&o);
}

/* dir holds kebab.json|.error|-SUFFIX.json or a folder kebab/ (depth 1: also
 * in its subfolders, as s3/BUCKET/get-bucket-acl.json). */
static int exported_in(const char *dir, const char *kebab, int depth) {
  size_t k = strlen(kebab);
  DIR *d = opendir(dir);
  int found = 0;
  for (struct dirent *de; d && !found && (de = readdir(d));) {
    if (de->d_name[0] == '.') continue;
    found = !strncmp(de->d_name, kebab, k) && strchr(".-", de->d_name[k] ? de->d_name[k] : '.');
    if (!found && depth > 0) {
      char sub[768];
      snprintf(sub, sizeof sub, "%s/%s", dir, de->d_name);
      found = exported_in(sub, kebab, depth - 1);
    }
  }
  if (d) closedir(d);
  return found;
}

/* An errors[] entry of an operation the export wrote a file for (exp/<service>/<op
 * in kebab case>.json|.error, -SUFFIX, or a folder of per-object files): the
 * collector's other calls (other services, or operations the export does not
 * make yet) are not the import's to reproduce. */
static int covered_operation(const cJSON *e) {
  const char *op = cJSON_GetStringValue(cJSON_GetObjectItem(e, "operation"));
  const char *colon = op ? strchr(op, ':') : NULL;
  if (!colon) return 0;
  char dir[512], kebab[128];
  size_t k = 0;
  for (const char *p = colon + 1; *p && k + 2 < sizeof kebab; p++) {
    if (*p >= 'A' && *p <= 'Z') {
      if (p != colon + 1) kebab[k++] = '-';
      kebab[k++] = (char)(*p - 'A' + 'a');
    } else {
      kebab[k++] = *p;
    }
  }
  kebab[k] = '\0';
  snprintf(dir, sizeof dir, "%s/%.*s", tu_path("exp"), (int)(colon - op), op);
  return exported_in(dir, kebab, 1);
}

/* Every resource type of the imported snapshot equal to the collected one,
 * and errors[] of the operations import covers equal, in order. */
static void assert_same(int min_errors) {
  cJSON *a = tu_load(tu_path("col.json")), *b = tu_load(tu_path("imp.json"));
  cJSON *ra = cJSON_GetObjectItem(a, "resources"), *rb = cJSON_GetObjectItem(b, "resources");
  int types = 0;
  for (cJSON *t = rb->child; t; t = t->next) {
    cJSON *ta = cJSON_GetObjectItemCaseSensitive(ra, t->string);
    ck_assert_msg(ta != NULL, "collect has no %s", t->string);
    for (cJSON *r = ta->child; r; r = r->next) {
      cJSON *rb1 = cJSON_GetObjectItemCaseSensitive(t, r->string);
      ck_assert_msg(rb1 != NULL, "%s %s: collected, not imported", t->string, r->string);
      if (!cJSON_Compare(r, rb1, 1)) {
        char *x = cJSON_PrintUnformatted(r), *y = cJSON_PrintUnformatted(rb1);
        ck_abort_msg("%s %s differs:\ncollect %.600s\nimport  %.600s", t->string, r->string, x, y);
      }
    }
    ck_assert_int_eq(cJSON_GetArraySize(t), cJSON_GetArraySize(ta));
    types++;
  }
  ck_assert_int_ge(types, 6);
  cJSON *ea = cJSON_CreateArray();
  for (cJSON *e = cJSON_GetObjectItem(a, "errors")->child; e; e = e->next)
    if (covered_operation(e)) cJSON_AddItemToArray(ea, cJSON_Duplicate(e, 1));
  cJSON *eb = cJSON_GetObjectItem(b, "errors");
  char *x = cJSON_PrintUnformatted(ea), *y = cJSON_PrintUnformatted(eb);
  ck_assert_msg(cJSON_Compare(ea, eb, 1), "errors differ:\ncollect %.1500s\nimport  %.1500s", x, y);
  ck_assert_int_ge(cJSON_GetArraySize(eb), min_errors);
  free(x), free(y);
  cJSON_Delete(ea);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(a, "account_id")),
                   cJSON_GetStringValue(cJSON_GetObjectItem(b, "account_id")));
  cJSON_Delete(a);
  cJSON_Delete(b);
}

START_TEST(collect_and_export_import_agree) {
  if (!have_aws_cli()) return;   /* the export needs the aws CLI */
  start_fake(NULL);
  both_paths();
  assert_same(0);
  /* the imported snapshot audits (findings, exit 0 or 1) and matches the schema */
  cJSON_Delete(fa_audit(tu_path("imp.json"), FA_SCHEMA));
  /* the CLI the export ran prints what the aws command prints: an answer, pages merged, an error */
  real_cli_agrees("exp/connect/describe-instance.json", 0, "connect describe-instance --instance-id " PROD_ID);
  real_cli_agrees("exp/connect/search-users.json", 0, "connect search-users --instance-id " PROD_ID);
  real_cli_agrees("exp/s3/acme-prod-exports-0/get-bucket-location.error", 1,
                  "s3api get-bucket-location --bucket acme-prod-exports-0");
  real_cli_agrees("exp/iam/get-role/AWSServiceRoleForAmazonConnect_X.json", 0,   /* the trust policy decoded by the CLI */
                  "iam get-role --role-name AWSServiceRoleForAmazonConnect_X");
  /* every page was followed by the CLI: 5 users with a page size of 2 */
  cJSON *b = tu_load(tu_path("imp.json"));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(b, "resources"), "connect_user")), 5);
  /* S3 "not configured" errors saved by the CLI are null, as collect makes them */
  cJSON *chats = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(b, "resources"),
                                                                             "s3_bucket"), "arn:aws:s3:::acme-prod-chats"), "data");
  ck_assert(cJSON_IsNull(cJSON_GetObjectItem(chats, "ServerSideEncryptionConfiguration")));
  ck_assert(cJSON_IsNull(cJSON_GetObjectItem(chats, "Policy")));
  ck_assert(cJSON_IsNull(cJSON_GetObjectItem(chats, "LoggingEnabled")));
  ck_assert(cJSON_IsObject(cJSON_GetObjectItem(chats, "Acl")));
  /* where the data goes and what the instance runs, imported too (assert_same
   * held them equal to collect's): streams, functions, the log group, and the
   * KMS keys all of those name (aws/kinesis through the region's aliases) */
  static const char *const imported[] = {"kinesis_stream", "firehose_delivery_stream", "kinesis_video_stream",
                                         "lambda_function", "logs_log_group", "kms_key", "lex_bot", "lexv2_bot", "lexv2_bot_alias",
                                         "ds_directory", "voiceid_domain", "wisdom_knowledge_base",
                                         "customer_profiles_domain", "customer_profiles_object_type",
                                         "cloudwatch_alarm", "connect_campaign_v2",
                                         "connect_campaign_v1", "cloudtrail_trail", "events_rule", "iam_role", NULL};
  for (int i = 0; imported[i]; i++)
    ck_assert_msg(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(b, "resources"), imported[i])) > 0,
                  "no %s imported", imported[i]);
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(b, "resources"), "kms_key"),
                                            "arn:aws:kms:us-east-1:111122223333:key/7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"));
  /* the log groups: the instance's (us-east-1) and the Lex alias's text logs' (eu-west-2), each region's file */
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(b, "resources"), "logs_log_group"),
                                            "arn:aws:logs:eu-west-2:111122223333:log-group:/aws/lex/AcmeSelfService"));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(b, "resources"), "logs_log_group")), 2);
  ck_assert_int_eq(access(tu_path("exp/logs/describe-log-groups-eu-west-2.json"), R_OK), 0);
  /* the stream named ".acme-prod-agents": written %2E..., not hidden, and imported */
  ck_assert_int_eq(access(tu_path("exp/kinesis/describe-stream-summary/%2Eacme-prod-agents.json"), R_OK), 0);
  fa_data(b, "kinesis_stream", DOT_AGENTS);
  /* the directory's RADIUS secret is in neither the export nor the snapshot */
  char *dsf = tu_slurp(tu_path("exp/ds/describe-directories-us-east-1.json"), NULL);
  ck_assert_ptr_nonnull(dsf);
  LACKS(dsf, "SharedSecret");
  free(dsf);
  /* what alerts on IAM changes and the service-linked role, every member collect fills (assert_same: equal) */
  cJSON *trail = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(b, "resources"),
      "cloudtrail_trail"), "arn:aws:cloudtrail:us-east-1:111122223333:trail/acme-org-trail"), "data");
  static const char *const tm[] = {"Trail", "Status", "EventSelectors", "MetricFilters", "MetricAlarms", NULL};
  for (int i = 0; tm[i]; i++) ck_assert_msg(cJSON_GetObjectItem(trail, tm[i]) != NULL, "the trail has no %s", tm[i]);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(trail, "MetricAlarms")), 1);
  cJSON *rule = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(b, "resources"),
      "events_rule"), "arn:aws:events:us-east-1:111122223333:rule/connect-permission-changes"), "data");
  ck_assert(cJSON_IsObject(cJSON_GetObjectItem(rule, "EventPattern")));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(rule, "Targets")), 1);
  cJSON *role = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(
      cJSON_GetObjectItem(b, "resources"), "iam_role"), "arn:aws:iam::111122223333:role/aws-service-role/connect.amazonaws.com/"
      "AWSServiceRoleForAmazonConnect_X"), "data"), "Role"), "AssumeRolePolicyDocument");
  ck_assert(cJSON_IsArray(cJSON_GetObjectItem(role, "Statement")));
  /* the one failed call: the Firehose destination bucket that does not exist, by both paths */
  const cJSON *errs = cJSON_GetObjectItem(b, "errors");
  ck_assert_int_eq(cJSON_GetArraySize(errs), 1);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(errs->child, "arn")), "arn:aws:s3:::acme-prod-exports-0");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(errs->child, "code")), "NoSuchBucket");
  cJSON_Delete(b);
}
END_TEST

START_TEST(agree_on_denied_calls_and_fallbacks) {
  if (!have_aws_cli()) return;
  start_fake("{\"ListLambdaFunctions\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"not allowed\"}],"
             " \"ListInstanceAttributes\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"denied\"}],"
             " \"SearchSecurityProfiles\": [{\"status\": 400, \"code\": \"UnknownOperationException\"}],"
             " \"SearchUsers\": [{\"status\": 400, \"code\": \"UnknownOperationException\"}],"
             " \"DescribeUser\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"no users\"}],"
             " \"SearchRoutingProfiles\": [{\"status\": 400, \"code\": \"UnknownOperationException\"}],"
             " \"ListPhoneNumbersV2\": [{\"status\": 400, \"code\": \"UnknownOperationException\"}],"
             " \"GetBucketAcl\": [{\"status\": 403, \"code\": \"AccessDenied\", \"message\": \"Access Denied\"}],"
             " \"DescribeAlarms\": [{\"status\": 403, \"code\": \"AccessDenied\", \"message\": \"no alarms\"}],"
             " \"GetEventSelectors\": [{\"status\": 400, \"code\": \"AccessDeniedException\", \"message\": \"no selectors\"}],"
             " \"ListRules\": [{\"status\": 400, \"code\": \"AccessDeniedException\", \"message\": \"no rules\"}],"
             " \"DescribeAlarmsForMetric\": [{\"status\": 403, \"code\": \"AccessDenied\", \"message\": \"no metric alarms\"}],"
             " \"GetRole\": [{\"status\": 403, \"code\": \"AccessDenied\", \"message\": \"no roles\"}]}");
  both_paths();
  assert_same(14);
  cJSON *b = tu_load(tu_path("imp.json"));
  cJSON *inst = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(b, "resources"),
                                                                            "connect_instance"), PROD_ARN), "data");
  ck_assert_ptr_null(cJSON_GetObjectItem(inst, "Attributes"));       /* failed: absent, never null */
  ck_assert_ptr_null(cJSON_GetObjectItem(inst, "LambdaFunctions"));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(inst, "SecurityKeys"));
  cJSON *bucket = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(b, "resources"),
                                                                              "s3_bucket"), "arn:aws:s3:::acme-prod-chats"), "data");
  ck_assert_ptr_null(cJSON_GetObjectItem(bucket, "Acl"));            /* denied: absent, in errors[] */
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(bucket, "Versioning"));
  char *t = cJSON_PrintUnformatted(cJSON_GetObjectItem(b, "errors"));
  HAS(t, "{\"arn\":\"arn:aws:s3:::acme-prod-chats\",\"operation\":\"s3:GetBucketAcl\",\"code\":\"AccessDenied\"");
  /* CloudWatch's query code (x-amzn-query-error), as the CLI prints it */
  HAS(t, "{\"arn\":\"arn:aws:cloudwatch:us-east-1:111122223333:alarm:*\",\"operation\":\"cloudwatch:DescribeAlarms\","
         "\"code\":\"AccessDenied\",\"message\":\"no alarms\"}");
  /* trail.c's and iam.c's denied calls: the same entries, the members absent (the rules say error) */
  HAS(t, "{\"arn\":\"arn:aws:cloudtrail:us-east-1:111122223333:trail/acme-org-trail\",\"operation\":\"cloudtrail:GetEventSelectors\","
         "\"code\":\"AccessDeniedException\",\"message\":\"no selectors\"}");
  HAS(t, "{\"arn\":\"arn:aws:events:us-east-1:111122223333:rule/*\",\"operation\":\"events:ListRules\","
         "\"code\":\"AccessDeniedException\",\"message\":\"no rules\"}");
  HAS(t, "\"operation\":\"cloudwatch:DescribeAlarmsForMetric\",\"code\":\"AccessDenied\",\"message\":\"no metric alarms\"}");
  HAS(t, "{\"arn\":\"arn:aws:iam::111122223333:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_X\","
         "\"operation\":\"iam:GetRole\",\"code\":\"AccessDenied\",\"message\":\"no roles\"}");
  free(t);
  cJSON *res = cJSON_GetObjectItem(b, "resources");
  cJSON *trail = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(res, "cloudtrail_trail"),
                                                         "arn:aws:cloudtrail:us-east-1:111122223333:trail/acme-org-trail"), "data");
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(trail, "Status"));
  ck_assert_ptr_null(cJSON_GetObjectItem(trail, "EventSelectors"));
  ck_assert_ptr_null(cJSON_GetObjectItem(trail, "MetricAlarms"));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(res, "events_rule")), 0);
  ck_assert_ptr_null(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(res, "iam_role")->child, "data"), "Role"));
  cJSON_Delete(b);
}
END_TEST

/* A hand-made folder: the instance's description and what the test adds. */
static void folder(void) {
  mkdir(tu_path("f"), 0755);
  mkdir(tu_path("f/connect"), 0755);
  tu_put("f/connect/describe-instance.json",
         "{\"Instance\": {\"Id\": \"" PROD_ID "\", \"Arn\": \"" PROD_ARN "\", \"InstanceAlias\": \"acme-prod\","
         " \"IdentityManagementType\": \"CONNECT_MANAGED\", \"InstanceStatus\": \"ACTIVE\"}}\n");
}

START_TEST(malformed_json_names_the_file_line_and_column) {
  folder();
  tu_put("f/connect/search-users.json", "{\n  \"Users\": [\n    {\"Id\": \"x\",, }\n  ]\n}\n");
  tu_out o = tu_run((const char *[]){"import", tu_path("f"), "-o", tu_path("s.json"), NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "connect/search-users.json:3:");
  HAS(o.err, "malformed JSON");
  ck_assert_int_ne(access(tu_path("s.json"), F_OK), 0);
  tu_done(&o);
  /* valid JSON that is not an object is refused too */
  tu_put("f/connect/search-users.json", "[]\n");
  o = tu_run((const char *[]){"import", tu_path("f"), "-o", tu_path("s.json"), NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "search-users.json: not a JSON object");
  tu_done(&o);
  /* no describe-instance.json: nothing to build on */
  unlink(tu_path("f/connect/search-users.json"));
  unlink(tu_path("f/connect/describe-instance.json"));
  o = tu_run((const char *[]){"import", tu_path("f"), "-o", tu_path("s.json"), NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "connect/describe-instance.json: missing");
  tu_done(&o);
}
END_TEST

START_TEST(unknown_file_names_are_reported) {
  folder();
  tu_put("f/connect/list-instance-atributes.json", "{\"Attributes\": []}\n");   /* misspelt */
  mkdir(tu_path("f/s3"), 0755);
  tu_put("f/s3/notes.txt", "hello\n");
  tu_out o = tu_run((const char *[]){"import", tu_path("f"), "-o", tu_path("s.json"), NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "2 files not imported");
  HAS(o.err, "connect/list-instance-atributes.json");
  HAS(o.err, "s3/notes.txt");
  ck_assert_int_ne(access(tu_path("s.json"), F_OK), 0);
  tu_done(&o);
  o = tu_run((const char *[]){"import", tu_path("f"), "--allow-unused", "-o", tu_path("s.json"), NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  HAS(o.err, "not imported: ");
  HAS(o.err, "list-instance-atributes.json");
  tu_done(&o);
  /* -o -: the snapshot on standard output, the same bytes */
  char *want = tu_read(tu_path("s.json"), NULL);
  o = tu_run((const char *[]){"import", tu_path("f"), "--allow-unused", "-o", "-", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  ck_assert_str_eq(o.out, want);
  free(want);
  tu_done(&o);
}
END_TEST

START_TEST(error_files_become_errors_and_missing_files_absent) {
  folder();
  tu_put("f/connect/list-lambda-functions.error",
         "\nAn error occurred (AccessDeniedException) when calling the ListLambdaFunctions operation: "
         "User: arn:aws:iam::111122223333:user/a is not authorized to perform: connect:ListLambdaFunctions\n");
  tu_put("f/connect/list-approved-origins.error",
         "{\"Error\": {\"Code\": \"ThrottlingException\", \"Message\": \"Rate exceeded\"}}\n");
  tu_put("f/connect/list-security-keys.error.json", "{\"__type\": \"com.amazonaws.connect#InternalServiceException\", \"message\": \"oops\"}");
  tu_put("f/connect/list-instance-attributes.json", "{\"Attributes\": [{\"AttributeType\": \"CONTACTFLOW_LOGS\", \"Value\": \"true\"}]}");
  tu_put("f/connect/search-queues.json", "{\"Queues\": [], \"NextToken\": \"abc\"}");   /* --max-items */
  mkdir(tu_path("f/sts"), 0755);
  tu_put("f/sts/get-caller-identity.error",
         "An error occurred (AccessDenied) when calling the GetCallerIdentity operation: denied\n");
  tu_out o = tu_run((const char *[]){"import", tu_path("f"), "-o", tu_path("s.json"), "--quiet", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  cJSON *s = tu_load(tu_path("s.json"));
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(s, "account_id")), "111122223333");
  cJSON *errs = cJSON_GetObjectItem(s, "errors");
  ck_assert_int_eq(cJSON_GetArraySize(errs), 5);
  char *t = cJSON_PrintUnformatted(errs);
  HAS(t, "{\"arn\":\"arn:aws:iam::111122223333:root\",\"operation\":\"sts:GetCallerIdentity\",\"code\":\"AccessDenied\",\"message\":\"denied\"}");
  HAS(t, "{\"arn\":\"" PROD_ARN "\",\"operation\":\"connect:ListLambdaFunctions\",\"code\":\"AccessDeniedException\","
         "\"message\":\"User: arn:aws:iam::111122223333:user/a is not authorized to perform: connect:ListLambdaFunctions\"}");
  HAS(t, "\"operation\":\"connect:ListApprovedOrigins\",\"code\":\"ThrottlingException\",\"message\":\"Rate exceeded\"");
  HAS(t, "\"operation\":\"connect:ListSecurityKeys\",\"code\":\"InternalServiceException\",\"message\":\"oops\"");
  HAS(t, "\"operation\":\"connect:SearchQueues\",\"code\":\"IncompleteExport\"");
  free(t);
  cJSON *data = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(s, "resources"),
                                                                            "connect_instance"), PROD_ARN), "data");
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(data, "Instance"));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(data, "Attributes")), 1);
  /* failed or not exported: absent, never null */
  ck_assert_ptr_null(cJSON_GetObjectItem(data, "LambdaFunctions"));
  ck_assert_ptr_null(cJSON_GetObjectItem(data, "ApprovedOrigins"));
  ck_assert_ptr_null(cJSON_GetObjectItem(data, "LexBots"));
  cJSON *storage = cJSON_GetObjectItem(data, "StorageConfigs");
  ck_assert_ptr_nonnull(storage);
  ck_assert_ptr_null(cJSON_GetObjectItem(storage, "CALL_RECORDINGS"));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(s, "resources"), "connect_user")), 0);
  cJSON_Delete(s);
}
END_TEST

/* A flow whose Content is not the flow language -- the pre-2019 export
 * format ({"modules": [...]}) -- fails only itself: import writes the
 * snapshot, and audit reports error for that flow's rules while the other
 * flow is judged as usual. */
START_TEST(flow_in_the_old_export_format_fails_only_itself) {
  folder();
  tu_put("f/connect/search-contact-flows.json",
         "{\"ContactFlows\": ["
         "{\"Arn\": \"" PROD_ARN "/contact-flow/old\", \"Id\": \"old\", \"Name\": \"old\", \"Type\": \"CONTACT_FLOW\","
         " \"Content\": \"{\\\"modules\\\":[{\\\"id\\\":\\\"m1\\\",\\\"type\\\":\\\"PlayPrompt\\\"}],"
         "\\\"version\\\":\\\"1\\\",\\\"start\\\":\\\"m1\\\"}\"},"
         "{\"Arn\": \"" PROD_ARN "/contact-flow/new\", \"Id\": \"new\", \"Name\": \"new\", \"Type\": \"CONTACT_FLOW\","
         " \"Content\": \"{\\\"Version\\\":\\\"2019-10-30\\\",\\\"StartAction\\\":\\\"bye\\\",\\\"Actions\\\":"
         "[{\\\"Identifier\\\":\\\"bye\\\",\\\"Type\\\":\\\"DisconnectParticipant\\\",\\\"Parameters\\\":{},"
         "\\\"Transitions\\\":{}}]}\"}]}\n");
  tu_out o = tu_run((const char *[]){"import", tu_path("f"), "-o", tu_path("s.json"), "--quiet", NULL});
  ck_assert_msg(o.code == 0, "import: %s", o.err);
  tu_done(&o);
  cJSON *s = tu_load(tu_path("s.json"));
  const cJSON *old = fa_data(s, "connect_contact_flow", PROD_ARN "/contact-flow/old");
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(old, "ContactFlow"), "Content"), "modules"));
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("s.json"), FA_QUIET);
  fa_status_is(r, "BASE-FLOW-001", PROD_ARN "/contact-flow/old", "error");
  HAS(cJSON_GetStringValue(cJSON_GetObjectItem(fa_finding(r, "BASE-FLOW-001", PROD_ARN "/contact-flow/old"), "message")),
      "pre-2019 export format");
  fa_status_is(r, "BASE-FLOW-001", PROD_ARN "/contact-flow/new", "pass");
  cJSON_Delete(r);
}
END_TEST

/* CloudWatch alarms: an export without them leaves the type out (the rules
 * say not collected); with some regions' files, a region without its file is
 * an errors[] entry, and the alarms that watch the instance are kept. */
START_TEST(alarms_by_region_and_regions_not_exported) {
  folder();
  tu_put("f/connect/list-lambda-functions.json",
         "{\"LambdaFunctions\": [\"arn:aws:lambda:eu-west-1:111122223333:function:lookup\"]}");
  tu_out o = tu_run((const char *[]){"import", tu_path("f"), "-o", tu_path("s.json"), "--quiet", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  cJSON *s = tu_load(tu_path("s.json"));
  ck_assert_ptr_null(cJSON_GetObjectItem(cJSON_GetObjectItem(s, "resources"), "cloudwatch_alarm"));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "errors")), 0);
  cJSON_Delete(s);
  mkdir(tu_path("f/cloudwatch"), 0755);
  tu_put("f/cloudwatch/describe-alarms-us-east-1.json",
         "{\"MetricAlarms\": [{\"AlarmName\": \"calls\", \"AlarmArn\": \"arn:aws:cloudwatch:us-east-1:111122223333:alarm:calls\","
         " \"Namespace\": \"AWS/Connect\", \"MetricName\": \"ThrottledCalls\", \"StateUpdatedTimestamp\": 1790841900.5,"
         " \"Dimensions\": [{\"Name\": \"InstanceId\", \"Value\": \"" PROD_ID "\"}]},"
         " {\"AlarmName\": \"other\", \"AlarmArn\": \"arn:aws:cloudwatch:us-east-1:111122223333:alarm:other\","
         " \"Namespace\": \"AWS/Billing\", \"MetricName\": \"EstimatedCharges\", \"Dimensions\": []}],"
         " \"CompositeAlarms\": []}");
  o = tu_run((const char *[]){"import", tu_path("f"), "-o", tu_path("s.json"), "--quiet", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  s = tu_load(tu_path("s.json"));
  cJSON *alarms = cJSON_GetObjectItem(cJSON_GetObjectItem(s, "resources"), "cloudwatch_alarm");
  ck_assert_int_eq(cJSON_GetArraySize(alarms), 1);
  cJSON *ma = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(alarms, "arn:aws:cloudwatch:us-east-1:111122223333:alarm:calls"),
                                                      "data"), "MetricAlarm");
  ck_assert_double_eq(cJSON_GetNumberValue(cJSON_GetObjectItem(ma, "StateUpdatedTimestamp")), 1790841900.5);
  cJSON *errs = cJSON_GetObjectItem(s, "errors");
  ck_assert_int_eq(cJSON_GetArraySize(errs), 1);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(errs->child, "arn")), "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:*");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(errs->child, "code")), "NotExported");
  cJSON_Delete(s);
}
END_TEST

/* Trails, EventBridge rules and the service-linked role (trail.c, iam.c):
 * an export without their files leaves the types out (the rules ask, as for
 * an older export); with them, a region's missing listing is an errors[]
 * entry NotExported and a denied call the entry collect makes, so BASE-CW-011
 * and BASE-IAM-001 say error -- never pass; a role IAM does not know is
 * null (evidence of absence: BASE-IAM-001 fails). */
#define SLR "arn:aws:iam::111122223333:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_X"
START_TEST(trails_rules_and_roles_exported_or_not) {
  folder();
  tu_put("f/connect/describe-instance.json",
         "{\"Instance\": {\"Id\": \"" PROD_ID "\", \"Arn\": \"" PROD_ARN "\", \"InstanceAlias\": \"acme-prod\","
         " \"IdentityManagementType\": \"CONNECT_MANAGED\", \"InstanceStatus\": \"ACTIVE\", \"ServiceRole\": \"" SLR "\"}}\n");
  tu_out o = tu_run((const char *[]){"import", tu_path("f"), "-o", tu_path("s.json"), "--quiet", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  cJSON *s = tu_load(tu_path("s.json"));
  static const char *const types[] = {"cloudtrail_trail", "events_rule", "iam_role", NULL};
  for (int i = 0; types[i]; i++) ck_assert_ptr_null(cJSON_GetObjectItem(cJSON_GetObjectItem(s, "resources"), types[i]));
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("s.json"), FA_QUIET);
  fa_status_is(r, "BASE-CW-011", PROD_ARN, "manual");
  fa_status_is(r, "BASE-IAM-001", PROD_ARN, "manual");
  cJSON_Delete(r);

  /* the trail listed in us-east-1 (its status and selectors there, its log
   * group's filters denied), no rules file, the role denied */
  mkdir(tu_path("f/cloudtrail"), 0755);
  tu_put("f/cloudtrail/describe-trails-us-east-1.json",
         "{\"trailList\": [{\"Name\": \"t\", \"TrailARN\": \"arn:aws:cloudtrail:us-east-1:111122223333:trail/t\","
         " \"HomeRegion\": \"us-east-1\", \"IsMultiRegionTrail\": true, \"IncludeGlobalServiceEvents\": true,"
         " \"CloudWatchLogsLogGroupArn\": \"arn:aws:logs:us-east-1:111122223333:log-group:CloudTrail/Default:*\"}]}");
  mkdir(tu_path("f/cloudtrail/get-trail-status"), 0755);
  mkdir(tu_path("f/cloudtrail/get-event-selectors"), 0755);
  tu_put("f/cloudtrail/get-trail-status/arn%3Aaws%3Acloudtrail%3Aus-east-1%3A111122223333%3Atrail%2Ft.json",
         "{\"IsLogging\": true}");
  tu_put("f/cloudtrail/get-event-selectors/arn%3Aaws%3Acloudtrail%3Aus-east-1%3A111122223333%3Atrail%2Ft.json",
         "{\"TrailARN\": \"arn:aws:cloudtrail:us-east-1:111122223333:trail/t\", \"EventSelectors\": "
         "[{\"ReadWriteType\": \"All\", \"IncludeManagementEvents\": true}]}");
  mkdir(tu_path("f/logs"), 0755);
  mkdir(tu_path("f/logs/describe-metric-filters"), 0755);
  mkdir(tu_path("f/logs/describe-metric-filters/us-east-1"), 0755);
  tu_put("f/logs/describe-metric-filters/us-east-1/CloudTrail%2FDefault.error",
         "\nAn error occurred (AccessDeniedException) when calling the DescribeMetricFilters operation: no filters\n");
  mkdir(tu_path("f/iam"), 0755);
  mkdir(tu_path("f/iam/get-role"), 0755);
  tu_put("f/iam/get-role/AWSServiceRoleForAmazonConnect_X.error",
         "\nAn error occurred (AccessDenied) when calling the GetRole operation: no roles\n");
  o = tu_run((const char *[]){"import", tu_path("f"), "-o", tu_path("s.json"), "--quiet", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  s = tu_load(tu_path("s.json"));
  char *t = cJSON_PrintUnformatted(cJSON_GetObjectItem(s, "errors"));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "errors")), 3);
  HAS(t, "{\"arn\":\"arn:aws:events:us-east-1:111122223333:rule/*\",\"operation\":\"events:ListRules\",\"code\":\"NotExported\"");
  HAS(t, "{\"arn\":\"arn:aws:cloudtrail:us-east-1:111122223333:trail/t\",\"operation\":\"logs:DescribeMetricFilters\","
         "\"code\":\"AccessDeniedException\",\"message\":\"no filters\"}");
  HAS(t, "{\"arn\":\"" SLR "\",\"operation\":\"iam:GetRole\",\"code\":\"AccessDenied\",\"message\":\"no roles\"}");
  free(t);
  const cJSON *trail = fa_data(s, "cloudtrail_trail", "arn:aws:cloudtrail:us-east-1:111122223333:trail/t");
  ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(trail, "Status"), "IsLogging")));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(trail, "EventSelectors"));
  ck_assert_ptr_null(cJSON_GetObjectItem(trail, "MetricFilters"));
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "iam_role", SLR), "Role"));
  cJSON_Delete(s);
  r = fa_audit(tu_path("s.json"), FA_QUIET);
  fa_status_is(r, "BASE-CW-011", PROD_ARN, "error");
  fa_status_is(r, "BASE-IAM-001", PROD_ARN, "error");
  cJSON_Delete(r);

  /* the role IAM does not know: null, and BASE-IAM-001 fails */
  unlink(tu_path("f/iam/get-role/AWSServiceRoleForAmazonConnect_X.error"));
  tu_put("f/iam/get-role/AWSServiceRoleForAmazonConnect_X.error",
         "\nAn error occurred (NoSuchEntity) when calling the GetRole operation: The role with name "
         "AWSServiceRoleForAmazonConnect_X cannot be found.\n");
  o = tu_run((const char *[]){"import", tu_path("f"), "-o", tu_path("s.json"), "--quiet", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  s = tu_load(tu_path("s.json"));
  ck_assert(cJSON_IsNull(cJSON_GetObjectItem(fa_data(s, "iam_role", SLR), "Role")));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "errors")), 2);
  cJSON_Delete(s);
  r = fa_audit(tu_path("s.json"), FA_QUIET);
  fa_status_is(r, "BASE-IAM-001", PROD_ARN, "fail");
  cJSON_Delete(r);
}
END_TEST

/* A stream, table, role, rule, log group or metric may be named ".x" (their
 * botocore patterns allow a leading '.'): the export writes that '.' as %2E
 * (scripts/export-with-aws-cli undot), so no answer is a hidden file, and
 * import asks for the same name; an older export's hidden ".x.json" is read
 * too, while other hidden files (an editor's, the desktop's) stay ignored. */
#define DOT_STREAM "arn:aws:kinesis:us-east-1:111122223333:stream/.orders"
#define DOT_ROLE "arn:aws:iam::111122223333:role/.connect-svc"
START_TEST(names_starting_with_a_dot_are_imported) {
  folder();
  tu_put("f/connect/describe-instance.json",
         "{\"Instance\": {\"Id\": \"" PROD_ID "\", \"Arn\": \"" PROD_ARN "\", \"InstanceAlias\": \"acme-prod\","
         " \"IdentityManagementType\": \"CONNECT_MANAGED\", \"InstanceStatus\": \"ACTIVE\", \"ServiceRole\": \"" DOT_ROLE "\"}}\n");
  tu_put("f/connect/list-instance-storage-configs-CONTACT_TRACE_RECORDS.json",
         "{\"StorageConfigs\": [{\"AssociationId\": \"a1\", \"StorageType\": \"KINESIS_STREAM\","
         " \"KinesisStreamConfig\": {\"StreamArn\": \"" DOT_STREAM "\"}}]}");
  mkdir(tu_path("f/kinesis"), 0755);
  mkdir(tu_path("f/kinesis/describe-stream-summary"), 0755);
  tu_put("f/kinesis/describe-stream-summary/%2Eorders.json",
         "{\"StreamDescriptionSummary\": {\"StreamName\": \".orders\", \"StreamARN\": \"" DOT_STREAM "\","
         " \"StreamStatus\": \"ACTIVE\", \"EncryptionType\": \"KMS\", \"KeyId\": \"alias/aws/kinesis\"}}");
  /* the role as an older export wrote it: hidden */
  mkdir(tu_path("f/iam"), 0755);
  mkdir(tu_path("f/iam/get-role"), 0755);
  tu_put("f/iam/get-role/.connect-svc.json",
         "{\"Role\": {\"RoleName\": \".connect-svc\", \"Arn\": \"" DOT_ROLE "\", \"Path\": \"/\"}}");
  tu_put("f/connect/.notes.json", "not JSON");   /* hidden, not an answer: ignored as before */
  tu_put("f/.DS_Store", "\x01\x02");
  tu_out o = tu_run((const char *[]){"import", tu_path("f"), "-o", tu_path("s.json"), "--quiet", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  cJSON *s = tu_load(tu_path("s.json"));
  const cJSON *k = cJSON_GetObjectItem(fa_data(s, "kinesis_stream", DOT_STREAM), "StreamDescriptionSummary");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(k, "StreamName")), ".orders");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(fa_data(s, "iam_role", DOT_ROLE), "Role"),
                                                            "RoleName")), ".connect-svc");
  char *errs = cJSON_PrintUnformatted(cJSON_GetObjectItem(s, "errors"));
  LACKS(errs, "connect-svc");
  LACKS(errs, "orders");
  free(errs);
  cJSON_Delete(s);
  /* both names: the current one is read, and the hidden one is not reported */
  tu_put("f/iam/get-role/%2Econnect-svc.json",
         "{\"Role\": {\"RoleName\": \".connect-svc\", \"Arn\": \"" DOT_ROLE "\", \"Path\": \"/current\"}}");
  o = tu_run((const char *[]){"import", tu_path("f"), "-o", tu_path("s.json"), NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  LACKS(o.err, "not imported");
  tu_done(&o);
  s = tu_load(tu_path("s.json"));
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(fa_data(s, "iam_role", DOT_ROLE), "Role"),
                                                            "Path")), "/current");
  cJSON_Delete(s);
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("import");
  TCase *f = tcase_create("folders");
  tcase_add_checked_fixture(f, setup, fa_teardown);
  /* per test: one imports four times and audits four times, which took
   * longer than Check's default 4 s under the sanitizers on a loaded CI
   * machine (stop 13's CI run: killed after 4 s, everything else passed) */
  tcase_set_timeout(f, 300);
  tcase_add_test(f, malformed_json_names_the_file_line_and_column);
  tcase_add_test(f, unknown_file_names_are_reported);
  tcase_add_test(f, error_files_become_errors_and_missing_files_absent);
  tcase_add_test(f, alarms_by_region_and_regions_not_exported);
  tcase_add_test(f, flow_in_the_old_export_format_fails_only_itself);
  tcase_add_test(f, trails_rules_and_roles_exported_or_not);
  tcase_add_test(f, names_starting_with_a_dot_are_imported);
  suite_add_tcase(s, f);
  TCase *e = tcase_create("fake_aws");
  tcase_add_checked_fixture(e, cli_setup, cli_teardown);
  tcase_set_timeout(e, 300);
  tcase_add_test(e, collect_and_export_import_agree);
  tcase_add_test(e, agree_on_denied_calls_and_fallbacks);
  suite_add_tcase(s, e);
  return s;
}

int main(void) {
  return tu_run_suite(suite());
}
