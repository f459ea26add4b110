/*
 * ctx.h -- what runs inside one rule's child process: load the rule, check
 * its metadata, call check(resource, ctx) for every resource of its type,
 * and stream the outcome to the parent as JSON lines:
 *   {"meta": {...}}              the rule's metadata, or
 *   {"load_error": "..."}        why the rule could not be loaded
 *   {"finding": {arn, from, status, message, evidence[], parameters{}}}
 *   {"done": "<arn>"}            every finding of that resource was sent
 *   {"stop": "..."}              the rule is out of budget; nothing follows
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
} ca_rule_job;

/* Runs in the child; returns the process exit status. */
int ca_rule_child(const ca_rule_job *job, int fd);

/* Writes obj as one line to fd (the child side of the protocol). */
int ca_emit(int fd, const cJSON *obj);

#endif
