/* objects2.c -- what objects.c's table does not cover: the queues of each
 * routing profile (ListRoutingProfileQueues, into the profile's data.Queues)
 * and the phone numbers claimed to an instance (ListPhoneNumbersV2 with
 * TargetArn = the instance ARN, then DescribePhoneNumber each; an endpoint
 * that does not know ListPhoneNumbersV2 gets ListPhoneNumbers instead), and
 * the numbers claimed to its traffic distribution groups (below).
 * Routing profiles, hours of operation and quick connects themselves are
 * rows of objects.c's kinds[].  Shapes: botocore's connect/2017-08-08 model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect_int.h"
#include "collect/services.h"
#include "util/buf.h"

#define CONNECT(op, method) "CONNECT", "connect", "connect", op, method

static const char *const unknown_op[] = {"UnknownOperationException", NULL};

static const char *str(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* data.Queues of every routing profile of this instance (ARN
 * <instance ARN>/routing-profile/<ID>); absent when the list failed. */
void col_routing_profile_queues_q(ca_col *c, cJSON *resources, const char *id, const char *arn) {
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
    col_list_into_q(c, data, "Queues", &list, "RoutingProfileQueueConfigSummaryList", r->string);
  }
  ca_buf_free(&p);
}

typedef struct pn {
  cJSON *data;
  char parn[512];
} pn;

static void described_number(ca_col *c, void *ud, cJSON *ans, const char *code) {
  (void)code;
  pn *n = ud;
  cJSON *s = ans ? cJSON_DetachItemFromObjectCaseSensitive(ans, "ClaimedPhoneNumberSummary") : NULL;
  if (cJSON_IsObject(s)) {
    cJSON_AddItemToObject(n->data, "ClaimedPhoneNumberSummary", s);
  } else {
    cJSON_Delete(s);
    if (ans) col_error(c, n->parn, "connect:DescribePhoneNumber", "MalformedResponse", "the answer has no ClaimedPhoneNumberSummary");
  }
  cJSON_Delete(ans);
  free(n);
}

/* One connect_phone_number: DescribePhoneNumber's ClaimedPhoneNumberSummary,
 * or (it failed) name and region only, so BASE-TEL-003 says `error`. */
static void phone_number(ca_col *c, cJSON *resources, const char *pid, const char *parn, const char *number) {
  cJSON *data = col_resource(resources, "connect_phone_number", parn, number ? number : pid, ca_aws_region(c->aws));
  pn *n = data ? calloc(1, sizeof *n) : NULL;
  if (!n) return;   /* listed twice */
  n->data = data;
  snprintf(n->parn, sizeof n->parn, "%s", parn);
  ca_buf p;
  ca_buf_init(&p, 256);
  ca_buf_adds(&p, "/phone-number");
  ca_aws_path_add(&p, pid);
  col_call d = {CONNECT("DescribePhoneNumber", "GET"), p.data, NULL, 0, NULL};
  col_json_q(c, &d, parn, NULL, described_number, n);
  ca_buf_free(&p);
}

typedef struct pstate {
  cJSON *resources;
  char id[128], arn[256];   /* arn: the numbers' target, the instance's or a traffic distribution group's */
  int v1;    /* the answer is ListPhoneNumbers' (Id, Arn), not V2's */
  int tdg;   /* arn is a traffic distribution group's: no ListPhoneNumbers fallback (it lists by instance) */
} pstate;

static void listed_numbers(ca_col *c, void *ud, cJSON *items, const char *code) {
  pstate *ps = ud;
  if (!items && !ps->v1 && !ps->tdg && !strcmp(code, "UnknownOperationException")) {
    col_progress_clear(c);
    if (!c->o->quiet)
      fprintf(stderr, "connect-auditor: collect: ListPhoneNumbersV2 unknown to this endpoint: ListPhoneNumbers instead\n");
    ps->v1 = 1;
    ca_buf p;
    ca_buf_init(&p, 256);
    ca_buf_adds(&p, "/phone-numbers-summary");
    ca_aws_path_add(&p, ps->id);
    ca_aws_param q[] = {{"maxResults", "1000"}};
    col_call old = {CONNECT("ListPhoneNumbers", "GET"), p.data, q, 1, NULL};
    col_list_q(c, &old, "PhoneNumberSummaryList", ps->arn, NULL, listed_numbers, ps);
    ca_buf_free(&p);
    return;
  }
  const char *id_key = ps->v1 ? "Id" : "PhoneNumberId", *arn_key = ps->v1 ? "Arn" : "PhoneNumberArn";
  const cJSON *it;
  cJSON_ArrayForEach(it, items) {   /* NULL: recorded in errors[] */
    const char *pid = str(it, id_key), *parn = str(it, arn_key);
    if (!pid || !parn) {
      col_error(c, ps->arn, "connect:ListPhoneNumbersV2", "MalformedResponse", "an item without its Id or ARN");
      continue;
    }
    phone_number(c, ps->resources, pid, parn, str(it, "PhoneNumber"));
  }
  cJSON_Delete(items);
  free(ps);
}

/* ListPhoneNumbersV2 with TargetArn = target (the instance, or one of its
 * traffic distribution groups: tdg), failures against target. */
static void numbers_of(ca_col *c, cJSON *resources, const char *id, const char *target, int tdg) {
  pstate *ps = calloc(1, sizeof *ps);
  if (!ps) return;
  ps->resources = resources;
  ps->tdg = tdg;
  snprintf(ps->id, sizeof ps->id, "%s", id);
  snprintf(ps->arn, sizeof ps->arn, "%s", target);
  cJSON *body = cJSON_CreateObject();
  cJSON_AddStringToObject(body, "TargetArn", target);
  cJSON_AddNumberToObject(body, "MaxResults", 1000);
  col_call list = {CONNECT("ListPhoneNumbersV2", "POST"), "/phone-number/list", NULL, 0, body};
  col_list_q(c, &list, "ListPhoneNumbersSummaryList", target, tdg ? NULL : unknown_op, listed_numbers, ps);
  cJSON_Delete(body);
}

/* ---- Numbers claimed to the instance's traffic distribution groups ----
 * A number claimed to a traffic distribution group (instance replication
 * across regions) is listed under the group's ARN, not the instance's:
 * ListTrafficDistributionGroups with instanceId (10 a page, the model's
 * maximum; every page) into the instance's data.TrafficDistributionGroups,
 * then each group's numbers as the instance's are (listed with TargetArn =
 * the group's ARN, failures against it, each described). */
typedef struct tstate {
  cJSON *resources, *data;   /* data: the instance's */
  char id[128], arn[256];
} tstate;

static void tdgs_in(ca_col *c, void *ud) {
  tstate *t = ud;
  const cJSON *g;
  cJSON_ArrayForEach(g, cJSON_GetObjectItemCaseSensitive(t->data, "TrafficDistributionGroups")) {   /* absent: failed */
    const char *garn = str(g, "Arn");
    if (garn && *garn) numbers_of(c, t->resources, t->id, garn, 1);
    else col_error(c, t->arn, "connect:ListTrafficDistributionGroups", "MalformedResponse", "a group without its Arn");
  }
  free(t);
}

static void traffic_distribution_groups(ca_col *c, cJSON *resources, const char *id, const char *arn) {
  cJSON *data = cJSON_GetObjectItemCaseSensitive(
      cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(resources, "connect_instance"), arn), "data");
  tstate *t = cJSON_IsObject(data) ? calloc(1, sizeof *t) : NULL;
  if (!t) return;
  t->resources = resources, t->data = data;
  snprintf(t->id, sizeof t->id, "%s", id);
  snprintf(t->arn, sizeof t->arn, "%s", arn);
  ca_aws_param q[] = {{"instanceId", id}, {"maxResults", "10"}};
  col_call list = {CONNECT("ListTrafficDistributionGroups", "GET"), "/traffic-distribution-groups", q, 2, NULL};
  col_list_into_then_q(c, data, "TrafficDistributionGroups", &list, "TrafficDistributionGroupSummaryList", arn,
                       tdgs_in, t);
}

void col_phone_numbers_q(ca_col *c, cJSON *resources, const char *id, const char *arn) {
  numbers_of(c, resources, id, arn, 0);
  traffic_distribution_groups(c, resources, id, arn);
}
