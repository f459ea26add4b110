#include "results/diff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "results/results.h"

static const char *const cat_names[CA_DIFF_NCATS] = {
  "new_failures", "resolved", "still_failing", "status_changed", "changed_evidence", "disappeared", "appeared",
  "unchanged"};
static const char *const cat_titles[CA_DIFF_NCATS] = {
  "New failures", "Resolved", "Still failing", "Status changed", "Changed evidence", "Disappeared", "Appeared",
  "Unchanged"};

const char *ca_diff_cat_name(ca_diff_cat c) { return c < CA_DIFF_NCATS ? cat_names[c] : "?"; }

int ca_diff_failing(const char *s) { return s && (!strcmp(s, "fail") || !strcmp(s, "error")); }

ca_diff_cat ca_diff_categorize(const char *o, const char *n, int evidence_changed) {
  if (!n) return o ? CA_DIFF_DISAPPEARED : CA_DIFF_UNCHANGED;
  if (ca_diff_failing(n) && !ca_diff_failing(o)) return CA_DIFF_NEW_FAILURE;
  if (!o) return CA_DIFF_APPEARED;
  if (ca_diff_failing(o) && !strcmp(n, "pass")) return CA_DIFF_RESOLVED;
  if (ca_diff_failing(o) && ca_diff_failing(n)) return CA_DIFF_STILL_FAILING;
  if (strcmp(o, n)) return CA_DIFF_STATUS_CHANGED;
  return evidence_changed ? CA_DIFF_CHANGED_EVIDENCE : CA_DIFF_UNCHANGED;
}

static const char *jstr(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

const char *ca_diff_subject(const cJSON *finding) {
  const cJSON *ev = cJSON_GetObjectItemCaseSensitive(finding, "evidence");
  const char *p = cJSON_IsArray(ev) ? jstr(ev->child, "path") : NULL;
  return p ? p : "";
}

/* ---- matching -------------------------------------------------------------- */

typedef struct ent {
  const cJSON *f;
  const char *rule, *arn, *subj;
  long idx;              /* position in findings[]: the tie-break, so equal keys pair in order */
  long other;            /* index of the paired entry on the other side, -1 if none */
  int by_order;          /* paired by position within (rule, arn), not by subject */
} ent;

static int cmp_rule_arn(const ent *x, const ent *y) {
  int c = strcmp(x->rule, y->rule);
  return c ? c : strcmp(x->arn, y->arn);
}
static int cmp_key(const ent *x, const ent *y) {
  int c = cmp_rule_arn(x, y);
  return c ? c : strcmp(x->subj, y->subj);
}
static int cmp_key_idx(const void *a, const void *b) {
  const ent *x = a, *y = b;
  int c = cmp_key(x, y);
  return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}
static int cmp_ptr_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

static ent *entries(const cJSON *doc, size_t *n) {
  const cJSON *fs = cJSON_GetObjectItemCaseSensitive(doc, "findings");
  *n = (size_t)cJSON_GetArraySize(fs);
  ent *v = calloc(*n ? *n : 1, sizeof *v);
  if (!v) return NULL;
  long i = 0;
  for (const cJSON *f = fs->child; f; f = f->next, i++)
    v[i] = (ent){f, jstr(f, "rule_id"), jstr(cJSON_GetObjectItemCaseSensitive(f, "resource"), "arn"),
                 ca_diff_subject(f), i, -1, 0};
  qsort(v, *n, sizeof *v, cmp_key_idx);
  return v;
}

/* Pass 1: equal (rule, arn, subject), k-th with k-th.  Pass 2: what is left
 * of one (rule, arn) on both sides pairs in findings[] order -- so a finding
 * whose first evidence path moved (an attribute list AWS reordered, a rule
 * that points elsewhere when it fails) is still the same finding. */
static int match(ent *a, size_t na, ent *b, size_t nb) {
  for (size_t i = 0, j = 0; i < na && j < nb;) {
    int c = cmp_key(&a[i], &b[j]);
    if (c < 0) i++;
    else if (c > 0) j++;
    else { a[i].other = (long)j; b[j].other = (long)i; i++; j++; }
  }
  size_t *la = malloc((na ? na : 1) * sizeof *la), *lb = malloc((nb ? nb : 1) * sizeof *lb);
  if (!la || !lb) { free(la); free(lb); return -1; }
  size_t ua = 0, ub = 0;
  for (size_t i = 0; i < na; i++) if (a[i].other < 0) la[ua++] = i;
  for (size_t j = 0; j < nb; j++) if (b[j].other < 0) lb[ub++] = j;
  /* a and b are sorted by (rule, arn, subject, idx): the leftovers of one
   * (rule, arn) are contiguous; within it pair them by idx order. */
  for (size_t i = 0, j = 0; i < ua && j < ub;) {
    int c = cmp_rule_arn(&a[la[i]], &b[lb[j]]);
    if (c < 0) { i++; continue; }
    if (c > 0) { j++; continue; }
    size_t ie = i, je = j;
    while (ie < ua && !cmp_rule_arn(&a[la[ie]], &a[la[i]])) ie++;
    while (je < ub && !cmp_rule_arn(&b[lb[je]], &b[lb[j]])) je++;
    /* within the group, order by idx (insertion sort: groups are a handful) */
    for (size_t *l = la, s = i, e = ie; l; l = (l == la ? lb : NULL), s = j, e = je) {
      const ent *base = l == la ? a : b;
      for (size_t x = s + 1; x < e; x++)
        for (size_t y = x; y > s && base[l[y - 1]].idx > base[l[y]].idx; y--) {
          size_t t = l[y]; l[y] = l[y - 1]; l[y - 1] = t;
        }
    }
    for (size_t x = i, y = j; x < ie && y < je; x++, y++) {
      a[la[x]].other = (long)lb[y];
      b[lb[y]].other = (long)la[x];
      a[la[x]].by_order = b[lb[y]].by_order = 1;
    }
    i = ie;
    j = je;
  }
  free(la);
  free(lb);
  return 0;
}

/* Observed values (and the "absent" mark) item by item; paths and expected
 * values are the rule's wording, not the customer's configuration. */
static int evidence_changed(const cJSON *fo, const cJSON *fn) {
  const cJSON *eo = cJSON_GetObjectItemCaseSensitive(fo, "evidence"), *en = cJSON_GetObjectItemCaseSensitive(fn, "evidence");
  if (cJSON_GetArraySize(eo) != cJSON_GetArraySize(en)) return 1;
  for (const cJSON *x = eo ? eo->child : NULL, *y = en ? en->child : NULL; x && y; x = x->next, y = y->next) {
    const cJSON *ox = cJSON_GetObjectItemCaseSensitive(x, "observed"), *oy = cJSON_GetObjectItemCaseSensitive(y, "observed");
    if (!ox != !oy || (ox && !cJSON_Compare(ox, oy, 1))) return 1;
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(x, "absent")) != cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(y, "absent")))
      return 1;
  }
  return 0;
}

typedef struct row {
  ca_diff_cat cat;
  int sev;
  const ent *o, *n;
  int ev_changed;
} row;

static const cJSON *row_f(const row *r) { return r->n ? r->n->f : r->o->f; }
static const ent *row_e(const row *r) { return r->n ? r->n : r->o; }

static int cmp_row(const void *a, const void *b) {
  const row *x = a, *y = b;
  if (x->cat != y->cat) return x->cat < y->cat ? -1 : 1;
  if (x->sev != y->sev) return x->sev < y->sev ? -1 : 1;
  int c = cmp_key(row_e(x), row_e(y));
  if (c) return c;
  long xi = x->o ? x->o->idx : -1, yi = y->o ? y->o->idx : -1;
  if (xi != yi) return xi < yi ? -1 : 1;
  xi = x->n ? x->n->idx : -1, yi = y->n ? y->n->idx : -1;
  return (xi > yi) - (xi < yi);
}

static cJSON *side(const cJSON *f) {
  if (!f) return cJSON_CreateNull();
  cJSON *s = cJSON_CreateObject();
  cJSON_AddStringToObject(s, "status", jstr(f, "status"));
  cJSON_AddStringToObject(s, "message", jstr(f, "message") ? jstr(f, "message") : "");
  const cJSON *ev = cJSON_GetObjectItemCaseSensitive(f, "evidence");
  cJSON_AddItemToObject(s, "evidence", ev ? cJSON_Duplicate(ev, 1) : cJSON_CreateArray());
  return s;
}

static cJSON *row_json(const row *r, const ent *newv, size_t nn, const char *const *arns) {
  const cJSON *f = row_f(r);
  cJSON *e = cJSON_CreateObject();
  cJSON_AddStringToObject(e, "rule_id", jstr(f, "rule_id"));
  cJSON_AddStringToObject(e, "title", jstr(f, "title") ? jstr(f, "title") : "");
  cJSON_AddStringToObject(e, "severity", jstr(f, "severity"));
  cJSON_AddItemToObject(e, "resource", cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(f, "resource"), 1));
  cJSON_AddStringToObject(e, "subject", row_e(r)->subj);
  cJSON_AddItemToObject(e, "old", side(r->o ? r->o->f : NULL));
  cJSON_AddItemToObject(e, "new", side(r->n ? r->n->f : NULL));
  cJSON_AddBoolToObject(e, "evidence_changed", r->ev_changed);
  if (r->o && r->n) cJSON_AddStringToObject(e, "matched_by", r->o->by_order ? "order" : "subject");
  if (r->cat == CA_DIFF_DISAPPEARED) {
    /* why it is gone: the rule no longer runs, the resource is no longer
     * there, or the rule no longer reports this finding on it */
    ent probe = {.rule = r->o->rule};
    int rule_left = 0;
    for (size_t lo = 0, hi = nn; lo < hi;) {
      size_t mid = (lo + hi) / 2;
      int c = strcmp(newv[mid].rule, probe.rule);
      if (!c) { rule_left = 1; break; }
      if (c < 0) lo = mid + 1; else hi = mid;
    }
    const char *k = r->o->arn;
    int arn_left = nn && bsearch(&k, arns, nn, sizeof *arns, cmp_ptr_str) != NULL;
    cJSON_AddStringToObject(e, "reason", !rule_left ? "rule not in NEW" : !arn_left ? "resource not in NEW"
                                                                        : "finding not in NEW");
  }
  return e;
}

static cJSON *header(const cJSON *doc, const char *label) {
  const cJSON *s = cJSON_GetObjectItemCaseSensitive(doc, "snapshot");
  cJSON *h = cJSON_CreateObject();
  cJSON_AddStringToObject(h, "file", label);
  cJSON_AddStringToObject(h, "account_id", jstr(s, "account_id"));
  cJSON_AddStringToObject(h, "snapshot_sha256", jstr(s, "sha256") ? jstr(s, "sha256") : "");
  cJSON_AddStringToObject(h, "collected_at", jstr(s, "collected_at") ? jstr(s, "collected_at") : "");
  cJSON_AddStringToObject(h, "generated_at", jstr(doc, "generated_at") ? jstr(doc, "generated_at") : "");
  cJSON_AddNumberToObject(h, "findings", cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "findings")));
  return h;
}

int ca_diff_results(const cJSON *od, const cJSON *nd, const ca_diff_opts *o, cJSON **out, long *gate, ca_err *err) {
  size_t na = 0, nn = 0, nrows = 0;
  ent *a = NULL, *b = NULL;
  row *rows = NULL;
  const char **arns = NULL;
  cJSON *doc = NULL;
  int rc = ca_errf(err, CA_EXIT_RUN, "out of memory comparing results");
  *out = NULL;
  *gate = 0;
  const char *oacc = jstr(cJSON_GetObjectItemCaseSensitive(od, "snapshot"), "account_id");
  const char *nacc = jstr(cJSON_GetObjectItemCaseSensitive(nd, "snapshot"), "account_id");
  if (strcmp(oacc, nacc) && !o->allow_account_change) {
    ca_err_clear(err);
    rc = ca_errf(err, CA_EXIT_USAGE,
                 "%s: /snapshot/account_id: %s, but %s is of account %s; results of two accounts share no "
                 "resource ARN (--allow-account-change compares them anyway; diff of two snapshots shows stage drift)",
                 o->new_label, nacc, o->old_label, oacc);
    goto done;
  }
  if (!(a = entries(od, &na)) || !(b = entries(nd, &nn)) || match(a, na, b, nn)) goto done;
  if (!(rows = calloc(na + nn + 1, sizeof *rows)) || !(arns = calloc(nn + 1, sizeof *arns))) goto done;
  for (size_t j = 0; j < nn; j++) arns[j] = b[j].arn;
  qsort(arns, nn, sizeof *arns, cmp_ptr_str);
  for (size_t i = 0; i < na; i++) {
    row r = {0};
    r.o = &a[i];
    r.n = a[i].other >= 0 ? &b[a[i].other] : NULL;
    r.ev_changed = r.n && evidence_changed(r.o->f, r.n->f);
    r.cat = ca_diff_categorize(jstr(r.o->f, "status"), r.n ? jstr(r.n->f, "status") : NULL, r.ev_changed);
    rows[nrows++] = r;
  }
  for (size_t j = 0; j < nn; j++)
    if (b[j].other < 0) rows[nrows++] = (row){ca_diff_categorize(NULL, jstr(b[j].f, "status"), 0), 0, NULL, &b[j], 0};
  for (size_t k = 0; k < nrows; k++) {
    int s = ca_severity_rank(jstr(row_f(&rows[k]), "severity"));
    rows[k].sev = s < 0 ? 99 : s;
  }
  qsort(rows, nrows, sizeof *rows, cmp_row);

  long counts[CA_DIFF_NCATS] = {0}, ev_still = 0, new_gate = 0;
  if (!(doc = cJSON_CreateObject())) goto done;
  cJSON_AddStringToObject(doc, "schema", CA_DIFF_SCHEMA);
  cJSON_AddStringToObject(doc, "mode", "results");
  cJSON_AddItemToObject(doc, "old", header(od, o->old_label));
  cJSON_AddItemToObject(doc, "new", header(nd, o->new_label));
  cJSON *summary = cJSON_AddObjectToObject(doc, "summary");
  cJSON *lists[CA_DIFF_NCATS] = {0};
  for (int c = 0; c < CA_DIFF_NCATS; c++) lists[c] = cJSON_CreateArray();
  for (size_t k = 0; k < nrows; k++) {
    const row *r = &rows[k];
    counts[r->cat]++;
    if (r->cat == CA_DIFF_STILL_FAILING && r->ev_changed) ev_still++;
    if (r->cat == CA_DIFF_NEW_FAILURE && o->fail_rank >= 0 && r->sev <= o->fail_rank) new_gate++;
    if (r->cat != CA_DIFF_UNCHANGED) cJSON_AddItemToArray(lists[r->cat], row_json(r, b, nn, arns));
  }
  for (int c = 0; c < CA_DIFF_NCATS; c++) cJSON_AddNumberToObject(summary, cat_names[c], (double)counts[c]);
  cJSON_AddNumberToObject(summary, "still_failing_with_changed_evidence", (double)ev_still);
  *gate = o->new_only ? new_gate : ca_results_count_at_or_above(nd, o->fail_rank);
  cJSON *g = cJSON_AddObjectToObject(doc, "gate");
  cJSON_AddStringToObject(g, "fail_on", o->fail_rank >= 0 ? ca_severities[o->fail_rank] : "none");
  cJSON_AddBoolToObject(g, "new_only", o->new_only);
  cJSON_AddNumberToObject(g, "count", (double)*gate);
  for (int c = 0; c < CA_DIFF_NCATS; c++) {
    if (c == CA_DIFF_UNCHANGED) cJSON_Delete(lists[c]);
    else cJSON_AddItemToObject(doc, cat_names[c], lists[c]);
  }
  *out = doc;
  doc = NULL;
  ca_err_clear(err);
  rc = 0;
done:
  cJSON_Delete(doc);
  free(a);
  free(b);
  free(rows);
  free(arns);
  return rc;
}

/* ---- text ------------------------------------------------------------------ */

int ca_diff_text_escape(ca_buf *b, const char *s) {
  const unsigned char *p = (const unsigned char *)(s ? s : "");
  int rc = 0;
  for (; *p && !rc; p++) {
    if (*p == '\n') rc = ca_buf_adds(b, "\\n");
    else if (*p == '\t') rc = ca_buf_adds(b, "\\t");
    else if (*p < 0x20 || *p == 0x7f) rc = ca_buf_printf(b, "\\x%02x", *p);
    else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) { rc = ca_buf_printf(b, "\\u%04x", p[1]); p++; } /* C1 */
    else rc = ca_buf_add(b, p, 1);
  }
  return rc;
}

/* A JSON value, compact, escaped, cut at CA_MAX_DIFF_SHOWN_BYTES on a UTF-8
 * character boundary. */
static int add_value(ca_buf *b, const cJSON *v) {
  if (!v) return ca_buf_adds(b, "(absent)");
  char *t = cJSON_PrintUnformatted(v);
  if (!t) return -1;
  size_t total = strlen(t), n = total;
  if (total > CA_MAX_DIFF_SHOWN_BYTES) {
    n = CA_MAX_DIFF_SHOWN_BYTES;
    while (n && ((unsigned char)t[n] & 0xc0) == 0x80) n--;
    t[n] = '\0';
  }
  int rc = ca_diff_text_escape(b, t) ||
           (n < total && ca_buf_printf(b, "... (%zu bytes more; --format json has all)", total - n));
  free(t);
  return rc;
}

static int text_results(const cJSON *doc, ca_buf *b) {
  const cJSON *s = cJSON_GetObjectItemCaseSensitive(doc, "summary");
#define N(k) (long)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(s, k))
  int rc = ca_buf_adds(b, "diff ") || ca_diff_text_escape(b, jstr(cJSON_GetObjectItem(doc, "old"), "file")) ||
           ca_buf_adds(b, " -> ") || ca_diff_text_escape(b, jstr(cJSON_GetObjectItem(doc, "new"), "file")) ||
           ca_buf_printf(b, ": %ld new failures, %ld resolved, %ld still failing (%ld with changed evidence), "
                            "%ld status changed, %ld changed evidence, %ld disappeared, %ld appeared, %ld unchanged\n",
                         N("new_failures"), N("resolved"), N("still_failing"), N("still_failing_with_changed_evidence"),
                         N("status_changed"), N("changed_evidence"), N("disappeared"), N("appeared"), N("unchanged"));
#undef N
  for (int c = 0; c < CA_DIFF_UNCHANGED && !rc; c++) {
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, cat_names[c]);
    if (!cJSON_GetArraySize(list)) continue;
    rc = ca_buf_printf(b, "\n%s (%d)\n", cat_titles[c], cJSON_GetArraySize(list));
    const cJSON *e;
    cJSON_ArrayForEach(e, list) {
      if (rc) break;
      const cJSON *os = cJSON_GetObjectItem(e, "old"), *ns = cJSON_GetObjectItem(e, "new");
      const cJSON *res = cJSON_GetObjectItem(e, "resource");
      const cJSON *shown = cJSON_IsNull(ns) ? os : ns;
      rc = ca_buf_printf(b, "  %-8s ", jstr(e, "severity")) || ca_diff_text_escape(b, jstr(e, "rule_id")) ||
           ca_buf_printf(b, "  %s -> %s  ", cJSON_IsNull(os) ? "(none)" : jstr(os, "status"),
                         cJSON_IsNull(ns) ? "(none)" : jstr(ns, "status")) ||
           ca_diff_text_escape(b, jstr(res, "name") ? jstr(res, "name") : jstr(res, "arn")) ||
           (jstr(e, "reason") && ca_buf_printf(b, "  (%s)", jstr(e, "reason"))) || ca_buf_adds(b, "\n      ") ||
           ca_diff_text_escape(b, jstr(res, "arn")) || ca_buf_adds(b, "\n      ") ||
           ca_diff_text_escape(b, jstr(shown, "message")) || ca_buf_adds(b, "\n");
      if (rc || !cJSON_IsTrue(cJSON_GetObjectItem(e, "evidence_changed"))) continue;
      /* the observed values that moved */
      const cJSON *x = cJSON_GetObjectItem(os, "evidence")->child, *y = cJSON_GetObjectItem(ns, "evidence")->child;
      for (; (x || y) && !rc; x = x ? x->next : NULL, y = y ? y->next : NULL) {
        const cJSON *ox = cJSON_GetObjectItem(x, "observed"), *oy = cJSON_GetObjectItem(y, "observed");
        if (x && y && ((!ox && !oy) || (ox && oy && cJSON_Compare(ox, oy, 1)))) continue;
        rc = ca_buf_adds(b, "      observed ") || ca_diff_text_escape(b, jstr(y ? y : x, "path")) ||
             ca_buf_adds(b, ": ") || add_value(b, ox) || ca_buf_adds(b, " -> ") || add_value(b, oy) ||
             ca_buf_adds(b, "\n");
      }
    }
  }
  return rc;
}

static int text_stage(const cJSON *doc, ca_buf *b) {
  const cJSON *o = cJSON_GetObjectItem(doc, "old"), *n = cJSON_GetObjectItem(doc, "new");
  const cJSON *list = cJSON_GetObjectItem(doc, "differences");
  const char *on = jstr(o, "instance"), *nn = jstr(n, "instance");
  int rc = ca_buf_adds(b, "stage drift ") || ca_diff_text_escape(b, on) || ca_buf_adds(b, " (") ||
           ca_diff_text_escape(b, jstr(o, "file")) || ca_buf_adds(b, ") -> ") || ca_diff_text_escape(b, nn) ||
           ca_buf_adds(b, " (") || ca_diff_text_escape(b, jstr(n, "file")) ||
           ca_buf_printf(b, "): %d differences\n", cJSON_GetArraySize(list)) ||
           ca_buf_adds(b, "(compared after naming each instance alias {alias}, its ID {instance} and the account "
                          "{account}; not compared, stage-specific: ") ||
           ca_diff_text_escape(b, jstr(doc, "not_compared")) || ca_buf_adds(b, ")\n");
  const char *last_area = "", *last_item = NULL;
  const cJSON *e;
  size_t w = strlen(on) > strlen(nn) ? strlen(on) : strlen(nn);
  cJSON_ArrayForEach(e, list) {
    if (rc) break;
    const char *area = jstr(e, "area"), *item = jstr(e, "item");
    if (strcmp(area, last_area) || !last_item || strcmp(item, last_item))
      rc = ca_buf_printf(b, "\n%s ", area) || ca_diff_text_escape(b, item) || ca_buf_adds(b, "\n");
    last_area = area;
    last_item = item;
    rc = rc || ca_buf_adds(b, "  ") || ca_diff_text_escape(b, *jstr(e, "path") ? jstr(e, "path") : "(whole)") ||
         ca_buf_adds(b, "\n    ") || ca_diff_text_escape(b, on) || ca_buf_printf(b, ":%*s ", (int)(w - strlen(on)), "") ||
         add_value(b, cJSON_GetObjectItem(e, "old")) || ca_buf_adds(b, "\n    ") || ca_diff_text_escape(b, nn) ||
         ca_buf_printf(b, ":%*s ", (int)(w - strlen(nn)), "") || add_value(b, cJSON_GetObjectItem(e, "new")) ||
         ca_buf_adds(b, "\n");
  }
  return rc;
}

int ca_diff_render_text(const cJSON *doc, ca_buf *out, ca_err *err) {
  const char *mode = jstr(doc, "mode");
  int rc = mode && !strcmp(mode, "stage") ? text_stage(doc, out) : text_results(doc, out);
  return rc ? ca_errf(err, CA_EXIT_RUN, "diff output larger than %zu bytes, or out of memory", out->cap) : 0;
}
