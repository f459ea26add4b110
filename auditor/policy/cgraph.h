/*
 * cgraph.h -- PROTOTYPE (docs/design-shared-graphs.md): every flow's graph
 * built once per audit, in C, by the parent before it forks the rule
 * processes, which read it copy-on-write.  Only what flowpaths.reach needs:
 * the nodes flowgraph() would make (positions in g.nodes, their action
 * index) and, per node, the positions its node.succ would hold, in order.
 * Off unless CA_SHARED_GRAPHS=1 is in the environment (measurement only).
 */
#ifndef CA_CGRAPH_H
#define CA_CGRAPH_H
#include <cjson/cJSON.h>
#include <lua.h>

#include "snapshot/snapshot.h"

typedef struct ca_cgraph {
  const cJSON *content;  /* the Content object it was built from (the key) */
  int n;                 /* nodes: the containers among Actions[0..MAX_ACTIONS) */
  int start;             /* position of g.start, -1 for none */
  const int *idx;        /* [n] node.index (1-based position in Actions) */
  const int *off;        /* [n + 1] node j's successors are succ[off[j] .. off[j+1]) */
  const int *succ;       /* 2 * position + 1 for an edge of kind "error" (Errors[i]), + 0 otherwise */
} ca_cgraph;

/* CONSTRUCTOR. In the parent, before fork: builds every flow's and module's graph when
 * CA_SHARED_GRAPHS=1 and snap is not NULL (else nothing).  A flow whose Content or Actions is not
 * what flowgraph() takes gets no graph (the rule's own path reports it). */
void ca_cgraphs_build(const ca_snapshot *snap, int max_actions);
/* The graph built from content, or NULL. */
const ca_cgraph *ca_cgraph_find(const cJSON *content);
/* In a rule process: the shared graph of the flowgraph() graph g at stack
 * index g, when g.nodes still holds the nodes it was built with, in order
 * (their node.index); else NULL. */
const ca_cgraph *ca_cgraph_of(lua_State *L, int g);
/* DESTRUCTOR. In the parent, after the rules ran; harmless when nothing was built. */
void ca_cgraphs_free(void);

#endif
