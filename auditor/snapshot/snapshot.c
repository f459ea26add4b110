#include "snapshot/snapshot.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ca_limits.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/jsonfile.h"
#include "util/jsonptr.h"
#include "util/sha256.h"

/* ---- the parsed tree's memory ------------------------------------------
 * A snapshot's tree is millions of small cJSON nodes and strings that live
 * exactly as long as the snapshot.  Taken one malloc at a time they cost the
 * allocator's bookkeeping (16 bytes and a size class each), and freeing them
 * at the end walks the whole tree again (14 % of an audit's parent at
 * 20k/3k).  So ca_snapshot_parse has cJSON take them from one private
 * mapping (bump allocation, 8-byte aligned) and ca_snapshot_free unmaps it.
 * cJSON's hooks are global: outside a parse every allocation is malloc's,
 * and a free inside a live arena is a no-op (the unmap frees it).  The arena
 * is per thread while a parse runs, so another thread's cJSON calls never
 * land in it.  A mapping that cannot be had, or is used up, leaves the rest
 * to malloc (then the tree is freed node by node, as before). */
typedef struct arena {
  char *base;
  size_t size, used;
  size_t ready;         /* bytes populated ahead of use (MADV_POPULATE_WRITE) */
  int spilled;          /* some nodes came from malloc: free the tree by walking it */
} arena;

#define MAX_ARENAS 8
static arena *live_arenas[MAX_ARENAS];
static _Thread_local arena *parsing;

static void *arena_malloc(size_t n) {
  arena *a = parsing;
  if (a) {
    size_t k = (n + 7) & ~(size_t)7;
    if (k >= n && k <= a->size - a->used) {
      void *p = a->base + a->used;
      a->used += k;
#ifdef MADV_POPULATE_WRITE
      /* the pages ahead in 8 MiB steps, one system call each instead of a
       * fault per 4 KiB page (an error, an old kernel: faults as before) */
      if (a->used > a->ready && a->ready != (size_t)-1) {
        size_t step = (size_t)8 << 20, len = a->size - a->ready < step ? a->size - a->ready : step;
        a->ready = madvise(a->base + a->ready, len, MADV_POPULATE_WRITE) ? (size_t)-1 : a->ready + len;
      }
#endif
      return p;
    }
    a->spilled = 1;
  }
  return malloc(n);
}

static void arena_free(void *p) {
  for (int i = 0; i < MAX_ARENAS; i++) {
    const arena *a = live_arenas[i];
    if (a && (char *)p >= a->base && (char *)p < a->base + a->size) return;
  }
  free(p);
}

/* An arena for the tree of len bytes of JSON text (a cJSON tree takes at
 * most ~5x its text with these sizes; 8x plus a margin), NULL when there is
 * no mapping or no free slot. */
static arena *arena_new(size_t len) {
  static int hooked;
  if (!hooked) {
    cJSON_Hooks h = {arena_malloc, arena_free};
    cJSON_InitHooks(&h);
    hooked = 1;
  }
  int slot = -1;
  for (int i = 0; i < MAX_ARENAS && slot < 0; i++)
    if (!live_arenas[i]) slot = i;
  if (slot < 0 || len > ((size_t)1 << 40)) return NULL;
  arena *a = calloc(1, sizeof *a);
  if (!a) return NULL;
  a->size = 8 * len + (1 << 20);
  void *m = mmap(NULL, a->size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (m == MAP_FAILED) {
    free(a);
    return NULL;
  }
  a->base = m;
#ifdef MADV_HUGEPAGE
  /* Every rule process is a fork of this one, and fork copies the page
   * table entries of every resident page: in 2 MiB pages the tree is 512
   * times fewer of them (at 5k/750, 49 instead of ~25,000 per fork).  The
   * rule processes only read the tree, so nothing is copied on write.  Where
   * transparent huge pages are off, this changes nothing. */
  madvise(m, a->size, MADV_HUGEPAGE);
#endif
  live_arenas[slot] = a;
  return a;
}

static void arena_free_all(arena *a) {
  if (!a) return;
  for (int i = 0; i < MAX_ARENAS; i++)
    if (live_arenas[i] == a) live_arenas[i] = NULL;
  munmap(a->base, a->size);
  free(a);
}

struct ca_snapshot {
  cJSON *root;
  arena *arena;         /* where root's nodes are (NULL: malloc's) */
  char sha256[65];
  ca_resource *res;     /* sorted by (type, arn) */
  size_t nres;
  ca_resource **by_arn; /* sorted by arn, for type-less lookups */
};

/* ---- shape checking -------------------------------------------------- */

enum { J_OBJ = 1, J_ARR = 2, J_STR = 4, J_NUM = 8, J_BOOL = 16, J_NULL = 32 };

static int jtype(const cJSON *v) {
  if (cJSON_IsObject(v)) return J_OBJ;
  if (cJSON_IsArray(v)) return J_ARR;
  if (cJSON_IsString(v)) return J_STR;
  if (cJSON_IsNumber(v)) return J_NUM;
  if (cJSON_IsBool(v)) return J_BOOL;
  return J_NULL;
}

static const char *jname(int t) {
  switch (t) {
  case J_OBJ: return "an object";
  case J_ARR: return "an array";
  case J_STR: return "a string";
  case J_NUM: return "a number";
  case J_BOOL: return "a boolean";
  default: return "null";
  }
}

static void want_names(int mask, char *out, size_t n) {
  out[0] = '\0';
  const int all[] = {J_OBJ, J_ARR, J_STR, J_NUM, J_BOOL, J_NULL};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
    if (!(mask & all[i])) continue;
    if (out[0]) strncat(out, " or ", n - strlen(out) - 1);
    strncat(out, jname(all[i]), n - strlen(out) - 1);
  }
}

typedef struct checker {
  const char *label;
  ca_err *err;
  ca_buf ptr;          /* the pointer of the node being checked */
} checker;

static int bad(checker *c, const char *fmt, const char *a, const char *b) {
  char what[512];
  snprintf(what, sizeof what, fmt, a, b);
  return ca_errf(c->err, CA_EXIT_USAGE, "%s: %s: %s", c->label, c->ptr.len ? c->ptr.data : "(document root)", what);
}

/* Checks v (at c->ptr + "/" + key when key != NULL) has a type in mask. */
static int expect(checker *c, const cJSON *v, const char *key, int mask, int required) {
  /* the common case first: nothing to say, so no pointer and no words built */
  if (v ? (jtype(v) & mask) != 0 : !required) return 0;
  size_t mark = c->ptr.len;
  if (key) ca_ptr_push(&c->ptr, key);
  int rc = 0;
  char want[128];
  want_names(mask, want, sizeof want);
  if (!v) {
    if (required) rc = bad(c, "missing; expected %s%s", want, "");
  } else if (!(jtype(v) & mask)) {
    rc = bad(c, "expected %s, found %s", want, jname(jtype(v)));
  }
  c->ptr.len = mark;
  if (c->ptr.data) c->ptr.data[mark] = '\0';
  return rc;
}

static const cJSON *member(const cJSON *o, const char *k) { return cJSON_GetObjectItemCaseSensitive(o, k); }

/* The members rules read, per resource type: pointer below data, JSON types. */
typedef struct shape { const char *type, *member, *sub; int mask; } shape;
static const shape shapes[] = {
  {"connect_instance", "Instance", NULL, J_OBJ},
  {"connect_instance", "Attributes", NULL, J_ARR},
  {"connect_instance", "StorageConfigs", NULL, J_OBJ},
  {"connect_instance", "LambdaFunctions", NULL, J_ARR},
  {"connect_instance", "LexBots", NULL, J_ARR},
  {"connect_instance", "ApprovedOrigins", NULL, J_ARR},
  {"connect_instance", "SecurityKeys", NULL, J_ARR},
  {"connect_instance", "CampaignsV1", NULL, J_ARR},
  {"connect_instance", "CampaignsV2", NULL, J_ARR},
  {"connect_instance", "CampaignInstanceConfig", NULL, J_OBJ | J_NULL},
  {"connect_instance", "AnalyticsDataAssociations", NULL, J_ARR},
  {"connect_instance", "TrafficDistributionGroups", NULL, J_ARR},
  {"connect_instance", "FlowAssociations", NULL, J_ARR},
  {"connect_security_profile", "SecurityProfile", NULL, J_OBJ},
  {"connect_security_profile", "Permissions", NULL, J_ARR},
  {"connect_user", "User", NULL, J_OBJ},
  {"connect_contact_flow", "ContactFlow", NULL, J_OBJ},
  {"connect_contact_flow", "ContactFlow", "Content", J_OBJ},
  {"connect_contact_flow_module", "ContactFlowModule", NULL, J_OBJ},
  {"connect_contact_flow_module", "ContactFlowModule", "Content", J_OBJ},
  {"connect_queue", "Queue", NULL, J_OBJ},
  {"connect_queue", "QuickConnects", NULL, J_ARR},
  {"connect_routing_profile", "RoutingProfile", NULL, J_OBJ},
  {"connect_routing_profile", "Queues", NULL, J_ARR},
  {"connect_hours_of_operation", "HoursOfOperation", NULL, J_OBJ},
  {"connect_quick_connect", "QuickConnect", NULL, J_OBJ},
  {"connect_phone_number", "ClaimedPhoneNumberSummary", NULL, J_OBJ},
  {"s3_bucket", "LocationConstraint", NULL, J_STR | J_NULL},
  {"s3_bucket", "Policy", NULL, J_OBJ | J_NULL},
  {"s3_bucket", "PolicyStatus", NULL, J_OBJ | J_NULL},
  {"s3_bucket", "ServerSideEncryptionConfiguration", NULL, J_OBJ | J_NULL},
  {"s3_bucket", "PublicAccessBlockConfiguration", NULL, J_OBJ | J_NULL},
  {"s3_bucket", "Versioning", NULL, J_OBJ},
  {"s3_bucket", "ObjectLockConfiguration", NULL, J_OBJ | J_NULL},
  {"s3_bucket", "LoggingEnabled", NULL, J_OBJ | J_NULL},
  {"s3_bucket", "OwnershipControls", NULL, J_OBJ | J_NULL},
  {"s3_bucket", "Acl", NULL, J_OBJ},
  {"kms_key", "KeyMetadata", NULL, J_OBJ},
  {"kms_key", "KeyRotationEnabled", NULL, J_BOOL | J_NULL},
  {"kms_key", "Policy", NULL, J_OBJ | J_NULL},
  {"kms_key", "Aliases", NULL, J_ARR},
  {"kinesis_stream", "StreamDescriptionSummary", NULL, J_OBJ},
  {"firehose_delivery_stream", "DeliveryStreamDescription", NULL, J_OBJ},
  {"kinesis_video_stream", "StreamInfo", NULL, J_OBJ},
  {"lambda_function", "Configuration", NULL, J_OBJ},
  {"lex_bot", "Bot", NULL, J_OBJ},
  {"lexv2_bot", "Bot", NULL, J_OBJ},
  {"lexv2_bot", "Aliases", NULL, J_ARR},
  {"lexv2_bot", "ResourcePolicy", NULL, J_OBJ | J_NULL},
  {"lexv2_bot_alias", "BotAlias", NULL, J_OBJ},
  {"lexv2_bot_alias", "ResourcePolicy", NULL, J_OBJ | J_NULL},
  {"logs_log_group", "LogGroup", NULL, J_OBJ},
  {"ds_directory", "Directory", NULL, J_OBJ},
  {"cloudwatch_alarm", "MetricAlarm", NULL, J_OBJ},
  {"customer_profiles_domain", "Domain", NULL, J_OBJ},
  {"customer_profiles_domain", "ObjectTypes", NULL, J_ARR},
  {"customer_profiles_object_type", "ObjectType", NULL, J_OBJ},
  {"customer_profiles_object_type", "Tags", NULL, J_OBJ},
  {"voiceid_domain", "Domain", NULL, J_OBJ},
  {"wisdom_knowledge_base", "knowledgeBase", NULL, J_OBJ},
  {"dynamodb_table", "Table", NULL, J_OBJ},
  {"dynamodb_table", "ContinuousBackupsDescription", NULL, J_OBJ},
  {"connect_campaign_v1", "Campaign", NULL, J_OBJ},
  {"connect_campaign_v1", "State", NULL, J_STR | J_NULL},
  {"connect_campaign_v2", "Campaign", NULL, J_OBJ},
  {"connect_campaign_v2", "State", NULL, J_STR | J_NULL},
  {"cloudtrail_trail", "Trail", NULL, J_OBJ},
  {"cloudtrail_trail", "Status", NULL, J_OBJ},
  {"cloudtrail_trail", "EventSelectors", NULL, J_OBJ},
  {"cloudtrail_trail", "MetricFilters", NULL, J_ARR},
  {"cloudtrail_trail", "MetricAlarms", NULL, J_ARR},
  {"events_rule", "Rule", NULL, J_OBJ},
  {"events_rule", "EventPattern", NULL, J_OBJ},
  {"events_rule", "Targets", NULL, J_ARR},
  {"iam_role", "Role", NULL, J_OBJ | J_NULL},   /* GetRole, AssumeRolePolicyDocument parsed; null = NoSuchEntity */
};

/* Below the members: every member the AWS models give the shapes above
 * (scripts/gen-shapes writes the table from botocore's service models), its
 * pointer below data with '*' for every element of a list or value of a map,
 * and its JSON types.  Sorted by type. */
typedef struct deep_shape { const char *type, *path; int mask; } deep_shape;
static const deep_shape deep_shapes[] = {
#include "snapshot/shapes.inc"
};
#define NDEEP (sizeof deep_shapes / sizeof deep_shapes[0])

/* Checks every value at path below v; a container of the wrong kind on the
 * way is the business of its own entry (the table has one for every level). */
static int check_path(checker *c, const cJSON *v, const char *path, int mask) {
  const char *slash = strchr(path, '/');
  size_t n = slash ? (size_t)(slash - path) : strlen(path);
  char key[128];
  if (n >= sizeof key) return 0;
  memcpy(key, path, n);
  key[n] = '\0';
  int all = !strcmp(key, "*");
  if (all ? !cJSON_IsArray(v) && !cJSON_IsObject(v) : !cJSON_IsObject(v)) return 0;
  long i = 0;
  for (const cJSON *x = all ? v->child : member(v, key); x; x = all ? x->next : NULL, i++) {
    int rc;
    if (!slash && (jtype(x) & mask)) continue;   /* expect()'s fast path, without the index's text */
    char idx[32];
    if (all && cJSON_IsArray(v)) snprintf(idx, sizeof idx, "%ld", i);
    const char *name = !all ? key : cJSON_IsArray(v) ? idx : x->string;
    if (!slash) {
      rc = expect(c, x, name, mask, 0);
    } else {
      size_t mark = c->ptr.len;
      ca_ptr_push(&c->ptr, name);
      rc = check_path(c, x, slash + 1, mask);
      c->ptr.len = mark;
      c->ptr.data[mark] = '\0';
    }
    if (rc) return -1;
  }
  return 0;
}

/* ---- the deep check's fast pass ---------------------------------------------
 * check_path walks the table one entry at a time, each from data down, with
 * a member lookup per level and the pointer of where it stands built as it
 * goes: 44 walks for every user (218 M of the parent's 2,700 M instructions
 * at 5k/750).  Most resources have nothing to report, so a pass that only
 * answers "nothing to report" runs first: the table as a tree of path
 * segments per type, walked once per resource along the data's own members
 * (each member's name found among the segments by bisection).  It checks
 * every member the entries name, all members of that name where a tree
 * given to ca_snapshot_adopt repeats one (check_path, through cJSON's
 * lookup, the first): never less than check_path, so when it passes,
 * check_path passes too; when it does not, check_path runs and says what
 * and where, as before. */
typedef struct tnode {
  const char *seg;      /* this level's name, seg[0..n) */
  size_t n;
  int has, mask;        /* an entry ends here; the types it allows */
  struct tnode *star;   /* the '*' below this one */
  struct tnode **kid;   /* the named ones below, sorted by name */
  size_t nkid, akid;
} tnode;

typedef struct ttype { const char *type; tnode root; } ttype;
static ttype *ttypes;   /* one per type of deep_shapes, in its order (sorted) */
static size_t nttypes;
static pthread_once_t tree_once = PTHREAD_ONCE_INIT;

static int seg_cmp(const char *a, size_t na, const char *b, size_t nb) {
  int c = memcmp(a, b, na < nb ? na : nb);
  return c ? c : (na > nb) - (na < nb);
}

static int cmp_kid(const void *x, const void *y) {
  const tnode *a = *(tnode *const *)x, *b = *(tnode *const *)y;
  return seg_cmp(a->seg, a->n, b->seg, b->n);
}

static tnode *tree_kid(tnode *t, const char *seg, size_t n) {
  if (n == 1 && seg[0] == '*') {
    if (!t->star && !(t->star = calloc(1, sizeof *t->star))) return NULL;
    t->star->seg = seg, t->star->n = n;
    return t->star;
  }
  for (size_t i = 0; i < t->nkid; i++)
    if (t->kid[i]->n == n && !memcmp(t->kid[i]->seg, seg, n)) return t->kid[i];
  if (t->nkid == t->akid) {
    size_t a = t->akid ? 2 * t->akid : 8;
    tnode **k = realloc(t->kid, a * sizeof *k);
    if (!k) return NULL;
    t->kid = k, t->akid = a;
  }
  tnode *k = calloc(1, sizeof *k);
  if (!k) return NULL;
  k->seg = seg, k->n = n;
  return t->kid[t->nkid++] = k;
}

static void tree_sort(tnode *t) {
  if (t->nkid) qsort(t->kid, t->nkid, sizeof *t->kid, cmp_kid);
  for (size_t i = 0; i < t->nkid; i++) tree_sort(t->kid[i]);
  if (t->star) tree_sort(t->star);
}

/* Built once, kept for the process (it is the table's, not a snapshot's).
 * Out of memory leaves nttypes 0: then every resource takes check_path. */
static void tree_build(void) {
  ttype *tt = calloc(NDEEP, sizeof *tt);
  size_t nt = 0;
  int ok = tt != NULL;
  for (size_t i = 0; ok && i < NDEEP; i++) {
    const deep_shape *d = &deep_shapes[i];
    if (!nt || strcmp(tt[nt - 1].type, d->type)) tt[nt++].type = d->type;
    /* check_path checks nothing past a name of 128 bytes or more: neither does the tree */
    int longseg = 0;
    for (const char *p = d->path; *p;) {
      size_t n = strcspn(p, "/");
      longseg |= n >= 128;
      p += n + (p[n] == '/');
    }
    if (longseg) continue;
    tnode *t = &tt[nt - 1].root;
    for (const char *p = d->path; ok && *p;) {
      size_t n = strcspn(p, "/");
      ok = (t = tree_kid(t, p, n)) != NULL;
      p += n + (p[n] == '/');
    }
    if (ok) t->mask = t->has ? t->mask & d->mask : d->mask, t->has = 1;   /* twice: both must hold */
  }
  for (size_t i = 0; ok && i < nt; i++) tree_sort(&tt[i].root);
  if (ok) ttypes = tt, nttypes = nt;   /* else leaked: out of memory at start */
}

static int node_ok(const cJSON *v, const tnode *t);

static int below_ok(const cJSON *x, const tnode *k) {
  if (k->has && !(jtype(x) & k->mask)) return 0;
  return (!k->star && !k->nkid) || node_ok(x, k);
}

/* Whether everything the tree t names below v has its types. */
static int node_ok(const cJSON *v, const tnode *t) {
  if (t->star && (cJSON_IsArray(v) || cJSON_IsObject(v)))
    for (const cJSON *x = v->child; x; x = x->next)
      if (!below_ok(x, t->star)) return 0;
  if (t->nkid && cJSON_IsObject(v))
    for (const cJSON *x = v->child; x; x = x->next) {
      if (!x->string) continue;          /* cJSON's lookup passes over these too */
      size_t xn = strlen(x->string), lo = 0, hi = t->nkid;
      while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int cmp = seg_cmp(t->kid[mid]->seg, t->kid[mid]->n, x->string, xn);
        if (cmp < 0) lo = mid + 1;
        else if (cmp > 0) hi = mid;
        else {
          if (!below_ok(x, t->kid[mid])) return 0;
          break;
        }
      }
    }
  return 1;
}

/* 1 when check_deep certainly has nothing to report for data of type. */
static int deep_ok(const char *type, const cJSON *data) {
  pthread_once(&tree_once, tree_build);
  size_t lo = 0, hi = nttypes;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int cmp = strcmp(ttypes[mid].type, type);
    if (cmp < 0) lo = mid + 1;
    else if (cmp > 0) hi = mid;
    else return node_ok(data, &ttypes[mid].root);
  }
  return 0;   /* a type the table does not have (or no tree): check_path decides, cheaply */
}

static int check_deep(checker *c, const char *type, const cJSON *data) {
  if (deep_ok(type, data)) return 0;
  size_t lo = 0, hi = NDEEP;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (strcmp(deep_shapes[mid].type, type) < 0) lo = mid + 1;
    else hi = mid;
  }
  for (; lo < NDEEP && !strcmp(deep_shapes[lo].type, type); lo++)
    if (check_path(c, data, deep_shapes[lo].path, deep_shapes[lo].mask)) return -1;
  return 0;
}

#define NSHAPES (sizeof shapes / sizeof shapes[0])
_Static_assert(NSHAPES <= 256, "type_shapes numbers shapes[] in a byte");

/* The shapes[] entries of type, in the table's order: found once per type,
 * not once per resource (76 strcmp each, for every user). */
typedef struct type_shapes { unsigned char at[NSHAPES]; size_t n; } type_shapes;
static void shapes_of(const char *type, type_shapes *ts) {
  ts->n = 0;
  for (size_t i = 0; i < NSHAPES; i++)
    if (!strcmp(shapes[i].type, type)) ts->at[ts->n++] = (unsigned char)i;
}

static int check_data(checker *c, const char *type, const type_shapes *ts, const cJSON *data) {
  for (size_t k = 0; k < ts->n; k++) {
    const shape *sh = &shapes[ts->at[k]];
    const cJSON *v = member(data, sh->member);
    if (!v) continue;                       /* absent = not collected: allowed */
    if (!sh->sub) {
      if (expect(c, v, sh->member, sh->mask, 0)) return -1;
      continue;
    }
    if (!cJSON_IsObject(v)) continue;       /* reported by the entry above */
    size_t mark = c->ptr.len;
    ca_ptr_push(&c->ptr, sh->member);
    const cJSON *sub = member(v, sh->sub);
    int rc = 0;
    if (sub && cJSON_IsString(sub) && !strcmp(sh->sub, "Content")) {
      ca_ptr_push(&c->ptr, "Content");
      rc = bad(c, "expected the flow content parsed into an object, found a string "
                  "(AWS returns Content as a JSON string; a snapshot holds it parsed)%s%s", "", "");
    } else
      rc = expect(c, sub, sh->sub, sh->mask, 0);
    c->ptr.len = mark;
    c->ptr.data[mark] = '\0';
    if (rc) return -1;
    /* What is inside a parsed Content is not checked here: a flow that is not
     * the flow language (the pre-2019 export format with modules[], no
     * Actions, a StartAction that is not a string) is one flow's problem, and
     * its rules report `error` for that flow alone (policies/lib/flow.lua)
     * while the rest of the snapshot is audited -- in audit as in the check
     * collect and import run on what they write. */
  }
  return check_deep(c, type, data);
}

static int valid_type_name(const char *s) {
  if (!*s) return 0;
  for (; *s; s++)
    if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '_')) return 0;
  return 1;
}

static int valid_time(const char *s) {
  /* RFC 3339: YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM) */
  const char *f = "dddd-dd-ddTdd:dd:dd";
  for (size_t i = 0; f[i]; i++) {
    if (f[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != f[i]) return 0;
  }
  s += strlen(f);
  if (*s == '.') { s++; if (!isdigit((unsigned char)*s)) return 0; while (isdigit((unsigned char)*s)) s++; }
  if (*s == 'Z') return s[1] == '\0';
  return (*s == '+' || *s == '-') && isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
         s[3] == ':' && isdigit((unsigned char)s[4]) && isdigit((unsigned char)s[5]) && s[6] == '\0';
}

static int check_root(checker *c, const cJSON *root) {
  if (!cJSON_IsObject(root)) return bad(c, "expected an object, found %s%s", jname(jtype(root)), "");
  const cJSON *schema = member(root, "schema");
  if (expect(c, schema, "schema", J_STR, 1)) return -1;
  if (strcmp(schema->valuestring, CA_SNAPSHOT_SCHEMA)) {
    ca_ptr_push(&c->ptr, "schema");
    return bad(c, "unsupported snapshot schema \"%s\"; this build reads \"%s\"",
               schema->valuestring, CA_SNAPSHOT_SCHEMA);
  }
  const cJSON *tool = member(root, "tool");
  if (expect(c, tool, "tool", J_OBJ, 1)) return -1;
  ca_ptr_push(&c->ptr, "tool");
  if (expect(c, member(tool, "name"), "name", J_STR, 1) ||
      expect(c, member(tool, "version"), "version", J_STR, 1)) return -1;
  c->ptr.len = 0;
  c->ptr.data[0] = '\0';

  const cJSON *at = member(root, "collected_at");
  if (expect(c, at, "collected_at", J_STR, 1)) return -1;
  if (!valid_time(at->valuestring)) {
    ca_ptr_push(&c->ptr, "collected_at");
    return bad(c, "expected an RFC 3339 time such as 2026-11-20T09:30:00Z, found \"%s\"%s", at->valuestring, "");
  }
  const cJSON *acct = member(root, "account_id");
  if (expect(c, acct, "account_id", J_STR, 1)) return -1;
  size_t al = strlen(acct->valuestring);
  int digits = al == 12;
  for (size_t i = 0; digits && i < al; i++) digits = isdigit((unsigned char)acct->valuestring[i]);
  if (!digits) {
    ca_ptr_push(&c->ptr, "account_id");
    return bad(c, "expected a 12-digit AWS account ID, found \"%s\"%s", acct->valuestring, "");
  }
  const cJSON *regions = member(root, "regions");
  if (expect(c, regions, "regions", J_ARR, 1)) return -1;
  ca_ptr_push(&c->ptr, "regions");
  if (cJSON_GetArraySize(regions) == 0) return bad(c, "expected at least one region%s%s", "", "");
  long i = 0;
  for (const cJSON *r = regions->child; r; r = r->next, i++) {
    char idx[32];
    snprintf(idx, sizeof idx, "%ld", i);
    if (expect(c, r, idx, J_STR, 1)) return -1;
  }
  c->ptr.len = 0;
  c->ptr.data[0] = '\0';

  const cJSON *errors = member(root, "errors");
  if (expect(c, errors, "errors", J_ARR, 1)) return -1;
  ca_ptr_push(&c->ptr, "errors");
  i = 0;
  for (const cJSON *e = errors->child; e; e = e->next, i++) {
    char idx[32];
    snprintf(idx, sizeof idx, "%ld", i);
    if (expect(c, e, idx, J_OBJ, 1)) return -1;
    size_t mark = c->ptr.len;
    ca_ptr_push(&c->ptr, idx);
    const char *keys[] = {"arn", "operation", "code", "message"};
    for (size_t k = 0; k < 4; k++)
      if (expect(c, member(e, keys[k]), keys[k], J_STR, 1)) return -1;
    c->ptr.len = mark;
    c->ptr.data[mark] = '\0';
  }
  c->ptr.len = 0;
  c->ptr.data[0] = '\0';

  const cJSON *resources = member(root, "resources");
  if (expect(c, resources, "resources", J_OBJ, 1)) return -1;
  ca_ptr_push(&c->ptr, "resources");
  for (const cJSON *t = resources->child; t; t = t->next) {
    if (!valid_type_name(t->string)) {
      ca_ptr_push(&c->ptr, t->string);
      return bad(c, "resource type names are lower-case words joined by '_' (such as s3_bucket), found \"%s\"%s", t->string, "");
    }
    if (expect(c, t, t->string, J_OBJ, 1)) return -1;
    size_t tmark = c->ptr.len;
    ca_ptr_push(&c->ptr, t->string);
    type_shapes ts;
    shapes_of(t->string, &ts);
    for (const cJSON *r = t->child; r; r = r->next) {
      if (strncmp(r->string, "arn:", 4)) {
        ca_ptr_push(&c->ptr, r->string);
        return bad(c, "resources are keyed by ARN (arn:partition:service:region:account:resource), found \"%s\"%s", r->string, "");
      }
      if (expect(c, r, r->string, J_OBJ, 1)) return -1;
      size_t rmark = c->ptr.len;
      ca_ptr_push(&c->ptr, r->string);
      if (expect(c, member(r, "name"), "name", J_STR, 1) ||
          expect(c, member(r, "region"), "region", J_STR, 1) ||
          expect(c, member(r, "data"), "data", J_OBJ, 1)) return -1;
      ca_ptr_push(&c->ptr, "data");
      if (check_data(c, t->string, &ts, member(r, "data"))) return -1;
      c->ptr.len = rmark;
      c->ptr.data[rmark] = '\0';
    }
    c->ptr.len = tmark;
    c->ptr.data[tmark] = '\0';
  }
  return 0;
}

/* ---- index ------------------------------------------------------------ */

static int cmp_res(const void *a, const void *b) {
  const ca_resource *x = a, *y = b;
  int t = strcmp(x->type, y->type);
  return t ? t : strcmp(x->arn, y->arn);
}

static int cmp_by_arn(const void *a, const void *b) {
  const ca_resource *x = *(ca_resource *const *)a, *y = *(ca_resource *const *)b;
  int t = strcmp(x->arn, y->arn);
  return t ? t : strcmp(x->type, y->type);
}

static int build_index(ca_snapshot *s, const char *label, ca_err *err) {
  const cJSON *resources = member(s->root, "resources");
  size_t n = 0;
  for (const cJSON *t = resources->child; t; t = t->next)
    for (const cJSON *r = t->child; r; r = r->next) n++;
  s->res = calloc(n ? n : 1, sizeof *s->res);
  s->by_arn = calloc(n ? n : 1, sizeof *s->by_arn);
  if (!s->res || !s->by_arn) return ca_errf(err, CA_EXIT_RUN, "out of memory indexing %zu resources", n);
  size_t i = 0;
  for (const cJSON *t = resources->child; t; t = t->next)
    for (const cJSON *r = t->child; r; r = r->next, i++) {
      ca_resource *x = &s->res[i];
      x->type = t->string;
      x->arn = r->string;
      x->container = r;
      x->name = member(r, "name")->valuestring;
      x->region = member(r, "region")->valuestring;
      x->data = member(r, "data");
    }
  s->nres = n;
  qsort(s->res, n, sizeof *s->res, cmp_res);
  for (i = 0; i < n; i++) {
    if (i && !cmp_res(&s->res[i - 1], &s->res[i]))
      return ca_errf(err, CA_EXIT_USAGE, "%s: /resources/%s: duplicate resource %s", label, s->res[i].type, s->res[i].arn);
    s->by_arn[i] = &s->res[i];
  }
  qsort(s->by_arn, n, sizeof *s->by_arn, cmp_by_arn);
  return 0;
}

/* ---- loading ---------------------------------------------------------- */

int ca_snapshot_adopt(const char *label, cJSON *root, ca_snapshot **out, ca_err *err) {
  *out = NULL;
  ca_snapshot *s = calloc(1, sizeof *s);
  if (!s) {
    cJSON_Delete(root);
    return ca_errf(err, CA_EXIT_RUN, "out of memory");
  }
  s->root = root;
  checker c = {label, err, {0}};
  ca_buf_init(&c.ptr, 1 << 20);
  ca_buf_add(&c.ptr, "", 0);
  int rc = check_root(&c, root);
  ca_buf_free(&c.ptr);
  if (!rc) rc = build_index(s, label, err);
  if (rc) {
    ca_snapshot_free(s);
    return -1;
  }
  *out = s;
  return 0;
}

/* The resource of type whose ARN is the key text[0..n) (no escapes in it). */
static ca_resource *lookup_key(ca_snapshot *s, const char *type, const char *key, size_t n) {
  size_t lo = 0, hi = s->nres;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const ca_resource *x = &s->res[mid];
    int c = strcmp(x->type, type);
    if (!c) c = strncmp(x->arn, key, n);
    if (!c && x->arn[n]) c = 1;
    if (c < 0) lo = mid + 1;
    else if (c > 0) hi = mid;
    else return &s->res[mid];
  }
  return NULL;
}

/* Each resource's line: where its ARN key stands in /resources/<type>, found
 * by one scan of the text (cJSON keeps no positions). Keys with escapes are
 * left at 0 (unknown); the first of duplicate keys wins, as the index's.
 * Strings are skipped 8 bytes a step (ca_json_quote_or_backslash) and bytes
 * that matter nothing outside them (what is not a line feed, a quote or
 * punctuation) by a table: this runs over every byte of every snapshot. */
static void find_lines(ca_snapshot *s, const char *text, size_t len) {
  enum { OTHER, ROOT, RES, TYPE };
  static const unsigned char stop[256] = {['\n'] = 1, ['"'] = 1, ['{'] = 1, ['['] = 1, ['}'] = 1, [']'] = 1, [','] = 1};
  static const unsigned char space[256] = {[' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1, [0] = 1};
  unsigned char role[CA_MAX_JSON_DEPTH + 2];
  char type[256] = "";
  int depth = 0;
  long line = 1;
  size_t key = 0, klen = 0;   /* the last string: where, how long; kesc: it had an escape */
  int kesc = 0, have = 0, pending = OTHER;
  for (size_t i = 0; i < len; i++) {
    while (i < len && !stop[(unsigned char)text[i]]) i++;
    if (i >= len) break;
    char ch = text[i];
    if (ch == '\n') line++;
    else if (ch == '"') {
      size_t st = ++i;
      kesc = 0;
      /* to the closing quote, over escapes (i ends at len or past it if the
       * text ends inside the string) */
      while (i < len && (i = ca_json_quote_or_backslash(text, i, len)) < len && text[i] == '\\') kesc = 1, i += 2;
      key = st, klen = i - st, have = 1;
      size_t j = i + 1;
      while (j < len && space[(unsigned char)text[j]]) j++;   /* strchr(" \t\r\n", c): the NUL too */
      if (j >= len || text[j] != ':' || depth < 1) {
        have = 0;
        continue;
      }
      int r = role[depth];
      pending = OTHER;
      if (r == ROOT && klen == 9 && !memcmp(text + key, "resources", 9)) pending = RES;
      else if (r == RES && !kesc && klen < sizeof type) {
        memcpy(type, text + key, klen), type[klen] = '\0';
        pending = TYPE;
      } else if (r == TYPE && !kesc) {
        ca_resource *x = lookup_key(s, type, text + key, strnlen(text + key, klen));
        if (x && !x->line) x->line = line;
      }
    } else if (ch == '{' || ch == '[') {
      if (depth > CA_MAX_JSON_DEPTH) return;
      depth++;
      role[depth] = depth == 1 ? ROOT : (ch == '{' && have) ? pending : OTHER;
      have = 0;
    } else if (ch == '}' || ch == ']') {
      if (depth) depth--;
      have = 0;
    } else if (ch == ',') {
      have = 0;
    }
  }
}

/* text must be NUL-terminated at text[len]. */
int ca_snapshot_parse(const char *label, const char *text, size_t len, ca_snapshot **out, ca_err *err) {
  *out = NULL;
  const char *end = NULL;
  if (ca_json_check_text(label, text, len, err)) return -1;   /* UTF-8, no NUL */
  /* text[len] is the NUL: cJSON's null-terminated mode checks nothing but
   * whitespace follows the value, and needs the NUL inside the length. */
  arena *a = len ? arena_new(len) : NULL;
  parsing = a;
  cJSON *root = len ? cJSON_ParseWithLengthOpts(text, len + 1, &end, 1) : NULL;
  parsing = NULL;
  if (!root) {
    arena_free_all(a);
    return ca_json_parse_error(label, text, len, end ? (size_t)(end - text) : 0, "a JSON snapshot object", err);
  }
  if (ca_json_check_dups(label, text, len, root, err)) {
    cJSON_Delete(root);
    arena_free_all(a);
    return -1;
  }
  int rc = ca_snapshot_adopt(label, root, out, err);   /* frees root if it fails */
  if (rc) {
    arena_free_all(a);
    return rc;
  }
  (*out)->arena = a;
  ca_sha256_hex(text, len, (*out)->sha256);
  find_lines(*out, text, len);
  return 0;
}

/* The file's text mapped (read-only, its pages read ahead), so loading it
 * neither copies it nor clears fresh pages for it (104 MB at 20k/3k); the
 * parse needs a NUL after the text, which the zero fill of the last page
 * gives, so a size that is a multiple of the page size (or anything odd:
 * not a regular file, empty, over the cap) takes ca_read_file's way, with
 * its messages.  Returns the mapping's length, 0 when not mapped. */
static size_t map_text(const char *path, char **text, size_t *len) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  struct stat st;
  long page = sysconf(_SC_PAGESIZE);
  size_t n = 0;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && st.st_size <= CA_MAX_SNAPSHOT_BYTES &&
      page > 0 && st.st_size % page != 0) {
    void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (m != MAP_FAILED) {
      *text = m;
      *len = n = (size_t)st.st_size;
    }
  }
  close(fd);
  return n;
}

int ca_snapshot_load(const char *path, ca_snapshot **out, ca_err *err) {
  char *text;
  size_t len;
  *out = NULL;
  size_t mapped = map_text(path, &text, &len);
  if (mapped) {
    int rc = ca_snapshot_parse(path, text, len, out, err);
    munmap(text, mapped);
    return rc;
  }
  if (ca_read_file(path, CA_MAX_SNAPSHOT_BYTES, &text, &len, err)) return -1;
  int rc = ca_snapshot_parse(path, text, len, out, err);
  free(text);
  return rc;
}

void ca_snapshot_free(ca_snapshot *s) {
  if (!s) return;
  if (!s->arena || s->arena->spilled) cJSON_Delete(s->root);   /* else the unmap frees every node */
  arena_free_all(s->arena);
  free(s->res);
  free(s->by_arn);
  free(s);
}

const cJSON *ca_snapshot_root(const ca_snapshot *s) { return s->root; }
const char *ca_snapshot_sha256(const ca_snapshot *s) { return s->sha256; }

const ca_resource *ca_snapshot_all(const ca_snapshot *s, size_t *n) {
  *n = s->nres;
  return s->res;
}

const ca_resource *ca_snapshot_of_type(const ca_snapshot *s, const char *type, size_t *n) {
  size_t lo = 0, hi = s->nres;
  while (lo < hi) {           /* first index with type >= wanted */
    size_t mid = (lo + hi) / 2;
    if (strcmp(s->res[mid].type, type) < 0) lo = mid + 1;
    else hi = mid;
  }
  size_t end = lo;
  while (end < s->nres && !strcmp(s->res[end].type, type)) end++;
  *n = end - lo;
  return s->res + lo;
}

const ca_resource *ca_snapshot_lookup(const ca_snapshot *s, const char *type, const char *arn) {
  size_t lo = 0, hi = s->nres;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (strcmp(s->by_arn[mid]->arn, arn) < 0) lo = mid + 1;
    else hi = mid;
  }
  for (; lo < s->nres && !strcmp(s->by_arn[lo]->arn, arn); lo++)
    if (!type || !strcmp(s->by_arn[lo]->type, type)) return s->by_arn[lo];
  return NULL;
}
