#include "report/report.h"

#include <string.h>

#include "ca_limits.h"
#include "util/fsutil.h"

/* Adding a format: write report/<name>.c with its ca_render_<name>, declare it
 * in report.h, add its row here. */
static const ca_format formats[] = {
  {"json", "results.json", "results.json (connect-auditor/results/v1)", ca_render_results_json},
  {"html", "report.html", "self-contained HTML evidence report (printable, filters, no network)", ca_render_html},
  {"md", "report.md", "Markdown summary, for a pull request or a wiki", ca_render_md},
  {"sarif", "results.sarif", "SARIF 2.1.0, for code-scanning dashboards", ca_render_sarif},
  {"junit", "junit.xml", "JUnit XML, one testcase per finding, for CI test views", ca_render_junit},
  {"csv", "findings.csv", "CSV (RFC 4180), one row per finding, for spreadsheets", ca_render_csv},
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

int ca_report_write(const cJSON *results, const ca_format *f, const char *path, ca_err *err) {
  ca_buf out;
  ca_buf_init(&out, CA_MAX_REPORT_BYTES);
  int rc = f->render(results, &out, err);
  if (!rc && !out.data) rc = ca_buf_add(&out, "", 0);   /* an empty rendering is still a file */
  if (!rc) rc = ca_write_atomic(path, out.data, out.len, err);
  else if (!err->code) ca_errf(err, CA_EXIT_RUN, "%s: the %s report is larger than %zu bytes", path, f->name,
                               (size_t)CA_MAX_REPORT_BYTES);
  ca_buf_free(&out);
  return rc;
}
