/* ds.c -- Directory Service directories (ds 2015-04-16, json 1.1, target
 * DirectoryService_20150416) for instances whose identity type is
 * EXISTING_DIRECTORY.  DescribeInstance does not name the directory, so every
 * directory of the instance's region is collected (DescribeDirectories, all
 * pages), once per region, queued as soon as DescribeInstance has answered;
 * the rules judge all of them.  An instance whose DescribeInstance failed
 * (type unknown) counts as one that may use a directory.  A failure is an
 * errors[] entry "ds:DescribeDirectories" against the scope ARN
 * arn:aws:ds:REGION:ACCOUNT:directory/ followed by "*" (the rules read it per
 * region).  RadiusSettings.SharedSecret, should an answer carry it, is a
 * secret and is never written to the snapshot. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect_int.h"
#include "collect/services.h"

typedef struct dsq {
  cJSON *resources;
  char region[64], account[32];
} dsq;

static void listed_directories(ca_col *c, void *ud, cJSON *all, const char *code) {
  (void)c, (void)code;
  dsq *q = ud;
  for (cJSON *d = all ? all->child : NULL; d; d = d->next) {
    const char *id = col_str(d, "DirectoryId");
    if (!id) continue;
    cJSON_DeleteItemFromObjectCaseSensitive(cJSON_GetObjectItemCaseSensitive(d, "RadiusSettings"), "SharedSecret");
    char arn[256];
    snprintf(arn, sizeof arn, "arn:aws:ds:%s:%s:directory/%s", q->region, q->account, id);
    cJSON *data = col_resource(q->resources, "ds_directory", arn, col_str(d, "Name") ? col_str(d, "Name") : id, q->region);
    if (data) cJSON_AddItemToObject(data, "Directory", cJSON_Duplicate(d, 1));
  }
  cJSON_Delete(all);
  free(q);
}

void col_ds_q(ca_col *c, cJSON *resources, const char *instance_arn) {
  dsq *q = calloc(1, sizeof *q);
  if (!q) {
    col_error(c, instance_arn, "collect", "ClientError", "out of memory");
    return;
  }
  if (col_arn_field(instance_arn, 3, q->region, sizeof q->region) ||
      col_arn_field(instance_arn, 4, q->account, sizeof q->account)) {
    free(q);
    return;
  }
  char key[80];   /* each region once per run: c->once["ds:<region>"] */
  snprintf(key, sizeof key, "ds:%s", q->region);
  if (!c->once) c->once = cJSON_CreateObject();
  if (!c->once || cJSON_GetObjectItemCaseSensitive(c->once, key)) {
    free(q);
    return;
  }
  cJSON_AddTrueToObject(c->once, key);
  q->resources = resources;
  char scope[160];
  snprintf(scope, sizeof scope, "arn:aws:ds:%s:%s:directory/*", q->region, q->account);
  col_req r = {.service_env = "DIRECTORY_SERVICE", .prefix = "ds", .signing = "ds", .op = "DescribeDirectories",
               .target = "DirectoryService_20150416", .region = q->region};
  cJSON *body = cJSON_CreateObject();
  col_list_in_q(c, &r, body, "DirectoryDescriptions", "NextToken", scope, NULL, listed_directories, q);
  cJSON_Delete(body);
}
