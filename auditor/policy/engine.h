/*
 * engine.h -- evaluate packs against a snapshot: one child process per rule,
 * run in parallel, findings collected in a fixed order (pack, rule file,
 * resource ARN), so the same inputs give the same results.
 */
#ifndef CA_ENGINE_H
#define CA_ENGINE_H
#include <cjson/cJSON.h>
#include "policy/pack.h"
#include "snapshot/snapshot.h"

typedef struct ca_rule_result {
  const ca_pack *pack;
  const ca_file *file;    /* NULL for a pack that could not be loaded */
  cJSON *meta;            /* id, title, severity, practice, controls[], resource, ...; NULL if not loaded */
  char *error;            /* why the rule (or its pack) could not be loaded */
  cJSON *findings;        /* [{arn, from, status, message, evidence[], parameters{}}] */
} ca_rule_result;

typedef struct ca_run {
  ca_rule_result *v;
  size_t n;
} ca_run;

typedef struct ca_run_opts {
  int jobs;               /* parallel rule processes; 0: one per CPU */
  ca_limits limits;
  int meta_only;          /* load and describe the rules, check nothing */
} ca_run_opts;

/* snap may be NULL with meta_only. */
int ca_engine_run(const ca_packset *ps, const ca_snapshot *snap, const ca_run_opts *o,
                  ca_run *out, ca_err *err);
/* Runs one rule file of a pack (policy test); out gets one result. */
int ca_engine_run_rule(const ca_pack *p, const ca_file *rule, const ca_snapshot *snap,
                       const ca_run_opts *o, ca_rule_result *out, ca_err *err);
void ca_rule_result_free(ca_rule_result *r);
void ca_run_free(ca_run *r);

#endif
