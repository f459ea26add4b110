/*
 * diff.h -- `diff OLD NEW`: what changed between two scans (two results.json)
 * and the document both diff modes produce (connect-auditor/diff/v1,
 * docs/diff.md).  The stage-drift mode (two snapshots) builds the same kind
 * of document in snapshot/drift.c; both render to text here.
 */
#ifndef CA_DIFF_H
#define CA_DIFF_H
#include <cjson/cJSON.h>
#include "util/buf.h"
#include "util/err.h"

#define CA_DIFF_SCHEMA "connect-auditor/diff/v1"

/* The categories of a scan-to-scan diff, in the order reports list them.
 * Every finding of OLD and NEW lands in exactly one. */
typedef enum ca_diff_cat {
  CA_DIFF_NEW_FAILURE,      /* fail/error in NEW; not failing (or absent) in OLD */
  CA_DIFF_RESOLVED,         /* fail/error in OLD; pass in NEW */
  CA_DIFF_STILL_FAILING,    /* fail/error in both (evidence_changed says if observed values moved) */
  CA_DIFF_STATUS_CHANGED,   /* any other status change (e.g. fail -> waived, pass -> skipped) */
  CA_DIFF_CHANGED_EVIDENCE, /* same non-failing status, different observed values */
  CA_DIFF_DISAPPEARED,      /* in OLD only: resource or rule gone */
  CA_DIFF_APPEARED,         /* in NEW only and not failing */
  CA_DIFF_UNCHANGED,        /* same status and observed values: counted, not listed */
  CA_DIFF_NCATS
} ca_diff_cat;

/* "new_failures", "resolved", …: the JSON member name of a category. */
const char *ca_diff_cat_name(ca_diff_cat c);
/* The category of a matched pair; old_status or new_status NULL means the
 * finding is absent on that side. */
ca_diff_cat ca_diff_categorize(const char *old_status, const char *new_status, int evidence_changed);
/* 1 for the statuses that fail a gate: fail and error. */
int ca_diff_failing(const char *status);

/* The finding's discriminator among several findings of one rule on one
 * resource: the path of its first evidence item ("" if it has none). Owned
 * by the finding. */
const char *ca_diff_subject(const cJSON *finding);

typedef struct ca_diff_opts {
  const char *old_label, *new_label;   /* file names, for the document and messages */
  int allow_account_change;            /* else different account_ids are an input error */
  int fail_rank;                       /* --fail-on: 0 critical .. 4 info; -1 none */
  int new_only;                        /* --new-only: the gate counts new failures only */
} ca_diff_opts;

/* Builds the diff document of two checked results documents (ca_results_check,
 * results/load.h).  *gate gets the number of findings the --fail-on gate counts. */
int ca_diff_results(const cJSON *old_doc, const cJSON *new_doc, const ca_diff_opts *o, cJSON **out, long *gate,
                    ca_err *err);

/* Human text of a diff document (either mode): a summary line, then one
 * section per category.  Every string from the inputs has its control
 * characters escaped, so a hostile name cannot drive the terminal. */
int ca_diff_render_text(const cJSON *doc, ca_buf *out, ca_err *err);
/* As JSON: report/json.c's ca_render_json prints any document. */

/* Appends s with C0/C1 control characters and DEL escaped (\n, \t, \xNN). */
int ca_diff_text_escape(ca_buf *b, const char *s);

#endif
