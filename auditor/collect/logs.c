/* logs.c -- the instance's CloudWatch Logs log group, /aws/connect/<alias>
 * (where Amazon Connect writes flow logs), queued once DescribeInstance has
 * answered (the alias): DescribeLogGroups (json 1.1, Logs_20140328) with
 * logGroupNamePrefix, all pages (`nextToken`), the group of exactly that
 * name kept as AWS sends it -- a missing retentionInDays means the events
 * never expire, and stays missing.  Key: logGroupArn, or `arn` without its
 * ":*".  No such group (flow logs never enabled): no resource. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect_int.h"

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

void col_log_group_q(ca_col *c, cJSON *resources, const char *instance_arn, const char *alias) {
  char account[32];
  lg *l = calloc(1, sizeof *l);
  if (!l) {
    col_error(c, instance_arn, "collect", "ClientError", "out of memory");
    return;
  }
  if (col_arn_field(instance_arn, 3, l->region, sizeof l->region) || col_arn_field(instance_arn, 4, account, sizeof account)) {
    free(l);
    return;
  }
  l->resources = resources;
  snprintf(l->name, sizeof l->name, "/aws/connect/%s", alias);
  snprintf(l->garn, sizeof l->garn, "arn:aws:logs:%s:%s:log-group:%s", l->region, account, l->name);
  col_req r = {.service_env = "CLOUDWATCH_LOGS", .prefix = "logs", .signing = "logs", .op = "DescribeLogGroups",
               .target = "Logs_20140328", .region = l->region};
  cJSON *body = cJSON_CreateObject();
  cJSON_AddStringToObject(body, "logGroupNamePrefix", l->name);
  cJSON_AddNumberToObject(body, "limit", 50);
  col_list_in_q(c, &r, body, "logGroups", "nextToken", l->garn, NULL, listed_log_groups, l);
  cJSON_Delete(body);
}
