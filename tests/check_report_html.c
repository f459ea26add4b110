/* report.html and report.md through the binary: the demo's report has every
 * section and the summary's numbers; a results.json full of hostile strings
 * (tests/html/hostile-results.json) comes out as inert text, and `report`
 * refuses it (a status it does not know); and headless
 * Chromium (tests/html/chromium.sh) renders the page, takes a screenshot,
 * and runs nothing from the hostile one, with or without its CSP. */
#define _XOPEN_SOURCE 700 /* strdup, strncasecmp */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "report/report.h"
#include "report/text.h"
#include "util/fsutil.h"
#include "util/sha256.h"

#include "testutil.h"

#define HOSTILE CA_TEST_SRC "/tests/html/hostile-results.json"
#define DRIVER CA_TEST_SRC "/tests/html/chromium.sh"
#define CANARY CA_TEST_SRC "/tests/html/canary.html"
/* The report's CSP: scripts only by the hash of its one inline script. */
#define CSP_HEAD "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-"
#define CSP_TAIL "'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">"
#define ARTEFACTS CA_TEST_ARTEFACTS "/report_html"
#define CDP CA_TEST_SRC "/tests/html/cdp.py"

/* The hostile report's title as Chromium serialises it: text, untouched. */
#define TITLE                                                                                              \
  "Amazon Connect compliance report \u2014 account 1111&lt;script&gt;document.title='PWNED'&lt;/script&gt;" \
  "\"&gt;&lt;img src=x onerror=\"document.title='PWNED'\"&gt;"

/* Runs connect-auditor with args (NULL-terminated); the exit code. */
static int bin(const char *const *args) {
  tu_out o = tu_run(args);
  tu_done(&o);
  return o.code;
}

static size_t count(const char *hay, const char *needle) {
  size_t n = 0;
  for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle)) n++;
  return n;
}

static size_t count_ci(const char *hay, const char *needle) {
  size_t n = 0, k = strlen(needle);
  for (const char *p = hay; *p; p++)
    if (!strncasecmp(p, needle, k)) n++;
  return n;
}


/* The number right after needle (e.g. the text of <b id="n-fail">). */
static long number_after(const char *doc, const char *needle) {
  const char *p = strstr(doc, needle);
  ck_assert_msg(p != NULL, "no \"%s\"", needle);
  return strtol(p + strlen(needle), NULL, 10);
}

static long jnum(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  ck_assert_msg(cJSON_IsNumber(v), "no number %s", k);
  return (long)v->valuedouble;
}

/* Every tag of an HTML document (the report as written, or the DOM Chromium
 * built from it) is one the renderer writes, with only its attributes: no
 * script, image, frame, link, base or form; no event handler, src or style
 * attribute; every href a same-page "#anchor". A '<' that starts no tag
 * fails too: data's '<' must have been escaped. */
static void check_tags(const char *doc, const char *what) {
  static const char *const tags[] = {"html", "head", "meta", "title", "style", "body", "header", "nav", "main",
      "section", "footer", "h1", "h2", "h3", "h4", "h5", "p", "table", "caption", "thead", "tbody", "tr", "th", "td",
      "code", "ul", "ol", "li", "a", "span", "strong", "em", "b", "br", "article", "svg", "rect", "text", "div", "h6",
      "details", "summary", "form", "label", "select", "option", "input", "button", "output", "figure", "figcaption",
      "script", "polyline", "circle", NULL};
  static const char *const attrs[] = {"lang", "charset", "http-equiv", "content", "name", "class", "id", "href",
      "scope", "colspan", "role", "aria-label", "xmlns", "width", "height", "viewbox", "x", "y", "text-anchor",
      "data-st", "data-sev", "data-rt", "data-fw", "hidden", "open", "type", "value", "placeholder", "autocomplete",
      "aria-live", "points", "cx", "cy", "r", NULL};
  size_t ntags = 0;
  for (const char *p = strchr(doc, '<'); p; p = strchr(p, '<')) {
    p++;
    if (!strncmp(p, "!DOCTYPE", 8) || !strncmp(p, "!doctype", 8)) {
      p = strchr(p, '>');
      ck_assert_ptr_nonnull(p);
      continue;
    }
    if (*p == '/') p++;
    char name[32] = {0};
    size_t n = 0;
    while (isalnum((unsigned char)p[n]) && n < sizeof name - 1) name[n] = (char)tolower((unsigned char)p[n]), n++;
    int ok = 0;
    for (int i = 0; tags[i] && !ok; i++) ok = n && !strcmp(name, tags[i]);
    ck_assert_msg(ok, "%s: tag <%.40s is not one the renderer writes", what, p);
    ntags++;
    p += n;
    for (;;) {   /* attributes */
      while (isspace((unsigned char)*p)) p++;
      if (*p == '>' || !strncmp(p, "/>", 2) || !*p) break;
      char an[32] = {0};
      n = 0;
      while (*p && !isspace((unsigned char)*p) && *p != '=' && *p != '>' && n < sizeof an - 1)
        an[n++] = (char)tolower((unsigned char)*p++);
      ok = 0;
      for (int i = 0; attrs[i] && !ok; i++) ok = !strcmp(an, attrs[i]);
      ck_assert_msg(ok, "%s: <%s> has attribute %s", what, name, an);
      if (*p != '=') continue;
      p++;
      char q = (*p == '"' || *p == '\'') ? *p++ : 0;
      const char *v = p;
      while (*p && (q ? *p != q : !isspace((unsigned char)*p) && *p != '>')) p++;
      if (!strcmp(an, "href")) {
        ck_assert_msg(*v == '#', "%s: href \"%.40s\" leaves the page", what, v);
        for (const char *c = v + 1; c < p; c++) ck_assert_msg(isalnum((unsigned char)*c) || *c == '-', "%s: href %.40s", what, v);
      }
      if (q && *p) p++;
    }
  }
  ck_assert_msg(ntags > 100, "%s: only %zu tags", what, ntags);
}

/* Every same-page link leads somewhere: href="#x" has its id="x". */
static void check_anchors(const char *doc, const char *what) {
  size_t links = 0;
  for (const char *p = strstr(doc, "href=\"#"); p; p = strstr(p + 1, "href=\"#")) {
    char id[80];
    size_t n = strcspn(p + 7, "\"");
    ck_assert_uint_lt(n, 64);
    snprintf(id, sizeof id, "id=\"%.*s\"", (int)n, p + 7);
    ck_assert_msg(strstr(doc, id) != NULL, "%s: link to #%.*s, which is nowhere", what, (int)n, p + 7);
    links++;
  }
  ck_assert_uint_gt(links, 5);
}


/* The report's one script: a bare <script> right before </body>, its
 * SHA-256 the hash the CSP lets in; every other script is refused. */
static void check_script(const char *doc, const char *what) {
  ck_assert_msg(count_ci(doc, "<script") == 1, "%s: %zu scripts", what, count_ci(doc, "<script"));
  const char *a = strstr(doc, "<script>"), *b = a ? strstr(a, "</script>\n</body>") : NULL;
  ck_assert_msg(a && b, "%s: the script is not a bare <script> before </body>", what);
  char hash[45], want[128];
  ca_sha256_base64(a + 8, (size_t)(b - a - 8), hash);
  ck_assert_uint_eq(strlen(hash), 44);
  snprintf(want, sizeof want, "%s%s%s", CSP_HEAD, hash, CSP_TAIL);
  ck_assert_msg(strstr(doc, want) != NULL, "%s: the CSP does not let in exactly the script's hash", what);
  ck_assert_uint_eq(count(doc, "Content-Security-Policy"), 1);
  ck_assert_ptr_null(strstr(doc, "unsafe-eval"));
  ck_assert_uint_eq(count(doc, "unsafe-inline"), 1);   /* styles only */
}

/* The report's CSP <meta>, as written (the caller frees). */
static char *csp_meta(const char *doc) {
  const char *a = strstr(doc, CSP_HEAD), *b = a ? strstr(a, CSP_TAIL) : NULL;
  ck_assert_msg(a && b, "no CSP meta");
  return strndup(a, (size_t)(b - a) + strlen(CSP_TAIL));
}

static void setup(void) { tu_setup("html"); }
static void teardown(void) { tu_teardown(); }

/* audit the demo into tu_dir with the html and md formats. */
static cJSON *demo(char **html, char **md) {
  ck_assert_int_eq(bin((const char *[]){"audit", CA_TEST_SRC "/fixtures/demo/prod.json", "-o", tu_dir, "--format",
                                        "html,md", NULL}), 0);
  char *text = tu_read(tu_path("results.json"), NULL);
  cJSON *r = cJSON_Parse(text);
  free(text);
  ck_assert_ptr_nonnull(r);
  *html = tu_read(tu_path("report.html"), NULL);
  *md = tu_read(tu_path("report.md"), NULL);
  return r;
}

static const char *const statuses[] = {"pass", "fail", "error", "manual", "skipped", "waived", NULL};
static const char *const severities[] = {"critical", "high", "medium", "low", "info", NULL};

START_TEST(demo_html_has_every_section_and_the_summary) {
  char *html, *md;
  cJSON *r = demo(&html, &md);
  const cJSON *sum = cJSON_GetObjectItem(r, "summary"), *findings = cJSON_GetObjectItem(r, "findings");
  int nf = cJSON_GetArraySize(findings);
  ck_assert_int_gt(nf, 50);
  ck_assert_int_eq(strncmp(html, "<!DOCTYPE html>\n<html lang=\"en\">", 32), 0);
  check_script(html, "demo report.html");
  HAS(html, "<title>Amazon Connect compliance report \u2014 account 111122223333</title>");
  /* the verdict first, the findings, the checklist, the matrix, the provenance last */
  const char *sections[] = {"<header class=\"cover\">", "id=\"summary\"", "id=\"findings\"", "id=\"checklist\"",
                            "id=\"controls\"", "id=\"inventory\"", "id=\"provenance\"", "Snapshot SHA-256",
                            "Policy packs evaluated", "<footer>", NULL};
  for (int i = 0; sections[i]; i++) {
    ck_assert_msg(count(html, sections[i]) == 1, "%s: not once", sections[i]);
    if (i) ck_assert_msg(strstr(html, sections[i - 1]) < strstr(html, sections[i]), "%s before %s", sections[i],
                         sections[i - 1]);
  }
  /* the verdict: a score per framework, the open attestation items */
  HAS(html, "<b class=\"pct\" id=\"score-1\">");
  HAS(html, "<h3>Attestation checklist: ");
  /* provenance: the snapshot and every pack hash, and the instance */
  HAS(html, cJSON_GetObjectItem(cJSON_GetObjectItem(r, "snapshot"), "sha256")->valuestring);
  const cJSON *p;
  cJSON_ArrayForEach(p, cJSON_GetObjectItem(r, "packs")) HAS(html, cJSON_GetObjectItem(p, "sha256")->valuestring);
  HAS(html, "<strong>acme-prod</strong> \u2014 us-east-1");
  HAS(html, "7 API calls failed");
  /* the summary's counts, by status and by severity */
  char id[64];
  for (int s = 0; statuses[s]; s++) {
    snprintf(id, sizeof id, "id=\"n-%s\">", statuses[s]);
    ck_assert_int_eq(number_after(html, id), jnum(cJSON_GetObjectItem(sum, "by_status"), statuses[s]));
    for (int v = 0; severities[v]; v++) {
      snprintf(id, sizeof id, "id=\"n-%s-%s\">", severities[v], statuses[s]);
      ck_assert_int_eq(number_after(html, id),
                       jnum(cJSON_GetObjectItem(cJSON_GetObjectItem(sum, "by_severity"), severities[v]), statuses[s]));
    }
  }
  /* charts: controls by framework, findings by severity, by resource type; a score meter per framework */
  ck_assert_uint_eq(count(html, "<svg "), 3 + (size_t)cJSON_GetArraySize(cJSON_GetObjectItem(sum, "frameworks")));
  /* every finding once, with its own anchor, critical first */
  ck_assert_uint_eq(count(html, "<article class=\"finding"), (size_t)nf);
  for (int i = 1; i <= nf; i++) {
    snprintf(id, sizeof id, "\" id=\"f-%d\" data-st=", i);
    ck_assert_uint_eq(count(html, id), 1);
  }
  const char *crit = strstr(html, "id=\"sev-action-critical\""), *high = strstr(html, "id=\"sev-action-high\""),
             *medium = strstr(html, "id=\"sev-action-medium\"");
  ck_assert_msg(crit && high && medium && crit < high && high < medium, "severities out of order");
  /* failures and errors first; passes and skips collapsed (closed <details>) after everything else */
  const char *pass = strstr(html, "<details class=\"group\" id=\"g-pass\">"),
             *skip = strstr(html, "<details class=\"group\" id=\"g-skipped\">");
  ck_assert_msg(pass && skip && pass < skip, "no collapsed pass and skipped groups");
  const cJSON *fi;
  int idx = 0;
  cJSON_ArrayForEach(fi, findings) {
    const char *st = cJSON_GetObjectItem(fi, "status")->valuestring;
    snprintf(id, sizeof id, "\" id=\"f-%d\" data-st=\"%s\"", ++idx, st);
    const char *at = strstr(html, id);
    ck_assert_msg(at != NULL, "finding %d: no article with data-st %s", idx, st);
    int collapsed = !strcmp(st, "pass") || !strcmp(st, "skipped");
    ck_assert_msg(collapsed == (at > pass), "finding %d (%s) %s the collapsed groups", idx, st,
                  collapsed ? "outside" : "inside");
    if (!strcmp(st, "fail") || !strcmp(st, "error")) ck_assert(at < strstr(html, "id=\"g-manual\""));
  }
  /* the control matrix: each control's row links to exactly its findings */
  const cJSON *fw;
  int k = 0;
  cJSON_ArrayForEach(fw, cJSON_GetObjectItem(sum, "frameworks")) {
    snprintf(id, sizeof id, "<h3 id=\"fw-%d\">%s</h3>", ++k, fw->string);
    const char *table = strstr(html, id);
    ck_assert_msg(table != NULL, "no matrix for %s", fw->string);
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(fw, "controls")) {
      char row[128];
      snprintf(row, sizeof row, "<tr><th scope=\"row\">%s</th>", cJSON_GetObjectItem(c, "id")->valuestring);
      const char *a = strstr(table, row), *end = a ? strstr(a, "</tr>") : NULL;
      ck_assert_msg(a && end, "%s %s: no row", fw->string, row);
      long want = 0;
      for (int s = 0; statuses[s]; s++) want += jnum(cJSON_GetObjectItem(c, "findings"), statuses[s]);
      size_t links = 0;
      for (const char *l = strstr(a, "<a class=\"fl "); l && l < end; l = strstr(l + 1, "<a class=\"fl ")) links++;
      ck_assert_msg((long)links == want, "%s %s: %zu links, %ld findings", fw->string, row, links, want);
      const char *st = cJSON_GetObjectItem(c, "status")->valuestring;
      snprintf(row, sizeof row, "<td class=\"cs-%s\">", st);
      ck_assert_msg(strstr(a, row) && strstr(a, row) < end, "%s: status %s not shown", fw->string, st);
    }
  }
  ck_assert_int_eq(k, 4);
  /* the inventory flags the payment Lambda in eu-west-1, not the one beside the instance */
  const char *pay = strstr(strstr(html, "id=\"inventory\""), "acme-prod-payment-tokenize");
  const char *lookup = strstr(strstr(html, "id=\"inventory\""), "acme-prod-customer-lookup");
  ck_assert_ptr_nonnull(pay);
  ck_assert_ptr_nonnull(lookup);
  const char *flag = strstr(pay, "outside the instance");
  ck_assert_msg(flag && flag < strstr(pay, "</tr>"), "the eu-west-1 Lambda is not flagged");
  flag = strstr(lookup, "outside the instance");
  ck_assert_msg(!flag || flag > strstr(lookup, "</tr>"), "the us-east-1 Lambda is flagged");
  HAS(html, "<h3>S3 buckets</h3>");
  HAS(html, "<h3>KMS keys</h3>");
  HAS(html, "<h3>Log groups</h3>");
  /* self-contained: nothing to fetch, nothing to run */
  check_tags(html, "demo report.html");
  check_anchors(html, "demo report.html");
  ck_assert_uint_eq(count_ci(html, "url("), 0);
  ck_assert_uint_eq(count_ci(html, "@import"), 0);
  /* printable: a page per section */
  HAS(html, "@media print{");
  HAS(html, "section.major{break-before:page}");
  HAS(html, "header.cover{break-after:page;");
  HAS(html, "@bottom-right{content:\"page \" counter(page) \" of \" counter(pages);");
  free(html);
  free(md);
  cJSON_Delete(r);
}
END_TEST

/* The rows of report.md's tables for results r: summary by status (header,
 * 6 statuses, total), by severity (header + 5), controls (header + one per
 * framework), failing findings (header + one per fail or error finding, no
 * table when there are none). */
static size_t md_rows(const cJSON *r) {
  const cJSON *sum = cJSON_GetObjectItem(r, "summary"), *by = cJSON_GetObjectItem(sum, "by_status");
  long failing = jnum(by, "fail") + jnum(by, "error");
  int nfw = cJSON_GetArraySize(cJSON_GetObjectItem(sum, "frameworks"));
  /* results with catalogues (frameworks[]): each framework's table of every
   * control, a header row and one row per control */
  size_t every = 0;
  const cJSON *fw;
  cJSON_ArrayForEach(fw, (cJSON_GetObjectItem(r, "frameworks") ? cJSON_GetObjectItem(sum, "frameworks") : NULL))
    every += 1 + (size_t)cJSON_GetArraySize(cJSON_GetObjectItem(fw, "controls"));
  return 8 + 6 + 1 + (size_t)(nfw ? nfw : 1) + (failing ? 1 + (size_t)failing : 0) + every;
}

/* A framework's row of report.md's control table, as results say it must be:
 * "| NAME | failing | unknown | waived | manual | attested | passing | n/a | [not assessed |] ids |"
 * (not assessed: results with catalogues). */
static char *md_framework_row(const cJSON *fw) {
  static const char *const cs[] = {"failing", "unknown", "waived", "manual", "attested", "passing", "not_applicable",
                                   "not_assessed"};
  const cJSON *counts = cJSON_GetObjectItem(fw, "counts"), *c;
  ca_buf b;
  ca_buf_init(&b, 1 << 20);
  ca_buf_printf(&b, "\n| %s |", fw->string);
  for (int i = 0; i < (cJSON_GetObjectItem(counts, "not_assessed") ? 8 : 7); i++) ca_buf_printf(&b, " %ld |", jnum(counts, cs[i]));
  int k = 0;
  ca_buf_adds(&b, " ");
  cJSON_ArrayForEach(c, cJSON_GetObjectItem(fw, "controls")) {
    const char *st = cJSON_GetObjectItem(c, "status")->valuestring;
    if (strcmp(st, "failing") && strcmp(st, "unknown")) continue;
    ca_buf_printf(&b, "%s%s%s", k++ ? ", " : "", cJSON_GetObjectItem(c, "id")->valuestring,
                  strcmp(st, "unknown") ? "" : " (unknown)");
  }
  ca_buf_adds(&b, k ? " |\n" : "\u2014 |\n");
  return ca_buf_steal(&b);
}

/* The 1-based number of rule's finding on the resource named name. */
static int finding_number(const cJSON *r, const char *rule, const char *name) {
  const cJSON *f;
  int i = 0;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r, "findings")) {
    i++;
    const cJSON *res = cJSON_GetObjectItem(f, "resource");
    if (!strcmp(cJSON_GetObjectItem(f, "rule_id")->valuestring, rule) &&
        !strcmp(cJSON_GetStringValue(cJSON_GetObjectItem(res, "name")) ? cJSON_GetStringValue(cJSON_GetObjectItem(res, "name")) : "", name))
      return i;
  }
  ck_abort_msg("no %s finding on %s", rule, name);
  return 0;
}

START_TEST(demo_md_lists_every_failing_finding) {
  char *html, *md;
  cJSON *r = demo(&html, &md);
  const cJSON *sum = cJSON_GetObjectItem(r, "summary");
  ck_assert_int_eq(strncmp(md, "# Amazon Connect compliance report \u2014 account 111122223333\n", 58), 0);
  char line[256];
  for (int s = 0; statuses[s]; s++) {
    snprintf(line, sizeof line, "\n| %s | %ld |\n", statuses[s], jnum(cJSON_GetObjectItem(sum, "by_status"), statuses[s]));
    HAS(md, line);
  }
  const cJSON *f;
  int i = 0, failing = 0;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r, "findings")) {
    i++;
    const char *st = cJSON_GetObjectItem(f, "status")->valuestring;
    snprintf(line, sizeof line, "\n| %d | %s | %s | **%s** ", i, cJSON_GetObjectItem(f, "severity")->valuestring, st,
             cJSON_GetObjectItem(f, "rule_id")->valuestring);
    if (strcmp(st, "fail") && strcmp(st, "error")) {
      LACKS(md, line);
      continue;
    }
    failing++;
    HAS(md, line);
  }
  /* exactly the fail and error findings results hold */
  const cJSON *by = cJSON_GetObjectItem(sum, "by_status");
  ck_assert_int_eq(failing, jnum(by, "fail") + jnum(by, "error"));
  ck_assert_int_gt(failing, 0);
  /* every table row: status 1+7, severity 1+5, controls 1+frameworks, failing 1+N */
  ck_assert_uint_eq(count(md, "\n| "), md_rows(r));
  /* each framework's row: its control counts and, named, its failing or unknown controls */
  const cJSON *fw;
  cJSON_ArrayForEach(fw, cJSON_GetObjectItem(sum, "frameworks")) {
    char *row = md_framework_row(fw);
    HAS(md, row);
    free(row);
  }
  /* the imported-material key awaits a person, listed as its finding's number */
  snprintf(line, sizeof line, "\n- [ ] #%d **PCI-KMS-001** Customer managed KMS key has automatic rotation enabled "
                              "\u2014 acme-prod-recordings-byok",
           finding_number(r, "PCI-KMS-001", "acme-prod-recordings-byok"));
  HAS(md, line);
  ck_assert_ptr_null(strchr(md, '<'));
  free(html);
  free(md);
  cJSON_Delete(r);
}
END_TEST

/* `report` renders the results audit wrote into the same bytes, twice. */
START_TEST(report_reproduces_audit_bytes) {
  char *html, *md;
  cJSON *r = demo(&html, &md);
  const char *fmts[][2] = {{"html", "again.html"}, {"md", "again.md"}};
  for (int i = 0; i < 2; i++) {
    for (int round = 0; round < 2; round++) {
      ck_assert_int_eq(bin((const char *[]){"report", tu_path("results.json"), "--format", fmts[i][0], "-o",
                                            tu_path(fmts[i][1]), NULL}), 0);
      char *again = tu_read(tu_path(fmts[i][1]), NULL);
      ck_assert_str_eq(again, i ? md : html);
      free(again);
    }
  }
  free(html);
  free(md);
  cJSON_Delete(r);
}
END_TEST

/* With the demo's waiver and attestation files (docs/waivers.md): the
 * waived finding, the expired and stale entries, and the files' hashes. */
START_TEST(demo_with_waivers_shows_them_all) {
  ck_assert_int_eq(bin((const char *[]){"audit", CA_TEST_SRC "/fixtures/demo/prod.json", "-o", tu_dir, "--format", "html,md",
                                        "--waivers", CA_TEST_SRC "/fixtures/demo/waivers.json", "--attestations",
                                        CA_TEST_SRC "/fixtures/demo/attestations.json", NULL}), 0);
  char *text = tu_read(tu_path("results.json"), NULL), *html = tu_read(tu_path("report.html"), NULL), *md = tu_read(tu_path("report.md"), NULL);
  cJSON *r = cJSON_Parse(text);
  ck_assert_ptr_nonnull(r);
  const cJSON *w = cJSON_GetObjectItem(r, "waivers"), *a = cJSON_GetObjectItem(r, "attestations"), *f;
  ck_assert_msg(cJSON_IsObject(w) && cJSON_IsObject(a), "no waivers/attestations in results");
  HAS(html, cJSON_GetObjectItem(w, "sha256")->valuestring);
  HAS(html, cJSON_GetObjectItem(a, "sha256")->valuestring);
  const char *sec[][2] = {{"expired", "<h4>Expired waivers"}, {"stale", "<h4>Stale waivers"}};
  for (int i = 0; i < 2; i++) {
    int n = cJSON_GetArraySize(cJSON_GetObjectItem(w, sec[i][0]));
    const char *t = strstr(html, sec[i][1]);
    ck_assert_msg(!n == !t, "%s: %d entries, table %s", sec[i][0], n, t ? "present" : "absent");
    if (!t) continue;
    char *rows = strndup(t, (size_t)(strstr(t, "</table>") - t));
    ck_assert_uint_eq(count(rows, "<tr><th scope=\"row\">"), (size_t)n);
    free(rows);
  }
  int waived = 0, k = 0;
  const char *table = strstr(html, "<table class=\"waivers\">");
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r, "findings")) {
    k++;
    if (strcmp(cJSON_GetObjectItem(f, "status")->valuestring, "waived")) continue;
    waived++;
    char link[32];
    snprintf(link, sizeof link, "href=\"#f-%d\"", k);
    ck_assert_msg(table && strstr(table, link), "waived finding %d is not in the waivers table", k);
  }
  ck_assert_int_gt(waived, 0);
  HAS(md, "\n## Waived\n\n- #");
  check_tags(html, "report.html with waivers");
  check_anchors(html, "report.html with waivers");
  free(text);
  free(html);
  free(md);
  cJSON_Delete(r);
}
END_TEST

/* fail, error and failing controls (all frameworks) of a results document. */
static void trend_point(const cJSON *r, long v[3]) {
  const cJSON *sum = cJSON_GetObjectItem(r, "summary"), *fw;
  v[0] = jnum(cJSON_GetObjectItem(sum, "by_status"), "fail");
  v[1] = jnum(cJSON_GetObjectItem(sum, "by_status"), "error");
  v[2] = 0;
  cJSON_ArrayForEach(fw, cJSON_GetObjectItem(sum, "frameworks")) v[2] += jnum(cJSON_GetObjectItem(fw, "counts"), "failing");
}

/* report --db: the trend of the account's recorded scans, this one last and
 * once (it is recorded too); without --db no trend; only html draws one. */
START_TEST(report_db_draws_the_trend) {
  ck_assert_int_eq(bin((const char *[]){"audit", CA_TEST_SRC "/fixtures/demo/prod.json", "-o", tu_path("a"), "--db",
                                        tu_path("h.db"), "--quiet", NULL}), 0);
  tu_spit(tu_path("p.json"), "{\"pci\": {\"log_retention_days\": 30}}");
  const char *env[] = {"SOURCE_DATE_EPOCH=1795253400", NULL};   /* a day after the first */
  const char *argv[] = {CA_TEST_BIN, "audit", CA_TEST_SRC "/fixtures/demo/prod.json", "-o", tu_path("b"), "--db",
                        tu_path("h.db"), "--quiet", "--params", tu_path("p.json"), NULL};
  ck_assert_int_eq(tu_spawn(argv, env, tu_path("b.out"), tu_path("b.err")), 0);
  ck_assert_int_eq(bin((const char *[]){"report", tu_path("b/results.json"), "--format", "html", "-o",
                                        tu_path("t.html"), "--db", tu_path("h.db"), NULL}), 0);
  char *html = tu_read(tu_path("t.html"), NULL);
  HAS(html, "<figcaption>Trend over the last 2 scans of this account</figcaption>");
  ck_assert_uint_eq(count(html, "<polyline "), 3);
  ck_assert_uint_eq(count(html, "<circle "), 6);   /* 2 scans x 3 series: this scan not twice */
  static const char *const series[] = {"fail", "error", "failing_controls"};
  const char *which[] = {"a/results.json", "b/results.json"};
  for (int k = 0; k < 2; k++) {
    cJSON *r = tu_load(tu_path(which[k]));
    long v[3];
    trend_point(r, v);
    for (int s = 0; s < 3; s++) {
      char t[64];
      snprintf(t, sizeof t, "<title>%ld %s</title></circle>", v[s], series[s]);
      HAS(html, t);
    }
    cJSON_Delete(r);
  }
  check_tags(html, "report.html with a trend");
  check_script(html, "report.html with a trend");
  free(html);
  ck_assert_int_eq(bin((const char *[]){"report", tu_path("b/results.json"), "--format", "html", "-o",
                                        tu_path("n.html"), NULL}), 0);
  html = tu_read(tu_path("n.html"), NULL);
  LACKS(html, "<polyline");
  free(html);
  ck_assert_int_eq(bin((const char *[]){"report", tu_path("b/results.json"), "--format", "md", "-o",
                                        tu_path("t.md"), "--db", tu_path("h.db"), NULL}), 2);
}
END_TEST

/* The hostile document is rendered by the library, not `report`: its status
 * and severity are not ones we know, and `report` refuses such a document
 * (results/load.h) -- the renderers must still be inert on anything. */
static char *render_hostile(const char *fmt, const char *name) {
  cJSON *doc = tu_load(HOSTILE);
  ca_err e = {0};
  ck_assert_msg(!ca_report_write(doc, ca_format_find(fmt), tu_path(name), &e), "%s", e.msg);
  cJSON_Delete(doc);
  return tu_read(tu_path(name), NULL);
}

static void no_controls(const char *doc, const char *what) {
  for (const unsigned char *p = (const unsigned char *)doc; *p; p++)
    ck_assert_msg(*p >= 0x20 || *p == '\n', "%s: control byte 0x%02x at %zu", what, *p, (size_t)(p - (const unsigned char *)doc));
  ck_assert_ptr_null(strstr(doc, "\xC2\x85"));   /* NEL, a C1 control */
}

START_TEST(hostile_html_is_inert_text) {
  ck_assert_int_eq(bin((const char *[]){"report", HOSTILE, "--format", "html", "-o", tu_path("r.html"), NULL}), 2);
  char *html = render_hostile("html", "hostile.html");
  check_tags(html, "hostile report.html");
  check_anchors(html, "hostile report.html");
  check_script(html, "hostile report.html");
  ck_assert_uint_eq(count_ci(html, "<form"), 1);   /* the filters' own, no other */
  HAS(html, "<form id=\"filters\" class=\"filters\" hidden");
  const char *never[] = {"<img", "<iframe", "<svg onload", "<base", "<link", "<object", "<embed",
                         "<meta http-equiv=\"refresh", "<!--", "<![CDATA[", "onerror=\"", NULL};
  for (int i = 0; never[i]; i++) ck_assert_msg(count_ci(html, never[i]) == 0, "hostile output has %s", never[i]);
  ck_assert_uint_eq(count(html, "</style>"), 1);
  ck_assert_uint_eq(count(html, "<meta "), 4);
  /* the hostile text is all there, as text */
  HAS(html, "<title>Amazon Connect compliance report \u2014 account 1111&lt;script&gt;document.title=&#39;PWNED&#39;"
            "&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=&quot;document.title=&#39;PWNED&#39;&quot;&gt;</title>");
  HAS(html, "&lt;/style&gt;&lt;script&gt;");
  HAS(html, "]]&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;![CDATA[");
  HAS(html, "&#39; onmouseover=&#39;document.title=1&#39; x=&quot;");
  HAS(html, "&amp;lt;script&amp;gt; &amp;amp; &amp;#60;");
  HAS(html, "Z\u00FCrich \u2014 \u6771\u4EAC \u2014 \U0001F680 \u2014 caf\u00E9");
  HAS(html, "ctl:\uFFFD\uFFFD[31m\uFFFD\uFFFD end");
  no_controls(html, "hostile report.html");
  /* every finding, including the one whose status and severity are not ones we know */
  ck_assert_uint_eq(count(html, "<article class=\"finding"), 7);
  HAS(html, "<span class=\"badge st-other\">\u2022 &lt;script&gt;");
  HAS(html, "<h4 id=\"sev-action-other\">");
  /* attestation and waiver, filled in and escaped */
  HAS(html, "<strong>Attested:</strong> yes[click](javascript:alert(1))");
  HAS(html, "<td>Mallory &lt;script&gt;");
  HAS(html, "<strong>Waiver:</strong> because &lt;script&gt;");
  HAS(html, "<td>Eve &quot;&gt;&lt;img src=x");
  /* a blank row to sign for the manual item without an attestation */
  HAS(html, "<td class=\"blank\"></td><td class=\"blank\"></td><td class=\"blank\"></td><td class=\"blank\"></td>");
  /* hostile framework and region: text, and the Lambda in eu-west-1 is flagged */
  HAS(html, "&lt;b&gt;FW&lt;/b&gt;&quot;&gt;&lt;img");
  HAS(html, "eu-west-1 <strong class=\"flag\">");
  /* what the waiver and attestation files said, including entries that did not apply */
  HAS(html, "<tr><th scope=\"row\">Waivers file SHA-256</th><td><code>w&lt;script&gt;");
  HAS(html, "<tr><th scope=\"row\">Attestations file SHA-256</th><td><code>a&quot;&gt;&lt;img");
  HAS(html, "<h4>Expired waivers (their failures count again)</h4>");
  HAS(html, "<h4>Stale waivers (matched no failure)</h4>");
  HAS(html, "<h4>Attestations that applied to nothing</h4>");
  HAS(html, "<th scope=\"row\"><code>/waivers/0&lt;script&gt;");
  HAS(html, "<td>why &lt;svg onload=");
  HAS(html, "<tr><th scope=\"row\">Notes</th><td>note &lt;script&gt;");
  HAS(html, "<p>Manual items: 1 awaiting attestation, 1 attested yes,");
  HAS(html, "<span class=\"cs-waived\">\u2298 1 waived</span>");
  free(html);
}
END_TEST

/* Occurrences of c not escaped by a backslash. */
static size_t unescaped(const char *s, char c) {
  size_t n = 0;
  for (const char *p = s; *p; p++) {
    if (*p == '\\' && p[1]) {
      p++;
      continue;
    }
    if (*p == c) n++;
  }
  return n;
}

START_TEST(hostile_md_is_inert_text) {
  char *md = render_hostile("md", "hostile.md");
  ck_assert_ptr_null(strchr(md, '<'));          /* no HTML, no <autolink> */
  ck_assert_uint_eq(unescaped(md, '['), 2);     /* only the two task-list boxes */
  ck_assert_uint_eq(unescaped(md, ']'), 2);
  HAS(md, "\n- [ ] #3 **R2\\[click\\](javascript:alert(1)) \\!\\[img\\]");
  HAS(md, "\n- [x] #4 **R3' onmouseover=");
  ck_assert_uint_eq(unescaped(md, '`'), 2);     /* the one `error` of the template */
  ck_assert_uint_eq(unescaped(md, '_'), 0);
  ck_assert_uint_eq(unescaped(md, '~'), 0);
  ck_assert_uint_eq(unescaped(md, '$'), 0);
  ck_assert_uint_eq(count(md, "@"), count(md, "@&#8203;"));   /* no e-mail autolink, no @mention */
  ck_assert_uint_eq(unescaped(md, '!'), 0);
  ck_assert_uint_eq(count(md, "://"), count(md, "\\://"));   /* no bare URL to autolink */
  ck_assert_uint_eq(count(md, "www."), 0);
  HAS(md, "www\\.evil.example");
  no_controls(md, "hostile report.md");
  /* table rows keep their columns: each row has as many cell bars as its header */
  size_t want = 0;
  for (const char *line = md; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
    const char *nl = strchr(line, '\n');
    char *row = strndup(line, nl ? (size_t)(nl - line) : strlen(line));
    if (row[0] != '|') want = 0;
    else if (!want) want = unescaped(row, '|');
    else ck_assert_msg(unescaped(row, '|') == want, "row breaks its table: %.80s", row);
    free(row);
  }
  HAS(md, "&lt;script&gt;document.title='PWNED'&lt;/script&gt;");
  HAS(md, "Z\u00FCrich \u2014 \u6771\u4EAC \u2014 \U0001F680 \u2014 caf\u00E9");
  HAS(md, "line one line two  \\| injected \\| row \\| # heading - \\[ \\] fake item");
  HAS(md, "\n## Expired waivers\n\n- /waivers/0&lt;script&gt;");
  HAS(md, "\n## Stale attestations\n\n- /attestations/0&lt;script&gt;");
  free(md);
}
END_TEST

/* report.md through GitHub's own Markdown parser (Debian cmark-gfm, with
 * GitHub's extensions): what a pull request would show. */
static char *gfm(const char *md_path) {
  const char *argv[] = {"/usr/bin/env", "cmark-gfm", "-e", "table", "-e", "autolink", "-e", "strikethrough", "-e",
                        "tasklist", md_path, NULL};
  int rc = tu_spawn(argv, NULL, tu_path("md.html"), tu_path("cmark.log"));
  if (rc == 127) {
    const char *req = getenv("CA_REQUIRE_TOOLS");
    ck_assert_msg(!(req && !strcmp(req, "1")), "CA_REQUIRE_TOOLS=1 and no cmark-gfm: scripts/install-deps --tests");
    fprintf(stderr, "\n*** report_html: SKIPPING the cmark-gfm checks: no cmark-gfm on PATH "
                    "(Debian package cmark-gfm; scripts/install-deps --tests) ***\n\n");
    return NULL;
  }
  ck_assert_int_eq(rc, 0);
  return tu_read(tu_path("md.html"), NULL);
}

START_TEST(github_renders_the_md_as_text) {
  free(render_hostile("md", "hostile.md"));
  char *html = gfm(tu_path("hostile.md"));
  if (!html) return;
  const char *never[] = {"<a ", "<img", "<script", "<em>", "<del>", "<iframe", "<svg", "<h3", NULL};
  for (int i = 0; never[i]; i++) ck_assert_msg(!strstr(html, never[i]), "GitHub would render %s", never[i]);
  ck_assert_uint_eq(count(html, "<code>"), 1);                  /* the template's `error` */
  ck_assert_uint_eq(count(html, "<input type=\"checkbox\""), 2); /* the two checklist items, no fake one */
  ck_assert_uint_eq(count(html, "<table>"), 4);
  ck_assert_uint_eq(count(html, "<tr>"), 8 + 6 + 3 + 3);          /* no row injected by a newline or a bar */
  HAS(html, "line one line two  | injected | row | # heading - [ ] fake item");
  free(html);
  char *md, *dhtml;
  cJSON *r = demo(&dhtml, &md);
  html = gfm(tu_path("report.md"));
  ck_assert_ptr_null(strstr(html, "<a "));
  ck_assert_uint_eq(count(html, "<tr>"), md_rows(r));
  free(html);
  free(md);
  free(dhtml);
  cJSON_Delete(r);
}
END_TEST

START_TEST(escaping_units) {
  ca_buf b;
  ca_buf_init(&b, 1 << 20);
  /* bytes that are not UTF-8 (stray continuation, overlong, surrogate,
   * truncated) and controls become U+FFFD; the rest is escaped or kept */
  ck_assert_int_eq(ca_html_esc(&b, "a\xFF\xC0\x80" "b\x01" "c\xED\xA0\x80<>&\"'\xE2\x82"), 0);
  ck_assert_str_eq(b.data, "a\uFFFD\uFFFD\uFFFD" "b\uFFFD" "c\uFFFD\uFFFD\uFFFD&lt;&gt;&amp;&quot;&#39;\uFFFD\uFFFD");
  ca_buf_free(&b);
  ck_assert_int_eq(ca_html_esc(&b, "caf\u00E9 \U0001F680\ttab\nnl"), 0);
  ck_assert_str_eq(b.data, "caf\u00E9 \U0001F680\ttab\nnl");
  ca_buf_free(&b);
  ck_assert_int_eq(ca_md_esc(&b, "a|b *c* http://x WWW.y z@w [l](u) `c` <h> x\ny\\"), 0);
  ck_assert_str_eq(b.data, "a\\|b \\*c\\* http\\://x WWW\\.y z@&#8203;w \\[l\\](u) \\`c\\` &lt;h&gt; x y\\\\");
  ca_buf_free(&b);
  /* past the cap: an error, not a cut-off escape */
  ca_buf_init(&b, 8);
  ck_assert_int_eq(ca_html_esc(&b, "<<<<<"), -1);
  ca_buf_free(&b);
}
END_TEST

/* Bidirectional controls in a name are shown, not obeyed: the instance
 * "invoice\u202Egpj.exe" would otherwise display as "invoiceexe.jpg". */
static const char *const bidi[] = {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067",
                                   "\u2068", "\u2069", "\u200E", "\u200F", "\u061C", NULL};

START_TEST(bidi_controls_are_shown_not_obeyed) {
  ca_buf b;
  ca_buf_init(&b, 1 << 16);
  ck_assert_int_eq(ca_html_esc(&b, "invoice\u202Egpj.exe \u2067x\u2069 \u200F\u061C \u05E9\u05DC\u05D5\u05DD"), 0);
  ck_assert_str_eq(b.data, "invoice&lt;U+202E&gt;gpj.exe &lt;U+2067&gt;x&lt;U+2069&gt; &lt;U+200F&gt;&lt;U+061C&gt; "
                           "\u05E9\u05DC\u05D5\u05DD");   /* Hebrew itself stays */
  ca_buf_free(&b);
  ck_assert_int_eq(ca_md_esc(&b, "invoice\u202Egpj.exe"), 0);
  ck_assert_str_eq(b.data, "invoice&lt;U+202E&gt;gpj.exe");
  ca_buf_free(&b);

  /* through audit: an instance named so, every control in a flow's name */
  cJSON *snap = tu_load(CA_TEST_SRC "/fixtures/demo/prod.json");
  cJSON *inst = cJSON_GetObjectItem(cJSON_GetObjectItem(snap, "resources"), "connect_instance")->child;
  cJSON_ReplaceItemInObject(inst, "name", cJSON_CreateString("invoice\u202Egpj.exe"));
  char all[128] = "flow";
  for (int i = 0; bidi[i]; i++) strcat(all, bidi[i]);
  cJSON *flow = cJSON_GetObjectItem(cJSON_GetObjectItem(snap, "resources"), "connect_contact_flow")->child;
  cJSON_ReplaceItemInObject(flow, "name", cJSON_CreateString(all));
  tu_save(tu_path("bidi.json"), snap);
  cJSON_Delete(snap);
  ck_assert_int_eq(bin((const char *[]){"audit", tu_path("bidi.json"), "-o", tu_path("out"), "--format", "html,md",
                                        "--quiet", NULL}), 0);
  const char *files[] = {"out/report.html", "out/report.md", NULL};
  for (int f = 0; files[f]; f++) {
    char *doc = tu_read(tu_path(files[f]), NULL);
    for (int i = 0; bidi[i]; i++) ck_assert_msg(!strstr(doc, bidi[i]), "%s holds bidi control %d", files[f], i);
    HAS(doc, "invoice&lt;U+202E&gt;gpj.exe");
    HAS(doc, "flow&lt;U+202A&gt;&lt;U+202B&gt;&lt;U+202C&gt;&lt;U+202D&gt;&lt;U+202E&gt;&lt;U+2066&gt;");
    free(doc);
  }
}
END_TEST

/* ---- headless Chromium ---- */

/* chromium.sh MODE FILE [OUT]: its exit code; stdout and stderr in tu_dir. 127:
 * no browser, which fails under CA_REQUIRE_TOOLS=1 (CI) and otherwise skips. */
static int browser(const char *mode, const char *file, const char *out) {
  const char *argv[] = {DRIVER, mode, file, out, NULL};
  return tu_spawn(argv, NULL, tu_path("dom.html"), tu_path("chromium.log"));
}

static int have_browser(void) {
  int rc = browser("dom", CANARY, NULL);
  if (rc != 127) return 1;
  const char *req = getenv("CA_REQUIRE_TOOLS");
  ck_assert_msg(!(req && !strcmp(req, "1")), "CA_REQUIRE_TOOLS=1 and no chromium: scripts/install-deps --tests");
  fprintf(stderr, "\n*** report_html: SKIPPING the headless-Chromium checks: no chromium on PATH "
                  "(Debian package chromium; scripts/install-deps --tests) ***\n\n");
  return 0;
}

/* chromium.sh dom FILE ?QUERY: the DOM after the page's script ran with that address, in tu_dir/dom.html. */
static int browser_query(const char *file, const char *query) {
  const char *argv[] = {DRIVER, "dom", file, query, NULL};
  return tu_spawn(argv, NULL, tu_path("dom.html"), tu_path("chromium.log"));
}

static char *dom_of(const char *file) {
  ck_assert_int_eq(browser("dom", file, NULL), 0);
  return tu_read(tu_path("dom.html"), NULL);
}

/* The page's <title> as Chromium holds it after running whatever it ran. */
static char *title_of(const char *dom) {
  const char *a = strstr(dom, "<title>"), *b = a ? strstr(a, "</title>") : NULL;
  ck_assert_msg(a && b, "no <title> in the DOM");
  return strndup(a + 7, (size_t)(b - a - 7));
}

/* Console lines in Chromium's log: a script that ran and logged, or a
 * Content-Security-Policy refusal of something the page tried to run or load. */
static size_t console_lines(void) {
  char *log = tu_read(tu_path("chromium.log"), NULL);
  size_t n = count(log, ":CONSOLE");
  free(log);
  return n;
}

/* The demo as scripts/demo writes it (waivers and attestations), audited
 * into tu_dir; its results. */
static cJSON *demo_full(void) {
  ck_assert_int_eq(bin((const char *[]){"audit", CA_TEST_SRC "/fixtures/demo/prod.json", "-o", tu_dir, "--format",
                                        "html", "--quiet", "--waivers", CA_TEST_SRC "/fixtures/demo/waivers.json",
                                        "--attestations", CA_TEST_SRC "/fixtures/demo/attestations.json", NULL}), 0);
  return tu_load(tu_path("results.json"));
}

/* cdp.py FILE W,H STEP...: the page at exactly that size (DevTools-protocol
 * device metrics: headless --window-size cannot go below 500 px); the
 * values its eval: steps printed, one per line (the caller frees). */
static char *cdp(const char *file, const char *size, const char *const *steps) {
  const char *argv[16] = {"/usr/bin/env", "python3", CDP, file, size};
  size_t n = 5;
  for (size_t i = 0; steps[i] && n < 15; i++) argv[n++] = steps[i];
  argv[n] = NULL;
  int rc = tu_spawn(argv, NULL, tu_path("cdp.out"), tu_path("cdp.log"));
  char *log = tu_read(tu_path("cdp.log"), NULL);
  ck_assert_msg(rc == 0, "cdp.py exited %d: %s", rc, log);
  free(log);
  return tu_read(tu_path("cdp.out"), NULL);
}

/* The artefact folder (build/test-artefacts/report_html), made if absent. */
static const char *artefact(const char *name) {
  static char path[4096];
  mkdir(CA_TEST_ARTEFACTS, 0755);
  mkdir(ARTEFACTS, 0755);
  snprintf(path, sizeof path, "%s/%s", ARTEFACTS, name);
  return path;
}

/* A PNG's width and height from its IHDR. */
static void png_size(const char *png, unsigned *w, unsigned *hgt, size_t *bytes) {
  char *img;
  ca_err e = {0};
  ck_assert_msg(!ca_read_file(png, 64L << 20, &img, bytes, &e), "%s", e.msg);
  ck_assert_int_eq(memcmp(img, "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), 0);
  const unsigned char *u = (const unsigned char *)img + 16;
  *w = (unsigned)u[0] << 24 | u[1] << 16 | u[2] << 8 | u[3];
  *hgt = (unsigned)u[4] << 24 | u[5] << 16 | u[6] << 8 | u[7];
  free(img);
}

/* The demo in Chromium: every finding in the DOM, nothing refused, and
 * screenshots of its first 3000 px at 1400 and 400 px wide in
 * build/test-artefacts/report_html/ (demo-1400.png, demo-400.png) to look at. */
START_TEST(chromium_renders_the_demo_and_takes_screenshots) {
  if (!have_browser()) return;
  cJSON *r = demo_full();
  char *dom = dom_of(tu_path("report.html"));
  ck_assert_uint_eq(count(dom, "<article class=\"finding"), (size_t)cJSON_GetArraySize(cJSON_GetObjectItem(r, "findings")));
  HAS(dom, "<h2>Verdict</h2>");
  HAS(dom, "<h2>Control matrix</h2>");
  HAS(dom, "<h2>Integration points</h2>");
  HAS(dom, "<form id=\"filters\" class=\"filters\" aria-label=");   /* the script ran: the filters are shown */
  check_tags(dom, "the demo's DOM");
  ck_assert_uint_eq(console_lines(), 0);   /* nothing refused: the page asks for nothing, its script is let in */
  const unsigned widths[] = {1400, 400};
  for (int i = 0; i < 2; i++) {
    char png[64], step[4200], size[32];
    snprintf(png, sizeof png, "demo-%u.png", widths[i]);
    snprintf(step, sizeof step, "shot:%s:3000", artefact(png));
    snprintf(size, sizeof size, "%u,900", widths[i]);
    remove(artefact(png));
    free(cdp(tu_path("report.html"), size, (const char *[]){step, NULL}));
    unsigned w, hgt;
    size_t n;
    png_size(artefact(png), &w, &hgt, &n);
    ck_assert_uint_eq(w, widths[i]);
    ck_assert_uint_eq(hgt, 3000);           /* the report is longer than that: cut at 3000 */
    ck_assert_uint_gt(n, 100 * 1024);       /* a blank page compresses to a few KiB; a report does not */
    fprintf(stderr, "report_html: screenshot %s (%zu bytes)\n", artefact(png), n);
  }
  free(dom);
  cJSON_Delete(r);
}
END_TEST

/* The findings, in results order, that have status st ("" for any) and severity sev ("" for any). */
static long matching(const cJSON *r, const char *st, const char *sev) {
  long n = 0;
  const cJSON *f;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r, "findings")) {
    if (*st && strcmp(cJSON_GetObjectItem(f, "status")->valuestring, st)) continue;
    if (*sev && strcmp(cJSON_GetObjectItem(f, "severity")->valuestring, sev)) continue;
    n++;
  }
  return n;
}

#define VISIBLE "eval:document.querySelectorAll('article.finding:not([hidden])').length"

/* The filters: set by the address (?status=fail, through --dump-dom), then
 * used as a person would: a severity chosen, text typed, Clear clicked (real
 * mouse events over the DevTools protocol). */
START_TEST(chromium_filters_hide_findings) {
  if (!have_browser()) return;
  cJSON *r = demo_full();
  long all = matching(r, "", ""), fails = matching(r, "fail", "");
  ck_assert_int_gt(fails, 0);
  ck_assert_int_lt(fails, all);
  ck_assert_int_eq(browser_query(tu_path("report.html"), "?status=fail"), 0);
  char *dom = tu_read(tu_path("dom.html"), NULL);
  ck_assert_uint_eq(count(dom, "<article class=\"finding"), (size_t)all);
  ck_assert_uint_eq(count(dom, "\" hidden=\"\">\n<h6>"), (size_t)(all - fails));   /* the others hidden */
  char want[128];
  snprintf(want, sizeof want, "<output id=\"q-n\" aria-live=\"polite\">%ld of %ld findings match</output>", fails, all);
  HAS(dom, want);
  HAS(dom, "<details class=\"group\" id=\"g-pass\" hidden=\"\">");   /* a group with no match goes */
  free(dom);

  long crit = matching(r, "", "critical");
  char *out = cdp(tu_path("report.html"), "1400,900", (const char *[]){
      VISIBLE,
      "eval:(function(){var s=document.getElementById('q-sev');s.value='critical';"
      "s.dispatchEvent(new Event('change',{bubbles:true}));return 0})()",
      VISIBLE,
      "click:#q-tx", "type:pci-flow-001",
      VISIBLE,
      "eval:[].every.call(document.querySelectorAll('article.finding:not([hidden])'),function(a){"
      "return a.parentElement.querySelector('h5').textContent.indexOf('PCI-FLOW-001')===0})",
      "click:#q-clear",
      VISIBLE, NULL});
  long v[4];
  char ok[16];
  ck_assert_int_eq(sscanf(out, "%ld\n0\n%ld\n%ld\n%15s\n%ld", &v[0], &v[1], &v[2], ok, &v[3]), 5);
  ck_assert_int_eq(v[0], all);        /* no filter: everything */
  ck_assert_int_eq(v[1], crit);       /* severity critical */
  ck_assert_int_gt(v[2], 0);          /* and the rule's ID typed: only its findings */
  ck_assert_int_lt(v[2], crit);
  ck_assert_str_eq(ok, "true");
  ck_assert_int_eq(v[3], all);        /* Clear: everything again */
  free(out);
  cJSON_Delete(r);
}
END_TEST

/* At 400 px (a phone) nothing makes the page scroll sideways: wide tables
 * scroll in their own box or stack. */
START_TEST(chromium_400px_has_no_page_wide_scroll) {
  if (!have_browser()) return;
  cJSON *r = demo_full();
  char *out = cdp(tu_path("report.html"), "400,900", (const char *[]){
      "eval:innerWidth", "eval:document.scrollingElement.scrollWidth",
      /* with every collapsed group open: their tables count too */
      "eval:(function(){[].forEach.call(document.querySelectorAll('details'),function(d){d.open=true});"
      "return document.scrollingElement.scrollWidth})()", NULL});
  long w, sw, open;
  ck_assert_int_eq(sscanf(out, "%ld\n%ld\n%ld", &w, &sw, &open), 3);
  ck_assert_int_eq(w, 400);
  ck_assert_int_le(sw, 400);
  ck_assert_int_le(open, 400);
  free(out);
  cJSON_Delete(r);
}
END_TEST

/* Printed to PDF (A4, the print stylesheet): a cover, the sections, and a
 * bounded page count.  The bound: a cover, the verdict (2), the matrix (7),
 * the checklist (11), inventory and provenance (4) -- about 25 pages -- and
 * at most one page per finding that prints expanded (fail, error, manual,
 * waived: passes and skips stay collapsed in print).  The old layout printed
 * the demo on 148 pages; the PDF is in build/test-artefacts/report_html/. */
START_TEST(chromium_prints_a_bounded_pdf) {
  if (!have_browser()) return;
  cJSON *r = demo_full();
  char step[4200];
  snprintf(step, sizeof step, "pdf:%s", artefact("demo.pdf"));
  free(cdp(tu_path("report.html"), "1400,900", (const char *[]){step, NULL}));
  char *img;
  size_t n;
  ca_err e = {0};
  ck_assert_msg(!ca_read_file(artefact("demo.pdf"), 64L << 20, &img, &n, &e), "%s", e.msg);
  ck_assert_int_eq(memcmp(img, "%PDF-", 5), 0);
  size_t pages = 0;
  for (size_t i = 0; i + 11 < n; i++)
    if (!memcmp(img + i, "/Type /Page", 11) && img[i + 11] != 's') pages++;
  long expanded = matching(r, "fail", "") + matching(r, "error", "") + matching(r, "manual", "") +
                  matching(r, "waived", "");
  fprintf(stderr, "report_html: %s: %zu pages (bound %ld)\n", artefact("demo.pdf"), pages, 25 + expanded);
  ck_assert_uint_ge(pages, 8);                          /* the cover and a page per section at least */
  ck_assert_uint_le(pages, (size_t)(25 + expanded));
  free(img);
  cJSON_Delete(r);
}
END_TEST

/* The hostile report in the browser, with its CSP and with the CSP cut out
 * (escaping alone must hold): the title no script could leave alone, no
 * element from data, no console line.  The canary shows the harness sees a
 * script run, and that the report's CSP blocks one. */
START_TEST(chromium_runs_nothing_from_the_hostile_report) {
  if (!have_browser()) return;
  char *dom = dom_of(CANARY), *t = title_of(dom);
  ck_assert_str_eq(t, "EXECUTED ONERROR");
  free(t);
  free(dom);
  char *hostile = render_hostile("html", "hostile.html"), *meta = csp_meta(hostile);
  free(hostile);
  char *canary = tu_read(CANARY, NULL);
  char *head = strstr(canary, "<meta charset=\"utf-8\">");
  ck_assert_ptr_nonnull(head);
  FILE *out = fopen(tu_path("canary-csp.html"), "w");
  fprintf(out, "%.*s%s%s", (int)(head - canary) + 22, canary, meta, head + 22);   /* the report's own CSP */
  fclose(out);
  free(canary);
  dom = dom_of(tu_path("canary-csp.html"));
  t = title_of(dom);
  ck_assert_str_eq(t, "canary");
  ck_assert_uint_ge(console_lines(), 2);   /* the refused script and handler are logged */
  free(t);
  free(dom);

  char *html = render_hostile("html", "hostile.html");
  char *csp = strstr(html, meta);
  ck_assert_ptr_nonnull(csp);
  out = fopen(tu_path("hostile-nocsp.html"), "w");
  fprintf(out, "%.*s%s", (int)(csp - html), html, csp + strlen(meta));
  free(meta);
  fclose(out);
  const char *pages[] = {tu_path("hostile.html"), tu_path("hostile-nocsp.html")};
  for (int i = 0; i < 2; i++) {
    dom = dom_of(pages[i]);
    t = title_of(dom);
    ck_assert_str_eq(t, TITLE);   /* document.title = 'PWNED' would have replaced it */
    ck_assert_uint_eq(count(dom, "PWNED'"), count(html, "PWNED&#39;"));   /* every one still text */
    check_tags(dom, pages[i]);
    ck_assert_uint_eq(count_ci(dom, "<script"), 1);   /* the filters' own, which ran (the form is shown) */
    HAS(dom, "<form id=\"filters\" class=\"filters\" aria-label=");
    ck_assert_uint_eq(count_ci(dom, "<img"), 0);
    ck_assert_uint_eq(count_ci(dom, "<iframe"), 0);
    ck_assert_uint_eq(count(dom, "<article class=\"finding"), 7);
    ck_assert_uint_eq(console_lines(), 0);
    free(t);
    free(dom);
  }
  free(html);
}
END_TEST

int main(void) {
  Suite *s = suite_create("report_html");
  TCase *tc = tcase_create("report_html");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, demo_html_has_every_section_and_the_summary);
  tcase_add_test(tc, demo_md_lists_every_failing_finding);
  tcase_add_test(tc, report_reproduces_audit_bytes);
  tcase_add_test(tc, demo_with_waivers_shows_them_all);
  tcase_add_test(tc, report_db_draws_the_trend);
  tcase_add_test(tc, hostile_html_is_inert_text);
  tcase_add_test(tc, hostile_md_is_inert_text);
  tcase_add_test(tc, escaping_units);
  tcase_add_test(tc, bidi_controls_are_shown_not_obeyed);
  tcase_add_test(tc, github_renders_the_md_as_text);
  tcase_add_test(tc, chromium_renders_the_demo_and_takes_screenshots);
  tcase_add_test(tc, chromium_filters_hide_findings);
  tcase_add_test(tc, chromium_400px_has_no_page_wide_scroll);
  tcase_add_test(tc, chromium_prints_a_bounded_pdf);
  tcase_add_test(tc, chromium_runs_nothing_from_the_hostile_report);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
