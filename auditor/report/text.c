#include "report/text.h"

#include <stdlib.h>
#include <string.h>

#include "policy/ctx.h"
#include "results/results.h"

static const char replacement[] = "\xEF\xBF\xBD";   /* U+FFFD */

/* Length of the well-formed UTF-8 sequence at p (RFC 3629: no overlongs, no
 * surrogates, nothing past U+10FFFF), or 0 if the bytes there are not one. */
static size_t utf8_len(const unsigned char *p) {
  unsigned c = p[0];
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return (p[1] & 0xC0) == 0x80 ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80 ? 4 : 0;
  }
  return 0;
}

/* C0 controls but tab, newline and carriage return, DEL, and the C1 controls (U+0080..U+009F,
 * UTF-8 C2 80..C2 9F): invisible, and some terminals and parsers act on them. */
static int is_control(const unsigned char *p, size_t n) {
  if (n == 1) return (p[0] < 0x20 && p[0] != '\t' && p[0] != '\n' && p[0] != '\r') || p[0] == 0x7F;
  return n == 2 && p[0] == 0xC2 && p[1] < 0xA0;
}

/* Walks s one character at a time: each well-formed, non-control character
 * goes to one(b, bytes, n, s, i) (which escapes it as its format needs);
 * anything else becomes U+FFFD. */
typedef int (*char_fn)(ca_buf *b, const char *c, size_t n, const char *s, size_t i);

static int each_char(ca_buf *b, const char *s, char_fn one) {
  if (!s) return 0;
  size_t i = 0, run = 0;     /* run: plain bytes not yet copied, ending at i */
  while (s[i]) {
    const unsigned char *p = (const unsigned char *)s + i;
    size_t n = utf8_len(p);
    if (n == 1 && one(NULL, s + i, 1, s, i) == 0) {   /* NULL b: "would you copy it as is?" */
      run++;
      i++;
      continue;
    }
    if (run && ca_buf_add(b, s + i - run, run)) return -1;
    run = 0;
    if (!n || is_control(p, n)) {
      if (ca_buf_add(b, replacement, 3)) return -1;
      i += n ? n : 1;
    } else if (n > 1) {
      if (ca_buf_add(b, s + i, n)) return -1;
      i += n;
    } else {
      if (one(b, s + i, 1, s, i)) return -1;
      i++;
    }
  }
  return run ? ca_buf_add(b, s + i - run, run) : 0;
}

/* HTML: the five characters that can end text, an attribute or start markup. */
static int html_char(ca_buf *b, const char *c, size_t n, const char *s, size_t i) {
  (void)n, (void)s, (void)i;
  const char *e = NULL;
  switch (*c) {
    case '&': e = "&amp;"; break;
    case '<': e = "&lt;"; break;
    case '>': e = "&gt;"; break;
    case '"': e = "&quot;"; break;
    case '\'': e = "&#39;"; break;
    case '\r': e = " "; break;   /* the parser would fold it into a newline anyway */
    default:
      if (is_control((const unsigned char *)c, 1)) e = replacement;
  }
  if (!b) return e ? 1 : 0;
  return e ? ca_buf_adds(b, e) : ca_buf_add(b, c, 1);
}

int ca_html_esc(ca_buf *b, const char *s) { return each_char(b, s, html_char); }

static int lower_eq(const char *s, const char *lit) {
  for (; *lit; s++, lit++)
    if ((*s | 0x20) != *lit) return 0;
  return 1;
}

/* Markdown: & < > as entities (no HTML, no <autolink>); a backslash before
 * every character that starts inline syntax (emphasis * _ ~, code `, links
 * and images [ ] !, table cells |, GitHub math $, escapes \); and GitHub's
 * autolinks broken up: "scheme\://", "www\." (found while parsing, so an
 * escape stops them) and "a@&#8203;b" (found in the parsed text, where only
 * a character that cannot be in an address or a user name stops them).
 * Block syntax (#, -, 1.) never applies: data never starts a line.
 * Checked with cmark-gfm 0.29 (table, autolink, strikethrough, tasklist). */
static int md_char(ca_buf *b, const char *c, size_t n, const char *s, size_t i) {
  (void)n;
  const char *e = NULL;
  char two[3] = {'\\', *c, 0};
  switch (*c) {
    case '&': e = "&amp;"; break;
    case '<': e = "&lt;"; break;
    case '>': e = "&gt;"; break;
    case '\n': case '\r': case '\t': e = " "; break;
    case '\\': case '`': case '*': case '_': case '~': case '[': case ']': case '!': case '|': case '$':
      e = two;
      break;
    case '@':   /* GitHub links "a@b.c" and "@user" after parsing, escapes or not: */
      e = "@&#8203;";   /* a zero-width space after it, which neither accepts */
      break;
    case ':':
      if (s[i + 1] == '/' && s[i + 2] == '/') e = two;
      break;
    case '.':
      if (i >= 3 && lower_eq(s + i - 3, "www")) e = two;
      break;
    default:
      if (is_control((const unsigned char *)c, 1)) e = replacement;
  }
  if (!b) return e ? 1 : 0;
  return e ? ca_buf_adds(b, e) : ca_buf_add(b, c, 1);
}

int ca_md_esc(ca_buf *b, const char *s) { return each_char(b, s, md_char); }

int ca_json_esc(ca_buf *b, const cJSON *v, int (*esc)(ca_buf *, const char *)) {
  if (!v) return esc(b, "(absent)");
  char *t = cJSON_PrintUnformatted(v);
  if (!t) return -1;
  int rc = esc(b, t);
  free(t);
  return rc;
}

const char *ca_rstr(const cJSON *o, const char *key, const char *dflt) {
  const cJSON *v = cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
  return cJSON_IsString(v) && v->valuestring ? v->valuestring : dflt;
}

long ca_rnum(const cJSON *o, const char *key) {
  const cJSON *v = cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
  if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 1e15) return -1;
  return (long)v->valuedouble;
}

const cJSON *ca_robj(const cJSON *o, const char *key) {
  const cJSON *v = cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
  return cJSON_IsObject(v) ? v : NULL;
}

const char *const ca_report_statuses[] = {"fail", "error", "manual", "waived", "pass", "skipped", NULL};

int ca_status_order(const char *status) {
  int i = 0;
  for (; status && ca_report_statuses[i]; i++)
    if (!strcmp(status, ca_report_statuses[i])) return i;
  return 6;
}

int ca_severity_order(const char *severity) {
  int r = ca_severity_rank(severity);
  return r < 0 ? 5 : r;
}

typedef struct keyed {
  int sev, st;
  const char *rule;
  size_t idx;
} keyed;

static int cmp_keyed(const void *a, const void *b) {
  const keyed *x = a, *y = b;
  if (x->sev != y->sev) return x->sev < y->sev ? -1 : 1;
  int c = ca_natcmp(x->rule, y->rule);
  if (!c) c = strcmp(x->rule, y->rule);   /* "A01" and "A1": natural ties, still two rules */
  if (c) return c;
  if (x->st != y->st) return x->st < y->st ? -1 : 1;
  return x->idx < y->idx ? -1 : x->idx > y->idx;
}

int ca_findings_order(const cJSON *findings, size_t **order, size_t *n) {
  *order = NULL;
  *n = 0;
  int count = cJSON_IsArray(findings) ? cJSON_GetArraySize(findings) : 0;
  if (count <= 0) return 0;
  keyed *k = malloc((size_t)count * sizeof *k);
  size_t *o = malloc((size_t)count * sizeof *o);
  if (!k || !o) {
    free(k);
    free(o);
    return -1;
  }
  size_t i = 0;
  const cJSON *f;
  cJSON_ArrayForEach(f, findings) {
    k[i] = (keyed){ca_severity_order(ca_rstr(f, "severity", NULL)), ca_status_order(ca_rstr(f, "status", NULL)),
                   ca_rstr(f, "rule_id", ""), i};
    i++;
  }
  qsort(k, i, sizeof *k, cmp_keyed);
  for (size_t j = 0; j < i; j++) o[j] = k[j].idx;
  free(k);
  *order = o;
  *n = i;
  return 0;
}
