#include "util/tar.h"

#include <stdio.h>
#include <string.h>

#define BLOCK 512

int ca_tar_name_ok(const char *name, size_t n) {
  if (!n || n > CA_TAR_MAX_NAME || (n == 1 && name[0] == '.') || (n == 2 && !memcmp(name, "..", 2))) return 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)name[i];
    if (c == '/' || c <= 0x20 || c >= 0x7f) return 0;
  }
  return 1;
}

static int flat_name(const char *name) { return ca_tar_name_ok(name, strlen(name)); }

static unsigned checksum(const unsigned char *h) {
  unsigned sum = 0;
  for (int i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? ' ' : h[i];
  return sum;
}

int ca_tar_add(ca_buf *out, const char *name, const void *data, size_t len, long long mtime) {
  unsigned char h[BLOCK] = {0};
  /* 11 octal digits: sizes and times below 8 GiB and the year 2242 */
  if (!flat_name(name) || len > 077777777777ULL || mtime < 0 || mtime > 077777777777LL) return -1;
  memcpy(h, name, strlen(name));
  memcpy(h + 100, "0000644", 8);
  memcpy(h + 108, "0000000", 8);
  memcpy(h + 116, "0000000", 8);
  snprintf((char *)h + 124, 12, "%011llo", (unsigned long long)len);
  snprintf((char *)h + 136, 12, "%011llo", (unsigned long long)mtime);
  h[156] = '0';
  memcpy(h + 257, "ustar", 6);   /* with its NUL */
  memcpy(h + 263, "00", 2);
  memcpy(h + 265, "root", 4);
  memcpy(h + 297, "root", 4);
  memcpy(h + 329, "0000000", 8);
  memcpy(h + 337, "0000000", 8);
  snprintf((char *)h + 148, 8, "%06o", checksum(h));
  h[155] = ' ';
  static const char zero[BLOCK];
  if (ca_buf_add(out, h, BLOCK) || ca_buf_add(out, data, len)) return -1;
  return len % BLOCK ? ca_buf_add(out, zero, BLOCK - len % BLOCK) : 0;
}

int ca_tar_end(ca_buf *out) {
  static const char zero[2 * BLOCK];
  return ca_buf_add(out, zero, sizeof zero);
}

/* An octal field of n bytes: digits, then NUL or space padding; -1 if not. */
static long long octal(const unsigned char *f, size_t n) {
  size_t i = 0;
  long long v = 0;
  while (i < n && f[i] == ' ') i++;
  size_t start = i;
  for (; i < n && f[i] >= '0' && f[i] <= '7'; i++) {
    if (v > (1LL << 40)) return -1;
    v = v * 8 + (f[i] - '0');
  }
  if (i == start) return -1;
  for (; i < n; i++)
    if (f[i] != '\0' && f[i] != ' ') return -1;
  return v;
}

int ca_tar_read(const char *label, const char *tar, size_t len, ca_tar_member m[CA_TAR_MAX_MEMBERS], size_t *n,
                ca_err *err) {
  static const unsigned char zero[BLOCK];
  size_t off = 0;
  *n = 0;
  for (;;) {
    if (len - off < BLOCK)
      return ca_errf(err, CA_EXIT_USAGE, "%s: byte %zu: the archive ends without its end blocks (cut short?)", label,
                     off);
    const unsigned char *h = (const unsigned char *)tar + off;
    if (!memcmp(h, zero, BLOCK)) break;   /* the end of the archive */
    long long sum = octal(h + 148, 8), size = octal(h + 124, 12);
    if (sum < 0 || (unsigned)sum != checksum(h))
      return ca_errf(err, CA_EXIT_USAGE, "%s: byte %zu: not a tar header (its checksum does not match)", label, off);
    if (memcmp(h + 257, "ustar", 5))
      return ca_errf(err, CA_EXIT_USAGE, "%s: byte %zu: not a ustar header", label, off);
    char name[101] = {0};
    memcpy(name, h, 100);
    if (h[345] || !memchr(h, 0, 100) || !flat_name(name))   /* no prefix: flat names of at most 99 bytes */
      return ca_errf(err, CA_EXIT_USAGE, "%s: byte %zu: a member whose name is not a plain file name", label, off);
    if (h[156] != '0' && h[156] != '\0')
      return ca_errf(err, CA_EXIT_USAGE, "%s: %s (byte %zu): not a regular file (type '%c')", label, name, off,
                     h[156] >= 0x20 && h[156] < 0x7f ? h[156] : '?');
    if (size < 0)
      return ca_errf(err, CA_EXIT_USAGE, "%s: %s (byte %zu): its size is not an octal number", label, name, off);
    off += BLOCK;
    if ((unsigned long long)size > len - off)
      return ca_errf(err, CA_EXIT_USAGE, "%s: %s (byte %zu): %lld bytes, past the end of the archive", label, name,
                     off - BLOCK, size);
    for (size_t i = 0; i < *n; i++)
      if (!strcmp(m[i].name, name))
        return ca_errf(err, CA_EXIT_USAGE, "%s: %s: in the archive twice", label, name);
    if (*n == CA_TAR_MAX_MEMBERS)
      return ca_errf(err, CA_EXIT_USAGE, "%s: more than %d members", label, CA_TAR_MAX_MEMBERS);
    snprintf(m[*n].name, sizeof m[*n].name, "%s", name);
    m[*n].data = tar + off;
    m[*n].len = (size_t)size;
    (*n)++;
    size_t padded = ((size_t)size + BLOCK - 1) / BLOCK * BLOCK;
    off += padded > len - off ? len - off : padded;
  }
  return 0;
}
