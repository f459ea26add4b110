/* objects.c -- the Amazon Connect objects the flow, user and queue rules
 * read: contact flows, flow modules, users and queues.  Each by its bulk
 * Search* operation (whole objects, up to 100 or 500 a page); an endpoint that
 * does not know it (UnknownOperationException, HTTP 400 or 404) gets the
 * List + Describe pair instead, once per instance and kind.  Operations and
 * shapes: botocore's connect/2017-08-08 model. */
#include <stdio.h>
#include <string.h>

#include "collect/collect_int.h"
#include "util/buf.h"

#define CONNECT(op, method) "CONNECT", "connect", "connect", op, method

static const char *const unknown_op[] = {"UnknownOperationException", NULL};

typedef struct kind {
  const char *type;          /* snapshot resource type */
  const char *member;        /* data member: the object */
  const char *id_key, *arn_key, *name_key;
  const char *summary_name_key;   /* the name in a List summary */
  int content;               /* Content is a flow-language JSON string to parse */
  const char *search_op, *search_path, *search_key;
  int search_max;            /* the model's MaxResults bound */
  const char *list_op, *list_path, *list_key;
  const char *list_filter_key, *list_filter_value;   /* an extra query parameter, or NULL */
  const char *describe_op, *describe_path;
} kind;

static const kind kinds[] = {
    {"connect_contact_flow", "ContactFlow", "Id", "Arn", "Name", "Name", 1,
     "SearchContactFlows", "/search-contact-flows", "ContactFlows", 100,
     "ListContactFlows", "/contact-flows-summary", "ContactFlowSummaryList", NULL, NULL,
     "DescribeContactFlow", "/contact-flows"},
    {"connect_contact_flow_module", "ContactFlowModule", "Id", "Arn", "Name", "Name", 1,
     "SearchContactFlowModules", "/search-contact-flow-modules", "ContactFlowModules", 100,
     "ListContactFlowModules", "/contact-flow-modules-summary", "ContactFlowModulesSummaryList", NULL, NULL,
     "DescribeContactFlowModule", "/contact-flow-modules"},
    /* UserSearchSummary carries SecurityProfileIds: no DescribeUser needed. */
    {"connect_user", "User", "Id", "Arn", "Username", "Username", 0,
     "SearchUsers", "/search-users", "Users", 500,
     "ListUsers", "/users-summary", "UserSummaryList", NULL, NULL,
     "DescribeUser", "/users"},
    /* SearchQueues answers STANDARD queues only (with OutboundCallerConfig);
     * the fallback asks ListQueues for the same ones. */
    {"connect_queue", "Queue", "QueueId", "QueueArn", "Name", "Name", 0,
     "SearchQueues", "/search-queues", "Queues", 500,
     "ListQueues", "/queues-summary", "QueueSummaryList", "queueTypes", "STANDARD",
     "DescribeQueue", "/queues"},
    /* objects2.c adds each routing profile's queues (ListRoutingProfileQueues). */
    {"connect_routing_profile", "RoutingProfile", "RoutingProfileId", "RoutingProfileArn", "Name", "Name", 0,
     "SearchRoutingProfiles", "/search-routing-profiles", "RoutingProfiles", 500,
     "ListRoutingProfiles", "/routing-profiles-summary", "RoutingProfileSummaryList", NULL, NULL,
     "DescribeRoutingProfile", "/routing-profiles"},
    {"connect_hours_of_operation", "HoursOfOperation", "HoursOfOperationId", "HoursOfOperationArn", "Name", "Name", 0,
     "SearchHoursOfOperations", "/search-hours-of-operations", "HoursOfOperations", 100,
     "ListHoursOfOperations", "/hours-of-operations-summary", "HoursOfOperationSummaryList", NULL, NULL,
     "DescribeHoursOfOperation", "/hours-of-operations"},
    {"connect_quick_connect", "QuickConnect", "QuickConnectId", "QuickConnectARN", "Name", "Name", 0,
     "SearchQuickConnects", "/search-quick-connects", "QuickConnects", 100,
     "ListQuickConnects", "/quick-connects", "QuickConnectSummaryList", NULL, NULL,
     "DescribeQuickConnect", "/quick-connects"},
};

static const char *str(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Content (a JSON string, as AWS sends it) replaced by the parsed object.
 * One that does not parse to an object is removed -- the rules then report
 * `error` for the flow, as for any evidence not collected -- and recorded in
 * errors[] against the object's ARN. */
static void parse_content(ca_col *c, const kind *k, cJSON *obj, const char *arn, const char *op) {
  cJSON *content = cJSON_GetObjectItemCaseSensitive(obj, "Content");
  if (!content || cJSON_IsObject(content)) return;
  cJSON *parsed = cJSON_IsString(content) ? cJSON_Parse(content->valuestring) : NULL;
  if (cJSON_IsObject(parsed)) {
    cJSON_ReplaceItemInObjectCaseSensitive(obj, "Content", parsed);
    return;
  }
  size_t len = cJSON_IsString(content) ? strlen(content->valuestring) : 0;
  cJSON_Delete(parsed);
  cJSON_DeleteItemFromObjectCaseSensitive(obj, "Content");
  char opname[128], msg[512];
  snprintf(opname, sizeof opname, "connect:%s", op);
  const char *name = str(obj, k->name_key), *id = str(obj, k->id_key);
  snprintf(msg, sizeof msg, "%s %s (%s): Content is not a flow-language JSON object (%zu characters); kept without Content",
           k->member, name ? name : "?", id ? id : "?", len);
  col_error(c, arn, opname, "MalformedContent", msg);
}

/* One resource from one object (or, obj == NULL, from a summary whose
 * Describe failed: name and region only, so the rules report `error` for it
 * rather than not knowing it exists). */
static void add_resource(ca_col *c, cJSON *resources, const kind *k, cJSON *obj, const char *arn, const char *name,
                         const char *op) {
  cJSON *type = cJSON_GetObjectItemCaseSensitive(resources, k->type);
  if (cJSON_GetObjectItemCaseSensitive(type, arn)) {   /* never twice (a page boundary moved) */
    cJSON_Delete(obj);
    return;
  }
  cJSON *res = cJSON_CreateObject();
  cJSON_AddStringToObject(res, "name", name);
  cJSON_AddStringToObject(res, "region", ca_aws_region(c->aws));
  cJSON *data = cJSON_AddObjectToObject(res, "data");
  if (obj) {
    if (k->content) parse_content(c, k, obj, arn, op);
    cJSON_AddItemToObject(data, k->member, obj);
  }
  cJSON_AddItemToObject(type, arn, res);
}

static void collect_kind(ca_col *c, cJSON *resources, const kind *k, const char *id, const char *arn) {
  cJSON *items = NULL;
  char code[128] = "";
  cJSON *body = cJSON_CreateObject();
  cJSON_AddStringToObject(body, "InstanceId", id);
  cJSON_AddNumberToObject(body, "MaxResults", k->search_max);
  col_call search = {CONNECT(k->search_op, "POST"), k->search_path, NULL, 0, body};
  int rc = col_list(c, &search, k->search_key, arn, unknown_op, &items, code, sizeof code);
  cJSON_Delete(body);
  if (!rc) {
    for (cJSON *it = items->child, *next; it; it = next) {
      next = it->next;
      cJSON *obj = cJSON_DetachItemViaPointer(items, it);
      const char *oarn = str(obj, k->arn_key), *oid = str(obj, k->id_key), *name = str(obj, k->name_key);
      if (!oarn || !oid) {
        cJSON_Delete(obj);
        char op[128];
        snprintf(op, sizeof op, "connect:%s", k->search_op);
        col_error(c, arn, op, "MalformedResponse", "an item without its Id or ARN");
        continue;
      }
      add_resource(c, resources, k, obj, oarn, name ? name : oid, k->search_op);
    }
    cJSON_Delete(items);
    return;
  }
  if (strcmp(code, "UnknownOperationException")) return;   /* recorded in errors[] by col_list */
  col_progress_clear(c);
  if (!c->o->quiet)
    fprintf(stderr, "connect-auditor: collect: %s unknown to this endpoint: %s + %s instead\n", k->search_op,
            k->list_op, k->describe_op);

  /* Fallback: List (all pages) + Describe per object. */
  ca_buf p;
  ca_buf_init(&p, 4096);
  ca_buf_adds(&p, k->list_path);
  ca_aws_path_add(&p, id);
  ca_aws_param q[] = {{"maxResults", "1000"}, {k->list_filter_key, k->list_filter_value}};
  col_call list = {CONNECT(k->list_op, "GET"), p.data, q, k->list_filter_key ? 2 : 1, NULL};
  cJSON *summaries;
  if (col_list(c, &list, k->list_key, arn, NULL, &summaries, NULL, 0)) {
    ca_buf_free(&p);
    return;
  }
  for (const cJSON *s = summaries->child; s; s = s->next) {
    const char *oid = str(s, "Id"), *oarn = str(s, "Arn"), *name = str(s, k->summary_name_key);
    if (!oid || !oarn) continue;
    ca_buf_free(&p);
    ca_buf_adds(&p, k->describe_path);
    ca_aws_path_add(&p, id);
    ca_aws_path_add(&p, oid);
    col_call d = {CONNECT(k->describe_op, "GET"), p.data, NULL, 0, NULL};
    cJSON *ans;
    if (col_json(c, &d, oarn, NULL, &ans, NULL, 0)) {
      add_resource(c, resources, k, NULL, oarn, name ? name : oid, k->describe_op);
      continue;
    }
    cJSON *obj = cJSON_DetachItemFromObjectCaseSensitive(ans, k->member);
    cJSON_Delete(ans);
    if (!cJSON_IsObject(obj)) {
      cJSON_Delete(obj);
      char op[128];
      snprintf(op, sizeof op, "connect:%s", k->describe_op);
      col_error(c, oarn, op, "MalformedResponse", "the answer has no object");
      add_resource(c, resources, k, NULL, oarn, name ? name : oid, k->describe_op);
      continue;
    }
    add_resource(c, resources, k, obj, oarn, name ? name : oid, k->describe_op);
  }
  cJSON_Delete(summaries);
  ca_buf_free(&p);
}

void col_connect_objects(ca_col *c, cJSON *resources, const char *id, const char *arn) {
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) collect_kind(c, resources, &kinds[i], id, arn);
  col_connect_objects2(c, resources, id, arn);   /* objects2.c: routing-profile queues, phone numbers */
}

void col_connect_object_types(cJSON *resources) {
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
    if (!cJSON_GetObjectItemCaseSensitive(resources, kinds[i].type)) cJSON_AddObjectToObject(resources, kinds[i].type);
  if (!cJSON_GetObjectItemCaseSensitive(resources, "connect_phone_number")) cJSON_AddObjectToObject(resources, "connect_phone_number");
}
