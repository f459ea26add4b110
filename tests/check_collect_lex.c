/* collect: Lex V1/V2 bots, CloudWatch alarms and Directory Service
 * directories, through the fake AWS endpoint (tests/fake_aws/svc_lex.py; the
 * stock world's Lex, alarm and directory data are tests/fake_aws/world_lex.json). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "fakeaws.h"
#include "testutil.h"

#define PROD_ARN "arn:aws:connect:us-east-1:111122223333:instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33"
#define V1_ARN "arn:aws:lex:us-east-1:111122223333:bot:OrderStatus"
#define V2_ARN "arn:aws:lex:us-east-1:111122223333:bot/BOT1234567"
#define ALIAS_ARN "arn:aws:lex:us-east-1:111122223333:bot-alias/BOT1234567/TSTALIASID"
#define ALARM(n) "arn:aws:cloudwatch:us-east-1:111122223333:alarm:" n
#define DIR_ARN(id) "arn:aws:ds:us-east-1:111122223333:directory/" id

/* The stock world and this part's data (so a test can change them). */
#define WORLD_LEX "world_lex.json"

static void setup(void) { fa_setup("collect_lex", FA_KEYS); }

/* collect acme-prod; the snapshot (caller deletes). */
static cJSON *collect(void) {
  return fa_collect((const char *[]){"--instance", "acme-prod", "--rate", "200", "--quiet", NULL});
}

/* errors[] entries of this part's operations (other collectors' are not judged here). */
static int my_errors(const cJSON *snap) {
  return fa_errors(snap, "lex-models:", NULL, NULL) + fa_errors(snap, "lexv2-models:", NULL, NULL) +
         fa_errors(snap, "cloudwatch:", NULL, NULL) + fa_errors(snap, "ds:", NULL, NULL);
}

START_TEST(bots_and_alarms_to_the_last_page) {
  fa_start(fa_world(WORLD_LEX));
  cJSON *s = collect();
  ck_assert_int_eq(my_errors(s), 0);

  /* Lex V1: GetBot $LATEST, the whole answer */
  const cJSON *bot = cJSON_GetObjectItem(fa_data(s, "lex_bot", V1_ARN), "Bot");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(bot, "name")), "OrderStatus");
  ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(bot, "childDirected")));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(bot, "clarificationPrompt"));

  /* Lex V2: bot, the alias the instance names, the policy parsed */
  const cJSON *d2 = fa_data(s, "lexv2_bot", V2_ARN);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(fa_type(s, "lexv2_bot"), V2_ARN), "name")),
                   "AcmeSelfService");
  ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(d2, "Bot"), "dataPrivacy"), "childDirected")));
  const cJSON *aliases = cJSON_GetObjectItem(d2, "Aliases");
  ck_assert_int_eq(cJSON_GetArraySize(aliases), 1);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(aliases->child, "botAliasId")), "TSTALIASID");
  const cJSON *pol = cJSON_GetObjectItem(d2, "ResourcePolicy");
  ck_assert(cJSON_IsObject(pol));
  ck_assert(cJSON_IsArray(cJSON_GetObjectItem(pol, "Statement")));
  ck_assert_int_eq(fa_count("GetBot", NULL), 1);
  /* its aliases (where V1 keeps the conversation logs): 3, page_size 2 -> 2 pages, at the model's maxResults */
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(fa_data(s, "lex_bot", V1_ARN), "Aliases")), 3);
  ck_assert_int_eq(fa_count("GetBotAliases", NULL), 2);
  ck_assert_int_eq(fa_count("GetBotAliases", "\"maxResults\": \"50\""), 2);
  ck_assert_int_eq(fa_count("GetBotAliases", "\"nextToken\": \"tok-2\""), 1);
  ck_assert_int_eq(fa_count("DescribeBot", NULL), 1);
  ck_assert_int_eq(fa_count("DescribeBotAlias", NULL), 1);
  /* the alias named by the instance: a resource of its own, with its own policy */
  const cJSON *ares = cJSON_GetObjectItem(fa_type(s, "lexv2_bot_alias"), ALIAS_ARN);
  ck_assert_ptr_nonnull(ares);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(ares, "name")), "TestBotAlias");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(ares, "region")), "us-east-1");
  const cJSON *ad = cJSON_GetObjectItem(ares, "data");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(ad, "BotAlias"), "botAliasId")), "TSTALIASID");
  const cJSON *apol = cJSON_GetObjectItem(ad, "ResourcePolicy");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(apol, "Statement"), 0), "Resource")),
                   ALIAS_ARN);
  ck_assert_int_eq(fa_count("DescribeResourcePolicy", NULL), 2);   /* the bot's and the alias's */
  ck_assert_int_eq(fa_count("DescribeResourcePolicy", "bot-alias%2FBOT1234567%2FTSTALIASID"), 1);

  /* Alarms: 8 in the region, page_size 2 -> 4 pages; kept: the instance's
   * (AWS/Connect InstanceId) and its functions' (AWS/Lambda FunctionName,
   * directly or in Metrics[]); not the dev instance's, billing, others. */
  ck_assert_int_eq(fa_count("DescribeAlarms", NULL), 4);
  const cJSON *alarms = fa_type(s, "cloudwatch_alarm");
  ck_assert_int_eq(cJSON_GetArraySize(alarms), 4);
  static const char *const kept[] = {ALARM("acme-prod-concurrent-calls"), ALARM("acme-prod-throttled"),
                                     ALARM("acme-prod-lookup-0-errors"), ALARM("acme-prod-lookup-1-error-rate"), NULL};
  for (int i = 0; kept[i]; i++) ck_assert_ptr_nonnull(cJSON_GetObjectItem(alarms, kept[i]));
  const cJSON *ma = cJSON_GetObjectItem(fa_data(s, "cloudwatch_alarm", ALARM("acme-prod-concurrent-calls")), "MetricAlarm");
  ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(ma, "ActionsEnabled")));
  ck_assert(cJSON_IsNumber(cJSON_GetObjectItem(ma, "Threshold")));
  ck_assert_int_eq(cJSON_GetObjectItem(ma, "Period")->valueint, 60);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(ma, "AlarmActions")), 1);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(ma, "Dimensions")), 2);
  ck_assert(cJSON_IsArray(cJSON_GetObjectItem(ma, "OKActions")));
  /* JSON 1.0, as the aws CLI asks; timestamps as it sends them: epoch seconds */
  ck_assert_double_eq(cJSON_GetNumberValue(cJSON_GetObjectItem(ma, "StateUpdatedTimestamp")), 1790841900.0);
  cJSON *rq = fa_request("DescribeAlarms", 0);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(rq, "target")), "GraniteServiceVersion20100801.DescribeAlarms");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(rq, "content_type")), "application/x-amz-json-1.0");
  cJSON_Delete(rq);
  ma = cJSON_GetObjectItem(fa_data(s, "cloudwatch_alarm", ALARM("acme-prod-lookup-1-error-rate")), "MetricAlarm");
  const cJSON *metrics = cJSON_GetObjectItem(ma, "Metrics");
  ck_assert_int_eq(cJSON_GetArraySize(metrics), 3);
  ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(metrics->child, "ReturnData")));
  const cJSON *m1 = cJSON_GetObjectItem(cJSON_GetObjectItem(metrics->child->next, "MetricStat"), "Metric");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(m1, "Dimensions"), 0), "Value")),
                   "acme-prod-lookup-1");

  /* CONNECT_MANAGED: no directory asked for, an empty ds_directory */
  ck_assert_int_eq(fa_count("DescribeDirectories", NULL), 0);
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "ds_directory")), 0);
  cJSON_Delete(s);

  /* Valid, loads, and the rules give findings -- not `error` */
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "BASE-LEX-001", V1_ARN, "pass");
  fa_status_is(r, "BASE-LEX-003", V1_ARN, "pass");
  fa_status_is(r, "BASE-LEX-002", V2_ARN, "pass");
  fa_status_is(r, "PII-LEX-001", V2_ARN, "pass");
  fa_status_is(r, "PII-LEX-001", ALIAS_ARN, "pass");
  fa_status_is(r, "PII-LEX-002", ALIAS_ARN, "pass");
  fa_status_is(r, "BASE-LEX-004", ALIAS_ARN, "pass");
  fa_status_is(r, "BASE-LAM-002", "arn:aws:lambda:us-east-1:111122223333:function:acme-prod-lookup-0", "pass");
  fa_status_is(r, "BASE-LAM-002", "arn:aws:lambda:us-east-1:111122223333:function:acme-prod-lookup-1", "pass");
  fa_status_is(r, "BASE-LAM-002", "arn:aws:lambda:us-east-1:111122223333:function:acme-prod-lookup-2", "fail");
  const cJSON *cw = fa_finding(r, "BASE-CW-010", PROD_ARN);
  ck_assert_msg(cw != NULL, "no BASE-CW-010 finding");
  ck_assert_str_ne(cJSON_GetStringValue(cJSON_GetObjectItem(cw, "status")), "error");
  fa_status_is(r, "BASE-DS-001", PROD_ARN, "skipped");
  cJSON_Delete(r);
}
END_TEST

static cJSON *instance(cJSON *w) { return cJSON_GetArrayItem(cJSON_GetObjectItem(w, "instances"), 0); }

/* A Lex V2 alias that logs audio to S3: that bucket is collected like a
 * storage config's (s3_bucket), and its log key like any other KMS key. */
START_TEST(audio_log_bucket_and_key_collected) {
  cJSON *w = fa_world(WORLD_LEX);
  cJSON *alias = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(
      cJSON_GetObjectItem(w, "lex_v2"), "us-east-1"), "BOT1234567"), "aliases"), "TSTALIASID");
  cJSON_ReplaceItemInObject(cJSON_GetObjectItem(alias, "conversationLogSettings"), "audioLogSettings", cJSON_Parse(
      "[{\"enabled\": true, \"destination\": {\"s3Bucket\": {\"s3BucketArn\": \"arn:aws:s3:::acme-lex-audio\","
      " \"logPrefix\": \"audio\", \"kmsKeyArn\": \"arn:aws:kms:us-east-1:111122223333:key/1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d\"}}}]"));
  cJSON_AddItemToObject(w, "s3_buckets", cJSON_Parse(
      "{\"acme-lex-audio\": {\"LocationConstraint\": null, \"PolicyStatus\": {\"IsPublic\": false},"
      " \"Versioning\": {\"Status\": \"Enabled\"}, \"Acl\": {\"Owner\": {\"ID\": \"o\"}, \"Grants\": []}}}"));
  fa_start(w);
  cJSON *s = collect();
  const cJSON *d = fa_data(s, "s3_bucket", "arn:aws:s3:::acme-lex-audio");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(d, "Versioning"), "Status")), "Enabled");
  ck_assert(cJSON_IsNull(cJSON_GetObjectItem(d, "ServerSideEncryptionConfiguration")));   /* none configured */
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(fa_data(s, "kms_key", "arn:aws:kms:us-east-1:111122223333:key/1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d"),
                                            "KeyMetadata"));
  const cJSON *e;
  cJSON_ArrayForEach(e, cJSON_GetObjectItem(s, "errors"))   /* every call about it answered */
    ck_assert_str_ne(cJSON_GetStringValue(cJSON_GetObjectItem(e, "arn")), "arn:aws:s3:::acme-lex-audio");
  cJSON_Delete(s);
}
END_TEST

START_TEST(existing_directory_instance_gets_its_directories) {
  cJSON *w = fa_world(WORLD_LEX);
  cJSON_ReplaceItemInObject(cJSON_GetObjectItem(instance(w), "Instance"), "IdentityManagementType",
                            cJSON_CreateString("EXISTING_DIRECTORY"));
  fa_start(w);
  cJSON *s = collect();
  ck_assert_int_eq(my_errors(s), 0);
  ck_assert_int_eq(fa_count("DescribeDirectories", NULL), 2);   /* 3 directories, 2 a page */
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "ds_directory")), 3);
  const cJSON *d = cJSON_GetObjectItem(fa_data(s, "ds_directory", DIR_ARN("d-9067aaaaaa")), "Directory");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(d, "Stage")), "Active");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(d, "RadiusStatus")), "Completed");
  const cJSON *rs = cJSON_GetObjectItem(d, "RadiusSettings");
  ck_assert_int_eq(cJSON_GetObjectItem(rs, "RadiusPort")->valueint, 1812);
  ck_assert_ptr_null(cJSON_GetObjectItem(rs, "SharedSecret"));   /* a secret: never in the snapshot */
  cJSON_Delete(s);
  char *text = tu_read(tu_path("snap.json"), NULL);
  LACKS(text, "fakeRadiusSharedSecret0123");
  free(text);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  /* the directory's state and RADIUS settings are judged on the directory, the instance linked */
  fa_status_is(r, "BASE-DS-001", PROD_ARN, "skipped");
  fa_status_is(r, "BASE-DS-001", DIR_ARN("d-9067aaaaaa"), "pass");
  fa_status_is(r, "BASE-IDN-001", PROD_ARN, "skipped");
  fa_status_is(r, "BASE-IDN-001", DIR_ARN("d-9067aaaaaa"), "pass");
  cJSON_Delete(r);
}
END_TEST

START_TEST(access_denied_recorded_and_the_rest_collected) {
  cJSON *w = fa_world(WORLD_LEX);
  fa_faults(w,
      "{\"DescribeBotAlias\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"not authorized: lex:DescribeBotAlias\"}],"
      " \"DescribeAlarms\": [{\"status\": 403, \"code\": \"AccessDenied\", \"message\": \"not authorized: cloudwatch:DescribeAlarms\"}],"
      " \"DescribeDirectories\": [{\"status\": 400, \"code\": \"ClientException\", \"message\": \"not authorized: ds:DescribeDirectories\"}]}");
  cJSON_ReplaceItemInObject(cJSON_GetObjectItem(instance(w), "Instance"), "IdentityManagementType",
                            cJSON_CreateString("EXISTING_DIRECTORY"));
  fa_start(w);
  cJSON *s = collect();
  ck_assert_int_eq(my_errors(s), 3);
  ck_assert_int_eq(fa_errors(s, "lexv2-models:DescribeBotAlias", ALIAS_ARN, NULL), 1);
  ck_assert_int_eq(fa_errors(s, "cloudwatch:DescribeAlarms", "arn:aws:cloudwatch:us-east-1:111122223333:alarm:*", NULL), 1);
  ck_assert_int_eq(fa_errors(s, "ds:DescribeDirectories", "arn:aws:ds:us-east-1:111122223333:directory/*", NULL), 1);
  const cJSON *e;
  cJSON_ArrayForEach(e, cJSON_GetObjectItem(s, "errors"))   /* the query code (x-amzn-query-error), as botocore reads it */
    if (!strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(e, "operation")), "cloudwatch:DescribeAlarms"))
      ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "code")), "AccessDenied");
  ck_assert_int_eq(fa_count("DescribeAlarms", NULL), 1);   /* a refusal, not of the protocol: no query retry */
  /* the bot is still collected, without Aliases (absent: not collected) */
  const cJSON *d2 = fa_data(s, "lexv2_bot", V2_ARN);
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(d2, "Bot"));
  ck_assert_ptr_null(cJSON_GetObjectItem(d2, "Aliases"));
  ck_assert(cJSON_IsObject(cJSON_GetObjectItem(d2, "ResourcePolicy")));
  /* the alias too, without BotAlias, named by its ID; its policy still collected */
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(fa_type(s, "lexv2_bot_alias"), ALIAS_ARN), "name")),
                   "TSTALIASID");
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "lexv2_bot_alias", ALIAS_ARN), "BotAlias"));
  ck_assert(cJSON_IsObject(cJSON_GetObjectItem(fa_data(s, "lexv2_bot_alias", ALIAS_ARN), "ResourcePolicy")));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(fa_data(s, "lex_bot", V1_ARN), "Bot"));
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "cloudwatch_alarm")), 0);
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "PII-LEX-002", ALIAS_ARN, "error");
  fa_status_is(r, "BASE-LEX-002", V2_ARN, "pass");
  fa_status_is(r, "BASE-LAM-002", "arn:aws:lambda:us-east-1:111122223333:function:acme-prod-lookup-0", "error");
  fa_status_is(r, "BASE-DS-001", PROD_ARN, "error");
  cJSON_Delete(r);
}
END_TEST

START_TEST(no_policy_is_null_and_bots_called_in_their_region) {
  cJSON *w = fa_world(WORLD_LEX);
  /* no resource policy on the V2 bot */
  cJSON *b2 = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(w, "lex_v2"), "us-east-1"), "BOT1234567");
  cJSON_ReplaceItemInObject(b2, "policy", cJSON_CreateNull());
  /* a V1 bot in eu-west-2: found only when asked there */
  cJSON *v1 = cJSON_GetObjectItem(cJSON_GetObjectItem(instance(w), "LexBots"), "V1");
  cJSON_AddItemToArray(v1, cJSON_Parse("{\"LexBot\": {\"Name\": \"Reisen\", \"LexRegion\": \"eu-west-2\"}}"));
  cJSON_AddItemToObject(cJSON_GetObjectItem(w, "lex_v1"), "eu-west-2",
                        cJSON_Parse("{\"Reisen\": {\"name\": \"Reisen\", \"childDirected\": true, \"version\": \"$LATEST\"}}"));
  fa_start(w);
  cJSON *s = collect();
  ck_assert_int_eq(my_errors(s), 0);
  const cJSON *d2 = fa_data(s, "lexv2_bot", V2_ARN);
  ck_assert(cJSON_IsNull(cJSON_GetObjectItem(d2, "ResourcePolicy")));   /* null, not absent, no error */
  const cJSON *res = cJSON_GetObjectItem(fa_type(s, "lex_bot"), "arn:aws:lex:eu-west-2:111122223333:bot:Reisen");
  ck_assert_ptr_nonnull(res);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(res, "region")), "eu-west-2");
  ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(res, "data"), "Bot"), "childDirected")));
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "PII-LEX-001", V2_ARN, "pass");   /* no bot policy: it lets no one in */
  fa_status_is(r, "BASE-LEX-001", "arn:aws:lex:eu-west-2:111122223333:bot:Reisen", "manual");   /* child-directed: a question for the pack owner */
  cJSON_Delete(r);
}
END_TEST

/* The alias's resource policy: none (ResourceNotFoundException) is null --
 * Amazon Connect then may not call the alias (BASE-LEX-004 fails) -- and
 * AccessDenied is an errors[] entry against the alias, the member absent. */
START_TEST(alias_policy_absent_or_denied) {
  cJSON *w = fa_world(WORLD_LEX);
  cJSON *b2 = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(w, "lex_v2"), "us-east-1"), "BOT1234567");
  cJSON_DeleteItemFromObject(b2, "alias_policies");
  fa_start(w);
  cJSON *s = collect();
  ck_assert_int_eq(my_errors(s), 0);
  ck_assert(cJSON_IsNull(cJSON_GetObjectItem(fa_data(s, "lexv2_bot_alias", ALIAS_ARN), "ResourcePolicy")));
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "BASE-LEX-004", ALIAS_ARN, "fail");
  fa_status_is(r, "PII-LEX-001", ALIAS_ARN, "pass");
  cJSON_Delete(r);

  w = fa_world(WORLD_LEX);
  fa_faults(w, "{\"DescribeResourcePolicy\": [{\"status\": 403, \"code\": \"AccessDeniedException\","
               " \"match\": \"bot-alias\", \"message\": \"not authorized: lex:DescribeResourcePolicy\"}]}");
  fa_restart(w);
  s = collect();
  ck_assert_int_eq(my_errors(s), 1);
  ck_assert_int_eq(fa_errors(s, "lexv2-models:DescribeResourcePolicy", ALIAS_ARN, "AccessDeniedException"), 1);
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "lexv2_bot_alias", ALIAS_ARN), "ResourcePolicy"));
  ck_assert(cJSON_IsObject(cJSON_GetObjectItem(fa_data(s, "lexv2_bot", V2_ARN), "ResourcePolicy")));   /* the bot's: asked apart */
  cJSON_Delete(s);
  r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "BASE-LEX-004", ALIAS_ARN, "error");
  fa_status_is(r, "PII-LEX-001", ALIAS_ARN, "error");
  fa_status_is(r, "PII-LEX-001", V2_ARN, "pass");
  cJSON_Delete(r);
}
END_TEST

/* A Lex V2 alias that writes text logs: their CloudWatch Logs group is
 * collected (asked once, in its region, keyed without ":*") so PII-LEX-002
 * can see its KMS key -- pass with a key, fail without, error when denied. */
#define LEX_GROUP "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lex/AcmeSelfService"
static cJSON *text_logs_world(const char *kms_key) {
  cJSON *w = fa_world(WORLD_LEX);
  cJSON *alias = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(
      cJSON_GetObjectItem(w, "lex_v2"), "us-east-1"), "BOT1234567"), "aliases"), "TSTALIASID");
  cJSON *one = cJSON_Parse("{\"enabled\": true, \"destination\": {\"cloudWatch\": {\"cloudWatchLogGroupArn\": \""
                           LEX_GROUP ":*\", \"logPrefix\": \"prod\"}}}");
  cJSON *text = cJSON_CreateArray();
  cJSON_AddItemToArray(text, cJSON_Duplicate(one, 1));
  cJSON_AddItemToArray(text, one);   /* named twice: asked once */
  cJSON_ReplaceItemInObject(cJSON_GetObjectItem(alias, "conversationLogSettings"), "textLogSettings", text);
  char groups[2048];
  snprintf(groups, sizeof groups,
           "[{\"logGroupName\": \"/aws/lex/AcmeSelfService\", \"arn\": \"" LEX_GROUP ":*\", \"logGroupArn\": \"" LEX_GROUP "\""
           "%s%s%s},"
           " {\"logGroupName\": \"/aws/lex/AcmeSelfService-old\", \"arn\": \"" LEX_GROUP "-old:*\", \"logGroupArn\": \"" LEX_GROUP "-old\"}]",
           kms_key ? ", \"kmsKeyId\": \"" : "", kms_key ? kms_key : "", kms_key ? "\"" : "");
  cJSON_AddItemToObject(w, "log_groups", cJSON_Parse(groups));
  return w;
}

START_TEST(text_log_group_collected_for_the_conversation_logs) {
  fa_start(text_logs_world("arn:aws:kms:us-east-1:111122223333:key/1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d"));
  cJSON *s = collect();
  ck_assert_int_eq(my_errors(s), 0);
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "logs_log_group")), 1);   /* not -old, and no /aws/connect group in this world */
  const cJSON *g = cJSON_GetObjectItem(fa_data(s, "logs_log_group", LEX_GROUP), "LogGroup");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(g, "logGroupName")), "/aws/lex/AcmeSelfService");
  ck_assert_int_eq(fa_count("DescribeLogGroups", NULL), 2);   /* the instance's /aws/connect/acme-prod, and this one once */
  /* its key followed like any other */
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(fa_type(s, "kms_key"), "arn:aws:kms:us-east-1:111122223333:key/1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d"));
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "PII-LEX-002", ALIAS_ARN, "pass");
  cJSON_Delete(r);

  fa_restart(text_logs_world(NULL));
  cJSON_Delete(collect());
  r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "PII-LEX-002", ALIAS_ARN, "fail");
  cJSON_Delete(r);

  cJSON *w = text_logs_world(NULL);
  fa_faults(w,
      "{\"DescribeLogGroups\": [{\"status\": 400, \"code\": \"AccessDeniedException\", \"match\": \"/aws/lex/\","
      " \"message\": \"not authorized: logs:DescribeLogGroups\"}]}");
  fa_restart(w);
  s = collect();
  ck_assert_int_eq(my_errors(s), 0);   /* lex, cloudwatch and ds calls all answered... */
  int denied = 0;
  const cJSON *e;
  cJSON_ArrayForEach(e, cJSON_GetObjectItem(s, "errors"))   /* ...the group's listing did not */
    denied += !strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(e, "operation")), "logs:DescribeLogGroups") &&
              !strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(e, "arn")), LEX_GROUP);
  ck_assert_int_eq(denied, 1);
  cJSON_Delete(s);
  r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "PII-LEX-002", ALIAS_ARN, "error");
  cJSON_Delete(r);
}
END_TEST

/* Lex V1 keeps conversation logs on its aliases (GetBotAliases
 * conversationLogs.logSettings, no `enabled` flag): the groups text logs go
 * to are collected as a V2 alias's are, and PII-LEX-003 judges every alias on
 * the bot; GetBotAliases denied is recorded and the rule says error. */
#define V1_GROUP "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lex/OrderStatus"
static cJSON *v1_logs_world(const char *kms_key, const char *audio_key) {
  cJSON *w = fa_world(WORLD_LEX);
  char js[2048];
  snprintf(js, sizeof js,
           "{\"us-east-1\": {\"OrderStatus\": [{\"name\": \"Prod\", \"botVersion\": \"3\", \"botName\": \"OrderStatus\","
           " \"conversationLogs\": {\"iamRoleArn\": \"arn:aws:iam::111122223333:role/lex-logs\", \"logSettings\": ["
           "{\"logType\": \"TEXT\", \"destination\": \"CLOUDWATCH_LOGS\", \"resourceArn\": \"" V1_GROUP ":*\", \"resourcePrefix\": \"aws/lex/OrderStatus/Prod\"},"
           "{\"logType\": \"AUDIO\", \"destination\": \"S3\", \"resourceArn\": \"arn:aws:s3:::acme-lex-audio\"%s%s%s}]}},"
           " {\"name\": \"Test\", \"botVersion\": \"$LATEST\", \"botName\": \"OrderStatus\"}]}}",
           audio_key ? ", \"kmsKeyArn\": \"" : "", audio_key ? audio_key : "", audio_key ? "\"" : "");
  cJSON_ReplaceItemInObject(w, "lex_v1_aliases", cJSON_Parse(js));
  snprintf(js, sizeof js,
           "[{\"logGroupName\": \"/aws/lex/OrderStatus\", \"arn\": \"" V1_GROUP ":*\", \"logGroupArn\": \"" V1_GROUP "\"%s%s%s}]",
           kms_key ? ", \"kmsKeyId\": \"" : "", kms_key ? kms_key : "", kms_key ? "\"" : "");
  cJSON_AddItemToObject(w, "log_groups", cJSON_Parse(js));
  return w;
}

START_TEST(lex_v1_alias_conversation_logs_judged) {
#define K1 "arn:aws:kms:us-east-1:111122223333:key/1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d"
  cJSON *w = v1_logs_world(K1, K1);
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(w, "lex_v1_aliases"));
  fa_start(w);
  cJSON *s = collect();
  ck_assert_int_eq(my_errors(s), 0);
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(fa_data(s, "logs_log_group", V1_GROUP), "LogGroup"));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(fa_data(s, "lex_bot", V1_ARN), "Aliases")), 2);
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "PII-LEX-003", V1_ARN, "pass");
  cJSON_Delete(r);

  fa_restart(v1_logs_world(K1, NULL));   /* audio logs without a key */
  cJSON_Delete(collect());
  r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "PII-LEX-003", V1_ARN, "fail");
  cJSON_Delete(r);

  fa_restart(v1_logs_world(NULL, K1));   /* the text logs' group without a key */
  cJSON_Delete(collect());
  r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "PII-LEX-003", V1_ARN, "fail");
  cJSON_Delete(r);

  w = v1_logs_world(K1, K1);
  fa_faults(w, "{\"GetBotAliases\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"not authorized: lex:GetBotAliases\"}]}");
  fa_restart(w);
  s = collect();
  ck_assert_int_eq(fa_errors(s, "lex-models:GetBotAliases", V1_ARN, "AccessDeniedException"), 1);
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "lex_bot", V1_ARN), "Aliases"));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(fa_data(s, "lex_bot", V1_ARN), "Bot"));
  cJSON_Delete(s);
  r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "PII-LEX-003", V1_ARN, "error");
  cJSON_Delete(r);
#undef K1
}
END_TEST

/* An endpoint that knows only the query protocol refuses JSON 1.0: the
 * region is asked again in the query protocol (XML), and the alarms are the
 * same, to the fraction of a second of their timestamps. */
START_TEST(query_only_endpoint_gets_the_query_protocol) {
  cJSON *w = fa_world(WORLD_LEX);
  cJSON *a0 = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetObjectItem(w, "alarms"), "us-east-1"), 0);
  cJSON_ReplaceItemInObject(a0, "StateUpdatedTimestamp", cJSON_CreateString("2026-10-01T08:05:00.123Z"));
  cJSON *w2 = cJSON_Duplicate(w, 1);
  fa_start(w);
  cJSON *s = collect();
  cJSON *by_json = cJSON_Duplicate(fa_type(s, "cloudwatch_alarm"), 1);
  cJSON_Delete(s);
  cJSON_AddTrueToObject(w2, "cloudwatch_query_only");
  fa_restart(w2);
  s = collect();
  ck_assert_int_eq(my_errors(s), 0);
  /* the refused JSON request (no Action: the fake cannot name its operation), then 4 query pages */
  ck_assert_int_eq(fa_count("", NULL), 1);
  ck_assert_int_eq(fa_count("DescribeAlarms", NULL), 4);
  cJSON *refused = fa_request("", 0), *q = fa_request("DescribeAlarms", 0);
  ck_assert_int_eq(cJSON_GetObjectItem(refused, "status")->valueint, 400);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(refused, "code")), "MissingAction");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(refused, "target")), "GraniteServiceVersion20100801.DescribeAlarms");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(q, "target")), "");
  ck_assert(!strncmp(cJSON_GetStringValue(cJSON_GetObjectItem(q, "content_type")), "application/x-www-form-urlencoded", 33));
  cJSON_Delete(refused), cJSON_Delete(q);
  const cJSON *by_query = fa_type(s, "cloudwatch_alarm");
  ck_assert_int_eq(cJSON_GetArraySize(by_query), 4);
  char *a = cJSON_PrintUnformatted(by_json), *b = cJSON_PrintUnformatted(by_query);
  ck_assert_msg(!strcmp(a, b), "JSON 1.0: %s\nquery: %s", a, b);
  HAS(a, "\"StateUpdatedTimestamp\":1790841900.123");
  free(a), free(b);
  cJSON_Delete(by_json);
  cJSON_Delete(s);
}
END_TEST

/* Ours and the aws CLI's DescribeAlarms: the same protocol, path, signed
 * headers; the fake serves the CLI every page. */
START_TEST(alarms_asked_as_the_aws_cli_asks) {
  if (access("/usr/bin/env", X_OK) || system("command -v aws >/dev/null 2>&1")) return;
  fa_start(fa_world(WORLD_LEX));
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "aws --endpoint-url %s --region us-east-1 cloudwatch describe-alarms --alarm-types MetricAlarm >%s 2>&1",
           getenv("AWS_ENDPOINT_URL"), tu_path("cli"));
  int rc = system(cmd);
  char *out = tu_read(tu_path("cli"), NULL);
  ck_assert_msg(rc == 0, "aws CLI: %s", out);
  HAS(out, "payments-api-errors");   /* the last of 8, 2 a page */
  HAS(out, "\"StateUpdatedTimestamp\": 1790841900");   /* the CLI v1 prints them as sent */
  free(out);
  cJSON *theirs = fa_request("DescribeAlarms", 0);
  cJSON_Delete(collect());
  cJSON *ours = fa_request("DescribeAlarms", -1);
  static const char *const same[] = {"method", "path", "target", "content_type", "signed_headers", NULL};
  for (int i = 0; same[i]; i++) {
    char *a = cJSON_PrintUnformatted(cJSON_GetObjectItem(theirs, same[i]));
    char *b = cJSON_PrintUnformatted(cJSON_GetObjectItem(ours, same[i]));
    ck_assert_msg(!strcmp(a, b), "DescribeAlarms %s: aws %s, ours %s", same[i], a, b);
    free(a), free(b);
  }
  cJSON_Delete(theirs), cJSON_Delete(ours);
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("collect_lex");
  TCase *e = tcase_create("fake_aws");
  tcase_add_checked_fixture(e, setup, fa_teardown);
  tcase_set_timeout(e, 120);
  tcase_add_test(e, bots_and_alarms_to_the_last_page);
  tcase_add_test(e, existing_directory_instance_gets_its_directories);
  tcase_add_test(e, audio_log_bucket_and_key_collected);
  tcase_add_test(e, access_denied_recorded_and_the_rest_collected);
  tcase_add_test(e, no_policy_is_null_and_bots_called_in_their_region);
  tcase_add_test(e, alias_policy_absent_or_denied);
  tcase_add_test(e, text_log_group_collected_for_the_conversation_logs);
  tcase_add_test(e, lex_v1_alias_conversation_logs_judged);
  tcase_add_test(e, query_only_endpoint_gets_the_query_protocol);
  tcase_add_test(e, alarms_asked_as_the_aws_cli_asks);
  suite_add_tcase(s, e);
  return s;
}

int main(void) {
  return tu_run_suite(suite());
}
