/* collect_int.h -- the collector's core (core.c, progress.c): the one
 * interface every service file of collect/ is written against (not API).
 *
 * collect/ is three layers:
 *   core (core.c, progress.c; this header): errors[] entries, JSON calls
 *     queued and run together, pagination to the end, resources, the
 *     canonical order, the progress line, and the plan's hooks below;
 *   services (connect.c, objects.c, objects2.c, telephony.c, analytics.c, streams.c, lambda.c,
 *     logs.c, domains.c, cprofiles.c, lex.c, ds.c, ddb.c, trail.c, iam.c, s3.c, kms.c, alarms.c, sts.c; their entry
 *     points in services.h): one AWS service (or one part of one) each,
 *     calling the core only -- never another service;
 *   the plan (plan.c, plan.h): which service follows which answer, and the
 *     order of the whole run for both drivers (ca_collect, import.c).
 * A service whose answer names what another service collects tells the plan
 * through a hook (COL_NEXT); the plan alone decides who follows.
 *
 * Adding a service: write x.c against this header (and its entry point's
 * declaration in services.h), then one line in plan.c -- in the hook of the
 * answer it follows, or in the run's steps.  tests/layering.py holds this:
 * a service that includes or calls another service fails the tests. */
#ifndef CA_COLLECT_INT_H
#define CA_COLLECT_INT_H
#include <cjson/cJSON.h>
#include "aws/aws.h"
#include "collect/collect.h"

struct col_call;
struct col_plan;
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
  int no_trails;          /* import without cloudtrail/, events/ files: trail.c is not asked */
  int no_roles;           /* import without iam/ files: iam.c is not asked */
  cJSON *once;            /* keys of what is asked once per run (logs.c: log group ARNs; ds.c:
                           * "ds:<region>"; core.c: "pagesize:<region>:<signing>:<op>", the
                           * smaller page size an endpoint asked for); NULL until needed */
  const char *message;    /* during a col_done of a failed call: the AWS error message (else NULL) */
  struct col_wait *waits;   /* col_hold's waiters (core.c) */
  const struct col_plan *plan;   /* plan.c's hooks: who follows which answer (NULL: nobody) */
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

/* Queued calls (core.c): col_json_q and col_list_q queue a call (or every
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
 * answer's NextToken (query `token` instead when it is neither NULL nor
 * "NextToken": Customer Profiles' next-token); it copies r's path, query values, region and
 * operation, the other strings must outlive it (constants). */
void col_json_in_q(ca_col *c, const col_req *r, const cJSON *body, const char *arn, const char *const *quiet_codes,
                   col_done done, void *ud);
void col_list_in_q(ca_col *c, const col_req *r, const cJSON *body, const char *key, const char *token, const char *arn,
                   const char *const *quiet_codes, col_done done, void *ud);
/* Asked once per region: the first asker holds `key` (col_hold returns 1)
 * and asks; others of the same key call col_hold too and, getting 0, have
 * fn(c, ud) queued for when the holder calls col_release(c, key), then
 * decide again (with what the holder learnt in c->once).  Once released, a
 * key is never held again: col_hold returns -1 (ask yourself). */
int col_hold(ca_col *c, const char *key, void (*fn)(ca_col *c, void *ud), void *ud);
void col_release(ca_col *c, const char *key);

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

/* progress.c: the live line on a terminal (after each call; cleared before
 * any other line and at the end), else a plain line per resource kind. */
void col_progress_call(ca_col *c, const char *operation);
void col_progress_clear(ca_col *c);
void col_progress_kinds(ca_col *c, const cJSON *resources);

/* ---- The plan's hooks ----
 * What a service's answer makes askable, told to the plan (plan.c fills
 * c->plan): a service calls COL_NEXT(c, hook, args...) where its answer is
 * in, and the plan queues the services that follow, in the order it lists
 * them.  A NULL hook (or plan) means nothing follows.  resources is the
 * snapshot's resources object; every ARN and string is the caller's, valid
 * only during the call. */
typedef struct col_plan {
  /* connect.c: one instance's own calls are queued (its ID, ARN, the account). */
  void (*instance_queued)(ca_col *c, cJSON *resources, const char *id, const char *arn, const char *account);
  /* connect.c: DescribeInstance answered (or failed): the alias naming the
   * instance (NULL: none known) and its IdentityManagementType (NULL: unknown). */
  void (*instance_described)(ca_col *c, cJSON *resources, const char *arn, const char *alias, const char *idm_type);
  /* connect.c: every ListInstanceStorageConfigs of one instance is in. */
  void (*storage_configs_in)(ca_col *c, cJSON *resources, const cJSON *storage_configs, const char *instance_arn);
  /* connect.c: every instance's ListLambdaFunctions is in: once per instance
   * (newest first) with its LambdaFunctions (NULL: failed), then lambdas_all. */
  void (*instance_lambdas)(ca_col *c, cJSON *resources, const cJSON *arns, const char *instance_arn);
  void (*lambdas_all)(ca_col *c, cJSON *resources);
  /* connect.c: every instance's ListBots (V1 and V2) is in. */
  void (*bots_all)(ca_col *c, cJSON *resources);
  /* objects.c: one kind of an instance's objects (its resource type) is in,
   * Describe calls and all. */
  void (*objects_in)(ca_col *c, cJSON *resources, const char *type, const char *id, const char *instance_arn);
  /* lex.c: a Lex V2 alias sends its text logs to this log group (err_arn: the bot's). */
  void (*log_group_named)(ca_col *c, cJSON *resources, const char *group_arn, const char *err_arn);
  /* domains.c: an instance's Customer Profiles domain is named (once per
   * domain; its customer_profiles_domain resource is in resources). */
  void (*profiles_domain_named)(ca_col *c, cJSON *resources, const char *domain_arn, const char *domain_name,
                                const char *region, const char *account);
} col_plan;

#define COL_NEXT(c, hook, ...)                                           \
  do {                                                                   \
    if ((c)->plan && (c)->plan->hook) (c)->plan->hook((c), __VA_ARGS__); \
  } while (0)

/* The XML answers as cJSON, on a buffer (NULL when it does not parse): S3's
 * rest-xml (s3.c: the document element's value) and CloudWatch's query XML
 * (alarms.c: the whole document).  tests/fuzz calls them. */
cJSON *col_s3_xml_json(const char *xml, size_t len);
cJSON *col_cw_xml_json(const char *xml, size_t len);

#endif
