#include "policy/view.h"

#include <lauxlib.h>
#include <math.h>
#include <string.h>

#define VIEW_MT "connect-auditor.view"

/* A view knows where it is: a child keeps its parent view (user value 1)
 * and its 1-based index when the parent is an array (0: an object member,
 * whose key is node->string); a root keeps an opaque origin the engine gave
 * it (NULL: unknown).  So ctx:ptr walks up O(depth) instead of searching. */
typedef struct view {
  const cJSON *node;
  lua_Integer index;
  const void *origin;
  /* Cursor for arrays: cJSON arrays are linked lists, so ipairs over n items
   * would cost n^2/2 steps without remembering where the last lookup ended. */
  const cJSON *cur;
  lua_Integer cur_i;          /* 1-based index of cur */
} view;

/* The metatable, also kept under this address in the registry: a light
 * userdata key is found without hashing a string, and every view made or
 * checked looks it up (luaL_setmetatable / luaL_testudata hash VIEW_MT's
 * name each time). */
static const char mt_key;

static view *test_view(lua_State *L, int idx) {
  if (lua_type(L, idx) != LUA_TUSERDATA || !lua_getmetatable(L, idx)) return NULL;
  lua_rawgetp(L, LUA_REGISTRYINDEX, &mt_key);
  int same = lua_rawequal(L, -1, -2);
  lua_pop(L, 2);
  return same ? lua_touserdata(L, idx) : NULL;
}

static view *check_view(lua_State *L, int idx) {
  view *u = test_view(L, idx);
  if (!u) luaL_typeerror(L, idx, VIEW_MT);
  return u;
}

/* The member of object o called k, the first if several (as
 * cJSON_GetObjectItemCaseSensitive), comparing first bytes before strcmp:
 * most members differ there. */
static const cJSON *member(const cJSON *o, const char *k) {
  for (const cJSON *c = o->child; c; c = c->next)
    if (c->string && c->string[0] == k[0] && !strcmp(c->string, k)) return c;
  return NULL;
}

const cJSON *ca_view_node(lua_State *L, int idx) {
  view *u = test_view(L, idx);
  return u ? u->node : NULL;
}

static void push_view(lua_State *L, const cJSON *v, int parent, lua_Integer index, const void *origin) {
  if (!v) {
    lua_pushnil(L);
  } else if (cJSON_IsString(v)) {
    lua_pushstring(L, v->valuestring);
  } else if (cJSON_IsNumber(v)) {
    double d = v->valuedouble;
    if (d == floor(d) && fabs(d) < 9007199254740992.0) lua_pushinteger(L, (lua_Integer)d);
    else lua_pushnumber(L, d);
  } else if (cJSON_IsBool(v)) {
    lua_pushboolean(L, cJSON_IsTrue(v));
  } else if (cJSON_IsNull(v)) {
    lua_pushboolean(L, 0);
  } else {
    view *u = lua_newuserdatauv(L, sizeof *u, parent ? 1 : 0);
    u->node = v;
    u->index = index;
    u->origin = origin;
    u->cur = NULL;
    u->cur_i = 0;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &mt_key);
    lua_setmetatable(L, -2);
    if (parent) {
      lua_pushvalue(L, parent);
      lua_setiuservalue(L, -2, 1);
    }
  }
}

void ca_view_push(lua_State *L, const cJSON *v) { push_view(L, v, 0, 0, NULL); }
void ca_view_push_root(lua_State *L, const cJSON *v, const void *origin) { push_view(L, v, 0, 0, origin); }
void ca_view_push_child(lua_State *L, int parent, const cJSON *child, lua_Integer index) {
  push_view(L, child, lua_absindex(L, parent), index, NULL);
}

int ca_view_chain(lua_State *L, int idx, const void **origin, ca_view_step *steps, int max) {
  view *u = test_view(L, idx);
  if (!u) return -1;
  int top = lua_gettop(L), n = 0;
  lua_pushvalue(L, idx);
  /* a root has no user value: lua_getiuservalue pushes none and answers LUA_TNONE */
  while (lua_getiuservalue(L, -1, 1) == LUA_TUSERDATA) {
    if (n == max || !lua_checkstack(L, 2)) { lua_settop(L, top); return -1; }
    steps[n].node = u->node;
    steps[n].index = u->index;
    n++;
    lua_remove(L, -2);
    u = lua_touserdata(L, -1);
  }
  *origin = u->origin;
  lua_settop(L, top);
  if (!*origin) return -1;
  for (int i = 0, j = n - 1; i < j; i++, j--) {   /* root first */
    ca_view_step t = steps[i];
    steps[i] = steps[j];
    steps[j] = t;
  }
  return n;
}

static const cJSON *array_at(view *u, lua_Integer i) {
  if (i < 1) return NULL;
  if (!u->cur || i < u->cur_i) {
    u->cur = u->node->child;
    u->cur_i = 1;
  }
  while (u->cur && u->cur_i < i) {
    u->cur = u->cur->next;
    u->cur_i++;
  }
  return u->cur;
}

static int v_index(lua_State *L) {
  view *u = check_view(L, 1);
  if (cJSON_IsArray(u->node)) {
    int isnum;
    lua_Integer i = lua_tointegerx(L, 2, &isnum);
    push_view(L, isnum ? array_at(u, i) : NULL, 1, i, NULL);
  } else {
    const char *k = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : NULL;
    push_view(L, k ? member(u->node, k) : NULL, 1, 0, NULL);
  }
  return 1;
}

static int v_newindex(lua_State *L) {
  return luaL_error(L, "the snapshot is read-only");
}

static int v_len(lua_State *L) {
  view *u = check_view(L, 1);
  lua_pushinteger(L, cJSON_IsArray(u->node) ? cJSON_GetArraySize(u->node) : 0);
  return 1;
}

/* pairs(view): the iterator keeps its position in upvalues, O(1) a step. */
static int v_next(lua_State *L) {
  view *u = check_view(L, 1);
  const cJSON *c = lua_touserdata(L, lua_upvalueindex(1));
  lua_Integer i = lua_tointeger(L, lua_upvalueindex(2));
  c = c ? c->next : (i == 0 ? u->node->child : NULL);
  if (!c) return 0;
  lua_pushlightuserdata(L, (void *)c);
  lua_replace(L, lua_upvalueindex(1));
  lua_pushinteger(L, i + 1);
  lua_replace(L, lua_upvalueindex(2));
  if (cJSON_IsArray(u->node)) lua_pushinteger(L, i + 1);
  else lua_pushstring(L, c->string ? c->string : "");
  push_view(L, c, 1, cJSON_IsArray(u->node) ? i + 1 : 0, NULL);
  return 2;
}

static int v_pairs(lua_State *L) {
  check_view(L, 1);
  lua_pushlightuserdata(L, NULL);
  lua_pushinteger(L, 0);
  lua_pushcclosure(L, v_next, 2);
  lua_pushvalue(L, 1);
  lua_pushnil(L);
  return 3;
}

static int v_eq(lua_State *L) {
  const cJSON *a = ca_view_node(L, 1), *b = ca_view_node(L, 2);
  lua_pushboolean(L, a && a == b);
  return 1;
}

static int v_tostring(lua_State *L) {
  view *u = check_view(L, 1);
  int n = cJSON_GetArraySize(u->node);
  lua_pushfstring(L, "snapshot %s (%d %s)", cJSON_IsArray(u->node) ? "array" : "object", n,
                  cJSON_IsArray(u->node) ? "items" : "members");
  return 1;
}

void ca_view_open(lua_State *L) {
  static const luaL_Reg mt[] = {
    {"__index", v_index}, {"__newindex", v_newindex}, {"__len", v_len},
    {"__pairs", v_pairs}, {"__eq", v_eq}, {"__tostring", v_tostring}, {NULL, NULL}};
  luaL_newmetatable(L, VIEW_MT);
  luaL_setfuncs(L, mt, 0);
  lua_pushliteral(L, "read-only snapshot view");
  lua_setfield(L, -2, "__metatable");
  lua_rawsetp(L, LUA_REGISTRYINDEX, &mt_key);
}
