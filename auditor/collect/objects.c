/* objects.c -- the Amazon Connect objects the flow, user and queue rules
 * read: contact flows, flow modules, users and queues.  Each by its bulk
 * Search* operation (whole objects, up to 100 or 500 a page); an endpoint that
 * does not know it (UnknownOperationException, HTTP 400 or 404) gets the
 * List + Describe pair instead (the Search asked once per region: the
 * region's other instances wait for its answer).  Operations and
 * shapes: botocore's connect/2017-08-08 model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect_int.h"
#include "collect/services.h"
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

/* One kind of one instance while its calls are out; when the last has
 * ended the plan is told (objects_in: the routing profiles' queues follow). */
typedef struct kstate {
  ca_col *c;
  cJSON *resources;
  const kind *k;
  char id[128], arn[256];
  int pending;                  /* Describe calls out (fallback) */
  int probe;                    /* this Search is the region's first of its kind */
} kstate;

static void kind_end(kstate *ks) {
  COL_NEXT(ks->c, objects_in, ks->resources, ks->k->type, ks->id, ks->arn);
  free(ks);
}

typedef struct dstate {
  kstate *ks;
  char oarn[512], name[256];
} dstate;

static void described(ca_col *c, void *ud, cJSON *ans, const char *code) {
  (void)code;
  dstate *d = ud;
  kstate *ks = d->ks;
  const kind *k = ks->k;
  cJSON *obj = ans ? cJSON_DetachItemFromObjectCaseSensitive(ans, k->member) : NULL;
  if (ans && !cJSON_IsObject(obj)) {
    char op[128];
    snprintf(op, sizeof op, "connect:%s", k->describe_op);
    col_error(c, d->oarn, op, "MalformedResponse", "the answer has no object");
  }
  cJSON_Delete(ans);
  if (!cJSON_IsObject(obj)) cJSON_Delete(obj), obj = NULL;
  add_resource(c, ks->resources, k, obj, d->oarn, d->name, k->describe_op);
  free(d);
  if (!--ks->pending) kind_end(ks);
}

static void listed(ca_col *c, void *ud, cJSON *summaries, const char *code) {
  (void)code;
  kstate *ks = ud;
  const kind *k = ks->k;
  ca_buf p;
  ca_buf_init(&p, 4096);
  ks->pending = 1;   /* held until every Describe is queued */
  for (const cJSON *s = summaries ? summaries->child : NULL; s; s = s->next) {
    const char *oid = str(s, "Id"), *oarn = str(s, "Arn"), *name = str(s, k->summary_name_key);
    dstate *d = oid && oarn ? calloc(1, sizeof *d) : NULL;
    if (!d) continue;
    d->ks = ks;
    snprintf(d->oarn, sizeof d->oarn, "%s", oarn);
    snprintf(d->name, sizeof d->name, "%s", name ? name : oid);
    ca_buf_free(&p);
    ca_buf_adds(&p, k->describe_path);
    ca_aws_path_add(&p, ks->id);
    ca_aws_path_add(&p, oid);
    col_call dc = {CONNECT(k->describe_op, "GET"), p.data, NULL, 0, NULL};
    ks->pending++;
    col_json_q(c, &dc, oarn, NULL, described, d);
  }
  cJSON_Delete(summaries);
  ca_buf_free(&p);
  if (!--ks->pending) kind_end(ks);
}

/* c->once keys: "<region>:<op>" held while the region's first Search of a
 * kind is out (col_hold); "search-unknown:<region>:<op>" once the endpoint
 * said it does not know it -- every other instance goes to List + Describe
 * without asking. */
static void search_key(ca_col *c, const kind *k, const char *what, char *key, size_t keysz) {
  snprintf(key, keysz, "%s%s:%s", what, c->aws ? ca_aws_region(c->aws) : "", k->search_op);
}

static void list_kind(ca_col *c, kstate *ks);

static void searched_items(ca_col *c, kstate *ks, cJSON *items);

static void searched(ca_col *c, void *ud, cJSON *items, const char *code) {
  kstate *ks = ud;
  const kind *k = ks->k;
  char key[200];
  int unknown = !items && !strcmp(code, "UnknownOperationException");
  if (unknown) {
    search_key(c, k, "search-unknown:", key, sizeof key);
    if (!c->once) c->once = cJSON_CreateObject();
    if (c->once && !cJSON_GetObjectItemCaseSensitive(c->once, key)) {
      cJSON_AddTrueToObject(c->once, key);
      col_progress_clear(c);
      if (!c->o->quiet)
        fprintf(stderr, "connect-auditor: collect: %s unknown to this endpoint: %s + %s instead\n", k->search_op,
                k->list_op, k->describe_op);
    }
  }
  search_key(c, k, "", key, sizeof key);
  if (ks->probe) col_release(c, key);   /* the region's other instances decide now */
  if (unknown) {
    list_kind(c, ks);
    return;
  }
  searched_items(c, ks, items);
}

/* Fallback: List (all pages) + Describe per object. */
static void list_kind(ca_col *c, kstate *ks) {
  const kind *k = ks->k;
  {
    ca_buf p;
    ca_buf_init(&p, 4096);
    ca_buf_adds(&p, k->list_path);
    ca_aws_path_add(&p, ks->id);
    ca_aws_param q[] = {{"maxResults", "1000"}, {k->list_filter_key, k->list_filter_value}};
    col_call list = {CONNECT(k->list_op, "GET"), p.data, q, k->list_filter_key ? 2 : 1, NULL};
    col_list_q(c, &list, k->list_key, ks->arn, NULL, listed, ks);
    ca_buf_free(&p);
  }
}

static void searched_items(ca_col *c, kstate *ks, cJSON *items) {
  const kind *k = ks->k;
  for (cJSON *it = items ? items->child : NULL, *next; it; it = next) {   /* NULL: recorded in errors[] */
    next = it->next;
    cJSON *obj = cJSON_DetachItemViaPointer(items, it);
    const char *oarn = str(obj, k->arn_key), *oid = str(obj, k->id_key), *name = str(obj, k->name_key);
    if (!oarn || !oid) {
      cJSON_Delete(obj);
      char op[128];
      snprintf(op, sizeof op, "connect:%s", k->search_op);
      col_error(c, ks->arn, op, "MalformedResponse", "an item without its Id or ARN");
      continue;
    }
    add_resource(c, ks->resources, k, obj, oarn, name ? name : oid, k->search_op);
  }
  cJSON_Delete(items);
  kind_end(ks);
}

static void ask_kind(ca_col *c, void *ud);

static void queue_kind(ca_col *c, cJSON *resources, const kind *k, const char *id, const char *arn) {
  kstate *ks = calloc(1, sizeof *ks);
  if (!ks) {
    col_error(c, arn, "collect", "ClientError", "out of memory");
    return;
  }
  *ks = (kstate){c, resources, k, "", "", 0, 0};
  snprintf(ks->id, sizeof ks->id, "%s", id);
  snprintf(ks->arn, sizeof ks->arn, "%s", arn);
  ask_kind(c, ks);
}

/* The Search, or (the endpoint does not know it) List + Describe, or wait
 * for the region's first Search of the kind to tell which. */
static void ask_kind(ca_col *c, void *ud) {
  kstate *ks = ud;
  const kind *k = ks->k;
  char key[200];
  search_key(c, k, "search-unknown:", key, sizeof key);
  if (c->once && cJSON_GetObjectItemCaseSensitive(c->once, key)) {
    list_kind(c, ks);
    return;
  }
  search_key(c, k, "", key, sizeof key);
  int held = col_hold(c, key, ask_kind, ks);
  if (!held) return;   /* waits */
  ks->probe = held > 0;
  const char *id = ks->id, *arn = ks->arn;
  cJSON *body = cJSON_CreateObject();
  cJSON_AddStringToObject(body, "InstanceId", id);
  cJSON_AddNumberToObject(body, "MaxResults", k->search_max);
  col_call search = {CONNECT(k->search_op, "POST"), k->search_path, NULL, 0, body};
  col_list_q(c, &search, k->search_key, arn, unknown_op, searched, ks);
  cJSON_Delete(body);
}

void col_connect_objects_q(ca_col *c, cJSON *resources, const char *id, const char *arn) {
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
    queue_kind(c, resources, &kinds[i], id, arn);
}

void col_connect_object_types(cJSON *resources) {
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
    if (!cJSON_GetObjectItemCaseSensitive(resources, kinds[i].type)) cJSON_AddObjectToObject(resources, kinds[i].type);
  if (!cJSON_GetObjectItemCaseSensitive(resources, "connect_phone_number")) cJSON_AddObjectToObject(resources, "connect_phone_number");
}
