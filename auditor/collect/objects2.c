/* objects2.c -- what objects.c's table does not cover: the queues of each
 * routing profile (ListRoutingProfileQueues, into the profile's data.Queues)
 * and the phone numbers claimed to an instance (ListPhoneNumbersV2 with
 * TargetArn = the instance ARN, then DescribePhoneNumber each; an endpoint
 * that does not know ListPhoneNumbersV2 gets ListPhoneNumbers instead).
 * Routing profiles, hours of operation and quick connects themselves are
 * rows of objects.c's kinds[].  Shapes: botocore's connect/2017-08-08 model. */
#include <stdio.h>
#include <string.h>

#include "collect/collect_int.h"
#include "util/buf.h"

#define CONNECT(op, method) "CONNECT", "connect", "connect", op, method

static const char *const unknown_op[] = {"UnknownOperationException", NULL};

static const char *str(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* data.Queues of every routing profile of this instance (ARN
 * <instance ARN>/routing-profile/<ID>); absent when the list failed. */
static void profile_queues(ca_col *c, cJSON *resources, const char *id, const char *arn) {
  char prefix[512];
  snprintf(prefix, sizeof prefix, "%s/routing-profile/", arn);
  size_t plen = strlen(prefix);
  ca_buf p;
  ca_buf_init(&p, 1024);
  cJSON *r;
  cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(resources, "connect_routing_profile")) {
    if (strncmp(r->string, prefix, plen) || !r->string[plen]) continue;
    cJSON *data = cJSON_GetObjectItemCaseSensitive(r, "data");
    if (!cJSON_IsObject(data) || cJSON_GetObjectItemCaseSensitive(data, "Queues")) continue;
    ca_buf_free(&p);
    ca_buf_adds(&p, "/routing-profiles");
    ca_aws_path_add(&p, id);
    ca_aws_path_add(&p, r->string + plen);
    ca_buf_adds(&p, "/queues");
    ca_aws_param q[] = {{"maxResults", "100"}};
    col_call list = {CONNECT("ListRoutingProfileQueues", "GET"), p.data, q, 1, NULL};
    cJSON *items;
    if (!col_list(c, &list, "RoutingProfileQueueConfigSummaryList", r->string, NULL, &items, NULL, 0))
      cJSON_AddItemToObject(data, "Queues", items);
  }
  ca_buf_free(&p);
}

/* One connect_phone_number: DescribePhoneNumber's ClaimedPhoneNumberSummary,
 * or (it failed) name and region only, so BASE-TEL-003 says `error`. */
static void phone_number(ca_col *c, cJSON *resources, const char *pid, const char *parn, const char *number) {
  cJSON *data = col_resource(resources, "connect_phone_number", parn, number ? number : pid, ca_aws_region(c->aws));
  if (!data) return;   /* listed twice */
  ca_buf p;
  ca_buf_init(&p, 256);
  ca_buf_adds(&p, "/phone-number");
  ca_aws_path_add(&p, pid);
  col_call d = {CONNECT("DescribePhoneNumber", "GET"), p.data, NULL, 0, NULL};
  cJSON *ans;
  if (!col_json(c, &d, parn, NULL, &ans, NULL, 0)) {
    cJSON *s = cJSON_DetachItemFromObjectCaseSensitive(ans, "ClaimedPhoneNumberSummary");
    if (cJSON_IsObject(s)) {
      cJSON_AddItemToObject(data, "ClaimedPhoneNumberSummary", s);
    } else {
      cJSON_Delete(s);
      col_error(c, parn, "connect:DescribePhoneNumber", "MalformedResponse", "the answer has no ClaimedPhoneNumberSummary");
    }
    cJSON_Delete(ans);
  }
  ca_buf_free(&p);
}

static void phone_numbers(ca_col *c, cJSON *resources, const char *id, const char *arn) {
  cJSON *body = cJSON_CreateObject();
  cJSON_AddStringToObject(body, "TargetArn", arn);
  cJSON_AddNumberToObject(body, "MaxResults", 1000);
  col_call list = {CONNECT("ListPhoneNumbersV2", "POST"), "/phone-number/list", NULL, 0, body};
  cJSON *items;
  char code[128] = "";
  int rc = col_list(c, &list, "ListPhoneNumbersSummaryList", arn, unknown_op, &items, code, sizeof code);
  cJSON_Delete(body);
  const char *id_key = "PhoneNumberId", *arn_key = "PhoneNumberArn";
  if (rc) {
    if (strcmp(code, "UnknownOperationException")) return;   /* recorded by col_list */
    col_progress_clear(c);
    if (!c->o->quiet)
      fprintf(stderr, "connect-auditor: collect: ListPhoneNumbersV2 unknown to this endpoint: ListPhoneNumbers instead\n");
    ca_buf p;
    ca_buf_init(&p, 256);
    ca_buf_adds(&p, "/phone-numbers-summary");
    ca_aws_path_add(&p, id);
    ca_aws_param q[] = {{"maxResults", "1000"}};
    col_call old = {CONNECT("ListPhoneNumbers", "GET"), p.data, q, 1, NULL};
    rc = col_list(c, &old, "PhoneNumberSummaryList", arn, NULL, &items, NULL, 0);
    ca_buf_free(&p);
    if (rc) return;
    id_key = "Id", arn_key = "Arn";
  }
  const cJSON *it;
  cJSON_ArrayForEach(it, items) {
    const char *pid = str(it, id_key), *parn = str(it, arn_key);
    if (!pid || !parn) {
      col_error(c, arn, "connect:ListPhoneNumbersV2", "MalformedResponse", "an item without its Id or ARN");
      continue;
    }
    phone_number(c, resources, pid, parn, str(it, "PhoneNumber"));
  }
  cJSON_Delete(items);
}

void col_connect_objects2(ca_col *c, cJSON *resources, const char *id, const char *arn) {
  profile_queues(c, resources, id, arn);
  phone_numbers(c, resources, id, arn);
}
