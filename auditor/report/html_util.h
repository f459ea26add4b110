/*
 * html_util.h -- what report/html.c (the page, summary, matrix) and
 * html_findings.c (findings, checklist, inventory) share: the renderer's
 * state and its small helpers (html_util.c): markup, escaping, status
 * badges and symbols, links to findings.  Neither of the two calls the
 * other's helpers; html.c calls html_findings.c's sections (html_findings.h).
 *
 * The one safety rule: a string from results reaches the page only through
 * h_esc (or h_json), and only as element text.  Attribute values, IDs, class
 * names and hrefs are built from this file's constants and from numbers
 * (finding #N is id "f-N"), never from data.
 */
#ifndef CA_REPORT_HTML_UTIL_H
#define CA_REPORT_HTML_UTIL_H
#include <stddef.h>
#include <cjson/cJSON.h>
#include "report/text.h"
#include "util/buf.h"

typedef struct html {
  ca_out out;                /* out.rc: sticky, -1 once the buffer refused (past its cap, or OOM) */
  const cJSON *results, *summary;
  const cJSON *trend;        /* [{generated_at, fail, error, failing_controls}] oldest first, or NULL */
  const cJSON **f;           /* findings by index */
  size_t nf;
  size_t *order;             /* finding indices in report order (ca_findings_order) */
  /* The distinct framework names and resource types the findings name,
   * sorted (strcmp), not copied: the filters' choices.  A finding carries
   * their 1-based places (data-fw, data-rt), never the strings themselves. */
  const char **fws, **types;
  size_t nfws, ntypes;
} html;

/* The groups findings are shown in, most urgent first: failing and erroring
 * (and any status we do not know), awaiting attestation, waived, then the
 * passing and not-applicable ones, collapsed. */
enum { H_G_ACTION, H_G_MANUAL, H_G_WAIVED, H_G_PASS, H_G_SKIPPED, H_NGROUPS };
int h_group(const char *status);
extern const char *const h_group_ids[H_NGROUPS];

/* The 1-based place of s in the sorted v[0..n), 0 when absent. */
size_t h_place(const char *const *v, size_t n, const char *s);

/* Markup from this file's own constants (never data). */
void h_put(html *h, const char *markup);
#define h_putf(h, ...) ca_out_putf(&(h)->out, __VA_ARGS__)
/* Data, escaped as text; dflt (a constant) when s is NULL or empty. */
void h_esc(html *h, const char *s, const char *dflt);
/* A JSON value from data, as escaped compact JSON. */
void h_json(html *h, const cJSON *v);

/* A status badge: symbol + word, so it does not rest on colour alone.
 * Known statuses get their class; anything else is shown escaped, unstyled. */
void h_badge(html *h, const char *status);
/* "<a href="#f-N">…N</a>": a link to finding i (0-based), marked with its status symbol. */
void h_link(html *h, size_t i);
/* The symbol and class of a finding status; "other" for anything unknown. */
const char *h_status_symbol(const char *status);
const char *h_status_class(const char *status);

#endif
