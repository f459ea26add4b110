#include "policy/flowpaths.h"

#include <ctype.h>
#include <lauxlib.h>
#include <string.h>

#include "policy/cgraph.h"
#include "policy/flowgraph.h"
#include "policy/sandbox.h"
#include "policy/view.h"

/* The largest graph a search takes, as flowanalysis and flowstates
 * (policy/flowgraph.c): a flow has at most 250 actions (lib/flow.lua
 * MAX_ACTIONS).  Each search also charges the rule's budgets one instruction
 * per action and edge it visits (ca_sandbox_charge), so a rule that searches
 * too much runs out of budget on every machine alike. */
#define FP_MAX_NODES 4096
/* Node indexes beyond this are no graph flowgraph built. */
#define FP_MAX_INDEX 1000000

/* A graph's nodes as positions 0..n-1 in g.nodes.  The Lua tables stay on
 * the stack: nodes at `nodes`; the C arrays live in a userdata above it. */
typedef struct fp_graph {
  int n;
  int nodes;               /* stack index of g.nodes */
  lua_Integer maxidx;
  int *pos;                /* [maxidx + 1]: position of a node.index, -1 for none */
  lua_Integer *idx;        /* [n]: node.index of a position */
  int *a, *b;              /* [2n] each: work arrays of the search */
  const ca_cgraph *cg;     /* ca_cgraph_of(g) when fp_load ran, NULL for none */
} fp_graph;

/* Reads g.nodes of the graph at stack index g into G; pushes g.nodes and a
 * userdata holding the arrays.  `what` names the function in errors. */
static void fp_load(lua_State *L, int g, fp_graph *G, const char *what) {
  luaL_checkstack(L, 24, what);
  /* The shared graph first (policy/cgraph.h: raw reads only, no metamethod
   * runs): when g is the one flowgraph() built over it, every node.index is
   * the record's (an integer, increasing), so the two passes that read them
   * below are the record's array; and the searches take this cg (fp_shared)
   * instead of checking g a second time.  Between here and there only
   * g.start's index is read (fp_pos): raw on a node of g.nodes, and when
   * it is not, fp_shared checks g again. */
  g = lua_absindex(L, g);
  G->cg = ca_cgraph_of(L, g);
  lua_getfield(L, g, "nodes");
  luaL_checktype(L, -1, LUA_TTABLE);
  G->nodes = lua_gettop(L);
  lua_Integer n64 = (lua_Integer)lua_rawlen(L, G->nodes);
  if (n64 > FP_MAX_NODES) luaL_error(L, "%s: %I nodes, more than %d", what, (LUAI_UACINT)n64, FP_MAX_NODES);
  G->n = (int)n64;
  G->maxidx = 0;
  if (G->cg && G->cg->n == G->n) {
    const ca_cgraph *cg = G->cg;
    G->maxidx = G->n ? cg->idx[G->n - 1] : 0;
    size_t bytes = (size_t)(G->maxidx + 1) * sizeof(int) + (size_t)G->n * sizeof(lua_Integer)
                 + (size_t)4 * (size_t)(G->n + 1) * sizeof(int);
    char *m = lua_newuserdatauv(L, bytes, 0);
    G->idx = (lua_Integer *)m;
    G->pos = (int *)(G->idx + G->n);
    G->a = G->pos + G->maxidx + 1;
    G->b = G->a + 2 * (G->n + 1);
    for (lua_Integer i = 0; i <= G->maxidx; i++) G->pos[i] = -1;
    for (int j = 0; j < G->n; j++) { G->idx[j] = cg->idx[j]; G->pos[cg->idx[j]] = j; }
    return;
  }
  G->cg = NULL;
  /* the key made once: lua_getfield makes its key on every call, through
   * Lua's string cache (a strcmp), and this runs for every node of every
   * search (a tenth of BASE-FLOW-002's samples) */
  lua_pushliteral(L, "index");
  int key = lua_gettop(L);
  for (int j = 1; j <= G->n; j++) {
    lua_rawgeti(L, G->nodes, j);
    if (!lua_istable(L, -1)) luaL_error(L, "%s: g.nodes[%d] is no node", what, j);
    lua_pushvalue(L, key);
    lua_gettable(L, -2);
    lua_Integer i = lua_tointeger(L, -1);
    if (!lua_isinteger(L, -1) || i < 0 || i > FP_MAX_INDEX) luaL_error(L, "%s: node %d has no index", what, j);
    if (i > G->maxidx) G->maxidx = i;
    lua_pop(L, 2);
  }
  size_t bytes = (size_t)(G->maxidx + 1) * sizeof(int) + (size_t)G->n * sizeof(lua_Integer)
               + (size_t)4 * (size_t)(G->n + 1) * sizeof(int);
  char *m = lua_newuserdatauv(L, bytes, 0);
  G->idx = (lua_Integer *)m;
  G->pos = (int *)(G->idx + G->n);
  G->a = G->pos + G->maxidx + 1;
  G->b = G->a + 2 * (G->n + 1);
  for (lua_Integer i = 0; i <= G->maxidx; i++) G->pos[i] = -1;
  for (int j = 0; j < G->n; j++) {
    lua_rawgeti(L, G->nodes, j + 1);
    lua_pushvalue(L, key);
    lua_gettable(L, -2);
    G->idx[j] = lua_tointeger(L, -1);
    if (G->pos[G->idx[j]] < 0) G->pos[G->idx[j]] = j;
    lua_pop(L, 2);
  }
  lua_remove(L, key);                                         /* the userdata just above g.nodes */
}

/* Position of the node table at stack index t (an edge's node, g.start),
 * checked to be that very node of g.nodes. */
static int fp_pos(lua_State *L, const fp_graph *G, int t, const char *what) {
  if (!lua_istable(L, t)) luaL_error(L, "%s: an edge or g.start leads to no node of g.nodes", what);
  lua_getfield(L, t, "index");
  lua_Integer i = lua_tointeger(L, -1);
  int p = (lua_isinteger(L, -1) && i >= 0 && i <= G->maxidx) ? G->pos[i] : -1;
  lua_pop(L, 1);
  if (p >= 0) {
    lua_rawgeti(L, G->nodes, p + 1);
    if (!lua_rawequal(L, -1, t)) p = -1;
    lua_pop(L, 1);
  }
  if (p < 0) luaL_error(L, "%s: an edge or g.start leads to no node of g.nodes", what);
  return p;
}

/* Pushes node.succ of the node at position j (made on first read by the
 * node's metatable) and the node below it: [node, succ]. */
static void fp_succ(lua_State *L, const fp_graph *G, int j) {
  lua_rawgeti(L, G->nodes, j + 1);
  lua_getfield(L, -1, "succ");
  if (!lua_istable(L, -1)) luaL_error(L, "node %d has no succ list", j + 1);
}

/* PROTOTYPE (policy/cgraph.h): the graph the parent built from g.content,
 * when it has g's nodes in g's order (a rule may have changed g.nodes) and
 * g.start at the same position; else NULL. */
static const ca_cgraph *fp_shared(lua_State *L, const fp_graph *G, int sp, int raw) {
  /* fp_load's cg holds unless fp_pos ran code (g.start's index not a raw
   * field: a metamethod, which may have changed g): then g is checked again */
  const ca_cgraph *cg = raw ? G->cg : ca_cgraph_of(L, 1);
  return cg && cg->n == G->n && cg->start == sp ? cg : NULL;
}

/* Whether fp_pos(L, G, t, ...) reads t.index without a metamethod: t is
 * no table (fp_pos fails) or has the field itself. */
static int fp_raw_index(lua_State *L, int t) {
  if (!lua_istable(L, t)) return 1;
  lua_pushliteral(L, "index");
  int raw = lua_rawget(L, t) != LUA_TNIL;
  lua_pop(L, 1);
  return raw;
}

/* flowpaths.reach(g): lib/flow.lua's M.reachable without its cache.  With a
 * shared graph, a node whose succ list the rule's graph has not made yet is
 * followed along the shared graph's successors (the positions that list
 * would hold, in its order) without making it; a node whose list exists is
 * followed along that list, whatever the rule did to it. */
static int l_reach(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  lua_newtable(L);                                            /* 2: seen */
  lua_getfield(L, 1, "start");                                /* 3 */
  if (!lua_toboolean(L, 3)) {
    lua_settop(L, 2);
    return 1;
  }
  fp_graph G;
  fp_load(L, 1, &G, "flowpaths.reach");                       /* 4: nodes, 5: arrays */
  int *queue = G.a, *seen = G.b, qh = 0, qt = 0;
  long work = 0;
  memset(seen, 0, sizeof(int) * (size_t)G.n);
  int raw = fp_raw_index(L, 3);
  int sp = fp_pos(L, &G, 3, "flowpaths.reach");
  const ca_cgraph *cg = fp_shared(L, &G, sp, raw);
  seen[sp] = 1;
  lua_pushboolean(L, 1);
  lua_rawseti(L, 2, G.idx[sp]);
  queue[qt++] = sp;
  while (qh < qt) {
    int j = queue[qh++];
    work++;
    if (cg) {
      lua_rawgeti(L, G.nodes, j + 1);
      lua_pushliteral(L, "succ");
      int made = lua_rawget(L, -2) != LUA_TNIL;
      lua_settop(L, 5);
      if (!made) {
        for (int e = cg->off[j]; e < cg->off[j + 1]; e++) {
          int t = cg->succ[e] >> 1;
          work++;
          if (!seen[t]) {
            seen[t] = 1;
            lua_pushboolean(L, 1);
            lua_rawseti(L, 2, G.idx[t]);
            queue[qt++] = t;
          }
        }
        continue;
      }
    }
    fp_succ(L, &G, j);                                        /* 6: node, 7: succ */
    for (lua_Integer k = 1; lua_rawgeti(L, 7, k) != LUA_TNIL; k++) {   /* 8: edge */
      work++;
      lua_getfield(L, 8, "node");                             /* 9 */
      int t = fp_pos(L, &G, 9, "flowpaths.reach");
      if (!seen[t]) {
        seen[t] = 1;
        lua_pushboolean(L, 1);
        lua_rawseti(L, 2, G.idx[t]);
        queue[qt++] = t;
      }
      lua_settop(L, 7);
    }
    lua_settop(L, 5);
  }
  lua_settop(L, 2);
  ca_sandbox_charge(L, work);
  return 1;
}

/* Pushes the path that ends at position j, following prev (-1: the start). */
static void fp_push_path(lua_State *L, const fp_graph *G, const int *prev, int j) {
  int len = 0;
  for (int c = j; c >= 0; c = prev[c]) len++;
  lua_createtable(L, len, 0);
  int at = len;
  for (int c = j; c >= 0; c = prev[c]) {
    lua_rawgeti(L, G->nodes, c + 1);
    lua_rawseti(L, -2, at--);
  }
}

/* What is_gate (stack index 3 of flowpaths.passes) says of the edges out
 * of node.index i before any is asked: FP_CALL, ask is_gate about each (a
 * function, or a table whose entry for i is one: that function is pushed);
 * FP_GATE, every edge out of it passes the gate (a table whose entry for i
 * is true, or any other value but false and a function); FP_NOGATE, none
 * does (the table has no entry, or false).  A table asks no Lua code and
 * makes no edge for the nodes it holds no function for. */
enum { FP_NOGATE, FP_GATE, FP_CALL };
static int fp_gate_kind(lua_State *L, lua_Integer i) {
  if (lua_type(L, 3) != LUA_TTABLE) { lua_pushvalue(L, 3); return FP_CALL; }
  int t = lua_rawgeti(L, 3, i);
  if (t == LUA_TFUNCTION) return FP_CALL;
  int gate = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return gate ? FP_GATE : FP_NOGATE;
}

/* The function fp_gate_kind pushed (at fn), called with the node at `node`
 * and the edge on top of the stack, which it pops: whether leaving along
 * it passed the gate. */
static int fp_gate(lua_State *L, int fn, int node) {
  lua_pushvalue(L, fn);
  lua_pushvalue(L, node);
  lua_rotate(L, -3, 2);                                       /* gate, node, edge */
  lua_call(L, 2, 1);
  int passed = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return passed;
}

/* flowpaths.passes(g, is_target, is_gate, reach): the body of lib/flow.lua's
 * M.every_path_passes (see there) once reach = M.reachable(g): is_gate is
 * called for each edge into an action the search has not reached yet, in
 * breadth-first order, and is_target for each reached action in document
 * order, as the Lua loops did.  Either may instead be a table keyed by
 * node.index: is_target[i] true for a target; is_gate[i] true (every edge
 * out of that node passes), a function (asked about each edge, as is_gate
 * is), or nil / false (none passes) -- so a rule whose gates are a few
 * actions' has no Lua called and no edge made for the others (issue 12). */
static int l_passes(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 4);
  lua_newtable(L);                                            /* 5: out */
  lua_getfield(L, 1, "start");                                /* 6 */
  if (!lua_toboolean(L, 6)) { lua_settop(L, 5); return 1; }
  fp_graph G;
  fp_load(L, 1, &G, "flowpaths.passes");                      /* 7: nodes, 8: arrays */
  int *queue = G.a, *prev = G.b, qh = 0, qt = 0;
  long work = G.n;
  enum { UNSEEN = -2 };
  for (int j = 0; j < G.n; j++) prev[j] = UNSEEN;
  int raw = fp_raw_index(L, 6);
  int sp = fp_pos(L, &G, 6, "flowpaths.passes");
  const ca_cgraph *cg = fp_shared(L, &G, sp, raw);
  prev[sp] = -1;
  queue[qt++] = sp;
  while (qh < qt) {
    int j = queue[qh++];
    if (cg) {
      lua_rawgeti(L, G.nodes, j + 1);                         /* 9: node */
      lua_pushliteral(L, "succ");
      if (lua_rawget(L, 9) == LUA_TNIL && lua_getmetatable(L, 9)) {   /* 10: nil, 11: its metatable */
        /* no succ list yet: the record's successors, and is_gate gets
         * only the edges it is asked about, each the table node.edges
         * will hold (policy/flowgraph.h ca_flowgraph_edge_key) */
        lua_pushliteral(L, "__index");
        lua_rawget(L, 11);                                    /* 12: the node's __index */
        int kind = fp_gate_kind(L, G.idx[j]);                 /* 13: the function, for FP_CALL */
        work++;
        for (int e = cg->off[j]; e < cg->off[j + 1]; e++) {
          int t = cg->succ[e] >> 1;
          work++;
          if (prev[t] != UNSEEN) continue;
          int passed = kind == FP_GATE;
          if (kind == FP_CALL) {
            lua_pushvalue(L, 12);
            lua_pushvalue(L, 9);
            lua_pushlightuserdata(L, (void *)ca_flowgraph_edge_key);
            lua_pushinteger(L, cg->edge[e]);
            lua_call(L, 3, 1);                                /* the edge */
            passed = fp_gate(L, 13, 9);
          }
          if (!passed) { prev[t] = j; queue[qt++] = t; }
          lua_settop(L, kind == FP_CALL ? 13 : 12);
        }
        lua_settop(L, 8);
        continue;
      }
      lua_settop(L, 8);
    }
    fp_succ(L, &G, j);                                        /* 9: node, 10: succ */
    int kind = fp_gate_kind(L, G.idx[j]);                     /* 11: the function, for FP_CALL */
    int base = kind == FP_CALL ? 11 : 10;
    work++;
    for (lua_Integer k = 1; lua_rawgeti(L, 10, k) != LUA_TNIL; k++) {   /* base+1: edge */
      work++;
      lua_getfield(L, base + 1, "node");                      /* base+2 */
      int t = fp_pos(L, &G, base + 2, "flowpaths.passes");
      lua_pushvalue(L, base + 1);
      if (prev[t] == UNSEEN) {
        int passed = kind == FP_GATE;
        if (kind == FP_CALL) passed = fp_gate(L, 11, 9);
        if (!passed) { prev[t] = j; queue[qt++] = t; }
      }
      lua_settop(L, base);
    }
    lua_settop(L, 8);
  }
  int table_target = lua_type(L, 2) == LUA_TTABLE;
  lua_Integer no = 0;
  for (int j = 0; j < G.n; j++) {
    lua_rawgeti(L, G.nodes, j + 1);                           /* 9: node */
    lua_getfield(L, 9, "index");
    lua_gettable(L, 4);                                       /* reach[node.index] */
    int reached = lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (reached) {
      if (table_target) {
        lua_rawgeti(L, 2, G.idx[j]);
      } else {
        lua_pushvalue(L, 2);
        lua_pushvalue(L, 9);
        lua_call(L, 1, 1);
      }
      int hit = lua_toboolean(L, -1);
      lua_pop(L, 1);
      if (hit) {
        int p = G.pos[G.idx[j]];
        lua_createtable(L, 0, 3);
        lua_pushvalue(L, 9);
        lua_setfield(L, -2, "node");
        lua_pushboolean(L, prev[p] == UNSEEN);
        lua_setfield(L, -2, "ok");
        if (prev[p] != UNSEEN) {
          fp_push_path(L, &G, prev, p);
          lua_setfield(L, -2, "path");
        }
        lua_rawseti(L, 5, ++no);
      }
    }
    lua_settop(L, 8);
  }
  lua_settop(L, 5);
  ca_sandbox_charge(L, work);
  return 1;
}

/* node.eff[prop] of the node at the top of the stack as lib/flow.lua's
 * witness reads it: 1 sets on ("on", "unknown"), 0 sets off ("off"), -1
 * leaves the value alone (nil or anything else); *any: it is not nil. */
static int fp_effect(lua_State *L, int prop, int *any) {
  if (lua_getfield(L, -1, "eff") != LUA_TTABLE) luaL_error(L, "flowpaths.witness: a node has no eff (flow.set_effects first)");
  lua_pushvalue(L, prop);
  lua_gettable(L, -2);
  int code = -1;
  *any = !lua_isnil(L, -1);
  if (lua_type(L, -1) == LUA_TSTRING) {
    const char *e = lua_tostring(L, -1);
    if (!strcmp(e, "on") || !strcmp(e, "unknown")) code = 1;
    else if (!strcmp(e, "off")) code = 0;
  }
  lua_pop(L, 2);
  return code;
}

/* flowpaths.witness(g, prop, target, starts): the body of lib/flow.lua's
 * M.witness (see there) once node.eff is set and starts given: a
 * breadth-first search over (action, value) pairs, key position * 2 + on. */
static int l_witness(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 4, LUA_TTABLE);
  lua_settop(L, 4);
  lua_getfield(L, 1, "start");                                /* 5 */
  if (!lua_toboolean(L, 5)) { lua_pushnil(L); return 1; }
  fp_graph G;
  fp_load(L, 1, &G, "flowpaths.witness");                     /* 6: nodes, 7: arrays */
  int *queue = G.a, *prev = G.b, qh = 0, qt = 0;   /* prev[key]: key before, -1 start, -2 unseen */
  long work = G.n;
  for (int k = 0; k < 2 * G.n; k++) prev[k] = -2;
  int target = -1;
  for (int j = 0; j < G.n && target < 0; j++) {
    lua_rawgeti(L, G.nodes, j + 1);
    if (lua_rawequal(L, -1, 3)) target = j;
    lua_pop(L, 1);
  }
  int raw = fp_raw_index(L, 5);
  int sp = fp_pos(L, &G, 5, "flowpaths.witness");
  const ca_cgraph *cg = fp_shared(L, &G, sp, raw);
  for (lua_Integer i = 1; lua_geti(L, 4, i) != LUA_TNIL; i++) {
    int key = sp * 2 + lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (prev[key] == -2) { prev[key] = -1; queue[qt++] = key; }
  }
  lua_settop(L, 7);
  while (qh < qt) {
    int key = queue[qh++], j = key / 2, on = key % 2;
    work++;
    if (j == target && on) {
      int len = 0;
      for (int c = key; c >= 0; c = prev[c]) len++;
      lua_createtable(L, len, 0);
      int at = len;
      for (int c = key; c >= 0; c = prev[c]) {
        lua_rawgeti(L, G.nodes, c / 2 + 1);
        lua_rawseti(L, -2, at--);
      }
      ca_sandbox_charge(L, work);
      return 1;
    }
    int made = 1;
    if (cg) {
      lua_rawgeti(L, G.nodes, j + 1);
      lua_pushliteral(L, "succ");
      made = lua_rawget(L, -2) != LUA_TNIL;
      lua_settop(L, 7);
    }
    if (made) {
      fp_succ(L, &G, j);                                      /* 8: node, 9: succ */
    } else {
      lua_rawgeti(L, G.nodes, j + 1);                         /* 8: node */
      lua_pushnil(L);                                         /* 9: the shared successors stand for it */
    }
    lua_pushvalue(L, 8);
    int any, code = fp_effect(L, 2, &any);
    lua_pop(L, 1);
    int out_on = code < 0 ? on : code;
    if (!made) {
      for (int e = cg->off[j]; e < cg->off[j + 1]; e++) {
        work++;
        int t = cg->succ[e] >> 1, err = cg->succ[e] & 1;
        int states[2] = { out_on, on }, ns = (err && any && on != out_on) ? 2 : 1;
        for (int s = 0; s < ns; s++) {
          int tk = t * 2 + states[s];
          if (prev[tk] == -2) { prev[tk] = key; queue[qt++] = tk; }
        }
      }
      lua_settop(L, 7);
      continue;
    }
    for (lua_Integer k = 1; lua_rawgeti(L, 9, k) != LUA_TNIL; k++) {   /* 10: edge */
      work++;
      lua_getfield(L, 10, "node");                            /* 11 */
      int t = fp_pos(L, &G, 11, "flowpaths.witness");
      lua_getfield(L, 10, "kind");
      int err = lua_type(L, -1) == LUA_TSTRING && !strcmp(lua_tostring(L, -1), "error");
      int states[2] = { out_on, on }, ns = (err && any && on != out_on) ? 2 : 1;
      for (int s = 0; s < ns; s++) {
        int tk = t * 2 + states[s];
        if (prev[tk] == -2) { prev[tk] = key; queue[qt++] = tk; }
      }
      lua_settop(L, 9);
    }
    lua_settop(L, 7);
  }
  ca_sandbox_charge(L, work);
  lua_pushnil(L);
  return 1;
}

/* flowpaths.transfers(actions, max): the positions of lib/flow/index.lua's
 * scan -- items 1..min(#actions, max) of an Actions view that are objects
 * with Type "TransferToFlow" and a Parameters object or list -- without a
 * view per action. */
static int l_transfers(lua_State *L) {
  const cJSON *acts = ca_view_node(L, 1);
  lua_Integer max = luaL_checkinteger(L, 2);
  lua_newtable(L);
  if (!cJSON_IsArray(acts)) return 1;
  lua_Integer i = 0, no = 0;
  for (const cJSON *a = acts->child; a && i < max; a = a->next) {
    i++;
    if (!cJSON_IsObject(a)) continue;
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(a, "Type");
    if (!cJSON_IsString(t) || strcmp(t->valuestring, "TransferToFlow")) continue;
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(a, "Parameters");
    if (!cJSON_IsObject(p) && !cJSON_IsArray(p)) continue;
    lua_pushinteger(L, i);
    lua_rawseti(L, -2, ++no);
  }
  ca_sandbox_charge(L, (long)i);
  return 1;
}

/* flowpaths.keyword(text, keyword): lib/flow.lua's M.has_keyword for two
 * strings, keyword not empty -- text:lower():find("%f[%w]" ..
 * escape(keyword:lower())) ~= nil, without making the lowered copies: the
 * keyword at a place where a word starts (the byte before it, or the start
 * of the text, is no letter or digit, and its first byte is one). */
static int l_keyword(lua_State *L) {
  size_t tn, kn;
  const char *t = luaL_checklstring(L, 1, &tn), *k = luaL_checklstring(L, 2, &kn);
  int found = 0;
  if (kn > 0 && kn <= tn && isalnum((unsigned char)tolower((unsigned char)k[0]))) {
    for (size_t p = 0; p + kn <= tn && !found; p++) {
      if (p > 0 && isalnum((unsigned char)tolower((unsigned char)t[p - 1]))) continue;
      size_t i = 0;
      while (i < kn && tolower((unsigned char)t[p + i]) == tolower((unsigned char)k[i])) i++;
      found = i == kn;
    }
  }
  lua_pushboolean(L, found);
  return 1;
}

/* The member of an object (first match, as a view's __index), else NULL. */
static const cJSON *fp_member(const cJSON *n, const char *k) {
  return cJSON_IsObject(n) ? cJSON_GetObjectItemCaseSensitive(n, k) : NULL;
}

/* The edges of an action one at a time, as node.edges would hold them
 * (lib/flow.lua graph(): NextAction when the member exists, then each
 * Conditions[i], then each Errors[i]): fp_next_edge fills k (its number in
 * node.edges), kind (0 next, 1 condition, 2 error), to (a string, or NULL:
 * absent, null, false, a number or a container) and, for an error, etype
 * (its ErrorType when that is a string); 0 after the last. */
typedef struct fp_edge {
  const cJSON *tr, *item;
  int list, k, kind;
  const char *to, *etype;
} fp_edge;
static void fp_first_edge(fp_edge *x, const cJSON *a) {
  const cJSON *tr = fp_member(a, "Transitions");
  *x = (fp_edge){cJSON_IsObject(tr) ? tr : NULL, NULL, -1, 0, 0, NULL, NULL};
}
static int fp_next_edge(fp_edge *x) {
  if (!x->tr) return 0;
  if (x->list < 0) {
    x->list = 0;
    const cJSON *nx = fp_member(x->tr, "NextAction");
    if (nx) {
      x->k++;
      x->kind = 0;
      x->to = cJSON_IsString(nx) ? nx->valuestring : NULL;
      x->etype = NULL;
      return 1;
    }
  }
  while (x->list <= 2) {
    x->item = x->item ? x->item->next : NULL;
    if (!x->item) {
      if (++x->list > 2) return 0;
      const cJSON *items = fp_member(x->tr, x->list == 1 ? "Conditions" : "Errors");
      x->item = cJSON_IsArray(items) ? items->child : NULL;
      if (!x->item) continue;
    }
    const cJSON *to = fp_member(x->item, "NextAction"), *et = x->list == 2 ? fp_member(x->item, "ErrorType") : NULL;
    x->k++;
    x->kind = x->list;
    x->to = cJSON_IsString(to) ? to->valuestring : NULL;
    x->etype = cJSON_IsString(et) ? et->valuestring : NULL;
    return 1;
  }
  return 0;
}

/* flowpaths.branches(g) -> bad, errors: what BASE-FLOW-001 asks of every
 * node's edges, answered from the actions' JSON without making node.edges.
 * bad[j] (j: position in g.nodes) is true for a node that has an edge the
 * rule reports -- one of kind condition or error whose `to` is no non-empty
 * string, or one whose non-empty string `to` names no action (by_id) -- and
 * for a node whose edges the rule's graph made already (the rule then reads
 * them, whatever it did to them); errors[j], for every other node with an
 * error edge whose ErrorType is a string, is those ErrorTypes in edge
 * order, each between NUL bytes ("\0NoMatchingError\0QueueAtCapacity\0"; a
 * JSON string holds no NUL), so `errors[j]:find("\0" .. t .. "\0", 1, true)`
 * is "node.edges has an error edge with error_type t".  With the shared
 * graph (policy/cgraph.h) an edge names an action when the record lists it
 * among the node's successors; without, when g.by_id has its `to`. */
static int l_branches(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  lua_newtable(L);                                            /* 2: bad */
  lua_newtable(L);                                            /* 3: errors */
  fp_graph G;
  fp_load(L, 1, &G, "flowpaths.branches");                    /* 4: nodes, 5: arrays */
  const ca_cgraph *cg = G.cg;   /* fp_load's ca_cgraph_of(g), with G.n nodes */
  lua_getfield(L, 1, "by_id");                                /* 6 */
  if (!cg) luaL_checktype(L, 6, LUA_TTABLE);
  long work = G.n;
  luaL_Buffer b;
  for (int j = 0; j < G.n; j++) {
    lua_rawgeti(L, G.nodes, j + 1);                           /* 7: node */
    lua_pushliteral(L, "edges");
    int made = lua_rawget(L, 7) != LUA_TNIL;
    lua_pop(L, 1);
    const cJSON *a = NULL;
    if (cg) a = cg->act[j];
    else if (!made) {
      lua_getfield(L, 7, "view");
      a = ca_view_node(L, -1);
      lua_pop(L, 1);
    }
    int bad = made || !a;
    fp_edge x;
    for (fp_first_edge(&x, a); !bad && fp_next_edge(&x);) {
      work++;
      if (!x.to || !x.to[0]) { bad = x.kind != 0; continue; }
      int named = 0;
      if (cg) {
        for (int s = cg->off[j]; s < cg->off[j + 1] && !named; s++) named = cg->edge[s] == x.k;
      } else {
        lua_pushstring(L, x.to);
        named = lua_rawget(L, 6) != LUA_TNIL;
        lua_pop(L, 1);
      }
      bad = !named;
    }
    if (bad) {
      lua_pushboolean(L, 1);
      lua_rawseti(L, 2, j + 1);
    } else {
      int any = 0;
      for (fp_first_edge(&x, a); fp_next_edge(&x);) {
        if (x.kind != 2 || !x.etype) continue;
        if (!any) { luaL_buffinit(L, &b); luaL_addchar(&b, '\0'); any = 1; }
        luaL_addstring(&b, x.etype);
        luaL_addchar(&b, '\0');
      }
      if (any) {
        luaL_pushresult(&b);
        lua_rawseti(L, 3, j + 1);
      }
    }
    lua_settop(L, 6);
  }
  lua_settop(L, 3);
  ca_sandbox_charge(L, work);
  return 2;
}

/* The selection of viewleaves (policy/view.c) that flowpaths.selected tests
 * for: member names (opts.names and opts.parents, copied), opts.contains,
 * opts.starts; every: the last opts.path step is in opts.parents (then every
 * string leaf just below the path may be selected). */
#define FP_MAX_NAMES 64
typedef struct fp_select {
  const char *names[FP_MAX_NAMES];
  int nnames;
  const char *contains, *starts;
  int every;
  long visited;
} fp_select;

/* 1 when some string leaf under n may be one viewleaves(view of n, opts)
 * returns: a string that contains opts.contains or begins with opts.starts,
 * or any member named in opts.names or opts.parents (a leaf below it may
 * have it as its key or the step above its key); or past the bounds (a
 * superset: the rule's own viewleaves call then decides). */
static int fp_may_select(fp_select *S, const cJSON *n, int depth) {
  if (++S->visited > 100000 || depth > 32) return 1;
  if (cJSON_IsString(n)) {
    const char *v = n->valuestring;
    return S->every || (S->contains && strstr(v, S->contains))
        || (S->starts && !strncmp(v, S->starts, strlen(S->starts)));
  }
  if (!cJSON_IsArray(n) && !cJSON_IsObject(n)) return 0;
  for (const cJSON *c = n->child; c; c = c->next) {
    if (cJSON_IsObject(n) && c->string)
      for (int k = 0; k < S->nnames; k++)
        if (!strcmp(S->names[k], c->string)) return 1;
    if (fp_may_select(S, c, depth + 1)) return 1;
  }
  return 0;
}

/* Copies the keys of the set at stack index t into S->names; 0 when more
 * than FP_MAX_NAMES or a key is no string. */
static int fp_copy_names(lua_State *L, int t, fp_select *S) {
  lua_pushnil(L);
  while (lua_next(L, t)) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING || S->nnames == FP_MAX_NAMES) { lua_pop(L, 1); return 0; }
    S->names[S->nnames++] = lua_tostring(L, -1);   /* the key stays in the set, which is on the stack */
  }
  return 1;
}

/* flowpaths.selected(g, opts) -> list of the positions j (in g.nodes order)
 * of the nodes whose node.params may hold a leaf viewleaves(node.params,
 * opts) selects (opts: the selection of a viewleaves call, names, parents,
 * contains, starts; path and max_depth as there).  Every other node with a
 * node.params gets an empty list from that call: a rule that only walks
 * the leaves viewleaves selects can skip it, and its view and params
 * (BASE-FLOW-024 made both for every action: issue 12).  A superset: a node
 * listed may still have no such leaf.  Without a selection every node with
 * Parameters is listed.  From node.params when the rule's graph made it,
 * else from the action (the shared graph's, policy/cgraph.h, or node.view's):
 * no node.params is made. */
static int l_selected(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 2);
  fp_select S;
  memset(&S, 0, sizeof S);
  int select = 0, all = 0;
  lua_getfield(L, 2, "names");                                /* 3 */
  if (lua_istable(L, 3)) { select = 1; all |= !fp_copy_names(L, 3, &S); }
  lua_getfield(L, 2, "parents");                              /* 4 */
  if (lua_istable(L, 4)) {
    select = 1;
    all |= !fp_copy_names(L, 4, &S);
    lua_getfield(L, 2, "path");
    if (lua_istable(L, -1) && lua_rawlen(L, -1) > 0) {
      lua_rawgeti(L, -1, (lua_Integer)lua_rawlen(L, -1));
      if (lua_type(L, -1) == LUA_TSTRING) { lua_gettable(L, 4); S.every = lua_toboolean(L, -1); }
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  lua_getfield(L, 2, "contains");                             /* 5 */
  if (lua_type(L, 5) == LUA_TSTRING) { select = 1; S.contains = lua_tostring(L, 5); }
  lua_getfield(L, 2, "starts");                               /* 6 */
  if (lua_type(L, 6) == LUA_TSTRING) { select = 1; S.starts = lua_tostring(L, 6); }
  all |= !select;
  lua_newtable(L);                                            /* 7: out */
  fp_graph G;
  fp_load(L, 1, &G, "flowpaths.selected");                    /* 8: nodes, 9: arrays */
  const ca_cgraph *cg = G.cg;   /* fp_load's ca_cgraph_of(g), with G.n nodes */
  long work = G.n;
  lua_Integer no = 0;
  for (int j = 0; j < G.n; j++) {
    const cJSON *p = NULL;
    int listed = 0;
    lua_rawgeti(L, G.nodes, j + 1);                           /* 10: node */
    lua_pushliteral(L, "params");
    if (lua_rawget(L, 10) != LUA_TNIL) {                      /* made already: what the rule will walk */
      p = ca_view_node(L, -1);
      listed = !p;                                            /* not a view: the rule's own call decides */
    } else {
      if (cg) {
        p = cg->act[j];
      } else {
        lua_getfield(L, 10, "view");
        p = ca_view_node(L, -1);
      }
      p = fp_member(p, "Parameters");                         /* node.params: Parameters when a container */
      if (!cJSON_IsObject(p) && !cJSON_IsArray(p)) p = NULL;
    }
    lua_settop(L, 9);
    if (!p && !listed) continue;                              /* no node.params: the rule skips it */
    if (!listed) listed = all;
    if (!listed) {
      S.visited = 0;
      listed = fp_may_select(&S, p, 0);
      work += S.visited;
    }
    if (listed) {
      lua_pushinteger(L, j + 1);
      lua_rawseti(L, 7, ++no);
    }
  }
  lua_settop(L, 7);
  ca_sandbox_charge(L, work);
  return 1;
}

/* Whether the node at position j is blocked: its node.type is a key of the
 * table at stack index `blocked` (0: none is). */
static int fp_blocked(lua_State *L, const fp_graph *G, int blocked, int j) {
  if (!blocked) return 0;
  lua_rawgeti(L, G->nodes, j + 1);
  lua_getfield(L, -1, "type");
  int b = lua_type(L, -1) == LUA_TSTRING && lua_rawget(L, blocked) != LUA_TNIL && lua_toboolean(L, -1);
  lua_pop(L, 2);
  return b;
}

/* One search of flowpaths.paths (below) from `from` to `target` avoiding
 * the types of the table at stack index `blocked` (0: none); pushes the
 * path or nil.  top: the stack top the search may work above. */
static void fp_path_one(lua_State *L, const fp_graph *G, const ca_cgraph *cg, int top, int from, int target,
                        int blocked, long *work) {
  if (from == target) {
    lua_createtable(L, 1, 0);
    lua_rawgeti(L, G->nodes, from + 1);
    lua_rawseti(L, -2, 1);
    return;
  }
  if (fp_blocked(L, G, blocked, from)) { lua_pushnil(L); return; }
  enum { UNSEEN = -2 };
  int *queue = G->a, *prev = G->b, qh = 0, qt = 0;
  for (int j = 0; j < G->n; j++) prev[j] = UNSEEN;
  prev[from] = -1;
  queue[qt++] = from;
  int found = 0;
  while (qh < qt && !found) {
    int j = queue[qh++];
    (*work)++;
    int made = 1;
    if (cg) {
      lua_rawgeti(L, G->nodes, j + 1);
      lua_pushliteral(L, "succ");
      made = lua_rawget(L, -2) != LUA_TNIL;
      lua_settop(L, top);
    }
    if (!made) {
      for (int e = cg->off[j]; e < cg->off[j + 1] && !found; e++) {
        int t = cg->succ[e] >> 1;
        (*work)++;
        if (prev[t] == UNSEEN && (t == target || !fp_blocked(L, G, blocked, t))) {
          prev[t] = j;
          if (t == target) found = 1; else queue[qt++] = t;
        }
      }
      continue;
    }
    fp_succ(L, G, j);                                         /* top+1: node, top+2: succ */
    for (lua_Integer k = 1; !found && lua_rawgeti(L, top + 2, k) != LUA_TNIL; k++) {   /* top+3: edge */
      (*work)++;
      lua_getfield(L, top + 3, "node");                       /* top+4 */
      int t = fp_pos(L, G, top + 4, "flowpaths.paths");
      lua_settop(L, top + 2);
      if (prev[t] == UNSEEN && (t == target || !fp_blocked(L, G, blocked, t))) {
        prev[t] = j;
        if (t == target) found = 1; else queue[qt++] = t;
      }
    }
    lua_settop(L, top);
  }
  if (found) fp_push_path(L, G, prev, target); else lua_pushnil(L);
}

/* flowpaths.paths(g, queries) -> list: for each query {from, target,
 * blocked} (blocked optional) a shortest path (list of nodes, from first,
 * target last) along node.succ, or false: a breadth-first search from
 * `from` that does not go through an action whose node.type is a key of
 * blocked (the target itself may be of such a type; `from` may not, unless
 * it is the target: then the path is {from}).  Successors in node.succ's
 * order and the first way found to each node kept, as the Lua search
 * BASE-FLOW-002 ran (its path_back), so each path is the one it gave; with
 * the shared graph (policy/cgraph.h) a node whose succ list is not made is
 * followed along the record's successors without making it.  All of a
 * graph's searches in one call: loading the graph and finding its record
 * per search cost more than the searches (issue 12). */
static int l_paths(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 2);
  fp_graph G;
  fp_load(L, 1, &G, "flowpaths.paths");                       /* 3: nodes, 4: arrays */
  const ca_cgraph *cg = G.cg;   /* fp_load's ca_cgraph_of(g), with G.n nodes */
  lua_Integer nq = (lua_Integer)lua_rawlen(L, 2);
  lua_createtable(L, (int)(nq < 4096 ? nq : 4096), 0);        /* 5: out */
  long work = 0;
  for (lua_Integer q = 1; q <= nq; q++) {
    lua_rawgeti(L, 2, q);                                     /* 6: query */
    luaL_checktype(L, 6, LUA_TTABLE);
    lua_rawgeti(L, 6, 1);                                     /* 7: from */
    lua_rawgeti(L, 6, 2);                                     /* 8: target */
    lua_rawgeti(L, 6, 3);                                     /* 9: blocked */
    int blocked = lua_toboolean(L, 9) ? 9 : 0;
    if (blocked) luaL_checktype(L, 9, LUA_TTABLE);
    int from = fp_pos(L, &G, 7, "flowpaths.paths"), target = fp_pos(L, &G, 8, "flowpaths.paths");
    fp_path_one(L, &G, cg, 9, from, target, blocked, &work);  /* 10: path or nil */
    if (lua_isnil(L, 10)) { lua_pop(L, 1); lua_pushboolean(L, 0); }
    lua_rawseti(L, 5, q);
    lua_settop(L, 5);
  }
  ca_sandbox_charge(L, work + nq);
  return 1;
}

void ca_flowpaths_push(lua_State *L) {
  static const luaL_Reg fns[] = {
    {"reach", l_reach}, {"passes", l_passes}, {"witness", l_witness}, {"transfers", l_transfers}, {"keyword", l_keyword},
    {"branches", l_branches}, {"selected", l_selected}, {"paths", l_paths},
    {NULL, NULL}};
  luaL_newlib(L, fns);
}
