#include "policy/jsonout.h"

#include <stdint.h>
#include <string.h>

/* How many of p's first n bytes print as they are: none below 0x20, no '"',
 * no '\\'.  Eight bytes at a time (each test below is exact as a yes/no for
 * the whole word: "Bit Twiddling Hacks", hasless / haszero), so a long ARN
 * or message costs a word compare per 8 bytes, not a branch per byte (a
 * finding's strings were 9 % of a user rule's instructions at 5k/750). */
static size_t plain_run(const unsigned char *p, size_t n) {
  const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    memcpy(&x, p + i, 8);
    uint64_t q = x ^ (ones * '"'), s = x ^ (ones * '\\');
    if (((x - ones * 0x20) & ~x & high) | ((q - ones) & ~q & high) | ((s - ones) & ~s & high)) break;
  }
  while (i < n && p[i] >= 0x20 && p[i] != '"' && p[i] != '\\') i++;
  return i;
}

int ca_json_add_string(ca_buf *b, const char *s) {
  static const char hex[] = "0123456789abcdef";
  const unsigned char *p = (const unsigned char *)(s ? s : "");
  size_t n = strlen((const char *)p);
  size_t run = plain_run(p, n);
  if (run == n) {                          /* nothing to escape: the common case, one copy */
    char *o = ca_buf_room(b, n + 2);
    if (!o) return -1;
    o[0] = '"';
    memcpy(o + 1, p, n);
    o[n + 1] = '"';
    ca_buf_grew(b, n + 2);
    return 0;
  }
  if (ca_buf_add(b, "\"", 1)) return -1;
  for (;;) {
    if (run && ca_buf_add(b, p, run)) return -1;
    p += run;
    n -= run;
    if (!n) break;
    char e[6] = {'\\', 0, '0', '0', 0, 0};
    size_t k = 2;
    switch (*p) {
      case '"': e[1] = '"'; break;
      case '\\': e[1] = '\\'; break;
      case '\b': e[1] = 'b'; break;
      case '\f': e[1] = 'f'; break;
      case '\n': e[1] = 'n'; break;
      case '\r': e[1] = 'r'; break;
      case '\t': e[1] = 't'; break;
      default:
        e[1] = 'u', e[4] = hex[*p >> 4], e[5] = hex[*p & 15], k = 6;
    }
    if (ca_buf_add(b, e, k)) return -1;
    p++;
    n--;
    run = plain_run(p, n);
  }
  return ca_buf_add(b, "\"", 1);
}
