#include "policy/view.h"

#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
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

/* What cJSON_IsString/IsNumber/IsBool/IsNull/IsTrue test, read once: each
 * is a call into the library, up to five for a container. */
static void push_view(lua_State *L, const cJSON *v, int parent, lua_Integer index, const void *origin) {
  int t = v ? v->type & 0xFF : cJSON_Invalid;
  if (!v) {
    lua_pushnil(L);
  } else if (t == cJSON_String) {
    lua_pushstring(L, v->valuestring);
  } else if (t == cJSON_Number) {
    double d = v->valuedouble;
    if (d == floor(d) && fabs(d) < 9007199254740992.0) lua_pushinteger(L, (lua_Integer)d);
    else lua_pushnumber(L, d);
  } else if (t == cJSON_True || t == cJSON_False) {
    lua_pushboolean(L, t == cJSON_True);
  } else if (t == cJSON_NULL) {
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

/* check_view for the metamethods below, whose first upvalue is the view
 * metatable itself (ca_view_open): compared there, not looked up in the
 * registry for every read. */
static view *check_view_up(lua_State *L, int idx) {
  if (lua_type(L, idx) == LUA_TUSERDATA && lua_getmetatable(L, idx)) {
    int same = lua_rawequal(L, -1, lua_upvalueindex(1));
    lua_pop(L, 1);
    if (same) return lua_touserdata(L, idx);
  }
  return check_view(L, idx);
}

static int v_index(lua_State *L) {
  view *u = check_view_up(L, 1);
  if ((u->node->type & 0xFF) == cJSON_Array) {
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
  view *u = check_view_up(L, 1);
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
  lua_pushvalue(L, -1);             /* each metamethod's upvalue: check_view_up */
  luaL_setfuncs(L, mt, 1);
  lua_pushliteral(L, "read-only snapshot view");
  lua_setfield(L, -2, "__metatable");
  lua_rawsetp(L, LUA_REGISTRYINDEX, &mt_key);
}

/* ---- viewleaves ---------------------------------------------------------
 * viewleaves(view [, opts]) -> list of {value, keys, key, above}: the string
 * leaves under a view, as a Lua walk through the view would find them:
 * array items in order, object members by name in byte order (a name that
 * occurs twice is visited twice, each time as its first member, as v[name]
 * reads it), descending into containers up to opts.max_depth levels below
 * the view (default 8). keys: opts.path (default {}) followed by the member
 * names and 1-based item positions from the view to the leaf, for ctx:ptr;
 * key: the name of the nearest object member on that way (nil when there is
 * none), above: the step before that member (nil at the top of an empty
 * opts.path).
 * opts.names / opts.parents (sets) and opts.contains / opts.starts (strings)
 * select: when any is given, only a leaf whose key is in names, whose above
 * is in parents, whose value contains `contains` or begins with `starts` is
 * returned. So a rule that judges few leaves makes no table for the others
 * (BASE-FLOW-024 read every parameter of every action through views, a key
 * list per leaf: issue 12).
 * Bounded: at most VL_MAX_NODES values visited and VL_MAX_DEPTH levels a
 * call, else an error: work no instruction count sees stays bounded. */

#define VL_MAX_NODES 100000
#define VL_MAX_DEPTH 32

typedef struct vl_step { const char *name; lua_Integer index; } vl_step;   /* name NULL: index */

typedef struct vl_walk {
  lua_State *L;
  int path, names, parents, out;     /* stack slots (0: absent) */
  const char *contains, *starts;
  int select, max_depth, npath;
  long visited;
  lua_Integer nout;
  vl_step stack[VL_MAX_DEPTH + 1];
  int nstack;
  int key_at;                        /* stack position of the nearest member, -1 none */
} vl_walk;

typedef struct vl_member { const cJSON *c; int pos; } vl_member;

static int vl_cmp(const void *a, const void *b) {
  const vl_member *x = a, *y = b;
  int d = strcmp(x->c->string ? x->c->string : "", y->c->string ? y->c->string : "");
  return d ? d : (x->pos > y->pos) - (x->pos < y->pos);
}

/* Pushes step k of the leaf's keys: opts.path[k] (k < npath) or the walk's. */
static void vl_push_step(vl_walk *w, int k) {
  if (k < w->npath) {
    lua_rawgeti(w->L, w->path, k + 1);
  } else if (w->stack[k - w->npath].name) {
    lua_pushstring(w->L, w->stack[k - w->npath].name);
  } else {
    lua_pushinteger(w->L, w->stack[k - w->npath].index);
  }
}

static int vl_in(lua_State *L, int set, const char *s) {
  if (!set || !s) return 0;
  lua_getfield(L, set, s);
  int yes = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return yes;
}

static void vl_leaf(vl_walk *w, const char *v) {
  lua_State *L = w->L;
  const char *key = w->key_at >= 0 ? w->stack[w->key_at].name : NULL;
  int above = w->key_at >= 0 ? w->npath + w->key_at - 1 : -2;   /* position in keys, -1: none */
  if (w->select) {
    int keep = (w->contains && strstr(v, w->contains))
            || (w->starts && !strncmp(v, w->starts, strlen(w->starts)))
            || vl_in(L, w->names, key);
    if (!keep && w->parents && above >= 0) {
      vl_push_step(w, above);
      if (lua_type(L, -1) == LUA_TSTRING) keep = vl_in(L, w->parents, lua_tostring(L, -1));
      lua_pop(L, 1);
    }
    if (!keep) return;
  }
  lua_createtable(L, 0, 4);
  lua_pushstring(L, v);
  lua_setfield(L, -2, "value");
  int n = w->npath + w->nstack;
  lua_createtable(L, n, 0);
  for (int k = 0; k < n; k++) {
    vl_push_step(w, k);
    lua_rawseti(L, -2, k + 1);
  }
  lua_setfield(L, -2, "keys");
  if (key) {
    lua_pushstring(L, key);
    lua_setfield(L, -2, "key");
    if (above >= 0) {
      vl_push_step(w, above);
      lua_setfield(L, -2, "above");
    }
  }
  lua_rawseti(L, w->out, ++w->nout);
}

static void vl_walk_node(vl_walk *w, const cJSON *n, int depth) {
  lua_State *L = w->L;
  if (++w->visited > VL_MAX_NODES) luaL_error(L, "viewleaves: more than %d values under the view", VL_MAX_NODES);
  if (cJSON_IsString(n)) { vl_leaf(w, n->valuestring); return; }
  if (!(cJSON_IsArray(n) || cJSON_IsObject(n)) || depth >= w->max_depth) return;
  luaL_checkstack(L, 8, "viewleaves");
  if (cJSON_IsArray(n) && n->child) {
    lua_Integer i = 0;
    for (const cJSON *c = n->child; c; c = c->next) {
      w->stack[w->nstack].name = NULL;
      w->stack[w->nstack].index = ++i;
      w->nstack++;
      vl_walk_node(w, c, depth + 1);
      w->nstack--;
    }
    return;
  }
  if (!cJSON_IsObject(n)) return;                 /* an empty array has no string keys */
  int m = 0;
  for (const cJSON *c = n->child; c; c = c->next) m++;
  if (m == 0) return;
  if (w->visited + m > VL_MAX_NODES) luaL_error(L, "viewleaves: more than %d values under the view", VL_MAX_NODES);
  vl_member *v = lua_newuserdatauv(L, sizeof *v * (size_t)m, 0);   /* freed by the GC, even on an error */
  int k = 0;
  for (const cJSON *c = n->child; c; c = c->next, k++) { v[k].c = c; v[k].pos = k; }
  qsort(v, (size_t)m, sizeof *v, vl_cmp);
  int saved_key = w->key_at, first = 0;
  for (int i = 0; i < m; i++) {
    /* a repeated name reads as its first member: the first of its run, by position */
    if (i > 0 && vl_cmp(&(vl_member){v[i - 1].c, 0}, &(vl_member){v[i].c, 0})) first = i;
    w->stack[w->nstack].name = v[i].c->string ? v[i].c->string : "";
    w->stack[w->nstack].index = 0;
    w->key_at = w->nstack;
    w->nstack++;
    vl_walk_node(w, v[first].c, depth + 1);
    w->nstack--;
    w->key_at = saved_key;
  }
  lua_pop(L, 1);
}

static int l_viewleaves(lua_State *L) {
  const cJSON *root = ca_view_node(L, 1);
  if (!root) return luaL_typeerror(L, 1, VIEW_MT);
  vl_walk w;
  memset(&w, 0, sizeof w);
  w.L = L;
  w.max_depth = 8;
  w.key_at = -1;
  lua_settop(L, 2);
  if (!lua_isnil(L, 2)) {
    luaL_checktype(L, 2, LUA_TTABLE);
    if (lua_getfield(L, 2, "max_depth") != LUA_TNIL) w.max_depth = (int)luaL_checkinteger(L, -1);
    lua_pop(L, 1);
    if (w.max_depth < 0 || w.max_depth > VL_MAX_DEPTH)
      return luaL_error(L, "viewleaves: max_depth %d is outside 0..%d", w.max_depth, VL_MAX_DEPTH);
    if (lua_getfield(L, 2, "path") == LUA_TTABLE) w.path = lua_gettop(L), w.npath = (int)lua_rawlen(L, -1);
    else if (!lua_isnil(L, -1)) return luaL_error(L, "viewleaves: opts.path is not a list");
    else lua_pop(L, 1);
    if (w.npath > VL_MAX_DEPTH) return luaL_error(L, "viewleaves: opts.path is longer than %d", VL_MAX_DEPTH);
    if (lua_getfield(L, 2, "names") == LUA_TTABLE) w.names = lua_gettop(L), w.select = 1; else lua_pop(L, 1);
    if (lua_getfield(L, 2, "parents") == LUA_TTABLE) w.parents = lua_gettop(L), w.select = 1; else lua_pop(L, 1);
    if (lua_getfield(L, 2, "contains") == LUA_TSTRING) w.contains = lua_tostring(L, -1), w.select = 1;
    if (lua_getfield(L, 2, "starts") == LUA_TSTRING) w.starts = lua_tostring(L, -1), w.select = 1;
  }
  lua_newtable(L);
  w.out = lua_gettop(L);
  vl_walk_node(&w, root, 0);
  lua_settop(L, w.out);
  return 1;
}

void ca_viewleaves_push(lua_State *L) { lua_pushcfunction(L, l_viewleaves); }
