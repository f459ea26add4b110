/* logs.c -- the instance's CloudWatch Logs log group, /aws/connect/<alias>
 * (where Amazon Connect writes flow logs): DescribeLogGroups (json 1.1,
 * Logs_20140328) with logGroupNamePrefix, all pages (`nextToken`), the group
 * of exactly that name kept as AWS sends it -- a missing retentionInDays
 * means the events never expire, and stays missing.  Key: logGroupArn, or
 * `arn` without its ":*".  No such group (flow logs never enabled): no
 * resource. */
#include <stdio.h>
#include <string.h>

#include "ca_limits.h"
#include "collect/collect_int.h"

void col_log_group(ca_col *c, cJSON *resources, const char *instance_arn, const char *alias) {
  char region[64], account[32], name[512], garn[1024];
  if (col_arn_field(instance_arn, 3, region, sizeof region) || col_arn_field(instance_arn, 4, account, sizeof account))
    return;
  snprintf(name, sizeof name, "/aws/connect/%s", alias);
  snprintf(garn, sizeof garn, "arn:aws:logs:%s:%s:log-group:%s", region, account, name);
  col_req r = {.service_env = "CLOUDWATCH_LOGS", .prefix = "logs", .signing = "logs", .op = "DescribeLogGroups",
               .target = "Logs_20140328", .region = region};
  char token[4096] = "";
  cJSON *found = NULL;
  for (long page = 0; page < CA_MAX_AWS_PAGES; page++) {
    cJSON *body = cJSON_CreateObject(), *ans;
    cJSON_AddStringToObject(body, "logGroupNamePrefix", name);
    cJSON_AddNumberToObject(body, "limit", 50);
    if (token[0]) cJSON_AddStringToObject(body, "nextToken", token);
    int rc = col_json_in(c, &r, body, garn, &ans);
    cJSON_Delete(body);
    if (rc) {
      cJSON_Delete(found);
      return;
    }
    cJSON *groups = cJSON_GetObjectItemCaseSensitive(ans, "logGroups");
    for (cJSON *g = cJSON_IsArray(groups) ? groups->child : NULL; g && !found; g = g->next) {
      const cJSON *n = cJSON_GetObjectItemCaseSensitive(g, "logGroupName");
      if (cJSON_IsString(n) && !strcmp(n->valuestring, name)) found = cJSON_DetachItemViaPointer(groups, g);
    }
    const cJSON *nt = cJSON_GetObjectItemCaseSensitive(ans, "nextToken");
    int more = cJSON_IsString(nt) && *nt->valuestring && strlen(nt->valuestring) < sizeof token;
    if (more) snprintf(token, sizeof token, "%s", nt->valuestring);
    cJSON_Delete(ans);
    if (!more) break;
    if (page == CA_MAX_AWS_PAGES - 1) {
      col_error(c, garn, "logs:DescribeLogGroups", "TooManyPages", "pagination did not end within the page limit (CA_MAX_AWS_PAGES)");
      cJSON_Delete(found);
      return;
    }
  }
  if (!found) return;
  const cJSON *ga = cJSON_GetObjectItemCaseSensitive(found, "logGroupArn"), *a = cJSON_GetObjectItemCaseSensitive(found, "arn");
  if (cJSON_IsString(ga) && *ga->valuestring) snprintf(garn, sizeof garn, "%s", ga->valuestring);
  else if (cJSON_IsString(a) && *a->valuestring) {
    snprintf(garn, sizeof garn, "%s", a->valuestring);
    size_t n = strlen(garn);
    if (n > 2 && !strcmp(garn + n - 2, ":*")) garn[n - 2] = '\0';
  }
  cJSON *data = col_resource(resources, "logs_log_group", garn, name, region);
  if (data) cJSON_AddItemToObject(data, "LogGroup", found);
  else cJSON_Delete(found);
}
