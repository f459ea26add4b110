/* Every credential source of the AWS CLI, in its order, each against a
 * local fake of its endpoint over real HTTP (tests/fake_aws/svc_creds.py:
 * STS AssumeRoleWithWebIdentity, the container endpoint, IMDSv2, the IAM
 * Identity Center portal; AssumeRole in fake_aws.py), a scan (collect, then
 * audit) with no static keys through each; the settings (CA bundle, retries,
 * STS, FIPS and dual-stack endpoints, proxies); temporary credentials
 * refreshed during a collection; and no secret in any output. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "aws/aws.h"
#include "fakeaws.h"
#include "testutil.h"

/* tests/fake_aws/world.json + world_creds.json */
#define S_AKID "ASIAFAKEEXAMPLE00002"
#define S_SECRET "fakeSessionSecret/EXAMPLE+0123456789abcd"
#define S_TOKEN "FwoGZXIvYXdzEFAKESESSIONTOKEN//////////ExampleTokenValue=="
#define R_AKID "ASIAFAKEEXAMPLE00003"
#define R_SECRET "fakeRefreshedSecret/EXAMPLE+9876543210zyxw"
#define R_TOKEN "FwoGZXIvYXdzEFAKEREFRESHED//////////SecondTokenValue=="
#define WEB_TOKEN "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6YXVkaXQ6YXVkaXRvciJ9.fakeOidcSignature0123"
#define POD_TOKEN "fakePodIdentityToken-0123456789abcdef"
#define SSO_TOKEN "fakeSsoAccessToken-aoa0123456789abcdefghij"
#define ACCT "111122223333"
#define ROLE(name) "arn:aws:iam::" ACCT ":role/" name
#define CONTAINER_PATH "/v2/credentials/3f6c1a2b-0000-4000-8000-00000000c0de"

static void setup(void) { fa_setup("creds", 0); }   /* no static keys anywhere */

static void start(void) { fa_start(fa_world("world_creds.json")); }

static void aws_dir(void) {
  char d[256];
  snprintf(d, sizeof d, "%s/.aws", tu_dir);
  mkdir(d, 0700);
  snprintf(d, sizeof d, "%s/.aws/sso", tu_dir);
  mkdir(d, 0700);
  snprintf(d, sizeof d, "%s/.aws/sso/cache", tu_dir);
  mkdir(d, 0700);
}

/* No secret of the world, nor a token, in text. */
static void no_secret_in(const char *what, const char *text) {
  static const char *const secrets[] = {FA_SECRET, S_SECRET, S_TOKEN, R_SECRET, R_TOKEN, WEB_TOKEN, POD_TOKEN, SSO_TOKEN,
                                        "fake-imds-session-", NULL};
  for (int i = 0; secrets[i]; i++)
    ck_assert_msg(!strstr(text, secrets[i]), "%s holds a secret (%.12s...)", what, secrets[i]);
}

/* Every file under dir (recursively), and the run's stdout and stderr. */
static void no_secret_anywhere(const tu_out *o, const char *dir) {
  no_secret_in("stdout", o->out);
  no_secret_in("stderr", o->err);
  DIR *d = opendir(dir);
  if (!d) return;
  for (struct dirent *e; (e = readdir(d));) {
    if (e->d_name[0] == '.') continue;
    char p[1024];
    snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
    struct stat st;
    if (stat(p, &st)) continue;
    if (S_ISDIR(st.st_mode)) {
      no_secret_anywhere(&(tu_out){0, "", ""}, p);
      continue;
    }
    char *t = tu_slurp(p, NULL);
    if (t) no_secret_in(p, t);
    free(t);
  }
  closedir(d);
}

/* scan (collect + audit) of acme-prod into tu_dir/out with extra args: exit 0 or 1. */
static tu_out scan(const char *const *extra) {
  const char *argv[32] = {"scan", "--region", "us-east-1", "--instance", "acme-prod", "-o", tu_path("out"),
                          "--rate", "200", "--format", "json", "--pack", "baseline"};
  int n = 13;
  for (int i = 0; extra && extra[i]; i++) argv[n++] = extra[i];
  argv[n] = NULL;
  tu_out o = tu_run(argv);
  return o;
}

/* A scan that succeeds, and says its credentials came from `from` (and
 * `also`, if not NULL); the Connect calls were signed by akid; no secret in
 * any output. */
static void scan_ok2(const char *const *extra, const char *from, const char *also, const char *akid) {
  tu_out o = scan(extra);
  ck_assert_msg(o.code == 0 || o.code == 1, "scan exit %d: %s", o.code, o.err);
  HAS(o.err, from);
  if (also) HAS(o.err, also);
  no_secret_anywhere(&o, tu_path("out"));
  tu_done(&o);
  char want[96];
  snprintf(want, sizeof want, "\"access_key\": \"%s\"", akid);
  ck_assert_int_gt(fa_count("ListInstances", want), 0);
  ck_assert_int_gt(fa_count("SearchSecurityProfiles", want), 0);
  cJSON *r = tu_load(tu_path("out/results.json"));
  ck_assert_int_gt(cJSON_GetArraySize(cJSON_GetObjectItem(r, "findings")), 0);
  cJSON_Delete(r);
}

static void scan_ok(const char *const *extra, const char *from, const char *akid) { scan_ok2(extra, from, NULL, akid); }

/* The logged request of op whose form's RoleArn is role (the log's lines are
 * written as answers go out, in no fixed order), or a test failure. */
static cJSON *request_for(const char *op, const char *role) {
  for (int i = 0; i < fa_count(op, NULL); i++) {
    cJSON *r = fa_request(op, i);
    const char *arn = cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "form"), "RoleArn"));
    if (arn && !strcmp(arn, role)) return r;
    cJSON_Delete(r);
  }
  ck_abort_msg("no %s of %s in the log", op, role);
  return NULL;
}

static const char *logged_form(cJSON *req, const char *key) {
  return cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(req, "form"), key));
}

/* ---- web identity ---- */

START_TEST(web_identity_from_the_environment) {
  start();
  setenv("AWS_WEB_IDENTITY_TOKEN_FILE", tu_put("token", WEB_TOKEN "\n"), 1);
  setenv("AWS_ROLE_ARN", ROLE("ConnectAuditorWeb"), 1);
  setenv("AWS_ROLE_SESSION_NAME", "cronjob-audit", 1);
  scan_ok(NULL, "web identity (role " ROLE("ConnectAuditorWeb"), S_AKID);
  ck_assert_int_eq(fa_count("AssumeRoleWithWebIdentity", NULL), 1);
  cJSON *req = fa_request("AssumeRoleWithWebIdentity", 0);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(req, "signed_headers")), 0);   /* unsigned, as botocore */
  ck_assert_str_eq(logged_form(req, "RoleSessionName"), "cronjob-audit");
  ck_assert_str_eq(logged_form(req, "RoleArn"), ROLE("ConnectAuditorWeb"));
  cJSON_Delete(req);
  /* a token the role does not trust: exit 3, the STS code named, the token not */
  tu_put("token", "eyJub3QiOiJ0cnVzdGVkIn0.bad.sig");
  tu_out o = scan(NULL);
  ck_assert_int_eq(o.code, 3);
  HAS(o.err, "sts:AssumeRoleWithWebIdentity: AccessDenied");
  no_secret_in("stderr", o.err);
  tu_done(&o);
  /* a token file but no role */
  unsetenv("AWS_ROLE_ARN");
  o = scan(NULL);
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "no role: set AWS_ROLE_ARN or the profile's role_arn");
  tu_done(&o);
}
END_TEST

START_TEST(web_identity_from_a_profile_and_not_the_environment_for_explicit_profiles) {
  start();
  aws_dir();
  tu_put("token", WEB_TOKEN);
  char cfg[1024];
  snprintf(cfg, sizeof cfg, "[profile oidc]\nweb_identity_token_file = %s\nrole_arn = %s\nregion = us-east-1\n",
           tu_path("token"), ROLE("ConnectAuditorWeb"));
  tu_put(".aws/config", cfg);
  scan_ok((const char *[]){"--profile", "oidc", NULL}, "web identity", S_AKID);
  cJSON *req = fa_request("AssumeRoleWithWebIdentity", 0);
  HAS(logged_form(req, "RoleSessionName"), "connect-auditor-");   /* a session name of our own */
  cJSON_Delete(req);
  /* an explicit --profile ignores the environment's web identity (botocore's disable_env_vars) */
  setenv("AWS_WEB_IDENTITY_TOKEN_FILE", tu_put("other", "eyJvdGhlciJ9.x.y"), 1);
  setenv("AWS_ROLE_ARN", ROLE("Nope"), 1);
  ca_aws_creds c;
  ca_err e = {0};
  ck_assert_msg(ca_aws_creds_find("oidc", NULL, &c, &e) == 0, "%s", e.msg);
  ck_assert_str_eq(c.access_key, S_AKID);
  ck_assert_int_gt(c.expiration, (long long)time(NULL) + 3000);   /* the fake's Expiration: an hour */
  ca_aws_creds_wipe(&c);
}
END_TEST

/* ---- container credentials ---- */

START_TEST(container_credentials_with_a_token_file) {
  start();
  char url[256];
  snprintf(url, sizeof url, "%s%s", fa_endpoint, CONTAINER_PATH);
  setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", url, 1);
  setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tu_put("pod-token", POD_TOKEN), 1);
  scan_ok(NULL, "container credentials (", S_AKID);
  ck_assert_int_eq(fa_count("credentials", "\"service\": \"container\""), 1);
  /* the token from AWS_CONTAINER_AUTHORIZATION_TOKEN (the file wins when both are set) */
  unsetenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
  setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", POD_TOKEN, 1);
  ca_aws_creds c;
  ca_err e = {0};
  ck_assert_msg(ca_aws_creds_find(NULL, "us-east-1", &c, &e) == 0, "%s", e.msg);
  ck_assert_str_eq(c.access_key, S_AKID);
  ck_assert_str_eq(c.session_token, S_TOKEN);
  ck_assert_int_gt(c.expiration, 0);
  ca_aws_creds_wipe(&c);
  /* a wrong token: the endpoint's 401, exit 3 */
  setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong-token", 1);
  tu_out o = scan(NULL);
  ck_assert_int_eq(o.code, 3);
  HAS(o.err, "HTTP status 401");
  tu_done(&o);
  /* a header that cannot be one */
  setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", "a\r\nX-Injected: 1", 1);
  ck_assert_int_eq(ca_aws_creds_find(NULL, "us-east-1", &c, &e), -1);
  HAS(e.msg, "not a legal header value");
}
END_TEST

START_TEST(container_full_uri_host_restrictions) {
  ca_aws_creds c;
  ca_err e = {0};
  /* http only to loopback or the agents' addresses: refused before any connection */
  static const char *const refused[] = {"http://10.0.0.7/creds", "http://169.254.169.254/latest", "http://example.com/c",
                                        "ftp://127.0.0.1/c", NULL};
  for (int i = 0; refused[i]; i++) {
    setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", refused[i], 1);
    ca_err_clear(&e);
    ck_assert_int_eq(ca_aws_creds_find(NULL, "us-east-1", &c, &e), -1);
    ck_assert_msg(strstr(e.msg, "may use http only to a loopback address") || strstr(e.msg, "not a URL"), "%s: %s",
                  refused[i], e.msg);
  }
  /* allowed: loopback (127.0.0.0/8, ::1, localhost) -- here a closed port, so a connection error, not a refusal */
  setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.2:1/creds", 1);
  ca_err_clear(&e);
  ck_assert_int_eq(ca_aws_creds_find(NULL, "us-east-1", &c, &e), -1);
  HAS(e.msg, "no answer");
  setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://[::1]:1/creds", 1);
  ca_err_clear(&e);
  ck_assert_int_eq(ca_aws_creds_find(NULL, "us-east-1", &c, &e), -1);
  HAS(e.msg, "no answer");
}
END_TEST

/* ---- EC2 instance metadata ---- */

START_TEST(instance_metadata_imdsv2) {
  start();
  unsetenv("AWS_EC2_METADATA_DISABLED");
  setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", fa_endpoint, 1);
  scan_ok(NULL, "EC2 instance metadata (" , S_AKID);
  ck_assert_int_eq(fa_count("token", "\"service\": \"imds\""), 1);   /* one session token, then the role and its keys */
  ck_assert_int_eq(fa_count("credentials", "\"service\": \"imds\""), 2);
  cJSON *tok = fa_request("token", 0);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(tok, "method")), "PUT");
  cJSON_Delete(tok);
  ck_assert_int_eq(fa_count("credentials", "\"path\": \"/latest/meta-data/iam/security-credentials/\""), 1);
  ck_assert_int_eq(fa_count("credentials", "security-credentials/ConnectAuditorInstanceRole\""), 1);
  /* AWS_EC2_METADATA_DISABLED: not asked, and the message says why */
  setenv("AWS_EC2_METADATA_DISABLED", "true", 1);
  tu_out o = scan(NULL);
  ck_assert_int_eq(o.code, 3);
  HAS(o.err, "no AWS credentials found");
  HAS(o.err, "EC2 instance metadata (AWS_EC2_METADATA_DISABLED)");
  tu_done(&o);
}
END_TEST

START_TEST(instance_metadata_that_does_not_answer_is_given_up_quickly) {
  cJSON *w = fa_world("world_creds.json");
  cJSON_AddNumberToObject(cJSON_GetObjectItem(w, "imds"), "delay", 8);
  fa_start(w);
  unsetenv("AWS_EC2_METADATA_DISABLED");
  setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", fa_endpoint, 1);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  ca_aws_creds c;
  ca_err e = {0};
  ck_assert_int_eq(ca_aws_creds_find(NULL, "us-east-1", &c, &e), -1);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  ck_assert_msg(s < 4.0, "waited %.1f s for instance metadata (botocore: 1 s)", s);
  HAS(e.msg, "no AWS credentials found");
  HAS(e.msg, "EC2 instance metadata (");
  /* IMDSv2 only: no token, no unauthenticated v1 request */
  ck_assert_int_eq(fa_count("credentials", "\"service\": \"imds\""), 0);
}
END_TEST

/* ---- credential_process ---- */

/* A helper printing keys: n-th call (counted in tu_dir/calls) alternates
 * between the two session keys; expires_in seconds; version. */
static void helper(int expires_in, int version, int status) {
  char sh[3000];
  snprintf(sh, sizeof sh,
           "#!/bin/sh\n"
           "n=$(cat %s/calls 2>/dev/null || echo 0); n=$((n+1)); echo $n > %s/calls\n"
           "echo \"credential helper: call $n\" >&2\n"
           "exp=$(date -u -d @$(( $(date +%%s) + (%d) )) +%%Y-%%m-%%dT%%H:%%M:%%SZ)\n"
           "if [ $((n %% 2)) = 1 ]; then k=%s; s='%s'; t='%s'; else k=%s; s='%s'; t='%s'; fi\n"
           "printf '{\"Version\": %d, \"AccessKeyId\": \"%%s\", \"SecretAccessKey\": \"%%s\", \"SessionToken\": \"%%s\", "
           "\"Expiration\": \"%%s\"}\\n' $k $s $t $exp\n"
           "exit %d\n",
           tu_dir, tu_dir, expires_in, S_AKID, S_SECRET, S_TOKEN, R_AKID, R_SECRET, R_TOKEN, version, status);
  tu_put("helper.sh", sh);
  aws_dir();
  char cfg[512];
  snprintf(cfg, sizeof cfg, "[default]\nregion = us-east-1\ncredential_process = /bin/sh \"%s\" --with 'an argument'\n",
           tu_path("helper.sh"));
  tu_put(".aws/config", cfg);
}

START_TEST(credential_process_version_1) {
  start();
  helper(3600, 1, 0);
  /* the helper's stderr is passed through */
  scan_ok2(NULL, "credential_process of profile 'default'", "credential helper: call 1", S_AKID);
  tu_out o;
  /* an Expiration already past: refused */
  helper(-60, 1, 0);
  o = scan(NULL);
  ck_assert_int_eq(o.code, 3);
  HAS(o.err, "credential_process of profile 'default': the credentials it gave expired at ");
  no_secret_in("stderr", o.err);
  tu_done(&o);
  /* another Version, or a failing helper */
  helper(3600, 2, 0);
  o = scan(NULL);
  ck_assert_int_eq(o.code, 3);
  HAS(o.err, "unsupported Version (want 1)");
  tu_done(&o);
  helper(3600, 1, 7);
  o = scan(NULL);
  ck_assert_int_eq(o.code, 3);
  HAS(o.err, "exited with status 7");
  no_secret_in("stderr", o.err);   /* what it printed on stdout is not repeated */
  tu_done(&o);
}
END_TEST

/* ---- temporary credentials refreshed during a long collection ---- */

START_TEST(temporary_credentials_refreshed_before_they_expire) {
  start();
  /* keys valid for 302 s: within CA_AWS_REFRESH_BEFORE_S (300) of expiring 2 s in, so
   * a collection at 2 requests per second per API refreshes them on the way */
  helper(CA_AWS_REFRESH_BEFORE_S + 2, 1, 0);
  tu_out o = tu_run((const char *[]){"collect", "--region", "us-east-1", "--instance", "acme-prod", "-o",
                                     tu_path("snap.json"), "--max-concurrency", "4", NULL});
  ck_assert_msg(o.code == 0, "collect exit %d: %s", o.code, o.err);
  HAS(o.err, "credentials refreshed ");
  no_secret_in("stderr", o.err);
  tu_done(&o);
  char *calls = tu_read(tu_path("calls"), NULL);
  ck_assert_int_ge(atoi(calls), 2);
  free(calls);
  /* both sessions signed calls, and the fake accepted every one (key, token and signature together) */
  ck_assert_int_gt(fa_count(NULL, "\"access_key\": \"" S_AKID "\""), 0);
  ck_assert_int_gt(fa_count(NULL, "\"access_key\": \"" R_AKID "\""), 0);
  ck_assert_int_eq(fa_count(NULL, "\"status\": 403"), 0);
  cJSON *snap = tu_load(tu_path("snap.json"));
  ck_assert_int_eq(fa_errors(snap, NULL, NULL, NULL), 0);
  char *text = cJSON_Print(snap);
  no_secret_in("snapshot", text);
  free(text);
  cJSON_Delete(snap);
}
END_TEST

/* A refresh that fails: the old keys are used while they last (the refresh
 * tried again 30 s later, not at every call), then every call fails as
 * ExpiredToken with the refresh's error in errors[] -- nothing is sent with
 * expired keys. */
START_TEST(a_failed_refresh_keeps_the_old_keys_until_they_expire) {
  start();
  helper(3, 1, 0);   /* keys for 3 s, and the helper fails from its second call on */
  char sh[4096];
  char *text = tu_read(tu_path("helper.sh"), NULL);
  snprintf(sh, sizeof sh, "%s", text);
  free(text);
  char *exit_line = strstr(sh, "printf");
  ck_assert_ptr_nonnull(exit_line);
  char fixed[4600];
  snprintf(fixed, sizeof fixed, "%.*sif [ $n -gt 1 ]; then echo 'credential helper: the vault is sealed' >&2; exit 9; fi\n%s",
           (int)(exit_line - sh), sh, exit_line);
  tu_put("helper.sh", fixed);
  tu_out o = tu_run((const char *[]){"collect", "--region", "us-east-1", "--instance", "acme-prod", "-o",
                                     tu_path("snap.json"), "--max-concurrency", "4", NULL});
  ck_assert_msg(o.code == 0, "collect exit %d: %s", o.code, o.err);
  HAS(o.err, "credential helper: the vault is sealed");
  no_secret_in("stderr", o.err);
  tu_done(&o);
  char *calls = tu_read(tu_path("calls"), NULL);
  ck_assert_int_eq(atoi(calls), 2);   /* found, one refresh that failed; the next try would be 30 s later */
  free(calls);
  ck_assert_int_gt(fa_count("ListInstances", "\"access_key\": \"" S_AKID "\""), 0);   /* used while valid */
  ck_assert_int_eq(fa_count(NULL, "\"status\": 403"), 0);
  cJSON *snap = tu_load(tu_path("snap.json"));
  ck_assert_int_gt(fa_errors(snap, NULL, NULL, "ExpiredToken"), 0);
  const cJSON *e;
  cJSON_ArrayForEach(e, cJSON_GetObjectItem(snap, "errors")) {
    const char *m = cJSON_GetStringValue(cJSON_GetObjectItem(e, "message"));
    if (strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(e, "code")), "ExpiredToken")) continue;
    HAS(m, "could not be refreshed");
    HAS(m, "exited with status 9");
  }
  cJSON_Delete(snap);
}
END_TEST

/* AWS answers ExpiredTokenException before the Expiration the keys came
 * with (a clock ahead of AWS's, a revoked session): found again at once and
 * the call tried again with the new keys. */
START_TEST(keys_aws_calls_expired_are_found_again) {
  cJSON *w = fa_world("world_creds.json");
  cJSON *expired = cJSON_AddArrayToObject(w, "expired_keys");
  cJSON_AddItemToArray(expired, cJSON_CreateString(S_AKID));   /* the helper's first keys */
  fa_start(w);
  helper(3600, 1, 0);
  tu_out o = tu_run((const char *[]){"collect", "--region", "us-east-1", "--instance", "acme-prod", "-o",
                                     tu_path("snap.json"), "--rate", "200", NULL});
  ck_assert_msg(o.code == 0, "collect exit %d: %s", o.code, o.err);
  HAS(o.err, "credentials refreshed 1 time");
  tu_done(&o);
  char *calls = tu_read(tu_path("calls"), NULL);
  ck_assert_int_eq(atoi(calls), 2);   /* once, however many calls were answered "expired" together */
  free(calls);
  ck_assert_int_gt(fa_count(NULL, "\"code\": \"ExpiredToken"), 0);
  ck_assert_int_gt(fa_count("ListInstances", "\"access_key\": \"" R_AKID "\""), 0);
  cJSON *snap = tu_load(tu_path("snap.json"));
  ck_assert_int_eq(fa_errors(snap, NULL, NULL, NULL), 0);
  cJSON_Delete(snap);
}
END_TEST

/* ---- IAM Identity Center ---- */

/* sha1 as botocore's SSOTokenLoader computes it (of the session name, or of
 * the start URL for a legacy profile), printed by
 * botocore.utils.SSOTokenLoader()._generate_cache_key. */
#define SSO_CACHE_CORP ".aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json"
#define SSO_CACHE_LEGACY ".aws/sso/cache/40169cea58ca6cbf23fb27b2542923fb5f524af0.json"

static void sso_token(const char *file, const char *token, long long expires_in) {
  char when[32], json[512];
  time_t t = time(NULL) + (time_t)expires_in;
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
  snprintf(json, sizeof json,
           "{\"startUrl\": \"https://acme.awsapps.com/start\", \"region\": \"us-east-1\", \"accessToken\": \"%s\", "
           "\"expiresAt\": \"%s\", \"clientId\": \"c\", \"clientSecret\": \"s\"}", token, when);
  tu_put(file, json);
}

START_TEST(sso_session_from_the_cli_cache) {
  start();
  aws_dir();
  setenv("AWS_ENDPOINT_URL_SSO", fa_endpoint, 1);
  tu_put(".aws/config", "[profile sso]\nsso_session = corp\nsso_account_id = " ACCT "\nsso_role_name = ConnectAuditorSSO\n"
                        "region = us-east-1\n\n[sso-session corp]\nsso_start_url = https://acme.awsapps.com/start\n"
                        "sso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n"
                        "[profile legacy]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = us-east-1\n"
                        "sso_account_id = " ACCT "\nsso_role_name = ConnectAuditorSSO\n");
  /* no cached token: say how to get one */
  tu_out o = scan((const char *[]){"--profile", "sso", NULL});
  ck_assert_int_eq(o.code, 3);
  HAS(o.err, "run aws sso login --sso-session corp");
  tu_done(&o);
  sso_token(SSO_CACHE_CORP, SSO_TOKEN, 3600);
  scan_ok((const char *[]){"--profile", "sso", NULL}, "IAM Identity Center (profile 'sso', account " ACCT, S_AKID);
  cJSON *req = fa_request("GetRoleCredentials", 0);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(req, "query"), "account_id")), ACCT);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(req, "query"), "role_name")),
                   "ConnectAuditorSSO");
  cJSON_Delete(req);
  /* an expired token, or one the portal refuses */
  sso_token(SSO_CACHE_CORP, SSO_TOKEN, -10);
  o = scan((const char *[]){"--profile", "sso", NULL});
  ck_assert_int_eq(o.code, 3);
  HAS(o.err, "the sign-in token expired at");
  HAS(o.err, "run aws sso login --sso-session corp");
  tu_done(&o);
  sso_token(SSO_CACHE_CORP, "revokedToken-0000", 3600);
  o = scan((const char *[]){"--profile", "sso", NULL});
  ck_assert_int_eq(o.code, 3);
  HAS(o.err, "UnauthorizedException: the sign-in token was refused: run aws sso login");
  tu_done(&o);
  /* a legacy profile (sso_start_url in the profile): the cache key is the start URL's sha1 */
  sso_token(SSO_CACHE_LEGACY, SSO_TOKEN, 3600);
  ca_aws_creds c;
  ca_err e = {0};
  ck_assert_msg(ca_aws_creds_find("legacy", "us-east-1", &c, &e) == 0, "%s", e.msg);
  ck_assert_str_eq(c.access_key, S_AKID);
  ck_assert_int_gt(c.expiration, (long long)time(NULL));
  ca_aws_creds_wipe(&c);
  /* missing settings are named, and a session that is not there */
  tu_put(".aws/config", "[profile half]\nsso_account_id = " ACCT "\n\n[profile nosession]\nsso_session = gone\n"
                        "sso_account_id = " ACCT "\nsso_role_name = R\n\n[profile badregion]\nsso_start_url = https://x\n"
                        "sso_region = evil.com/x\nsso_account_id = " ACCT "\nsso_role_name = R\n");
  ck_assert_int_eq(ca_aws_creds_find("badregion", "us-east-1", &c, &e), -1);
  HAS(e.msg, "sso_region 'evil.com/x' is not a region name");
  ca_err_clear(&e);
  ck_assert_int_eq(ca_aws_creds_find("half", "us-east-1", &c, &e), -1);
  HAS(e.msg, "lacks: sso_role_name sso_start_url sso_region");
  ca_err_clear(&e);
  ck_assert_int_eq(ca_aws_creds_find("nosession", "us-east-1", &c, &e), -1);
  HAS(e.msg, "sso_session 'gone' has no [sso-session gone] section");
}
END_TEST

/* ---- role_arn chains ---- */

START_TEST(role_chains_and_credential_sources) {
  start();
  aws_dir();
  tu_put(".aws/credentials", "[base]\naws_access_key_id = " FA_AKID "\naws_secret_access_key = " FA_SECRET "\n");
  tu_put(".aws/config",
         "[profile hop]\nrole_arn = " ROLE("ConnectAuditorHop") "\nsource_profile = first\nduration_seconds = 7200\n"
         "role_session_name = nightly\nregion = us-east-1\n\n"
         "[profile first]\nrole_arn = " ROLE("ConnectAuditorExt") "\nsource_profile = base\nexternal_id = acme-ext-42\n\n"
         "[profile fromcontainer]\nrole_arn = " ROLE("ConnectAuditorHop") "\ncredential_source = EcsContainer\n\n"
         "[profile fromimds]\nrole_arn = " ROLE("ConnectAuditorHop") "\ncredential_source = Ec2InstanceMetadata\n\n"
         "[profile fromenv]\nrole_arn = " ROLE("ConnectAuditor") "\ncredential_source = Environment\n\n"
         "[profile mfa]\nrole_arn = " ROLE("ConnectAuditorMfa") "\nsource_profile = base\n"
         "mfa_serial = arn:aws:iam::" ACCT ":mfa/auditor\n");
  /* mfa_serial in an unattended run (no terminal here): refused, no STS call */
  tu_out o = scan((const char *[]){"--profile", "mfa", NULL});
  ck_assert_int_eq(o.code, 3);
  HAS(o.err, "has mfa_serial arn:aws:iam::" ACCT ":mfa/auditor: an MFA code cannot be entered in an unattended run");
  tu_done(&o);
  ck_assert_int_eq(fa_count("AssumeRole", NULL), 0);
  /* base's keys -> role Ext (external ID) -> role Hop (session name, duration) */
  scan_ok((const char *[]){"--profile", "hop", NULL}, "role " ROLE("ConnectAuditorHop") " of profile 'hop'", R_AKID);
  ck_assert_int_eq(fa_count("AssumeRole", NULL), 2);
  cJSON *first = request_for("AssumeRole", ROLE("ConnectAuditorExt")), *second = request_for("AssumeRole", ROLE("ConnectAuditorHop"));
  ck_assert_str_eq(logged_form(first, "RoleArn"), ROLE("ConnectAuditorExt"));
  ck_assert_str_eq(logged_form(first, "ExternalId"), "acme-ext-42");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(first, "access_key")), FA_AKID);
  ck_assert_str_eq(logged_form(second, "RoleArn"), ROLE("ConnectAuditorHop"));
  ck_assert_str_eq(logged_form(second, "RoleSessionName"), "nightly");
  ck_assert_str_eq(logged_form(second, "DurationSeconds"), "7200");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(second, "access_key")), S_AKID);
  cJSON_Delete(first);
  cJSON_Delete(second);
  ca_aws_creds c;
  ca_err e = {0};
  /* credential_source: the container's, the instance's, the environment's keys */
  char url[256];
  snprintf(url, sizeof url, "%s%s", fa_endpoint, CONTAINER_PATH);
  setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", url, 1);
  setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", POD_TOKEN, 1);
  ck_assert_msg(ca_aws_creds_find("fromcontainer", "us-east-1", &c, &e) == 0, "%s", e.msg);
  ck_assert_str_eq(c.access_key, R_AKID);
  HAS(c.source, "source: container credentials");
  unsetenv("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  ck_assert_int_eq(ca_aws_creds_find("fromcontainer", "us-east-1", &c, &e), -1);
  HAS(e.msg, "credential_source EcsContainer: neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
  ca_err_clear(&e);
  unsetenv("AWS_EC2_METADATA_DISABLED");
  setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", fa_endpoint, 1);
  /* a scan with no key anywhere: the instance role's session assumes the role */
  scan_ok((const char *[]){"--profile", "fromimds", NULL}, "of profile 'fromimds' (source: EC2 instance metadata", R_AKID);
  fa_keys();
  ck_assert_msg(ca_aws_creds_find("fromenv", "us-east-1", &c, &e) == 0, "%s", e.msg);
  ck_assert_str_eq(c.access_key, S_AKID);
  ca_aws_creds_wipe(&c);
  /* a duration STS refuses (the role allows 3600 s) is its error */
  tu_put(".aws/config", "[profile long]\nrole_arn = " ROLE("ConnectAuditor") "\nsource_profile = base\nduration_seconds = 7200\n");
  ck_assert_int_eq(ca_aws_creds_find("long", "us-east-1", &c, &e), -1);
  HAS(e.msg, "sts:AssumeRole: ValidationError");
}
END_TEST

/* ---- settings ---- */

START_TEST(endpoints_fips_dualstack_sts_and_their_config_keys) {
  char out[256];
  ck_assert_int_eq(ca_aws_endpoint("CONNECT", "connect", "us-west-2", out, sizeof out), 0);
  ck_assert_str_eq(out, "https://connect.us-west-2.amazonaws.com");
  setenv("AWS_USE_FIPS_ENDPOINT", "true", 1);
  ca_aws_endpoint("CONNECT", "connect", "us-west-2", out, sizeof out);
  ck_assert_str_eq(out, "https://connect-fips.us-west-2.amazonaws.com");
  setenv("AWS_USE_DUALSTACK_ENDPOINT", "true", 1);
  ca_aws_endpoint("CONNECT", "connect", "us-west-2", out, sizeof out);
  ck_assert_str_eq(out, "https://connect-fips.us-west-2.api.aws");
  ca_aws_endpoint("S3", "s3", "us-west-2", out, sizeof out);
  ck_assert_str_eq(out, "https://s3-fips.dualstack.us-west-2.amazonaws.com");
  unsetenv("AWS_USE_FIPS_ENDPOINT");
  ca_aws_endpoint("KMS", "kms", "cn-north-1", out, sizeof out);
  ck_assert_str_eq(out, "https://kms.cn-north-1.api.amazonwebservices.com.cn");
  unsetenv("AWS_USE_DUALSTACK_ENDPOINT");
  ca_aws_endpoint("KMS", "kms", "cn-north-1", out, sizeof out);
  ck_assert_str_eq(out, "https://kms.cn-north-1.amazonaws.com.cn");
  /* STS: regional by default; legacy = the global endpoint in the legacy regions, signed for us-east-1 */
  ca_aws_endpoint("STS", "sts", "eu-west-1", out, sizeof out);
  ck_assert_str_eq(out, "https://sts.eu-west-1.amazonaws.com");
  setenv("AWS_STS_REGIONAL_ENDPOINTS", "legacy", 1);
  ca_aws_endpoint("STS", "sts", "eu-west-1", out, sizeof out);
  ck_assert_str_eq(out, "https://sts.amazonaws.com");
  ck_assert_str_eq(ca_aws_signing_region(NULL, "STS", "eu-west-1"), "us-east-1");
  ca_aws_endpoint("STS", "sts", "us-east-1", out, sizeof out);
  ck_assert_str_eq(out, "https://sts.amazonaws.com");
  ca_aws_endpoint("STS", "sts", "ap-east-1", out, sizeof out);   /* not a legacy region */
  ck_assert_str_eq(out, "https://sts.ap-east-1.amazonaws.com");
  ck_assert_str_eq(ca_aws_signing_region(NULL, "STS", "ap-east-1"), "ap-east-1");
  unsetenv("AWS_STS_REGIONAL_ENDPOINTS");
  /* a custom endpoint wins over all of them */
  setenv("AWS_USE_FIPS_ENDPOINT", "true", 1);
  setenv("AWS_ENDPOINT_URL_CONNECT", "http://127.0.0.1:9/", 1);
  ca_aws_endpoint("CONNECT", "connect", "us-west-2", out, sizeof out);
  ck_assert_str_eq(out, "http://127.0.0.1:9");
  unsetenv("AWS_ENDPOINT_URL_CONNECT");
  unsetenv("AWS_USE_FIPS_ENDPOINT");
  /* the config file's keys, the environment over them */
  aws_dir();
  tu_put(".aws/credentials", "[default]\naws_access_key_id = " FA_AKID "\naws_secret_access_key = " FA_SECRET "\n");
  tu_put(".aws/config", "[default]\nuse_fips_endpoint = true\nuse_dualstack_endpoint = true\n"
                        "sts_regional_endpoints = legacy\nmax_attempts = 4\nretry_mode = adaptive\n");
  ca_aws_creds c;
  ca_err e = {0};
  ck_assert_msg(ca_aws_creds_find(NULL, "eu-west-1", &c, &e) == 0, "%s", e.msg);
  ck_assert_int_eq(c.use_fips, 1);
  ck_assert_int_eq(c.use_dualstack, 1);
  ck_assert_int_eq(c.sts_legacy, 1);
  ck_assert_int_eq(c.max_attempts, 4);
  ck_assert_str_eq(c.retry_mode, "adaptive");
  ca_aws_endpoint_for(&c, "CONNECT", "connect", "eu-west-1", out, sizeof out);
  ck_assert_str_eq(out, "https://connect-fips.eu-west-1.api.aws");
  setenv("AWS_USE_FIPS_ENDPOINT", "false", 1);
  setenv("AWS_MAX_ATTEMPTS", "2", 1);
  ck_assert_msg(ca_aws_creds_find(NULL, "eu-west-1", &c, &e) == 0, "%s", e.msg);
  ck_assert_int_eq(c.use_fips, 0);
  ck_assert_int_eq(c.max_attempts, 2);
  ca_aws_creds_wipe(&c);
  /* values the CLI would refuse: exit 2 */
  static const char *const bad[][2] = {{"AWS_USE_FIPS_ENDPOINT", "yes"}, {"AWS_MAX_ATTEMPTS", "0"},
                                        {"AWS_RETRY_MODE", "fast"}, {"AWS_STS_REGIONAL_ENDPOINTS", "global"},
                                        {"AWS_CA_BUNDLE", "/nonexistent/ca.pem"}, {NULL, NULL}};
  for (int i = 0; bad[i][0]; i++) {
    setenv(bad[i][0], bad[i][1], 1);
    ca_err_clear(&e);
    ck_assert_int_eq(ca_aws_creds_find(NULL, "eu-west-1", &c, &e), -1);
    ck_assert_int_eq(e.code, 2);
    HAS(e.msg, bad[i][0]);
    unsetenv(bad[i][0]);
  }
}
END_TEST

START_TEST(max_attempts_retry_mode_and_ca_bundle_reach_the_calls) {
  cJSON *w = fa_faults(fa_world("world_creds.json"), "{\"ListApprovedOrigins\": [{\"status\": 500, \"code\": \"InternalServiceException\"}]}");
  fa_start(w);
  fa_keys();
  setenv("AWS_MAX_ATTEMPTS", "2", 1);
  setenv("AWS_RETRY_MODE", "standard", 1);
  setenv("AWS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt", 1);   /* read and handed to libcurl; http needs none */
  cJSON *snap = fa_collect((const char *const[]){"--instance", "acme-prod", "--quiet", "--rate", "200", NULL});
  ck_assert_int_eq(fa_errors(snap, "connect:ListApprovedOrigins", NULL, "InternalServiceException"), 1);
  cJSON_Delete(snap);
  ck_assert_int_eq(fa_count("ListApprovedOrigins", NULL), 2);   /* AWS_MAX_ATTEMPTS tries, not the default 6 */
  /* --max-attempts beats it */
  fa_restart(fa_faults(fa_world("world_creds.json"), "{\"ListApprovedOrigins\": [{\"status\": 500, \"code\": \"InternalServiceException\"}]}"));
  snap = fa_collect((const char *const[]){"--instance", "acme-prod", "--quiet", "--rate", "200", "--max-attempts", "3", NULL});
  cJSON_Delete(snap);
  ck_assert_int_eq(fa_count("ListApprovedOrigins", NULL), 3);
}
END_TEST

START_TEST(proxies_from_the_environment_are_honoured) {
  start();
  fa_keys();
  /* the endpoint is a name nobody resolves: only a proxy can reach it (libcurl sends the absolute URL) */
  setenv("http_proxy", fa_endpoint, 1);
  setenv("AWS_ENDPOINT_URL", "http://connect.proxied.test", 1);
  cJSON *snap = fa_collect((const char *const[]){"--instance", "acme-prod", "--quiet", "--rate", "200", NULL});
  cJSON_Delete(snap);
  ck_assert_int_gt(fa_count("ListInstances", "\"proxied\": \"connect.proxied.test\""), 0);
  ck_assert_int_eq(fa_count(NULL, NULL), fa_count(NULL, "\"proxied\": \"connect.proxied.test\""));
  /* NO_PROXY: straight to the endpoint, the proxy (a closed port) never used */
  setenv("http_proxy", "http://127.0.0.1:1", 1);
  setenv("NO_PROXY", "127.0.0.1", 1);
  setenv("AWS_ENDPOINT_URL", fa_endpoint, 1);
  fa_restart(fa_world("world_creds.json"));
  snap = fa_collect((const char *const[]){"--instance", "acme-prod", "--quiet", "--rate", "200", NULL});
  cJSON_Delete(snap);
  ck_assert_int_gt(fa_count("ListInstances", NULL), 0);
  ck_assert_int_eq(fa_count(NULL, "\"proxied\""), 0);
  unsetenv("http_proxy");
  unsetenv("NO_PROXY");
}
END_TEST

/* ---- the order ---- */

START_TEST(sources_in_the_cli_order) {
  start();
  aws_dir();
  helper(3600, 1, 0);   /* [default] credential_process */
  ca_aws_creds c;
  ca_err e = {0};
  /* web identity comes before credential_process */
  setenv("AWS_WEB_IDENTITY_TOKEN_FILE", tu_put("token", WEB_TOKEN), 1);
  setenv("AWS_ROLE_ARN", ROLE("ConnectAuditorWeb"), 1);
  ck_assert_msg(ca_aws_creds_find(NULL, "us-east-1", &c, &e) == 0, "%s", e.msg);
  HAS(c.source, "web identity");
  unsetenv("AWS_WEB_IDENTITY_TOKEN_FILE");
  /* the credentials file's keys before credential_process, the process before the config file's keys */
  tu_put(".aws/credentials", "[default]\naws_access_key_id = " FA_AKID "\naws_secret_access_key = " FA_SECRET "\n");
  ck_assert_msg(ca_aws_creds_find(NULL, "us-east-1", &c, &e) == 0, "%s", e.msg);
  HAS(c.source, ".aws/credentials");
  unlink(tu_path(".aws/credentials"));
  ck_assert_msg(ca_aws_creds_find(NULL, "us-east-1", &c, &e) == 0, "%s", e.msg);
  HAS(c.source, "credential_process");
  /* container credentials only when no profile source has any; then instance metadata */
  unlink(tu_path(".aws/config"));
  char url[256];
  snprintf(url, sizeof url, "%s%s", fa_endpoint, CONTAINER_PATH);
  setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", url, 1);
  setenv("AWS_CONTAINER_AUTHORIZATION_TOKEN", POD_TOKEN, 1);
  unsetenv("AWS_EC2_METADATA_DISABLED");
  setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", fa_endpoint, 1);
  ck_assert_msg(ca_aws_creds_find(NULL, "us-east-1", &c, &e) == 0, "%s", e.msg);
  HAS(c.source, "container credentials");
  unsetenv("AWS_CONTAINER_CREDENTIALS_FULL_URI");
  ck_assert_msg(ca_aws_creds_find(NULL, "us-east-1", &c, &e) == 0, "%s", e.msg);
  HAS(c.source, "EC2 instance metadata");
  /* and the environment's keys before everything */
  fa_keys();
  ck_assert_msg(ca_aws_creds_find(NULL, "us-east-1", &c, &e) == 0, "%s", e.msg);
  HAS(c.source, "environment");
  ca_aws_creds_wipe(&c);
}
END_TEST

/* --region a,b went to AWS as one region name (a signature error there): collect
 * refuses it, before any call; scan takes it as a list (an estate scan, which
 * covers every instance: --instance is refused there, before any call too). */
START_TEST(region_list_refused_clearly) {
  start();
  fa_keys();
  const char *const cmds[] = {"collect", "scan"};
  for (int i = 0; i < 2; i++) {
    tu_out o = tu_run((const char *[]){cmds[i], "--region", "us-east-1,eu-west-2", "--instance", "acme-prod", "-o",
                                       tu_path("out"), NULL});
    ck_assert_int_eq(o.code, 2);
    HAS(o.err, i == 0 ? "--region us-east-1,eu-west-2: one region per run" : "an estate scan takes --all-instances, not --instance");
    tu_done(&o);
  }
  ck_assert_int_eq(fa_count(NULL, NULL), 0);
}
END_TEST

/* The fakes answer as botocore expects: the AWS CLI takes its credentials
 * from each of them and the fake's STS accepts the calls it signs with them. */
START_TEST(aws_cli_takes_credentials_from_the_same_fakes) {
  if (access("/usr/bin/env", X_OK)) return;
  start();
  aws_dir();
  tu_put("token", WEB_TOKEN);
  tu_put(".aws/config", "[profile sso]\nsso_session = corp\nsso_account_id = " ACCT "\nsso_role_name = ConnectAuditorSSO\n"
                        "[sso-session corp]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = us-east-1\n");
  sso_token(SSO_CACHE_CORP, SSO_TOKEN, 3600);
  char ep[128], web[300], full[300], imds[128];
  snprintf(ep, sizeof ep, "AWS_ENDPOINT_URL=%s", fa_endpoint);
  snprintf(web, sizeof web, "AWS_WEB_IDENTITY_TOKEN_FILE=%s", tu_path("token"));
  snprintf(full, sizeof full, "AWS_CONTAINER_CREDENTIALS_FULL_URI=%s%s", fa_endpoint, CONTAINER_PATH);
  snprintf(imds, sizeof imds, "AWS_EC2_METADATA_SERVICE_ENDPOINT=%s", fa_endpoint);
  unsetenv("AWS_EC2_METADATA_DISABLED");
  const char *const runs[][6] = {
      {web, "AWS_ROLE_ARN=" ROLE("ConnectAuditorWeb"), NULL},
      {full, "AWS_CONTAINER_AUTHORIZATION_TOKEN=" POD_TOKEN, NULL},
      {imds, NULL},
      {"AWS_PROFILE=sso", NULL},
  };
  for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
    const char *env[8] = {ep, "AWS_DEFAULT_REGION=us-east-1"};
    for (int k = 0; runs[i][k]; k++) env[2 + k] = runs[i][k];
    const char *argv[] = {"/usr/bin/env", "aws", "sts", "get-caller-identity", NULL};
    int rc = tu_spawn(argv, env, tu_path("aws.out"), tu_path("aws.err"));
    if (rc == 127) return;   /* no aws CLI on PATH */
    char *err = tu_read(tu_path("aws.err"), NULL);
    ck_assert_msg(rc == 0, "aws with %s: exit %d: %s", runs[i][0], rc, err);
    free(err);
  }
  ck_assert_int_eq(fa_count("GetCallerIdentity", "\"access_key\": \"" S_AKID "\""), 4);
  ck_assert_int_eq(fa_count("AssumeRoleWithWebIdentity", NULL), 1);
  ck_assert_int_eq(fa_count("credentials", "\"service\": \"container\""), 1);
  ck_assert_int_eq(fa_count("token", "\"service\": \"imds\""), 1);
  ck_assert_int_eq(fa_count("GetRoleCredentials", NULL), 1);
}
END_TEST

int main(void) {
  Suite *s = suite_create("creds");
  TCase *tc = tcase_create("creds");
  tcase_add_checked_fixture(tc, setup, fa_teardown);
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, web_identity_from_the_environment);
  tcase_add_test(tc, web_identity_from_a_profile_and_not_the_environment_for_explicit_profiles);
  tcase_add_test(tc, container_credentials_with_a_token_file);
  tcase_add_test(tc, container_full_uri_host_restrictions);
  tcase_add_test(tc, instance_metadata_imdsv2);
  tcase_add_test(tc, instance_metadata_that_does_not_answer_is_given_up_quickly);
  tcase_add_test(tc, credential_process_version_1);
  tcase_add_test(tc, temporary_credentials_refreshed_before_they_expire);
  tcase_add_test(tc, a_failed_refresh_keeps_the_old_keys_until_they_expire);
  tcase_add_test(tc, keys_aws_calls_expired_are_found_again);
  tcase_add_test(tc, sso_session_from_the_cli_cache);
  tcase_add_test(tc, role_chains_and_credential_sources);
  tcase_add_test(tc, endpoints_fips_dualstack_sts_and_their_config_keys);
  tcase_add_test(tc, max_attempts_retry_mode_and_ca_bundle_reach_the_calls);
  tcase_add_test(tc, proxies_from_the_environment_are_honoured);
  tcase_add_test(tc, sources_in_the_cli_order);
  tcase_add_test(tc, aws_cli_takes_credentials_from_the_same_fakes);
  tcase_add_test(tc, region_list_refused_clearly);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
