/* telephony.c -- what the telephony and quick-connect rules read beyond the
 * objects themselves (objects.c, objects2.c):
 *   - the flow each claimed voice number of an instance is associated with:
 *     ListFlowAssociations with ResourceType VOICE_PHONE_NUMBER (all pages,
 *     1,000 a page), into the instance's data.FlowAssociations;
 *   - the quick connects each queue offers its agents: ListQueueQuickConnects
 *     (all pages, 100 a page), into the queue's data.QuickConnects.
 * An endpoint that does not know ListFlowAssociations (an older API
 * generation: UnknownOperationException) is asked once per region -- the
 * region's other instances wait for that answer -- and every instance there
 * gets one errors[] entry saying so, so the rules that need the association
 * say `error`, never that a number has no flow.  Shapes: botocore's
 * connect/2017-08-08 model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect_int.h"
#include "collect/services.h"
#include "util/buf.h"

#define CONNECT(op, method) "CONNECT", "connect", "connect", op, method

static const char *const unknown_op[] = {"UnknownOperationException", NULL};

typedef struct fastate {
  cJSON *resources;
  char id[128], arn[256];
  int probe;   /* this instance's call is the region's first */
} fastate;

/* c->once keys: "<region>:ListFlowAssociations" held while the region's first
 * call is out; "flowassoc-unknown:<region>" once the endpoint said it does not
 * know the operation. */
static void fa_key(ca_col *c, const char *what, char *key, size_t keysz) {
  snprintf(key, keysz, "%s%s:ListFlowAssociations", what, c->aws ? ca_aws_region(c->aws) : "");
}

static cJSON *instance_data(cJSON *resources, const char *arn) {
  cJSON *d = cJSON_GetObjectItemCaseSensitive(
      cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(resources, "connect_instance"), arn), "data");
  return cJSON_IsObject(d) ? d : NULL;
}

static void fa_unknown(ca_col *c, const char *arn, const char *aws_msg) {
  char msg[400];
  snprintf(msg, sizeof msg,
           "the endpoint does not know ListFlowAssociations: the flows of the instance's phone numbers were not "
           "collected%s%.160s",
           aws_msg && *aws_msg ? "; AWS said: " : "", aws_msg ? aws_msg : "");
  col_error(c, arn, "connect:ListFlowAssociations", "UnknownOperationException", msg);
}

static void fa_listed(ca_col *c, void *ud, cJSON *items, const char *code) {
  fastate *s = ud;
  char key[200];
  if (!items && code && !strcmp(code, "UnknownOperationException")) {
    fa_key(c, "flowassoc-unknown:", key, sizeof key);
    if (!c->once) c->once = cJSON_CreateObject();
    if (c->once && !cJSON_GetObjectItemCaseSensitive(c->once, key)) cJSON_AddTrueToObject(c->once, key);
    fa_unknown(c, s->arn, c->message);
  }
  cJSON *data = instance_data(s->resources, s->arn);
  if (items && data && !cJSON_GetObjectItemCaseSensitive(data, "FlowAssociations"))
    cJSON_AddItemToObject(data, "FlowAssociations", items);
  else
    cJSON_Delete(items);   /* NULL: recorded in errors[] */
  fa_key(c, "", key, sizeof key);
  if (s->probe) col_release(c, key);
  free(s);
}

static void fa_ask(ca_col *c, void *ud) {
  fastate *s = ud;
  char key[200];
  fa_key(c, "flowassoc-unknown:", key, sizeof key);
  if (c->once && cJSON_GetObjectItemCaseSensitive(c->once, key)) {   /* the region's probe learnt it */
    fa_unknown(c, s->arn, NULL);
    free(s);
    return;
  }
  fa_key(c, "", key, sizeof key);
  int held = col_hold(c, key, fa_ask, s);
  if (!held) return;   /* waits for the probe */
  s->probe = held > 0;
  ca_buf p;
  ca_buf_init(&p, 256);
  ca_buf_adds(&p, "/flow-associations-summary");
  ca_aws_path_add(&p, s->id);
  ca_aws_param q[] = {{"ResourceType", "VOICE_PHONE_NUMBER"}, {"maxResults", "1000"}};
  col_call list = {CONNECT("ListFlowAssociations", "GET"), p.data, q, 2, NULL};
  col_list_q(c, &list, "FlowAssociationSummaryList", s->arn, unknown_op, fa_listed, s);
  ca_buf_free(&p);
}

void col_flow_associations_q(ca_col *c, cJSON *resources, const char *id, const char *arn) {
  fastate *s = calloc(1, sizeof *s);
  if (!s) {
    col_error(c, arn, "connect:ListFlowAssociations", "ClientError", "out of memory");
    return;
  }
  s->resources = resources;
  snprintf(s->id, sizeof s->id, "%s", id);
  snprintf(s->arn, sizeof s->arn, "%s", arn);
  fa_ask(c, s);
}

/* data.QuickConnects of every queue of this instance (ARN <instance
 * ARN>/queue/<ID>) whose Queue was collected; absent when the list failed. */
void col_queue_quick_connects_q(ca_col *c, cJSON *resources, const char *id, const char *arn) {
  char prefix[512];
  snprintf(prefix, sizeof prefix, "%s/queue/", arn);
  size_t plen = strlen(prefix);
  ca_buf p;
  ca_buf_init(&p, 1024);
  cJSON *r;
  cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(resources, "connect_queue")) {
    if (strncmp(r->string, prefix, plen) || !r->string[plen] || strchr(r->string + plen, '/')) continue;
    cJSON *data = cJSON_GetObjectItemCaseSensitive(r, "data");
    if (!cJSON_IsObject(data) || cJSON_GetObjectItemCaseSensitive(data, "QuickConnects")) continue;
    ca_buf_free(&p);
    ca_buf_adds(&p, "/queues");
    ca_aws_path_add(&p, id);
    ca_aws_path_add(&p, r->string + plen);
    ca_buf_adds(&p, "/quick-connects");
    ca_aws_param q[] = {{"maxResults", "100"}};
    col_call list = {CONNECT("ListQueueQuickConnects", "GET"), p.data, q, 1, NULL};
    col_list_into_q(c, data, "QuickConnects", &list, "QuickConnectSummaryList", r->string);
  }
  ca_buf_free(&p);
}
