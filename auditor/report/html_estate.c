/* html_estate.c -- report.html of an estate (merge, docs/merge.md): the
 * header that names what was merged -- each account with its own control
 * counts, each input with its hashes, the units the scans could not reach --
 * in place of a single scan's; the rest of the page is the same sections
 * over every input's findings. */
#include "report/html_estate.h"


static void cell(html *h, const char *s, const char *dflt, int code) {
  h_put(h, code ? "<td><code>" : "<td>");
  h_esc(h, s, dflt);
  h_put(h, code ? "</code></td>" : "</td>");
}

static void accounts(html *h) {
  const cJSON *x, *fw, *names = ca_robj(h->summary, "frameworks");   /* the estate's frameworks: the columns */
  h_put(h, "<table class=\"entries\"><caption>Accounts (each with its own control matrix in estate.json)</caption>"
           "<thead><tr><th scope=\"col\">Account</th><th scope=\"col\">Instances</th><th scope=\"col\">Findings</th>"
           "<th scope=\"col\">Fail</th><th scope=\"col\">Error</th><th scope=\"col\">Manual</th>"
           "<th scope=\"col\">Unreached</th>");
  cJSON_ArrayForEach(fw, names) {
    h_put(h, "<th scope=\"col\">");
    h_esc(h, fw->string, "?");
    h_put(h, " failing controls</th>");
  }
  h_put(h, "</tr></thead><tbody>\n");
  cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(h->results, "accounts")) {
    const cJSON *s = ca_robj(x, "summary"), *by = ca_robj(s, "by_status"), *fws = ca_robj(s, "frameworks");
    h_put(h, "<tr><th scope=\"row\">");
    h_esc(h, ca_rstr(x, "account_id", NULL), "?");
    h_putf(h, "</th><td class=\"n\">%ld</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td>"
              "<td class=\"n\">%ld</td><td class=\"n\">%ld</td>",
           ca_rcount(x, "instances"), ca_rcount(s, "findings"), ca_rcount(by, "fail"), ca_rcount(by, "error"),
           ca_rcount(by, "manual"), ca_rcount(x, "unreached"));
    cJSON_ArrayForEach(fw, names) {
      if (s) h_putf(h, "<td class=\"n\">%ld</td>", ca_rcount(ca_robj(ca_robj(fws, fw->string), "counts"), "failing"));
      else h_put(h, "<td>\u2014 not audited</td>");
    }
    h_put(h, "</tr>\n");
  }
  h_put(h, "</tbody></table>\n");
}

static void unreached(html *h) {
  const cJSON *un = cJSON_GetObjectItemCaseSensitive(h->results, "unreached"), *x;
  int n = cJSON_GetArraySize(un);
  if (n <= 0) return;
  h_putf(h, "<table class=\"entries\"><caption><span class=\"flag\">Not audited: %d unit%s the scans could not "
            "reach</span></caption><thead><tr><th scope=\"col\">Account</th><th scope=\"col\">Region</th>"
            "<th scope=\"col\">Instance</th><th scope=\"col\">Why</th></tr></thead><tbody>\n", n, n == 1 ? "" : "s");
  cJSON_ArrayForEach(x, un) {
    h_put(h, "<tr><th scope=\"row\">");
    h_esc(h, ca_rstr(x, "account_id", NULL), "?");
    h_put(h, "</th>");
    cell(h, ca_rstr(x, "region", NULL), "(all)", 0);
    cell(h, ca_rstr(x, "instance", NULL), "(all)", 0);
    cell(h, ca_rstr(x, "error", NULL), "", 0);
    h_put(h, "</tr>\n");
  }
  h_put(h, "</tbody></table>\n");
}

static void inputs(html *h) {
  const cJSON *x;
  h_put(h, "<table class=\"entries\"><caption>Inputs: each a results.json that <code>connect-auditor verify</code> "
           "checks on its own</caption><thead><tr><th scope=\"col\">Instance</th><th scope=\"col\">Collected</th>"
           "<th scope=\"col\">Tool</th><th scope=\"col\">Findings</th><th scope=\"col\">Fail</th>"
           "<th scope=\"col\">results.json SHA-256</th><th scope=\"col\">Snapshot SHA-256</th></tr></thead><tbody>\n");
  cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(h->results, "inputs")) {
    const cJSON *s = ca_robj(x, "summary");
    h_put(h, "<tr><th scope=\"row\">");
    h_esc(h, ca_rstr(x, "id", NULL), "?");
    h_put(h, "</th>");
    cell(h, ca_rstr(ca_robj(x, "snapshot"), "collected_at", NULL), "unknown", 0);
    cell(h, ca_rstr(x, "tool_version", NULL), "unknown", 0);
    h_putf(h, "<td class=\"n\">%ld</td><td class=\"n\">%ld</td>", ca_rcount(s, "findings"),
           ca_rcount(ca_robj(s, "by_status"), "fail"));
    cell(h, ca_rstr(x, "sha256", NULL), "unknown", 1);
    cell(h, ca_rstr(ca_robj(x, "snapshot"), "sha256", NULL), "unknown", 1);
    h_put(h, "</tr>\n");
  }
  const cJSON *sup = cJSON_GetObjectItemCaseSensitive(h->results, "superseded");
  cJSON_ArrayForEach(x, sup) {
    h_put(h, "<tr><th scope=\"row\">");
    h_esc(h, ca_rstr(x, "id", NULL), "?");
    h_put(h, " (older, left out: <code>--latest</code>)</th>");
    cell(h, ca_rstr(x, "collected_at", NULL), "unknown", 0);
    h_put(h, "<td></td><td></td><td></td>");
    cell(h, ca_rstr(x, "sha256", NULL), "unknown", 1);
    h_put(h, "<td></td></tr>\n");
  }
  h_put(h, "</tbody></table>\n");
}

void h_estate_header(html *h) {
  const cJSON *est = ca_robj(h->results, "estate"), *tool = ca_robj(h->results, "tool"), *p;
  long na = ca_rcount(est, "accounts"), ni = ca_rcount(est, "instances");
  h_putf(h, "<header>\n<p class=\"kicker\">Amazon Connect \u00B7 compliance evidence report \u00B7 estate</p>\n"
            "<h1>%ld account%s, %ld instance%s</h1>\n", na, na == 1 ? "" : "s", ni, ni == 1 ? "" : "s");
  h_putf(h, "<p>Merged from %ld results document%s by ", ca_rcount(est, "inputs"), ca_rcount(est, "inputs") == 1 ? "" : "s");
  h_esc(h, ca_rstr(tool, "name", NULL), "connect-auditor");
  h_put(h, " ");
  h_esc(h, ca_rstr(tool, "version", NULL), "(version unknown)");
  h_put(h, "; the latest audit was generated at ");
  h_esc(h, ca_rstr(h->results, "generated_at", NULL), "unknown");
  h_put(h, ". The totals below count every input's findings; a control fails in the estate when it fails in "
           "any account.</p>\n");
  if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(est, "mixed_packs")) ||
      cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(est, "tool_versions")) > 1)
    h_put(h, "<p class=\"flag\">The inputs were audited by different tool versions or pack contents: the totals "
             "add up different rules.</p>\n");
  unreached(h);
  accounts(h);
  inputs(h);
  h_put(h, "<table class=\"packs\"><caption>Policy packs evaluated</caption><thead><tr>"
           "<th scope=\"col\">Pack</th><th scope=\"col\">Version</th><th scope=\"col\">Framework</th>"
           "<th scope=\"col\">SHA-256</th><th scope=\"col\">Inputs</th></tr></thead><tbody>\n");
  cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(h->results, "packs")) {
    h_put(h, "<tr><th scope=\"row\">");
    h_esc(h, ca_rstr(p, "name", NULL), "(unnamed)");
    h_put(h, "</th>");
    cell(h, ca_rstr(p, "version", NULL), "\u2014", 0);
    cell(h, ca_rstr(p, "framework", NULL), "\u2014", 0);
    cell(h, ca_rstr(p, "sha256", NULL), "unknown", 1);
    h_putf(h, "<td class=\"n\">%ld</td></tr>\n", ca_rcount(p, "inputs"));
  }
  h_put(h, "</tbody></table>\n</header>\n");
  h_put(h, "<nav aria-label=\"Contents\"><strong>Contents</strong><ol>"
           "<li><a href=\"#summary\">Verdict</a></li>"
           "<li><a href=\"#findings\">Findings (failures first)</a></li>"
           "<li><a href=\"#checklist\">Attestation checklist and waivers</a></li>"
           "<li><a href=\"#controls\">Control matrix</a></li>"
           "<li><a href=\"#inventory\">Integration points</a></li></ol></nav>\n");
}

void h_estate_footer(html *h) {
  h_put(h, "<footer><p>Generated by connect-auditor merge from estate.json. Each input's SHA-256 above is that of "
           "its results.json, which <code>connect-auditor verify results.json snapshot.json</code> checks with "
           "its snapshot and packs.</p></footer>\n");   /* html.c ends the page */
}
