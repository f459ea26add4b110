/*
 * snapshot.h -- snapshot v1 (docs/snapshot.md): load, check the shape the
 * rules rely on, and index resources by type and ARN.
 */
#ifndef CA_SNAPSHOT_H
#define CA_SNAPSHOT_H
#include <stddef.h>
#include <cjson/cJSON.h>
#include "util/err.h"

#define CA_SNAPSHOT_SCHEMA "connect-auditor/snapshot/v1"

typedef struct ca_resource {
  const char *type;          /* owned by the snapshot */
  const char *arn;
  const char *name;
  const char *region;
  const cJSON *container;    /* {name, region, data} */
  const cJSON *data;
  long line;                 /* line of its ARN key in the snapshot text; 0: unknown (adopted tree) */
} ca_resource;

typedef struct ca_snapshot ca_snapshot;

/* CONSTRUCTOR. Reads, parses and checks path.  Errors (code CA_EXIT_USAGE)
 * name the file and the line:column or JSON pointer, and what was expected. */
int ca_snapshot_load(const char *path, ca_snapshot **out, ca_err *err);
/* CONSTRUCTOR. The same from memory (text[len] must be NUL; hashed the same
 * way, so verify --reaudit audits a bundle's snapshot as audit did the file);
 * label names it. */
int ca_snapshot_parse(const char *label, const char *text, size_t len, ca_snapshot **out, ca_err *err);
/* CONSTRUCTOR. Takes ownership of root (freed on error too). */
int ca_snapshot_adopt(const char *label, cJSON *root, ca_snapshot **out, ca_err *err);
/* DESTRUCTOR. NULL is harmless. */
void ca_snapshot_free(ca_snapshot *s);

const cJSON *ca_snapshot_root(const ca_snapshot *s);
/* SHA-256 of the file's bytes as read ("" for adopted trees). */
const char *ca_snapshot_sha256(const ca_snapshot *s);
/* Resources of one type, sorted by ARN; *n set. */
const ca_resource *ca_snapshot_of_type(const ca_snapshot *s, const char *type, size_t *n);
/* All resources sorted by (type, ARN). */
const ca_resource *ca_snapshot_all(const ca_snapshot *s, size_t *n);
/* One resource, or NULL.  type may be NULL: any type. */
const ca_resource *ca_snapshot_lookup(const ca_snapshot *s, const char *type, const char *arn);

#endif
