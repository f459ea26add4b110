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
   * 1 = not collected (no file): the call fails quietly (code NotCollected), the
   * member stays absent. */
  int (*replay)(struct ca_col *c, const struct col_call *call, cJSON **out, char *code, size_t codesz,
                char *msg, size_t msgsz);
  void *replay_ctx;
  const char *replay_region;   /* the region of the call being replayed (KMS aliases are per region) */
  int running;            /* inside col_run: calls are queued, never waited for */
  int no_alarms;          /* import without cloudwatch/ files: the alarms were not exported */
  cJSON *once;            /* keys of what is asked once per run (logs.c: log group ARNs); NULL until needed */
  struct qcall *ready, *ready_tail;   /* replayed answers col_run delivers */
} ca_col;

/* Appends {arn, operation, code, message} to errors[]. */
void col_error(ca_col *c, const char *arn, const char *operation, const char *code, const char *message);

/* A rest-json call: the answer a JSON object (col_json_q), or the items of
 * every page of a list (col_list_q).  Failures are recorded in errors[]
 * against arn as "<signing>:<op>" unless quiet_codes lists the code
 * (NULL-terminated; the caller handles those). */
typedef struct col_call {
  const char *service_env, *prefix, *signing, *op, *method;
  const char *path;
  const ca_aws_param *query;
  size_t nquery;
  const cJSON *body;           /* POST: sent as application/json */
} col_call;

/* Queued calls (collect.c): col_json_q and col_list_q queue a call (or every
 * page of a list, one after the other) and return; col_run sends what is
 * queued -- many calls in flight together (aws/http.c) -- and calls `done`
 * once per call or list as it ends, until nothing is left.  done may queue
 * more.  ans is the answer object (col_json_q) or the array of every page's
 * items (col_list_q), the callee's to keep or delete; NULL on failure, with
 * code the AWS error code ("NotCollected": import had no file), the failure
 * already recorded in errors[] unless quiet_codes lists the code.  The
 * col_call (path, query, body) is copied; it need not outlive the call. */
typedef void (*col_done)(ca_col *c, void *ud, cJSON *ans, const char *code);
void col_json_q(ca_col *c, const col_call *call, const char *arn, const char *const *quiet_codes, col_done done,
                void *ud);
void col_list_q(ca_col *c, const col_call *call, const char *key, const char *arn, const char *const *quiet_codes,
                col_done done, void *ud);
void col_run(ca_col *c);
/* The one JSON call path under them all: any request (json 1.0/1.1 with its
 * X-Amz-Target, rest-json) in `region` (NULL: the client's), the answer a
 * JSON object, a failure recorded as `operation` (NULL: "<signing>:<op>");
 * import.c's replay sees it as a col_call. */
void col_req_q(ca_col *c, const char *region, const ca_aws_req *rq, const char *operation, const char *arn,
               const char *const *quiet_codes, col_done done, void *ud);
/* col_req_q with more header lines ("x-amzn-query-mode: true"), NULL-terminated, signed; not replayed. */
void col_req_hdrs_q(ca_col *c, const char *region, const char *const *headers, const ca_aws_req *rq,
                    const char *operation, const char *arn, const char *const *quiet_codes, col_done done, void *ud);

/* A JSON call made in `region` (NULL = the client's): json 1.0/1.1 when
 * target is set (POST / with X-Amz-Target "<target>.<op>"), else rest-json
 * (method, path, query; a body sent as application/json).  A failure is
 * recorded against arn as `operation` (NULL: "<signing>:<op>"). */
typedef struct col_req {
  const char *service_env, *prefix, *signing, *op;
  const char *target;            /* "Kinesis_20131202", or NULL for rest-json */
  const char *json;              /* with target: the protocol version, "1.0" (Voice ID); NULL = "1.1" */
  const char *method, *path;     /* rest-json */
  const ca_aws_param *query;
  size_t nquery;
  const char *region;
  const char *operation;
} col_req;
/* col_json_q and col_list_q for a col_req: the body is printed (or copied)
 * here.  col_list_in_q pages with member `token` of the body and the answer
 * ("NextToken", "nextToken"), or without a body with query nextToken and the
 * answer's NextToken; it copies r's path, query values, region and
 * operation, the other strings must outlive it (constants). */
void col_json_in_q(ca_col *c, const col_req *r, const cJSON *body, const char *arn, const char *const *quiet_codes,
                   col_done done, void *ud);
void col_list_in_q(ca_col *c, const col_req *r, const cJSON *body, const char *key, const char *token, const char *arn,
                   const char *const *quiet_codes, col_done done, void *ud);
/* The waiting form, for the one call everything else depends on
 * (ListInstances): col_list_q then col_run; never from inside a done. */
int col_list(ca_col *c, const col_call *call, const char *key, const char *arn, const char *const *quiet_codes,
             cJSON **items, char *resp_code, size_t codesz);

/* The common done: the list (col_list_into_q), or the answer's member `take`
 * (col_json_into_q; NULL: the whole answer), as data[member]; absent on
 * failure (errors[] says why).  data must live until col_run returns. */
void col_list_into_q(ca_col *c, cJSON *data, const char *member, const col_call *call, const char *key,
                     const char *arn);
void col_json_into_q(ca_col *c, cJSON *data, const char *member, const col_call *call, const char *take,
                     const char *arn);
/* col_list_into_q, then then(c, then_ud) once the member is in (or not). */
void col_list_into_then_q(ca_col *c, cJSON *data, const char *member, const col_call *call, const char *key,
                          const char *arn, void (*then)(ca_col *c, void *ud), void *then_ud);
/* A resource and the call that describes it: resources[type][arn] = {name,
 * region (r's; NULL: the client's), data}, then col_json_in_q (failures
 * against arn).  data[member] is the whole answer (whole), or the answer's
 * object member `member` (without one: a MalformedResponse entry "the answer
 * has no <member>"); `rename`, when that value has it as a string, becomes
 * the resource's name.  Returns data (for more calls about the resource), or
 * NULL when the resource is there already and nothing was asked. */
cJSON *col_describe_q(ca_col *c, cJSON *resources, const char *type, const char *arn, const char *name,
                      const col_req *r, const cJSON *body, const char *member, int whole, const char *rename);
/* Sorts every resource type, resource and data member by name and errors[]
 * by ARN, operation, code and message: one snapshot, whatever order the
 * concurrent answers came in. */
void col_canonical(cJSON *resources, cJSON *errors);
/* Field n (0-based, ':'-separated) of an ARN; field 5 is the whole rest. */
int col_arn_field(const char *arn, int n, char *out, size_t outsz);
/* resources[type], added (empty) when missing. */
cJSON *col_type(cJSON *resources, const char *type);
/* resources[type][arn] = {name, region, data: {}}; returns data, or NULL
 * when that ARN is there already. */
cJSON *col_resource(cJSON *resources, const char *type, const char *arn, const char *name, const char *region);
/* o[k] when it is a string (o may be NULL), else NULL. */
const char *col_str(const cJSON *o, const char *k);

/* sts.c: the account of the credentials (GetCallerIdentity), into account[13]. */
int col_sts_account(ca_col *c, char account[13]);

/* connect.c: the region's instances (all, or the one --instance names) into
 * resources, account[] filled from the first one's ARN when it is empty.
 * Every instance's calls are queued together and run to the end, and what
 * each answer makes askable is queued from its callback: the buckets,
 * streams, functions, log group, domains, Lex bots and directories.
 * col_connect_types: the resource types col_connect fills that exist even
 * when no instance is collected.  col_connect_instance: one instance the
 * same way (import.c, or without ListInstances). */
int col_connect(ca_col *c, cJSON *resources, char account[13], ca_err *err);
void col_connect_types(cJSON *resources);
void col_connect_instance(ca_col *c, cJSON *resources, const char *id, const char *arn, const char *alias,
                          const char *account);

/* objects.c: contact flows, flow modules, users, queues, routing profiles,
 * hours and quick connects of one instance (Search*, or List + Describe where
 * Search* is unknown), queued; and the empty resource-type objects they go into. */
void col_connect_objects_q(ca_col *c, cJSON *resources, const char *id, const char *arn);
void col_connect_object_types(cJSON *resources);
/* progress.c: the live line on a terminal (after each call; cleared before
 * any other line and at the end), else a plain line per resource kind. */
void col_progress_call(ca_col *c, const char *operation);
void col_progress_clear(ca_col *c);
void col_progress_kinds(ca_col *c, const cJSON *resources);
/* objects2.c: the queues of each of the instance's collected routing
 * profiles (data.Queues; queued when objects.c has the profiles) and the
 * instance's claimed phone numbers (connect_phone_number), queued. */
void col_routing_profile_queues_q(ca_col *c, cJSON *resources, const char *id, const char *arn);
void col_phone_numbers_q(ca_col *c, cJSON *resources, const char *id, const char *arn);

/* What an instance's answers name, queued from connect.c's callbacks, each
 * resource asked in its own region:
 * streams.c: the Kinesis, Firehose and Kinesis Video streams of the
 *   instance's StorageConfigs (once they are all in);
 * lambda.c: its Lambda functions (ListLambdaFunctions' ARNs);
 * logs.c: its log group, /aws/connect/<alias> (once DescribeInstance answered);
 * domains.c: its Voice ID domain and Wisdom knowledge bases
 *   (ListIntegrationAssociations) and Customer Profiles domains
 *   (ListAccountIntegrations), queued with its other calls;
 * lex.c: the Lex V1/V2 bots of every instance's LexBots (lex_bot, lexv2_bot),
 *   once every instance's ListBots lists are in;
 * ds.c: the Directory Service directories of an EXISTING_DIRECTORY (or
 *   unknown) instance's region (ds_directory), each region once: `asked`
 *   holds the regions asked already. */
void col_streams_q(ca_col *c, cJSON *resources, const cJSON *storage_configs, const char *instance_arn);
void col_lambda_functions_q(ca_col *c, cJSON *resources, const cJSON *arns, const char *instance_arn);
void col_log_group_q(ca_col *c, cJSON *resources, const char *instance_arn, const char *alias);
/* A log group by its ARN (arn:aws:logs:R:A:log-group:NAME[:*]), asked once
 * per run in its region: a Lex V2 alias's text-log group (lex.c). */
void col_log_group_arn_q(ca_col *c, cJSON *resources, const char *group_arn, const char *err_arn);
void col_domains_q(ca_col *c, cJSON *resources, const char *instance_arn, const char *account);
void col_lex_q(ca_col *c, cJSON *resources);
void col_ds_q(ca_col *c, cJSON *resources, const char *instance_arn, cJSON *asked);

/* s3.c, kms.c: the S3 buckets the storage configs name (s3_bucket) and the KMS
 * keys of the storage configs and of the buckets' default encryption (kms_key);
 * col_storage does both, buckets first. */
void col_s3_buckets(ca_col *c, cJSON *resources);
/* The buckets one instance's StorageConfigs name, queued (connect.c, as soon
 * as the instance's storage configs are in). */
void col_s3_buckets_q(ca_col *c, cJSON *resources, const cJSON *storage_configs);
void col_kms_keys(ca_col *c, cJSON *resources, const char *account);
void col_storage(ca_col *c, cJSON *resources, const char *account);

/* alarms.c: the CloudWatch alarms on each collected instance and its Lambda
 * functions (cloudwatch_alarm), after col_connect. */
/* Each region's listing queued (col_run sends them): connect.c queues it
 * once every instance's ListLambdaFunctions is in. */
void col_alarms_q(ca_col *c, cJSON *resources);

#endif
