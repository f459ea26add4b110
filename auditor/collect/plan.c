/* plan.c -- the collection's plan: which service follows which answer, and
 * the order of a whole run (ca_collect live; col_plan_instance for
 * import.c).  The services (services.h) call the core (core.c,
 * collect_int.h) and never each other: where an answer names what another
 * service collects, its service calls a hook of `plan` below (COL_NEXT), and
 * only here is it said who follows.
 *
 * Adding a service: its file against collect_int.h, its entry point in
 * services.h, and one line here -- in the hook of the answer it follows (a
 * new hook in col_plan when no answer it needs is told yet), or in the
 * run's steps (ca_collect, col_plan_instance) for a pass over the whole
 * snapshot. */
#include "collect/collect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "collect/collect_int.h"
#include "collect/plan.h"
#include "collect/services.h"
#include "snapshot/snapshot.h"

/* ---- Who follows which answer ---- */

/* Resource types present once an instance is collected: streams.c's,
 * lambda.c's, logs.c's. */
static const char *const instance_types[] = {"kinesis_stream", "firehose_delivery_stream", "kinesis_video_stream",
                                             "lambda_function", "logs_log_group", NULL};

/* An instance's own calls are queued: its objects, phone numbers,
 * domains and analytics data associations go with them. */
static void instance_queued(ca_col *c, cJSON *resources, const char *id, const char *arn, const char *account) {
  for (int i = 0; instance_types[i]; i++) col_type(resources, instance_types[i]);
  col_connect_objects_q(c, resources, id, arn);   /* objects.c */
  col_phone_numbers_q(c, resources, id, arn);     /* objects2.c */
  col_flow_associations_q(c, resources, id, arn); /* telephony.c */
  col_domains_q(c, resources, arn, account);      /* domains.c */
  col_campaigns_q(c, resources, id, arn, account);   /* campaigns.c */
  col_analytics_q(c, resources, id, arn);         /* analytics.c */
}

/* DescribeInstance: the log group is named by the alias, and an
 * EXISTING_DIRECTORY instance -- or one whose type is unknown -- may use any
 * directory of its region. */
static void instance_described(ca_col *c, cJSON *resources, const char *arn, const char *alias, const char *idm_type) {
  if (alias) col_log_group_q(c, resources, arn, alias);   /* logs.c */
  if (!idm_type || !strcmp(idm_type, "EXISTING_DIRECTORY")) col_ds_q(c, resources, arn);   /* ds.c */
}

/* The storage configs: the buckets and streams they name are asked now,
 * alongside the instance's other calls, not after them. */
static void storage_configs_in(ca_col *c, cJSON *resources, const cJSON *configs, const char *instance_arn) {
  col_s3_buckets_q(c, resources, configs);   /* s3.c */
  col_streams_q(c, resources, configs, instance_arn);   /* streams.c */
}

static void instance_lambdas(ca_col *c, cJSON *resources, const cJSON *arns, const char *instance_arn) {
  col_lambda_functions_q(c, resources, arns, instance_arn);   /* lambda.c */
}

/* After every instance's functions: (unless import has no CloudWatch files)
 * the alarms on the instances and those functions. */
static void lambdas_all(ca_col *c, cJSON *resources) {
  if (!c->no_alarms) col_alarms_q(c, resources);   /* alarms.c */
}

static void bots_all(ca_col *c, cJSON *resources) { col_lex_q(c, resources); /* lex.c */ }

static void objects_in(ca_col *c, cJSON *resources, const char *type, const char *id, const char *instance_arn) {
  if (!strcmp(type, "connect_routing_profile")) col_routing_profile_queues_q(c, resources, id, instance_arn);   /* objects2.c */
  if (!strcmp(type, "connect_queue")) col_queue_quick_connects_q(c, resources, id, instance_arn);   /* telephony.c */
}

static void log_group_named(ca_col *c, cJSON *resources, const char *group_arn, const char *err_arn) {
  col_log_group_arn_q(c, resources, group_arn, err_arn);   /* logs.c */
}

/* A Customer Profiles domain: its object types (Security Hub Connect.1). */
static void profiles_domain_named(ca_col *c, cJSON *resources, const char *domain_arn, const char *domain_name,
                                  const char *region, const char *account) {
  col_profile_object_types_q(c, resources, domain_arn, domain_name, region, account);   /* cprofiles.c */
}

static const col_plan plan = {instance_queued, instance_described, storage_configs_in, instance_lambdas,
                              lambdas_all, bots_all, objects_in, log_group_named, profiles_domain_named};

/* ---- The run's steps ---- */

/* Resource types asked from every instance's answers, present even when no
 * instance is collected: domains.c's, cprofiles.c's, lex.c's, ds.c's, campaigns.c's. */
static const char *const always_types[] = {"customer_profiles_domain", "customer_profiles_object_type",
                                           "voiceid_domain", "wisdom_knowledge_base",
                                           "lex_bot", "lexv2_bot", "lexv2_bot_alias", "ds_directory",
                                           "connect_campaign_v1", "connect_campaign_v2", NULL};

void col_plan_types(cJSON *resources) {
  col_connect_types(resources);          /* connect.c */
  col_connect_object_types(resources);   /* objects.c */
  for (int i = 0; always_types[i]; i++) col_type(resources, always_types[i]);
}

/* The places the data goes, after everything that names them (storage
 * configs, Firehose destinations, Lex audio logs, streams, domains, the
 * functions' environments): tables and buckets first (their keys are KMS
 * keys too). */
static void storage(ca_col *c, cJSON *resources, const char *account) {
  col_dynamodb_tables_q(c, resources);    /* ddb.c: the tables the functions name (sent with the buckets) */
  if (!c->no_trails) col_trails_q(c, resources);     /* trail.c: what alerts on IAM changes (sent with the buckets) */
  if (!c->no_roles) col_iam_roles_q(c, resources);   /* iam.c: the instances' service-linked roles */
  col_s3_buckets(c, resources);           /* s3.c */
  col_kms_keys(c, resources, account);    /* kms.c */
}

void col_plan_instance(ca_col *c, cJSON *resources, const char *id, const char *arn, const char *alias,
                       const char *account) {
  c->plan = &plan;
  col_connect_instance(c, resources, id, arn, alias, account);   /* connect.c, and who follows it */
  storage(c, resources, account);
}

int ca_collect(ca_aws *aws, const ca_collect_opts *o, cJSON **snapshot, ca_err *err) {
  *snapshot = NULL;
  cJSON *root = cJSON_CreateObject();
  cJSON_AddStringToObject(root, "schema", CA_SNAPSHOT_SCHEMA);
  cJSON *tool = cJSON_AddObjectToObject(root, "tool");
  cJSON_AddStringToObject(tool, "name", "connect-auditor");
  cJSON_AddStringToObject(tool, "version", CA_VERSION);
  cJSON *resources = cJSON_CreateObject();
  ca_col c = {.aws = aws, .o = o, .errors = cJSON_CreateArray(), .plan = &plan};
  char account[13] = "";
  int sts_rc = col_sts_account(&c, account);   /* sts.c */
  col_plan_types(resources);
  /* connect.c: every instance and everything its answers name, in flight together */
  if (col_connect(&c, resources, account, err)) {
    col_progress_clear(&c);
    cJSON_Delete(resources);
    cJSON_Delete(c.errors);
    cJSON_Delete(c.once);
    cJSON_Delete(root);
    return -1;
  }
  if (!account[0]) {
    cJSON_Delete(resources);
    cJSON_Delete(c.errors);
    cJSON_Delete(c.once);
    cJSON_Delete(root);
    return ca_errf(err, CA_EXIT_RUN, "cannot learn the AWS account: STS GetCallerIdentity failed and no instance was collected");
  }
  col_type(resources, "cloudwatch_alarm");   /* alarms.c's, asked with the functions: present without instances too */
  col_progress_kinds(&c, resources);   /* progress.c: a line per kind (not on a terminal) */
  storage(&c, resources, account);
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
  col_canonical(resources, c.errors);   /* the same bytes however the answers interleaved */
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
  cJSON_Delete(c.once);
  *snapshot = root;
  return 0;
}
