#include "policy/ptest.h"

#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "policy/child.h"
#include "policy/convert.h"
#include "policy/ctx.h"
#include "util/buf.h"

typedef struct test_job {
  const ca_file *file;
  ca_limits limits;
  const ca_fileset *libs;   /* the pack's require path: tests share builders */
} test_job;

/* Child: runs the test file; sends {"cases": [...]} or {"load_error": ...}. */
static int load_cases_child(void *arg, int fd) {
  test_job *j = arg;
  char why[1024], chunk[600];
  ca_sandbox *sb = ca_sandbox_new(&j->limits, j->libs);
  cJSON *line = cJSON_CreateObject();
  if (!sb) {
    cJSON_AddStringToObject(line, "load_error", "cannot create a Lua state");
  } else {
    lua_State *L = ca_sandbox_state(sb);
    ca_push_null(L);
    ca_sandbox_set_global(sb, "null");
    lua_pushcfunction(L, ca_lua_object);
    ca_sandbox_set_global(sb, "object");
    snprintf(chunk, sizeof chunk, "@policies/%s", j->file->rel);
    if (ca_sandbox_run_chunk(sb, chunk, j->file->src, j->file->len, why, sizeof why)) {
      cJSON_AddStringToObject(line, "load_error", why);
    } else {
      cJSON *cases = lua_istable(L, -1) ? ca_lua_to_json(L, -1, 0, why, sizeof why) : NULL;
      if (cJSON_IsArray(cases) && cJSON_GetArraySize(cases) > 0) cJSON_AddItemToObject(line, "cases", cases);
      else {
        cJSON_Delete(cases);
        cJSON_AddStringToObject(line, "load_error", !lua_istable(L, -1) ? "a test file must return a list of cases"
                                : cases ? "a test file must return a non-empty list of cases" : why);
      }
    }
  }
  ca_emit(fd, line);
  cJSON_Delete(line);
  ca_sandbox_free(sb);
  return 0;
}

static const char *jstr(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The 4th colon-separated field of an ARN, or a default. */
static void arn_region(const char *arn, char *out, size_t n) {
  const char *p = arn;
  for (int i = 0; i < 3 && p; i++) {
    p = strchr(p, ':');
    if (p) p++;
  }
  size_t k = p ? strcspn(p, ":") : 0;
  if (k) snprintf(out, n, "%.*s", (int)k, p);
  else snprintf(out, n, "us-east-1");
}

static int add_resource(cJSON *resources, const char *type, const cJSON *spec, char *why, size_t n) {
  const char *arn = jstr(spec, "arn");
  if (!arn) { snprintf(why, n, "a resource needs an arn"); return -1; }
  cJSON *bytype = cJSON_GetObjectItemCaseSensitive(resources, type);
  if (!bytype) bytype = cJSON_AddObjectToObject(resources, type);
  cJSON *c = cJSON_CreateObject();
  char region[64];
  arn_region(arn, region, sizeof region);
  const char *name = jstr(spec, "name");
  const char *tail = strrchr(arn, '/') ? strrchr(arn, '/') + 1 : strrchr(arn, ':') + 1;
  cJSON_AddStringToObject(c, "name", name ? name : tail);
  cJSON_AddStringToObject(c, "region", jstr(spec, "region") ? jstr(spec, "region") : region);
  const cJSON *data = cJSON_GetObjectItem(spec, "data");
  /* an empty Lua table arrives as []: in a test, data = {} means "nothing collected" */
  cJSON_AddItemToObject(c, "data", cJSON_IsArray(data) && !cJSON_GetArraySize(data) ? cJSON_CreateObject()
                                   : data ? cJSON_Duplicate(data, 1) : cJSON_CreateObject());
  cJSON_AddItemToObject(bytype, arn, c);
  return 0;
}

/* The type of a case's resource under test: its `type` when it names one of
 * the rule's types, else the rule's first type. */
static const char *case_type(const cJSON *meta, const cJSON *res, char *why, size_t n) {
  const char *types[CA_MAX_RULE_TYPES];
  size_t nt = ca_rule_types(meta, types);
  const char *want = jstr(res, "type");
  if (!want) return nt ? types[0] : NULL;
  for (size_t i = 0; i < nt; i++)
    if (!strcmp(types[i], want)) return types[i];
  snprintf(why, n, "resource.type \"%s\" is not a resource type of the rule", want);
  return NULL;
}

static cJSON *case_snapshot(const cJSON *tc, const cJSON *meta, char *why, size_t n) {
  const cJSON *res = cJSON_GetObjectItem(tc, "resource");
  if (!cJSON_IsObject(res)) { snprintf(why, n, "a case needs resource = {arn = ..., data = {...}}"); return NULL; }
  const char *type = case_type(meta, res, why, n);
  if (!type) return NULL;
  cJSON *s = cJSON_CreateObject();
  cJSON_AddStringToObject(s, "schema", CA_SNAPSHOT_SCHEMA);
  cJSON *tool = cJSON_AddObjectToObject(s, "tool");
  cJSON_AddStringToObject(tool, "name", "policy-test");
  cJSON_AddStringToObject(tool, "version", CA_VERSION);
  cJSON_AddStringToObject(s, "collected_at", "2026-01-01T00:00:00Z");
  cJSON_AddStringToObject(s, "account_id", jstr(tc, "account_id") ? jstr(tc, "account_id") : "111122223333");
  const cJSON *regions = cJSON_GetObjectItem(tc, "regions");
  if (regions) cJSON_AddItemToObject(s, "regions", cJSON_Duplicate(regions, 1));
  else {
    char r[64];
    if (jstr(res, "region")) snprintf(r, sizeof r, "%s", jstr(res, "region"));
    else arn_region(jstr(res, "arn") ? jstr(res, "arn") : "", r, sizeof r);
    cJSON *a = cJSON_AddArrayToObject(s, "regions");
    cJSON_AddItemToArray(a, cJSON_CreateString(r));
  }
  cJSON *resources = cJSON_AddObjectToObject(s, "resources");
  int rc = add_resource(resources, type, res, why, n);
  const cJSON *o;
  cJSON_ArrayForEach(o, cJSON_GetObjectItem(tc, "others")) {
    if (rc) break;
    if (!jstr(o, "type")) { snprintf(why, n, "each of others needs a type"); rc = -1; break; }
    rc = add_resource(resources, jstr(o, "type"), o, why, n);
  }
  /* types: resource types the collector asked for, present even when it found none of them */
  cJSON_ArrayForEach(o, cJSON_GetObjectItem(tc, "types"))
    if (cJSON_IsString(o) && !cJSON_GetObjectItemCaseSensitive(resources, o->valuestring))
      cJSON_AddObjectToObject(resources, o->valuestring);
  const cJSON *errors = cJSON_GetObjectItem(tc, "errors");
  cJSON_AddItemToObject(s, "errors", errors ? cJSON_Duplicate(errors, 1) : cJSON_CreateArray());
  if (rc) { cJSON_Delete(s); return NULL; }
  return s;
}

/* Compares a case's expectations with the findings of its resource's check. */
static int judge(const cJSON *tc, const cJSON *findings, const char *arn, char *why, size_t n) {
  const cJSON *expect = cJSON_GetObjectItem(tc, "expect");
  const char *msg = jstr(tc, "message");
  ca_buf got;
  ca_buf_init(&got, 64 * 1024);
  ca_buf_add(&got, "", 0);
  int count = 0, ok = 1, msg_found = !msg;
  const cJSON *f, *e = cJSON_IsArray(expect) ? expect->child : NULL;
  cJSON_ArrayForEach(f, findings) {
    if (strcmp(jstr(f, "from"), arn)) continue;
    const char *st = jstr(f, "status");
    ca_buf_printf(&got, "%s%s (\"%.200s\")", count ? ", " : "", st, jstr(f, "message"));
    count++;
    if (cJSON_IsString(expect)) ok &= !strcmp(st, expect->valuestring);
    else if (cJSON_IsArray(expect)) {
      ok &= e && cJSON_IsString(e) && !strcmp(st, e->valuestring);
      e = e ? e->next : NULL;
    }
    if (msg && strstr(jstr(f, "message"), msg)) msg_found = 1;
  }
  if (!cJSON_IsString(expect) && !cJSON_IsArray(expect)) {
    snprintf(why, n, "a case needs expect = \"<status>\" or a list of statuses");
    ok = 0;
  } else if (!ok || !count || e) {
    char want[512] = "";
    if (cJSON_IsString(expect)) snprintf(want, sizeof want, "%s", expect->valuestring);
    else {
      const cJSON *x;
      cJSON_ArrayForEach(x, expect) {
        size_t l = strlen(want);
        snprintf(want + l, sizeof want - l, "%s%s", l ? ", " : "", cJSON_IsString(x) ? x->valuestring : "?");
      }
    }
    snprintf(why, n, "expected %s, got %s", want, count ? got.data : "no findings");
    ok = 0;
  } else if (!msg_found) {
    snprintf(why, n, "no finding message contains \"%s\"; got %s", msg, got.data);
    ok = 0;
  }
  ca_buf_free(&got);
  return ok ? 0 : -1;
}

static int merge_params(const ca_pack *p, const cJSON *tc, cJSON **out, char *why, size_t n) {
  cJSON *m = cJSON_Duplicate(p->params, 1);
  const cJSON *o;
  cJSON_ArrayForEach(o, cJSON_GetObjectItem(tc, "params")) {
    if (!o->string || !cJSON_GetObjectItemCaseSensitive(m, o->string)) {
      snprintf(why, n, "params.%s: the pack has no such parameter", o->string ? o->string : "?");
      cJSON_Delete(m);
      return -1;
    }
    cJSON_ReplaceItemInObjectCaseSensitive(m, o->string, cJSON_Duplicate(o, 1));
  }
  *out = m;
  return 0;
}

static void report(FILE *out, ca_ptest_totals *t, int ok, int verbose, const char *file, const char *name,
                   const char *why) {
  if (ok) t->passed++;
  else t->failed++;
  if (!ok) fprintf(out, "FAIL %s: %s: %s\n", file, name, why);
  else if (verbose) fprintf(out, "ok   %s: %s\n", file, name);
}

static const ca_file *test_for(const ca_pack *p, const ca_file *rule) {
  size_t n = strlen(rule->rel);
  for (size_t i = 0; i < p->tests.n; i++) {
    const char *t = p->tests.v[i].rel;
    if (strlen(t) == n + 5 && !strncmp(t, rule->rel, n - 4) && !strcmp(t + n - 4, "_test.lua")) return &p->tests.v[i];
  }
  return NULL;
}

static void test_rule(const ca_packset *ps, const ca_pack *p, const ca_file *rule, const ca_run_opts *o, int verbose,
                      FILE *out, ca_ptest_totals *t, ca_err *err) {
  char why[2048];
  ca_run_opts meta = *o;
  meta.meta_only = 1;
  ca_rule_result r;
  if (ca_engine_run_rule(p, rule, NULL, &meta, &r, err)) return;
  const ca_file *tf = test_for(p, rule);
  if (!r.meta) {
    report(out, t, 0, verbose, rule->rel, "load", r.error);
    ca_rule_result_free(&r);
    return;
  }
  if (ca_packs_check_controls(ps, r.meta, why, sizeof why)) {   /* as audit loads it */
    report(out, t, 0, verbose, rule->rel, "load", why);
    ca_rule_result_free(&r);
    return;
  }
  if (!tf) {
    report(out, t, 0, verbose, rule->rel, "tests", "no test file beside the rule (expected <rule>_test.lua)");
    ca_rule_result_free(&r);
    return;
  }
  test_job job = {tf, o->limits, &p->libs};
  ca_proc proc = {0};
  proc.fn = load_cases_child;
  proc.arg = &job;
  proc.timeout_s = o->limits.timeout_s;
  if (ca_procs_run(&proc, 1, 1, err)) { ca_rule_result_free(&r); return; }
  cJSON *line = proc.out.data ? cJSON_Parse(proc.out.data) : NULL;
  ca_procs_free(&proc, 1);
  const cJSON *cases = cJSON_GetObjectItem(line, "cases");
  if (!cases) {
    char how[256];
    ca_proc_describe(&proc, how, sizeof how);
    report(out, t, 0, verbose, tf->rel, "load", jstr(line, "load_error") ? jstr(line, "load_error") : how);
  }
  int i = 0;
  const cJSON *tc;
  cJSON_ArrayForEach(tc, cases) {
    char name[300];
    i++;
    snprintf(name, sizeof name, "case %d%s%s", i, jstr(tc, "name") ? " " : "", jstr(tc, "name") ? jstr(tc, "name") : "");
    cJSON *snapj = case_snapshot(tc, r.meta, why, sizeof why);
    ca_snapshot *snap = NULL;
    cJSON *params = NULL;
    ca_err serr = {0};
    if (!snapj) {
      report(out, t, 0, verbose, tf->rel, name, why);
    } else if (ca_snapshot_adopt(tf->rel, snapj, &snap, &serr)) {
      report(out, t, 0, verbose, tf->rel, name, serr.msg);
    } else if (merge_params(p, tc, &params, why, sizeof why)) {
      report(out, t, 0, verbose, tf->rel, name, why);
    } else {
      ca_pack tmp = *p;
      tmp.params = params;
      ca_rule_result cr;
      if (ca_engine_run_rule(&tmp, rule, snap, o, &cr, err) == 0) {
        const char *arn = jstr(cJSON_GetObjectItem(tc, "resource"), "arn");
        cJSON *found = ca_rule_result_findings(&cr);
        if (!found) snprintf(why, sizeof why, "out of memory reading the findings");
        int ok = cr.meta && found && judge(tc, found, arn, why, sizeof why) == 0;
        cJSON_Delete(found);
        report(out, t, ok, verbose, tf->rel, name, cr.meta ? why : cr.error);
        ca_rule_result_free(&cr);
      }
    }
    cJSON_Delete(params);
    ca_snapshot_free(snap);
    if (err->code) break;
  }
  cJSON_Delete(line);
  ca_rule_result_free(&r);
}

int ca_policy_test(const ca_packset *ps, const ca_run_opts *o, int verbose, FILE *out,
                   ca_ptest_totals *t, ca_err *err) {
  t->passed = t->failed = 0;
  for (size_t i = 0; i < ps->n && !err->code; i++) {
    const ca_pack *p = ps->v[i];
    if (p->error) {
      report(out, t, 0, verbose, p->packlua.rel, "load", p->error);
      continue;
    }
    for (size_t j = 0; j < p->rules.n && !err->code; j++) test_rule(ps, p, &p->rules.v[j], o, verbose, out, t, err);
  }
  return err->code ? -1 : 0;
}
