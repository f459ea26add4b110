/* junit.xml: the findings as a JUnit test report, for CI test views (GitLab,
 * Jenkins, Azure DevOps): one <testsuite> per pack, one <testcase> per
 * finding (classname = rule ID, name = resource ARN), fail -> <failure>,
 * error -> <error>, manual / skipped / waived -> <skipped>, pass -> an empty
 * testcase. No timestamps or durations: the same results give the same bytes. */
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "report/report.h"
#include "report/text.h"

typedef struct jctx {
  ca_buf *out;
  ca_buf tmp;          /* scratch for cleaned text */
} jctx;

/* Escapes for XML content or (attr) an attribute value: in attributes TAB,
 * LF and CR become references, or a parser's normalisation would turn them
 * into spaces; CR in content too, or it would read as LF. */
static int xml_add(jctx *x, const char *s, int attr) {
  x->tmp.len = 0;
  if (ca_text_clean(&x->tmp, s, strlen(s))) return -1;
  const char *p = x->tmp.data ? x->tmp.data : "";
  size_t run = 0, n = x->tmp.len;
  for (size_t i = 0; i < n; i++) {
    const char *r = NULL;
    switch (p[i]) {
    case '&': r = "&amp;"; break;
    case '<': r = "&lt;"; break;
    case '>': r = "&gt;"; break;             /* so "]]>" never appears */
    case '"': r = attr ? "&quot;" : NULL; break;
    case '\'': r = attr ? "&apos;" : NULL; break;
    case '\t': r = attr ? "&#9;" : NULL; break;
    case '\n': r = attr ? "&#10;" : NULL; break;
    case '\r': r = "&#13;"; break;
    }
    if (!r) continue;
    if (ca_buf_add(x->out, p + run, i - run) || ca_buf_adds(x->out, r)) return -1;
    run = i + 1;
  }
  return ca_buf_add(x->out, p + run, n - run);
}

static int xml_attr(jctx *x, const char *name, const char *value) {
  return ca_buf_printf(x->out, " %s=\"", name) || xml_add(x, value, 1) || ca_buf_adds(x->out, "\"");
}

static int xml_property(jctx *x, const char *name, const char *value) {
  return ca_buf_adds(x->out, "      <property") || xml_attr(x, "name", name) || xml_attr(x, "value", value) ||
         ca_buf_adds(x->out, "/>\n");
}

typedef struct counts { long tests, failures, errors, skipped; } counts;

static void count(counts *c, const char *status) {
  c->tests++;
  if (!strcmp(status, "fail")) c->failures++;
  else if (!strcmp(status, "error")) c->errors++;
  else if (strcmp(status, "pass")) c->skipped++;   /* manual, skipped, waived, and any later status */
}

static int counts_attrs(jctx *x, const counts *c) {
  return ca_buf_printf(x->out, " tests=\"%ld\" failures=\"%ld\" errors=\"%ld\" skipped=\"%ld\"", c->tests,
                       c->failures, c->errors, c->skipped);
}

/* The body of <failure> / <error>: what a CI log shows when it expands the case. */
static int case_body(jctx *x, const cJSON *f, ca_buf *text) {
  text->len = 0;
  int rc = ca_buf_printf(text, "%s\n", ca_rstr(f, "message", ""));
  const cJSON *ev = cJSON_GetObjectItemCaseSensitive(f, "evidence");
  if (!rc && cJSON_GetArraySize(ev)) rc = ca_buf_adds(text, "Evidence:\n  ") || ca_evidence_text(text, ev, "\n  ") ||
                                         ca_buf_adds(text, "\n");
  const cJSON *ctl = cJSON_GetObjectItemCaseSensitive(f, "controls");
  if (!rc && cJSON_GetArraySize(ctl)) rc = ca_buf_adds(text, "Controls: ") || ca_controls_text(text, ctl, "; ") ||
                                          ca_buf_adds(text, "\n");
  if (!rc && *ca_rstr(f, "remediation", "")) rc = ca_buf_printf(text, "Remediation: %s\n", ca_rstr(f, "remediation", ""));
  return rc || xml_add(x, text->data ? text->data : "", 0);
}

static int testcase(jctx *x, const cJSON *f, const char *name, ca_buf *text) {
  const char *st = ca_rstr(f, "status", ""), *msg = ca_rstr(f, "message", "");
  int rc = ca_buf_adds(x->out, "    <testcase") || xml_attr(x, "classname", ca_rstr(f, "rule_id", "")) ||
           xml_attr(x, "name", name);
  if (rc) return -1;
  if (!strcmp(st, "pass")) return ca_buf_adds(x->out, "/>\n");
  if (!strcmp(st, "fail") || !strcmp(st, "error")) {
    const char *el = st[0] == 'f' ? "failure" : "error";
    return ca_buf_printf(x->out, ">\n      <%s", el) || xml_attr(x, "message", msg) ||
           xml_attr(x, "type", ca_rstr(f, "severity", "")) || ca_buf_adds(x->out, ">") || case_body(x, f, text) ||
           ca_buf_printf(x->out, "</%s>\n    </testcase>\n", el);
  }
  text->len = 0;
  const cJSON *w = cJSON_GetObjectItemCaseSensitive(f, "waiver");
  if (!strcmp(st, "waived") && cJSON_IsObject(w)) {
    rc = ca_buf_printf(text, "waived: %s", ca_rstr(w, "reason", ""));
    if (!rc && *ca_rstr(w, "approved_by", "")) rc = ca_buf_printf(text, " (approved by %s", ca_rstr(w, "approved_by", "")) ||
                                                      ca_buf_adds(text, *ca_rstr(w, "expires", "") ? "," : ")");
    if (!rc && *ca_rstr(w, "expires", "")) rc = ca_buf_printf(text, "%sexpires %s)", *ca_rstr(w, "approved_by", "") ? " " : " (",
                                                                ca_rstr(w, "expires", ""));
  } else {
    rc = ca_buf_printf(text, "%s: %s", st, msg);
  }
  return rc || ca_buf_adds(x->out, ">\n      <skipped") || xml_attr(x, "message", text->data) ||
         ca_buf_adds(x->out, "/>\n    </testcase>\n");
}

typedef struct jcase { size_t suite, i; } jcase;

static int cmp_case(const void *a, const void *b) {
  const jcase *x = a, *y = b;
  return x->suite != y->suite ? (x->suite < y->suite ? -1 : 1) : x->i < y->i ? -1 : x->i > y->i;
}

typedef struct jrun {
  jctx x;
  const cJSON *packs, **fv;   /* fv: the findings, in results order */
  size_t np, nf;
  const char **keys;          /* pack names, then each finding's pack */
  ca_dup *dup;                /* over keys: dup[].first is a suite's rank */
  jcase *order;               /* findings sorted by (suite rank, results order) */
  char **names;               /* each finding's testcase name */
  ca_buf text;
} jrun;

static const char *arn_of(const cJSON *f) {
  return ca_rstr(cJSON_GetObjectItemCaseSensitive(f, "resource"), "arn", "");
}

/* k[i] = "<suite>\x1f<rule>\x1f<tail>", tail = the ARN (what = 0) or the name
 * so far (what = 1): findings with equal keys need a distinguisher. A \x1f
 * inside a rule ID can only make two keys equal that were not, which adds a
 * distinguisher, never drops one. */
static int case_keys(jrun *j, char **k, int what) {
  ca_buf key;
  ca_buf_init(&key, CA_MAX_REPORT_BYTES);
  for (size_t i = 0; i < j->nf; i++) {
    free(k[i]);
    k[i] = NULL;
    if (ca_buf_printf(&key, "%zu\x1f%s\x1f", j->dup[j->np + i].first, ca_rstr(j->fv[i], "rule_id", "")) ||
        ca_buf_adds(&key, what ? j->names[i] : arn_of(j->fv[i])) || !(k[i] = ca_buf_steal(&key))) {
      ca_buf_free(&key);
      return -1;
    }
  }
  return 0;
}

/* Case names: the ARN, unless the rule has several findings on that resource
 * in the suite; then "ARN: message", and " #n" after that if even the
 * messages repeat, so that (classname, name) stays unique in a suite. */
static int case_names(jrun *j) {
  ca_dup *d = calloc(j->nf ? j->nf : 1, sizeof *d);
  char **k = calloc(j->nf ? j->nf : 1, sizeof *k);
  ca_buf name;
  ca_buf_init(&name, CA_MAX_REPORT_BYTES);
  int rc = d && k ? 0 : -1;
  for (int what = 0; what < 2 && !rc; what++) {
    rc = case_keys(j, k, what) || ca_dups((const char *const *)k, j->nf, d);
    for (size_t i = 0; i < j->nf && !rc; i++) {
      rc = ca_buf_adds(&name, what ? j->names[i] : arn_of(j->fv[i]));
      if (!rc && d[i].count > 1)
        rc = what ? ca_buf_printf(&name, " #%zu", d[i].ord + 1) : ca_buf_printf(&name, ": %s", ca_rstr(j->fv[i], "message", ""));
      free(j->names[i]);
      j->names[i] = rc ? NULL : ca_buf_steal(&name);
      if (!j->names[i]) rc = -1;
    }
  }
  for (size_t i = 0; k && i < j->nf; i++) free(k[i]);
  free(k);
  free(d);
  ca_buf_free(&name);
  return rc;
}

/* One <testsuite>: the suite of rank `rank`, with the cases order[lo..hi). */
static int suite(jrun *j, size_t rank, size_t lo, size_t hi, const char *snapshot_sha) {
  counts c = {0};
  for (size_t s = lo; s < hi; s++) count(&c, ca_rstr(j->fv[j->order[s].i], "status", ""));
  const cJSON *pk = rank < j->np ? cJSON_GetArrayItem(j->packs, (int)rank) : NULL;
  if (ca_buf_adds(j->x.out, "  <testsuite") || xml_attr(&j->x, "name", j->keys[rank]) || counts_attrs(&j->x, &c) ||
      ca_buf_adds(j->x.out, ">\n    <properties>\n") || xml_property(&j->x, "snapshot.sha256", snapshot_sha) ||
      (pk && (xml_property(&j->x, "pack.version", ca_rstr(pk, "version", "")) ||
              xml_property(&j->x, "pack.sha256", ca_rstr(pk, "sha256", "")))) ||
      ca_buf_adds(j->x.out, "    </properties>\n"))
    return -1;
  for (size_t s = lo; s < hi; s++)
    if (testcase(&j->x, j->fv[j->order[s].i], j->names[j->order[s].i], &j->text)) return -1;
  return ca_buf_adds(j->x.out, "  </testsuite>\n");
}

int ca_render_junit(const cJSON *results, ca_buf *out, ca_err *err) {
  jrun j = {.x.out = out, .packs = cJSON_GetObjectItemCaseSensitive(results, "packs")};
  const cJSON *findings = cJSON_GetObjectItemCaseSensitive(results, "findings");
  j.np = (size_t)cJSON_GetArraySize(j.packs);
  j.nf = (size_t)cJSON_GetArraySize(findings);
  size_t nk = j.np + j.nf, i = 0;
  j.fv = calloc(j.nf ? j.nf : 1, sizeof *j.fv);
  j.keys = calloc(nk ? nk : 1, sizeof *j.keys);
  j.dup = calloc(nk ? nk : 1, sizeof *j.dup);
  j.order = calloc(j.nf ? j.nf : 1, sizeof *j.order);
  j.names = calloc(j.nf ? j.nf : 1, sizeof *j.names);
  ca_buf_init(&j.x.tmp, CA_MAX_REPORT_BYTES);
  ca_buf_init(&j.text, CA_MAX_REPORT_BYTES);
  int rc = -1;
  if (!j.fv || !j.keys || !j.dup || !j.order || !j.names) goto oom;

  /* Suites: the packs in results order (a pack without findings too), then,
   * should a finding name a pack the results do not list, those in order of
   * first appearance. With the pack names first among the keys, a finding's
   * dup[].first is its suite's rank either way. */
  const cJSON *p, *f;
  cJSON_ArrayForEach(p, j.packs) j.keys[i++] = ca_rstr(p, "name", "");
  cJSON_ArrayForEach(f, findings) {
    j.fv[i - j.np] = f;
    j.keys[i++] = ca_rstr(f, "pack", "");
  }
  if (ca_dups(j.keys, nk, j.dup)) goto oom;
  for (i = 0; i < j.nf; i++) j.order[i] = (jcase){j.dup[j.np + i].first, i};
  qsort(j.order, j.nf, sizeof *j.order, cmp_case);
  if (case_names(&j)) goto oom;

  counts all = {0};
  for (i = 0; i < j.nf; i++) count(&all, ca_rstr(j.fv[i], "status", ""));
  if (ca_buf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites") ||
      xml_attr(&j.x, "name", ca_rstr(cJSON_GetObjectItemCaseSensitive(results, "tool"), "name", "")) ||
      counts_attrs(&j.x, &all) || ca_buf_adds(out, ">\n"))
    goto done;
  const char *snap = ca_rstr(cJSON_GetObjectItemCaseSensitive(results, "snapshot"), "sha256", "");
  size_t lo = 0, hi;
  for (size_t k = 0; k < j.np; k++) {
    if (j.dup[k].first != k) continue;   /* a pack listed twice gets one suite */
    for (hi = lo; hi < j.nf && j.order[hi].suite == k;) hi++;
    if (suite(&j, k, lo, hi, snap)) goto done;
    lo = hi;
  }
  for (; lo < j.nf; lo = hi) {
    for (hi = lo; hi < j.nf && j.order[hi].suite == j.order[lo].suite;) hi++;
    if (suite(&j, j.order[lo].suite, lo, hi, snap)) goto done;
  }
  rc = ca_buf_adds(out, "</testsuites>\n");
  goto done;
oom:
  ca_errf(err, CA_EXIT_RUN, "out of memory rendering junit.xml");
done:
  for (i = 0; j.names && i < j.nf; i++) free(j.names[i]);
  free(j.names);
  free(j.fv);
  free(j.keys);
  free(j.dup);
  free(j.order);
  ca_buf_free(&j.x.tmp);
  ca_buf_free(&j.text);
  return rc;
}
