/* connect.c -- Amazon Connect (rest-json): the instance and its security
 * profiles.  Operations and shapes: botocore's connect/2017-08-08 model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect_int.h"
#include "util/buf.h"

/* InstanceStorageResourceType, every value of the enum in botocore 1.43's
 * model: ListInstanceStorageConfigs takes one type per call. */
static const char *const storage_types[] = {
    "CHAT_TRANSCRIPTS", "CALL_RECORDINGS", "SCHEDULED_REPORTS", "MEDIA_STREAMS",
    "CONTACT_TRACE_RECORDS", "AGENT_EVENTS", "REAL_TIME_CONTACT_ANALYSIS_SEGMENTS", "ATTACHMENTS",
    "CONTACT_EVALUATIONS", "SCREEN_RECORDINGS", "REAL_TIME_CONTACT_ANALYSIS_CHAT_SEGMENTS",
    "REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS", "EMAIL_MESSAGES", NULL};

/* An endpoint that does not know a Search* operation (older regions, older
 * models) answers this; the List + Describe pair is the fallback. */
static const char *const unknown_op[] = {"UnknownOperationException", NULL};

#define CONNECT(op, method) "CONNECT", "connect", "connect", op, method

static const char *str(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* "/" seg1 "/" seg2 ... into b (reset first). */
static const char *path(ca_buf *b, const char *a, const char *id, const char *tail, const char *id2) {
  ca_buf_free(b);
  ca_buf_adds(b, a);
  if (id) ca_aws_path_add(b, id);
  if (tail) ca_buf_adds(b, tail);
  if (id2) ca_aws_path_add(b, id2);
  return b->data ? b->data : "/";
}

/* A list into data[member]; absent on failure (errors[] says why). */
static void list_into(ca_col *c, cJSON *data, const char *member, const col_call *call, const char *key,
                      const char *arn) {
  cJSON *items;
  if (!col_list(c, call, key, arn, NULL, &items, NULL, 0)) cJSON_AddItemToObject(data, member, items);
}

static void collect_profiles(ca_col *c, cJSON *resources, const char *id, const char *arn, const char *region) {
  ca_buf p;
  ca_buf_init(&p, 4096);
  cJSON *profiles = NULL;
  char code[128] = "";
  /* SearchSecurityProfiles: 100 whole profiles a page instead of one
   * DescribeSecurityProfile each. */
  cJSON *body = cJSON_CreateObject();
  cJSON_AddStringToObject(body, "InstanceId", id);
  cJSON_AddNumberToObject(body, "MaxResults", 100);
  col_call search = {CONNECT("SearchSecurityProfiles", "POST"), "/search-security-profiles", NULL, 0, body};
  int rc = col_list(c, &search, "SecurityProfiles", arn, unknown_op, &profiles, code, sizeof code);
  cJSON_Delete(body);
  if (rc && !strcmp(code, "UnknownOperationException")) {
    /* Fallback: ListSecurityProfiles + DescribeSecurityProfile per profile. */
    cJSON *summaries;
    ca_aws_param q[] = {{"maxResults", "1000"}};
    col_call list = {CONNECT("ListSecurityProfiles", "GET"), path(&p, "/security-profiles-summary", id, NULL, NULL), q, 1, NULL};
    if (!col_list(c, &list, "SecurityProfileSummaryList", arn, NULL, &summaries, NULL, 0)) {
      profiles = cJSON_CreateArray();
      for (const cJSON *s = summaries->child; s; s = s->next) {
        const char *pid = str(s, "Id"), *parn = str(s, "Arn");
        if (!pid) continue;
        col_call d = {CONNECT("DescribeSecurityProfile", "GET"), path(&p, "/security-profiles", id, NULL, pid), NULL, 0, NULL};
        cJSON *ans;
        if (col_json(c, &d, parn ? parn : arn, NULL, &ans, NULL, 0)) {
          /* Keep the summary so the profile's permissions are still collected;
           * errors[] says its description is missing. */
          cJSON *stub = cJSON_CreateObject();
          cJSON_AddStringToObject(stub, "Id", pid);
          if (parn) cJSON_AddStringToObject(stub, "Arn", parn);
          if (str(s, "Name")) cJSON_AddStringToObject(stub, "SecurityProfileName", str(s, "Name"));
          cJSON_AddItemToArray(profiles, stub);
          cJSON_AddBoolToObject(stub, "__undescribed", 1);
          continue;
        }
        cJSON *sp = cJSON_DetachItemFromObjectCaseSensitive(ans, "SecurityProfile");
        if (cJSON_IsObject(sp)) cJSON_AddItemToArray(profiles, sp);
        else cJSON_Delete(sp);
        cJSON_Delete(ans);
      }
      cJSON_Delete(summaries);
    }
  }
  for (cJSON *sp = profiles ? profiles->child : NULL; sp; sp = sp->next) {
    const char *pid = str(sp, "Id"), *parn = str(sp, "Arn");
    if (!pid || !parn) continue;
    cJSON *res = cJSON_CreateObject();
    const char *name = str(sp, "SecurityProfileName");
    cJSON_AddStringToObject(res, "name", name ? name : pid);
    cJSON_AddStringToObject(res, "region", region);
    cJSON *data = cJSON_AddObjectToObject(res, "data");
    if (cJSON_GetObjectItemCaseSensitive(sp, "__undescribed")) {
      cJSON_DeleteItemFromObjectCaseSensitive(sp, "__undescribed");
    } else {
      cJSON_AddItemToObject(data, "SecurityProfile", cJSON_Duplicate(sp, 1));   /* the list is freed below */
    }
    ca_aws_param q[] = {{"maxResults", "1000"}};
    col_call perms = {CONNECT("ListSecurityProfilePermissions", "GET"),
                      path(&p, "/security-profiles-permissions", id, NULL, pid), q, 1, NULL};
    list_into(c, data, "Permissions", &perms, "Permissions", parn);
    cJSON_AddItemToObject(cJSON_GetObjectItemCaseSensitive(resources, "connect_security_profile"), parn, res);
  }
  cJSON_Delete(profiles);
  ca_buf_free(&p);
}

void col_connect_instance(ca_col *c, cJSON *resources, const char *id, const char *arn, const char *alias) {
  const char *region = ca_aws_region(c->aws);
  ca_buf p;
  ca_buf_init(&p, 4096);
  cJSON *res = cJSON_CreateObject();
  cJSON_AddStringToObject(res, "name", alias ? alias : id);
  cJSON_AddStringToObject(res, "region", region);
  cJSON *data = cJSON_AddObjectToObject(res, "data");
  col_progress_clear(c);   /* progress.c: the live line gives way */
  if (!c->o->quiet) fprintf(stderr, "connect-auditor: collect: instance %s (%s)\n", alias ? alias : id, arn);

  col_call d = {CONNECT("DescribeInstance", "GET"), path(&p, "/instance", id, NULL, NULL), NULL, 0, NULL};
  cJSON *ans;
  if (!col_json(c, &d, arn, NULL, &ans, NULL, 0)) {
    cJSON *inst = cJSON_DetachItemFromObjectCaseSensitive(ans, "Instance");
    if (cJSON_IsObject(inst)) {
      cJSON_AddItemToObject(data, "Instance", inst);
      if (!alias && str(inst, "InstanceAlias")) cJSON_SetValuestring(cJSON_GetObjectItemCaseSensitive(res, "name"), str(inst, "InstanceAlias"));
    } else {
      cJSON_Delete(inst);
    }
    cJSON_Delete(ans);
  }

  ca_aws_param q7[] = {{"maxResults", "7"}};
  col_call attrs = {CONNECT("ListInstanceAttributes", "GET"), path(&p, "/instance", id, "/attributes", NULL), q7, 1, NULL};
  list_into(c, data, "Attributes", &attrs, "Attributes", arn);

  cJSON *storage = cJSON_AddObjectToObject(data, "StorageConfigs");
  for (int i = 0; storage_types[i]; i++) {
    ca_aws_param q[] = {{"maxResults", "10"}, {"resourceType", storage_types[i]}};
    col_call sc = {CONNECT("ListInstanceStorageConfigs", "GET"), path(&p, "/instance", id, "/storage-configs", NULL), q, 2, NULL};
    list_into(c, storage, storage_types[i], &sc, "StorageConfigs", arn);
  }

  ca_aws_param q25[] = {{"maxResults", "25"}};
  col_call lambdas = {CONNECT("ListLambdaFunctions", "GET"), path(&p, "/instance", id, "/lambda-functions", NULL), q25, 1, NULL};
  list_into(c, data, "LambdaFunctions", &lambdas, "LambdaFunctions", arn);

  /* LexBots: V1 and V2 together; either failing leaves the member absent
   * (half a list would read as the whole one). */
  cJSON *bots = cJSON_CreateArray();
  int bots_ok = 1;
  const char *versions[] = {"V1", "V2"};
  for (int v = 0; v < 2; v++) {
    ca_aws_param q[] = {{"lexVersion", versions[v]}, {"maxResults", "25"}};
    col_call lb = {CONNECT("ListBots", "GET"), path(&p, "/instance", id, "/bots", NULL), q, 2, NULL};
    cJSON *items;
    if (col_list(c, &lb, "LexBots", arn, NULL, &items, NULL, 0)) {
      bots_ok = 0;
      continue;
    }
    for (cJSON *it = items->child, *next; it; it = next) {
      next = it->next;
      cJSON_AddItemToArray(bots, cJSON_DetachItemViaPointer(items, it));
    }
    cJSON_Delete(items);
  }
  if (bots_ok) cJSON_AddItemToObject(data, "LexBots", bots);
  else cJSON_Delete(bots);

  col_call origins = {CONNECT("ListApprovedOrigins", "GET"), path(&p, "/instance", id, "/approved-origins", NULL), q25, 1, NULL};
  list_into(c, data, "ApprovedOrigins", &origins, "Origins", arn);

  ca_aws_param q2[] = {{"maxResults", "2"}};
  col_call keys = {CONNECT("ListSecurityKeys", "GET"), path(&p, "/instance", id, "/security-keys", NULL), q2, 1, NULL};
  list_into(c, data, "SecurityKeys", &keys, "SecurityKeys", arn);

  cJSON_AddItemToObject(cJSON_GetObjectItemCaseSensitive(resources, "connect_instance"), arn, res);
  collect_profiles(c, resources, id, arn, region);
  col_connect_objects(c, resources, id, arn);
  if (!c->replay) col_streams(c, resources, data, arn, alias);   /* not imported yet */
  ca_buf_free(&p);
}

/* arn:aws:connect:REGION:ACCOUNT:instance/ID -> region, account, id (0), or -1. */
static int split_arn(const char *arn, char *region, size_t rsz, char account[13], char *id, size_t idsz) {
  char f[6][128];
  const char *s = arn;
  for (int i = 0; i < 5; i++) {
    const char *colon = strchr(s, ':');
    if (!colon || (size_t)(colon - s) >= sizeof f[i]) return -1;
    memcpy(f[i], s, (size_t)(colon - s));
    f[i][colon - s] = '\0';
    s = colon + 1;
  }
  if (strcmp(f[0], "arn") || strcmp(f[2], "connect") || strncmp(s, "instance/", 9) || strlen(f[4]) != 12 ||
      !s[9] || strchr(s + 9, '/'))
    return -1;
  snprintf(region, rsz, "%s", f[3]);
  memcpy(account, f[4], 13);
  snprintf(id, idsz, "%s", s + 9);
  return 0;
}

static int looks_like_id(const char *s) {   /* an instance ID is a UUID */
  if (strlen(s) != 36) return 0;
  for (int i = 0; i < 36; i++)
    if ((i == 8 || i == 13 || i == 18 || i == 23) ? s[i] != '-' : !strchr("0123456789abcdefABCDEF", s[i])) return 0;
  return 1;
}

int col_connect(ca_col *c, cJSON *resources, char account[13], ca_err *err) {
  const char *region = ca_aws_region(c->aws);
  const char *want = c->o->instance ? c->o->instance : "";
  cJSON_AddObjectToObject(resources, "connect_instance");
  cJSON_AddObjectToObject(resources, "connect_security_profile");
  col_connect_object_types(resources);
  char arn_region[64] = "", arn_account[13] = "", arn_id[128] = "";
  int is_arn = !c->o->all_instances && !strncmp(want, "arn:", 4);
  if (is_arn) {
    if (split_arn(want, arn_region, sizeof arn_region, arn_account, arn_id, sizeof arn_id))
      return ca_errf(err, CA_EXIT_USAGE, "--instance %s: not an Amazon Connect instance ARN "
                                         "(arn:aws:connect:REGION:ACCOUNT:instance/ID)", want);
    if (strcmp(arn_region, region))
      return ca_errf(err, CA_EXIT_USAGE, "--instance %s is in region %s, but the region is %s (--region)",
                     want, arn_region, region);
  }
  cJSON *list;
  char code[128] = "";
  ca_aws_param q[] = {{"maxResults", "10"}};
  col_call li = {CONNECT("ListInstances", "GET"), "/instance", q, 1, NULL};
  char scope[160];
  snprintf(scope, sizeof scope, "arn:aws:connect:%s:%s:instance/*", region, account[0] ? account : arn_account);
  if (col_list(c, &li, "InstanceSummaryList", scope, NULL, &list, code, sizeof code)) {
    /* Without the list an ID or ARN can still be collected directly. */
    if (is_arn || (!c->o->all_instances && looks_like_id(want) && account[0])) {
      char arn[256];
      if (is_arn) snprintf(arn, sizeof arn, "%s", want);
      else snprintf(arn, sizeof arn, "arn:aws:connect:%s:%s:instance/%s", region, account, want);
      if (!account[0]) memcpy(account, arn_account, 13);
      col_connect_instance(c, resources, is_arn ? arn_id : want, arn, NULL);
      return 0;
    }
    return ca_errf(err, CA_EXIT_RUN, "cannot list the Amazon Connect instances in %s: connect:ListInstances: %s%s",
                   region, code, c->o->all_instances ? "" : " (give --instance as an ID or ARN to collect it without the list)");
  }
  int found = 0;
  ca_buf names;
  ca_buf_init(&names, 4096);
  for (const cJSON *s = list->child; s; s = s->next) {
    const char *id = str(s, "Id"), *arn = str(s, "Arn"), *alias = str(s, "InstanceAlias");
    if (!id || !arn) continue;
    ca_buf_printf(&names, "%s%s", names.len ? ", " : "", alias ? alias : id);
    if (!c->o->all_instances && strcmp(want, id) && strcmp(want, arn) && (!alias || strcmp(want, alias))) continue;
    if (!account[0]) {
      char r[64], i[128];
      if (!split_arn(arn, r, sizeof r, account, i, sizeof i)) {}
    }
    col_connect_instance(c, resources, id, arn, alias);
    found++;
  }
  cJSON_Delete(list);
  int rc = 0;
  if (!found && !c->o->all_instances)
    rc = ca_errf(err, CA_EXIT_USAGE, "--instance %s: no such Amazon Connect instance in %s (instances there: %s)",
                 want, region, names.len ? names.data : "none");
  ca_buf_free(&names);
  return rc;
}
