/*
 * collect.h -- live collection into a snapshot (docs/snapshot.md,
 * docs/collect.md).  What could not be collected is an entry in errors[],
 * never a silent gap.
 */
#ifndef CA_COLLECT_H
#define CA_COLLECT_H
#include <cjson/cJSON.h>
#include "aws/aws.h"
#include "util/err.h"

typedef struct ca_collect_opts {
  const char *instance;      /* ID, alias or ARN; ignored with all_instances */
  int all_instances;
  int quiet;                 /* no progress lines on stderr */
  long long now;             /* collected_at, seconds since the epoch */
} ca_collect_opts;

/* CONSTRUCTOR of *snapshot (the caller deletes it).  Fails (with err) only
 * when no snapshot can be made: the instance is unknown (CA_EXIT_USAGE), or
 * the instances cannot be listed, or the account cannot be learnt
 * (CA_EXIT_RUN).  Every other failed call is an errors[] entry. */
int ca_collect(ca_aws *aws, const ca_collect_opts *o, cJSON **snapshot, ca_err *err);

/* ---- Estates (estate.c; scan --accounts / --org-role / --regions) ----
 * Blocking calls that say what there is to scan, before any collection.
 * Each returns 0 with a cJSON array (the caller deletes it), or -1 with
 * the AWS error code and message in *fail (never a secret). */
typedef struct ca_estate_fail {
  char code[128];
  char message[512];
} ca_estate_fail;
/* The regions where Amazon Connect exists (one table: botocore 1.43's
 * endpoints, which hold Debian 12's botocore 1.29 list too), NULL-ended. */
const char *const *ca_connect_regions(void);
/* 1 when r is an opt-in region (an account enables it before use). */
int ca_region_opt_in(const char *r);
/* The partition of a region: "aws", "aws-cn", "aws-us-gov". */
const char *ca_region_partition(const char *r);
/* STS GetCallerIdentity: the client's own account (12 digits). */
int ca_estate_caller(ca_aws *aws, char account[13], ca_estate_fail *fail);
/* Organizations ListAccounts (every page) with the client's credentials:
 * the ACTIVE accounts' IDs, sorted, as strings. */
int ca_estate_org_accounts(ca_aws *aws, cJSON **ids, ca_estate_fail *fail);
/* Account ListRegions (every page): [{RegionName, RegionOptStatus}]. */
int ca_estate_regions(ca_aws *aws, cJSON **regions, ca_estate_fail *fail);
/* Amazon Connect ListInstances in region (every page): the instances'
 * summaries [{Id, Arn, InstanceAlias, ...}], sorted by Id. */
int ca_estate_instances(ca_aws *aws, const char *region, cJSON **instances, ca_estate_fail *fail);

#endif
