/* fsutil.h -- files: bounded reads, atomic writes, sorted directory listings. */
#ifndef CA_FSUTIL_H
#define CA_FSUTIL_H
#include <stddef.h>
#include "util/err.h"

/* Reads a whole file (at most cap bytes) into a NUL-terminated buffer the
 * caller frees.  Errors name the path. */
int ca_read_file(const char *path, long cap, char **data, size_t *len, ca_err *err);

/* Writes to "<path>.XXXXXX" in the same folder, fsyncs, renames over path:
 * readers see the old file or the new one, never half of one.  "-" is
 * standard output; /dev/stdout, /dev/stderr, a FIFO, a device (anything that
 * is there and not a regular file or folder) is written in place, never
 * renamed over. */
int ca_write_atomic(const char *path, const char *data, size_t len, ca_err *err);
/* The same, written in pieces (a file too large to hold in memory): open,
 * write any number of times (buffered; -1 once a write failed), then commit
 * (renames it into place; errors name the path) or abort (nothing is left
 * behind).  Both free w. */
typedef struct ca_wfile ca_wfile;
ca_wfile *ca_wfile_open(const char *path, ca_err *err);
int ca_wfile_write(ca_wfile *w, const void *data, size_t len);
int ca_wfile_commit(ca_wfile *w, ca_err *err);
void ca_wfile_abort(ca_wfile *w);   /* NULL is harmless */

/* mkdir -p */
int ca_mkdirs(const char *path, ca_err *err);

/* Entries of a folder (no "." or ".."), sorted bytewise; *names is a
 * NULL-terminated array the caller frees with ca_free_list. */
int ca_list_dir(const char *path, char ***names, size_t *count, ca_err *err);
void ca_free_list(char **names);

int ca_is_dir(const char *path);
int ca_is_file(const char *path);

/* 1 when a and b name the same file: the same inode (symbolic and hard links
 * followed) or, when neither exists yet, the same name in the same real folder. */
int ca_same_file(const char *a, const char *b);
/* An output never replaces an input: an input error naming both when out is
 * one of inputs[0..n) (NULL entries are skipped). */
/* Checks, before a long run, that path can be written as ca_write_atomic
 * writes it: not a folder, its folder exists and takes a new file. */
int ca_check_writable(const char *path, ca_err *err);
int ca_output_not_input(const char *out, const char *const *inputs, size_t n, ca_err *err);

#endif
