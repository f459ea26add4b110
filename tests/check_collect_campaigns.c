/* collect: outbound campaigns through both API generations (Outbound
 * Campaigns v2, then v1) and each instance's campaign config, through the
 * fake AWS endpoint (tests/fake_aws/svc_campaigns.py; data:
 * tests/fake_aws/world_campaigns.json): pages, one campaign once, a region
 * whose endpoint does not serve a version, a denial, a failed describe. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "fakeaws.h"
#include "testutil.h"

#define PROD_ARN "arn:aws:connect:us-east-1:111122223333:instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33"
#define DEV_ARN "arn:aws:connect:us-east-1:111122223333:instance/7d2e9b10-3c4d-4e5f-8a6b-bb22cc33dd44"
#define CAMP(n) "arn:aws:connect-campaigns:us-east-1:111122223333:campaign/c0a1b2c3-0000-4000-8000-000000000c" #n
#define SCOPE "arn:aws:connect-campaigns:us-east-1:111122223333:campaign/*"
#define KEY "arn:aws:kms:us-east-1:111122223333:key/1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d"
#define WORLD_CAMP "world_campaigns.json"

static void setup(void) { fa_setup("collect_campaigns", FA_KEYS); }

static cJSON *collect_all(void) {
  return fa_collect((const char *[]){"--all-instances", "--rate", "200", "--quiet", NULL});
}

static int campaign_errors(const cJSON *snap) {
  return fa_errors(snap, "connectcampaigns:", NULL, NULL) + fa_errors(snap, "connectcampaignsv2:", NULL, NULL);
}

static const char *str_at(const cJSON *o, const char *a, const char *b) {   /* case-sensitive */
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, a);
  if (b) v = cJSON_GetObjectItemCaseSensitive(v, b);
  return cJSON_GetStringValue(v);
}

START_TEST(both_versions_each_campaign_once) {
  fa_start(fa_world(WORLD_CAMP));
  cJSON *s = collect_all();
  ck_assert_int_eq(campaign_errors(s), 0);
  /* v2: prod's three campaigns (page size 2: two pages), none of dev's, not us-west-2's */
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "connect_campaign_v2")), 3);
  const cJSON *d = fa_data(s, "connect_campaign_v2", CAMP(01));
  ck_assert_str_eq(str_at(d, "Campaign", "name"), "Renewals");
  ck_assert_str_eq(str_at(d, "State", NULL), "Running");
  ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(d, "Campaign"), "state"));
  ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(d, "campaign"));
  ck_assert_str_eq(str_at(fa_data(s, "connect_campaign_v2", CAMP(02)), "State", NULL), "Paused");
  /* v1: only the campaign v2 does not list (Renewals is both) */
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "connect_campaign_v1")), 1);
  d = fa_data(s, "connect_campaign_v1", CAMP(11));
  ck_assert_str_eq(str_at(d, "Campaign", "name"), "Legacy Survey");
  ck_assert_str_eq(str_at(d, "State", NULL), "Failed");
  /* the instances' lists and configs */
  const cJSON *prod = fa_data(s, "connect_instance", PROD_ARN), *dev = fa_data(s, "connect_instance", DEV_ARN);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(prod, "CampaignsV2")), 3);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(prod, "CampaignsV1")), 2);
  ck_assert_str_eq(str_at(cJSON_GetObjectItem(prod, "CampaignInstanceConfig"), "encryptionConfig", "keyArn"), KEY);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(dev, "CampaignsV2")), 0);
  ck_assert(cJSON_IsArray(cJSON_GetObjectItem(dev, "CampaignsV1")));
  ck_assert(cJSON_IsNull(cJSON_GetObjectItem(dev, "CampaignInstanceConfig")));   /* not onboarded */
  /* the campaign key is a collected kms_key */
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(fa_data(s, "kms_key", KEY), "KeyMetadata"));
  ck_assert_int_eq(fa_count("ListCampaignsV2", NULL), 3);   /* prod: 2 pages, dev: 1 */
  ck_assert_int_eq(fa_count("ListCampaigns", NULL), 2);
  ck_assert_int_eq(fa_count("DescribeCampaignV2", NULL), 3);
  ck_assert_int_eq(fa_count("DescribeCampaign", NULL), 1);
  ck_assert_int_eq(fa_count("GetCampaignStateV2", NULL) + fa_count("GetCampaignState", NULL), 4);
  ck_assert_int_eq(fa_count("GetConnectInstanceConfigV2", NULL), 2);
  ck_assert_int_eq(fa_count("GetConnectInstanceConfig", NULL), 0);
  /* the instance filter and the model's page size */
  cJSON *rq = fa_request("ListCampaignsV2", 0);
  ck_assert_ptr_nonnull(rq);
  cJSON_Delete(rq);
  char *log = tu_slurp(tu_path("requests"), NULL);
  HAS(log, "\"path\": \"/v2/campaigns-summary\"");
  free(log);
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "BASE-CMP-001", PROD_ARN, "pass");
  fa_status_is(r, "BASE-CMP-001", DEV_ARN, "skipped");   /* no campaign */
  fa_status_is(r, "PII-CMP-001", DEV_ARN, "skipped");    /* not onboarded */
  fa_status_is(r, "BASE-CMP-006", CAMP(11), "fail");     /* the v1 campaign: Failed */
  fa_status_is(r, "BASE-CMP-006", CAMP(01), "pass");
  cJSON_Delete(r);
}
END_TEST

START_TEST(v1_not_served_one_entry_for_the_region) {
  cJSON *w = fa_world(WORLD_CAMP);
  cJSON_ReplaceItemInObject(w, "campaigns_v1_regions", cJSON_CreateArray());
  fa_start(w);
  cJSON *s = collect_all();
  /* one entry for the region, asked once for two instances */
  ck_assert_int_eq(campaign_errors(s), 1);
  ck_assert_int_eq(fa_errors(s, "connectcampaigns:ListCampaigns", SCOPE, "UnknownOperationException"), 1);
  ck_assert_int_eq(fa_count("ListCampaigns", NULL), 1);
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "connect_instance", PROD_ARN), "CampaignsV1"));
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "connect_instance", DEV_ARN), "CampaignsV1"));
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "connect_campaign_v1")), 0);
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "connect_campaign_v2")), 3);   /* v2 unaffected */
  const cJSON *e = cJSON_GetArrayItem(cJSON_GetObjectItem(s, "errors"), 0);
  for (; e; e = e->next)
    if (strstr(cJSON_GetStringValue(cJSON_GetObjectItem(e, "operation")), "connectcampaigns:"))
      ck_assert_int_lt((int)strlen(cJSON_GetStringValue(cJSON_GetObjectItem(e, "message"))), 400);
  cJSON_Delete(s);
  cJSON_Delete(fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET));
}
END_TEST

START_TEST(v2_not_served_v1_describes_all) {
  cJSON *w = fa_world(WORLD_CAMP);
  cJSON_AddItemToObject(w, "campaigns_v2_regions", cJSON_CreateArray());
  fa_start(w);
  cJSON *s = collect_all();
  ck_assert_int_eq(campaign_errors(s), 1);
  ck_assert_int_eq(fa_errors(s, "connectcampaignsv2:ListCampaigns", SCOPE, "UnknownOperationException"), 1);
  ck_assert_int_eq(fa_count("ListCampaignsV2", NULL), 1);
  ck_assert_int_eq(fa_count("GetConnectInstanceConfigV2", NULL), 0);
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "connect_campaign_v1")), 2);
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "connect_campaign_v2")), 0);
  /* the config through v1 */
  ck_assert_int_eq(fa_count("GetConnectInstanceConfig", NULL), 2);
  ck_assert_str_eq(str_at(cJSON_GetObjectItem(fa_data(s, "connect_instance", PROD_ARN), "CampaignInstanceConfig"),
                          "encryptionConfig", "keyArn"), KEY);
  cJSON_Delete(s);
}
END_TEST

START_TEST(denied_and_failed_calls_recorded) {
  cJSON *w = fa_world(WORLD_CAMP);
  fa_faults(w,
      "{\"ListCampaigns\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"not authorized\"}],"
      " \"DescribeCampaignV2\": [{\"status\": 400, \"code\": \"ValidationException\", \"message\": \"bad\","
      " \"match\": \"000000000c03\"}],"
      " \"GetConnectInstanceConfigV2\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"no\","
      " \"match\": \"4f1c2a7e\"}]}");
  fa_start(w);
  cJSON *s = collect_all();
  /* the denied list: one entry for the region, asked once */
  ck_assert_int_eq(fa_errors(s, "connectcampaigns:ListCampaigns", SCOPE, "AccessDeniedException"), 1);
  ck_assert_int_eq(fa_count("ListCampaigns", NULL), 1);
  /* a campaign whose describe failed is still a resource, without Campaign */
  ck_assert_int_eq(fa_errors(s, "connectcampaignsv2:DescribeCampaign", CAMP(03), "ValidationException"), 1);
  const cJSON *d = fa_data(s, "connect_campaign_v2", CAMP(03));
  ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(d, "Campaign"));
  ck_assert_ptr_nonnull(cJSON_GetObjectItemCaseSensitive(d, "State"));
  /* the config denied for prod: absent there, an entry against the instance */
  ck_assert_int_eq(fa_errors(s, "connectcampaignsv2:GetConnectInstanceConfig", PROD_ARN, "AccessDeniedException"), 1);
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "connect_instance", PROD_ARN), "CampaignInstanceConfig"));
  ck_assert(cJSON_IsNull(cJSON_GetObjectItem(fa_data(s, "connect_instance", DEV_ARN), "CampaignInstanceConfig")));
  ck_assert_int_eq(campaign_errors(s), 3);
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "PII-CMP-001", PROD_ARN, "error");     /* the config it could not read */
  fa_status_is(r, "BASE-CMP-001", PROD_ARN, "error");    /* campaigns, but the config unread */
  fa_status_is(r, "BASE-CMP-001", DEV_ARN, "error");     /* no campaign in v2; v1 denied: not known */
  fa_status_is(r, "BASE-CMP-002", CAMP(03), "error");    /* not described */
  fa_status_is(r, "BASE-CMP-002", CAMP(01), "pass");
  cJSON_Delete(r);
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("collect_campaigns");
  TCase *e = tcase_create("fake_aws");
  tcase_add_checked_fixture(e, setup, fa_teardown);
  tcase_set_timeout(e, 120);
  tcase_add_test(e, both_versions_each_campaign_once);
  tcase_add_test(e, v1_not_served_one_entry_for_the_region);
  tcase_add_test(e, v2_not_served_v1_describes_all);
  tcase_add_test(e, denied_and_failed_calls_recorded);
  suite_add_tcase(s, e);
  return s;
}

int main(void) {
  return tu_run_suite(suite());
}
