/* util/jsontext.h and what results.json is written with: canonical text
 * laid out without a tree gives cJSON_Print's bytes, and a finding written
 * from its rule's line is the finding ca_results_each makes as a tree. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results/results.h"
#include "textcheck_ref.h"
#include "testutil.h"
#include "util/jsonfile.h"
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
    /* a container laid out and measured in one pass, whatever follows it */
    if (compact[0] == '{' || compact[0] == '[') {
      ca_buf one;
      ca_buf_init(&one, (size_t)-1);
      char *more = malloc(n + 8);
      memcpy(more, compact, n);
      memcpy(more + n, ",\"x\":[}", 8);
      ck_assert_uint_eq(ca_json_layout_container(&one, more, n + 8, depth), n);
      ck_assert_msg(one.len == strlen(want) && !memcmp(one.data, want, one.len), "depth %d, one value:\n%s\nwanted\n%s",
                    depth, one.data, want);
      one.len = 0;
      ck_assert_uint_eq(ca_json_layout_container(&one, more, n - 1, depth), 0);   /* cut off: not one */
      free(more);
      ca_buf_free(&one);
    }
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
           "\"extra\":1}\n"
           "{\"arn\":\"%s\",\"from\":\"%s\",\"status\":\"skipped\",\"message\":\"m\",\"parameters\":{},\"evidence\":[]}\n"
           "{\"arn\":\"%s\",\"from\":\"%s\",\"status\":\"pass\",\"evidence\":[1],\"message\":\"m\",\"parameters\":{}}\n",
           in, in, in, in, in, in, in, in, in, in);
  ca_rule_result rr[2];
  memset(rr, 0, sizeof rr);
  for (int i = 0; i < 2; i++) {
    rr[i].pack = "testpack";
    rr[i].file = "testpack/t.lua";
    rr[i].meta = cJSON_Parse(metas[i]);
    ck_assert_ptr_nonnull(rr[i].meta);
    ca_buf_init(&rr[i].findings, (size_t)-1);
    ca_buf_adds(&rr[i].findings, lines);
    rr[i].nfindings = 6;
  }
  ca_run run = {rr, 2, NULL, 0, NULL};
  got text = {{0}, 0, 0}, trees = {{0}, 0, 0};
  ca_buf_init(&text.b, (size_t)-1);
  ca_buf_init(&trees.b, (size_t)-1);
  ck_assert_int_eq(ca_results_walk(snap, &run, NULL, NULL, CA_ITEM_TEXT, put_text, &text), 0);
  ck_assert_int_eq(ca_results_each(snap, &run, NULL, NULL, put_tree, &trees), 0);
  ck_assert_int_eq(text.n, 12);
  ck_assert_int_eq(trees.n, 12);
  /* the usual lines as text; the escaped ARN, the extra member and the
   * members in another order (found part way through laying one out) as trees */
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
  ck_assert_str_eq(counted.b.data, "pass high 2|fail high 2|error high 2|manual high 2|skipped high 2|pass high 2|"
                                   "pass low 0|fail low 0|error low 0|manual low 0|skipped low 0|pass low 0|");
  ca_buf_free(&text.b);
  ca_buf_free(&trees.b);
  ca_buf_free(&counted.b);
  for (int i = 0; i < 2; i++) ca_rule_result_free(&rr[i]);
  ca_snapshot_free(snap);
}
END_TEST

/* ---- ca_json_check_text: the fast scan and the byte loop ---------------- */

/* ca_json_check_text(text) says what the byte loop it had says (textcheck_ref.h),
 * word for word, offset for offset; returns whether the fast scan took it. */
static int check_agrees(const char *text, size_t len) {
  char want[256], said[512];
  int want_rc = ref_check_text(text, len, want, sizeof want);
  ca_err e = {0};
  int rc = ca_json_check_text("t", text, len, &e);
  int plain = ca_json_text_plain(text, len);
  snprintf(said, sizeof said, "t:%s", want);
  ck_assert_msg(rc == want_rc, "%zu bytes: rc %d, the byte loop says %d (%s)", len, rc, want_rc, want);
  if (want_rc) {
    ck_assert_msg(!strcmp(e.msg, said), "%zu bytes: \"%s\", the byte loop says \"%s\"", len, e.msg, said);
    ck_assert_msg(!plain, "%zu bytes: the fast scan accepts what the byte loop refuses (%s)", len, want);
  }
  return plain;
}

/* Pieces that trip the check, or sit next to what does: bad and good UTF-8,
 * NUL, \u0000 inside and outside strings, escapes before multi-byte text. */
static const struct { const char *b; size_t n; } pieces[] = {
#define P(s) {s, sizeof s - 1}
  P("\xff"), P("\x80"), P("\xbf"), P("\xc0\xaf"), P("\xc1\xbf"), P("\xc2"), P("\xc2\x80"), P("\xdf\xbf"),
  P("\xe0\x80\x80"), P("\xe0\x9f\xbf"), P("\xe0\xa0\x80"), P("\xe2\x82"), P("\xe2\x82\xac"),
  P("\xed\x9f\xbf"), P("\xed\xa0\x80"), P("\xed\xbf\xbf"), P("\xee\x80\x80"), P("\xef\xbf\xbf"),
  P("\xf0\x80\x80\x80"), P("\xf0\x8f\xbf\xbf"), P("\xf0\x90\x80\x80"), P("\xf0\x9f\x93\x9e"), P("\xf0\x9f\x93"),
  P("\xf4\x8f\xbf\xbf"), P("\xf4\x90\x80\x80"), P("\xf5\x80\x80\x80"), P("\xf8\x88\x80\x80\x80"),
  P("\0"), P("a\0b"), P("\\u0000"), P("\\\\u0000"), P("\\\\\\u0000"), P("\\u0000\""), P("\"\\u0000"),
  P("\\u00000"), P("\\u000"), P("\\u0001"), P("\\U0000"), P("\\\xc3\xa9"), P("\\\xff"), P("\\\0"), P("\\"),
  P("\\\""), P("\"\\\"\\u0000"), P("\""), P("\n\xff"), P("\xc3\xa9\xff"), P("\xe2\x82\xac\xc0"),
#undef P
};

START_TEST(text_check_fast_scan_agrees_with_the_byte_loop) {
  static const char *const pre[] = {"", "[\"", "\"\\\"", "\n\n\""};
  char buf[512];
  size_t taken = 0;
  /* every piece at every offset across two 32-byte blocks, inside and
   * outside a string, with nothing or a few blocks after it */
  for (size_t p = 0; p < sizeof pieces / sizeof pieces[0]; p++)
    for (size_t k = 0; k < sizeof pre / sizeof pre[0]; k++)
      for (size_t pad = 0; pad < 42; pad++)
        for (size_t tail = 0; tail < 40; tail += 33) {
          size_t n = strlen(pre[k]);
          memcpy(buf, pre[k], n);
          for (size_t i = 0; i < pad; i++) buf[n++] = i % 17 == 16 ? '\n' : 'a' + (char)(i % 26);
          memcpy(buf + n, pieces[p].b, pieces[p].n);
          n += pieces[p].n;
          for (size_t i = 0; i < tail; i++) buf[n++] = i == 0 ? '"' : 'z';
          buf[n] = '\0';
          taken += (size_t)check_agrees(buf, n);
        }
  ck_assert_uint_gt(taken, 0);
  /* two pieces at once, the second past the first's block */
  for (size_t p = 0; p < sizeof pieces / sizeof pieces[0]; p++)
    for (size_t q = 0; q < sizeof pieces / sizeof pieces[0]; q++)
      for (size_t gap = 0; gap < 40; gap += 13) {
        size_t n = 0;
        buf[n++] = '"';
        memcpy(buf + n, pieces[p].b, pieces[p].n), n += pieces[p].n;
        for (size_t i = 0; i < gap; i++) buf[n++] = 'x';
        memcpy(buf + n, pieces[q].b, pieces[q].n), n += pieces[q].n;
        buf[n] = '\0';
        check_agrees(buf, n);
      }
  /* random text over an alphabet of the bytes that matter */
  static const unsigned char abc[] = "a\"\\u0\n\x80\xbf\xc3\xa9\xe2\x82\xac\xed\xa0\xf0\x9f\xf4\x90\xc0\xff";
  unsigned long x = 12345;
  for (int round = 0; round < 12000; round++) {
    x = x * 6364136223846793005UL + 1442695040888963407UL;
    size_t n = (x >> 33) % 90;
    for (size_t i = 0; i < n; i++) {
      x = x * 6364136223846793005UL + 1442695040888963407UL;
      unsigned r = (unsigned)(x >> 35);
      buf[i] = r % 4 ? 'a' + (char)(r % 7) : (char)abc[(r >> 4) % (sizeof abc)];   /* sizeof: the NUL too */
    }
    buf[n] = '\0';
    check_agrees(buf, n);
  }
}
END_TEST

START_TEST(text_check_fast_scan_takes_long_and_ordinary_text) {
  /* 256 KiB of a string, clean, then with one bad byte near its end */
  size_t n = (size_t)1 << 18;
  char *big = malloc(n + 1);
  big[0] = '"';
  static const char unit[] = "caf\xc3\xa9 \\\"x\\\\y\\u00e9\n";   /* whole units only: nothing cut */
  for (size_t i = 1; i < n; i++) big[i] = ' ';
  for (size_t i = 1; i + sizeof unit < n; i += sizeof unit + 7) memcpy(big + i, unit, sizeof unit - 1);
  big[n - 1] = '"';
  big[n] = '\0';
  ck_assert_int_eq(ref_check_text(big, n, (char[64]){0}, 64), 0);
  ck_assert_int_eq(check_agrees(big, n), 1);   /* the fast scan decides it */
  for (size_t back = 2; back < 70; back += 3) {
    char was = big[n - back];
    big[n - back] = back % 3 ? '\xff' : '\0';
    ck_assert_int_eq(check_agrees(big, n), 0);
    big[n - back] = was;
  }
  free(big);
  /* the demo snapshot: fine, and taken by the fast scan */
  size_t len;
  char *demo = tu_read(CA_TEST_SRC "/fixtures/demo/prod.json", &len);
  ck_assert_int_eq(check_agrees(demo, len), 1);
  free(demo);
}
END_TEST

/* The string scans' word-at-a-time search finds the first quote or backslash,
 * from every start, wherever in a word it stands, with NULs and bytes >= 0x80
 * (which trip the zero test's borrows) around it. */
START_TEST(quote_or_backslash_finds_the_first) {
  static const char abc[] = "ab\"\\\x80\xff\x01\x21\x5b\x5d";
  char t[80];
  unsigned long x = 99;
  for (int round = 0; round < 3000; round++) {
    size_t n = 0;
    x = x * 6364136223846793005UL + 1442695040888963407UL;
    n = (x >> 33) % sizeof t;
    for (size_t i = 0; i < n; i++) {
      x = x * 6364136223846793005UL + 1442695040888963407UL;
      unsigned r = (unsigned)(x >> 35);
      t[i] = r % 9 ? (r % 11 ? 'a' : '\0') : abc[(r >> 5) % (sizeof abc - 1)];
    }
    for (size_t from = 0; from <= n; from++) {
      size_t want = from;
      while (want < n && t[want] != '"' && t[want] != '\\') want++;
      ck_assert_uint_eq(ca_json_quote_or_backslash(t, from, n), want);
    }
  }
}
END_TEST

/* Strings are canonical exactly when cJSON prints back the bytes it parsed
 * and they are UTF-8: random strings of escapes, control bytes, bad and good
 * UTF-8, at every alignment after a padding string, hold ca_json_canonical
 * (and skip, and layout) to cJSON itself. */
static int utf8_ok(const char *t, size_t n) {
  for (size_t i = 0, k; i < n; i += k)
    if (!(k = ca_utf8_len((const unsigned char *)t + i, n - i))) return 0;
  return 1;
}

START_TEST(canonical_strings_are_what_cjson_prints_back) {
  static const char *const tok[] = {"a", "z", " ", "~", "\x7f", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x93\x9e", "\x80",
                                    "\xff", "\xc3", "\x01", "\x1f", "\t", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n",
                                    "\\r", "\\t", "\\u0001", "\\u001f", "\\u001F", "\\u0000", "\\u00e9", "\\u0008",
                                    "\\", "\"", "xxxxxxxx", "0123456789abcdef"};
  char text[1024];
  unsigned long x = 7;
  size_t canonical = 0;
  for (int round = 0; round < 10000; round++) {
    x = x * 6364136223846793005UL + 1442695040888963407UL;
    size_t pad = (x >> 40) % 9, ntok = (x >> 20) % 24, n = 0;
    text[n++] = '[', text[n++] = '"';
    for (size_t i = 0; i < pad; i++) text[n++] = 'p';
    text[n++] = '"', text[n++] = ',', text[n++] = '"';
    for (size_t i = 0; i < ntok; i++) {
      x = x * 6364136223846793005UL + 1442695040888963407UL;
      const char *t = (x >> 33) % 3 ? tok[(x >> 36) % 2] : tok[(x >> 36) % (sizeof tok / sizeof tok[0])];
      memcpy(text + n, t, strlen(t)), n += strlen(t);
    }
    text[n++] = '"', text[n++] = ']';
    text[n] = '\0';
    cJSON *v = cJSON_ParseWithLength(text, n);
    char *back = v ? cJSON_PrintUnformatted(v) : NULL;
    int want = back && strlen(back) == n && !memcmp(back, text, n) && utf8_ok(text, n);
    size_t len = ca_json_canonical(text, n, 8);
    ck_assert_msg((len == n) == want, "canonical %zu of %zu, cJSON prints back %s: %s", len, n, back ? back : "(none)", text);
    if (want) {
      layout_matches(v);
      canonical++;
    }
    free(back);
    cJSON_Delete(v);
  }
  ck_assert_uint_gt(canonical, 300);
}
END_TEST

int main(void) {
  Suite *s = suite_create("jsontext");
  TCase *tc = tcase_create("jsontext");
  tcase_set_timeout(tc, 120);   /* Check's default 4 s is too tight under the sanitizers on a loaded CI machine */
  tcase_add_test(tc, layout_is_cjson_print);
  tcase_add_test(tc, canonical_refuses_what_cjson_prints_otherwise);
  tcase_add_test(tc, findings_from_text_equal_findings_from_trees);
  tcase_add_test(tc, text_check_fast_scan_agrees_with_the_byte_loop);
  tcase_add_test(tc, text_check_fast_scan_takes_long_and_ordinary_text);
  tcase_add_test(tc, quote_or_backslash_finds_the_first);
  tcase_add_test(tc, canonical_strings_are_what_cjson_prints_back);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
