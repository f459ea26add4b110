/* Input is never lost, bad input never half-read (issue 13): duplicate
 * member names in every JSON input, nesting messages, outputs that would
 * replace an input, read-only commands that must not write, values that go
 * into hosts and paths, temporary files of a killed run. */
#define _GNU_SOURCE
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"

#define SRC CA_TEST_SRC
#define PROD CA_TEST_SRC "/fixtures/demo/prod.json"

static void setup(void) { tu_setup("inputs"); }
static void teardown(void) { tu_teardown(); }

#define RUN(...) tu_run((const char *const[]){__VA_ARGS__, NULL})

/* A results document with a duplicate member: refused before its content is
 * looked at, so it needs nothing else. */
static const char dup_results[] =
  "{\n  \"schema\": \"connect-auditor/results/v1\",\n  \"findings\": [],\n  \"findings\": [{}]\n}\n";

START_TEST(duplicate_members_refused_in_every_input) {
  const char *dup_params = tu_put("params.json", "{\"baseline\": {\"lex_audience_children\": true,\n"
                                                 "  \"lex_audience_children\": false}}");
  tu_out o = RUN("audit", PROD, "-o", tu_path("out"), "--params", dup_params);
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "params.json:2:3: duplicate member \"lex_audience_children\" in /baseline (first at 1:15)");
  tu_done(&o);

  const char *w = tu_put("waivers.json", "{\"waivers\": [],\n \"waivers\": []}");
  o = RUN("audit", PROD, "-o", tu_path("out"), "--waivers", w);
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "waivers.json:2:2: duplicate member \"waivers\" in the document root (first at 1:2)");
  tu_done(&o);

  const char *a = tu_put("att.json", "{\"attestations\": [{\"rule\": \"X\", \"rule\": \"Y\"}]}");
  o = RUN("audit", PROD, "-o", tu_path("out"), "--attestations", a);
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "att.json:1:33: duplicate member \"rule\" in /attestations/0 (first at 1:20)");
  tu_done(&o);
  ck_assert_int_ne(access(tu_path("out/results.json"), F_OK), 0);

  const char *r = tu_put("results.json", dup_results);
  o = RUN("report", r, "--format", "html", "-o", tu_path("r.html"));
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "results.json:4:3: duplicate member \"findings\"");
  tu_done(&o);
  o = RUN("diff", r, r);
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "results.json:4:3: duplicate member \"findings\"");
  tu_done(&o);
  o = RUN("verify", r, PROD);
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "results.json:4:3: duplicate member \"findings\"");
  tu_done(&o);
}
END_TEST

/* Names compare unescaped ("\u0061" is "a"), and a big object (sorted, not
 * compared pairwise) names the first repeat in document order. */
START_TEST(duplicate_members_compare_unescaped_and_in_big_objects) {
  const char *p = tu_put("params.json", "{\"baseline\": {\"a\": 1, \"\\u0061\": 2}}");
  tu_out o = RUN("audit", PROD, "-o", tu_path("out"), "--params", p);
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "params.json:1:23: duplicate member \"a\" in /baseline (first at 1:15)");
  tu_done(&o);

  char big[8192] = "{\"baseline\": {";
  for (int i = 0; i < 200; i++) snprintf(big + strlen(big), sizeof big - strlen(big), "\"k%d\": 1, ", i);
  strcat(big, "\"k150\": 2, \"k7\": 3}}");
  p = tu_put("big.json", big);
  o = RUN("audit", PROD, "-o", tu_path("out"), "--params", p);
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "duplicate member \"k150\" in /baseline");
  tu_done(&o);
}
END_TEST

/* --params and --waivers too deep: the snapshot loader's words, not
 * "invalid JSON". */
START_TEST(too_deep_files_say_nested) {
  char deep[2200];
  size_t n = 0;
  n += (size_t)snprintf(deep, sizeof deep, "{\"baseline\": {\"x\": ");
  for (int i = 0; i < 1001; i++) deep[n++] = '[';
  for (int i = 0; i < 1001; i++) deep[n++] = ']';
  strcpy(deep + n, "}}");
  const char *p = tu_put("deep.json", deep);
  tu_out o = RUN("audit", PROD, "-o", tu_path("out"), "--params", p);
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "deep.json:1:");
  HAS(o.err, "JSON nested deeper than 1000 levels");
  tu_done(&o);
  o = RUN("audit", PROD, "-o", tu_path("out"), "--waivers", p);
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "JSON nested deeper than 1000 levels");
  tu_done(&o);
}
END_TEST

/* An output never replaces an input: audit D/results.json -o D, report and
 * diff -o onto what they read, through a symbolic link too.  The input is
 * left byte for byte as it was. */
START_TEST(outputs_never_replace_inputs) {
  char *prod = tu_read(PROD, NULL);
  mkdir(tu_path("D"), 0755);
  tu_spit(tu_path("D/results.json"), prod);
  tu_out o = RUN("audit", tu_path("D/results.json"), "-o", tu_path("D"));
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "D/results.json: is the input ");
  HAS(o.err, "an output never replaces an input");
  tu_done(&o);
  char *now = tu_read(tu_path("D/results.json"), NULL);
  ck_assert_str_eq(now, prod);
  free(now);
  /* --format html: report.html is an output too; a link to the snapshot there */
  ck_assert_int_eq(symlink(tu_path("D/results.json"), tu_path("D/report.html")), 0);
  o = RUN("audit", tu_path("D/results.json"), "-o", tu_path("D"), "--format", "html", "--params", tu_path("D/results.json"));
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "D/report.html: is the input ");
  tu_done(&o);
  unlink(tu_path("D/report.html"));
  /* --db onto an input */
  o = RUN("audit", PROD, "-o", tu_path("out"), "--db", PROD);
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "is the input " PROD);
  tu_done(&o);

  /* a results.json to re-render and diff */
  o = RUN("audit", PROD, "-o", tu_path("out"), "--quiet");
  ck_assert_int_eq(o.code, 0);
  tu_done(&o);
  char *results = tu_read(tu_path("out/results.json"), NULL);
  o = RUN("report", tu_path("out/results.json"), "--format", "html", "-o", tu_path("out/results.json"));
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "is the input");
  tu_done(&o);
  ck_assert_int_eq(symlink(tu_path("out/results.json"), tu_path("link.json")), 0);
  o = RUN("report", tu_path("out/results.json"), "--format", "md", "-o", tu_path("link.json"));
  ck_assert_int_eq(o.code, 2);
  tu_done(&o);
  ck_assert_int_eq(link(tu_path("out/results.json"), tu_path("hard.json")), 0);
  o = RUN("diff", tu_path("out/results.json"), PROD, "-o", tu_path("hard.json"));
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "hard.json: is the input ");
  tu_done(&o);
  o = RUN("diff", tu_path("out/results.json"), tu_path("out/results.json"), "--format", "json", "-o", tu_path("out/results.json"));
  ck_assert_int_eq(o.code, 2);
  tu_done(&o);
  now = tu_read(tu_path("out/results.json"), NULL);
  ck_assert_str_eq(now, results);
  free(now);
  /* bundle -o onto a file of the folder it reads, or onto its key */
  o = RUN("bundle", tu_path("out"), "-o", tu_path("out/results.json"), "--snapshot", PROD);
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "out/results.json: is the input ");
  tu_done(&o);
  o = RUN("bundle", tu_path("out"), "-o", PROD, "--snapshot", PROD);
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "is the input");
  tu_done(&o);
  /* and a new file is written as before */
  o = RUN("diff", tu_path("out/results.json"), tu_path("out/results.json"), "-o", tu_path("diff.txt"));
  ck_assert_int_eq(o.code, 0);
  tu_done(&o);
  free(results);
  free(prod);
}
END_TEST

/* history reads: an empty file stays empty (no schema written into it), a
 * missing one is not created. */
START_TEST(history_never_writes) {
  tu_spit(tu_path("empty.db"), "");
  tu_out o = RUN("history", "--db", tu_path("empty.db"));
  ck_assert_int_eq(o.code, 0);
  HAS(o.err, "no scans recorded");
  tu_done(&o);
  o = RUN("history", "--db", tu_path("empty.db"), "--format", "json");
  ck_assert_int_eq(o.code, 0);
  HAS(o.out, "\"scans\":\t[]");
  tu_done(&o);
  struct stat st;
  ck_assert_int_eq(stat(tu_path("empty.db"), &st), 0);
  ck_assert_int_eq(st.st_size, 0);
  o = RUN("history", "--db", tu_path("missing.db"));
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "no history database there");
  tu_done(&o);
  ck_assert_int_ne(access(tu_path("missing.db"), F_OK), 0);
  /* a JSON file is not a database, and stays as it was */
  char *prod = tu_read(PROD, NULL);
  tu_spit(tu_path("snap.json"), prod);
  o = RUN("history", "--db", tu_path("snap.json"));
  ck_assert_int_eq(o.code, 2);
  tu_done(&o);
  char *now = tu_read(tu_path("snap.json"), NULL);
  ck_assert_str_eq(now, prod);
  free(now);
  free(prod);
}
END_TEST

/* collect -o checks PATH before any call: nothing listens at the endpoint,
 * so a call would end in exit 3 (could not complete), not in these 2s. */
static tu_out collect(const char *out, const char *region, const char *instance, const char *role) {
  const char *env[] = {"AWS_ACCESS_KEY_ID=AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY=secret", "AWS_ENDPOINT_URL=http://127.0.0.1:9",
                       "AWS_SHARED_CREDENTIALS_FILE=/nonexistent/credentials", "AWS_CONFIG_FILE=/nonexistent/config", NULL};
  const char *argv[] = {CA_TEST_BIN, "collect", "--region", region, "--instance", instance, "-o", out, "--max-attempts", "1",
                        "--quiet", role ? "--role-arn" : NULL, role, NULL};
  tu_out o = {0};
  o.code = tu_spawn(argv, env, tu_path("stdout"), tu_path("stderr"));
  o.out = tu_read(tu_path("stdout"), NULL);
  o.err = tu_read(tu_path("stderr"), NULL);
  return o;
}

START_TEST(collect_checks_its_output_first) {
  tu_out o = collect(tu_dir, "us-east-1", "acme-prod", NULL);
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "is a folder; expected the name of a file to write");
  tu_done(&o);
  o = collect(tu_path("no/such/folder/s.json"), "us-east-1", "acme-prod", NULL);
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "s.json: its folder does not exist");
  tu_done(&o);
  tu_spit(tu_path("file"), "x");
  o = collect(tu_path("file/s.json"), "us-east-1", "acme-prod", NULL);
  ck_assert_int_eq(o.code, 2);
  tu_done(&o);
  /* the credentials file is an input */
  tu_spit(tu_path("credentials"), "[default]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = s\n");
  char var[128];
  snprintf(var, sizeof var, "AWS_SHARED_CREDENTIALS_FILE=%s", tu_path("credentials"));
  const char *env2[] = {var, "AWS_ENDPOINT_URL=http://127.0.0.1:9", NULL};
  const char *argv[] = {CA_TEST_BIN, "collect", "--region", "us-east-1", "--instance", "acme-prod", "-o",
                        tu_path("credentials"), NULL};
  ck_assert_int_eq(tu_spawn(argv, env2, tu_path("stdout"), tu_path("stderr")), 2);
  char *err = tu_read(tu_path("stderr"), NULL);
  HAS(err, "credentials: is the input ");
  free(err);
  /* and a writable place gets as far as the (absent) endpoint: exit 3 */
  o = collect(tu_path("s.json"), "us-east-1", "acme-prod", NULL);
  ck_assert_int_eq(o.code, 3);
  tu_done(&o);
  ck_assert_int_ne(access(tu_path("s.json"), F_OK), 0);
}
END_TEST

/* scan: the snapshot collect would write is checked against what audit
 * reads and writes before the first call. */
START_TEST(scan_checks_its_snapshot_first) {
  const char *env[] = {"AWS_ACCESS_KEY_ID=AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY=secret", "AWS_ENDPOINT_URL=http://127.0.0.1:9",
                       "AWS_SHARED_CREDENTIALS_FILE=/nonexistent/credentials", "AWS_CONFIG_FILE=/nonexistent/config", NULL};
  const char *p = tu_put("params.json", "{}");
  const char *a1[] = {CA_TEST_BIN, "scan", "--region", "us-east-1", "--instance", "acme-prod", "-o", tu_path("D"),
                      "--snapshot", p, "--params", p, "--quiet", NULL};
  ck_assert_int_eq(tu_spawn(a1, env, tu_path("stdout"), tu_path("stderr")), 2);
  char *err = tu_read(tu_path("stderr"), NULL);
  HAS(err, "params.json: is the input ");
  free(err);
  char *now = tu_read(p, NULL);
  ck_assert_str_eq(now, "{}");
  free(now);
  mkdir(tu_path("D"), 0755);
  const char *a2[] = {CA_TEST_BIN, "scan", "--region", "us-east-1", "--instance", "acme-prod", "-o", tu_path("D"),
                      "--snapshot", tu_path("D/report.html"), "--quiet", NULL};
  ck_assert_int_eq(tu_spawn(a2, env, tu_path("stdout"), tu_path("stderr")), 2);
  err = tu_read(tu_path("stderr"), NULL);
  HAS(err, "audit writes report.html there");
  free(err);
}
END_TEST

/* Values that go into host names, request paths and ARNs. */
START_TEST(collect_validates_region_instance_and_role) {
  const char *regions[] = {"us-east-1.evil.example", "us-east-1/x", "us-east-1#", "-us", "us-", "123", "", NULL};
  for (int i = 0; regions[i]; i++) {
    tu_out o = collect(tu_path("s.json"), regions[i], "acme-prod", NULL);
    if (!regions[i][0]) {   /* no --region value: no region at all */
      ck_assert_int_eq(o.code, 2);
    } else {
      ck_assert_msg(o.code == 2, "--region %s: exit %d", regions[i], o.code);
      HAS(o.err, "expected a region name such as us-east-1");
    }
    tu_done(&o);
  }
  const char *instances[] = {"../../x", "acme prod", "d-acme", "arn:aws:connect:us-east-1:111122223333:instance/../x",
                             "arn:aws:connect:us-east-1:1111:instance/4f1c2b7a-0d7e-4c1e-9a53-3c1f0e6b2d10",
                             "arn:aws:s3:us-east-1:111122223333:instance/4f1c2b7a-0d7e-4c1e-9a53-3c1f0e6b2d10", NULL};
  for (int i = 0; instances[i]; i++) {
    tu_out o = collect(tu_path("s.json"), "us-east-1", instances[i], NULL);
    ck_assert_msg(o.code == 2, "--instance %s: exit %d", instances[i], o.code);
    HAS(o.err, "--instance ");
    HAS(o.err, ": expected an instance");
    tu_done(&o);
  }
  tu_out o = collect(tu_path("s.json"), "us-east-1", "acme-prod", "arn:aws:iam::111122223333:user/x");
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "expected a role ARN");
  tu_done(&o);
  o = collect(tu_path("s.json"), "us-east-1", "acme-prod", "arn:aws:iam::111122223333:role/a b");
  ck_assert_int_eq(o.code, 2);
  tu_done(&o);
  /* good values pass the checks (and fail later, at the absent endpoint) */
  const char *good[] = {"acme-prod", "4f1c2b7a-0d7e-4c1e-9a53-3c1f0e6b2d10",
                        "arn:aws:connect:us-east-1:111122223333:instance/4f1c2b7a-0d7e-4c1e-9a53-3c1f0e6b2d10", NULL};
  for (int i = 0; good[i]; i++) {
    o = collect(tu_path("s.json"), "us-east-1", good[i], "arn:aws:iam::111122223333:role/path/Auditor+1");
    ck_assert_msg(o.code == 3, "--instance %s: exit %d: %s", good[i], o.code, o.err);
    tu_done(&o);
  }
}
END_TEST

static void age(const char *path, long seconds) {
  struct timespec t[2];
  clock_gettime(CLOCK_REALTIME, &t[0]);
  t[0].tv_sec -= seconds;
  t[1] = t[0];
  ck_assert_int_eq(utimensat(AT_FDCWD, path, t, 0), 0);
}

/* A killed run's temporary files are removed by the next run into the same
 * place: only our pattern (NAME.XXXXXX, six letters or digits), only older
 * than the run, only unlocked; never anything else. */
START_TEST(killed_runs_temporary_files_are_removed) {
  mkdir(tu_path("out"), 0755);
  const char *old[] = {"out/results.json.a1B2c3", "out/results.json.ZZZZZZ", "out/report.html.000000", NULL};
  const char *keep[] = {"out/results.json.a1B2c", "out/results.json.a1B2c3d", "out/results.json.a-B2c3",
                        "out/results.jsonXa1B2c3", "out/other.json.a1B2c3", "out/results.json.young1",
                        "out/results.json.locked", NULL};
  for (int i = 0; old[i]; i++) { tu_spit(tu_path(old[i]), "{\"half\": "); age(tu_path(old[i]), 3600); }
  for (int i = 0; keep[i]; i++) { tu_spit(tu_path(keep[i]), "{\"half\": "); age(tu_path(keep[i]), 3600); }
  age(tu_path("out/results.json.young1"), -3600);   /* younger than the run: a live one's */
  int fd = open(tu_path("out/results.json.locked"), O_RDONLY);
  ck_assert_int_ge(fd, 0);
  ck_assert_int_eq(flock(fd, LOCK_EX), 0);          /* a live writer holds its own locked */
  mkdir(tu_path("out/results.json.dir123"), 0755);
  age(tu_path("out/results.json.dir123"), 3600);
  tu_out o = RUN("audit", PROD, "-o", tu_path("out"), "--format", "json,html", "--quiet");
  ck_assert_int_eq(o.code, 0);
  tu_done(&o);
  close(fd);
  for (int i = 0; old[i]; i++) ck_assert_msg(access(tu_path(old[i]), F_OK) != 0, "%s is still there", old[i]);
  for (int i = 0; keep[i]; i++) ck_assert_msg(access(tu_path(keep[i]), F_OK) == 0, "%s was removed", keep[i]);
  ck_assert(access(tu_path("out/results.json.dir123"), F_OK) == 0);
  /* diff -o and the snapshot writers go through the same write */
  tu_spit(tu_path("d.txt.Q1w2E3"), "half");
  age(tu_path("d.txt.Q1w2E3"), 60);
  o = RUN("diff", PROD, PROD, "-o", tu_path("d.txt"));
  ck_assert_int_eq(o.code, 0);
  tu_done(&o);
  ck_assert(access(tu_path("d.txt.Q1w2E3"), F_OK) != 0);
}
END_TEST

int main(void) {
  Suite *s = suite_create("inputs");
  TCase *tc = tcase_create("inputs");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, duplicate_members_refused_in_every_input);
  tcase_add_test(tc, duplicate_members_compare_unescaped_and_in_big_objects);
  tcase_add_test(tc, too_deep_files_say_nested);
  tcase_add_test(tc, outputs_never_replace_inputs);
  tcase_add_test(tc, history_never_writes);
  tcase_add_test(tc, collect_checks_its_output_first);
  tcase_add_test(tc, collect_validates_region_instance_and_role);
  tcase_add_test(tc, scan_checks_its_snapshot_first);
  tcase_add_test(tc, killed_runs_temporary_files_are_removed);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
