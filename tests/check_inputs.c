/* Input is never lost, bad input never half-read (issue 13): duplicate
 * member names in every JSON input, nesting messages, outputs that would
 * replace an input, read-only commands that must not write, values that go
 * into hosts and paths, temporary files of a killed run. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

int main(void) {
  Suite *s = suite_create("inputs");
  TCase *tc = tcase_create("inputs");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, duplicate_members_refused_in_every_input);
  tcase_add_test(tc, duplicate_members_compare_unescaped_and_in_big_objects);
  tcase_add_test(tc, too_deep_files_say_nested);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
