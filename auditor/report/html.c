/*
 * html.c -- report.html: the evidence report an auditor files.  One
 * self-contained page: inline CSS, inline SVG charts (html_chart.c), one
 * inline script for the filters and no fetch of any kind (a
 * Content-Security-Policy lets in that script by its hash and nothing else),
 * printable (a cover, a section per page, page numbers).  The verdict comes
 * first, the provenance last.  This file writes the page, the cover, the
 * verdict, the control matrix and the provenance; html_findings.c writes the
 * filters, the findings (failures first), the checklist and the inventory;
 * html_util.c holds the helpers both use (escaping, badges, links).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "report/html_chart.h"
#include "report/html_estate.h"
#include "report/html_findings.h"
#include "report/html_util.h"
#include "report/report.h"
#include "report/text.h"
#include "results/merge.h"
#include "util/sha256.h"

/* Light, print-safe colours; status is always also a symbol and a word.
 * Screen: the verdict first, a two-column chart grid, tables that scroll in
 * their own box (or stack, key/value and evidence) below 700 px.  Print: a
 * cover page, a section per page, page numbers in the margin boxes (Chromium
 * 131+), no filters, collapsed groups stay collapsed. */
static const char css[] =
    "<style>\n"
    ":root{--fail:#a1231b;--error:#8a4b00;--manual:#3c43a8;--waived:#5d5d5d;--pass:#1d6b24;--skipped:#6f6f6f;"
    "--line:#d5d9de;--soft:#f4f6f8;--ink:#1b1f24}\n"
    "*{box-sizing:border-box}[hidden]{display:none!important}\n"
    "body{font:14px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,\"Noto Sans\","
    "\"DejaVu Sans\",sans-serif;color:var(--ink);background:#fff;margin:0 auto;max-width:1200px;padding:24px 28px}\n"
    "h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 12px;padding-bottom:4px;"
    "border-bottom:2px solid var(--ink)}h3{font-size:17px;margin:22px 0 8px}h4{font-size:15px;margin:16px 0 6px}"
    "h5{font-size:14px;margin:12px 0 4px}h6{font-size:14px;margin:0 0 6px;font-weight:600}\n"
    ".kicker{text-transform:uppercase;letter-spacing:.08em;font-size:12px;color:#555;margin:0}\n"
    "header.cover{border-bottom:2px solid var(--ink);padding-bottom:10px}.scope{color:#444;margin:4px 0}"
    ".verdict-line{font-size:18px;margin:10px 0 0}.verdict-line strong{white-space:nowrap}\n"
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
    ".cs-not_applicable{color:var(--skipped)}.cs-not_assessed{color:#6b6b6b;font-style:italic}\n"
    "a.fl{display:inline-block;margin:0 6px 2px 0;text-decoration:none;font-size:12px;white-space:nowrap}\n"
    "nav ol{columns:3;margin:6px 0 0;padding-left:20px}\n"
    ".cards{display:flex;flex-wrap:wrap;gap:8px;margin:10px 0}.card{border:1px solid var(--line);"
    "border-left:6px solid currentColor;padding:4px 10px;min-width:110px}.card b{display:block;font-size:22px}\n"
    ".scores{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:10px;margin:10px 0}"
    ".score{border:1px solid var(--line);padding:8px 12px}.score h3{margin:0;font-size:15px}"
    ".score .pct{display:block;font-size:30px;line-height:1.2}.score p{margin:2px 0;font-size:13px}\n"
    ".warn{border:1px solid var(--error);background:#fff3e0;padding:6px 10px}\n"
    ".charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:14px 24px}"
    "figure{margin:0}figcaption{font-weight:600;margin:6px 0}\n"
    "ul.open{padding-left:20px}ul.open li{margin:2px 0}\n"
    "form.filters{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:end;background:var(--soft);"
    "border:1px solid var(--line);padding:8px 12px;margin:10px 0;position:sticky;top:0;z-index:1}"
    "form.filters label{display:flex;flex-direction:column;font-size:12px;font-weight:600}"
    "form.filters select,form.filters input{font:inherit;font-weight:400;font-size:14px;max-width:100%}"
    "form.filters output{font-size:13px}\n"
    "details.group{border:1px solid var(--line);padding:0 12px;margin:14px 0}details.group>summary{cursor:pointer;"
    "padding:6px 0}details.group>summary h3{display:inline;margin:0}\n"
    "article.finding{color:var(--ink);border:1px solid var(--line);border-left:6px solid var(--skipped);"
    "padding:8px 12px;margin:10px 0}article.finding table{margin:4px 0}.finding h6 .num{color:#555;font-weight:400}\n"
    "article.st-fail{border-left-color:var(--fail)}article.st-error{border-left-color:var(--error)}"
    "article.st-manual{border-left-color:var(--manual)}article.st-waived{border-left-color:var(--waived)}"
    "article.st-pass{border-left-color:var(--pass)}\n"
    "details.group article.finding{padding:4px 10px;margin:6px 0}\n"
    "table.kv th{width:130px;background:var(--soft)}p,li{overflow-wrap:anywhere}td{overflow-wrap:break-word}"
    "thead th{white-space:nowrap}\n"
    ".rule{margin:0 0 18px}.rule-meta{color:#555;margin:0 0 6px}.note{color:#444}\n"
    ".waiver,.attested{border:1px dashed currentColor;padding:4px 8px;margin:6px 0;color:var(--ink)}\n"
    ".flag{color:var(--fail);font-weight:700}table.matrix td:nth-child(2),table.inventory td:nth-child(3)"
    "{white-space:nowrap}\n"
    "table.sign td.blank{height:34px;min-width:110px}table.entries th[scope=row],table.entries td:nth-child(2)"
    "{white-space:nowrap}\n"
    "svg{max-width:100%;height:auto}svg text{font:12px sans-serif;fill:#1b1f24}svg.meter{display:block;margin:4px 0}\n"
    ".seg-fail,.seg-failing{fill:#c0392b}.seg-error,.seg-unknown{fill:#e08e0b}.seg-manual{fill:#5c6bc0}"
    ".seg-waived{fill:#9e9e9e}.seg-attested{fill:#9fa8da}.seg-pass,.seg-passing{fill:#43a047}"
    ".seg-skipped,.seg-not_applicable{fill:#cfd8dc}.seg-not_assessed{fill:#fff;stroke:#90a4ae}.seg-track{fill:#eceff1}.seg-axis{fill:#90a4ae}"
    ".seg-failing_controls{fill:#6d4c41}\n"
    "polyline{fill:none;stroke-width:2}.ln-fail{stroke:#c0392b}.ln-error{stroke:#e08e0b}"
    ".ln-failing_controls{stroke:#6d4c41}\n"
    "footer{margin-top:40px;border-top:1px solid var(--line);padding-top:8px;color:#555;font-size:12px}\n"
    /* entry tables (waiver files, an estate's inputs) have long unbreakable cells: they scroll in their box */
    "table.entries{display:block;overflow-x:auto;max-width:100%}"
    "table.evidence{table-layout:fixed}table.evidence th:nth-child(1){width:40%}table.evidence th:nth-child(4)"
    "{width:18%}table.sign{table-layout:fixed}table.sign th:nth-child(1){width:34%}"
    "table.sign th:nth-child(2){width:22%}\n"
    /* narrow screens and paper: evidence rows stack (a path is long), key/value rows too; other tables
     * scroll inside their own box, never the page */
    "@media (max-width:700px){body{padding:12px}nav ol{columns:1}h1{font-size:22px}.charts{display:block}"
    "table{display:block;overflow-x:auto;max-width:100%}"
    "table.kv,table.kv tbody,table.kv tr,table.kv th,table.kv td{display:block;width:auto}table.kv th{border-bottom:0}"
    "form.filters{position:static}form.filters label{flex:1 1 40%}}\n"
    "@media (max-width:700px),print{table.evidence,table.evidence tbody,table.evidence tr,table.evidence td"
    "{display:block;width:auto}"
    "table.evidence thead{display:none}table.evidence tr{border:1px solid var(--line);margin:0 0 4px;padding:2px 6px}"
    "table.evidence td{border:0;padding:1px 0}table.evidence td:nth-child(1)::before{content:\"Path \";font-weight:600}"
    "table.evidence td:nth-child(2)::before{content:\"Observed \";font-weight:600}"
    "table.evidence td:nth-child(3)::before{content:\"Expected \";font-weight:600}"
    "table.evidence td:nth-child(4):empty{display:none}}\n"
    "@page{size:A4;margin:14mm 12mm 16mm;@bottom-right{content:\"page \" counter(page) \" of \" counter(pages);"
    "font:9pt sans-serif;color:#555}@bottom-left{content:\"connect-auditor \\B7  compliance evidence report\";"
    "font:9pt sans-serif;color:#555}}\n"
    "@media print{body{max-width:none;padding:0;font-size:9.5pt}code{font-size:8pt}nav,form.filters{display:none}"
    "header.cover{break-after:page;border:0;padding-top:70mm}header.cover h1{font-size:32px}"
    "section.major{break-before:page}article.finding,tr,.card,.score,figure{break-inside:avoid}"
    ".charts{display:block}figure{margin:0 0 8px}"
    "h2,h3,h4,h5,h6{break-after:avoid}a{color:inherit;text-decoration:none}details.group{border:0;padding:0}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
    "</style>\n";

static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

/* The filters (form#filters, html_findings.c): the one script, inline, let
 * in by its hash in the Content-Security-Policy (no 'unsafe-inline' for
 * scripts), so markup that slipped through could still not run.  It reads
 * only the page: it hides findings (and the groups left empty) that do not
 * match, opens a collapsed group that has matches and the one a link leads
 * to.  ?status=fail&severity=high&framework=HIPAA&type=s3_bucket&q=text in
 * the address sets the filters (a saved link; the tests use it).  No '<'
 * in it (tests/check_report_html.c reads every '<' of the page as a tag). */
static const char script[] =
    "(function(){\"use strict\";var d=document,f=d.getElementById(\"filters\");if(!f)return;"
    "function $(i){return d.getElementById(i)}"
    "var arts=[].slice.call(d.querySelectorAll(\"article.finding\")),"
    "boxes=[].slice.call(d.querySelectorAll(\"#findings .rule,#findings .sev,#findings .group\")),"
    /* the text a search looks in: the rule's heading (ID, title) and the finding */
    "txt=arts.map(function(a){var r=a.parentElement.querySelector(\"h5\");"
    "return ((r?r.textContent:\"\")+\" \"+a.textContent).toLowerCase()}),"
    "st=$(\"q-st\"),sv=$(\"q-sev\"),fw=$(\"q-fw\"),rt=$(\"q-rt\"),tx=$(\"q-tx\"),out=$(\"q-n\");"
    "function apply(){var s=st.value,v=sv.value,w=fw.value,r=rt.value,t=tx.value.trim().toLowerCase(),n=0,"
    "on=!!(s||v||w||r||t);"
    "arts.forEach(function(a,i){var ok=(!s||a.dataset.st===s)&&(!v||a.dataset.sev===v)&&"
    "(!w||(\" \"+a.dataset.fw+\" \").indexOf(\" \"+w+\" \")!==-1)&&(!r||a.dataset.rt===r)&&"
    "(!t||txt[i].indexOf(t)!==-1);a.hidden=!ok;if(ok)n++});"
    "boxes.forEach(function(b){var any=!!b.querySelector(\"article.finding:not([hidden])\");b.hidden=!any;"
    "if(on&&any&&b.tagName===\"DETAILS\")b.open=true});"
    "out.value=on?n+\" of \"+arts.length+\" findings match\":arts.length+\" findings\"}"
    "function reveal(){var e=location.hash.length>1?$(location.hash.slice(1)):null;if(!e)return;"
    "if(e.closest(\"[hidden]\")){f.reset();apply()}"
    "for(var p=e;p;p=p.parentElement)if(p.tagName===\"DETAILS\")p.open=true;e.scrollIntoView()}"
    "function pick(el,val){if(!val)return;for(var i=0;i!==el.options.length;i++){var o=el.options[i];"
    "if(o.value===val||o.textContent.replace(/^[^a-z0-9(]+/i,\"\")===val){el.value=o.value;return}}}"
    "var q=new URLSearchParams(location.search);pick(st,q.get(\"status\"));pick(sv,q.get(\"severity\"));"
    "pick(fw,q.get(\"framework\"));pick(rt,q.get(\"type\"));tx.value=q.get(\"q\")||\"\";"
    "f.addEventListener(\"input\",apply);f.addEventListener(\"change\",apply);"
    "f.addEventListener(\"submit\",function(e){e.preventDefault()});"
    "$(\"q-clear\").addEventListener(\"click\",function(){f.reset();apply()});"
    "window.addEventListener(\"hashchange\",reveal);f.hidden=false;apply();reveal()})();";

static void head(html *h) {
  const cJSON *sn = ca_robj(h->results, "snapshot");
  char hash[45];
  ca_sha256_base64(script, strlen(script), hash);
  h_put(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           /* the second wall: even markup that slipped through could neither
            * run nor fetch anything; only the filters' script, by its hash */
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-");
  h_put(h, hash);
  h_put(h, "'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
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

/* The distinct instances, sorted by ARN; the caller frees; NULL (rc -1) when out of memory. */
static inst *instances(html *h, size_t *n) {
  inst *v = malloc((h->nf ? h->nf : 1) * sizeof *v);
  *n = 0;
  if (!v) {
    h->out.rc = -1;
    return NULL;
  }
  for (size_t i = 0; i < h->nf; i++) {
    const cJSON *r = ca_robj(h->f[i], "resource");
    if (strcmp(ca_rstr(r, "type", ""), "connect_instance")) continue;
    v[(*n)++] = (inst){ca_rstr(r, "arn", ""), ca_rstr(r, "name", NULL), ca_rstr(r, "region", NULL)};
  }
  qsort(v, *n, sizeof *v, cmp_inst);
  size_t k = 0;
  for (size_t i = 0; i < *n; i++)
    if (!i || strcmp(v[i].arn, v[k - 1].arn)) v[k++] = v[i];
  *n = k;
  return v;
}

static void instance_rows(html *h) {
  size_t n = 0;
  inst *v = instances(h, &n);
  if (!v) return;
  h_put(h, "<tr><th scope=\"row\">Instances</th><td>");
  if (!n) h_put(h, "none among the findings");
  else h_put(h, "<ul>");
  for (size_t i = 0; i < n; i++) {
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

static void regions_text(html *h) {
  const cJSON *r, *regions = cJSON_GetObjectItemCaseSensitive(ca_robj(h->results, "snapshot"), "regions");
  int k = 0;
  cJSON_ArrayForEach(r, (cJSON_IsArray(regions) ? regions : NULL)) {
    if (!cJSON_IsString(r)) continue;
    if (k++) h_put(h, ", ");
    h_esc(h, r->valuestring, "");
  }
  if (!k) h_put(h, "none recorded");
}

/* The cover: whose report, of what, when, and the verdict in one line. */
static void cover(html *h) {
  const cJSON *sn = ca_robj(h->results, "snapshot"), *tool = ca_robj(h->results, "tool");
  const cJSON *by = ca_robj(h->summary, "by_status");
  h_put(h, "<header class=\"cover\">\n<p class=\"kicker\">Amazon Connect \u00B7 compliance evidence report</p>\n"
           "<h1>Account ");
  h_esc(h, ca_rstr(sn, "account_id", NULL), "unknown");
  h_put(h, "</h1>\n<p class=\"scope\">");
  size_t n = 0;
  inst *v = instances(h, &n);
  h_put(h, n == 1 ? "Instance " : "Instances ");
  for (size_t i = 0; v && i < n; i++) {
    h_put(h, i ? ", <strong>" : "<strong>");
    h_esc(h, v[i].name, "(unnamed)");
    h_put(h, "</strong>");
  }
  if (!n) h_put(h, "none among the findings");
  free(v);
  h_put(h, " \u00B7 regions ");
  regions_text(h);
  h_put(h, " \u00B7 snapshot collected ");
  h_esc(h, ca_rstr(sn, "collected_at", NULL), "at an unknown time");
  h_put(h, " \u00B7 report generated ");
  h_esc(h, ca_rstr(h->results, "generated_at", NULL), "at an unknown time");
  h_put(h, " by ");
  h_esc(h, ca_rstr(tool, "name", NULL), "connect-auditor");
  h_put(h, " ");
  h_esc(h, ca_rstr(tool, "version", NULL), "(version unknown)");
  h_put(h, "</p>\n");
  h_putf(h, "<p class=\"verdict-line\"><strong class=\"st-fail\">%s %ld failing</strong> \u00B7 "
            "<strong class=\"st-error\">%s %ld erroring</strong> \u00B7 <span class=\"st-manual\">%s %ld awaiting "
            "attestation</span> \u00B7 %ld waived \u00B7 %ld passing \u00B7 %ld not applicable</p>\n</header>\n",
         h_status_symbol("fail"), ca_rcount(by, "fail"), h_status_symbol("error"), ca_rcount(by, "error"),
         h_status_symbol("manual"), ca_rcount(by, "manual"), ca_rcount(by, "waived"), ca_rcount(by, "pass"),
         ca_rcount(by, "skipped"));
  h_put(h, "<nav aria-label=\"Contents\"><strong>Contents</strong><ol>"
           "<li><a href=\"#summary\">Verdict</a></li>"
           "<li><a href=\"#findings\">Findings (failures first)</a></li>"
           "<li><a href=\"#checklist\">Attestation checklist and waivers</a></li>"
           "<li><a href=\"#controls\">Control matrix</a></li>"
           "<li><a href=\"#inventory\">Integration points</a></li>"
           "<li><a href=\"#provenance\">Provenance: snapshot, packs, hashes</a></li></ol></nav>\n");
}

/* Scope and provenance, at the end: what was examined, by what, with which
 * parameters, and the hashes that tie the report to them. */
static void provenance(html *h) {
  const cJSON *sn = ca_robj(h->results, "snapshot"), *tool = ca_robj(h->results, "tool");
  h_put(h, "<section class=\"major\" id=\"provenance\">\n<h2>Provenance</h2>\n<p>What was examined, by which "
           "tool and policy versions, with which parameters; the SHA-256 values make it verifiable "
           "(<code>connect-auditor verify results.json snapshot.json</code>).</p>\n"
           "<table class=\"meta\"><caption>Scope and provenance</caption><tbody>\n");
  row_text(h, "AWS account", ca_rstr(sn, "account_id", NULL), "unknown", 0);
  instance_rows(h);
  h_put(h, "<tr><th scope=\"row\">Regions</th><td>");
  regions_text(h);
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
  int k = 0;
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
  h_put(h, "</tbody></table>\n</section>\n");
}

/* Control statuses (ca_control_statuses, worst first; docs/waivers.md: a
 * control whose failures are all waived is "waived"; one resting on attested
 * manual items is "attested"): their words and symbols. */
#define NCONTROL CA_NCONTROL_STATUSES
static const char *const control_words[] = {"failing", "unknown", "waived", "manual", "attested", "passing",
                                            "not applicable", "not assessed"};
static const char *const control_symbols[] = {"\u2718", "?", "\u2298", "\u270E", "\u2611", "\u2714", "\u2013",
                                              "\u25CB"};
#define CS_NOT_ASSESSED 7   /* ca_control_statuses[7]: its catalogue lists it, no finding decided it */

/* A control counts toward a framework's score when it is passing, or rests
 * on a person's attestation (shown apart); not applicable ones are left out
 * of the whole; every other status (failing, unknown, waived, manual, not
 * assessed, and any the summary adds) counts against it: never a pass on a
 * guess, and a control no rule judged is a gap, not a success. */
static int control_scores(int s) { return !strcmp(ca_control_statuses[s], "passing") || !strcmp(ca_control_statuses[s], "attested"); }
static int control_counts(int s) { return strcmp(ca_control_statuses[s], "not_applicable") != 0; }

static void scores(html *h) {
  const cJSON *fw, *fws = ca_robj(h->summary, "frameworks");
  h_put(h, "<div class=\"scores\">\n");
  size_t k = 0;
  cJSON_ArrayForEach(fw, fws) {
    const cJSON *counts = ca_robj(fw, "counts");
    long part = 0, whole = 0;
    for (int s = 0; s < NCONTROL; s++) {
      long x = ca_rcount(counts, ca_control_statuses[s]);
      if (control_counts(s)) whole += x;
      if (control_scores(s)) part += x;
    }
    h_putf(h, "<div class=\"score\"><h3><a href=\"#fw-%zu\">", ++k);
    h_esc(h, fw->string, "(unnamed framework)");
    h_put(h, "</a></h3>");
    long all = 0, na = ca_rcount(counts, "not_applicable");
    for (int s = 0; s < NCONTROL; s++) all += ca_rcount(counts, ca_control_statuses[s]);
    /* the denominator, said: the catalogue's controls (results with
     * frameworks[]) or, in older results, the controls the findings name */
    int catalogue = cJSON_GetObjectItemCaseSensitive(counts, "not_assessed") != NULL;
    if (whole) h_putf(h, "<b class=\"pct\" id=\"score-%zu\">%ld%%</b><p>%ld of %ld controls passing or attested</p>",
                      k, part * 100 / whole, part, whole);
    else h_putf(h, "<b class=\"pct\" id=\"score-%zu\">\u2014</b><p>no applicable control</p>", k);
    h_putf(h, "<p class=\"denom\">of %s %ld control%s%s", catalogue ? "the framework's" : "the", all, all == 1 ? "" : "s",
           catalogue ? " (its catalogue)" : " its findings name");
    if (na) h_putf(h, ", less %ld not applicable", na);
    h_put(h, "</p>");
    h_chart_meter(h, part, whole);
    h_put(h, "<p>");
    int any = 0;
    for (int s = 0; s < NCONTROL; s++) {
      long x = ca_rcount(counts, ca_control_statuses[s]);
      if (!x || control_scores(s)) continue;
      h_putf(h, "%s<span class=\"cs-%s\">%s %ld %s</span>", any++ ? " \u00B7 " : "", ca_control_statuses[s],
             control_symbols[s], x, control_words[s]);
    }
    if (!any) h_put(h, "nothing open");
    h_put(h, "</p></div>\n");
  }
  if (!k) h_put(h, "<p>No framework summary in these results.</p>\n");
  h_put(h, "</div>\n");
}

/* The manual findings no one has attested yet: the open items of the
 * pre-go-live checklist, the first few named. */
static void open_items(html *h) {
  enum { SHOWN = 8 };
  size_t open = 0;
  for (size_t k = 0; k < h->nf; k++) {
    const cJSON *f = h->f[h->order[k]];
    if (!strcmp(ca_rstr(f, "status", ""), "manual") && !ca_robj(f, "attestation")) open++;
  }
  h_putf(h, "<h3>Attestation checklist: %zu open item%s</h3>\n", open, open == 1 ? "" : "s");
  if (!open) {
    h_put(h, "<p>No manual item awaits an attestation.</p>\n");
    return;
  }
  h_put(h, "<ul class=\"open\">\n");
  size_t shown = 0;
  for (size_t k = 0; k < h->nf && shown < SHOWN; k++) {
    size_t i = h->order[k];
    const cJSON *f = h->f[i];
    if (strcmp(ca_rstr(f, "status", ""), "manual") || ca_robj(f, "attestation")) continue;
    shown++;
    h_put(h, "<li>");
    h_link(h, i);
    h_put(h, " <strong>");
    h_esc(h, ca_rstr(f, "rule_id", NULL), "(no rule ID)");
    h_put(h, "</strong> ");
    h_esc(h, ca_rstr(f, "title", NULL), "(untitled)");
    h_put(h, " \u2014 ");
    h_esc(h, ca_rstr(ca_robj(f, "resource"), "name", NULL), "(unnamed resource)");
    h_put(h, "</li>\n");
  }
  h_put(h, "</ul>\n");
  if (open > shown) h_putf(h, "<p>and %zu more: <a href=\"#checklist\">the whole checklist</a>.</p>\n", open - shown);
}

/* Findings by resource type, stacked by status, the busiest types first. */
typedef struct tcount {
  const char *type;
  long v[6], total;
} tcount;

static int cmp_tcount(const void *a, const void *b) {
  const tcount *x = a, *y = b;
  if (x->total != y->total) return x->total > y->total ? -1 : 1;
  return strcmp(x->type, y->type);
}

static void chart_types(html *h) {
  tcount *t = calloc(h->ntypes ? h->ntypes : 1, sizeof *t);
  h_bar *rows = calloc(CA_CHART_MAX_ROWS, sizeof *rows);
  if (!t || !rows) {
    free(t);
    free(rows);
    h->out.rc = -1;
    return;
  }
  for (size_t i = 0; i < h->ntypes; i++) t[i].type = h->types[i];
  long other[6] = {0};
  for (size_t i = 0; i < h->nf; i++) {
    size_t p = h_place(h->types, h->ntypes, ca_rstr(ca_robj(h->f[i], "resource"), "type", NULL));
    int s = ca_status_order(ca_rstr(h->f[i], "status", NULL));
    if (!p) continue;   /* no type: counted in the status chart, not here */
    if (s < 6) t[p - 1].v[s]++;
    else other[0]++;   /* a status we do not know: with the failures, never hidden */
    t[p - 1].total++;
  }
  qsort(t, h->ntypes, sizeof *t, cmp_tcount);
  size_t n = 0;
  for (size_t i = 0; i < h->ntypes; i++) {
    if (n + 1 < CA_CHART_MAX_ROWS || h->ntypes <= CA_CHART_MAX_ROWS) {
      rows[n].label = t[i].type;
      for (int s = 0; s < 6; s++) rows[n].v[s] = t[i].v[s];
      if (!i) rows[n].v[0] += other[0];
      n++;
    } else {   /* the rest in one row, so the chart keeps a bounded height */
      rows[n].label = "(other types)";
      for (int s = 0; s < 6; s++) rows[n].v[s] += t[i].v[s];
    }
  }
  if (h->ntypes > CA_CHART_MAX_ROWS) n++;
  h_put(h, "<figure><figcaption>Findings by resource type</figcaption>\n");
  if (n) h_chart_bars(h, "Findings by resource type, stacked by status", rows, n, ca_report_statuses, 6);
  else h_put(h, "<p>No findings.</p>\n");
  h_put(h, "</figure>\n");
  free(t);
  free(rows);
}

/* The trend, when the caller gave the history (ca_render_html_trend):
 * failing and erroring findings and failing controls per scan, oldest first,
 * this one last. */
static void chart_trend(html *h) {
  size_t n = (size_t)cJSON_GetArraySize(h->trend);
  if (!cJSON_IsArray(h->trend) || n < 2) return;
  static const char *const series[] = {"fail", "error", "failing_controls"};
  const char **labels = calloc(n, sizeof *labels);
  long *v = calloc(n * 3, sizeof *v);
  if (!labels || !v) {
    free(labels);
    free(v);
    h->out.rc = -1;
    return;
  }
  size_t i = 0;
  const cJSON *s;
  cJSON_ArrayForEach(s, h->trend) {
    labels[i] = ca_rstr(s, "generated_at", "");
    v[i * 3] = ca_rcount(s, "fail");
    v[i * 3 + 1] = ca_rcount(s, "error");
    v[i * 3 + 2] = ca_rcount(s, "failing_controls");
    i++;
  }
  h_putf(h, "<figure><figcaption>Trend over the last %zu scans of this account</figcaption>\n", n);
  h_chart_lines(h, "Failing findings, erroring findings and failing controls per scan", labels, v, n, series, 3);
  h_put(h, "</figure>\n");
  free(labels);
  free(v);
}

static void verdict(html *h) {
  const cJSON *by = ca_robj(h->summary, "by_status"), *bysev = ca_robj(h->summary, "by_severity");
  long total = ca_rcount(h->summary, "findings");
  h_put(h, "<section class=\"major\" id=\"summary\">\n<h2>Verdict</h2>\n");
  long errors = ca_rnum(ca_robj(h->results, "snapshot"), "errors");
  if (errors > 0)
    h_putf(h, "<p class=\"warn\">%ld API call%s failed while the snapshot was collected: the findings that needed "
              "their data are <em>error</em> (undecided), never pass.</p>\n", errors, errors == 1 ? "" : "s");
  h_put(h, "<h3>Score per framework</h3>\n");
  scores(h);
  h_putf(h, "<h3>Findings</h3>\n<p>%ld finding%s: <strong>%ld failing</strong>, <strong>%ld undecided</strong> "
            "(error: the evidence could not be obtained or the rule failed), %ld awaiting attestation, %ld waived, "
            "%ld passing, %ld not applicable.</p>\n",
         total, total == 1 ? "" : "s", ca_rcount(by, "fail"), ca_rcount(by, "error"), ca_rcount(by, "manual"),
         ca_rcount(by, "waived"), ca_rcount(by, "pass"), ca_rcount(by, "skipped"));
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
           ca_rcount(att, "unattested"), ca_rcount(att, "yes"), ca_rcount(att, "no"), ca_rcount(att, "n/a"));

  /* failing and erroring first: the columns follow ca_report_statuses */
  h_put(h, "<table class=\"bysev\"><caption>Findings by severity and status (failing and erroring first)"
           "</caption><thead><tr><th scope=\"col\">Severity</th>");
  for (int s = 0; ca_report_statuses[s]; s++)
    h_putf(h, "<th scope=\"col\" class=\"n\">%s %s</th>", h_status_symbol(ca_report_statuses[s]), ca_report_statuses[s]);
  h_put(h, "<th scope=\"col\" class=\"n\">total</th></tr></thead><tbody>\n");
  h_bar rows[CA_NSEVERITIES];
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
  open_items(h);

  h_put(h, "<h3>At a glance</h3>\n<div class=\"charts\">\n");
  const cJSON *fw, *fws = ca_robj(h->summary, "frameworks");
  size_t nfw = 0;
  cJSON_ArrayForEach(fw, fws) nfw++;
  h_bar *frows = calloc(nfw ? nfw : 1, sizeof *frows);
  if (!frows) h->out.rc = -1;
  size_t k = 0;
  cJSON_ArrayForEach(fw, (frows ? fws : NULL)) {
    const cJSON *counts = ca_robj(fw, "counts");
    frows[k].label = fw->string;
    for (int s = 0; s < NCONTROL && s < H_CHART_SERIES; s++) frows[k].v[s] = ca_rcount(counts, ca_control_statuses[s]);
    k++;
  }
  h_put(h, "<figure><figcaption>Controls by framework</figcaption>\n");
  if (nfw) h_chart_bars(h, "Controls by framework, stacked by status", frows, nfw, ca_control_statuses, NCONTROL);
  else h_put(h, "<p>No framework summary in these results.</p>\n");
  h_put(h, "</figure>\n");
  free(frows);
  h_put(h, "<figure><figcaption>Findings by severity</figcaption>\n");
  h_chart_bars(h, "Findings by severity, stacked by status", rows, CA_NSEVERITIES, ca_report_statuses, 6);
  h_put(h, "</figure>\n");
  chart_types(h);
  chart_trend(h);
  h_put(h, "</div>\n</section>\n");
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

/* Does a rule of the results map to control id of fw? */
static int mapped(const cJSON *results, const char *fw, const char *id) {
  const cJSON *r, *c;
  cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(results, "rules"))
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(r, "controls"))
      if (!strcmp(ca_rstr(c, "framework", ""), fw) && !strcmp(ca_rstr(c, "id", ""), id)) return 1;
  return 0;
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
           "the packs claim (every control of its catalogue, when the results carry one), with the status of its "
           "findings: <em>failing</em> if any finding fails, else "
           "<em>unknown</em> if any could not be decided, else <em>waived</em> if its failures are all waived, "
           "else <em>manual</em> if any awaits attestation, else <em>attested</em> if it rests on a person's "
           "word, else <em>passing</em>; <em>not applicable</em> if every finding was skipped, and <em>not "
           "assessed</em> if no finding decided it: a gap for an assessor, never a pass. The links lead to the "
           "findings (\u2718 fail, \u26A0 error, \u270E manual, "
           "\u2298 waived, \u2714 pass, \u2013 skipped).</p>\n");
  const cJSON *fw;
  size_t k = 0;
  if (!fws || !fws->child) h_put(h, "<p>No framework summary in these results.</p>\n");
  cJSON_ArrayForEach(fw, fws) {
    const cJSON *counts = ca_robj(fw, "counts"), *c, *list = cJSON_GetObjectItemCaseSensitive(fw, "controls");
    h_putf(h, "<h3 id=\"fw-%zu\">", ++k);
    h_esc(h, fw->string, "(unnamed framework)");
    h_put(h, "</h3>\n<p>");
    for (int s = 0; s < NCONTROL; s++) {
      long x = ca_rcount(counts, ca_control_statuses[s]);
      if (!x && (s == 2 || s == 4 || s == CS_NOT_ASSESSED)) continue;   /* only when there are some */
      h_putf(h, "%s<span class=\"cs-%s\">%s %ld %s</span>", s ? " \u00B7 " : "", ca_control_statuses[s],
             control_symbols[s], x, control_words[s]);
    }
    int titled = 0;   /* results with catalogues title every control */
    cJSON_ArrayForEach(c, (cJSON_IsArray(list) ? list : NULL)) titled |= ca_rstr(c, "title", NULL) != NULL;
    h_put(h, "</p>\n<table class=\"matrix\"><thead><tr><th scope=\"col\">Control</th>");
    if (titled) h_put(h, "<th scope=\"col\">Requirement</th>");
    h_put(h, "<th scope=\"col\">Status</th>");
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
      h_put(h, "</th>");
      if (titled) {
        h_put(h, "<td>");
        h_esc(h, ca_rstr(c, "title", NULL), "\u2014");
        h_put(h, "</td>");
      }
      if (cs >= 0) h_putf(h, "<td class=\"cs-%s\">%s %s</td>", ca_control_statuses[cs], control_symbols[cs], control_words[cs]);
      else {
        h_put(h, "<td>");
        h_esc(h, st, "(no status)");
        h_put(h, "</td>");
      }
      for (int s = 0; ca_report_statuses[s]; s++) h_putf(h, "<td class=\"n\">%ld</td>", ca_rcount(fc, ca_report_statuses[s]));
      h_put(h, "<td>");
      if (cs == CS_NOT_ASSESSED)
        h_put(h, mapped(h->results, fw->string ? fw->string : "", id ? id : "")
                     ? "its rules judged no resource" : "no selected rule maps to it");
      else control_links(h, refs, nrefs, fw->string ? fw->string : "", id ? id : "");
      h_put(h, "</td></tr>\n");
    }
    if (!rows_out) h_putf(h, "<tr><td colspan=\"%d\">No findings map to this framework.</td></tr>\n", 9 + titled);
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
           "recomputes them.</p></footer>\n");
}

/* The distinct non-empty strings of v[0..n), sorted, in place; their count. */
static size_t distinct(const char **v, size_t n) {
  qsort(v, n, sizeof *v, cmp_str);
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (*v[i] && (!k || strcmp(v[i], v[k - 1]))) v[k++] = v[i];
  return k;
}

/* h->fws and h->types: what the findings name, for the filters and charts. */
static int choices(html *h) {
  size_t nc = 0;
  for (size_t i = 0; i < h->nf; i++) {
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(h->f[i], "controls");
    nc += cJSON_IsArray(c) ? (size_t)cJSON_GetArraySize(c) : 0;
  }
  h->fws = malloc((nc ? nc : 1) * sizeof *h->fws);
  h->types = malloc((h->nf ? h->nf : 1) * sizeof *h->types);
  if (!h->fws || !h->types) return -1;
  for (size_t i = 0; i < h->nf; i++) {
    const cJSON *c, *cs = cJSON_GetObjectItemCaseSensitive(h->f[i], "controls");
    h->types[h->ntypes++] = ca_rstr(ca_robj(h->f[i], "resource"), "type", "");
    cJSON_ArrayForEach(c, (cJSON_IsArray(cs) ? cs : NULL)) h->fws[h->nfws++] = ca_rstr(c, "framework", "");
  }
  h->ntypes = distinct(h->types, h->ntypes);
  h->nfws = distinct(h->fws, h->nfws);
  return 0;
}

int ca_render_html_trend(const cJSON *results, const cJSON *trend, ca_buf *out, ca_err *err) {
  html h = {.out.b = out, .results = results, .summary = ca_robj(results, "summary"), .trend = trend};
  const cJSON *findings = cJSON_GetObjectItemCaseSensitive(results, "findings");
  int n = cJSON_IsArray(findings) ? cJSON_GetArraySize(findings) : 0;
  h.f = malloc((size_t)(n > 0 ? n : 1) * sizeof *h.f);
  if (h.f && !ca_findings_order(findings, &h.order, &h.nf)) {
    size_t i = 0;
    const cJSON *f;
    cJSON_ArrayForEach(f, (h.nf ? findings : NULL)) h.f[i++] = f;
  }
  int oom = !h.f || (n > 0 && !h.order) || choices(&h);
  if (!oom) {
    /* an estate (merge) has its own header and footer: its inputs are its provenance */
    int estate = ca_is_estate(results);
    head(&h);
    if (estate) h_estate_header(&h);
    else cover(&h);
    h_put(&h, "<main>\n");
    verdict(&h);
    h_findings(&h);
    h_checklist(&h);
    matrix(&h);
    h_inventory(&h);
    if (!estate) provenance(&h);
    h_put(&h, "</main>\n");
    if (estate) h_estate_footer(&h);
    else footer(&h);
    h_put(&h, "<script>");
    h_put(&h, script);
    h_put(&h, "</script>\n</body>\n</html>\n");
  }
  free(h.f);
  free(h.order);
  free(h.fws);
  free(h.types);
  if (oom) return ca_errf(err, CA_EXIT_RUN, "out of memory rendering the HTML report");
  return h.out.rc;
}

int ca_render_html(const cJSON *results, ca_buf *out, ca_err *err) {
  return ca_render_html_trend(results, NULL, out, err);
}
