/* alarms.c -- CloudWatch metric alarms on the instances and their Lambda
 * functions: DescribeAlarms (cloudwatch 2010-08-01, signing name
 * "monitoring"), every page, each region's pages one after another, the
 * regions in flight together.
 *
 * The protocol is the one the aws CLI speaks (aws-cli 1.45 on botocore 1.43): JSON 1.0
 * (X-Amz-Target GraniteServiceVersion20100801.DescribeAlarms), through the
 * collectors' one JSON call path -- so import replays it too.  An endpoint
 * that knows only the older query protocol (form POST, XML answers) refuses
 * the first page with UnknownOperationException, InvalidAction, MissingAction
 * or a bare 404; that region is then asked again in the query protocol and
 * its XML read with expat.  Both give the same snapshot: the model's
 * integers, doubles and booleans as JSON numbers and booleans, its lists as
 * arrays, its timestamps as epoch seconds (JSON 1.0's own form; the query
 * protocol's ISO 8601 converted).
 *
 * DescribeAlarms cannot filter by namespace or dimension, and
 * DescribeAlarmsForMetric needs the metric's name (the rules accept any
 * AWS/Connect metric, and a parameter for Lambda's) and does not find
 * metric-math alarms (Metrics[]), which the rules count.  So every metric
 * alarm of each region concerned is listed, and those that watch
 * AWS/Connect InstanceId = an instance's ID or AWS/Lambda FunctionName = an
 * associated function's name (directly or in a Metrics[] query) are kept
 * as cloudwatch_alarm resources.  A region whose listing failed is an
 * errors[] entry "cloudwatch:DescribeAlarms" against
 * arn:aws:cloudwatch:REGION:ACCOUNT:alarm:* (the rules read it per region). */
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ca_limits.h"
#include "collect/collect_int.h"
#include "collect/services.h"
#include "util/buf.h"

static cJSON *type_of(cJSON *resources, const char *type) {
  cJSON *t = cJSON_GetObjectItemCaseSensitive(resources, type);
  return t ? t : cJSON_AddObjectToObject(resources, type);
}

/* ---- XML -> cJSON, by the model's shapes ---- */
static const char *const lists[] = {"MetricAlarms", "CompositeAlarms", "OKActions", "AlarmActions",
                                    "InsufficientDataActions", "Dimensions", "Metrics", NULL};
static const char *const bools[] = {"ActionsEnabled", "ReturnData", NULL};
static const char *const nums[] = {"Period", "EvaluationPeriods", "DatapointsToAlarm", "Threshold",
                                   "EvaluationInterval", "PendingPeriod", "RecoveryPeriod", NULL};
static const char *const times[] = {"AlarmConfigurationUpdatedTimestamp", "StateUpdatedTimestamp",
                                    "StateTransitionedTimestamp", NULL};

static int in(const char *const *set, const char *name) {
  for (; *set; set++)
    if (!strcmp(*set, name)) return 1;
  return 0;
}

/* An ISO 8601 UTC time (YYYY-MM-DDTHH:MM:SS[.fff](Z|+00:00)) as JSON 1.0
 * sends it: epoch seconds, the fraction's digits kept (parsed from the same
 * decimal text, the double is the one a JSON answer gives); NULL when t is
 * not one. */
static cJSON *epoch(const char *t) {
  struct tm tm = {0};
  int frac = 0, n = 0;
  if (sscanf(t, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
             &tm.tm_sec, &n) != 6 || n != 19)
    return NULL;
  const char *p = t + 19;
  if (*p == '.') {
    frac = (int)strspn(p + 1, "0123456789");
    if (!frac || frac > 9) return NULL;
    p += 1 + frac;
  }
  if (strcmp(p, "Z") && strcmp(p, "+00:00")) return NULL;
  tm.tm_year -= 1900, tm.tm_mon -= 1;
  time_t secs = timegm(&tm);
  char text[48];
  snprintf(text, sizeof text, "%lld%s%.*s", (long long)secs, frac ? "." : "", frac, t + 20);
  return cJSON_CreateNumber(strtod(text, NULL));
}

#define XML_DEPTH 32
typedef struct frame {
  char name[64];
  cJSON *kids;   /* object or array, once a child element came */
  ca_buf text;
} frame;

typedef struct xparse {
  frame st[XML_DEPTH];
  int depth;     /* frames in use; st[0] is the document */
  int bad;
} xparse;

static void XMLCALL x_start(void *ud, const XML_Char *name, const XML_Char **attrs) {
  (void)attrs;
  xparse *x = ud;
  if (x->bad || x->depth >= XML_DEPTH) {
    x->bad = 1;
    return;
  }
  frame *f = &x->st[x->depth++];
  snprintf(f->name, sizeof f->name, "%s", name);
  f->kids = NULL;
  ca_buf_init(&f->text, 1 << 20);
}

static void XMLCALL x_text(void *ud, const XML_Char *s, int len) {
  xparse *x = ud;
  if (!x->bad && x->depth > 1) ca_buf_add(&x->st[x->depth - 1].text, s, (size_t)len);
}

static void XMLCALL x_end(void *ud, const XML_Char *name) {
  (void)name;
  xparse *x = ud;
  if (x->bad || x->depth <= 1) return;
  frame *f = &x->st[--x->depth];
  frame *parent = &x->st[x->depth - 1];
  cJSON *v = f->kids;
  if (!v && in(lists, f->name)) {
    v = cJSON_CreateArray();
  } else if (!v) {
    const char *t = f->text.data ? f->text.data : "";
    if (in(bools, f->name)) v = cJSON_CreateBool(!strcmp(t, "true"));
    else if (in(nums, f->name) && *t) v = cJSON_CreateNumber(strtod(t, NULL));
    else if (!in(times, f->name) || !(v = epoch(t))) v = cJSON_CreateString(t);
  }
  ca_buf_free(&f->text);
  if (!parent->kids) parent->kids = in(lists, parent->name) ? cJSON_CreateArray() : cJSON_CreateObject();
  if (cJSON_IsArray(parent->kids)) cJSON_AddItemToArray(parent->kids, v);
  else cJSON_AddItemToObject(parent->kids, f->name, v);
}

/* The whole document as nested objects; NULL when it does not parse. */
static cJSON *xml_json(const char *xml, size_t len) {
  xparse *x = calloc(1, sizeof *x);
  if (!x) return NULL;
  x->depth = 1;
  snprintf(x->st[0].name, sizeof x->st[0].name, "#document");
  XML_Parser p = XML_ParserCreate("UTF-8");
  XML_SetUserData(p, x);
  XML_SetElementHandler(p, x_start, x_end);
  XML_SetCharacterDataHandler(p, x_text);
  int ok = XML_Parse(p, xml ? xml : "", (int)len, 1) == XML_STATUS_OK && !x->bad && x->depth == 1;
  XML_ParserFree(p);
  cJSON *doc = x->st[0].kids;
  for (int i = 1; i < x->depth; i++) {   /* a failed parse leaves frames open */
    cJSON_Delete(x->st[i].kids);
    ca_buf_free(&x->st[i].text);
  }
  free(x);
  if (!ok) {
    cJSON_Delete(doc);
    return NULL;
  }
  return doc;
}

/* ---- what to keep ---- */
static int has_dim(const cJSON *dims, const char *name, const char *value) {
  const cJSON *d;
  cJSON_ArrayForEach(d, dims) {
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(d, "Name"), *v = cJSON_GetObjectItemCaseSensitive(d, "Value");
    if (cJSON_IsString(n) && cJSON_IsString(v) && !strcmp(n->valuestring, name) && !strcmp(v->valuestring, value))
      return 1;
  }
  return 0;
}

static int metric_is(const cJSON *m, const char *ns, const char *dim, const char *value) {
  const cJSON *n = cJSON_GetObjectItemCaseSensitive(m, "Namespace");
  return cJSON_IsString(n) && !strcmp(n->valuestring, ns) &&
         has_dim(cJSON_GetObjectItemCaseSensitive(m, "Dimensions"), dim, value);
}

static int watches(const cJSON *ma, const char *ns, const char *dim, const char *value) {
  if (metric_is(ma, ns, dim, value)) return 1;
  const cJSON *q;
  cJSON_ArrayForEach(q, cJSON_GetObjectItemCaseSensitive(ma, "Metrics")) {
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(q, "MetricStat"), "Metric");
    if (m && metric_is(m, ns, dim, value)) return 1;
  }
  return 0;
}

static const char *sv(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : "";
}

/* One region's listing: its pages one after another, JSON 1.0 unless the
 * endpoint refused it on the first page. */
typedef struct region_list {
  ca_col *c;
  cJSON *type;       /* resources.cloudwatch_alarm */
  cJSON *targets;    /* this region's [{ns, dim, value}] */
  char region[64], scope[160];
  char *token;       /* the next page's (NULL: the first); any length */
  long page;
  int query;         /* 1: the query protocol (XML) */
  cJSON *all;        /* every MetricAlarms item so far */
} region_list;

#define OP "cloudwatch:DescribeAlarms"

/* What an endpoint that knows only the query protocol answers a JSON 1.0 request. */
static const char *const no_json[] = {"UnknownOperationException", "InvalidAction", "MissingAction", "HTTP404", NULL};

static void list_free(region_list *rl) {
  free(rl->token);
  cJSON_Delete(rl->targets);
  cJSON_Delete(rl->all);
  free(rl);
}

/* The listing is complete: the alarms that watch a target become resources. */
static void keep_watching(region_list *rl) {
  for (cJSON *ma = rl->all->child; ma; ma = ma->next) {
    const char *arn = sv(ma, "AlarmArn");
    if (!*arn || cJSON_GetObjectItemCaseSensitive(rl->type, arn)) continue;
    const cJSON *t;
    int keep = 0;
    cJSON_ArrayForEach(t, rl->targets) keep |= watches(ma, sv(t, "ns"), sv(t, "dim"), sv(t, "value"));
    if (!keep) continue;
    cJSON *res = cJSON_CreateObject();
    cJSON_AddStringToObject(res, "name", *sv(ma, "AlarmName") ? sv(ma, "AlarmName") : arn);
    cJSON_AddStringToObject(res, "region", rl->region);
    cJSON_AddItemToObject(cJSON_AddObjectToObject(res, "data"), "MetricAlarm", cJSON_Duplicate(ma, 1));
    cJSON_AddItemToObject(rl->type, arn, res);
  }
}

static void next_page(region_list *rl);

/* A page's answer (result: the object holding MetricAlarms and NextToken). */
static void page_in(region_list *rl, cJSON *result) {
  cJSON *items = cJSON_GetObjectItemCaseSensitive(result, "MetricAlarms");
  for (cJSON *it = cJSON_IsArray(items) ? items->child : NULL, *next; it; it = next) {
    next = it->next;
    cJSON_AddItemToArray(rl->all, cJSON_DetachItemViaPointer(items, it));
  }
  const char *nt = sv(result, "NextToken");
  int more = *nt != '\0';
  if (more) {
    free(rl->token);
    if (!(rl->token = strdup(nt))) {
      col_error(rl->c, rl->scope, OP, "ClientError", "out of memory for the next page's token");
      list_free(rl);
      return;
    }
  }
  if (!more) {
    keep_watching(rl);
    list_free(rl);
  } else if (++rl->page >= CA_MAX_AWS_PAGES) {
    col_error(rl->c, rl->scope, OP, "TooManyPages", "pagination did not end within the page limit (CA_MAX_AWS_PAGES)");
    list_free(rl);
  } else {
    next_page(rl);
  }
}

static void xml_done(void *ud, int rc, ca_aws_resp *resp) {
  region_list *rl = ud;
  col_progress_call(rl->c, OP);
  cJSON *doc = rc ? NULL : xml_json(resp->body.data, resp->body.len);
  cJSON *result = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(doc, "DescribeAlarmsResponse"),
                                                   "DescribeAlarmsResult");
  if (!rc && !cJSON_IsObject(result)) {
    snprintf(resp->code, sizeof resp->code, "MalformedResponse");
    snprintf(resp->message, sizeof resp->message, "the answer is not a DescribeAlarmsResponse (%zu bytes)",
             resp->body.len);
    rc = -1;
  }
  if (rc) {
    col_error(rl->c, rl->scope, OP, resp->code, resp->message);
    list_free(rl);
  } else {
    page_in(rl, result);
  }
  cJSON_Delete(doc);
}

static void json_done(ca_col *c, void *ud, cJSON *ans, const char *code) {
  region_list *rl = ud;
  if (ans) {
    page_in(rl, ans);
    cJSON_Delete(ans);
    return;
  }
  if (!strcmp(code, "NotCollected")) {   /* import: no file for this region */
    col_error(c, rl->scope, OP, "NotExported", "this region's alarms are not in the export "
              "(cloudwatch/describe-alarms-REGION.json: docs/import.md)");
  } else if (!rl->page && !c->replay) {   /* a no_json code (the rest were recorded): ask in the query protocol */
    for (int i = 0; no_json[i]; i++)
      if (!strcmp(code, no_json[i])) {
        rl->query = 1;
        next_page(rl);
        return;
      }
  }
  list_free(rl);
}

static void next_page(region_list *rl) {
  ca_col *c = rl->c;
  ca_buf body;
  ca_buf_init(&body, 16 * 1024);
  if (rl->query) {
    ca_buf_adds(&body, "Action=DescribeAlarms&AlarmTypes.member.1=MetricAlarm&MaxRecords=100");
    if (rl->token) {
      ca_buf_adds(&body, "&NextToken=");
      ca_aws_encode(&body, rl->token);
    }
    ca_buf_adds(&body, "&Version=2010-08-01");
    ca_aws_req rq = {"CLOUDWATCH", "monitoring", "monitoring", "DescribeAlarms", "POST", "/", NULL, 0,
                     "application/x-www-form-urlencoded; charset=utf-8", NULL, body.data, body.len};
    ca_aws_submit(c->aws, rl->region, NULL, &rq, xml_done, rl);   /* copies; on failure xml_done ran */
  } else {
    cJSON *req = cJSON_CreateObject();
    cJSON_AddItemToObject(req, "AlarmTypes", cJSON_CreateStringArray((const char *[]){"MetricAlarm"}, 1));
    cJSON_AddNumberToObject(req, "MaxRecords", 100);
    if (rl->token) cJSON_AddStringToObject(req, "NextToken", rl->token);
    char *text = cJSON_PrintUnformatted(req);
    cJSON_Delete(req);
    if (text) ca_buf_adds(&body, text);
    cJSON_free(text);
    ca_aws_req rq = {"CLOUDWATCH", "monitoring", "monitoring", "DescribeAlarms", "POST", "/", NULL, 0,
                     "application/x-amz-json-1.0", "GraniteServiceVersion20100801.DescribeAlarms", body.data,
                     body.len};
    /* x-amzn-query-mode: errors with the query protocol's codes (botocore
     * sends it to awsQueryCompatible services).  A refusal of the protocol is
     * not an error yet: the query protocol is asked next. */
    static const char *const hdrs[] = {"x-amzn-query-mode: true", NULL};
    col_req_hdrs_q(c, rl->region, hdrs, &rq, OP, rl->scope, rl->page || c->replay ? NULL : no_json, json_done, rl);
  }
  ca_buf_free(&body);
}

/* The regions to list, each with its targets: {REGION: {account, targets: [{ns, dim, value}]}}. */
static void add_target(cJSON *regions, const char *region, const char *account, const char *ns, const char *dim,
                       const char *value) {
  cJSON *r = cJSON_GetObjectItemCaseSensitive(regions, region);
  if (!r) {
    r = cJSON_AddObjectToObject(regions, region);
    cJSON_AddStringToObject(r, "account", account);
    cJSON_AddArrayToObject(r, "targets");
  }
  cJSON *t = cJSON_CreateObject();
  cJSON_AddStringToObject(t, "ns", ns);
  cJSON_AddStringToObject(t, "dim", dim);
  cJSON_AddStringToObject(t, "value", value);
  cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(r, "targets"), t);
}

void col_alarms_q(ca_col *c, cJSON *resources) {
  cJSON *type = type_of(resources, "cloudwatch_alarm");
  cJSON *regions = cJSON_CreateObject();
  const cJSON *inst;
  cJSON_ArrayForEach(inst, cJSON_GetObjectItemCaseSensitive(resources, "connect_instance")) {
    char region[64], account[32], res[256];
    if (col_arn_field(inst->string, 3, region, sizeof region) || col_arn_field(inst->string, 4, account, sizeof account) ||
        col_arn_field(inst->string, 5, res, sizeof res) || strncmp(res, "instance/", 9))
      continue;
    add_target(regions, region, account, "AWS/Connect", "InstanceId", res + 9);
    const cJSON *fn;
    cJSON_ArrayForEach(fn, cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(inst, "data"), "LambdaFunctions")) {
      /* arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER] */
      char fr[64], fa[32], rest[320];
      if (!cJSON_IsString(fn) || col_arn_field(fn->valuestring, 3, fr, sizeof fr) ||
          col_arn_field(fn->valuestring, 4, fa, sizeof fa) || col_arn_field(fn->valuestring, 5, rest, sizeof rest) ||
          strncmp(rest, "function:", 9) || !rest[9] || !*fr)
        continue;
      char *name = rest + 9;
      name[strcspn(name, ":")] = '\0';
      add_target(regions, fr, fa, "AWS/Lambda", "FunctionName", name);
    }
  }
  for (cJSON *r = regions->child; r; r = r->next) {
    region_list *rl = calloc(1, sizeof *rl);
    if (!rl || !(rl->all = cJSON_CreateArray())) {
      free(rl);
      col_error(c, "", OP, "ClientError", "out of memory");
      continue;
    }
    rl->c = c, rl->type = type;
    rl->targets = cJSON_DetachItemFromObjectCaseSensitive(r, "targets");
    snprintf(rl->region, sizeof rl->region, "%s", r->string);
    snprintf(rl->scope, sizeof rl->scope, "arn:aws:cloudwatch:%s:%s:alarm:*", r->string, sv(r, "account"));
    next_page(rl);
  }
  cJSON_Delete(regions);
}

/* The query-XML converter on a buffer, for tests/fuzz/fuzz_xml.c. */
cJSON *col_cw_xml_json(const char *xml, size_t len) { return xml_json(xml, len); }
