/* services.h -- the entry points of collect/'s services (not API), for the
 * plan (plan.c) to call.  Each service file includes this header only so the
 * compiler checks its definitions against these declarations: a service
 * calls the core (collect_int.h) and never another service's entry point --
 * what follows an answer is the plan's to say (the hooks in collect_int.h).
 * tests/layering.py fails on a service that calls another's entry point. */
#ifndef CA_COLLECT_SERVICES_H
#define CA_COLLECT_SERVICES_H
#include "collect/collect_int.h"

/* sts.c: the account of the credentials (GetCallerIdentity), into account[13]. */
int col_sts_account(ca_col *c, char account[13]);

/* connect.c: the region's instances (all, or the one --instance names) into
 * resources, account[] filled from the first one's ARN when it is empty.
 * Every instance's calls are queued together and run to the end; what each
 * answer makes askable is told to the plan (instance_queued,
 * instance_described, storage_configs_in, instance_lambdas, lambdas_all,
 * bots_all).  col_connect_types: connect.c's own resource types, present
 * even when no instance is collected.  col_connect_instance: one instance
 * the same way (import.c, or without ListInstances). */
int col_connect(ca_col *c, cJSON *resources, char account[13], ca_err *err);
void col_connect_types(cJSON *resources);
void col_connect_instance(ca_col *c, cJSON *resources, const char *id, const char *arn, const char *alias,
                          const char *account);

/* objects.c: contact flows, flow modules, users, queues, routing profiles,
 * hours and quick connects of one instance (Search*, or List + Describe where
 * Search* is unknown), queued, each kind's end told to the plan (objects_in);
 * and the empty resource-type objects they (and objects2.c) go into. */
void col_connect_objects_q(ca_col *c, cJSON *resources, const char *id, const char *arn);
void col_connect_object_types(cJSON *resources);
/* objects2.c: the queues of each of the instance's collected routing
 * profiles (data.Queues; once objects.c has the profiles) and the
 * instance's claimed phone numbers (connect_phone_number), queued. */
void col_routing_profile_queues_q(ca_col *c, cJSON *resources, const char *id, const char *arn);
void col_phone_numbers_q(ca_col *c, cJSON *resources, const char *id, const char *arn);
/* analytics.c: the instance's analytics data associations
 * (ListAnalyticsDataAssociations, all pages: data.AnalyticsDataAssociations), queued. */
void col_analytics_q(ca_col *c, cJSON *resources, const char *id, const char *arn);
/* telephony.c: the flow each of the instance's voice numbers is associated
 * with (data.FlowAssociations of the instance; queued with its other calls)
 * and the quick connects of each of its collected queues (data.QuickConnects;
 * once objects.c has the queues). */
void col_flow_associations_q(ca_col *c, cJSON *resources, const char *id, const char *arn);
void col_queue_quick_connects_q(ca_col *c, cJSON *resources, const char *id, const char *arn);

/* What an instance's answers name, each resource asked in its own region:
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
 *   unknown) instance's region (ds_directory), each region once per run. */
void col_streams_q(ca_col *c, cJSON *resources, const cJSON *storage_configs, const char *instance_arn);
void col_lambda_functions_q(ca_col *c, cJSON *resources, const cJSON *arns, const char *instance_arn);
void col_log_group_q(ca_col *c, cJSON *resources, const char *instance_arn, const char *alias);
/* A log group by its ARN (arn:aws:logs:R:A:log-group:NAME[:*]), asked once
 * per run in its region: a Lex V2 alias's text-log group. */
void col_log_group_arn_q(ca_col *c, cJSON *resources, const char *group_arn, const char *err_arn);
void col_domains_q(ca_col *c, cJSON *resources, const char *instance_arn, const char *account);
/* cprofiles.c: one Customer Profiles domain's object types
 * (ListProfileObjectTypes, every page: the domain's data.ObjectTypes and one
 * customer_profiles_object_type each; ListTagsForResource for one listed
 * without tags), queued as soon as domains.c names the domain. */
void col_profile_object_types_q(ca_col *c, cJSON *resources, const char *domain_arn, const char *domain_name,
                                const char *region, const char *account);
void col_lex_q(ca_col *c, cJSON *resources);
void col_ds_q(ca_col *c, cJSON *resources, const char *instance_arn);
/* campaigns.c: the instance's outbound campaigns (Outbound Campaigns v2,
 * then v1: connect_campaign_v2, connect_campaign_v1) and its campaign
 * config (data.CampaignInstanceConfig), queued with its other calls. */
void col_campaigns_q(ca_col *c, cJSON *resources, const char *id, const char *arn, const char *account);

/* s3.c, kms.c: the S3 buckets the storage configs name (s3_bucket) and the KMS
 * keys of the storage configs and of the buckets' default encryption
 * (kms_key), each run to its end; the plan asks the buckets first. */
void col_s3_buckets(ca_col *c, cJSON *resources);
/* The buckets one instance's StorageConfigs name, queued (as soon as the
 * instance's storage configs are in). */
void col_s3_buckets_q(ca_col *c, cJSON *resources, const cJSON *storage_configs);
void col_kms_keys(ca_col *c, cJSON *resources, const char *account);

/* ddb.c: the DynamoDB tables the collected Lambda functions name in their
 * environment variables (a table's ARN, or the name of a table ListTables
 * lists in the function's region): dynamodb_table, queued once every
 * function is described (col_run sends them). */
void col_dynamodb_tables_q(ca_col *c, cJSON *resources);

/* trail.c: the CloudTrail trails (status, event selectors, the metric
 * filters on their log groups and the alarms on those filters' metrics) and
 * the EventBridge rules on IAM or Amazon Connect events, in every instance's
 * region and us-east-1 (IAM's events), each region once: cloudtrail_trail,
 * events_rule, queued (col_run sends them). */
void col_trails_q(ca_col *c, cJSON *resources);

/* iam.c: each instance's service role (Instance.ServiceRole): IAM GetRole
 * into iam_role, queued (col_run sends it). */
void col_iam_roles_q(ca_col *c, cJSON *resources);

/* alarms.c: the CloudWatch alarms on each collected instance and its Lambda
 * functions (cloudwatch_alarm): each region's listing queued (col_run sends
 * them), once every instance's ListLambdaFunctions is in. */
void col_alarms_q(ca_col *c, cJSON *resources);

#endif
