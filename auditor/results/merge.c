#include "results/merge.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ca_limits.h"
#include "results/accept.h"
#include "results/load.h"
#include "results/results.h"
#include "util/fsutil.h"
#include "util/jsonfile.h"
#include "util/jsontree.h"
#include "util/sha256.h"

/* One results document given to merge. */
typedef struct input {
  char *path;            /* as given: for messages only, never in the estate */
  cJSON *doc;            /* checked, digest detached */
  char sha256[65];       /* of the file's bytes */
  char digest[65];       /* the digest it records (equal to the bytes' before its line) */
  char *id;              /* account/region/instance-id[ + ...]: from its content */
  char **keys;           /* what it covers: instance ARNs, or "snapshot:<sha256>" */
  size_t nkeys;
  int state;             /* K_KEPT, K_SAME (a byte-identical copy), K_SUPERSEDED */
  size_t by;             /* K_SUPERSEDED: the input that replaced it */
} input;
enum { K_KEPT, K_SAME, K_SUPERSEDED };

struct ca_merge {
  input *in;
  size_t n, cap;
  cJSON *unreached;      /* [{account_id, region, instance, error}] from scan summaries */
  cJSON *expected;       /* the same, of units the summaries say were audited */
  size_t nsummaries;
  char **summary_at;     /* their generated_at, if they have one */
  input **kept;          /* after build: kept inputs in estate order */
  size_t nkept;
  char **warnings;       /* after build: what the estate chose between (ca_merge_warning) */
  size_t nwarnings;
};

static const char *jstr(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}
static const char *jstr0(const cJSON *o, const char *k) {
  const char *s = jstr(o, k);
  return s ? s : "";
}

ca_merge *ca_merge_new(void) {
  ca_merge *m = calloc(1, sizeof *m);
  if (m && (!(m->unreached = cJSON_CreateArray()) || !(m->expected = cJSON_CreateArray()))) {
    cJSON_Delete(m->unreached);
    free(m);
    m = NULL;
  }
  return m;
}

void ca_merge_free(ca_merge *m) {
  if (!m) return;
  for (size_t i = 0; i < m->n; i++) {
    free(m->in[i].path);
    cJSON_Delete(m->in[i].doc);
    free(m->in[i].id);
    for (size_t k = 0; k < m->in[i].nkeys; k++) free(m->in[i].keys[k]);
    free(m->in[i].keys);
  }
  for (size_t i = 0; i < m->nsummaries; i++) free(m->summary_at[i]);
  free(m->summary_at);
  for (size_t i = 0; i < m->nwarnings; i++) free(m->warnings[i]);
  free(m->warnings);
  free(m->in);
  free(m->kept);
  cJSON_Delete(m->unreached);
  cJSON_Delete(m->expected);
  free(m);
}

size_t ca_merge_count(const ca_merge *m, size_t *summaries) {
  if (summaries) *summaries = m->nsummaries;
  return m->n;
}

const cJSON *ca_merge_kept(const ca_merge *m, size_t i) { return i < m->nkept ? m->kept[i]->doc : NULL; }

const char *ca_merge_warning(const ca_merge *m, size_t i) { return i < m->nwarnings ? m->warnings[i] : NULL; }

int ca_is_estate(const cJSON *doc) {
  const char *s = jstr(doc, "schema");
  return s && !strcmp(s, CA_ESTATE_SCHEMA);
}

/* ---- identity ---------------------------------------------------------- */

static int cmp_strp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* "arn:PART:connect:REGION:ACCOUNT:instance/ID" when arn is an Amazon
 * Connect instance's ARN or one of its resources' (…:instance/ID/queue/…). */
static int instance_arn(const char *arn, char *out, size_t n) {
  if (strncmp(arn, "arn:", 4)) return 0;
  const char *p = arn + 4;
  for (int field = 1; field < 5; field++) {   /* partition, service, region, account */
    const char *c = strchr(p, ':');
    if (!c) return 0;
    if (field == 2 && (c - p != 7 || strncmp(p, "connect", 7))) return 0;
    p = c + 1;
  }
  if (strncmp(p, "instance/", 9) || !p[9] || p[9] == '/') return 0;
  size_t len = (size_t)(p + 9 - arn) + strcspn(p + 9, "/");
  if (len >= n) return 0;
  memcpy(out, arn, len);
  out[len] = 0;
  return 1;
}

static int add_key(input *in, const char *key) {
  for (size_t k = 0; k < in->nkeys; k++)
    if (!strcmp(in->keys[k], key)) return 0;
  char **v = realloc(in->keys, (in->nkeys + 1) * sizeof *v);
  if (!v) return -1;
  in->keys = v;
  if (!(v[in->nkeys] = strdup(key))) return -1;
  in->nkeys++;
  return 0;
}

/* The instances its findings name (resources in its snapshot only: a flow
 * may name another account's), or its snapshot when they name none; the id
 * is "ACCOUNT/REGION/INSTANCE-ID" for each, joined by " + ". */
static int identify(input *in) {
  const cJSON *snap = cJSON_GetObjectItemCaseSensitive(in->doc, "snapshot"), *f;
  char arn[CA_MAX_ARN_BYTES + 1];
  cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(in->doc, "findings")) {
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(f, "resource");
    if (cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(r, "in_snapshot"))) continue;
    if (instance_arn(jstr0(r, "arn"), arn, sizeof arn) && add_key(in, arn)) return -1;
  }
  ca_buf id;
  ca_buf_init(&id, 1L << 20);
  int rc = 0;
  if (!in->nkeys) {
    char key[80];
    snprintf(key, sizeof key, "snapshot:%s", jstr0(snap, "sha256"));
    rc = add_key(in, key) || ca_buf_printf(&id, "%s/snapshot/%.16s", jstr0(snap, "account_id"), jstr0(snap, "sha256"));
  } else {
    qsort(in->keys, in->nkeys, sizeof *in->keys, cmp_strp);
    for (size_t k = 0; k < in->nkeys && !rc; k++) {
      /* arn:PART:connect:REGION:ACCOUNT:instance/ID */
      const char *a = in->keys[k], *f3 = strchr(strchr(a + 4, ':') + 1, ':') + 1, *f4 = strchr(f3, ':') + 1,
                 *f5 = strchr(f4, ':') + 1;
      rc = ca_buf_printf(&id, "%s%.*s/%.*s/%s", k ? " + " : "", (int)(f5 - f4 - 1), f4, (int)(f4 - f3 - 1), f3,
                         f5 + strlen("instance/"));
    }
  }
  if (!rc) rc = ca_buf_add(&id, "", 1);
  if (rc) {
    ca_buf_free(&id);
    return -1;
  }
  in->id = ca_buf_steal(&id);
  return 0;
}

/* ---- gathering ---------------------------------------------------------- */

int ca_merge_add_results(ca_merge *m, const char *path, ca_err *err) {
  if (m->n >= CA_MAX_MERGE_INPUTS)
    return ca_errf(err, CA_EXIT_USAGE, "%s: more than %d results documents to merge", path, CA_MAX_MERGE_INPUTS);
  if (m->n == m->cap) {
    size_t cap = m->cap ? m->cap * 2 : 16;
    input *v = realloc(m->in, cap * sizeof *v);
    if (!v) return ca_errf(err, CA_EXIT_RUN, "out of memory reading %s", path);
    m->in = v;
    m->cap = cap;
  }
  input *in = &m->in[m->n];
  memset(in, 0, sizeof *in);
  char *bytes = NULL;
  size_t len = 0;
  ca_results_digest d;
  /* d given: a digest that does not match is reported here, naming the file */
  if (ca_results_load(path, &in->doc, &d, &bytes, &len, err)) return -1;
  if (!d.ok) {
    free(bytes);
    cJSON_Delete(in->doc);
    return ca_errf(err, CA_EXIT_USAGE,
                   "%s: /digest: sha256:%s, but the bytes before it hash to sha256:%s: the file was changed after "
                   "it was written; it is not merged", path, d.recorded, d.actual);
  }
  ca_sha256_hex(bytes, len, in->sha256);
  free(bytes);
  memcpy(in->digest, d.recorded, sizeof in->digest);
  m->n++;   /* from here ca_merge_free frees it */
  if (!(in->path = strdup(path)) || identify(in)) return ca_errf(err, CA_EXIT_RUN, "out of memory reading %s", path);
  return 0;
}

static int bad_summary(const char *path, const char *ptr, const char *what, ca_err *err) {
  return ca_errf(err, CA_EXIT_USAGE, "%s: %s: expected %s", path, ptr, what);
}

int ca_merge_add_summary(ca_merge *m, const char *path, ca_err *err) {
  cJSON *doc = NULL;
  if (ca_json_load(path, CA_MAX_RESULTS_BYTES, &doc, err)) return -1;
  const char *schema = jstr(doc, "schema");
  int rc = -1;
  if (!cJSON_IsObject(doc) || !schema || strncmp(schema, CA_SCAN_SUMMARY_SCHEMA_PREFIX, strlen(CA_SCAN_SUMMARY_SCHEMA_PREFIX))) {
    bad_summary(path, "/schema", "\"" CA_SCAN_SUMMARY_SCHEMA_PREFIX "v1\" (a scan summary)", err);
    goto done;
  }
  char **at = realloc(m->summary_at, (m->nsummaries + 1) * sizeof *at);
  if (!at) goto oom;
  m->summary_at = at;
  at[m->nsummaries] = jstr(doc, "generated_at") ? strdup(jstr(doc, "generated_at")) : NULL;
  m->nsummaries++;
  /* every array of entries in it: an entry is one unit (account, region,
   * instance) or one account, and "status": "error" says it was not
   * audited -- the estate shows each, never drops one */
  for (const cJSON *list = doc->child; list; list = list->next) {
    if (!cJSON_IsArray(list)) continue;
    int i = 0;
    for (const cJSON *e = list->child; e; e = e->next, i++) {
      char ptr[96];
      snprintf(ptr, sizeof ptr, "/%.40s/%d", list->string, i);
      if (!cJSON_IsObject(e)) continue;
      const char *st = jstr(e, "status") ? jstr(e, "status") : jstr(e, "outcome");
      int ok = st && !strcmp(st, "ok");
      if (!st || (strcmp(st, "error") && !ok)) continue;
      const char *acct = jstr(e, "account_id") ? jstr(e, "account_id") : jstr(e, "account");
      const char *inst = jstr(e, "instance") ? jstr(e, "instance") : jstr(e, "instance_id");
      if (ok && (!acct || !inst || !*inst)) continue;   /* an account or region that was entered: its units follow */
      if (!acct) {
        bad_summary(path, ptr, "an account_id in an entry whose status is error", err);
        goto done;
      }
      const char *why = jstr(e, "error") ? jstr(e, "error") : jstr(e, "why") ? jstr(e, "why") : jstr(e, "message");
      const cJSON *eo = cJSON_GetObjectItemCaseSensitive(e, "error");
      if (!why && cJSON_IsObject(eo)) why = jstr(eo, "message") ? jstr(eo, "message") : jstr(eo, "code");
      cJSON *u = cJSON_CreateObject();
      if (!u) goto oom;
      /* an audited unit is expected among the inputs: build() reports it
       * unreached when its results.json was not given (a shard's folder left out) */
      cJSON_AddItemToArray(ok ? m->expected : m->unreached, u);
      cJSON_AddStringToObject(u, "account_id", acct);
      cJSON_AddStringToObject(u, "region", jstr0(e, "region"));
      cJSON_AddStringToObject(u, "instance", inst ? inst : "");
      char reason[2048];
      const char *stage = jstr(e, "stage");
      snprintf(reason, sizeof reason, "%s%s%s", stage && *stage ? stage : "", stage && *stage ? ": " : "",
               why ? why : "(the scan summary gives no reason)");
      cJSON_AddStringToObject(u, "error", reason);
    }
  }
  rc = 0;
  goto done;
oom:
  ca_errf(err, CA_EXIT_RUN, "out of memory reading %s", path);
done:
  cJSON_Delete(doc);
  return rc;
}

/* What a file is, by its name: scan-summary.json is a scan summary, any
 * other file a results document (each loader says what it expected). */
static int add_file(ca_merge *m, const char *path, ca_err *err) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  return !strcmp(base, "scan-summary.json") ? ca_merge_add_summary(m, path, err) : ca_merge_add_results(m, path, err);
}

static int add_dir(ca_merge *m, const char *dir, int depth, ca_err *err) {
  char **names = NULL;
  size_t n = 0;
  if (depth > CA_MAX_MERGE_DEPTH)
    return ca_errf(err, CA_EXIT_USAGE, "%s: folders nested deeper than %d", dir, CA_MAX_MERGE_DEPTH);
  if (ca_list_dir(dir, &names, &n, err)) return -1;   /* sorted bytewise */
  int rc = 0;
  for (size_t i = 0; i < n && !rc; i++) {
    char p[PATH_MAX];
    if ((size_t)snprintf(p, sizeof p, "%s/%s", dir, names[i]) >= sizeof p) {
      rc = ca_errf(err, CA_EXIT_USAGE, "%s/%s: path too long", dir, names[i]);
      break;
    }
    struct stat st;
    if (lstat(p, &st)) continue;
    if (S_ISDIR(st.st_mode)) rc = add_dir(m, p, depth + 1, err);
    else if (!strcmp(names[i], "results.json")) rc = ca_merge_add_results(m, p, err);
    else if (!strcmp(names[i], "scan-summary.json")) rc = ca_merge_add_summary(m, p, err);
  }
  ca_free_list(names);
  return rc;
}

int ca_merge_add_path(ca_merge *m, const char *path, ca_err *err) {
  if (ca_is_dir(path)) {
    size_t before = m->n, sums = m->nsummaries;
    if (add_dir(m, path, 0, err)) return -1;
    if (m->n == before && m->nsummaries == sums)
      return ca_errf(err, CA_EXIT_USAGE, "%s: no results.json and no scan-summary.json in this folder or below", path);
    return 0;
  }
  return add_file(m, path, err);
}

/* ---- building ----------------------------------------------------------- */

static long long time_of(const char *s) {
  long long t = 0;
  return s && !ca_time_parse(s, 0, &t) ? t : 0;
}

static const cJSON *snap_of(const input *in) { return cJSON_GetObjectItemCaseSensitive(in->doc, "snapshot"); }

/* Estate order: identity, then the scan's times, then the file's hash. */
static int cmp_order(const void *a, const void *b) {
  const input *x = *(input *const *)a, *y = *(input *const *)b;
  int c = strcmp(jstr0(snap_of(x), "account_id"), jstr0(snap_of(y), "account_id"));
  if (c) return c;
  if ((c = strcmp(x->id, y->id))) return c;
  long long tx = time_of(jstr(snap_of(x), "collected_at")), ty = time_of(jstr(snap_of(y), "collected_at"));
  if (tx != ty) return tx < ty ? -1 : 1;
  tx = time_of(jstr(x->doc, "generated_at"));
  ty = time_of(jstr(y->doc, "generated_at"));
  if (tx != ty) return tx < ty ? -1 : 1;
  return strcmp(x->sha256, y->sha256);
}

/* Newest first, for --latest. */
static int cmp_newest(const void *a, const void *b) {
  const input *x = *(input *const *)a, *y = *(input *const *)b;
  long long tx = time_of(jstr(snap_of(x), "collected_at")), ty = time_of(jstr(snap_of(y), "collected_at"));
  if (tx != ty) return tx > ty ? -1 : 1;
  tx = time_of(jstr(x->doc, "generated_at"));
  ty = time_of(jstr(y->doc, "generated_at"));
  if (tx != ty) return tx > ty ? -1 : 1;
  return strcmp(x->sha256, y->sha256);
}

static int cmp_sha(const void *a, const void *b) {
  const input *x = *(input *const *)a, *y = *(input *const *)b;
  int c = strcmp(x->sha256, y->sha256);
  return c ? c : strcmp(x->path, y->path);
}

static size_t shared_keys(const input *a, const input *b, const char **one) {
  size_t n = 0;
  for (size_t i = 0; i < a->nkeys; i++)
    for (size_t k = 0; k < b->nkeys; k++)
      if (!strcmp(a->keys[i], b->keys[k])) {
        if (!n) *one = a->keys[i];
        n++;
      }
  return n;
}

/* Which inputs the estate keeps: one copy of byte-identical files; two
 * different scans of one instance refused, or (--latest) the newer kept. */
static int choose(ca_merge *m, const ca_merge_opts *o, input **v, ca_err *err) {
  size_t n = m->n;
  for (size_t i = 0; i < n; i++) v[i] = &m->in[i];
  qsort(v, n, sizeof *v, cmp_sha);
  for (size_t i = 1; i < n; i++)
    if (!strcmp(v[i]->sha256, v[i - 1]->sha256)) v[i]->state = K_SAME;
  qsort(v, n, sizeof *v, o && o->latest ? cmp_newest : cmp_order);
  for (size_t i = 0; i < n; i++) {
    if (v[i]->state == K_SAME) continue;
    size_t covered = 0, by = 0;
    const char *one = NULL;
    for (size_t k = 0; k < i; k++) {
      if (v[k]->state != K_KEPT) continue;
      const char *key = NULL;
      size_t s = shared_keys(v[i], v[k], &key);
      if (!s) continue;
      if (!o || !o->latest)
        return ca_errf(err, CA_EXIT_USAGE,
                       "%s and %s both cover %s (different results: collected at %s and %s): merge one scan per "
                       "instance, or give --latest to keep the newest", v[k]->path, v[i]->path, key,
                       jstr0(snap_of(v[k]), "collected_at"), jstr0(snap_of(v[i]), "collected_at"));
      if (!covered) by = (size_t)(v[k] - m->in), one = key;
      covered += s;
    }
    if (!covered) continue;
    if (covered < v[i]->nkeys)
      return ca_errf(err, CA_EXIT_USAGE,
                     "%s covers %s, which the newer %s covers too, and other instances it does not: --latest "
                     "cannot keep part of one results document", v[i]->path, one, m->in[by].path);
    v[i]->state = K_SUPERSEDED;
    v[i]->by = by;
  }
  qsort(v, n, sizeof *v, cmp_order);
  return 0;
}

static cJSON *counts_of(const cJSON *summary) {
  cJSON *s = cJSON_CreateObject();
  cJSON_AddItemToObject(s, "findings", cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(summary, "findings"), 1));
  cJSON_AddItemToObject(s, "by_status", cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(summary, "by_status"), 1));
  return s;
}

static cJSON *input_entry(const input *in) {
  const cJSON *snap = snap_of(in), *p;
  cJSON *e = cJSON_CreateObject();
  cJSON_AddStringToObject(e, "id", in->id);
  cJSON_AddStringToObject(e, "account_id", jstr0(snap, "account_id"));
  cJSON_AddItemToObject(e, "regions", cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(snap, "regions"), 1));
  cJSON *insts = cJSON_AddArrayToObject(e, "instances");
  for (size_t k = 0; k < in->nkeys; k++)
    if (strncmp(in->keys[k], "snapshot:", 9)) cJSON_AddItemToArray(insts, cJSON_CreateString(in->keys[k]));
  cJSON_AddStringToObject(e, "sha256", in->sha256);
  char d[80];
  snprintf(d, sizeof d, "%s%s", CA_RESULTS_DIGEST_PREFIX, in->digest);
  cJSON_AddStringToObject(e, "digest", d);
  cJSON *s = cJSON_AddObjectToObject(e, "snapshot");
  cJSON_AddStringToObject(s, "sha256", jstr0(snap, "sha256"));
  cJSON_AddStringToObject(s, "collected_at", jstr0(snap, "collected_at"));
  if (jstr(snap, "file")) cJSON_AddStringToObject(s, "file", jstr(snap, "file"));
  cJSON_AddItemToObject(s, "errors", cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(snap, "errors"), 1));
  cJSON_AddStringToObject(e, "tool_version", jstr0(cJSON_GetObjectItemCaseSensitive(in->doc, "tool"), "version"));
  cJSON_AddStringToObject(e, "generated_at", jstr0(in->doc, "generated_at"));
  cJSON *packs = cJSON_AddArrayToObject(e, "packs");
  cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(in->doc, "packs")) {
    cJSON *x = cJSON_CreateObject();
    cJSON_AddStringToObject(x, "name", jstr0(p, "name"));
    cJSON_AddStringToObject(x, "version", jstr0(p, "version"));
    cJSON_AddStringToObject(x, "sha256", jstr0(p, "sha256"));
    cJSON_AddItemToArray(packs, x);
  }
  const cJSON *wv = cJSON_GetObjectItemCaseSensitive(in->doc, "waivers"),
              *at = cJSON_GetObjectItemCaseSensitive(in->doc, "attestations");
  if (cJSON_IsObject(wv)) cJSON_AddStringToObject(e, "waivers_sha256", jstr0(wv, "sha256"));
  if (cJSON_IsObject(at)) cJSON_AddStringToObject(e, "attestations_sha256", jstr0(at, "sha256"));
  cJSON_AddItemToObject(e, "summary", counts_of(cJSON_GetObjectItemCaseSensitive(in->doc, "summary")));
  return e;
}

static int cmp_pack(const cJSON *a, const cJSON *b) {
  static const char *const k[] = {"name", "version", "framework", "sha256"};
  for (size_t i = 0; i < 4; i++) {
    int c = strcmp(jstr0(a, k[i]), jstr0(b, k[i]));
    if (c) return c;
  }
  return 0;
}

typedef struct pack_at {
  const cJSON *p;
  size_t ord;   /* its place in estate order: ties keep the first input's */
} pack_at;

static int cmp_pack_at(const void *a, const void *b) {
  const pack_at *x = a, *y = b;
  int c = cmp_pack(x->p, y->p);
  return c ? c : x->ord < y->ord ? -1 : x->ord > y->ord;
}

/* Distinct packs (name, version, framework, sha256), sorted, each with how
 * many inputs ran it and the first input's parameters (each input's
 * results.json has its own); *mixed when one name has more than one SHA-256. */
static cJSON *estate_packs(input **kept, size_t n, int *mixed) {
  size_t total = 0, k = 0;
  for (size_t i = 0; i < n; i++) total += (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(kept[i]->doc, "packs"));
  pack_at *v = calloc(total ? total : 1, sizeof *v);
  cJSON *out = cJSON_CreateArray();
  if (!v || !out) {
    free(v);
    cJSON_Delete(out);
    return NULL;
  }
  for (size_t i = 0; i < n; i++) {
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(kept[i]->doc, "packs")) v[k] = (pack_at){p, k}, k++;
  }
  qsort(v, k, sizeof *v, cmp_pack_at);
  for (size_t i = 0; i < k;) {
    size_t j = i + 1;
    while (j < k && !cmp_pack(v[i].p, v[j].p)) j++;
    cJSON *x = cJSON_CreateObject();
    static const char *const f[] = {"name", "version", "framework", "sha256"};
    for (size_t q = 0; q < 4; q++) cJSON_AddStringToObject(x, f[q], jstr0(v[i].p, f[q]));
    cJSON_AddItemToObject(x, "parameters", cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(v[i].p, "parameters"), 1));
    cJSON_AddNumberToObject(x, "inputs", (double)(j - i));
    cJSON_AddItemToArray(out, x);
    if (i && !strcmp(jstr0(v[i - 1].p, "name"), jstr0(v[i].p, "name"))) *mixed = 1;
    i = j;
  }
  free(v);
  return out;
}

/* One catalogue of one input: what the estate's frameworks[] choose from. */
typedef struct catalogue_at {
  const cJSON *c;
  const input *in;
} catalogue_at;

static int cmp_catalogue(const void *a, const void *b) {
  return ca_framework_cmp(jstr0(((const catalogue_at *)a)->c, "name"), jstr0(((const catalogue_at *)b)->c, "name"));
}

static int add_warning(ca_merge *m, const char *text) {
  char **w = realloc(m->warnings, (m->nwarnings + 1) * sizeof *w);
  if (!w) return -1;
  m->warnings = w;
  if (!(w[m->nwarnings] = strdup(text))) return -1;
  m->nwarnings++;
  return 0;
}

/* The estate's frameworks[]: each catalogue the inputs were judged against,
 * once per framework -- the first input's, in estate order (so the choice
 * depends on what the inputs hold, never on the order they were given in) --
 * in the order reports list them; NULL when no input carries one (results.json
 * from before catalogues: the estate's summary is then made as it was).
 * With differ (the whole estate's call): every other catalogue of a framework
 * (another sha256) is an entry {framework, kept {sha256, input}, other
 * {sha256, input}} (the first input carrying it) and a warning naming both
 * files; -1 in *oom when out of memory. */
static cJSON *estate_frameworks(ca_merge *m, input *const *kept, size_t n, cJSON *differ, int *oom) {
  size_t total = 0, k = 0;
  for (size_t i = 0; i < n; i++) total += (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(kept[i]->doc, "frameworks"));
  if (!total) return NULL;
  catalogue_at *v = calloc(total, sizeof *v);
  cJSON *out = cJSON_CreateArray();
  if (!v || !out) {
    free(v);
    cJSON_Delete(out);
    *oom = 1;
    return NULL;
  }
  for (size_t i = 0; i < n; i++) {
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(kept[i]->doc, "frameworks")) {
      size_t j = 0;
      while (j < k && strcmp(jstr0(v[j].c, "name"), jstr0(c, "name"))) j++;
      if (j == k) {
        v[k++] = (catalogue_at){c, kept[i]};
        continue;
      }
      if (!differ || !strcmp(jstr0(v[j].c, "sha256"), jstr0(c, "sha256"))) continue;
      int seen = 0;   /* this other catalogue once, with the first input that has it */
      const cJSON *d;
      cJSON_ArrayForEach(d, differ)
        seen |= !strcmp(jstr0(d, "framework"), jstr0(c, "name")) &&
                !strcmp(jstr0(cJSON_GetObjectItemCaseSensitive(d, "other"), "sha256"), jstr0(c, "sha256"));
      if (seen) continue;
      cJSON *d2 = cJSON_CreateObject(), *a = cJSON_CreateObject(), *b = cJSON_CreateObject();
      cJSON_AddItemToArray(differ, d2);
      cJSON_AddStringToObject(d2, "framework", jstr0(c, "name"));
      cJSON_AddItemToObject(d2, "kept", a);
      cJSON_AddStringToObject(a, "sha256", jstr0(v[j].c, "sha256"));
      cJSON_AddStringToObject(a, "input", v[j].in->id);
      cJSON_AddItemToObject(d2, "other", b);
      cJSON_AddStringToObject(b, "sha256", jstr0(c, "sha256"));
      cJSON_AddStringToObject(b, "input", kept[i]->id);
      char w[3 * PATH_MAX];
      snprintf(w, sizeof w,
               "framework %s: %s was judged against another catalogue (%s, sha256 %.16s...) than %s (%s, sha256 "
               "%.16s...); the estate's control matrix uses %s's, the first input in estate order (estate.json's "
               "estate.differing_catalogues)",
               jstr0(c, "name"), kept[i]->path, jstr0(c, "file"), jstr0(c, "sha256"), v[j].in->path,
               jstr0(v[j].c, "file"), jstr0(v[j].c, "sha256"), v[j].in->path);
      if (add_warning(m, w)) *oom = 1;
    }
  }
  qsort(v, k, sizeof *v, cmp_catalogue);
  for (size_t i = 0; i < k; i++) cJSON_AddItemToArray(out, cJSON_Duplicate(v[i].c, 1));
  free(v);
  return out;
}

/* A summary's killed_rules from the inputs' own (the estate's rules[] keep
 * each rule once, from one input): [{rule_id, why, input}]. */
static void set_killed(cJSON *summary, input *const *kept, size_t from, size_t to) {
  cJSON *k = cJSON_CreateArray();
  for (size_t i = from; i < to; i++) {
    const cJSON *x;
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(kept[i]->doc, "summary"),
                                                          "killed_rules")) {
      cJSON *y = cJSON_Duplicate(x, 1);
      cJSON_DeleteItemFromObjectCaseSensitive(y, "input");
      cJSON_AddStringToObject(y, "input", kept[i]->id);
      cJSON_AddItemToArray(k, y);
    }
  }
  if (cJSON_GetObjectItemCaseSensitive(summary, "killed_rules")) cJSON_ReplaceItemInObjectCaseSensitive(summary, "killed_rules", k);
  else cJSON_AddItemToObject(summary, "killed_rules", k);
}

/* Units a scan summary lists as audited whose results are not among the
 * kept inputs (matched by account and instance: the ID, or an alias's
 * instance named by the ARN's last part) are unreached too: a shard's
 * folder left out of the merge must not vanish from the estate. */
static void missing_units(ca_merge *m) {
  cJSON *x = m->expected->child;
  while (x) {
    cJSON *next = x->next;
    const char *acct = jstr0(x, "account_id"), *inst = jstr0(x, "instance"), *region = jstr0(x, "region");
    int found = 0;
    for (size_t i = 0; i < m->nkept && !found; i++) {
      const input *in = m->kept[i];
      if (strcmp(jstr0(snap_of(in), "account_id"), acct)) continue;
      for (size_t k = 0; k < in->nkeys && !found; k++) {
        const char *id = strrchr(in->keys[k], '/');
        char want[512];
        snprintf(want, sizeof want, ":%s:%s:instance/", region, acct);
        found = id && !strcmp(id + 1, inst) && (!*region || strstr(in->keys[k], want));
      }
    }
    if (!found) {
      cJSON *u = cJSON_DetachItemViaPointer(m->expected, x);
      cJSON_ReplaceItemInObjectCaseSensitive(u, "error", cJSON_CreateString(
        "the scan summary lists this unit as audited, but its results.json is not among the merged inputs"));
      cJSON_AddItemToArray(m->unreached, u);
    }
    x = next;
  }
}

static int cmp_unreached(const void *a, const void *b) {
  const cJSON *x = *(cJSON *const *)a, *y = *(cJSON *const *)b;
  static const char *const k[] = {"account_id", "region", "instance", "error"};
  for (size_t i = 0; i < 4; i++) {
    int c = strcmp(jstr0(x, k[i]), jstr0(y, k[i]));
    if (c) return c;
  }
  return 0;
}

/* The summaries' error entries, sorted, each once (shards of one scan
 * each report their own units; the same entry twice is one unit). */
static cJSON *estate_unreached(ca_merge *m) {
  int n = cJSON_GetArraySize(m->unreached);
  cJSON **v = calloc((size_t)(n ? n : 1), sizeof *v);
  cJSON *out = cJSON_CreateArray();
  if (!v || !out) {
    free(v);
    cJSON_Delete(out);
    return NULL;
  }
  int i = 0;
  for (cJSON *e = m->unreached->child; e; e = e->next) v[i++] = e;
  qsort(v, (size_t)n, sizeof *v, cmp_unreached);
  for (i = 0; i < n; i++)
    if (!i || cmp_unreached(&v[i], &v[i - 1])) cJSON_AddItemToArray(out, cJSON_Duplicate(v[i], 1));
  free(v);
  return out;
}

int ca_merge_build(ca_merge *m, const ca_merge_opts *o, cJSON **estate, ca_err *err) {
  *estate = NULL;
  input **v = calloc(m->n ? m->n : 1, sizeof *v);
  if (!v) return ca_errf(err, CA_EXIT_RUN, "out of memory merging");
  if (choose(m, o, v, err)) {
    free(v);
    return -1;
  }
  free(m->kept);
  m->kept = calloc(m->n ? m->n : 1, sizeof *m->kept);
  if (!m->kept) {
    free(v);
    return ca_errf(err, CA_EXIT_RUN, "out of memory merging");
  }
  m->nkept = 0;
  for (size_t i = 0; i < m->n; i++)
    if (v[i]->state == K_KEPT) m->kept[m->nkept++] = v[i];
  /* the clock: the latest input's (or scan summary's) generated_at */
  const char *when = NULL;
  for (size_t i = 0; i < m->nkept; i++) {
    const char *g = jstr(m->kept[i]->doc, "generated_at");
    if (!when || time_of(g) > time_of(when)) when = g;
  }
  for (size_t i = 0; i < m->nsummaries; i++)
    if (m->summary_at[i] && !ca_time_parse(m->summary_at[i], 0, &(long long){0}) &&
        (!when || time_of(m->summary_at[i]) > time_of(when)))
      when = m->summary_at[i];
  if (!when) {
    free(v);
    return ca_errf(err, CA_EXIT_USAGE, "nothing to merge: no results documents (and no scan summary with a generated_at)");
  }

  cJSON *e = cJSON_CreateObject(), *x;
  cJSON_AddStringToObject(e, "schema", CA_ESTATE_SCHEMA);
  cJSON *tool = cJSON_AddObjectToObject(e, "tool");
  cJSON_AddStringToObject(tool, "name", "connect-auditor");
  cJSON_AddStringToObject(tool, "version", CA_VERSION);
  cJSON_AddStringToObject(e, "generated_at", when);
  cJSON *est = cJSON_AddObjectToObject(e, "estate");
  cJSON *inputs = cJSON_CreateArray(), *accounts = cJSON_CreateArray(), *superseded = cJSON_CreateArray();
  cJSON *tools = cJSON_CreateArray();
  const char **tv = calloc(m->nkept ? m->nkept : 1, sizeof *tv);
  int mixed = 0;
  cJSON *packs = estate_packs(m->kept, m->nkept, &mixed);
  missing_units(m);
  cJSON *unreached = estate_unreached(m);
  cJSON *rules = cJSON_CreateArray(), *findings = cJSON_CreateArray();
  size_t ninst = 0;
  int oom = 0;
  for (size_t i = 0; i < m->nwarnings; i++) free(m->warnings[i]);
  m->nwarnings = 0;
  cJSON *differ = cJSON_CreateArray();
  cJSON *fws = estate_frameworks(m, m->kept, m->nkept, differ, &oom);
  for (size_t i = 0; i < m->nkept; i++) {
    input *in = m->kept[i];
    cJSON_AddItemToArray(inputs, input_entry(in));
    ninst += (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(inputs, (int)i), "instances"));
    if (tv) tv[i] = jstr0(cJSON_GetObjectItemCaseSensitive(in->doc, "tool"), "version");
    /* rules: each ID once, from the first input (estate order) that has it */
    const cJSON *r, *f;
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(in->doc, "rules")) {
      int dup = 0;
      cJSON_ArrayForEach(x, rules) if (!strcmp(jstr0(x, "id"), jstr0(r, "id"))) { dup = 1; break; }
      if (!dup) cJSON_AddItemReferenceToArray(rules, (cJSON *)r);
    }
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(in->doc, "findings")) {
      cJSON *fm = (cJSON *)f;
      cJSON_DeleteItemFromObjectCaseSensitive(fm, "input");
      cJSON_AddStringToObject(fm, "input", in->id);
      cJSON_AddItemReferenceToArray(findings, fm);
    }
  }
  if (tv) {   /* the tool versions that wrote the inputs, sorted, each once */
    qsort(tv, m->nkept, sizeof *tv, cmp_strp);
    for (size_t i = 0; i < m->nkept; i++)
      if (!i || strcmp(tv[i], tv[i - 1])) cJSON_AddItemToArray(tools, cJSON_CreateString(tv[i]));
  }
  /* accounts: each with its inputs and its own control matrix */
  for (size_t i = 0; i < m->nkept;) {
    const char *acct = jstr0(snap_of(m->kept[i]), "account_id");
    cJSON *a = cJSON_CreateObject(), *ids = cJSON_CreateArray(), *part = cJSON_CreateObject();
    cJSON *pf = cJSON_AddArrayToObject(part, "findings");
    size_t k = i, insts = 0;
    /* inputs sort by id, which starts with the account: one run each */
    for (; k < m->nkept && !strcmp(jstr0(snap_of(m->kept[k]), "account_id"), acct); k++) {
      cJSON_AddItemToArray(ids, cJSON_CreateString(m->kept[k]->id));
      insts += (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(inputs, (int)k), "instances"));
      const cJSON *f;
      cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(m->kept[k]->doc, "findings"))
        cJSON_AddItemReferenceToArray(pf, (cJSON *)f);
    }
    cJSON_AddStringToObject(a, "account_id", acct);
    cJSON_AddNumberToObject(a, "instances", (double)insts);
    cJSON_AddItemToObject(a, "inputs", ids);
    int unr = 0;
    cJSON_ArrayForEach(x, unreached) unr += !strcmp(jstr0(x, "account_id"), acct);
    cJSON_AddNumberToObject(a, "unreached", unr);
    cJSON *afw = estate_frameworks(m, m->kept + i, k - i, NULL, &oom);   /* the account's matrix: its inputs' catalogues */
    if (afw) cJSON_AddItemToObject(part, "frameworks", afw);
    if (ca_results_summarise(part)) {
      cJSON_AddNullToObject(a, "summary");
    } else {
      cJSON *sum = cJSON_DetachItemFromObjectCaseSensitive(part, "summary");
      set_killed(sum, m->kept, i, k);
      cJSON_AddItemToObject(a, "summary", sum);
    }
    cJSON_Delete(part);
    cJSON_AddItemToArray(accounts, a);
    i = k;
  }
  /* an account only the scan summaries name (none of its units audited) */
  cJSON_ArrayForEach(x, unreached) {
    const char *acct = jstr0(x, "account_id");
    cJSON *a;
    int at = 0, found = 0;
    cJSON_ArrayForEach(a, accounts) {
      int c = strcmp(jstr0(a, "account_id"), acct);
      if (!c) found = 1;
      if (c < 0) at++;
    }
    if (found) continue;
    a = cJSON_CreateObject();
    cJSON_AddStringToObject(a, "account_id", acct);
    cJSON_AddNumberToObject(a, "instances", 0);
    cJSON_AddArrayToObject(a, "inputs");
    int unr = 0;
    const cJSON *y;
    cJSON_ArrayForEach(y, unreached) unr += !strcmp(jstr0(y, "account_id"), acct);
    cJSON_AddNumberToObject(a, "unreached", unr);
    cJSON_AddNullToObject(a, "summary");
    ca_json_insert(accounts, at, a);
  }
  for (size_t i = 0; i < m->n; i++) {
    if (v[i]->state != K_SUPERSEDED) continue;
    cJSON *s = cJSON_CreateObject();
    cJSON_AddStringToObject(s, "id", v[i]->id);
    cJSON_AddStringToObject(s, "sha256", v[i]->sha256);
    cJSON_AddStringToObject(s, "collected_at", jstr0(snap_of(v[i]), "collected_at"));
    cJSON_AddStringToObject(s, "generated_at", jstr0(v[i]->doc, "generated_at"));
    cJSON_AddStringToObject(s, "by", m->in[v[i]->by].sha256);
    cJSON_AddItemToArray(superseded, s);
  }
  free(v);
  oom |= !tv;
  free(tv);

  cJSON_AddNumberToObject(est, "inputs", (double)m->nkept);
  cJSON_AddNumberToObject(est, "accounts", cJSON_GetArraySize(accounts));
  cJSON_AddNumberToObject(est, "instances", (double)ninst);
  cJSON_AddNumberToObject(est, "unreached", cJSON_GetArraySize(unreached));
  cJSON_AddNumberToObject(est, "superseded", cJSON_GetArraySize(superseded));
  cJSON_AddItemToObject(est, "tool_versions", tools);
  cJSON_AddBoolToObject(est, "mixed_packs", mixed);
  cJSON_AddItemToObject(est, "differing_catalogues", differ);
  cJSON_AddItemToObject(e, "inputs", inputs);
  cJSON_AddItemToObject(e, "unreached", unreached);
  cJSON_AddItemToObject(e, "superseded", superseded);
  cJSON_AddItemToObject(e, "packs", packs);
  if (fws) cJSON_AddItemToObject(e, "frameworks", fws);
  cJSON_AddNullToObject(e, "summary");   /* its place, before the findings */
  cJSON_AddItemToObject(e, "accounts", accounts);
  cJSON_AddNullToObject(e, "waivers");    /* each input's own: inputs[].waivers_sha256 */
  cJSON_AddNullToObject(e, "attestations");
  cJSON_AddItemToObject(e, "rules", rules);
  cJSON_AddItemToObject(e, "findings", findings);
  if (oom || !differ || !unreached || !packs || ca_results_summarise(e) || !cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(e, "findings"))) {
    cJSON_Delete(e);
    return ca_errf(err, CA_EXIT_RUN, "out of memory merging");
  }
  set_killed(cJSON_GetObjectItemCaseSensitive(e, "summary"), m->kept, 0, m->nkept);
  *estate = e;
  return 0;
}

/* ---- reading one back --------------------------------------------------- */

int ca_estate_check(const cJSON *doc, const char *label, ca_err *err) {
  if (!ca_is_estate(doc)) return ca_errf(err, CA_EXIT_USAGE, "%s: /schema: expected \"" CA_ESTATE_SCHEMA "\"", label);
  static const char *const arrays[] = {"inputs", "unreached", "superseded", "packs", "accounts", "rules", "findings", NULL};
  for (int i = 0; arrays[i]; i++)
    if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(doc, arrays[i])))
      return ca_errf(err, CA_EXIT_USAGE, "%s: /%s: expected an array", label, arrays[i]);
  if (!cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(doc, "summary")) ||
      !cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(doc, "estate")))
    return ca_errf(err, CA_EXIT_USAGE, "%s: /summary, /estate: expected objects", label);
  int i = 0;
  const cJSON *in;
  cJSON_ArrayForEach(in, cJSON_GetObjectItemCaseSensitive(doc, "inputs")) {
    const char *sha = jstr(in, "sha256"), *dg = jstr(in, "digest");
    if (!jstr(in, "id") || !sha || strlen(sha) != 64 || !dg || strncmp(dg, CA_RESULTS_DIGEST_PREFIX, 7))
      return ca_errf(err, CA_EXIT_USAGE, "%s: /inputs/%d: expected {id, sha256, digest: \"sha256:...\"}", label, i);
    i++;
  }
  return 0;
}

int ca_estate_accept(const char *label, const char *text, size_t len, cJSON *doc, ca_err *err) {
  ca_results_digest d;
  cJSON *last = doc ? doc->child : NULL;
  while (last && last->next) last = last->next;
  if (ca_estate_check(doc, label, err) || ca_results_digest_of(text, len, label, &d, err)) return -1;
  int n = 0;
  for (const cJSON *m = doc->child; m; m = m->next) n += m->string && !strcmp(m->string, "digest");
  if (n != 1 || !last->string || strcmp(last->string, "digest"))
    return ca_errf(err, CA_EXIT_USAGE, "%s: /digest: expected once, as the last member", label);
  if (!d.ok)
    return ca_errf(err, CA_EXIT_USAGE, "%s: /digest: sha256:%s, but the bytes before it hash to sha256:%s: the file "
                   "was changed after it was written", label, d.recorded, d.actual);
  cJSON_Delete(cJSON_DetachItemViaPointer(doc, last));
  return 0;
}
