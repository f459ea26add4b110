/* buf.h -- a growable byte buffer with a size cap fixed at init
 * (curl's dynbuf: fields private by convention, growth past the cap fails). */
#ifndef CA_BUF_H
#define CA_BUF_H
#include <stddef.h>

typedef struct ca_buf {
  char *data;     /* NUL-terminated while len < cap */
  size_t len, alloc, cap;
  /* Optional (ca_buf_drain_to): where the bytes go once a megabyte is
   * held, so a writer that only appends never holds its whole output;
   * drained counts what went, and cap bounds drained + len. */
  int (*drain)(void *arg, const void *p, size_t n);
  void *drain_arg;
  size_t drained;
} ca_buf;

void ca_buf_init(ca_buf *b, size_t cap);
/* From now on, b hands what it holds to drain (0, or -1: the add fails)
 * whenever it would grow past CA_BUF_DRAIN_AT; data then holds only the
 * bytes not yet handed over.  Only for a buffer nobody reads back. */
#define CA_BUF_DRAIN_AT ((size_t)1 << 20)
void ca_buf_drain_to(ca_buf *b, int (*drain)(void *arg, const void *p, size_t n), void *arg);
void ca_buf_free(ca_buf *b);                 /* leaves b empty and reusable */
int ca_buf_add(ca_buf *b, const void *p, size_t n);   /* 0, or -1 past cap/OOM */
int ca_buf_adds(ca_buf *b, const char *s);
int ca_buf_printf(ca_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *ca_buf_steal(ca_buf *b);               /* caller frees; b is reset */

#endif
