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
  /* A format written as several files (asff: BatchImportFindings takes at
   * most 100 findings a call): nparts says how many, render_part renders
   * part i (0-based).  The files are `file` with -001, -002, ... before its
   * extension (asff.json -> asff-001.json), for audit and `report -o` alike.
   * NULL for a format written as one file. */
  size_t (*nparts)(const cJSON *results);
  int (*render_part)(const cJSON *results, size_t part, ca_buf *out, ca_err *err);
  /* What goes after the "-" instead of the number (controls: the framework's
   * name, controls-PCI-DSS-4.0.csv); -1 when it does not fit.  NULL: 001, 002... */
  int (*part_suffix)(const cJSON *results, size_t part, char *out, size_t n);
} ca_format;

/* The format called name, or NULL. */
const ca_format *ca_format_find(const char *name);
/* The formats in table order; *n gets their count. */
const ca_format *ca_formats(size_t *n);
/* "json, html, …": the names, for messages. */
const char *ca_format_names(void);

/* Renders results as f and writes path atomically (temporary file + rename);
 * a format in parts writes ca_report_part_path's files instead ("-" takes a
 * format in parts only when it has one part). */
int ca_report_write(const cJSON *results, const ca_format *f, const char *path, ca_err *err);
/* Writes what render appends to its buffer to path as ca_report_write does
 * (name: the format, for messages): to the temporary file a megabyte at a
 * time, renamed once complete; "-" gets it in one piece at the end. */
typedef int (*ca_report_render_fn)(void *arg, ca_buf *out, ca_err *err);
int ca_report_write_with(const char *path, const char *name, ca_report_render_fn render, void *arg, ca_err *err);
/* path with "-" suffix before its extension ("out/asff.json", "001" ->
 * "out/asff-001.json"); -1 if it does not fit in n. */
int ca_report_part_path(const char *path, const char *suffix, char *out, size_t n);

/* The files f writes for results, as audit -o DIR writes them (what bundle
 * and verify --bundle hold and check): 1 for a format of one file, f->nparts
 * for a format in parts (call it first: asff works its ranks out there).
 * ca_report_file_name names file i: f->file, or part i's (asff-001.json,
 * controls-PCI-DSS-4.0.csv); -1 when it does not fit in n.
 * ca_report_file_render renders file i (the whole format, or part i). */
size_t ca_report_files(const cJSON *results, const ca_format *f);
int ca_report_file_name(const cJSON *results, const ca_format *f, size_t i, char *out, size_t n);
int ca_report_file_render(const cJSON *results, const ca_format *f, size_t i, ca_buf *out, ca_err *err);

/* The renderers (report/<name>.c). */
int ca_render_json(const cJSON *doc, ca_buf *out, ca_err *err);             /* any document */
int ca_render_results_json(const cJSON *results, ca_buf *out, ca_err *err);  /* results.json, with its digest */
int ca_render_html(const cJSON *results, ca_buf *out, ca_err *err);
/* report.html with a trend chart: trend is [{generated_at, fail, error,
 * failing_controls}], oldest scan first, this one last (NULL or fewer than
 * two: no chart), as cli/ builds it from the history (docs/history.md). */
int ca_render_html_trend(const cJSON *results, const cJSON *trend, ca_buf *out, ca_err *err);
int ca_render_md(const cJSON *results, ca_buf *out, ca_err *err);
int ca_render_sarif(const cJSON *results, ca_buf *out, ca_err *err);
/* How many findings results.sarif leaves out (past CA_SARIF_MAX_RESULTS,
 * GitHub's limit), for the command line to say so; 0 when none. */
size_t ca_sarif_left_out(const cJSON *results);
/* What the report f written to path leaves out (results.sarif past GitHub's
 * limit), one line into note for the command line to print: 1, or 0 with
 * nothing to say. */
int ca_report_note(const ca_format *f, const cJSON *results, const char *path, char *note, size_t n);
int ca_render_junit(const cJSON *results, ca_buf *out, ca_err *err);
int ca_render_csv(const cJSON *results, ca_buf *out, ca_err *err);
int ca_render_asff(const cJSON *results, ca_buf *out, ca_err *err);          /* part 0 */
size_t ca_asff_parts(const cJSON *results);
int ca_render_ocsf(const cJSON *results, ca_buf *out, ca_err *err);
int ca_render_controls_csv(const cJSON *results, ca_buf *out, ca_err *err);   /* part 0 */
size_t ca_controls_csv_parts(const cJSON *results);
int ca_controls_csv_suffix(const cJSON *results, size_t part, char *out, size_t n);
int ca_render_controls_csv_part(const cJSON *results, size_t part, ca_buf *out, ca_err *err);
int ca_render_asff_part(const cJSON *results, size_t part, ca_buf *out, ca_err *err);

/* The text helpers every renderer shares are in report/text.h. */

#endif
