/*
 * text.h -- what every human-readable report shares: one escaping function
 * per target format for strings that come from results (a customer's
 * snapshot, a pack's messages: untrusted), safe accessors for a results
 * document that may be malformed or hostile, the order findings are shown
 * in, and the plain-text pieces (evidence, controls, duplicate keys) the
 * sarif, junit and csv renderers build from.  Used by all six renderers.
 * Nothing here allocates except ca_findings_order, ca_dups and the JSON
 * printing inside ca_json_esc / ca_evidence_text (freed before they return).
 */
#ifndef CA_REPORT_TEXT_H
#define CA_REPORT_TEXT_H
#include <stddef.h>
#include <cjson/cJSON.h>
#include "results/vocab.h"
#include "util/buf.h"

/* A sticky writer: once the buffer refuses (past its cap, or out of memory)
 * rc stays -1 and every later call does nothing, so a renderer checks once. */
typedef struct ca_out {
  ca_buf *b;
  int rc;
} ca_out;
/* Appends s as it is: markup from the renderer's own constants, never data. */
void ca_out_put(ca_out *o, const char *s);
/* A constant format with numbers and constant words, at most
 * CA_MAX_REPORT_LINE_BYTES once formatted (longer is a bug: rc becomes -1). */
void ca_out_putf(ca_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Data through esc (ca_html_esc, ca_md_esc); dflt, a constant, as it is when
 * s is NULL or empty. */
void ca_out_esc(ca_out *o, int (*esc)(ca_buf *, const char *), const char *s, const char *dflt);

/* Appends s as HTML text: & < > " ' become entities, so the result is safe in
 * element content and in a quoted attribute value (never use it for a URL, a
 * style or an event handler: nothing from results goes there).  A carriage
 * return becomes a space; other control characters (but tab and newline) and
 * invalid UTF-8 become U+FFFD; bidirectional controls (U+202A..E, U+2066..9,
 * U+200E/F, U+061C) are shown as "<U+202E>", not obeyed.
 * NULL appends nothing.  0, or -1 past the buffer's cap. */
int ca_html_esc(ca_buf *b, const char *s);

/* Appends s as inline Markdown (CommonMark + GitHub extensions) that renders
 * as exactly its text: no emphasis, code, link, image, autolink, math, table
 * cell break or HTML can come out of it.  Newlines become spaces (so it is
 * safe in a table cell); control characters and invalid UTF-8 become U+FFFD;
 * bidirectional controls are shown as in ca_html_esc. */
int ca_md_esc(ca_buf *b, const char *s);

/* Appends v as compact JSON (cJSON's unformatted print), through esc
 * (ca_buf_adds for none); "(absent)" when v is NULL. */
int ca_json_esc(ca_buf *b, const cJSON *v, int (*esc)(ca_buf *, const char *));

/* Appends s[0..n) with every byte that is not well-formed UTF-8 and every
 * character XML 1.0 forbids (C0 controls but TAB, LF, CR; U+FFFE, U+FFFF) as
 * U+FFFD: what the sarif, junit and csv renderers write. */
int ca_text_clean(ca_buf *out, const char *s, size_t n);
/* cJSON_Print(doc) cleaned as ca_text_clean, then "\n" -- with slot, an
 * empty array inside doc, printed as if it held the n items item(arg, i)
 * makes (i = 0, 1, ... in turn), each made, printed and deleted on its own,
 * so the whole tree is never built (results.sarif, ocsf.json).  NULL from
 * item: out of memory.  Returns 0, -1 when out refused (past its cap), or -2
 * out of memory. */
int ca_print_filled(const cJSON *doc, cJSON *slot, size_t n, cJSON *(*item)(void *arg, size_t i), void *arg,
                    ca_buf *out);
/* One RFC 4180 field of findings.csv and the controls CSVs (report/csv.c):
 * cleaned as ca_text_clean, a leading = + - @ TAB CR defused with "'",
 * quoted when needed, then "," or (last) CRLF.  tmp is scratch. */
int ca_csv_field(ca_buf *out, ca_buf *tmp, const char *s, int last);
/* Evidence items as "path=observed\u2192expected (note)", joined by sep;
 * values that are not strings as compact JSON.  Not cleaned: pass the result
 * through ca_text_clean or an escaping function. */
int ca_evidence_text(ca_buf *out, const cJSON *evidence, const char *sep);
/* Controls as "PCI-DSS-4.0 3.5.1; HIPAA 164.312(b)" (sep between them). */
int ca_controls_text(ca_buf *out, const cJSON *controls, const char *sep);
/* For keys[0..n) (NULL counts as ""): the first index with an equal key, this
 * one's rank among the equal keys (0-based, in index order) and how many
 * there are.  -1 when out of memory. */
typedef struct ca_dup { size_t first, ord, count; } ca_dup;
int ca_dups(const char *const *keys, size_t n, ca_dup *dup);

/* The asff and ocsf reports' finding ID, stable across scans: for each of
 * findings' n findings its rank among those with its rule and resource ARN
 * (ca_dups over "rule_id\nARN", over the whole results: IDs are unique over
 * every asff part), as an array the caller frees, NULL when out of memory;
 * then "connect-auditor/<account>/<32 hex>" (at most n bytes into buf), the
 * first 128 bits of the SHA-256 of "rule\nARN\nrank". */
ca_dup *ca_finding_ranks(const cJSON *findings, size_t n);
void ca_finding_uid(char *buf, size_t n, const char *account, const char *rule, const char *arn, size_t rank);

/* Members of a results object, whatever the document holds: the string, or
 * dflt when absent or not a string (ca_rstr(o, k, "") is never NULL); the
 * number as a long, or -1; a count, or 0 when absent or not a count. */
const char *ca_rstr(const cJSON *o, const char *key, const char *dflt);
long ca_rnum(const cJSON *o, const char *key);
long ca_rcount(const cJSON *o, const char *key);
/* The member if it is an object (not null), else NULL. */
const cJSON *ca_robj(const cJSON *o, const char *key);

/* The AWS partition (aws, aws-cn, aws-us-gov) an ARN names, else the one its
 * region is in (cn-*, us-gov-*), else "aws": for the asff and ocsf reports. */
const char *ca_partition_of(const char *arn, const char *region);

/* Statuses in the order reports show them (worst first), and a status's place
 * in it: fail 0, error 1, manual 2, waived 3, pass 4, skipped 5, anything else
 * 6.  Severity ranks are ca_severity_rank's (critical 0 .. info 4), unknown 5. */
extern const char *const ca_report_statuses[];
/* Severities (ca_severities, CA_NSEVERITIES) and control statuses
 * (ca_control_statuses) are the results' words: results/vocab.h. */
int ca_status_order(const char *status);
int ca_severity_order(const char *severity);

/* Indices of results' findings, sorted by severity (critical first), then
 * rule ID (natural order), then status, then index: the order every report
 * lists findings in.  *order is the caller's to free; NULL with *n 0 when
 * there are no findings.  -1 when out of memory. */
int ca_findings_order(const cJSON *findings, size_t **order, size_t *n);

#endif
