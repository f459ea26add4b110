/* tar.h -- the POSIX ustar archives of evidence bundles (docs/evidence.md):
 * regular files with short flat names, written deterministically (mode 0644,
 * owner 0/0 "root", one mtime), read back with every header checked. */
#ifndef CA_TAR_H
#define CA_TAR_H
#include <stddef.h>
#include "util/buf.h"
#include "util/err.h"

/* Names are at most this long, without '/': bundles are flat. */
#define CA_TAR_MAX_NAME 99
/* A bundle has at most this many members (bundle refuses to write more):
 * the snapshot, results.json, the waivers and attestations, each report's
 * files -- asff's a file per 100 findings, so up to about 100,000 findings --
 * and the manifest with its signature.  Readers keep them on the stack
 * (about 120 bytes each). */
#define CA_TAR_MAX_MEMBERS 1024

/* 1 when the n bytes of name are a flat name a bundle may hold: printable
 * ASCII without space or '/', not "." or "..", at most CA_TAR_MAX_NAME bytes. */
int ca_tar_name_ok(const char *name, size_t n);

/* Appends one member (header, data, padding to 512 bytes); -1 when out is
 * full or the name is not a flat name of at most CA_TAR_MAX_NAME bytes. */
int ca_tar_add(ca_buf *out, const char *name, const void *data, size_t len, long long mtime);
/* Appends the end of the archive (two zero blocks). */
int ca_tar_end(ca_buf *out);

typedef struct ca_tar_member {
  char name[CA_TAR_MAX_NAME + 1];
  const char *data;   /* into the archive's bytes */
  size_t len;
} ca_tar_member;

/* Lists the members of an archive in its bytes: *n of them into m.  Refuses
 * (CA_EXIT_USAGE, naming label, the member and its offset) a header whose
 * checksum is wrong, anything but a regular file, a name with '/' or
 * control characters, a name twice, a member past the end, more than
 * CA_TAR_MAX_MEMBERS. */
int ca_tar_read(const char *label, const char *tar, size_t len, ca_tar_member m[CA_TAR_MAX_MEMBERS], size_t *n,
                ca_err *err);

#endif
