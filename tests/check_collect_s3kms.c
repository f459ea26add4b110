/* collect: S3 buckets (rest-xml read with expat) and KMS keys (json 1.1)
 * against the fake AWS endpoint (tests/fake_aws/svc_s3kms.py, world
 * world_s3kms.json): botocore's member names (compared with the aws CLI's
 * own parse), the bucket's region for every call after GetBucketLocation,
 * x-amz-content-sha256 and `?sub=` queries, "not configured" -> null,
 * AccessDenied recorded while the rest is collected, alias resolution and
 * ListAliases pagination, and the snapshot loading, validating and auditing. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "fakeaws.h"
#include "snapshot/snapshot.h"
#include "testutil.h"

#define B(name) "arn:aws:s3:::" name
#define KEY1 "arn:aws:kms:us-east-1:111122223333:key/1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d"
#define KEY2 "arn:aws:kms:eu-west-2:111122223333:key/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b"

static void setup(void) { fa_setup("collect_s3kms", FA_KEYS); }

/* The stock world with world_s3kms.json's members in it, for a test to change. */
static cJSON *world(void) { return fa_world("world_s3kms.json"); }

/* Starts the fake on w (deleted here) with faults (JSON, may be NULL). */
static void start_fake(cJSON *w, const char *faults) { fa_start(fa_faults(w, faults)); }

static cJSON *collect_all(void) {
  cJSON *s = fa_collect((const char *[]){"--all-instances", "--rate", "500", "--burst", "50", NULL});
  char *snap = tu_read(tu_path("snap.json"), NULL);
  LACKS(snap, FA_SECRET);
  free(snap);
  return s;
}

/* A member by a '/'-separated path (array indexes as numbers). */
static const cJSON *at(const cJSON *j, const char *path) {
  char buf[256];
  snprintf(buf, sizeof buf, "%s", path);
  for (char *save = NULL, *p = strtok_r(buf, "/", &save); p && j; p = strtok_r(NULL, "/", &save))
    j = cJSON_IsArray(j) ? cJSON_GetArrayItem(j, atoi(p)) : cJSON_GetObjectItem(j, p);
  return j;
}

static void is_str(const cJSON *j, const char *path, const char *want) {
  const cJSON *v = at(j, path);
  ck_assert_msg(cJSON_IsString(v) && !strcmp(v->valuestring, want), "%s: want \"%s\"", path, want);
}

/* The snapshot loads (the loader audit uses), validates against the JSON
 * Schema, and audits: every finding on a bucket or key that is not in
 * error_ok / error_ok2 (what the test denied) is a finding (pass/fail/skipped/manual), never `error`. */
static void loads_validates_audits(const char *error_ok, const char *error_ok2) {
  ca_snapshot *s = NULL;
  ca_err err = {0};
  ck_assert_msg(ca_snapshot_load(tu_path("snap.json"), &s, &err) == 0, "load: %s", err.msg);
  ca_snapshot_free(s);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  int mine = 0;
  const cJSON *f;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r, "findings")) {
    const char *type = cJSON_GetStringValue(at(f, "resource/type"));
    const char *arn = cJSON_GetStringValue(at(f, "resource/arn"));
    if (!type || (strcmp(type, "s3_bucket") && strcmp(type, "kms_key"))) continue;
    mine++;
    const char *st = cJSON_GetStringValue(cJSON_GetObjectItem(f, "status"));
    if (arn && ((error_ok && !strcmp(arn, error_ok)) || (error_ok2 && !strcmp(arn, error_ok2)))) continue;
    ck_assert_msg(st && strcmp(st, "error"), "%s on %s: error: %s", cJSON_GetStringValue(cJSON_GetObjectItem(f, "rule_id")),
                  arn, cJSON_GetStringValue(cJSON_GetObjectItem(f, "message")));
  }
  ck_assert_int_ge(mine, 20);
  cJSON_Delete(r);
}

START_TEST(buckets_and_keys) {
  start_fake(world(), NULL);
  cJSON *s = collect_all();
  ck_assert_int_eq(fa_errors(s, "s3:", NULL, NULL) + fa_errors(s, "kms:", NULL, NULL), 0);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(s, "resources"), "s3_bucket")), 4);

  /* a bucket with everything configured, in botocore's member names and types */
  const cJSON *r = fa_res(s, "s3_bucket", B("acme-prod-recordings")), *d = fa_data(s, "s3_bucket", B("acme-prod-recordings"));
  is_str(r, "name", "acme-prod-recordings");
  is_str(r, "region", "us-east-1");
  ck_assert(cJSON_IsNull(at(d, "LocationConstraint")));
  is_str(d, "Policy/Statement/0/Sid", "DenyInsecureTransport");   /* parsed, not a string */
  is_str(d, "Policy/Statement/0/Condition/Bool/aws:SecureTransport", "false");
  ck_assert(cJSON_IsFalse(at(d, "PolicyStatus/IsPublic")));
  is_str(d, "ServerSideEncryptionConfiguration/Rules/0/ApplyServerSideEncryptionByDefault/KMSMasterKeyID", KEY1);
  ck_assert(cJSON_IsTrue(at(d, "ServerSideEncryptionConfiguration/Rules/0/BucketKeyEnabled")));
  ck_assert(cJSON_IsTrue(at(d, "PublicAccessBlockConfiguration/RestrictPublicBuckets")));
  is_str(d, "Versioning/Status", "Enabled");
  is_str(d, "Versioning/MFADelete", "Disabled");
  ck_assert_int_eq((int)cJSON_GetNumberValue(at(d, "ObjectLockConfiguration/Rule/DefaultRetention/Days")), 400);
  is_str(d, "LoggingEnabled/TargetBucket", "acme-access-logs");
  ck_assert(cJSON_IsObject(at(d, "LoggingEnabled/TargetObjectKeyFormat/SimplePrefix")));
  is_str(d, "OwnershipControls/Rules/0/ObjectOwnership", "BucketOwnerEnforced");
  is_str(d, "Acl/Grants/0/Grantee/Type", "CanonicalUser");
  is_str(d, "Acl/Grants/0/Permission", "FULL_CONTROL");
  ck_assert(cJSON_IsString(at(d, "Acl/Owner/ID")));

  /* a bucket in another region: called (and signed) in eu-west-2, which the fake insists on */
  r = fa_res(s, "s3_bucket", B("acme-dev-chats"));
  is_str(r, "region", "eu-west-2");
  d = fa_data(s, "s3_bucket", B("acme-dev-chats"));
  is_str(d, "LocationConstraint", "eu-west-2");
  is_str(d, "Acl/Grants/1/Grantee/URI", "http://acs.amazonaws.com/groups/global/AllUsers");
  ck_assert(at(d, "ObjectLockConfiguration") && cJSON_IsNull(at(fa_data(s, "s3_bucket", B("acme-dev-recordings")), "ObjectLockConfiguration")));

  /* every S3 request: path-style, ?sub= (the fake's signature check needs the '='), signed content hash */
  ck_assert_int_eq(fa_count("GetBucketAcl", NULL), 4);
  ck_assert_int_eq(fa_count("GetBucketAcl", "x-amz-content-sha256"), 4);
  ck_assert_int_eq(fa_count("GetBucketLocation", "\"path\": \"/acme-dev-chats\""), 1);

  /* keys: the storage configs' key ARN and a bucket's alias ARN in eu-west-2, resolved; and
   * the AWS managed keys the Kinesis and Kinesis Video streams name by alias (keys referenced
   * anywhere, not only by storage configs and buckets) */
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(cJSON_GetObjectItem(s, "resources"), "kms_key")), 4);
  is_str(fa_res(s, "kms_key", "arn:aws:kms:us-east-1:111122223333:key/7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"), "name", "aws/kinesis");
  is_str(fa_data(s, "kms_key", "arn:aws:kms:us-east-1:111122223333:key/7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"), "KeyMetadata/KeyManager", "AWS");
  is_str(fa_res(s, "kms_key", "arn:aws:kms:us-east-1:111122223333:key/8d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6"), "name", "aws/kinesisvideo");
  r = fa_res(s, "kms_key", KEY1);
  is_str(r, "name", "acme-prod-connect");
  is_str(r, "region", "us-east-1");
  d = fa_data(s, "kms_key", KEY1);
  is_str(d, "KeyMetadata/Arn", KEY1);
  ck_assert(cJSON_IsTrue(at(d, "KeyRotationEnabled")));
  is_str(d, "Policy/Statement/1/Principal/Service", "connect.amazonaws.com");
  /* ListAliases paginated to the end (page_size 2: its two aliases are on both pages) */
  ck_assert_int_eq(cJSON_GetArraySize(at(d, "Aliases")), 2);
  is_str(d, "Aliases/1/AliasName", "alias/acme-connect-2");
  ck_assert_int_eq(fa_count("ListAliases", NULL), 4);   /* us-east-1: 6 aliases, 3 pages; eu-west-2: 1 */
  r = fa_res(s, "kms_key", KEY2);
  is_str(r, "region", "eu-west-2");
  is_str(r, "name", "acme-dev-chats");
  ck_assert(cJSON_IsFalse(at(fa_data(s, "kms_key", KEY2), "KeyRotationEnabled")));
  cJSON_Delete(s);
  loads_validates_audits(NULL, NULL);
}
END_TEST

START_TEST(not_configured_is_null) {
  cJSON *w = world();
  /* the storage configs' key cannot rotate automatically (UnsupportedOperationException) */
  cJSON_ReplaceItemInObject(cJSON_GetArrayItem(cJSON_GetObjectItem(w, "kms_keys"), 0), "KeyRotationEnabled", cJSON_CreateNull());
  start_fake(w, NULL);
  cJSON *s = collect_all();
  const cJSON *d = fa_data(s, "s3_bucket", B("acme-prod-chats"));
  const char *nulls[] = {"LocationConstraint", "Policy", "PolicyStatus", "ServerSideEncryptionConfiguration",
                         "PublicAccessBlockConfiguration", "ObjectLockConfiguration", "LoggingEnabled", "OwnershipControls"};
  for (size_t i = 0; i < sizeof nulls / sizeof *nulls; i++)
    ck_assert_msg(cJSON_IsNull(cJSON_GetObjectItem(d, nulls[i])), "%s is not null", nulls[i]);
  ck_assert(cJSON_IsObject(at(d, "Versioning")) && !at(d, "Versioning")->child);   /* never enabled: {} */
  ck_assert(cJSON_IsArray(at(d, "Acl/Grants")));
  ck_assert_int_eq(fa_errors(s, "s3:", NULL, NULL) + fa_errors(s, "kms:", NULL, NULL), 0);
  ck_assert_int_eq(fa_count("GetBucketEncryption", "ServerSideEncryptionConfigurationNotFoundError"), 1);
  const cJSON *k = fa_data(s, "kms_key", KEY1);
  ck_assert(cJSON_IsNull(cJSON_GetObjectItem(k, "KeyRotationEnabled")));
  cJSON_Delete(s);
  loads_validates_audits(NULL, NULL);
}
END_TEST

START_TEST(access_denied_recorded_rest_collected) {
  start_fake(world(), "{\"GetBucketPolicy\": [{\"status\": 403, \"code\": \"AccessDenied\", \"message\": \"Access Denied\","
                      " \"match\": \"/acme-prod-chats?\"}],"
                      " \"GetKeyPolicy\": [{\"status\": 400, \"code\": \"AccessDeniedException\", \"message\": \"denied\","
                      " \"match\": \"key/1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d\"}],"
                      " \"ListAliases\": [{\"status\": 400, \"code\": \"AccessDeniedException\", \"message\": \"no\","
                      " \"match\": \"region=us-east-1\"}]}");
  cJSON *s = collect_all();
  /* the denied bucket: its policy absent, one entry; everything else of it
   * and the others collected */
  const cJSON *d = fa_data(s, "s3_bucket", B("acme-prod-chats"));
  ck_assert_ptr_null(cJSON_GetObjectItem(d, "Policy"));
  ck_assert_int_eq(fa_errors(s, "s3:GetBucketPolicy", B("acme-prod-chats"), NULL), 1);
  ck_assert_int_eq(fa_errors(s, "s3:", NULL, NULL), 1);
  const cJSON *e;
  for (e = cJSON_GetObjectItem(s, "errors")->child; e; e = e->next)
    if (!strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(e, "operation")), "s3:GetBucketPolicy")) break;
  is_str(e, "code", "AccessDenied");
  is_str(e, "message", "Access Denied");
  ck_assert(cJSON_IsNull(cJSON_GetObjectItem(d, "PolicyStatus")));
  is_str(d, "Acl/Grants/0/Permission", "FULL_CONTROL");
  is_str(fa_data(s, "s3_bucket", B("acme-prod-recordings")), "Policy/Statement/0/Sid", "DenyInsecureTransport");
  /* the key: its policy absent and recorded, the rest there; us-east-1's aliases
   * (refused) absent, never a partial list */
  const cJSON *k = fa_data(s, "kms_key", KEY1);
  ck_assert_ptr_null(cJSON_GetObjectItem(k, "Policy"));
  ck_assert_ptr_null(cJSON_GetObjectItem(k, "Aliases"));
  ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(k, "KeyRotationEnabled")));
  ck_assert_int_eq(fa_errors(s, "kms:GetKeyPolicy", KEY1, NULL), 1);
  ck_assert_int_eq(fa_errors(s, "kms:ListAliases", "arn:aws:kms:us-east-1:111122223333:alias/*", NULL), 1);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(fa_data(s, "kms_key", KEY2), "Aliases")), 1);
  cJSON_Delete(s);
  /* the rules reading the denied policies: error for that bucket and key; every other finding is a finding */
  loads_validates_audits(B("acme-prod-chats"), KEY1);
}
END_TEST

/* The aws CLI (botocore's own rest-xml parser) reads the fake's answers into
 * the same members the collector wrote. */
START_TEST(same_shapes_as_the_aws_cli) {
  const char *aws = NULL;
  const char *cands[] = {"/root/.pyenv/shims/aws", "/usr/local/bin/aws", "/usr/bin/aws", NULL};
  for (int i = 0; cands[i]; i++)
    if (access(cands[i], X_OK) == 0) aws = cands[i];
  if (!aws) return;
  start_fake(world(), NULL);
  cJSON *s = collect_all();
  struct { const char *cmd, *bucket, *payload, *member; } ops[] = {
      {"get-bucket-acl", "acme-dev-chats", NULL, "Acl"},
      {"get-bucket-logging", "acme-prod-recordings", "LoggingEnabled", "LoggingEnabled"},
      {"get-bucket-encryption", "acme-prod-recordings", "ServerSideEncryptionConfiguration", "ServerSideEncryptionConfiguration"},
      {"get-bucket-versioning", "acme-prod-recordings", NULL, "Versioning"},
      {"get-object-lock-configuration", "acme-prod-recordings", "ObjectLockConfiguration", "ObjectLockConfiguration"},
      {"get-bucket-ownership-controls", "acme-prod-recordings", "OwnershipControls", "OwnershipControls"},
      {"get-public-access-block", "acme-prod-recordings", "PublicAccessBlockConfiguration", "PublicAccessBlockConfiguration"},
      {"get-bucket-policy-status", "acme-prod-recordings", "PolicyStatus", "PolicyStatus"},
  };
  for (size_t i = 0; i < sizeof ops / sizeof *ops; i++) {
    char bucket[64], arn[96];
    snprintf(bucket, sizeof bucket, "%s", ops[i].bucket);
    snprintf(arn, sizeof arn, "arn:aws:s3:::%s", bucket);
    const char *region = strcmp(bucket, "acme-dev-chats") ? "us-east-1" : "eu-west-2";
    const char *argv[] = {aws, "--endpoint-url", fa_endpoint, "--region", region, "--output", "json", "s3api", ops[i].cmd,
                          "--bucket", bucket, NULL};
    ck_assert_int_eq(tu_spawn(argv, NULL, tu_path("cli.out"), tu_path("cli.err")), 0);
    cJSON *cli = tu_load(tu_path("cli.out"));
    cJSON_DeleteItemFromObject(cli, "ResponseMetadata");
    const cJSON *want = ops[i].payload ? cJSON_GetObjectItem(cli, ops[i].payload) : cli;
    const cJSON *got = cJSON_GetObjectItem(fa_data(s, "s3_bucket", arn), ops[i].member);
    ck_assert_msg(cJSON_Compare(want, got, 1), "%s: the CLI reads %s, the collector wrote %s", ops[i].cmd,
                  cJSON_PrintUnformatted(want), cJSON_PrintUnformatted(got));
    cJSON_Delete(cli);
  }
  cJSON_Delete(s);
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("collect_s3kms");
  TCase *t = tcase_create("fake_aws");
  tcase_add_checked_fixture(t, setup, fa_teardown);
  tcase_set_timeout(t, 120);
  tcase_add_test(t, buckets_and_keys);
  tcase_add_test(t, not_configured_is_null);
  tcase_add_test(t, access_denied_recorded_rest_collected);
  tcase_add_test(t, same_shapes_as_the_aws_cli);
  suite_add_tcase(s, t);
  return s;
}

int main(void) {
  return tu_run_suite(suite());
}
