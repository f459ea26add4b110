/* The command line's own behaviour: rule selection (--rule, --exclude-rule,
 * --severity, --framework) recorded and re-audited, `-o -` and outputs that
 * are not regular files, repeated --format, the findings table. */
#include <check.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <pty.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "testutil.h"

#define PROD CA_TEST_SRC "/fixtures/demo/prod.json"

static void setup(void) { tu_setup("cli"); }
static void teardown(void) { tu_teardown(); }

static const char *str(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : "";
}

static cJSON *results_in(const char *dir) {
  char p[256];
  snprintf(p, sizeof p, "%s/results.json", dir);
  return tu_load(p);
}

START_TEST(selection_narrows_is_recorded_and_reaudits) {
  const char *out = tu_path("sel");
  tu_out o = tu_run((const char *[]){"audit", PROD, "-o", out, "-q", "--rule", "PII-S3-*", "--rule", "BASE-CW-00?",
                                     "--exclude-rule", "PII-S3-003", "--severity", "critical,high", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  cJSON *r = results_in(out);
  const cJSON *f;
  int n = 0, s1 = 0, s2 = 0;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r, "findings")) {
    const char *id = str(f, "rule_id"), *sev = str(f, "severity");
    ck_assert_msg((!fnmatch("PII-S3-*", id, 0) || !fnmatch("BASE-CW-00?", id, 0)) && strcmp(id, "PII-S3-003"), "%s", id);
    ck_assert_msg(!strcmp(sev, "critical") || !strcmp(sev, "high"), "%s is %s", id, sev);
    s1 |= !strcmp(id, "PII-S3-001");
    s2 |= !strcmp(id, "PII-S3-002");
    n++;
  }
  ck_assert(s1 && s2);   /* the selection is not empty: both kept rules report */
  const cJSON *sel = cJSON_GetObjectItem(r, "selection");
  ck_assert_ptr_nonnull(sel);
  ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(sel, "rules"), 1)->valuestring, "BASE-CW-00?");
  ck_assert_str_eq(cJSON_GetArrayItem(cJSON_GetObjectItem(sel, "exclude_rules"), 0)->valuestring, "PII-S3-003");
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(sel, "severities")), 2);
  ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "summary"), "findings")->valueint, n);
  cJSON_Delete(r);
  /* verify --reaudit runs the same selection: byte for byte */
  char res[256];
  snprintf(res, sizeof res, "%s/results.json", out);
  o = tu_run((const char *[]){"verify", res, PROD, "--reaudit", NULL});
  ck_assert_msg(o.code == 0, "%s%s", o.out, o.err);
  HAS(o.out, "re-audited: the same results.json, byte for byte (");
  tu_done(&o);

  /* --framework: only rules mapping to it; a full audit records no selection */
  out = tu_path("fw");
  o = tu_run((const char *[]){"audit", PROD, "-o", out, "-q", "--framework", "HIPAA", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  r = results_in(out);
  n = 0;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r, "findings")) {
    int hit = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(f, "controls")) hit |= !strcmp(str(c, "framework"), "HIPAA");
    ck_assert_msg(hit, "%s maps to no HIPAA control", str(f, "rule_id"));
    n++;
  }
  ck_assert_int_gt(n, 0);
  cJSON_Delete(r);
  /* --framework of a custom catalogue: the rules its crosswalk maps run
   * (the selection is asked of the metadata with the crosswalks added) */
  out = tu_path("soc2");
  o = tu_run((const char *[]){"audit", PROD, "-o", out, "-q", "--policies", CA_TEST_SRC "/examples", "--framework",
                              "SOC2", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  r = results_in(out);
  int own = 0, crosswalked = 0;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r, "findings")) {
    own |= !strcmp(str(f, "rule_id"), "SOC2-ACC-001");
    crosswalked |= !strcmp(str(f, "rule_id"), "BASE-USR-001");   /* mapped to SOC2 only by examples/soc2/controls.json */
  }
  ck_assert(own && crosswalked);
  cJSON_Delete(r);
  out = tu_path("all");
  o = tu_run((const char *[]){"audit", PROD, "-o", out, "-q", NULL});
  tu_done(&o);
  r = results_in(out);
  ck_assert_ptr_null(cJSON_GetObjectItem(r, "selection"));
  cJSON_Delete(r);
}
END_TEST

START_TEST(selection_values_are_checked) {
  tu_out o = tu_run((const char *[]){"audit", PROD, "--severity", "critical,severe", NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "--severity critical,severe: expected");
  tu_done(&o);
  o = tu_run((const char *[]){"audit", PROD, "--framework", "SOX 404", NULL});   /* not a name */
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "--framework SOX 404: expected a framework name");
  tu_done(&o);
  o = tu_run((const char *[]){"audit", PROD, "--framework", "SOX", NULL});   /* a name no pack declares */
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "--framework SOX: no pack declares this framework (declared: BASELINE, HIPAA, PCI-DSS-4.0, PII)");
  tu_done(&o);
  o = tu_run((const char *[]){"audit", PROD, "--rule", NULL});
  ck_assert_int_eq(o.code, 2);
  tu_done(&o);
  o = tu_run((const char *[]){"audit", PROD, "-o", "-", NULL});   /* a folder, not one file */
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "-o -: audit writes a folder");
  tu_done(&o);
  ck_assert_int_ne(access("-", F_OK), 0);
}
END_TEST

START_TEST(repeated_format_adds) {
  const char *out = tu_path("fmt");
  tu_out o = tu_run((const char *[]){"audit", PROD, "-o", out, "-q", "--format", "sarif", "--format", "csv,junit", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  static const char *const files[] = {"results.json", "results.sarif", "findings.csv", "junit.xml"};
  for (size_t i = 0; i < 4; i++) {
    char p[256];
    snprintf(p, sizeof p, "%s/%s", out, files[i]);
    ck_assert_msg(!access(p, F_OK), "%s was not written", files[i]);
  }
}
END_TEST

/* `-o -` is standard output; a FIFO and /dev/null are written in place. */
START_TEST(dash_and_non_regular_outputs) {
  const char *out = tu_path("d");
  tu_out o = tu_run((const char *[]){"audit", PROD, "-o", out, "-q", NULL});
  tu_done(&o);
  char res[256], file[256];
  snprintf(res, sizeof res, "%s/results.json", out);
  snprintf(file, sizeof file, "%s/r.md", tu_dir);
  o = tu_run((const char *[]){"report", res, "--format", "md", "-o", file, NULL});
  ck_assert_int_eq(o.code, 0);
  tu_done(&o);
  size_t want_len;
  char *want = tu_read(file, &want_len);
  o = tu_run((const char *[]){"report", res, "--format", "md", "-o", "-", NULL});
  ck_assert_int_eq(o.code, 0);
  ck_assert_uint_eq(strlen(o.out), want_len);
  ck_assert_str_eq(o.out, want);
  tu_done(&o);
  ck_assert_int_ne(access("-", F_OK), 0);   /* no file named "-" */

  /* a FIFO: read by a child while the report writes into it */
  char fifo[256], got[256];
  snprintf(fifo, sizeof fifo, "%s/fifo", tu_dir);
  snprintf(got, sizeof got, "%s/from-fifo", tu_dir);
  ck_assert_int_eq(mkfifo(fifo, 0600), 0);
  pid_t pid = fork();
  if (pid == 0) {
    int in = open(fifo, O_RDONLY), outfd = open(got, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    char buf[4096];
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0)
      if (write(outfd, buf, (size_t)n) != n) _exit(1);
    _exit(0);
  }
  o = tu_run((const char *[]){"report", res, "--format", "md", "-o", fifo, NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  int st;
  waitpid(pid, &st, 0);
  struct stat sb;
  ck_assert_int_eq(stat(fifo, &sb), 0);
  ck_assert(S_ISFIFO(sb.st_mode));   /* still the FIFO, not renamed over */
  size_t got_len;
  char *g = tu_read(got, &got_len);
  ck_assert_uint_eq(got_len, want_len);
  ck_assert(!memcmp(g, want, want_len));
  free(g);
  /* a character device */
  o = tu_run((const char *[]){"report", res, "--format", "md", "-o", "/dev/null", NULL});
  ck_assert_int_eq(o.code, 0);
  tu_done(&o);
  ck_assert_int_eq(stat("/dev/null", &sb), 0);
  ck_assert(S_ISCHR(sb.st_mode));
  /* diff and import's snapshot writer take "-" too */
  o = tu_run((const char *[]){"diff", res, res, "--format", "json", "-o", "-", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  cJSON *d = cJSON_Parse(o.out);
  ck_assert_ptr_nonnull(d);
  cJSON_Delete(d);
  tu_done(&o);
  free(want);
}
END_TEST

/* The table of failing and erroring findings: with --table (or on a
 * terminal), never with --quiet, not when stderr is a file. */
START_TEST(findings_table) {
  tu_out o = tu_run((const char *[]){"audit", PROD, "-o", tu_path("t1"), "--table", NULL});
  ck_assert_int_eq(o.code, 0);
  HAS(o.err, "RULE           SEVERITY STATUS RESOURCE");
  HAS(o.err, "PII-S3-002     critical fail   acme-prod-chat-transcripts");
  HAS(o.err, "PII-S3-002     critical error  acme-prod-exports");
  LACKS(o.err, " pass ");
  ck_assert_str_eq(o.out, "");
  /* most severe first: no high row before the last critical one */
  const char *crit = strstr(o.err, " critical "), *high = strstr(o.err, " high     ");
  ck_assert(crit && high && crit < high);
  const char *c2 = high;
  while ((c2 = strstr(c2 + 1, " critical "))) ck_assert_msg(0, "a critical row after a high one");
  tu_done(&o);
  o = tu_run((const char *[]){"audit", PROD, "-o", tu_path("t2"), NULL});
  LACKS(o.err, "RULE ");
  HAS(o.err, "80 fail, 6 error");  /* the demo's planted gaps (tests/check_e2e.c) */
  tu_done(&o);
  o = tu_run((const char *[]){"audit", PROD, "-o", tu_path("t3"), "--table", "--quiet", NULL});
  ck_assert_str_eq(o.err, "");
  tu_done(&o);
}
END_TEST

/* On a terminal the table is printed without --table: stderr on a pseudo-terminal. */
START_TEST(findings_table_on_a_terminal) {
  int master, slave;
  ck_assert_int_eq(openpty(&master, &slave, NULL, NULL, NULL), 0);
  pid_t pid = fork();
  if (pid == 0) {
    close(master);
    int nul = open("/dev/null", O_WRONLY);
    dup2(nul, 1);
    dup2(slave, 2);
    setenv("SOURCE_DATE_EPOCH", "1795167000", 1);
    execl(CA_TEST_BIN, CA_TEST_BIN, "audit", PROD, "-o", tu_path("pty"), (char *)NULL);
    _exit(127);
  }
  close(slave);
  char buf[1 << 16];
  size_t got = 0;
  for (;;) {   /* until the child closes the terminal (EIO on Linux) */
    ssize_t n = read(master, buf + got, sizeof buf - 1 - got);
    if (n <= 0) break;
    got += (size_t)n;
    if (got == sizeof buf - 1) break;
  }
  buf[got] = '\0';
  int st;
  waitpid(pid, &st, 0);
  close(master);
  ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
  HAS(buf, "RULE           SEVERITY STATUS RESOURCE");
  HAS(buf, "PII-S3-002     critical fail   acme-prod-chat-transcripts");
}
END_TEST

/* policy list: --format json lists what text does; a pack that cannot be loaded exits 2 */
START_TEST(policy_list_json_and_broken_packs) {
  tu_out o = tu_run((const char *[]){"policy", "list", "--format", "json", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  cJSON *d = cJSON_Parse(o.out);
  ck_assert_ptr_nonnull(d);
  int rules = 0;
  const cJSON *p, *r;
  cJSON_ArrayForEach(p, cJSON_GetObjectItem(d, "packs")) {
    ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(p, "errors")), 0);
    cJSON_ArrayForEach(r, cJSON_GetObjectItem(p, "rules")) {
      ck_assert(*str(r, "id") && *str(r, "severity") && *str(r, "file"));
      rules++;
    }
  }
  ck_assert_int_gt(rules, 50);
  cJSON_Delete(d);
  tu_done(&o);
  o = tu_run((const char *[]){"policy", "list", "--policies", CA_TEST_SRC "/tests/packs/brokenpack", "--pack", "brokenpack", NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.out, "ERROR brokenpack/pack.lua");
  HAS(o.err, "could not be loaded");
  tu_done(&o);
  o = tu_run((const char *[]){"policy", "list", "--policies", CA_TEST_SRC "/tests/packs/brokenpack", "--pack", "brokenpack",
                              "--format", "json", NULL});
  ck_assert_int_eq(o.code, 2);
  d = cJSON_Parse(o.out);
  ck_assert_str_eq(str(cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(d, "packs"), 0), "errors"), 0), "file"),
                   "brokenpack/pack.lua");
  cJSON_Delete(d);
  tu_done(&o);
}
END_TEST

/* snapshot.file is the same wherever `audit` runs: relative to the top of the
 * repository the snapshot lies in, or (in none) the file's name -- so is
 * results.json, byte for byte. */
static char *audit_from(const char *cwd, const char *snapshot, const char *outdir) {
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "cd '%s' && exec '%s' audit '%s' -o '%s' --quiet --pack baseline", cwd, CA_TEST_BIN, snapshot,
           outdir);
  const char *argv[] = {"/bin/sh", "-c", cmd, NULL}, *env[] = {"SOURCE_DATE_EPOCH=" TU_NOW, NULL};
  int rc = tu_spawn(argv, env, tu_path("audit.log"), NULL);
  char *log = tu_read(tu_path("audit.log"), NULL);
  ck_assert_msg(rc == 0 || rc == 1, "audit from %s: exit %d: %s", cwd, rc, log);
  free(log);
  char p[512];
  snprintf(p, sizeof p, "%s/results.json", outdir);
  return tu_read(p, NULL);
}

static void file_is(const char *results, const char *want) {
  cJSON *r = cJSON_Parse(results);
  ck_assert_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "snapshot"), "file")), want);
  cJSON_Delete(r);
}

START_TEST(snapshot_file_does_not_depend_on_the_current_folder) {
  /* outside any repository (tu_dir is under /tmp): the file's name */
  ck_assert_int_eq(mkdir(tu_path("a"), 0755), 0);
  char *demo = tu_read(CA_TEST_SRC "/fixtures/demo/prod.json", NULL);
  tu_put("a/prod.json", demo);
  free(demo);
  char a[256], o[4][256], abs[300];
  snprintf(a, sizeof a, "%s", tu_path("a"));
  for (int i = 0; i < 4; i++) snprintf(o[i], sizeof o[i], "%s/o%d", tu_dir, i);
  snprintf(abs, sizeof abs, "%s/prod.json", a);
  char *r1 = audit_from(tu_dir, "a/prod.json", o[0]), *r2 = audit_from(a, "prod.json", o[1]);
  char *r3 = audit_from("/", abs, o[2]);
  file_is(r1, "prod.json");
  ck_assert_str_eq(r1, r2);
  ck_assert_str_eq(r1, r3);
  free(r1), free(r2), free(r3);
  /* inside one: from a subfolder, from outside it, through .., from another folder */
  r1 = audit_from(CA_TEST_SRC "/docs", "../fixtures/demo/prod.json", o[0]);
  r2 = audit_from("/", CA_TEST_SRC "/fixtures/demo/prod.json", o[1]);
  r3 = audit_from(CA_TEST_SRC, "fixtures/demo/../demo/prod.json", o[2]);
  char *r4 = audit_from(a, CA_TEST_SRC "/fixtures/demo/prod.json", o[3]);
  file_is(r1, "fixtures/demo/prod.json");
  ck_assert_str_eq(r1, r2);
  ck_assert_str_eq(r1, r3);
  ck_assert_str_eq(r1, r4);
  free(r1), free(r2), free(r3), free(r4);
}
END_TEST

int main(void) {
  Suite *s = suite_create("cli");
  TCase *tc = tcase_create("cli");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, selection_narrows_is_recorded_and_reaudits);
  tcase_add_test(tc, selection_values_are_checked);
  tcase_add_test(tc, repeated_format_adds);
  tcase_add_test(tc, dash_and_non_regular_outputs);
  tcase_add_test(tc, findings_table);
  tcase_add_test(tc, snapshot_file_does_not_depend_on_the_current_folder);
  tcase_add_test(tc, findings_table_on_a_terminal);
  tcase_add_test(tc, policy_list_json_and_broken_packs);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
