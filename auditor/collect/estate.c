/* estate.c -- what an estate scan covers (scan --accounts, --org-role,
 * --regions all): the accounts of an organisation, the regions an account
 * has enabled, the instances of a region.  Blocking calls, made before any
 * collection; the collection itself is ca_collect's, once per instance. */
#include "collect/collect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"

/* botocore 1.43's endpoints.json, service "connect" (fips variants aside);
 * Debian 12's botocore 1.29 lists a subset of the same names.  A region
 * added to Amazon Connect later is one line here. */
static const char *const connect_regions[] = {
  "af-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "ca-central-1",
  "eu-central-1", "eu-west-2", "us-east-1", "us-west-2", "us-gov-west-1", NULL};
/* Of those, the regions an account must opt in to (AWS's list of opt-in
 * regions: af-south-1 is the only one Connect is in). */
static const char *const opt_in[] = {"af-south-1", NULL};

const char *const *ca_connect_regions(void) { return connect_regions; }

int ca_region_opt_in(const char *r) {
  for (int i = 0; opt_in[i]; i++)
    if (!strcmp(r, opt_in[i])) return 1;
  return 0;
}

const char *ca_region_partition(const char *r) {
  if (!strncmp(r, "cn-", 3)) return "aws-cn";
  if (!strncmp(r, "us-gov-", 7)) return "aws-us-gov";
  return "aws";
}

/* Where a partition's global services are (botocore: aws-global's
 * credentialScope): Organizations and Account. */
static const char *global_region(const char *partition) {
  if (!strcmp(partition, "aws-cn")) return "cn-northwest-1";
  if (!strcmp(partition, "aws-us-gov")) return "us-gov-west-1";
  return "us-east-1";
}

#define MAX_ESTATE_PAGES 1000

static int failed(ca_estate_fail *f, const char *code, const char *msg) {
  snprintf(f->code, sizeof f->code, "%s", code && *code ? code : "Unknown");
  snprintf(f->message, sizeof f->message, "%s", msg ? msg : "");
  return -1;
}

/* Pages a JSON call (body member or query parameter `token`) into one
 * array of the answers' `key` items. */
static int pages(ca_aws *aws, const char *region, ca_aws_req *rq, int query_token, const char *key,
                 cJSON *body, cJSON **out, ca_estate_fail *f) {
  *out = cJSON_CreateArray();
  char token[2048] = "";
  int rc = 0;
  for (int page = 0; page < MAX_ESTATE_PAGES && !rc; page++) {
    ca_aws_param q[2];
    size_t nq = 0;
    char *text = NULL;
    if (query_token) {
      q[nq++] = (ca_aws_param){"maxResults", "10"};
      if (token[0]) q[nq++] = (ca_aws_param){"nextToken", token};
      rq->query = q, rq->nquery = nq;
    } else {
      cJSON_DeleteItemFromObjectCaseSensitive(body, "NextToken");
      if (token[0]) cJSON_AddStringToObject(body, "NextToken", token);
      text = cJSON_PrintUnformatted(body);
      rq->body = text, rq->body_len = text ? strlen(text) : 0;
    }
    ca_aws_resp resp;
    ca_aws_resp_init(&resp);
    if (ca_aws_call_in(aws, region, rq, &resp)) {
      rc = failed(f, resp.code, resp.message);
    } else {
      cJSON *ans = cJSON_ParseWithLength(resp.body.data ? resp.body.data : "", resp.body.len);
      cJSON *items = cJSON_GetObjectItemCaseSensitive(ans, key);
      const cJSON *next = cJSON_GetObjectItemCaseSensitive(ans, query_token ? "NextToken" : "NextToken");
      if (!cJSON_IsArray(items)) {
        rc = failed(f, "MalformedResponse", "the answer has no list");
      } else {
        cJSON *it;
        while ((it = cJSON_DetachItemFromArray(items, 0))) cJSON_AddItemToArray(*out, it);
        if (cJSON_IsString(next) && *next->valuestring && strlen(next->valuestring) < sizeof token)
          snprintf(token, sizeof token, "%s", next->valuestring);
        else token[0] = '\0';
      }
      cJSON_Delete(ans);
    }
    ca_aws_resp_free(&resp);
    free(text);
    if (!token[0]) break;
  }
  if (!rc && token[0]) rc = failed(f, "TooManyPages", "more than 1000 pages");
  if (rc) {
    cJSON_Delete(*out);
    *out = NULL;
  }
  return rc;
}

static int by_string(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorts an array by each item's member `key` (a string; the item itself when key is NULL). */
static void sort_by(cJSON *arr, const char *key) {
  int n = cJSON_GetArraySize(arr);
  if (n < 2) return;
  cJSON **v = malloc((size_t)n * sizeof *v);
  const char **k = malloc((size_t)n * 2 * sizeof *k);
  if (!v || !k) {
    free(v), free(k);
    return;
  }
  int i = 0;
  for (cJSON *x = arr->child; x; x = x->next, i++) v[i] = x;
  for (i = 0; i < n; i++) {   /* (key, index) pairs sorted, then relinked */
    const cJSON *s = key ? cJSON_GetObjectItemCaseSensitive(v[i], key) : v[i];
    k[2 * i] = cJSON_IsString(s) ? s->valuestring : "";
    k[2 * i + 1] = (const char *)v[i];
  }
  qsort(k, (size_t)n, 2 * sizeof *k, by_string);
  for (i = 0; i < n; i++) cJSON_DetachItemViaPointer(arr, v[i]);
  for (i = 0; i < n; i++) cJSON_AddItemToArray(arr, (cJSON *)k[2 * i + 1]);
  free(v), free(k);
}

int ca_estate_org_accounts(ca_aws *aws, cJSON **ids, ca_estate_fail *f) {
  *ids = NULL;
  const char *region = global_region(ca_region_partition(ca_aws_region(aws)));
  ca_aws_req rq = {.service_env = "ORGANIZATIONS", .prefix = "organizations", .signing = "organizations",
                   .operation = "ListAccounts", .method = "POST", .path = "/",
                   .content_type = "application/x-amz-json-1.1", .target = "AWSOrganizationsV20161128.ListAccounts"};
  cJSON *body = cJSON_CreateObject(), *all = NULL;
  int rc = pages(aws, region, &rq, 0, "Accounts", body, &all, f);
  cJSON_Delete(body);
  if (rc) return -1;
  *ids = cJSON_CreateArray();
  for (const cJSON *a = all->child; a; a = a->next) {
    const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a, "Id"));
    const char *st = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(a, "Status"));
    /* SUSPENDED (closed) and PENDING_CLOSURE accounts cannot be entered */
    if (id && st && !strcmp(st, "ACTIVE")) cJSON_AddItemToArray(*ids, cJSON_CreateString(id));
  }
  cJSON_Delete(all);
  sort_by(*ids, NULL);
  return 0;
}

int ca_estate_regions(ca_aws *aws, cJSON **regions, ca_estate_fail *f) {
  const char *region = global_region(ca_region_partition(ca_aws_region(aws)));
  ca_aws_req rq = {.service_env = "ACCOUNT", .prefix = "account", .signing = "account", .operation = "ListRegions",
                   .method = "POST", .path = "/listRegions", .content_type = "application/json"};
  cJSON *body = cJSON_CreateObject();
  cJSON_AddNumberToObject(body, "MaxResults", 50);   /* the model's maximum */
  int rc = pages(aws, region, &rq, 0, "Regions", body, regions, f);
  cJSON_Delete(body);
  return rc;
}

int ca_estate_instances(ca_aws *aws, const char *region, cJSON **instances, ca_estate_fail *f) {
  ca_aws_req rq = {.service_env = "CONNECT", .prefix = "connect", .signing = "connect", .operation = "ListInstances",
                   .method = "GET", .path = "/instance"};
  int rc = pages(aws, region, &rq, 1, "InstanceSummaryList", NULL, instances, f);
  if (!rc) sort_by(*instances, "Id");
  return rc;
}

int ca_estate_caller(ca_aws *aws, char account[13], ca_estate_fail *f) {
  static const char body[] = "Action=GetCallerIdentity&Version=2011-06-15";
  ca_aws_req rq = {"STS", "sts", "sts", "GetCallerIdentity", "POST", "/", NULL, 0,
                   "application/x-www-form-urlencoded; charset=utf-8", NULL, body, sizeof body - 1};
  ca_aws_resp resp;
  ca_aws_resp_init(&resp);
  int rc = ca_aws_call(aws, &rq, &resp);
  char acct[64] = "";
  if (rc) rc = failed(f, resp.code, resp.message);
  else if (ca_xml_text(resp.body.data, resp.body.len, "Account", acct, sizeof acct) || strlen(acct) != 12 ||
           strspn(acct, "0123456789") != 12)
    rc = failed(f, "MalformedResponse", "GetCallerIdentity answered without a 12-digit Account");
  else memcpy(account, acct, 13);
  ca_aws_resp_free(&resp);
  return rc;
}
