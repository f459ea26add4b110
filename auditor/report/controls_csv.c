/* controls-<FRAMEWORK>.csv: one CSV per framework of results.json's summary,
 * the control matrix an assessor pastes into a workbook -- a row per control
 * with its status, the rules that map to it and its findings by status.
 * RFC 4180 and defused against formula injection as findings.csv is
 * (report/csv.c, ca_csv_field).  Written as parts (report.h): part i is the
 * i-th framework of summary.frameworks, in its order. */
#include <stdio.h>
#include <string.h>

#include "ca_limits.h"
#include "report/report.h"
#include "report/text.h"

static const cJSON *frameworks(const cJSON *results) {
  return ca_robj(ca_robj(results, "summary"), "frameworks");
}

size_t ca_controls_csv_parts(const cJSON *results) {
  size_t n = (size_t)cJSON_GetArraySize(frameworks(results));
  return n ? n : 1;
}

/* The framework's name, with what a file name should not hold as "_". */
int ca_controls_csv_suffix(const cJSON *results, size_t part, char *out, size_t n) {
  const cJSON *fw = cJSON_GetArrayItem(frameworks(results), (int)part);
  const char *name = fw && fw->string ? fw->string : "none";
  size_t k = 0;
  for (; name[k] && k + 1 < n; k++) out[k] = strchr("-._", name[k]) || (name[k] >= '0' && name[k] <= '9') ||
                                          ((name[k] | 32) >= 'a' && (name[k] | 32) <= 'z') ? name[k] : '_';
  if (n) out[k] = 0;
  return name[k] ? -1 : 0;
}

static const char *const header[] = {"framework", "control", "title", "status", "rules", "pass", "fail", "error",
                                     "manual", "skipped", "waived", NULL};

int ca_render_controls_csv_part(const cJSON *results, size_t part, ca_buf *out, ca_err *err) {
  (void)err;   /* the only failure is the report's size cap, which the caller names */
  const cJSON *fw = cJSON_GetArrayItem(frameworks(results), (int)part);
  ca_buf tmp, rules;
  ca_buf_init(&tmp, CA_MAX_REPORT_BYTES);
  ca_buf_init(&rules, CA_MAX_REPORT_BYTES);
  int rc = 0;
  for (int i = 0; header[i] && !rc; i++) rc = ca_csv_field(out, &tmp, header[i], !header[i + 1]);
  const cJSON *c;
  cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(fw, "controls")) {
    if (rc) break;
    const char *id = ca_rstr(c, "id", "");
    /* the rules that map to it, in results.json's rule order */
    rules.len = 0;
    rc = ca_buf_adds(&rules, "");
    const cJSON *r, *rc2;
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(results, "rules")) {
      cJSON_ArrayForEach(rc2, cJSON_GetObjectItemCaseSensitive(r, "controls")) {
        if (strcmp(ca_rstr(rc2, "framework", ""), fw->string) || strcmp(ca_rstr(rc2, "id", ""), id)) continue;
        rc = rc || ca_buf_printf(&rules, "%s%s", rules.len ? "; " : "", ca_rstr(r, "id", ""));
        break;
      }
    }
    const cJSON *counts = ca_robj(c, "findings");
    char num[6][24];
    static const char *const st[] = {"pass", "fail", "error", "manual", "skipped", "waived"};
    for (int k = 0; k < 6; k++) snprintf(num[k], sizeof num[k], "%ld", ca_rcount(counts, st[k]));
    const char *row[] = {fw->string, id, ca_rstr(c, "title", ""), ca_rstr(c, "status", ""), rules.data,
                         num[0], num[1], num[2], num[3], num[4], num[5]};
    for (size_t i = 0; i < sizeof row / sizeof row[0] && !rc; i++)
      rc = ca_csv_field(out, &tmp, row[i], i + 1 == sizeof row / sizeof row[0]);
  }
  ca_buf_free(&tmp);
  ca_buf_free(&rules);
  return rc;
}

int ca_render_controls_csv(const cJSON *results, ca_buf *out, ca_err *err) {
  return ca_render_controls_csv_part(results, 0, out, err);
}
