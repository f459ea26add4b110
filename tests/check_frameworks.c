/* Frameworks and their control catalogues (docs/policies.md, "Frameworks
 * and their controls"): controls.json checked on load (exit 2, the file and
 * the JSON pointer), rule mappings held to the catalogue, a framework of
 * one's own (examples/soc2) through audit, selection, policy list and every
 * report's matrix, "not assessed" controls, and results.json written before
 * catalogues still rendered as they were. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "testutil.h"

#define PROD CA_TEST_SRC "/fixtures/demo/prod.json"
#define SOC2 CA_TEST_SRC "/examples/soc2"

static void setup(void) { tu_setup("frameworks"); }
static void teardown(void) { tu_teardown(); }

static const char *str(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : "";
}

static const cJSON *get(const cJSON *o, const char *k) { return cJSON_GetObjectItemCaseSensitive(o, k); }

static const char PACK_LUA[] = "return { name = \"soc2\", version = \"0.1.0\", framework = \"SOC2\", params = {} }\n";
static const char RULE_LUA[] =
  "return { id = \"SOC2-X-001\", title = \"t\", severity = \"low\", practice = \"CW-1\",\n"
  "  controls = { SOC2 = {\"%s\"} }, resource = \"connect_instance\", rationale = \"r\", remediation = \"m\",\n"
  "  check = function(r, ctx) ctx:pass(\"ok\", { path = \"data\" }) end }\n";
static const char CATALOGUE[] =
  "{\"framework\": \"SOC2\", \"version\": \"2017\", \"source\": \"a test\",\n"
  " \"controls\": [{\"id\": \"CC6.1\", \"title\": \"Logical access\"}, {\"id\": \"CC7.2\", \"title\": \"Monitoring\"}]}\n";

/* tu_dir/p/soc2 with pack.lua, controls.json (catalogue) and one rule
 * mapping to control; returns the policy folder tu_dir/p. */
static const char *user_pack(const char *catalogue, const char *control) {
  char rule[1024];
  mkdir(tu_path("p"), 0755);
  mkdir(tu_path("p/soc2"), 0755);
  tu_put("p/soc2/pack.lua", PACK_LUA);
  if (catalogue) tu_put("p/soc2/controls.json", catalogue);
  snprintf(rule, sizeof rule, RULE_LUA, control);
  tu_put("p/soc2/rule.lua", rule);
  tu_put("p/soc2/rule_test.lua", "return { { name = \"passes\", resource = { arn = \"arn:aws:connect:us-east-1:1:instance/i\","
                                  " data = {} }, expect = \"pass\" } }\n");
  static char dir[128];   /* tu_path's buffers are reused */
  snprintf(dir, sizeof dir, "%s", tu_path("p"));
  return dir;
}

/* policy list and audit both refuse it: exit 2, the message. */
static void refused(const char *policies, const char *message) {
  char pol[256];
  snprintf(pol, sizeof pol, "%s", policies);
  tu_out o = tu_run((const char *[]){"policy", "list", "--policies", pol, NULL});
  ck_assert_msg(o.code == 2, "policy list: exit %d: %s", o.code, o.err);
  HAS(o.err, message);
  tu_done(&o);
  o = tu_run((const char *[]){"audit", PROD, "-o", tu_path("out"), "-q", "--policies", pol, NULL});
  ck_assert_msg(o.code == 2, "audit: exit %d: %s", o.code, o.err);
  HAS(o.err, message);
  tu_done(&o);
  struct stat st;
  ck_assert_int_ne(stat(tu_path("out/results.json"), &st), 0);   /* nothing written */
}

START_TEST(catalogue_errors_name_the_file_and_pointer) {
  const char *p = user_pack("{\"framework\": \"SOC2\", \"version\": \"1\", \"source\": \"s\", \"controls\": ["
                            "{\"id\": \"CC6.1\", \"title\": \"a\"}, {\"id\": \"CC6.1\", \"title\": \"b\"}]}", "CC6.1");
  refused(p, "p/soc2/controls.json: /controls/1/id: expected each control once: \"CC6.1\" is already /controls/0");
  tu_put("p/soc2/controls.json", "{\"framework\": \"SOC2\", \"version\": \"1\", \"source\": \"s\", \"controls\": ["
                                 "{\"id\": \"CC6.1\"}]}");
  refused(p, "p/soc2/controls.json: /controls/0/title: expected the requirement's title");
  tu_put("p/soc2/controls.json", "{\"framework\": \"SOC2\", \"version\": \"1\", \"source\": \"s\", \"controls\": ["
                                 "{\"id\": \"CC6.1\", \"titel\": \"a\"}]}");
  refused(p, "p/soc2/controls.json: /controls/0/titel: expected no member \"titel\" (known: id, title, note, rules)");
  tu_put("p/soc2/controls.json", "{\"framework\": \"SOC 2\", \"version\": \"1\", \"source\": \"s\", \"controls\": []}");
  refused(p, "p/soc2/controls.json: /framework: expected a framework name");
  tu_put("p/soc2/controls.json", "{\"framework\": \"SOC2\", \"version\": \"1\", \"source\": \"s\", \"controls\": []}");
  refused(p, "p/soc2/controls.json: /controls: expected a list of 1 to 2000 controls");
  tu_put("p/soc2/controls.json", "{\"framework\": \"SOC2\", \"source\": \"s\", \"controls\": [{\"id\": \"a\", \"title\": \"b\"}]}");
  refused(p, "p/soc2/controls.json: /version: expected the version");
  tu_put("p/soc2/controls.json", "{\"framework\": \"SOC2\",\n \"version\": 1,,}");
  refused(p, "p/soc2/controls.json:2:");   /* not JSON: line:column */
  tu_put("p/soc2/controls.json", "{\"framework\": \"SOC2\", \"version\": \"1\", \"source\": \"s\", \"controls\": ["
                                 "{\"id\": \"CC6.1\", \"title\": \"a\", \"rules\": [\"base-cw-001\"]}]}");
  refused(p, "p/soc2/controls.json: /controls/0/rules/0: expected a rule ID");
}
END_TEST

START_TEST(a_framework_has_one_catalogue) {
  /* PCI DSS declared again by a user pack: identical is one catalogue, different an error */
  char *pci = tu_read(CA_TEST_SRC "/policies/pci/controls.json", NULL);
  const char *p = user_pack(CATALOGUE, "CC6.1");
  mkdir(tu_path("p/pcix"), 0755);
  tu_put("p/pcix/pack.lua", "return { name = \"pcix\", version = \"1\", framework = \"PCI-DSS-4.0\" }\n");
  tu_put("p/pcix/controls.json", pci);
  tu_out o = tu_run((const char *[]){"policy", "list", "--policies", p, NULL});
  ck_assert_msg(o.code == 0, "identical catalogue: exit %d: %s", o.code, o.err);
  tu_done(&o);
  char *edited = strstr(pci, "Audit logs are enabled and active");
  ck_assert_ptr_nonnull(edited);
  memcpy(edited, "Audit logs are ENABLED", strlen("Audit logs are ENABLED"));
  tu_put("p/pcix/controls.json", pci);
  refused(p, "p/pcix/controls.json: /controls/13: framework PCI-DSS-4.0 is declared by ");
  refused(p, "policies/pci/controls.json too, with a different catalogue");
  free(pci);
}
END_TEST

START_TEST(a_mapping_to_a_control_not_in_the_catalogue_does_not_load) {
  const char *p = user_pack(CATALOGUE, "CC9.9");
  const char *want = "rule SOC2-X-001 maps to SOC2 control \"CC9.9\", which soc2/controls.json does not list "
                     "(its 2 controls are the ones a rule may name)";
  tu_out o = tu_run((const char *[]){"policy", "list", "--policies", p, NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.out, want);
  tu_done(&o);
  char dir[256];
  snprintf(dir, sizeof dir, "%s/soc2", p);
  o = tu_run((const char *[]){"policy", "test", dir, NULL});
  ck_assert_int_eq(o.code, 1);
  HAS(o.out, "FAIL soc2/rule.lua: load: ");
  HAS(o.out, want);
  tu_done(&o);
  /* audit: that rule is an error finding (as any rule that cannot load), the rest runs */
  o = tu_run((const char *[]){"audit", PROD, "-o", tu_path("out"), "-q", "--policies", p, "--pack", "soc2", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  cJSON *r = tu_load(tu_path("out/results.json"));
  const cJSON *f = cJSON_GetArrayItem(get(r, "findings"), 0);
  ck_assert_str_eq(str(f, "status"), "error");
  ck_assert_str_eq(str(f, "rule_id"), "soc2/rule.lua");
  HAS(str(f, "message"), want);
  cJSON_Delete(r);
  /* a framework no pack declares */
  char rule[1024];
  snprintf(rule, sizeof rule, RULE_LUA, "CC6.1");
  char *at = strstr(rule, "SOC2 = ");
  memcpy(at, "ISO9 = ", 7);
  tu_put("p/soc2/rule.lua", rule);
  o = tu_run((const char *[]){"policy", "list", "--policies", p, NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.out, "rule SOC2-X-001 maps to framework ISO9, which no pack declares");
  tu_done(&o);
}
END_TEST

/* A crosswalk entry (controls[].rules) naming a rule no pack on the search
 * path has is warned of -- the catalogue file, the JSON pointer, the ID -- by
 * policy list, policy test and audit, which go on (exit as without it); one
 * naming a rule of a pack not selected (--pack) is not. */
START_TEST(a_crosswalk_to_no_rule_is_warned_of) {
  static const char cat[] =
    "{\"framework\": \"SOC2\", \"version\": \"2017\", \"source\": \"a test\",\n"
    " \"controls\": [{\"id\": \"CC6.1\", \"title\": \"Logical access\", \"rules\": [\"BASE-CW-001\", \"NOPE-XX-001\"]},\n"
    "  {\"id\": \"CC7.2\", \"title\": \"Monitoring\", \"rules\": [\"SOC2-X-001\"]}]}\n";
  const char *p = user_pack(cat, "CC6.1");
  char pol[256], dir[256];
  snprintf(pol, sizeof pol, "%s", p);
  snprintf(dir, sizeof dir, "%s/soc2", p);
  const char *want = "/soc2/controls.json: /controls/0/rules/1: rule NOPE-XX-001 is not a rule of any pack on the "
                     "policy search path";
  const char *const runs[][12] = {
    {"policy", "list", "--policies", pol, NULL},
    {"policy", "list", "--policies", pol, "--pack", "soc2", NULL},            /* BASE-CW-001: baseline, not selected */
    {"policy", "test", dir, NULL},                                            /* the built-in packs searched too */
    {"audit", PROD, "-o", tu_path("o1"), "-q", "--policies", pol, "--pack", "soc2", NULL},
    {"audit", PROD, "-o", tu_path("o2"), "-q", "--policies", pol, "--pack", "baseline", NULL},   /* SOC2-X-001: soc2 */
  };
  for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
    tu_out o = tu_run(runs[i]);
    ck_assert_msg(o.code == 0 || (!strcmp(runs[i][0], "audit") && o.code == 1), "%s %s: exit %d: %s", runs[i][0],
                  runs[i][1], o.code, o.err);
    HAS(o.err, "connect-auditor: warning: ");
    HAS(o.err, want);
    HAS(o.err, "the crosswalk maps nothing, and the control is decided without it");
    LACKS(o.err, "rule BASE-CW-001 is not");
    LACKS(o.err, "rule SOC2-X-001 is not");
    tu_done(&o);
  }
  /* the crosswalk still maps the rule that exists */
  cJSON *r = tu_load(tu_path("o2/results.json"));
  const cJSON *x;
  int mapped = 0;
  cJSON_ArrayForEach(x, get(r, "rules"))
    if (!strcmp(str(x, "id"), "BASE-CW-001")) {
      char *c = cJSON_PrintUnformatted(get(x, "controls"));
      mapped = strstr(c, "{\"framework\":\"SOC2\",\"id\":\"CC6.1\"}") != NULL;
      free(c);
    }
  ck_assert(mapped);
  cJSON_Delete(r);
  /* every entry a rule: nothing said */
  tu_put("p/soc2/controls.json", CATALOGUE);
  tu_out o = tu_run((const char *[]){"policy", "list", "--policies", pol, NULL});
  ck_assert_int_eq(o.code, 0);
  LACKS(o.err, "warning");
  tu_done(&o);
}
END_TEST

START_TEST(a_pack_claims_a_declared_framework) {
  const char *p = user_pack(NULL, "CC6.1");   /* no controls.json: SOC2 is declared nowhere */
  tu_out o = tu_run((const char *[]){"policy", "list", "--policies", p, NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.out, "soc2/pack.lua: framework must name a framework a pack declares in its controls.json "
             "(declared: BASELINE, HIPAA, PCI-DSS-4.0, PII)");
  tu_done(&o);
  tu_put("p/soc2/controls.json", CATALOGUE);
  tu_put("p/soc2/pack.lua", "return { name = \"soc2\", version = \"0.1.0\", framework = \"PII\" }\n");
  o = tu_run((const char *[]){"policy", "list", "--policies", p, NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.out, "soc2/pack.lua: framework is \"PII\", but the pack's soc2/controls.json declares SOC2");
  tu_done(&o);
}
END_TEST

static int lines(const char *s) {
  int n = 0;
  for (; *s; s++) n += *s == '\n';
  return n;
}

/* examples/soc2 end to end: its catalogue in results.json, every control of
 * it in the summary, the HTML, the Markdown and controls-SOC2.csv, the
 * built-in checks it maps decide its controls, the ones nothing decides say
 * "not assessed", and --framework SOC2 selects the rules that map to it. */
START_TEST(a_framework_of_ones_own_end_to_end) {
  const char *out = tu_path("soc2");
  tu_out o = tu_run((const char *[]){"audit", PROD, "-o", out, "-q", "--policies", SOC2, "--format", "html,md,controls", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  char path[512];
  snprintf(path, sizeof path, "%s/results.json", out);
  cJSON *r = tu_load(path);
  const cJSON *fws = get(r, "frameworks"), *cat = cJSON_GetArrayItem(fws, 4);
  ck_assert_int_eq(cJSON_GetArraySize(fws), 5);   /* the built-in four, then SOC2 */
  ck_assert_str_eq(str(cJSON_GetArrayItem(fws, 0), "name"), "PCI-DSS-4.0");
  ck_assert_str_eq(str(cat, "name"), "SOC2");
  ck_assert_str_eq(str(cat, "pack"), "soc2");
  ck_assert_str_eq(str(cat, "file"), "soc2/controls.json");
  ck_assert_int_eq(cJSON_GetArraySize(get(cat, "controls")), 11);
  const cJSON *sum = get(get(get(r, "summary"), "frameworks"), "SOC2"), *c;
  ck_assert_int_eq(cJSON_GetArraySize(get(sum, "controls")), 11);
  long counted = 0;
  cJSON_ArrayForEach(c, get(sum, "counts")) counted += (long)c->valuedouble;
  ck_assert_int_eq(counted, 11);
  ck_assert_int_eq((int)get(get(sum, "counts"), "not_assessed")->valuedouble, 5);
  int i = 0;
  cJSON_ArrayForEach(c, get(sum, "controls")) {   /* the catalogue's order and titles */
    const cJSON *k = cJSON_GetArrayItem(get(cat, "controls"), i++);
    ck_assert_str_eq(str(c, "id"), str(k, "id"));
    ck_assert_str_eq(str(c, "title"), str(k, "title"));
  }
  const cJSON *cc62 = cJSON_GetArrayItem(get(sum, "controls"), 1), *cc72 = cJSON_GetArrayItem(get(sum, "controls"), 7);
  ck_assert_str_eq(str(cc62, "id"), "CC6.2");
  ck_assert_str_eq(str(cc62, "status"), "not_assessed");
  ck_assert_str_eq(str(cc72, "id"), "CC7.2");
  ck_assert_str_eq(str(cc72, "status"), "failing");   /* BASE-CW-010 fails on the demo instance */
  /* the crosswalk: a built-in rule's findings name the SOC2 control too */
  int crossed = 0;
  cJSON_ArrayForEach(c, get(r, "findings")) {
    if (strcmp(str(c, "rule_id"), "BASE-CW-001")) continue;
    const cJSON *x;
    cJSON_ArrayForEach(x, get(c, "controls")) crossed |= !strcmp(str(x, "framework"), "SOC2") && !strcmp(str(x, "id"), "CC7.2");
  }
  ck_assert(crossed);
  cJSON_Delete(r);

  snprintf(path, sizeof path, "%s/controls-SOC2.csv", out);
  char *csv = tu_read(path, NULL);
  ck_assert_int_eq(lines(csv), 12);   /* the header and every control */
  HAS(csv, "SOC2,CC6.2,\"Users are registered and authorized before credentials are issued, and removed when no longer "
           "authorized\",not_assessed,,0,0,0,0,0,0\r\n");
  HAS(csv, "SOC2,CC6.3,\"Access is authorized, changed or removed by role, with least privilege and segregation of duties\","
           "failing,BASE-USR-001; BASE-USR-002; SOC2-ACC-001,");
  free(csv);
  snprintf(path, sizeof path, "%s/report.md", out);
  char *md = tu_read(path, NULL);
  HAS(md, "\n### SOC2: 11 controls\n");
  HAS(md, "\n| CC6.8 | Unauthorized or malicious software is prevented or detected and acted upon | not assessed | 0 | 0 | 0 | 0 | 0 | 0 |\n");
  /* CC7.1 fails by BASE-CW-011, decided from the demo's trail and alarms (no longer manual) */
  HAS(md, "\n| SOC2 | 6 | 0 | 0 | 0 | 0 | 0 | 0 | 5 | CC6.1, CC6.3, CC6.6, CC6.7, CC7.1, CC7.2 |\n");
  free(md);
  snprintf(path, sizeof path, "%s/report.html", out);
  char *html = tu_read(path, NULL);
  HAS(html, "<tr><th scope=\"row\">CC6.8</th><td>Unauthorized or malicious software is prevented or detected and acted "
            "upon</td><td class=\"cs-not_assessed\">\u25CB not assessed</td>");
  HAS(html, "no selected rule maps to it");
  HAS(html, "<p>0 of 11 controls passing or attested</p><p class=\"denom\">of the framework's 11 controls (its catalogue)</p>");
  free(html);

  /* --framework SOC2: the rules that map to it, its own and the crosswalked */
  out = tu_path("sel");
  o = tu_run((const char *[]){"audit", PROD, "-o", out, "-q", "--policies", SOC2, "--framework", "SOC2", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  snprintf(path, sizeof path, "%s/results.json", out);
  r = tu_load(path);
  ck_assert_int_eq(cJSON_GetArraySize(get(r, "rules")), 12);
  cJSON_Delete(r);

  /* policy list --format json names the framework like a built-in one */
  o = tu_run((const char *[]){"policy", "list", "--policies", SOC2, "--pack", "soc2", "--pack", "baseline", "--format", "json", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  HAS(o.out, "\"framework\":\t\"SOC2\"");
  HAS(o.out, "\"id\":\t\"CC7.2\"");
  cJSON *doc = cJSON_Parse(o.out);
  const cJSON *fw, *found = NULL;
  cJSON_ArrayForEach(fw, get(doc, "frameworks")) if (!strcmp(str(fw, "name"), "SOC2")) found = fw;
  ck_assert_ptr_nonnull(found);
  ck_assert_int_eq(cJSON_GetArraySize(get(found, "controls")), 11);
  cJSON_Delete(doc);
  tu_done(&o);
  o = tu_run((const char *[]){"policy", "list", "--policies", SOC2, NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  HAS(o.out, "\nframework SOC2 2017 TSC, revised points of focus 2022: 11 controls (SOC 2 Trust Services Criteria: "
             "CC6 and CC7 (example), soc2/controls.json)\n");
  HAS(o.out, "\nframework PCI-DSS-4.0 4.0: 19 controls (PCI DSS, pci/controls.json)\n");
  tu_done(&o);
}
END_TEST

/* The history records a framework of one's own like a built-in one, and
 * lists its failing controls with their change. */
START_TEST(history_lists_a_framework_of_ones_own) {
  const char *db = tu_path("h.db");
  char dbp[256];
  snprintf(dbp, sizeof dbp, "%s", db);
  for (int k = 0; k < 2; k++) {
    tu_out o = tu_run((const char *[]){"audit", PROD, "-o", tu_path("h"), "-q", "--policies", SOC2, "--db", dbp, NULL});
    ck_assert_msg(o.code == 0, "%s", o.err);
    tu_done(&o);
  }
  tu_out o = tu_run((const char *[]){"history", "--db", dbp, "--format", "json", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  cJSON *scans = cJSON_Parse(o.out);
  ck_assert_ptr_nonnull(scans);
  const cJSON *fws = get(cJSON_GetArrayItem(get(scans, "scans"), 0), "frameworks"), *soc2 = get(fws, "SOC2");
  ck_assert_ptr_nonnull(soc2);
  ck_assert_int_eq((int)get(soc2, "failing")->valuedouble, 6);
  ck_assert_int_eq((int)get(soc2, "failing_change")->valuedouble, 0);
  ck_assert_str_eq(cJSON_GetArrayItem(fws, 4)->string, "SOC2");   /* after the built-in four */
  cJSON_Delete(scans);
  tu_done(&o);
  o = tu_run((const char *[]){"history", "--db", dbp, NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  HAS(o.out, ", SOC2 6 (=)");
  tu_done(&o);
}
END_TEST

/* A changed catalogue shows in the evidence: the pack's SHA-256 and the
 * catalogue's own. */
START_TEST(the_catalogue_is_hashed_with_its_pack) {
  const char *p = user_pack(CATALOGUE, "CC6.1");
  char *sha[2][2];
  for (int k = 0; k < 2; k++) {
    if (k) tu_put("p/soc2/controls.json", "{\"framework\": \"SOC2\", \"version\": \"2017\", \"source\": \"a test\",\n"
                                          " \"controls\": [{\"id\": \"CC6.1\", \"title\": \"Logical access!\"}, "
                                          "{\"id\": \"CC7.2\", \"title\": \"Monitoring\"}]}\n");
    tu_out o = tu_run((const char *[]){"audit", PROD, "-o", tu_path("h"), "-q", "--policies", p, "--pack", "soc2", NULL});
    ck_assert_msg(o.code == 0, "%s", o.err);
    tu_done(&o);
    cJSON *r = tu_load(tu_path("h/results.json"));
    sha[k][0] = strdup(str(cJSON_GetArrayItem(get(r, "packs"), 0), "sha256"));
    const cJSON *fw, *mine = NULL;
    cJSON_ArrayForEach(fw, get(r, "frameworks")) if (!strcmp(str(fw, "name"), "SOC2")) mine = fw;
    ck_assert_ptr_nonnull(mine);
    sha[k][1] = strdup(str(mine, "sha256"));
    ck_assert_int_eq(strlen(sha[k][1]), 64);
    cJSON_Delete(r);
  }
  ck_assert_str_ne(sha[0][0], sha[1][0]);
  ck_assert_str_ne(sha[0][1], sha[1][1]);
  for (int k = 0; k < 2; k++) free(sha[k][0]), free(sha[k][1]);
}
END_TEST

/* The built-in frameworks list every control of their catalogue; one no
 * rule maps to is not assessed. */
START_TEST(builtin_matrix_lists_every_control) {
  const char *out = tu_path("demo");
  tu_out o = tu_run((const char *[]){"audit", PROD, "-o", out, "-q", "--format", "controls", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  static const struct { const char *fw; int n; } want[] = {{"PCI-DSS-4.0", 19}, {"HIPAA", 15}, {"PII", 7}, {"BASELINE", 70}};
  char path[512];
  snprintf(path, sizeof path, "%s/results.json", out);
  cJSON *r = tu_load(path);
  for (int i = 0; i < 4; i++) {
    const cJSON *s = get(get(get(r, "summary"), "frameworks"), want[i].fw);
    ck_assert_int_eq(cJSON_GetArraySize(get(s, "controls")), want[i].n);
    snprintf(path, sizeof path, "%s/controls-%s.csv", out, want[i].fw);
    char *csv = tu_read(path, NULL);
    ck_assert_int_eq(lines(csv), want[i].n + 1);
    free(csv);
  }
  /* PCI DSS 3.4.1 (PAN masked when displayed): no rule maps to it */
  snprintf(path, sizeof path, "%s/controls-PCI-DSS-4.0.csv", out);
  char *csv = tu_read(path, NULL);
  HAS(csv, "\nPCI-DSS-4.0,3.4.1,PAN is masked when displayed,not_assessed,,0,0,0,0,0,0\r\n");
  free(csv);
  cJSON_Delete(r);
}
END_TEST

/* results.json from before catalogues (no frameworks[]): report renders its
 * matrix as then (no "not assessed", no requirement column), and verify's
 * recomputed summary equals the recorded one. */
START_TEST(results_without_catalogues_still_render) {
  const char *old = CA_TEST_SRC "/tests/data/diff/old.json";
  cJSON *r = tu_load(old);
  ck_assert_ptr_null(get(r, "frameworks"));
  cJSON_Delete(r);
  static const char *const fmts[] = {"html", "md", "controls", "json", "csv", "sarif", "junit"};
  for (size_t i = 0; i < sizeof fmts / sizeof fmts[0]; i++) {
    tu_out o = tu_run((const char *[]){"report", old, "--format", fmts[i], "-o", tu_path("old.out"), NULL});
    ck_assert_msg(o.code == 0, "%s: %s", fmts[i], o.err);
    tu_done(&o);
    char *text = tu_read(tu_path("old.out"), NULL);
    /* no control is "not assessed" (the HTML's legend names the word) */
    ck_assert_msg(!strstr(text, "\u25CB not assessed") && !strstr(text, "| not assessed |") &&
                  !strstr(text, "not_assessed,") && !strstr(text, "\"not_assessed\""), "%s says not assessed", fmts[i]);
    if (!strcmp(fmts[i], "html")) ck_assert_ptr_null(strstr(text, "<th scope=\"col\">Requirement</th>"));
    if (!strcmp(fmts[i], "md")) ck_assert_ptr_null(strstr(text, "\n### "));
    free(text);
  }
  /* an estate of an old and a new results.json: merged, rendered */
  const char *out = tu_path("new");
  tu_out o = tu_run((const char *[]){"audit", PROD, "-o", out, "-q", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  char path[512];
  snprintf(path, sizeof path, "%s/results.json", out);
  o = tu_run((const char *[]){"merge", old, path, "-o", tu_path("estate"), "--format", "html,md", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  o = tu_run((const char *[]){"diff", old, path, NULL});
  ck_assert_msg(o.code == 0 || o.code == 1, "%s", o.err);
  tu_done(&o);
}
END_TEST

int main(void) {
  Suite *s = suite_create("frameworks");
  TCase *t = tcase_create("frameworks");
  tcase_add_checked_fixture(t, setup, teardown);
  tcase_set_timeout(t, 300);
  tcase_add_test(t, catalogue_errors_name_the_file_and_pointer);
  tcase_add_test(t, a_framework_has_one_catalogue);
  tcase_add_test(t, a_mapping_to_a_control_not_in_the_catalogue_does_not_load);
  tcase_add_test(t, a_pack_claims_a_declared_framework);
  tcase_add_test(t, a_crosswalk_to_no_rule_is_warned_of);
  tcase_add_test(t, a_framework_of_ones_own_end_to_end);
  tcase_add_test(t, the_catalogue_is_hashed_with_its_pack);
  tcase_add_test(t, history_lists_a_framework_of_ones_own);
  tcase_add_test(t, builtin_matrix_lists_every_control);
  tcase_add_test(t, results_without_catalogues_still_render);
  suite_add_tcase(s, t);
  return tu_run_suite(s);
}
