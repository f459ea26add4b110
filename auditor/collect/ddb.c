/* ddb.c -- the DynamoDB tables the instance's Lambda functions use
 * (dynamodb_table): DescribeTable (.Table: KeySchema, AttributeDefinitions,
 * index key schemas, SSEDescription) and DescribeContinuousBackups
 * (.ContinuousBackupsDescription: point-in-time recovery), DynamoDB
 * 2012-08-10, json 1.0 (X-Amz-Target DynamoDB_20120810.<op>).
 *
 * Which tables: Amazon Connect does not name them -- its functions do, and
 * the one place the APIs show that is the functions' configuration.  A table
 * is used by a function when one of the function's environment variables
 * (Configuration.Environment.Variables) holds the table's ARN
 * (arn:aws:dynamodb:R:A:table/NAME[/...]) or exactly the name of a table
 * that ListTables lists in the function's region (one listing per region,
 * every page: ExclusiveStartTableName / LastEvaluatedTableName).  A name in
 * code or in a parameter store is not seen: BASE-ATT-028 still asks.  A run
 * over the whole snapshot, once every function is described (the plan's
 * step before the buckets).  Failures: ListTables an errors[] entry against
 * arn:aws:dynamodb:REGION:ACCOUNT:table/ followed by "*" (that region's tables named
 * by name are unknown); a table that cannot be described is a resource
 * without that member, its failure in errors[]. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "collect/collect_int.h"
#include "collect/services.h"

#define DDB_TARGET "DynamoDB_20120810"

typedef struct dlist {
  cJSON *resources;
  cJSON *names;          /* the env values of this region's functions: {value: true} */
  char region[64], account[32], scope[160];
  char after[512];       /* LastEvaluatedTableName of the page before ("" first) */
  long page;
} dlist;

typedef struct dcb {
  cJSON *data;
  char arn[600];
} dcb;

static void got_backups(ca_col *c, void *ud, cJSON *ans, const char *code) {
  (void)code;
  dcb *b = ud;
  cJSON *d = ans ? cJSON_DetachItemFromObjectCaseSensitive(ans, "ContinuousBackupsDescription") : NULL;
  if (ans && !cJSON_IsObject(d))
    col_error(c, b->arn, "dynamodb:DescribeContinuousBackups", "MalformedResponse",
              "the answer has no ContinuousBackupsDescription");
  if (cJSON_IsObject(d)) cJSON_AddItemToObject(b->data, "ContinuousBackupsDescription", d);
  else cJSON_Delete(d);
  cJSON_Delete(ans);
  free(b);
}

/* One table (name in region of account; asked by ref, its ARN, when it is
 * another account's): both calls, once per run (col_describe_q keys by ARN). */
static void table(ca_col *c, cJSON *resources, const char *region, const char *account, const char *name,
                  const char *ref) {
  char arn[600];
  if ((size_t)snprintf(arn, sizeof arn, "arn:aws:dynamodb:%s:%s:table/%s", region, account, name) >= sizeof arn) return;
  cJSON *body = cJSON_CreateObject();
  cJSON_AddStringToObject(body, "TableName", ref ? ref : name);
  col_req r = {.service_env = "DYNAMODB", .prefix = "dynamodb", .signing = "dynamodb", .op = "DescribeTable",
               .target = DDB_TARGET, .json = "1.0", .region = region};
  cJSON *data = col_describe_q(c, resources, "dynamodb_table", arn, name, &r, body, "Table", 0, NULL);
  dcb *b = data ? calloc(1, sizeof *b) : NULL;
  if (data && !b) col_error(c, arn, "dynamodb:DescribeContinuousBackups", "ClientError", "out of memory");
  if (b) {
    b->data = data;
    snprintf(b->arn, sizeof b->arn, "%s", arn);
    col_req cb = r;
    cb.op = "DescribeContinuousBackups";
    col_json_in_q(c, &cb, body, arn, NULL, got_backups, b);
  }
  cJSON_Delete(body);
}

static void list_page(ca_col *c, dlist *l);

static void listed(ca_col *c, void *ud, cJSON *ans, const char *code) {
  (void)code;
  dlist *l = ud;
  if (!ans) goto done;   /* recorded against the region's scope */
  const cJSON *t;
  cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(ans, "TableNames"))
    if (cJSON_IsString(t) && cJSON_GetObjectItemCaseSensitive(l->names, t->valuestring))
      table(c, l->resources, l->region, l->account, t->valuestring, NULL);
  const char *last = col_str(ans, "LastEvaluatedTableName");
  if (last && *last && strlen(last) < sizeof l->after && strcmp(last, l->after)) {
    if (++l->page >= CA_MAX_AWS_PAGES) {
      col_error(c, l->scope, "dynamodb:ListTables", "TooManyPages",
                "pagination did not end within the page limit (CA_MAX_AWS_PAGES)");
      goto done;
    }
    snprintf(l->after, sizeof l->after, "%s", last);
    cJSON_Delete(ans);
    list_page(c, l);
    return;
  }
done:
  cJSON_Delete(ans);
  cJSON_Delete(l->names);
  free(l);
}

static void list_page(ca_col *c, dlist *l) {
  cJSON *body = cJSON_CreateObject();
  if (l->after[0]) cJSON_AddStringToObject(body, "ExclusiveStartTableName", l->after);
  cJSON_AddNumberToObject(body, "Limit", 100);
  col_req r = {.service_env = "DYNAMODB", .prefix = "dynamodb", .signing = "dynamodb", .op = "ListTables",
               .target = DDB_TARGET, .json = "1.0", .region = l->region};
  col_json_in_q(c, &r, body, l->scope, NULL, listed, l);
  cJSON_Delete(body);
}

/* A table ARN's region, account and name (arn:aws:dynamodb:R:A:table/NAME[/stream/...|/index/...]). */
static int table_arn(const char *v, char *region, size_t rsz, char *account, size_t asz, char *name, size_t nsz) {
  char svc[32], rest[600];
  if (strncmp(v, "arn:", 4) || col_arn_field(v, 2, svc, sizeof svc) || strcmp(svc, "dynamodb") ||
      col_arn_field(v, 3, region, rsz) || col_arn_field(v, 4, account, asz) || col_arn_field(v, 5, rest, sizeof rest) ||
      strncmp(rest, "table/", 6) || !rest[6] || !*region || !*account)
    return -1;
  size_t n = strcspn(rest + 6, "/");
  if (n >= nsz) return -1;
  memcpy(name, rest + 6, n);
  name[n] = '\0';
  return 0;
}

void col_dynamodb_tables_q(ca_col *c, cJSON *resources) {
  col_type(resources, "dynamodb_table");
  cJSON *regions = cJSON_CreateObject();   /* {REGION: {account, names: {value: true}}} */
  const cJSON *fn;
  cJSON_ArrayForEach(fn, cJSON_GetObjectItemCaseSensitive(resources, "lambda_function")) {
    char region[64], account[32];
    if (col_arn_field(fn->string, 3, region, sizeof region) || col_arn_field(fn->string, 4, account, sizeof account) ||
        !*region)
      continue;
    const cJSON *vars = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(fn, "data"), "Configuration"), "Environment"), "Variables");
    const cJSON *v;
    cJSON_ArrayForEach(v, vars) {
      if (!cJSON_IsString(v) || !*v->valuestring || strlen(v->valuestring) > 1024) continue;
      char tr[64], ta[32], name[300];
      if (!table_arn(v->valuestring, tr, sizeof tr, ta, sizeof ta, name, sizeof name)) {
        /* named by its ARN: no listing needed (another account's asked by the table's ARN) */
        char tarn[600];
        snprintf(tarn, sizeof tarn, "arn:aws:dynamodb:%s:%s:table/%s", tr, ta, name);
        table(c, resources, tr, ta, name, strcmp(ta, account) ? tarn : NULL);
        continue;
      }
      /* DynamoDB table names: 3..255 of [A-Za-z0-9_.-] */
      size_t n = strlen(v->valuestring);
      if (n < 3 || n > 255 ||
          strspn(v->valuestring, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") != n)
        continue;
      cJSON *r = cJSON_GetObjectItemCaseSensitive(regions, region);
      if (!r) {
        r = cJSON_AddObjectToObject(regions, region);
        cJSON_AddStringToObject(r, "account", account);
        cJSON_AddObjectToObject(r, "names");
      }
      cJSON *names = cJSON_GetObjectItemCaseSensitive(r, "names");
      if (!cJSON_GetObjectItemCaseSensitive(names, v->valuestring)) cJSON_AddTrueToObject(names, v->valuestring);
    }
  }
  for (cJSON *r = regions->child; r; r = r->next) {
    dlist *l = calloc(1, sizeof *l);
    if (!l) {
      col_error(c, "", "dynamodb:ListTables", "ClientError", "out of memory");
      continue;
    }
    l->resources = resources;
    l->names = cJSON_DetachItemFromObjectCaseSensitive(r, "names");
    snprintf(l->region, sizeof l->region, "%s", r->string);
    snprintf(l->account, sizeof l->account, "%s", col_str(r, "account"));
    snprintf(l->scope, sizeof l->scope, "arn:aws:dynamodb:%s:%s:table/*", l->region, l->account);
    list_page(c, l);
  }
  cJSON_Delete(regions);
}
