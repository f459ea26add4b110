/*
 * flowpaths.h -- the path searches of lib/flow.lua and the TransferToFlow
 * scan of lib/flow/index.lua, in C.  A rule's Lua state gets them as the
 * global table `flowpaths`:
 *   flowpaths.reach(g)                        -> set of node.index -> true (flow.reachable)
 *   flowpaths.passes(g, is_target, is_gate, reach) -> the list flow.every_path_passes returns
 *                                               (is_target and is_gate may be tables keyed by
 *                                               node.index instead of functions)
 *   flowpaths.witness(g, prop, target, starts) -> path (list of nodes) or nil (flow.witness)
 *   flowpaths.transfers(actions, max)         -> list of the positions (1-based, at most max)
 *                                               of the TransferToFlow actions whose Parameters
 *                                               is an object or a list (flow.index's scan)
 *   flowpaths.keyword(text, keyword)          -> flow.has_keyword for two strings
 *   flowpaths.branches(g)                     -> bad, errors: the nodes with an edge BASE-FLOW-001
 *                                               reports (dangling, or leading nowhere), and the
 *                                               others' error types, without making node.edges
 *   flowpaths.paths(g, queries)               -> for each {from, target, blocked types} a shortest
 *                                               path along node.succ (list of nodes) or false
 *   flowpaths.selected(g, opts)               -> positions of the nodes whose node.params may hold
 *                                               a leaf viewleaves(node.params, opts) selects (a
 *                                               superset), without making node.params
 * Each gives what the Lua code it replaced gave, built in the same order (the
 * callbacks of passes are called as often and in the same order).  The
 * searches refuse a graph of more nodes than flowanalysis does and charge the
 * rule's budgets one instruction per action and edge they visit
 * (ca_sandbox_charge): their C work is no Lua instruction the hook counts.
 */
#ifndef CA_FLOWPATHS_H
#define CA_FLOWPATHS_H
#include <lua.h>

/* Pushes the flowpaths table. */
void ca_flowpaths_push(lua_State *L);

#endif
