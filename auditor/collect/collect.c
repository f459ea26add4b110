/* collect.c -- the collection driver and the helpers every service shares:
 * errors[] entries, rest-json calls, pagination to the end. */
#include "collect/collect.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ca_limits.h"
#include "collect/collect_int.h"
#include "snapshot/snapshot.h"

void col_error(ca_col *c, const char *arn, const char *operation, const char *code, const char *message) {
  cJSON *e = cJSON_CreateObject();
  cJSON_AddStringToObject(e, "arn", arn ? arn : "");
  cJSON_AddStringToObject(e, "operation", operation);
  cJSON_AddStringToObject(e, "code", code && *code ? code : "Unknown");
  cJSON_AddStringToObject(e, "message", message ? message : "");
  cJSON_AddItemToArray(c->errors, e);
  c->failed++;
  col_progress_clear(c);   /* progress.c */
  if (!c->o->quiet)
    fprintf(stderr, "connect-auditor: collect: %s %s: %s: %s\n", operation, arn && *arn ? arn : "(account)", code, message);
}

static int quiet_code(const char *const *codes, const char *code) {
  for (; codes && *codes; codes++)
    if (!strcmp(*codes, code)) return 1;
  return 0;
}

int col_json(ca_col *c, const col_call *call, const char *arn, const char *const *quiet_codes, cJSON **out,
             char *resp_code, size_t codesz) {
  char *body = NULL;
  if (call->body && !(body = cJSON_PrintUnformatted(call->body))) return -1;
  ca_aws_req rq = {call->service_env, call->prefix, call->signing, call->op, call->method, call->path,
                   call->query, call->nquery, body ? "application/json" : NULL, NULL, body, body ? strlen(body) : 0};
  ca_aws_resp resp;
  ca_aws_resp_init(&resp);
  char operation[128];
  snprintf(operation, sizeof operation, "%s:%s", call->signing, call->op);
  if (c->replay) {   /* import.c: the answer from a file */
    int r = c->replay(c, call, out, resp.code, sizeof resp.code, resp.message, sizeof resp.message);
    if (r && resp_code) snprintf(resp_code, codesz, "%s", r > 0 ? "NotCollected" : resp.code);
    if (r < 0 && !quiet_code(quiet_codes, resp.code)) col_error(c, arn, operation, resp.code, resp.message);
    cJSON_free(body);
    ca_aws_resp_free(&resp);
    return r ? -1 : 0;
  }
  int rc = ca_aws_call(c->aws, &rq, &resp);
  col_progress_call(c, operation);
  *out = NULL;
  if (!rc) {
    *out = cJSON_ParseWithLength(resp.body.data ? resp.body.data : "{}", resp.body.len ? resp.body.len : 2);
    if (!cJSON_IsObject(*out)) {
      cJSON_Delete(*out);
      *out = NULL;
      snprintf(resp.code, sizeof resp.code, "MalformedResponse");
      snprintf(resp.message, sizeof resp.message, "the answer is not a JSON object (%zu bytes)", resp.body.len);
      rc = -1;
    }
  }
  if (rc) {
    if (resp_code) snprintf(resp_code, codesz, "%s", resp.code);
    if (!quiet_code(quiet_codes, resp.code)) col_error(c, arn, operation, resp.code, resp.message);
  }
  cJSON_free(body);
  ca_aws_resp_free(&resp);
  return rc;
}

int col_list(ca_col *c, const col_call *call, const char *key, const char *arn, const char *const *quiet_codes,
             cJSON **items, char *resp_code, size_t codesz) {
  ca_aws_param q[16];
  char token[4096] = "";
  *items = NULL;
  if (call->nquery > 14) return -1;   /* a programming error: the tables here pass at most 2 */
  int post = call->body != NULL;
  cJSON *all = cJSON_CreateArray();
  cJSON *body = post ? cJSON_Duplicate(call->body, 1) : NULL;
  for (long page = 0; page < CA_MAX_AWS_PAGES; page++) {
    col_call one = *call;
    size_t nq = call->nquery;
    if (nq) memcpy(q, call->query, nq * sizeof *q);
    if (token[0]) {
      if (post) {
        cJSON_DeleteItemFromObjectCaseSensitive(body, "NextToken");
        cJSON_AddStringToObject(body, "NextToken", token);
      } else {
        q[nq++] = (ca_aws_param){"nextToken", token};
      }
    }
    one.query = q;
    one.nquery = nq;
    one.body = body;
    cJSON *ans;
    if (col_json(c, &one, arn, quiet_codes, &ans, resp_code, codesz)) {
      cJSON_Delete(all);
      cJSON_Delete(body);
      return -1;
    }
    cJSON *list = cJSON_GetObjectItemCaseSensitive(ans, key);
    for (cJSON *it = cJSON_IsArray(list) ? list->child : NULL, *next; it; it = next) {
      next = it->next;
      cJSON_AddItemToArray(all, cJSON_DetachItemViaPointer(list, it));
    }
    const cJSON *nt = cJSON_GetObjectItemCaseSensitive(ans, "NextToken");
    int more = cJSON_IsString(nt) && *nt->valuestring && strlen(nt->valuestring) < sizeof token;
    if (more) snprintf(token, sizeof token, "%s", nt->valuestring);
    cJSON_Delete(ans);
    if (!more) {
      cJSON_Delete(body);
      *items = all;
      return 0;
    }
  }
  char op[128];
  snprintf(op, sizeof op, "%s:%s", call->signing, call->op);
  col_error(c, arn, op, "TooManyPages", "pagination did not end within the page limit (CA_MAX_AWS_PAGES)");
  cJSON_Delete(all);
  cJSON_Delete(body);
  return -1;
}

int ca_collect(ca_aws *aws, const ca_collect_opts *o, cJSON **snapshot, ca_err *err) {
  *snapshot = NULL;
  cJSON *root = cJSON_CreateObject();
  cJSON_AddStringToObject(root, "schema", CA_SNAPSHOT_SCHEMA);
  cJSON *tool = cJSON_AddObjectToObject(root, "tool");
  cJSON_AddStringToObject(tool, "name", "connect-auditor");
  cJSON_AddStringToObject(tool, "version", CA_VERSION);
  cJSON *resources = cJSON_CreateObject();
  ca_col c = {aws, o, cJSON_CreateArray(), 0, NULL, NULL};
  char account[13] = "";
  int sts_rc = col_sts_account(&c, account);
  if (col_connect(&c, resources, account, err)) {
    col_progress_clear(&c);
    cJSON_Delete(resources);
    cJSON_Delete(c.errors);
    cJSON_Delete(root);
    return -1;
  }
  if (!account[0]) {
    cJSON_Delete(resources);
    cJSON_Delete(c.errors);
    cJSON_Delete(root);
    return ca_errf(err, CA_EXIT_RUN, "cannot learn the AWS account: STS GetCallerIdentity failed and no instance was collected");
  }
  col_domains(&c, resources, account);   /* domains.c: Voice ID, Wisdom, Customer Profiles */
  col_progress_kinds(&c, resources);   /* progress.c: a line per kind (not on a terminal) */
  col_storage(&c, resources, account);   /* s3.c, kms.c: the instances' buckets and keys */
  col_progress_kinds(&c, resources);
  col_lex(&c, resources), col_alarms(&c, resources), col_ds(&c, resources);   /* lex.c, alarms.c, ds.c */
  col_progress_kinds(&c, resources);
  col_progress_clear(&c);
  if (sts_rc) {   /* the STS error was recorded before the account was known */
    char who[64];
    snprintf(who, sizeof who, "arn:aws:iam::%s:root", account);
    for (cJSON *e = c.errors->child; e; e = e->next) {
      cJSON *a = cJSON_GetObjectItemCaseSensitive(e, "arn");
      if (cJSON_IsString(a) && !*a->valuestring) cJSON_SetValuestring(a, who);
    }
  }
  char when[32];
  time_t t = (time_t)o->now;
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  cJSON_AddStringToObject(root, "collected_at", when);
  cJSON_AddStringToObject(root, "account_id", account);
  cJSON *regions = cJSON_AddArrayToObject(root, "regions");
  cJSON_AddItemToArray(regions, cJSON_CreateString(ca_aws_region(aws)));
  cJSON_AddItemToObject(root, "resources", resources);
  cJSON_AddItemToObject(root, "errors", c.errors);
  *snapshot = root;
  return 0;
}
