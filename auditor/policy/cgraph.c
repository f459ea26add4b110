#include "policy/cgraph.h"

#include <lauxlib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "policy/flowgraph.h"
#include "policy/view.h"

/* All graphs in one mapping: the ca_cgraph records sorted by content
 * pointer, the pointer arrays, then the int arrays they point into.  Written
 * once by the parent before fork and then made read-only: the rule
 * processes share its pages. */
static ca_cgraph *graphs;
static size_t ngraphs;
static void *arena;
static size_t arena_size;
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
/* Node j's action, by_id Identifier, Identifier, Type and the Type's
 * number (number_types), one a node of every graph. */
typedef struct pnode { const cJSON *act; const char *id, *ident, *type; int typeno; } pnode;
typedef struct pbuf { pnode *v; size_t n, cap; } pbuf;
static int ppush(pbuf *b, const cJSON *act, const char *ident, const char *type) {
  if (b->n == b->cap) {
    size_t cap = b->cap ? 2 * b->cap : 4096;
    pnode *v = realloc(b->v, cap * sizeof *v);
    if (!v) return -1;
    b->v = v; b->cap = cap;
  }
  b->v[b->n++] = (pnode){act, NULL, ident, type, -1};
  return 0;
}

/* The distinct Types of all nodes, numbered in order of first appearance:
 * an open-addressing hash set of them (slot: 1 + number, 0 empty). */
typedef struct tval { const char *s, *copy; int len; } tval;
typedef struct tset { tval *v; size_t n, cap; int *slot; size_t nslot, bytes; } tset;
static size_t thash(const char *s) {
  size_t h = 2166136261u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}
static int tset_grow(tset *t) {
  size_t ns = t->nslot ? 2 * t->nslot : 256;
  int *slot = calloc(ns, sizeof *slot);
  if (!slot) return -1;
  for (size_t i = 0; i < t->n; i++) {
    size_t h = thash(t->v[i].s) & (ns - 1);
    while (slot[h]) h = (h + 1) & (ns - 1);
    slot[h] = (int)i + 1;
  }
  free(t->slot);
  t->slot = slot;
  t->nslot = ns;
  return 0;
}
/* Sets each node's typeno; -1 out of memory. */
static int number_types(pbuf *pb, tset *t) {
  for (size_t i = 0; i < pb->n; i++) {
    const char *s = pb->v[i].type;
    if (!s) continue;
    if (2 * (t->n + 1) > t->nslot && tset_grow(t)) return -1;
    size_t h = thash(s) & (t->nslot - 1);
    while (t->slot[h] && strcmp(t->v[t->slot[h] - 1].s, s)) h = (h + 1) & (t->nslot - 1);
    if (!t->slot[h]) {
      if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 64;
        tval *v = realloc(t->v, cap * sizeof *v);
        if (!v) return -1;
        t->v = v; t->cap = cap;
      }
      t->v[t->n] = (tval){s, NULL, 0};
      t->slot[h] = (int)++t->n;
      t->bytes += strlen(s) + 1;
    }
    pb->v[i].typeno = t->slot[h] - 1;
  }
  return 0;
}

/* Appends content's graph to b as [n, start, nids, nact, truncated, max, idx[n], off[n+1], succ[ns], edge[ns]]
 * and its nodes to pb; returns 0, 1 for no graph, -1 out of memory. */
static int build_one(const cJSON *content, int max, ibuf *b, pbuf *pb) {
  const cJSON *actions = member(content, "Actions");
  if (!cJSON_IsArray(actions)) return 1;
  int n = 0, na = 0;
  const cJSON *a;
  for (a = actions->child; a && na < max; a = a->next, na++) if (is_container(a)) n++;
  idpos *ids = malloc(((size_t)n + 1) * sizeof *ids);
  if (!ids) return -1;
  size_t at = b->n, pat = pb->n;
  int total = cJSON_GetArraySize(actions);
  int rc = ipush(b, n) || ipush(b, -1) || ipush(b, 0) || ipush(b, total > max ? max : total) || ipush(b, total > max)
         || ipush(b, max) ? -1 : 0, nids = 0, j = 0, i = 1;
  for (a = actions->child; !rc && a && i <= max; a = a->next, i++) {
    if (!is_container(a)) continue;
    const char *id = str(member(a, "Identifier"));
    if (id) ids[nids++] = (idpos){id, j};
    rc = ipush(b, i) || ppush(pb, a, id, str(member(a, "Type")));
    j++;
  }
  if (!rc) {
    qsort(ids, (size_t)nids, sizeof *ids, cmp_idpos);
    /* by_id[id] is the first node with that Identifier (flowgraph()) */
    int distinct = 0;
    for (int k = 0; k < nids; k++)
      if (!k || strcmp(ids[k].id, ids[k - 1].id)) { pb->v[pat + (size_t)ids[k].pos].id = ids[k].id; distinct++; }
    b->v[at + 2] = distinct;
  }
  size_t offat = b->n;
  for (j = 0; !rc && j <= n; j++) rc = ipush(b, 0);
  int ns = 0;
  ibuf ek = {0};   /* each successor's edge number, appended after succ[] */
  for (j = 0; !rc && j < n; j++) {
    const cJSON *aj = pb->v[pat + (size_t)j].act;
    b->v[offat + (size_t)j] = ns;
    const cJSON *tr = member(aj, "Transitions");
    if (!is_container(tr)) continue;
    const char *to;
    int t, k = 0;   /* edges as push_edges() numbers them: NextAction when present, Conditions[i], Errors[i] */
    const cJSON *nx = member(tr, "NextAction");
    if (nx && ++k && (to = str(nx)) && (t = lookup(ids, nids, to)) >= 0) { rc = ipush(b, 2 * t) || ipush(&ek, k); ns++; }
    const cJSON *list[2] = { member(tr, "Conditions"), member(tr, "Errors") }, *c;
    for (int l = 0; l < 2 && !rc; l++) {
      if (!cJSON_IsArray(list[l])) continue;
      for (c = list[l]->child; c && !rc; c = c->next) {
        k++;
        if ((to = edge_to(member(c, "NextAction"))) && (t = lookup(ids, nids, to)) >= 0) {
          rc = ipush(b, 2 * t + l) || ipush(&ek, k);
          ns++;
        }
      }
    }
  }
  if (!rc) b->v[offat + (size_t)n] = ns;
  for (size_t e = 0; !rc && e < ek.n; e++) rc = ipush(b, ek.v[e]);
  free(ek.v);
  const char *sid = str(member(content, "StartAction"));
  if (!rc && sid) b->v[at + 1] = lookup(ids, nids, sid);
  free(ids);
  if (rc) { b->n = at; pb->n = pat; }
  return rc;
}

static int cmp_graph(const void *a, const void *b) {
  uintptr_t x = (uintptr_t)((const ca_cgraph *)a)->content, y = (uintptr_t)((const ca_cgraph *)b)->content;
  return (x > y) - (x < y);
}

/* Where a graph's arrays start in the two buffers while they grow. */
typedef struct gstart { const cJSON *content; size_t at, pat; } gstart;

void ca_cgraphs_build(const ca_snapshot *snap, int max) {
  ca_cgraphs_free();
  const char *off = getenv("CA_SHARED_GRAPHS");
  if (!snap || (off && !strcmp(off, "0"))) return;   /* no snapshot: a run for the rules' metadata */
  static const char *const types[2][2] = { { "connect_contact_flow", "ContactFlow" },
                                           { "connect_contact_flow_module", "ContactFlowModule" } };
  ibuf b = {0};
  pbuf pb = {0};
  tset tys = {0};
  size_t cap = 0, ng = 0;
  gstart *gs = NULL;
  for (int t = 0; t < 2; t++) {
    size_t nr;
    const ca_resource *r = ca_snapshot_of_type(snap, types[t][0], &nr);
    for (size_t k = 0; r && k < nr; k++) {
      const cJSON *content = member(member(r[k].data, types[t][1]), "Content");
      if (!cJSON_IsObject(content)) continue;
      if (ng == cap) {
        cap = cap ? 2 * cap : 1024;
        gstart *ngs = realloc(gs, cap * sizeof *ngs);
        if (!ngs) goto fail;
        gs = ngs;
      }
      size_t at = b.n, pat = pb.n;
      int rc = build_one(content, max, &b, &pb);
      if (rc < 0) goto fail;
      if (rc) continue;
      gs[ng++] = (gstart){content, at, pat};
    }
  }
  if (!ng) goto fail;   /* nothing to share */
  /* The strings a rule process makes Lua strings of (each node's
   * Identifier and Type) are copied into the mapping, an Identifier after
   * the one before it and each distinct Type once, with their lengths: the
   * rule processes then read them in order from a few pages instead of
   * one cache miss each across the snapshot's heap. */
  if (number_types(&pb, &tys) < 0) goto fail;
  size_t chars = tys.bytes;
  for (size_t i = 0; i < pb.n; i++) if (pb.v[i].ident) chars += strlen(pb.v[i].ident) + 1;
  /* one mapping: records, node pointers, ints, the strings (each part's
   * alignment holds: the records and pointers are multiples of 8 bytes) */
  size_t rec = ng * sizeof(ca_cgraph), ptrs = pb.n * 4 * sizeof(void *), nints = b.n + 3 * pb.n;
  size_t size = rec + ptrs + nints * sizeof(int) + chars;
  void *m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) goto fail;
  ca_cgraph *g = m;
  const cJSON **acts = (const cJSON **)((char *)m + rec);
  const char **idv = (const char **)(acts + pb.n);
  int *ints = (int *)((char *)m + rec + ptrs), *lens = ints + b.n;   /* lens: [pb.n] ident, [pb.n] type lengths, [pb.n] type numbers */
  char *cp = (char *)(ints + nints), *tcp = cp;
  for (size_t t = 0; t < tys.n; t++) {   /* the distinct Types first */
    size_t l = strlen(tys.v[t].s);
    memcpy(tcp, tys.v[t].s, l + 1);
    tys.v[t].copy = tcp;
    tys.v[t].len = (int)l;
    tcp += l + 1;
  }
  cp = tcp;
  for (size_t i = 0; i < pb.n; i++) {
    acts[i] = pb.v[i].act;
    const char *ident = NULL;
    int il = 0, tn = pb.v[i].typeno;
    if (pb.v[i].ident) {
      il = (int)strlen(pb.v[i].ident);
      memcpy(cp, pb.v[i].ident, (size_t)il + 1);
      ident = cp;
      cp += il + 1;
    }
    idv[i] = pb.v[i].id ? ident : NULL;   /* by_id's first node: the same Identifier */
    idv[pb.n + i] = ident;
    idv[2 * pb.n + i] = tn >= 0 ? tys.v[tn].copy : NULL;
    lens[i] = il;
    lens[pb.n + i] = tn >= 0 ? tys.v[tn].len : 0;
    lens[2 * pb.n + i] = tn;
  }
  if (b.n) memcpy(ints, b.v, b.n * sizeof(int));
  for (size_t k = 0; k < ng; k++) {
    const int *p = ints + gs[k].at;
    int n = p[0];
    const int *offs = p + 6 + n, *succ = offs + n + 1;
    g[k] = (ca_cgraph){ gs[k].content, n, p[1], p[2], p[3], p[4], p[5], p + 6, offs, succ, succ + offs[n],
                        acts + gs[k].pat, idv + gs[k].pat, idv + pb.n + gs[k].pat, idv + 2 * pb.n + gs[k].pat,
                        lens + gs[k].pat, lens + pb.n + gs[k].pat, lens + 2 * pb.n + gs[k].pat };
  }
  qsort(g, ng, sizeof *g, cmp_graph);
  /* Read-only from here on: every rule process reads the same pages. If the
   * kernel refuses, the records stay as built (nothing writes them). */
  (void)mprotect(m, size, PROT_READ);
  graphs = g;
  ngraphs = ng;
  arena = m;
  arena_size = size;
fail:   /* out of memory, or no flow: no shared graphs, every rule builds its own */
  free(gs); free(b.v); free(pb.v); free(tys.v); free(tys.slot);
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
  if (arena) munmap(arena, arena_size);
  arena = NULL; arena_size = 0;
  graphs = NULL; ngraphs = 0;
}

/* The flowgraph() actions behind the node table at the top of the stack,
 * when its metatable is mt (at stack index mt) and that metatable's __index
 * is flowgraph()'s closure for the graph at g; else NULL.  Pushes nothing. */
static const ca_flowgraph_actions *own_actions(lua_State *L, int mt, int g) {
  const ca_flowgraph_actions *fa = NULL;
  int top = lua_gettop(L);
  lua_pushliteral(L, "__index");
  if (lua_rawget(L, mt) == LUA_TFUNCTION && lua_iscfunction(L, -1)
      && lua_getupvalue(L, top + 1, 1) && lua_type(L, -1) == LUA_TUSERDATA
      && lua_getupvalue(L, top + 1, 2) && lua_rawequal(L, -1, g))
    fa = lua_touserdata(L, top + 2);
  lua_settop(L, top);
  return fa;
}

const ca_cgraph *ca_cgraph_of(lua_State *L, int g) {
  if (!ngraphs || lua_type(L, g) != LUA_TTABLE) return NULL;
  g = lua_absindex(L, g);
  luaL_checkstack(L, 12, "shared graph");
  int top = lua_gettop(L);
  lua_pushliteral(L, "content");
  lua_rawget(L, g);
  const cJSON *content = ca_view_node(L, -1);
  const ca_cgraph *cg = content ? ca_cgraph_find(content) : NULL;
  lua_pushliteral(L, "nodes");                                  /* top+2 */
  if (!cg || lua_rawget(L, g) != LUA_TTABLE || lua_rawlen(L, -1) != (size_t)cg->n) cg = NULL;
  lua_pushliteral(L, "by_id");                                  /* top+3 */
  if (cg && lua_rawget(L, g) != LUA_TTABLE) cg = NULL;
  const ca_flowgraph_actions *fa = NULL;
  /* the keys, made once (each lua_pushliteral goes through Lua's string
   * cache: a strcmp, which over every node of every search showed in the
   * profile) */
  lua_pushliteral(L, "index");                                  /* top+4 */
  lua_pushliteral(L, "id");                                     /* top+5 */
  /* every node is g's own table (its metatable's __index is g's closure:
   * a node of another graph, or a copy, is not), at its record position,
   * over the record's action; and g.by_id holds what node_edges() would
   * find the record's targets under: node j under each Identifier the
   * record gives it (read from node.id, which must still be it), and
   * nothing else */
  int ids = 0;
  for (int j = 0; cg && j < cg->n; j++) {
    lua_rawgeti(L, top + 2, j + 1);                             /* top+6: node */
    if (lua_type(L, -1) != LUA_TTABLE || !lua_getmetatable(L, -1)) { cg = NULL; break; }   /* top+7 */
    if (!j) {
      lua_pushvalue(L, -1);
      lua_replace(L, top + 1);                                  /* top+1: the nodes' metatable */
      fa = own_actions(L, top + 1, g);
    }
    lua_pushvalue(L, top + 4);
    int i = (int)cg->idx[j];
    if (!fa || !lua_rawequal(L, -2, top + 1) || lua_rawget(L, top + 6) != LUA_TNUMBER || !lua_isinteger(L, -1)
        || lua_tointeger(L, -1) != i || i < 1 || i > fa->n || fa->act[i - 1] != cg->act[j]) cg = NULL;
    if (cg && cg->id[j]) {
      ids++;
      lua_pushvalue(L, top + 5);
      const char *id = lua_rawget(L, top + 6) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;   /* top+9 */
      if (!id || strcmp(id, cg->id[j]) || lua_rawget(L, top + 3) == LUA_TNIL || !lua_rawequal(L, -1, top + 6)) cg = NULL;
    }
    lua_settop(L, top + 5);
  }
  if (cg && ids != cg->nids) cg = NULL;
  if (cg) {
    int entries = 0;
    lua_pushnil(L);
    while (lua_next(L, top + 3)) { lua_pop(L, 1); entries++; }
    if (entries != ids) cg = NULL;
  }
  lua_settop(L, top);
  return cg;
}
