/* lambda.c -- the instance's Lambda functions: GetFunctionConfiguration
 * (rest-json, botocore's lambda/2015-03-31 model) for each ARN of
 * ListLambdaFunctions, queued, in the function's own region (from its ARN).  The
 * resource key is the unqualified ARN; a function that cannot be described is
 * still a resource (name and region, no Configuration), with the failure in
 * errors[], so the Lambda rules report `error` for it. */
#include <stdio.h>
#include <string.h>

#include "collect/collect_int.h"
#include "collect/services.h"
#include "util/buf.h"

static void one(ca_col *c, cJSON *resources, const char *arn, const char *instance_arn) {
  char region[64], name[256], rest[512], key[1024];
  /* arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER] */
  if (col_arn_field(arn, 3, region, sizeof region) || col_arn_field(arn, 5, rest, sizeof rest) ||
      strncmp(rest, "function:", 9) || col_arn_field(arn, 6, name, sizeof name) || !name[0]) {
    col_error(c, arn, "lambda:GetFunctionConfiguration", "InvalidArn", "ListLambdaFunctions named an ARN that is not a function's");
    return;
  }
  const char *q = strchr(arn, ':');
  for (int i = 0; i < 6 && q; i++) q = strchr(q + 1, ':');   /* the ':' before a qualifier, if any */
  size_t klen = q ? (size_t)(q - arn) : strlen(arn);
  if (klen >= sizeof key) return;
  memcpy(key, arn, klen);
  key[klen] = '\0';
  /* The caller's own functions by name, another account's by the
   * unqualified ARN (a name is looked up in the caller's account); either
   * with Qualifier for a qualified ARN.  http.c signs a path holding %3A as
   * AWS does. */
  char account[32], own[32] = "", qualifier[160] = "";
  col_arn_field(arn, 4, account, sizeof account);
  if (instance_arn) col_arn_field(instance_arn, 4, own, sizeof own);
  if (col_arn_field(arn, 7, qualifier, sizeof qualifier)) qualifier[0] = '\0';
  const char *ok = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
  if (strspn(name, ok) != strlen(name)) {   /* still a resource: the rules report `error` for it */
    if (col_resource(resources, "lambda_function", key, name, region))
      col_error(c, key, "lambda:GetFunctionConfiguration", "InvalidArn", "the function name has characters a function name cannot have");
    return;
  }
  ca_buf p;
  ca_buf_init(&p, 4096);
  ca_buf_adds(&p, "/2015-03-31/functions");
  ca_aws_path_add(&p, own[0] && strcmp(account, own) ? key : name);
  ca_buf_adds(&p, "/configuration");
  ca_aws_param qp[] = {{"Qualifier", qualifier}};
  col_req r = {.service_env = "LAMBDA", .prefix = "lambda", .signing = "lambda", .op = "GetFunctionConfiguration",
               .method = "GET", .path = p.data, .query = qp, .nquery = qualifier[0] ? 1 : 0, .region = region};
  col_describe_q(c, resources, "lambda_function", key, name, &r, NULL, "Configuration", 1, NULL);
  ca_buf_free(&p);
}

void col_lambda_functions_q(ca_col *c, cJSON *resources, const cJSON *arns, const char *instance_arn) {
  for (const cJSON *a = cJSON_IsArray(arns) ? arns->child : NULL; a; a = a->next)
    if (cJSON_IsString(a) && !strncmp(a->valuestring, "arn:", 4)) one(c, resources, a->valuestring, instance_arn);
}
