/* jsonptr.h -- RFC 6901 JSON pointers: ARNs hold '/', so keys are escaped
 * ('~' -> "~0", '/' -> "~1"). */
#ifndef CA_JSONPTR_H
#define CA_JSONPTR_H
#include <cjson/cJSON.h>
#include "util/buf.h"

/* Appends "/" + escaped key. */
int ca_ptr_push(ca_buf *b, const char *key);
int ca_ptr_push_index(ca_buf *b, long index);   /* 0-based */
/* Resolves a pointer ("" is the root); NULL if absent or malformed. */
const cJSON *ca_ptr_get(const cJSON *root, const char *ptr);
/* The pointer of node below root (depth-first search), appended to b;
 * -1 if node is not under root. */
int ca_ptr_find(ca_buf *b, const cJSON *root, const cJSON *node);

#endif
