/* util/jsontext.h and what results.json is written with: canonical text
 * laid out without a tree gives cJSON_Print's bytes, and a finding written
 * from its rule's line is the finding ca_results_each makes as a tree. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results/results.h"
#include "testutil.h"
#include "util/jsontext.h"

/* cJSON_Print of v as it reads depth levels deep: depth more tabs after
 * each of its line feeds (cJSON escapes those inside strings). */
static char *print_at(const cJSON *v, int depth) {
  char *t = cJSON_Print(v);
  ca_buf b;
  ca_buf_init(&b, (size_t)-1);
  for (const char *p = t; *p; p++) {
    ca_buf_add(&b, p, 1);
    for (int i = 0; *p == '\n' && i < depth; i++) ca_buf_add(&b, "\t", 1);
  }
  free(t);
  return ca_buf_steal(&b);
}

static void layout_matches(const cJSON *v) {
  char *compact = cJSON_PrintUnformatted(v);
  size_t n = strlen(compact);
  ck_assert_msg(ca_json_canonical(compact, n, 64) == n, "cJSON's own text is canonical: %s", compact);
  ck_assert_uint_eq(ca_json_skip(compact, n), n);
  for (int depth = 0; depth < 4; depth++) {
    ca_buf out;
    ca_buf_init(&out, (size_t)-1);
    ck_assert_int_eq(ca_json_layout(&out, compact, n, depth), 0);
    char *want = print_at(v, depth);
    ck_assert_msg(out.len == strlen(want) && !memcmp(out.data, want, out.len), "depth %d:\n%s\nwanted\n%s", depth,
                  out.data, want);
    free(want);
    ca_buf_free(&out);
  }
  free(compact);
}

START_TEST(layout_is_cjson_print) {
  static const char *const docs[] = {
    "{}", "[]", "\"\"", "0", "-1", "1.5", "1e+20", "0.1", "123456789012", "true", "false", "null",
    "{\"a\":{},\"b\":[],\"c\":[{}],\"d\":[[]],\"e\":{\"f\":{}}}",
    "[1,\"two\",{\"three\":3,\"four\":[4,{\"five\":null}]},[[]],{}]",
    "{\"k\\\"ey\":\"q\\\" b\\\\ s/ \\b\\f\\n\\r\\t \\u0001\\u001f \\u00e9 \\u20ac \xf0\x9f\x98\x80 \x7f\"}",
    "{\"evidence\":[{\"path\":\"/resources/x/arn:aws:s3:::b/data\",\"observed\":{\"a\":[1,2.25,-0.5]},\"expected\":\"x: y, z\"}]}",
    "[[[[[[[[[[{\"deep\":[[[[{}]]]]}]]]]]]]]]]",
  };
  for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
    cJSON *v = cJSON_Parse(docs[i]);
    ck_assert_msg(v != NULL, "%s", docs[i]);
    layout_matches(v);
    cJSON_Delete(v);
  }
  /* random trees, the same every run */
  unsigned seed = 12345;
  for (int t = 0; t < 300; t++) {
    cJSON *stack[8];
    int top = 0;
    cJSON *root = (seed = seed * 1103515245 + 12345) >> 16 & 1 ? cJSON_CreateObject() : cJSON_CreateArray();
    stack[top++] = root;
    for (int k = 0; k < 40 && top; k++) {
      unsigned r = (seed = seed * 1103515245 + 12345) >> 16;
      cJSON *c = stack[top - 1], *v;
      switch (r % 9) {
        case 0: v = cJSON_CreateObject(); break;
        case 1: v = cJSON_CreateArray(); break;
        case 2: v = cJSON_CreateNumber((double)(int)(r % 2001) - 1000); break;
        case 3: v = cJSON_CreateNumber((double)r / 7.0); break;
        case 4: v = cJSON_CreateString("a \"b\"\n\tc\x01 \xc3\xa9"); break;
        case 5: v = cJSON_CreateBool(r & 1); break;
        case 6: v = cJSON_CreateNull(); break;
        case 7: if (top > 1) top--; continue;
        default: v = cJSON_CreateString(""); break;
      }
      char key[16];
      snprintf(key, sizeof key, "k%u", r % 5);
      if (cJSON_IsObject(c)) cJSON_AddItemToObject(c, key, v);
      else cJSON_AddItemToArray(c, v);
      if ((cJSON_IsObject(v) || cJSON_IsArray(v)) && top < 8) stack[top++] = v;
    }
    layout_matches(root);
    cJSON_Delete(root);
  }
}
END_TEST

START_TEST(canonical_refuses_what_cjson_prints_otherwise) {
  static const char *const bad[] = {
    "{\"a\": 1}", "[1, 2]", "\"\\u00e9\"", "\"\\/\"", "\"\\u001F\"", "\"\\u000a\"", "\"\\u0000\"", "\"a\tb\"",
    "\"\xff\"", "\"\xc3\"", "\"\xed\xa0\x80\"", "1.0", "01", "1E5", "+1", "\"open", "{\"a\":", "[1,]",
    "{\"a\"}", "{1:2}", "tru", "nul", "[[[[[[[[[[1]]]]]]]]]]",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    ck_assert_msg(ca_json_canonical(bad[i], strlen(bad[i]), 8) == 0, "accepted %s", bad[i]);
  ck_assert_uint_eq(ca_json_canonical("[[[[[[[[1]]]]]]]]", 17, 8), 17);
  ck_assert_uint_eq(ca_json_canonical("{\"a\":1}tail", 11, 8), 7);   /* the value only */
}
END_TEST

typedef struct got {
  ca_buf b;
  int n, fast;
} got;

/* As results.json holds them (results/stream.c): ", " between findings. */
static int put_text(void *arg, const ca_finding_item *it, size_t index) {
  got *g = arg;
  if (index) ca_buf_add(&g->b, ", ", 2);
  g->n++;
  if (!it->tree) {
    g->fast++;
    return ca_buf_add(&g->b, it->text, it->len);
  }
  char *t = print_at(it->tree, 2);
  int rc = ca_buf_adds(&g->b, t);
  free(t);
  return rc;
}

static int put_tree(void *arg, cJSON *f, size_t index) {
  ca_finding_item it = {f, f, NULL, 0};
  return put_text(arg, &it, index);
}

static int put_counted(void *arg, const ca_finding_item *it, size_t index) {
  got *g = arg;
  (void)index;
  const cJSON *c = it->counted;
  return ca_buf_printf(&g->b, "%s %s %d|", cJSON_GetObjectItem(c, "status")->valuestring,
                       cJSON_GetObjectItem(c, "severity")->valuestring,
                       cJSON_GetArraySize(cJSON_GetObjectItem(c, "controls")));
}

/* A run of one rule whose lines take every way ca_results_walk has. */
START_TEST(findings_from_text_equal_findings_from_trees) {
  ca_err err = {0};
  ca_snapshot *snap = NULL;
  ck_assert_msg(ca_snapshot_load(CA_TEST_SRC "/tests/data/two_instances.json", &snap, &err) == 0, "%s", err.msg);
  const char *in = "arn:aws:connect:us-east-1:111122223333:instance/11111111-1111-1111-1111-111111111111";
  static const char *const metas[] = {
    "{\"id\":\"T-1\",\"title\":\"A \\\"quoted\\\" title\",\"severity\":\"high\",\"practice\":\"P-1\","
    "\"controls\":[{\"framework\":\"PCI-DSS-4.0\",\"id\":\"3.3.1\"},{\"framework\":\"HIPAA\",\"id\":\"164.312(a)\"}],"
    "\"resource\":\"connect_instance\",\"remediation\":\"Fix it.\\nThen check.\"}",
    "{\"id\":\"T-2\",\"title\":\"no practice, no controls\",\"severity\":\"low\",\"resource\":\"connect_instance\","
    "\"remediation\":\"\"}",
  };
  char lines[4096];
  snprintf(lines, sizeof lines,
           "{\"arn\":\"%s\",\"from\":\"%s\",\"status\":\"pass\",\"message\":\"ok \\u0001 \xc3\xa9\",\"evidence\":"
           "[{\"path\":\"/resources/connect_instance/x/data\",\"observed\":{\"n\":[1,2.5,{}],\"e\":[]},\"expected\":true}],"
           "\"parameters\":{}}\n"
           "{\"arn\":\"arn:aws:lambda:us-east-1:111122223333:function:not-in-snapshot\",\"from\":\"%s\",\"status\":\"fail\","
           "\"message\":\"\",\"evidence\":[],\"parameters\":{\"max\":3,\"names\":[\"a\",\"b\"]}}\n"
           "{\"arn\":\"arn:aws:s3:::b\\\\q\",\"from\":\"%s\",\"status\":\"error\",\"message\":\"escaped arn\","
           "\"evidence\":[],\"parameters\":{}}\n"
           "{\"arn\":\"%s\",\"from\":\"%s\",\"status\":\"manual\",\"message\":\"m\",\"evidence\":[],\"parameters\":{},"
           "\"extra\":1}\n",
           in, in, in, in, in, in);
  ca_rule_result rr[2];
  memset(rr, 0, sizeof rr);
  for (int i = 0; i < 2; i++) {
    rr[i].pack = "testpack";
    rr[i].file = "testpack/t.lua";
    rr[i].meta = cJSON_Parse(metas[i]);
    ck_assert_ptr_nonnull(rr[i].meta);
    ca_buf_init(&rr[i].findings, (size_t)-1);
    ca_buf_adds(&rr[i].findings, lines);
    rr[i].nfindings = 4;
  }
  ca_run run = {rr, 2, NULL, 0, NULL};
  got text = {{0}, 0, 0}, trees = {{0}, 0, 0};
  ca_buf_init(&text.b, (size_t)-1);
  ca_buf_init(&trees.b, (size_t)-1);
  ck_assert_int_eq(ca_results_walk(snap, &run, NULL, NULL, CA_ITEM_TEXT, put_text, &text), 0);
  ck_assert_int_eq(ca_results_each(snap, &run, NULL, NULL, put_tree, &trees), 0);
  ck_assert_int_eq(text.n, 8);
  ck_assert_int_eq(trees.n, 8);
  /* the usual lines as text; the escaped ARN and the extra member as trees */
  ck_assert_int_eq(text.fast, 4);
  size_t at = 0;
  while (at < text.b.len && at < trees.b.len && text.b.data[at] == trees.b.data[at]) at++;
  ck_assert_msg(text.b.len == trees.b.len && at == text.b.len, "text and trees differ at byte %zu: \"%.60s\" / \"%.60s\"",
                at, text.b.data + at, trees.b.data + at);
  ck_assert_ptr_nonnull(strstr(text.b.data, "\t\t\t\"practice\":\t\"P-1\",\n"));
  ck_assert_ptr_nonnull(strstr(text.b.data, "\"in_snapshot\":\tfalse"));
  /* counting: a stand-in with the line's status and the rule's severity and controls */
  got counted = {{0}, 0, 0};
  ca_buf_init(&counted.b, (size_t)-1);
  ck_assert_int_eq(ca_results_walk(snap, &run, NULL, NULL, CA_ITEM_COUNT, put_counted, &counted), 0);
  ck_assert_str_eq(counted.b.data, "pass high 2|fail high 2|error high 2|manual high 2|"
                                   "pass low 0|fail low 0|error low 0|manual low 0|");
  ca_buf_free(&text.b);
  ca_buf_free(&trees.b);
  ca_buf_free(&counted.b);
  for (int i = 0; i < 2; i++) ca_rule_result_free(&rr[i]);
  ca_snapshot_free(snap);
}
END_TEST

int main(void) {
  Suite *s = suite_create("jsontext");
  TCase *tc = tcase_create("jsontext");
  tcase_add_test(tc, layout_is_cjson_print);
  tcase_add_test(tc, canonical_refuses_what_cjson_prints_otherwise);
  tcase_add_test(tc, findings_from_text_equal_findings_from_trees);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
