/*
 * engine.h -- evaluate packs against a snapshot: one child process per rule,
 * run in parallel, findings collected in a fixed order (pack, rule file,
 * resource ARN), so the same inputs give the same results.
 */
#ifndef CA_ENGINE_H
#define CA_ENGINE_H
#include <cjson/cJSON.h>
#include "policy/pack.h"
#include "results/results.h"   /* ca_rule_result, ca_run: the plain results data the engine fills */
#include "snapshot/snapshot.h"

typedef struct ca_run_opts {
  int jobs;               /* parallel rule processes; 0: one per CPU */
  ca_limits limits;
  int meta_only;          /* load and describe the rules, check nothing */
  /* Which rules to run (NULL: every one): asked of each rule's metadata as
   * results.json will hold it (the catalogues' crosswalks added) in the
   * rule's process, once the rule is loaded.  A rule it refuses is loaded
   * and described, and checks nothing (audit --rule and the other selection
   * options: a rule outside the selection costs its load, not an audit). */
  int (*keep)(const cJSON *meta, const void *arg);
  const void *keep_arg;
} ca_run_opts;

/* snap may be NULL with meta_only.  out's strings point into ps, which must
 * outlive it; ca_run_free (results.h) frees it. */
int ca_engine_run(const ca_packset *ps, const ca_snapshot *snap, const ca_run_opts *o,
                  ca_run *out, ca_err *err);
/* Runs one rule file of a pack (policy test); out gets one result. */
int ca_engine_run_rule(const ca_pack *p, const ca_file *rule, const ca_snapshot *snap,
                       const ca_run_opts *o, ca_rule_result *out, ca_err *err);

/* What the parent makes of a rule process's output: text[0..len) (NUL
 * bytes and all) as if a process that exited 0 had written it, read as
 * ca_engine_run reads each one's; r gets the result (ca_rule_result_free).
 * For tests of the checks every line meets. */
void ca_engine_collect_output(const char *text, size_t len, const ca_snapshot *snap, ca_rule_result *r);
/* The crosswalk entries of ps's catalogues (controls[].rules in a
 * controls.json) that name a rule no pack on the search path has: not a
 * rule of run (NULL: ps's rules are loaded to see, checking nothing), nor --
 * when there are such IDs -- of any pack under roots or the built-in
 * policies folder, selected or not (each loaded, checking nothing, only
 * then).  *out gets [{file, pointer, rule}]: the catalogue as opened, the
 * JSON pointer of the entry, the ID; in catalogue order; the caller warns
 * (such an entry maps nothing: the control is decided without it). */
int ca_engine_crosswalk_unknown(const ca_packset *ps, const ca_run *run, const char *const *roots, size_t nroots,
                                cJSON **out, ca_err *err);

#endif
