/*
 * lean.h -- a results.json read back for the reports at a fraction of the
 * memory of cJSON's tree of it.
 *
 * The document is an ordinary cJSON tree (every renderer, the history and
 * the table read it as they read ca_results_load's), but its findings are
 * built one at a time from the file, never the whole text at once, and each
 * string of them -- every value and every member name -- is one copy in a
 * pool shared by all of them (a rule's title, message and remediation are
 * the same in thousands of findings): the strings are references
 * (cJSON_IsReference, cJSON_StringIsConst) that cJSON_Delete leaves alone.
 * The file is mapped and its pages let go as the reading passes them, so
 * the text is never resident whole either.
 *
 * A file this reading cannot take exactly as ca_results_load would (not
 * valid JSON, a member in the wrong place, a digest that does not match, an
 * estate.json, ...) it leaves to the caller's usual reading, so every error
 * is the one that reading gives.
 */
#ifndef CA_RESULTS_LEAN_H
#define CA_RESULTS_LEAN_H
#include <cjson/cJSON.h>

/* The strings the document's findings point at. */
typedef struct ca_lean ca_lean;

/* 0: *out is what ca_results_load(path, out, NULL, NULL, NULL, err) would
 * give (the document without its digest) and *pool its findings' strings:
 * free the pool with ca_lean_free only after cJSON_Delete(*out), and keep it
 * as long as a copy of a part of the document is in use (cJSON_Duplicate
 * keeps the member names).  -1: nothing is kept; read path the usual way. */
int ca_results_try_lean(const char *path, cJSON **out, ca_lean **pool);
void ca_lean_free(ca_lean *pool);   /* NULL is harmless */

#endif
