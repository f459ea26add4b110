/*
 * flowgraph.h -- lib/flow.lua's graph of a contact flow's Content, built in
 * C.  The rule's Lua state gets it as the global `flowgraph(content,
 * max_actions)`: a pure function of a read-only view that returns the same
 * tables graph() built in Lua (nodes, edges, by_id, ...), with the same views
 * in them, so rules keep their meaning; it only skips the Lua instructions
 * and the view userdata that reading every member through views costs.
 */
#ifndef CA_FLOWGRAPH_H
#define CA_FLOWGRAPH_H
#include <cjson/cJSON.h>
#include <lua.h>

/* Pushes the flowgraph function. */
void ca_flowgraph_push(lua_State *L);
/* Pushes flowanalysis(g, start): lib/flow.lua's M.analyze_from once
 * node.eff is set (the global `flowanalysis` of a rule's state). */
void ca_flowanalysis_push(lua_State *L);
/* Pushes flowstates(g, prop, starts): lib/flow.lua's M.states_from (the
 * global `flowstates`). */
void ca_flowstates_push(lua_State *L);

/* Pushes floweffects(g, effect, only_type): lib/flow.lua's M.set_effects
 * (the global `floweffects`). */
void ca_floweffects_push(lua_State *L);

/* Pushes flowselect(g, types): lib/flowrefs.lua's M.actions (the global
 * `flowselect`). */
void ca_flowselect_push(lua_State *L);
/* Pushes flownames(g, am): the display names baseline/flow_naming.lua
 * checks (the global `flownames`). */
void ca_flownames_push(lua_State *L);

/* The graph's actions (Actions[i - 1] for the node of index i; NULL where
 * that item is not an object): the userdata that is upvalue 1 of the
 * __index closure of every node's metatable (upvalue 2: the graph g).
 * policy/cgraph.c reads it to know that a node table is g's own. */
typedef struct ca_flowgraph_actions {
  lua_Integer n;
  const cJSON *act[];
} ca_flowgraph_actions;

/* The key that, with an edge number k, a node's __index takes from C only:
 * lua_call(__index, node, ca_flowgraph_edge_key, k) -> node.edges[k] (or
 * nil), made alone when node.edges is not made yet, the very table
 * node.edges (and node.succ) will hold in its place, so is_gate can be
 * given an edge without making the node's whole list (flowpaths.passes). */
extern const void *const ca_flowgraph_edge_key;

/* Node views and succ lists made by this process so far (--timings). */
void ca_flowgraph_counts(long *views, long *succ);

#endif
