/* fsutil.h -- files: bounded reads, atomic writes, sorted directory listings. */
#ifndef CA_FSUTIL_H
#define CA_FSUTIL_H
#include <stddef.h>
#include "util/err.h"

/* Reads a whole file (at most cap bytes) into a NUL-terminated buffer the
 * caller frees.  Errors name the path. */
int ca_read_file(const char *path, long cap, char **data, size_t *len, ca_err *err);

/* Writes to "<path>.XXXXXX" in the same folder, fsyncs, renames over path:
 * readers see the old file or the new one, never half of one. */
int ca_write_atomic(const char *path, const char *data, size_t len, ca_err *err);

/* mkdir -p */
int ca_mkdirs(const char *path, ca_err *err);

/* Entries of a folder (no "." or ".."), sorted bytewise; *names is a
 * NULL-terminated array the caller frees with ca_free_list. */
int ca_list_dir(const char *path, char ***names, size_t *count, ca_err *err);
void ca_free_list(char **names);

int ca_is_dir(const char *path);
int ca_is_file(const char *path);

#endif
