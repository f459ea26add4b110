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
  /* ca_buf_big: once past CA_BUF_MAP_AT the bytes are a mapping of their
   * own (mapped), not malloc's. */
  unsigned char big, mapped;
  /* ca_buf_adopt_shared: the mapping is MAP_SHARED (a rule process wrote
   * it): shrinking gives its tail's pages back (MADV_REMOVE), growing past
   * it moves the bytes to a private mapping (a shared one cannot grow). */
  unsigned char shared;
} ca_buf;

void ca_buf_init(ca_buf *b, size_t cap);
/* From now on, b hands what it holds to drain (0, or -1: the add fails)
 * whenever it would grow past CA_BUF_DRAIN_AT; data then holds only the
 * bytes not yet handed over.  Only for a buffer nobody reads back. */
#define CA_BUF_DRAIN_AT ((size_t)1 << 20)
void ca_buf_drain_to(ca_buf *b, int (*drain)(void *arg, const void *p, size_t n), void *arg);
/* For a big buffer only this process touches (a rule's output, its kept
 * findings: hundreds of MB in an audit at scale): past CA_BUF_MAP_AT its
 * bytes move to a mapping of their own, in huge pages where the kernel has
 * them (a fault per 2 MiB, not per 4 KiB: faults are what growing costs
 * here), that grows by mremap (page tables move, bytes are not copied) and
 * that no fork copies (MADV_DONTFORK: a rule process is forked while the
 * parent holds every finding so far).  So a child must never touch it: the
 * range is not mapped there.  Where huge pages are off or madvise fails it
 * is only slower.  Call it on an empty buffer, after ca_buf_init. */
#define CA_BUF_MAP_AT ((size_t)4 << 20)
void ca_buf_big(ca_buf *b);
/* The madvise ca_buf_big's mappings are advised with (a test makes it fail). */
extern int (*ca_buf_madvise)(void *addr, size_t len, int advice);
/* b (empty, just initialised) takes map, a MAP_SHARED mapping of size
 * bytes (page-aligned) whose first len bytes (len < size) are its content;
 * map[len] becomes the NUL.  From then on b owns the mapping. */
void ca_buf_adopt_shared(ca_buf *b, char *map, size_t size, size_t len);
void ca_buf_free(ca_buf *b);                 /* leaves b empty and reusable */
int ca_buf_add(ca_buf *b, const void *p, size_t n);   /* 0, or -1 past cap/OOM */
int ca_buf_adds(ca_buf *b, const char *s);
/* Room for n more bytes at data + len, for a reader to fill in place (a
 * read(2) straight into the buffer); NULL past cap/OOM.  Then ca_buf_grew
 * with the count it filled (at most n): len grows by it. */
char *ca_buf_room(ca_buf *b, size_t n);
void ca_buf_grew(ca_buf *b, size_t n);
/* Gives back the spare room past len (realloc, or the mapping's tail). */
void ca_buf_shrink(ca_buf *b);
int ca_buf_printf(ca_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *ca_buf_steal(ca_buf *b);               /* caller frees; b is reset */

#endif
