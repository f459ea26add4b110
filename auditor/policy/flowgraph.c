#include "policy/flowgraph.h"

#include <lauxlib.h>

#include "policy/view.h"

/* What indexing a view gives, without making a view: a member of an object
 * (first match, as cJSON_GetObjectItemCaseSensitive and view.c's __index),
 * an item of an array, NULL otherwise. */
static const cJSON *member(const cJSON *n, const char *k) {
  return cJSON_IsObject(n) ? cJSON_GetObjectItemCaseSensitive(n, k) : NULL;
}
static int is_container(const cJSON *n) { return cJSON_IsObject(n) || cJSON_IsArray(n); }
static const char *str(const cJSON *n) { return cJSON_IsString(n) ? n->valuestring : NULL; }

/* One step of a chain of views below a view already on the stack. */
typedef struct step { const char *key; lua_Integer index; } step;

/* Pushes the value at the end of steps below the view at base, each
 * intermediate container as a view that knows its parent (so ctx:ptr on it
 * walks up as on any view); scalars come out as view.c pushes them. */
static void push_at(lua_State *L, int base, const step *s, int ns) {
  const cJSON *n = ca_view_node(L, base);
  lua_pushvalue(L, base);
  for (int i = 0; i < ns; i++) {
    const cJSON *c = s[i].key ? member(n, s[i].key)
                              : (cJSON_IsArray(n) ? cJSON_GetArrayItem(n, (int)s[i].index - 1) : NULL);
    ca_view_push_child(L, -1, c, s[i].key ? 0 : s[i].index);
    lua_remove(L, -2);
    n = c;
    if (!is_container(c)) break;
  }
}

static void set_keys(lua_State *L, const char *a, const char *b, lua_Integer i, const char *c) {
  lua_createtable(L, c ? 4 : 2, 0);
  lua_pushstring(L, a); lua_rawseti(L, -2, 1);
  if (c) {
    lua_pushstring(L, b); lua_rawseti(L, -2, 2);
    lua_pushinteger(L, i); lua_rawseti(L, -2, 3);
    lua_pushstring(L, c); lua_rawseti(L, -2, 4);
  } else {
    lua_pushstring(L, b); lua_rawseti(L, -2, 2);
  }
  lua_setfield(L, -2, "keys");
}

/* edges_of(action) of lib/flow.lua: pushes the list of an action's successor
 * edges in document order (NextAction, Conditions[i], Errors[i]).  av: the
 * action's view on the stack. */
static void push_edges(lua_State *L, int av, const cJSON *a) {
  lua_newtable(L);
  int out = lua_gettop(L);
  lua_Integer k = 0;
  const cJSON *tr = member(a, "Transitions");
  if (!is_container(tr)) return;
  const cJSON *na = member(tr, "NextAction");
  if (na) {
    lua_newtable(L);
    push_at(L, av, (step[]){{"Transitions", 0}, {"NextAction", 0}}, 2);
    lua_setfield(L, -2, "to");
    lua_pushliteral(L, "next"); lua_setfield(L, -2, "kind");
    lua_pushliteral(L, "NextAction"); lua_setfield(L, -2, "label");
    set_keys(L, "Transitions", "NextAction", 0, NULL);
    lua_rawseti(L, out, ++k);
  }
  const cJSON *conds = member(tr, "Conditions"), *c;
  lua_Integer i = 0;
  if (cJSON_IsArray(conds)) {
    for (c = conds->child, i = 1; c; c = c->next, i++) {
      lua_newtable(L);
      const cJSON *cond = member(c, "Condition");
      const char *op1 = str(cJSON_IsArray(member(cond, "Operands")) ? member(cond, "Operands")->child : NULL);
      if (op1) {
        const char *op = str(member(cond, "Operator"));
        lua_pushfstring(L, "condition %s %s", op ? op : "?", op1);
      } else {
        lua_pushfstring(L, "condition %I", (LUAI_UACINT)i);
      }
      lua_setfield(L, -2, "label");
      const cJSON *to = member(c, "NextAction");
      if (to && !cJSON_IsNull(to) && !cJSON_IsFalse(to)) {   /* `cv and c.NextAction or nil` */
        push_at(L, av, (step[]){{"Transitions", 0}, {"Conditions", 0}, {NULL, i}, {"NextAction", 0}}, 4);
        lua_setfield(L, -2, "to");
      }
      lua_pushliteral(L, "condition"); lua_setfield(L, -2, "kind");
      set_keys(L, "Transitions", "Conditions", i, "NextAction");
      lua_rawseti(L, out, ++k);
    }
  }
  const cJSON *errs = member(tr, "Errors"), *e;
  if (cJSON_IsArray(errs)) {
    for (e = errs->child, i = 1; e; e = e->next, i++) {
      lua_newtable(L);
      const char *et = str(member(e, "ErrorType"));
      const cJSON *to = member(e, "NextAction");
      if (to && !cJSON_IsNull(to) && !cJSON_IsFalse(to)) {
        push_at(L, av, (step[]){{"Transitions", 0}, {"Errors", 0}, {NULL, i}, {"NextAction", 0}}, 4);
        lua_setfield(L, -2, "to");
      }
      lua_pushliteral(L, "error"); lua_setfield(L, -2, "kind");
      lua_pushfstring(L, "error %s", et ? et : "?"); lua_setfield(L, -2, "label");
      if (et) { lua_pushstring(L, et); lua_setfield(L, -2, "error_type"); }
      set_keys(L, "Transitions", "Errors", i, "NextAction");
      lua_rawseti(L, out, ++k);
    }
  }
}

/* flowgraph(content, max_actions) -> g: lib/flow.lua's graph() body (see
 * there for g's fields), built here because it is most of every flow
 * rule's cost in Lua: each member read through a view is a call into C and
 * a new userdata, and a graph reads ~20 per action (issue 12). */
static int l_flowgraph(lua_State *L) {
  const cJSON *content = ca_view_node(L, 1);
  lua_Integer max = luaL_checkinteger(L, 2);
  if (!content) return luaL_error(L, "flowgraph expects a snapshot view");
  const cJSON *actions = member(content, "Actions");
  if (!is_container(actions)) {
    lua_pushnil(L);
    lua_pushliteral(L, "Content has no Actions list");
    return 2;
  }
  lua_settop(L, 1);
  lua_newtable(L);                                   /* 2: g */
  lua_pushvalue(L, 1); lua_setfield(L, 2, "content");
  push_at(L, 1, (step[]){{"Actions", 0}}, 1);        /* 3: actions view */
  lua_pushvalue(L, 3); lua_setfield(L, 2, "actions_view");
  lua_newtable(L); lua_pushvalue(L, -1); lua_setfield(L, 2, "nodes");      /* 4 */
  lua_newtable(L); lua_pushvalue(L, -1); lua_setfield(L, 2, "by_id");      /* 5 */
  lua_newtable(L); lua_pushvalue(L, -1); lua_setfield(L, 2, "by_index");   /* 6 */
  lua_newtable(L); lua_pushvalue(L, -1); lua_setfield(L, 2, "duplicates"); /* 7 */
  lua_newtable(L); lua_pushvalue(L, -1); lua_setfield(L, 2, "dangling");   /* 8 */
  push_at(L, 1, (step[]){{"StartAction", 0}}, 1);
  lua_setfield(L, 2, "start_id");
  luaL_checkstack(L, 32, "flowgraph");
  lua_Integer n = cJSON_IsArray(actions) ? cJSON_GetArraySize(actions) : 0, nn = 0, nd = 0, ndang = 0;
  if (n > max) { lua_pushboolean(L, 1); lua_setfield(L, 2, "truncated"); n = max; }
  const cJSON *a = cJSON_IsArray(actions) ? actions->child : NULL;
  for (lua_Integer i = 1; i <= n && a; i++, a = a->next) {
    if (!is_container(a)) continue;
    ca_view_push_child(L, 3, a, i);                  /* 9: action view */
    lua_newtable(L);                                 /* 10: node */
    lua_pushinteger(L, i); lua_setfield(L, 10, "index");
    lua_pushvalue(L, 9); lua_setfield(L, 10, "view");
    const char *id = str(member(a, "Identifier")), *type = str(member(a, "Type"));
    if (id) { lua_pushstring(L, id); lua_setfield(L, 10, "id"); }
    lua_pushstring(L, type ? type : "?"); lua_setfield(L, 10, "type");
    if (is_container(member(a, "Parameters"))) {
      push_at(L, 9, (step[]){{"Parameters", 0}}, 1);
      lua_setfield(L, 10, "params");
    }
    push_edges(L, 9, a);
    lua_setfield(L, 10, "edges");
    lua_pushvalue(L, 10); lua_rawseti(L, 4, ++nn);
    lua_pushvalue(L, 10); lua_rawseti(L, 6, i);
    if (id) {
      if (lua_getfield(L, 5, id) != LUA_TNIL) { lua_pushvalue(L, 10); lua_rawseti(L, 7, ++nd); }
      else { lua_pushvalue(L, 10); lua_setfield(L, 5, id); }
      lua_pop(L, 1);
    }
    lua_settop(L, 8);
  }
  /* successors: edges whose target names an action; the rest dangle */
  for (lua_Integer j = 1; j <= nn; j++) {
    lua_rawgeti(L, 4, j);                            /* 9: node */
    lua_newtable(L);                                 /* 10: succ */
    lua_pushvalue(L, 10); lua_setfield(L, 9, "succ");
    lua_getfield(L, 9, "edges");                     /* 11 */
    lua_Integer ns = 0;
    for (lua_Integer k = 1; lua_rawgeti(L, 11, k) != LUA_TNIL; k++) {   /* 12: edge */
      int isstr = lua_getfield(L, 12, "to") == LUA_TSTRING;            /* 13 */
      if (isstr && lua_getfield(L, 5, lua_tostring(L, 13)) != LUA_TNIL) {   /* 14: target */
        lua_pushvalue(L, 14); lua_setfield(L, 12, "node");
        lua_pushvalue(L, 12); lua_rawseti(L, 10, ++ns);
      } else if (isstr && lua_rawlen(L, 13) > 0) {
        lua_createtable(L, 0, 2);
        lua_pushvalue(L, 9); lua_setfield(L, -2, "from");
        lua_pushvalue(L, 12); lua_setfield(L, -2, "edge");
        lua_rawseti(L, 8, ++ndang);
      }
      lua_settop(L, 11);
    }
    lua_settop(L, 8);
  }
  if (lua_getfield(L, 2, "start_id") == LUA_TSTRING) {
    lua_getfield(L, 5, lua_tostring(L, -1));
    lua_setfield(L, 2, "start");
  }
  lua_settop(L, 2);
  return 1;
}

void ca_flowgraph_push(lua_State *L) { lua_pushcfunction(L, l_flowgraph); }
