/*
 * report.h -- the report formats. Every report is rendered from a results
 * document (connect-auditor/results/v1) and nothing else, so `audit --format`
 * and `report results.json` give the same bytes, and an old results.json can
 * be rendered again. One file per format (report/<name>.c); the table in
 * report.c lists them.
 */
#ifndef CA_REPORT_H
#define CA_REPORT_H
#include <cjson/cJSON.h>
#include "util/buf.h"
#include "util/err.h"

/* Appends the rendering of results to out. Deterministic: the same results
 * give the same bytes (no clock, no locale, no hash-order iteration). */
typedef int (*ca_render_fn)(const cJSON *results, ca_buf *out, ca_err *err);

typedef struct ca_format {
  const char *name;       /* --format name: json, html, md, sarif, junit, csv */
  const char *file;       /* file name audit writes into OUTDIR */
  const char *what;       /* one line for --help */
  ca_render_fn render;
} ca_format;

/* The format called name, or NULL. */
const ca_format *ca_format_find(const char *name);
/* The formats in table order; *n gets their count. */
const ca_format *ca_formats(size_t *n);
/* "json, html, …": the names, for messages. */
const char *ca_format_names(void);

/* Renders results as f and writes path atomically (temporary file + rename). */
int ca_report_write(const cJSON *results, const ca_format *f, const char *path, ca_err *err);

/* The renderers (report/<name>.c). */
int ca_render_json(const cJSON *results, ca_buf *out, ca_err *err);
int ca_render_html(const cJSON *results, ca_buf *out, ca_err *err);
int ca_render_md(const cJSON *results, ca_buf *out, ca_err *err);
int ca_render_sarif(const cJSON *results, ca_buf *out, ca_err *err);
int ca_render_junit(const cJSON *results, ca_buf *out, ca_err *err);
int ca_render_csv(const cJSON *results, ca_buf *out, ca_err *err);

/* Text helpers the sarif, junit and csv renderers share (report/junit.c).
 * Each appends to out and returns 0, or -1 past its cap / out of memory. */
/* A string member of o, or "" (never NULL). */
const char *ca_report_str(const cJSON *o, const char *key);
/* s[0..n) with every byte that is not well-formed UTF-8 and every character
 * XML 1.0 forbids (C0 controls but TAB, LF, CR; U+FFFE, U+FFFF) as U+FFFD. */
int ca_report_clean(ca_buf *out, const char *s, size_t n);
/* Evidence items as "path=observed→expected", joined by sep; values that are
 * not strings as compact JSON. Not cleaned: pass the result through ca_report_clean. */
int ca_report_evidence(ca_buf *out, const cJSON *evidence, const char *sep);
/* Controls as "PCI-DSS-4.0 3.5.1; HIPAA 164.312(b)" (sep between them). */
int ca_report_controls(ca_buf *out, const cJSON *controls, const char *sep);
/* For keys[0..n): the first index with an equal key, this one's rank among
 * the equal keys (0-based, in index order) and how many there are. */
typedef struct ca_dup { size_t first, ord, count; } ca_dup;
int ca_report_dups(const char *const *keys, size_t n, ca_dup *dup);

#endif
