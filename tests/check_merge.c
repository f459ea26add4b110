/* merge (results/merge.c, cli/cmd_merge.c, docs/merge.md): one estate from
 * many results.json, through the binary -- totals and per-account matrices
 * equal to the inputs' own, the same bytes in any argument order, a changed
 * input refused by name, one instance twice refused or (--latest) the newest
 * kept, a scan summary's unreached accounts shown, the history recorded
 * once, the estate re-rendered byte for byte. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "report/report.h"
#include "results/load.h"
#include "results/results.h"
#include "util/buf.h"

#include "testutil.h"

static void setup(void) { tu_setup("merge"); }
static void teardown(void) { tu_teardown(); }

static const char *const formats[] = {"estate.json", "report.html", "report.md", "results.sarif", "junit.xml",
                                      "findings.csv", NULL};

/* s with every from replaced by to (equal lengths), in place. */
static void replace_all(char *s, const char *from, const char *to) {
  size_t n = strlen(from);
  ck_assert_uint_eq(n, strlen(to));
  for (char *p = strstr(s, from); p; p = strstr(p + n, from)) memcpy(p, to, n);
}

static void audit(const char *snapshot, const char *outdir, const char *when) {
  const char *env[] = {when, NULL};
  char out[512], err[512];
  snprintf(out, sizeof out, "%s/audit.out", tu_dir);
  snprintf(err, sizeof err, "%s/audit.err", tu_dir);
  /* one pack keeps the suite fast on a loaded machine: merge adds up whatever was audited */
  int code = tu_spawn((const char *[]){CA_TEST_BIN, "audit", snapshot, "-o", outdir, "-q", "--pack", "baseline", NULL}, env,
                      out, err);
  ck_assert_msg(code == 0, "audit %s: exit %d", snapshot, code);
}

/* The three audits every test starts from, made once by main (in/prod,
 * in/dev, in/third under this folder) and copied into each test's own. */
static char shared[64];

/* shared/from copied to the test's folder as to (its parents made). */
static void copy(const char *from, const char *to) {
  char src[256], dst[256], cmd[600];
  snprintf(src, sizeof src, "%s/%s", shared, from);
  snprintf(dst, sizeof dst, "%s", tu_path(to));
  snprintf(cmd, sizeof cmd, "mkdir -p '%s' && rmdir '%s' && cp -r '%s' '%s'", dst, dst, src, dst);
  ck_assert_msg(system(cmd) == 0, "%s", cmd);
}

/* The demo's prod and dev, and a third account: in/prod, in/dev, in/third. */
static void three_accounts(void) { copy("in", "in"); }

static long num(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  ck_assert_msg(cJSON_IsNumber(v), "%s is not a number", k);
  return (long)v->valuedouble;
}

static const cJSON *get(const cJSON *o, const char *k) { return cJSON_GetObjectItemCaseSensitive(o, k); }

static int same_json(const cJSON *a, const cJSON *b) { return cJSON_Compare(a, b, 1); }

START_TEST(totals_and_accounts_are_the_inputs_own) {
  three_accounts();
  tu_out o = tu_run((const char *[]){"merge", tu_path("in"), "-o", tu_path("est"), NULL});
  ck_assert_msg(o.code == 0, "exit %d: %s", o.code, o.err);
  HAS(o.err, "merged 3 results (3 accounts, 3 instances)");
  tu_done(&o);
  for (int i = 0; formats[i]; i++) {
    char p[64];
    snprintf(p, sizeof p, "est/%s", formats[i]);
    ck_assert_msg(access(tu_path(p), R_OK) == 0, "no %s", formats[i]);
  }
  tu_schema("estate.v1.schema.json", 0, (const char *[]){tu_path("est/estate.json"), NULL});
  cJSON *e = tu_load(tu_path("est/estate.json"));
  ck_assert_str_eq(cJSON_GetStringValue(get(e, "schema")), "connect-auditor/estate/v1");
  const cJSON *inputs = get(e, "inputs"), *accounts = get(e, "accounts");
  ck_assert_int_eq(cJSON_GetArraySize(inputs), 3);
  ck_assert_int_eq(cJSON_GetArraySize(accounts), 3);
  static const char *const order[] = {"111122223333", "444455556666", "777788889999"};
  static const char *const dirs[] = {"in/prod/results.json", "in/dev/results.json", "in/third/results.json"};
  long total = 0, fail = 0;
  for (int i = 0; i < 3; i++) {
    const cJSON *in = cJSON_GetArrayItem(inputs, i), *acct = cJSON_GetArrayItem(accounts, i);
    ck_assert_str_eq(cJSON_GetStringValue(get(in, "account_id")), order[i]);
    ck_assert_str_eq(cJSON_GetStringValue(get(acct, "account_id")), order[i]);
    /* the identity: account/region/instance-id, from the instance ARN its findings name */
    char id[128];
    snprintf(id, sizeof id, "%s/us-east-1/", order[i]);
    ck_assert_msg(!strncmp(cJSON_GetStringValue(get(in, "id")), id, strlen(id)), "id %s", cJSON_GetStringValue(get(in, "id")));
    /* the input's SHA-256 is its file's, and its digest the one the file ends with */
    size_t len;
    char *bytes = tu_read(tu_path(dirs[i]), &len), hex[65];
    ca_results_digest d;
    ca_err err = {0};
    ck_assert_int_eq(ca_results_digest_of(bytes, len, dirs[i], &d, &err), 0);
    char want[80];
    snprintf(want, sizeof want, "sha256:%s", d.recorded);
    ck_assert_str_eq(cJSON_GetStringValue(get(in, "digest")), want);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "sha256sum %s", tu_path(dirs[i]));
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(fscanf(p, "%64s", hex), 1);
    pclose(p);
    ck_assert_str_eq(cJSON_GetStringValue(get(in, "sha256")), hex);
    free(bytes);
    /* one input per account here: the account's matrix is its input's own */
    cJSON *r = tu_load(tu_path(dirs[i]));
    const cJSON *rs = get(r, "summary"), *as = get(acct, "summary");
    ck_assert_msg(same_json(get(rs, "frameworks"), get(as, "frameworks")), "account %s: control matrix differs", order[i]);
    ck_assert_msg(same_json(get(rs, "by_status"), get(as, "by_status")), "account %s: counts differ", order[i]);
    total += num(rs, "findings");
    fail += num(get(rs, "by_status"), "fail");
    cJSON_Delete(r);
  }
  const cJSON *s = get(e, "summary");
  ck_assert_int_eq(num(s, "findings"), total);
  ck_assert_int_eq(num(get(s, "by_status"), "fail"), fail);
  ck_assert_int_eq(cJSON_GetArraySize(get(e, "findings")), total);
  /* each finding names its input */
  const cJSON *f;
  cJSON_ArrayForEach(f, get(e, "findings")) ck_assert_ptr_nonnull(cJSON_GetStringValue(get(f, "input")));
  /* the report says what was merged */
  char *md = tu_read(tu_path("est/report.md"), NULL);
  HAS(md, "estate of 3 accounts, 3 instances");
  HAS(md, "| 777788889999 | 1 |");
  HAS(md, cJSON_GetStringValue(get(cJSON_GetArrayItem(inputs, 0), "sha256")));
  free(md);
  char *html = tu_read(tu_path("est/report.html"), NULL);
  HAS(html, "<h1>3 accounts, 3 instances</h1>");
  HAS(html, "<th scope=\"row\">444455556666</th>");
  free(html);
  cJSON_Delete(e);
}
END_TEST

static int same_file(const char *a, const char *b) {
  size_t la, lb;
  char *x = tu_read(a, &la), *y = tu_read(b, &lb);
  int same = la == lb && !memcmp(x, y, la);
  free(x);
  free(y);
  return same;
}

START_TEST(same_bytes_in_any_order) {
  three_accounts();
  tu_out o = tu_run((const char *[]){"merge", tu_path("in"), "-o", tu_path("a"), "-q", NULL});
  ck_assert_msg(o.code == 0, "exit %d: %s", o.code, o.err);
  tu_done(&o);
  /* the files one by one, in another order, one of them twice, and from
   * another folder: the estate names no path */
  ck_assert_int_eq(rename(tu_path("in"), tu_path("moved")), 0);
  o = tu_run((const char *[]){"merge", tu_path("moved/third/results.json"), tu_path("moved/prod/results.json"),
                              tu_path("moved/dev/results.json"), tu_path("moved/prod/results.json"), "-o", tu_path("b"),
                              "-q", NULL});
  ck_assert_msg(o.code == 0, "exit %d: %s", o.code, o.err);
  tu_done(&o);
  for (int i = 0; formats[i]; i++) {
    char a[64], b[64];
    snprintf(a, sizeof a, "a/%s", formats[i]);
    snprintf(b, sizeof b, "b/%s", formats[i]);
    ck_assert_msg(same_file(tu_path(a), tu_path(b)), "%s differs", formats[i]);
  }
  /* and report renders estate.json again, byte for byte */
  for (int i = 1; formats[i]; i++) {
    static const char *const names[] = {"json", "html", "md", "sarif", "junit", "csv"};
    o = tu_run((const char *[]){"report", tu_path("a/estate.json"), "--format", names[i], "-o", tu_path("again"), NULL});
    ck_assert_msg(o.code == 0, "report %s: exit %d: %s", names[i], o.code, o.err);
    tu_done(&o);
    char a[64];
    snprintf(a, sizeof a, "a/%s", formats[i]);
    ck_assert_msg(same_file(tu_path(a), tu_path("again")), "report --format %s differs from merge's", names[i]);
  }
}
END_TEST

START_TEST(changed_input_is_refused_by_name) {
  three_accounts();
  char *text = tu_read(tu_path("in/dev/results.json"), NULL);
  replace_all(text, "\"status\":\t\"fail\"", "\"status\":\t\"pass\"");   /* failures turned into passes, the digest left alone */
  tu_spit(tu_path("in/dev/results.json"), text);
  free(text);
  tu_out o = tu_run((const char *[]){"merge", tu_path("in"), "-o", tu_path("est"), NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "in/dev/results.json: /digest:");
  HAS(o.err, "the file was changed after it was written");
  tu_done(&o);
  ck_assert_int_ne(access(tu_path("est/estate.json"), F_OK), 0);
  /* a snapshot is no results document */
  o = tu_run((const char *[]){"merge", CA_TEST_SRC "/fixtures/demo/prod.json", "-o", tu_path("est"), NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "fixtures/demo/prod.json: /schema: expected \"connect-auditor/results/v1\"");
  tu_done(&o);
  /* an estate.json changed after merge wrote it is not rendered */
  o = tu_run((const char *[]){"merge", tu_path("in/prod"), "-o", tu_path("one"), "-q", "--format", "json", NULL});
  ck_assert_msg(o.code == 0, "exit %d: %s", o.code, o.err);
  tu_done(&o);
  text = tu_read(tu_path("one/estate.json"), NULL);
  replace_all(text, "\"status\":\t\"fail\"", "\"status\":\t\"pass\"");
  tu_spit(tu_path("one/estate.json"), text);
  free(text);
  o = tu_run((const char *[]){"report", tu_path("one/estate.json"), "--format", "md", "-o", tu_path("r.md"), NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "one/estate.json: /digest:");
  tu_done(&o);
  /* nothing to merge, and no -o */
  o = tu_run((const char *[]){"merge", tu_path("one"), "-o", tu_path("x"), NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "no results.json and no scan-summary.json");
  tu_done(&o);
  o = tu_run((const char *[]){"merge", tu_path("in"), NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "-o OUTDIR is required");
  tu_done(&o);
}
END_TEST

START_TEST(one_instance_twice_refused_or_latest_kept) {
  copy("in/dev", "in/dev");
  /* the same snapshot audited a day later: a different results.json of the same instance */
  audit(CA_TEST_SRC "/fixtures/demo/dev.json", tu_path("later/dev"), "SOURCE_DATE_EPOCH=1795253400");
  tu_out o = tu_run((const char *[]){"merge", tu_path("in"), tu_path("later"), "-o", tu_path("est"), NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "in/dev/results.json and ");
  HAS(o.err, "later/dev/results.json both cover arn:aws:connect:us-east-1:444455556666:instance/");
  HAS(o.err, "--latest");
  tu_done(&o);
  ck_assert_int_ne(access(tu_path("est/estate.json"), F_OK), 0);
  o = tu_run((const char *[]){"merge", tu_path("later"), tu_path("in"), "-o", tu_path("est"), "--latest", NULL});
  ck_assert_msg(o.code == 0, "exit %d: %s", o.code, o.err);
  HAS(o.err, "1 older results of an instance left out");
  tu_done(&o);
  tu_schema("estate.v1.schema.json", 0, (const char *[]){tu_path("est/estate.json"), NULL});   /* superseded[] */
  cJSON *e = tu_load(tu_path("est/estate.json")), *later = tu_load(tu_path("later/dev/results.json"));
  ck_assert_int_eq(cJSON_GetArraySize(get(e, "inputs")), 1);
  ck_assert_str_eq(cJSON_GetStringValue(get(cJSON_GetArrayItem(get(e, "inputs"), 0), "generated_at")),
                   cJSON_GetStringValue(get(later, "generated_at")));
  ck_assert_str_eq(cJSON_GetStringValue(get(e, "generated_at")), "2026-11-21T09:30:00Z");
  const cJSON *sup = get(e, "superseded");
  ck_assert_int_eq(cJSON_GetArraySize(sup), 1);
  ck_assert_str_eq(cJSON_GetStringValue(get(cJSON_GetArrayItem(sup, 0), "generated_at")), "2026-11-20T09:30:00Z");
  cJSON_Delete(e);
  cJSON_Delete(later);
}
END_TEST

START_TEST(unreached_accounts_are_shown_never_dropped) {
  copy("in/prod", "scan/111122223333/us-east-1/i-1");
  tu_put("scan/scan-summary.json",
         "{\"schema\": \"connect-auditor/scan-summary/v1\", \"generated_at\": \"2026-11-20T09:30:00Z\",\n"
         " \"units\": [\n"
         "  {\"account_id\": \"111122223333\", \"region\": \"us-east-1\", \"instance\": \"4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33\",\n"
         "   \"status\": \"ok\"},\n"
         "  {\"account_id\": \"222233334444\", \"status\": \"error\",\n"
         "   \"error\": \"sts:AssumeRole on arn:aws:iam::222233334444:role/Auditor: AccessDenied\"}]}\n");
  tu_out o = tu_run((const char *[]){"merge", tu_path("scan"), "-o", tu_path("est"), NULL});
  ck_assert_msg(o.code == 0, "exit %d: %s", o.code, o.err);
  HAS(o.err, "unreached: account 222233334444: sts:AssumeRole");
  tu_done(&o);
  cJSON *e = tu_load(tu_path("est/estate.json"));
  ck_assert_int_eq(cJSON_GetArraySize(get(e, "unreached")), 1);
  ck_assert_int_eq(num(get(e, "estate"), "unreached"), 1);
  /* the account no unit of which was audited is an account of the estate, with no matrix */
  const cJSON *a = cJSON_GetArrayItem(get(e, "accounts"), 1);
  ck_assert_str_eq(cJSON_GetStringValue(get(a, "account_id")), "222233334444");
  ck_assert(cJSON_IsNull(get(a, "summary")));
  ck_assert_int_eq(num(a, "unreached"), 1);
  cJSON_Delete(e);
  char *md = tu_read(tu_path("est/report.md"), NULL);
  HAS(md, "## Not audited: 1 unit the scans could not reach");
  HAS(md, "| 222233334444 | (all) | (all) | sts:AssumeRole");
  free(md);
  char *html = tu_read(tu_path("est/report.html"), NULL);
  HAS(html, "Not audited: 1 unit the scans could not reach");
  free(html);
  /* --fail-on counts the unreached unit: the scan is not complete */
  o = tu_run((const char *[]){"merge", tu_path("scan"), "-o", tu_path("est2"), "--fail-on", "critical", NULL});
  ck_assert_int_eq(o.code, 1);
  tu_done(&o);
  /* scan --accounts' own summary (outcome, why, stage; null region and
   * instance for an account not entered), and a unit it lists as audited
   * whose results.json was not given: both unreached, neither dropped */
  tu_put("scan/scan-summary.json",
         "{\"schema\": \"connect-auditor/scan-summary/v1\", \"generated_at\": \"2026-11-20T09:30:00Z\",\n"
         " \"shard\": {\"index\": 0, \"count\": 1}, \"units\": [\n"
         "  {\"account\": \"111122223333\", \"region\": \"us-east-1\", \"instance\": "
         "\"4f1c2a7e-1b2d-4c3e-9f00-aa11bb22cc33\", \"outcome\": \"ok\", \"exit_code\": 0},\n"
         "  {\"account\": \"111122223333\", \"region\": \"eu-west-1\", \"instance\": \"i-gone\", \"outcome\": \"ok\"},\n"
         "  {\"account\": \"111122223333\", \"region\": \"us-west-2\", \"instance\": null, \"outcome\": \"skipped\"},\n"
         "  {\"account\": \"222233334444\", \"region\": null, \"instance\": null, \"outcome\": \"error\",\n"
         "   \"stage\": \"assume-role\", \"why\": \"AccessDenied\"}]}\n");
  o = tu_run((const char *[]){"merge", tu_path("scan"), "-o", tu_path("est4"), NULL});
  ck_assert_msg(o.code == 0, "exit %d: %s", o.code, o.err);
  tu_done(&o);
  tu_schema("estate.v1.schema.json", 0, (const char *[]){tu_path("est/estate.json"), tu_path("est4/estate.json"), NULL});
  e = tu_load(tu_path("est4/estate.json"));
  const cJSON *un = get(e, "unreached");
  ck_assert_int_eq(cJSON_GetArraySize(un), 2);
  ck_assert_str_eq(cJSON_GetStringValue(get(cJSON_GetArrayItem(un, 0), "instance")), "i-gone");
  HAS(cJSON_GetStringValue(get(cJSON_GetArrayItem(un, 0), "error")), "its results.json is not among the merged inputs");
  ck_assert_str_eq(cJSON_GetStringValue(get(cJSON_GetArrayItem(un, 1), "error")), "assume-role: AccessDenied");
  ck_assert_int_eq(num(get(e, "estate"), "inputs"), 1);
  cJSON_Delete(e);
  /* a summary that is not one is refused by name */
  ck_assert_int_eq(mkdir(tu_path("bad"), 0755), 0);
  tu_put("bad/scan-summary.json", "{\"schema\": \"connect-auditor/results/v1\"}");
  o = tu_run((const char *[]){"merge", tu_path("bad"), "-o", tu_path("est3"), NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "bad/scan-summary.json: /schema: expected");
  tu_done(&o);
}
END_TEST

START_TEST(history_records_each_input_once) {
  three_accounts();
  tu_out o = tu_run((const char *[]){"merge", tu_path("in"), "-o", tu_path("est"), "--db", tu_path("h.db"), NULL});
  ck_assert_msg(o.code == 0, "exit %d: %s", o.code, o.err);
  HAS(o.err, "recorded 3 scans in");
  HAS(o.err, "(0 recorded before)");
  tu_done(&o);
  o = tu_run((const char *[]){"merge", tu_path("in"), "-o", tu_path("est"), "--db", tu_path("h.db"), NULL});
  ck_assert_msg(o.code == 0, "exit %d: %s", o.code, o.err);
  HAS(o.err, "recorded 0 scans in");
  HAS(o.err, "(3 recorded before)");
  tu_done(&o);
  o = tu_run((const char *[]){"history", "--db", tu_path("h.db"), "--format", "json", NULL});
  ck_assert_msg(o.code == 0, "exit %d: %s", o.code, o.err);
  cJSON *h = cJSON_Parse(o.out);
  ck_assert_int_eq(cJSON_GetArraySize(get(h, "scans")), 3);
  cJSON_Delete(h);
  tu_done(&o);
}
END_TEST

/* A results.json as another connect-auditor version would have written it
 * (sealed again, so its digest holds). */
static void as_version(const char *path, const char *version) {
  cJSON *r = tu_load(path);
  cJSON_DeleteItemFromObject(r, "digest");
  cJSON_SetValuestring(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(r, "tool"), "version"), version);
  ca_buf b;
  ca_err err = {0};
  ca_buf_init(&b, 1L << 30);
  ck_assert_int_eq(ca_render_results_json(r, &b, &err), 0);   /* printed and sealed as audit does */
  ck_assert_int_eq(ca_buf_add(&b, "", 1), 0);
  tu_spit(path, b.data);
  ca_buf_free(&b);
  cJSON_Delete(r);
}

START_TEST(other_versions_are_merged_and_said) {
  three_accounts();
  as_version(tu_path("in/third/results.json"), "0.0.9");
  tu_out o = tu_run((const char *[]){"merge", tu_path("in"), "-o", tu_path("est"), NULL});
  ck_assert_msg(o.code == 0, "exit %d: %s", o.code, o.err);
  HAS(o.err, "audited by different tool versions or pack contents");
  tu_done(&o);
  cJSON *e = tu_load(tu_path("est/estate.json"));
  const cJSON *tv = get(get(e, "estate"), "tool_versions");
  ck_assert_int_eq(cJSON_GetArraySize(tv), 2);
  ck_assert_str_eq(cJSON_GetArrayItem(tv, 0)->valuestring, "0.0.9");
  ck_assert_str_eq(cJSON_GetStringValue(get(cJSON_GetArrayItem(get(e, "inputs"), 2), "tool_version")), "0.0.9");
  cJSON_Delete(e);
  char *md = tu_read(tu_path("est/report.md"), NULL);
  HAS(md, "**The inputs were audited by different tool versions or pack contents**");
  free(md);
}
END_TEST

/* schema/estate.v1.schema.json extends results.v1's finding, pack and
 * summary: it refuses what merge never writes (one fault each), and
 * results.v1 stays closed to the members an estate adds. */
static void fault(const cJSON *from, const char *name, const char *ptr_parent, const char *member, cJSON *value) {
  cJSON *d = cJSON_Duplicate(from, 1), *at = d;
  char path[128];
  snprintf(path, sizeof path, "%s", ptr_parent);
  for (char *s = NULL, *t = strtok_r(path, "/", &s); t; t = strtok_r(NULL, "/", &s))
    at = cJSON_IsArray(at) ? cJSON_GetArrayItem(at, atoi(t)) : cJSON_GetObjectItemCaseSensitive(at, t);
  ck_assert_msg(at != NULL, "%s: no %s", name, ptr_parent);
  if (value) cJSON_AddItemToObject(at, member, value);
  else ck_assert_msg(cJSON_GetObjectItemCaseSensitive(at, member), "%s: no %s/%s", name, ptr_parent, member),
       cJSON_DeleteItemFromObjectCaseSensitive(at, member);
  tu_save(tu_path(name), d);
  cJSON_Delete(d);
}

START_TEST(estate_schema_refuses_what_merge_never_writes) {
  copy("in/prod", "in/prod");
  copy("in/dev", "in/dev");
  tu_out o = tu_run((const char *[]){"merge", tu_path("in"), "-o", tu_path("est"), "--format", "json", "-q", NULL});
  ck_assert_msg(o.code == 0, "exit %d: %s", o.code, o.err);
  tu_done(&o);
  tu_schema("estate.v1.schema.json", 0, (const char *[]){tu_path("est/estate.json"), NULL});
  cJSON *e = tu_load(tu_path("est/estate.json"));
  fault(e, "no-input.json", "findings/0", "input", NULL);
  fault(e, "finding-extra.json", "findings/0", "extra", cJSON_CreateNumber(1));
  fault(e, "resource-extra.json", "findings/0/resource", "extra", cJSON_CreateNumber(1));
  fault(e, "pack-no-inputs.json", "packs/0", "inputs", NULL);
  fault(e, "pack-extra.json", "packs/0", "extra", cJSON_CreateNumber(1));
  fault(e, "summary-extra.json", "summary", "extra", cJSON_CreateNumber(1));
  fault(e, "account-summary-extra.json", "accounts/1/summary", "extra", cJSON_CreateNumber(1));
  fault(e, "input-extra.json", "inputs/0", "extra", cJSON_CreateNumber(1));
  fault(e, "estate-extra.json", "estate", "extra", cJSON_CreateNumber(1));
  fault(e, "no-differing.json", "estate", "differing_catalogues", NULL);
  cJSON *k = cJSON_Parse("[{\"rule_id\": \"R-1\", \"why\": \"killed\"}]");   /* a killed rule without its input */
  cJSON_DeleteItemFromObjectCaseSensitive(cJSON_GetObjectItemCaseSensitive(e, "summary"), "killed_rules");
  fault(e, "killed-no-input.json", "summary", "killed_rules", k);
  cJSON_Delete(e);
  tu_schema("estate.v1.schema.json", 1,
            (const char *[]){tu_path("no-input.json"), tu_path("finding-extra.json"), tu_path("resource-extra.json"),
                             tu_path("pack-no-inputs.json"), tu_path("pack-extra.json"), tu_path("summary-extra.json"),
                             tu_path("account-summary-extra.json"), tu_path("input-extra.json"),
                             tu_path("estate-extra.json"), tu_path("no-differing.json"), tu_path("killed-no-input.json"),
                             NULL});
  /* results.json: exactly as strict -- an estate's members are not a results document's */
  cJSON *r = tu_load(tu_path("in/prod/results.json"));
  fault(r, "r-finding-input.json", "findings/0", "input", cJSON_CreateString("x"));
  fault(r, "r-pack-inputs.json", "packs/0", "inputs", cJSON_CreateNumber(1));
  cJSON_Delete(r);
  tu_schema("results.v1.schema.json", 0, (const char *[]){tu_path("in/prod/results.json"), NULL});
  tu_schema("results.v1.schema.json", 1, (const char *[]){tu_path("r-finding-input.json"), tu_path("r-pack-inputs.json"), NULL});
}
END_TEST

/* One framework judged against two catalogues (examples/soc2 and a copy with
 * one title edited: same name, another SHA-256): said on stderr -- even with
 * -q -- naming the framework and both files, the first input in estate order
 * kept whichever order they are given in, and the other recorded in
 * estate.differing_catalogues. */
START_TEST(differing_catalogues_are_said_and_the_first_kept) {
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cp -r '" CA_TEST_SRC "/examples/soc2' '%s' && "
           "sed -i '0,/\"title\": \"[^\"]*\"/s//\"title\": \"SOC 2, edited\"/' '%s/controls.json'",
           tu_path("packs"), tu_path("packs/soc2"), tu_path("packs/soc2"));
  ck_assert_msg(system(cmd) == 0, "%s", cmd);
  tu_out o = tu_run((const char *[]){"audit", CA_TEST_SRC "/fixtures/demo/prod.json", "--policies", CA_TEST_SRC "/examples",
                                     "--pack", "soc2", "-o", tu_path("in/prod"), "-q", NULL});
  ck_assert_msg(o.code <= 1, "exit %d: %s", o.code, o.err);
  tu_done(&o);
  o = tu_run((const char *[]){"audit", CA_TEST_SRC "/fixtures/demo/dev.json", "--policies", tu_path("packs"), "--pack",
                              "soc2", "-o", tu_path("in/dev"), "-q", NULL});
  ck_assert_msg(o.code <= 1, "exit %d: %s", o.code, o.err);
  tu_done(&o);
  cJSON *prod = tu_load(tu_path("in/prod/results.json")), *dev = tu_load(tu_path("in/dev/results.json"));
  const cJSON *c, *pc = NULL, *dc = NULL;
  cJSON_ArrayForEach(c, get(prod, "frameworks")) if (!strcmp(cJSON_GetStringValue(get(c, "name")), "SOC2")) pc = c;
  cJSON_ArrayForEach(c, get(dev, "frameworks")) if (!strcmp(cJSON_GetStringValue(get(c, "name")), "SOC2")) dc = c;
  ck_assert_ptr_nonnull(pc);
  ck_assert_ptr_nonnull(dc);
  const char *psha = cJSON_GetStringValue(get(pc, "sha256")), *dsha = cJSON_GetStringValue(get(dc, "sha256"));
  ck_assert_str_ne(psha, dsha);   /* the case is what it says */
  char *bytes[2];
  for (int k = 0; k < 2; k++) {   /* dev first, then prod first: the same choice */
    const char *est = k ? "est2" : "est1";
    const char *a = tu_path(k ? "in/prod/results.json" : "in/dev/results.json");
    char first[256];
    snprintf(first, sizeof first, "%s", a);
    o = tu_run((const char *[]){"merge", first, tu_path(k ? "in/dev/results.json" : "in/prod/results.json"), "-o",
                                tu_path(est), "--format", "json", "-q", NULL});
    ck_assert_msg(o.code == 0, "exit %d: %s", o.code, o.err);
    HAS(o.err, "connect-auditor: merge: warning: framework SOC2: ");
    HAS(o.err, "in/dev/results.json was judged against another catalogue (soc2/controls.json, sha256 ");
    HAS(o.err, "the estate's control matrix uses ");
    HAS(o.err, "in/prod/results.json's, the first input in estate order");
    tu_done(&o);
    char p[64];
    snprintf(p, sizeof p, "%s/estate.json", est);
    bytes[k] = tu_read(tu_path(p), NULL);
  }
  ck_assert_str_eq(bytes[0], bytes[1]);
  free(bytes[0]), free(bytes[1]);
  tu_schema("estate.v1.schema.json", 0, (const char *[]){tu_path("est1/estate.json"), NULL});
  cJSON *e = tu_load(tu_path("est1/estate.json"));
  const cJSON *d = get(get(e, "estate"), "differing_catalogues");
  ck_assert_int_eq(cJSON_GetArraySize(d), 1);
  d = cJSON_GetArrayItem(d, 0);
  ck_assert_str_eq(cJSON_GetStringValue(get(d, "framework")), "SOC2");
  ck_assert_str_eq(cJSON_GetStringValue(get(get(d, "kept"), "sha256")), psha);
  HAS(cJSON_GetStringValue(get(get(d, "kept"), "input")), "111122223333/");
  ck_assert_str_eq(cJSON_GetStringValue(get(get(d, "other"), "sha256")), dsha);
  HAS(cJSON_GetStringValue(get(get(d, "other"), "input")), "444455556666/");
  cJSON_ArrayForEach(c, get(e, "frameworks"))
    if (!strcmp(cJSON_GetStringValue(get(c, "name")), "SOC2")) ck_assert_str_eq(cJSON_GetStringValue(get(c, "sha256")), psha);
  cJSON_Delete(e);
  cJSON_Delete(prod), cJSON_Delete(dev);
  /* one catalogue: nothing said, nothing recorded */
  o = tu_run((const char *[]){"merge", tu_path("in/prod/results.json"), "-o", tu_path("est3"), "--format", "json", "-q", NULL});
  ck_assert_msg(o.code == 0 && !strstr(o.err, "warning"), "exit %d: %s", o.code, o.err);
  tu_done(&o);
  e = tu_load(tu_path("est3/estate.json"));
  ck_assert_int_eq(cJSON_GetArraySize(get(get(e, "estate"), "differing_catalogues")), 0);
  cJSON_Delete(e);
}
END_TEST

#define MULTITOOL CA_TEST_SRC "/.tools/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"

/* The estate's SARIF (results pointing into three snapshot files) passes
 * Microsoft's SARIF Multitool as audit's does (tests/check_report_ci.c):
 * nothing at level error or warning but SARIF2005's informationUri advice. */
/* An estate past GitHub's 25,000 results: merge says what results.sarif left
 * out, as audit does (the cap itself: check_report_ci.c). */
START_TEST(estate_sarif_cap_is_said) {
  three_accounts();
  cJSON *r = tu_load(tu_path("in/third/results.json"));
  cJSON_DeleteItemFromObject(r, "digest");
  const cJSON *fs = cJSON_GetObjectItemCaseSensitive(r, "findings");
  cJSON *many = cJSON_CreateArray();
  for (int i = 0; i < 25010; i++) cJSON_AddItemToArray(many, cJSON_Duplicate(cJSON_GetArrayItem(fs, i % cJSON_GetArraySize(fs)), 1));
  cJSON_ReplaceItemInObjectCaseSensitive(r, "findings", many);
  ck_assert_int_eq(ca_results_summarise(r), 0);   /* its summary the findings' own */
  ca_buf b;
  ca_err err = {0};
  ca_buf_init(&b, 1L << 30);
  ck_assert_int_eq(ca_render_results_json(r, &b, &err), 0);
  ck_assert_int_eq(ca_buf_add(&b, "", 1), 0);
  tu_spit(tu_path("in/third/results.json"), b.data);
  ca_buf_free(&b);
  cJSON_Delete(r);
  tu_out o = tu_run((const char *[]){"merge", tu_path("in"), "-o", tu_path("est"), "--format", "json,sarif", NULL});
  ck_assert_msg(o.code == 0 || o.code == 1, "exit %d: %s", o.code, o.err);
  HAS(o.err, "est/results.sarif holds 25000 of ");
  HAS(o.err, "GitHub code scanning takes at most 25000 results a run");
  tu_done(&o);
}
END_TEST

START_TEST(estate_sarif_passes_the_multitool) {
  if (access(MULTITOOL, X_OK)) {
    const char *req = getenv("CA_REQUIRE_TOOLS");
    ck_assert_msg(!(req && !strcmp(req, "1")), "the SARIF Multitool is missing and CA_REQUIRE_TOOLS=1");
    fprintf(stderr, "\n*** SKIPPED: the SARIF Multitool (" MULTITOOL ") is missing; run scripts/install-deps --tests ***\n\n");
    return;
  }
  three_accounts();
  tu_out o = tu_run((const char *[]){"merge", tu_path("in"), "-o", tu_path("est"), "--format", "sarif", "-q", NULL});
  ck_assert_msg(o.code == 0, "exit %d: %s", o.code, o.err);
  tu_done(&o);
  const char *env[] = {"https_proxy=http://127.0.0.1:9", "http_proxy=http://127.0.0.1:9", "no_proxy=",
                       "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1", "DOTNET_CLI_TELEMETRY_OPTOUT=1", NULL};
  char log[256];
  snprintf(log, sizeof log, "%s/validation.sarif", tu_dir);
  int code = tu_spawn((const char *[]){MULTITOOL, "validate", tu_path("est/results.sarif"), "-o", log, "--log",
                                       "ForceOverwrite", "--level", "Error;Warning", NULL},
                      env, tu_path("validation.txt"), NULL);
  ck_assert_int_eq(code, 0);
  cJSON *v = tu_load(log);
  const cJSON *r, *run = cJSON_GetArrayItem(get(v, "runs"), 0);
  ck_assert_ptr_nonnull(get(run, "results"));
  cJSON_ArrayForEach(r, get(run, "results")) {
    const char *id = cJSON_GetStringValue(get(r, "ruleId")), *msg = cJSON_GetStringValue(get(get(r, "message"), "id"));
    ck_assert_msg(!strcmp(id, "SARIF2005") && msg && strstr(msg, "nformationUri"), "Multitool: %s %s", id, msg ? msg : "");
  }
  cJSON_Delete(v);
  /* the results point into each input's own snapshot */
  cJSON *sarif = tu_load(tu_path("est/results.sarif"));
  char *text = cJSON_PrintUnformatted(sarif);
  HAS(text, "fixtures/demo/prod.json");
  HAS(text, "fixtures/demo/dev.json");
  HAS(text, "third.json");
  free(text);
  cJSON_Delete(sarif);
}
END_TEST

int main(void) {
  Suite *s = suite_create("merge");
  TCase *tc = tcase_create("merge");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, totals_and_accounts_are_the_inputs_own);
  tcase_add_test(tc, same_bytes_in_any_order);
  tcase_add_test(tc, changed_input_is_refused_by_name);
  tcase_add_test(tc, one_instance_twice_refused_or_latest_kept);
  tcase_add_test(tc, unreached_accounts_are_shown_never_dropped);
  tcase_add_test(tc, history_records_each_input_once);
  tcase_add_test(tc, other_versions_are_merged_and_said);
  tcase_add_test(tc, differing_catalogues_are_said_and_the_first_kept);
  tcase_add_test(tc, estate_schema_refuses_what_merge_never_writes);
  tcase_add_test(tc, estate_sarif_passes_the_multitool);
  tcase_add_test(tc, estate_sarif_cap_is_said);
  suite_add_tcase(s, tc);
  /* the shared audits, in a folder of their own (each test's setup makes
   * its own tu_dir in its forked process; this one stays the parent's) */
  snprintf(shared, sizeof shared, "/tmp/ca-merge-shared-XXXXXX");
  if (!mkdtemp(shared)) return perror("mkdtemp"), EXIT_FAILURE;
  /* outside a test: no ck_assert here (Check refuses it), the shell instead */
  char cmd[2048];
  snprintf(cmd, sizeof cmd,
           "set -e; cd '%s'; export SOURCE_DATE_EPOCH=" TU_NOW "; b='" CA_TEST_BIN "'; f='" CA_TEST_SRC "/fixtures/demo';"
           " sed s/444455556666/777788889999/g \"$f/dev.json\" > third.json;"
           " \"$b\" audit \"$f/prod.json\" -o in/prod -q --pack baseline;"
           " \"$b\" audit \"$f/dev.json\" -o in/dev -q --pack baseline;"
           " \"$b\" audit \"$PWD/third.json\" -o in/third -q --pack baseline", shared);
  int rc = system(cmd) == 0 ? tu_run_suite(s) : (fprintf(stderr, "the shared audits failed: %s\n", cmd), EXIT_FAILURE);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", shared);
  if (system(cmd)) rc = EXIT_FAILURE;
  return rc;
}
