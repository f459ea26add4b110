#include "util/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ca_buf_init(ca_buf *b, size_t cap) {
  b->data = NULL;
  b->len = b->alloc = 0;
  b->cap = cap;
  b->drain = NULL;
  b->drain_arg = NULL;
  b->drained = 0;
}

void ca_buf_drain_to(ca_buf *b, int (*drain)(void *arg, const void *p, size_t n), void *arg) {
  b->drain = drain;
  b->drain_arg = arg;
}

void ca_buf_free(ca_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->alloc = 0;
}

int ca_buf_add(ca_buf *b, const void *p, size_t n) {
  if (n > b->cap || b->drained > b->cap - n || b->len > b->cap - n - b->drained) return -1;
  if (b->drain && b->len && b->len + n + 1 > b->alloc && b->len + n >= CA_BUF_DRAIN_AT) {
    if (b->drain(b->drain_arg, b->data, b->len)) return -1;
    b->drained += b->len;
    b->len = 0;
    b->data[0] = '\0';
  }
  if (b->len + n + 1 > b->alloc) {
    size_t want = b->alloc ? b->alloc : 256;
    while (want < b->len + n + 1) want *= 2;
    char *d = realloc(b->data, want);
    if (!d) return -1;
    b->data = d;
    b->alloc = want;
  }
  if (n) memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
  return 0;
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
  if (!d) d = calloc(1, 1);
  b->data = NULL;
  b->len = b->alloc = 0;
  return d;
}
