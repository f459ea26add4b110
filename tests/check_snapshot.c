/* The snapshot loader: every bad input gets a message naming the file, the
 * place (line:column or JSON pointer) and what was expected. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snapshot/snapshot.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/sha256.h"
#include "testutil.h"

#define HEAD "{\"schema\":\"connect-auditor/snapshot/v1\",\"tool\":{\"name\":\"t\",\"version\":\"1\"}," \
             "\"collected_at\":\"2026-11-20T09:30:00Z\",\"account_id\":\"111122223333\",\"regions\":[\"us-east-1\"],"
#define BUCKET "arn:aws:s3:::acme-b"

/* Loads text; returns the error message ("" if it loaded). */
static const char *load(const char *text) {
  static ca_err err;
  ca_err_clear(&err);
  ca_snapshot *s = NULL;
  int rc = ca_snapshot_parse("snap.json", text, strlen(text), &s, &err);
  ca_snapshot_free(s);
  if (rc == 0) return "";
  ck_assert_int_eq(err.code, CA_EXIT_USAGE);
  ck_assert_ptr_nonnull(strstr(err.msg, "snap.json"));
  return err.msg;
}

#define ASSERT_ERR(text, needle) do { const char *m_ = load(text); \
  ck_assert_msg(strstr(m_, needle), "message \"%s\" lacks \"%s\"", m_, needle); } while (0)

START_TEST(valid_minimal_snapshot_loads) {
  ck_assert_str_eq(load(HEAD "\"resources\":{},\"errors\":[]}"), "");
  ck_assert_str_eq(load(HEAD "\"resources\":{},\"errors\":[]}\n\n  "), "");   /* trailing space */
}
END_TEST

/* A flow whose Content is not the flow language (the pre-2019 export format,
 * or an object without Actions) is that flow's problem: the snapshot loads,
 * and the flow's rules report error for it (policies/lib/flow.lua). */
START_TEST(flow_content_not_flow_language_loads) {
  ck_assert_str_eq(load(HEAD "\"resources\":{\"connect_contact_flow\":{\"arn:aws:connect:us-east-1:111122223333:instance/i/contact-flow/f\":"
                   "{\"name\":\"f\",\"region\":\"us-east-1\",\"data\":{\"ContactFlow\":{\"Content\":"
                   "{\"modules\":[{\"id\":\"m1\",\"type\":\"PlayPrompt\"}],\"version\":\"1\",\"start\":\"m1\"}}}}}},\"errors\":[]}"), "");
  ck_assert_str_eq(load(HEAD "\"resources\":{\"connect_contact_flow_module\":{\"arn:aws:connect:us-east-1:111122223333:instance/i/flow-module/m\":"
                   "{\"name\":\"m\",\"region\":\"us-east-1\",\"data\":{\"ContactFlowModule\":{\"Content\":"
                   "{\"Version\":\"2019-10-30\",\"StartAction\":7,\"Actions\":{}}}}}}},\"errors\":[]}"), "");
}
END_TEST

START_TEST(syntax_errors_name_line_and_column) {
  ASSERT_ERR("", "empty file");
  ASSERT_ERR("{\"schema\": \"connect", "snap.json:1:13");
  ASSERT_ERR("{\"schema\": \"connect", "never ends (is the file truncated?)");
  ASSERT_ERR("{\"schema\": [1, 2", "unexpected end of file");
  ASSERT_ERR("{\n\"a\": 1,\n\"b\": nope\n}", "snap.json:3:6");
  ASSERT_ERR("{\n\"a\": 1,\n\"b\": nope\n}", "invalid JSON near \"nope");
  ASSERT_ERR(HEAD "\"resources\":{},\"errors\":[]} trailing", "invalid JSON");
}
END_TEST

START_TEST(deep_nesting_is_refused_clearly) {
  size_t n = 5000;
  char *deep = malloc(n + 1);
  memset(deep, '[', n);
  deep[n] = '\0';
  ASSERT_ERR(deep, "nested deeper than 1000 levels");
  free(deep);
}
END_TEST

START_TEST(nul_byte_is_refused) {
  static const char text[] = "{\"a\":\0 1}";
  ca_err err = {0};
  ca_snapshot *s = NULL;
  ck_assert_int_eq(ca_snapshot_parse("snap.json", text, sizeof text - 1, &s, &err), -1);
  ck_assert_ptr_nonnull(strstr(err.msg, "snap.json:1:6 (byte 5): a NUL byte"));
}
END_TEST

/* cJSON would let these through: raw bytes that are not UTF-8 end up in
 * results.json, and \u0000 cuts a string short ("v1\u0000junk" reads "v1"). */
START_TEST(bad_utf8_and_nul_escapes_are_refused) {
  static const struct { const char *text, *msg; } cases[] = {
    {"{\"a\":\"t\xff\"}", "snap.json:1:8 (byte 7): not UTF-8"},
    {"{\"a\":\"\xc0\xaf\"}", "(byte 6): not UTF-8"},             /* overlong '/' */
    {"{\"a\":\"\xed\xa0\x80\"}", "(byte 6): not UTF-8"},         /* a UTF-16 surrogate */
    {"{\"a\":\"\xf4\x90\x80\x80\"}", "(byte 6): not UTF-8"},     /* past U+10FFFF */
    {"{\"a\":\"\xe2\x82\"}", "(byte 6): not UTF-8"},             /* cut short */
    {"{\"schema\":\"connect-auditor/snapshot/v1\\u0000junk\"}", "(byte 38): a \\u0000 escape"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    ca_err err = {0};
    ca_snapshot *s = NULL;
    ck_assert_int_eq(ca_snapshot_parse("snap.json", cases[i].text, strlen(cases[i].text), &s, &err), -1);
    ck_assert_msg(strstr(err.msg, cases[i].msg), "case %zu: %s", i, err.msg);
  }
  /* well-formed multi-byte text and an escaped backslash before u0000 are fine */
  ca_err err = {0};
  ca_snapshot *s = NULL;
  static const char ok[] = "{\"a\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\x9e \\\\u0000\"}";
  ca_snapshot_parse("snap.json", ok, sizeof ok - 1, &s, &err);
  ck_assert_msg(!strstr(err.msg, "UTF-8") && !strstr(err.msg, "u0000"), "%s", err.msg);
  ca_snapshot_free(s);
}
END_TEST

START_TEST(schema_version_is_checked) {
  ASSERT_ERR("{\"schema\":\"connect-auditor/snapshot/v0\"}", "/schema: unsupported snapshot schema \"connect-auditor/snapshot/v0\"");
  ASSERT_ERR("{\"tool\":{}}", "/schema: missing; expected a string");
  ASSERT_ERR("[1,2]", "(document root): expected an object, found an array");
}
END_TEST

START_TEST(top_level_shape_is_checked) {
  ASSERT_ERR("{\"schema\":\"connect-auditor/snapshot/v1\",\"tool\":{\"name\":\"t\",\"version\":\"1\"},"
             "\"collected_at\":\"2026-11-20T09:30:00Z\",\"account_id\":111122223333}",
             "/account_id: expected a string, found a number");
  ASSERT_ERR("{\"schema\":\"connect-auditor/snapshot/v1\",\"tool\":{\"name\":\"t\",\"version\":\"1\"},"
             "\"collected_at\":\"yesterday\"}", "/collected_at: expected an RFC 3339 time");
  ASSERT_ERR("{\"schema\":\"connect-auditor/snapshot/v1\",\"tool\":{\"name\":\"t\",\"version\":\"1\"},"
             "\"collected_at\":\"2026-11-20T09:30:00Z\",\"account_id\":\"1234\"}", "12-digit AWS account ID");
  ASSERT_ERR(HEAD "\"resources\":[],\"errors\":[]}", "/resources: expected an object, found an array");
  ASSERT_ERR(HEAD "\"resources\":{},\"errors\":{}}", "/errors: expected an array, found an object");
  ASSERT_ERR(HEAD "\"resources\":{},\"errors\":[{\"arn\":\"x\",\"operation\":\"o\",\"code\":7,\"message\":\"m\"}]}",
             "/errors/0/code: expected a string, found a number");
  ASSERT_ERR(HEAD "\"resources\":{}}", "/errors: missing; expected an array");
}
END_TEST

START_TEST(resource_shape_is_checked_with_pointers) {
  ASSERT_ERR(HEAD "\"resources\":{\"s3_bucket\":{\"acme-b\":{}}},\"errors\":[]}",
             "/resources/s3_bucket/acme-b: resources are keyed by ARN");
  ASSERT_ERR(HEAD "\"resources\":{\"S3 Bucket\":{}},\"errors\":[]}", "resource type names are lower-case");
  ASSERT_ERR(HEAD "\"resources\":{\"kms_key\":{\"arn:aws:kms:us-east-1:111122223333:key/k1\":\"x\"}},\"errors\":[]}",
             "/resources/kms_key/arn:aws:kms:us-east-1:111122223333:key~1k1: expected an object, found a string");
  ASSERT_ERR(HEAD "\"resources\":{\"s3_bucket\":{\"" BUCKET "\":{\"name\":\"b\",\"region\":\"us-east-1\",\"data\":\"x\"}}},\"errors\":[]}",
             "/resources/s3_bucket/arn:aws:s3:::acme-b/data: expected an object, found a string");
  ASSERT_ERR(HEAD "\"resources\":{\"s3_bucket\":{\"" BUCKET "\":{\"region\":\"us-east-1\",\"data\":{}}}},\"errors\":[]}",
             "/resources/s3_bucket/arn:aws:s3:::acme-b/name: missing; expected a string");
  ASSERT_ERR(HEAD "\"resources\":{\"s3_bucket\":{\"" BUCKET "\":{\"name\":\"b\",\"region\":\"us-east-1\",\"data\":{\"Policy\":\"{}\"}}}},\"errors\":[]}",
             "/data/Policy: expected an object or null, found a string");
  ASSERT_ERR(HEAD "\"resources\":{\"connect_contact_flow\":{\"arn:aws:connect:us-east-1:111122223333:instance/i/contact-flow/f\":"
             "{\"name\":\"f\",\"region\":\"us-east-1\",\"data\":{\"ContactFlow\":{\"Content\":\"{\\\"Version\\\":\\\"2019-10-30\\\"}\"}}}}},\"errors\":[]}",
             "/data/ContactFlow/Content: expected the flow content parsed into an object");
  ASSERT_ERR(HEAD "\"resources\":{\"s3_bucket\":{\"" BUCKET "\":{\"name\":\"b\",\"region\":\"r\",\"data\":{}},"
             "\"" BUCKET "\":{\"name\":\"b\",\"region\":\"r\",\"data\":{}}}},\"errors\":[]}",
             "duplicate member \"" BUCKET "\" in /resources/s3_bucket (first at 1:");
}
END_TEST

START_TEST(index_sorts_and_finds) {
  const char *text = HEAD "\"resources\":{\"s3_bucket\":{"
      "\"arn:aws:s3:::zz\":{\"name\":\"zz\",\"region\":\"us-east-1\",\"data\":{}},"
      "\"arn:aws:s3:::aa\":{\"name\":\"aa\",\"region\":\"eu-west-1\",\"data\":{\"Policy\":null}}},"
      "\"kms_key\":{\"arn:aws:kms:us-east-1:111122223333:key/k\":{\"name\":\"k\",\"region\":\"us-east-1\",\"data\":{}}}},"
      "\"errors\":[]}";
  ca_err err = {0};
  ca_snapshot *s;
  ck_assert_int_eq(ca_snapshot_parse("snap.json", text, strlen(text), &s, &err), 0);
  size_t n;
  const ca_resource *b = ca_snapshot_of_type(s, "s3_bucket", &n);
  ck_assert_uint_eq(n, 2);
  ck_assert_str_eq(b[0].arn, "arn:aws:s3:::aa");
  ck_assert_str_eq(b[0].region, "eu-west-1");
  ck_assert_str_eq(b[1].arn, "arn:aws:s3:::zz");
  ca_snapshot_of_type(s, "lambda_function", &n);
  ck_assert_uint_eq(n, 0);
  ck_assert_ptr_nonnull(ca_snapshot_lookup(s, NULL, "arn:aws:kms:us-east-1:111122223333:key/k"));
  ck_assert_ptr_null(ca_snapshot_lookup(s, "s3_bucket", "arn:aws:kms:us-east-1:111122223333:key/k"));
  char want[65];   /* parsed from memory: the hash of the bytes parsed, as for a file */
  ca_sha256_hex(text, strlen(text), want);
  ck_assert_str_eq(ca_snapshot_sha256(s), want);
  ca_snapshot_free(s);
}
END_TEST

START_TEST(files_hash_and_bad_fixtures_fail) {
  ca_err err = {0};
  ca_snapshot *s = NULL;
  ck_assert_int_eq(ca_snapshot_load(CA_TEST_SRC "/tests/data/two_instances.json", &s, &err), 0);
  ck_assert_uint_eq(strlen(ca_snapshot_sha256(s)), 64);
  ca_snapshot_free(s);
  ck_assert_int_eq(ca_snapshot_load(CA_TEST_SRC "/tests", &s, &err), -1);
  ck_assert_ptr_nonnull(strstr(err.msg, "not a regular file"));
  /* every file in fixtures/bad is refused as an input error */
  char **names;
  size_t n;
  if (ca_list_dir(CA_TEST_SRC "/fixtures/bad", &names, &n, &err) == 0) {
    size_t checked = 0;
    for (size_t i = 0; i < n; i++) {
      size_t l = strlen(names[i]);
      if (l < 5 || strcmp(names[i] + l - 5, ".json")) continue;
      char path[512];
      snprintf(path, sizeof path, CA_TEST_SRC "/fixtures/bad/%s", names[i]);
      ca_err_clear(&err);
      ck_assert_msg(ca_snapshot_load(path, &s, &err) == -1, "%s loaded", path);
      ck_assert_int_eq(err.code, CA_EXIT_USAGE);
      ck_assert_msg(strstr(err.msg, names[i]) != NULL, "%s: message does not name the file: %s", names[i], err.msg);
      checked++;
    }
    ca_free_list(names);
    ck_assert_uint_gt(checked, 5);
  }
}
END_TEST

/* ---- resource lines ---------------------------------------------------------
 * The scan that finds each resource's line (snapshot.c find_lines) as it was
 * before it skipped strings by words and bytes by a table, kept as the
 * oracle: a member-name scan with memchr and a lookup of every ARN key. */
static void ref_lines(const ca_snapshot *s, const char *text, size_t len, long *lines) {
  enum { OTHER, ROOT, RES, TYPE };
  static unsigned char role[1002];
  char type[256] = "";
  int depth = 0;
  long line = 1;
  size_t key = 0, klen = 0, n;
  int kesc = 0, have = 0, pending = OTHER;
  const ca_resource *all = ca_snapshot_all(s, &n);
  for (size_t i = 0; i < len; i++) {
    char ch = text[i];
    if (ch == '\n') line++;
    else if (ch == '"') {
      size_t st = ++i;
      kesc = 0;
      const char *q = memchr(text + i, '"', len - i);
      if (q && !memchr(text + i, '\\', (size_t)(q - (text + i)))) i = (size_t)(q - text);
      else
        while (i < len && text[i] != '"') {
          if (text[i] == '\\') kesc = 1, i++;
          i++;
        }
      key = st, klen = i - st, have = 1;
      size_t j = i + 1;
      while (j < len && strchr(" \t\r\n", text[j])) j++;
      if (j >= len || text[j] != ':' || depth < 1) {
        have = 0;
        continue;
      }
      int r = role[depth];
      pending = OTHER;
      if (r == ROOT && klen == 9 && !memcmp(text + key, "resources", 9)) pending = RES;
      else if (r == RES && !kesc && klen < sizeof type) {
        memcpy(type, text + key, klen), type[klen] = '\0';
        pending = TYPE;
      } else if (r == TYPE && !kesc) {
        char *arn = strndup(text + key, klen);
        const ca_resource *x = ca_snapshot_lookup(s, type, arn);
        if (x && !lines[x - all]) lines[x - all] = line;
        free(arn);
      }
    } else if (ch == '{' || ch == '[') {
      if (depth > 1000) return;
      depth++;
      role[depth] = depth == 1 ? ROOT : (ch == '{' && have) ? pending : OTHER;
      have = 0;
    } else if (ch == '}' || ch == ']') {
      if (depth) depth--;
      have = 0;
    } else if (ch == ',') {
      have = 0;
    }
  }
}

/* Loads text and holds every resource's line to the oracle's; returns how
 * many resources have a line (> 0) and, in *unknown, how many have none. */
static size_t lines_agree(const char *label, const char *text, size_t *unknown) {
  ca_err err = {0};
  ca_snapshot *s = NULL;
  ck_assert_msg(ca_snapshot_parse(label, text, strlen(text), &s, &err) == 0, "%s: %s", label, err.msg);
  size_t n, known = 0;
  const ca_resource *all = ca_snapshot_all(s, &n);
  long *want = calloc(n + 1, sizeof *want);
  ref_lines(s, text, strlen(text), want);
  *unknown = 0;
  for (size_t i = 0; i < n; i++) {
    ck_assert_msg(all[i].line == want[i], "%s: %s line %ld, wanted %ld", label, all[i].arn, all[i].line, want[i]);
    if (all[i].line > 0) known++;
    else ++*unknown;
  }
  free(want);
  ca_snapshot_free(s);
  return known;
}

START_TEST(resource_lines_are_where_their_arn_keys_stand) {
  size_t unknown;
  /* the demo's pretty-printed snapshot and another fixture */
  char *t = tu_read(CA_TEST_SRC "/fixtures/demo/prod.json", NULL);
  ck_assert_uint_gt(lines_agree("prod.json", t, &unknown), 10);
  free(t);
  t = tu_read(CA_TEST_SRC "/tests/data/two_instances.json", NULL);
  lines_agree("two_instances.json", t, &unknown);
  free(t);
  /* what a scan can trip over: escapes and braces inside strings (at every
   * offset of an 8-byte word), an ARN as a member name below data, keys with
   * escapes (no line), space and line feeds around colons, CR LF */
  ca_buf b;
  ca_buf_init(&b, (size_t)-1);
  ca_buf_adds(&b, HEAD "\"errors\":[],\r\n\"resources\"\n :\n{\"kms_k\\u0065y\":{\"arn:aws:kms:us-east-1:111122223333:key/k\":"
                       "{\"name\":\"k\",\"region\":\"us-east-1\",\"data\":{}}},\n\"s3_bucket\" \t:\r\n {\n");
  /* a key whose text, escapes and all, is another resource's ARN: neither has a line */
  ca_buf_adds(&b, "\"arn:aws:s3:::c\\u0030\":{\"name\":\"c\",\"region\":\"us-east-1\",\"data\":{}},\n"
                  "\"arn:aws:s3:::c\\\\u0030\":{\"name\":\"c\",\"region\":\"us-east-1\",\"data\":{}},\n");
  for (int i = 0; i < 40; i++) {
    if (i) ca_buf_adds(&b, i % 3 ? ",\n" : "\n,");
    ca_buf_printf(&b, i % 7 == 3 ? "\"arn:aws:s3:::b\\u0030%d\"" : "\"arn:aws:s3:::b%d\"", i);
    ca_buf_adds(&b, i % 2 ? " : " : ":\n");
    ca_buf_adds(&b, "{\"name\":\"");
    for (int k = 0; k < i; k++) ca_buf_adds(&b, k == i / 2 ? "\\\"{[\\\\" : k % 5 == 4 ? "}" : "x");
    ca_buf_printf(&b, "\",\"region\":\"us-east-1\",\n\"data\":{\"Tags\":{\"arn:aws:s3:::b%d\":\"\\n\\\\\"},"
                      "\"L\":[{\"arn:aws:s3:::b%d\":\n[\"a\",\"b\\\\\"]}]}}", i + 1, i + 2);
  }
  ca_buf_adds(&b, "\n}}}\n");
  size_t known = lines_agree("tricky.json", b.data, &unknown);
  ck_assert_uint_gt(known, 30);
  ck_assert_uint_eq(unknown, 1 + 2 + 6);   /* the kms key (its type has an escape) and the escaped ARNs */
  ca_buf_free(&b);
}
END_TEST

/* ---- the deep check ----------------------------------------------------------
 * Every entry of the members table (shapes.inc), one at a time: a resource
 * whose data holds a value of a type the entry does not allow at its path
 * ('*' an array's first element or a map's member "k") is refused, with the
 * pointer of that value.  So the fast pass that lets resources with nothing
 * to report through (snapshot.c deep_ok) never lets one of these through. */
typedef struct entry { char type[64], path[256]; int mask; } entry;
enum { M_OBJ = 1, M_ARR = 2, M_STR = 4, M_NUM = 8, M_BOOL = 16, M_NULL = 32 };

/* The types the table allows at path[0..plen); for a container it does not
 * list (shapes[] does), unknown. */
static int mask_of(const entry *e, size_t n, const char *type, const char *path, size_t plen, int unknown) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(e[i].type, type) && strlen(e[i].path) == plen && !strncmp(e[i].path, path, plen)) return e[i].mask;
  return unknown;
}

START_TEST(every_table_member_is_checked) {
  char *inc = tu_read(CA_TEST_SRC "/auditor/snapshot/shapes.inc", NULL);
  static entry e[4096];
  size_t n = 0;
  for (char *line = strtok(inc, "\n"); line; line = strtok(NULL, "\n")) {
    char masks[128];
    if (sscanf(line, " {\"%63[^\"]\", \"%255[^\"]\", %127[^}]}", e[n].type, e[n].path, masks) != 3) continue;
    static const struct { const char *name; int bit; } bits[] = {
      {"J_OBJ", M_OBJ}, {"J_ARR", M_ARR}, {"J_STR", M_STR}, {"J_NUM", M_NUM}, {"J_BOOL", M_BOOL}, {"J_NULL", M_NULL}};
    e[n].mask = 0;
    for (size_t b = 0; b < 6; b++)
      if (strstr(masks, bits[b].name)) e[n].mask |= bits[b].bit;
    ck_assert_uint_lt(++n, 4096);
  }
  free(inc);
  ck_assert_uint_gt(n, 1500);
  size_t tried = 0;
  for (size_t i = 0; i < n; i++) {
    int found = 0, wrongs = 0;
    char msg[1024] = "", want[1024];
    /* a container the table does not list is a list or a map as shapes[]
     * says: one of the two tries is the shape it wants */
    for (int as_map = 0; as_map < 2 && !found; as_map++) {
      cJSON *wrong = !(e[i].mask & M_STR) ? cJSON_CreateString("s") : !(e[i].mask & M_NUM) ? cJSON_CreateNumber(1)
                   : !(e[i].mask & M_BOOL) ? cJSON_CreateTrue() : !(e[i].mask & M_OBJ) ? cJSON_CreateObject()
                   : !(e[i].mask & M_ARR) ? cJSON_CreateArray() : !(e[i].mask & M_NULL) ? cJSON_CreateNull() : NULL;
      if (!wrong) break;
      wrongs++;
      cJSON *data = cJSON_CreateObject(), *cur = data;
      char ptr[512] = "/data";
      const char *p = e[i].path;
      while (*p) {
        size_t k = strcspn(p, "/");
        const char *next = p[k] ? p + k + 1 : NULL;
        cJSON *child = wrong;
        if (next) {
          int m = mask_of(e, n, e[i].type, e[i].path, (size_t)(p + k - e[i].path), as_map ? M_OBJ : M_ARR);
          child = next[0] == '*' && (next[1] == '/' || !next[1]) && (m & M_ARR) ? cJSON_CreateArray() : cJSON_CreateObject();
        }
        if (k == 1 && p[0] == '*') {
          if (cJSON_IsArray(cur)) cJSON_AddItemToArray(cur, child), strcat(ptr, "/0");
          else cJSON_AddItemToObject(cur, "k", child), strcat(ptr, "/k");
        } else {
          char name[256];
          memcpy(name, p, k), name[k] = '\0';
          cJSON_AddItemToObject(cur, name, child);
          strcat(ptr, "/"), strcat(ptr, name);
        }
        cur = child;
        p = next ? next : p + k;
      }
      cJSON *root = cJSON_Parse(HEAD "\"errors\":[],\"resources\":{}}");
      cJSON *res = cJSON_AddObjectToObject(cJSON_GetObjectItem(root, "resources"), e[i].type);
      cJSON *r = cJSON_AddObjectToObject(res, "arn:aws:x:us-east-1:111122223333:r1");
      cJSON_AddStringToObject(r, "name", "r");
      cJSON_AddStringToObject(r, "region", "us-east-1");
      cJSON_AddItemToObject(r, "data", data);
      snprintf(want, sizeof want, "/resources/%s/arn:aws:x:us-east-1:111122223333:r1%s: ", e[i].type, ptr);
      ca_err err = {0};
      ca_snapshot *s = NULL;
      /* the tree itself: the checks are the same as on parsed text (ca_snapshot_parse adopts what it parses) */
      ck_assert_msg(ca_snapshot_adopt("snap.json", root, &s, &err) == -1, "%s %s: loaded", e[i].type, e[i].path);
      found = strstr(err.msg, want) != NULL;
      snprintf(msg, sizeof msg, "%s", err.msg);
    }
    if (!wrongs) continue;
    ck_assert_msg(found, "%s %s: \"%s\" lacks \"%s\"", e[i].type, e[i].path, msg, want);
    tried++;
  }
  ck_assert_uint_gt(tried, 1500);
}
END_TEST

/* A tree handed to ca_snapshot_adopt may repeat a member (a file may not):
 * the check reads the first, as the rules' lookups do. */
START_TEST(adopted_trees_check_the_first_of_repeated_members) {
  for (int bad_first = 0; bad_first < 2; bad_first++) {
    cJSON *root = cJSON_Parse(HEAD "\"errors\":[],\"resources\":{\"connect_user\":{\"arn:aws:connect:us-east-1:111122223333:instance/i/agent/u\":"
                              "{\"name\":\"u\",\"region\":\"us-east-1\",\"data\":{}}}}}");
    cJSON *data = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "resources"),
                                      "connect_user"), "arn:aws:connect:us-east-1:111122223333:instance/i/agent/u"), "data");
    cJSON *good = cJSON_Parse("{\"Username\":\"u\"}"), *bad = cJSON_Parse("{\"Username\":7}");
    cJSON_AddItemToObject(data, "User", bad_first ? bad : good);
    cJSON_AddItemToObject(data, "User", bad_first ? good : bad);
    ca_err err = {0};
    ca_snapshot *s = NULL;
    int rc = ca_snapshot_adopt("tree", root, &s, &err);
    if (bad_first) ck_assert_msg(rc == -1 && strstr(err.msg, "/data/User/Username: expected a string or null, found a number"), "%s", err.msg);
    else ck_assert_msg(rc == 0, "%s", err.msg);
    ca_snapshot_free(s);
  }
}
END_TEST

int main(void) {
  Suite *s = suite_create("snapshot");
  TCase *tc = tcase_create("loader");
  tcase_set_timeout(tc, 120);   /* Check's default 4 s is too tight under the sanitizers on a loaded CI machine */
  tcase_add_test(tc, valid_minimal_snapshot_loads);
  tcase_add_test(tc, flow_content_not_flow_language_loads);
  tcase_add_test(tc, syntax_errors_name_line_and_column);
  tcase_add_test(tc, deep_nesting_is_refused_clearly);
  tcase_add_test(tc, nul_byte_is_refused);
  tcase_add_test(tc, bad_utf8_and_nul_escapes_are_refused);
  tcase_add_test(tc, schema_version_is_checked);
  tcase_add_test(tc, top_level_shape_is_checked);
  tcase_add_test(tc, resource_shape_is_checked_with_pointers);
  tcase_add_test(tc, index_sorts_and_finds);
  tcase_add_test(tc, resource_lines_are_where_their_arn_keys_stand);
  tcase_add_test(tc, every_table_member_is_checked);
  tcase_add_test(tc, adopted_trees_check_the_first_of_repeated_members);
  tcase_add_test(tc, files_hash_and_bad_fixtures_fail);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
