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
/* The same, for a view whose place the engine knows: origin (not NULL) is
 * what ca_view_chain gives back for it and every view reached from it. */
void ca_view_push_root(lua_State *L, const cJSON *v, const void *origin);
/* child of the view at parent (index: 1-based position when the parent is
 * an array, else 0). */
void ca_view_push_child(lua_State *L, int parent, const cJSON *child, lua_Integer index);

/* Where the view at idx is: the steps from its root's child down to the view
 * itself (root first), each a node and its 1-based index in an array parent
 * (0: an object member, key node->string).  Returns the number of steps and
 * sets *origin, or -1 when the root's origin is unknown or the chain is
 * longer than max. */
typedef struct ca_view_step {
  const cJSON *node;
  lua_Integer index;
} ca_view_step;
int ca_view_chain(lua_State *L, int idx, const void **origin, ca_view_step *steps, int max);
/* The node behind a view at idx, or NULL if it is not a view. */
const cJSON *ca_view_node(lua_State *L, int idx);

/* Pushes viewleaves(view [, opts]): the string leaves under a view, in the
 * order a sorted walk through it finds them (the global `viewleaves` of a
 * rule's state; view.c says what it returns). */
void ca_viewleaves_push(lua_State *L);

#endif
