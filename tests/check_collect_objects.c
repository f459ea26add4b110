/* collect: routing profiles (with their queues), hours of operation, quick
 * connects and claimed phone numbers, through the fake AWS endpoint
 * and the customer-data domains (Voice ID, Wisdom, Customer Profiles)
 * (tests/fake_aws/svc_objects.py; data: tests/fake_aws/world_objects.json). */
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
#define WORLD_OBJ CA_TEST_SRC "/tests/fake_aws/world_objects.json"
#define AKID "AKIAFAKEEXAMPLE00001"
#define SECRET "fakeSecretKey/EXAMPLE+abcdefghijklmnopqrst"
#define PROD_ARN "arn:aws:connect:us-east-1:111122223333:instance/4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33"
#define RP(n) PROD_ARN "/routing-profile/a0b1c2d3-0000-4000-8000-00000000010" #n
#define PN(n) "arn:aws:connect:us-east-1:111122223333:phone-number/d0b1c2d3-0000-4000-8000-00000000040" #n
#define VOICE "arn:aws:voiceid:us-east-1:111122223333:domain/VdOm4in1Ex4mple0000000"
#define KB(r, n) "arn:aws:wisdom:" r ":111122223333:knowledge-base/5a1e0c3e-0000-4000-8000-0000000000a" #n
#define PROFILES "arn:aws:profile:us-east-1:111122223333:domains/acme-profiles"
#define FLOW PROD_ARN "/contact-flow/0a1b2c3d-0000-4000-8000-00000000f0aa"

static pid_t fake_pid;

static void setup(void) {
  tu_setup("collect_objects");
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

/* The stock world with world_lex.json's members merged in (so a test can
 * change them); the caller edits it and passes it to start(). */
static cJSON *world(void) {
  cJSON *w = tu_load(WORLD), *lex = tu_load(WORLD_OBJ);
  for (cJSON *m = lex->child, *next; m; m = next) {
    next = m->next;
    cJSON_AddItemToObject(w, m->string, cJSON_DetachItemViaPointer(lex, m));
  }
  cJSON_Delete(lex);
  return w;
}

static void start(cJSON *w) {
  const char *path = tu_path("world.json");
  tu_save(path, w);
  cJSON_Delete(w);
  char world_copy[256], log[256], portfile[256];
  snprintf(world_copy, sizeof world_copy, "%s", path);
  snprintf(log, sizeof log, "%s", tu_path("requests"));
  snprintf(portfile, sizeof portfile, "%s", tu_path("port"));
  const char *argv[] = {"/usr/bin/python3", FAKE, world_copy, "--log", log, NULL};
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, portfile, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ck_assert_int_eq(posix_spawn(&fake_pid, argv[0], &fa, NULL, (char *const *)argv, environ), 0);
  posix_spawn_file_actions_destroy(&fa);
  for (int i = 0; i < 200; i++) {
    char *t = tu_slurp(portfile, NULL);
    if (t && strchr(t, '\n')) {
      char endpoint[64];
      snprintf(endpoint, sizeof endpoint, "http://127.0.0.1:%d", atoi(t));
      free(t);
      setenv("AWS_ENDPOINT_URL", endpoint, 1);
      return;
    }
    free(t);
    usleep(50000);
  }
  ck_abort_msg("the fake AWS endpoint did not start");
}

/* collect acme-prod; the snapshot (caller deletes). */
static cJSON *collect(void) {
  tu_out o = tu_run((const char *[]){"collect", "--region", "us-east-1", "--instance", "acme-prod", "-o",
                                     tu_path("snap.json"), "--rate", "200", "--quiet", NULL});
  ck_assert_msg(o.code == 0, "exit %d: %s", o.code, o.err);
  LACKS(o.err, SECRET);
  tu_done(&o);
  return tu_load(tu_path("snap.json"));
}

static int count_requests(const char *op) {
  char *log = tu_slurp(tu_path("requests"), NULL);
  int n = 0;
  for (char *save = NULL, *line = log ? strtok_r(log, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save)) {
    cJSON *j = cJSON_Parse(line);
    const char *o = cJSON_GetStringValue(cJSON_GetObjectItem(j, "op"));
    if (o && !strcmp(o, op)) n++;
    cJSON_Delete(j);
  }
  free(log);
  return n;
}

static const cJSON *type_of(const cJSON *snap, const char *type) {
  return cJSON_GetObjectItem(cJSON_GetObjectItem(snap, "resources"), type);
}

static const cJSON *data_of(const cJSON *snap, const char *type, const char *arn) {
  const cJSON *r = cJSON_GetObjectItem(type_of(snap, type), arn);
  ck_assert_msg(r != NULL, "%s %s not collected", type, arn);
  return cJSON_GetObjectItem(r, "data");
}

static const cJSON *finding(const cJSON *results, const char *rule, const char *arn) {
  const cJSON *f;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(results, "findings")) {
    if (!strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(f, "rule_id")), rule) &&
        !strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(f, "resource"), "arn")), arn))
      return f;
  }
  return NULL;
}

static void status_is(const cJSON *results, const char *rule, const char *arn, const char *want) {
  const cJSON *f = finding(results, rule, arn);
  ck_assert_msg(f != NULL, "no %s finding on %s", rule, arn);
  const char *st = cJSON_GetStringValue(cJSON_GetObjectItem(f, "status"));
  ck_assert_msg(!strcmp(st, want), "%s on %s: %s (want %s): %s", rule, arn, st, want,
                cJSON_GetStringValue(cJSON_GetObjectItem(f, "message")));
}

/* The snapshot matches the JSON Schema, loads and audits; the results. */
static cJSON *validate_and_audit(void) {
  if (access("/usr/bin/python3", X_OK) == 0) {
    const char *argv[] = {"/usr/bin/python3", CA_TEST_SRC "/tests/schema_check.py",
                          CA_TEST_SRC "/schema/snapshot.v1.schema.json", tu_path("snap.json"), NULL};
    ck_assert_int_eq(tu_spawn(argv, NULL, tu_path("schema.out"), NULL), 0);
  }
  tu_out o = tu_run((const char *[]){"audit", tu_path("snap.json"), "-o", tu_path("audit"), "--quiet", NULL});
  ck_assert_msg(o.code == 0 || o.code == 1, "audit exit %d: %s", o.code, o.err);
  tu_done(&o);
  return tu_load(tu_path("audit/results.json"));
}


static int my_errors(const cJSON *snap) {
  int n = 0;
  const cJSON *e;
  cJSON_ArrayForEach(e, cJSON_GetObjectItem(snap, "errors")) {
    const char *op = cJSON_GetStringValue(cJSON_GetObjectItem(e, "operation"));
    if (strstr(op, "RoutingProfile") || strstr(op, "HoursOfOperation") || strstr(op, "QuickConnect") || strstr(op, "PhoneNumber")) n++;
  }
  return n;
}

static const char *num_of(const cJSON *snap, const char *arn) {
  return cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(data_of(snap, "connect_phone_number", arn),
                                                                      "ClaimedPhoneNumberSummary"), "PhoneNumber"));
}

/* What both paths (Search, List + Describe) give for the stock world. */
static void check_objects(const cJSON *s) {
  ck_assert_int_eq(cJSON_GetArraySize(type_of(s, "connect_routing_profile")), 3);
  ck_assert_int_eq(cJSON_GetArraySize(type_of(s, "connect_hours_of_operation")), 2);
  ck_assert_int_eq(cJSON_GetArraySize(type_of(s, "connect_quick_connect")), 3);
  const cJSON *d = data_of(s, "connect_routing_profile", RP(1));
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(d, "RoutingProfile"), "Name")), "Basic Routing Profile");
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(d, "Queues")), 3);   /* page_size 2: two pages */
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(data_of(s, "connect_routing_profile", RP(3)), "Queues")), 0);
  const cJSON *h;
  cJSON_ArrayForEach(h, type_of(s, "connect_hours_of_operation"))
    ck_assert(cJSON_IsArray(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(h, "data"), "HoursOfOperation"), "Config")));
  cJSON_ArrayForEach(h, type_of(s, "connect_quick_connect"))
    ck_assert(cJSON_IsObject(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(h, "data"), "QuickConnect"), "QuickConnectConfig")));
  /* the instance's three numbers; not acme-dev's, not us-west-2's */
  ck_assert_int_eq(cJSON_GetArraySize(type_of(s, "connect_phone_number")), 3);
  ck_assert_str_eq(num_of(s, PN(1)), "+18005550199");
  ck_assert_str_eq(num_of(s, PN(3)), "+12125550142");
  ck_assert_ptr_null(cJSON_GetObjectItem(type_of(s, "connect_phone_number"), PN(4)));
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
  cJSON *w = world();
  add_transfer_flow(w);
  start(w);
  cJSON *s = collect();
  ck_assert_int_eq(my_errors(s), 0);
  check_objects(s);
  ck_assert_int_eq(count_requests("SearchRoutingProfiles"), 2);     /* 3 profiles, pages of 2 */
  ck_assert_int_eq(count_requests("SearchQuickConnects"), 2);
  ck_assert_int_eq(count_requests("SearchHoursOfOperations"), 1);
  ck_assert_int_eq(count_requests("ListRoutingProfileQueues"), 4);  /* 2 + 1 + 1 */
  ck_assert_int_eq(count_requests("ListPhoneNumbersV2"), 2);
  ck_assert_int_eq(count_requests("DescribePhoneNumber"), 3);
  ck_assert_int_eq(count_requests("ListRoutingProfiles") + count_requests("DescribeQuickConnect"), 0);
  cJSON_Delete(s);
  cJSON *r = validate_and_audit();
  status_is(r, "BASE-TEL-003", FLOW, "fail");   /* the claimed number is recognised */
  cJSON_Delete(r);
}
END_TEST

START_TEST(search_unknown_falls_back_to_list_and_describe) {
  cJSON *w = world();
  cJSON_ReplaceItemInObject(w, "faults", cJSON_Parse(
      "{\"SearchRoutingProfiles\": [{\"status\": 400, \"code\": \"UnknownOperationException\", \"message\": \"unknown\"}],"
      " \"SearchHoursOfOperations\": [{\"status\": 400, \"code\": \"UnknownOperationException\", \"message\": \"unknown\"}],"
      " \"SearchQuickConnects\": [{\"status\": 400, \"code\": \"UnknownOperationException\", \"message\": \"unknown\"}],"
      " \"ListPhoneNumbersV2\": [{\"status\": 400, \"code\": \"UnknownOperationException\", \"message\": \"unknown\"}]}"));
  start(w);
  cJSON *s = collect();
  ck_assert_int_eq(my_errors(s), 0);
  check_objects(s);
  ck_assert_int_eq(count_requests("ListRoutingProfiles"), 2);
  ck_assert_int_eq(count_requests("DescribeRoutingProfile"), 3);
  ck_assert_int_eq(count_requests("DescribeHoursOfOperation"), 2);
  ck_assert_int_eq(count_requests("DescribeQuickConnect"), 3);
  ck_assert_int_eq(count_requests("ListPhoneNumbers"), 2);
  ck_assert_int_eq(count_requests("DescribePhoneNumber"), 3);
  cJSON_Delete(s);
  cJSON_Delete(validate_and_audit());
}
END_TEST

START_TEST(access_denied_recorded_and_the_rest_collected) {
  cJSON *w = world();
  add_transfer_flow(w);
  cJSON_ReplaceItemInObject(w, "faults", cJSON_Parse(
      "{\"DescribePhoneNumber\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"not authorized\","
      " \"match\": \"d0b1c2d3-0000-4000-8000-000000000401\"}],"
      " \"ListRoutingProfileQueues\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"not authorized\","
      " \"match\": \"a0b1c2d3-0000-4000-8000-000000000101\"}],"
      " \"SearchQuickConnects\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"not authorized\"}]}"));
  start(w);
  cJSON *s = collect();
  ck_assert_int_eq(my_errors(s), 3);
  /* the denied number is there, without its summary (absent: not collected) */
  ck_assert_ptr_null(cJSON_GetObjectItem(data_of(s, "connect_phone_number", PN(1)), "ClaimedPhoneNumberSummary"));
  ck_assert_str_eq(num_of(s, PN(2)), "+18885550123");
  ck_assert_ptr_null(cJSON_GetObjectItem(data_of(s, "connect_routing_profile", RP(1)), "Queues"));
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(data_of(s, "connect_routing_profile", RP(2)), "Queues")), 1);
  ck_assert_int_eq(cJSON_GetArraySize(type_of(s, "connect_quick_connect")), 0);
  ck_assert_int_eq(cJSON_GetArraySize(type_of(s, "connect_hours_of_operation")), 2);
  cJSON_Delete(s);
  cJSON *r = validate_and_audit();
  status_is(r, "BASE-TEL-003", FLOW, "error");   /* a number it cannot read: not decided */
  cJSON_Delete(r);
}
END_TEST

static int errors_of(const cJSON *snap, const char *operation, const char *arn) {
  int n = 0;
  const cJSON *e;
  cJSON_ArrayForEach(e, cJSON_GetObjectItem(snap, "errors"))
    if (!strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(e, "operation")), operation) &&
        !strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(e, "arn")), arn)) n++;
  return n;
}

START_TEST(domains_collected_in_their_regions) {
  start(world());
  cJSON *s = collect();
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "errors")), 0);
  const cJSON *d = cJSON_GetObjectItem(data_of(s, "voiceid_domain", VOICE), "Domain");
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(d, "Name")), "acme-voiceid");
  ck_assert_int_eq(cJSON_GetArraySize(type_of(s, "wisdom_knowledge_base")), 2);
  const cJSON *west = cJSON_GetObjectItem(type_of(s, "wisdom_knowledge_base"), KB("us-west-2", 2));
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(west, "region")), "us-west-2");   /* asked there */
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(west, "data"),
                                                                                  "knowledgeBase"), "name")), "acme-kb-west");
  /* only the domain whose integrations name acme-prod (3 of them: two pages) */
  ck_assert_int_eq(cJSON_GetArraySize(type_of(s, "customer_profiles_domain")), 1);
  d = cJSON_GetObjectItem(data_of(s, "customer_profiles_domain", PROFILES), "Domain");
  ck_assert_int_eq(cJSON_GetObjectItem(d, "DefaultExpirationDays")->valueint, 366);
  ck_assert_int_eq(count_requests("ListAccountIntegrations"), 2);
  ck_assert_int_eq(count_requests("GetDomain"), 1);
  /* every type in one list (4 associations, 2 a page), not one list per type */
  ck_assert_int_eq(count_requests("ListIntegrationAssociations"), 2);
  char *log = tu_slurp(tu_path("requests"), NULL);
  LACKS(log, "integrationType");
  free(log);
  cJSON_Delete(s);
  cJSON *r = validate_and_audit();
  status_is(r, "PII-DOM-001", PROFILES, "pass");
  status_is(r, "PII-DOM-002", VOICE, "pass");
  status_is(r, "PII-DOM-003", KB("us-east-1", 1), "pass");
  status_is(r, "PII-DOM-003", KB("us-west-2", 2), "fail");   /* AWS owned key */
  cJSON_Delete(r);
}
END_TEST

START_TEST(domains_denied_recorded_and_the_rest_collected) {
  cJSON *w = world();
  cJSON_ReplaceItemInObject(w, "faults", cJSON_Parse(
      "{\"GetKnowledgeBase\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"not authorized\","
      " \"match\": \"0000000000a1\"}],"   /* the us-east-1 one: both are asked together */
      " \"ListAccountIntegrations\": [{\"status\": 403, \"code\": \"AccessDeniedException\", \"message\": \"not authorized\"}]}"));
  start(w);
  cJSON *s = collect();
  ck_assert_int_eq(errors_of(s, "wisdom:GetKnowledgeBase", KB("us-east-1", 1)), 1);
  ck_assert_int_eq(errors_of(s, "profile:ListAccountIntegrations", PROD_ARN), 1);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(s, "errors")), 2);
  ck_assert_ptr_null(cJSON_GetObjectItem(data_of(s, "wisdom_knowledge_base", KB("us-east-1", 1)), "knowledgeBase"));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(data_of(s, "wisdom_knowledge_base", KB("us-west-2", 2)), "knowledgeBase"));
  ck_assert_ptr_nonnull(cJSON_GetObjectItem(data_of(s, "voiceid_domain", VOICE), "Domain"));
  ck_assert_int_eq(cJSON_GetArraySize(type_of(s, "customer_profiles_domain")), 0);
  cJSON_Delete(s);
  cJSON *r = validate_and_audit();
  status_is(r, "PII-DOM-003", KB("us-east-1", 1), "error");
  status_is(r, "PII-DOM-003", KB("us-west-2", 2), "fail");
  cJSON_Delete(r);
}
END_TEST

static Suite *suite(void) {
  Suite *s = suite_create("collect_objects");
  TCase *e = tcase_create("fake_aws");
  tcase_add_checked_fixture(e, setup, teardown);
  tcase_set_timeout(e, 120);
  tcase_add_test(e, objects_by_search_to_the_last_page);
  tcase_add_test(e, search_unknown_falls_back_to_list_and_describe);
  tcase_add_test(e, access_denied_recorded_and_the_rest_collected);
  tcase_add_test(e, domains_collected_in_their_regions);
  tcase_add_test(e, domains_denied_recorded_and_the_rest_collected);
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
