/* collect: the object types of the instances' Customer Profiles domains and
 * their tags (cprofiles.c; Security Hub Connect.1 = BASE-CPR-001), through the
 * fake AWS endpoint (tests/fake_aws/svc_objects.py; data:
 * tests/fake_aws/world_objects.json, profile_object_types). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "fakeaws.h"
#include "testutil.h"

#define PROFILES "arn:aws:profile:us-east-1:111122223333:domains/acme-profiles"
#define OTHER "arn:aws:profile:us-east-1:111122223333:domains/other"
#define OT(d, n) d "/object-types/" n
#define REGION_SCOPE "arn:aws:profile:us-east-1:111122223333:domains/*"
#define WORLD_OBJ "world_objects.json"
#define DENIED "[{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"not authorized\"}]"

static void setup(void) { fa_setup("collect_profiles", FA_KEYS); }

static cJSON *collect(int all) {
  if (all) return fa_collect((const char *[]){"--all-instances", "--rate", "200", "--quiet", NULL});
  return fa_collect((const char *[]){"--instance", "acme-prod", "--rate", "200", "--quiet", NULL});
}

static const cJSON *tags_of(const cJSON *s, const char *arn, const char *member) {
  const cJSON *d = fa_data(s, "customer_profiles_object_type", arn);
  if (!strcmp(member, "ObjectType")) return cJSON_GetObjectItem(cJSON_GetObjectItem(d, "ObjectType"), "Tags");
  return cJSON_GetObjectItem(d, member);
}

START_TEST(object_types_every_page_and_tags_of_the_untagged) {
  fa_start(fa_world(WORLD_OBJ));
  cJSON *s = collect(0);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "errors")), 0);
  /* acme-prod's domain only: 3 object types, 2 a page */
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "customer_profiles_object_type")), 3);
  ck_assert_int_eq(fa_count("ListProfileObjectTypes", NULL), 2);
  ck_assert_int_eq(fa_count("ListProfileObjectTypes", "next-token"), 1);
  ck_assert_int_eq(fa_count("ListProfileObjectTypes", "/domains/acme-profiles/object-types"), 2);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(fa_data(s, "customer_profiles_domain", PROFILES), "ObjectTypes")), 3);
  const cJSON *ctr = tags_of(s, OT(PROFILES, "CTR"), "ObjectType");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(ctr, "owner")), "contact-center");
  ck_assert_ptr_null(tags_of(s, OT(PROFILES, "CTR"), "Tags"));   /* tagged in the list: not asked again */
  /* Cases is listed without tags: ListTagsForResource says it has none */
  const cJSON *cases = tags_of(s, OT(PROFILES, "Cases"), "Tags");
  ck_assert(cJSON_IsObject(cases) && !cases->child);
  ck_assert_int_eq(fa_count("ListTagsForResource", NULL), 1);
  ck_assert_int_eq(fa_count("ListTagsForResource", "object-types%2FCases"), 1);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(fa_res(s, "customer_profiles_object_type",
                                                                   OT(PROFILES, "Orders")), "name")), "Orders");
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "BASE-CPR-001", OT(PROFILES, "CTR"), "pass");
  fa_status_is(r, "BASE-CPR-001", OT(PROFILES, "Cases"), "fail");
  fa_status_is(r, "BASE-CPR-001", OT(PROFILES, "Orders"), "fail");   /* aws: tags only */
  fa_status_is(r, "BASE-CPR-001", PROFILES, "skipped");
  cJSON_Delete(r);
}
END_TEST

/* An endpoint whose list items carry no Tags: every type's tags come from
 * ListTagsForResource, so a tagged type still passes. */
START_TEST(items_without_tags_are_asked_the_tag_api) {
  cJSON *w = fa_world(WORLD_OBJ);
  cJSON_AddTrueToObject(w, "profile_list_omits_tags");
  fa_start(w);
  cJSON *s = collect(0);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "errors")), 0);
  ck_assert_int_eq(fa_count("ListTagsForResource", NULL), 3);
  ck_assert_ptr_null(tags_of(s, OT(PROFILES, "CTR"), "ObjectType"));
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(tags_of(s, OT(PROFILES, "CTR"), "Tags"), "owner")),
                   "contact-center");
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "BASE-CPR-001", OT(PROFILES, "CTR"), "pass");
  fa_status_is(r, "BASE-CPR-001", OT(PROFILES, "Cases"), "fail");
  cJSON_Delete(r);
}
END_TEST

START_TEST(listing_denied_is_an_error_for_the_domain) {
  cJSON *w = fa_world(WORLD_OBJ);
  fa_faults(w, "{\"ListProfileObjectTypes\": " DENIED "}");
  fa_start(w);
  cJSON *s = collect(0);
  ck_assert_int_eq(fa_errors(s, "profile:ListProfileObjectTypes", PROFILES, "AccessDeniedException"), 1);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "errors")), 1);
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "customer_profiles_object_type")), 0);
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "customer_profiles_domain", PROFILES), "ObjectTypes"));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(fa_data(s, "customer_profiles_domain", PROFILES), "Domain"));
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "BASE-CPR-001", PROFILES, "error");
  ck_assert_ptr_nonnull(strstr(cJSON_GetStringValue(cJSON_GetObjectItem(fa_finding(r, "BASE-CPR-001", PROFILES),
                                                                        "message")), "AccessDeniedException"));
  cJSON_Delete(r);
}
END_TEST

/* Both domains (acme-prod's, acme-dev's) in one region whose endpoint does not
 * know the operation: asked once, one entry for the region, both `error`. */
START_TEST(unknown_operation_asked_once_per_region) {
  cJSON *w = fa_world(WORLD_OBJ);
  fa_faults(w, "{\"ListProfileObjectTypes\": [{\"status\": 404, \"code\": \"UnknownOperationException\","
               " \"message\": \"Unknown operation\"}]}");
  fa_start(w);
  cJSON *s = collect(1);
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "customer_profiles_domain")), 2);
  ck_assert_int_eq(fa_count("ListProfileObjectTypes", NULL), 1);
  ck_assert_int_eq(fa_errors(s, "profile:ListProfileObjectTypes", NULL, NULL), 1);
  ck_assert_int_eq(fa_errors(s, "profile:ListProfileObjectTypes", REGION_SCOPE, "UnknownOperationException"), 1);
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "customer_profiles_domain", OTHER), "ObjectTypes"));
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "BASE-CPR-001", PROFILES, "error");
  fa_status_is(r, "BASE-CPR-001", OTHER, "error");
  cJSON_Delete(r);
}
END_TEST

START_TEST(tags_denied_is_an_error_for_that_type) {
  cJSON *w = fa_world(WORLD_OBJ);
  fa_faults(w, "{\"ListTagsForResource\": " DENIED "}");
  fa_start(w);
  cJSON *s = collect(0);
  ck_assert_int_eq(fa_errors(s, "profile:ListTagsForResource", OT(PROFILES, "Cases"), "AccessDeniedException"), 1);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "errors")), 1);
  ck_assert_ptr_null(tags_of(s, OT(PROFILES, "Cases"), "Tags"));
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "BASE-CPR-001", OT(PROFILES, "Cases"), "error");   /* not a fail on a guess */
  fa_status_is(r, "BASE-CPR-001", OT(PROFILES, "CTR"), "pass");
  cJSON_Delete(r);
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("collect_profiles");
  TCase *e = tcase_create("fake_aws");
  tcase_add_checked_fixture(e, setup, fa_teardown);
  tcase_set_timeout(e, 120);
  tcase_add_test(e, object_types_every_page_and_tags_of_the_untagged);
  tcase_add_test(e, items_without_tags_are_asked_the_tag_api);
  tcase_add_test(e, listing_denied_is_an_error_for_the_domain);
  tcase_add_test(e, unknown_operation_asked_once_per_region);
  tcase_add_test(e, tags_denied_is_an_error_for_that_type);
  suite_add_tcase(s, e);
  return s;
}

int main(void) {
  return tu_run_suite(suite());
}
