#include "report/report.h"

#include <stdio.h>
#include <string.h>

#include "ca_limits.h"
#include "util/fsutil.h"

/* Adding a format: write report/<name>.c with its ca_render_<name>, declare it
 * in report.h, add its row here. */
static const ca_format formats[] = {
  {"json", "results.json", "results.json (connect-auditor/results/v1)", ca_render_results_json, NULL, NULL, NULL},
  {"html", "report.html", "self-contained HTML evidence report (printable, filters, no network)", ca_render_html, NULL, NULL, NULL},
  {"md", "report.md", "Markdown summary, for a pull request or a wiki", ca_render_md, NULL, NULL, NULL},
  {"sarif", "results.sarif", "SARIF 2.1.0, for code-scanning dashboards", ca_render_sarif, NULL, NULL, NULL},
  {"junit", "junit.xml", "JUnit XML, one testcase per finding, for CI test views", ca_render_junit, NULL, NULL, NULL},
  {"csv", "findings.csv", "CSV (RFC 4180), one row per finding, for spreadsheets", ca_render_csv, NULL, NULL, NULL},
  {"asff", "asff.json", "AWS Security Hub findings (ASFF), batches of 100: asff-001.json ...", ca_render_asff,
   ca_asff_parts, ca_render_asff_part, NULL},
  {"controls", "controls.csv", "CSV per framework, the control matrix for a workbook: controls-<FRAMEWORK>.csv",
   ca_render_controls_csv, ca_controls_csv_parts, ca_render_controls_csv_part, ca_controls_csv_suffix},
  {"ocsf", "ocsf.json", "OCSF 1.1.0 Compliance Finding events (class 2003), one JSON array", ca_render_ocsf, NULL, NULL, NULL},
};

const ca_format *ca_formats(size_t *n) {
  *n = sizeof formats / sizeof formats[0];
  return formats;
}

const ca_format *ca_format_find(const char *name) {
  for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
    if (!strcmp(formats[i].name, name)) return &formats[i];
  return NULL;
}

const char *ca_format_names(void) {
  static char names[128];
  if (!names[0])
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
      if (i) strncat(names, ", ", sizeof names - strlen(names) - 1);
      strncat(names, formats[i].name, sizeof names - strlen(names) - 1);
    }
  return names;
}

int ca_report_part_path(const char *path, const char *suffix, char *out, size_t n) {
  const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
  if (!dot || (slash && dot < slash) || dot == (slash ? slash + 1 : path)) dot = path + strlen(path);
  int k = snprintf(out, n, "%.*s-%s%s", (int)(dot - path), path, suffix, dot);
  return k < 0 || (size_t)k >= n ? -1 : 0;
}

static int to_wfile(void *w, const void *p, size_t n) { return ca_wfile_write(w, p, n); }

/* The rendering goes to the temporary file a megabyte at a time (never held
 * whole: report.html is hundreds of megabytes at scale), and replaces path
 * only once it is complete.  Standard output gets it in one piece at the
 * end, so a rendering that fails writes nothing there either. */
int ca_report_write_with(const char *path, const char *name, ca_report_render_fn render, void *arg, ca_err *err) {
  ca_buf out;
  ca_buf_init(&out, CA_MAX_REPORT_BYTES);
  ca_wfile *w = NULL;
  if (strcmp(path, "-")) {
    if (!(w = ca_wfile_open(path, err))) return -1;
    ca_buf_drain_to(&out, to_wfile, w);
  }
  int rc = render(arg, &out, err);
  if (!rc && !out.data) rc = ca_buf_add(&out, "", 0);   /* an empty rendering is still a file */
  /* an add refused far below the cap: the temporary file refused a write */
  if (rc && !err->code && w && out.drained + out.len + CA_BUF_DRAIN_AT < (size_t)CA_MAX_REPORT_BYTES)
    ca_errf(err, CA_EXIT_RUN, "%s: cannot write the %s report (%zu bytes written)", path, name, out.drained);
  else if (rc && !err->code)
    ca_errf(err, CA_EXIT_RUN, "%s: the %s report is larger than %zu bytes", path, name, (size_t)CA_MAX_REPORT_BYTES);
  if (!rc && w) {
    ca_wfile_write(w, out.data, out.len);   /* a refusal is the commit's to report */
    rc = ca_wfile_commit(w, err);
  } else if (!rc) {
    rc = ca_write_atomic(path, out.data, out.len, err);
  } else {
    ca_wfile_abort(w);
  }
  ca_buf_free(&out);
  return rc;
}

typedef struct one_part {
  const cJSON *results;
  const ca_format *f;
  size_t part;
} one_part;

static int render_part(void *arg, ca_buf *out, ca_err *err) {
  const one_part *p = arg;
  return p->f->render_part ? p->f->render_part(p->results, p->part, out, err) : p->f->render(p->results, out, err);
}

static int write_one(const cJSON *results, const ca_format *f, size_t part, const char *path, ca_err *err) {
  one_part p = {results, f, part};
  return ca_report_write_with(path, f->name, render_part, &p, err);
}

/* What part i's file name has after the "-": the format's own suffix, or 001, 002... */
static int part_suffix(const cJSON *results, const ca_format *f, size_t i, char *out, size_t n) {
  if (f->part_suffix) return f->part_suffix(results, i, out, n) ? -1 : 0;
  int k = snprintf(out, n, "%03zu", i + 1);
  return k < 0 || (size_t)k >= n ? -1 : 0;
}

size_t ca_report_files(const cJSON *results, const ca_format *f) { return f->nparts ? f->nparts(results) : 1; }

int ca_report_file_name(const cJSON *results, const ca_format *f, size_t i, char *out, size_t n) {
  char suffix[256];
  if (!f->nparts) {
    int k = snprintf(out, n, "%s", f->file);
    return k < 0 || (size_t)k >= n ? -1 : 0;
  }
  return part_suffix(results, f, i, suffix, sizeof suffix) || ca_report_part_path(f->file, suffix, out, n) ? -1 : 0;
}

int ca_report_file_render(const cJSON *results, const ca_format *f, size_t i, ca_buf *out, ca_err *err) {
  return f->nparts ? f->render_part(results, i, out, err) : f->render(results, out, err);
}

int ca_report_write(const cJSON *results, const ca_format *f, const char *path, ca_err *err) {
  if (!f->nparts) return write_one(results, f, 0, path, err);
  size_t n = f->nparts(results);
  if (!strcmp(path, "-") && n == 1) return write_one(results, f, 0, path, err);
  if (!strcmp(path, "-"))
    return ca_errf(err, CA_EXIT_USAGE, "-o -: the %s report is %zu files here (at most 100 findings each); "
                   "give -o a file name, to be numbered", f->name, n);
  char part[4096], suffix[256];
  for (size_t i = 0; i < n; i++) {
    if (part_suffix(results, f, i, suffix, sizeof suffix))
      return ca_errf(err, CA_EXIT_USAGE, "%s: part %zu: too long a name", path, i + 1);
    if (ca_report_part_path(path, suffix, part, sizeof part))
      return ca_errf(err, CA_EXIT_USAGE, "%s: too long a path", path);
    if (write_one(results, f, i, part, err)) return -1;
  }
  return 0;
}

int ca_report_note(const ca_format *f, const cJSON *results, const char *path, char *note, size_t n) {
  size_t left = strcmp(f->name, "sarif") ? 0 : ca_sarif_left_out(results);
  size_t nf = (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(results, "findings"));
  if (!left) return 0;
  snprintf(note, n, "%s holds %zu of %zu findings (GitHub code scanning takes at most %d results a run): the failing "
           "and erroring ones are kept first, %zu others are left out (results.json has them all)",
           path, nf - left, nf, CA_SARIF_MAX_RESULTS, left);
  return 1;
}
