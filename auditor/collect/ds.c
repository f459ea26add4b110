/* ds.c -- Directory Service directories (ds 2015-04-16, json 1.1, target
 * DirectoryService_20150416) for instances whose identity type is
 * EXISTING_DIRECTORY.  DescribeInstance does not name the directory, so every
 * directory of the instance's region is collected (DescribeDirectories, all
 * pages), once per region; the rules judge all of them.  An instance whose
 * DescribeInstance failed (type unknown) counts as one that may use a
 * directory.  A failure is an errors[] entry "ds:DescribeDirectories" against
 * the scope ARN arn:aws:ds:REGION:ACCOUNT:directory/ followed by "*" (the rules read it per region).
 * RadiusSettings.SharedSecret, should an answer carry it, is a secret and is
 * never written to the snapshot. */
#include <stdio.h>
#include <string.h>

#include "ca_limits.h"
#include "collect/collect_int.h"

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

static const char *sv(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void region_directories(ca_col *c, cJSON *type, const char *region, const char *account) {
  char scope[160];
  snprintf(scope, sizeof scope, "arn:aws:ds:%s:%s:directory/*", region, account);
  cJSON *all = cJSON_CreateArray();
  char token[4096] = "";
  int ok = 0;
  for (long page = 0; page < CA_MAX_AWS_PAGES; page++) {
    cJSON *req = cJSON_CreateObject();
    if (token[0]) cJSON_AddStringToObject(req, "NextToken", token);
    char *body = cJSON_PrintUnformatted(req);
    cJSON_Delete(req);
    ca_aws_req rq = {"DIRECTORY_SERVICE", "ds", "ds", "DescribeDirectories", "POST", "/", NULL, 0,
                     "application/x-amz-json-1.1", "DirectoryService_20150416.DescribeDirectories", body,
                     body ? strlen(body) : 0};
    cJSON *ans;
    int rc = col_call_in(c, region, &rq, "ds:DescribeDirectories", scope, NULL, &ans, NULL, 0);
    cJSON_free(body);
    if (rc) break;
    cJSON *items = cJSON_GetObjectItemCaseSensitive(ans, "DirectoryDescriptions");
    for (cJSON *it = cJSON_IsArray(items) ? items->child : NULL, *next; it; it = next) {
      next = it->next;
      cJSON_AddItemToArray(all, cJSON_DetachItemViaPointer(items, it));
    }
    const char *nt = sv(ans, "NextToken");
    int more = nt && *nt && strlen(nt) < sizeof token;
    if (more) snprintf(token, sizeof token, "%s", nt);
    cJSON_Delete(ans);
    if (!more) {
      ok = 1;
      break;
    }
    if (page + 1 == CA_MAX_AWS_PAGES)
      col_error(c, scope, "ds:DescribeDirectories", "TooManyPages",
                "pagination did not end within the page limit (CA_MAX_AWS_PAGES)");
  }
  for (cJSON *d = ok ? all->child : NULL; d; d = d->next) {
    const char *id = sv(d, "DirectoryId");
    if (!id) continue;
    cJSON_DeleteItemFromObjectCaseSensitive(cJSON_GetObjectItemCaseSensitive(d, "RadiusSettings"), "SharedSecret");
    char arn[256];
    snprintf(arn, sizeof arn, "arn:aws:ds:%s:%s:directory/%s", region, account, id);
    if (cJSON_GetObjectItemCaseSensitive(type, arn)) continue;
    cJSON *res = cJSON_CreateObject();
    cJSON_AddStringToObject(res, "name", sv(d, "Name") ? sv(d, "Name") : id);
    cJSON_AddStringToObject(res, "region", region);
    cJSON_AddItemToObject(cJSON_AddObjectToObject(res, "data"), "Directory", cJSON_Duplicate(d, 1));
    cJSON_AddItemToObject(type, arn, res);
  }
  cJSON_Delete(all);
}

void col_ds(ca_col *c, cJSON *resources) {
  cJSON *type = type_of(resources, "ds_directory");
  cJSON *done = cJSON_CreateObject();   /* regions already listed */
  const cJSON *inst;
  cJSON_ArrayForEach(inst, cJSON_GetObjectItemCaseSensitive(resources, "connect_instance")) {
    const char *kind = sv(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(inst, "data"), "Instance"),
                          "IdentityManagementType");
    if (kind && strcmp(kind, "EXISTING_DIRECTORY")) continue;
    char region[64], account[32];
    if (arn_field(inst->string, 3, region, sizeof region) || arn_field(inst->string, 4, account, sizeof account) ||
        cJSON_GetObjectItemCaseSensitive(done, region))
      continue;
    cJSON_AddTrueToObject(done, region);
    region_directories(c, type, region, account);
  }
  cJSON_Delete(done);
}
