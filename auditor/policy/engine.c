#include "policy/engine.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "policy/cgraph.h"
#include "policy/child.h"
#include "policy/ctx.h"
#include "util/jsonfile.h"
#include "util/jsontext.h"

static int rule_child(void *arg, int fd) { return ca_rule_child(arg, fd); }

static const char *jstr(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int valid_finding(const cJSON *f) {
  static const char *const st[] = {"pass", "fail", "manual", "skipped", "error", NULL};
  const char *s = jstr(f, "status");
  int known = 0;
  for (int i = 0; s && st[i]; i++) known |= !strcmp(s, st[i]);
  return known && jstr(f, "arn") && jstr(f, "from") && jstr(f, "message") &&
         cJSON_IsArray(cJSON_GetObjectItem(f, "evidence")) &&
         cJSON_IsObject(cJSON_GetObjectItem(f, "parameters"));
}

static cJSON *error_finding(const char *arn, const char *msg) {
  cJSON *f = cJSON_CreateObject();
  cJSON_AddStringToObject(f, "arn", arn);
  cJSON_AddStringToObject(f, "from", arn);
  cJSON_AddStringToObject(f, "status", "error");
  cJSON_AddStringToObject(f, "message", msg);
  cJSON_AddArrayToObject(f, "evidence");
  cJSON_AddObjectToObject(f, "parameters");
  return f;
}

/* Where collect() keeps a rule's findings: over the rule's own output
 * (`in`), behind the line being read, so that each finding line is not
 * copied into a second growing buffer (at scale that copy and the fresh
 * pages it faulted in were a quarter of the parent).  Writing never passes
 * reading: a line kept as the rule wrote it is a part of that line, and a
 * line printed again that would be longer than the text read so far (a
 * number cJSON prints longer, a byte made U+FFFD) moves what is kept to a
 * buffer of its own, r->findings, as every line after the reading does. */
typedef struct sink {
  ca_rule_result *r;
  ca_buf *in;     /* the output being read, or NULL: r->findings is the buffer */
  size_t w, rd;   /* in `in`: the end of the kept lines; the end of what has been read */
} sink;

static int put(sink *k, const char *p, size_t n) {
  if (k->in && k->w + n <= k->rd) {
    memmove(k->in->data + k->w, p, n);   /* p may be in `in`, at or after w */
    k->w += n;
    return 0;
  }
  if (k->in) {   /* from now on a buffer of its own */
    ca_buf_init(&k->r->findings, CA_MAX_REPORT_BYTES);
    ca_buf_big(&k->r->findings);
    if (ca_buf_add(&k->r->findings, k->in->data, k->w)) return -1;
    k->in = NULL;
  }
  return ca_buf_add(&k->r->findings, p, n);
}

/* A finding line f and its LF kept. */
static int put_line(sink *k, const char *f, size_t n) {
  if (put(k, f, n) || put(k, "\n", 1)) return -1;
  k->r->nfindings++;
  return 0;
}

/* Once the output is read: what was kept in it becomes r->findings (with
 * the output's room: ca_buf_shrink gives that back once nothing is added). */
static void sink_close(sink *k) {
  if (k->in && k->w) {
    k->r->findings = *k->in;
    k->r->findings.cap = CA_MAX_REPORT_BYTES;
    k->r->findings.len = k->w;
    k->r->findings.data[k->w] = '\0';
    ca_buf_init(k->in, k->in->cap);   /* it is r's now */
  }
  k->in = NULL;
}

/* Appends one finding to the result: a line of compact JSON (results.h).
 * Takes f. */
static int keep(sink *k, cJSON *f) {
  char *text = f ? cJSON_PrintUnformatted(f) : NULL;
  cJSON_Delete(f);
  int rc = !text || put_line(k, text, strlen(text)) ? -1 : 0;
  free(text);
  return rc;
}

/* Appends a finding line as the rule process wrote it: `{"finding":F}`
 * holds F exactly as keep() would print it again (the same cJSON printed
 * it, and printing what it parsed gives the same bytes), so when the line
 * is UTF-8 already (ca_json_make_utf8 would change nothing) F is kept as it
 * is: no second printing of every finding. 0 if kept, 1 if the line is not
 * of that form (the caller keeps the tree), -1 out of memory. */
static int keep_line(sink *k, const cJSON *msg, const char *line, size_t len) {
  static const char pre[] = "{\"finding\":";
  if (msg->child->next || len < sizeof pre || memcmp(line, pre, sizeof pre - 1) || line[len - 1] != '}') return 1;
  ca_err e = {0};
  if (ca_json_check_text("", line, len, &e)) return 1;
  return put_line(k, line + sizeof pre - 1, len - sizeof pre);
}

/* The resource collect() expects lines of next, measured once: its ARN,
 * that ARN's length, and whether it needs no escape (then a line's text of
 * it is the ARN itself). */
typedef struct expect {
  size_t at;        /* index of the resource measured, or (size_t)-1 */
  const char *arn;
  size_t an;
  int plain;
} expect;

static void expect_at(expect *e, const ca_resource *const *res, size_t nres, size_t i) {
  if (e->at == i) return;
  /* the ARNs lie all over the snapshot: the next one is asked for now, so it
   * is in the cache by the time this resource's lines are read */
  if (i + 1 < nres) __builtin_prefetch(res[i + 1]->arn);
  e->at = i;
  e->arn = res[i]->arn;
  e->an = strlen(e->arn);
  e->plain = 1;
  for (size_t k = 0; k < e->an; k++)
    if (e->arn[k] == '"' || e->arn[k] == '\\' || (unsigned char)e->arn[k] < 0x20) e->plain = 0;
}

/* Expects key (with its lead and colon) at q and a canonical value that
 * starts with open, as F's members sit one level deep in it: past the value
 * (its span in *v, *vn), or NULL. */
static const char *member_ok(const char *q, const char *lim, const char *key, char open, const char **v, size_t *vn) {
  size_t k = strlen(key);
  if ((size_t)(lim - q) <= k || memcmp(q, key, k) || q[k] != open) return NULL;
  q += k;
  size_t m = ca_json_canonical(q, (size_t)(lim - q), 199);   /* 200 levels for F, less its own */
  if (!m) return NULL;
  *v = q;
  *vn = m;
  return q + m;
}

/* The two lines a rule's process writes for every resource, taken without a
 * tree when they are canonical (util/jsontext.h) and what collect() would
 * accept: {"finding":F}, F a valid finding of the resource being checked
 * (kept as it is, as keep_line keeps it), and {"done":ARN} of that resource.
 * The line starts at p, with n bytes before the output's end (the NUL at
 * p[n]); it is measured as it is checked, in the one pass: the text of
 * either form holds no LF and no NUL (a canonical value has neither), so
 * the LF that must follow it is the one strchr would find.  The line's
 * length (its LF not counted) if it is taken, with *f and *fn the span of F
 * (NULL for a done line); 0 if it goes the way of the tree (anything else,
 * or text cJSON would print otherwise: its tree decides). */
static size_t fast_line(const ca_rule_result *r, const char *p, size_t n, expect *e, const ca_resource *const *res,
                        size_t nres, size_t ndone, const char **f, size_t *fn) {
  static const char fpre[] = "{\"finding\":", dpre[] = "{\"done\":\"";
  if (!r->meta || ndone >= nres) return 0;
  expect_at(e, res, nres, ndone);
  const char *arn = e->arn;
  size_t an = e->an;
  if (n >= sizeof dpre - 1 + an + 3 && !memcmp(p, dpre, sizeof dpre - 1)) {
    size_t len = sizeof dpre - 1 + an + 2;   /* then the text is the ARN itself, unescaped */
    if (!e->plain || memcmp(p + sizeof dpre - 1, arn, an) || memcmp(p + len - 2, "\"}\n", 3)) return 0;
    *f = NULL;
    return len;
  }
  if (n < sizeof fpre + 1 || memcmp(p, fpre, sizeof fpre - 1)) return 0;
  /* F member by member, each value checked where ca_finding_line_split
   * would measure it: F is canonical and splits iff each does (its keys
   * are canonical strings), so the split's second walk is not needed */
  const char *v = p + sizeof fpre - 1, *q = v, *lim = p + n;
  ca_finding_line lp;
  if (!(q = member_ok(q, lim, "{\"arn\":", '"', &lp.arn, &lp.arn_n)) ||
      !(q = member_ok(q, lim, ",\"from\":", '"', &lp.from, &lp.from_n)) ||
      !(q = member_ok(q, lim, ",\"status\":", '"', &lp.status, &lp.status_n)) ||
      !(q = member_ok(q, lim, ",\"message\":", '"', &lp.message, &lp.message_n)) ||
      !(q = member_ok(q, lim, ",\"evidence\":", '[', &lp.evidence, &lp.evidence_n)) ||
      !(q = member_ok(q, lim, ",\"parameters\":", '{', &lp.params, &lp.params_n)) || lim - q < 3 || q[0] != '}' ||
      q[1] != '}' || q[2] != '\n')
    return 0;
  size_t vn = (size_t)(q + 1 - v);
  static const char *const st[] = {"\"pass\"", "\"fail\"", "\"manual\"", "\"skipped\"", "\"error\"", NULL};
  int known = 0;
  for (int i = 0; st[i] && !known; i++) known = lp.status_n == strlen(st[i]) && !memcmp(lp.status, st[i], lp.status_n);
  if (!known || lp.from_n != an + 2 || memcmp(lp.from + 1, arn, an)) return 0;   /* an escaped ARN: the tree */
  *f = v;
  *fn = vn;
  return (size_t)(v + vn + 1 - p);
}

/* A rule that broke a limit after its last resource (a finalizer that loops
 * at close, say) cannot vouch for what it reported: every finding it made
 * becomes an error that says so and keeps what the rule had said.  Rare, so
 * the kept lines are read again rather than held as trees. */
static int flag_after_report(ca_rule_result *r, const char *how) {
  ca_buf had = r->findings;
  ca_buf_init(&r->findings, CA_MAX_REPORT_BYTES);
  ca_buf_big(&r->findings);
  r->nfindings = 0;
  sink k = {r, NULL, 0, 0};
  int rc = 0;
  for (char *line = had.data, *nl; !rc && line && (nl = strchr(line, '\n')); line = nl + 1) {
    cJSON *f = cJSON_ParseWithLength(line, (size_t)(nl - line));
    char m[CA_MAX_MESSAGE_BYTES + 2048];
    snprintf(m, sizeof m, "the rule broke a limit after it reported (%s), so its findings are not kept "
             "(it said %s: %s)", how, jstr(f, "status"), jstr(f, "message"));
    cJSON_ReplaceItemInObject(f, "status", cJSON_CreateString("error"));
    cJSON_ReplaceItemInObject(f, "message", cJSON_CreateString(m));
    ca_json_make_utf8(f);   /* the message above may cut a character */
    rc = keep(&k, f);
  }
  ca_buf_free(&had);
  return rc;
}

/* Turns one child's output into a result, and frees that output: the
 * findings are kept as compact lines, not trees, so an audit holds little
 * more than the snapshot while results.json is written from them
 * (results/stream.h).  Resources the rule did not finish get `error`
 * findings that say why. */
/* The selection (ca_run_opts.keep) asked of a rule's metadata as results.json
 * will hold it: with the catalogues' crosswalks added, as ca_engine_run adds
 * them once every rule is collected, so --framework selects a rule that only
 * a custom catalogue maps to it.  Asked in the rule's process (which then
 * checks nothing) and again in the parent (which then expects no findings). */
typedef struct keeping {
  const ca_packset *ps;
  const ca_run_opts *o;
} keeping;

static int keep_rule(const void *arg, const cJSON *meta) {
  const keeping *k = arg;
  cJSON *m = cJSON_Duplicate(meta, 1);
  if (!m) return 1;        /* out of memory: run it, the parent's filter decides */
  ca_packs_crosswalk(k->ps, m);
  int keep = k->o->keep(m, k->o->keep_arg);
  cJSON_Delete(m);
  return keep;
}

static void collect(ca_proc *p, const ca_snapshot *snap, int meta_only, const keeping *kp, ca_rule_result *r) {
  char how[512], stop[1024] = "", closing[1024] = "";
  ca_proc_describe(p, how, sizeof how);
  ca_buf_init(&r->findings, CA_MAX_REPORT_BYTES);
  r->nfindings = 0;
  sink k = {r, &p->out, 0, 0};
  size_t ndone = 0, nres = 0;
  const ca_resource **res = NULL;
  int broken = 0, oom = 0;
  char *line = p->out.data, *end = line ? line + p->out.len : NULL;
  expect e = {(size_t)-1, NULL, 0, 0};
  while (line && *line && !broken && !stop[0]) {
    const char *f;
    size_t fn, fl = fast_line(r, line, (size_t)(end - line), &e, res, nres, ndone, &f, &fn);
    if (fl) {
      line += fl + 1;
      k.rd = (size_t)(line - p->out.data);
      if (!f) ndone++;
      else oom |= put_line(&k, f, fn) < 0;
      continue;
    }
    char *nl = strchr(line, '\n');
    if (!nl) { broken = 1; break; }          /* a cut-off last line: the child died writing */
    *nl = '\0';
    const char *text = line;
    size_t tlen = (size_t)(nl - line);
    line = nl + 1;
    k.rd = (size_t)(line - p->out.data);
    cJSON *msg = cJSON_ParseWithLength(text, tlen);
    cJSON *v;
    int kept = cJSON_IsObject(msg) && msg->child && cJSON_IsObject(v = cJSON_GetObjectItem(msg, "finding")) &&
               r->meta && valid_finding(v) && ndone < nres && !strcmp(jstr(v, "from"), res[ndone]->arn)
                 ? keep_line(&k, msg, text, tlen) : 1;
    if (kept <= 0) {
      oom |= kept < 0;
      cJSON_Delete(msg);
      continue;
    }
    ca_json_make_utf8(msg);   /* what a rule wrote reaches every writer as UTF-8 */
    if (!cJSON_IsObject(msg) || !msg->child) {
      broken = 1;
    } else if ((v = cJSON_GetObjectItem(msg, "meta"))) {
      if (r->meta || !cJSON_IsObject(v)) broken = 1;
      else {
        r->meta = cJSON_Duplicate(v, 1);
        if (snap && !meta_only && (!kp || keep_rule(kp, r->meta))) nres = ca_rule_resources(snap, r->meta, &res);
        if (nres == (size_t)-1) nres = 0, broken = 1;
      }
    } else if ((v = cJSON_GetObjectItem(msg, "load_error"))) {
      free(r->error);
      r->error = strdup(cJSON_IsString(v) ? v->valuestring : "load error");
    } else if ((v = cJSON_GetObjectItem(msg, "finding"))) {
      if (!r->meta || !valid_finding(v) || ndone >= nres || strcmp(jstr(v, "from"), res[ndone]->arn)) broken = 1;
      else oom |= keep(&k, cJSON_DetachItemViaPointer(msg, v));
    } else if ((v = cJSON_GetObjectItem(msg, "done"))) {
      if (!cJSON_IsString(v) || ndone >= nres || strcmp(v->valuestring, res[ndone]->arn)) broken = 1;
      else ndone++;
    } else if ((v = cJSON_GetObjectItem(msg, "cost"))) {
      if (r->cost || !cJSON_IsObject(v)) broken = 1;
      else r->cost = cJSON_Duplicate(v, 1);
    } else if ((v = cJSON_GetObjectItem(msg, "stop"))) {
      snprintf(stop, sizeof stop, "%s", cJSON_IsString(v) ? v->valuestring : "stopped");
    } else if ((v = cJSON_GetObjectItem(msg, "close_error"))) {
      snprintf(closing, sizeof closing, "%s", cJSON_IsString(v) ? v->valuestring : "stopped at close");
    } else {
      broken = 1;
    }
    cJSON_Delete(msg);
  }
  sink_close(&k);         /* the kept lines are r's; */
  ca_buf_free(&p->out);   /* the rest was read: what it said is in r now */
  if (oom && !how[0]) snprintf(how, sizeof how, "its findings did not fit in memory");
  if (broken && !how[0]) snprintf(how, sizeof how, "its process sent malformed output");
  r->cpu_s = p->cpu_s;
  r->maxrss_kib = p->maxrss_kib;
  /* Loud, not only per resource: the run's summary and stderr name it. */
  if (how[0] && r->meta && !r->killed) r->killed = strdup(how);
  if (!r->meta && !r->error) {
    char m[700];
    snprintf(m, sizeof m, "the rule could not be loaded: %s", how[0] ? how : "it gave no metadata");
    r->error = strdup(m);
  }
  if (!r->meta) return;
  if (ndone == nres && (closing[0] || how[0])) flag_after_report(r, closing[0] ? closing : how);
  for (size_t i = ndone; i < nres; i++) {
    char m[1600];
    if (i == ndone && stop[0]) snprintf(m, sizeof m, "rule stopped: %s", stop);
    else if (i == ndone) snprintf(m, sizeof m, "rule stopped while checking this resource: %s", how[0] ? how : "no result");
    else snprintf(m, sizeof m, "not checked: the rule stopped at an earlier resource (%s)", stop[0] ? stop : how);
    cJSON *f = error_finding(res[i]->arn, m);
    ca_json_make_utf8(f);   /* the messages above may cut a character */
    keep(&k, f);
  }
  ca_buf_shrink(&r->findings);   /* it had room for the whole output */
  free(res);
}

void ca_engine_collect_output(const char *text, size_t len, const ca_snapshot *snap, ca_rule_result *r) {
  ca_proc p;
  memset(&p, 0, sizeof p);
  memset(r, 0, sizeof *r);
  ca_buf_init(&p.out, CA_MAX_CHILD_OUTPUT);
  if (len && ca_buf_add(&p.out, text, len)) return;
  collect(&p, snap, 0, NULL, r);
}

static void set_job(ca_rule_job *job, const ca_pack *p, const ca_file *rule, const ca_snapshot *snap,
                    const ca_run_opts *o, const keeping *kp) {
  job->snap = snap;
  job->rule = rule;
  job->libs = &p->libs;
  job->params = p->params;
  job->limits = o->limits;
  /* The hook's own deadline fires a little before the parent's kill, so a
   * rule stuck in Lua gets a precise message; the kill catches the rest. */
  if (job->limits.timeout_s > 1) job->limits.timeout_s -= 0.5;
  job->meta_only = o->meta_only;
  job->keep = kp ? keep_rule : NULL;
  job->keep_arg = kp;
}

int ca_engine_run_rule(const ca_pack *p, const ca_file *rule, const ca_snapshot *snap,
                       const ca_run_opts *o, ca_rule_result *out, ca_err *err) {
  memset(out, 0, sizeof *out);
  out->pack = p->name;
  out->file = rule->rel;
  out->pack_file = p->packlua.rel;
  ca_rule_job job;
  set_job(&job, p, rule, snap, o, NULL);
  ca_proc proc = {0};
  proc.fn = rule_child;
  proc.arg = &job;
  proc.timeout_s = o->limits.timeout_s;
  /* each policy-test case's flows get their shared graphs, as an audit's
   * (policy/cgraph.h): the rules' tests run on the path audits take */
  if (snap) ca_cgraphs_build(snap, CA_FLOW_MAX_ACTIONS);
  job.base = ca_rule_base_new(&job.limits, NULL);   /* as an audit's (below) */
  int rc = ca_procs_run(&proc, 1, 1, err);
  ca_sandbox_free(job.base);
  ca_cgraphs_free();
  if (rc) return -1;
  collect(&proc, snap, o->meta_only, NULL, out);
  ca_procs_free(&proc, 1);
  return 0;
}

/* Each rule's output is read as soon as its process ends (ca_procs_run_each):
 * the parent holds its compact lines, not its output, while the others run. */
typedef struct collecting {
  ca_proc *procs;
  const size_t *slot;
  const ca_snapshot *snap;
  int meta_only;
  const keeping *kp;
  ca_run *out;
} collecting;

static void collect_done(void *arg, ca_proc *p) {
  collecting *c = arg;
  collect(p, c->snap, c->meta_only, c->kp, &c->out->v[c->slot[p - c->procs]]);
}

int ca_engine_run(const ca_packset *ps, const ca_snapshot *snap, const ca_run_opts *o,
                  ca_run *out, ca_err *err) {
  size_t n = 0;
  for (size_t i = 0; i < ps->n; i++) n += ps->v[i]->error ? 1 : ps->v[i]->rules.n;
  out->v = calloc(n ? n : 1, sizeof *out->v);
  out->n = n;
  out->packs = calloc(ps->n ? ps->n : 1, sizeof *out->packs);
  out->npacks = out->packs ? ps->n : 0;
  out->catalogues = ps->catalogues;
  ca_proc *procs = calloc(n ? n : 1, sizeof *procs);
  ca_rule_job *jobs = calloc(n ? n : 1, sizeof *jobs);
  size_t *slot = calloc(n ? n : 1, sizeof *slot);
  if (!out->v || !out->packs || !procs || !jobs || !slot) {
    free(procs); free(jobs); free(slot);
    return ca_errf(err, CA_EXIT_RUN, "out of memory");
  }
  size_t k = 0, np = 0;
  keeping kp = {ps, o};
  for (size_t i = 0; i < ps->n; i++) {
    const ca_pack *p = ps->v[i];
    const char *version = p->meta ? jstr(p->meta, "version") : NULL, *fw = p->meta ? jstr(p->meta, "framework") : NULL;
    out->packs[i] = (ca_result_pack){p->name, version ? version : "", fw ? fw : "", p->sha256, p->params};
    if (p->error) {
      out->v[k].pack = p->name;
      out->v[k].pack_file = p->packlua.rel;
      out->v[k].error = strdup(p->error);
      k++;
      continue;
    }
    for (size_t j = 0; j < p->rules.n; j++, k++) {
      out->v[k].pack = p->name;
      out->v[k].file = p->rules.v[j].rel;
      out->v[k].pack_file = p->packlua.rel;
      set_job(&jobs[np], p, &p->rules.v[j], snap, o, o->keep ? &kp : NULL);
      procs[np].fn = rule_child;
      procs[np].arg = &jobs[np];
      procs[np].timeout_s = o->limits.timeout_s;
      slot[np++] = k;
    }
  }
  collecting c = {procs, slot, snap, o->meta_only, o->keep ? &kp : NULL, out};
  /* every flow's graph built once here, read copy-on-write by the rule
   * processes' C searches (policy/cgraph.h, docs/design-shared-graphs.md) */
  ca_cgraphs_build(snap, CA_FLOW_MAX_ACTIONS);
  /* The Lua state every rule starts from, built once here by C code (no
   * pack's code runs in the parent) and inherited by each rule process, which
   * runs its rule in its own copy of it (fork): ~1 ms of each process's
   * start (the state, the C modules, the dynamic linker's lookups for them)
   * paid once.  NULL (out of memory): each process builds its own. */
  ca_sandbox *base = np ? ca_rule_base_new(&jobs[0].limits, NULL) : NULL;
  for (size_t i = 0; i < np; i++) jobs[i].base = base;
  int rc = ca_procs_run_each(procs, np, o->jobs, collect_done, &c, err);
  ca_sandbox_free(base);
  ca_cgraphs_free();
  ca_procs_free(procs, np);
  free(procs);
  free(jobs);
  free(slot);
  if (rc) return -1;
  /* Every control a rule maps to is one of its framework's catalogue, or the
   * rule does not load: a typo in a mapping never reaches a report. */
  for (size_t i = 0; i < n; i++) {
    char m[1024];
    if (out->v[i].meta) ca_packs_crosswalk(ps, out->v[i].meta);   /* the catalogues' own mappings of it */
    if (!out->v[i].meta || !ca_packs_check_controls(ps, out->v[i].meta, m, sizeof m)) continue;
    cJSON_Delete(out->v[i].meta);
    out->v[i].meta = NULL;
    ca_buf_free(&out->v[i].findings);
    out->v[i].nfindings = 0;
    out->v[i].error = strdup(m);
  }
  /* Rule IDs are unique across every pack: findings are keyed by them. */
  for (size_t i = 0; i < n; i++) {
    const char *id = out->v[i].meta ? jstr(out->v[i].meta, "id") : NULL;
    for (size_t j = 0; id && j < i; j++) {
      const char *other = out->v[j].meta ? jstr(out->v[j].meta, "id") : NULL;
      if (!other || strcmp(id, other)) continue;
      char m[1024];
      snprintf(m, sizeof m, "rule id %s is already used by %s", id, out->v[j].file);
      cJSON_Delete(out->v[i].meta);
      out->v[i].meta = NULL;
      ca_buf_free(&out->v[i].findings);
      out->v[i].nfindings = 0;
      out->v[i].error = strdup(m);
      break;
    }
  }
  return 0;
}


/* ---- crosswalk entries that name no rule -------------------------------- */

static int run_has(const ca_run *run, const char *id) {
  for (size_t i = 0; i < run->n; i++) {
    const char *x = run->v[i].meta ? jstr(run->v[i].meta, "id") : NULL;
    if (x && !strcmp(x, id)) return 1;
  }
  return 0;
}

/* The entries of out whose rule run has, removed. */
static void drop_known(cJSON *out, const ca_run *run) {
  cJSON *e = out->child;
  while (e) {
    cJSON *next = e->next;
    if (run_has(run, jstr(e, "rule"))) cJSON_Delete(cJSON_DetachItemViaPointer(out, e));
    e = next;
  }
}

/* The rules of every pack under root, loaded and described (checking
 * nothing); an unreadable root or pack is left out: only warnings depend on it. */
static void drop_known_under(cJSON *out, const char *root) {
  ca_packset all = {0};
  ca_run r = {0};
  ca_run_opts o = {.meta_only = 1};
  ca_err e = {0};
  ca_limits_default(&o.limits);
  if (!ca_packs_find(&root, 1, NULL, 0, &all, &e) && !ca_packs_load(&all, NULL, NULL, &e) &&
      !ca_engine_run(&all, NULL, &o, &r, &e))
    drop_known(out, &r);
  ca_run_free(&r);
  ca_packset_free(&all);
}

int ca_engine_crosswalk_unknown(const ca_packset *ps, const ca_run *run, const char *const *roots, size_t nroots,
                                cJSON **out, ca_err *err) {
  cJSON *list = cJSON_CreateArray();
  if (!list) return ca_errf(err, CA_EXIT_RUN, "out of memory");
  const cJSON *cat, *c, *r;
  int ci = 0;
  cJSON_ArrayForEach(cat, ps->catalogues) {
    int i = 0;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(cat, "controls")) {
      int k = 0;
      cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(c, "rules")) {
        char ptr[64];
        snprintf(ptr, sizeof ptr, "/controls/%d/rules/%d", i, k++);
        cJSON *e = cJSON_CreateObject();
        cJSON_AddItemToArray(list, e);
        cJSON_AddStringToObject(e, "file", ps->catalogue_paths ? ps->catalogue_paths[ci] : jstr(cat, "file"));
        cJSON_AddStringToObject(e, "pointer", ptr);
        cJSON_AddStringToObject(e, "rule", r->valuestring);
      }
      i++;
    }
    ci++;
  }
  ca_run own = {0};
  if (list->child && !run) {   /* policy test: its rules, described */
    ca_run_opts o = {.meta_only = 1};
    ca_limits_default(&o.limits);
    if (ca_engine_run(ps, NULL, &o, &own, err)) {
      ca_run_free(&own);
      cJSON_Delete(list);
      return -1;
    }
    run = &own;
  }
  if (list->child) drop_known(list, run);
  ca_run_free(&own);
  /* an ID the run has not: a pack on the search path may have it (one not
   * selected with --pack), so those are looked at, each root on its own */
  const char *builtin = ca_builtin_policies();
  char a[PATH_MAX], b[PATH_MAX];
  int builtin_seen = 0;
  for (size_t i = 0; i < nroots && list->child; i++) {
    builtin_seen |= realpath(roots[i], a) && realpath(builtin, b) && !strcmp(a, b);
    drop_known_under(list, roots[i]);
  }
  if (list->child && !builtin_seen) drop_known_under(list, builtin);
  *out = list;
  return 0;
}
