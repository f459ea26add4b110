/*
 * ctx.h -- what runs inside one rule's child process: load the rule, check
 * its metadata, call check(resource, ctx) for every resource of its type,
 * and stream the outcome to the parent as JSON lines:
 *   {"meta": {...}}              the rule's metadata, or
 *   {"load_error": "..."}        why the rule could not be loaded
 *   {"finding": {arn, from, status, message, evidence[], parameters{}}}
 *   {"done": "<arn>"}            every finding of that resource was sent
 *   {"stop": "..."}              the rule is out of budget; nothing follows
 *   {"close_error": "..."}       stopped after it reported (a finalizer at close
 *                                broke a limit): the parent flags its findings
 */
#ifndef CA_CTX_H
#define CA_CTX_H
#include <cjson/cJSON.h>
#include "policy/sandbox.h"
#include "snapshot/snapshot.h"

typedef struct ca_rule_job {
  const ca_snapshot *snap;
  const ca_file *rule;
  const ca_fileset *libs;
  const cJSON *params;       /* the pack's effective parameters */
  ca_limits limits;
  int meta_only;             /* policy list: load and describe, run nothing */
  /* NULL, or whether to check with this rule once its metadata is read
   * (engine.c keep_rule: ca_run_opts.keep); refused: as meta_only. */
  int (*keep)(const void *arg, const cJSON *meta);
  const void *keep_arg;
  /* NULL, or a state from ca_rule_base_new that the parent made before it
   * forked this process: the rule runs in this process's copy of it (built
   * once instead of in each of 135 processes; issue 12).  A rule process
   * changes only its own copy; the parent never runs code in it.  Set only
   * for jobs run in a child process (child.h): ca_rule_child uses it up. */
  ca_sandbox *base;
} ca_rule_job;

/* The state a rule's chunk runs in, before it runs (libraries, C modules);
 * NULL when out of memory.  C code only: safe to make in the parent. */
ca_sandbox *ca_rule_base_new(const ca_limits *lim, const ca_fileset *libs);

/* Runs in the child; returns the process exit status. */
int ca_rule_child(const ca_rule_job *job, int fd);

/* Writes obj as one line to fd (the child side of the protocol). */
int ca_emit(int fd, const cJSON *obj);

/* A rule's `resource` is one snapshot resource type or a list of them (flow
 * rules take connect_contact_flow and connect_contact_flow_module). */
#define CA_MAX_RULE_TYPES 4
/* The types the metadata names, in the rule's order; returns how many. */
size_t ca_rule_types(const cJSON *meta, const char *types[CA_MAX_RULE_TYPES]);
/* The resources a rule checks, in order (type in the rule's order, then
 * ARN): *out is a malloc'd array of pointers into snap (free it), NULL when
 * there are none; returns the count, or (size_t)-1 when out of memory. */
size_t ca_rule_resources(const ca_snapshot *snap, const cJSON *meta, const ca_resource ***out);

#endif
