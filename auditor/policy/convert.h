/* convert.h -- Lua values to JSON, for findings, metadata and test cases. */
#ifndef CA_CONVERT_H
#define CA_CONVERT_H
#include <lua.h>
#include <cjson/cJSON.h>
#include "util/buf.h"

/* The JSON null of test files (a light userdata nothing else produces). */
void ca_push_null(lua_State *L);
/* object(t): marks t so that it serialises as {} even when empty. */
int ca_lua_object(lua_State *L);

/* Converts the value at idx.  Tables with keys 1..n (or empty) become arrays,
 * string-keyed tables objects; views are copied; nil gives NULL without error
 * only when allow_nil.  On error returns NULL and writes why into why. */
cJSON *ca_lua_to_json(lua_State *L, int idx, int allow_nil, char *why, size_t whylen);

#endif
