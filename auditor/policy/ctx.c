#include "policy/ctx.h"

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <limits.h>
#include <lauxlib.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ca_limits.h"
#include "policy/cgraph.h"  /* ca_cgraph_find: a flow's actions by position */
#include "policy/child.h"   /* ca_child_write */
#include "policy/convert.h"
#include "policy/flowgraph.h"
#include "policy/flowpaths.h"
#include "policy/jsonout.h"
#include "policy/view.h"
#include "results/vocab.h"   /* ca_frameworks, ca_severity_rank: a rule's metadata in the results' words */
#include "policy/x509.h"
#include "results/accept.h"   /* ca_time_parse */
#include "util/jsonptr.h"
#include "util/jsontree.h"

#define MAX_FINDING_BYTES_PER_CHECK (4L * 1024 * 1024)

/* A finding as the text it is written with (finish_check): what a check
 * reports is printed once, as it is reported, never kept as a cJSON tree and
 * printed again. */
typedef struct finding {
  char *arn;                /* copies, cut at a NUL as cJSON_CreateString cuts */
  char *message;
  const char *status;       /* a literal or the status upvalue of ctx's record */
  ca_buf evidence;          /* its items' compact JSON, comma-separated, no brackets */
} finding;

/* Where observe last was in an array: its i-th item (0-based). */
#define ARR_CURSORS 16
typedef struct arr_cursor {
  const cJSON *arr, *item;
  int i;
} arr_cursor;

typedef struct run {
  const ca_snapshot *snap;
  const ca_resource *cur;
  const cJSON *params;
  finding *findings;        /* this check's findings */
  size_t nfindings, afindings;
  cJSON *used_params;       /* parameters read by this rule so far (see ca_rule_child) */
  char *used_text;          /* used_params printed, until the next parameter is read */
  finding pending;          /* a finding being built (freed if an error cuts in) */
  cJSON *item;              /* an evidence item being built (the same) */
  ca_buf line;              /* finish_check's line being written */
  long bytes;               /* serialised size of this check's findings */
  int need_failed;
  char need_msg[1024];
  /* Resources this check looked up or iterated, most recent last (a ring):
   * where ctx:ptr looks for a view's node before searching the snapshot. */
  const ca_resource *seen[CA_PTR_SEEN];
  unsigned nseen;
  /* Every resource this check looked up or iterated: stamp[r - all] == check.
   * A pass must cite a pointer inside the resource under test or one of them. */
  const ca_resource *all;
  size_t nall;
  unsigned *stamp;
  unsigned check;
  int in_once;              /* inside ctx:once: what it looks up counts for every check */
  ca_buf out;               /* finished resources' lines not yet written (flush_out) */
  arr_cursor cursor[ARR_CURSORS];   /* observe's place in arrays (array_item) */
  const ca_resource *cur_ptr_of;    /* cur_ptr is container_ptr(cur_ptr_of) */
  ca_buf cur_ptr;
} run;

#define SEEN_ALWAYS UINT_MAX

/* Whole lines to the parent: into the output's shared mapping, or the pipe
 * (policy/child.h).  What one call writes is published at once. */
static int write_all(int fd, const char *s, size_t n) { return ca_child_write(fd, s, n); }

int ca_emit(int fd, const cJSON *obj) {
  char *s = cJSON_PrintUnformatted(obj);
  if (!s) return -1;
  size_t n = strlen(s);
  s[n] = '\n';       /* replaces the NUL; we write n + 1 bytes */
  int rc = write_all(fd, s, n + 1);
  free(s);
  return rc;
}

static void emit_str(int fd, const char *key, const char *val) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, key, val);
  ca_emit(fd, o);
  cJSON_Delete(o);
}

static run *get_run(lua_State *L) { return lua_touserdata(L, lua_upvalueindex(1)); }

static void finding_free(finding *f) {
  free(f->arn);
  free(f->message);
  ca_buf_free(&f->evidence);
  f->arn = f->message = NULL;
}

/* -1 out of memory (f then holds what it can; finding_free frees it). */
static int finding_set(finding *f, const char *arn, const char *status, const char *message) {
  finding_free(f);
  ca_buf_init(&f->evidence, (size_t)-1);
  f->status = status;
  f->arn = strdup(arn);
  f->message = strdup(message);
  return f->arn && f->message ? 0 : -1;
}

static int set_message(finding *f, const char *status, const char *message) {
  char *m = strdup(message);
  if (!m) return -1;
  free(f->message);
  f->message = m;
  f->status = status;
  return 0;
}

static void drop_findings(run *rn) {
  for (size_t i = 0; i < rn->nfindings; i++) finding_free(&rn->findings[i]);
  rn->nfindings = 0;
}

/* Appends a finding (moved: *f is left empty); -1 out of memory. */
static int add_finding(run *rn, finding *f) {
  if (rn->nfindings == rn->afindings) {
    size_t want = rn->afindings ? 2 * rn->afindings : 8;
    finding *v = realloc(rn->findings, want * sizeof *v);
    if (!v) return -1;
    rn->findings = v;
    rn->afindings = want;
  }
  rn->findings[rn->nfindings++] = *f;
  memset(f, 0, sizeof *f);
  return 0;
}

/* Pointer of the current resource's container, appended to b. */
/* 0, or -1 when b's cap cut it. */
static int container_ptr(ca_buf *b, const ca_resource *r) {
  return ca_ptr_push(b, "resources") | ca_ptr_push(b, r->type) | ca_ptr_push(b, r->arn);
}

/* container_ptr(rn->cur) appended to b, escaped once per check, not once per
 * relative evidence item (three ca_ptr_push each).  A pointer too long to
 * keep is made in b as before (b's cap then cuts it the same way). */
#define CUR_PTR_MAX 8192
static void cur_container_ptr(ca_buf *b, run *rn) {
  if (rn->cur_ptr_of != rn->cur) {
    if (!rn->cur_ptr.cap) ca_buf_init(&rn->cur_ptr, CUR_PTR_MAX);
    rn->cur_ptr.len = 0;
    rn->cur_ptr_of = container_ptr(&rn->cur_ptr, rn->cur) ? NULL : rn->cur;
  }
  if (!rn->cur_ptr_of || ca_buf_add(b, rn->cur_ptr.data, rn->cur_ptr.len)) container_ptr(b, rn->cur);
}

static void remember(run *rn, const ca_resource *r) {
  rn->seen[rn->nseen++ % CA_PTR_SEEN] = r;
  if (rn->stamp && r >= rn->all && r < rn->all + rn->nall && rn->stamp[r - rn->all] != SEEN_ALWAYS)
    rn->stamp[r - rn->all] = rn->in_once ? SEEN_ALWAYS : rn->check;
}

/* Whether evidence inside r can support this check's pass. */
static int cited_ok(const run *rn, const ca_resource *r) {
  if (!r || r == rn->cur) return r != NULL;
  if (!rn->stamp || r < rn->all || r >= rn->all + rn->nall) return 0;
  return rn->stamp[r - rn->all] == rn->check || rn->stamp[r - rn->all] == SEEN_ALWAYS;
}

/* Appends the pointer of node if it lies in r's container; 0 if found. */
static int ptr_in(ca_buf *b, const ca_resource *r, const cJSON *node) {
  size_t mark = b->len;
  container_ptr(b, r);
  if (!ca_ptr_find(b, r->container, node)) return 0;
  b->len = mark;
  b->data[mark] = '\0';
  return -1;
}

/* Pointer of a node: searched in the current container first (small), then in
 * the resources this check looked up, newest first, and only then in the whole
 * snapshot (a walk over every resource: slow on a large snapshot). */
static long ptr_searches;   /* node_ptr calls that searched: audit --timings */

static int node_ptr(ca_buf *b, run *rn, const cJSON *node) {
  ptr_searches++;
  if (rn->cur && !ptr_in(b, rn->cur, node)) return 0;
  unsigned n = rn->nseen < CA_PTR_SEEN ? rn->nseen : CA_PTR_SEEN;
  for (unsigned k = 1; k <= n; k++)
    if (!ptr_in(b, rn->seen[(rn->nseen - k) % CA_PTR_SEEN], node)) return 0;
  return ca_ptr_find(b, ca_snapshot_root(rn->snap), node);
}

/* Pointer of the view at idx: O(depth) from the view's own chain (view.h)
 * when it was reached from r.data or ctx.snapshot, else the search above. */
static int view_ptr(ca_buf *b, run *rn, lua_State *L, int idx) {
  ca_view_step steps[CA_MAX_JSON_DEPTH + 2];
  const void *origin;
  int n = ca_view_chain(L, idx, &origin, steps, CA_MAX_JSON_DEPTH + 2);
  if (n < 0) return node_ptr(b, rn, ca_view_node(L, idx));
  if (origin != (const void *)ca_snapshot_root(rn->snap)) {
    if (origin == (const void *)rn->cur) cur_container_ptr(b, rn);
    else container_ptr(b, origin);
    ca_ptr_push(b, "data");
  }
  for (int i = 0; i < n; i++) {
    if (steps[i].index > 0) ca_ptr_push_index(b, (long)steps[i].index - 1);
    else ca_ptr_push(b, steps[i].node->string ? steps[i].node->string : "");
  }
  return 0;
}

/* The snapshot node at an absolute pointer, and in *in the resource whose
 * container holds it (NULL outside every container). "/resources/<type>/<arn>/…"
 * is resolved through the sorted index (a binary search), not by walking the
 * resources of that type from the root. */
#define OBSERVE_TOK 2048

/* ca_snapshot_lookup(snap, type, arn) for observe, through a small cache:
 * a rule cites the same few other resources (a user's security profiles, a
 * flow's Lambda functions) check after check, and the binary search by ARN
 * compares long shared ARN prefixes at every step. Only resources found are
 * kept, and used only while they lie in this run's snapshot's resources; an
 * entry is checked by its hash, then its type and ARN, so a hit is the
 * resource the search finds (a snapshot holds no two resources of one type
 * and ARN).  h: observe's hash of the two tokens; a slot whose hash differs
 * is passed over without comparing ARNs that share all but their last bytes. */
#define LOOKUP_SLOTS 256
static struct { const ca_resource *r; unsigned h; } lookup_slot[LOOKUP_SLOTS];

static const ca_resource *lookup_cached(const run *rn, const char *type, const char *arn, unsigned h) {
  unsigned k = (h ^ (h >> 16)) % LOOKUP_SLOTS;
  const ca_resource *r = lookup_slot[k].r;
  if (r && lookup_slot[k].h == h && r >= rn->all && r < rn->all + rn->nall && !strcmp(r->arn, arn) &&
      !strcmp(r->type, type))
    return r;
  r = ca_snapshot_lookup(rn->snap, type, arn);
  if (r) lookup_slot[k].r = r, lookup_slot[k].h = h;
  return r;
}

/* The item at 0-based i of array a, as cJSON_GetArrayItem gives it, walked
 * from the item last reached in a when that is not past i: cJSON arrays are
 * lists, and a rule cites items of one array (a flow's Actions) one after
 * another, each walk from the first item a run of cache misses.  The run's
 * snapshot does not change while it runs, so a kept item stays the i-th. */
static const cJSON *array_item(run *rn, const cJSON *a, int i) {
  if (i < 0) return NULL;
  arr_cursor *c = &rn->cursor[((uintptr_t)a / sizeof *a) % ARR_CURSORS];
  const cJSON *it = a->child;
  int k = 0;
  if (c->arr == a && c->i <= i) it = c->item, k = c->i;
  while (it && k < i) it = it->next, k++;
  if (it) c->arr = a, c->item = it, c->i = k;
  return it;
}

/* The member of object o called k, as cJSON_GetObjectItemCaseSensitive finds
 * it (the first; a member without a name ends the search), comparing first
 * bytes before strcmp: most members differ there. */
static const cJSON *object_item(const cJSON *o, const char *k) {
  const cJSON *c = o->child;
  while (c && c->string && (c->string[0] != k[0] || strcmp(k, c->string))) c = c->next;
  return c && c->string ? c : NULL;
}

/* Item i of a flow's Actions (the member "Actions" of content), from the
 * parent's graph record (policy/cgraph.h: the action at each 1-based
 * position it holds a node for) without walking the list: a flow rule cites
 * actions far down their lists, and each walk was a cache miss per item
 * (1.6 % of the rules' samples at 20k/3k).  NULL where the record has none
 * (no record, a position past the ones it took, an item that is no
 * container): the caller walks. */
static const cJSON *action_item(const cJSON *content, int i) {
  const ca_cgraph *cg = ca_cgraph_find(content);
  if (!cg || i < 0 || i >= INT_MAX) return NULL;
  int lo = 0, hi = cg->n;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    if (cg->idx[mid] < i + 1) lo = mid + 1; else hi = mid;
  }
  return lo < cg->n && cg->idx[lo] == i + 1 ? cg->act[lo] : NULL;
}

/* ca_ptr_get(cur, ptr) (util/jsonptr.h), the same node for every pointer,
 * with arrays stepped through array_item (and a flow's Actions through its
 * graph record). */
static const cJSON *ptr_walk(run *rn, const cJSON *cur, const char *ptr) {
  if (!ptr || !*ptr) return cur;
  if (*ptr != '/') return NULL;
  char tok[4096];
  const char *p = ptr;
  const cJSON *actions_of = NULL;   /* the object whose member "Actions" cur is */
  while (cur && *p == '/') {
    p++;
    size_t n = 0;
    while (*p && *p != '/') {
      char c = *p++;
      if (c == '~') {
        if (*p == '0') c = '~';
        else if (*p == '1') c = '/';
        else return NULL;
        p++;
      }
      if (n + 1 >= sizeof tok) return NULL;
      tok[n++] = c;
    }
    tok[n] = '\0';
    if (cJSON_IsArray(cur)) {
      char *end;
      long i = strtol(tok, &end, 10);
      if (!n || *end || i < 0 || (n > 1 && tok[0] == '0')) return NULL;
      const cJSON *a = cur, *it = actions_of ? action_item(actions_of, (int)i) : NULL;
      if (it) {
        arr_cursor *c = &rn->cursor[((uintptr_t)a / sizeof *a) % ARR_CURSORS];
        c->arr = a, c->item = it, c->i = (int)i;
      }
      cur = it ? it : array_item(rn, a, (int)i);
      actions_of = NULL;
    } else if (cJSON_IsObject(cur)) {
      const cJSON *o = cur;
      cur = object_item(o, tok);
      actions_of = !strcmp(tok, "Actions") ? o : NULL;
    } else {
      return NULL;
    }
  }
  return cur;
}

static const cJSON *observe(run *rn, const char *ptr, const ca_resource **in) {
  static const char pre[] = "/resources/";
  *in = NULL;
  if (strncmp(ptr, pre, sizeof pre - 1)) return ptr_walk(rn, ca_snapshot_root(rn->snap), ptr);
  char tok[2][OBSERVE_TOK];
  size_t len[2];
  const char *p = ptr + sizeof pre - 1;
  for (int t = 0; t < 2; t++) {            /* type, then ARN, unescaped (RFC 6901) */
    size_t k = strcspn(p, "/"), n = 0;
    if (!memchr(p, '~', k)) {              /* nothing to unescape: one copy */
      if (k >= sizeof tok[t]) return ptr_walk(rn, ca_snapshot_root(rn->snap), ptr);
      memcpy(tok[t], p, k);
      n = k;
      p += k;
    } else {
      for (; *p && *p != '/'; p++) {
        char c = *p;
        if (c == '~') {
          if (p[1] != '0' && p[1] != '1') return NULL;
          c = *++p == '0' ? '~' : '/';
        }
        if (n + 1 >= sizeof tok[t]) return ptr_walk(rn, ca_snapshot_root(rn->snap), ptr);
        tok[t][n++] = c;
      }
    }
    tok[t][n] = '\0';
    len[t] = n;
    if (t == 0 && *p++ != '/') return ptr_walk(rn, ca_snapshot_root(rn->snap), ptr);
  }
  /* the cache's hash: the lengths, the type's first bytes and the ARN's
   * last, where ARNs of one kind differ (their prefixes are shared) */
  unsigned h = 2166136261u ^ (unsigned)(len[0] * 31 + len[1]);
  for (size_t i = 0; i < len[0] && i < 8; i++) h = (h ^ (unsigned char)tok[0][i]) * 16777619u;
  for (size_t i = len[1] > 24 ? len[1] - 24 : 0; i < len[1]; i++) h = (h ^ (unsigned char)tok[1][i]) * 16777619u;
  const ca_resource *r = lookup_cached(rn, tok[0], tok[1], h);
  if (!r) return NULL;
  const cJSON *v = *p ? ptr_walk(rn, r->container, p) : r->container;
  if (v) *in = r;
  return v;
}

/* observe() of container_ptr(r) followed by rest ("" or "/..."), for a
 * relative evidence path: what observe finds there, without parsing r's
 * type and ARN back out of the pointer and looking r up again (a binary
 * search by ARN, strcmp over shared ARN prefixes: 2 % of a flow rule's
 * samples at 20k/3k).  The same node and resource: the unescaped tokens are
 * r's own type and ARN, and a snapshot holds no two resources of one type
 * and ARN (ca_snapshot_load refuses it), so the lookup finds r.  A type or
 * ARN too long for observe's tokens takes observe's own way. */
static const cJSON *observe_cur(run *rn, const ca_resource *r, const char *ptr, size_t mark,
                                const ca_resource **in) {
  if (strlen(r->type) >= OBSERVE_TOK || strlen(r->arn) >= OBSERVE_TOK) return observe(rn, ptr, in);
  const char *p = ptr + mark;
  const cJSON *v = *p ? ptr_walk(rn, r->container, p) : r->container;
  *in = v ? r : NULL;
  return v;
}

/* Compact JSON size of v, counted only up to cap (returns cap + 1 past it). */
static size_t json_size_upto(const cJSON *v, size_t cap) {
  size_t n = 0;
  if (cJSON_IsString(v)) {
    n = 2;
    for (const unsigned char *c = (const unsigned char *)v->valuestring; *c && n <= cap; c++)
      n += *c < 0x20 ? 6 : (*c == '"' || *c == '\\') ? 2 : 1;
  } else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
    n = 2;
    for (const cJSON *c = v->child; c && n <= cap; c = c->next) {
      if (c->string) {
        cJSON k = {0};
        k.type = cJSON_String;
        k.valuestring = c->string;
        n += json_size_upto(&k, cap) + 1;
      }
      n += json_size_upto(c, cap) + 1;
    }
  } else {
    n = 24;              /* a number, true, false, null: at most this */
  }
  return n > cap ? cap + 1 : n;
}

/* cJSON_PrintUnformatted(v) appended to b: printed in place for a value
 * json_size_upto bounds (what observed copies), else through a malloc'd copy. */
static int add_printed(ca_buf *b, const cJSON *v, size_t bound) {
  static char small[CA_MAX_OBSERVED_BYTES + 64];
  if (bound + 8 <= sizeof small && cJSON_PrintPreallocated((cJSON *)v, small, (int)sizeof small, 0))
    return ca_buf_adds(b, small);
  char *s = cJSON_PrintUnformatted(v);
  int rc = !s || ca_buf_adds(b, s);
  free(s);
  return rc ? -1 : 0;
}

/* What the engine records as observed for the node at a pointer, appended to
 * the item being written (after its "path"): a copy, or for a node too large
 * to copy, a description of it (and "elided": true). */
static int add_observed(ca_buf *b, const cJSON *v) {
  if (cJSON_IsString(v) && v->valuestring) {
    /* a string (most of what rules cite): its size known from its length
     * when each byte escaped as \u00xx would fit, and printed as cJSON
     * prints it (policy/jsonout.h) with no second pass through cJSON */
    size_t n = strlen(v->valuestring);
    if (2 + 6 * n <= CA_MAX_OBSERVED_BYTES || json_size_upto(v, CA_MAX_OBSERVED_BYTES) <= CA_MAX_OBSERVED_BYTES)
      return ca_buf_adds(b, ",\"observed\":") || ca_json_add_string(b, v->valuestring);
  }
  size_t bound = json_size_upto(v, CA_MAX_OBSERVED_BYTES);
  if (bound <= CA_MAX_OBSERVED_BYTES) return ca_buf_adds(b, ",\"observed\":") || add_printed(b, v, bound);
  char d[160];
  int n = cJSON_GetArraySize(v);
  if (cJSON_IsArray(v) || cJSON_IsObject(v))
    snprintf(d, sizeof d, "(%s of %d %s, over %d bytes: not copied; the snapshot holds it at this path)",
             cJSON_IsArray(v) ? "array" : "object", n, cJSON_IsArray(v) ? "items" : "members", CA_MAX_OBSERVED_BYTES);
  else
    snprintf(d, sizeof d, "(string of %zu bytes: not copied; the snapshot holds it at this path)", strlen(v->valuestring));
  return ca_buf_adds(b, ",\"observed\":") || ca_json_add_string(b, d) || ca_buf_adds(b, ",\"elided\":true");
}

static void push_key(ca_buf *b, lua_State *L, int idx) {
  if (lua_type(L, idx) == LUA_TNUMBER && lua_isinteger(L, idx)) ca_ptr_push_index(b, (long)lua_tointeger(L, idx) - 1);
  else if (lua_type(L, idx) == LUA_TSTRING) ca_ptr_push(b, lua_tostring(L, idx));
  else ca_ptr_push(b, "?");
}

/* ---- resources as Lua values ------------------------------------------- */

/* The table of r.  arn: the stack index of r's ARN as a Lua string already
 * pushed (0: none).  Long strings (ARNs, most names) through lua_pushlstring:
 * lua_pushstring first looks the pointer up in Lua's string cache, a strcmp
 * over the ARN prefix every ARN shares for each entry it misses. */
static void push_resource(lua_State *L, const ca_resource *r, int arn) {
  lua_createtable(L, 0, 5);
  if (arn) lua_pushvalue(L, arn);
  else lua_pushlstring(L, r->arn, strlen(r->arn));
  lua_setfield(L, -2, "arn");
  lua_pushstring(L, r->type); lua_setfield(L, -2, "type");
  if (r->name) lua_pushlstring(L, r->name, strlen(r->name));
  else lua_pushnil(L);                              /* as lua_pushstring(NULL) */
  lua_setfield(L, -2, "name");
  lua_pushstring(L, r->region); lua_setfield(L, -2, "region");
  ca_view_push_root(L, r->data, r); lua_setfield(L, -2, "data");
}

/* ---- ctx methods --------------------------------------------------------- */

/* One evidence item.  What was observed is the engine's alone: read from the
 * snapshot at the item's path, never taken from the rule.  Returns 1 if the
 * path resolves inside the resource under test or one the check looked up
 * (what a pass needs), 0 if not. */
/* An item is written as the text cJSON_PrintUnformatted gave for the tree
 * {path, observed, elided | absent, expected, note} it was once built as,
 * member by member (jsonout.h's strings), into buffers kept for the process:
 * no tree, no copy of what was observed. */
static void buf_reset(ca_buf *b, size_t cap) {
  if (!b->cap) ca_buf_init(b, cap);
  b->len = 0;
  if (b->data) b->data[0] = '\0';
}

/* t[key] of the table at idx (metamethods and all, as lua_getfield), key one
 * of record's upvalues below: the key strings made once (push_ctx), not
 * looked up in Lua's string cache for each of an item's eight reads. */
enum { UP_PATH = 3, UP_OBSERVED, UP_EXPECTED, UP_NOTE };
static int get_key(lua_State *L, int idx, int key) {
  idx = lua_absindex(L, idx);
  lua_pushvalue(L, lua_upvalueindex(key));
  return lua_gettable(L, idx);
}

static int evidence_item(lua_State *L, run *rn, int idx, finding *f) {
  static ca_buf b, it;           /* the item's pointer, the item's text */
  char why[256];
  int cited = 0, oom = 0;
  buf_reset(&it, (size_t)1 << 30);
  oom |= ca_buf_add(&it, "{", 1);
  if (get_key(L, idx, UP_OBSERVED) != LUA_TNIL)
    return luaL_error(L, "evidence \"observed\" is read by the engine from the snapshot at \"path\"; "
                         "a rule's own words go in \"note\"");
  lua_pop(L, 1);
  get_key(L, idx, UP_PATH);
  if (!lua_isnil(L, -1)) {
    buf_reset(&b, 64 * 1024);
    ca_buf_add(&b, "", 0);
    size_t mark = 0;           /* relative to rn->cur: container_ptr's length */
    const ca_resource *rel = NULL;
    if (lua_type(L, -1) == LUA_TSTRING) {
      const char *p = lua_tostring(L, -1);
      if (p[0] == '/') {
        ca_buf_adds(&b, p);
      } else {
        if (rn->cur) cur_container_ptr(&b, rn), rel = rn->cur, mark = b.len;
        char seg[1024];
        while (*p) {
          size_t k = strcspn(p, "/");
          if (k >= sizeof seg) k = sizeof seg - 1;
          memcpy(seg, p, k);
          seg[k] = '\0';
          ca_ptr_push(&b, seg);
          p += k;
          if (*p == '/') p++;
        }
      }
    } else if (lua_type(L, -1) == LUA_TTABLE) {
      if (rn->cur) cur_container_ptr(&b, rn), rel = rn->cur, mark = b.len;
      for (lua_Integer i = 1; lua_rawgeti(L, -1, i) != LUA_TNIL; i++) {
        push_key(&b, L, -1);
        lua_pop(L, 1);
      }
      lua_pop(L, 1);
    } else {
      return luaL_error(L, "evidence path must be a string or a list of keys");
    }
    oom |= ca_buf_adds(&it, "\"path\":") || ca_json_add_string(&it, b.data);
    const ca_resource *in;
    const cJSON *v = rel && b.data ? observe_cur(rn, rel, b.data, mark, &in) : observe(rn, b.data, &in);
    if (v) {
      oom |= add_observed(&it, v);
      cited = cited_ok(rn, in);
    } else {
      oom |= ca_buf_adds(&it, ",\"observed\":null,\"absent\":true");
    }
  }
  lua_pop(L, 1);
  get_key(L, idx, UP_EXPECTED);
  if (!lua_isnil(L, -1)) {
    oom |= ca_buf_adds(&it, it.len > 1 ? ",\"expected\":" : "\"expected\":");
    if (lua_type(L, -1) == LUA_TSTRING) {        /* ca_lua_to_json's string, without the tree */
      size_t len;
      const char *s = lua_tolstring(L, -1, &len);
      if (strlen(s) != len) return luaL_error(L, "evidence expected: %s", "a string holds a NUL byte");
      oom |= ca_json_add_string(&it, s);
    } else {
      cJSON_Delete(rn->item);
      rn->item = ca_lua_to_json(L, -1, 0, why, sizeof why);   /* owned by rn until printed */
      if (!rn->item) return luaL_error(L, "evidence expected: %s", why);
      oom |= add_printed(&it, rn->item, (size_t)-1);
      cJSON_Delete(rn->item);
      rn->item = NULL;
    }
  }
  lua_pop(L, 1);
  int t = get_key(L, idx, UP_NOTE);
  if (t == LUA_TSTRING) {
    oom |= ca_buf_adds(&it, it.len > 1 ? ",\"note\":" : "\"note\":") || ca_json_add_string(&it, lua_tostring(L, -1));
  } else if (t != LUA_TNIL) {
    return luaL_error(L, "evidence note must be a string, not a %s", lua_typename(L, t));
  }
  lua_pop(L, 1);
  oom |= ca_buf_add(&it, "}", 1);
  size_t n = it.len;
  if (!oom && n > CA_MAX_EVIDENCE_VALUE_BYTES)
    return luaL_error(L, "evidence item of %d bytes exceeds the limit of %d", (int)n, CA_MAX_EVIDENCE_VALUE_BYTES);
  if (oom || (f->evidence.len && ca_buf_add(&f->evidence, ",", 1)) || ca_buf_add(&f->evidence, it.data, n))
    return luaL_error(L, "out of memory writing an evidence item");
  rn->bytes += (long)n;
  return cited;
}

static int is_item(lua_State *L, int idx) {
  static const int keys[] = {UP_PATH, UP_OBSERVED, UP_EXPECTED, UP_NOTE};
  for (int i = 0; i < 4; i++) {
    int t = get_key(L, idx, keys[i]);
    lua_pop(L, 1);
    if (t != LUA_TNIL) return 1;
  }
  return 0;
}

static int record(lua_State *L) {
  run *rn = get_run(L);
  const char *status = lua_tostring(L, lua_upvalueindex(2));
  if (!rn->cur) return luaL_error(L, "ctx:%s called outside a check", status);
  /* args: self, message, evidence, opts */
  size_t mlen = 0;
  const char *msg = lua_isnoneornil(L, 2) ? "" : luaL_checklstring(L, 2, &mlen);
  if (mlen > CA_MAX_MESSAGE_BYTES)
    return luaL_error(L, "finding message of %d bytes exceeds the limit of %d", (int)mlen, CA_MAX_MESSAGE_BYTES);
  if (rn->nfindings >= CA_MAX_FINDINGS_PER_CHECK)
    return luaL_error(L, "more than %d findings for one resource", CA_MAX_FINDINGS_PER_CHECK);
  const char *arn = rn->cur->arn;
  if (lua_istable(L, 4)) {
    lua_getfield(L, 4, "resource");
    if (lua_istable(L, -1)) lua_getfield(L, -1, "arn");
    if (lua_type(L, -1) == LUA_TSTRING) arn = lua_tostring(L, -1);
    else if (!lua_isnil(L, -1)) return luaL_error(L, "opts.resource must be an ARN or a resource");
  }
  finding *f = &rn->pending;
  if (finding_set(f, arn, status, msg)) return luaL_error(L, "out of memory recording a finding");
  int cited = 0;
  if (lua_istable(L, 3)) {
    if (is_item(L, 3)) {
      cited = evidence_item(L, rn, 3, f);
    } else {
      lua_Integer n = (lua_Integer)lua_rawlen(L, 3);
      if (n > CA_MAX_EVIDENCE_ITEMS)
        return luaL_error(L, "%d evidence items exceed the limit of %d", (int)n, CA_MAX_EVIDENCE_ITEMS);
      for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, 3, i);
        if (!lua_istable(L, -1)) return luaL_error(L, "evidence item %d is not a table", (int)i);
        cited += evidence_item(L, rn, lua_gettop(L), f);
        lua_pop(L, 1);
      }
    }
  } else if (!lua_isnoneornil(L, 3)) {
    return luaL_error(L, "evidence must be a table");
  }
  /* The engine, not the rule, decides what a finding may claim: it is filed
   * under a resource of the snapshot, and a pass rests on what the snapshot
   * holds there. */
  char why[CA_MAX_MESSAGE_BYTES + CA_MAX_ARN_BYTES + 256];
  why[0] = '\0';
  if (strcmp(arn, rn->cur->arn) && !ca_snapshot_lookup(rn->snap, NULL, arn))
    snprintf(why, sizeof why, "a finding filed under %s, which is not in the snapshot (the rule said %s: %s)",
             arn, status, msg);
  else if (!strcmp(status, "pass") && rn->need_failed)   /* a pcall swallowed ctx:need's error */
    snprintf(why, sizeof why, "%s", rn->need_msg);
  else if (!strcmp(status, "pass") && !cited)
    snprintf(why, sizeof why, "a pass without evidence: no evidence path resolves in the snapshot inside this "
             "resource or one the check looked up (the rule said: %s)", msg);
  if (why[0] && set_message(f, "error", why)) return luaL_error(L, "out of memory recording a finding");
  rn->bytes += (long)mlen + 128;
  if (rn->bytes > MAX_FINDING_BYTES_PER_CHECK)
    return luaL_error(L, "findings for one resource exceed %d bytes", (int)MAX_FINDING_BYTES_PER_CHECK);
  if (add_finding(rn, f)) return luaL_error(L, "out of memory recording a finding");
  return 0;
}

static int c_need(lua_State *L) {
  run *rn = get_run(L);
  const cJSON *node = ca_view_node(L, 2);
  if (!node) return luaL_error(L, "ctx:need expects a snapshot view (such as r.data) as its first argument");
  int top = lua_gettop(L);
  const cJSON *cur = node;
  int i;
  for (i = 3; i <= top && cur; i++) {
    if (cJSON_IsArray(cur) && lua_isinteger(L, i)) cur = cJSON_GetArrayItem(cur, (int)lua_tointeger(L, i) - 1);
    else if (cJSON_IsObject(cur) && lua_type(L, i) == LUA_TSTRING) cur = cJSON_GetObjectItemCaseSensitive(cur, lua_tostring(L, i));
    else cur = NULL;
  }
  if (cur) {                           /* the same walk again, as views that know their place */
    lua_pushvalue(L, 2);
    const cJSON *at = node;
    for (int k = 3; k <= top; k++) {
      int arr = cJSON_IsArray(at);
      at = arr ? cJSON_GetArrayItem(at, (int)lua_tointeger(L, k) - 1)
               : cJSON_GetObjectItemCaseSensitive(at, lua_tostring(L, k));
      ca_view_push_child(L, -1, at, arr ? lua_tointeger(L, k) : 0);
      lua_remove(L, -2);
    }
    return 1;
  }
  ca_buf b;
  ca_buf_init(&b, 64 * 1024);
  ca_buf_add(&b, "", 0);
  view_ptr(&b, rn, L, 2);
  for (int k = 3; k < i; k++) push_key(&b, L, k);
  int n = snprintf(rn->need_msg, sizeof rn->need_msg, "missing evidence: %s is not in the snapshot", b.data);
  ca_buf_free(&b);
  const cJSON *errs = cJSON_GetObjectItemCaseSensitive(ca_snapshot_root(rn->snap), "errors");
  int shown = 0;
  const cJSON *e;
  cJSON_ArrayForEach(e, errs) {
    const char *earn = cJSON_GetObjectItemCaseSensitive(e, "arn")->valuestring;
    if (!rn->cur || strcmp(earn, rn->cur->arn)) continue;
    if (n > 0 && (size_t)n < sizeof rn->need_msg)
      n += snprintf(rn->need_msg + n, sizeof rn->need_msg - (size_t)n, "%s %s failed: %s: %s",
                    shown ? ";" : " (collection error:",
                    cJSON_GetObjectItemCaseSensitive(e, "operation")->valuestring,
                    cJSON_GetObjectItemCaseSensitive(e, "code")->valuestring,
                    cJSON_GetObjectItemCaseSensitive(e, "message")->valuestring);
    shown++;
  }
  if (shown && n > 0 && (size_t)n < sizeof rn->need_msg - 1) strcat(rn->need_msg, ")");
  else if (!shown && n > 0 && (size_t)n < sizeof rn->need_msg)
    snprintf(rn->need_msg + n, sizeof rn->need_msg - (size_t)n, " (no collection error recorded for it)");
  rn->need_failed = 1;
  return luaL_error(L, "%s", rn->need_msg);
}

static int c_ptr(lua_State *L) {
  run *rn = get_run(L);
  const cJSON *node = ca_view_node(L, 2);
  if (!node) return luaL_error(L, "ctx:ptr expects a snapshot view as its first argument");
  ca_buf b;
  ca_buf_init(&b, 64 * 1024);
  ca_buf_add(&b, "", 0);
  if (view_ptr(&b, rn, L, 2)) {
    ca_buf_free(&b);
    return luaL_error(L, "ctx:ptr: view not found in the snapshot");
  }
  for (int k = 3; k <= lua_gettop(L); k++) push_key(&b, L, k);
  lua_pushlstring(L, b.data, b.len);
  ca_buf_free(&b);
  return 1;
}

static int c_lookup(lua_State *L) {
  run *rn = get_run(L);
  const char *type = luaL_checkstring(L, 2);
  const char *arn = luaL_checkstring(L, 3);
  const ca_resource *r = ca_snapshot_lookup(rn->snap, type, arn);
  if (r) {
    remember(rn, r);
    push_resource(L, r, 0);
  } else {
    lua_pushnil(L);
  }
  return 1;
}

static int resources_iter(lua_State *L) {
  const ca_resource *v = lua_touserdata(L, lua_upvalueindex(1));
  lua_Integer n = lua_tointeger(L, lua_upvalueindex(2));
  lua_Integer i = lua_tointeger(L, lua_upvalueindex(3));
  run *rn = lua_touserdata(L, lua_upvalueindex(4));
  if (i >= n) return 0;
  lua_pushinteger(L, i + 1);
  lua_replace(L, lua_upvalueindex(3));
  remember(rn, &v[i]);
  lua_pushlstring(L, v[i].arn, strlen(v[i].arn));
  push_resource(L, &v[i], lua_gettop(L));
  return 2;
}

static int c_resources(lua_State *L) {
  run *rn = get_run(L);
  size_t n;
  const ca_resource *v = ca_snapshot_of_type(rn->snap, luaL_checkstring(L, 2), &n);
  lua_pushlightuserdata(L, (void *)v);
  lua_pushinteger(L, (lua_Integer)n);
  lua_pushinteger(L, 0);
  lua_pushlightuserdata(L, rn);
  lua_pushcclosure(L, resources_iter, 4);
  return 1;
}

static int c_errors_for(lua_State *L) {
  run *rn = get_run(L);
  const char *arn = luaL_checkstring(L, 2);
  lua_newtable(L);
  lua_Integer k = 0;
  const cJSON *e;
  cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(ca_snapshot_root(rn->snap), "errors")) {
    if (strcmp(cJSON_GetObjectItemCaseSensitive(e, "arn")->valuestring, arn)) continue;
    ca_view_push(L, e);
    lua_rawseti(L, -2, ++k);
  }
  return 1;
}

/* ctx:once(key, fn): fn()'s first result, computed on the first call with
 * that key and kept for the rest of the rule's run (the snapshot does not
 * change between checks; a policy test case runs in a process of its own).
 * Its instructions count against the rule's budget, not this check's, and the
 * resources it looks up count as looked up by every check (they may decide
 * each later one through the kept value). */
static int once_call(lua_State *L) {
  ca_sandbox_call_shared(L, 0, 1);
  return 1;
}

static int c_once(lua_State *L) {
  run *rn = get_run(L);
  luaL_checkstring(L, 2);
  luaL_checktype(L, 3, LUA_TFUNCTION);
  if (lua_getfield(L, LUA_REGISTRYINDEX, "ca.once") != LUA_TTABLE) {
    lua_pop(L, 1);
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, "ca.once");
  }
  lua_pushvalue(L, 2);
  if (lua_rawget(L, -2) != LUA_TNIL) {
    lua_rawgeti(L, -1, 1);
    return 1;
  }
  lua_pop(L, 1);
  lua_pushcfunction(L, once_call);
  lua_pushvalue(L, 3);
  rn->in_once++;
  int rc = lua_pcall(L, 1, 1, 0);
  rn->in_once--;
  if (rc != LUA_OK) return lua_error(L);
  lua_createtable(L, 1, 0);                 /* {value}: a nil result is kept too */
  lua_pushvalue(L, -2);
  lua_rawseti(L, -2, 1);
  lua_pushvalue(L, 2);
  lua_insert(L, -2);
  lua_rawset(L, -4);
  return 1;
}

/* ctx:x509(pem [, {key = pem, at = time}]): what policy/x509.h reads from a
 * PEM certificate, judged at `at` (default: the snapshot's collected_at,
 * never the clock, so results do not depend on when the audit runs). */
static int c_x509(lua_State *L) {
  run *rn = get_run(L);
  size_t n = 0, kn = 0;
  const char *pem = luaL_checklstring(L, 2, &n);
  const char *key = NULL, *at = NULL;
  if (lua_istable(L, 3)) {
    lua_getfield(L, 3, "key");
    if (!lua_isnil(L, -1)) key = luaL_checklstring(L, -1, &kn);
    lua_getfield(L, 3, "at");
    if (!lua_isnil(L, -1)) at = luaL_checkstring(L, -1);
  } else if (!lua_isnoneornil(L, 3)) {
    return luaL_error(L, "ctx:x509: the second argument must be a table {key = pem, at = time}");
  }
  if (!at) at = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ca_snapshot_root(rn->snap), "collected_at"));
  long long when;
  if (!at || ca_time_parse(at, 0, &when)) return luaL_error(L, "ctx:x509: at \"%s\" is not an RFC 3339 time", at ? at : "");
  ca_x509_info x;
  ca_x509_inspect(pem, n, key, kn, &x);
  lua_newtable(L);
  lua_pushboolean(L, x.ok);
  lua_setfield(L, -2, "ok");
  if (!x.ok) {
    lua_pushstring(L, x.error);
    lua_setfield(L, -2, "error");
    return 1;
  }
  static const struct { const char *k; size_t off; } strs[] = {
    {"subject", offsetof(ca_x509_info, subject)}, {"issuer", offsetof(ca_x509_info, issuer)},
    {"not_before", offsetof(ca_x509_info, not_before)}, {"not_after", offsetof(ca_x509_info, not_after)}};
  for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
    lua_pushstring(L, (const char *)&x + strs[i].off);
    lua_setfield(L, -2, strs[i].k);
  }
  lua_pushstring(L, at);
  lua_setfield(L, -2, "at");
  lua_pushboolean(L, when > x.not_after_s);
  lua_setfield(L, -2, "expired");
  lua_pushboolean(L, when < x.not_before_s);
  lua_setfield(L, -2, "not_yet_valid");
  if (x.key_given) {
    if (x.key_ok) lua_pushboolean(L, x.signed_by_key);
    else lua_pushnil(L);
    lua_setfield(L, -2, "signed_by_key");
    if (!x.key_ok) {
      lua_pushstring(L, x.key_error);
      lua_setfield(L, -2, "key_error");
    }
  }
  return 1;
}

/* ctx.params: a userdata (rawset cannot write it), reads are recorded, so each
 * finding names the parameters that decided it; the values are read-only views. */
static int params_index(lua_State *L) {
  run *rn = get_run(L);
  const char *k = lua_tostring(L, 2);
  const cJSON *v = k ? cJSON_GetObjectItemCaseSensitive(rn->params, k) : NULL;
  if (!v) return luaL_error(L, "unknown parameter \"%s\" (not declared in pack.lua)", k ? k : "?");
  if (!cJSON_GetObjectItemCaseSensitive(rn->used_params, k)) {
    /* kept sorted by name: a rule that reads its parameters while iterating
     * a Lua table does so in an order that changes from run to run */
    cJSON *dup = cJSON_Duplicate(v, 1);
    free(rn->used_text);
    rn->used_text = NULL;
    cJSON_AddItemToObject(rn->used_params, k, dup);
    int at = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, rn->used_params)
      if (c != dup && strcmp(c->string, k) < 0) at++;
    cJSON_DetachItemViaPointer(rn->used_params, dup);
    ca_json_insert(rn->used_params, at, dup);
  }
  ca_view_push(L, v);
  return 1;
}

static int locked_newindex(lua_State *L) { return luaL_error(L, "ctx is read-only"); }

static void push_ctx(lua_State *L, run *rn) {
  static const struct { const char *name, *status; } rec[] = {
    {"pass", "pass"}, {"fail", "fail"}, {"manual", "manual"}, {"skip", "skipped"}, {"error", "error"}};
  static const luaL_Reg fns[] = {
    {"need", c_need}, {"ptr", c_ptr}, {"lookup", c_lookup}, {"resources", c_resources},
    {"errors_for", c_errors_for}, {"once", c_once}, {"x509", c_x509}, {NULL, NULL}};
  lua_newtable(L);                                  /* the fields */
  for (size_t i = 0; i < sizeof rec / sizeof rec[0]; i++) {
    lua_pushlightuserdata(L, rn);
    lua_pushstring(L, rec[i].status);
    lua_pushliteral(L, "path");           /* UP_PATH ... UP_NOTE */
    lua_pushliteral(L, "observed");
    lua_pushliteral(L, "expected");
    lua_pushliteral(L, "note");
    lua_pushcclosure(L, record, 6);
    lua_setfield(L, -2, rec[i].name);
  }
  for (const luaL_Reg *f = fns; f->name; f++) {
    lua_pushlightuserdata(L, rn);
    lua_pushcclosure(L, f->func, 1);
    lua_setfield(L, -2, f->name);
  }
  ca_view_push_root(L, ca_snapshot_root(rn->snap), ca_snapshot_root(rn->snap));
  lua_setfield(L, -2, "snapshot");
  lua_newuserdatauv(L, 0, 0);                       /* params proxy */
  lua_newtable(L);
  lua_pushlightuserdata(L, rn);
  lua_pushcclosure(L, params_index, 1);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, locked_newindex);
  lua_setfield(L, -2, "__newindex");
  lua_pushliteral(L, "locked");
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
  lua_setfield(L, -2, "params");
  /* ctx itself: an empty userdata over the fields, so rules cannot replace
   * ctx.pass or ctx.params (rawset included) for the checks after theirs */
  lua_newuserdatauv(L, 0, 0);                       /* [fields, proxy] */
  lua_newtable(L);                                  /* [fields, proxy, mt] */
  lua_pushvalue(L, -3);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, locked_newindex);
  lua_setfield(L, -2, "__newindex");
  lua_pushliteral(L, "locked");
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
  lua_remove(L, -2);                                /* [proxy] */
}

/* ---- metadata ------------------------------------------------------------- */

static const char *const meta_keys[] = {
  "id", "title", "severity", "practice", "controls", "resource", "rationale", "remediation",
  "check", "description", "references", "params", NULL};

static int str_field(lua_State *L, int t, const char *k, cJSON *meta, int required, char *why, size_t n) {
  lua_getfield(L, t, k);
  int ty = lua_type(L, -1);
  if (ty == LUA_TSTRING && lua_rawlen(L, -1) > 0 && lua_rawlen(L, -1) < 4096) {
    cJSON_AddStringToObject(meta, k, lua_tostring(L, -1));
  } else if (ty != LUA_TNIL || required) {
    snprintf(why, n, "rule field \"%s\" must be a non-empty string", k);
    lua_pop(L, 1);
    return -1;
  }
  lua_pop(L, 1);
  return 0;
}

/* `resource`: one type (kept as a string) or a list of 1..CA_MAX_RULE_TYPES
 * distinct types (kept as a list). */
static int resource_field(lua_State *L, int t, cJSON *meta, char *why, size_t n) {
  lua_getfield(L, t, "resource");
  if (!lua_istable(L, -1)) {
    lua_pop(L, 1);
    return str_field(L, t, "resource", meta, 1, why, n);
  }
  cJSON *list = cJSON_CreateArray();
  int ok = 1;
  lua_Integer len = (lua_Integer)lua_rawlen(L, -1);
  if (len < 1 || len > CA_MAX_RULE_TYPES) ok = 0;
  for (lua_Integer i = 1; ok && i <= len; i++) {
    lua_rawgeti(L, -1, i);
    if (lua_type(L, -1) != LUA_TSTRING || lua_rawlen(L, -1) == 0 || lua_rawlen(L, -1) > 200) ok = 0;
    const cJSON *x;
    cJSON_ArrayForEach(x, list) if (ok && !strcmp(x->valuestring, lua_tostring(L, -1))) ok = 0;
    if (ok) cJSON_AddItemToArray(list, cJSON_CreateString(lua_tostring(L, -1)));
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  if (!ok) {
    cJSON_Delete(list);
    snprintf(why, n, "rule field \"resource\" must be a resource type or a list of 1 to %d distinct types",
             CA_MAX_RULE_TYPES);
    return -1;
  }
  cJSON_AddItemToObject(meta, "resource", list);
  return 0;
}

size_t ca_rule_types(const cJSON *meta, const char *types[CA_MAX_RULE_TYPES]) {
  const cJSON *r = cJSON_GetObjectItem(meta, "resource");
  size_t k = 0;
  if (cJSON_IsString(r)) types[k++] = r->valuestring;
  const cJSON *x;
  if (cJSON_IsArray(r))
    cJSON_ArrayForEach(x, r) if (cJSON_IsString(x) && k < CA_MAX_RULE_TYPES) types[k++] = x->valuestring;
  return k;
}

size_t ca_rule_resources(const ca_snapshot *snap, const cJSON *meta, const ca_resource ***out) {
  const char *types[CA_MAX_RULE_TYPES];
  size_t nt = ca_rule_types(meta, types), total = 0, n[CA_MAX_RULE_TYPES];
  const ca_resource *first[CA_MAX_RULE_TYPES];
  *out = NULL;
  for (size_t i = 0; i < nt; i++) {
    first[i] = ca_snapshot_of_type(snap, types[i], &n[i]);
    total += n[i];
  }
  if (!total) return 0;
  const ca_resource **v = malloc(total * sizeof *v);
  if (!v) return (size_t)-1;
  size_t k = 0;
  for (size_t i = 0; i < nt; i++)
    for (size_t j = 0; j < n[i]; j++) v[k++] = &first[i][j];
  *out = v;
  return total;
}

static int valid_id(const char *s) {
  if (!(*s >= 'A' && *s <= 'Z')) return 0;
  int dash = 0;
  for (const char *p = s; *p; p++) {
    if (*p == '-') {
      if (p[1] == '-' || p[1] == '\0') return 0;
      dash = 1;
    } else if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))) return 0;
  }
  return dash && strlen(s) <= 64;
}

/* Protected: reads the rule table at index 1 into the cJSON at upvalue... */
static int read_meta(lua_State *L, int t, cJSON *meta, char *why, size_t n) {
  if (!lua_istable(L, t)) {
    snprintf(why, n, "a rule file must return a table, not a %s", luaL_typename(L, t));
    return -1;
  }
  lua_pushnil(L);
  while (lua_next(L, t)) {
    lua_pop(L, 1);
    int known = 0;
    if (lua_type(L, -1) == LUA_TSTRING)
      for (const char *const *k = meta_keys; *k; k++) known |= !strcmp(*k, lua_tostring(L, -1));
    if (!known) {
      snprintf(why, n, "unknown rule field \"%s\" (known: id title severity practice controls resource rationale remediation check)",
               lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "(not a string)");
      lua_pop(L, 1);
      return -1;
    }
  }
  if (str_field(L, t, "id", meta, 1, why, n) || str_field(L, t, "title", meta, 1, why, n) ||
      str_field(L, t, "severity", meta, 1, why, n) || str_field(L, t, "practice", meta, 1, why, n) ||
      resource_field(L, t, meta, why, n) || str_field(L, t, "rationale", meta, 1, why, n) ||
      str_field(L, t, "remediation", meta, 1, why, n) || str_field(L, t, "description", meta, 0, why, n))
    return -1;
  const char *id = cJSON_GetObjectItem(meta, "id")->valuestring;
  if (!valid_id(id)) {
    snprintf(why, n, "rule id \"%s\" is not of the form PACK-AREA-NNN (capitals, digits, dashes)", id);
    return -1;
  }
  if (ca_severity_rank(cJSON_GetObjectItem(meta, "severity")->valuestring) < 0) {
    snprintf(why, n, "severity \"%s\" is not one of critical, high, medium, low, info",
             cJSON_GetObjectItem(meta, "severity")->valuestring);
    return -1;
  }
  lua_getfield(L, t, "check");
  int isfn = lua_isfunction(L, -1);
  lua_pop(L, 1);
  if (!isfn) {
    snprintf(why, n, "rule field \"check\" must be a function");
    return -1;
  }
  cJSON *controls = cJSON_AddArrayToObject(meta, "controls");
  lua_getfield(L, t, "controls");
  if (!lua_istable(L, -1)) {
    snprintf(why, n, "rule field \"controls\" must be a table such as { [\"PCI-DSS-4.0\"] = {\"3.5.1\"} }");
    lua_pop(L, 1);
    return -1;
  }
  int ct = lua_gettop(L);
  /* Its frameworks, in the order every controls list keeps (ca_framework_cmp):
   * the built-in ones first, then the others by name.  Whether a pack
   * declares each, with that control, the parent checks (ca_packs_check_controls). */
  const char *fws[CA_MAX_RULE_FRAMEWORKS];
  int nfw = 0;
  lua_pushnil(L);
  while (lua_next(L, ct)) {
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING || !ca_framework_name_ok(lua_tostring(L, -1))) {
      snprintf(why, n, "controls: \"%.64s\" is not a framework name (a letter, then letters, digits, '.', '-' or '_', "
               "at most %d in all)", lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "(not a string)",
               CA_MAX_FRAMEWORK_NAME - 1);
      lua_pop(L, 2);
      return -1;
    }
    if (nfw == CA_MAX_RULE_FRAMEWORKS) {
      snprintf(why, n, "controls: more than %d frameworks", CA_MAX_RULE_FRAMEWORKS);
      lua_pop(L, 2);
      return -1;
    }
    const char *name = lua_tostring(L, -1);   /* a key of the table on the stack: lives as long */
    int at = nfw++;
    while (at > 0 && ca_framework_cmp(fws[at - 1], name) > 0) fws[at] = fws[at - 1], at--;
    fws[at] = name;
  }
  for (int fi = 0; fi < nfw; fi++) {
    lua_getfield(L, ct, fws[fi]);
    if (lua_istable(L, -1)) {
      for (lua_Integer i = 1; lua_rawgeti(L, -1, i) != LUA_TNIL; i++) {
        if (lua_type(L, -1) != LUA_TSTRING) {
          snprintf(why, n, "controls[\"%s\"][%d] must be a string", fws[fi], (int)i);
          lua_pop(L, 3);
          return -1;
        }
        cJSON *c = cJSON_CreateObject();
        cJSON_AddStringToObject(c, "framework", fws[fi]);
        cJSON_AddStringToObject(c, "id", lua_tostring(L, -1));
        cJSON_AddItemToArray(controls, c);
        lua_pop(L, 1);
      }
      lua_pop(L, 2);   /* the nil that ended it, the list */
    } else {
      snprintf(why, n, "controls[\"%s\"] must be a list of control IDs", fws[fi]);
      lua_pop(L, 2);
      return -1;
    }
  }
  lua_pop(L, 1);
  if (cJSON_GetArraySize(controls) == 0) {
    snprintf(why, n, "a rule must map to at least one control");
    return -1;
  }
  return 0;
}

/* ---- the check loop ------------------------------------------------------- */

/* Protected: builds the resource table and ctx, calls check. */
static int call_check(lua_State *L) {
  run *rn = lua_touserdata(L, 1);
  lua_pushvalue(L, 2);                 /* check */
  push_resource(L, rn->cur, 0);
  lua_pushvalue(L, 3);                 /* ctx */
  lua_call(L, 2, 0);
  return 0;
}

/* {"cost": {instructions, memory_peak, counters}}: what the rule used, for
 * audit --timings (never results.json).  counters: every number in the
 * `stats` table of a loaded library module, as "module.name" (lib/flow/
 * index.lua counts the graphs it builds), for tests that hold rules to
 * linear growth by counts, not time. */
static void emit_cost(lua_State *L, ca_sandbox *sb, int fd) {
  cJSON *line = cJSON_CreateObject();
  cJSON *c = cJSON_AddObjectToObject(line, "cost");
  cJSON_AddNumberToObject(c, "instructions", (double)ca_sandbox_instructions(sb));
  cJSON_AddNumberToObject(c, "memory_peak", (double)ca_sandbox_memory_peak(sb));
  cJSON *counters = cJSON_AddObjectToObject(c, "counters");
  cJSON_AddNumberToObject(counters, "engine.ptr_searches", (double)ptr_searches);
  long views, succ;
  ca_flowgraph_counts(&views, &succ);
  cJSON_AddNumberToObject(counters, "engine.graph_views", (double)views);
  cJSON_AddNumberToObject(counters, "engine.graph_succ_lists", (double)succ);
  int top = lua_gettop(L);
  if (lua_getfield(L, LUA_REGISTRYINDEX, "ca.loaded") == LUA_TTABLE) {
    lua_pushnil(L);
    while (lua_next(L, -2)) {
      if (lua_type(L, -2) == LUA_TSTRING && lua_istable(L, -1)) {
        lua_pushliteral(L, "stats");
        if (lua_rawget(L, -2) == LUA_TTABLE) {
          lua_pushnil(L);
          while (lua_next(L, -2)) {
            if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TNUMBER) {
              char k[256];
              snprintf(k, sizeof k, "%s.%s", lua_tostring(L, -5), lua_tostring(L, -2));
              cJSON_AddNumberToObject(counters, k, lua_tonumber(L, -1));
            }
            lua_pop(L, 1);
          }
        }
        lua_pop(L, 1);
      } else {
        lua_pop(L, 1);
      }
      lua_pop(L, 1);
    }
  }
  lua_settop(L, top);
  ca_emit(fd, line);
  cJSON_Delete(line);
}

/* Writes what finished resources said.  Lines go out a pipe's worth at a
 * time, not one write per resource: the parent wakes up once per write, and
 * at 5k/750 that was 22,000 context switches of the parent, each also
 * stealing a core from a rule.  The batches are cut by bytes only, never by
 * time, so what a rule process has written when it dies (a crash, the
 * wall-clock guard) depends on the snapshot, not on the machine's speed; it
 * loses at most the last 32 KiB, whose resources then read as not finished
 * (error), never as anything else.  Every other line (cost, stop,
 * close_error) is written after a flush, so the order is the one the rule
 * made them in. */
#define OUT_FLUSH_BYTES 32768
static void flush_out(run *rn, int fd, int force) {
  if (!rn->out.len || (!force && rn->out.len < OUT_FLUSH_BYTES)) return;
  write_all(fd, rn->out.data, rn->out.len);
  rn->out.len = 0;
}

/* An error finding of the resource under test, in place of what it said. */
static void only_error(run *rn, const char *message) {
  drop_findings(rn);
  finding f = {0};
  if (finding_set(&f, rn->cur->arn, "error", message) || add_finding(rn, &f)) finding_free(&f);
}

/* One line to be written (flush_out); one that does not fit in memory goes
 * out alone, after the others. */
static void put_line(run *rn, int fd) {
  if (ca_buf_add(&rn->out, rn->line.data, rn->line.len)) {
    flush_out(rn, fd, 1);
    write_all(fd, rn->line.data, rn->line.len);
  }
}

/* {"finding":{"arn":…,"from":…,"status":…,"message":…,"evidence":[…],
 * "parameters":{…}}}: the line cJSON printed from the finding's tree, byte
 * for byte, written as text (policy/jsonout.h).  The parameters are the same
 * for every finding of the check: printed once, until a rule reads another. */
static int finding_line(run *rn, const finding *f) {
  ca_buf *b = &rn->line;
  b->len = 0;
  return ca_buf_adds(b, "{\"finding\":{\"arn\":") || ca_json_add_string(b, f->arn) ||
         ca_buf_adds(b, ",\"from\":") || ca_json_add_string(b, rn->cur->arn) ||
         ca_buf_adds(b, ",\"status\":") || ca_json_add_string(b, f->status) ||
         ca_buf_adds(b, ",\"message\":") || ca_json_add_string(b, f->message) ||
         ca_buf_adds(b, ",\"evidence\":[") || ca_buf_add(b, f->evidence.data, f->evidence.len) ||
         ca_buf_adds(b, "],\"parameters\":") || ca_buf_adds(b, rn->used_text) || ca_buf_adds(b, "}}\n");
}

static void finish_check(run *rn, int fd, int ok, const char *why) {
  if (!ok) {
    only_error(rn, rn->need_failed ? rn->need_msg : why);
  } else if (rn->need_failed) {
    /* The rule caught the missing-evidence error and went on: whatever it
     * concluded, a pass built on missing evidence is not a pass. */
    for (size_t i = 0; i < rn->nfindings; i++)
      if (!strcmp(rn->findings[i].status, "pass") && set_message(&rn->findings[i], "error", rn->need_msg))
        only_error(rn, "out of memory");
  } else if (rn->nfindings == 0) {
    only_error(rn, "the rule reported no status for this resource");
  }
  if (!rn->used_text) rn->used_text = cJSON_PrintUnformatted(rn->used_params);
  /* The resource's lines, its findings and then done, join the ones to be
   * written (flush_out).  If one cannot be made (out of memory), done is
   * not sent: the parent then reads the resource as not finished (error). */
  int lost = !rn->used_text;
  for (size_t i = 0; i < rn->nfindings && !lost; i++) {
    if (finding_line(rn, &rn->findings[i])) lost = 1;
    else put_line(rn, fd);
  }
  rn->line.len = 0;
  if (!lost && !ca_buf_adds(&rn->line, "{\"done\":") && !ca_json_add_string(&rn->line, rn->cur->arn) &&
      !ca_buf_adds(&rn->line, "}\n"))
    put_line(rn, fd);
  drop_findings(rn);
  flush_out(rn, fd, 0);
}

/* The state before the rule's chunk: the sandbox's allow-listed libraries
 * and the engine's C modules, all made by C code (nothing of a pack runs). */
ca_sandbox *ca_rule_base_new(const ca_limits *lim, const ca_fileset *libs) {
  ca_sandbox *sb = ca_sandbox_new(lim, libs);
  if (!sb) return NULL;
  lua_State *L = ca_sandbox_state(sb);
  ca_view_open(L);
  ca_flowgraph_push(L);
  ca_sandbox_set_global(sb, "flowgraph");
  ca_flowanalysis_push(L);
  ca_sandbox_set_global(sb, "flowanalysis");
  ca_flowstates_push(L);
  ca_sandbox_set_global(sb, "flowstates");
  ca_floweffects_push(L);
  ca_sandbox_set_global(sb, "floweffects");
  ca_flowselect_push(L);
  ca_sandbox_set_global(sb, "flowselect");
  ca_flownames_push(L);
  ca_sandbox_set_global(sb, "flownames");
  ca_viewleaves_push(L);
  ca_sandbox_set_global(sb, "viewleaves");
  ca_flowpaths_push(L); ca_sandbox_set_global(sb, "flowpaths");   /* policy/flowpaths.h */
  return sb;
}

int ca_rule_child(const ca_rule_job *job, int fd) {
  char why[2048];
  /* The engine's base state, this process's own copy (fork), else one built
   * here: the same state either way (ca_sandbox_adopt), so the same results. */
  ca_sandbox *sb = job->base && ca_sandbox_adopt(job->base, &job->limits, job->libs) == 0
                       ? job->base : ca_rule_base_new(&job->limits, job->libs);
  if (!sb) {
    emit_str(fd, "load_error", "cannot create a Lua state (out of memory)");
    return 1;
  }
  lua_State *L = ca_sandbox_state(sb);
  char chunk[600];
  snprintf(chunk, sizeof chunk, "@policies/%s", job->rule->rel);
  if (ca_sandbox_run_chunk(sb, chunk, job->rule->src, job->rule->len, why, sizeof why)) {
    emit_str(fd, "load_error", why);
    ca_sandbox_free(sb);
    return 0;
  }
  int rule = lua_gettop(L);
  cJSON *meta = cJSON_CreateObject();
  if (read_meta(L, rule, meta, why, sizeof why)) {
    emit_str(fd, "load_error", why);
    cJSON_Delete(meta);
    ca_sandbox_free(sb);
    return 0;
  }
  cJSON *line = cJSON_CreateObject();
  cJSON_AddItemReferenceToObject(line, "meta", meta);
  ca_emit(fd, line);
  cJSON_Delete(line);
  if (job->meta_only || (job->keep && !job->keep(job->keep_arg, meta))) {
    cJSON_Delete(meta);
    ca_sandbox_free(sb);
    return 0;
  }

  run rn = {0};
  rn.snap = job->snap;
  rn.params = job->params;
  /* Parameters read in any check so far: a rule may keep a value it read in
   * one check in an upvalue and decide the next checks by it unread. */
  rn.used_params = cJSON_CreateObject();
  rn.all = ca_snapshot_all(job->snap, &rn.nall);
  rn.stamp = calloc(rn.nall ? rn.nall : 1, sizeof *rn.stamp);
  ca_buf_init(&rn.out, (size_t)-1);
  ca_buf_init(&rn.line, (size_t)-1);
  lua_pushcfunction(L, call_check);            /* rule+1 */
  lua_getfield(L, rule, "check");              /* rule+2 */
  push_ctx(L, &rn);                            /* rule+3 */
  const ca_resource **res;
  size_t n = ca_rule_resources(job->snap, meta, &res);
  if (n == (size_t)-1) {
    emit_str(fd, "stop", "out of memory listing the rule's resources");
    n = 0;
  }
  long per = job->limits.rule_instructions_per_resource;
  if (per > 0 && n > 0 && (long)n <= (LONG_MAX - job->limits.rule_instructions) / per)
    ca_sandbox_set_rule_budget(sb, job->limits.rule_instructions + (long)n * per);
  long total = 0;
  for (size_t i = 0; i < n; i++) {
    rn.cur = res[i];
    rn.bytes = 0;
    rn.need_failed = 0;
    rn.nseen = 0;
    rn.check++;
    ca_sandbox_check_begin(sb);
    lua_pushvalue(L, rule + 1);
    lua_pushlightuserdata(L, &rn);
    lua_pushvalue(L, rule + 2);
    lua_pushvalue(L, rule + 3);
    int ok = ca_sandbox_pcall(sb, 3, 0, why, sizeof why) == 0;
    finding_free(&rn.pending);
    cJSON_Delete(rn.item);
    rn.item = NULL;
    total += (long)rn.nfindings;
    finish_check(&rn, fd, ok, why);
    if (ca_sandbox_exhausted(sb)) {
      flush_out(&rn, fd, 1);
      emit_cost(L, sb, fd);
      emit_str(fd, "stop", why);
      break;
    }
    if (total > CA_MAX_FINDINGS_PER_RULE) {
      snprintf(why, sizeof why, "more than %d findings from one rule", CA_MAX_FINDINGS_PER_RULE);
      flush_out(&rn, fd, 1);
      emit_cost(L, sb, fd);
      emit_str(fd, "stop", why);
      break;
    }
    if (i + 1 == n) {
      flush_out(&rn, fd, 1);
      emit_cost(L, sb, fd);
    }
  }
  if (n == 0) emit_cost(L, sb, fd);
  ca_buf_free(&rn.out);
  ca_buf_free(&rn.line);
  ca_buf_free(&rn.cur_ptr);
  free(rn.findings);
  rn.findings = NULL;
  free(res);
  /* Finalizers run at close: one that calls ctx finds no check; one that
   * breaks a limit gets its rule's findings flagged (engine.c). */
  rn.cur = NULL;
  if (ca_sandbox_close(sb, why, sizeof why)) emit_str(fd, "close_error", why);
  cJSON_Delete(rn.used_params);
  free(rn.used_text);
  free(rn.stamp);
  cJSON_Delete(meta);
  return 0;
}
