/* policy/jsonout.h: a string written by ca_json_add_string is the text
 * cJSON_PrintUnformatted prints for it, byte for byte (a rule process writes
 * its findings with it, and results.json must not change by a byte). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "policy/jsonout.h"
#include "testutil.h"

static void same_as_cjson(const char *s) {
  cJSON *v = cJSON_CreateString(s);
  char *want = cJSON_PrintUnformatted(v);
  ca_buf b;
  ca_buf_init(&b, (size_t)-1);
  ck_assert_int_eq(ca_json_add_string(&b, s), 0);
  ck_assert_msg(b.len == strlen(want) && !memcmp(b.data, want, b.len), "wrote %s, cJSON printed %s", b.data, want);
  ca_buf_free(&b);
  free(want);
  cJSON_Delete(v);
}

START_TEST(strings_are_written_as_cjson_prints_them) {
  same_as_cjson("");
  same_as_cjson("plain arn:aws:connect:us-east-1:111122223333:instance/x/agent/y");
  same_as_cjson("\"quoted\" and back\\slash\\\\ and /slash/");
  same_as_cjson("\b\f\n\r\t");
  char ctl[40];
  for (int c = 1; c < 0x20; c++) ctl[c - 1] = (char)c;   /* every control byte, \u00xx or short */
  ctl[31] = 0x7f;                                         /* DEL is not escaped */
  ctl[32] = '\0';
  same_as_cjson(ctl);
  same_as_cjson("caf\xc3\xa9 \xe2\x80\xa8 line sep \xe2\x80\xa9 para \xf0\x9f\x98\x80");   /* UTF-8, U+2028 raw */
  same_as_cjson("bad \xff\xfe \xc3 cut \xed\xa0\x80 surrogate \x80");                      /* not UTF-8: as it is */
  same_as_cjson("ends in an escape\n");
  same_as_cjson("\"");
  char *big = malloc(300001);
  for (int i = 0; i < 300000; i++) big[i] = "ab\"c\\d\x01\xe2\x80\xa8\n"[i % 11];
  big[300000] = '\0';
  same_as_cjson(big);
  free(big);
}
END_TEST

START_TEST(every_escaped_byte_at_every_place_in_a_word) {
  /* ca_json_add_string tests 8 bytes at a time: each byte that needs escaping,
   * and bytes either side of the tests' bounds (0x1f/0x20, '!'/'#', '['/']',
   * 0x7f, 0x80, 0xff), at each offset of strings of 1 to 24 bytes, after
   * plain ones that a word test must not flag */
  static const unsigned char odd[] = {0x01, 0x08, 0x09, 0x0a, 0x0c, 0x0d, 0x1f, '"', '\\', 0x20, '!', '#', '[', ']',
                                      0x7f, 0x80, 0xa2, 0xdc, 0xff};
  char s[32];
  for (size_t k = 0; k < sizeof odd; k++)
    for (int len = 1; len <= 24; len++)
      for (int at = 0; at < len; at++) {
        for (int i = 0; i < len; i++) s[i] = (char)("abcdefgh\xe2\x80\xa8xyz~ABCDEFGHIJKLMN"[i]);
        s[at] = (char)odd[k];
        s[len] = '\0';
        same_as_cjson(s);
        if (at + 1 < len) {   /* and a second one later in the same word or the next */
          s[len - 1] = (char)odd[(k + 7) % sizeof odd];
          same_as_cjson(s);
        }
      }
}
END_TEST

START_TEST(a_nul_ends_the_string_as_in_cjson) {
  /* cJSON_CreateString copies up to the NUL: a Lua message with one is cut there */
  const char s[] = "before\0after";
  same_as_cjson(s);
  ca_buf b;
  ca_buf_init(&b, (size_t)-1);
  ck_assert_int_eq(ca_json_add_string(&b, s), 0);
  ck_assert_str_eq(b.data, "\"before\"");
  ca_buf_free(&b);
}
END_TEST

START_TEST(a_full_buffer_fails) {
  ca_buf b;
  ca_buf_init(&b, 8);
  ck_assert_int_eq(ca_json_add_string(&b, "more than eight bytes"), -1);
  ca_buf_free(&b);
}
END_TEST

int main(void) {
  Suite *s = suite_create("jsonout");
  TCase *tc = tcase_create("jsonout");
  tcase_set_timeout(tc, 120);   /* Check's default 4 s is too tight under the sanitizers on a loaded CI machine */
  tcase_add_test(tc, strings_are_written_as_cjson_prints_them);
  tcase_add_test(tc, every_escaped_byte_at_every_place_in_a_word);
  tcase_add_test(tc, a_nul_ends_the_string_as_in_cjson);
  tcase_add_test(tc, a_full_buffer_fails);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
