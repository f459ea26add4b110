#include "report/text.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "results/results.h"
#include "util/sha256.h"

static const char replacement[] = "\xEF\xBF\xBD";   /* U+FFFD */

/* Length of the well-formed UTF-8 sequence at p, of at most n bytes (RFC 3629:
 * no overlongs, no surrogates, nothing past U+10FFFF), 0 if there is none;
 * *cp gets the code point.  The one UTF-8 decoder of every report. */
static size_t utf8_seq(const unsigned char *p, size_t n, uint32_t *cp) {
  if (p[0] < 0x80) return *cp = p[0], 1;
  size_t k = p[0] >= 0xC2 && p[0] <= 0xDF ? 2 : p[0] >= 0xE0 && p[0] <= 0xEF ? 3 : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : 0;
  if (!k || k > n) return 0;
  uint32_t c = p[0] & (0xFF >> (k + 1));
  for (size_t i = 1; i < k; i++) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    c = c << 6 | (p[i] & 0x3F);
  }
  static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
  if (c < min[k] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
  *cp = c;
  return k;
}

/* C0 controls but tab, newline and carriage return, DEL, and the C1 controls (U+0080..U+009F,
 * UTF-8 C2 80..C2 9F): invisible, and some terminals and parsers act on them. */
static int is_control(const unsigned char *p, size_t n) {
  if (n == 1) return (p[0] < 0x20 && p[0] != '\t' && p[0] != '\n' && p[0] != '\r') || p[0] == 0x7F;
  return n == 2 && p[0] == 0xC2 && p[1] < 0xA0;
}

/* The bidirectional controls (embeddings, overrides, isolates, marks;
 * Unicode TR 9): in a name they reorder what follows, so "invoice\u202Egpj.exe"
 * displays as "invoiceexe.jpg" (Trojan Source, CVE-2021-42574). */
static int is_bidi(uint32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
         cp == 0x061C;
}

/* Walks s one character at a time: each well-formed, non-control character
 * goes to one(b, bytes, n, s, i) (which escapes it as its format needs);
 * anything else becomes U+FFFD.  A bidirectional control is shown
 * as "<U+202E>" (as entities, for HTML and Markdown alike) instead of obeyed. */
typedef int (*char_fn)(ca_buf *b, const char *c, size_t n, const char *s, size_t i);

static int each_char(ca_buf *b, const char *s, char_fn one) {
  if (!s) return 0;
  size_t i = 0, run = 0, len = strlen(s);     /* run: plain bytes not yet copied, ending at i */
  while (s[i]) {
    const unsigned char *p = (const unsigned char *)s + i;
    uint32_t cp;
    size_t n = utf8_seq(p, len - i, &cp);
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
    } else if (n > 1 && is_bidi(cp)) {
      if (ca_buf_printf(b, "&lt;U+%04X&gt;", (unsigned)cp)) return -1;
      i += n;
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

void ca_out_put(ca_out *o, const char *s) {
  if (!o->rc && ca_buf_adds(o->b, s)) o->rc = -1;
}

void ca_out_putf(ca_out *o, const char *fmt, ...) {
  if (o->rc) return;
  char line[CA_MAX_REPORT_LINE_BYTES];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof line || ca_buf_add(o->b, line, (size_t)n)) o->rc = -1;
}

void ca_out_esc(ca_out *o, int (*esc)(ca_buf *, const char *), const char *s, const char *dflt) {
  if (!s || !*s) ca_out_put(o, dflt);
  else if (!o->rc && esc(o->b, s)) o->rc = -1;
}

int ca_json_esc(ca_buf *b, const cJSON *v, int (*esc)(ca_buf *, const char *)) {
  if (!v) return esc(b, "(absent)");
  char *t = cJSON_PrintUnformatted(v);
  if (!t) return -1;
  int rc = esc(b, t);
  free(t);
  return rc;
}

/* XML 1.0 (section 2.2) forbids C0 controls other than TAB, LF and CR, and
 * U+FFFE / U+FFFF, even as character references; a spreadsheet or a terminal
 * has no use for them either. The text comes from a customer's snapshot, so
 * anything else is replaced rather than trusted. */
int ca_text_clean(ca_buf *out, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0, run = 0;                           /* run: clean bytes not yet copied */
  while (i + run < n) {
    uint32_t c = 0;
    size_t k = utf8_seq(p + i + run, n - i - run, &c);
    int ok = k && (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') && c != 0xFFFE && c != 0xFFFF;
    if (ok) {
      run += k;
      continue;
    }
    if (ca_buf_add(out, p + i, run) || ca_buf_add(out, replacement, 3)) return -1;
    i += run + (k ? k : 1);
    run = 0;
  }
  return ca_buf_add(out, p + i, run);
}

/* The slot holds one raw item, a byte cJSON escapes in every string (\x01):
 * where it is printed the items go.  The slot's member sits on a line with
 * d tabs; its items are printed d + 1 levels deep, so every layout line feed
 * of an item printed alone gets d + 1 tabs (results/stream.c does the same
 * for results.json's findings).  Cleaning piece by piece cleans as the
 * whole: the pieces meet at ASCII bytes. */
int ca_print_filled(const cJSON *doc, cJSON *slot, size_t n, cJSON *(*item)(void *arg, size_t i), void *arg,
                    ca_buf *out) {
  cJSON *mark = cJSON_CreateRaw("\x01");
  if (!mark || slot->child) {
    cJSON_Delete(mark);
    return -2;
  }
  cJSON_AddItemToArray(slot, mark);
  char *text = cJSON_Print(doc);
  cJSON_Delete(cJSON_DetachItemViaPointer(slot, mark));
  char *at = text ? strchr(text, '\x01') : NULL;
  if (!at) {
    free(text);
    return -2;
  }
  size_t d = 0;
  const char *bol = at;
  while (bol > text && bol[-1] != '\n') bol--;
  while (bol[d] == '\t') d++;
  char tabs[CA_MAX_JSON_DEPTH + 2];
  if (d + 1 >= sizeof tabs) {
    free(text);
    return -2;
  }
  memset(tabs, '\t', d + 1);
  ca_buf one;
  ca_buf_init(&one, CA_MAX_REPORT_BYTES);
  int rc = ca_text_clean(out, text, (size_t)(at - text)), oom = 0;
  for (size_t i = 0; !rc && i < n; i++) {
    cJSON *x = item(arg, i);
    char *t = x ? cJSON_Print(x) : NULL;
    cJSON_Delete(x);
    one.len = 0;
    oom = !t;
    rc = !t || (i && ca_buf_adds(&one, ", "));
    for (const char *p = t, *nl; !rc && *p; p = nl + 1) {
      if (!(nl = strchr(p, '\n'))) {
        rc = ca_buf_adds(&one, p);
        break;
      }
      rc = ca_buf_add(&one, p, (size_t)(nl - p + 1)) || ca_buf_add(&one, tabs, d + 1);
    }
    free(t);
    if (!rc) rc = ca_text_clean(out, one.data, one.len);
  }
  if (!rc) rc = ca_text_clean(out, at + 1, strlen(at + 1)) || ca_buf_adds(out, "\n");
  ca_buf_free(&one);
  free(text);
  return oom ? -2 : rc ? -1 : 0;
}

/* A value as text: strings as they are, anything else as compact JSON. */
static int add_value(ca_buf *out, const cJSON *v) {
  return cJSON_IsString(v) ? ca_buf_adds(out, v->valuestring) : ca_json_esc(out, v, ca_buf_adds);
}

int ca_evidence_text(ca_buf *out, const cJSON *evidence, const char *sep) {
  const cJSON *e;
  int first = 1;
  cJSON_ArrayForEach(e, evidence) {
    const cJSON *path = cJSON_GetObjectItemCaseSensitive(e, "path");
    const cJSON *obs = cJSON_GetObjectItemCaseSensitive(e, "observed");
    const cJSON *exp = cJSON_GetObjectItemCaseSensitive(e, "expected");
    const cJSON *note = cJSON_GetObjectItemCaseSensitive(e, "note");
    int rc = first ? 0 : ca_buf_adds(out, sep);
    first = 0;
    if (!rc && path) rc = add_value(out, path) || ca_buf_adds(out, "=");
    if (!rc) rc = obs ? add_value(out, obs) : ca_buf_adds(out, "(absent)");
    if (!rc && exp) rc = ca_buf_adds(out, "\xE2\x86\x92") || add_value(out, exp);   /* → */
    if (!rc && cJSON_IsString(note)) rc = ca_buf_printf(out, " (%s)", note->valuestring);
    if (rc) return -1;
  }
  return 0;
}

int ca_controls_text(ca_buf *out, const cJSON *controls, const char *sep) {
  const cJSON *c;
  int first = 1;
  cJSON_ArrayForEach(c, controls) {
    if (ca_buf_printf(out, "%s%s %s", first ? "" : sep, ca_rstr(c, "framework", ""), ca_rstr(c, "id", "")))
      return -1;
    first = 0;
  }
  return 0;
}

typedef struct dkey { const char *k; size_t i; } dkey;

static int cmp_dkey(const void *a, const void *b) {
  const dkey *x = a, *y = b;
  int c = strcmp(x->k, y->k);
  return c ? c : x->i < y->i ? -1 : x->i > y->i;
}

/* Sorting instead of a pairwise scan: 200,000 findings stay n log n. */
int ca_dups(const char *const *keys, size_t n, ca_dup *dup) {
  dkey *v = malloc((n ? n : 1) * sizeof *v);
  if (!v) return -1;
  for (size_t i = 0; i < n; i++) v[i] = (dkey){keys[i] ? keys[i] : "", i};
  qsort(v, n, sizeof *v, cmp_dkey);
  for (size_t g = 0; g < n;) {
    size_t e = g + 1;
    while (e < n && !strcmp(v[e].k, v[g].k)) e++;
    for (size_t k = g; k < e; k++) dup[v[k].i] = (ca_dup){v[g].i, k - g, e - g};
    g = e;
  }
  free(v);
  return 0;
}

ca_dup *ca_finding_ranks(const cJSON *findings, size_t n) {
  ca_dup *dup = calloc(n ? n : 1, sizeof *dup);
  char **owned = calloc(n ? n : 1, sizeof *owned);
  ca_buf k;
  ca_buf_init(&k, CA_MAX_REPORT_BYTES);
  size_t i = 0;
  int ok = dup && owned;
  const cJSON *f;
  cJSON_ArrayForEach(f, (ok ? findings : NULL)) {
    k.len = 0;
    if (i >= n || ca_buf_printf(&k, "%s\n%s", ca_rstr(f, "rule_id", ""), ca_rstr(ca_robj(f, "resource"), "arn", "")) ||
        !(owned[i] = strdup(k.data))) {
      ok = 0;
      break;
    }
    i++;
  }
  ok = ok && !ca_dups((const char *const *)owned, n, dup);
  for (i = 0; owned && i < n; i++) free(owned[i]);
  free(owned);
  ca_buf_free(&k);
  if (!ok) free(dup);
  return ok ? dup : NULL;
}

void ca_finding_uid(char *buf, size_t n, const char *account, const char *rule, const char *arn, size_t rank) {
  char hex[65];
  ca_buf key;
  ca_buf_init(&key, CA_MAX_REPORT_BYTES);
  ca_buf_printf(&key, "%s\n%s\n%zu", rule, arn, rank);
  ca_sha256_hex(key.data ? key.data : "", key.len, hex);
  ca_buf_free(&key);
  snprintf(buf, n, "connect-auditor/%s/%.32s", account, hex);
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

long ca_rcount(const cJSON *o, const char *key) {
  long v = ca_rnum(o, key);
  return v < 0 ? 0 : v;
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

const char *ca_partition_of(const char *arn, const char *region) {
  static const char *const known[] = {"aws-us-gov", "aws-cn", "aws", NULL};
  if (arn && !strncmp(arn, "arn:", 4))
    for (int i = 0; known[i]; i++) {
      size_t k = strlen(known[i]);
      if (!strncmp(arn + 4, known[i], k) && arn[4 + k] == ':') return known[i];
    }
  if (region && !strncmp(region, "cn-", 3)) return "aws-cn";
  if (region && !strncmp(region, "us-gov-", 7)) return "aws-us-gov";
  return "aws";
}
