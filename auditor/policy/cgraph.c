#include "policy/cgraph.h"

#include "policy/view.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* All graphs in one allocation: the ca_cgraph records sorted by content
 * pointer, then the int arrays they point into.  Written once by the parent
 * before fork, never after: the rule processes share its pages. */
static ca_cgraph *graphs;
static size_t ngraphs;
static int *ints;

static const cJSON *member(const cJSON *n, const char *k) {
  return cJSON_IsObject(n) ? cJSON_GetObjectItemCaseSensitive(n, k) : NULL;
}
static int is_container(const cJSON *n) { return cJSON_IsObject(n) || cJSON_IsArray(n); }
static const char *str(const cJSON *n) { return cJSON_IsString(n) ? n->valuestring : NULL; }

typedef struct idpos { const char *id; int pos; } idpos;
static int cmp_idpos(const void *a, const void *b) {
  const idpos *x = a, *y = b;
  int c = strcmp(x->id, y->id);
  return c ? c : (x->pos > y->pos) - (x->pos < y->pos);
}
/* by_id[to]: the first node with that Identifier, -1 for none. */
static int lookup(const idpos *ids, int nids, const char *to) {
  int lo = 0, hi = nids;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (strcmp(ids[mid].id, to) < 0) lo = mid + 1; else hi = mid;
  }
  return lo < nids && !strcmp(ids[lo].id, to) ? ids[lo].pos : -1;
}
/* The `to` of an edge that node_edges() would give a node: a string member. */
static const char *edge_to(const cJSON *to) { return to && !cJSON_IsNull(to) && !cJSON_IsFalse(to) ? str(to) : NULL; }

typedef struct ibuf { int *v; size_t n, cap; } ibuf;
static int ipush(ibuf *b, int x) {
  if (b->n == b->cap) {
    size_t cap = b->cap ? 2 * b->cap : 4096;
    int *v = realloc(b->v, cap * sizeof *v);
    if (!v) return -1;
    b->v = v; b->cap = cap;
  }
  b->v[b->n++] = x;
  return 0;
}

/* Appends content's graph to b as [n, start, idx[n], off[n+1], succ[]];
 * returns 0, 1 for no graph, -1 out of memory. */
static int build_one(const cJSON *content, int max, ibuf *b) {
  const cJSON *actions = member(content, "Actions");
  if (!cJSON_IsArray(actions)) return 1;
  int n = 0, na = 0;
  const cJSON *a;
  for (a = actions->child; a && na < max; a = a->next, na++) if (is_container(a)) n++;
  const cJSON **act = malloc(((size_t)n + 1) * sizeof *act);
  idpos *ids = malloc(((size_t)n + 1) * sizeof *ids);
  if (!act || !ids) { free(act); free(ids); return -1; }
  size_t at = b->n;
  int rc = ipush(b, n) || ipush(b, -1) ? -1 : 0, nids = 0, j = 0, i = 1;
  for (a = actions->child; !rc && a && i <= max; a = a->next, i++) {
    if (!is_container(a)) continue;
    act[j] = a;
    const char *id = str(member(a, "Identifier"));
    if (id) ids[nids++] = (idpos){id, j};
    rc = ipush(b, i);
    j++;
  }
  qsort(ids, (size_t)nids, sizeof *ids, cmp_idpos);
  size_t offat = b->n;
  for (j = 0; !rc && j <= n; j++) rc = ipush(b, 0);
  int ns = 0;
  for (j = 0; !rc && j < n; j++) {
    b->v[offat + (size_t)j] = ns;
    const cJSON *tr = member(act[j], "Transitions");
    if (!is_container(tr)) continue;
    const char *to;
    int t;
    if ((to = str(member(tr, "NextAction"))) && (t = lookup(ids, nids, to)) >= 0) { rc = ipush(b, 2 * t); ns++; }
    const cJSON *list[2] = { member(tr, "Conditions"), member(tr, "Errors") }, *c;
    for (int l = 0; l < 2 && !rc; l++) {
      if (!cJSON_IsArray(list[l])) continue;
      for (c = list[l]->child; c && !rc; c = c->next)
        if ((to = edge_to(member(c, "NextAction"))) && (t = lookup(ids, nids, to)) >= 0) { rc = ipush(b, 2 * t + l); ns++; }
    }
  }
  if (!rc) b->v[offat + (size_t)n] = ns;
  const char *sid = str(member(content, "StartAction"));
  if (!rc && sid) b->v[at + 1] = lookup(ids, nids, sid);
  free(act);
  free(ids);
  if (rc) b->n = at;
  return rc;
}

static int cmp_graph(const void *a, const void *b) {
  uintptr_t x = (uintptr_t)((const ca_cgraph *)a)->content, y = (uintptr_t)((const ca_cgraph *)b)->content;
  return (x > y) - (x < y);
}

void ca_cgraphs_build(const ca_snapshot *snap, int max) {
  const char *on = getenv("CA_SHARED_GRAPHS");
  if (!snap || !on || strcmp(on, "1")) return;   /* no snapshot: a run for the rules' metadata */
  static const char *const types[2][2] = { { "connect_contact_flow", "ContactFlow" },
                                           { "connect_contact_flow_module", "ContactFlowModule" } };
  ibuf b = {0};
  size_t cap = 0, ng = 0;
  const cJSON **keys = NULL;
  size_t *starts = NULL;
  for (int t = 0; t < 2; t++) {
    size_t nr;
    const ca_resource *r = ca_snapshot_of_type(snap, types[t][0], &nr);
    for (size_t k = 0; r && k < nr; k++) {
      const cJSON *content = member(member(r[k].data, types[t][1]), "Content");
      if (!cJSON_IsObject(content)) continue;
      if (ng == cap) {
        cap = cap ? 2 * cap : 1024;
        const cJSON **nk = realloc(keys, cap * sizeof *nk);
        if (nk) keys = nk;
        size_t *nst = nk ? realloc(starts, cap * sizeof *nst) : NULL;
        if (!nk || !nst) goto fail;
        starts = nst;
      }
      size_t at = b.n;
      int rc = build_one(content, max, &b);
      if (rc < 0) goto fail;
      if (rc) continue;
      keys[ng] = content;
      starts[ng++] = at;
    }
  }
  graphs = malloc((ng ? ng : 1) * sizeof *graphs);
  if (!graphs) goto fail;
  ints = b.v;
  for (size_t g = 0; g < ng; g++) {
    const int *p = ints + starts[g];
    int n = p[0];
    graphs[g] = (ca_cgraph){ keys[g], n, p[1], p + 2, p + 2 + n, p + 2 + n + n + 1 };
  }
  ngraphs = ng;
  qsort(graphs, ngraphs, sizeof *graphs, cmp_graph);
  free(keys);
  free(starts);
  return;
fail:   /* out of memory: no shared graphs, every rule builds its own as before */
  free(keys); free(starts); free(b.v); free(graphs);
  graphs = NULL; ints = NULL; ngraphs = 0;
}

const ca_cgraph *ca_cgraph_find(const cJSON *content) {
  size_t lo = 0, hi = ngraphs;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if ((uintptr_t)graphs[mid].content < (uintptr_t)content) lo = mid + 1; else hi = mid;
  }
  return lo < ngraphs && graphs[lo].content == content ? &graphs[lo] : NULL;
}

void ca_cgraphs_free(void) {
  free(graphs); free(ints);
  graphs = NULL; ints = NULL; ngraphs = 0;
}

const ca_cgraph *ca_cgraph_of(lua_State *L, int g) {
  if (!ngraphs || lua_type(L, g) != LUA_TTABLE) return NULL;
  int top = lua_gettop(L);
  lua_pushliteral(L, "content");
  lua_rawget(L, g);
  const cJSON *content = ca_view_node(L, -1);
  const ca_cgraph *cg = content ? ca_cgraph_find(content) : NULL;
  lua_pushliteral(L, "nodes");
  if (!cg || lua_rawget(L, g) != LUA_TTABLE || lua_rawlen(L, -1) != (size_t)cg->n) cg = NULL;
  for (int j = 0; cg && j < cg->n; j++) {
    lua_rawgeti(L, top + 2, j + 1);
    lua_pushliteral(L, "index");
    if (lua_type(L, -2) != LUA_TTABLE || lua_rawget(L, -2) != LUA_TNUMBER || !lua_isinteger(L, -1)
        || lua_tointeger(L, -1) != cg->idx[j]) cg = NULL;
    lua_settop(L, top + 2);
  }
  lua_settop(L, top);
  return cg;
}
