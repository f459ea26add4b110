#include "util/jsonfile.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "util/fsutil.h"
#include "util/jsonptr.h"

static void where(const char *text, size_t len, size_t off, long *line, long *col) {
  *line = 1, *col = 1;
  for (size_t i = 0; i < off && i < len; i++) {
    if (text[i] == '\n') { (*line)++; *col = 1; }
    else (*col)++;
  }
}

/* Length of the UTF-8 sequence at p (at most n bytes), 0 when it is not
 * well-formed (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF). */
size_t ca_utf8_len(const unsigned char *p, size_t n) {
  if (p[0] < 0x80) return 1;
  size_t k = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;
  if (!k || p[0] > 0xF4 || k > n) return 0;
  for (size_t i = 1; i < k; i++)
    if ((p[i] & 0xC0) != 0x80) return 0;
  if (k == 3 && p[0] == 0xE0 && p[1] < 0xA0) return 0;    /* overlong */
  if (k == 3 && p[0] == 0xED && p[1] >= 0xA0) return 0;   /* surrogate */
  if (k == 4 && p[0] == 0xF0 && p[1] < 0x90) return 0;    /* overlong */
  if (k == 4 && p[0] == 0xF4 && p[1] >= 0x90) return 0;   /* past U+10FFFF */
  return k;
}

/* ---- the text check ------------------------------------------------------
 * ca_json_check_text's byte loop below says exactly what is wrong and where,
 * and costs ~15 instructions a byte (the snapshot's 109 MB at 20k/3k: more
 * than cJSON's parse of it).  Most text has nothing to say, so a scan that
 * can only answer "certainly fine" runs first, 32 bytes at a time, and the
 * byte loop runs only when it is unsure.  "Certainly fine" holds when the
 * text has no NUL, is well-formed UTF-8 read from its first byte, no
 * backslash is followed by a byte >= 0x80, and no backslash by "u0000" (as
 * the loop reads it: the five bytes present).  Then the loop, which steps by
 * whole UTF-8 sequences and over the byte after a backslash inside a
 * string, only ever stands at the starts of those sequences (the byte after
 * a backslash is ASCII), where it finds no NUL, no bad sequence and no
 * \u0000 escape: it would return 0 too. */

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* Nonzero iff the 8 bytes at p hold a NUL, a backslash or a byte >= 0x80
 * (exact for "any": (x - 1s) & ~x & 0x80s is nonzero iff x has a zero byte). */
static inline uint64_t odd_bytes(const unsigned char *p) {
  uint64_t w, b;
  memcpy(&w, p, sizeof w);
  b = w ^ (ONES * '\\');
  return (w | ((w - ONES) & ~w) | ((b - ONES) & ~b)) & HIGHS;
}

int ca_json_text_plain(const char *text, size_t len) {
  const unsigned char *t = (const unsigned char *)text;
  size_t i = 0;
  while (i < len) {
    if (len - i >= 32 && !(odd_bytes(t + i) | odd_bytes(t + i + 8) | odd_bytes(t + i + 16) | odd_bytes(t + i + 24))) {
      i += 32;
      continue;
    }
    /* something in these 32 bytes: one at a time up to their end (a UTF-8
     * sequence may end past it; i stays at the start of one) */
    size_t stop = len - i >= 32 ? i + 32 : len;
    while (i < stop) {
      unsigned char c = t[i];
      if (c >= 0x80) {
        size_t k = ca_utf8_len(t + i, len - i);
        if (!k) return 0;
        i += k;
        continue;
      }
      if (c == 0) return 0;
      if (c == '\\' && ((i + 1 < len && t[i + 1] >= 0x80) || (i + 5 < len && !memcmp(t + i + 1, "u0000", 5))))
        return 0;
      i++;
    }
  }
  return 1;
}

int ca_json_check_text(const char *label, const char *text, size_t len, ca_err *err) {
  if (ca_json_text_plain(text, len)) return 0;
  const unsigned char *t = (const unsigned char *)text;
  int in_str = 0;
  for (size_t i = 0; i < len;) {
    const char *what = NULL;
    size_t k = 1;
    if (t[i] == 0) what = "a NUL byte; expected UTF-8 JSON text";
    else if (t[i] >= 0x80 && !(k = ca_utf8_len(t + i, len - i))) what = "not UTF-8; expected UTF-8 JSON text";
    else if (in_str && t[i] == '\\') {
      if (i + 5 < len && !memcmp(t + i + 1, "u0000", 5)) what = "a \\u0000 escape; strings must not contain NUL";
      k = 2;
    } else if (t[i] == '"') in_str = !in_str;
    if (what) {
      long line, col;
      where(text, len, i, &line, &col);
      return ca_errf(err, CA_EXIT_USAGE, "%s:%ld:%ld (byte %zu): %s", label, line, col, i, what);
    }
    i += k;
  }
  return 0;
}

/* Explains a parse failure at off: where, and what (empty, nesting,
 * truncation, an unterminated string, what may come there). */
int ca_json_parse_error(const char *label, const char *text, size_t len, size_t off, const char *expected,
                        ca_err *err) {
  long line, col;
  where(text, len, off, &line, &col);
  /* Measure nesting up to the failure: cJSON stops at its nesting limit. */
  long depth = 0, maxd = 0;
  int in_str = 0;
  for (size_t i = 0; i < off && i < len; i++) {
    char ch = text[i];
    if (in_str) {
      if (ch == '\\') i++;
      else if (ch == '"') in_str = 0;
    } else if (ch == '"') in_str = 1;
    else if (ch == '[' || ch == '{') { if (++depth > maxd) maxd = depth; }
    else if (ch == ']' || ch == '}') depth--;
  }
  if (len == 0 || !text[strspn(text, " \t\r\n")])
    return ca_errf(err, CA_EXIT_USAGE, "%s: empty file; expected %s", label, expected);
  if (maxd >= CA_MAX_JSON_DEPTH)
    return ca_errf(err, CA_EXIT_USAGE, "%s:%ld:%ld (byte %zu): JSON nested deeper than %d levels",
                   label, line, col, off, CA_MAX_JSON_DEPTH);
  size_t rest = off;
  while (rest < len && (text[rest] == ' ' || text[rest] == '\n' || text[rest] == '\r' || text[rest] == '\t')) rest++;
  if (rest >= len)
    return ca_errf(err, CA_EXIT_USAGE, "%s:%ld:%ld (byte %zu): unexpected end of file; "
                   "expected more JSON (is the file truncated?)", label, line, col, off);
  size_t q = off < len && text[off] == '"' ? off : off > 0 && text[off - 1] == '"' ? off - 1 : len;
  if (q < len) {                            /* a string that never ends */
    int closed = 0;
    for (size_t i = q + 1; i < len && !closed; i++) {
      if (text[i] == '\\') i++;
      else if (text[i] == '"') closed = 1;
    }
    if (!closed)
      return ca_errf(err, CA_EXIT_USAGE, "%s:%ld:%ld (byte %zu): a string starts here and never ends "
                     "(is the file truncated?)", label, line, col, off);
  }
  char near[24];
  size_t k = 0;
  for (size_t i = off; i < len && k < 16; i++, k++)
    near[k] = (text[i] >= 32 && text[i] < 127) ? text[i] : '?';
  near[k] = '\0';
  /* what may come here depends on what came before */
  size_t b = off;
  while (b > 0 && strchr(" \t\r\n", text[b - 1])) b--;
  char prev = b > 0 ? text[b - 1] : '\0';
  const char *want = "a JSON value";
  if (prev == '{') want = "a member name in double quotes or '}'";
  else if (prev && !strchr(":,[", prev)) want = "',' or a closing '}' or ']'";
  return ca_errf(err, CA_EXIT_USAGE, "%s:%ld:%ld (byte %zu): invalid JSON near \"%s\"; expected %s",
                 label, line, col, off, near, want);
}

/* ---- duplicate member names -------------------------------------------
 * cJSON keeps both members and every lookup finds the first, while jq and
 * Python take the last: a file could show one value to a person's tools and
 * another to the audit.  The tree says which member repeats (names compared
 * unescaped, as every reader compares them); its place in the text is found
 * by counting member names, which the text holds in the tree's order. */

typedef struct dupscan {
  size_t ordinal;        /* member names seen so far, in document order */
  size_t dup, first;     /* ordinals of the repeated name and of its first use */
  const char *name;
  ca_buf ptr;            /* pointer of the object holding them */
} dupscan;

typedef struct member_at { const cJSON *c; size_t i; } member_at;

static int cmp_member(const void *a, const void *b) {
  const member_at *x = a, *y = b;
  int c = strcmp(x->c->string, y->c->string);
  return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* The member of o whose name an earlier member already has, the first such
 * in document order; NULL if none. */
static const cJSON *repeated(const cJSON *o) {
  size_t n = 0;
  for (const cJSON *c = o->child; c; c = c->next) n++;
  if (n < 2) return NULL;
  if (n <= 32) {
    for (const cJSON *c = o->child->next; c; c = c->next)
      for (const cJSON *e = o->child; e != c; e = e->next)
        if (e->string[0] == c->string[0] && !strcmp(e->string, c->string)) return c;
    return NULL;
  }
  /* many members: sort by (name, position); of each equal pair the second is
   * the later one, and the earliest of those is the answer */
  member_at *v = malloc(n * sizeof *v);
  if (!v) return NULL;
  size_t i = 0, best = n;
  const cJSON *dup = NULL;
  for (const cJSON *c = o->child; c; c = c->next, i++) v[i] = (member_at){c, i};
  qsort(v, n, sizeof *v, cmp_member);
  for (i = 1; i < n; i++)
    if (!strcmp(v[i - 1].c->string, v[i].c->string) && v[i].i < best) best = v[i].i, dup = v[i].c;
  free(v);
  return dup;
}

/* Whether any object below v repeats a member name: the scan every document
 * pays, so it builds no pointer and counts nothing (find_dup, which does,
 * runs only when this says there is something to report). */
static int has_dup(const cJSON *v) {
  if (!cJSON_IsArray(v) && !cJSON_IsObject(v)) return 0;
  if (cJSON_IsObject(v) && repeated(v)) return 1;
  for (const cJSON *c = v->child; c; c = c->next)
    if ((c->type & (cJSON_Array | cJSON_Object)) && has_dup(c)) return 1;
  return 0;
}

static int find_dup(dupscan *d, const cJSON *v) {
  if (cJSON_IsArray(v)) {
    long i = 0;
    for (const cJSON *c = v->child; c; c = c->next, i++) {
      size_t mark = d->ptr.len;
      ca_ptr_push_index(&d->ptr, i);
      if (find_dup(d, c)) return 1;
      d->ptr.len = mark;
      if (d->ptr.data) d->ptr.data[mark] = '\0';
    }
    return 0;
  }
  if (!cJSON_IsObject(v)) return 0;
  const cJSON *dup = repeated(v);
  size_t first = (size_t)-1;
  for (const cJSON *c = v->child; c; c = c->next) {
    size_t me = d->ordinal++;
    if (dup && c == dup) {
      d->dup = me;
      d->first = first;
      d->name = c->string;
      return 1;
    }
    if (dup && first == (size_t)-1 && !strcmp(c->string, dup->string)) first = me;
    size_t mark = d->ptr.len;
    ca_ptr_push(&d->ptr, c->string);
    if (find_dup(d, c)) return 1;
    d->ptr.len = mark;
    if (d->ptr.data) d->ptr.data[mark] = '\0';
  }
  return 0;
}

/* The offset of the n-th member name (0-based) of valid JSON text: a string
 * followed by ':' is always a member name. */
static size_t name_offset(const char *text, size_t len, size_t n) {
  size_t seen = 0;
  for (size_t i = 0; i < len; i++) {
    if (text[i] != '"') continue;
    size_t start = i++;
    while (i < len && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
    size_t j = i + 1;
    while (j < len && strchr(" \t\r\n", text[j])) j++;
    if (j < len && text[j] == ':' && seen++ == n) return start;
  }
  return len;
}

int ca_json_check_dups(const char *label, const char *text, size_t len, const cJSON *root, ca_err *err) {
  if (!has_dup(root)) return 0;
  dupscan d = {0};
  ca_buf_init(&d.ptr, 1 << 20);
  ca_buf_add(&d.ptr, "", 0);
  int rc = 0;
  if (find_dup(&d, root)) {
    long line, col, fline = 0, fcol = 0;
    where(text, len, name_offset(text, len, d.dup), &line, &col);
    if (d.first != (size_t)-1) where(text, len, name_offset(text, len, d.first), &fline, &fcol);
    char name[72];
    size_t k = 0;
    for (const char *p = d.name; *p && k < 64; p++) name[k++] = (unsigned char)*p < 0x20 ? '?' : *p;
    name[k] = '\0';
    rc = ca_errf(err, CA_EXIT_USAGE, "%s:%ld:%ld: duplicate member \"%s%s\" in %s (first at %ld:%ld); "
                 "expected each name once (JSON readers disagree on which one counts)",
                 label, line, col, name, d.name[k] ? "..." : "", d.ptr.len ? d.ptr.data : "the document root",
                 fline, fcol);
  }
  ca_buf_free(&d.ptr);
  return rc;
}

int ca_json_parse(const char *label, const char *text, size_t len, cJSON **out, ca_err *err) {
  *out = NULL;
  if (ca_json_check_text(label, text, len, err)) return -1;
  const char *end = NULL;
  cJSON *j = len ? cJSON_ParseWithLengthOpts(text, len + 1, &end, 1) : NULL;
  if (!j) return ca_json_parse_error(label, text, len, end ? (size_t)(end - text) : 0, "a JSON object", err);
  if (ca_json_check_dups(label, text, len, j, err)) {
    cJSON_Delete(j);
    return -1;
  }
  *out = j;
  return 0;
}

int ca_json_load(const char *path, long cap, cJSON **out, ca_err *err) {
  char *text;
  size_t len;
  *out = NULL;
  if (ca_read_file(path, cap, &text, &len, err)) return -1;
  int rc = ca_json_parse(path, text, len, out, err);
  free(text);
  return rc;
}

/* s with every byte that starts no well-formed UTF-8 sequence as U+FFFD, in a
 * new allocation; NULL if s is already UTF-8 (or out of memory). */
static char *utf8_fixed(const char *s) {
  size_t len = strlen(s), i = 0, k = 0;
  while (i < len && (k = ca_utf8_len((const unsigned char *)s + i, len - i))) i += k;
  if (i == len) return NULL;
  char *o = malloc(3 * len + 1), *w = o;
  if (!o) return NULL;
  for (i = 0; i < len; i += k ? k : 1) {
    k = ca_utf8_len((const unsigned char *)s + i, len - i);
    if (k) memcpy(w, s + i, k), w += k;
    else memcpy(w, "\xEF\xBF\xBD", 3), w += 3;
  }
  *w = '\0';
  return o;
}

int ca_json_make_utf8(cJSON *v) {
  int fixed = 0;
  for (; v; v = v->next) {
    char *f;
    if (v->string && !(v->type & cJSON_StringIsConst) && (f = utf8_fixed(v->string))) {
      free(v->string);
      v->string = f;
      fixed++;
    }
    if (cJSON_IsString(v) && v->valuestring && (f = utf8_fixed(v->valuestring))) {
      free(v->valuestring);
      v->valuestring = f;
      fixed++;
    }
    fixed += ca_json_make_utf8(v->child);
  }
  return fixed;
}
