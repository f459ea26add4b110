/*
 * md.c -- report.md: the summary for a pull request or a wiki page
 * (CommonMark with GitHub's tables and task lists).  Every string from
 * results goes through ca_md_esc, so a hostile name renders as its text:
 * no link, image, HTML, emphasis or broken table can come out of it.
 */
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "report/text.h"
#include "results/merge.h"

typedef ca_out md;

static void esc(md *m, const char *s, const char *dflt) { ca_out_esc(m, ca_md_esc, s, dflt); }

static void head(md *m, const cJSON *results) {
  const cJSON *sn = ca_robj(results, "snapshot"), *tool = ca_robj(results, "tool");
  ca_out_put(m, "# Amazon Connect compliance report \u2014 account ");
  esc(m, ca_rstr(sn, "account_id", NULL), "unknown");
  ca_out_put(m, "\n\nSnapshot collected ");
  esc(m, ca_rstr(sn, "collected_at", NULL), "(unknown)");
  ca_out_put(m, " (SHA-256 ");
  esc(m, ca_rstr(sn, "sha256", NULL), "unknown");
  ca_out_put(m, "), regions ");
  const cJSON *r, *regions = cJSON_GetObjectItemCaseSensitive(sn, "regions");
  int k = 0;
  cJSON_ArrayForEach(r, (cJSON_IsArray(regions) ? regions : NULL)) {
    if (!cJSON_IsString(r)) continue;
    ca_out_put(m, k++ ? ", " : "");
    esc(m, r->valuestring, "");
  }
  if (!k) ca_out_put(m, "(none recorded)");
  ca_out_put(m, "; audited by ");
  esc(m, ca_rstr(tool, "name", NULL), "connect-auditor");
  ca_out_put(m, " ");
  esc(m, ca_rstr(tool, "version", NULL), "(version unknown)");
  ca_out_put(m, " at ");
  esc(m, ca_rstr(results, "generated_at", NULL), "(unknown)");
  ca_out_put(m, " with packs ");
  const cJSON *p, *packs = cJSON_GetObjectItemCaseSensitive(results, "packs");
  k = 0;
  cJSON_ArrayForEach(p, (cJSON_IsArray(packs) ? packs : NULL)) {
    ca_out_put(m, k++ ? ", " : "");
    esc(m, ca_rstr(p, "name", NULL), "(unnamed)");
    ca_out_put(m, " ");
    esc(m, ca_rstr(p, "version", NULL), "");
  }
  if (!k) ca_out_put(m, "(none)");
  ca_out_put(m, ".\n");
  long errors = ca_rnum(sn, "errors");
  if (errors > 0)
    ca_out_putf(m, "\n**%ld API call%s failed during collection**: findings that needed their data are `error`, never pass.\n",
         errors, errors == 1 ? "" : "s");
}

/* An estate (merge): what was merged, per account and per input, and what
 * the scans could not reach, before the totals. */
static void estate_head(md *m, const cJSON *e) {
  const cJSON *est = ca_robj(e, "estate"), *tool = ca_robj(e, "tool"), *x;
  ca_out_putf(m, "# Amazon Connect compliance report \u2014 estate of %ld account%s, %ld instance%s\n\n",
              ca_rcount(est, "accounts"), ca_rcount(est, "accounts") == 1 ? "" : "s", ca_rcount(est, "instances"),
              ca_rcount(est, "instances") == 1 ? "" : "s");
  ca_out_putf(m, "Merged from %ld results document%s by ", ca_rcount(est, "inputs"), ca_rcount(est, "inputs") == 1 ? "" : "s");
  esc(m, ca_rstr(tool, "name", NULL), "connect-auditor");
  ca_out_put(m, " ");
  esc(m, ca_rstr(tool, "version", NULL), "(version unknown)");
  ca_out_put(m, "; the latest audit was generated at ");
  esc(m, ca_rstr(e, "generated_at", NULL), "(unknown)");
  ca_out_put(m, ". Packs: ");
  int k = 0;
  cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(e, "packs")) {
    ca_out_put(m, k++ ? ", " : "");
    esc(m, ca_rstr(x, "name", NULL), "(unnamed)");
    ca_out_put(m, " ");
    esc(m, ca_rstr(x, "version", NULL), "");
    ca_out_putf(m, " (%ld input%s)", ca_rcount(x, "inputs"), ca_rcount(x, "inputs") == 1 ? "" : "s");
  }
  if (!k) ca_out_put(m, "(none)");
  ca_out_put(m, ".\n");
  const cJSON *tv = cJSON_GetObjectItemCaseSensitive(est, "tool_versions");
  if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(est, "mixed_packs")) || cJSON_GetArraySize(tv) > 1)
    ca_out_put(m, "\n**The inputs were audited by different tool versions or pack contents**: the totals add up "
                  "different rules (see the inputs below).\n");
  const cJSON *un = cJSON_GetObjectItemCaseSensitive(e, "unreached");
  if (cJSON_GetArraySize(un) > 0) {
    ca_out_putf(m, "\n## Not audited: %d unit%s the scans could not reach\n\n| account | region | instance | why |\n"
                   "|---|---|---|---|\n", cJSON_GetArraySize(un), cJSON_GetArraySize(un) == 1 ? "" : "s");
    cJSON_ArrayForEach(x, un) {
      ca_out_put(m, "| ");
      esc(m, ca_rstr(x, "account_id", NULL), "?");
      ca_out_put(m, " | ");
      esc(m, ca_rstr(x, "region", NULL), "(all)");
      ca_out_put(m, " | ");
      esc(m, ca_rstr(x, "instance", NULL), "(all)");
      ca_out_put(m, " | ");
      esc(m, ca_rstr(x, "error", NULL), "");
      ca_out_put(m, " |\n");
    }
  }
  const cJSON *fw, *names = ca_robj(ca_robj(e, "summary"), "frameworks");   /* the estate's frameworks: the columns */
  ca_out_put(m, "\n## Accounts\n\n| account | instances | findings | fail | error | manual | unreached |");
  cJSON_ArrayForEach(fw, names) {
    ca_out_put(m, " ");
    esc(m, fw->string, "?");
    ca_out_put(m, " failing |");
  }
  ca_out_put(m, "\n|---|---:|---:|---:|---:|---:|---:|");
  cJSON_ArrayForEach(fw, names) ca_out_put(m, "---:|");
  ca_out_put(m, "\n");
  cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(e, "accounts")) {
    const cJSON *s = ca_robj(x, "summary"), *by = ca_robj(s, "by_status"), *fws = ca_robj(s, "frameworks");
    ca_out_put(m, "| ");
    esc(m, ca_rstr(x, "account_id", NULL), "?");
    ca_out_putf(m, " | %ld | %ld | %ld | %ld | %ld | %ld |", ca_rcount(x, "instances"), ca_rcount(s, "findings"),
                ca_rcount(by, "fail"), ca_rcount(by, "error"), ca_rcount(by, "manual"), ca_rcount(x, "unreached"));
    cJSON_ArrayForEach(fw, names) {
      if (s) ca_out_putf(m, " %ld |", ca_rcount(ca_robj(ca_robj(fws, fw->string), "counts"), "failing"));
      else ca_out_put(m, " \u2014 |");
    }
    ca_out_put(m, "\n");
  }
  ca_out_put(m, "\n## Inputs\n\nEach is a results.json that `connect-auditor verify` checks on its own.\n\n"
                "| instance | collected | generated | tool | findings | fail | error | results.json SHA-256 |\n"
                "|---|---|---|---|---:|---:|---:|---|\n");
  cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(e, "inputs")) {
    const cJSON *s = ca_robj(x, "summary"), *by = ca_robj(s, "by_status");
    ca_out_put(m, "| ");
    esc(m, ca_rstr(x, "id", NULL), "?");
    ca_out_put(m, " | ");
    esc(m, ca_rstr(ca_robj(x, "snapshot"), "collected_at", NULL), "?");
    ca_out_put(m, " | ");
    esc(m, ca_rstr(x, "generated_at", NULL), "?");
    ca_out_put(m, " | ");
    esc(m, ca_rstr(x, "tool_version", NULL), "?");
    ca_out_putf(m, " | %ld | %ld | %ld | ", ca_rcount(s, "findings"), ca_rcount(by, "fail"), ca_rcount(by, "error"));
    esc(m, ca_rstr(x, "sha256", NULL), "?");
    ca_out_put(m, " |\n");
  }
  const cJSON *sup = cJSON_GetObjectItemCaseSensitive(e, "superseded");
  k = 0;
  cJSON_ArrayForEach(x, sup) {
    if (!k++) ca_out_put(m, "\nLeft out as older (`--latest`):\n\n");
    ca_out_put(m, "- ");
    esc(m, ca_rstr(x, "id", NULL), "?");
    ca_out_put(m, " collected ");
    esc(m, ca_rstr(x, "collected_at", NULL), "?");
    ca_out_put(m, " (SHA-256 ");
    esc(m, ca_rstr(x, "sha256", NULL), "?");
    ca_out_put(m, ")\n");
  }
}

static void summary(md *m, const cJSON *s) {
  const cJSON *by = ca_robj(s, "by_status"), *bysev = ca_robj(s, "by_severity");
  ca_out_put(m, "\n## Summary\n\n| status | findings |\n|---|---:|\n");
  for (int i = 0; ca_report_statuses[i]; i++) ca_out_putf(m, "| %s | %ld |\n", ca_report_statuses[i], ca_rcount(by, ca_report_statuses[i]));
  ca_out_putf(m, "| **total** | **%ld** |\n\n| severity |", ca_rcount(s, "findings"));
  for (int i = 0; ca_report_statuses[i]; i++) ca_out_putf(m, " %s |", ca_report_statuses[i]);
  ca_out_put(m, "\n|---|");
  for (int i = 0; ca_report_statuses[i]; i++) ca_out_put(m, "---:|");
  ca_out_put(m, "\n");
  for (int v = 0; v < CA_NSEVERITIES; v++) {
    const cJSON *c = ca_robj(bysev, ca_severities[v]);
    ca_out_putf(m, "| %s |", ca_severities[v]);
    for (int i = 0; ca_report_statuses[i]; i++) ca_out_putf(m, " %ld |", ca_rcount(c, ca_report_statuses[i]));
    ca_out_put(m, "\n");
  }
}

/* One row per framework: control counts, then the controls that fail or are
 * undecided, named; then, for results that carry the catalogues, every
 * control of each framework with its requirement, status and findings
 * (a control no finding decided is "not assessed": the assessor's gaps). */
static void matrix(md *m, const cJSON *s) {
  const cJSON *fw, *fws = ca_robj(s, "frameworks");
  /* results.json from before the catalogues counts no "not_assessed": its columns as then */
  int ncs = CA_NCONTROL_STATUSES - 1;
  cJSON_ArrayForEach(fw, fws)
    if (cJSON_GetObjectItemCaseSensitive(ca_robj(fw, "counts"), "not_assessed")) ncs = CA_NCONTROL_STATUSES;
  ca_out_putf(m, "\n## Controls\n\n| framework | failing | unknown | waived | manual | attested | passing | n/a | "
              "%sfailing or unknown controls |\n|---|---:|---:|---:|---:|---:|---:|---:|%s---|\n",
              ncs == CA_NCONTROL_STATUSES ? "not assessed | " : "", ncs == CA_NCONTROL_STATUSES ? "---:|" : "");
  int any = 0, titled = 0;
  cJSON_ArrayForEach(fw, fws) {
    const cJSON *counts = ca_robj(fw, "counts"), *c, *list = cJSON_GetObjectItemCaseSensitive(fw, "controls");
    any = 1;
    ca_out_put(m, "| ");
    esc(m, fw->string, "(unnamed)");
    ca_out_put(m, " |");
    for (int i = 0; i < ncs; i++) ca_out_putf(m, " %ld |", ca_rcount(counts, ca_control_statuses[i]));
    ca_out_put(m, " ");
    int k = 0;
    cJSON_ArrayForEach(c, (cJSON_IsArray(list) ? list : NULL)) {
      const char *st = ca_rstr(c, "status", "");
      titled |= ca_rstr(c, "title", NULL) != NULL;
      if (strcmp(st, "failing") && strcmp(st, "unknown")) continue;
      ca_out_put(m, k++ ? ", " : "");
      esc(m, ca_rstr(c, "id", NULL), "(no id)");
      if (!strcmp(st, "unknown")) ca_out_put(m, " (unknown)");
    }
    ca_out_put(m, k ? " |\n" : "\u2014 |\n");
  }
  if (!any) ca_out_put(m, "| (no frameworks) | | | | | | | | |\n");
  if (!titled) return;   /* results.json from before the catalogues: the controls are in the row above */
  cJSON_ArrayForEach(fw, fws) {
    const cJSON *c, *list = cJSON_GetObjectItemCaseSensitive(fw, "controls");
    ca_out_put(m, "\n### ");
    esc(m, fw->string, "(unnamed)");
    ca_out_putf(m, ": %d control%s\n\n| control | requirement | status |", cJSON_GetArraySize(list),
                cJSON_GetArraySize(list) == 1 ? "" : "s");
    for (int i = 0; ca_report_statuses[i]; i++) ca_out_putf(m, " %s |", ca_report_statuses[i]);
    ca_out_put(m, "\n|---|---|---|");
    for (int i = 0; ca_report_statuses[i]; i++) ca_out_put(m, "---:|");
    ca_out_put(m, "\n");
    cJSON_ArrayForEach(c, (cJSON_IsArray(list) ? list : NULL)) {
      const cJSON *fc = ca_robj(c, "findings");
      const char *st = ca_rstr(c, "status", NULL);
      ca_out_put(m, "| ");
      esc(m, ca_rstr(c, "id", NULL), "(no id)");
      ca_out_put(m, " | ");
      esc(m, ca_rstr(c, "title", NULL), "\u2014");
      ca_out_put(m, " | ");
      if (st && !strcmp(st, "not_assessed")) ca_out_put(m, "not assessed");
      else if (st && !strcmp(st, "not_applicable")) ca_out_put(m, "n/a");
      else esc(m, st, "(no status)");
      ca_out_put(m, " |");
      for (int i = 0; ca_report_statuses[i]; i++) ca_out_putf(m, " %ld |", ca_rcount(fc, ca_report_statuses[i]));
      ca_out_put(m, "\n");
    }
  }
}

static void failing(md *m, const cJSON *const *f, const size_t *order, size_t n) {
  ca_out_put(m, "\n## Failing and undecided findings\n\n");
  size_t k = 0;
  for (size_t j = 0; j < n; j++) {
    const char *st = ca_rstr(f[order[j]], "status", "");
    if (strcmp(st, "fail") && strcmp(st, "error")) continue;
    if (!k++)
      ca_out_put(m, "| # | severity | status | rule | resource | message | remediation |\n|---:|---|---|---|---|---|---|\n");
    const cJSON *x = f[order[j]], *r = ca_robj(x, "resource");
    ca_out_putf(m, "| %zu | ", order[j] + 1);
    esc(m, ca_rstr(x, "severity", NULL), "?");
    ca_out_putf(m, " | %s | **", st);   /* st is "fail" or "error": a constant */
    esc(m, ca_rstr(x, "rule_id", NULL), "?");
    ca_out_put(m, "** ");
    esc(m, ca_rstr(x, "title", NULL), "");
    ca_out_put(m, " | ");
    esc(m, ca_rstr(r, "name", NULL), "(unnamed)");
    ca_out_put(m, " (");
    esc(m, ca_rstr(r, "arn", NULL), "no ARN");
    ca_out_put(m, ") | ");
    esc(m, ca_rstr(x, "message", NULL), "");
    ca_out_put(m, " | ");
    esc(m, ca_rstr(x, "remediation", NULL), "");
    ca_out_put(m, " |\n");
  }
  if (!k) ca_out_put(m, "None.\n");
}

static void item(md *m, const cJSON *x, size_t idx) {
  ca_out_putf(m, "#%zu **", idx + 1);
  esc(m, ca_rstr(x, "rule_id", NULL), "?");
  ca_out_put(m, "** ");
  esc(m, ca_rstr(x, "title", NULL), "");
  ca_out_put(m, " \u2014 ");
  esc(m, ca_rstr(ca_robj(x, "resource"), "name", NULL), "(unnamed)");
  ca_out_put(m, ": ");
  esc(m, ca_rstr(x, "message", NULL), "");
}

static void checklist(md *m, const cJSON *const *f, const size_t *order, size_t n) {
  ca_out_put(m, "\n## Attestation checklist\n\n");
  size_t k = 0;
  for (size_t j = 0; j < n; j++) {
    const cJSON *x = f[order[j]], *a = ca_robj(x, "attestation");
    if (!a && strcmp(ca_rstr(x, "status", ""), "manual")) continue;
    k++;
    ca_out_put(m, a ? "- [x] " : "- [ ] ");
    item(m, x, order[j]);
    if (a) {
      ca_out_put(m, " \u2014 attested ");
      esc(m, ca_rstr(a, "answer", NULL), "(no answer)");
      ca_out_put(m, " by ");
      esc(m, ca_rstr(a, "by", NULL), "(nobody named)");
      ca_out_put(m, " at ");
      esc(m, ca_rstr(a, "at", NULL), "(no date)");
    }
    ca_out_put(m, "\n");
  }
  if (!k) ca_out_put(m, "No findings need attestation.\n");
  k = 0;
  for (size_t j = 0; j < n; j++) {
    const cJSON *x = f[order[j]], *w = ca_robj(x, "waiver");
    if (!w && strcmp(ca_rstr(x, "status", ""), "waived")) continue;
    if (!k++) ca_out_put(m, "\n## Waived\n\n");
    ca_out_put(m, "- ");
    item(m, x, order[j]);
    ca_out_put(m, " \u2014 waived: ");
    esc(m, ca_rstr(w, "reason", NULL), "(no reason)");
    ca_out_put(m, "; approved by ");
    esc(m, ca_rstr(w, "approved_by", NULL), "(nobody named)");
    ca_out_put(m, ", expires ");
    esc(m, ca_rstr(w, "expires", NULL), "(no date)");
    ca_out_put(m, "\n");
  }
}

/* Waiver and attestation file entries that did not apply. */
static void entries(md *m, const cJSON *list, const char *title, const char *key, const char *what) {
  const cJSON *e;
  int k = 0;
  cJSON_ArrayForEach(e, (cJSON_IsArray(list) ? list : NULL)) {
    if (!k++) ca_out_putf(m, "\n## %s\n\n", title);
    ca_out_put(m, "- ");
    esc(m, ca_rstr(e, "entry", NULL), "?");
    ca_out_put(m, " **");
    esc(m, ca_rstr(e, "rule", NULL), "?");
    ca_out_put(m, "** on ");
    esc(m, ca_rstr(e, "resource", NULL), "?");
    ca_out_putf(m, ": %s ", what);
    esc(m, ca_rstr(e, key, NULL), "?");
    const char *why = ca_rstr(e, "why", NULL);
    if (why) {
      ca_out_put(m, "; ");
      esc(m, why, "");
    }
    ca_out_put(m, "\n");
  }
}

int ca_render_md(const cJSON *results, ca_buf *out, ca_err *err) {
  md m = {.b = out};
  const cJSON *findings = cJSON_GetObjectItemCaseSensitive(results, "findings");
  int count = cJSON_IsArray(findings) ? cJSON_GetArraySize(findings) : 0;
  const cJSON **f = malloc((size_t)(count > 0 ? count : 1) * sizeof *f);
  size_t *order = NULL, n = 0;
  if (!f || ca_findings_order(findings, &order, &n)) {
    free(f);
    return ca_errf(err, CA_EXIT_RUN, "out of memory rendering the Markdown report");
  }
  size_t i = 0;
  const cJSON *x;
  cJSON_ArrayForEach(x, (n ? findings : NULL)) f[i++] = x;
  if (ca_is_estate(results)) estate_head(&m, results);
  else head(&m, results);
  summary(&m, ca_robj(results, "summary"));
  matrix(&m, ca_robj(results, "summary"));
  failing(&m, f, order, n);
  checklist(&m, f, order, n);
  const cJSON *wv = ca_robj(results, "waivers"), *at = ca_robj(results, "attestations");
  entries(&m, cJSON_GetObjectItemCaseSensitive(wv, "expired"), "Expired waivers", "expires", "expired");
  entries(&m, cJSON_GetObjectItemCaseSensitive(wv, "stale"), "Stale waivers", "expires", "expires");
  entries(&m, cJSON_GetObjectItemCaseSensitive(at, "stale"), "Stale attestations", "answer", "answered");
  free(f);
  free(order);
  return m.rc;
}
