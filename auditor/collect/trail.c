/* trail.c -- what would alert on a change (IAM-1): the CloudTrail trails
 * (cloudtrail_trail), the metric filters on the log group a trail delivers
 * to and the alarms on their metrics, and the EventBridge rules whose
 * pattern names IAM or Amazon Connect events (events_rule).
 *
 * Asked in every instance's region and in us-east-1 -- where IAM, a global
 * service, delivers its CloudTrail events (to a trail's log group when the
 * trail takes global service events, and to EventBridge) -- each region once
 * per run:
 *   CloudTrail 2013-11-01 (json 1.1) DescribeTrails with includeShadowTrails
 *     (a multi-region trail is listed in every region: one resource by its
 *     TrailARN), then in the trail's HomeRegion GetTrailStatus (data.Status)
 *     and GetEventSelectors (data.EventSelectors: the whole answer);
 *   CloudWatch Logs DescribeMetricFilters on the trail's
 *     CloudWatchLogsLogGroupArn (in that group's region, every page:
 *     data.MetricFilters), then CloudWatch DescribeAlarmsForMetric (json 1.0)
 *     for each filter's metric: data.MetricAlarms, every alarm of every
 *     metric, once all are in (absent when one failed);
 *   EventBridge (json 1.1, AWSEvents) ListRules on the default bus, every page;
 *     a rule whose EventPattern names aws.iam, aws.connect, iam.amazonaws.com
 *     or connect.amazonaws.com becomes an events_rule (data.Rule, the ListRules
 *     item; data.EventPattern, its pattern parsed) with ListTargetsByRule's
 *     targets (data.Targets, every page).
 * Failures: DescribeTrails and ListRules are errors[] entries against
 * arn:aws:cloudtrail:REGION:ACCOUNT:trail/ and arn:aws:events:REGION:ACCOUNT:rule/
 * (each followed by "*"), the rest against the trail's or rule's ARN; what
 * failed stays absent, and the rules say `error` where it decides.  Import
 * (docs/import.md): a region's DescribeTrails or ListRules without its file
 * is such an entry too, code NotExported. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect_int.h"
#include "collect/services.h"

#define CT_TARGET "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"
#define GLOBAL_REGION "us-east-1"   /* where IAM's events are delivered */

typedef struct treg {
  cJSON *resources;
  char region[64], account[32], scope[160];
} treg;

/* One trail's metric alarms: DescribeAlarmsForMetric per metric, gathered. */
typedef struct talarms {
  cJSON *data;
  cJSON *all;        /* every MetricAlarms item, by AlarmArn once */
  int pending, failed;
  char arn[600];
} talarms;

typedef struct tmember {   /* a whole answer (or one member of it) into data[member] */
  cJSON *data;
  const char *member, *take;
  char arn[600], op[64];
} tmember;

static treg *treg_new(ca_col *c, cJSON *resources, const char *region, const char *account, const char *fmt) {
  treg *t = calloc(1, sizeof *t);
  if (!t) {
    col_error(c, "", "collect", "ClientError", "out of memory");
    return NULL;
  }
  t->resources = resources;
  snprintf(t->region, sizeof t->region, "%s", region);
  snprintf(t->account, sizeof t->account, "%s", account);
  snprintf(t->scope, sizeof t->scope, fmt, region, account);
  return t;
}

static void got_member(ca_col *c, void *ud, cJSON *ans, const char *code) {
  (void)code;
  tmember *m = ud;
  if (ans) {
    cJSON *v = ans;
    if (m->take) {
      v = cJSON_DetachItemFromObjectCaseSensitive(ans, m->take);
      cJSON_Delete(ans);
      if (!v) {
        char what[96];
        snprintf(what, sizeof what, "the answer has no %s", m->take);
        col_error(c, m->arn, m->op, "MalformedResponse", what);
      }
    }
    if (v) cJSON_AddItemToObject(m->data, m->member, v);
  }
  free(m);
}

static tmember *member_new(ca_col *c, cJSON *data, const char *member, const char *take, const char *arn, const char *op) {
  tmember *m = calloc(1, sizeof *m);
  if (!m) {
    col_error(c, arn, op, "ClientError", "out of memory");
    return NULL;
  }
  m->data = data, m->member = member, m->take = take;
  snprintf(m->arn, sizeof m->arn, "%s", arn);
  snprintf(m->op, sizeof m->op, "%s", op);
  return m;
}

/* ---- alarms on the filters' metrics ---- */
static void alarms_end(talarms *a) {
  if (--a->pending) return;
  if (!a->failed) cJSON_AddItemToObject(a->data, "MetricAlarms", a->all);
  else cJSON_Delete(a->all);
  free(a);
}

static void got_alarms(ca_col *c, void *ud, cJSON *ans, const char *code) {
  (void)c, (void)code;
  talarms *a = ud;
  cJSON *items = ans ? cJSON_GetObjectItemCaseSensitive(ans, "MetricAlarms") : NULL;
  if (!ans) a->failed = 1;   /* recorded */
  for (cJSON *it = cJSON_IsArray(items) ? items->child : NULL, *next; it; it = next) {
    next = it->next;
    const char *arn = col_str(it, "AlarmArn");
    int dup = 0;
    for (const cJSON *x = a->all->child; arn && x && !dup; x = x->next) dup = col_str(x, "AlarmArn") && !strcmp(col_str(x, "AlarmArn"), arn);
    if (!dup) cJSON_AddItemToArray(a->all, cJSON_DetachItemViaPointer(items, it));
  }
  cJSON_Delete(ans);
  alarms_end(a);
}

typedef struct tfilters {   /* a trail's log group: its filters, then their alarms */
  cJSON *data;
  char arn[600], region[64];
} tfilters;

static void got_filters(ca_col *c, void *ud, cJSON *filters, const char *code) {
  (void)code;
  tfilters *m = ud;
  if (!filters) goto done;   /* recorded */
  cJSON_AddItemToObject(m->data, "MetricFilters", filters);
  talarms *a = calloc(1, sizeof *a);
  if (!a || !(a->all = cJSON_CreateArray())) {
    free(a);
    col_error(c, m->arn, "cloudwatch:DescribeAlarmsForMetric", "ClientError", "out of memory");
    goto done;
  }
  a->data = m->data, a->pending = 1;
  snprintf(a->arn, sizeof a->arn, "%s", m->arn);
  const cJSON *f, *t;
  cJSON_ArrayForEach(f, filters) cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(f, "metricTransformations")) {
    const char *name = col_str(t, "metricName"), *ns = col_str(t, "metricNamespace");
    if (!name || !ns) continue;
    cJSON *body = cJSON_CreateObject();
    cJSON_AddStringToObject(body, "MetricName", name);
    cJSON_AddStringToObject(body, "Namespace", ns);
    col_req r = {.service_env = "CLOUDWATCH", .prefix = "monitoring", .signing = "monitoring",
                 .op = "DescribeAlarmsForMetric", .target = "GraniteServiceVersion20100801", .json = "1.0",
                 .region = m->region, .operation = "cloudwatch:DescribeAlarmsForMetric"};
    a->pending++;
    col_json_in_q(c, &r, body, m->arn, NULL, got_alarms, a);
    cJSON_Delete(body);
  }
  alarms_end(a);
done:
  free(m);
}

/* ---- trails ---- */
static void one_trail(ca_col *c, treg *t, cJSON *tr) {
  const char *arn = col_str(tr, "TrailARN"), *home = col_str(tr, "HomeRegion");
  char region[64];
  if (!arn || col_arn_field(arn, 3, region, sizeof region)) return;
  if (home) snprintf(region, sizeof region, "%s", home);
  cJSON *data = col_resource(t->resources, "cloudtrail_trail", arn, col_str(tr, "Name") ? col_str(tr, "Name") : arn, region);
  if (!data) return;   /* a multi-region trail, listed in another region already */
  cJSON_AddItemToObject(data, "Trail", cJSON_Duplicate(tr, 1));
  cJSON *body = cJSON_CreateObject();
  cJSON_AddStringToObject(body, "Name", arn);
  col_req r = {.service_env = "CLOUDTRAIL", .prefix = "cloudtrail", .signing = "cloudtrail", .op = "GetTrailStatus",
               .target = CT_TARGET, .region = region};
  tmember *m = member_new(c, data, "Status", NULL, arn, "cloudtrail:GetTrailStatus");
  if (m) col_json_in_q(c, &r, body, arn, NULL, got_member, m);
  cJSON_Delete(body);
  body = cJSON_CreateObject();
  cJSON_AddStringToObject(body, "TrailName", arn);
  r.op = "GetEventSelectors";
  if ((m = member_new(c, data, "EventSelectors", NULL, arn, "cloudtrail:GetEventSelectors")))
    col_json_in_q(c, &r, body, arn, NULL, got_member, m);
  cJSON_Delete(body);
  /* arn:aws:logs:R:A:log-group:NAME:* */
  const char *group = col_str(tr, "CloudWatchLogsLogGroupArn");
  char greg[64], rest[600];
  if (!group || col_arn_field(group, 3, greg, sizeof greg) || col_arn_field(group, 5, rest, sizeof rest) ||
      strncmp(rest, "log-group:", 10) || !rest[10])
    return;
  size_t n = strlen(rest);
  if (n > 12 && !strcmp(rest + n - 2, ":*")) rest[n - 2] = '\0';
  tfilters *f = calloc(1, sizeof *f);
  if (!f) {
    col_error(c, arn, "logs:DescribeMetricFilters", "ClientError", "out of memory");
    return;
  }
  f->data = data;
  snprintf(f->arn, sizeof f->arn, "%s", arn);
  snprintf(f->region, sizeof f->region, "%s", greg);
  body = cJSON_CreateObject();
  cJSON_AddStringToObject(body, "logGroupName", rest + 10);
  cJSON_AddNumberToObject(body, "limit", 50);
  col_req lr = {.service_env = "CLOUDWATCH_LOGS", .prefix = "logs", .signing = "logs", .op = "DescribeMetricFilters",
                .target = "Logs_20140328", .region = greg};
  col_list_in_q(c, &lr, body, "metricFilters", "nextToken", arn, NULL, got_filters, f);
  cJSON_Delete(body);
}

/* import: a region the export has no file for was not exported -- an
 * errors[] entry, so that no rule reads its silence as "no trail, no rule". */
static void not_exported(ca_col *c, const treg *t, const char *code, const char *op, const char *file) {
  if (strcmp(code, "NotCollected")) return;
  char msg[256];
  snprintf(msg, sizeof msg, "this region's answer is not in the export (%s-%s.json: docs/import.md)", file, t->region);
  col_error(c, t->scope, op, "NotExported", msg);
}

static void listed_trails(ca_col *c, void *ud, cJSON *ans, const char *code) {
  treg *t = ud;
  if (!ans) not_exported(c, t, code, "cloudtrail:DescribeTrails", "cloudtrail/describe-trails");
  cJSON *list = ans ? cJSON_GetObjectItemCaseSensitive(ans, "trailList") : NULL;
  if (ans && !cJSON_IsArray(list)) col_error(c, t->scope, "cloudtrail:DescribeTrails", "MalformedResponse", "the answer has no trailList");
  cJSON *tr;
  cJSON_ArrayForEach(tr, list) one_trail(c, t, tr);
  cJSON_Delete(ans);
  free(t);
}

/* ---- EventBridge rules ---- */
static int names_watched(const char *pattern) {
  static const char *const words[] = {"aws.iam", "aws.connect", "iam.amazonaws.com", "connect.amazonaws.com", NULL};
  for (int i = 0; words[i]; i++)
    if (strstr(pattern, words[i])) return 1;
  return 0;
}

static void got_targets(ca_col *c, void *ud, cJSON *targets, const char *code) {
  (void)c, (void)code;
  tmember *m = ud;
  if (targets) cJSON_AddItemToObject(m->data, "Targets", targets);
  free(m);
}

static void listed_rules(ca_col *c, void *ud, cJSON *rules, const char *code) {
  treg *t = ud;
  if (!rules) not_exported(c, t, code, "events:ListRules", "events/list-rules");
  cJSON *rule;
  cJSON_ArrayForEach(rule, rules) {
    const char *arn = col_str(rule, "Arn"), *name = col_str(rule, "Name"), *pat = col_str(rule, "EventPattern");
    if (!arn || !name || !pat || !names_watched(pat)) continue;
    cJSON *data = col_resource(t->resources, "events_rule", arn, name, t->region);
    if (!data) continue;
    cJSON_AddItemToObject(data, "Rule", cJSON_Duplicate(rule, 1));
    cJSON *parsed = cJSON_Parse(pat);   /* data.EventPattern: the pattern parsed, as policy documents are */
    if (cJSON_IsObject(parsed)) cJSON_AddItemToObject(data, "EventPattern", parsed);
    else {
      cJSON_Delete(parsed);
      col_error(c, arn, "events:ListRules", "MalformedResponse", "the rule's EventPattern is not a JSON object");
    }
    tmember *m = member_new(c, data, "Targets", NULL, arn, "events:ListTargetsByRule");
    if (!m) continue;
    cJSON *body = cJSON_CreateObject();
    cJSON_AddStringToObject(body, "Rule", name);
    cJSON_AddNumberToObject(body, "Limit", 100);
    col_req r = {.service_env = "EVENTBRIDGE", .prefix = "events", .signing = "events", .op = "ListTargetsByRule",
                 .target = "AWSEvents", .region = t->region};
    col_list_in_q(c, &r, body, "Targets", "NextToken", arn, NULL, got_targets, m);
    cJSON_Delete(body);
  }
  cJSON_Delete(rules);
  free(t);
}

/* ---- each region once ---- */
static void region_q(ca_col *c, cJSON *resources, const char *region, const char *account) {
  char key[96];
  snprintf(key, sizeof key, "trail:%s", region);
  if (!c->once) c->once = cJSON_CreateObject();
  if (!c->once || cJSON_GetObjectItemCaseSensitive(c->once, key)) return;
  cJSON_AddTrueToObject(c->once, key);
  treg *t = treg_new(c, resources, region, account, "arn:aws:cloudtrail:%s:%s:trail/*");
  if (t) {
    cJSON *body = cJSON_CreateObject();
    cJSON_AddTrueToObject(body, "includeShadowTrails");
    col_req r = {.service_env = "CLOUDTRAIL", .prefix = "cloudtrail", .signing = "cloudtrail", .op = "DescribeTrails",
                 .target = CT_TARGET, .region = t->region};
    col_json_in_q(c, &r, body, t->scope, NULL, listed_trails, t);
    cJSON_Delete(body);
  }
  if ((t = treg_new(c, resources, region, account, "arn:aws:events:%s:%s:rule/*"))) {
    cJSON *body = cJSON_CreateObject();
    cJSON_AddNumberToObject(body, "Limit", 100);
    col_req r = {.service_env = "EVENTBRIDGE", .prefix = "events", .signing = "events", .op = "ListRules",
                 .target = "AWSEvents", .region = t->region};
    col_list_in_q(c, &r, body, "Rules", "NextToken", t->scope, NULL, listed_rules, t);
    cJSON_Delete(body);
  }
}

void col_trails_q(ca_col *c, cJSON *resources) {
  col_type(resources, "cloudtrail_trail");
  col_type(resources, "events_rule");
  const cJSON *inst;
  cJSON_ArrayForEach(inst, cJSON_GetObjectItemCaseSensitive(resources, "connect_instance")) {
    char region[64], account[32];
    if (col_arn_field(inst->string, 3, region, sizeof region) || col_arn_field(inst->string, 4, account, sizeof account))
      continue;
    region_q(c, resources, region, account);
    region_q(c, resources, GLOBAL_REGION, account);
  }
}
