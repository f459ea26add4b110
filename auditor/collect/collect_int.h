/* collect_int.h -- what the per-service collectors share (not API). */
#ifndef CA_COLLECT_INT_H
#define CA_COLLECT_INT_H
#include <cjson/cJSON.h>
#include "aws/aws.h"
#include "collect/collect.h"

struct col_call;
typedef struct ca_col {
  ca_aws *aws;
  const ca_collect_opts *o;
  cJSON *errors;          /* the snapshot's errors[] */
  long failed;            /* entries added */
  /* import.c: answers read from a folder of AWS CLI outputs instead of calls
   * (NULL: live).  0 = *out is the answer; -1 = an AWS error (code, msg);
   * 1 = not collected (no file): col_json fails quietly, the member stays absent. */
  int (*replay)(struct ca_col *c, const struct col_call *call, cJSON **out, char *code, size_t codesz,
                char *msg, size_t msgsz);
  void *replay_ctx;
} ca_col;

/* Appends {arn, operation, code, message} to errors[]. */
void col_error(ca_col *c, const char *arn, const char *operation, const char *code, const char *message);

/* A rest-json call whose answer is a JSON object: *out on success (caller
 * deletes).  On failure the call is recorded in errors[] against arn as
 * "<signing>:<op>" unless quiet_codes lists its code (NULL-terminated; the
 * caller handles those), resp_code receives the code, and -1 is returned. */
typedef struct col_call {
  const char *service_env, *prefix, *signing, *op, *method;
  const char *path;
  const ca_aws_param *query;
  size_t nquery;
  const cJSON *body;           /* POST: sent as application/json */
} col_call;
int col_json(ca_col *c, const col_call *call, const char *arn, const char *const *quiet_codes,
             cJSON **out, char *resp_code, size_t codesz);

/* Every page of a list: GET (NextToken in query `nextToken`) or POST (NextToken
 * in the JSON body); items of member `key` appended to a new array *items.
 * On a failed page nothing is kept (a partial list would read as complete). */
int col_list(ca_col *c, const col_call *call, const char *key, const char *arn,
             const char *const *quiet_codes, cJSON **items, char *resp_code, size_t codesz);

/* sts.c: the account of the credentials (GetCallerIdentity), into account[13]. */
int col_sts_account(ca_col *c, char account[13]);

/* connect.c */
int col_connect(ca_col *c, cJSON *resources, char account[13], ca_err *err);
/* One instance (its ID, ARN, alias or NULL) into resources, which col_connect
 * prepared (also used by import.c; streams, functions and log group only live). */
void col_connect_instance(ca_col *c, cJSON *resources, const char *id, const char *arn, const char *alias);

/* objects.c: contact flows, flow modules, users and queues of one instance
 * (Search*, or List + Describe where Search* is unknown), and the empty
 * resource-type objects they go into. */
void col_connect_objects(ca_col *c, cJSON *resources, const char *id, const char *arn);
void col_connect_object_types(cJSON *resources);
/* progress.c: the live line on a terminal (after each call; cleared before
 * any other line and at the end), else a plain line per resource kind. */
void col_progress_call(ca_col *c, const char *operation);
void col_progress_clear(ca_col *c);
void col_progress_kinds(ca_col *c, const cJSON *resources);
/* domains.c: each collected instance's Voice ID domain and Wisdom knowledge
 * bases (ListIntegrationAssociations) and Customer Profiles domain
 * (ListAccountIntegrations), each asked in its own region. */
void col_domains(ca_col *c, cJSON *resources, const char *account);
/* objects2.c: each collected routing profile's queues (data.Queues) and the
 * instance's claimed phone numbers (connect_phone_number). */
void col_connect_objects2(ca_col *c, cJSON *resources, const char *id, const char *arn);

/* streams.c: the places an instance's data goes -- the Kinesis, Firehose and
 * Kinesis Video streams its storage configs name -- and (lambda.c, logs.c)
 * its Lambda functions and log group, from the instance's collected `data`;
 * alias may be NULL (then Instance.InstanceAlias). */
void col_streams(ca_col *c, cJSON *resources, const cJSON *data, const char *instance_arn, const char *alias);
void col_lambda_functions(ca_col *c, cJSON *resources, const cJSON *arns, const char *instance_arn);
void col_log_group(ca_col *c, cJSON *resources, const char *instance_arn, const char *alias);
/* A json 1.1 (target set: POST / with X-Amz-Target "<target>.<op>") or
 * rest-json call made in `region` (NULL = the client's); as col_json, a
 * failure is recorded in errors[] against arn as "<signing>:<op>". */
typedef struct col_req {
  const char *service_env, *prefix, *signing, *op;
  const char *target;            /* "Kinesis_20131202", or NULL for rest-json */
  const char *method, *path;     /* rest-json */
  const ca_aws_param *query;
  size_t nquery;
  const char *region;
} col_req;
int col_json_in(ca_col *c, const col_req *r, const cJSON *body, const char *arn, cJSON **out);
/* Field n (0-based, ':'-separated) of an ARN; field 5 is the whole rest. */
int col_arn_field(const char *arn, int n, char *out, size_t outsz);
/* resources[type][arn] = {name, region, data: {}}; returns data, or NULL
 * when that ARN is there already. */
cJSON *col_resource(cJSON *resources, const char *type, const char *arn, const char *name, const char *region);

/* s3.c, kms.c: the S3 buckets the storage configs name (s3_bucket) and the KMS
 * keys of the storage configs and of the buckets' default encryption (kms_key);
 * col_storage does both, buckets first. */
void col_s3_buckets(ca_col *c, cJSON *resources);
void col_kms_keys(ca_col *c, cJSON *resources, const char *account);
void col_storage(ca_col *c, cJSON *resources, const char *account);

/* lex.c, alarms.c, ds.c: from the collected connect_instance resources, the
 * Lex V1/V2 bots of their LexBots (lex_bot, lexv2_bot), the CloudWatch alarms
 * on each instance and its Lambda functions (cloudwatch_alarm), and the
 * Directory Service directories of EXISTING_DIRECTORY instances (ds_directory). */
void col_lex(ca_col *c, cJSON *resources);
void col_alarms(ca_col *c, cJSON *resources);
void col_ds(ca_col *c, cJSON *resources);

#endif
