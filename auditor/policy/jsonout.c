#include "policy/jsonout.h"

#include <string.h>

int ca_json_add_string(ca_buf *b, const char *s) {
  static const char hex[] = "0123456789abcdef";
  if (ca_buf_add(b, "\"", 1)) return -1;
  const unsigned char *p = (const unsigned char *)(s ? s : "");
  for (;;) {
    const unsigned char *run = p;          /* bytes printed as they are */
    while (*p >= 0x20 && *p != '"' && *p != '\\') p++;
    if (p > run && ca_buf_add(b, run, (size_t)(p - run))) return -1;
    if (!*p) break;
    char e[6] = {'\\', 0, '0', '0', 0, 0};
    size_t n = 2;
    switch (*p) {
      case '"': e[1] = '"'; break;
      case '\\': e[1] = '\\'; break;
      case '\b': e[1] = 'b'; break;
      case '\f': e[1] = 'f'; break;
      case '\n': e[1] = 'n'; break;
      case '\r': e[1] = 'r'; break;
      case '\t': e[1] = 't'; break;
      default:
        e[1] = 'u', e[4] = hex[*p >> 4], e[5] = hex[*p & 15], n = 6;
    }
    if (ca_buf_add(b, e, n)) return -1;
    p++;
  }
  return ca_buf_add(b, "\"", 1);
}
