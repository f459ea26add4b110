/* collect: routing profiles (with their queues), hours of operation, quick
 * connects and claimed phone numbers, through the fake AWS endpoint
 * and the customer-data domains (Voice ID, Wisdom, Customer Profiles)
 * (tests/fake_aws/svc_objects.py; data: tests/fake_aws/world_objects.json). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "fakeaws.h"
#include "testutil.h"

#define PROD_ARN "arn:aws:connect:us-east-1:111122223333:instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33"
#define RP(n) PROD_ARN "/routing-profile/a0b1c2d3-0000-4000-8000-00000000010" #n
#define PN(n) "arn:aws:connect:us-east-1:111122223333:phone-number/d0b1c2d3-0000-4000-8000-00000000040" #n
#define VOICE "arn:aws:voiceid:us-east-1:111122223333:domain/VdOm4in1Ex4mple0000000"
#define KB(r, n) "arn:aws:wisdom:" r ":111122223333:knowledge-base/5a1e0c3e-0000-4000-8000-0000000000a" #n
#define PROFILES "arn:aws:profile:us-east-1:111122223333:domains/acme-profiles"
#define FLOW PROD_ARN "/contact-flow/0a1b2c3d-0000-4000-8000-00000000f0aa"
#define QC(n) PROD_ARN "/transfer-destination/c0b1c2d3-0000-4000-8000-00000000030" #n
#define QUEUE(n) PROD_ARN "/queue/e1d2c3b4-0000-4000-8000-00000000000" #n
#define DEV_ARN "arn:aws:connect:us-east-1:111122223333:instance/7d2e9b10-3c4d-4e5f-8a6b-bb22cc33dd44"

/* The stock world and this part's data (so a test can change them). */
#define WORLD_OBJ "world_objects.json"

static void setup(void) { fa_setup("collect_objects", FA_KEYS); }

/* collect acme-prod; the snapshot (caller deletes). */
static cJSON *collect(void) {
  return fa_collect((const char *[]){"--instance", "acme-prod", "--rate", "200", "--quiet", NULL});
}

static int my_errors(const cJSON *snap) {
  int n = 0;
  const cJSON *e;
  cJSON_ArrayForEach(e, cJSON_GetObjectItem(snap, "errors")) {
    const char *op = cJSON_GetStringValue(cJSON_GetObjectItem(e, "operation"));
    if (strstr(op, "RoutingProfile") || strstr(op, "HoursOfOperation") || strstr(op, "QuickConnect") || strstr(op, "PhoneNumber") ||
        strstr(op, "FlowAssociations")) n++;
  }
  return n;
}

static const char *num_of(const cJSON *snap, const char *arn) {
  return cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(fa_data(snap, "connect_phone_number", arn),
                                                                      "ClaimedPhoneNumberSummary"), "PhoneNumber"));
}

/* What both paths (Search, List + Describe) give for the stock world. */
static void check_objects(const cJSON *s) {
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "connect_routing_profile")), 3);
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "connect_hours_of_operation")), 2);
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "connect_quick_connect")), 3);
  const cJSON *d = fa_data(s, "connect_routing_profile", RP(1));
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(d, "RoutingProfile"), "Name")), "Basic Routing Profile");
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(d, "Queues")), 3);   /* page_size 2: two pages */
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(fa_data(s, "connect_routing_profile", RP(3)), "Queues")), 0);
  const cJSON *h;
  cJSON_ArrayForEach(h, fa_type(s, "connect_hours_of_operation"))
    ck_assert(cJSON_IsArray(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(h, "data"), "HoursOfOperation"), "Config")));
  cJSON_ArrayForEach(h, fa_type(s, "connect_quick_connect"))
    ck_assert(cJSON_IsObject(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(h, "data"), "QuickConnect"), "QuickConnectConfig")));
  /* the instance's three numbers; not acme-dev's, not us-west-2's */
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "connect_phone_number")), 3);
  ck_assert_str_eq(num_of(s, PN(1)), "+18005550199");
  ck_assert_str_eq(num_of(s, PN(3)), "+12125550142");
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_type(s, "connect_phone_number"), PN(4)));
  /* each number's flow (3 associations, pages of 2), each queue's quick connects */
  const cJSON *fas = cJSON_GetObjectItem(fa_data(s, "connect_instance", PROD_ARN), "FlowAssociations");
  ck_assert_int_eq(cJSON_GetArraySize(fas), 3);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(fas, 0), "ResourceId")), PN(1));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(fa_data(s, "connect_queue", QUEUE(1)), "QuickConnects")), 3);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(fa_data(s, "connect_queue", QUEUE(2)), "QuickConnects")), 1);
  ck_assert(cJSON_IsArray(cJSON_GetObjectItem(fa_data(s, "connect_queue", QUEUE(3)), "QuickConnects")));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(fa_data(s, "connect_queue", QUEUE(3)), "QuickConnects")), 0);
}

/* A flow that transfers out to +18005550199, one of the instance's own numbers. */
static void add_transfer_flow(cJSON *w) {
  cJSON *flows = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(w, "instances"), 0), "ContactFlows");
  cJSON *f = cJSON_Parse("{\"Arn\": \"" FLOW "\", \"Id\": \"0a1b2c3d-0000-4000-8000-00000000f0aa\", \"Name\": \"Loop\","
                         " \"Type\": \"CONTACT_FLOW\", \"State\": \"ACTIVE\", \"Status\": \"PUBLISHED\", \"Tags\": {}}");
  cJSON_AddStringToObject(f, "Content",
      "{\"Version\":\"2019-10-30\",\"StartAction\":\"x\",\"Actions\":["
      "{\"Identifier\":\"x\",\"Type\":\"TransferParticipantToThirdParty\",\"Parameters\":{\"ThirdPartyPhoneNumber\":\"+18005550199\"},"
      "\"Transitions\":{\"NextAction\":\"bye\",\"Errors\":[{\"NextAction\":\"bye\",\"ErrorType\":\"CallFailed\"},"
      "{\"NextAction\":\"bye\",\"ErrorType\":\"ConnectionTimeLimitExceeded\"},{\"NextAction\":\"bye\",\"ErrorType\":\"NoMatchingError\"}]}},"
      "{\"Identifier\":\"bye\",\"Type\":\"DisconnectParticipant\",\"Parameters\":{},\"Transitions\":{}}]}");
  cJSON_AddItemToArray(flows, f);
}

START_TEST(objects_by_search_to_the_last_page) {
  cJSON *w = fa_world(WORLD_OBJ);
  add_transfer_flow(w);
  fa_start(w);
  cJSON *s = collect();
  ck_assert_int_eq(my_errors(s), 0);
  check_objects(s);
  ck_assert_int_eq(fa_count("SearchRoutingProfiles", NULL), 2);     /* 3 profiles, pages of 2 */
  ck_assert_int_eq(fa_count("SearchQuickConnects", NULL), 2);
  ck_assert_int_eq(fa_count("SearchHoursOfOperations", NULL), 1);
  ck_assert_int_eq(fa_count("ListRoutingProfileQueues", NULL), 4);  /* 2 + 1 + 1 */
  ck_assert_int_eq(fa_count("ListPhoneNumbersV2", NULL), 2);
  ck_assert_int_eq(fa_count("DescribePhoneNumber", NULL), 3);
  ck_assert_int_eq(fa_count("ListFlowAssociations", NULL), 2);      /* 3 associations, pages of 2 */
  ck_assert_int_eq(fa_count("ListFlowAssociations", "VOICE_PHONE_NUMBER"), 2);
  ck_assert_int_eq(fa_count("ListQueueQuickConnects", NULL), 4);    /* 2 + 1 + 1 */
  ck_assert_int_eq(fa_count("ListRoutingProfiles", NULL) + fa_count("DescribeQuickConnect", NULL), 0);
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "BASE-TEL-003", FLOW, "fail");   /* the claimed number is recognised */
  fa_status_is(r, "BASE-TEL-011", PN(1), "pass");   /* Main Inbound */
  fa_status_is(r, "BASE-QC-001", QC(1), "pass");    /* queue Outbound Sales, flow Customer Queue */
  fa_status_is(r, "BASE-QC-002", QC(1), "pass");
  fa_status_is(r, "BASE-QC-003", QC(3), "fail");    /* Supervisor dials +18005550199, the instance's own */
  fa_status_is(r, "BASE-QC-003", QC(2), "pass");
  fa_status_is(r, "BASE-QUE-001", QUEUE(3), "pass");
  fa_status_is(r, "BASE-RP-001", RP(3), "pass");
  cJSON_Delete(r);
}
END_TEST

START_TEST(search_unknown_falls_back_to_list_and_describe) {
  cJSON *w = fa_world(WORLD_OBJ);
  fa_faults(w,
      "{\"SearchRoutingProfiles\": [{\"status\": 400, \"code\": \"UnknownOperationException\", \"message\": \"unknown\"}],"
      " \"SearchHoursOfOperations\": [{\"status\": 400, \"code\": \"UnknownOperationException\", \"message\": \"unknown\"}],"
      " \"SearchQuickConnects\": [{\"status\": 400, \"code\": \"UnknownOperationException\", \"message\": \"unknown\"}],"
      " \"ListPhoneNumbersV2\": [{\"status\": 400, \"code\": \"UnknownOperationException\", \"message\": \"unknown\"}]}");
  fa_start(w);
  cJSON *s = collect();
  ck_assert_int_eq(my_errors(s), 0);
  check_objects(s);
  ck_assert_int_eq(fa_count("ListRoutingProfiles", NULL), 2);
  ck_assert_int_eq(fa_count("DescribeRoutingProfile", NULL), 3);
  ck_assert_int_eq(fa_count("DescribeHoursOfOperation", NULL), 2);
  ck_assert_int_eq(fa_count("DescribeQuickConnect", NULL), 3);
  ck_assert_int_eq(fa_count("ListPhoneNumbers", NULL), 2);
  ck_assert_int_eq(fa_count("DescribePhoneNumber", NULL), 3);
  cJSON_Delete(s);
  cJSON_Delete(fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET));
}
END_TEST

START_TEST(access_denied_recorded_and_the_rest_collected) {
  cJSON *w = fa_world(WORLD_OBJ);
  add_transfer_flow(w);
  fa_faults(w,
      "{\"DescribePhoneNumber\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"not authorized\","
      " \"match\": \"d0b1c2d3-0000-4000-8000-000000000401\"}],"
      " \"ListRoutingProfileQueues\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"not authorized\","
      " \"match\": \"a0b1c2d3-0000-4000-8000-000000000101\"}],"
      " \"SearchQuickConnects\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"not authorized\"}],"
      " \"ListFlowAssociations\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"not authorized\"}],"
      " \"ListQueueQuickConnects\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"not authorized\","
      " \"match\": \"e1d2c3b4-0000-4000-8000-000000000002\"}]}");
  fa_start(w);
  cJSON *s = collect();
  ck_assert_int_eq(my_errors(s), 5);
  ck_assert_int_eq(fa_errors(s, "connect:ListFlowAssociations", PROD_ARN, "AccessDeniedException"), 1);
  ck_assert_int_eq(fa_errors(s, "connect:ListQueueQuickConnects", QUEUE(2), "AccessDeniedException"), 1);
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "connect_instance", PROD_ARN), "FlowAssociations"));
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "connect_queue", QUEUE(2)), "QuickConnects"));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(fa_data(s, "connect_queue", QUEUE(1)), "QuickConnects")), 3);
  /* the denied number is there, without its summary (absent: not collected) */
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "connect_phone_number", PN(1)), "ClaimedPhoneNumberSummary"));
  ck_assert_str_eq(num_of(s, PN(2)), "+18885550123");
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "connect_routing_profile", RP(1)), "Queues"));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(fa_data(s, "connect_routing_profile", RP(2)), "Queues")), 1);
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "connect_quick_connect")), 0);
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "connect_hours_of_operation")), 2);
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "BASE-TEL-003", FLOW, "error");   /* a number it cannot read: not decided */
  cJSON_Delete(r);
}
END_TEST

/* An older API generation without ListFlowAssociations: asked once for the
 * region (the other instance waits for the answer), one short errors[] entry
 * per instance, and the numbers are still collected. */
START_TEST(flow_associations_unknown_asked_once_per_region) {
  cJSON *w = fa_world(WORLD_OBJ);
  fa_faults(w, "{\"ListFlowAssociations\": [{\"status\": 400, \"code\": \"UnknownOperationException\","
               " \"message\": \"Unknown operation\"}]}");
  fa_start(w);
  cJSON *s = fa_collect((const char *[]){"--all-instances", "--rate", "200", "--quiet", NULL});
  ck_assert_int_eq(fa_count("ListFlowAssociations", NULL), 1);
  ck_assert_int_eq(fa_errors(s, "connect:ListFlowAssociations", PROD_ARN, "UnknownOperationException"), 1);
  ck_assert_int_eq(fa_errors(s, "connect:ListFlowAssociations", DEV_ARN, "UnknownOperationException"), 1);
  ck_assert_int_eq(my_errors(s), 2);
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "connect_instance", PROD_ARN), "FlowAssociations"));
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "connect_instance", DEV_ARN), "FlowAssociations"));
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "connect_phone_number")), 4);   /* both instances' numbers */
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "BASE-TEL-011", PN(1), "error");   /* its flow is not known: not decided */
  cJSON_Delete(r);
}
END_TEST

START_TEST(domains_collected_in_their_regions) {
  fa_start(fa_world(WORLD_OBJ));
  cJSON *s = collect();
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "errors")), 0);
  const cJSON *d = cJSON_GetObjectItem(fa_data(s, "voiceid_domain", VOICE), "Domain");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(d, "Name")), "acme-voiceid");
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "wisdom_knowledge_base")), 2);
  const cJSON *west = cJSON_GetObjectItem(fa_type(s, "wisdom_knowledge_base"), KB("us-west-2", 2));
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(west, "region")), "us-west-2");   /* asked there */
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(west, "data"),
                                                                                  "knowledgeBase"), "name")), "acme-kb-west");
  /* only the domain whose integrations name acme-prod (3 of them: two pages) */
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "customer_profiles_domain")), 1);
  d = cJSON_GetObjectItem(fa_data(s, "customer_profiles_domain", PROFILES), "Domain");
  ck_assert_int_eq(cJSON_GetObjectItem(d, "DefaultExpirationDays")->valueint, 366);
  ck_assert_int_eq(fa_count("ListAccountIntegrations", NULL), 2);
  ck_assert_int_eq(fa_count("GetDomain", NULL), 1);
  /* every type in one list (4 associations, 2 a page), not one list per type */
  ck_assert_int_eq(fa_count("ListIntegrationAssociations", NULL), 2);
  char *log = tu_slurp(tu_path("requests"), NULL);
  LACKS(log, "integrationType");
  free(log);
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "PII-DOM-001", PROFILES, "pass");
  fa_status_is(r, "PII-DOM-002", VOICE, "pass");
  fa_status_is(r, "PII-DOM-003", KB("us-east-1", 1), "pass");
  fa_status_is(r, "PII-DOM-003", KB("us-west-2", 2), "fail");   /* AWS owned key */
  cJSON_Delete(r);
}
END_TEST

START_TEST(domains_denied_recorded_and_the_rest_collected) {
  cJSON *w = fa_world(WORLD_OBJ);
  fa_faults(w,
      "{\"GetKnowledgeBase\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"not authorized\","
      " \"match\": \"0000000000a1\"}],"   /* the us-east-1 one: both are asked together */
      " \"ListAccountIntegrations\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"not authorized\"}]}");
  fa_start(w);
  cJSON *s = collect();
  ck_assert_int_eq(fa_errors(s, "wisdom:GetKnowledgeBase", KB("us-east-1", 1), NULL), 1);
  ck_assert_int_eq(fa_errors(s, "profile:ListAccountIntegrations", PROD_ARN, NULL), 1);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "errors")), 2);
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "wisdom_knowledge_base", KB("us-east-1", 1)), "knowledgeBase"));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(fa_data(s, "wisdom_knowledge_base", KB("us-west-2", 2)), "knowledgeBase"));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(fa_data(s, "voiceid_domain", VOICE), "Domain"));
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "customer_profiles_domain")), 0);
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "PII-DOM-003", KB("us-east-1", 1), "error");
  fa_status_is(r, "PII-DOM-003", KB("us-west-2", 2), "fail");
  cJSON_Delete(r);
}
END_TEST

/* Numbers claimed to the instance's traffic distribution groups are listed by
 * each group's ARN (3 groups of acme-prod, 2 a page; one of acme-dev). */
#define TDG(n) "arn:aws:connect:us-east-1:111122223333:traffic-distribution-group/5a1b2c3d-0000-4000-8000-00000000000" #n
static cJSON *tdg_world(void) {
  cJSON *w = fa_world(WORLD_OBJ);
  cJSON *g = cJSON_AddArrayToObject(w, "traffic_distribution_groups");
  const char *owner[] = {PROD_ARN, PROD_ARN, PROD_ARN, "arn:aws:connect:us-east-1:111122223333:instance/7d2e9b10-3c4d-4e5f-8a6b-bb22cc33dd44"};
  for (int i = 0; i < 4; i++) {
    char js[600];
    snprintf(js, sizeof js, "{\"Id\": \"5a1b2c3d-0000-4000-8000-00000000000%d\", \"Arn\": \"" TDG(%d) "\","
             " \"Name\": \"tdg-%d\", \"InstanceArn\": \"%s\", \"Status\": \"ACTIVE\", \"IsDefault\": %s}",
             i + 1, i + 1, i + 1, owner[i], i ? "false" : "true");
    cJSON_AddItemToArray(g, cJSON_Parse(js));
  }
  cJSON *n = cJSON_Parse("{\"PhoneNumberId\": \"d0b1c2d3-0000-4000-8000-000000000406\", \"PhoneNumberArn\": \"" PN(6) "\","
                         " \"PhoneNumber\": \"+18005550166\", \"PhoneNumberCountryCode\": \"US\", \"PhoneNumberType\": \"DID\","
                         " \"TargetArn\": \"" TDG(1) "\", \"InstanceId\": \"4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33\","
                         " \"PhoneNumberStatus\": {\"Status\": \"CLAIMED\"}, \"Tags\": {}}");
  cJSON_AddItemToArray(cJSON_GetObjectItem(w, "phone_numbers"), n);
  return w;
}

START_TEST(numbers_of_traffic_distribution_groups_collected) {
  fa_start(tdg_world());
  cJSON *s = collect();
  ck_assert_int_eq(my_errors(s), 0);
  const cJSON *groups = cJSON_GetObjectItem(fa_data(s, "connect_instance", PROD_ARN), "TrafficDistributionGroups");
  ck_assert_int_eq(cJSON_GetArraySize(groups), 3);   /* acme-prod's, two pages */
  ck_assert_int_eq(fa_count("ListTrafficDistributionGroups", NULL), 2);
  ck_assert_int_eq(fa_count("ListTrafficDistributionGroups", "4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33"), 2);
  /* the instance's own list (2 pages) and one per group */
  ck_assert_int_eq(fa_count("ListPhoneNumbersV2", NULL), 5);
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "connect_phone_number")), 4);
  ck_assert_str_eq(num_of(s, PN(6)), "+18005550166");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(fa_data(s, "connect_phone_number", PN(6)),
                                                                                "ClaimedPhoneNumberSummary"), "TargetArn")), TDG(1));
  cJSON_Delete(s);
  cJSON *r = fa_audit(tu_path("snap.json"), FA_SCHEMA | FA_QUIET);
  fa_status_is(r, "BASE-TEL-011", PN(6), "manual");   /* judged: its flow is per instance of the group */
  cJSON_Delete(r);
}
END_TEST

START_TEST(traffic_distribution_groups_denied_recorded) {
  cJSON *w = tdg_world();
  fa_faults(w, "{\"ListPhoneNumbersV2\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"no\","
               " \"match\": \"traffic-distribution-group/5a1b2c3d-0000-4000-8000-000000000002\"}]}");
  fa_start(w);
  cJSON *s = collect();
  ck_assert_int_eq(fa_errors(s, "connect:ListPhoneNumbersV2", TDG(2), "AccessDeniedException"), 1);
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(fa_type(s, "connect_phone_number"), PN(6)));   /* group 1's still */
  cJSON_Delete(s);
  w = tdg_world();
  fa_faults(w, "{\"ListTrafficDistributionGroups\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"no\"}]}");
  fa_restart(w);
  s = collect();
  ck_assert_int_eq(fa_errors(s, "connect:ListTrafficDistributionGroups", PROD_ARN, "AccessDeniedException"), 1);
  ck_assert_ptr_null(cJSON_GetObjectItem(fa_data(s, "connect_instance", PROD_ARN), "TrafficDistributionGroups"));
  ck_assert_int_eq(cJSON_GetArraySize(fa_type(s, "connect_phone_number")), 3);   /* the instance's own */
  cJSON_Delete(s);
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("collect_objects");
  TCase *e = tcase_create("fake_aws");
  tcase_add_checked_fixture(e, setup, fa_teardown);
  tcase_set_timeout(e, 120);
  tcase_add_test(e, objects_by_search_to_the_last_page);
  tcase_add_test(e, search_unknown_falls_back_to_list_and_describe);
  tcase_add_test(e, access_denied_recorded_and_the_rest_collected);
  tcase_add_test(e, flow_associations_unknown_asked_once_per_region);
  tcase_add_test(e, domains_collected_in_their_regions);
  tcase_add_test(e, domains_denied_recorded_and_the_rest_collected);
  tcase_add_test(e, numbers_of_traffic_distribution_groups_collected);
  tcase_add_test(e, traffic_distribution_groups_denied_recorded);
  suite_add_tcase(s, e);
  return s;
}

int main(void) {
  return tu_run_suite(suite());
}
