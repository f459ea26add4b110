#define _GNU_SOURCE   /* mremap */
#include "util/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int (*ca_buf_madvise)(void *addr, size_t len, int advice) = madvise;

/* A mapping grows in whole huge pages: a size the kernel places on a 2 MiB
 * boundary, so that all of it can be huge pages. */
#define MAP_STEP ((size_t)2 << 20)

void ca_buf_init(ca_buf *b, size_t cap) {
  b->data = NULL;
  b->len = b->alloc = 0;
  b->cap = cap;
  b->drain = NULL;
  b->drain_arg = NULL;
  b->drained = 0;
  b->big = b->mapped = b->shared = 0;
}

void ca_buf_big(ca_buf *b) { b->big = 1; }

void ca_buf_drain_to(ca_buf *b, int (*drain)(void *arg, const void *p, size_t n), void *arg) {
  b->drain = drain;
  b->drain_arg = arg;
}

void ca_buf_free(ca_buf *b) {
  if (b->mapped) munmap(b->data, b->alloc);
  else free(b->data);
  b->data = NULL;
  b->len = b->alloc = 0;
  b->mapped = b->shared = 0;
}

void ca_buf_adopt_shared(ca_buf *b, char *map, size_t size, size_t len) {
  b->data = map;
  b->alloc = size;
  b->len = len;
  b->data[len] = '\0';
  b->big = b->mapped = b->shared = 1;
}

/* A fresh mapping of size bytes holding b's len + 1, or NULL. */
static char *map_new(ca_buf *b, size_t size) {
  char *d = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (d == MAP_FAILED) return NULL;
  /* both only make it cheaper: without them the bytes are still right */
#ifdef MADV_HUGEPAGE
  ca_buf_madvise(d, size, MADV_HUGEPAGE);
#endif
#ifdef MADV_DONTFORK
  ca_buf_madvise(d, size, MADV_DONTFORK);
#endif
  if (b->data) memcpy(d, b->data, b->len + 1);
  if (b->mapped) munmap(b->data, b->alloc);   /* a shared mapping, moved to a private one */
  else free(b->data);
  return d;
}

/* b's storage resized to want bytes, or -1 leaving b as it was. */
static int resize(ca_buf *b, size_t want) {
  char *d = b->data;
  if (b->mapped && want < b->alloc) {   /* shrinking (ca_buf_shrink): the tail is given back */
    size_t pg = (size_t)sysconf(_SC_PAGESIZE);
    want = (want + pg - 1) / pg * pg;
    if (want >= b->alloc) return 0;
    /* a shared mapping's pages belong to its object, not to the range:
     * unmapping alone would keep them until the whole is unmapped */
#ifdef MADV_REMOVE
    if (b->shared) madvise(b->data + want, b->alloc - want, MADV_REMOVE);
#endif
    if (munmap(b->data + want, b->alloc - want)) return -1;
  } else if (b->mapped || (b->big && want > CA_BUF_MAP_AT)) {
    want = (want + MAP_STEP - 1) / MAP_STEP * MAP_STEP;
    /* a shared mapping cannot grow (past its object a page is SIGBUS): a copy */
    d = b->mapped && !b->shared ? mremap(b->data, b->alloc, want, MREMAP_MAYMOVE) : map_new(b, want);
    if (d == MAP_FAILED || !d) return -1;
    b->mapped = 1;
    b->shared = 0;
  } else if (!(d = realloc(b->data, want))) {
    return -1;
  }
  b->data = d;
  b->alloc = want;
  return 0;
}

/* Room for n more bytes and the NUL, draining first if b does; -1 past cap/OOM. */
static int reserve(ca_buf *b, size_t n) {
  if (n > b->cap || b->drained > b->cap - n || b->len > b->cap - n - b->drained) return -1;
  if (b->drain && b->len && b->len + n + 1 > b->alloc && b->len + n >= CA_BUF_DRAIN_AT) {
    if (b->drain(b->drain_arg, b->data, b->len)) return -1;
    b->drained += b->len;
    b->len = 0;
    b->data[0] = '\0';
  }
  if (b->len + n + 1 <= b->alloc) return 0;
  size_t want = b->alloc ? b->alloc : 256;
  while (want < b->len + n + 1) want *= 2;
  return resize(b, want);
}

int ca_buf_add(ca_buf *b, const void *p, size_t n) {
  if (reserve(b, n)) return -1;
  if (n) memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
  return 0;
}

char *ca_buf_room(ca_buf *b, size_t n) { return reserve(b, n) ? NULL : b->data + b->len; }

void ca_buf_grew(ca_buf *b, size_t n) {
  b->len += n;
  b->data[b->len] = '\0';
}

void ca_buf_shrink(ca_buf *b) {
  if (b->data && b->len + 1 < b->alloc) resize(b, b->len + 1);   /* on failure it keeps its room */
}

int ca_buf_adds(ca_buf *b, const char *s) { return ca_buf_add(b, s, strlen(s)); }

int ca_buf_printf(ca_buf *b, const char *fmt, ...) {
  char small[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n < 0) return -1;
  if ((size_t)n < sizeof small) return ca_buf_add(b, small, (size_t)n);
  char *big = malloc((size_t)n + 1);
  if (!big) return -1;
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  int rc = ca_buf_add(b, big, (size_t)n);
  free(big);
  return rc;
}

char *ca_buf_steal(ca_buf *b) {
  char *d = b->data;
  if (b->mapped) {   /* the caller frees with free(): a copy */
    d = malloc(b->len + 1);
    if (d) memcpy(d, b->data, b->len + 1);
    munmap(b->data, b->alloc);
    b->mapped = b->shared = 0;
  } else if (!d) {
    d = calloc(1, 1);
  }
  b->data = NULL;
  b->len = b->alloc = 0;
  return d;
}
