/* findings.csv: one row per finding, for spreadsheets. RFC 4180: CRLF line
 * ends, a header row, a field in double quotes when it holds a comma, a
 * quote, CR or LF, quotes inside doubled. UTF-8 without a byte-order mark.
 *
 * Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that
 * starts with = + - @ (or TAB / CR, which some of them skip first) as a
 * formula, and every string here comes from a customer's snapshot, so such a
 * field gets a leading apostrophe: Excel, LibreOffice and Google Sheets show
 * it as text, and a reader of the raw file sees the apostrophe, not a lost
 * character. A message that really starts with "-" gets it too. */
#include <string.h>

#include "ca_limits.h"
#include "report/report.h"
#include "report/text.h"

static const char *const header[] = {
  "rule_id", "status", "severity", "title", "resource_arn", "resource_type", "resource_name", "region",
  "controls", "practice", "message", "evidence", "remediation", NULL};

/* One field: cleaned of what is not UTF-8 text, defused, quoted if needed. */
int ca_csv_field(ca_buf *out, ca_buf *tmp, const char *s, int last) {
  tmp->len = 0;
  if (ca_text_clean(tmp, s, strlen(s))) return -1;
  const char *t = tmp->data ? tmp->data : "";
  int formula = t[0] && strchr("=+-@\t\r", t[0]);
  int quote = strpbrk(t, ",\"\r\n") != NULL;
  int rc = quote ? ca_buf_adds(out, "\"") : 0;
  if (!rc && formula) rc = ca_buf_adds(out, "'");
  for (const char *q; !rc && quote && (q = strchr(t, '"')); t = q + 1)
    rc = ca_buf_add(out, t, (size_t)(q - t + 1)) || ca_buf_adds(out, "\"");
  if (!rc) rc = ca_buf_adds(out, t) || (quote && ca_buf_adds(out, "\""));
  return rc || ca_buf_adds(out, last ? "\r\n" : ",");
}

int ca_render_csv(const cJSON *results, ca_buf *out, ca_err *err) {
  (void)err;   /* the only failure is the report's size cap, which the caller names */
  ca_buf tmp, ctl, ev;
  ca_buf_init(&tmp, CA_MAX_REPORT_BYTES);
  ca_buf_init(&ctl, CA_MAX_REPORT_BYTES);
  ca_buf_init(&ev, CA_MAX_REPORT_BYTES);
  int rc = 0;
  for (int i = 0; header[i] && !rc; i++) rc = ca_csv_field(out, &tmp, header[i], !header[i + 1]);
  const cJSON *f;
  cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(results, "findings")) {
    if (rc) break;
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(f, "resource");
    ctl.len = ev.len = 0;
    rc = ca_buf_adds(&ctl, "") || ca_buf_adds(&ev, "") ||
         ca_controls_text(&ctl, cJSON_GetObjectItemCaseSensitive(f, "controls"), "; ") ||
         ca_evidence_text(&ev, cJSON_GetObjectItemCaseSensitive(f, "evidence"), "; ");
    const char *row[] = {
      ca_rstr(f, "rule_id", ""), ca_rstr(f, "status", ""), ca_rstr(f, "severity", ""), ca_rstr(f, "title", ""),
      ca_rstr(r, "arn", ""), ca_rstr(r, "type", ""), ca_rstr(r, "name", ""), ca_rstr(r, "region", ""),
      ctl.data, ca_rstr(f, "practice", ""), ca_rstr(f, "message", ""), ev.data, ca_rstr(f, "remediation", "")};
    for (size_t i = 0; i < sizeof row / sizeof row[0] && !rc; i++)
      rc = ca_csv_field(out, &tmp, row[i], i + 1 == sizeof row / sizeof row[0]);
  }
  ca_buf_free(&tmp);
  ca_buf_free(&ctl);
  ca_buf_free(&ev);
  return rc;
}
