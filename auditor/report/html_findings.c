/*
 * html_findings.c -- report.html's findings: the filters, then the groups
 * (failing and erroring first, then awaiting attestation, waived, and the
 * passing and not-applicable ones collapsed), each by severity, then rule,
 * each finding with its evidence; the pre-go-live attestation checklist with
 * the waivers; and the inventory of integration points.
 */
#include <stdlib.h>
#include <string.h>

#include "report/html_findings.h"
#include "report/html_util.h"
#include "report/text.h"

static const char *const severity_titles[] = {"Critical", "High", "Medium", "Low", "Info", "Other severity"};
static const char *const severity_ids[] = {"critical", "high", "medium", "low", "info", "other"};

/* The rule entry of results.rules with this id, for its rationale. */
static const cJSON *rule_entry(const html *h, const char *id) {
  const cJSON *r, *rules = cJSON_GetObjectItemCaseSensitive(h->results, "rules");
  cJSON_ArrayForEach(r, (cJSON_IsArray(rules) && id ? rules : NULL))
    if (!strcmp(ca_rstr(r, "id", ""), id)) return r;
  return NULL;
}

static void controls_text(html *h, const cJSON *f) {
  const cJSON *c, *cs = cJSON_GetObjectItemCaseSensitive(f, "controls");
  int k = 0;
  cJSON_ArrayForEach(c, (cJSON_IsArray(cs) ? cs : NULL)) {
    h_put(h, k++ ? "; " : "");
    h_esc(h, ca_rstr(c, "framework", NULL), "?");
    h_put(h, " ");
    h_esc(h, ca_rstr(c, "id", NULL), "?");
  }
  if (!k) h_put(h, "none");
}

static int is_known_evidence_key(const char *k) {
  return !strcmp(k, "path") || !strcmp(k, "observed") || !strcmp(k, "expected");
}

static void evidence(html *h, const cJSON *f) {
  const cJSON *e, *ev = cJSON_GetObjectItemCaseSensitive(f, "evidence");
  if (!cJSON_IsArray(ev) || !cJSON_GetArraySize(ev)) {
    h_put(h, "<p class=\"note\">No evidence recorded.</p>\n");
    return;
  }
  h_put(h, "<table class=\"evidence\"><caption>Evidence</caption><thead><tr><th scope=\"col\">Snapshot path "
           "(JSON pointer)</th><th scope=\"col\">Observed</th><th scope=\"col\">Expected</th>"
           "<th scope=\"col\">Notes</th></tr></thead><tbody>\n");
  cJSON_ArrayForEach(e, ev) {
    h_put(h, "<tr><td><code>");
    h_esc(h, ca_rstr(e, "path", NULL), "\u2014");
    h_put(h, "</code></td><td><code>");
    h_json(h, cJSON_GetObjectItemCaseSensitive(e, "observed"));
    h_put(h, "</code></td><td><code>");
    h_json(h, cJSON_GetObjectItemCaseSensitive(e, "expected"));
    h_put(h, "</code></td><td>");
    const cJSON *x;
    int k = 0;
    cJSON_ArrayForEach(x, (cJSON_IsObject(e) ? e : NULL)) {
      if (is_known_evidence_key(x->string)) continue;
      h_put(h, k++ ? "; " : "");
      h_esc(h, x->string, "?");
      h_put(h, ": ");
      if (cJSON_IsString(x)) h_esc(h, x->valuestring, "\u2014");
      else h_json(h, x);
    }
    h_put(h, "</td></tr>\n");
  }
  h_put(h, "</tbody></table>\n");
}

static void waiver_box(html *h, const cJSON *w) {
  h_put(h, "<div class=\"waiver\"><strong>Waiver:</strong> ");
  h_esc(h, ca_rstr(w, "reason", NULL), "(no reason given)");
  h_put(h, " \u2014 approved by ");
  h_esc(h, ca_rstr(w, "approved_by", NULL), "(nobody named)");
  h_put(h, ", expires ");
  h_esc(h, ca_rstr(w, "expires", NULL), "(no date)");
  h_put(h, "</div>\n");
}

static void attestation_box(html *h, const cJSON *a) {
  h_put(h, "<div class=\"attested\"><strong>Attested:</strong> ");
  h_esc(h, ca_rstr(a, "answer", NULL), "(no answer)");
  h_put(h, " \u2014 by ");
  h_esc(h, ca_rstr(a, "by", NULL), "(nobody named)");
  h_put(h, " at ");
  h_esc(h, ca_rstr(a, "at", NULL), "(no date)");
  const char *note = ca_rstr(a, "note", NULL);
  if (note && *note) {
    h_put(h, "; ");
    h_esc(h, note, "");
  }
  h_put(h, "</div>\n");
}

static void finding(html *h, size_t i, const char *rule_remediation) {
  const cJSON *f = h->f[i], *r = ca_robj(f, "resource");
  const char *st = ca_rstr(f, "status", NULL);
  /* what the filters match on: constants and places in h->fws and h->types, never data */
  h_putf(h, "<article class=\"finding st-%s\" id=\"f-%zu\" data-st=\"%s\" data-sev=\"%s\" data-rt=\"%zu\" data-fw=\"",
         h_status_class(st), i + 1, h_status_class(st), severity_ids[ca_severity_order(ca_rstr(f, "severity", NULL))],
         h_place(h->types, h->ntypes, ca_rstr(r, "type", NULL)));
  const cJSON *c, *cs = cJSON_GetObjectItemCaseSensitive(f, "controls");
  size_t last = 0;
  cJSON_ArrayForEach(c, (cJSON_IsArray(cs) ? cs : NULL)) {
    size_t p = h_place(h->fws, h->nfws, ca_rstr(c, "framework", NULL));
    if (p && p != last) h_putf(h, "%s%zu", last ? " " : "", p);   /* a framework once per run of its controls */
    if (p) last = p;
  }
  h_put(h, "\">\n<h6>");
  h_badge(h, st);
  h_putf(h, " <span class=\"num\">#%zu</span> ", i + 1);
  h_esc(h, ca_rstr(r, "name", NULL), "(unnamed resource)");
  h_put(h, "</h6>\n<table class=\"kv\"><tbody>\n<tr><th scope=\"row\">Resource</th><td><code>");
  h_esc(h, ca_rstr(r, "arn", NULL), "(no ARN)");
  h_put(h, "</code></td></tr>\n<tr><th scope=\"row\">Type, region</th><td>");
  h_esc(h, ca_rstr(r, "type", NULL), "(no type)");
  h_put(h, ", ");
  h_esc(h, ca_rstr(r, "region", NULL), "region unknown");
  h_put(h, "</td></tr>\n<tr><th scope=\"row\">Message</th><td>");
  h_esc(h, ca_rstr(f, "message", NULL), "(no message)");
  h_put(h, "</td></tr>\n<tr><th scope=\"row\">Controls</th><td>");
  controls_text(h, f);
  h_put(h, "</td></tr>\n");
  const cJSON *params = ca_robj(f, "parameters");
  if (params && params->child) {
    h_put(h, "<tr><th scope=\"row\">Parameters</th><td><code>");
    h_json(h, params);
    h_put(h, "</code></td></tr>\n");
  }
  const char *rem = ca_rstr(f, "remediation", NULL);
  if (rem && *rem && (!rule_remediation || strcmp(rem, rule_remediation))) {
    h_put(h, "<tr><th scope=\"row\">Remediation</th><td>");
    h_esc(h, rem, "");
    h_put(h, "</td></tr>\n");
  }
  const cJSON *note, *notes = cJSON_GetObjectItemCaseSensitive(f, "notes");
  if (cJSON_IsArray(notes) && notes->child) {
    h_put(h, "<tr><th scope=\"row\">Notes</th><td>");
    int k = 0;
    cJSON_ArrayForEach(note, notes) {
      h_put(h, k++ ? "<br>" : "");
      if (cJSON_IsString(note)) h_esc(h, note->valuestring, "");
      else h_json(h, note);
    }
    h_put(h, "</td></tr>\n");
  }
  h_put(h, "</tbody></table>\n");
  evidence(h, f);
  const cJSON *w = ca_robj(f, "waiver"), *a = ca_robj(f, "attestation");
  if (w) waiver_box(h, w);
  if (a) attestation_box(h, a);
  h_put(h, "</article>\n");
}

static void rule_head(html *h, size_t first, size_t count, int why) {
  const cJSON *f = h->f[first];
  const char *id = ca_rstr(f, "rule_id", NULL);
  h_put(h, "<section class=\"rule\">\n<h5>");
  h_esc(h, id, "(no rule ID)");
  h_put(h, " \u2014 ");
  h_esc(h, ca_rstr(f, "title", NULL), "(untitled)");
  h_putf(h, "</h5>\n<p class=\"rule-meta\">%zu finding%s \u00B7 pack ", count, count == 1 ? "" : "s");
  h_esc(h, ca_rstr(f, "pack", NULL), "unknown");
  h_put(h, " \u00B7 practice ");
  h_esc(h, ca_rstr(f, "practice", NULL), "\u2014");
  h_put(h, " \u00B7 severity ");
  h_esc(h, ca_rstr(f, "severity", NULL), "unknown");
  h_put(h, "</p>\n");
  if (!why) return;   /* passing and not applicable: the rule's case is made where it fails */
  const char *rationale = ca_rstr(rule_entry(h, id), "rationale", NULL);
  if (rationale && *rationale) {
    h_put(h, "<p><strong>Why it matters:</strong> ");
    h_esc(h, rationale, "");
    h_put(h, "</p>\n");
  }
  const char *rem = ca_rstr(f, "remediation", NULL);
  if (rem && *rem) {
    h_put(h, "<p><strong>Remediation:</strong> ");
    h_esc(h, rem, "");
    h_put(h, "</p>\n");
  }
}

static const char *const group_titles[H_NGROUPS] = {"Failing and erroring", "Awaiting attestation", "Waived",
                                                    "Passing", "Not applicable"};
static const char *const group_symbols[H_NGROUPS] = {"\u2718", "\u270E", "\u2298", "\u2714", "\u2013"};

/* The filters: hidden until the script shows them (without it the page
 * shows every finding and no dead controls).  Choices are constants, or
 * data as escaped option text with a number as the value. */
static void filters(html *h) {
  h_put(h, "<form id=\"filters\" class=\"filters\" hidden aria-label=\"Filter the findings\">\n"
           "<label>Status<select id=\"q-st\"><option value=\"\">any</option>");
  for (int s = 0; ca_report_statuses[s]; s++)
    h_putf(h, "<option value=\"%s\">%s %s</option>", ca_report_statuses[s], h_status_symbol(ca_report_statuses[s]),
           ca_report_statuses[s]);
  h_put(h, "</select></label>\n<label>Severity<select id=\"q-sev\"><option value=\"\">any</option>");
  for (int v = 0; v < CA_NSEVERITIES; v++) h_putf(h, "<option value=\"%s\">%s</option>", severity_ids[v], severity_ids[v]);
  h_put(h, "</select></label>\n<label>Framework<select id=\"q-fw\"><option value=\"\">any</option>");
  for (size_t i = 0; i < h->nfws; i++) {
    h_putf(h, "<option value=\"%zu\">", i + 1);
    h_esc(h, h->fws[i], "");
    h_put(h, "</option>");
  }
  h_put(h, "</select></label>\n<label>Resource type<select id=\"q-rt\"><option value=\"\">any</option>");
  for (size_t i = 0; i < h->ntypes; i++) {
    h_putf(h, "<option value=\"%zu\">", i + 1);
    h_esc(h, h->types[i], "");
    h_put(h, "</option>");
  }
  h_put(h, "</select></label>\n<label>Text<input id=\"q-tx\" type=\"search\" placeholder=\"rule, resource, message\" "
           "autocomplete=\"off\"></label>\n<button type=\"button\" id=\"q-clear\">Clear</button>\n"
           "<output id=\"q-n\" aria-live=\"polite\"></output>\n</form>\n");
}

/* One group's findings (those of h->order whose status is in group g), by
 * severity, then rule. */
static void group(html *h, int g) {
  size_t n = 0;
  for (size_t k = 0; k < h->nf; k++) n += h_group(ca_rstr(h->f[h->order[k]], "status", NULL)) == g;
  if (!n && g != H_G_ACTION) return;
  int collapsed = g == H_G_PASS || g == H_G_SKIPPED;
  if (collapsed)
    h_putf(h, "<details class=\"group\" id=\"g-%s\"><summary><h3>%s %s \u2014 %zu finding%s</h3> (collapsed: "
              "open to list them)</summary>\n", h_group_ids[g], group_symbols[g], group_titles[g], n, n == 1 ? "" : "s");
  else
    h_putf(h, "<section class=\"group\" id=\"g-%s\">\n<h3>%s %s \u2014 %zu finding%s</h3>\n", h_group_ids[g],
           group_symbols[g], group_titles[g], n, n == 1 ? "" : "s");
  if (!n) h_put(h, "<p>No finding fails or errs.</p>\n");
  int sev = -1;
  for (size_t k = 0; k < h->nf;) {
    const cJSON *f = h->f[h->order[k]];
    if (h_group(ca_rstr(f, "status", NULL)) != g) {
      k++;
      continue;
    }
    int s = ca_severity_order(ca_rstr(f, "severity", NULL));
    if (s != sev) {
      size_t c = 0;
      for (size_t j = k; j < h->nf; j++) {
        const cJSON *x = h->f[h->order[j]];
        if (ca_severity_order(ca_rstr(x, "severity", NULL)) != s) break;
        c += h_group(ca_rstr(x, "status", NULL)) == g;
      }
      h_put(h, sev >= 0 ? "</div>\n" : "");
      sev = s;
      h_putf(h, "<div class=\"sev\">\n<h4 id=\"sev-%s-%s\">%s \u2014 %zu finding%s</h4>\n", h_group_ids[g],
             severity_ids[s], severity_titles[s], c, c == 1 ? "" : "s");
    }
    /* one rule: the next findings of this group with its ID (the order groups them) */
    const char *id = ca_rstr(f, "rule_id", "");
    size_t end = k + 1, count = 1;
    while (end < h->nf) {
      const cJSON *x = h->f[h->order[end]];
      if (ca_severity_order(ca_rstr(x, "severity", NULL)) != s || strcmp(ca_rstr(x, "rule_id", ""), id)) break;
      count += h_group(ca_rstr(x, "status", NULL)) == g;
      end++;
    }
    rule_head(h, h->order[k], count, !collapsed);
    const char *rem = ca_rstr(f, "remediation", NULL);
    for (size_t j = k; j < end; j++)
      if (h_group(ca_rstr(h->f[h->order[j]], "status", NULL)) == g) finding(h, h->order[j], rem);
    h_put(h, "</section>\n");
    k = end;
  }
  h_put(h, sev >= 0 ? "</div>\n" : "");
  h_put(h, collapsed ? "</details>\n" : "</section>\n");
}

void h_findings(html *h) {
  h_put(h, "<section class=\"major\" id=\"findings\">\n<h2>Findings</h2>\n<p>Failing and erroring findings first, "
           "then those awaiting attestation and the waived ones; passing and not-applicable findings are evidence "
           "too, collapsed below them. Within each group: by severity (critical first), then by rule. Each finding "
           "shows the resource, what the rule observed in the snapshot (a JSON pointer into snapshot.json) against "
           "what it expected, and how to fix it.</p>\n");
  filters(h);
  if (!h->nf) h_put(h, "<p>No findings.</p>\n");
  for (int g = 0; g < H_NGROUPS && h->nf; g++) group(h, g);
  h_put(h, "</section>\n");
}

static void item_cell(html *h, size_t i) {
  const cJSON *f = h->f[i];
  h_put(h, "<td>");
  h_link(h, i);
  h_put(h, " <strong>");
  h_esc(h, ca_rstr(f, "rule_id", NULL), "(no rule ID)");
  h_put(h, "</strong> ");
  h_esc(h, ca_rstr(f, "title", NULL), "(untitled)");
  h_put(h, "<br>");
  h_esc(h, ca_rstr(f, "message", NULL), "");
  h_put(h, "</td><td><code>");
  h_esc(h, ca_rstr(ca_robj(f, "resource"), "arn", NULL), "(no ARN)");
  h_put(h, "</code></td>");
}

/* Entries of a waiver or attestation file that did not apply (expired,
 * stale): the entry as written, why, and the findings it matched. */
static void file_entries(html *h, const cJSON *list, const char *title, const char *const *keys,
                         const char *const *labels, size_t nk) {
  if (!cJSON_IsArray(list) || !list->child) return;
  h_putf(h, "<h4>%s</h4>\n<table class=\"entries\"><thead><tr><th scope=\"col\">Entry</th>"
            "<th scope=\"col\">Rule</th><th scope=\"col\">Resource</th>", title);
  for (size_t k = 0; k < nk; k++) h_putf(h, "<th scope=\"col\">%s</th>", labels[k]);
  h_put(h, "<th scope=\"col\">Findings</th><th scope=\"col\">Why</th></tr></thead><tbody>\n");
  const cJSON *e;
  cJSON_ArrayForEach(e, list) {
    h_put(h, "<tr><th scope=\"row\"><code>");
    h_esc(h, ca_rstr(e, "entry", NULL), "?");
    h_put(h, "</code></th><td>");
    h_esc(h, ca_rstr(e, "rule", NULL), "\u2014");
    h_put(h, "</td><td><code>");
    h_esc(h, ca_rstr(e, "resource", NULL), "\u2014");
    h_put(h, "</code></td>");
    for (size_t k = 0; k < nk; k++) {
      h_put(h, "<td>");
      h_esc(h, ca_rstr(e, keys[k], NULL), "\u2014");
      h_put(h, "</td>");
    }
    h_put(h, "<td>");
    const cJSON *m, *ms = cJSON_GetObjectItemCaseSensitive(e, "findings");
    int any = 0;
    cJSON_ArrayForEach(m, (cJSON_IsArray(ms) ? ms : NULL)) {
      long i = ca_rnum(m, "index");
      if (i < 0 || (size_t)i >= h->nf) continue;   /* an index from data: only a link if it is one of ours */
      h_link(h, (size_t)i);
      any = 1;
    }
    if (!any) h_put(h, "none");
    h_put(h, "</td><td>");
    h_esc(h, ca_rstr(e, "why", NULL), "\u2014");
    h_put(h, "</td></tr>\n");
  }
  h_put(h, "</tbody></table>\n");
}

static const char *const waiver_keys[] = {"reason", "approved_by", "expires"};
static const char *const waiver_labels[] = {"Reason", "Approved by", "Expires"};

static void waived_findings(html *h, size_t waived) {
  if (!waived) {
    h_put(h, "<p>No finding is waived.</p>\n");
    return;
  }
  h_put(h, "<table class=\"waivers\"><thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Resource</th>");
  for (int j = 0; j < 3; j++) h_putf(h, "<th scope=\"col\">%s</th>", waiver_labels[j]);
  h_put(h, "</tr></thead><tbody>\n");
  for (size_t k = 0; k < h->nf; k++) {
    size_t i = h->order[k];
    const cJSON *f = h->f[i], *w = ca_robj(f, "waiver");
    if (!w && strcmp(ca_rstr(f, "status", ""), "waived")) continue;
    h_put(h, "<tr>");
    item_cell(h, i);
    for (int j = 0; j < 3; j++) {
      h_put(h, "<td>");
      h_esc(h, ca_rstr(w, waiver_keys[j], NULL), "\u2014");
      h_put(h, "</td>");
    }
    h_put(h, "</tr>\n");
  }
  h_put(h, "</tbody></table>\n");
}

void h_checklist(html *h) {
  h_put(h, "<section class=\"major\" id=\"checklist\">\n<h2>Pre-go-live attestation checklist</h2>\n<p>What no "
           "API can show is a named item for a person to attest: each needs an answer, a name and a date. Blank "
           "rows are for signing on paper; attested items show the attestation on record.</p>\n"
           "<table class=\"sign\"><thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Resource</th>"
           "<th scope=\"col\">Attested by</th><th scope=\"col\">Date</th><th scope=\"col\">Answer</th>"
           "<th scope=\"col\">Note</th></tr></thead><tbody>\n");
  size_t items = 0, waived = 0;
  for (size_t k = 0; k < h->nf; k++) {
    size_t i = h->order[k];
    const cJSON *f = h->f[i], *a = ca_robj(f, "attestation");
    if (ca_robj(f, "waiver") || !strcmp(ca_rstr(f, "status", ""), "waived")) waived++;
    if (!a && strcmp(ca_rstr(f, "status", ""), "manual")) continue;
    items++;
    h_put(h, "<tr>");
    item_cell(h, i);
    if (!a) {
      h_put(h, "<td class=\"blank\"></td><td class=\"blank\"></td><td class=\"blank\"></td><td class=\"blank\"></td></tr>\n");
      continue;
    }
    static const char *const keys[] = {"by", "at", "answer", "note"};
    for (int j = 0; j < 4; j++) {
      h_put(h, "<td>");
      h_esc(h, ca_rstr(a, keys[j], NULL), "\u2014");
      h_put(h, "</td>");
    }
    h_put(h, "</tr>\n");
  }
  if (!items) h_put(h, "<tr><td colspan=\"6\">No findings in these results need attestation.</td></tr>\n");
  h_put(h, "</tbody></table>\n");
  const cJSON *att = ca_robj(h->results, "attestations");
  static const char *const att_keys[] = {"answer", "by", "at", "note"};
  static const char *const att_labels[] = {"Answer", "By", "At", "Note"};
  file_entries(h, cJSON_GetObjectItemCaseSensitive(att, "stale"), "Attestations that applied to nothing", att_keys,
               att_labels, 4);
  h_put(h, "<h3 id=\"waivers\">Waivers</h3>\n");
  waived_findings(h, waived);
  const cJSON *wv = ca_robj(h->results, "waivers");
  file_entries(h, cJSON_GetObjectItemCaseSensitive(wv, "expired"), "Expired waivers (their failures count again)",
               waiver_keys, waiver_labels, 3);
  file_entries(h, cJSON_GetObjectItemCaseSensitive(wv, "stale"), "Stale waivers (matched no failure)",
               waiver_keys, waiver_labels, 3);
  h_put(h, "</section>\n");
}

/* The integration points: resource types outside the Connect instance, in
 * the order the inventory lists them. */
static const struct {
  const char *type, *group;
} kinds[] = {
    {"lambda_function", "Lambda functions"},
    {"lex_bot", "Lex bots"}, {"lexv2_bot", "Lex bots"}, {"lexv2_bot_alias", "Lex bots"},
    {"s3_bucket", "S3 buckets"},
    {"kinesis_stream", "Streams (Kinesis, Firehose, Kinesis Video)"},
    {"firehose_delivery_stream", "Streams (Kinesis, Firehose, Kinesis Video)"},
    {"kinesis_video_stream", "Streams (Kinesis, Firehose, Kinesis Video)"},
    {"kms_key", "KMS keys"},
    {"logs_log_group", "Log groups"},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

/* kinds[] index, NKINDS for another AWS resource, -1 for the instance's own
 * resources (connect_*) and policy load errors. */
static int kind_of(const char *type) {
  for (size_t i = 0; i < NKINDS; i++)
    if (!strcmp(type, kinds[i].type)) return (int)i;
  if (!strncmp(type, "connect_", 8) || !strcmp(type, "policy")) return -1;
  return (int)NKINDS;
}

static const char *group_of(int kind) { return kind < (int)NKINDS ? kinds[kind].group : "Other resources"; }

typedef struct ires {
  int kind;
  const char *arn;
  size_t idx;
} ires;

static int cmp_ires(const void *a, const void *b) {
  const ires *x = a, *y = b;
  int gx = x->kind, gy = y->kind;   /* types of one group sort together, by group's first row */
  while (gx > 0 && gx < (int)NKINDS && !strcmp(kinds[gx - 1].group, kinds[gx].group)) gx--;
  while (gy > 0 && gy < (int)NKINDS && !strcmp(kinds[gy - 1].group, kinds[gy].group)) gy--;
  if (gx != gy) return gx < gy ? -1 : 1;
  int c = strcmp(x->arn, y->arn);
  if (c) return c;
  return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

void h_inventory(html *h) {
  ires *v = malloc((h->nf ? h->nf : 1) * sizeof *v);
  const char **regions = malloc((h->nf ? h->nf : 1) * sizeof *regions);
  if (!v || !regions) {
    free(v);
    free(regions);
    h->out.rc = -1;
    return;
  }
  size_t n = 0, nr = 0;
  for (size_t i = 0; i < h->nf; i++) {
    const cJSON *r = ca_robj(h->f[i], "resource");
    const char *type = ca_rstr(r, "type", ""), *region = ca_rstr(r, "region", "");
    if (!strcmp(type, "connect_instance") && *region) regions[nr++] = region;
    int kind = kind_of(type);
    if (kind >= 0) v[n++] = (ires){kind, ca_rstr(r, "arn", ""), i};
  }
  qsort(v, n, sizeof *v, cmp_ires);
  qsort(regions, nr, sizeof *regions, cmp_str);
  size_t distinct = 0;
  for (size_t i = 0; i < nr; i++)
    if (!i || strcmp(regions[i], regions[distinct - 1])) regions[distinct++] = regions[i];
  nr = distinct;
  h_put(h, "<section class=\"major\" id=\"inventory\">\n<h2>Integration points</h2>\n<p>Where the contact "
           "center's data goes and what it calls: the resources outside the Amazon Connect instance that the "
           "findings name. Instance region");
  h_put(h, nr > 1 ? "s: " : ": ");
  for (size_t i = 0; i < nr; i++) {
    h_put(h, i ? ", " : "");
    h_esc(h, regions[i], "");
  }
  if (!nr) h_put(h, "unknown (no instance among the findings)");
  h_put(h, ". A resource in another region is flagged: data crossing regions may cross a residency "
           "boundary.</p>\n");
  if (!n) h_put(h, "<p>No integration points among the findings.</p>\n");
  const char *group = NULL;
  for (size_t k = 0; k < n;) {
    size_t end = k + 1;
    while (end < n && !strcmp(v[end].arn, v[k].arn) && !strcmp(group_of(v[end].kind), group_of(v[k].kind))) end++;
    if (!group || strcmp(group, group_of(v[k].kind))) {
      if (group) h_put(h, "</tbody></table>\n");
      group = group_of(v[k].kind);
      h_putf(h, "<h3>%s</h3>\n<table class=\"inventory\"><thead><tr><th scope=\"col\">Name</th>"
                "<th scope=\"col\">Type</th><th scope=\"col\">Region</th><th scope=\"col\">ARN</th>"
                "<th scope=\"col\">Findings</th></tr></thead><tbody>\n", group);
    }
    const cJSON *r = ca_robj(h->f[v[k].idx], "resource");
    const char *region = ca_rstr(r, "region", "");
    h_put(h, "<tr><th scope=\"row\">");
    h_esc(h, ca_rstr(r, "name", NULL), "(unnamed)");
    h_put(h, "</th><td>");
    h_esc(h, ca_rstr(r, "type", NULL), "");
    h_put(h, "</td><td>");
    h_esc(h, region, "unknown");
    if (*region && nr && !bsearch(&region, regions, nr, sizeof *regions, cmp_str))
      h_put(h, " <strong class=\"flag\">\u26A0 outside the instance's region</strong>");
    h_put(h, "</td><td><code>");
    h_esc(h, v[k].arn, "(no ARN)");
    h_put(h, "</code></td><td>");
    for (size_t j = k; j < end; j++) h_link(h, v[j].idx);
    h_put(h, "</td></tr>\n");
    k = end;
  }
  if (group) h_put(h, "</tbody></table>\n");
  h_put(h, "</section>\n");
  free(v);
  free(regions);
}
