/* core.c -- the collector's core, what every service of collect/ shares and
 * nothing else: errors[] entries, JSON calls queued (and the one waited
 * for), pagination to the end, resources, the canonical order.  It knows no
 * service and no order: that is the plan's (plan.c).  Its interface, and how
 * a new service is written against it, is collect_int.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "collect/collect_int.h"

void col_error(ca_col *c, const char *arn, const char *operation, const char *code, const char *message) {
  cJSON *e = cJSON_CreateObject();
  cJSON_AddStringToObject(e, "arn", arn ? arn : "");
  cJSON_AddStringToObject(e, "operation", operation);
  cJSON_AddStringToObject(e, "code", code && *code ? code : "Unknown");
  cJSON_AddStringToObject(e, "message", message ? message : "");
  cJSON_AddItemToArray(c->errors, e);
  c->failed++;
  col_progress_clear(c);   /* progress.c */
  if (!c->o->quiet)
    fprintf(stderr, "connect-auditor: collect: %s %s: %s: %s\n", operation, arn && *arn ? arn : "(account)", code, message);
}

static int quiet_code(const char *const *codes, const char *code) {
  for (; codes && *codes; codes++)
    if (!strcmp(*codes, code)) return 1;
  return 0;
}

/* ---- Asked once per region: col_hold, col_release ---- */
struct col_wait {
  struct col_wait *next;
  char *key;
  void (*fn)(ca_col *c, void *ud);
  void *ud;
};

int col_hold(ca_col *c, const char *key, void (*fn)(ca_col *c, void *ud), void *ud) {
  char k[300];
  snprintf(k, sizeof k, "hold:%s", key);
  if (!c->once) c->once = cJSON_CreateObject();
  const cJSON *st = c->once ? cJSON_GetObjectItemCaseSensitive(c->once, k) : NULL;
  if (!c->once || cJSON_IsFalse(st)) return -1;   /* released (or no memory): ask */
  if (!st) {
    cJSON_AddTrueToObject(c->once, k);
    return 1;
  }
  struct col_wait *w = calloc(1, sizeof *w), **end = &c->waits;
  if (!w || !(w->key = strdup(k))) {
    free(w);
    return -1;
  }
  w->fn = fn, w->ud = ud;
  while (*end) end = &(*end)->next;   /* in the order they came */
  *end = w;
  return 0;
}

void col_release(ca_col *c, const char *key) {
  char k[300];
  snprintf(k, sizeof k, "hold:%s", key);
  cJSON *st = c->once ? cJSON_GetObjectItemCaseSensitive(c->once, k) : NULL;
  if (!st) return;
  cJSON_ReplaceItemInObjectCaseSensitive(c->once, k, cJSON_CreateFalse());
  struct col_wait *mine = NULL, **mt = &mine;
  for (struct col_wait **p = &c->waits; *p;) {
    if (!strcmp((*p)->key, k)) {
      *mt = *p;
      *p = (*p)->next;
      mt = &(*mt)->next;
      *mt = NULL;
    } else {
      p = &(*p)->next;
    }
  }
  for (struct col_wait *w = mine, *next; w; w = next) {
    next = w->next;
    w->fn(c, w->ud);
    free(w->key);
    free(w);
  }
}

/* ---- Queued calls: col_json_q, col_list_q, col_run ---- */

typedef struct qcall {
  struct qcall *next;            /* replay: the ready queue */
  ca_col *c;
  char *arn;
  const char *const *quiet;
  char operation[128];
  col_done done;
  void *ud;
  /* replay: the answer, delivered by col_run */
  int r;
  cJSON *ans;
  char code[128], msg[512];
} qcall;

/* The end of one call: the error recorded (unless quiet), then done. */
static void deliver(qcall *q, cJSON *ans, const char *code, const char *msg) {
  ca_col *c = q->c;
  if (!ans && !quiet_code(q->quiet, code)) col_error(c, q->arn, q->operation, code, msg);
  const char *was = c->message;
  c->message = ans ? NULL : msg;
  q->done(c, q->ud, ans, ans ? "" : code);
  c->message = was;
  free(q->arn);
  free(q);
}

static void json_done(void *ud, int rc, ca_aws_resp *resp) {
  qcall *q = ud;
  col_progress_call(q->c, q->operation);
  cJSON *ans = NULL;
  if (!rc) {
    ans = cJSON_ParseWithLength(resp->body.data ? resp->body.data : "{}", resp->body.len ? resp->body.len : 2);
    if (!cJSON_IsObject(ans)) {
      cJSON_Delete(ans);
      ans = NULL;
      snprintf(resp->code, sizeof resp->code, "MalformedResponse");
      snprintf(resp->message, sizeof resp->message, "the answer is not a JSON object (%zu bytes)", resp->body.len);
    }
  }
  deliver(q, ans, resp->code, resp->message);
}

/* ---- The same, waited for ---- */
typedef struct waited {
  cJSON *ans;
  char code[128];
} waited;

static void wait_done(ca_col *c, void *ud, cJSON *ans, const char *code) {
  (void)c;
  waited *w = ud;
  w->ans = ans;
  snprintf(w->code, sizeof w->code, "%s", code);
}

static int waited_end(ca_col *c, waited *w, cJSON **out, char *resp_code, size_t codesz) {
  col_run(c);
  *out = w->ans;
  if (!w->ans && resp_code) snprintf(resp_code, codesz, "%s", w->code);
  return w->ans ? 0 : -1;
}

void col_req_q(ca_col *c, const char *region, const ca_aws_req *rq, const char *operation, const char *arn,
               const char *const *quiet_codes, col_done done, void *ud) {
  col_req_hdrs_q(c, region, NULL, rq, operation, arn, quiet_codes, done, ud);
}

void col_req_hdrs_q(ca_col *c, const char *region, const char *const *headers, const ca_aws_req *rq,
                    const char *operation, const char *arn, const char *const *quiet_codes, col_done done, void *ud) {
  qcall *q = calloc(1, sizeof *q);
  char *dup = strdup(arn ? arn : "");
  if (!q || !dup) {   /* out of memory: the call cannot even be made */
    free(q), free(dup);
    done(c, ud, NULL, "ClientError");
    return;
  }
  q->c = c, q->arn = dup, q->quiet = quiet_codes, q->done = done, q->ud = ud;
  if (operation) snprintf(q->operation, sizeof q->operation, "%s", operation);
  else snprintf(q->operation, sizeof q->operation, "%s:%s", rq->signing, rq->operation);
  if (c->replay) {   /* import.c: the answer from a file, delivered by col_run */
    cJSON *body = rq->body ? cJSON_ParseWithLength(rq->body, rq->body_len) : NULL;
    col_call call = {rq->service_env, rq->prefix, rq->signing, rq->operation, rq->method, rq->path,
                     rq->query, rq->nquery, body};
    c->replay_region = region && *region ? region : ca_aws_region(c->aws);
    q->r = c->replay(c, &call, &q->ans, q->code, sizeof q->code, q->msg, sizeof q->msg);
    c->replay_region = NULL;
    cJSON_Delete(body);
    if (q->r > 0) snprintf(q->code, sizeof q->code, "NotCollected");
    if (q->r) q->ans = NULL;
    if (c->ready_tail) c->ready_tail->next = q;
    else c->ready = q;
    c->ready_tail = q;
    return;
  }
  ca_aws_submit(c->aws, region, headers, rq, json_done, q);   /* copies; on failure json_done ran already */
}

void col_json_in_q(ca_col *c, const col_req *r, const cJSON *body, const char *arn, const char *const *quiet_codes,
                   col_done done, void *ud) {
  char *text = NULL;
  if (body && !(text = cJSON_PrintUnformatted(body))) {
    done(c, ud, NULL, "ClientError");
    return;
  }
  char target[160] = "", type[40];
  if (r->target) snprintf(target, sizeof target, "%s.%s", r->target, r->op);
  snprintf(type, sizeof type, "application/x-amz-json-%s", r->json ? r->json : "1.1");
  ca_aws_req rq = {.service_env = r->service_env, .prefix = r->prefix, .signing = r->signing, .operation = r->op,
                   .method = r->target ? "POST" : r->method, .path = r->target ? "/" : r->path,
                   .query = r->query, .nquery = r->nquery,
                   .content_type = text ? (r->target ? type : "application/json") : NULL,
                   .target = r->target ? target : NULL, .body = text, .body_len = text ? strlen(text) : 0};
  col_req_q(c, r->region, &rq, r->operation, arn, quiet_codes, done, ud);
  cJSON_free(text);
}

/* A col_call as the col_req it is: rest-json in the client's region. */
static col_req req_of(const col_call *call) {
  return (col_req){.service_env = call->service_env, .prefix = call->prefix, .signing = call->signing,
                   .op = call->op, .method = call->method, .path = call->path, .query = call->query,
                   .nquery = call->nquery};
}

void col_json_q(ca_col *c, const col_call *call, const char *arn, const char *const *quiet_codes, col_done done,
                void *ud) {
  col_req r = req_of(call);
  col_json_in_q(c, &r, call->body, arn, quiet_codes, done, ud);
}

void col_run(ca_col *c) {
  c->running++;
  for (;;) {
    if (c->ready) {
      qcall *q = c->ready;
      c->ready = q->next;
      if (!c->ready) c->ready_tail = NULL;
      /* A replayed "not collected" (no file) is quiet: the member stays absent. */
      if (q->r > 0) {
        q->done(c, q->ud, NULL, q->code);
        free(q->arn);
        free(q);
      } else {
        deliver(q, q->ans, q->code, q->msg);
      }
    } else if (!c->replay && c->aws) {
      long queued = 0;
      ca_aws_load(c->aws, &queued, NULL, NULL);
      if (!queued) break;
      ca_aws_run(c->aws);
    } else {
      break;
    }
  }
  c->running--;
}

/* Every page of a list, one after the other; the items gathered. */
typedef struct qlist {
  ca_col *c;
  col_req req;               /* path, region, operation: the copies below */
  char *path, *region;
  char operation[128];
  ca_aws_param q[16];
  char *qv[16];
  cJSON *body;
  const char *key, *token_member;
  char *arn;
  const char *const *quiet;
  const char *pquiet[12];    /* the pages' quiet codes: the caller's and ValidationException */
  cJSON *all;
  char *token;   /* the next page's (NULL: the first page); any length */
  long page;
  col_done done;
  void *ud;
} qlist;

static void list_free(qlist *l) {
  for (int i = 0; i < 16; i++) free(l->qv[i]);
  free(l->path);
  free(l->region);
  cJSON_Delete(l->body);
  cJSON_Delete(l->all);
  free(l->arn);
  free(l->token);
  free(l);
}

static void list_page(ca_col *c, void *ud, cJSON *ans, const char *code);

/* ---- Page sizes an endpoint refuses ----
 * A list asks the model's largest page (MaxResults in the body, maxResults
 * in the query).  An older API generation may allow fewer and answers
 * ValidationException naming the member ("Value '500' at 'maxResults' failed
 * to satisfy constraint: Member must have value less than or equal to 100");
 * that page is asked again with the bound it names (else 100), and the bound
 * is kept in c->once for the operation in that region: its later lists and
 * pages ask that size from the start. */
static long page_size(const qlist *l) {
  const cJSON *mr = l->body ? cJSON_GetObjectItemCaseSensitive(l->body, "MaxResults") : NULL;
  if (cJSON_IsNumber(mr)) return (long)mr->valuedouble;
  for (size_t i = 0; i < l->req.nquery; i++)
    if (!strcmp(l->q[i].key, "maxResults")) return strtol(l->qv[i], NULL, 10);
  return 0;
}

static int set_page_size(qlist *l, long n) {
  cJSON *mr = l->body ? cJSON_GetObjectItemCaseSensitive(l->body, "MaxResults") : NULL;
  if (cJSON_IsNumber(mr)) {
    cJSON_SetNumberValue(mr, (double)n);
    return 0;
  }
  for (size_t i = 0; i < l->req.nquery; i++)
    if (!strcmp(l->q[i].key, "maxResults")) {
      char v[24], *dup;
      snprintf(v, sizeof v, "%ld", n);
      if (!(dup = strdup(v))) return -1;
      free(l->qv[i]);
      l->qv[i] = dup;
      l->q[i].value = dup;
      return 0;
    }
  return -1;
}

static void page_key(const ca_col *c, const qlist *l, char *key, size_t keysz) {
  const char *region = l->region ? l->region : c->aws ? ca_aws_region(c->aws) : "";
  snprintf(key, keysz, "pagesize:%s:%s:%s", region, l->req.signing ? l->req.signing : "", l->req.op ? l->req.op : "");
}

/* The smaller size for a ValidationException about the page size (0: not
 * about it, or nothing smaller to ask). */
static long smaller_page(long cur, const char *msg) {
  if (!msg || cur <= 1) return 0;
  char low[512];
  size_t n = 0;
  for (; msg[n] && n + 1 < sizeof low; n++) low[n] = (char)(msg[n] >= 'A' && msg[n] <= 'Z' ? msg[n] + 32 : msg[n]);
  low[n] = '\0';
  if (!strstr(low, "maxresults")) return 0;
  const char *le = strstr(low, "less than or equal to ");
  long bound = le ? strtol(le + strlen("less than or equal to "), NULL, 10) : 0;
  if (bound >= 1 && bound < cur) return bound;
  return cur > 100 ? 100 : 0;
}

static void list_next(qlist *l) {
  col_req one = l->req;
  size_t nq = l->req.nquery;
  if (l->token) {
    if (l->body) {
      cJSON_DeleteItemFromObjectCaseSensitive(l->body, l->token_member);
      cJSON_AddStringToObject(l->body, l->token_member, l->token);
    } else {
      int own = l->token_member && strcmp(l->token_member, "NextToken");   /* Customer Profiles: next-token */
      l->q[nq++] = (ca_aws_param){own ? l->token_member : "nextToken", l->token};
    }
  }
  one.query = l->q, one.nquery = nq;
  col_json_in_q(l->c, &one, l->body, l->arn, l->pquiet, list_page, l);
}

static void list_page(ca_col *c, void *ud, cJSON *ans, const char *code) {
  qlist *l = ud;
  if (!ans && !strcmp(code, "ValidationException")) {
    long cur = page_size(l), want = smaller_page(cur, c->message);
    if (want && !set_page_size(l, want)) {   /* the same page again, smaller */
      char key[512];
      page_key(c, l, key, sizeof key);
      if (!c->once) c->once = cJSON_CreateObject();
      const cJSON *had = c->once ? cJSON_GetObjectItemCaseSensitive(c->once, key) : NULL;
      if (c->once && (!cJSON_IsNumber(had) || had->valuedouble > (double)want)) {
        cJSON_DeleteItemFromObjectCaseSensitive(c->once, key);
        cJSON_AddNumberToObject(c->once, key, (double)want);
        col_progress_clear(c);
        if (!c->o->quiet)
          fprintf(stderr, "connect-auditor: collect: %s:%s: the endpoint allows %ld a page, not %ld: %ld from now on\n",
                  l->req.signing, l->req.op, want, cur, want);
      }
      list_next(l);
      return;
    }
    if (!quiet_code(l->quiet, code)) {
      char op[128];
      if (l->req.operation) snprintf(op, sizeof op, "%s", l->req.operation);
      else snprintf(op, sizeof op, "%s:%s", l->req.signing, l->req.op);
      col_error(c, l->arn, op, code, c->message ? c->message : "");
    }
  }
  if (!ans) {   /* a failed page: nothing kept (a partial list would read as complete) */
    l->done(c, l->ud, NULL, code);
    list_free(l);
    return;
  }
  cJSON *items = cJSON_GetObjectItemCaseSensitive(ans, l->key);
  for (cJSON *it = cJSON_IsArray(items) ? items->child : NULL, *next; it; it = next) {
    next = it->next;
    cJSON_AddItemToArray(l->all, cJSON_DetachItemViaPointer(items, it));
  }
  /* without a body: the answer's NextToken, or nextToken where the query's is
   * "nextToken" and so is the answer's (Lex V1's GetBotAliases) */
  const char *tm = l->body || (l->token_member && !strcmp(l->token_member, "nextToken")) ? l->token_member : "NextToken";
  const cJSON *nt = cJSON_GetObjectItemCaseSensitive(ans, tm);
  int more = cJSON_IsString(nt) && *nt->valuestring;
  char *next = more ? strdup(nt->valuestring) : NULL;
  cJSON_Delete(ans);
  if (more && next && ++l->page < CA_MAX_AWS_PAGES) {
    free(l->token);
    l->token = next;
    list_next(l);
    return;
  }
  int oom = more && !next;
  free(next);
  if (more) {   /* a list that cannot be followed to its end is not kept */
    char op[128];
    if (l->req.operation) snprintf(op, sizeof op, "%s", l->req.operation);
    else snprintf(op, sizeof op, "%s:%s", l->req.signing, l->req.op);
    const char *why = oom ? "ClientError" : "TooManyPages";
    col_error(c, l->arn, op, why, oom ? "out of memory for the next page's token"
                                      : "pagination did not end within the page limit (CA_MAX_AWS_PAGES)");
    l->done(c, l->ud, NULL, why);
  } else {
    cJSON *all = l->all;
    l->all = NULL;
    l->done(c, l->ud, all, "");
  }
  list_free(l);
}

void col_list_in_q(ca_col *c, const col_req *r, const cJSON *body, const char *key, const char *token, const char *arn,
                   const char *const *quiet_codes, col_done done, void *ud) {
  qlist *l = calloc(1, sizeof *l);
  int oom = !l || r->nquery > 14;   /* the tables here pass at most 2 */
  if (!oom) {   /* the path, query values and region may be the caller's buffers */
    l->c = c, l->req = *r, l->key = key, l->token_member = token, l->quiet = quiet_codes, l->done = done, l->ud = ud;
    l->path = r->path ? strdup(r->path) : NULL;
    l->region = r->region ? strdup(r->region) : NULL;
    if (r->operation) snprintf(l->operation, sizeof l->operation, "%s", r->operation);
    l->arn = strdup(arn ? arn : "");
    l->all = cJSON_CreateArray();
    l->body = body ? cJSON_Duplicate(body, 1) : NULL;
    oom = (r->path && !l->path) || (r->region && !l->region) || !l->arn || !l->all || (body && !l->body);
    for (size_t i = 0; !oom && i < r->nquery; i++) {
      l->qv[i] = strdup(r->query[i].value ? r->query[i].value : "");
      l->q[i] = (ca_aws_param){r->query[i].key, l->qv[i]};
      oom = !l->qv[i];
    }
    l->req.path = l->path, l->req.region = l->region, l->req.operation = r->operation ? l->operation : NULL;
    size_t nq = 0;
    for (const char *const *qc = quiet_codes; qc && *qc && nq + 2 < sizeof l->pquiet / sizeof l->pquiet[0]; qc++)
      l->pquiet[nq++] = *qc;
    l->pquiet[nq++] = "ValidationException";
    l->pquiet[nq] = NULL;
    if (!oom && c->once) {   /* a smaller page size this endpoint asked for */
      char pkey[512];
      page_key(c, l, pkey, sizeof pkey);
      const cJSON *had = cJSON_GetObjectItemCaseSensitive(c->once, pkey);
      long cur = page_size(l);
      if (cJSON_IsNumber(had) && cur > (long)had->valuedouble) oom = set_page_size(l, (long)had->valuedouble) != 0;
    }
  }
  if (oom) {
    if (l) list_free(l);
    done(c, ud, NULL, "ClientError");
    return;
  }
  list_next(l);
}

void col_list_q(ca_col *c, const col_call *call, const char *key, const char *arn, const char *const *quiet_codes,
                col_done done, void *ud) {
  col_req r = req_of(call);
  col_list_in_q(c, &r, call->body, key, "NextToken", arn, quiet_codes, done, ud);
}

int col_list(ca_col *c, const col_call *call, const char *key, const char *arn, const char *const *quiet_codes,
             cJSON **items, char *resp_code, size_t codesz) {
  waited w = {NULL, "ClientError"};
  *items = NULL;
  if (c->running) return -1;
  col_list_q(c, call, key, arn, quiet_codes, wait_done, &w);
  return waited_end(c, &w, items, resp_code, codesz);
}

/* ---- Into a resource's data ----
 * The member is placed (null) when the call is queued and filled when it
 * ends, removed if it failed: members keep the order they were asked in,
 * whatever order the answers come in. */
typedef struct into {
  cJSON *data, *slot;
  const char *take;
  void (*then)(ca_col *c, void *ud);
  void *then_ud;
} into;

static void into_done(ca_col *c, void *ud, cJSON *ans, const char *code) {
  (void)c, (void)code;
  into *t = ud;
  if (ans && t->take) {
    cJSON *v = cJSON_DetachItemFromObjectCaseSensitive(ans, t->take);
    cJSON_Delete(ans);
    ans = v;
  }
  if (ans) {   /* the slot's name moves to the answer (ReplaceItemViaPointer keeps none) */
    ans->string = t->slot->string;
    ans->type &= ~cJSON_StringIsConst;
    t->slot->string = NULL;
    cJSON_ReplaceItemViaPointer(t->data, t->slot, ans);
  }
  else cJSON_Delete(cJSON_DetachItemViaPointer(t->data, t->slot));
  if (t->then) t->then(c, t->then_ud);
  free(t);
}

static into *into_new(ca_col *c, cJSON *data, const char *member, const char *take) {
  into *t = malloc(sizeof *t);
  cJSON *slot = t ? cJSON_AddNullToObject(data, member) : NULL;
  if (!slot) {
    free(t);
    col_error(c, "", "collect", "ClientError", "out of memory");
    return NULL;
  }
  *t = (into){data, slot, take, NULL, NULL};
  return t;
}

void col_list_into_q(ca_col *c, cJSON *data, const char *member, const col_call *call, const char *key,
                     const char *arn) {
  col_list_into_then_q(c, data, member, call, key, arn, NULL, NULL);
}

void col_list_into_then_q(ca_col *c, cJSON *data, const char *member, const col_call *call, const char *key,
                          const char *arn, void (*then)(ca_col *c, void *ud), void *then_ud) {
  into *t = into_new(c, data, member, NULL);
  if (!t) {
    if (then) then(c, then_ud);
    return;
  }
  t->then = then, t->then_ud = then_ud;
  col_list_q(c, call, key, arn, NULL, into_done, t);
}

void col_json_into_q(ca_col *c, cJSON *data, const char *member, const col_call *call, const char *take,
                     const char *arn) {
  into *t = into_new(c, data, member, take);
  if (t) col_json_q(c, call, arn, NULL, into_done, t);
}

/* ---- A resource and the call that describes it ---- */
typedef struct described {
  cJSON *res, *data;
  const char *member, *rename;   /* the caller's constants */
  int whole;
  char *arn;
  char operation[128];
} described;

static void described_done(ca_col *c, void *ud, cJSON *ans, const char *code) {
  (void)code;
  described *d = ud;
  cJSON *v = ans;
  if (ans && !d->whole) {
    v = cJSON_DetachItemFromObjectCaseSensitive(ans, d->member);
    cJSON_Delete(ans);
    if (!cJSON_IsObject(v)) {
      cJSON_Delete(v);
      v = NULL;
      char what[160];
      snprintf(what, sizeof what, "the answer has no %s", d->member);
      col_error(c, d->arn, d->operation, "MalformedResponse", what);
    }
  }
  if (v) {
    const char *name = d->rename ? col_str(v, d->rename) : NULL;
    if (name) cJSON_SetValuestring(cJSON_GetObjectItemCaseSensitive(d->res, "name"), name);
    cJSON_AddItemToObject(d->data, d->member, v);
  }
  free(d->arn);
  free(d);
}

cJSON *col_describe_q(ca_col *c, cJSON *resources, const char *type, const char *arn, const char *name,
                      const col_req *r, const cJSON *body, const char *member, int whole, const char *rename) {
  const char *region = r->region ? r->region : ca_aws_region(c->aws);
  cJSON *data = col_resource(resources, type, arn, name, region);
  if (!data) return NULL;
  described *d = calloc(1, sizeof *d);
  char *dup = strdup(arn);
  if (!d || !dup) {
    free(d), free(dup);
    col_error(c, arn, "collect", "ClientError", "out of memory");
    return data;
  }
  cJSON *res = cJSON_GetObjectItemCaseSensitive(col_type(resources, type), arn);
  *d = (described){res, data, member, rename, whole, dup, ""};
  if (r->operation) snprintf(d->operation, sizeof d->operation, "%s", r->operation);
  else snprintf(d->operation, sizeof d->operation, "%s:%s", r->signing, r->op);
  col_json_in_q(c, r, body, arn, NULL, described_done, d);
  return data;
}

/* ---- Names, resources ---- */
int col_arn_field(const char *arn, int n, char *out, size_t outsz) {
  const char *s = arn;
  for (int i = 0; i < n; i++) {
    s = strchr(s, ':');
    if (!s) return -1;
    s++;
  }
  size_t len = n == 5 ? strlen(s) : strcspn(s, ":");
  if (len >= outsz) return -1;
  memcpy(out, s, len);
  out[len] = '\0';
  return 0;
}

cJSON *col_type(cJSON *resources, const char *type) {
  cJSON *t = cJSON_GetObjectItemCaseSensitive(resources, type);
  return t ? t : cJSON_AddObjectToObject(resources, type);
}

cJSON *col_resource(cJSON *resources, const char *type, const char *arn, const char *name, const char *region) {
  cJSON *t = col_type(resources, type);
  if (cJSON_GetObjectItemCaseSensitive(t, arn)) return NULL;   /* collected already (named twice) */
  cJSON *res = cJSON_CreateObject();
  cJSON_AddStringToObject(res, "name", name);
  cJSON_AddStringToObject(res, "region", region);
  cJSON *data = cJSON_AddObjectToObject(res, "data");
  cJSON_AddItemToObject(t, arn, res);
  return data;
}

const char *col_str(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* ---- A snapshot in the same order however the answers came ---- */
static int by_key(const void *a, const void *b) {
  const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
  return strcmp(x->string, y->string);
}

static int by_fields(const void *a, const void *b) {
  static const char *const keys[] = {"arn", "operation", "code", "message"};
  const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
  for (int i = 0; i < 4; i++) {
    const char *p = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(x, keys[i]));
    const char *q = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(y, keys[i]));
    int r = strcmp(p ? p : "", q ? q : "");
    if (r) return r;
  }
  return 0;
}

/* The children of o reordered by cmp (stable enough: keys are unique, and
 * errors[] entries that compare equal are equal). */
static void sort_children(cJSON *o, int (*cmp)(const void *, const void *)) {
  size_t n = 0;
  for (cJSON *it = o ? o->child : NULL; it; it = it->next) n++;
  if (n < 2) return;
  cJSON **v = malloc(n * sizeof *v);
  if (!v) return;   /* unsorted is still correct */
  n = 0;
  for (cJSON *it = o->child; it; it = it->next) v[n++] = it;
  qsort(v, n, sizeof *v, cmp);
  for (size_t i = 0; i < n; i++) {
    v[i]->prev = i ? v[i - 1] : v[n - 1];   /* cJSON: the first's prev is the last */
    v[i]->next = i + 1 < n ? v[i + 1] : NULL;
  }
  o->child = v[0];
  free(v);
}

void col_canonical(cJSON *resources, cJSON *errors) {
  sort_children(resources, by_key);
  for (cJSON *t = resources ? resources->child : NULL; t; t = t->next) {
    sort_children(t, by_key);
    for (cJSON *r = t->child; r; r = r->next) sort_children(cJSON_GetObjectItemCaseSensitive(r, "data"), by_key);
  }
  sort_children(errors, by_fields);
}
