/*
 * drift.h -- stage drift: `diff DEV.json PROD.json` of two snapshots lists the
 * configuration that differs where two stages of one contact center should be
 * identical (docs/diff.md: what is compared, how stage names are normalised).
 * The result is a diff document (results/diff.h, mode "stage").
 */
#ifndef CA_DRIFT_H
#define CA_DRIFT_H
#include <cjson/cJSON.h>
#include "snapshot/snapshot.h"
#include "util/err.h"

/* Each snapshot must hold exactly one Amazon Connect instance (an input
 * error otherwise, naming the file).  *ndiff gets the number of differences. */
int ca_drift(const ca_snapshot *old_snap, const char *old_label, const ca_snapshot *new_snap, const char *new_label,
             cJSON **out, long *ndiff, ca_err *err);

/* s with the stage's own names replaced: the instance ID by {instance}, the
 * account by {account}, the instance alias by {alias} (aliases shorter than 3
 * characters are left alone: too likely to occur by chance).  Caller frees. */
char *ca_drift_normalise(const char *s, const char *instance_id, const char *account, const char *alias);

#endif
