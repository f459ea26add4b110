/* html_util.c -- the helpers report/html.c and html_findings.c share
 * (html_util.h): markup, escaping, status badges and symbols, links to
 * findings. */
#include "report/html_util.h"

#include <stdlib.h>
#include <string.h>

#include "report/text.h"

void h_put(html *h, const char *markup) { ca_out_put(&h->out, markup); }

void h_esc(html *h, const char *s, const char *dflt) { ca_out_esc(&h->out, ca_html_esc, s, dflt); }

void h_json(html *h, const cJSON *v) {
  if (!h->out.rc && ca_json_esc(h->out.b, v, ca_html_esc)) h->out.rc = -1;
}

static const char *const status_symbols[] = {"\u2718", "\u26A0", "\u270E", "\u2298", "\u2714", "\u2013"};

const char *h_status_symbol(const char *status) {
  int i = ca_status_order(status);
  return i < 6 ? status_symbols[i] : "\u2022";
}

const char *h_status_class(const char *status) {
  int i = ca_status_order(status);
  return i < 6 ? ca_report_statuses[i] : "other";
}

void h_badge(html *h, const char *status) {
  int i = ca_status_order(status);
  h_putf(h, "<span class=\"badge st-%s\">%s ", h_status_class(status), h_status_symbol(status));
  if (i < 6) h_put(h, ca_report_statuses[i]);
  else h_esc(h, status, "(no status)");
  h_put(h, "</span>");
}

void h_link(html *h, size_t i) {
  const char *st = ca_rstr(h->f[i], "status", NULL);
  h_putf(h, "<a class=\"fl st-%s\" href=\"#f-%zu\">%s&#8239;%zu</a>", h_status_class(st), i + 1,
         h_status_symbol(st), i + 1);
}

const char *const h_group_ids[H_NGROUPS] = {"action", "manual", "waived", "pass", "skipped"};

int h_group(const char *status) {
  static const int by_order[] = {H_G_ACTION, H_G_ACTION, H_G_MANUAL, H_G_WAIVED, H_G_PASS, H_G_SKIPPED};
  int i = ca_status_order(status);
  return i < 6 ? by_order[i] : H_G_ACTION;   /* a status we do not know is shown first, never hidden */
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

size_t h_place(const char *const *v, size_t n, const char *s) {
  if (!s || !n) return 0;
  const char *const *p = bsearch(&s, v, n, sizeof *v, cmp_str);
  return p ? (size_t)(p - v) + 1 : 0;
}
