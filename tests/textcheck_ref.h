/* textcheck_ref.h -- the byte loop ca_json_check_text was before its fast
 * scan (util/jsonfile.c), kept verbatim as the oracle the tests hold that
 * scan to: check_jsontext.c and the fuzz_snapshot target. */
#ifndef CA_TEXTCHECK_REF_H
#define CA_TEXTCHECK_REF_H
#include <stdio.h>
#include <string.h>

#include "util/jsonfile.h"

/* 0 when the text is fine, else -1 with what and where in msg:
 * "LINE:COL (byte OFF): WHAT", as the check reports it after its label. */
static inline int ref_check_text(const char *text, size_t len, char *msg, size_t n) {
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
      long line = 1, col = 1;
      for (size_t j = 0; j < i; j++) {
        if (text[j] == '\n') line++, col = 1;
        else col++;
      }
      snprintf(msg, n, "%ld:%ld (byte %zu): %s", line, col, i, what);
      return -1;
    }
    i += k;
  }
  if (n) msg[0] = '\0';
  return 0;
}

#endif
