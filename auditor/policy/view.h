/*
 * view.h -- read-only Lua views over the parsed snapshot (lazy proxies).
 *
 * A view is a userdata pointing at a cJSON node; indexing it pushes scalars
 * as Lua values and containers as further views.  Nothing is copied up front,
 * so a rule touching three fields of 20,000 users pays for three fields, and
 * no rule can change what it reads: views have no __newindex that works and
 * withhold their metatable.  JSON null reads as false, absent as nil
 * (docs/snapshot.md: absent = not collected, null = AWS says none).
 */
#ifndef CA_VIEW_H
#define CA_VIEW_H
#include <lua.h>
#include <cjson/cJSON.h>

/* Registers the view metatable in L. */
void ca_view_open(lua_State *L);
/* Pushes v: nil for NULL, scalars as values, containers as views. */
void ca_view_push(lua_State *L, const cJSON *v);
/* The node behind a view at idx, or NULL if it is not a view. */
const cJSON *ca_view_node(lua_State *L, int idx);

#endif
