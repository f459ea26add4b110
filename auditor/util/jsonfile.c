#include "util/jsonfile.h"

#include <stdlib.h>
#include <string.h>

#include "util/fsutil.h"

static void where(const char *text, size_t len, size_t off, long *line, long *col) {
  *line = 1, *col = 1;
  for (size_t i = 0; i < off && i < len; i++) {
    if (text[i] == '\n') { (*line)++; *col = 1; }
    else (*col)++;
  }
}

/* Length of the UTF-8 sequence at p (at most n bytes), 0 when it is not
 * well-formed (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF). */
static size_t utf8_len(const unsigned char *p, size_t n) {
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

int ca_json_check_text(const char *label, const char *text, size_t len, ca_err *err) {
  const unsigned char *t = (const unsigned char *)text;
  int in_str = 0;
  for (size_t i = 0; i < len;) {
    const char *what = NULL;
    size_t k = 1;
    if (t[i] == 0) what = "a NUL byte; expected UTF-8 JSON text";
    else if (t[i] >= 0x80 && !(k = utf8_len(t + i, len - i))) what = "not UTF-8; expected UTF-8 JSON text";
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

int ca_json_parse(const char *label, const char *text, size_t len, cJSON **out, ca_err *err) {
  *out = NULL;
  if (ca_json_check_text(label, text, len, err)) return -1;
  const char *end = NULL;
  cJSON *j = len ? cJSON_ParseWithLengthOpts(text, len + 1, &end, 1) : NULL;
  if (!j) {
    size_t off = end ? (size_t)(end - text) : 0;
    long line, col;
    where(text, len, off, &line, &col);
    return ca_errf(err, CA_EXIT_USAGE, "%s:%ld:%ld: %s", label, line, col,
                   len == 0 ? "empty file; expected a JSON object"
                   : off >= len ? "unexpected end of file; expected more JSON (truncated?)"
                   : "invalid JSON; expected a JSON value");
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
  while (i < len && (k = utf8_len((const unsigned char *)s + i, len - i))) i += k;
  if (i == len) return NULL;
  char *o = malloc(3 * len + 1), *w = o;
  if (!o) return NULL;
  for (i = 0; i < len; i += k ? k : 1) {
    k = utf8_len((const unsigned char *)s + i, len - i);
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
