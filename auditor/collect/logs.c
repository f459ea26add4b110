/* logs.c -- the instance's CloudWatch Logs log group, /aws/connect/<alias>
 * (where Amazon Connect writes flow logs), queued once DescribeInstance has
 * answered (the alias), and the groups Lex V2 aliases write text logs to
 * (lex.c), each asked once in its region: DescribeLogGroups (json 1.1, Logs_20140328) with
 * logGroupNamePrefix, all pages (`nextToken`), the group of exactly that
 * name kept as AWS sends it -- a missing retentionInDays means the events
 * never expire, and stays missing.  Key: logGroupArn, or `arn` without its
 * ":*".  No such group (flow logs never enabled): no resource. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect_int.h"
#include "collect/services.h"

typedef struct lg {
  cJSON *resources;
  char name[512], garn[1024], region[64];
} lg;

/* Every page is in: the group of exactly that name, if any. */
static void listed_log_groups(ca_col *c, void *ud, cJSON *groups, const char *code) {
  (void)c, (void)code;
  lg *l = ud;
  cJSON *found = NULL;
  for (cJSON *g = groups ? groups->child : NULL; g && !found; g = g->next) {
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(g, "logGroupName");
    if (cJSON_IsString(n) && !strcmp(n->valuestring, l->name)) found = cJSON_DetachItemViaPointer(groups, g);
  }
  cJSON_Delete(groups);
  if (found) {
    const cJSON *ga = cJSON_GetObjectItemCaseSensitive(found, "logGroupArn"), *a = cJSON_GetObjectItemCaseSensitive(found, "arn");
    if (cJSON_IsString(ga) && *ga->valuestring) snprintf(l->garn, sizeof l->garn, "%s", ga->valuestring);
    else if (cJSON_IsString(a) && *a->valuestring) {
      snprintf(l->garn, sizeof l->garn, "%s", a->valuestring);
      size_t n = strlen(l->garn);
      if (n > 2 && !strcmp(l->garn + n - 2, ":*")) l->garn[n - 2] = '\0';
    }
    cJSON *data = col_resource(l->resources, "logs_log_group", l->garn, l->name, l->region);
    if (data) cJSON_AddItemToObject(data, "LogGroup", found);
    else cJSON_Delete(found);
  }
  free(l);
}

/* DescribeLogGroups with the name as prefix in region; garn keys the resource. */
static void ask(ca_col *c, cJSON *resources, const char *region, const char *name, const char *garn, const char *err_arn) {
  if (!c->once) c->once = cJSON_CreateObject();
  if (!c->once || cJSON_GetObjectItemCaseSensitive(c->once, garn)) return;   /* asked already */
  cJSON_AddTrueToObject(c->once, garn);
  lg *l = calloc(1, sizeof *l);
  if (!l || strlen(name) >= sizeof l->name || strlen(garn) >= sizeof l->garn || strlen(region) >= sizeof l->region) {
    free(l);
    col_error(c, err_arn, "logs:DescribeLogGroups", "ClientError", "log group name too long, or out of memory");
    return;
  }
  l->resources = resources;
  snprintf(l->name, sizeof l->name, "%s", name);
  snprintf(l->garn, sizeof l->garn, "%s", garn);
  snprintf(l->region, sizeof l->region, "%s", region);
  col_req r = {.service_env = "CLOUDWATCH_LOGS", .prefix = "logs", .signing = "logs", .op = "DescribeLogGroups",
               .target = "Logs_20140328", .region = l->region};
  cJSON *body = cJSON_CreateObject();
  cJSON_AddStringToObject(body, "logGroupNamePrefix", l->name);
  cJSON_AddNumberToObject(body, "limit", 50);
  col_list_in_q(c, &r, body, "logGroups", "nextToken", err_arn, NULL, listed_log_groups, l);
  cJSON_Delete(body);
}

void col_log_group_q(ca_col *c, cJSON *resources, const char *instance_arn, const char *alias) {
  char region[64], account[32], name[512], garn[1024];
  if (col_arn_field(instance_arn, 3, region, sizeof region) || col_arn_field(instance_arn, 4, account, sizeof account))
    return;
  snprintf(name, sizeof name, "/aws/connect/%s", alias);
  snprintf(garn, sizeof garn, "arn:aws:logs:%s:%s:log-group:%s", region, account, name);
  ask(c, resources, region, name, garn, garn);
}

void col_log_group_arn_q(ca_col *c, cJSON *resources, const char *group_arn, const char *err_arn) {
  char region[64], rest[1024], garn[1024];
  if (strncmp(group_arn, "arn:", 4) || col_arn_field(group_arn, 3, region, sizeof region) ||
      col_arn_field(group_arn, 5, rest, sizeof rest) || strncmp(rest, "log-group:", 10) || !rest[10]) {
    col_error(c, err_arn, "logs:DescribeLogGroups", "MalformedArn",
              "not a log group ARN (arn:aws:logs:REGION:ACCOUNT:log-group:NAME)");
    return;
  }
  size_t n = strlen(rest);
  if (n > 12 && !strcmp(rest + n - 2, ":*")) rest[n - 2] = '\0';   /* the key: the ARN without ":*" */
  snprintf(garn, sizeof garn, "%.*s%s", (int)(strlen(group_arn) - n), group_arn, rest);
  ask(c, resources, region, rest + 10, garn, garn);
}
