/* collect_int.h -- what the per-service collectors share (not API). */
#ifndef CA_COLLECT_INT_H
#define CA_COLLECT_INT_H
#include <cjson/cJSON.h>
#include "aws/aws.h"
#include "collect/collect.h"

typedef struct ca_col {
  ca_aws *aws;
  const ca_collect_opts *o;
  cJSON *errors;          /* the snapshot's errors[] */
  long failed;            /* entries added */
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

/* objects.c: contact flows, flow modules, users and queues of one instance
 * (Search*, or List + Describe where Search* is unknown), and the empty
 * resource-type objects they go into. */
void col_connect_objects(ca_col *c, cJSON *resources, const char *id, const char *arn);
void col_connect_object_types(cJSON *resources);

#endif
