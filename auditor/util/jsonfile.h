/* jsonfile.h -- JSON input files (parameters, waivers, attestations,
 * results; the snapshot loader shares the checks): bounded read, errors with file:line:column. */
#ifndef CA_JSONFILE_H
#define CA_JSONFILE_H
#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "util/err.h"

/* Reads at most cap bytes of path, then ca_json_parse. */
int ca_json_load(const char *path, long cap, cJSON **out, ca_err *err);
/* Parses text already read (label names it in messages); refuses a NUL
 * byte, a \u0000 escape (cJSON would cut the string there) and bytes that are
 * not UTF-8 (they would reach results.json and make it invalid). */
int ca_json_parse(const char *label, const char *text, size_t len, cJSON **out, ca_err *err);
int ca_json_check_text(const char *label, const char *text, size_t len, ca_err *err);
/* 1 when text[0..len) certainly passes ca_json_check_text (no NUL, well-formed
 * UTF-8, no \u0000 escape): the fast scan that check runs first; 0 when
 * unsure (then the check's byte loop decides, and says where). */
int ca_json_text_plain(const char *text, size_t len);
/* The index of the first '"' or '\\' in t[i..len) (i <= len), len if none:
 * 8 bytes a step, for the scans that skip strings.  (x - 1s) & ~x & 0x80s is
 * nonzero iff x has a zero byte, and its lowest set bit marks the first one
 * (a false mark can only follow a true one), so on a little-endian machine
 * the bit says where; elsewhere a byte loop over the word does. */
static inline size_t ca_json_quote_or_backslash(const char *t, size_t i, size_t len) {
  const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  while (len - i >= 8) {
    uint64_t w, q, b, m;
    memcpy(&w, t + i, sizeof w);
    q = w ^ (ones * '"');
    b = w ^ (ones * '\\');
    m = (((q - ones) & ~q) | ((b - ones) & ~b)) & highs;
    if (m) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
      return i + (size_t)(__builtin_ctzll(m) >> 3);
#else
      break;
#endif
    }
    i += 8;
  }
  while (i < len && t[i] != '"' && t[i] != '\\') i++;
  return i;
}
/* Length of the UTF-8 sequence at p (at most n bytes, n >= 1), 0 when it is
 * not well-formed (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF). */
size_t ca_utf8_len(const unsigned char *p, size_t n);
/* Replaces, in place, every byte of v's strings and member names (v, its
 * siblings after it and everything below) that is not well-formed UTF-8 by
 * U+FFFD, so a writer never sees such bytes.  Returns how many strings changed. */
int ca_json_make_utf8(cJSON *v);
/* A duplicate member name anywhere in root (parsed from text) is an input
 * error at its line:column: readers disagree on which of the two counts. */
int ca_json_check_dups(const char *label, const char *text, size_t len, const cJSON *root, ca_err *err);
/* The message for text that cJSON stopped reading at off: empty (then
 * "expected <expected>"), nested deeper than CA_MAX_JSON_DEPTH, truncated, an
 * unterminated string, or what may come there.  Returns -1. */
int ca_json_parse_error(const char *label, const char *text, size_t len, size_t off, const char *expected,
                        ca_err *err);

#endif
