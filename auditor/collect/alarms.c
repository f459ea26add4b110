/* alarms.c -- CloudWatch metric alarms on the instances and their Lambda
 * functions: DescribeAlarms (cloudwatch 2010-08-01, query protocol, XML
 * answers read with expat; signing name "monitoring"), every page.
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

#include "ca_limits.h"
#include "collect/collect_int.h"
#include "util/buf.h"

/* Field i (0-based, ':'-separated) of an ARN into out (field 5: the whole rest); 0 when present. */
static int arn_field(const char *arn, int i, char *out, size_t outsz) {
  const char *s = arn;
  for (int k = 0; k < i; k++) {
    s = strchr(s, ':');
    if (!s) return -1;
    s++;
  }
  size_t n = i < 5 ? strcspn(s, ":") : strlen(s);
  if (n >= outsz) return -1;
  memcpy(out, s, n);
  out[n] = '\0';
  return 0;
}

static cJSON *type_of(cJSON *resources, const char *type) {
  cJSON *t = cJSON_GetObjectItemCaseSensitive(resources, type);
  return t ? t : cJSON_AddObjectToObject(resources, type);
}

/* ---- XML -> cJSON, by the model's shapes ---- */
static const char *const lists[] = {"MetricAlarms", "CompositeAlarms", "OKActions", "AlarmActions",
                                    "InsufficientDataActions", "Dimensions", "Metrics", NULL};
static const char *const bools[] = {"ActionsEnabled", "ReturnData", NULL};
static const char *const nums[] = {"Period", "EvaluationPeriods", "DatapointsToAlarm", "Threshold",
                                   "EvaluationInterval", NULL};

static int in(const char *const *set, const char *name) {
  for (; *set; set++)
    if (!strcmp(*set, name)) return 1;
  return 0;
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
    else v = cJSON_CreateString(t);
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

/* targets: [{region, ns, dim, value}] */
static void add_target(cJSON *targets, const char *region, const char *ns, const char *dim, const char *value) {
  cJSON *t = cJSON_CreateObject();
  cJSON_AddStringToObject(t, "region", region);
  cJSON_AddStringToObject(t, "ns", ns);
  cJSON_AddStringToObject(t, "dim", dim);
  cJSON_AddStringToObject(t, "value", value);
  cJSON_AddItemToArray(targets, t);
}

static const char *sv(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : "";
}

/* Every metric alarm of region, all pages: a new array, or NULL (recorded). */
static cJSON *describe_alarms(ca_col *c, const char *region, const char *account) {
  char scope[160];
  snprintf(scope, sizeof scope, "arn:aws:cloudwatch:%s:%s:alarm:*", region, account);
  cJSON *all = cJSON_CreateArray();
  char token[4096] = "";
  for (long page = 0; page < CA_MAX_AWS_PAGES; page++) {
    ca_buf body;
    ca_buf_init(&body, 16 * 1024);
    ca_buf_adds(&body, "Action=DescribeAlarms&AlarmTypes.member.1=MetricAlarm&MaxRecords=100");
    if (token[0]) {
      ca_buf_adds(&body, "&NextToken=");
      ca_aws_encode(&body, token);
    }
    ca_buf_adds(&body, "&Version=2010-08-01");
    ca_aws_req rq = {"CLOUDWATCH", "monitoring", "monitoring", "DescribeAlarms", "POST", "/", NULL, 0,
                     "application/x-www-form-urlencoded; charset=utf-8", NULL, body.data, body.len};
    ca_aws_resp resp;
    ca_aws_resp_init(&resp);
    int rc = ca_aws_call_in(c->aws, region, &rq, &resp);
    ca_buf_free(&body);
    cJSON *doc = NULL, *result = NULL;
    if (!rc) {
      doc = xml_json(resp.body.data, resp.body.len);
      result = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(doc, "DescribeAlarmsResponse"),
                                                "DescribeAlarmsResult");
      if (!cJSON_IsObject(result)) {
        snprintf(resp.code, sizeof resp.code, "MalformedResponse");
        snprintf(resp.message, sizeof resp.message, "the answer is not a DescribeAlarmsResponse (%zu bytes)",
                 resp.body.len);
        rc = -1;
      }
    }
    if (rc) {
      col_error(c, scope, "cloudwatch:DescribeAlarms", resp.code, resp.message);
      ca_aws_resp_free(&resp);
      cJSON_Delete(doc);
      cJSON_Delete(all);
      return NULL;
    }
    ca_aws_resp_free(&resp);
    cJSON *items = cJSON_GetObjectItemCaseSensitive(result, "MetricAlarms");
    for (cJSON *it = cJSON_IsArray(items) ? items->child : NULL, *next; it; it = next) {
      next = it->next;
      cJSON_AddItemToArray(all, cJSON_DetachItemViaPointer(items, it));
    }
    const char *nt = sv(result, "NextToken");
    int more = *nt && strlen(nt) < sizeof token;
    if (more) snprintf(token, sizeof token, "%s", nt);
    cJSON_Delete(doc);
    if (!more) return all;
  }
  col_error(c, scope, "cloudwatch:DescribeAlarms", "TooManyPages",
            "pagination did not end within the page limit (CA_MAX_AWS_PAGES)");
  cJSON_Delete(all);
  return NULL;
}

void col_alarms(ca_col *c, cJSON *resources) {
  cJSON *type = type_of(resources, "cloudwatch_alarm");
  cJSON *targets = cJSON_CreateArray(), *regions = cJSON_CreateObject();   /* region -> account */
  const cJSON *inst;
  cJSON_ArrayForEach(inst, cJSON_GetObjectItemCaseSensitive(resources, "connect_instance")) {
    char region[64], account[32], res[256];
    if (arn_field(inst->string, 3, region, sizeof region) || arn_field(inst->string, 4, account, sizeof account) ||
        arn_field(inst->string, 5, res, sizeof res) || strncmp(res, "instance/", 9))
      continue;
    add_target(targets, region, "AWS/Connect", "InstanceId", res + 9);
    if (!cJSON_GetObjectItemCaseSensitive(regions, region)) cJSON_AddStringToObject(regions, region, account);
    const cJSON *fn;
    cJSON_ArrayForEach(fn, cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(inst, "data"), "LambdaFunctions")) {
      /* arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER] */
      char fr[64], fa[32], rest[320];
      if (!cJSON_IsString(fn) || arn_field(fn->valuestring, 3, fr, sizeof fr) ||
          arn_field(fn->valuestring, 4, fa, sizeof fa) || arn_field(fn->valuestring, 5, rest, sizeof rest) ||
          strncmp(rest, "function:", 9) || !rest[9] || !*fr)
        continue;
      char *name = rest + 9;
      name[strcspn(name, ":")] = '\0';
      add_target(targets, fr, "AWS/Lambda", "FunctionName", name);
      if (!cJSON_GetObjectItemCaseSensitive(regions, fr)) cJSON_AddStringToObject(regions, fr, fa);
    }
  }
  const cJSON *r;
  cJSON_ArrayForEach(r, regions) {
    cJSON *alarms = describe_alarms(c, r->string, r->valuestring);
    for (cJSON *ma = alarms ? alarms->child : NULL; ma; ma = ma->next) {
      const char *arn = sv(ma, "AlarmArn");
      if (!*arn || cJSON_GetObjectItemCaseSensitive(type, arn)) continue;
      const cJSON *t;
      int keep = 0;
      cJSON_ArrayForEach(t, targets) {
        if (!strcmp(sv(t, "region"), r->string) && watches(ma, sv(t, "ns"), sv(t, "dim"), sv(t, "value"))) keep = 1;
      }
      if (!keep) continue;
      cJSON *res = cJSON_CreateObject();
      cJSON_AddStringToObject(res, "name", *sv(ma, "AlarmName") ? sv(ma, "AlarmName") : arn);
      cJSON_AddStringToObject(res, "region", r->string);
      cJSON_AddItemToObject(cJSON_AddObjectToObject(res, "data"), "MetricAlarm", cJSON_Duplicate(ma, 1));
      cJSON_AddItemToObject(type, arn, res);
    }
    cJSON_Delete(alarms);
  }
  cJSON_Delete(targets);
  cJSON_Delete(regions);
}
