#include "snapshot/drift.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "results/diff.h"
#include "util/buf.h"
#include "util/jsonptr.h"

/* What stage drift leaves aside (checklist DEV-1: these differ by stage on
 * purpose), and the fields of compared items that name or date a stage
 * rather than configure it. */
static const char not_compared[] =
  "users, queues, routing profiles, quick connects, approved origins, security keys, descriptions, tags, "
  "flow layout (Metadata)";
static const char *const instance_skip[] = {"Id", "Arn", "InstanceAlias", "CreatedTime", "ServiceRole", "Tags",
                                            "InstanceStatus", "StatusReason", NULL};
static const char *const profile_skip[] = {"Id", "Arn", "OrganizationResourceId", "SecurityProfileName", "Description",
                                           "Tags", "LastModifiedTime", "LastModifiedRegion", NULL};

typedef struct stage {
  const ca_snapshot *s;
  const char *label;
  const ca_resource *inst;
  const char *alias, *id, *account;
  cJSON *refs;       /* display form of a resolved ARN -> the ARN normalised */
} stage;

static const char *jstr(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int replace_all(ca_buf *out, const char *s, const char *from, const char *to) {
  size_t fl = strlen(from);
  for (const char *hit; (hit = strstr(s, from)); s = hit + fl)
    if (ca_buf_add(out, s, (size_t)(hit - s)) || ca_buf_adds(out, to)) return -1;
  return ca_buf_adds(out, s);
}

char *ca_drift_normalise(const char *s, const char *instance_id, const char *account, const char *alias) {
  const char *from[3] = {instance_id, account, alias}, *to[3] = {"{instance}", "{account}", "{alias}"};
  char *cur = strdup(s);
  for (int i = 0; i < 3 && cur; i++) {
    if (!from[i] || strlen(from[i]) < 3) continue;
    ca_buf b;
    ca_buf_init(&b, (size_t)CA_MAX_SNAPSHOT_BYTES);   /* a string is never longer than its snapshot */
    int rc = replace_all(&b, cur, from[i], to[i]);
    free(cur);
    cur = rc ? NULL : ca_buf_steal(&b);
    ca_buf_free(&b);
  }
  return cur;
}

static char *plain(const stage *st, const char *s) { return ca_drift_normalise(s, st->id, st->account, st->alias); }

/* An ARN of a resource the snapshot holds, as "type:name" (names normalised):
 * what makes the same flow in two stages compare equal, though every ARN in
 * it differs.  A Lex V2 alias ARN names the bot by ID and the alias by ID. */
static char *resolve(const stage *st, const char *arn) {
  const ca_resource *r = ca_snapshot_lookup(st->s, NULL, arn);
  /* an alias is named by its bot and its own name (below), as before aliases were resources */
  if (r && !strcmp(r->type, "lexv2_bot_alias")) r = NULL;
  char *name = NULL, *out = NULL;
  const char *type = r ? r->type : NULL, *alias = NULL;
  if (r) {
    name = plain(st, r->name);
  } else if (strstr(arn, ":lex:") && strstr(arn, ":bot-alias/")) {
    char bot[1024];
    const char *ids = strstr(arn, ":bot-alias/") + 11, *slash = strchr(ids, '/');
    if (!slash) return NULL;
    snprintf(bot, sizeof bot, "%.*s:bot/%.*s", (int)(strstr(arn, ":bot-alias/") - arn), arn, (int)(slash - ids), ids);
    if (!(r = ca_snapshot_lookup(st->s, "lexv2_bot", bot))) return NULL;
    type = r->type;
    name = plain(st, r->name);
    alias = slash + 1;
    const cJSON *a;
    cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(r->data, "Aliases"))
      if (jstr(a, "botAliasId") && !strcmp(jstr(a, "botAliasId"), slash + 1) && jstr(a, "botAliasName"))
        alias = jstr(a, "botAliasName");
  }
  if (!name) return NULL;
  ca_buf b;
  ca_buf_init(&b, (size_t)CA_MAX_SNAPSHOT_BYTES);   /* a string is never longer than its snapshot */
  if (!ca_buf_printf(&b, "%s:%s", type, name) && (!alias || !ca_buf_printf(&b, "/%s", alias))) out = ca_buf_steal(&b);
  ca_buf_free(&b);
  free(name);
  return out;
}

static char *norm_str(stage *st, const char *s) {
  char *display = !strncmp(s, "arn:", 4) ? resolve(st, s) : NULL;
  if (!display) return plain(st, s);
  if (!cJSON_GetObjectItemCaseSensitive(st->refs, display)) {
    char *arnform = plain(st, s);
    if (arnform) cJSON_AddStringToObject(st->refs, display, arnform);
    free(arnform);
  }
  return display;
}

/* A deep copy with every string normalised; object members named in skip
 * are left out. */
static cJSON *norm_tree(stage *st, const cJSON *v, const char *const *skip) {
  if (!v) return NULL;
  if (cJSON_IsString(v)) {
    char *s = norm_str(st, v->valuestring);
    cJSON *r = s ? cJSON_CreateString(s) : NULL;
    free(s);
    return r;
  }
  if (!cJSON_IsObject(v) && !cJSON_IsArray(v)) return cJSON_Duplicate(v, 0);
  cJSON *r = cJSON_IsObject(v) ? cJSON_CreateObject() : cJSON_CreateArray();
  for (const cJSON *c = v->child; c && r; c = c->next) {
    int skipped = 0;
    for (int i = 0; skip && c->string && skip[i]; i++) skipped |= !strcmp(skip[i], c->string);
    if (skipped) continue;
    cJSON *x = norm_tree(st, c, NULL);
    if (!x) { cJSON_Delete(r); return NULL; }
    if (cJSON_IsObject(v)) cJSON_AddItemToObject(r, c->string, x);
    else cJSON_AddItemToArray(r, x);
  }
  return r;
}

/* Adds under name, or "name #2" … if a stage holds two items of one name. */
static void add_item(cJSON *obj, const char *name, cJSON *v) {
  char alt[1100];
  snprintf(alt, sizeof alt, "%s", name);
  for (int k = 2; cJSON_GetObjectItemCaseSensitive(obj, alt) && k < 1000; k++) snprintf(alt, sizeof alt, "%s #%d", name, k);
  cJSON_AddItemToObject(obj, alt, v ? v : cJSON_CreateNull());
}

static void add_norm_key(stage *st, cJSON *set, const char *s, int display) {
  char *k = display ? norm_str(st, s) : plain(st, s);
  if (k && !cJSON_GetObjectItemCaseSensitive(set, k)) cJSON_AddTrueToObject(set, k);
  free(k);
}

/* ---- what is compared, as {item name: normalised projection} per area ------ */

static cJSON *instance_items(stage *st) {
  const cJSON *d = st->inst->data;
  cJSON *o = cJSON_CreateObject();
  add_item(o, "Instance", norm_tree(st, cJSON_GetObjectItemCaseSensitive(d, "Instance"), instance_skip));
  cJSON *attrs = cJSON_CreateObject();
  const cJSON *a;
  cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(d, "Attributes"))
    if (jstr(a, "AttributeType")) add_item(attrs, jstr(a, "AttributeType"), norm_tree(st, cJSON_GetObjectItem(a, "Value"), NULL));
  add_item(o, "Attributes", attrs);
  return o;
}

static cJSON *integration_items(stage *st) {
  const cJSON *d = st->inst->data, *x;
  cJSON *o = cJSON_CreateObject(), *lambdas = cJSON_CreateObject(), *bots = cJSON_CreateObject();
  /* a function's ARN carries its name: compared as ARNs (normalised) */
  cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(d, "LambdaFunctions"))
    if (cJSON_IsString(x)) add_norm_key(st, lambdas, x->valuestring, 0);
  cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(d, "LexBots")) {
    const cJSON *v1 = cJSON_GetObjectItemCaseSensitive(x, "LexBot"), *v2 = cJSON_GetObjectItemCaseSensitive(x, "LexV2Bot");
    char key[1200];
    if (jstr(v1, "Name")) {
      snprintf(key, sizeof key, "lex_bot:%s (%s)", jstr(v1, "Name"), jstr(v1, "LexRegion") ? jstr(v1, "LexRegion") : "");
      add_norm_key(st, bots, key, 0);
    } else if (jstr(v2, "AliasArn")) {
      add_norm_key(st, bots, jstr(v2, "AliasArn"), 1);   /* bot and alias IDs differ by stage: by name */
    }
  }
  add_item(o, "LambdaFunctions", lambdas);
  add_item(o, "LexBots", bots);
  return o;
}

/* The settings of the bucket or stream a storage config writes to. */
static cJSON *destination(stage *st, const cJSON *cfg) {
  const char *bucket = jstr(cJSON_GetObjectItemCaseSensitive(cfg, "S3Config"), "BucketName");
  const char *stream = jstr(cJSON_GetObjectItemCaseSensitive(cfg, "KinesisStreamConfig"), "StreamArn");
  char arn[1100];
  const ca_resource *r = NULL;
  static const char *const s3[] = {"ServerSideEncryptionConfiguration", "PublicAccessBlockConfiguration", NULL};
  static const char *const kin[] = {"EncryptionType", "KeyId", NULL};
  const char *const *keys = NULL;
  const cJSON *from = NULL;
  if (bucket) {
    snprintf(arn, sizeof arn, "arn:aws:s3:::%s", bucket);
    if ((r = ca_snapshot_lookup(st->s, "s3_bucket", arn))) keys = s3, from = r->data;
  } else if (stream && (r = ca_snapshot_lookup(st->s, "kinesis_stream", stream))) {
    keys = kin, from = cJSON_GetObjectItemCaseSensitive(r->data, "StreamDescriptionSummary");
  }
  if (!keys) return NULL;
  cJSON *o = cJSON_CreateObject();
  for (int i = 0; keys[i]; i++) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(from, keys[i]);
    if (v) cJSON_AddItemToObject(o, keys[i], norm_tree(st, v, NULL));
  }
  return o;
}

static cJSON *storage_items(stage *st) {
  static const char *const skip[] = {"AssociationId", NULL};
  cJSON *o = cJSON_CreateObject();
  const cJSON *type;
  cJSON_ArrayForEach(type, cJSON_GetObjectItemCaseSensitive(st->inst->data, "StorageConfigs")) {
    cJSON *list = cJSON_CreateArray();
    const cJSON *cfg;
    cJSON_ArrayForEach(cfg, type) {
      cJSON *c = norm_tree(st, cfg, skip);
      cJSON *dest = c ? destination(st, cfg) : NULL;
      if (dest) cJSON_AddItemToObject(c, "Destination", dest);
      if (c) cJSON_AddItemToArray(list, c);
    }
    add_item(o, type->string, list);
  }
  return o;
}

static cJSON *profile_items(stage *st) {
  cJSON *o = cJSON_CreateObject();
  size_t n;
  const ca_resource *r = ca_snapshot_of_type(st->s, "connect_security_profile", &n);
  for (size_t i = 0; i < n; i++) {
    cJSON *p = norm_tree(st, cJSON_GetObjectItemCaseSensitive(r[i].data, "SecurityProfile"), profile_skip);
    if (!p) p = cJSON_CreateObject();
    cJSON *perms = cJSON_AddObjectToObject(p, "Permissions");
    const cJSON *x;
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(r[i].data, "Permissions"))
      if (cJSON_IsString(x)) add_norm_key(st, perms, x->valuestring, 0);
    char *name = plain(st, r[i].name);
    add_item(o, name ? name : r[i].name, p);
    free(name);
  }
  return o;
}

/* Type, state, status and Content, the layout (Metadata) left out and the
 * actions keyed by Identifier, so a difference reads
 * /Content/Actions/to-payment/Parameters/ContactFlowId. */
static cJSON *flow_items(stage *st, const char *type, const char *member) {
  cJSON *o = cJSON_CreateObject();
  size_t n;
  const ca_resource *r = ca_snapshot_of_type(st->s, type, &n);
  for (size_t i = 0; i < n; i++) {
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(r[i].data, member);
    const cJSON *content = cJSON_GetObjectItemCaseSensitive(f, "Content");
    if (!content) content = cJSON_GetObjectItemCaseSensitive(r[i].data, "Content");
    cJSON *p = cJSON_CreateObject();
    static const char *const keep[] = {"Type", "State", "Status", NULL};
    for (int k = 0; keep[k]; k++)
      if (cJSON_GetObjectItemCaseSensitive(f, keep[k]))
        cJSON_AddItemToObject(p, keep[k], norm_tree(st, cJSON_GetObjectItemCaseSensitive(f, keep[k]), NULL));
    static const char *const skip[] = {"Metadata", "Actions", NULL};
    cJSON *c = content ? norm_tree(st, content, skip) : NULL;
    const cJSON *actions = cJSON_GetObjectItemCaseSensitive(content, "Actions"), *a;
    if (c && cJSON_IsArray(actions)) {
      cJSON *byid = cJSON_AddObjectToObject(c, "Actions");
      cJSON_ArrayForEach(a, actions) add_item(byid, jstr(a, "Identifier") ? jstr(a, "Identifier") : "(no Identifier)",
                                              norm_tree(st, a, NULL));
    }
    if (c) cJSON_AddItemToObject(p, "Content", c);
    char *name = plain(st, r[i].name);
    add_item(o, name ? name : r[i].name, p);
    free(name);
  }
  return o;
}

static cJSON *lex_items(stage *st) {
  cJSON *o = cJSON_CreateObject();
  size_t n;
  const ca_resource *r = ca_snapshot_of_type(st->s, "lex_bot", &n);
  char name[1100];
  for (size_t i = 0; i < n; i++) {
    cJSON *p = cJSON_CreateObject();
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(r[i].data, "Bot"), "childDirected");
    if (v) cJSON_AddItemToObject(p, "childDirected", cJSON_Duplicate(v, 0));
    char *pn = plain(st, r[i].name);
    snprintf(name, sizeof name, "%s (Lex V1)", pn ? pn : r[i].name);
    free(pn);
    add_item(o, name, p);
  }
  r = ca_snapshot_of_type(st->s, "lexv2_bot", &n);
  for (size_t i = 0; i < n; i++) {
    cJSON *p = cJSON_CreateObject();
    const cJSON *dp = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(r[i].data, "Bot"), "dataPrivacy");
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(dp, "childDirected");
    if (v) cJSON_AddItemToObject(cJSON_AddObjectToObject(p, "dataPrivacy"), "childDirected", cJSON_Duplicate(v, 0));
    char *pn = plain(st, r[i].name);
    snprintf(name, sizeof name, "%s (Lex V2)", pn ? pn : r[i].name);
    free(pn);
    add_item(o, name, p);
  }
  return o;
}

/* ---- comparison ------------------------------------------------------------ */

typedef struct walker {
  stage *a, *b;
  cJSON *list;
  const char *area, *item;
  ca_buf path;        /* capped at CA_MAX_DRIFT_POINTER_BYTES */
  long n;
  int stop;           /* sticky: 1 a pointer past the cap, -1 out of memory; nothing more is compared */
  char where[65];     /* the start of the item and pointer that did not fit, for the message */
  char what[65];
} walker;

/* Extends w->path by a key (or, key NULL, an index); on failure stops the
 * walk, saying why, so that ca_drift fails instead of quietly comparing less. */
static int push(walker *w, const char *key, long index) {
  if (!(key ? ca_ptr_push(&w->path, key) : ca_ptr_push_index(&w->path, index))) return 0;
  size_t want = w->path.len + (key ? 2 * strlen(key) : 24) + 2;   /* "/" and every byte escaped, at worst */
  w->stop = want >= (size_t)CA_MAX_DRIFT_POINTER_BYTES ? 1 : -1;
  snprintf(w->where, sizeof w->where, "%s", w->path.data ? w->path.data : "");
  snprintf(w->what, sizeof w->what, "%s", w->item);
  return -1;
}

static void emit(walker *w, const cJSON *o, const cJSON *n) {
  cJSON *e = cJSON_CreateObject();
  cJSON_AddStringToObject(e, "area", w->area);
  cJSON_AddStringToObject(e, "item", w->item);
  cJSON_AddStringToObject(e, "path", w->path.data ? w->path.data : "");
  cJSON_AddStringToObject(e, "change", !o ? "only_new" : !n ? "only_old" : "changed");
  if (o) cJSON_AddItemToObject(e, "old", cJSON_Duplicate(o, 1));
  if (n) cJSON_AddItemToObject(e, "new", cJSON_Duplicate(n, 1));
  cJSON_AddItemToArray(w->list, e);
  w->n++;
}

/* Two references are the same when their names match or, if only one stage
 * holds the resource, when their normalised ARNs do. */
static int same_string(const walker *w, const char *x, const char *y) {
  if (!strcmp(x, y)) return 1;
  const char *ax = jstr(w->a->refs, x), *ay = jstr(w->b->refs, y);
  return !strcmp(ax ? ax : x, ay ? ay : y);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

static void walk(walker *w, const cJSON *o, const cJSON *n);

static void walk_objects(walker *w, const cJSON *o, const cJSON *n) {
  size_t k = 0, cap = (size_t)cJSON_GetArraySize(o) + (size_t)cJSON_GetArraySize(n);
  const char **keys = calloc(cap ? cap : 1, sizeof *keys);
  if (!keys) {
    w->stop = -1;
    return;
  }
  for (const cJSON *c = o->child; c; c = c->next) keys[k++] = c->string;
  for (const cJSON *c = n->child; c; c = c->next) keys[k++] = c->string;
  qsort(keys, k, sizeof *keys, cmp_str);
  size_t len = w->path.len;
  for (size_t i = 0; i < k && !w->stop; i++) {
    if (i && !strcmp(keys[i], keys[i - 1])) continue;
    if (push(w, keys[i], 0)) break;
    walk(w, cJSON_GetObjectItemCaseSensitive(o, keys[i]), cJSON_GetObjectItemCaseSensitive(n, keys[i]));
    w->path.len = len;
    if (w->path.data) w->path.data[len] = '\0';
  }
  free(keys);
}

static void walk(walker *w, const cJSON *o, const cJSON *n) {
  if (w->stop) return;
  if (!o || !n) {
    if (o || n) emit(w, o, n);
  } else if (cJSON_IsObject(o) && cJSON_IsObject(n)) {
    walk_objects(w, o, n);
  } else if (cJSON_IsArray(o) && cJSON_IsArray(n)) {
    size_t len = w->path.len;
    const cJSON *x = o->child, *y = n->child;
    for (long i = 0; (x || y) && !w->stop; i++, x = x ? x->next : NULL, y = y ? y->next : NULL) {
      if (push(w, NULL, i)) break;
      walk(w, x, y);
      w->path.len = len;
      if (w->path.data) w->path.data[len] = '\0';
    }
  } else if (cJSON_IsString(o) && cJSON_IsString(n)) {
    if (!same_string(w, o->valuestring, n->valuestring)) emit(w, o, n);
  } else if (!cJSON_Compare(o, n, 1)) {
    emit(w, o, n);
  }
}

static void compare_area(walker *w, const char *area, cJSON *(*items)(stage *)) {
  cJSON *o = items(w->a), *n = items(w->b);
  w->area = area;
  size_t k = 0, cap = (size_t)cJSON_GetArraySize(o) + (size_t)cJSON_GetArraySize(n);
  const char **names = calloc(cap ? cap : 1, sizeof *names);
  if (!names) w->stop = -1;
  if (names && !w->stop) {
    for (const cJSON *c = o->child; c; c = c->next) names[k++] = c->string;
    for (const cJSON *c = n->child; c; c = c->next) names[k++] = c->string;
    qsort(names, k, sizeof *names, cmp_str);
    for (size_t i = 0; i < k && !w->stop; i++) {
      if (i && !strcmp(names[i], names[i - 1])) continue;
      w->item = names[i];
      ca_buf_free(&w->path);
      walk(w, cJSON_GetObjectItemCaseSensitive(o, names[i]), cJSON_GetObjectItemCaseSensitive(n, names[i]));
    }
  }
  free(names);
  cJSON_Delete(o);
  cJSON_Delete(n);
}

static cJSON *flows(stage *st) { return flow_items(st, "connect_contact_flow", "ContactFlow"); }
static cJSON *modules(stage *st) { return flow_items(st, "connect_contact_flow_module", "ContactFlowModule"); }

static int open_stage(stage *st, const ca_snapshot *s, const char *label, ca_err *err) {
  size_t n;
  const ca_resource *inst = ca_snapshot_of_type(s, "connect_instance", &n);
  if (n != 1)
    return ca_errf(err, CA_EXIT_USAGE, "%s: /resources/connect_instance: stage drift compares one instance per "
                   "snapshot; this one holds %zu", label, n);
  const cJSON *root = ca_snapshot_root(s), *in = cJSON_GetObjectItemCaseSensitive(inst->data, "Instance");
  *st = (stage){s, label, inst, jstr(in, "InstanceAlias") ? jstr(in, "InstanceAlias") : inst->name, jstr(in, "Id"),
                jstr(root, "account_id"), cJSON_CreateObject()};
  if (!st->id) {   /* the ID is the ARN's last segment */
    const char *slash = strrchr(inst->arn, '/');
    st->id = slash ? slash + 1 : NULL;
  }
  return st->refs ? 0 : ca_errf(err, CA_EXIT_RUN, "out of memory");
}

static cJSON *side(const stage *st) {
  cJSON *h = cJSON_CreateObject();
  cJSON_AddStringToObject(h, "file", st->label);
  cJSON_AddStringToObject(h, "account_id", st->account ? st->account : "");
  cJSON_AddStringToObject(h, "instance", st->alias);
  cJSON_AddStringToObject(h, "instance_arn", st->inst->arn);
  return h;
}

int ca_drift(const ca_snapshot *os, const char *olabel, const ca_snapshot *ns, const char *nlabel, cJSON **out,
             long *ndiff, ca_err *err) {
  stage a = {0}, b = {0};
  walker w = {&a, &b, NULL, "", "", {0}, 0, 0, "", ""};
  int rc = -1;
  *out = NULL;
  if (open_stage(&a, os, olabel, err) || open_stage(&b, ns, nlabel, err)) goto done;
  static const struct { const char *area; cJSON *(*items)(stage *); } areas[] = {
    {"instance", instance_items}, {"storage", storage_items}, {"integrations", integration_items},
    {"security_profile", profile_items}, {"contact_flow", flows}, {"contact_flow_module", modules},
    {"lex_bot", lex_items}};
  w.list = cJSON_CreateArray();
  ca_buf_init(&w.path, (size_t)CA_MAX_DRIFT_POINTER_BYTES);
  cJSON *by_area = cJSON_CreateObject();
  for (size_t i = 0; i < sizeof areas / sizeof areas[0] && !w.stop; i++) {
    long before = w.n;
    compare_area(&w, areas[i].area, areas[i].items);
    cJSON_AddNumberToObject(by_area, areas[i].area, (double)(w.n - before));
  }
  if (w.stop) {   /* a partial comparison would read as "no more differences" */
    cJSON_Delete(by_area);
    if (w.stop < 0) ca_errf(err, CA_EXIT_RUN, "out of memory comparing the stages");
    else ca_errf(err, CA_EXIT_USAGE, "%s, %s: %s %s: a JSON pointer under \"%s\" is longer than %ld bytes; stage "
                 "drift cannot compare it", olabel, nlabel, w.area, w.what, w.where,
                 (long)CA_MAX_DRIFT_POINTER_BYTES);
    goto done;
  }
  cJSON *doc = cJSON_CreateObject();
  cJSON_AddStringToObject(doc, "schema", CA_DIFF_SCHEMA);
  cJSON_AddStringToObject(doc, "mode", "stage");
  cJSON_AddItemToObject(doc, "old", side(&a));
  cJSON_AddItemToObject(doc, "new", side(&b));
  cJSON_AddStringToObject(doc, "not_compared", not_compared);
  cJSON *sum = cJSON_AddObjectToObject(doc, "summary");
  cJSON_AddNumberToObject(sum, "differences", (double)w.n);
  cJSON_AddItemToObject(sum, "by_area", by_area);
  cJSON_AddItemToObject(doc, "differences", w.list);
  w.list = NULL;
  *out = doc;
  *ndiff = w.n;
  rc = 0;
done:
  ca_buf_free(&w.path);
  cJSON_Delete(w.list);
  cJSON_Delete(a.refs);
  cJSON_Delete(b.refs);
  return rc;
}
