/*
 * html.c -- report.html: the evidence report an auditor files.  One
 * self-contained page: inline CSS, inline SVG charts, no script, no fetch of
 * any kind (a Content-Security-Policy says so to the browser as a second
 * wall), printable (a page per section, no dark backgrounds).  This file
 * writes the page, its header, the summary and the control matrix;
 * html_findings.c writes the findings, the checklist and the inventory;
 * html_util.c holds the helpers both use (escaping, badges, links).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "report/html_estate.h"
#include "report/html_findings.h"
#include "report/html_util.h"
#include "report/report.h"
#include "report/text.h"
#include "results/merge.h"

/* Light, print-safe colours; status is always also a symbol and a word. */
static const char css[] =
    "<style>\n"
    ":root{--fail:#a1231b;--error:#8a4b00;--manual:#3c43a8;--waived:#5d5d5d;--pass:#1d6b24;--skipped:#6f6f6f;"
    "--line:#d5d9de;--soft:#f4f6f8;--ink:#1b1f24}\n"
    "*{box-sizing:border-box}\n"
    "body{font:14px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,\"Noto Sans\","
    "\"DejaVu Sans\",sans-serif;color:var(--ink);background:#fff;margin:0 auto;max-width:1200px;padding:28px 32px}\n"
    "h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:36px 0 12px;padding-bottom:4px;"
    "border-bottom:2px solid var(--ink)}h3{font-size:17px;margin:26px 0 8px}h4{font-size:15px;margin:18px 0 6px}"
    "h5{font-size:14px;margin:0 0 6px;font-weight:600}\n"
    ".kicker{text-transform:uppercase;letter-spacing:.08em;font-size:12px;color:#555;margin:0}\n"
    "table{border-collapse:collapse;width:100%;margin:6px 0 14px}th,td{border:1px solid var(--line);"
    "padding:4px 7px;text-align:left;vertical-align:top}thead th{background:var(--soft)}"
    "caption{text-align:left;font-weight:600;padding:2px 0}\n"
    "table.meta th{width:190px;background:var(--soft)}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "code,.mono{font-family:ui-monospace,\"DejaVu Sans Mono\",Menlo,Consolas,monospace;font-size:12px;"
    "overflow-wrap:anywhere;white-space:pre-wrap}\n"
    ".badge{display:inline-block;padding:0 7px;border-radius:10px;font-size:12px;font-weight:700;"
    "text-transform:uppercase;border:1px solid currentColor;white-space:nowrap}\n"
    ".st-fail{color:var(--fail)}.st-error{color:var(--error)}.st-manual{color:var(--manual)}"
    ".st-waived{color:var(--waived)}.st-pass{color:var(--pass)}.st-skipped{color:var(--skipped)}\n"
    ".badge.st-fail{background:#fdecea}.badge.st-error{background:#fff3e0}.badge.st-manual{background:#eceefd}"
    ".badge.st-waived{background:#eeeeee}.badge.st-pass{background:#e8f5e9}.badge.st-skipped{background:#f5f5f5}\n"
    ".cs-failing{color:var(--fail);font-weight:700}.cs-unknown{color:var(--error);font-weight:700}"
    ".cs-manual{color:var(--manual);font-weight:700}.cs-passing{color:var(--pass);font-weight:700}"
    ".cs-waived{color:var(--waived);font-weight:700}.cs-attested{color:var(--manual)}"
    ".cs-not_applicable{color:var(--skipped)}\n"
    "a.fl{display:inline-block;margin:0 6px 2px 0;text-decoration:none;font-size:12px;white-space:nowrap}\n"
    "nav ol{columns:3;margin:6px 0 0;padding-left:20px}\n"
    ".cards{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0}.card{border:1px solid var(--line);"
    "border-left:6px solid currentColor;padding:6px 12px;min-width:120px}.card b{display:block;font-size:24px}\n"
    "article.finding{color:var(--ink);border:1px solid var(--line);border-left:6px solid var(--skipped);"
    "padding:8px 12px;margin:10px 0}article.finding table{margin:4px 0}.finding h5 .num{color:#555;font-weight:400}\n"
    "article.st-fail{border-left-color:var(--fail)}article.st-error{border-left-color:var(--error)}"
    "article.st-manual{border-left-color:var(--manual)}article.st-waived{border-left-color:var(--waived)}"
    "article.st-pass{border-left-color:var(--pass)}\n"
    "table.kv th{width:130px;background:var(--soft)}p,li{overflow-wrap:anywhere}td{overflow-wrap:break-word}\n"
    ".rule{margin:0 0 20px}.rule-meta{color:#555;margin:0 0 6px}.note{color:#444}\n"
    ".waiver,.attested{border:1px dashed currentColor;padding:4px 8px;margin:6px 0;color:var(--ink)}\n"
    ".flag{color:var(--fail);font-weight:700}table.matrix td:nth-child(2),table.inventory td:nth-child(3)"
    "{white-space:nowrap}\n"
    "table.sign td.blank{height:34px;min-width:110px}table.entries th[scope=row],table.entries td:nth-child(2)"
    "{white-space:nowrap}\n"
    "svg{max-width:100%;height:auto}svg text{font:12px sans-serif;fill:#1b1f24}\n"
    ".seg-fail,.seg-failing{fill:#c0392b}.seg-error,.seg-unknown{fill:#e08e0b}.seg-manual{fill:#5c6bc0}"
    ".seg-waived{fill:#9e9e9e}.seg-attested{fill:#9fa8da}.seg-pass,.seg-passing{fill:#43a047}.seg-skipped,.seg-not_applicable{fill:#cfd8dc}\n"
    "footer{margin-top:40px;border-top:1px solid var(--line);padding-top:8px;color:#555;font-size:12px}\n"
    "@page{size:A4;margin:14mm 12mm}\n"
    "@media print{body{max-width:none;padding:0;font-size:10pt}nav{display:none}"
    "section.major{break-before:page}article.finding,tr,.card{break-inside:avoid}"
    "h2,h3,h4,h5{break-after:avoid}a{color:inherit;text-decoration:none}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
    "</style>\n";

static void head(html *h) {
  const cJSON *sn = ca_robj(h->results, "snapshot");
  h_put(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           /* the second wall: even markup that slipped through could neither
            * run nor fetch anything */
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
           "<meta name=\"referrer\" content=\"no-referrer\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<title>Amazon Connect compliance report \u2014 ");
  if (ca_is_estate(h->results)) {
    h_put(h, "estate");
  } else {
    h_put(h, "account ");
    h_esc(h, ca_rstr(sn, "account_id", NULL), "unknown");
  }
  h_put(h, "</title>\n");
  h_put(h, css);
  h_put(h, "</head>\n<body>\n");
}

/* Connect instances among the findings' resources, each once (by ARN). */
typedef struct inst {
  const char *arn, *name, *region;
} inst;

static int cmp_inst(const void *a, const void *b) {
  return strcmp(((const inst *)a)->arn, ((const inst *)b)->arn);
}

static void instances(html *h) {
  inst *v = malloc((h->nf ? h->nf : 1) * sizeof *v);
  if (!v) {
    h->out.rc = -1;
    return;
  }
  size_t n = 0;
  for (size_t i = 0; i < h->nf; i++) {
    const cJSON *r = ca_robj(h->f[i], "resource");
    if (strcmp(ca_rstr(r, "type", ""), "connect_instance")) continue;
    v[n++] = (inst){ca_rstr(r, "arn", ""), ca_rstr(r, "name", NULL), ca_rstr(r, "region", NULL)};
  }
  qsort(v, n, sizeof *v, cmp_inst);
  h_put(h, "<tr><th scope=\"row\">Instances</th><td>");
  if (!n) h_put(h, "none among the findings");
  else h_put(h, "<ul>");
  for (size_t i = 0; i < n; i++) {
    if (i && !strcmp(v[i].arn, v[i - 1].arn)) continue;
    h_put(h, "<li><strong>");
    h_esc(h, v[i].name, "(unnamed)");
    h_put(h, "</strong> \u2014 ");
    h_esc(h, v[i].region, "region unknown");
    h_put(h, "<br><code>");
    h_esc(h, v[i].arn, "(no ARN)");
    h_put(h, "</code></li>");
  }
  if (n) h_put(h, "</ul>");
  h_put(h, "</td></tr>\n");
  free(v);
}

static void row_text(html *h, const char *label, const char *value, const char *dflt, int code) {
  h_putf(h, "<tr><th scope=\"row\">%s</th><td>%s", label, code ? "<code>" : "");
  h_esc(h, value, dflt);
  h_putf(h, "%s</td></tr>\n", code ? "</code>" : "");
}

static void header(html *h) {
  const cJSON *sn = ca_robj(h->results, "snapshot"), *tool = ca_robj(h->results, "tool");
  h_put(h, "<header>\n<p class=\"kicker\">Amazon Connect \u00B7 compliance evidence report</p>\n<h1>Account ");
  h_esc(h, ca_rstr(sn, "account_id", NULL), "unknown");
  h_put(h, "</h1>\n<table class=\"meta\"><caption>Scope and provenance</caption><tbody>\n");
  row_text(h, "AWS account", ca_rstr(sn, "account_id", NULL), "unknown", 0);
  instances(h);
  h_put(h, "<tr><th scope=\"row\">Regions</th><td>");
  const cJSON *r, *regions = cJSON_GetObjectItemCaseSensitive(sn, "regions");
  int k = 0;
  cJSON_ArrayForEach(r, (cJSON_IsArray(regions) ? regions : NULL)) {
    if (!cJSON_IsString(r)) continue;
    if (k++) h_put(h, ", ");
    h_esc(h, r->valuestring, "");
  }
  if (!k) h_put(h, "none recorded");
  h_put(h, "</td></tr>\n");
  row_text(h, "Snapshot collected at", ca_rstr(sn, "collected_at", NULL), "unknown", 0);
  row_text(h, "Snapshot SHA-256", ca_rstr(sn, "sha256", NULL), "unknown", 1);
  long errors = ca_rnum(sn, "errors");
  if (errors > 0)
    h_putf(h, "<tr><th scope=\"row\">Collection errors</th><td><strong>%ld API call%s failed</strong> while "
              "the snapshot was collected; findings that needed their data are <em>error</em>, never pass.</td></tr>\n",
           errors, errors == 1 ? "" : "s");
  h_put(h, "<tr><th scope=\"row\">Tool</th><td>");
  h_esc(h, ca_rstr(tool, "name", NULL), "connect-auditor");
  h_put(h, " ");
  h_esc(h, ca_rstr(tool, "version", NULL), "(version unknown)");
  h_put(h, "</td></tr>\n");
  row_text(h, "Results schema", ca_rstr(h->results, "schema", NULL), "unknown", 1);
  row_text(h, "Report generated at", ca_rstr(h->results, "generated_at", NULL), "unknown", 0);
  /* the waiver and attestation files decided statuses too: their hashes */
  const cJSON *wv = ca_robj(h->results, "waivers"), *at = ca_robj(h->results, "attestations");
  if (wv) row_text(h, "Waivers file SHA-256", ca_rstr(wv, "sha256", NULL), "unknown", 1);
  if (at) row_text(h, "Attestations file SHA-256", ca_rstr(at, "sha256", NULL), "unknown", 1);
  h_put(h, "</tbody></table>\n");

  h_put(h, "<table class=\"packs\"><caption>Policy packs evaluated</caption><thead><tr>"
           "<th scope=\"col\">Pack</th><th scope=\"col\">Version</th><th scope=\"col\">Framework</th>"
           "<th scope=\"col\">SHA-256</th><th scope=\"col\">Parameters</th></tr></thead><tbody>\n");
  const cJSON *p, *packs = cJSON_GetObjectItemCaseSensitive(h->results, "packs");
  k = 0;
  cJSON_ArrayForEach(p, (cJSON_IsArray(packs) ? packs : NULL)) {
    k++;
    h_put(h, "<tr><th scope=\"row\">");
    h_esc(h, ca_rstr(p, "name", NULL), "(unnamed)");
    h_put(h, "</th><td>");
    h_esc(h, ca_rstr(p, "version", NULL), "\u2014");
    h_put(h, "</td><td>");
    h_esc(h, ca_rstr(p, "framework", NULL), "\u2014");
    h_put(h, "</td><td><code>");
    h_esc(h, ca_rstr(p, "sha256", NULL), "unknown");
    h_put(h, "</code></td><td><code>");
    h_json(h, cJSON_GetObjectItemCaseSensitive(p, "parameters"));
    h_put(h, "</code></td></tr>\n");
  }
  if (!k) h_put(h, "<tr><td colspan=\"5\">no packs recorded</td></tr>\n");
  h_put(h, "</tbody></table>\n</header>\n");

  h_put(h, "<nav aria-label=\"Contents\"><strong>Contents</strong><ol>"
           "<li><a href=\"#summary\">Executive summary</a></li>"
           "<li><a href=\"#controls\">Control matrix</a></li>"
           "<li><a href=\"#findings\">Findings</a></li>"
           "<li><a href=\"#checklist\">Attestation checklist and waivers</a></li>"
           "<li><a href=\"#inventory\">Integration points</a></li></ol></nav>\n");
}

/* A stacked horizontal bar chart: one row per label, one segment per series,
 * widths computed here from the counts.  Labels are data (escaped as SVG
 * text); series names are this file's constants and become class names. */
typedef struct bar_row {
  const char *label;
  long v[8];
} bar_row;

/* s escaped, cut to at most max characters (with an ellipsis): chart labels
 * have a fixed width; the full text is in the tables. */
static void esc_cut(html *h, const char *s, size_t max) {
  char cut[CA_CHART_LABEL_CHARS * 4 + 8];   /* max UTF-8 characters of 4 bytes, and room to spare */
  size_t i = 0, chars = 0;
  if (!s || !*s) s = "(none)";
  while (s[i] && chars < max && i < sizeof cut - 8) {
    i++;
    while ((s[i] & 0xC0) == 0x80 && i < sizeof cut - 4) i++;   /* to the next character */
    chars++;
  }
  snprintf(cut, sizeof cut, "%.*s", (int)i, s);
  h_esc(h, cut, "");
  if (s[i]) h_put(h, "\u2026");
}

static void svg_stacked(html *h, const char *title, const bar_row *rows, size_t n, const char *const *series,
                        size_t ns) {
  enum { LABEL = 150, WIDTH = 480, ROW = 28, BAR = 18, TOTAL = 60 };
  long max = 1;
  for (size_t i = 0; i < n; i++) {
    long t = 0;
    for (size_t s = 0; s < ns; s++) t += rows[i].v[s];
    if (t > max) max = t;
  }
  size_t height = (n + 1) * ROW + 10;
  h_putf(h, "<svg role=\"img\" width=\"%d\" height=\"%zu\" "
            "viewBox=\"0 0 %d %zu\"><title>",
         LABEL + WIDTH + TOTAL, height, LABEL + WIDTH + TOTAL, height);
  h_put(h, title);
  h_put(h, "</title>\n");
  for (size_t i = 0; i < n; i++) {
    size_t y = i * ROW + 4;
    h_putf(h, "<text x=\"%d\" y=\"%zu\" text-anchor=\"end\">", LABEL - 8, y + 14);
    esc_cut(h, rows[i].label, CA_CHART_LABEL_CHARS);
    h_put(h, "</text>");
    long cum = 0, t = 0;
    for (size_t s = 0; s < ns; s++) t += rows[i].v[s];
    for (size_t s = 0; s < ns; s++) {
      if (rows[i].v[s] <= 0) continue;
      long x0 = cum * WIDTH / max;
      cum += rows[i].v[s];
      long x1 = cum * WIDTH / max;
      if (x1 == x0) x1 = x0 + 1;   /* a count is never invisible */
      h_putf(h, "<rect class=\"seg-%s\" x=\"%ld\" y=\"%zu\" width=\"%ld\" height=\"%d\"><title>%ld %s</title></rect>",
             series[s], LABEL + x0, y, x1 - x0, BAR, rows[i].v[s], series[s]);
    }
    h_putf(h, "<text x=\"%ld\" y=\"%zu\">%ld</text>\n", LABEL + cum * WIDTH / max + 6, y + 14, t);
  }
  size_t x = 10, y = n * ROW + 8;   /* legend: colour and word, ~7 px a letter */
  for (size_t s = 0; s < ns; s++) {
    char word[32];
    snprintf(word, sizeof word, "%s", series[s]);
    for (char *u = strchr(word, '_'); u; u = strchr(u, '_')) *u = ' ';
    h_putf(h, "<rect class=\"seg-%s\" x=\"%zu\" y=\"%zu\" width=\"12\" height=\"12\"></rect>"
              "<text x=\"%zu\" y=\"%zu\">%s</text>",
           series[s], x, y, x + 16, y + 11, word);
    x += 16 + 7 * strlen(word) + 16;
  }
  h_put(h, "\n</svg>\n");
}

/* Control statuses (ca_control_statuses, worst first; docs/waivers.md: a
 * control whose failures are all waived is "waived"; one resting on attested
 * manual items is "attested"): their words and symbols. */
#define NCONTROL CA_NCONTROL_STATUSES
static const char *const control_words[] = {"failing", "unknown", "waived", "manual", "attested", "passing",
                                            "not applicable"};
static const char *const control_symbols[] = {"\u2718", "?", "\u2298", "\u270E", "\u2611", "\u2714", "\u2013"};

static void summary(html *h) {
  const cJSON *by = ca_robj(h->summary, "by_status"), *bysev = ca_robj(h->summary, "by_severity");
  long total = ca_rcount(h->summary, "findings");
  h_put(h, "<section class=\"major\" id=\"summary\">\n<h2>Executive summary</h2>\n");
  h_putf(h, "<p>%ld finding%s: <strong>%ld failing</strong>, <strong>%ld undecided</strong> (error: the evidence "
            "could not be obtained or the rule failed), %ld awaiting attestation, %ld waived, %ld passing, "
            "%ld not applicable.</p>\n",
         total, total == 1 ? "" : "s", ca_rcount(by, "fail"),
         ca_rcount(by, "error"), ca_rcount(by, "manual"),
         ca_rcount(by, "waived"), ca_rcount(by, "pass"),
         ca_rcount(by, "skipped"));
  h_put(h, "<div class=\"cards\">");
  for (int s = 0; ca_report_statuses[s]; s++) {
    long c = ca_rcount(by, ca_report_statuses[s]);
    h_putf(h, "<div class=\"card st-%s\"><b id=\"n-%s\">%ld</b>%s %s</div>", ca_report_statuses[s],
           ca_report_statuses[s], c, h_status_symbol(ca_report_statuses[s]), ca_report_statuses[s]);
  }
  h_put(h, "</div>\n");
  const cJSON *att = ca_robj(h->summary, "attested");
  if (att)
    h_putf(h, "<p>Manual items: %ld awaiting attestation, %ld attested yes, %ld attested no (counted as "
              "failing), %ld attested not applicable. An attestation is a person's statement, never a pass.</p>\n",
           ca_rcount(att, "unattested"), ca_rcount(att, "yes"),
           ca_rcount(att, "no"), ca_rcount(att, "n/a"));

  h_put(h, "<table class=\"bysev\"><caption>Findings by severity and status</caption><thead><tr>"
           "<th scope=\"col\">Severity</th>");
  for (int s = 0; ca_report_statuses[s]; s++)
    h_putf(h, "<th scope=\"col\" class=\"n\">%s %s</th>", h_status_symbol(ca_report_statuses[s]), ca_report_statuses[s]);
  h_put(h, "<th scope=\"col\" class=\"n\">total</th></tr></thead><tbody>\n");
  bar_row rows[CA_NSEVERITIES];
  for (int v = 0; v < CA_NSEVERITIES; v++) {
    const cJSON *c = ca_robj(bysev, ca_severities[v]);
    long t = 0;
    rows[v].label = ca_severities[v];
    h_putf(h, "<tr><th scope=\"row\">%s</th>", ca_severities[v]);
    for (int s = 0; ca_report_statuses[s]; s++) {
      rows[v].v[s] = ca_rcount(c, ca_report_statuses[s]);
      t += rows[v].v[s];
      h_putf(h, "<td class=\"n\" id=\"n-%s-%s\">%ld</td>", ca_severities[v], ca_report_statuses[s], rows[v].v[s]);
    }
    h_putf(h, "<td class=\"n\">%ld</td></tr>\n", t);
  }
  h_put(h, "</tbody></table>\n");
  svg_stacked(h, "Findings by severity, stacked by status", rows, CA_NSEVERITIES, ca_report_statuses, 6);
  h_put(h, "</section>\n");
}

/* (framework, control, finding) for every control every finding names,
 * sorted, so each control of the matrix finds its findings by search. */
typedef struct cref {
  const char *fw, *id;
  int st;
  size_t idx;
} cref;

static int cmp_cref(const void *a, const void *b) {
  const cref *x = a, *y = b;
  int c = strcmp(x->fw, y->fw);
  if (!c) c = strcmp(x->id, y->id);
  if (c) return c;
  if (x->st != y->st) return x->st < y->st ? -1 : 1;
  return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static cref *control_refs(html *h, size_t *n) {
  size_t count = 0;
  for (size_t i = 0; i < h->nf; i++) {
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(h->f[i], "controls");
    count += cJSON_IsArray(c) ? (size_t)cJSON_GetArraySize(c) : 0;
  }
  cref *v = malloc((count ? count : 1) * sizeof *v);
  if (!v) return NULL;
  *n = 0;
  for (size_t i = 0; i < h->nf; i++) {
    const cJSON *c, *cs = cJSON_GetObjectItemCaseSensitive(h->f[i], "controls");
    int st = ca_status_order(ca_rstr(h->f[i], "status", NULL));
    cJSON_ArrayForEach(c, (cJSON_IsArray(cs) ? cs : NULL)) {
      const char *fw = ca_rstr(c, "framework", NULL), *id = ca_rstr(c, "id", NULL);
      if (fw && id) v[(*n)++] = (cref){fw, id, st, i};
    }
  }
  qsort(v, *n, sizeof *v, cmp_cref);
  return v;
}

static void control_links(html *h, const cref *v, size_t n, const char *fw, const char *id) {
  size_t lo = 0, hi = n;   /* first entry not below (fw, id) */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(v[mid].fw, fw);
    if (!c) c = strcmp(v[mid].id, id);
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  int any = 0;
  for (size_t i = lo; i < n && !strcmp(v[i].fw, fw) && !strcmp(v[i].id, id); i++) {
    if (i > lo && v[i].idx == v[i - 1].idx) continue;   /* a finding naming a control twice */
    h_link(h, v[i].idx);
    any = 1;
  }
  if (!any) h_put(h, "\u2014");
}

static int control_status(const char *s) {
  for (int i = 0; i < NCONTROL; i++)
    if (s && !strcmp(s, ca_control_statuses[i])) return i;
  return -1;
}

static void matrix(html *h) {
  const cJSON *fws = ca_robj(h->summary, "frameworks");
  size_t nrefs = 0;
  cref *refs = control_refs(h, &nrefs);
  if (!refs) {
    h->out.rc = -1;
    return;
  }
  h_put(h, "<section class=\"major\" id=\"controls\">\n<h2>Control matrix</h2>\n<p>Each control of each framework "
           "the packs map to, with the status of its findings: <em>failing</em> if any finding fails, else "
           "<em>unknown</em> if any could not be decided, else <em>waived</em> if its failures are all waived, "
           "else <em>manual</em> if any awaits attestation, else <em>attested</em> if it rests on a person's "
           "word, else <em>passing</em>. The links lead to the findings (\u2718 fail, \u26A0 error, \u270E manual, "
           "\u2298 waived, \u2714 pass, \u2013 skipped).</p>\n");
  size_t nfw = 0;
  const cJSON *fw;
  cJSON_ArrayForEach(fw, fws) nfw++;
  bar_row *rows = calloc(nfw ? nfw : 1, sizeof *rows);
  if (!rows) h->out.rc = -1;
  size_t k = 0;
  cJSON_ArrayForEach(fw, (rows ? fws : NULL)) {
    const cJSON *counts = ca_robj(fw, "counts");
    rows[k].label = fw->string;
    for (int s = 0; s < NCONTROL; s++) {
      rows[k].v[s] = ca_rcount(counts, ca_control_statuses[s]);
    }
    k++;
  }
  if (nfw) svg_stacked(h, "Controls by framework, stacked by status", rows, nfw, ca_control_statuses, NCONTROL);
  else h_put(h, "<p>No framework summary in these results.</p>\n");
  free(rows);
  k = 0;
  cJSON_ArrayForEach(fw, fws) {
    const cJSON *counts = ca_robj(fw, "counts"), *c, *list = cJSON_GetObjectItemCaseSensitive(fw, "controls");
    h_putf(h, "<h3 id=\"fw-%zu\">", ++k);
    h_esc(h, fw->string, "(unnamed framework)");
    h_put(h, "</h3>\n<p>");
    for (int s = 0; s < NCONTROL; s++) {
      long x = ca_rcount(counts, ca_control_statuses[s]);
      if (!x && (s == 2 || s == 4)) continue;   /* waived, attested: only when there are some */
      h_putf(h, "%s<span class=\"cs-%s\">%s %ld %s</span>", s ? " \u00B7 " : "", ca_control_statuses[s],
             control_symbols[s], x, control_words[s]);
    }
    h_put(h, "</p>\n<table class=\"matrix\"><thead><tr><th scope=\"col\">Control</th><th scope=\"col\">Status</th>");
    for (int s = 0; ca_report_statuses[s]; s++) h_putf(h, "<th scope=\"col\" class=\"n\">%s</th>", ca_report_statuses[s]);
    h_put(h, "<th scope=\"col\">Findings</th></tr></thead><tbody>\n");
    int rows_out = 0;
    cJSON_ArrayForEach(c, (cJSON_IsArray(list) ? list : NULL)) {
      const char *id = ca_rstr(c, "id", NULL), *st = ca_rstr(c, "status", NULL);
      const cJSON *fc = ca_robj(c, "findings");
      int cs = control_status(st);
      rows_out++;
      h_put(h, "<tr><th scope=\"row\">");
      h_esc(h, id, "(no id)");
      if (cs >= 0) h_putf(h, "</th><td class=\"cs-%s\">%s %s</td>", ca_control_statuses[cs], control_symbols[cs], control_words[cs]);
      else {
        h_put(h, "</th><td>");
        h_esc(h, st, "(no status)");
        h_put(h, "</td>");
      }
      for (int s = 0; ca_report_statuses[s]; s++) h_putf(h, "<td class=\"n\">%ld</td>", ca_rcount(fc, ca_report_statuses[s]));
      h_put(h, "<td>");
      control_links(h, refs, nrefs, fw->string ? fw->string : "", id ? id : "");
      h_put(h, "</td></tr>\n");
    }
    if (!rows_out) h_put(h, "<tr><td colspan=\"9\">No findings map to this framework.</td></tr>\n");
    h_put(h, "</tbody></table>\n");
  }
  free(refs);
  h_put(h, "</section>\n");
}

static void footer(html *h) {
  const cJSON *sn = ca_robj(h->results, "snapshot");
  h_put(h, "<footer><p>Generated by connect-auditor from results.json. The SHA-256 values tie this report to the "
           "exact snapshot (<code>");
  h_esc(h, ca_rstr(sn, "sha256", NULL), "unknown");
  h_put(h, "</code>) and policy packs examined; <code>connect-auditor verify results.json snapshot.json</code> "
           "recomputes them.</p></footer>\n</body>\n</html>\n");
}

int ca_render_html(const cJSON *results, ca_buf *out, ca_err *err) {
  html h = {.out.b = out, .results = results, .summary = ca_robj(results, "summary")};
  const cJSON *findings = cJSON_GetObjectItemCaseSensitive(results, "findings");
  int n = cJSON_IsArray(findings) ? cJSON_GetArraySize(findings) : 0;
  h.f = malloc((size_t)(n > 0 ? n : 1) * sizeof *h.f);
  if (!h.f || ca_findings_order(findings, &h.order, &h.nf)) {
    free(h.f);
    return ca_errf(err, CA_EXIT_RUN, "out of memory rendering the HTML report");
  }
  size_t i = 0;
  const cJSON *f;
  cJSON_ArrayForEach(f, (h.nf ? findings : NULL)) h.f[i++] = f;
  int estate = ca_is_estate(results);
  head(&h);
  if (estate) h_estate_header(&h);
  else header(&h);
  h_put(&h, "<main>\n");
  summary(&h);
  matrix(&h);
  h_findings(&h);
  h_checklist(&h);
  h_inventory(&h);
  h_put(&h, "</main>\n");
  if (estate) h_estate_footer(&h);
  else footer(&h);
  free(h.f);
  free(h.order);
  return h.out.rc;
}
