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

#endif
