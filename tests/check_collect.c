/* collect against the fake AWS endpoint (tests/fake_aws): credentials and
 * endpoints as the AWS CLI finds them, SigV4 accepted (ours and the aws
 * CLI's) and wrong signatures refused, pagination to the end, retries,
 * errors[] entries, pacing, and secrets kept out of every output. */
#include <check.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "aws/aws.h"
#include "fakeaws.h"
#include "testutil.h"
#include "util/fsutil.h"

extern char **environ;

#define S_AKID "ASIAFAKEEXAMPLE00002"
#define S_SECRET "fakeSessionSecret/EXAMPLE+0123456789abcd"
#define S_TOKEN "FwoGZXIvYXdzEFAKESESSIONTOKEN//////////ExampleTokenValue=="
#define PROD_ARN "arn:aws:connect:us-east-1:111122223333:instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33"
#define PROD_ID "4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33"

/* No keys: the tests of where they are found set their own (fa_keys). */
static void setup(void) { fa_setup("collect", 0); }

/* The stock world with `faults` (JSON) instead of its own, if given. */
static cJSON *world(const char *faults_json) { return fa_faults(fa_world(NULL), faults_json); }

/* Starts the fake on that world; AWS_ENDPOINT_URL points at it, its request log is tu_dir/requests. */
static void start_fake(const char *faults_json) { fa_start(world(faults_json)); }

/* collect with a fast pace (the pacing test sets its own). */
static tu_out collect(const char *instance) {
  const char *snap = tu_path("snap.json");
  if (!strcmp(instance, "--all-instances"))
    return tu_run((const char *[]){"collect", "--region", "us-east-1", "--all-instances", "-o", snap, "--rate", "200", NULL});
  return tu_run((const char *[]){"collect", "--region", "us-east-1", "--instance", instance, "-o", snap, "--rate", "200", NULL});
}

static void no_secrets(const tu_out *o) {
  const char *texts[2] = {o->out, o->err};
  for (int i = 0; i < 2; i++) {
    LACKS(texts[i], FA_SECRET);
    LACKS(texts[i], S_SECRET);
    LACKS(texts[i], S_TOKEN);
  }
  char *snap = tu_slurp(tu_path("snap.json"), NULL);
  if (snap) {
    LACKS(snap, FA_SECRET);
    LACKS(snap, S_SECRET);
    LACKS(snap, S_TOKEN);
    free(snap);
  }
}

/* The most requests the fake was answering at once (its log's "inflight"). */
static int max_inflight(void) {
  int most = 0;
  cJSON *req;
  for (int i = 0; (req = fa_request(NULL, i)) != NULL; i++) {
    const cJSON *f = cJSON_GetObjectItem(req, "inflight");
    if (cJSON_IsNumber(f) && f->valueint > most) most = f->valueint;
    cJSON_Delete(req);
  }
  return most;
}

/* ---- unit: canonical URLs, error answers, endpoints ---- */

START_TEST(canonical_query_is_sorted_and_encoded) {
  ca_buf b;
  ca_buf_init(&b, 1024);
  ca_aws_param p[] = {{"resourceType", "CALL_RECORDINGS"}, {"maxResults", "10"}, {"nextToken", "a/b+c=d e~"}, {"policy", ""}};
  ck_assert_int_eq(ca_aws_query(&b, p, 4), 0);
  ck_assert_str_eq(b.data, "maxResults=10&nextToken=a%2Fb%2Bc%3Dd%20e~&policy=&resourceType=CALL_RECORDINGS");
  ca_buf_free(&b);
  ca_buf_init(&b, 1024);
  ck_assert_int_eq(ca_aws_path_add(&b, "arn:aws:x/y"), 0);
  ck_assert_str_eq(b.data, "/arn%3Aaws%3Ax%2Fy");
  ca_buf_free(&b);
}
END_TEST

START_TEST(aws_errors_are_parsed) {
  char code[128], msg[512];
  const char *j = "{\"__type\":\"com.amazonaws.connect#AccessDeniedException\",\"message\":\"no\"}";
  ck_assert_int_eq(ca_aws_parse_error(j, strlen(j), NULL, code, sizeof code, msg, sizeof msg), 0);
  ck_assert_str_eq(code, "AccessDeniedException");
  ck_assert_str_eq(msg, "no");
  const char *h = "{\"Message\":\"slow down\"}";
  ck_assert_int_eq(ca_aws_parse_error(h, strlen(h), "ThrottlingException:http://internal.amazon.com/x", code, sizeof code, msg, sizeof msg), 0);
  ck_assert_str_eq(code, "ThrottlingException");
  ck_assert_str_eq(msg, "slow down");
  const char *x = "<ErrorResponse><Error><Type>Sender</Type><Code>ExpiredToken</Code>"
                  "<Message>The security token included in the request is expired</Message></Error></ErrorResponse>";
  ck_assert_int_eq(ca_aws_parse_error(x, strlen(x), NULL, code, sizeof code, msg, sizeof msg), 0);
  ck_assert_str_eq(code, "ExpiredToken");
  ck_assert_str_eq(msg, "The security token included in the request is expired");
  ck_assert_int_ne(ca_aws_parse_error("<html>", 6, NULL, code, sizeof code, msg, sizeof msg), 0);
}
END_TEST

START_TEST(endpoints_service_variable_first) {
  char out[256];
  ck_assert_int_eq(ca_aws_endpoint("CONNECT", "connect", "eu-west-2", out, sizeof out), 0);
  ck_assert_str_eq(out, "https://connect.eu-west-2.amazonaws.com");
  setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:1/", 1);
  ca_aws_endpoint("CONNECT", "connect", "eu-west-2", out, sizeof out);
  ck_assert_str_eq(out, "http://127.0.0.1:1");
  setenv("AWS_ENDPOINT_URL_CONNECT", "http://127.0.0.1:2", 1);
  ca_aws_endpoint("CONNECT", "connect", "eu-west-2", out, sizeof out);
  ck_assert_str_eq(out, "http://127.0.0.1:2");
  ca_aws_endpoint("STS", "sts", "eu-west-2", out, sizeof out);
  ck_assert_str_eq(out, "http://127.0.0.1:1");
  setenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true", 1);
  ca_aws_endpoint("CONNECT", "connect", "eu-west-2", out, sizeof out);
  ck_assert_str_eq(out, "https://connect.eu-west-2.amazonaws.com");
}
END_TEST

/* ---- credentials and region ---- */

static void write_profiles(void) {
  char dir[256];
  snprintf(dir, sizeof dir, "%s/.aws", tu_dir);
  mkdir(dir, 0700);
  tu_put(".aws/credentials",
         "[default]\naws_access_key_id = AKIADEFAULTFILE00001\naws_secret_access_key = defaultsecret\n\n"
         "# a comment\n[dev]\naws_access_key_id=AKIADEVFILE000000001\naws_secret_access_key=devsecret\n"
         "aws_session_token = devtoken\n");
  tu_put(".aws/config",
         "[default]\nregion = ap-southeast-2\n\n[profile dev]\nregion = eu-west-1\n\n"
         "[profile cfgonly]\naws_access_key_id = AKIACFGONLY000000001\naws_secret_access_key = cfgsecret\n"
         "region = ca-central-1\n");
}

START_TEST(credentials_precedence) {
  write_profiles();
  ca_aws_creds c;
  ca_err e = {0};
  /* default profile from ~/.aws/credentials, region from ~/.aws/config */
  ck_assert_int_eq(ca_aws_creds_find(NULL, NULL, &c, &e), 0);
  ck_assert_str_eq(c.access_key, "AKIADEFAULTFILE00001");
  ck_assert_str_eq(c.region, "ap-southeast-2");
  HAS(c.source, "profile 'default'");
  /* environment over the files */
  fa_keys();
  ck_assert_int_eq(ca_aws_creds_find(NULL, NULL, &c, &e), 0);
  ck_assert_str_eq(c.access_key, FA_AKID);
  ck_assert_str_eq(c.session_token, "");
  /* AWS_PROFILE does not beat the environment's keys (botocore's order)... */
  setenv("AWS_PROFILE", "dev", 1);
  ck_assert_int_eq(ca_aws_creds_find(NULL, NULL, &c, &e), 0);
  ck_assert_str_eq(c.access_key, FA_AKID);
  ck_assert_str_eq(c.region, "eu-west-1");   /* ...but names the profile whose region is used */
  /* ...an explicit --profile does */
  ck_assert_int_eq(ca_aws_creds_find("dev", NULL, &c, &e), 0);
  ck_assert_str_eq(c.access_key, "AKIADEVFILE000000001");
  ck_assert_str_eq(c.session_token, "devtoken");
  /* keys in the config file's [profile x] */
  ck_assert_int_eq(ca_aws_creds_find("cfgonly", NULL, &c, &e), 0);
  ck_assert_str_eq(c.access_key, "AKIACFGONLY000000001");
  ck_assert_str_eq(c.region, "ca-central-1");
  /* region: --region, then AWS_REGION, then AWS_DEFAULT_REGION */
  setenv("AWS_DEFAULT_REGION", "us-west-1", 1);
  ca_aws_creds_find("cfgonly", NULL, &c, &e);
  ck_assert_str_eq(c.region, "us-west-1");
  setenv("AWS_REGION", "us-west-2", 1);
  ca_aws_creds_find("cfgonly", NULL, &c, &e);
  ck_assert_str_eq(c.region, "us-west-2");
  ca_aws_creds_find("cfgonly", "sa-east-1", &c, &e);
  ck_assert_str_eq(c.region, "sa-east-1");
  /* files moved by AWS_SHARED_CREDENTIALS_FILE */
  unsetenv("AWS_ACCESS_KEY_ID");
  unsetenv("AWS_PROFILE");
  tu_put("other-creds", "[default]\naws_access_key_id = AKIAOTHERFILE0000001\naws_secret_access_key = othersecret\n");
  setenv("AWS_SHARED_CREDENTIALS_FILE", tu_path("other-creds"), 1);
  ck_assert_int_eq(ca_aws_creds_find(NULL, NULL, &c, &e), 0);
  ck_assert_str_eq(c.access_key, "AKIAOTHERFILE0000001");
  /* role profiles that cannot work are refused before any call (the ones
   * that work, chains too, are assumed against the fake: tests/check_creds.c) */
  tu_put(".aws/config", "[profile nosource]\nrole_arn = arn:aws:iam::1:role/C\n"
                        "[profile both]\nrole_arn = arn:aws:iam::1:role/C\nsource_profile = x\ncredential_source = Environment\n"
                        "[profile loop1]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = loop2\n"
                        "[profile loop2]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = loop1\n");
  ck_assert_int_eq(ca_aws_creds_find("nosource", NULL, &c, &e), -1);
  HAS(e.msg, "has role_arn but neither source_profile nor credential_source");
  ca_err_clear(&e);
  ck_assert_int_eq(ca_aws_creds_find("both", NULL, &c, &e), -1);
  HAS(e.msg, "has both source_profile and credential_source");
  ca_err_clear(&e);
  ck_assert_int_eq(ca_aws_creds_find("loop1", NULL, &c, &e), -1);
  HAS(e.msg, "source_profile 'loop1' makes a loop of profiles");
  ca_err_clear(&e);
  ck_assert_int_eq(ca_aws_creds_find("nosuch", NULL, &c, &e), -1);
  HAS(e.msg, "no AWS credentials found");
  HAS(e.msg, "profile 'nosuch'");
}
END_TEST

START_TEST(no_credentials_says_where_it_looked) {
  tu_out o = tu_run((const char *[]){"collect", "--region", "us-east-1", "--instance", "acme-prod", "-o", tu_path("snap.json"), NULL});
  ck_assert_int_eq(o.code, 3);
  HAS(o.err, "no AWS credentials found");
  HAS(o.err, "AWS_ACCESS_KEY_ID");
  HAS(o.err, ".aws/credentials");
  HAS(o.err, ".aws/config");
  ck_assert_str_eq(o.out, "");
  ck_assert_ptr_null(tu_slurp(tu_path("snap.json"), NULL));
  tu_done(&o);
}
END_TEST

/* ---- end to end against the fake ---- */

START_TEST(collects_instance_and_profiles_to_the_last_page) {
  start_fake(NULL);
  fa_keys();
  tu_out o = collect("acme-prod");
  ck_assert_msg(o.code == 0, "exit %d: %s", o.code, o.err);
  ck_assert_str_eq(o.out, "");
  no_secrets(&o);
  cJSON *s = tu_load(tu_path("snap.json"));
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(s, "account_id")), "111122223333");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(s, "collected_at")), "2026-11-20T09:30:00Z");
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "errors")), 0);
  ck_assert_ptr_nonnull(fa_res(s, "connect_instance", PROD_ARN));
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(fa_res(s, "connect_instance", PROD_ARN), "name")), "acme-prod");
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(s, "resources"), "connect_instance")), 1);
  const cJSON *d = fa_data(s, "connect_instance", PROD_ARN);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(d, "Instance"), "IdentityManagementType")), "CONNECT_MANAGED");
  /* page_size 2: every list took several pages and kept every item */
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(d, "Attributes")), 7);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(d, "LambdaFunctions")), 3);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(d, "ApprovedOrigins")), 3);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(d, "LexBots")), 2);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(d, "SecurityKeys")), 0);
  ck_assert_int_eq(fa_count("ListInstanceAttributes", NULL), 4);
  /* every storage resource type of the model asked, each present */
  const cJSON *sc = cJSON_GetObjectItem(d, "StorageConfigs");
  ck_assert_int_eq(cJSON_GetArraySize(sc), 13);
  ck_assert_int_eq(fa_count("ListInstanceStorageConfigs", NULL), 13);
  ck_assert_int_eq(fa_count("ListInstanceStorageConfigs", "EMAIL_MESSAGES"), 1);
  /* ...and the model's enum is exactly what was asked (when botocore is at hand) */
  const char *model[] = {"/usr/bin/env", "python3", "-c",
                         "import botocore,os,gzip,json\n"
                         "p=os.path.join(os.path.dirname(botocore.__file__),'data/connect/2017-08-08/service-2.json.gz')\n"
                         "print('\\n'.join(json.load(gzip.open(p))['shapes']['InstanceStorageResourceType']['enum']))",
                         NULL};
  if (tu_spawn(model, NULL, tu_path("enum.txt"), tu_path("enum.err")) == 0) {
    char *types = tu_read(tu_path("enum.txt"), NULL);
    int n = 0;
    for (char *save = NULL, *t = strtok_r(types, "\n", &save); t; t = strtok_r(NULL, "\n", &save), n++) {
      char q[128];
      snprintf(q, sizeof q, "\"resourceType\": \"%s\"", t);
      ck_assert_msg(fa_count("ListInstanceStorageConfigs", q) == 1, "storage type %s not asked once", t);
    }
    ck_assert_int_eq(n, fa_count("ListInstanceStorageConfigs", NULL));
    free(types);
  }
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(
                       cJSON_GetArrayItem(cJSON_GetObjectItem(sc, "CALL_RECORDINGS"), 0), "S3Config"), "EncryptionConfig"), "EncryptionType")),
                   "KMS");
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(sc, "SCREEN_RECORDINGS")), 0);
  /* three profiles by SearchSecurityProfiles (two pages), permissions paginated */
  const cJSON *profiles = cJSON_GetObjectItem(cJSON_GetObjectItem(s, "resources"), "connect_security_profile");
  ck_assert_int_eq(cJSON_GetArraySize(profiles), 3);
  ck_assert_int_eq(fa_count("SearchSecurityProfiles", NULL), 2);
  ck_assert_int_eq(fa_count("ListSecurityProfiles", NULL), 0);
  const cJSON *admin = fa_data(s, "connect_security_profile", PROD_ARN "/security-profile/4f1c2a7e-0000-4000-8000-00000000a001");
  ck_assert_ptr_nonnull(admin);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(admin, "SecurityProfile"), "SecurityProfileName")), "Admin");
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(admin, "Permissions")), 8);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetArrayItem(cJSON_GetObjectItem(admin, "Permissions"), 7)), "ListenCallRecordings");
  /* no request was refused, none was about the other instance */
  char *log = tu_read(tu_path("requests"), NULL);
  LACKS(log, "\"status\": 403");
  LACKS(log, "acme-dev");
  free(log);
  cJSON_Delete(s);
  tu_done(&o);

  /* the snapshot loads, audits (exit 0 or 1) and matches the JSON Schema */
  cJSON_Delete(fa_audit(tu_path("snap.json"), FA_SCHEMA));
}
END_TEST

START_TEST(instance_by_id_arn_and_all_instances) {
  start_fake(NULL);
  fa_keys();
  tu_out o = collect(PROD_ID);
  ck_assert_msg(o.code == 0, "%s", o.err);
  cJSON *s = tu_load(tu_path("snap.json"));
  ck_assert_ptr_nonnull(fa_res(s, "connect_instance", PROD_ARN));
  cJSON_Delete(s);
  tu_done(&o);
  o = collect(PROD_ARN);
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  o = collect("--all-instances");
  ck_assert_msg(o.code == 0, "%s", o.err);
  s = tu_load(tu_path("snap.json"));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(s, "resources"), "connect_instance")), 2);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(s, "resources"), "connect_security_profile")), 6);
  cJSON_Delete(s);
  tu_done(&o);
  /* an ARN of another region is refused before any call */
  o = collect("arn:aws:connect:eu-west-2:111122223333:instance/" PROD_ID);
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "is in region eu-west-2");
  tu_done(&o);
}
END_TEST

START_TEST(unknown_instance_is_a_clear_error) {
  start_fake(NULL);
  fa_keys();
  tu_out o = collect("acme-staging");
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "--instance acme-staging: no such Amazon Connect instance in us-east-1");
  HAS(o.err, "acme-prod, acme-dev");
  ck_assert_ptr_null(tu_slurp(tu_path("snap.json"), NULL));
  tu_done(&o);
}
END_TEST

START_TEST(wrong_signature_refused_and_secret_kept_out) {
  start_fake(NULL);
  setenv("AWS_ACCESS_KEY_ID", FA_AKID, 1);
  setenv("AWS_SECRET_ACCESS_KEY", "notTheRightSecretKeyButLongEnough0123", 1);
  tu_out o = collect("acme-prod");
  ck_assert_int_eq(o.code, 3);
  HAS(o.err, "InvalidSignatureException");
  HAS(o.err, "SignatureDoesNotMatch");
  LACKS(o.err, "notTheRightSecretKeyButLongEnough0123");
  ck_assert_ptr_null(tu_slurp(tu_path("snap.json"), NULL));
  tu_done(&o);
  /* a session key without its token is refused; with it, accepted */
  setenv("AWS_ACCESS_KEY_ID", S_AKID, 1);
  setenv("AWS_SECRET_ACCESS_KEY", S_SECRET, 1);
  o = collect("acme-prod");
  ck_assert_int_eq(o.code, 3);
  HAS(o.err, "UnrecognizedClientException");
  no_secrets(&o);
  tu_done(&o);
  setenv("AWS_SESSION_TOKEN", "WrongSessionTokenValue0123456789", 1);
  o = collect("acme-prod");
  ck_assert_int_eq(o.code, 3);
  HAS(o.err, "UnrecognizedClientException");
  LACKS(o.err, "WrongSessionTokenValue0123456789");
  no_secrets(&o);
  tu_done(&o);
  setenv("AWS_SESSION_TOKEN", S_TOKEN, 1);
  o = collect("acme-prod");
  ck_assert_msg(o.code == 0, "%s", o.err);
  no_secrets(&o);
  tu_done(&o);
  /* an unsigned request is refused too */
  const char *argv[] = {"/usr/bin/curl", "-s", "-o", tu_path("curl.out"), "-w", "%{http_code}", NULL, NULL};
  char url[128];
  snprintf(url, sizeof url, "%s/instance", fa_endpoint);
  argv[6] = url;
  if (access(argv[0], X_OK) == 0) {
    ck_assert_int_eq(tu_spawn(argv, NULL, tu_path("curl.code"), tu_path("curl.err")), 0);
    char *code = tu_read(tu_path("curl.code"), NULL);
    ck_assert_str_eq(code, "403");
    free(code);
  }
}
END_TEST

START_TEST(profile_from_files_with_session_token) {
  start_fake(NULL);
  char dir[256];
  snprintf(dir, sizeof dir, "%s/.aws", tu_dir);
  mkdir(dir, 0700);
  tu_put(".aws/credentials", "[auditor]\naws_access_key_id = " S_AKID "\naws_secret_access_key = " S_SECRET
                             "\naws_session_token = " S_TOKEN "\n");
  tu_put(".aws/config", "[profile auditor]\nregion = us-east-1\n");
  tu_out o = tu_run((const char *[]){"collect", "--profile", "auditor", "--instance", "acme-prod", "-o",
                                     tu_path("snap.json"), "--rate", "200", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  HAS(o.err, "profile 'auditor'");
  no_secrets(&o);
  tu_done(&o);
}
END_TEST

START_TEST(throttling_and_5xx_retried) {
  start_fake("{\"ListInstanceAttributes\": [{\"status\": 429, \"code\": \"TooManyRequestsException\", \"times\": 3}],"
             " \"DescribeInstance\": [{\"status\": 500, \"code\": \"InternalServiceException\", \"times\": 1}],"
             " \"GetCallerIdentity\": [{\"status\": 400, \"code\": \"Throttling\", \"message\": \"Rate exceeded\", \"times\": 1}]}");
  fa_keys();
  tu_out o = collect("acme-prod");
  ck_assert_msg(o.code == 0, "%s", o.err);
  HAS(o.err, "retries");
  cJSON *s = tu_load(tu_path("snap.json"));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "errors")), 0);
  const cJSON *d = fa_data(s, "connect_instance", PROD_ARN);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(d, "Attributes")), 7);
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(d, "Instance"));
  ck_assert_int_eq(fa_count("ListInstanceAttributes", NULL), 4 + 3);
  ck_assert_int_eq(fa_count("DescribeInstance", NULL), 2);
  ck_assert_int_eq(fa_count("GetCallerIdentity", NULL), 2);
  cJSON_Delete(s);
  tu_done(&o);
}
END_TEST

START_TEST(dropped_slow_and_malformed_answers) {
  start_fake("{\"DescribeInstance\": [{\"drop\": true, \"times\": 2}],"
             " \"ListApprovedOrigins\": [{\"delay\": 3, \"times\": 1}],"
             " \"ListLambdaFunctions\": [{\"malformed\": true}]}");
  fa_keys();
  tu_out o = tu_run((const char *[]){"collect", "--region", "us-east-1", "--instance", "acme-prod", "-o",
                                     tu_path("snap.json"), "--rate", "200", "--timeout", "1", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  cJSON *s = tu_load(tu_path("snap.json"));
  const cJSON *d = fa_data(s, "connect_instance", PROD_ARN);
  /* dropped twice, then answered; timed out once, then answered */
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(d, "Instance"));
  ck_assert_int_eq(fa_count("DescribeInstance", NULL), 3);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(d, "ApprovedOrigins")), 3);
  /* a body that does not parse is a failure to collect, not an empty list */
  ck_assert_ptr_null(cJSON_GetObjectItem(d, "LambdaFunctions"));
  const cJSON *errs = cJSON_GetObjectItem(s, "errors");
  ck_assert_int_eq(cJSON_GetArraySize(errs), 1);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(errs, 0), "code")), "MalformedResponse");
  cJSON_Delete(s);
  tu_done(&o);
}
END_TEST

START_TEST(retries_end_and_are_recorded) {
  start_fake("{\"ListSecurityKeys\": [{\"status\": 429, \"code\": \"ThrottlingException\", \"message\": \"Rate exceeded\"}]}");
  fa_keys();
  tu_out o = tu_run((const char *[]){"collect", "--region", "us-east-1", "--instance", "acme-prod", "-o",
                                     tu_path("snap.json"), "--rate", "200", "--max-attempts", "3", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  cJSON *s = tu_load(tu_path("snap.json"));
  ck_assert_int_eq(fa_count("ListSecurityKeys", NULL), 3);
  const cJSON *e = cJSON_GetArrayItem(cJSON_GetObjectItem(s, "errors"), 0);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "operation")), "connect:ListSecurityKeys");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "code")), "ThrottlingException");
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "connect_instance", PROD_ARN), "SecurityKeys"));
  cJSON_Delete(s);
  tu_done(&o);
}
END_TEST

/* Independent calls are in flight together (the curl multi interface), up
 * to --max-concurrency; with 1, one at a time.  The storage-config lists
 * answer slowly so that overlapping calls overlap at the fake. */
START_TEST(calls_in_flight_together_up_to_the_limit) {
  start_fake("{\"ListInstanceStorageConfigs\": [{\"delay\": 0.2}]}");
  fa_keys();
  tu_out o = collect("acme-prod");
  ck_assert_msg(o.code == 0, "%s", o.err);
  HAS(o.err, "in flight together");
  int together = max_inflight();
  ck_assert_msg(together >= 3 && together <= 10, "%d in flight together", together);   /* default 10 */
  ck_assert_int_eq(fa_count("ListInstanceStorageConfigs", NULL), 13);
  cJSON *parallel = tu_load(tu_path("snap.json"));
  tu_done(&o);

  unlink(tu_path("requests"));
  o = tu_run((const char *[]){"collect", "--region", "us-east-1", "--instance", "acme-prod", "-o", tu_path("snap.json"),
                              "--rate", "200", "--max-concurrency", "3", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  together = max_inflight();
  ck_assert_msg(together >= 2 && together <= 3, "%d in flight together with --max-concurrency 3", together);
  tu_done(&o);

  unlink(tu_path("requests"));
  o = tu_run((const char *[]){"collect", "--region", "us-east-1", "--instance", "acme-prod", "-o", tu_path("snap.json"),
                              "--rate", "200", "--max-concurrency", "1", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  ck_assert_int_eq(max_inflight(), 1);
  HAS(o.err, "(at most 1 in flight together)");
  /* the same snapshot whichever order the answers came in */
  cJSON *serial = tu_load(tu_path("snap.json"));
  ck_assert(cJSON_Compare(parallel, serial, 1));
  char *a = cJSON_Print(parallel), *b = cJSON_Print(serial);
  size_t at = 0;
  while (a[at] && a[at] == b[at]) at++;
  ck_assert_msg(!a[at] && !b[at], "the snapshots' bytes differ at %zu: ...%.80s... vs ...%.80s...", at,
                a + (at > 40 ? at - 40 : 0), b + (at > 40 ? at - 40 : 0));
  free(a), free(b);
  cJSON_Delete(parallel), cJSON_Delete(serial);
  tu_done(&o);

  o = tu_run((const char *[]){"collect", "--region", "us-east-1", "--instance", "acme-prod", "-o", tu_path("snap.json"),
                              "--max-concurrency", "0", NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "--max-concurrency 0");
  tu_done(&o);
}
END_TEST

START_TEST(access_denied_recorded_and_the_rest_collected) {
  start_fake("{\"ListLambdaFunctions\": [{\"status\": 403, \"code\": \"AccessDeniedException\","
             " \"message\": \"User is not authorized to perform connect:ListLambdaFunctions\"}],"
             " \"ListInstanceStorageConfigs\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"denied\","
             " \"match\": \"resourceType=CHAT_TRANSCRIPTS\"}],"
             " \"ListSecurityProfilePermissions\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"denied\","
             " \"match\": \"4f1c2a7e-0000-4000-8000-00000000a001\"}]}");
  fa_keys();
  tu_out o = collect("acme-prod");
  ck_assert_msg(o.code == 0, "%s", o.err);
  HAS(o.err, "3 failed calls");
  cJSON *s = tu_load(tu_path("snap.json"));
  const cJSON *errs = cJSON_GetObjectItem(s, "errors");
  ck_assert_int_eq(cJSON_GetArraySize(errs), 3);
  const cJSON *e = cJSON_GetArrayItem(errs, 1);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "arn")), PROD_ARN);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "operation")), "connect:ListLambdaFunctions");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "code")), "AccessDeniedException");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "message")), "User is not authorized to perform connect:ListLambdaFunctions");
  const cJSON *d = fa_data(s, "connect_instance", PROD_ARN);
  ck_assert_ptr_null(cJSON_GetObjectItem(d, "LambdaFunctions"));          /* absent: not collected */
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(d, "ApprovedOrigins")), 3);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(d, "StorageConfigs")), 12);   /* the denied type missing */
  ck_assert_ptr_null(cJSON_GetObjectItem(cJSON_GetObjectItem(d, "StorageConfigs"), "CHAT_TRANSCRIPTS"));
  /* the denied profile (named: its calls run together with the others') lacks Permissions; the others have theirs */
  const cJSON *first = cJSON_GetArrayItem(errs, 2);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(first, "operation")), "connect:ListSecurityProfilePermissions");
  const char *parn = cJSON_GetStringValue(cJSON_GetObjectItem(first, "arn"));
  ck_assert_str_eq(parn, PROD_ARN "/security-profile/4f1c2a7e-0000-4000-8000-00000000a001");
  const cJSON *sp;
  cJSON_ArrayForEach(sp, cJSON_GetObjectItem(cJSON_GetObjectItem(s, "resources"), "connect_security_profile"))
    if (strcmp(sp->string, parn)) ck_assert_ptr_nonnull(cJSON_GetObjectItem(cJSON_GetObjectItem(sp, "data"), "Permissions"));
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "connect_security_profile", parn), "Permissions"));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(fa_data(s, "connect_security_profile", parn), "SecurityProfile"));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(s, "resources"), "connect_security_profile")), 3);
  cJSON_Delete(s);
  tu_done(&o);
  cJSON_Delete(fa_audit(tu_path("snap.json"), 0));
}
END_TEST

/* Should an answer ever echo a secret, it is masked before it is kept. */
START_TEST(secrets_echoed_by_an_answer_are_masked) {
  start_fake("{\"ListApprovedOrigins\": [{\"status\": 400, \"code\": \"InvalidRequestException\","
             " \"message\": \"bad signature for key " S_SECRET " and token " S_TOKEN "\"}]}");
  setenv("AWS_ACCESS_KEY_ID", S_AKID, 1);
  setenv("AWS_SECRET_ACCESS_KEY", S_SECRET, 1);
  setenv("AWS_SESSION_TOKEN", S_TOKEN, 1);
  tu_out o = collect("acme-prod");
  ck_assert_msg(o.code == 0, "%s", o.err);
  no_secrets(&o);   /* the token is masked */
  HAS(o.err, "for key *** and token ***");
  tu_done(&o);
}
END_TEST

START_TEST(search_unknown_falls_back_to_list_and_describe) {
  start_fake("{\"SearchSecurityProfiles\": [{\"status\": 400, \"code\": \"UnknownOperationException\"}]}");
  fa_keys();
  tu_out o = collect("acme-prod");
  ck_assert_msg(o.code == 0, "%s", o.err);
  cJSON *s = tu_load(tu_path("snap.json"));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "errors")), 0);   /* a fallback, not a failure */
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(s, "resources"), "connect_security_profile")), 3);
  ck_assert_int_eq(fa_count("SearchSecurityProfiles", NULL), 1);
  ck_assert_int_eq(fa_count("ListSecurityProfiles", NULL), 2);
  ck_assert_int_eq(fa_count("DescribeSecurityProfile", NULL), 3);
  const cJSON *admin = fa_data(s, "connect_security_profile", PROD_ARN "/security-profile/4f1c2a7e-0000-4000-8000-00000000a001");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(admin, "SecurityProfile"), "Description")), "Admin profile");
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(admin, "Permissions")), 8);
  cJSON_Delete(s);
  tu_done(&o);
}
END_TEST

START_TEST(sts_denied_account_from_the_instance) {
  start_fake("{\"GetCallerIdentity\": [{\"status\": 403, \"code\": \"AccessDenied\", \"message\": \"not allowed\"}]}");
  fa_keys();
  tu_out o = collect("acme-prod");
  ck_assert_msg(o.code == 0, "%s", o.err);
  cJSON *s = tu_load(tu_path("snap.json"));
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(s, "account_id")), "111122223333");
  const cJSON *e = cJSON_GetArrayItem(cJSON_GetObjectItem(s, "errors"), 0);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "operation")), "sts:GetCallerIdentity");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "arn")), "arn:aws:iam::111122223333:root");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "code")), "AccessDenied");
  cJSON_Delete(s);
  tu_done(&o);
}
END_TEST

/* Interrupted mid-run: the previous snapshot stays whole, no temporary file is left. */
START_TEST(interrupted_run_leaves_the_old_snapshot) {
  start_fake("{\"ListSecurityKeys\": [{\"delay\": 5}]}");
  fa_keys();
  tu_put("snap.json", "{\"old\": true}\n");
  char out[256];
  snprintf(out, sizeof out, "%s", tu_path("snap.json"));
  const char *argv[] = {CA_TEST_BIN, "collect", "--region", "us-east-1", "--instance", "acme-prod", "-o", out,
                        "--rate", "200", "--quiet", NULL};
  pid_t pid;
  ck_assert_int_eq(posix_spawn(&pid, argv[0], NULL, NULL, (char *const *)argv, environ), 0);
  sleep(1);
  kill(pid, SIGINT);
  int st;
  waitpid(pid, &st, 0);
  ck_assert(WIFSIGNALED(st) || WEXITSTATUS(st) != 0);
  char *t = tu_read(tu_path("snap.json"), NULL);
  ck_assert_str_eq(t, "{\"old\": true}\n");
  free(t);
  char **names;
  size_t n;
  ca_err e = {0};
  ck_assert_int_eq(ca_list_dir(tu_dir, &names, &n, &e), 0);
  for (size_t i = 0; i < n; i++) ck_assert_msg(strncmp(names[i], "snap.json.", 10), "left behind: %s", names[i]);
  ca_free_list(names);
}
END_TEST

START_TEST(pacing_holds_the_rate) {
  start_fake(NULL);
  fa_keys();
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  /* 13 ListInstanceStorageConfigs calls at 10/s with a burst of 1: >= 1.2 s */
  tu_out o = tu_run((const char *[]){"collect", "--region", "us-east-1", "--instance", "acme-prod", "-o",
                                     tu_path("snap.json"), "--rate", "10", "--burst", "1", "--quiet", NULL});
  clock_gettime(CLOCK_MONOTONIC, &b);
  ck_assert_msg(o.code == 0, "%s", o.err);
  ck_assert_str_eq(o.err, "");   /* --quiet */
  double took = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
  ck_assert_msg(took >= 1.15, "13 calls of one API at 10/s took %.2f s", took);
  tu_done(&o);
}
END_TEST

START_TEST(assume_role_from_profile_and_option) {
  start_fake(NULL);
  char dir[256];
  snprintf(dir, sizeof dir, "%s/.aws", tu_dir);
  mkdir(dir, 0700);
  tu_put(".aws/credentials", "[base]\naws_access_key_id = " FA_AKID "\naws_secret_access_key = " FA_SECRET "\n");
  tu_put(".aws/config", "[profile auditor]\nrole_arn = arn:aws:iam::111122223333:role/ConnectAuditorExt\n"
                        "source_profile = base\nexternal_id = acme-ext-42\nrole_session_name = audit-run\n"
                        "region = us-east-1\n\n[profile wrongrole]\nrole_arn = arn:aws:iam::111122223333:role/Nope\n"
                        "source_profile = base\n");
  tu_out o = tu_run((const char *[]){"collect", "--profile", "auditor", "--instance", "acme-prod", "-o",
                                     tu_path("snap.json"), "--rate", "200", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  HAS(o.err, "role arn:aws:iam::111122223333:role/ConnectAuditorExt");
  no_secrets(&o);
  tu_done(&o);
  /* one AssumeRole with the base keys; every call after it with the session's */
  ck_assert_int_eq(fa_count("AssumeRole", "audit-run"), 1);
  ck_assert_int_eq(fa_count("AssumeRole", "acme-ext-42"), 1);
  char *log = tu_read(tu_path("requests"), NULL);
  int n = 0;
  for (char *save = NULL, *line = strtok_r(log, "\n", &save); line; line = strtok_r(NULL, "\n", &save), n++) {
    if (strstr(line, "\"AssumeRole\"")) HAS(line, FA_AKID);
    else HAS(line, S_AKID);
  }
  ck_assert_int_gt(n, 30);
  free(log);
  /* --role-arn with keys from the environment */
  unlink(tu_path("requests"));
  fa_keys();
  o = tu_run((const char *[]){"collect", "--region", "us-east-1", "--role-arn", "arn:aws:iam::111122223333:role/ConnectAuditor",
                              "--instance", "acme-prod", "-o", tu_path("snap.json"), "--rate", "200", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  ck_assert_int_eq(fa_count("AssumeRole", NULL), 1);
  /* a role the keys may not assume: a clear error, exit 3 */
  unsetenv("AWS_ACCESS_KEY_ID");
  o = tu_run((const char *[]){"collect", "--profile", "wrongrole", "--region", "us-east-1", "--instance", "acme-prod",
                              "-o", tu_path("snap2.json"), NULL});
  ck_assert_int_eq(o.code, 3);
  HAS(o.err, "cannot assume role arn:aws:iam::111122223333:role/Nope: sts:AssumeRole: AccessDenied");
  no_secrets(&o);
  tu_done(&o);
}
END_TEST

/* The aws CLI, pointed at the same fake, is accepted too: the fake checks
 * signatures as AWS does, not as our client happens to make them. */
START_TEST(aws_cli_accepted_by_the_fake) {
  if (access("/usr/bin/env", X_OK)) return;
  start_fake(NULL);
  const char *env[] = {"AWS_ACCESS_KEY_ID=" FA_AKID, "AWS_SECRET_ACCESS_KEY=" FA_SECRET, "AWS_DEFAULT_REGION=us-east-1", NULL};
  const char *argv[] = {"/usr/bin/env", "aws", "--endpoint-url", fa_endpoint, "connect", "list-security-profile-permissions",
                        "--instance-id", PROD_ID, "--security-profile-id", "4f1c2a7e-0000-4000-8000-00000000a001", NULL};
  int rc = tu_spawn(argv, env, tu_path("aws.out"), tu_path("aws.err"));
  if (rc == 127) return;   /* no aws CLI on PATH */
  char *out = tu_read(tu_path("aws.out"), NULL);
  ck_assert_msg(rc == 0, "aws exit %d: %s", rc, out);
  HAS(out, "ListenCallRecordings");   /* the last page: the CLI paginated too */
  free(out);
  const char *sts[] = {"/usr/bin/env", "aws", "--endpoint-url", fa_endpoint, "sts", "get-caller-identity", NULL};
  ck_assert_int_eq(tu_spawn(sts, env, tu_path("aws.out"), tu_path("aws.err")), 0);
  /* The same requests from both clients, with session credentials: the same
   * path, the same signed headers (so the same canonical request shape). */
  unlink(tu_path("requests"));
  const char *senv[] = {"AWS_ACCESS_KEY_ID=" S_AKID, "AWS_SECRET_ACCESS_KEY=" S_SECRET, "AWS_SESSION_TOKEN=" S_TOKEN,
                        "AWS_DEFAULT_REGION=us-east-1", NULL};
  const char *sc[] = {"/usr/bin/env", "aws", "--endpoint-url", fa_endpoint, "connect", "list-instance-storage-configs",
                      "--instance-id", PROD_ID, "--resource-type", "CALL_RECORDINGS", NULL};
  const char *sp[] = {"/usr/bin/env", "aws", "--endpoint-url", fa_endpoint, "connect", "search-security-profiles",
                      "--instance-id", PROD_ID, NULL};
  const char *sf[] = {"/usr/bin/env", "aws", "--endpoint-url", fa_endpoint, "connect", "search-contact-flows",
                      "--instance-id", PROD_ID, NULL};
  ck_assert_int_eq(tu_spawn(sc, senv, tu_path("aws.out"), tu_path("aws.err")), 0);
  ck_assert_int_eq(tu_spawn(sp, senv, tu_path("aws.out"), tu_path("aws.err")), 0);
  ck_assert_int_eq(tu_spawn(sf, senv, tu_path("aws.out"), tu_path("aws.err")), 0);
  out = tu_read(tu_path("aws.out"), NULL);
  HAS(out, "\"Content\": \"{\\\"Version\\\":\\\"2019-10-30\\\"");   /* a JSON string, as AWS sends it */
  HAS(out, "Customer Queue");   /* the CLI paginated to the last flow */
  free(out);
  ck_assert_int_eq(tu_spawn(sts, senv, tu_path("aws.out"), tu_path("aws.err")), 0);
  setenv("AWS_ACCESS_KEY_ID", S_AKID, 1);
  setenv("AWS_SECRET_ACCESS_KEY", S_SECRET, 1);
  setenv("AWS_SESSION_TOKEN", S_TOKEN, 1);
  tu_out o = collect("acme-prod");
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  static const char *const ops[] = {"ListInstanceStorageConfigs", "SearchSecurityProfiles", "SearchContactFlows",
                                    "GetCallerIdentity", NULL};
  for (int i = 0; ops[i]; i++) {
    cJSON *theirs = fa_request(ops[i], 0), *ours = fa_request(ops[i], -1);
    ck_assert_ptr_nonnull(theirs);
    ck_assert_ptr_nonnull(ours);
    char *a = cJSON_PrintUnformatted(cJSON_GetObjectItem(theirs, "signed_headers"));
    char *b = cJSON_PrintUnformatted(cJSON_GetObjectItem(ours, "signed_headers"));
    ck_assert_msg(!strcmp(a, b), "%s signed headers: aws %s, ours %s", ops[i], a, b);
    ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(theirs, "path")), cJSON_GetStringValue(cJSON_GetObjectItem(ours, "path")));
    ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(theirs, "method")), cJSON_GetStringValue(cJSON_GetObjectItem(ours, "method")));
    free(a), free(b);
    cJSON_Delete(theirs), cJSON_Delete(ours);
  }
  unsetenv("AWS_ACCESS_KEY_ID");
  unsetenv("AWS_SECRET_ACCESS_KEY");
  unsetenv("AWS_SESSION_TOKEN");
  const char *bad[] = {"AWS_ACCESS_KEY_ID=" FA_AKID, "AWS_SECRET_ACCESS_KEY=wrong", "AWS_DEFAULT_REGION=us-east-1", NULL};
  const char *li[] = {"/usr/bin/env", "aws", "--endpoint-url", fa_endpoint, "connect", "list-instances", NULL};
  ck_assert_int_ne(tu_spawn(li, bad, tu_path("aws.out"), tu_path("aws.err")), 0);
  char *err = tu_read(tu_path("aws.err"), NULL);
  HAS(err, "InvalidSignatureException");
  free(err);
}
END_TEST

/* ---- contact flows, flow modules, users, queues ---- */

#define FLOW_ARN(n) PROD_ARN "/contact-flow/0a1b2c3d-0000-4000-8000-00000000f00" #n
#define QUEUE_ARN(n) PROD_ARN "/queue/e1d2c3b4-0000-4000-8000-00000000000" #n
#define USER_ARN(n) PROD_ARN "/agent/c7e5d3b1-0000-4000-8000-00000000000" #n

static int type_count(const cJSON *snap, const char *type) {
  return cJSON_GetArraySize(fa_type(snap, type));
}

/* What both paths (Search, List + Describe) must give for the stock world. */
static void check_objects(const cJSON *s) {
  ck_assert_int_eq(type_count(s, "connect_contact_flow"), 4);
  ck_assert_int_eq(type_count(s, "connect_contact_flow_module"), 3);
  ck_assert_int_eq(type_count(s, "connect_user"), 5);
  ck_assert_int_eq(type_count(s, "connect_queue"), 3);
  /* Content arrives as a JSON string and is kept parsed */
  const cJSON *cf = cJSON_GetObjectItem(fa_data(s, "connect_contact_flow", FLOW_ARN(1)), "ContactFlow");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cf, "Name")), "Main Inbound");
  const cJSON *content = cJSON_GetObjectItem(cf, "Content");
  ck_assert(cJSON_IsObject(content));
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(content, "StartAction")), "log-on");
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(content, "Actions")), 12);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(fa_res(s, "connect_contact_flow", FLOW_ARN(1)), "name")), "Main Inbound");
  const cJSON *m = cJSON_GetObjectItem(fa_data(s, "connect_contact_flow_module",
                                                 PROD_ARN "/flow-module/0a1b2c3d-0000-4000-8000-00000000d002"), "ContactFlowModule");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(m, "Name")), "Authenticate");
  ck_assert(cJSON_IsArray(cJSON_GetObjectItem(cJSON_GetObjectItem(m, "Content"), "Actions")));
  const cJSON *u = cJSON_GetObjectItem(fa_data(s, "connect_user", USER_ARN(1)), "User");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(u, "Username")), "maria.garcia");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetArrayItem(cJSON_GetObjectItem(u, "SecurityProfileIds"), 0)),
                   "4f1c2a7e-0000-4000-8000-00000000a001");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(fa_res(s, "connect_user", USER_ARN(1)), "name")), "maria.garcia");
  const cJSON *q = cJSON_GetObjectItem(fa_data(s, "connect_queue", QUEUE_ARN(1)), "Queue");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(q, "OutboundCallerConfig"), "OutboundCallerIdName")),
                   "Acme Support");
  ck_assert(cJSON_IsObject(cJSON_GetObjectItem(cJSON_GetObjectItem(fa_data(s, "connect_queue", QUEUE_ARN(3)), "Queue"),
                                               "OutboundCallerConfig")));
}

START_TEST(flows_users_queues_by_search_to_the_last_page) {
  start_fake(NULL);
  fa_keys();
  tu_out o = collect("acme-prod");
  ck_assert_msg(o.code == 0, "exit %d: %s", o.code, o.err);
  tu_done(&o);
  cJSON *s = tu_load(tu_path("snap.json"));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "errors")), 0);
  check_objects(s);
  /* SearchUsers items have no LastModifiedTime (UserSearchSummary) */
  ck_assert_ptr_null(cJSON_GetObjectItem(cJSON_GetObjectItem(fa_data(s, "connect_user", USER_ARN(1)), "User"), "LastModifiedTime"));
  /* page_size 2: every Search paginated to its end, no Describe at all */
  ck_assert_int_eq(fa_count("SearchContactFlows", NULL), 2);
  ck_assert_int_eq(fa_count("SearchContactFlowModules", NULL), 2);
  ck_assert_int_eq(fa_count("SearchUsers", NULL), 3);
  ck_assert_int_eq(fa_count("SearchQueues", NULL), 2);
  static const char *const none[] = {"ListContactFlows", "DescribeContactFlow", "ListContactFlowModules",
                                     "DescribeContactFlowModule", "ListUsers", "DescribeUser", "ListQueues",
                                     "DescribeQueue", NULL};
  for (int i = 0; none[i]; i++) ck_assert_msg(fa_count(none[i], NULL) == 0, "%s called", none[i]);
  cJSON_Delete(s);

  /* The demo's flow rules run on the collected flows: findings (pass, fail,
   * skipped, manual), never `error` for a well-formed flow. */
  cJSON *r = fa_audit(tu_path("snap.json"), FA_QUIET);
  int flow_findings = 0;
  const cJSON *f;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r, "findings")) {
    const cJSON *res = cJSON_GetObjectItem(f, "resource");
    if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(res, "type")), "connect_contact_flow")) continue;
    flow_findings++;
    ck_assert_msg(strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(f, "status")), "error"), "%s on %s: error: %s",
                  cJSON_GetStringValue(cJSON_GetObjectItem(f, "rule_id")), cJSON_GetStringValue(cJSON_GetObjectItem(res, "name")),
                  cJSON_GetStringValue(cJSON_GetObjectItem(f, "message")));
  }
  ck_assert_int_gt(flow_findings, 40);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(fa_finding(r, "BASE-FLOW-001", FLOW_ARN(1)), "status")), "pass");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(fa_finding(r, "BASE-FLOW-021", FLOW_ARN(1)), "status")), "fail");
  cJSON_Delete(r);
}
END_TEST

START_TEST(search_unknown_falls_back_for_flows_users_queues) {
  /* The reference run (Search), to compare the fallback's objects with. */
  start_fake(NULL);
  fa_keys();
  tu_out o = collect("acme-prod");
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  cJSON *ref = tu_load(tu_path("snap.json"));

  /* An endpoint without the Search operations: 400 or 404, as AWS answers. */
  fa_restart(world("{\"SearchContactFlows\": [{\"status\": 400, \"code\": \"UnknownOperationException\"}],"
                   " \"SearchContactFlowModules\": [{\"status\": 404, \"code\": \"UnknownOperationException\"}],"
                   " \"SearchUsers\": [{\"status\": 400, \"code\": \"UnknownOperationException\"}],"
                   " \"SearchQueues\": [{\"status\": 404, \"code\": \"UnknownOperationException\"}]}"));
  o = collect("acme-prod");
  ck_assert_msg(o.code == 0, "%s", o.err);
  HAS(o.err, "SearchContactFlows unknown to this endpoint: ListContactFlows + DescribeContactFlow instead");
  tu_done(&o);
  cJSON *s = tu_load(tu_path("snap.json"));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "errors")), 0);   /* a fallback, not a failure */
  check_objects(s);
  /* each Search tried once for the instance, then List (all pages) + Describe each */
  static const struct { const char *op; int n; } calls[] = {
      {"SearchContactFlows", 1}, {"ListContactFlows", 2}, {"DescribeContactFlow", 4},
      {"SearchContactFlowModules", 1}, {"ListContactFlowModules", 2}, {"DescribeContactFlowModule", 3},
      {"SearchUsers", 1}, {"ListUsers", 3}, {"DescribeUser", 5},
      {"SearchQueues", 1}, {"ListQueues", 2}, {"DescribeQueue", 3}};
  for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++)
    ck_assert_msg(fa_count(calls[i].op, NULL) == calls[i].n, "%s: %d calls, want %d", calls[i].op,
                  fa_count(calls[i].op, NULL), calls[i].n);
  ck_assert_int_eq(fa_count("ListQueues", "\"queueTypes\": \"STANDARD\""), 2);   /* what SearchQueues answers */
  /* DescribeUser's User has the fields SearchUsers lacks */
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(fa_data(s, "connect_user", USER_ARN(1)), "User"),
                                                            "LastModifiedTime")), "2026-10-01T08:00:00Z");
  /* flows, modules and queues: the same resources by either path */
  static const char *const same[] = {"connect_contact_flow", "connect_contact_flow_module", "connect_queue", NULL};
  for (int i = 0; same[i]; i++)
    ck_assert_msg(cJSON_Compare(cJSON_GetObjectItem(cJSON_GetObjectItem(ref, "resources"), same[i]),
                                cJSON_GetObjectItem(cJSON_GetObjectItem(s, "resources"), same[i]), 1),
                  "%s differs between Search and List + Describe", same[i]);
  cJSON_Delete(ref);
  cJSON_Delete(s);
}
END_TEST

/* An older API generation whose SearchUsers and SearchQueues allow at most
 * 100 a page (the model's bound is 500): the ValidationException about the
 * page size is answered by asking that page again with 100, remembered for
 * the operation in the region; every user and queue is collected, nothing
 * in errors[].  A page that fails otherwise midway leaves the list out and
 * says so in errors[]. */
START_TEST(page_size_refused_retried_smaller) {
  cJSON *w = fa_world(NULL);
  cJSON_AddItemToObject(w, "max_results", cJSON_Parse("{\"SearchUsers\": 100, \"SearchQueues\": 100}"));
  fa_start(cJSON_Duplicate(w, 1));
  fa_keys();
  tu_out o = collect("acme-prod");
  ck_assert_msg(o.code == 0, "%s", o.err);
  HAS(o.err, "connect:SearchUsers: the endpoint allows 100 a page, not 500: 100 from now on");
  tu_done(&o);
  cJSON *s = tu_load(tu_path("snap.json"));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "errors")), 0);
  ck_assert_int_eq(cJSON_GetArraySize((cJSON *)fa_type(s, "connect_user")), 5);
  check_objects(s);
  /* one refused call, then the 3 pages of 2 users (page_size 2) */
  ck_assert_int_eq(fa_count("SearchUsers", "ValidationException"), 1);
  ck_assert_int_eq(fa_count("SearchUsers", NULL), 4);
  ck_assert_int_eq(fa_count("SearchQueues", "ValidationException"), 1);
  cJSON_Delete(s);

  /* Two instances queued together: each may be refused once (their first
   * pages leave before the first answer), the bound is learnt once. */
  fa_restart(fa_faults(cJSON_Duplicate(w, 1), NULL));
  o = collect("--all-instances");
  ck_assert_msg(o.code == 0, "%s", o.err);
  const char *learnt = strstr(o.err, "connect:SearchUsers: the endpoint allows 100");
  ck_assert_ptr_nonnull(learnt);
  ck_assert_ptr_null(strstr(learnt + 1, "connect:SearchUsers: the endpoint allows 100"));
  tu_done(&o);
  ck_assert_int_le(fa_count("SearchUsers", "ValidationException"), 2);
  s = tu_load(tu_path("snap.json"));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "errors")), 0);
  ck_assert_int_eq(cJSON_GetArraySize((cJSON *)fa_type(s, "connect_user")), 5);
  cJSON_Delete(s);

  /* The second page refused for another reason: no users (half a list would
   * read as the whole), the failure in errors[] with AWS's message. */
  fa_restart(fa_faults(w, "{\"SearchUsers\": [{\"status\": 400, \"code\": \"ValidationException\", \"match\": \"tok-2\","
                          " \"message\": \"1 validation error detected: Value at 'nextToken' failed to satisfy constraint\"}]}"));
  o = collect("acme-prod");
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  s = tu_load(tu_path("snap.json"));
  ck_assert_int_eq(fa_errors(s, "connect:SearchUsers", PROD_ARN, "ValidationException"), 1);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "errors")), 1);
  ck_assert_int_eq(cJSON_GetArraySize((cJSON *)fa_type(s, "connect_user")), 0);
  char *errs = cJSON_PrintUnformatted(cJSON_GetObjectItem(s, "errors"));
  HAS(errs, "at 'nextToken'");
  cJSON_free(errs);
  cJSON_Delete(s);
}
END_TEST

/* Two instances on an older API generation: 7 of the 13 storage types known
 * (the others ValidationException naming resourceType), SearchUsers and
 * SearchQueues at most 100 a page.  Each storage type is asked of the first
 * instance only until the endpoint has answered it; a type it does not know
 * is one short errors[] entry for the region, not asked of the second
 * instance, and the storage rules judge the types that exist. */
START_TEST(older_api_calls_counted_per_operation) {
  cJSON *w = fa_world(NULL);
  cJSON_AddItemToObject(w, "max_results", cJSON_Parse("{\"SearchUsers\": 100, \"SearchQueues\": 100}"));
  cJSON_AddItemToObject(w, "storage_types", cJSON_Parse("[\"CHAT_TRANSCRIPTS\", \"CALL_RECORDINGS\", \"MEDIA_STREAMS\","
                                                        " \"CONTACT_TRACE_RECORDS\", \"AGENT_EVENTS\","
                                                        " \"REAL_TIME_CONTACT_ANALYSIS_SEGMENTS\", \"ATTACHMENTS\"]"));
  fa_start(fa_faults(w, "{\"SearchContactFlows\": [{\"status\": 400, \"code\": \"UnknownOperationException\"}],"
                        " \"SearchContactFlowModules\": [{\"status\": 404, \"code\": \"UnknownOperationException\"}],"
                        " \"SearchSecurityProfiles\": [{\"status\": 400, \"code\": \"UnknownOperationException\"}]}"));
  fa_keys();
  tu_out o = collect("--all-instances");
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  cJSON *s = tu_load(tu_path("snap.json"));
  /* the minimum: 13 types of the first instance, the 7 known of the second,
   * each with one config (one page); before, 13 of each (6 refused twice) */
  int storage = fa_count("ListInstanceStorageConfigs", NULL), refused = fa_count("ListInstanceStorageConfigs", "ValidationException");
  ck_assert_msg(storage == 13 + 7 && refused == 6, "ListInstanceStorageConfigs: %d calls, %d refused (want 20, 6)", storage, refused);
  /* users: 5 in the first instance (3 pages of 2), none in the second; each
   * instance's first page may be refused once */
  int users = fa_count("SearchUsers", NULL), urefused = fa_count("SearchUsers", "ValidationException");
  ck_assert_msg(urefused >= 1 && urefused <= 2 && users == 3 + 1 + urefused, "SearchUsers: %d calls, %d refused", users, urefused);
  ck_assert_int_eq(cJSON_GetArraySize((cJSON *)fa_type(s, "connect_user")), 5);
  /* a Search the endpoint does not know: asked once for the region (before:
   * once per instance), then List + Describe for both instances */
  ck_assert_int_eq(fa_count("SearchContactFlows", NULL), 1);
  ck_assert_int_eq(fa_count("SearchContactFlowModules", NULL), 1);
  ck_assert_int_eq(fa_count("SearchSecurityProfiles", NULL), 1);
  ck_assert_int_ge(fa_count("ListSecurityProfiles", PROD_ID), 1);
  ck_assert_int_gt(cJSON_GetArraySize((cJSON *)fa_type(s, "connect_security_profile")), 0);
  ck_assert_int_eq(fa_count("ListContactFlows", PROD_ID), 2);
  ck_assert_int_gt(fa_count("ListContactFlows", NULL), 2);
  check_objects(s);
  /* one entry per unknown type, for the region, short */
  const cJSON *errs = cJSON_GetObjectItem(s, "errors"), *e;
  ck_assert_int_eq(cJSON_GetArraySize(errs), 6);
  cJSON_ArrayForEach(e, errs) {
    const char *m = cJSON_GetStringValue(cJSON_GetObjectItem(e, "message"));
    ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "arn")), "arn:aws:connect:us-east-1:111122223333:instance/*");
    ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "code")), "ValidationException");
    ck_assert_msg(m && !strncmp(m, "the endpoint does not know storage type ", 40) && strlen(m) < 512, "%s", m);
  }
  ck_assert_int_eq(fa_errors(s, "connect:ListInstanceStorageConfigs", NULL, "ValidationException"), 6);
  const cJSON *sc = cJSON_GetObjectItem(fa_data(s, "connect_instance", PROD_ARN), "StorageConfigs");
  ck_assert_int_eq(cJSON_GetArraySize((cJSON *)sc), 7);
  ck_assert_ptr_null(cJSON_GetObjectItem(sc, "EMAIL_MESSAGES"));
  cJSON_Delete(s);
  /* the storage rules judge the 7 types; none says a type was not collected */
  cJSON *r = fa_audit(tu_path("snap.json"), FA_QUIET);
  const cJSON *f;
  int judged = 0;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r, "findings")) {
    const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(f, "rule_id"));
    const char *m = cJSON_GetStringValue(cJSON_GetObjectItem(f, "message"));
    if (!id || (strcmp(id, "HIPAA-STO-001") && strcmp(id, "PII-STO-001"))) continue;
    judged++;
    ck_assert_msg(!m || !strstr(m, "were not collected"), "%s: %s", id, m);
  }
  ck_assert_int_gt(judged, 0);
  cJSON_Delete(r);
}
END_TEST

/* A Content that does not parse: the flow is kept (without Content), the
 * failure is in errors[] naming it, and the flow rules say `error` for it. */
START_TEST(malformed_content_kept_and_recorded) {
  cJSON *w = fa_world(NULL);
  cJSON *flows = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(w, "instances"), 0), "ContactFlows");
  cJSON *payment = cJSON_GetArrayItem(flows, 1);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(payment, "Name")), "Payment IVR");
  cJSON_ReplaceItemInObject(payment, "Content", cJSON_CreateString("{\"Version\": \"2019-10-30\", \"Actions\": [{\"Ident"));
  fa_start(w);
  fa_keys();
  tu_out o = collect("acme-prod");
  ck_assert_msg(o.code == 0, "%s", o.err);
  HAS(o.err, "MalformedContent");
  tu_done(&o);
  cJSON *s = tu_load(tu_path("snap.json"));
  const cJSON *errs = cJSON_GetObjectItem(s, "errors");
  ck_assert_int_eq(cJSON_GetArraySize(errs), 1);
  const cJSON *e = cJSON_GetArrayItem(errs, 0);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "arn")), FLOW_ARN(2));
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "operation")), "connect:SearchContactFlows");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "code")), "MalformedContent");
  HAS(cJSON_GetStringValue(cJSON_GetObjectItem(e, "message")), "Payment IVR");
  ck_assert_int_eq(type_count(s, "connect_contact_flow"), 4);   /* kept, not dropped */
  const cJSON *cf = cJSON_GetObjectItem(fa_data(s, "connect_contact_flow", FLOW_ARN(2)), "ContactFlow");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cf, "Name")), "Payment IVR");
  ck_assert_ptr_null(cJSON_GetObjectItem(cf, "Content"));
  ck_assert(cJSON_IsObject(cJSON_GetObjectItem(cJSON_GetObjectItem(fa_data(s, "connect_contact_flow", FLOW_ARN(1)), "ContactFlow"), "Content")));
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_QUIET);
  const cJSON *f = fa_finding(r, "BASE-FLOW-001", FLOW_ARN(2));
  ck_assert_ptr_nonnull(f);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(f, "status")), "error");
  HAS(cJSON_GetStringValue(cJSON_GetObjectItem(f, "message")), "MalformedContent");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(fa_finding(r, "BASE-FLOW-001", FLOW_ARN(1)), "status")), "pass");
  cJSON_Delete(r);
}
END_TEST

/* The instance's security keys (ListSecurityKeys, two a page) are collected to
 * the last page, and PCI-FLOW-001 holds the Secure Payment flow's key ID and
 * certificate against them: a real key and a certificate it signed pass; the
 * keys denied is an error, never a pass. */
static cJSON *key(const char *id, const char *pem) {
  cJSON *k = cJSON_CreateObject();
  cJSON_AddStringToObject(k, "AssociationId", id);
  cJSON_AddStringToObject(k, "Key", pem);
  cJSON_AddNumberToObject(k, "CreationTime", 1735689600);
  return k;
}

static cJSON *keyed_world(void) {
  char *a_pub = tu_read(CA_TEST_SRC "/tests/data/x509/a_pub.pem", NULL);
  char *a_cert = tu_read(CA_TEST_SRC "/tests/data/x509/a_cert.pem", NULL);
  cJSON *w = fa_world(NULL);
  cJSON *inst = cJSON_GetArrayItem(cJSON_GetObjectItem(w, "instances"), 0);
  cJSON *keys = cJSON_CreateArray();
  cJSON_AddItemToArray(keys, key("11111111-1111-4111-8111-111111111111", a_pub));
  cJSON_AddItemToArray(keys, key("22222222-2222-4222-8222-222222222222", a_pub));
  cJSON_AddItemToArray(keys, key("9a8b7c6d-1234-4e5f-8a9b-0c1d2e3f4a5b", a_pub));
  cJSON_ReplaceItemInObject(inst, "SecurityKeys", keys);
  cJSON *secure = cJSON_GetArrayItem(cJSON_GetObjectItem(inst, "ContactFlows"), 2);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(secure, "Name")), "Secure Payment");
  cJSON *content = cJSON_Parse(cJSON_GetStringValue(cJSON_GetObjectItem(secure, "Content")));
  const cJSON *a;
  int n = 0;
  cJSON_ArrayForEach(a, cJSON_GetObjectItem(content, "Actions")) {
    cJSON *ie = cJSON_GetObjectItem(cJSON_GetObjectItem(a, "Parameters"), "InputEncryption");
    if (!ie) continue;
    cJSON_ReplaceItemInObject(ie, "EncryptionKeyId", cJSON_CreateString("9a8b7c6d-1234-4e5f-8a9b-0c1d2e3f4a5b"));
    cJSON_ReplaceItemInObject(ie, "Key", cJSON_CreateString(a_cert));
    n++;
  }
  ck_assert_int_eq(n, 1);
  char *text = cJSON_PrintUnformatted(content);
  cJSON_ReplaceItemInObject(secure, "Content", cJSON_CreateString(text));
  free(text);
  cJSON_Delete(content);
  free(a_pub);
  free(a_cert);
  return w;
}

START_TEST(security_keys_paged_and_judged) {
  fa_start(keyed_world());
  fa_keys();
  tu_out o = collect("acme-prod");
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  ck_assert_int_eq(fa_count("ListSecurityKeys", NULL), 2);
  cJSON *s = tu_load(tu_path("snap.json"));
  const cJSON *keys = cJSON_GetObjectItem(fa_data(s, "connect_instance", PROD_ARN), "SecurityKeys");
  ck_assert_int_eq(cJSON_GetArraySize(keys), 3);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(keys, 2), "AssociationId")),
                   "9a8b7c6d-1234-4e5f-8a9b-0c1d2e3f4a5b");
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_QUIET);
  const cJSON *f = fa_finding(r, "PCI-FLOW-001", FLOW_ARN(3));
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(f, "status")), "pass");
  HAS(cJSON_GetStringValue(cJSON_GetObjectItem(f, "message")), "security key 9a8b7c6d-1234-4e5f-8a9b-0c1d2e3f4a5b");
  cJSON_Delete(r);

  fa_restart(fa_faults(keyed_world(), "{\"ListSecurityKeys\": [{\"status\": 403, \"code\": \"AccessDeniedException\", "
                                      "\"message\": \"not authorized\"}]}"));
  o = collect("acme-prod");
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  r = fa_audit(tu_path("snap.json"), FA_QUIET);
  f = fa_finding(r, "PCI-FLOW-001", FLOW_ARN(3));
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(f, "status")), "error");
  HAS(cJSON_GetStringValue(cJSON_GetObjectItem(f, "message")), "connect:ListSecurityKeys failed: AccessDeniedException");
  cJSON_Delete(r);
}
END_TEST

/* The same on the fallback path: the Describe answer's Content. */
START_TEST(malformed_content_on_the_fallback_path) {
  cJSON *w = fa_world(NULL);
  cJSON *mods = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(w, "instances"), 0), "ContactFlowModules");
  cJSON_ReplaceItemInObject(cJSON_GetArrayItem(mods, 0), "Content", cJSON_CreateString("not json"));
  fa_faults(w, "{\"SearchContactFlowModules\": [{\"status\": 400, \"code\": \"UnknownOperationException\"}]}");
  fa_start(w);
  fa_keys();
  tu_out o = collect("acme-prod");
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  cJSON *s = tu_load(tu_path("snap.json"));
  const cJSON *e = cJSON_GetArrayItem(cJSON_GetObjectItem(s, "errors"), 0);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "errors")), 1);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "arn")), PROD_ARN "/flow-module/0a1b2c3d-0000-4000-8000-00000000d001");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "operation")), "connect:DescribeContactFlowModule");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "code")), "MalformedContent");
  HAS(cJSON_GetStringValue(cJSON_GetObjectItem(e, "message")), "Greeting");
  ck_assert_int_eq(type_count(s, "connect_contact_flow_module"), 3);
  cJSON_Delete(s);
}
END_TEST

/* AccessDenied on one operation: recorded, nothing of that kind invented,
 * every other kind collected; a Describe denied for one object keeps the
 * object (name only), so the rules report `error` for it. */
START_TEST(access_denied_on_users_and_one_queue) {
  start_fake("{\"SearchUsers\": [{\"status\": 403, \"code\": \"AccessDeniedException\","
             " \"message\": \"User is not authorized to perform connect:SearchUsers\"}],"
             " \"SearchQueues\": [{\"status\": 404, \"code\": \"UnknownOperationException\"}],"
             " \"DescribeQueue\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"denied\","
             " \"match\": \"/queues/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33/e1d2c3b4-0000-4000-8000-000000000001\"}]}");
  fa_keys();
  tu_out o = collect("acme-prod");
  ck_assert_msg(o.code == 0, "%s", o.err);
  HAS(o.err, "2 failed calls");
  tu_done(&o);
  cJSON *s = tu_load(tu_path("snap.json"));
  const cJSON *errs = cJSON_GetObjectItem(s, "errors");
  ck_assert_int_eq(cJSON_GetArraySize(errs), 2);
  const cJSON *e = cJSON_GetArrayItem(errs, 0);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "arn")), PROD_ARN);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "operation")), "connect:SearchUsers");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "code")), "AccessDeniedException");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "message")), "User is not authorized to perform connect:SearchUsers");
  ck_assert_int_eq(type_count(s, "connect_user"), 0);
  ck_assert_int_eq(fa_count("SearchUsers", NULL), 1);   /* denied is not unknown: no fallback */
  ck_assert_int_eq(fa_count("ListUsers", NULL), 0);
  e = cJSON_GetArrayItem(errs, 1);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "arn")), QUEUE_ARN(1));
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(e, "operation")), "connect:DescribeQueue");
  ck_assert_int_eq(type_count(s, "connect_queue"), 3);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(fa_res(s, "connect_queue", QUEUE_ARN(1)), "name")), "Customer Service");
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "connect_queue", QUEUE_ARN(1)), "Queue"));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(fa_data(s, "connect_queue", QUEUE_ARN(2)), "Queue"));
  ck_assert_int_eq(type_count(s, "connect_contact_flow"), 4);
  ck_assert_int_eq(type_count(s, "connect_contact_flow_module"), 3);
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_QUIET);
  const cJSON *f = fa_finding(r, "BASE-TEL-001", QUEUE_ARN(1));
  ck_assert_ptr_nonnull(f);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(f, "status")), "error");
  cJSON_Delete(r);
}
END_TEST

/* AWS's pagination tokens are opaque and of any length: one of 6,000 bytes
 * is followed like any other (nothing cut, nothing silently dropped). */
START_TEST(long_tokens_followed_to_the_last_page) {
  cJSON *w = fa_world(NULL);
  cJSON_AddNumberToObject(w, "token_pad", 6000);
  fa_start(w);
  fa_keys();
  tu_out o = collect("acme-prod");
  ck_assert_msg(o.code == 0, "exit %d: %s", o.code, o.err);
  tu_done(&o);
  cJSON *s = tu_load(tu_path("snap.json"));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "errors")), 0);
  const cJSON *d = fa_data(s, "connect_instance", PROD_ARN);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(d, "Attributes")), 7);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(d, "LambdaFunctions")), 3);
  ck_assert_int_eq(fa_count("ListInstanceAttributes", NULL), 4);
  cJSON_Delete(s);
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("collect");
  TCase *u = tcase_create("units");
  tcase_set_timeout(u, 120);   /* not Check's 4 s default: CI runs these under the sanitizers on loaded machines */
  tcase_add_checked_fixture(u, setup, fa_teardown);
  tcase_add_test(u, canonical_query_is_sorted_and_encoded);
  tcase_add_test(u, aws_errors_are_parsed);
  tcase_add_test(u, endpoints_service_variable_first);
  tcase_add_test(u, credentials_precedence);
  suite_add_tcase(s, u);
  TCase *e = tcase_create("fake_aws");
  tcase_add_checked_fixture(e, setup, fa_teardown);
  tcase_set_timeout(e, 300);   /* per test: one drives the Python aws CLI six times, ~20 s each on two cores at load 35 */
  tcase_add_test(e, no_credentials_says_where_it_looked);
  tcase_add_test(e, collects_instance_and_profiles_to_the_last_page);
  tcase_add_test(e, long_tokens_followed_to_the_last_page);
  tcase_add_test(e, instance_by_id_arn_and_all_instances);
  tcase_add_test(e, unknown_instance_is_a_clear_error);
  tcase_add_test(e, wrong_signature_refused_and_secret_kept_out);
  tcase_add_test(e, profile_from_files_with_session_token);
  tcase_add_test(e, throttling_and_5xx_retried);
  tcase_add_test(e, calls_in_flight_together_up_to_the_limit);
  tcase_add_test(e, dropped_slow_and_malformed_answers);
  tcase_add_test(e, retries_end_and_are_recorded);
  tcase_add_test(e, access_denied_recorded_and_the_rest_collected);
  tcase_add_test(e, secrets_echoed_by_an_answer_are_masked);
  tcase_add_test(e, search_unknown_falls_back_to_list_and_describe);
  tcase_add_test(e, sts_denied_account_from_the_instance);
  tcase_add_test(e, interrupted_run_leaves_the_old_snapshot);
  tcase_add_test(e, pacing_holds_the_rate);
  tcase_add_test(e, assume_role_from_profile_and_option);
  tcase_add_test(e, aws_cli_accepted_by_the_fake);
  tcase_add_test(e, flows_users_queues_by_search_to_the_last_page);
  tcase_add_test(e, search_unknown_falls_back_for_flows_users_queues);
  tcase_add_test(e, malformed_content_kept_and_recorded);
  tcase_add_test(e, malformed_content_on_the_fallback_path);
  tcase_add_test(e, security_keys_paged_and_judged);
  tcase_add_test(e, access_denied_on_users_and_one_queue);
  tcase_add_test(e, page_size_refused_retried_smaller);
  tcase_add_test(e, older_api_calls_counted_per_operation);
  suite_add_tcase(s, e);
  return s;
}

int main(void) {
  return tu_run_suite(suite());
}
