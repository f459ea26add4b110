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
