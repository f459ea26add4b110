/*
 * text.h -- what every human-readable report shares: one escaping function
 * per target format for strings that come from results (a customer's
 * snapshot, a pack's messages: untrusted), safe accessors for a results
 * document that may be malformed or hostile, and the order findings are shown
 * in.  Nothing here allocates except ca_findings_order.
 */
#ifndef CA_REPORT_TEXT_H
#define CA_REPORT_TEXT_H
#include <stddef.h>
#include <cjson/cJSON.h>
#include "util/buf.h"

/* Appends s as HTML text: & < > " ' become entities, so the result is safe in
 * element content and in a quoted attribute value (never use it for a URL, a
 * style or an event handler: nothing from results goes there).  A carriage
 * return becomes a space; other control characters (but tab and newline) and
 * invalid UTF-8 become U+FFFD.
 * NULL appends nothing.  0, or -1 past the buffer's cap. */
int ca_html_esc(ca_buf *b, const char *s);

/* Appends s as inline Markdown (CommonMark + GitHub extensions) that renders
 * as exactly its text: no emphasis, code, link, image, autolink, math, table
 * cell break or HTML can come out of it.  Newlines become spaces (so it is
 * safe in a table cell); control characters and invalid UTF-8 become U+FFFD. */
int ca_md_esc(ca_buf *b, const char *s);

/* Appends v as compact JSON (cJSON's unformatted print), through esc. */
int ca_json_esc(ca_buf *b, const cJSON *v, int (*esc)(ca_buf *, const char *));

/* Members of a results object, whatever the document holds: the string, or
 * dflt when absent or not a string; the number as a long, or -1. */
const char *ca_rstr(const cJSON *o, const char *key, const char *dflt);
long ca_rnum(const cJSON *o, const char *key);
/* The member if it is an object (not null), else NULL. */
const cJSON *ca_robj(const cJSON *o, const char *key);

/* Statuses in the order reports show them (worst first), and a status's place
 * in it: fail 0, error 1, manual 2, waived 3, pass 4, skipped 5, anything else
 * 6.  Severity ranks are ca_severity_rank's (critical 0 .. info 4), unknown 5. */
extern const char *const ca_report_statuses[];
int ca_status_order(const char *status);
int ca_severity_order(const char *severity);

/* Indices of results' findings, sorted by severity (critical first), then
 * rule ID (natural order), then status, then index: the order every report
 * lists findings in.  *order is the caller's to free; NULL with *n 0 when
 * there are no findings.  -1 when out of memory. */
int ca_findings_order(const cJSON *findings, size_t **order, size_t *n);

#endif
