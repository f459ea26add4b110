/* import.h -- a snapshot from a folder of AWS CLI outputs (docs/import.md). */
#ifndef CA_IMPORT_H
#define CA_IMPORT_H
#include <cjson/cJSON.h>
#include "util/err.h"

typedef struct ca_import_opts {
  int quiet;          /* no progress lines on stderr */
  int allow_unused;   /* files import does not read are listed, not refused */
  long long now;      /* collected_at, seconds since the epoch */
} ca_import_opts;

/* CONSTRUCTOR of *snapshot (the caller deletes it), built by the collectors'
 * own mapping from the answers in dir.  Fails with CA_EXIT_USAGE on a file
 * that is not JSON (naming it, line:col), a folder without
 * connect/describe-instance.json, or files it did not read (unless
 * allow_unused). */
int ca_import(const char *dir, const ca_import_opts *o, cJSON **snapshot, ca_err *err);

#endif
