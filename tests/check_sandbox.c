/* The policy runtime through its C API: the rule API behaves as documented,
 * and hostile or broken rules (tests/packs/hostile, budget, closing) end as `error` with a
 * precise reason, change nothing another rule sees, and let the audit go on. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lauxlib.h>

#include "ca_limits.h"
#include "policy/cgraph.h"
#include "policy/child.h"
#include "policy/ctx.h"
#include "policy/flowgraph.h"
#include "policy/view.h"
#include "policy/engine.h"
#include "results/results.h"
#include "testutil.h"
#include "util/jsonfile.h"
#include "util/jsonptr.h"

static int audit_jobs;   /* 0: as many as there are processors */

static void run_packs(const char *snapshot, const char *packdir, double timeout,
                      int (*keep)(const cJSON *, const void *), ca_snapshot **snap, ca_packset *ps, ca_run *run) {
  ca_err err = {0};
  const char *roots[] = {packdir};
  ck_assert_msg(ca_snapshot_load(snapshot, snap, &err) == 0, "%s", err.msg);
  ck_assert_msg(ca_packs_find(roots, 1, NULL, 0, ps, &err) == 0, "%s", err.msg);
  ck_assert_msg(ca_packs_load(ps, NULL, NULL, &err) == 0, "%s", err.msg);
  ca_run_opts o = {0};
  ca_limits_default(&o.limits);
  o.limits.timeout_s = timeout;
  o.limits.memory = 32L << 20;      /* small, so a memory bomb meets it quickly even under ASan */
  /* half the default, so a runaway loop meets it long before the deadline
   * the pattern bombs need, even on a loaded machine (the memory bombs reach
   * 32 MiB in about 5 million) */
  o.limits.check_instructions = 10L * 1000 * 1000;
  o.keep = keep;
  o.jobs = audit_jobs;
  ck_assert_msg(ca_engine_run(ps, *snap, &o, run, &err) == 0, "%s", err.msg);
}

static cJSON *audit(const char *snapshot, const char *packdir, double timeout) {
  ca_snapshot *snap = NULL;
  ca_packset ps = {0};
  ca_run run = {0};
  run_packs(snapshot, packdir, timeout, NULL, &snap, &ps, &run);
  cJSON *r = ca_results_build(snap, &run, "2026-01-01T00:00:00Z");
  ca_run_free(&run);
  ca_packset_free(&ps);
  ca_snapshot_free(snap);
  return r;
}

static const char *s(const cJSON *o, const char *k) { return cJSON_GetObjectItem(o, k)->valuestring; }

/* Every finding of rule id (or file) has status and a message containing needle;
 * returns how many there were. */
static int expect(const cJSON *res, const char *id, const char *status, const char *needle) {
  int n = 0;
  const cJSON *f;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(res, "findings")) {
    if (strcmp(s(f, "rule_id"), id)) continue;
    n++;
    ck_assert_msg(!strcmp(s(f, "status"), status), "%s: status %s, wanted %s (%s)", id, s(f, "status"), status, s(f, "message"));
    ck_assert_msg(strstr(s(f, "message"), needle) != NULL, "%s: message \"%s\" lacks \"%s\"", id, s(f, "message"), needle);
  }
  ck_assert_msg(n > 0, "no findings for %s", id);
  return n;
}

static cJSON *hostile;

static void run_hostile(void) {
  unlink("/tmp/ca-hostile-pwned");
  hostile = audit(CA_TEST_SRC "/tests/data/two_instances.json", CA_TEST_SRC "/tests/packs/hostile", 10);
}
static void free_hostile(void) { cJSON_Delete(hostile); }

/* flowgraph() builds a flow's graph from the parent's record of it
 * (policy/cgraph.h: node positions, Identifiers, Types, which node by_id
 * holds under each Identifier) or, without one, from the actions: the same
 * graph either way.  A flow with a duplicate Identifier (by_id keeps the
 * first, the later one goes to duplicates), actions without Identifier or
 * Type, and an item of Actions that is no action (a hole in by_index). */
static const char graph_snapshot[] =
  "{\"schema\":\"connect-auditor/snapshot/v1\",\"tool\":{\"name\":\"connect-auditor\",\"version\":\"0.1.0\"},\"account_id\":\"111122223333\",\"collected_at\":\"2026-11-20T09:30:00Z\","
  "\"regions\":[\"us-east-1\"],\"errors\":[],\"resources\":{\"connect_contact_flow\":{"
  "\"arn:aws:connect:us-east-1:111122223333:instance/i/contact-flow/f\":{\"name\":\"f\",\"region\":\"us-east-1\","
  "\"data\":{\"ContactFlow\":{\"Content\":{\"StartAction\":\"b\",\"Actions\":["
  "{\"Identifier\":\"a\",\"Type\":\"MessageParticipant\",\"Transitions\":{\"NextAction\":\"b\"}},"
  "{\"Identifier\":\"b\",\"Type\":\"UpdateFlowLoggingBehavior\",\"Transitions\":{\"NextAction\":\"a\","
  "\"Errors\":[{\"NextAction\":\"c\",\"ErrorType\":\"NoMatchingError\"}]}},"
  "{\"Type\":\"DisconnectParticipant\"},"
  "\"not an action\","
  "{\"Identifier\":\"a\",\"Type\":\"MessageParticipant\"},"
  "{\"Identifier\":\"c\"},"
  "{\"Identifier\":\"a-long-identifier-of-more-than-forty-characters-0001\",\"Type\":\"MessageParticipant\"},"
  "{\"Identifier\":\"c\",\"Type\":\"EndFlowExecution\"},"
  "{\"Identifier\":\"a-long-identifier-of-more-than-forty-characters-0001\",\"Type\":\"TransferToQueue\"}"
  "]}}}}}}}";

/* g described as text: every node (index, id, type), by_index, by_id (its
 * keys sorted, each the node of its index, and that node's id the key),
 * duplicates in order, start, a successor list. */
static const char describe_graph[] =
  "local g = ...\n"
  "local t = {}\n"
  "for k, n in ipairs(g.nodes) do t[#t + 1] = k .. '=' .. n.index .. ':' .. tostring(n.id) .. ':' .. n.type end\n"
  "for i = 1, 12 do local n = g.by_index[i]; t[#t + 1] = 'i' .. i .. '=' .. (n and n.index or '-') end\n"
  "local ids = {}\n"
  "for id in pairs(g.by_id) do ids[#ids + 1] = id end\n"
  "table.sort(ids)\n"
  "for _, id in ipairs(ids) do local n = g.by_id[id]\n"
  "  assert(rawequal(n.id, id) and g.by_index[n.index] == n)\n"
  "  t[#t + 1] = 'id ' .. id .. '=' .. n.index end\n"
  "for k, n in ipairs(g.duplicates) do t[#t + 1] = 'dup' .. k .. '=' .. n.index .. ':' .. n.id end\n"
  "t[#t + 1] = 'start=' .. tostring(g.start and g.start.index) .. ' ' .. tostring(g.start_id)\n"
  "t[#t + 1] = 'succ=' .. #g.by_id.b.succ .. ' ' .. tostring(g.truncated)\n"
  "return table.concat(t, '\\n')\n";

static char *graph_text(lua_State *L, const cJSON *content) {
  ck_assert_int_eq(luaL_loadstring(L, describe_graph), LUA_OK);
  ca_flowgraph_push(L);
  ca_view_push(L, content);
  lua_pushinteger(L, CA_FLOW_MAX_ACTIONS);
  ck_assert_int_eq(lua_pcall(L, 2, 1, 0), LUA_OK);
  ck_assert_msg(lua_istable(L, -1), "flowgraph gave no graph");
  int rc = lua_pcall(L, 1, 1, 0);
  ck_assert_msg(rc == LUA_OK, "%s", lua_tostring(L, -1));
  char *text = strdup(lua_tostring(L, -1));
  lua_pop(L, 1);
  return text;
}

START_TEST(a_flow_graph_is_the_same_with_and_without_its_record) {
  ca_snapshot *snap = NULL;
  ca_err err = {0};
  ck_assert_msg(ca_snapshot_parse("graph", graph_snapshot, strlen(graph_snapshot), &snap, &err) == 0, "%s", err.msg);
  size_t n;
  const ca_resource *r = ca_snapshot_of_type(snap, "connect_contact_flow", &n);
  ck_assert_uint_eq(n, 1);
  const cJSON *content = cJSON_GetObjectItem(cJSON_GetObjectItem(r[0].data, "ContactFlow"), "Content");
  ca_limits lim;
  ca_limits_default(&lim);
  ca_cgraphs_build(snap, CA_FLOW_MAX_ACTIONS);
  ck_assert_ptr_nonnull(ca_cgraph_find(content));
  ca_sandbox *sb = ca_rule_base_new(&lim, NULL);
  char *shared = graph_text(ca_sandbox_state(sb), content);
  ca_sandbox_free(sb);
  ca_cgraphs_free();
  ck_assert_ptr_null(ca_cgraph_find(content));
  sb = ca_rule_base_new(&lim, NULL);
  char *own = graph_text(ca_sandbox_state(sb), content);
  ca_sandbox_free(sb);
  ck_assert_msg(!strcmp(shared, own), "with the record:\n%s\nwithout:\n%s", shared, own);
  ck_assert_ptr_nonnull(strstr(own, "dup1=5:a\ndup2=8:c\ndup3=9:a-long"));
  free(shared);
  free(own);
  ca_snapshot_free(snap);
}
END_TEST

START_TEST(no_files_no_dangerous_libraries) {
  expect(hostile, "HOSTILE-IO-001", "error", "global 'io'");
  expect(hostile, "HOSTILE-OS-001", "error", "global 'os'");
  ck_assert_int_ne(access("/tmp/ca-hostile-pwned", F_OK), 0);
  expect(hostile, "HOSTILE-LOAD-001", "error", "global 'load'");
  expect(hostile, "HOSTILE-DUMP-001", "error", "nil value");
  expect(hostile, "HOSTILE-DBG-001", "error", "global 'debug'");
  expect(hostile, "HOSTILE-GC-001", "error", "global 'collectgarbage'");
  expect(hostile, "HOSTILE-PRINT-001", "error", "global 'print'");
  expect(hostile, "HOSTILE-CO-001", "error", "global 'coroutine'");
  expect(hostile, "HOSTILE-REQ-001", "error", "module names are words joined by dots");
  expect(hostile, "HOSTILE-REQ-002", "error", "no module \"os\" in policies/lib");
  expect(hostile, "hostile/binary_chunk.lua", "error", "binary chunk");
}
END_TEST

START_TEST(instruction_budget_cannot_be_swallowed) {
  /* a deadline of 60 s: on a loaded machine 3 s may pass before the budget is spent */
  cJSON *r = audit(CA_TEST_SRC "/tests/data/two_instances.json", CA_TEST_SRC "/tests/packs/budget", 60);
  ck_assert_int_eq(expect(r, "HOSTILE-LOOP-001", "error", "instruction budget of one check exhausted"), 2);
  ck_assert_int_eq(expect(r, "HOSTILE-LOOP-002", "error", "instruction budget of one check exhausted"), 2);
  expect(r, "budget/load_loop.lua", "error", "instruction budget");
  /* the flow searches' C work counts too (ca_sandbox_charge) */
  ck_assert_int_eq(expect(r, "HOSTILE-LOOP-003", "error", "instruction budget of one check exhausted"), 2);
  cJSON_Delete(r);
}
END_TEST

/* ca_run_opts.keep (audit --rule and friends): a refused rule is loaded and
 * described in its process, and checks nothing -- the two endless loops
 * below would otherwise each spend a check's budget per instance. */
static int keep_searches_only(const cJSON *meta, const void *arg) {
  (void)arg;
  return !strcmp(cJSON_GetObjectItem(meta, "id")->valuestring, "HOSTILE-LOOP-003");
}

START_TEST(a_rule_the_selection_refuses_is_loaded_not_run) {
  ca_snapshot *snap = NULL;
  ca_packset ps = {0};
  ca_run run = {0};
  run_packs(CA_TEST_SRC "/tests/data/two_instances.json", CA_TEST_SRC "/tests/packs/budget", 60, keep_searches_only,
            &snap, &ps, &run);
  int seen = 0;
  for (size_t i = 0; i < run.n; i++) {
    const ca_rule_result *r = &run.v[i];
    if (!strcmp(r->file, "budget/load_loop.lua")) {   /* loading is still done: its error is still reported */
      ck_assert_ptr_nonnull(r->error);
      seen |= 1;
      continue;
    }
    ck_assert_msg(r->meta != NULL, "%s: %s", r->file, r->error ? r->error : "no metadata");
    const char *id = cJSON_GetObjectItem(r->meta, "id")->valuestring;
    if (!strcmp(id, "HOSTILE-LOOP-003")) {
      ck_assert_int_eq((int)r->nfindings, 2);   /* both instances checked: two budget errors */
      ck_assert_ptr_nonnull(r->cost);
      seen |= 2;
    } else {
      ck_assert_msg(r->nfindings == 0 && !r->cost && !r->killed, "%s ran: %d findings", id, (int)r->nfindings);
      seen |= 4;
    }
  }
  ck_assert_int_eq(seen, 7);
  ca_run_free(&run);
  ca_packset_free(&ps);
  ca_snapshot_free(snap);
}
END_TEST

START_TEST(memory_cap_holds_even_when_caught) {
  /* the first check hits the cap; under a sanitizer the second may meet the
   * rule's time limit first: either way an error, never a pass */
  const cJSON *f;
  int mem = 0, all = 0;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(hostile, "findings"))
    if (!strcmp(s(f, "rule_id"), "HOSTILE-MEM-001")) {
      all++;
      ck_assert_str_eq(s(f, "status"), "error");
      mem += strstr(s(f, "message"), "memory limit of 32 MiB exceeded") != NULL;
    }
  ck_assert_int_eq(all, 2);
  ck_assert_int_ge(mem, 1);
  expect(hostile, "HOSTILE-MEM-003", "error", "memory limit of 32 MiB exceeded");
  expect(hostile, "HOSTILE-MEM-002", "error", "too large");
}
END_TEST

START_TEST(work_inside_c_is_killed_at_the_deadline) {
  /* A backtracking pattern never returns to the VM, so no hook fires: the
   * parent kills the rule's process at --rule-timeout. */
  expect(hostile, "HOSTILE-PAT-001", "error", "wall-clock limit of 10 s");
  expect(hostile, "hostile/load_pattern.lua", "error", "wall-clock limit of 10 s");
  /* and the run says so once, by rule: summary.killed_rules */
  int named = 0;
  const cJSON *k;
  cJSON_ArrayForEach(k, cJSON_GetObjectItem(cJSON_GetObjectItem(hostile, "summary"), "killed_rules"))
    if (!strcmp(s(k, "rule_id"), "HOSTILE-PAT-001")) named += strstr(s(k, "why"), "wall-clock limit of 10 s") != NULL;
  ck_assert_int_eq(named, 1);
}
END_TEST

START_TEST(snapshot_and_ctx_are_read_only) {
  expect(hostile, "HOSTILE-RO-001", "error", "the snapshot is read-only");
  expect(hostile, "HOSTILE-RO-002", "error", "table expected");
  expect(hostile, "HOSTILE-RO-003", "error", "attempt to index a string value");
  expect(hostile, "HOSTILE-RO-004", "error", "ctx is read-only");
  expect(hostile, "HOSTILE-STR-001", "error", "attempt to index a string value");
}
END_TEST

START_TEST(findings_are_bounded) {
  expect(hostile, "HOSTILE-EV-001", "error", "exceeds the limit of 2048");
  expect(hostile, "HOSTILE-EV-002", "error", "exceeds the limit of 16384");
  expect(hostile, "HOSTILE-EV-003", "error", "more than 1000 findings for one resource");
  expect(hostile, "HOSTILE-EV-004", "error", "a cycle?");
}
END_TEST

START_TEST(no_status_and_swallowed_evidence_are_errors) {
  expect(hostile, "HOSTILE-ERR-001", "error", "error object of type table");
  expect(hostile, "HOSTILE-ERR-002", "error", "reported no status");
  expect(hostile, "HOSTILE-NEED-001", "error", "missing evidence: /resources/connect_instance/");
}
END_TEST

/* Findings of rule id on the resource whose ARN ends in tail, in order. */
static int findings_of(const cJSON *res, const char *id, const char *tail, const cJSON **out, int max) {
  int n = 0;
  const cJSON *f;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(res, "findings")) {
    const char *arn = s(cJSON_GetObjectItem(f, "resource"), "arn");
    if (strcmp(s(f, "rule_id"), id) || strlen(arn) < strlen(tail) || strcmp(arn + strlen(arn) - strlen(tail), tail)) continue;
    if (n < max) out[n] = f;
    n++;
  }
  return n;
}

static const cJSON *ev0(const cJSON *f) { return cJSON_GetArrayItem(cJSON_GetObjectItem(f, "evidence"), 0); }

START_TEST(what_was_observed_is_the_engines) {
  /* a rule's own `observed` is refused; what a finding shows is read from the snapshot */
  expect(hostile, "HOSTILE-FORGE-001", "error", "evidence \"observed\" is read by the engine from the snapshot");
  const cJSON *f[2];
  ck_assert_int_eq(findings_of(hostile, "HOSTILE-FORGE-002", "1111-111111111111", f, 2), 1);
  ck_assert_str_eq(s(f[0], "status"), "pass");
  ck_assert_str_eq(s(ev0(f[0]), "observed"), "SAML");
  ck_assert_int_eq(findings_of(hostile, "HOSTILE-FORGE-002", "2222-222222222222", f, 2), 1);
  ck_assert_str_eq(s(f[0], "message"), "honest");
  ck_assert_str_eq(s(ev0(f[0]), "observed"), "CONNECT_MANAGED");   /* the rule's "SAML" is only a note */
  ck_assert_str_eq(s(ev0(f[0]), "note"), "SAML");
}
END_TEST

START_TEST(relative_paths_observe_as_absolute_ones) {
  /* HOSTILE-REL-001 cites each pointer twice, relative to its resource and
   * written out in full: ctx.c resolves the first in the resource's container
   * (observe_cur), the second through the snapshot's index (observe); the
   * items must be the same, byte for byte, and the pass stands on them */
  int n = expect(hostile, "HOSTILE-REL-001", "pass", "relative and absolute");
  ck_assert_int_eq(n, 2);
  const cJSON *f;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(hostile, "findings")) {
    if (strcmp(s(f, "rule_id"), "HOSTILE-REL-001")) continue;
    const cJSON *ev = cJSON_GetObjectItem(f, "evidence");
    ck_assert_int_eq(cJSON_GetArraySize(ev), 16);
    int absent = 0;
    for (int i = 0; i < 16; i += 2) {
      char *a = cJSON_PrintUnformatted(cJSON_GetArrayItem(ev, i));
      char *b = cJSON_PrintUnformatted(cJSON_GetArrayItem(ev, i + 1));
      ck_assert_str_eq(a, b);
      absent += cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetArrayItem(ev, i), "absent"));
      free(a);
      free(b);
    }
    ck_assert_int_eq(absent, 2);
    const char *idm = s(cJSON_GetArrayItem(ev, 8), "observed");   /* the two instances' */
    ck_assert_msg(!strcmp(idm, "SAML") || !strcmp(idm, "CONNECT_MANAGED"), "observed %s", idm);
  }
}
END_TEST

START_TEST(a_pass_rests_on_evidence_in_the_snapshot) {
  expect(hostile, "HOSTILE-FORGE-003", "error", "a pass without evidence: no evidence path resolves");
  expect(hostile, "HOSTILE-FORGE-004", "error", "a pass without evidence");
  expect(hostile, "HOSTILE-FORGE-004", "error", "(the rule said: ok)");
  /* another instance's member, not looked up, and a member outside every
   * resource do not support a pass; the same member does on that instance */
  const cJSON *f[2];
  ck_assert_int_eq(findings_of(hostile, "HOSTILE-FORGE-006", "1111-111111111111", f, 2), 1);
  ck_assert_str_eq(s(f[0], "status"), "error");
  ck_assert_ptr_nonnull(strstr(s(f[0], "message"), "a pass without evidence"));
  ck_assert_int_eq(findings_of(hostile, "HOSTILE-FORGE-006", "2222-222222222222", f, 2), 1);
  ck_assert_str_eq(s(f[0], "status"), "pass");
  /* after ctx:lookup it does */
  ck_assert_int_eq(expect(hostile, "HOSTILE-FORGE-007", "pass", "looked up"), 2);
}
END_TEST

START_TEST(a_finding_is_filed_under_a_resource_of_the_snapshot) {
  const cJSON *f[2];
  ck_assert_int_eq(findings_of(hostile, "HOSTILE-FORGE-005", "instance/forged-0000", f, 2), 2);
  for (int i = 0; i < 2; i++) {
    ck_assert_str_eq(s(f[i], "status"), "error");
    ck_assert_str_eq(s(f[i], "message"), "a finding filed under arn:aws:connect:us-east-1:111122223333:instance/"
                     "forged-0000, which is not in the snapshot (the rule said pass: ok)");
    ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(cJSON_GetObjectItem(f[i], "resource"), "in_snapshot")));
  }
}
END_TEST

START_TEST(params_are_read_only_and_every_read_is_recorded) {
  /* rawset reaches neither ctx.params nor ctx; the value read is recorded */
  ck_assert_int_eq(expect(hostile, "HOSTILE-PARAM-001", "pass", "n=1 rawset_params=false rawset_ctx=false assign=false"), 2);
  const cJSON *f;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(hostile, "findings"))
    if (!strcmp(s(f, "rule_id"), "HOSTILE-PARAM-001") || !strcmp(s(f, "rule_id"), "HOSTILE-PARAM-002")) {
      /* PARAM-002 reads n in its first check only, then decides by the kept value */
      const cJSON *n = cJSON_GetObjectItem(cJSON_GetObjectItem(f, "parameters"), "n");
      ck_assert_msg(cJSON_IsNumber(n) && n->valueint == 1, "%s: parameters lack n = 1", s(f, "rule_id"));
    }
  ck_assert_int_eq(expect(hostile, "HOSTILE-PARAM-002", "pass", "n is 1"), 2);
}
END_TEST

START_TEST(every_string_a_rule_emits_is_utf8) {
  expect(hostile, "HOSTILE-UTF8-001", "fail",
         "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes \xEF\xBF\xBD cut \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD surrogate");
  expect(hostile, "HOSTILE-UTF8-002", "error", "raised \xEF\xBF\xBD\xEF\xBF\xBD");
  const cJSON *f[2];
  ck_assert_int_eq(findings_of(hostile, "HOSTILE-UTF8-001", "1111-111111111111", f, 2), 1);
  ck_assert_str_eq(s(f[0], "title"), "not_utf8 \xEF\xBF\xBD title");
  const cJSON *e = ev0(f[0]);
  ck_assert_ptr_nonnull(strstr(s(e, "path"), "/data/Instance/Bad\xEF\xBF\xBDKey"));
  ck_assert_str_eq(s(e, "note"), "n\xEF\xBF\xBD\xEF\xBF\xBD");
  ck_assert_str_eq(s(cJSON_GetObjectItem(e, "expected"), "k\xEF\xBF\xBD"), "v\xEF\xBF\xBD");
  ck_assert_str_eq(s(cJSON_GetObjectItem(f[0], "parameters"), "s"), "v\xEF\xBF\xBD");   /* from pack.lua */
  /* the whole document reads back as report, diff and verify read it */
  char *text = cJSON_PrintUnformatted(hostile);
  cJSON *back = NULL;
  ca_err err = {0};
  ck_assert_msg(ca_json_parse("results", text, strlen(text), &back, &err) == 0, "%s", err.msg);
  cJSON_Delete(back);
  free(text);
}
END_TEST

/* The parent keeps a rule's findings over its output, behind the line it
 * reads (policy/engine.c, put): a line printed again longer than everything
 * read so far goes, with what was kept and every line after it, to a buffer
 * of its own, and no byte is lost on the way. */
START_TEST(a_finding_printed_longer_than_its_line_is_kept_whole) {
  char want[4 + 2000 * 3 + 1];
  static const char *const tails[] = {"1111-111111111111", "2222-222222222222"};
  static const int bad[] = {1, 2000};   /* kept in place; then moved */
  for (int i = 0; i < 2; i++) {
    memcpy(want, tails[i] + strlen(tails[i]) - 4, 4);
    for (int k = 0; k < bad[i]; k++) memcpy(want + 4 + 3 * k, "\xEF\xBF\xBD", 3);
    want[4 + 3 * bad[i]] = '\0';
    const cJSON *f[2];
    ck_assert_int_eq(findings_of(hostile, "HOSTILE-UTF8-003", tails[i], f, 2), 1);
    ck_assert_str_eq(s(f[0], "status"), "fail");
    ck_assert_str_eq(s(f[0], "message"), want);
  }
}
END_TEST

static cJSON *closing;
static void run_closing(void) { closing = audit(CA_TEST_SRC "/tests/data/two_instances.json", CA_TEST_SRC "/tests/packs/closing", 3); }
static void free_closing(void) { cJSON_Delete(closing); }

START_TEST(a_rule_stopped_after_it_reported_is_flagged) {
  /* finalizers run at close without the instruction hook: a loop there, in
   * Lua or inside C, meets the deadline after every finding was sent */
  ck_assert_int_eq(expect(closing, "HOSTILE-GC-002", "error", "the rule broke a limit after it reported (killed after "
                          "its wall-clock limit of 3 s (--rule-timeout)), so its findings are not kept (it said "
                          "pass: reported)"), 2);
  ck_assert_int_eq(expect(closing, "HOSTILE-GC-003", "error", "broke a limit after it reported"), 2);
  ck_assert_int_eq(expect(closing, "HOSTILE-GC-005", "error", "broke a limit after it reported (a finalizer at close: "
                          "memory limit of 32 MiB exceeded)"), 2);
  /* a finalizer reporting at close finds no check to report for */
  ck_assert_int_eq(expect(closing, "HOSTILE-GC-004", "pass", "reported"), 2);
}
END_TEST

START_TEST(one_rule_cannot_change_another) {
  expect(hostile, "HOSTILE-TAMPER-001", "pass", "tampered");
  ck_assert_int_eq(expect(hostile, "HOSTILE-WITNESS-001", "pass", "untouched"), 2);
}
END_TEST

START_TEST(broken_files_fail_only_themselves) {
  expect(hostile, "hostile/syntax_error.lua", "error", "syntax_error.lua:3:");
  expect(hostile, "hostile/bad_meta.lua", "error", "severity \"catastrophic\"");
  expect(hostile, "hostile/zz_dup_id.lua", "error", "rule id HOSTILE-WITNESS-001 is already used");
  expect(hostile, "hostile/bad_resource.lua", "error", "list of 1 to 4 distinct types");
  cJSON *r = audit(CA_TEST_SRC "/tests/data/two_instances.json", CA_TEST_SRC "/tests/packs/brokenpack", 3);
  expect(r, "brokenpack/pack.lua", "error", "version must be a string");
  cJSON_Delete(r);
}
END_TEST

START_TEST(rule_api_views_and_lookups) {
  cJSON *r = audit(CA_TEST_SRC "/tests/data/api.json", CA_TEST_SRC "/tests/packs/api", 30);
  expect(r, "API-VIEW-001", "pass", "views behave");
  expect(r, "API-PARAM-001", "error", "unknown parameter \"nonexistent\"");
  ck_assert_int_eq(expect(r, "API-ONCE-001", "pass", "kept bucket"), 2);
  /* evidence: observed read from the snapshot; absent marked */
  const cJSON *f;
  int seen = 0, lam = 0;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r, "findings")) {
    const cJSON *ev = cJSON_GetObjectItem(f, "evidence");
    if (!strcmp(s(f, "rule_id"), "API-VIEW-001")) {
      ck_assert_str_eq(s(cJSON_GetArrayItem(ev, 0), "path"), "/resources/s3_bucket/arn:aws:s3:::acme-b/data/Versioning/Status");
      ck_assert_str_eq(s(cJSON_GetArrayItem(ev, 0), "observed"), "Enabled");
      ck_assert_str_eq(s(cJSON_GetArrayItem(ev, 1), "observed"), "x");
      ck_assert(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetArrayItem(ev, 2), "absent")));
      seen++;
    }
    if (!strcmp(s(f, "rule_id"), "API-LOOKUP-001")) {
      const cJSON *res = cJSON_GetObjectItem(f, "resource");
      if (strstr(s(res, "arn"), ":function:ghost")) {
        /* filed under a function the snapshot does not hold: an error, whatever the rule said */
        lam++;
        ck_assert_str_eq(s(f, "status"), "error");
        ck_assert_str_eq(s(f, "message"), "a finding filed under arn:aws:lambda:us-east-1:111122223333:function:ghost, "
                         "which is not in the snapshot (the rule said pass: same region)");
        ck_assert(cJSON_IsFalse(cJSON_GetObjectItem(res, "in_snapshot")));
      } else if (strstr(s(res, "arn"), ":function:")) {
        lam++;
        ck_assert_str_eq(s(res, "type"), "lambda_function");
        ck_assert_str_eq(s(f, "status"), strstr(s(res, "arn"), "far") ? "fail" : "pass");
        ck_assert_str_eq(s(res, "region"), strstr(s(res, "arn"), "far") ? "eu-west-1" : "us-east-1");
        ck_assert_str_eq(s(cJSON_GetObjectItem(f, "parameters"), "region"), "us-east-1");
      } else {
        ck_assert_str_eq(s(f, "status"), "error");
        ck_assert_ptr_nonnull(strstr(s(f, "message"), "AccessDeniedException on connect:ListInstanceAttributes"));
      }
    }
    if (!strcmp(s(f, "rule_id"), "API-NEED-001") && strstr(s(cJSON_GetObjectItem(f, "resource"), "arn"), "bbbb")) {
      ck_assert_str_eq(s(f, "status"), "error");
      ck_assert_str_eq(s(f, "message"), "missing evidence: /resources/connect_instance/arn:aws:connect:us-east-1:"
                       "111122223333:instance~1bbbb/data/Attributes is not in the snapshot (collection error: "
                       "connect:ListInstanceAttributes failed: AccessDeniedException: User is not authorized to "
                       "perform connect:ListInstanceAttributes)");
    }
  }
  ck_assert_int_eq(seen, 1);
  ck_assert_int_eq(lam, 3);
  /* a rule over two types: each resource of both, in the rule's type order, and
   * results.rules[] keeps the list */
  const char *order[] = {"s3_bucket", "connect_instance", "connect_instance"};
  int k = 0;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r, "findings")) {
    if (strcmp(s(f, "rule_id"), "API-TYPES-001")) continue;
    ck_assert_int_lt(k, 3);
    ck_assert_str_eq(s(cJSON_GetObjectItem(f, "resource"), "type"), order[k]);
    ck_assert_ptr_nonnull(strstr(s(f, "message"), order[k]));
    k++;
  }
  ck_assert_int_eq(k, 3);
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r, "rules")) {
    if (strcmp(s(f, "id"), "API-TYPES-001")) continue;
    const cJSON *types = cJSON_GetObjectItem(f, "resource");
    ck_assert_int_eq(cJSON_GetArraySize(types), 2);
    ck_assert_str_eq(cJSON_GetArrayItem(types, 1)->valuestring, "connect_instance");
  }
  /* the control matrix: HIPAA 164.312(b) passing (only API-VIEW-001 maps to it) */
  const cJSON *h = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "summary"), "frameworks"), "HIPAA");
  const cJSON *c, *b = NULL;   /* every control of the catalogue is listed: 164.312(b) among them */
  cJSON_ArrayForEach(c, cJSON_GetObjectItem(h, "controls"))
    if (!strcmp(s(c, "id"), "164.312(b)")) b = c;
  ck_assert_ptr_nonnull(b);
  ck_assert_str_eq(s(b, "status"), "passing");
  cJSON_Delete(r);
}
END_TEST

/* API-EVID-001 (tests/packs/api/evidence_paths.lua): every item observes what
 * util/jsonptr.h's ca_ptr_get finds at its path in the snapshot (ctx.c walks
 * pointers itself, keeping its place in arrays, and looks resources up
 * through a cache), printed as cJSON prints it when that fits in
 * CA_MAX_OBSERVED_BYTES, else described and marked elided; its expected is
 * written as cJSON prints it. */
START_TEST(evidence_observes_what_the_pointer_names) {
  const char *fixture = CA_TEST_SRC "/tests/data/evidence.json";
  ca_err err = {0};
  ca_snapshot *snap = NULL;
  ck_assert_msg(ca_snapshot_load(fixture, &snap, &err) == 0, "%s", err.msg);
  cJSON *r = audit(fixture, CA_TEST_SRC "/tests/packs/api", 30);
  ck_assert_int_eq(expect(r, "API-EVID-001", "fail", "cited"), 2);
  const cJSON *f, *e;
  int items = 0, absent = 0, expected = 0, elided = 0;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r, "findings")) {
    if (strcmp(s(f, "rule_id"), "API-EVID-001")) continue;
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(f, "evidence")), 61);
    ca_buf own;   /* the pointer of the resource under test, for ctx:ptr of its views */
    ca_buf_init(&own, (size_t)-1);
    ca_buf_adds(&own, "/resources/connect_instance");
    ca_ptr_push(&own, s(cJSON_GetObjectItem(f, "resource"), "arn"));
    ca_buf_adds(&own, "/data");
    cJSON_ArrayForEach(e, cJSON_GetObjectItem(f, "evidence")) {
      items++;
      if (cJSON_GetObjectItem(e, "note") && !strcmp(s(e, "note"), "own"))
        ck_assert_msg(!strncmp(s(e, "path"), own.data, own.len), "%s is not under %s", s(e, "path"), own.data);
      const cJSON *want = ca_ptr_get(ca_snapshot_root(snap), s(e, "path"));
      const cJSON *got = cJSON_GetObjectItem(e, "observed");
      ck_assert_ptr_nonnull(got);
      if (!want) {
        absent++;
        ck_assert_msg(cJSON_IsNull(got) && cJSON_IsTrue(cJSON_GetObjectItem(e, "absent")), "%s: not absent", s(e, "path"));
        continue;
      }
      ck_assert_ptr_null(cJSON_GetObjectItem(e, "absent"));
      char *a = cJSON_PrintUnformatted(got), *b = cJSON_PrintUnformatted(want);
      if (strlen(b) <= CA_MAX_OBSERVED_BYTES) {
        ck_assert_msg(!strcmp(a, b), "%s: observed %s, the snapshot holds %s", s(e, "path"), a, b);
        ck_assert_ptr_null(cJSON_GetObjectItem(e, "elided"));
      } else {
        elided++;
        ck_assert_msg(cJSON_IsTrue(cJSON_GetObjectItem(e, "elided")), "%s: %zu bytes not elided", s(e, "path"), strlen(b));
        ck_assert_msg(cJSON_IsString(got) && strstr(got->valuestring, "not copied; the snapshot holds it at this path"),
                      "%s: observed %s", s(e, "path"), a);
      }
      free(a);
      free(b);
      const cJSON *x = cJSON_GetObjectItem(e, "expected");
      if (!x) continue;
      expected++;
      char *xs = cJSON_PrintUnformatted(x);
      ck_assert_msg(!strcmp(xs, "7") || !strcmp(xs, "{\"a\":1,\"b\":[\"x\",true]}") || !strcmp(xs, "\"y\"") ||
                    !strcmp(xs, "111122223333"), "expected %s", xs);
      free(xs);
    }
    ca_buf_free(&own);
  }
  /* absent: aaaa's items 3 and 9, "01", "-1", "x" ("+1" and " 1" are item 1
   * to strtol), bbbb's every LambdaFunctions and Big item (17 + 16), and for
   * both bbbb's item 0, instance aaab, /regions/2, the flow's action 300.  Elided: aaaa's data
   * (twice) and container (Big is in them), s2047, ctl342 (2 + 6 * 342
   * bytes), obj, arr */
  ck_assert_int_eq(items, 122);
  ck_assert_int_eq(absent, 5 + 17 + 16 + 2 * 4);
  ck_assert_int_eq(elided, 7);
  ck_assert_int_eq(expected, 2 * 4 - 2);
  cJSON_Delete(r);
  ca_snapshot_free(snap);
}
END_TEST

/* Each rule process runs in its own copy of the base state the engine built
 * before forking (ctx.c ca_rule_base_new): one rule at a time, in file
 * order, aa_tamper changes all it can reach and zz_witness finds none of it. */
START_TEST(each_rule_starts_from_a_fresh_state) {
  audit_jobs = 1;
  cJSON *r = audit(CA_TEST_SRC "/tests/data/two_instances.json", CA_TEST_SRC "/tests/packs/fresh", 30);
  audit_jobs = 0;
  ck_assert_int_eq(expect(r, "FRESH-TAMPER-001", "pass", "tampered"), 2);
  ck_assert_int_eq(expect(r, "FRESH-WITNESS-001", "pass", "pristine"), 2);
  cJSON_Delete(r);
}
END_TEST

static int rule_child_fn(void *arg, int fd) { return ca_rule_child(arg, fd); }

/* What a rule process writes (findings, where a budget stops it, the
 * instructions and memory it reports, a finalizer's limit at close) is the
 * same byte for byte whether it starts from the engine's base state or
 * builds its state itself, as before the base state existed. */
START_TEST(the_base_state_changes_no_rule_output) {
  ca_err err = {0};
  ca_snapshot *snap = NULL;
  ck_assert_msg(ca_snapshot_load(CA_TEST_SRC "/tests/data/two_instances.json", &snap, &err) == 0, "%s", err.msg);
  const char *roots[] = {CA_TEST_SRC "/tests/packs/fresh", CA_TEST_SRC "/tests/packs/closing"};
  int stops = 0, closes = 0, compared = 0;
  for (int k = 0; k < 2; k++) {
    ca_packset ps = {0};
    ck_assert_msg(ca_packs_find(&roots[k], 1, NULL, 0, &ps, &err) == 0, "%s", err.msg);
    ck_assert_msg(ca_packs_load(&ps, NULL, NULL, &err) == 0, "%s", err.msg);
    for (size_t i = 0; i < ps.n; i++) {
      const ca_pack *p = ps.v[i];
      for (size_t j = 0; j < p->rules.n; j++) {
        const ca_file *rule = &p->rules.v[j];
        /* the closing pack's loops end only at the deadline */
        if (strstr(rule->rel, "loop") || strstr(rule->rel, "pattern")) continue;
        ca_rule_job job = {0};
        job.snap = snap;
        job.rule = rule;
        job.libs = &p->libs;
        job.params = p->params;
        ca_limits_default(&job.limits);
        job.limits.memory = 32L << 20;
        /* budget_stop.lua spends ~0.5 million a resource: stops in the second */
        job.limits.rule_instructions = 800L * 1000;
        job.limits.rule_instructions_per_resource = 0;
        job.limits.timeout_s = 30;
        ca_proc pr[2];
        memset(pr, 0, sizeof pr);
        for (int b = 0; b < 2; b++) {
          job.base = b ? ca_rule_base_new(&job.limits, NULL) : NULL;
          ck_assert(!b || job.base);
          pr[b].fn = rule_child_fn;
          pr[b].arg = &job;
          pr[b].timeout_s = 30;
          ck_assert_msg(ca_procs_run(&pr[b], 1, 1, &err) == 0, "%s", err.msg);
          ca_sandbox_free(job.base);
        }
        ca_buf_add(&pr[0].out, "", 1);
        ca_buf_add(&pr[1].out, "", 1);
        ck_assert_msg(pr[0].out.len > 1 && strstr(pr[0].out.data, "\"cost\""), "%s: %s", rule->rel, pr[0].out.data);
        ck_assert_msg(pr[0].out.len == pr[1].out.len && !memcmp(pr[0].out.data, pr[1].out.data, pr[0].out.len),
                      "%s: own state:\n%s\nbase state:\n%s", rule->rel, pr[0].out.data, pr[1].out.data);
        stops += strstr(pr[0].out.data, "\"stop\":\"instruction budget of the rule") != NULL;
        closes += strstr(pr[0].out.data, "\"close_error\"") != NULL;
        compared++;
        ca_procs_free(pr, 2);
      }
    }
    ca_packset_free(&ps);
  }
  ck_assert_int_eq(compared, 5);
  ck_assert_int_eq(stops, 1);    /* budget_stop.lua */
  ck_assert_int_eq(closes, 1);   /* gc_close_memory.lua */
  ca_snapshot_free(snap);
}
END_TEST

int main(void) {
  Suite *su = suite_create("sandbox");
  TCase *tc = tcase_create("hostile");
  tcase_add_unchecked_fixture(tc, run_hostile, free_hostile);
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, no_files_no_dangerous_libraries);
  tcase_add_test(tc, instruction_budget_cannot_be_swallowed);
  tcase_add_test(tc, a_rule_the_selection_refuses_is_loaded_not_run);
  tcase_add_test(tc, memory_cap_holds_even_when_caught);
  tcase_add_test(tc, work_inside_c_is_killed_at_the_deadline);
  tcase_add_test(tc, snapshot_and_ctx_are_read_only);
  tcase_add_test(tc, findings_are_bounded);
  tcase_add_test(tc, no_status_and_swallowed_evidence_are_errors);
  tcase_add_test(tc, one_rule_cannot_change_another);
  tcase_add_test(tc, broken_files_fail_only_themselves);
  tcase_add_test(tc, what_was_observed_is_the_engines);
  tcase_add_test(tc, a_pass_rests_on_evidence_in_the_snapshot);
  tcase_add_test(tc, relative_paths_observe_as_absolute_ones);
  tcase_add_test(tc, a_finding_is_filed_under_a_resource_of_the_snapshot);
  tcase_add_test(tc, params_are_read_only_and_every_read_is_recorded);
  tcase_add_test(tc, every_string_a_rule_emits_is_utf8);
  tcase_add_test(tc, a_finding_printed_longer_than_its_line_is_kept_whole);
  suite_add_tcase(su, tc);
  TCase *cl = tcase_create("closing");
  tcase_add_unchecked_fixture(cl, run_closing, free_closing);
  tcase_set_timeout(cl, 120);
  tcase_add_test(cl, a_rule_stopped_after_it_reported_is_flagged);
  suite_add_tcase(su, cl);
  TCase *api = tcase_create("api");
  tcase_set_timeout(api, 120);
  tcase_add_test(api, rule_api_views_and_lookups);
  tcase_add_test(api, evidence_observes_what_the_pointer_names);
  tcase_add_test(api, each_rule_starts_from_a_fresh_state);
  tcase_add_test(api, the_base_state_changes_no_rule_output);
  tcase_add_test(api, a_flow_graph_is_the_same_with_and_without_its_record);
  suite_add_tcase(su, api);
  return tu_run_suite(su);
}
