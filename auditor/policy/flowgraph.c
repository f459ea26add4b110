#include "policy/flowgraph.h"

#include <lauxlib.h>
#include <stdint.h>
#include <string.h>

#include "policy/cgraph.h"
#include "policy/sandbox.h"
#include "policy/view.h"

/* What indexing a view gives, without making a view: a member of an object
 * (first match, as cJSON_GetObjectItemCaseSensitive and view.c's __index),
 * an item of an array, NULL otherwise. */
static const cJSON *member(const cJSON *n, const char *k) {
  if (!n || (n->type & 0xFF) != cJSON_Object) return NULL;
  /* cJSON_GetObjectItemCaseSensitive's search (a member without a name ends
   * it), comparing first bytes before strcmp: an action's members differ
   * there, and each strcmp was a call (0.8 % of the rules' samples at 20k/3k) */
  const cJSON *c = n->child;
  while (c && c->string && (c->string[0] != k[0] || strcmp(k, c->string))) c = c->next;
  return c && c->string ? c : NULL;
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

/* A scalar as view.c pushes it; a string through lua_pushlstring, which
 * skips the pointer-keyed string cache lua_pushstring looks in first (two
 * strcmp that miss for every edge's `to`). */
static void push_scalar(lua_State *L, const cJSON *c) {
  if (cJSON_IsString(c)) lua_pushlstring(L, c->valuestring, strlen(c->valuestring));
  else ca_view_push(L, c);
}

/* Pushes the value at the end of steps below the view at base, as push_at,
 * without making the views in between when the value is not a container. */
static void push_value_at(lua_State *L, int base, const step *s, int ns) {
  const cJSON *n = ca_view_node(L, base);
  for (int i = 0; i < ns; i++) {
    const cJSON *c = s[i].key ? member(n, s[i].key)
                              : (cJSON_IsArray(n) ? cJSON_GetArrayItem(n, (int)s[i].index - 1) : NULL);
    if (!is_container(c)) { push_scalar(L, c); return; }
    n = c;
  }
  push_at(L, base, s, ns);
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

/* The edges of an action, in the order edges_of(action) of lib/flow.lua
 * lists them: NextAction (when the member exists), Conditions[i], Errors[i];
 * list 0, 1, 2, item i (1-based; 0 for NextAction), its cJSON item (the
 * condition or error object; NULL for NextAction). */
typedef struct fg_edge { int list; lua_Integer i; const cJSON *item; } fg_edge;

/* Pushes the table of one edge of action a (edges_of's, field by field in
 * its order).  A `to` that is a container comes out as a view below the
 * action's view at av (made by the caller; av 0: the caller knows `to` is
 * no container); a scalar `to` is pushed as is, with no walk from the
 * action again (the one walk each_edge made found it). */
static void push_edge(lua_State *L, int av, const cJSON *a, const fg_edge *e) {
  /* made with room for 4 fields, the size the table grew to from empty
   * through 1 and 2 (an edge has 3 to 5): no rehash at its 2nd and 3rd
   * field (half of an edge's cost), the same size in the end (a 5th still
   * grows it to 8) */
  lua_createtable(L, 0, 4);
  if (e->list == 0) {
    step st[] = {{"Transitions", 0}, {"NextAction", 0}};
    const cJSON *to = member(member(a, "Transitions"), "NextAction");
    if (av && is_container(to)) push_value_at(L, av, st, 2);
    else push_scalar(L, to);
    lua_setfield(L, -2, "to");
    lua_pushliteral(L, "next"); lua_setfield(L, -2, "kind");
    lua_pushliteral(L, "NextAction"); lua_setfield(L, -2, "label");
    set_keys(L, "Transitions", "NextAction", 0, NULL);
    return;
  }
  const cJSON *c = e->item, *to = member(c, "NextAction");
  const char *list = e->list == 1 ? "Conditions" : "Errors";
  step st[] = {{"Transitions", 0}, {list, 0}, {NULL, e->i}, {"NextAction", 0}};
  if (e->list == 1) {
    const cJSON *cond = member(c, "Condition"), *ops = member(cond, "Operands");
    const char *op1 = str(cJSON_IsArray(ops) ? ops->child : NULL);
    if (op1) {
      const char *op = str(member(cond, "Operator"));
      lua_pushfstring(L, "condition %s %s", op ? op : "?", op1);
    } else {
      lua_pushfstring(L, "condition %I", (LUAI_UACINT)e->i);
    }
    lua_setfield(L, -2, "label");
    if (to && !cJSON_IsNull(to) && !cJSON_IsFalse(to)) {   /* `cv and c.NextAction or nil` */
      if (av && is_container(to)) push_value_at(L, av, st, 4); else push_scalar(L, to);
      lua_setfield(L, -2, "to");
    }
    lua_pushliteral(L, "condition"); lua_setfield(L, -2, "kind");
  } else {
    const char *et = str(member(c, "ErrorType"));
    if (to && !cJSON_IsNull(to) && !cJSON_IsFalse(to)) {
      if (av && is_container(to)) push_value_at(L, av, st, 4); else push_scalar(L, to);
      lua_setfield(L, -2, "to");
    }
    lua_pushliteral(L, "error"); lua_setfield(L, -2, "kind");
    lua_pushfstring(L, "error %s", et ? et : "?"); lua_setfield(L, -2, "label");
    if (et) { lua_pushlstring(L, et, strlen(et)); lua_setfield(L, -2, "error_type"); }
  }
  set_keys(L, "Transitions", list, e->i, "NextAction");
}

/* Calls fn(arg, k, edge) for each edge of action a, k = 1, 2, ... (edges_of's
 * order); stops and returns 1 when fn does. */
static int each_edge(const cJSON *a, int (*fn)(void *, lua_Integer, const fg_edge *), void *arg) {
  const cJSON *tr = member(a, "Transitions");
  if (!is_container(tr)) return 0;
  lua_Integer k = 0;
  if (member(tr, "NextAction") && fn(arg, ++k, &(fg_edge){0, 0, NULL})) return 1;
  for (int l = 1; l <= 2; l++) {
    const cJSON *items = member(tr, l == 1 ? "Conditions" : "Errors"), *c;
    if (!cJSON_IsArray(items)) continue;
    lua_Integer i = 1;
    for (c = items->child; c; c = c->next, i++)
      if (fn(arg, ++k, &(fg_edge){l, i, c})) return 1;
  }
  return 0;
}

/* edges_of(action) of lib/flow.lua: pushes the list of an action's successor
 * edges in document order.  av: the action's view on the stack; made: the
 * edges of this node the searches made already (flowgraph_edge below), a
 * table {[k] = edge} at that stack index, or 0: those tables go into the
 * list in their places, so an edge is one table whoever made it. */
typedef struct edges_arg { lua_State *L; int av, out, made; const cJSON *a; } edges_arg;
static int edges_one(void *p, lua_Integer k, const fg_edge *e) {
  edges_arg *x = p;
  if (!x->made || lua_rawgeti(x->L, x->made, k) == LUA_TNIL) {
    if (x->made) lua_pop(x->L, 1);
    push_edge(x->L, x->av, x->a, e);
  }
  lua_rawseti(x->L, x->out, k);
  return 0;
}
static void push_edges(lua_State *L, int av, const cJSON *a, int made) {
  lua_newtable(L);
  edges_arg x = {L, av, lua_gettop(L), made, a};
  each_edge(a, edges_one, &x);
}

/* The edge numbered k of an action, as each_edge gives it. */
typedef struct find_arg { lua_Integer k; fg_edge e; int found; } find_arg;
static int find_one(void *p, lua_Integer k, const fg_edge *e) {
  find_arg *x = p;
  if (k != x->k) return 0;
  x->e = *e;
  x->found = 1;
  return 1;
}

/* fg_actions (policy/flowgraph.h): the first upvalue of the node and graph
 * metamethods below; the second is g. */
typedef ca_flowgraph_actions fg_actions;

/* How many node views and succ lists this process made: audit --timings
 * (engine.graph_views, engine.graph_succ_lists), to see which rules make
 * their graphs' edges (docs/design-shared-graphs.md). */
static long views_made, succ_made;
void ca_flowgraph_counts(long *views, long *succ) { *views = views_made; *succ = succ_made; }

/* Pushes node.view of the node table at `node`, making it on first use;
 * returns the action (NULL, and pushes nil, for a table that is no node). */
/* The action of the node table at `node` (by its index), NULL for none;
 * *index: that index.  Inside the node metatable's closures. */
static const cJSON *node_action(lua_State *L, int node, lua_Integer *index) {
  const fg_actions *fa = lua_touserdata(L, lua_upvalueindex(1));
  lua_pushliteral(L, "index");
  lua_rawget(L, node);
  lua_Integer i = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : 0;
  lua_pop(L, 1);
  *index = i;
  return (i >= 1 && i <= fa->n) ? fa->act[i - 1] : NULL;
}

static const cJSON *node_view(lua_State *L, int node) {
  lua_Integer i;
  const cJSON *a = node_action(L, node, &i);
  lua_pushliteral(L, "view");
  if (lua_rawget(L, node) != LUA_TNIL || !a) return a;
  lua_pop(L, 1);
  views_made++;
  lua_pushliteral(L, "actions_view");
  lua_rawget(L, lua_upvalueindex(2));
  ca_view_push_child(L, -1, a, i);
  lua_remove(L, -2);
  lua_pushliteral(L, "view");
  lua_pushvalue(L, -2);
  lua_rawset(L, node);
  return a;
}

/* Sets node.edges and node.succ (edge.node on every edge whose target
 * names an action, as graph() did for all nodes at once). */
static void node_edges(lua_State *L, int node) {
  luaL_checkstack(L, 16, "flowgraph");
  int top = lua_gettop(L);
  const cJSON *a = node_view(L, node);                       /* top+1: view */
  if (!a) { lua_settop(L, top); return; }
  succ_made++;
  lua_pushvalue(L, node);
  int made = lua_rawget(L, lua_upvalueindex(3)) == LUA_TTABLE ? top + 2 : 0;   /* top+2: edges made already */
  push_edges(L, top + 1, a, made);                           /* top+3: edges */
  lua_newtable(L);                                           /* top+4: succ */
  lua_pushliteral(L, "by_id");
  lua_rawget(L, lua_upvalueindex(2));                        /* top+5: by_id */
  lua_Integer ns = 0;
  for (lua_Integer k = 1; lua_rawgeti(L, top + 3, k) != LUA_TNIL; k++) {   /* top+6: edge */
    lua_pushliteral(L, "to");
    if (lua_rawget(L, top + 6) == LUA_TSTRING && lua_rawget(L, top + 5) != LUA_TNIL) {
      lua_pushliteral(L, "node");
      lua_pushvalue(L, top + 7);
      lua_rawset(L, top + 6);
      lua_pushvalue(L, top + 6);
      lua_rawseti(L, top + 4, ++ns);
    }
    lua_settop(L, top + 5);
  }
  lua_pushliteral(L, "edges"); lua_pushvalue(L, top + 3); lua_rawset(L, node);
  lua_pushliteral(L, "succ"); lua_pushvalue(L, top + 4); lua_rawset(L, node);
  if (made) {   /* they are in node.edges now */
    lua_pushvalue(L, node);
    lua_pushnil(L);
    lua_rawset(L, lua_upvalueindex(3));
  }
  lua_settop(L, top);
}

/* The key of flowgraph_edge (policy/flowgraph.h): a light userdata, which
 * no rule can make, so only C reaches it through a node's __index. */
static const char edge_key;
const void *const ca_flowgraph_edge_key = &edge_key;

/* node.edges[k] of the node at `node`, made alone when the node's edges are
 * not made yet: the same table node_edges() will put into node.edges (and
 * node.succ) in its place, with edge.node = by_id[edge.to] as there.  For
 * flowpaths.passes, which hands is_gate only the edges it asks about. */
static void node_edge(lua_State *L, int node, lua_Integer k) {
  luaL_checkstack(L, 12, "flowgraph");
  int top = lua_gettop(L);
  lua_pushliteral(L, "edges");
  if (lua_rawget(L, node) == LUA_TTABLE) {                   /* top+1 */
    lua_rawgeti(L, top + 1, k);
    lua_replace(L, top + 1);
    return;
  }
  lua_pop(L, 1);
  lua_pushvalue(L, node);
  if (lua_rawget(L, lua_upvalueindex(3)) != LUA_TTABLE) {    /* top+1: this node's edges made so far */
    lua_pop(L, 1);
    lua_newtable(L);
    lua_pushvalue(L, node);
    lua_pushvalue(L, -2);
    lua_rawset(L, lua_upvalueindex(3));
  }
  if (lua_rawgeti(L, top + 1, k) != LUA_TNIL) {              /* top+2 */
    lua_replace(L, top + 1);
    return;
  }
  lua_pop(L, 1);
  lua_Integer i;
  const cJSON *a = node_action(L, node, &i);
  find_arg x = {k, {0, 0, NULL}, 0};
  if (!a || !each_edge(a, find_one, &x)) { lua_settop(L, top); lua_pushnil(L); return; }
  const cJSON *to = x.e.list ? member(x.e.item, "NextAction") : member(member(a, "Transitions"), "NextAction");
  int av = 0;
  if (is_container(to)) { node_view(L, node); av = lua_gettop(L); }   /* a view's child: made as node_edges would */
  push_edge(L, av, a, &x.e);                                 /* edge */
  if (av) lua_remove(L, av);
  int e = lua_gettop(L);
  lua_pushliteral(L, "to");
  if (lua_rawget(L, e) == LUA_TSTRING) {
    lua_pushliteral(L, "by_id");
    lua_rawget(L, lua_upvalueindex(2));
    lua_insert(L, -2);
    if (lua_rawget(L, -2) != LUA_TNIL) {
      lua_pushliteral(L, "node");
      lua_insert(L, -2);
      lua_rawset(L, e);
    }
  }
  lua_settop(L, e);
  lua_pushvalue(L, e);
  lua_rawseti(L, top + 1, k);
  lua_replace(L, top + 1);
  lua_settop(L, top + 1);
}

/* __index of a node: view, params, edges, succ on first read; with the
 * key ca_flowgraph_edge_key and an edge number, node_edge(). */
static int node_index(lua_State *L) {
  if (lua_type(L, 2) == LUA_TLIGHTUSERDATA && lua_touserdata(L, 2) == ca_flowgraph_edge_key) {
    lua_Integer k = luaL_checkinteger(L, 3);
    lua_settop(L, 1);
    node_edge(L, 1, k);
    return 1;
  }
  const char *k = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "";
  if (!strcmp(k, "view")) {
    node_view(L, 1);
  } else if (!strcmp(k, "params")) {
    const cJSON *a = node_view(L, 1);
    if (!a || !is_container(member(a, "Parameters"))) { lua_pushnil(L); return 1; }
    push_at(L, lua_gettop(L), (step[]){{"Parameters", 0}}, 1);
    lua_pushliteral(L, "params");
    lua_pushvalue(L, -2);
    lua_rawset(L, 1);
  } else if (!strcmp(k, "edges") || !strcmp(k, "succ")) {
    node_edges(L, 1);
    lua_settop(L, 2);
    lua_rawget(L, 1);
  } else {
    lua_pushnil(L);
  }
  return 1;
}

/* __index of g: dangling on first read (every node's edges then). */
static int graph_index(lua_State *L) {
  if (lua_type(L, 2) != LUA_TSTRING || strcmp(lua_tostring(L, 2), "dangling")) { lua_pushnil(L); return 1; }
  lua_settop(L, 1);
  luaL_checkstack(L, 16, "flowgraph");
  lua_pushliteral(L, "nodes"); lua_rawget(L, 1);              /* 2 */
  lua_pushliteral(L, "by_id"); lua_rawget(L, 1);              /* 3 */
  lua_newtable(L);                                            /* 4: dangling */
  lua_Integer nd = 0;
  for (lua_Integer j = 1; lua_rawgeti(L, 2, j) == LUA_TTABLE; j++) {   /* 5: node */
    lua_getfield(L, 5, "edges");                              /* 6 (builds them) */
    for (lua_Integer k = 1; lua_istable(L, 6) && lua_rawgeti(L, 6, k) != LUA_TNIL; k++) {   /* 7: edge */
      lua_pushliteral(L, "to");
      if (lua_rawget(L, 7) == LUA_TSTRING) {                  /* 8 */
        size_t len = lua_rawlen(L, 8);
        lua_pushvalue(L, 8);
        if (lua_rawget(L, 3) == LUA_TNIL && len > 0) {        /* 9 */
          lua_createtable(L, 0, 2);
          lua_pushvalue(L, 5); lua_setfield(L, -2, "from");
          lua_pushvalue(L, 7); lua_setfield(L, -2, "edge");
          lua_rawseti(L, 4, ++nd);
        }
      }
      lua_settop(L, 6);
    }
    lua_settop(L, 4);
  }
  lua_settop(L, 4);
  lua_pushliteral(L, "dangling");
  lua_pushvalue(L, 4);
  lua_rawset(L, 1);
  return 1;
}

/* Pushes this process's table of Type strings, [typeno + 1] = the string
 * (policy/cgraph.h: the record numbers the snapshot's distinct Types), made
 * on first use.  At most TYPE_CACHE_MAX of them are kept, so a snapshot of
 * many odd Types holds no more than that in a rule's Lua heap. */
#define TYPE_CACHE_MAX 256
static const char type_cache_key;
static void type_cache(lua_State *L) {
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &type_cache_key) == LUA_TTABLE) return;
  lua_pop(L, 1);
  lua_createtable(L, 64, 0);
  lua_pushvalue(L, -1);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &type_cache_key);
}

/* flowgraph(content, max_actions) -> g: lib/flow.lua's graph() body (see
 * there for g's fields), built here because it is most of every flow
 * rule's cost in Lua: each member read through a view is a call into C and
 * a new userdata, and a graph reads ~20 per action (issue 12).
 * Lazily: each node is made with its index, id and type, what every rule
 * reads first, often only to find that a flow holds nothing it judges; its
 * view, params, edges and succ are made on first read by the node's
 * metatable (one per graph) and stored in the node, so each is made once
 * and is the same table or view on every read; g.dangling likewise.  The
 * values are the ones the eager build gave. */
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
  /* The parent's record of this Content (policy/cgraph.h), built with the
   * same truncation, names each node's action, Identifier and Type and
   * knows how many items of Actions are taken: no member lookups here then,
   * and no walk of the Actions list (cJSON_GetArraySize: in a rule
   * process the first touch of each action's cJSON, a cache miss each,
   * 13 % of a graph-only rule's samples at 20k/3k). */
  const ca_cgraph *cg = ca_cgraph_find(content);
  if (cg && cg->max != max) cg = NULL;
  lua_Integer n;
  int truncated;
  if (cg) {
    n = cg->nact;
    truncated = cg->truncated;
  } else {
    n = cJSON_IsArray(actions) ? cJSON_GetArraySize(actions) : 0;
    truncated = n > max;
    if (truncated) n = max < 0 ? 0 : max;
  }
  /* The tables sized for what goes in (at most n nodes, by_id's entries
   * when the record counts them), so they are not rehashed as they grow.
   * by_index only when its keys have no holes (every item a node): with
   * holes, `#by_index` depends on how large the array part is, and it must
   * answer what it answered before. */
  int nsize = (int)n, dense = cg && cg->n == n;
  /* g's own fields below, start, and flow.load's effect: 9 */
  lua_createtable(L, 0, 9);                          /* 2: g */
  lua_pushvalue(L, 1); lua_setfield(L, 2, "content");
  push_at(L, 1, (step[]){{"Actions", 0}}, 1);        /* 3: actions view */
  lua_pushvalue(L, 3); lua_setfield(L, 2, "actions_view");
  lua_createtable(L, nsize, 0); lua_pushvalue(L, -1); lua_setfield(L, 2, "nodes");                    /* 4 */
  lua_createtable(L, 0, cg ? cg->nids : nsize); lua_pushvalue(L, -1); lua_setfield(L, 2, "by_id");   /* 5 */
  lua_createtable(L, dense ? nsize : 0, 0); lua_pushvalue(L, -1); lua_setfield(L, 2, "by_index");    /* 6 */
  lua_newtable(L); lua_pushvalue(L, -1); lua_setfield(L, 2, "duplicates"); /* 7 */
  push_value_at(L, 1, (step[]){{"StartAction", 0}}, 1);
  lua_setfield(L, 2, "start_id");
  if (truncated) { lua_pushboolean(L, 1); lua_setfield(L, 2, "truncated"); }
  fg_actions *fa = lua_newuserdatauv(L, sizeof *fa + (size_t)n * sizeof fa->act[0], 0);   /* 8 */
  fa->n = n;
  lua_createtable(L, 0, 1);                          /* 9: the nodes' metatable */
  lua_pushvalue(L, 8); lua_pushvalue(L, 2);
  lua_newtable(L);                                   /* edges made one by one (node_edge), per node */
  lua_pushcclosure(L, node_index, 3);
  lua_setfield(L, 9, "__index");
  lua_createtable(L, 0, 1);                          /* g's metatable */
  lua_pushvalue(L, 8); lua_pushvalue(L, 2);
  lua_pushcclosure(L, graph_index, 2);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, 2);
  luaL_checkstack(L, 32, "flowgraph");
  /* The keys are made once (lua_setfield makes its key each call, through
   * Lua's string cache). */
  lua_pushliteral(L, "index");                       /* 10 */
  lua_pushliteral(L, "id");                          /* 11 */
  lua_pushliteral(L, "type");                        /* 12 */
  /* 13: with a record, this process's Type strings by the record's type
   * number (type_cache), so each Type is made a Lua string once per
   * process, not once per action */
  if (cg) type_cache(L); else lua_pushnil(L);
  const int TC = 13, NODE = 14, ID = 15;
  lua_Integer nn = 0, nd = 0;
  int j = 0;
  const cJSON *a = !cg && cJSON_IsArray(actions) ? actions->child : NULL;
  for (lua_Integer i = 1; i <= n; i++, a = a ? a->next : NULL) {
    const char *id, *type;
    size_t idlen = 0;
    int tn = -1;
    if (cg) {
      if (j >= cg->n || cg->idx[j] != i) { fa->act[i - 1] = NULL; continue; }
      fa->act[i - 1] = cg->act[j];
      id = cg->ident[j];
      idlen = (size_t)cg->identlen[j];
      type = cg->type[j];
      tn = cg->typeno[j];
      j++;
    } else {
      fa->act[i - 1] = is_container(a) ? a : NULL;
      if (!fa->act[i - 1]) continue;
      id = str(member(a, "Identifier"));
      if (id) idlen = strlen(id);
      type = str(member(a, "Type"));
    }
    lua_createtable(L, 0, 4);                        /* NODE */
    lua_pushvalue(L, 10); lua_pushinteger(L, i); lua_rawset(L, NODE);
    /* lua_pushlstring, not lua_pushstring: the latter first looks the
     * pointer up in Lua's string cache, two strcmp that miss for every new
     * action's string (2.4 % of a 5k/750 audit's samples) */
    if (id) { lua_pushlstring(L, id, idlen); lua_pushvalue(L, 11); lua_pushvalue(L, -2); lua_rawset(L, NODE); }   /* ID */
    lua_pushvalue(L, 12);
    if (!type) lua_pushliteral(L, "?");
    else if (tn >= 0 && tn < TYPE_CACHE_MAX) {
      if (lua_rawgeti(L, TC, tn + 1) != LUA_TSTRING) {
        lua_pop(L, 1);
        lua_pushlstring(L, type, (size_t)cg->typelen[j - 1]);
        lua_pushvalue(L, -1);
        lua_rawseti(L, TC, tn + 1);
      }
    } else lua_pushlstring(L, type, cg ? (size_t)cg->typelen[j - 1] : strlen(type));
    lua_rawset(L, NODE);
    lua_pushvalue(L, 9); lua_setmetatable(L, NODE);
    lua_pushvalue(L, NODE); lua_rawseti(L, 4, ++nn);
    lua_pushvalue(L, NODE); lua_rawseti(L, 6, i);
    /* by_id holds the first node of each Identifier, the others are
     * duplicates; the record knows which is which (cg->id[j] is set for the
     * first only, cgraph.c build_one), so by_id is not searched first */
    int first = !cg ? -1 : cg->id[j - 1] != NULL;
    if (id && first < 0) {
      lua_pushvalue(L, ID);
      first = lua_rawget(L, 5) == LUA_TNIL;
      lua_pop(L, 1);
    }
    if (id && first) { lua_pushvalue(L, ID); lua_pushvalue(L, NODE); lua_rawset(L, 5); }
    else if (id) { lua_pushvalue(L, NODE); lua_rawseti(L, 7, ++nd); }
    lua_settop(L, TC);
  }
  lua_pushliteral(L, "start_id");
  if (lua_rawget(L, 2) == LUA_TSTRING) {
    lua_rawget(L, 5);
    lua_pushliteral(L, "start");
    lua_insert(L, -2);
    lua_rawset(L, 2);
  }
  lua_settop(L, 2);
  return 1;
}

void ca_flowgraph_push(lua_State *L) { lua_pushcfunction(L, l_flowgraph); }

/* ---------------------------------------------------------------------------
 * flowanalysis(g, start) -> res: the body of lib/flow.lua's M.analyze_from
 * (see there) once node.eff is set: the forward data-flow analysis of the
 * logging and recording properties over g.nodes / node.succ, with each
 * origin set a bit set instead of a Lua table per action, property and
 * value (issue 12: those tables were most of the card-input rules' cost).
 * The same worklist in the same order, so res.passes and res.converged are
 * the ones the Lua loop gave; res.entry[node.index][prop] = {on = set, off
 * = set} is made on first read of each node (a rule reads a few). */

enum { FA_NONE, FA_ON, FA_OFF, FA_UNKNOWN, FA_OTHER };
#define FA_PROPS 2
#define FA_MAX_NODES 4096
static const char *const fa_prop[FA_PROPS] = { "logging", "recording" };

typedef struct fa_state {
  int n, words;           /* nodes; 64-bit words per set (n + 1 origins) */
  lua_Integer maxidx;     /* largest node index */
  lua_Integer *idx;       /* [n] node.index of each node; bit b > 0 is idx[b - 1] */
  int *pos;               /* [maxidx + 1] node position of an index, -1 for none */
  uint64_t *sets;         /* [n][FA_PROPS][2 (on, off)][words] entry sets */
} fa_state;

static uint64_t *fa_set(const fa_state *s, int node, int prop, int off) {
  return s->sets + (((size_t)node * FA_PROPS + (size_t)prop) * 2 + (size_t)off) * (size_t)s->words;
}
static int fa_empty(const uint64_t *a, int w) {
  for (int i = 0; i < w; i++) if (a[i]) return 0;
  return 1;
}
static int fa_union(uint64_t *dst, const uint64_t *src, int w) {
  int grew = 0;
  for (int i = 0; i < w; i++) {
    uint64_t x = dst[i] | src[i];
    if (x != dst[i]) { dst[i] = x; grew = 1; }
  }
  return grew;
}

/* The Lua set {[origin] = true} of one bit set. */
static void fa_push_set(lua_State *L, const fa_state *s, const uint64_t *a) {
  lua_newtable(L);
  for (int b = 0; b <= s->n; b++) {
    if (!(a[b / 64] >> (b % 64) & 1)) continue;
    lua_pushboolean(L, 1);
    lua_rawseti(L, -2, b == 0 ? 0 : s->idx[b - 1]);
  }
}

/* __index of res.entry: entry[index] = {logging = {on, off}, recording = ...}. */
static int fa_entry_index(lua_State *L) {
  const fa_state *s = lua_touserdata(L, lua_upvalueindex(1));
  if (!lua_isinteger(L, 2)) { lua_pushnil(L); return 1; }
  lua_Integer i = lua_tointeger(L, 2);
  int j = (i >= 0 && i <= s->maxidx) ? s->pos[i] : -1;
  if (j < 0) { lua_pushnil(L); return 1; }
  lua_createtable(L, 0, FA_PROPS);
  for (int p = 0; p < FA_PROPS; p++) {
    lua_createtable(L, 0, 2);
    fa_push_set(L, s, fa_set(s, j, p, 0)); lua_setfield(L, -2, "on");
    fa_push_set(L, s, fa_set(s, j, p, 1)); lua_setfield(L, -2, "off");
    lua_setfield(L, -2, fa_prop[p]);
  }
  lua_pushvalue(L, 2);
  lua_pushvalue(L, -2);
  lua_rawset(L, 1);
  return 1;
}

/* lua_getfield(L, t, key) for the keys flowanalysis and flowstates read on
 * every node and edge: the key is an upvalue of the running function (made
 * once, ca_flowanalysis_push / ca_flowstates_push), so no call goes through
 * Lua's string cache (luaS_new, a strcmp per call: with lua_pushstring's,
 * 9 % of PCI-FLOW-010's instructions at 5k/750).  lua_gettable honours
 * __index as lua_getfield does: the same value, the same metamethod calls. */
enum { K_INDEX = 1, K_EFF, K_NODE, K_KIND, K_START, K_NODES, K_SUCC, K_PROP, NKEYS = K_PROP + FA_PROPS - 1 };
static int get_key(lua_State *L, int t, int key) {
  t = lua_absindex(L, t);
  lua_pushvalue(L, lua_upvalueindex(key));
  return lua_gettable(L, t);
}

static void push_with_keys(lua_State *L, lua_CFunction fn) {
  static const char *const names[K_PROP - 1] = {"index", "eff", "node", "kind", "start", "nodes", "succ"};
  for (int k = 0; k < K_PROP - 1; k++) lua_pushstring(L, names[k]);
  for (int p = 0; p < FA_PROPS; p++) lua_pushstring(L, fa_prop[p]);
  lua_pushcclosure(L, fn, NKEYS);
}

/* Pushes node.succ of the node on top: made (getfield) without a shared
 * graph cg; with one, only the list the node already has (rawget), nil when
 * it has none, and then cg's successors stand for it.  Returns 0 for that
 * nil (use cg), 1 for a pushed list or value.  In flowanalysis and
 * flowstates only: the key is their upvalue (get_key). */
static int fg_succ(lua_State *L, const ca_cgraph *cg) {
  lua_pushvalue(L, lua_upvalueindex(K_SUCC));
  if (!cg) { lua_gettable(L, -2); return 1; }
  return lua_rawget(L, -2) != LUA_TNIL;
}

static int fa_effect(lua_State *L, int eff, int p) {
  if (lua_type(L, eff) != LUA_TTABLE) return FA_NONE;   /* as indexing nil would fail, nothing set: none */
  get_key(L, eff, K_PROP + p);
  int code = FA_NONE;
  if (lua_type(L, -1) == LUA_TSTRING) {
    const char *e = lua_tostring(L, -1);
    code = !strcmp(e, "on") ? FA_ON : !strcmp(e, "off") ? FA_OFF : !strcmp(e, "unknown") ? FA_UNKNOWN : FA_OTHER;
  } else if (!lua_isnil(L, -1)) {
    code = FA_OTHER;
  }
  lua_pop(L, 1);
  return code;
}

static int l_flowanalysis(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 2);
  luaL_checkstack(L, 24, "flowanalysis");
  get_key(L, 1, K_NODES);                                     /* 3 */
  luaL_checktype(L, 3, LUA_TTABLE);
  lua_Integer n64 = (lua_Integer)lua_rawlen(L, 3);
  /* its C work grows with the square of the nodes and no instruction count
   * sees it: bounded here (a flow has at most 250 actions: lib/flow.lua
   * MAX_ACTIONS), so a rule's budgets bound what it makes the engine do */
  if (n64 > FA_MAX_NODES) return luaL_error(L, "flowanalysis: %I nodes, more than %d", (LUAI_UACINT)n64, FA_MAX_NODES);
  int n = (int)n64, words = (n + 1 + 63) / 64;
  /* The shared graph first (raw reads only, no metamethod runs): when g is
   * the graph flowgraph() built over it, each node.index is the record's
   * (integers, increasing), so the passes reading them are its array, and
   * the succ lists below are taken from it without checking g again.  Not
   * when a node's eff has a metatable (its __index might run the rule's
   * code, which could change g before it is checked): then as without. */
  const ca_cgraph *cg = ca_cgraph_of(L, 1);                   /* PROTOTYPE: policy/cgraph.h */
  int fast = cg && cg->n == n;
  fa_state *s;
  unsigned char *eff;
again:;
  lua_Integer maxidx = 0;
  if (fast) maxidx = n ? cg->idx[n - 1] : 0;
  for (int j = 1; !fast && j <= n; j++) {
    lua_rawgeti(L, 3, j);
    get_key(L, -1, K_INDEX);
    lua_Integer i = lua_tointeger(L, -1);
    if (!lua_isinteger(L, -1) || i < 0 || i > 1000000) return luaL_error(L, "flowanalysis: node %d has no index", j);
    if (i > maxidx) maxidx = i;
    lua_pop(L, 2);
  }
  size_t nsets = (size_t)n * FA_PROPS * 2 * (size_t)words;
  size_t bytes = sizeof(fa_state) + (size_t)n * sizeof(lua_Integer) + (size_t)(maxidx + 1) * sizeof(int)
               + nsets * sizeof(uint64_t) + (FA_PROPS + 1) * (size_t)n + sizeof(uint64_t);
  s = lua_newuserdatauv(L, bytes, 0);                         /* 4 */
  memset(s, 0, bytes);
  s->n = n; s->words = words; s->maxidx = maxidx;
  s->sets = (uint64_t *)(s + 1);
  s->idx = (lua_Integer *)(s->sets + nsets);
  s->pos = (int *)(s->idx + n);
  eff = (unsigned char *)(s->pos + maxidx + 1);               /* [n][FA_PROPS] */
  for (lua_Integer i = 0; i <= maxidx; i++) s->pos[i] = -1;
  for (int j = 0; j < n; j++) {
    lua_rawgeti(L, 3, j + 1);                                 /* 5: node */
    if (fast) {
      s->idx[j] = cg->idx[j];
      lua_pushnil(L);                                         /* 6: as get_key's index */
    } else {
      get_key(L, 5, K_INDEX);
      s->idx[j] = lua_tointeger(L, -1);
    }
    if (s->pos[s->idx[j]] < 0) s->pos[s->idx[j]] = j;
    get_key(L, 5, K_EFF);                                     /* 7 */
    if (fast && lua_istable(L, 7) && lua_getmetatable(L, 7)) {   /* not read yet: start over without */
      fast = 0;
      lua_settop(L, 3);
      goto again;
    }
    for (int p = 0; p < FA_PROPS; p++) eff[j * FA_PROPS + p] = (unsigned char)fa_effect(L, 7, p);
    lua_settop(L, 4);
  }
  /* successors as positions, with their kind */
  lua_newtable(L);                                            /* 5: succ positions per node, [j] = {pos, err, ...} */
  int *succ_n = lua_newuserdatauv(L, sizeof(int) * (size_t)(n + 1), 0);   /* 6 */
  if (!fast) cg = ca_cgraph_of(L, 1);
  size_t total = 0;
  for (int j = 0; j < n; j++) {
    lua_rawgeti(L, 3, j + 1);
    if (fg_succ(L, cg)) succ_n[j] = lua_istable(L, -1) ? (int)lua_rawlen(L, -1) : 0;
    else succ_n[j] = cg->off[j + 1] - cg->off[j];
    total += (size_t)succ_n[j];
    lua_pop(L, 2);
  }
  int *succ = lua_newuserdatauv(L, sizeof(int) * 2 * (total + 1), 0);   /* 7: (pos, is_error) pairs */
  size_t at = 0;
  for (int j = 0; j < n; j++) {
    lua_rawgeti(L, 3, j + 1);
    if (!fg_succ(L, cg)) {                                    /* 9: nil */
      for (int e = cg->off[j]; e < cg->off[j + 1]; e++, at++) {
        succ[2 * at] = cg->succ[e] >> 1;
        succ[2 * at + 1] = cg->succ[e] & 1;
      }
      lua_settop(L, 7);
      continue;
    }
    for (int k = 1; k <= succ_n[j]; k++) {
      lua_rawgeti(L, 9, k);                                   /* 10: edge */
      get_key(L, 10, K_NODE);
      get_key(L, -1, K_INDEX);
      lua_Integer ti = lua_tointeger(L, -1);
      int tp = (lua_isinteger(L, -1) && ti >= 0 && ti <= maxidx) ? s->pos[ti] : -1;
      if (tp < 0) return luaL_error(L, "flowanalysis: an edge of node %d leads to no node of g.nodes", j + 1);
      get_key(L, 10, K_KIND);
      const char *kind = lua_tostring(L, -1);
      succ[2 * at] = tp;
      succ[2 * at + 1] = kind && lua_type(L, -1) == LUA_TSTRING && !strcmp(kind, "error");
      at++;
      lua_settop(L, 9);
    }
    lua_settop(L, 7);
  }
  /* the entry state at g.start */
  get_key(L, 1, K_START);
  if (lua_istable(L, -1)) {
    get_key(L, -1, K_INDEX);
    lua_Integer si = lua_tointeger(L, -1);
    int sp = (lua_isinteger(L, -1) && si >= 0 && si <= maxidx) ? s->pos[si] : -1;
    if (sp < 0) return luaL_error(L, "flowanalysis: g.start is no node of g.nodes");
    for (int p = 0; p < FA_PROPS; p++) {
      get_key(L, 2, K_PROP + p);                       /* `start[p] or {}` */
      int on = 0, off = 0;
      if (!lua_toboolean(L, -1)) {
      } else if (lua_istable(L, -1)) {
        lua_getfield(L, -1, "on"); on = lua_toboolean(L, -1);
        lua_getfield(L, -2, "off"); off = lua_toboolean(L, -1);
        lua_pop(L, 2);
      } else {
        return luaL_error(L, "flowanalysis: start.%s is not a table", fa_prop[p]);
      }
      lua_pop(L, 1);
      if (on) fa_set(s, sp, p, 0)[0] |= 1;
      if (off) fa_set(s, sp, p, 1)[0] |= 1;
    }
  }
  lua_settop(L, 7);
  /* the worklist of M.analyze_from: every node in document order, then each
   * node whose entry grew, FIFO; a node is in it at most once */
  size_t *first = lua_newuserdatauv(L, sizeof(size_t) * (size_t)(n + 1), 0);   /* 8 */
  first[0] = 0;
  for (int j = 0; j < n; j++) first[j + 1] = first[j] + (size_t)succ_n[j];
  int *queue = lua_newuserdatauv(L, sizeof(int) * (size_t)(n + 1), 0);         /* 9: ring */
  unsigned char *queued = eff + (size_t)n * FA_PROPS;
  uint64_t *exit = lua_newuserdatauv(L, sizeof(uint64_t) * FA_PROPS * 2 * (size_t)words, 0);   /* 10 */
  int qh = 0, qn = 0, cap = n + 1;
  for (int j = 0; j < n; j++) { queue[qn++] = j; queued[j] = 1; }
  long long steps = 0, budget = (long long)(n + 1) * (n + 1) * 4 + 16;
  while (qn > 0 && steps < budget) {
    int j = queue[qh]; qh = (qh + 1) % cap; qn--;
    queued[j] = 0;
    steps++;
    /* exit[p]: the entry sets themselves when the action leaves them alone
     * (apply returns st: a self-loop's union then grows both, as in Lua),
     * else fresh ones holding this action */
    const uint64_t *xon[FA_PROPS], *xoff[FA_PROPS];
    for (int p = 0; p < FA_PROPS; p++) {
      uint64_t *ein_on = fa_set(s, j, p, 0), *ein_off = fa_set(s, j, p, 1);
      int e = eff[j * FA_PROPS + p];
      if (e == FA_NONE || (fa_empty(ein_on, words) && fa_empty(ein_off, words))) {
        xon[p] = ein_on; xoff[p] = ein_off;
      } else {
        uint64_t *on = exit + (size_t)(p * 2) * (size_t)words, *off = on + words;
        memset(on, 0, sizeof(uint64_t) * 2 * (size_t)words);
        int b = j + 1;
        if (e == FA_ON || e == FA_UNKNOWN) on[b / 64] |= (uint64_t)1 << (b % 64);
        if (e == FA_OFF || e == FA_UNKNOWN) off[b / 64] |= (uint64_t)1 << (b % 64);
        xon[p] = on; xoff[p] = off;
      }
    }
    for (size_t k = first[j]; k < first[j + 1]; k++) {
      int t = succ[2 * k], err = succ[2 * k + 1], grew = 0;
      for (int p = 0; p < FA_PROPS; p++) {
        if (fa_union(fa_set(s, t, p, 0), xon[p], words)) grew = 1;
        if (fa_union(fa_set(s, t, p, 1), xoff[p], words)) grew = 1;
        if (err && eff[j * FA_PROPS + p] != FA_NONE) {
          if (fa_union(fa_set(s, t, p, 0), fa_set(s, j, p, 0), words)) grew = 1;
          if (fa_union(fa_set(s, t, p, 1), fa_set(s, j, p, 1), words)) grew = 1;
        }
      }
      if (grew && !queued[t]) {
        queued[t] = 1;
        queue[(qh + qn) % cap] = t;
        qn++;
      }
    }
  }
  lua_createtable(L, 0, 3);                                   /* 11: res */
  lua_newtable(L);                                            /* entry */
  lua_createtable(L, 0, 1);
  lua_pushvalue(L, 4);
  lua_pushcclosure(L, fa_entry_index, 1);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -2);
  lua_setfield(L, 11, "entry");
  lua_pushinteger(L, (lua_Integer)steps); lua_setfield(L, 11, "passes");
  lua_pushboolean(L, qn == 0); lua_setfield(L, 11, "converged");
  return 1;
}

void ca_flowanalysis_push(lua_State *L) { push_with_keys(L, l_flowanalysis); }

/* ---------------------------------------------------------------------------
 * flowstates(g, prop, starts) -> out: the body of lib/flow.lua's
 * M.states_from (see there) once node.eff is set: which values `prop` may
 * have when each action starts, a breadth-first search over (action, value)
 * pairs.  out[node.index] = {on = bool, off = bool} for a reached action,
 * made on first read (nil for one not reached). */

typedef struct fs_state {
  lua_Integer maxidx;
  int *pos;                /* [maxidx + 1] node position of an index, -1 for none */
  unsigned char *bits;     /* [n] 1: reached on, 2: reached off */
} fs_state;

static int fs_index(lua_State *L) {
  const fs_state *s = lua_touserdata(L, lua_upvalueindex(1));
  if (!lua_isinteger(L, 2)) { lua_pushnil(L); return 1; }
  lua_Integer i = lua_tointeger(L, 2);
  int j = (i >= 0 && i <= s->maxidx) ? s->pos[i] : -1;
  if (j < 0 || !s->bits[j]) { lua_pushnil(L); return 1; }
  lua_createtable(L, 0, 2);
  lua_pushboolean(L, s->bits[j] & 1); lua_setfield(L, -2, "on");
  lua_pushboolean(L, (s->bits[j] & 2) != 0); lua_setfield(L, -2, "off");
  lua_pushvalue(L, 2);
  lua_pushvalue(L, -2);
  lua_rawset(L, 1);
  return 1;
}

/* The search of flowstates over one graph's arrays: s->bits from the entry
 * values in the list at stack index starts (read raw, to the first nil). */
static void fs_search(lua_State *L, fs_state *s, const unsigned char *eff, const size_t *first, const int *succ,
                      int *queue, int sp, int starts) {
  int qh = 0, qt = 0;
#define FS_PUSH(p, on) do { int p_ = (p), b_ = (on) ? 1 : 2; \
    if (!(s->bits[p_] & b_)) { s->bits[p_] |= (unsigned char)b_; queue[qt++] = p_ * 2 + ((on) ? 1 : 0); } } while (0)
  for (lua_Integer k = 1; lua_rawgeti(L, starts, k) != LUA_TNIL; k++) {
    int on = lua_toboolean(L, -1);
    lua_pop(L, 1);
    FS_PUSH(sp, on);
  }
  lua_pop(L, 1);
  while (qh < qt) {
    int key = queue[qh++], j = key / 2, on = key % 2, e = eff[j];
    int out_on = e == FA_ON ? 1 : e == FA_OFF ? 0 : on;
    for (size_t k = first[j]; k < first[j + 1]; k++) {
      int t = succ[2 * k];
      if (e == FA_UNKNOWN) { FS_PUSH(t, 1); FS_PUSH(t, 0); }
      else FS_PUSH(t, out_on);
      if (succ[2 * k + 1] && e != FA_NONE) FS_PUSH(t, on);
    }
  }
#undef FS_PUSH
}

/* flowstates(g, queries) -> list: queries = {{prop, starts}, ...},
 * the list of what flowstates(g, prop, starts) gives for each, in order --
 * when g is the graph flowgraph() built over its shared graph (policy/cgraph.h)
 * and reading it runs no metamethod: g.start and g.nodes raw, g.start a node
 * table with its raw index, every node's eff a table without a metatable and
 * no node with a succ list of its own (whose edges could have metamethods).
 * Then each query's answer is the one its own call gives (those calls
 * change nothing a later one reads), with g read and checked once for all.
 * Else (having run no Lua code and changed nothing) the calls one by one,
 * fs_each.  For xflow (lib/flow/xflow.lua),
 * which asks 4 of each transferring flow and 2 per level of the one checked:
 * checking and reading g per call was most of PCI-FLOW-010's flowstates. */
static int l_flowstates(lua_State *L);
/* fs_multi's answer made call by call: flowstates(g, prop, starts) for each
 * query in turn, from C (no Lua instruction between them, so a rule is
 * charged the same either way: ctest scale_determinism). */
static int fs_each(lua_State *L) {
  lua_settop(L, 2);
  lua_Integer nq = (lua_Integer)lua_rawlen(L, 2);
  lua_createtable(L, (int)nq, 0);                             /* 3 */
  for (int k = 1; k <= NKEYS; k++) lua_pushvalue(L, lua_upvalueindex(k));
  lua_pushcclosure(L, l_flowstates, NKEYS);                   /* 4 */
  for (lua_Integer q = 1; q <= nq; q++) {
    lua_pushvalue(L, 4);
    lua_pushvalue(L, 1);
    lua_rawgeti(L, 2, q);
    lua_rawgeti(L, -1, 1);
    lua_rawgeti(L, -2, 2);
    lua_remove(L, -3);
    lua_call(L, 3, 1);
    lua_rawseti(L, 3, q);
  }
  lua_settop(L, 3);
  return 1;
}

static int fs_multi(lua_State *L) {
  lua_settop(L, 2);
  luaL_checkstack(L, 24, "flowstates");
  lua_Integer nq = (lua_Integer)lua_rawlen(L, 2);
  if (nq > 64) return luaL_error(L, "flowstates: %I queries, more than 64", (LUAI_UACINT)nq);
  for (lua_Integer q = 1; q <= nq; q++) {
    if (lua_rawgeti(L, 2, q) != LUA_TTABLE) return luaL_error(L, "flowstates: query %I is not {prop, starts}", (LUAI_UACINT)q);
    if (lua_rawgeti(L, -1, 1) != LUA_TSTRING || lua_rawgeti(L, -2, 2) != LUA_TTABLE)
      return luaL_error(L, "flowstates: query %I is not {prop, starts}", (LUAI_UACINT)q);
    lua_pop(L, 3);
  }
  lua_pushvalue(L, lua_upvalueindex(K_START));
  if (lua_rawget(L, 1) != LUA_TTABLE) return fs_each(L);               /* 3: start (absent or not a node: call by call) */
  lua_pushvalue(L, lua_upvalueindex(K_INDEX));
  int sit = lua_rawget(L, 3);                                 /* 4 */
  if (sit != LUA_TNUMBER || !lua_isinteger(L, 4)) return fs_each(L);
  lua_Integer si = lua_tointeger(L, 4);
  const ca_cgraph *cg = ca_cgraph_of(L, 1);
  if (!cg) return fs_each(L);
  lua_pushvalue(L, lua_upvalueindex(K_NODES));
  lua_rawget(L, 1);                                           /* 5: nodes (a table: ca_cgraph_of) */
  int n = cg->n;
  if ((lua_Integer)lua_rawlen(L, 5) != n) return fs_each(L);
  lua_Integer maxidx = n ? cg->idx[n - 1] : 0;
  /* per node: eff table checked, then the codes of each query's prop */
  unsigned char *effs = lua_newuserdatauv(L, (size_t)n * (size_t)nq + 1, 0);   /* 6 */
  for (int j = 0; j < n; j++) {
    lua_rawgeti(L, 5, j + 1);                                 /* 7: node */
    lua_pushvalue(L, lua_upvalueindex(K_SUCC));
    if (lua_rawget(L, 7) != LUA_TNIL) return fs_each(L);               /* its own succ list */
    lua_pop(L, 1);
    lua_pushvalue(L, lua_upvalueindex(K_EFF));
    if (lua_rawget(L, 7) != LUA_TTABLE || lua_getmetatable(L, 8)) return fs_each(L);   /* 8: eff */
    for (lua_Integer q = 1; q <= nq; q++) {
      lua_rawgeti(L, 2, q);
      lua_rawgeti(L, -1, 1);
      lua_rawget(L, 8);
      int code = FA_NONE;
      if (lua_type(L, -1) == LUA_TSTRING) {
        const char *e = lua_tostring(L, -1);
        code = !strcmp(e, "on") ? FA_ON : !strcmp(e, "off") ? FA_OFF : !strcmp(e, "unknown") ? FA_UNKNOWN : FA_OTHER;
      } else if (!lua_isnil(L, -1)) {
        code = FA_OTHER;
      }
      effs[(size_t)(q - 1) * (size_t)n + (size_t)j] = (unsigned char)code;
      lua_pop(L, 2);
    }
    lua_settop(L, 6);
  }
  size_t *first = lua_newuserdatauv(L, sizeof(size_t) * (size_t)(n + 1), 0);   /* 7 */
  first[0] = 0;
  for (int j = 0; j < n; j++) first[j + 1] = first[j] + (size_t)(cg->off[j + 1] - cg->off[j]);
  int *succ = lua_newuserdatauv(L, sizeof(int) * 2 * (first[n] + 1), 0);        /* 8 */
  for (size_t e = 0; e < first[n]; e++) {
    succ[2 * e] = cg->succ[cg->off[0] + (int)e] >> 1;
    succ[2 * e + 1] = cg->succ[cg->off[0] + (int)e] & 1;
  }
  int *queue = lua_newuserdatauv(L, sizeof(int) * 2 * (size_t)(n + 1), 0);     /* 9 */
  int sp = -1;
  for (int j = 0; j < n && sp < 0; j++) if (cg->idx[j] == si) sp = j;
  if (sp < 0) return luaL_error(L, "flowstates: g.start is no node of g.nodes");
  lua_createtable(L, (int)nq, 0);                             /* 10: the list */
  for (lua_Integer q = 1; q <= nq; q++) {
    size_t bytes = sizeof(fs_state) + (size_t)(maxidx + 1) * sizeof(int) + (size_t)n * 2 + 8;
    fs_state *s = lua_newuserdatauv(L, bytes, 0);             /* 11 */
    memset(s, 0, bytes);
    s->maxidx = maxidx;
    s->pos = (int *)(s + 1);
    s->bits = (unsigned char *)(s->pos + maxidx + 1);
    for (lua_Integer i = 0; i <= maxidx; i++) s->pos[i] = -1;
    for (int j = 0; j < n; j++) s->pos[cg->idx[j]] = j;
    lua_rawgeti(L, 2, q);
    lua_rawgeti(L, -1, 2);                                    /* 13: starts */
    fs_search(L, s, effs + (size_t)(q - 1) * (size_t)n, first, succ, queue, sp, 13);
    lua_pop(L, 2);
    lua_newtable(L);                                          /* out */
    lua_createtable(L, 0, 1);
    lua_pushvalue(L, 11);
    lua_pushcclosure(L, fs_index, 1);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    lua_rawseti(L, 10, q);
    lua_settop(L, 10);
  }
  return 1;
}

static int l_flowstates(lua_State *L) {
  if (lua_type(L, 2) == LUA_TTABLE) return fs_multi(L);
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkstring(L, 2);                                    /* prop: a number is made a string in place */
  luaL_checktype(L, 3, LUA_TTABLE);
  lua_settop(L, 3);
  luaL_checkstack(L, 24, "flowstates");
  get_key(L, 1, K_START);                                     /* 4 */
  if (!lua_toboolean(L, 4)) { lua_newtable(L); return 1; }
  get_key(L, 1, K_NODES);                                     /* 5 */
  luaL_checktype(L, 5, LUA_TTABLE);
  lua_Integer n64 = (lua_Integer)lua_rawlen(L, 5);
  if (n64 > FA_MAX_NODES) return luaL_error(L, "flowstates: %I nodes, more than %d", (LUAI_UACINT)n64, FA_MAX_NODES);
  int n = (int)n64;
  /* The shared graph first, as in flowanalysis (see there). */
  const ca_cgraph *cg = ca_cgraph_of(L, 1);                   /* PROTOTYPE: policy/cgraph.h */
  int fast = cg && cg->n == n;
again:;
  lua_Integer maxidx = 0;
  if (fast) maxidx = n ? cg->idx[n - 1] : 0;
  for (int j = 1; !fast && j <= n; j++) {
    lua_rawgeti(L, 5, j);
    get_key(L, -1, K_INDEX);
    lua_Integer i = lua_tointeger(L, -1);
    if (!lua_isinteger(L, -1) || i < 0 || i > 1000000) return luaL_error(L, "flowstates: node %d has no index", j);
    if (i > maxidx) maxidx = i;
    lua_pop(L, 2);
  }
  size_t bytes = sizeof(fs_state) + (size_t)(maxidx + 1) * sizeof(int) + (size_t)n * 2 + 8;
  fs_state *s = lua_newuserdatauv(L, bytes, 0);               /* 6 */
  memset(s, 0, bytes);
  s->maxidx = maxidx;
  s->pos = (int *)(s + 1);
  s->bits = (unsigned char *)(s->pos + maxidx + 1);
  unsigned char *eff = s->bits + n;                           /* [n] FA_* */
  for (lua_Integer i = 0; i <= maxidx; i++) s->pos[i] = -1;
  for (int j = 0; j < n; j++) {
    lua_rawgeti(L, 5, j + 1);                                 /* 7: node */
    lua_Integer i;
    if (fast) {
      i = cg->idx[j];
      lua_pushnil(L);                                         /* 8: as get_key's index */
    } else {
      get_key(L, 7, K_INDEX);
      i = lua_tointeger(L, -1);
    }
    if (s->pos[i] < 0) s->pos[i] = j;
    if (get_key(L, 7, K_EFF) != LUA_TTABLE)                   /* 9 */
      return luaL_error(L, "flowstates: node %d has no eff (flow.set_effects first)", j + 1);
    if (fast && lua_getmetatable(L, 9)) {                     /* not read yet: start over without */
      fast = 0;
      lua_settop(L, 5);
      goto again;
    }
    lua_pushvalue(L, 2);                                      /* prop: a string now (luaL_checkstring) */
    lua_gettable(L, 9);
    int code = FA_NONE;
    if (lua_type(L, -1) == LUA_TSTRING) {
      const char *e = lua_tostring(L, -1);
      code = !strcmp(e, "on") ? FA_ON : !strcmp(e, "off") ? FA_OFF : !strcmp(e, "unknown") ? FA_UNKNOWN : FA_OTHER;
    } else if (!lua_isnil(L, -1)) {
      code = FA_OTHER;
    }
    eff[j] = (unsigned char)code;
    lua_settop(L, 6);
  }
  /* successors: (position, is_error) pairs, first[j] .. first[j + 1] */
  size_t *first = lua_newuserdatauv(L, sizeof(size_t) * (size_t)(n + 1), 0);   /* 7 */
  if (!fast) cg = ca_cgraph_of(L, 1);
  first[0] = 0;
  for (int j = 0; j < n; j++) {
    lua_rawgeti(L, 5, j + 1);
    if (fg_succ(L, cg)) first[j + 1] = first[j] + (lua_istable(L, -1) ? lua_rawlen(L, -1) : 0);
    else first[j + 1] = first[j] + (size_t)(cg->off[j + 1] - cg->off[j]);
    lua_pop(L, 2);
  }
  int *succ = lua_newuserdatauv(L, sizeof(int) * 2 * (first[n] + 1), 0);        /* 8 */
  for (int j = 0; j < n; j++) {
    lua_rawgeti(L, 5, j + 1);
    if (!fg_succ(L, cg)) {                                    /* 10: nil */
      for (size_t k = first[j]; k < first[j + 1]; k++) {
        int e = cg->off[j] + (int)(k - first[j]);
        succ[2 * k] = cg->succ[e] >> 1;
        succ[2 * k + 1] = cg->succ[e] & 1;
      }
      lua_settop(L, 8);
      continue;
    }
    for (size_t k = first[j]; k < first[j + 1]; k++) {
      lua_rawgeti(L, 10, (lua_Integer)(k - first[j] + 1));    /* 11: edge */
      get_key(L, 11, K_NODE);
      get_key(L, -1, K_INDEX);
      lua_Integer ti = lua_tointeger(L, -1);
      int tp = (lua_isinteger(L, -1) && ti >= 0 && ti <= maxidx) ? s->pos[ti] : -1;
      if (tp < 0) return luaL_error(L, "flowstates: an edge of node %d leads to no node of g.nodes", j + 1);
      get_key(L, 11, K_KIND);
      succ[2 * k] = tp;
      succ[2 * k + 1] = lua_type(L, -1) == LUA_TSTRING && !strcmp(lua_tostring(L, -1), "error");
      lua_settop(L, 10);
    }
    lua_settop(L, 8);
  }
  get_key(L, 4, K_INDEX);
  lua_Integer si = lua_tointeger(L, -1);
  int sp = (lua_isinteger(L, -1) && si >= 0 && si <= maxidx) ? s->pos[si] : -1;
  lua_pop(L, 1);
  if (sp < 0) return luaL_error(L, "flowstates: g.start is no node of g.nodes");
  /* the search: keys position * 2 + on, each queued once */
  int *queue = lua_newuserdatauv(L, sizeof(int) * 2 * (size_t)(n + 1), 0);     /* 9 */
  int qh = 0, qt = 0;
#define FS_PUSH(p, on) do { int p_ = (p), b_ = (on) ? 1 : 2; \
    if (!(s->bits[p_] & b_)) { s->bits[p_] |= (unsigned char)b_; queue[qt++] = p_ * 2 + ((on) ? 1 : 0); } } while (0)
  for (lua_Integer k = 1; lua_rawgeti(L, 3, k) != LUA_TNIL; k++) {
    int on = lua_toboolean(L, -1);
    lua_pop(L, 1);
    FS_PUSH(sp, on);
  }
  lua_pop(L, 1);
  while (qh < qt) {
    int key = queue[qh++], j = key / 2, on = key % 2, e = eff[j];
    int out_on = e == FA_ON ? 1 : e == FA_OFF ? 0 : on;
    for (size_t k = first[j]; k < first[j + 1]; k++) {
      int t = succ[2 * k];
      if (e == FA_UNKNOWN) { FS_PUSH(t, 1); FS_PUSH(t, 0); }
      else FS_PUSH(t, out_on);
      /* along an error edge the block may not have taken effect */
      if (succ[2 * k + 1] && e != FA_NONE) FS_PUSH(t, on);
    }
  }
#undef FS_PUSH
  lua_newtable(L);                                            /* out */
  lua_createtable(L, 0, 1);
  lua_pushvalue(L, 6);
  lua_pushcclosure(L, fs_index, 1);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -2);
  return 1;
}

void ca_flowstates_push(lua_State *L) { push_with_keys(L, l_flowstates); }

/* ---------------------------------------------------------------------------
 * floweffects(g, effect, only_type): the body of lib/flow.lua's
 * M.set_effects (see there): node.eff = {logging = e, recording = e} on
 * every node of g.nodes, each e from effect(node, prop) when `effect` is
 * given (nil: the built-in effect below; "none": no effect), else the
 * built-in one, which is logging_effect / recording_effect of lib/flow.lua
 * read straight from the action's JSON instead of through views.
 * only_type (optional): effect is called only for nodes of that Type (the
 * caller knows it answers nil for every other one, as flow.module_effect's
 * does for anything but InvokeFlowModule).
 * The same graph often gets the same effects several times in one check
 * (the analysis, then each witness path): g.eff_set remembers the effect
 * given last and the eff table set on each node, and a call with the same
 * effect while every node still holds its table returns at once (a rule
 * that sets node.eff itself, as BASE-FLOW-040 does, makes it recompute).
 * Bounded like flowanalysis: at most FA_MAX_NODES nodes a call. */

/* s equal to `lower` after ASCII lowering (string.lower in the C locale). */
static int lower_eq(const char *s, const char *lower) {
  for (; *s && *lower; s++, lower++) {
    char c = *s >= 'A' && *s <= 'Z' ? (char)(*s + ('a' - 'A')) : *s;
    if (c != *lower) return 0;
  }
  return !*s && !*lower;
}

/* Is n what a view gives as false (JSON null or false)? */
static int is_falsy(const cJSON *n) { return cJSON_IsNull(n) || cJSON_IsFalse(n); }

static int fe_logging(const char *type, const cJSON *p) {
  if (!strcmp(type, "UpdateFlowLoggingBehavior")) {
    const char *v = str(p ? member(p, "FlowLoggingBehavior") : NULL);
    if (v && lower_eq(v, "enabled")) return FA_ON;
    if (v && lower_eq(v, "disabled")) return FA_OFF;
    return FA_UNKNOWN;
  }
  if (!strcmp(type, "InvokeFlowModule")) return FA_UNKNOWN;
  return FA_NONE;
}

/* voice_recording_effect of a RecordingBehavior-like object (NULL: absent). */
static int fe_voice(const cJSON *rb) {
  if (!rb) return FA_NONE;
  if (!is_container(rb)) return FA_UNKNOWN;
  const cJSON *parts = member(rb, "RecordedParticipants"), *ivr = member(rb, "IVRRecordingBehavior");
  int any;                                   /* -1: not stated */
  if (parts && is_falsy(parts)) any = 0;
  else if (!parts) any = -1;
  else if (is_container(parts)) any = cJSON_IsArray(parts) && cJSON_GetArraySize(parts) > 0;
  else return FA_UNKNOWN;
  if (ivr && !is_falsy(ivr)) {
    if (!cJSON_IsString(ivr)) return FA_UNKNOWN;
    if (lower_eq(ivr->valuestring, "enabled")) return FA_ON;
    if (!lower_eq(ivr->valuestring, "disabled")) return FA_UNKNOWN;
  }
  if (any < 0) return FA_UNKNOWN;
  return any ? FA_ON : FA_OFF;
}

static int fe_recording(const char *type, const cJSON *p) {
  if (!strcmp(type, "UpdateContactRecordingBehavior")) {
    if (!p) return FA_UNKNOWN;
    return fe_voice(member(p, "RecordingBehavior"));
  }
  if (!strcmp(type, "UpdateContactRecordingAndAnalyticsBehavior")) {
    if (!p) return FA_UNKNOWN;
    const cJSON *vb = member(p, "VoiceBehavior");
    if (!vb) return FA_NONE;
    if (!is_container(vb)) return FA_UNKNOWN;
    return fe_voice(member(vb, "VoiceRecordingBehavior"));
  }
  if (!strcmp(type, "InvokeFlowModule")) return FA_UNKNOWN;
  return FA_NONE;
}

static const char *const fe_word[] = { NULL, "on", "off", "unknown" };

/* The fg_actions of a flowgraph node's metatable at mt, or NULL. */
static const fg_actions *fe_actions(lua_State *L, int mt) {
  lua_pushliteral(L, "__index");
  lua_rawget(L, mt);
  const fg_actions *fa = NULL;
  if (lua_tocfunction(L, -1) == node_index && lua_getupvalue(L, -1, 1)) {
    fa = lua_touserdata(L, -1);
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  return fa;
}

static int l_floweffects(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  int has_effect = !lua_isnoneornil(L, 2);
  if (has_effect) luaL_checktype(L, 2, LUA_TFUNCTION);
  const char *only = lua_isnoneornil(L, 3) ? NULL : luaL_checkstring(L, 3);
  lua_settop(L, 3);
  luaL_checkstack(L, 24, "floweffects");
  lua_getfield(L, 1, "nodes");                                /* 4 */
  luaL_checktype(L, 4, LUA_TTABLE);
  lua_Integer n = (lua_Integer)lua_rawlen(L, 4);
  if (n > FA_MAX_NODES) return luaL_error(L, "floweffects: %I nodes, more than %d", (LUAI_UACINT)n, FA_MAX_NODES);
  lua_pushliteral(L, "eff_set");
  if (lua_rawget(L, 1) == LUA_TTABLE && (lua_Integer)lua_rawlen(L, 5) == n) {   /* 5 */
    lua_pushliteral(L, "effect");
    lua_rawget(L, 5);
    int same = has_effect ? lua_rawequal(L, -1, 2) : lua_isboolean(L, -1);
    lua_pop(L, 1);
    for (lua_Integer j = 1; same && j <= n; j++) {
      lua_rawgeti(L, 4, j);
      if (!lua_istable(L, -1)) { lua_pop(L, 1); same = 0; break; }
      lua_pushliteral(L, "eff");
      lua_rawget(L, -2);
      lua_rawgeti(L, 5, j);
      same = lua_istable(L, -1) && lua_rawequal(L, -1, -2);
      lua_pop(L, 3);
    }
    if (same) return 0;
  }
  lua_settop(L, 4);
  lua_createtable(L, (int)n, 1);                              /* 5: the new eff_set */
  if (has_effect) lua_pushvalue(L, 2); else lua_pushboolean(L, 0);
  lua_setfield(L, 5, "effect");
  const fg_actions *fa = NULL;
  int have_mt = 0;
  lua_pushnil(L);                                             /* 6: the nodes' metatable, once seen */
  for (lua_Integer j = 1; j <= n; j++) {
    lua_settop(L, 6);
    if (lua_rawgeti(L, 4, j) != LUA_TTABLE)                   /* node */
      return luaL_error(L, "floweffects: g.nodes[%I] is not a node", (LUAI_UACINT)j);
    int node = lua_gettop(L);
    lua_pushliteral(L, "type");
    lua_rawget(L, node);
    const char *type = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
    int tidx = lua_gettop(L);                                 /* keeps type alive */
    /* the node's Parameters: node.params when set, else from the action */
    const cJSON *p = NULL;
    lua_pushliteral(L, "params");
    int t = lua_rawget(L, node);
    int ours = 0;
    if (t == LUA_TNIL && lua_getmetatable(L, node)) {
      if (!have_mt) {
        const fg_actions *f = fe_actions(L, lua_gettop(L));
        if (f) {
          fa = f;
          have_mt = 1;
          lua_copy(L, -1, 6);
        }
      }
      ours = have_mt && lua_rawequal(L, -1, 6);
      lua_pop(L, 1);
    }
    if (t == LUA_TNIL && ours) {
      lua_pushliteral(L, "index");
      lua_rawget(L, node);
      lua_Integer i = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : 0;
      lua_pop(L, 1);
      const cJSON *a = (i >= 1 && i <= fa->n) ? fa->act[i - 1] : NULL;
      const cJSON *pp = a ? member(a, "Parameters") : NULL;
      p = is_container(pp) ? pp : NULL;
    } else {
      if (t == LUA_TNIL) {                                    /* not a flowgraph node: as Lua reads it */
        lua_pop(L, 1);
        lua_getfield(L, node, "params");
      }
      if (!lua_isnil(L, -1)) {
        p = ca_view_node(L, -1);
        if (!p) return luaL_error(L, "floweffects: g.nodes[%I].params is not a snapshot view", (LUAI_UACINT)j);
      }
    }
    lua_settop(L, tidx);
    lua_createtable(L, 0, FA_PROPS);                          /* eff */
    int eff = lua_gettop(L);
    lua_pushliteral(L, "eff");
    lua_pushvalue(L, eff);
    lua_rawset(L, node);
    lua_pushvalue(L, eff);
    lua_rawseti(L, 5, j);
    for (int pr = 0; pr < FA_PROPS; pr++) {
      int done = 0;
      if (has_effect && (!only || !strcmp(type, only))) {
        lua_pushvalue(L, 2);
        lua_pushvalue(L, node);
        lua_pushstring(L, fa_prop[pr]);
        lua_call(L, 2, 1);
        if (lua_type(L, -1) == LUA_TSTRING && !strcmp(lua_tostring(L, -1), "none")) {
          done = 1;
        } else if (!lua_isnil(L, -1)) {
          lua_pushvalue(L, -1);
          lua_setfield(L, eff, fa_prop[pr]);
          done = 1;
        }
        lua_pop(L, 1);
      }
      if (!done) {
        int code = pr == 0 ? fe_logging(type, p) : fe_recording(type, p);
        if (fe_word[code]) {
          lua_pushstring(L, fe_word[code]);
          lua_setfield(L, eff, fa_prop[pr]);
        }
      }
    }
  }
  lua_settop(L, 5);
  lua_pushliteral(L, "eff_set");
  lua_pushvalue(L, 5);
  lua_rawset(L, 1);
  return 0;
}

void ca_floweffects_push(lua_State *L) { lua_pushcfunction(L, l_floweffects); }

/* ---------------------------------------------------------------------------
 * flowselect(g, types) -> list or nil: lib/flowrefs.lua's M.actions loop,
 *   for _, node in ipairs(g.nodes) do
 *     if types[node.type] then out[#out + 1] = node end
 *   end
 * with the same reads (g.nodes, ipairs's t[i], node.type and types[...] as
 * Lua reads them, metamethods included), in C: a rule that looks at a few
 * block types walked every node of every flow in Lua for them (BASE-TEL-002:
 * ~75 % of its instructions).  nil when g, g.nodes, an item of it or types
 * is no table: flowrefs.lua then runs the loop, which raises its own error
 * (or reads through a userdata's metamethods).  Charges one instruction a
 * node visited, as flowpaths does. */
static int l_flowselect(lua_State *L) {
  luaL_checkstack(L, 8, "flowselect");
  lua_settop(L, 2);
  if (!lua_istable(L, 1) || !lua_istable(L, 2) || lua_getfield(L, 1, "nodes") != LUA_TTABLE) {   /* 3 */
    lua_pushnil(L);
    return 1;
  }
  lua_newtable(L);                                            /* 4: out */
  lua_Integer k = 0, i = 1;
  for (; lua_geti(L, 3, i) != LUA_TNIL; i++) {                /* 5: node */
    if (!lua_istable(L, 5)) { lua_pushnil(L); return 1; }
    lua_getfield(L, 5, "type");                               /* 6 */
    if (lua_gettable(L, 2) != LUA_TNIL && lua_toboolean(L, 6)) {
      lua_pushvalue(L, 5);
      lua_rawseti(L, 4, ++k);
    }
    lua_settop(L, 4);
  }
  lua_settop(L, 4);
  ca_sandbox_charge(L, (long)i);
  return 1;
}

void ca_flowselect_push(lua_State *L) { lua_pushcfunction(L, l_flowselect); }

/* The member of object o named k, first match: what indexing its view gives (view.c). */
static const cJSON *view_member(const cJSON *o, const char *k) {
  for (const cJSON *c = o->child; c; c = c->next)
    if (c->string && c->string[0] == k[0] && !strcmp(c->string, k)) return c;
  return NULL;
}

/* ---------------------------------------------------------------------------
 * flownames(g, am) -> ids, names, keys: the display names BASE-FLOW-021
 * (baseline/flow_naming.lua) checks, read as its loop read them through views:
 *   for _, node in ipairs(g.nodes) do
 *     local id = node.id
 *     local entry = type(id) == "string" and am[id]
 *     if is_view(entry) then
 *       local dn = entry.displayName
 *       local key = dn ~= nil and "displayName" or "DisplayName"
 *       if type(dn) ~= "string" then dn = entry.DisplayName end
 *       if type(dn) == "string" then <id, dn, key> end
 *     end
 *   end
 * one entry per name found, in that order (am: the ActionMetadata object
 * view, or nil: no names).  Without a view and two member lookups per block
 * in Lua, which were most of that rule's cost (issue 12).  g.nodes must be
 * flowgraph()'s (tables; the rule's own fresh graph).  Charges one
 * instruction a node. */
static int l_flownames(lua_State *L) {
  luaL_checkstack(L, 10, "flownames");
  lua_settop(L, 2);
  const cJSON *am = ca_view_node(L, 2);
  lua_getfield(L, 1, "nodes");                                /* 3 */
  lua_newtable(L);                                            /* 4: ids */
  lua_newtable(L);                                            /* 5: names */
  lua_newtable(L);                                            /* 6: keys */
  lua_pushliteral(L, "displayName");                          /* 7 */
  lua_pushliteral(L, "DisplayName");                          /* 8 */
  lua_Integer k = 0, i = 1;
  for (; am && lua_geti(L, 3, i) != LUA_TNIL; i++) {          /* 9: node */
    if (!lua_istable(L, 9)) return luaL_error(L, "flownames: g.nodes[%I] is no node", (LUAI_UACINT)i);
    const cJSON *e = NULL;
    if (lua_getfield(L, 9, "id") == LUA_TSTRING && cJSON_IsObject(am))   /* 10 */
      e = view_member(am, lua_tostring(L, 10));
    /* an array entry reads nil for both keys: no name */
    if (cJSON_IsObject(e)) {
      const cJSON *dn = view_member(e, "displayName");
      int key = dn ? 7 : 8;
      if (!cJSON_IsString(dn)) dn = view_member(e, "DisplayName");
      if (cJSON_IsString(dn)) {
        k++;
        lua_pushvalue(L, 10); lua_rawseti(L, 4, k);
        lua_pushstring(L, dn->valuestring); lua_rawseti(L, 5, k);
        lua_pushvalue(L, key); lua_rawseti(L, 6, k);
      }
    }
    lua_settop(L, 8);
  }
  lua_settop(L, 6);
  ca_sandbox_charge(L, (long)i);
  return 3;
}

void ca_flownames_push(lua_State *L) { lua_pushcfunction(L, l_flownames); }
