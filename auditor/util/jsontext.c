#include "util/jsontext.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/jsonfile.h"

/* ---- checking ---------------------------------------------------------- */

typedef struct scan {
  const unsigned char *p;
  size_t n, i;
  int max_depth;
} scan;

/* One of cJSON's escapes at p[i] ('\\'): its length, 0 if cJSON would
 * write that character another way (print_string_ptr: the six short ones,
 * \u%04x for the other bytes below 32, everything else as it is). */
static size_t escape_len(const unsigned char *p, size_t i, size_t n) {
  if (i + 1 >= n) return 0;
  switch (p[i + 1]) {
    case '"': case '\\': case 'b': case 'f': case 'n': case 'r': case 't': return 2;
    case 'u': break;
    default: return 0;
  }
  if (i + 5 >= n || p[i + 2] != '0' || p[i + 3] != '0' || (p[i + 4] != '0' && p[i + 4] != '1')) return 0;
  unsigned char lo = p[i + 5];
  int v = lo >= '0' && lo <= '9' ? lo - '0' : lo >= 'a' && lo <= 'f' ? lo - 'a' + 10 : -1;
  if (v < 0) return 0;
  v += (p[i + 4] - '0') * 16;
  /* \u0000 would cut the string; the short escapes are written short */
  return v == 0 || v == '\b' || v == '\f' || v == '\n' || v == '\r' || v == '\t' ? 0 : 6;
}

/* Nonzero iff one of the 8 bytes at p would not stand for itself in a
 * canonical string: below 0x20, 0x80 or above, '"' or '\\' (each test is
 * exact for "any": (x - k*1s) & ~x & 0x80s is nonzero iff a byte of x is
 * below k, for k <= 0x80). */
static inline uint64_t not_plain(const unsigned char *p) {
  const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  uint64_t w, q, b;
  memcpy(&w, p, sizeof w);
  q = w ^ (ones * '"');
  b = w ^ (ones * '\\');
  return (w | ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((b - ones) & ~b)) & highs;
}

static int string_ok(scan *s) {
  size_t i = s->i + 1;
  while (i < s->n) {
    /* printable ASCII, 8 bytes a step: what the byte loop takes one by one */
    while (s->n - i >= 8 && !not_plain(s->p + i)) i += 8;
    if (i >= s->n) break;
    unsigned char c = s->p[i];
    if (c == '"') {
      s->i = i + 1;
      return 1;
    }
    size_t k = c == '\\' ? escape_len(s->p, i, s->n) : c < 0x20 ? 0 : c < 0x80 ? 1 : ca_utf8_len(s->p + i, s->n - i);
    if (!k) return 0;
    i += k;
  }
  return 0;
}

/* A number is canonical when cJSON prints what it parses from it the same. */
static int number_ok(scan *s) {
  size_t i = s->i;
  while (i < s->n && strchr("0123456789+-.eE", s->p[i]) && s->p[i]) i++;
  size_t len = i - s->i;
  if (!len || len > 64) return 0;
  cJSON *v = cJSON_ParseWithLength((const char *)s->p + s->i, len);
  char *again = cJSON_IsNumber(v) ? cJSON_PrintUnformatted(v) : NULL;
  int ok = again && strlen(again) == len && !memcmp(again, s->p + s->i, len);
  free(again);
  cJSON_Delete(v);
  if (ok) s->i = i;
  return ok;
}

static int literal_ok(scan *s, const char *word) {
  size_t k = strlen(word);
  if (s->n - s->i < k || memcmp(s->p + s->i, word, k)) return 0;
  s->i += k;
  return 1;
}

static int value_ok(scan *s, int depth) {
  if (s->i >= s->n) return 0;
  unsigned char c = s->p[s->i];
  if (c == '"') return string_ok(s);
  if (c == 't') return literal_ok(s, "true");
  if (c == 'f') return literal_ok(s, "false");
  if (c == 'n') return literal_ok(s, "null");
  if (c != '{' && c != '[') return number_ok(s);
  if (depth >= s->max_depth) return 0;
  unsigned char close = c == '{' ? '}' : ']';
  s->i++;
  if (s->i < s->n && s->p[s->i] == close) {
    s->i++;
    return 1;
  }
  for (;;) {
    if (c == '{') {
      if (s->i >= s->n || s->p[s->i] != '"' || !string_ok(s) || s->i >= s->n || s->p[s->i] != ':') return 0;
      s->i++;
    }
    if (!value_ok(s, depth + 1) || s->i >= s->n) return 0;
    if (s->p[s->i] == close) {
      s->i++;
      return 1;
    }
    if (s->p[s->i++] != ',') return 0;
  }
}

size_t ca_json_canonical(const char *p, size_t n, int max_depth) {
  scan s = {(const unsigned char *)p, n, 0, max_depth};
  return value_ok(&s, 0) ? s.i : 0;
}

/* ---- reading canonical text ---------------------------------------------- */

/* The end of the string that starts at p[i] ('"'), past its closing quote;
 * 0 if it does not end.  The quote or backslash a word at a time. */
static size_t string_end(const char *p, size_t i, size_t n) {
  for (i++; i < n; i += 2) {   /* at a backslash: past it and the byte it escapes */
    i = ca_json_quote_or_backslash(p, i, n);
    if (i >= n) return 0;
    if (p[i] == '"') return i + 1;
  }
  return 0;
}

size_t ca_json_skip(const char *p, size_t n) {
  if (!n) return 0;
  if (p[0] == '"') return string_end(p, 0, n);
  size_t i = 0;
  if (p[0] != '{' && p[0] != '[') {
    while (i < n && p[i] != ',' && p[i] != ']' && p[i] != '}') i++;
    return i;
  }
  long depth = 0;
  while (i < n) {
    char c = p[i];
    if (c == '"') {
      if (!(i = string_end(p, i, n))) return 0;
      continue;
    }
    i++;
    if (c == '{' || c == '[') depth++;
    else if ((c == '}' || c == ']') && --depth == 0) return i;
  }
  return 0;
}

/* ---- laying out ------------------------------------------------------------
 * cJSON_Print (print_object, print_array): an object is "{\n", each member on
 * its own line after depth+1 tabs as "name":\tvalue, ",\n" between members,
 * "\n" and depth tabs before "}" (an empty one "{\n", depth tabs, "}"); an
 * array keeps its elements on one line, ", " between them ("[]" when
 * empty); both count one level deeper for what they hold.  Strings and
 * numbers print the same formatted or not, so they are copied. */

#define MAX_LAYOUT_DEPTH 1100   /* deeper than cJSON's nesting limit (1000) plus a document's own levels */

static int tabs(ca_buf *out, int k) {
  static const char t[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
  for (; k > 0; k -= (int)(sizeof t - 1))
    if (ca_buf_add(out, t, k < (int)(sizeof t - 1) ? (size_t)k : sizeof t - 1)) return -1;
  return 0;
}

/* With one: stops once the first value is laid out, *one its length. */
static int layout(ca_buf *out, const char *p, size_t n, int depth, size_t *one) {
  unsigned char in[MAX_LAYOUT_DEPTH];   /* '{' or '[' for each open container */
  int open = 0, rc = 0;
  size_t i = 0;
  while (i < n && !rc) {
    char c = p[i];
    size_t run = i;
    switch (c) {
      case '"': {
        size_t e = string_end(p, i, n);
        if (!e) return -1;
        rc = ca_buf_add(out, p + i, e - i);
        i = e;
        continue;
      }
      case '{':
      case '[':
        if (i + 1 < n && p[i + 1] == (c == '{' ? '}' : ']')) {
          rc = c == '{' ? ca_buf_add(out, "{\n", 2) || tabs(out, depth) || ca_buf_add(out, "}", 1)
                        : ca_buf_add(out, "[]", 2);
          i += 2;
          if (one && !open) {
            *one = i;
            return rc ? -1 : 0;
          }
          continue;
        }
        if (open == MAX_LAYOUT_DEPTH) return -1;
        in[open++] = (unsigned char)c;
        depth++;
        rc = c == '{' ? ca_buf_add(out, "{\n", 2) || tabs(out, depth) : ca_buf_add(out, "[", 1);
        break;
      case '}':
      case ']':
        if (!open) return -1;
        open--;
        depth--;
        rc = c == '}' ? ca_buf_add(out, "\n", 1) || tabs(out, depth) || ca_buf_add(out, "}", 1)
                      : ca_buf_add(out, "]", 1);
        if (one && !open) {
          *one = i + 1;
          return rc ? -1 : 0;
        }
        break;
      case ',':
        rc = open && in[open - 1] == '{' ? ca_buf_add(out, ",\n", 2) || tabs(out, depth) : ca_buf_add(out, ", ", 2);
        break;
      case ':':
        rc = ca_buf_add(out, ":\t", 2);
        break;
      default:   /* a number or a literal: up to the next delimiter */
        while (run < n && p[run] != ',' && p[run] != ']' && p[run] != '}' && p[run] != '"' && p[run] != ':') run++;
        rc = ca_buf_add(out, p + i, run - i);
        i = run;
        continue;
    }
    i++;
  }
  return rc || open ? -1 : 0;
}

int ca_json_layout(ca_buf *out, const char *p, size_t n, int depth) { return layout(out, p, n, depth, NULL); }

size_t ca_json_layout_container(ca_buf *out, const char *p, size_t n, int depth) {
  size_t one = 0;
  if (!n || (p[0] != '{' && p[0] != '[')) return 0;
  return layout(out, p, n, depth, &one) ? 0 : one;
}
