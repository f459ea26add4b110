/*
 * cgraph.h -- every flow's graph built once per audit, in C, by the parent
 * before it forks the rule processes, which read it copy-on-write
 * (docs/design-shared-graphs.md).  Per flow: the nodes flowgraph() would
 * make (positions in g.nodes, their action and action index, the
 * Identifier by_id holds them under) and, per node, the positions its
 * node.succ would hold, in order.  The C searches (flowpaths.reach, witness,
 * flowanalysis, flowstates) follow these successors for every node whose
 * succ list the rule has not made, instead of making it.
 *
 * On by default in `audit` and in each `policy test` case; CA_SHARED_GRAPHS=0
 * in the environment turns it off, for the tests that hold both paths to
 * the same answers (ctest policy_test_unshared, lib_test_unshared,
 * scale_determinism) and for measurement.  Not a user setting.
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
  int nids;              /* distinct Identifiers: the entries of g.by_id */
  int nact;              /* items of Actions taken (at most max_actions): flowgraph()'s n */
  int truncated;         /* Actions has more than max_actions items */
  int max;               /* the max_actions it was built with */
  const int *idx;        /* [n] node.index (1-based position in Actions) */
  const int *off;        /* [n + 1] node j's successors are succ[off[j] .. off[j+1]) */
  const int *succ;       /* 2 * position + 1 for an edge of kind "error" (Errors[i]), + 0 otherwise */
  const int *edge;       /* [off[n]] each successor's number in node.edges (1-based) */
  const cJSON *const *act;   /* [n] node j's action */
  const char *const *id;     /* [n] node j's Identifier when by_id holds node j under it, else NULL */
  const char *const *ident;  /* [n] node j's Identifier (a string), else NULL */
  const char *const *type;   /* [n] node j's Type (a string), else NULL */
  /* The strings above are copies in the records' mapping (an Identifier
   * after the one before, each distinct Type once), not the snapshot's. */
  const int *identlen;       /* [n] strlen(ident[j]), 0 for NULL */
  const int *typelen;        /* [n] strlen(type[j]), 0 for NULL */
  const int *typeno;         /* [n] a number for type[j], the same for equal Types in every record
                              * (0, 1, ... in order of first appearance), -1 for NULL */
} ca_cgraph;

/* CONSTRUCTOR. In the parent, before fork: builds every flow's and module's
 * graph when snap is not NULL and CA_SHARED_GRAPHS is not "0" (else
 * nothing), then makes the records read-only (mprotect), so a stray write in
 * a rule process faults instead of silently diverging.  A flow whose Content
 * or Actions is not what flowgraph() takes gets no graph (the rule's own
 * path reports it).  Out of memory: no graphs at all (every rule builds its
 * own, as with CA_SHARED_GRAPHS=0).  Frees what an earlier call built. */
void ca_cgraphs_build(const ca_snapshot *snap, int max_actions);
/* The graph built from content, or NULL. */
const ca_cgraph *ca_cgraph_find(const cJSON *content);
/* In a rule process: the shared graph of the flowgraph() graph g at stack
 * index g, or NULL unless g.nodes holds g's own node tables (made by
 * flowgraph() for g, from the record's actions) in the record's order, and
 * g.by_id holds exactly the record's nodes under their Identifiers.  A
 * rule that changed either gets NULL and the searches take node.succ. */
const ca_cgraph *ca_cgraph_of(lua_State *L, int g);
/* DESTRUCTOR. In the parent, after the rules ran; harmless when nothing was built. */
void ca_cgraphs_free(void);

#endif
