/* Waivers and attestations (docs/waivers.md), through the binary on the demo
 * snapshot with the demo's fixed clock (generated_at 2026-11-20T09:30:00Z):
 * matching, expiry at the day's boundary, what can never be waived or
 * attested, stale and expired entries, bad files, the summary, --fail-on,
 * determinism; plus the glob and time parsers themselves. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "results/accept.h"
#include "util/buf.h"
#include "util/fsutil.h"

#include "testutil.h"

#define PROD CA_TEST_SRC "/fixtures/demo/prod.json"

static int code;
static char *err_text;

/* Runs `connect-auditor audit SNAPSHOT -o DIR/out <extra>` (extra: words
 * we write ourselves, options and temp paths, split at spaces; a path in
 * '...' is one word); returns results.json parsed, or NULL if none was
 * written.  Sets code and err_text. */
static cJSON *audit(const char *snapshot, const char *extra) {
  char words[2048], out[128];
  snprintf(out, sizeof out, "%s/out", tu_dir);
  ck_assert_uint_lt(strlen(extra), sizeof words);
  strcpy(words, extra);
  const char *args[40] = {"audit", snapshot, "-o", out};
  int n = 4;
  for (char *p = words; *p;) {
    if (*p == ' ') { p++; continue; }
    char end = *p == '\'' ? *p++ : ' ';
    ck_assert_int_lt(n, 39);
    args[n++] = p;
    p += strcspn(p, end == ' ' ? " " : "'");
    if (*p) *p++ = '\0';
  }
  args[n] = NULL;
  const char *path = tu_path("out/results.json");
  remove(path);
  tu_out o = tu_run(args);
  code = o.code;
  free(err_text);
  err_text = o.err;
  ck_assert_msg(!*o.out, "stdout must stay empty: %s", o.out);
  free(o.out);
  char *t = tu_slurp(path, NULL);
  cJSON *r = t ? cJSON_Parse(t) : NULL;
  free(t);
  return r;
}

static const char *s(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItem(o, k);
  return cJSON_IsString(v) ? v->valuestring : "";
}
static int num(const cJSON *o, const char *path) {   /* "summary/by_status/fail" */
  char buf[256];
  snprintf(buf, sizeof buf, "%s", path);
  const cJSON *v = o;
  for (char *k = strtok(buf, "/"); k; k = strtok(NULL, "/")) v = cJSON_GetObjectItem(v, k);
  ck_assert_msg(cJSON_IsNumber(v), "%s is not a number", path);
  return v->valueint;
}

/* The finding of rule on the resource whose ARN ends with tail. */
static cJSON *finding(const cJSON *r, const char *rule, const char *tail) {
  cJSON *f;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r, "findings")) {
    const char *arn = s(cJSON_GetObjectItem(f, "resource"), "arn");
    size_t a = strlen(arn), t = strlen(tail);
    if (!strcmp(s(f, "rule_id"), rule) && a >= t && !strcmp(arn + a - t, tail)) return f;
  }
  ck_abort_msg("no %s finding on ...%s", rule, tail);
  return NULL;
}

static int has_note(const cJSON *f, const char *needle) {
  const cJSON *n;
  cJSON_ArrayForEach(n, cJSON_GetObjectItem(f, "notes")) if (strstr(n->valuestring, needle)) return 1;
  return 0;
}

/* How many of r's findings have this status. */
static int count_status(const cJSON *r, const char *status) {
  const cJSON *f;
  int n = 0;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(r, "findings")) n += !strcmp(s(f, "status"), status);
  return n;
}

static const cJSON *section(const cJSON *r, const char *key, const char *list) {
  return cJSON_GetObjectItem(cJSON_GetObjectItem(r, key), list);
}

static void setup(void) { tu_setup("waivers"); }
static void teardown(void) {
  tu_teardown();
  free(err_text);
  err_text = NULL;
}

/* A waiver entry; the reason is hostile on purpose. */
#define W(rule, res, exp) \
  "{\"rule\": \"" rule "\", \"resource\": \"" res "\", \"reason\": \"" HOSTILE "\", \"approved_by\": \"Zoë Ødegård\", " \
  "\"expires\": \"" exp "\"}"
#define HOSTILE "<script>alert(1)</script> \\\"><img src=x onerror=alert(1)>, ]]> \\u0001 line\\nbreak 日本"
#define HOSTILE_DECODED "<script>alert(1)</script> \"><img src=x onerror=alert(1)>, ]]> \x01 line\nbreak 日本"

START_TEST(glob_and_time) {
  ck_assert(ca_glob_match("arn:aws:s3:::acme-prod-*", "arn:aws:s3:::acme-prod-chat-transcripts"));
  ck_assert(!ca_glob_match("arn:aws:s3:::acme-prod-*", "arn:aws:s3:::acme-dev-chat-transcripts"));
  ck_assert(ca_glob_match("arn:aws:s3:::acme-*-exports", "arn:aws:s3:::acme-prod-exports"));
  ck_assert(!ca_glob_match("arn:aws:s3:::acme-*-exports", "arn:aws:s3:::acme-prod-exports-old"));
  ck_assert(ca_glob_match("arn:aws:s3:::acme-?ev-x", "arn:aws:s3:::acme-dev-x"));
  ck_assert(!ca_glob_match("arn:aws:s3:::acme-?ev-x", "arn:aws:s3:::acme-ev-x"));
  ck_assert(ca_glob_match("b?t-日", "bot-日"));          /* ? is one character, not one byte */
  ck_assert(ca_glob_match("a?b", "aéb"));
  ck_assert(!ca_glob_match("a?b", "a日日b"));
  ck_assert(ca_glob_match("*", ""));
  ck_assert(!ca_glob_match("", "x"));
  ck_assert(ca_glob_match("[x]", "[x]"));                   /* only * and ? are special */
  /* no exponential backtracking: 30 stars against 10,000 a's without a b */
  char pat[64] = "", str[10002];
  for (int i = 0; i < 30; i++) strcat(pat, "a*");
  strcat(pat, "b");
  memset(str, 'a', 10000);
  str[10000] = 0;
  clock_t t0 = clock();
  ck_assert(!ca_glob_match(pat, str));
  ck_assert_msg(clock() - t0 < CLOCKS_PER_SEC, "glob took over a second");

  long long t;
  ck_assert_int_eq(ca_time_parse("2026-11-20", 0, &t), 0);
  ck_assert_int_eq(t, 1795132800);
  ck_assert_int_eq(ca_time_parse("2026-11-20", 1, &t), 0);
  ck_assert_int_eq(t, 1795132800 + 86400);
  ck_assert_int_eq(ca_time_parse("2026-11-20T09:30:00Z", 0, &t), 0);
  ck_assert_int_eq(t, 1795167000);
  ck_assert_int_eq(ca_time_parse("2026-11-20T10:30:00+01:00", 0, &t), 0);
  ck_assert_int_eq(t, 1795167000);
  ck_assert_int_eq(ca_time_parse("2026-11-20T04:30:00.25-05:00", 0, &t), 0);
  ck_assert_int_eq(t, 1795167001);                          /* a fraction rounds up */
  ck_assert_int_eq(ca_time_parse("2024-02-29", 0, &t), 0);
  ck_assert_int_eq(ca_time_parse("2000-02-29", 0, &t), 0);
  ck_assert_int_eq(ca_time_parse("1969-12-31", 0, &t), 0);
  ck_assert_int_eq(t, -86400);
  static const char *const badtimes[] = {"next week", "2026-02-29", "1900-02-29", "2026-13-01", "2026-04-31",
                                         "2026-1-01", "2026-01-01T24:00:00Z", "2026-01-01T10:00:00",
                                         "2026-01-01T10:00Z", "2026-01-01T10:00:00+1:00", "2026-01-01 ",
                                         "2026-01-01T10:00:00.Z", "", "20260101", NULL};
  for (int i = 0; badtimes[i]; i++)
    ck_assert_msg(ca_time_parse(badtimes[i], 0, &t) == -1, "\"%s\" was accepted", badtimes[i]);
}
END_TEST

START_TEST(exact_and_glob_waivers_apply) {
  cJSON *before = audit(PROD, "");
  ck_assert_ptr_nonnull(before);
  ck_assert(cJSON_IsNull(cJSON_GetObjectItem(before, "waivers")));     /* no file given */
  const char *w = tu_put("w.json", "{\"waivers\": [" W("PII-S3-002", "arn:aws:s3:::acme-prod-chat-transcripts", "2027-03-31")
                                ", " W("BASE-LAM-00?", "x", "2027-03-31") "]}");
  char opt[256];
  snprintf(opt, sizeof opt, "--waivers '%s'", w);
  cJSON *r = audit(PROD, opt);
  ck_assert_ptr_null(r);                                         /* a glob in rule is refused */
  ck_assert_int_eq(code, 2);
  HAS(err_text, "/waivers/1/rule: expected a rule ID such as PII-S3-002 (no wildcards");

  w = tu_put("w.json", "{\"waivers\": [" W("PII-S3-002", "arn:aws:s3:::acme-prod-chat-transcripts", "2027-03-31")
                    ", " W("BASE-LAM-001", "arn:aws:lambda:eu-west-1:111122223333:function:acme-prod-pay*", "2027-03-31")
                    "]}");
  r = audit(PROD, opt);
  ck_assert_msg(r && code == 0, "exit %d: %s", code, err_text);
  cJSON *f = finding(r, "PII-S3-002", ":::acme-prod-chat-transcripts");
  ck_assert_str_eq(s(f, "status"), "waived");
  const cJSON *wv = cJSON_GetObjectItem(f, "waiver");
  ck_assert_str_eq(s(wv, "reason"), HOSTILE_DECODED);           /* byte for byte through JSON */
  ck_assert_str_eq(s(wv, "approved_by"), "Zoë Ødegård");
  ck_assert_str_eq(s(wv, "expires"), "2027-03-31");
  ck_assert_str_eq(s(wv, "entry"), "/waivers/0");
  f = finding(r, "BASE-LAM-001", ":function:acme-prod-payment-tokenize");
  ck_assert_str_eq(s(f, "status"), "waived");
  ck_assert_str_eq(s(cJSON_GetObjectItem(f, "waiver"), "resource"),
                   "arn:aws:lambda:eu-west-1:111122223333:function:acme-prod-pay*");
  /* the passing Lambda in us-east-1 is untouched: the glob is not the rule */
  ck_assert_str_eq(s(finding(r, "BASE-LAM-001", ":function:acme-prod-customer-lookup"), "status"), "pass");
  /* applied entries point at the findings they waived */
  const cJSON *applied = section(r, "waivers", "applied");
  ck_assert_int_eq(cJSON_GetArraySize(applied), 2);
  const cJSON *ref = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(applied, 0), "findings"), 0);
  const cJSON *byindex = cJSON_GetArrayItem(cJSON_GetObjectItem(r, "findings"), num(ref, "index"));
  ck_assert_str_eq(s(byindex, "rule_id"), "PII-S3-002");
  ck_assert_str_eq(s(byindex, "status"), "waived");
  /* summary: two failures moved to waived; nothing vanished */
  ck_assert_int_eq(num(r, "summary/by_status/fail"), num(before, "summary/by_status/fail") - 2);
  ck_assert_int_eq(num(r, "summary/by_status/waived"), 2);
  ck_assert_int_eq(num(r, "summary/findings"), num(before, "summary/findings"));
  ck_assert_int_eq(num(r, "summary/by_severity/critical/waived"), 1);
  /* the waived finding is counted in every report's input, and the stderr line */
  HAS(err_text, "2 waived");
  HAS(err_text, "waivers: 2 applied, 0 expired, 0 stale");
  ck_assert_uint_eq(strlen(s(cJSON_GetObjectItem(r, "waivers"), "sha256")), 64);
  cJSON_Delete(before);
  cJSON_Delete(r);
}
END_TEST

/* generated_at is 2026-11-20T09:30:00Z: a date holds through its whole day
 * (UTC), a time until that instant. */
START_TEST(expiry_boundary) {
  static const struct { const char *expires; const char *status; } cases[] = {
    {"2026-11-20", "waived"},                 /* expires today: still valid */
    {"2026-11-19", "fail"},                   /* yesterday: expired */
    {"2026-11-20T09:30:01Z", "waived"},
    {"2026-11-20T09:30:00Z", "fail"},         /* at that instant it no longer holds */
    {"2026-11-20T10:30:00+01:00", "fail"},    /* the same instant in another offset */
    {"2026-11-20T04:30:01-05:00", "waived"},
  };
  char opt[256], doc[2048];
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    snprintf(doc, sizeof doc,
             "{\"waivers\": [{\"rule\": \"PII-S3-003\", \"resource\": \"arn:aws:s3:::acme-prod-chat-transcripts\", "
             "\"reason\": \"legacy exporter\", \"approved_by\": \"M\", \"expires\": \"%s\"}]}", cases[i].expires);
    snprintf(opt, sizeof opt, "--pack pii --waivers '%s'", tu_put("w.json", doc));
    cJSON *r = audit(PROD, opt);
    ck_assert_msg(r, "%s: exit %d: %s", cases[i].expires, code, err_text);
    cJSON *f = finding(r, "PII-S3-003", ":::acme-prod-chat-transcripts");
    ck_assert_msg(!strcmp(s(f, "status"), cases[i].status), "expires %s: %s", cases[i].expires, s(f, "status"));
    int expired = !strcmp(cases[i].status, "fail");
    ck_assert_int_eq(cJSON_GetArraySize(section(r, "waivers", "expired")), expired);
    ck_assert_int_eq(cJSON_GetArraySize(section(r, "waivers", "applied")), !expired);
    if (expired) {
      /* reported, and the failure kept, with a note saying so */
      ck_assert(has_note(f, "waiver /waivers/0 expired"));
      ck_assert(cJSON_IsNull(cJSON_GetObjectItem(f, "waiver")));
      const cJSON *e = cJSON_GetArrayItem(section(r, "waivers", "expired"), 0);
      ck_assert_str_eq(s(e, "expires"), cases[i].expires);
      ck_assert_str_eq(s(cJSON_GetArrayItem(cJSON_GetObjectItem(e, "findings"), 0), "status"), "fail");
      HAS(err_text, "expired /waivers/0 (PII-S3-003 on arn:aws:s3:::acme-prod-chat-transcripts)");
    }
    cJSON_Delete(r);
  }
}
END_TEST

START_TEST(errors_are_never_waived_and_stale_is_reported) {
  const char *w = tu_put("w.json", "{\"waivers\": ["
    W("PII-S3-002", "arn:aws:s3:::acme-prod-*", "2027-01-01") ", "          /* fail + error */
    W("PII-S3-001", "arn:aws:s3:::acme-prod-exports", "2027-01-01") ", "    /* error only */
    W("BASE-KIN-001", "arn:aws:kinesis:us-east-1:111122223333:stream/acme-prod-agent-events", "2027-01-01") ", "
    W("PII-S3-002", "arn:aws:s3:::acme-prod-chat-transcripts", "2027-01-01") ", "   /* shadowed by /0 */
    W("PII-S3-404", "*", "2027-01-01") ", "
    W("BASE-CW-001", "arn:aws:connect:us-east-1:999999999999:*", "2027-01-01") "]}");
  cJSON *plain = audit(PROD, "");   /* the same audit without waivers */
  ck_assert_msg(plain, "exit %d: %s", code, err_text);
  char opt[256];
  snprintf(opt, sizeof opt, "--waivers '%s'", w);
  cJSON *r = audit(PROD, opt);
  ck_assert_msg(r, "exit %d: %s", code, err_text);
  /* the glob waived the failure beside the error, never the error */
  ck_assert_str_eq(s(finding(r, "PII-S3-002", ":::acme-prod-chat-transcripts"), "status"), "waived");
  cJSON *e = finding(r, "PII-S3-002", ":::acme-prod-exports");
  ck_assert_str_eq(s(e, "status"), "error");
  ck_assert(cJSON_IsNull(cJSON_GetObjectItem(e, "waiver")));
  ck_assert(has_note(e, "waiver /waivers/0 not applied"));
  ck_assert(has_note(e, "a waiver cannot cover what was not seen"));
  e = finding(r, "PII-S3-001", ":::acme-prod-exports");
  ck_assert_str_eq(s(e, "status"), "error");
  ck_assert(has_note(e, "waiver /waivers/1 not applied"));
  /* stale: each says why */
  const cJSON *stale = section(r, "waivers", "stale");
  ck_assert_int_eq(cJSON_GetArraySize(stale), 5);
  static const char *const why[][2] = {
    {"/waivers/1", "matches no fail finding (1 error): only a fail finding can be waived; an error means the "
                   "evidence was not seen, and a waiver cannot cover what was not seen"},
    {"/waivers/2", "matches no fail finding (1 pass)"},
    {"/waivers/3", "every fail finding it matches is already covered by an earlier entry"},
    {"/waivers/4", "no rule with this ID in the audited packs"},
    {"/waivers/5", "no finding of this rule is on a resource matching this pattern"},
  };
  for (int i = 0; i < 5; i++) {
    const cJSON *x = cJSON_GetArrayItem(stale, i);
    ck_assert_str_eq(s(x, "entry"), why[i][0]);
    HAS(s(x, "why"), why[i][1]);
  }
  ck_assert_str_eq(s(cJSON_GetArrayItem(stale, 4), "reason"), HOSTILE_DECODED);
  ck_assert_int_eq(cJSON_GetArraySize(section(r, "waivers", "applied")), 1);
  /* as many errors as without waivers: not one waived */
  ck_assert_int_eq(num(r, "summary/by_status/error"), num(plain, "summary/by_status/error"));
  ck_assert_int_eq(num(r, "summary/by_status/error"), count_status(r, "error"));
  ck_assert_int_gt(num(r, "summary/by_status/error"), 0);
  cJSON_Delete(plain);
  HAS(err_text, "stale /waivers/4 (PII-S3-404 on *): no rule with this ID");
  cJSON_Delete(r);
}
END_TEST

/* Every bad file: exit 2 before any audit, no results, one message with the
 * file, the JSON pointer and what was expected. */
START_TEST(bad_files_are_refused_with_place) {
  static const struct { const char *opt, *text, *msg; } cases[] = {
    {"--waivers", "{\"waivers\": [" W("A", "b", "2027-01-01") ", " W("A", "b", "2027-01-01") ", "
                  "{\"rule\": \"PII-S3-002\", \"resource\": \"arn:aws:s3:::x\", \"reason\": \"r\", \"approved_by\": \"a\", "
                  "\"expires\": \"next week\"}]}",
     "bad.json: /waivers/2/expires: expected a date YYYY-MM-DD or RFC 3339 time, found \"next week\""},
    {"--waivers", "{\"waivers\": [{\"rule\": \"A\", \"resource\": \"b\", \"reason\": \"r\", \"approved_by\": \"a\", "
                  "\"expire\": \"2027-01-01\"}]}",
     "bad.json: /waivers/0: unknown key \"expire\"; a waiver has exactly: rule, resource, reason, approved_by, expires"},
    {"--waivers", "{\"waivers\": [{\"rule\": \"A\", \"resource\": \"b\", \"reason\": \"r\", \"expires\": \"2027-01-01\"}]}",
     "bad.json: /waivers/0: missing \"approved_by\""},
    {"--waivers", "{\"waivers\": [{\"rule\": \"A\", \"resource\": \"b\", \"reason\": \"r\", \"approved_by\": \"a\", "
                  "\"expires\": 20270101}]}",
     "bad.json: /waivers/0/expires: expected a string, found 20270101"},
    {"--waivers", "{\"waivers\": [{\"rule\": \"A\", \"resource\": \"b\", \"reason\": \" \", \"approved_by\": \"a\", "
                  "\"expires\": \"2027-01-01\"}]}",
     "bad.json: /waivers/0/reason: expected a non-empty string, found \" \""},
    {"--waivers", "{\"waivers\": [{\"rule\": \"A\", \"resource\": \"*\", \"resource\": \"b\", \"reason\": \"r\", "
                  "\"approved_by\": \"a\", \"expires\": \"2027-01-01\"}]}",
     "bad.json:1:45: duplicate member \"resource\" in /waivers/0 (first at 1:28)"},
    {"--waivers", "{\"waivers\": [{\"rule\": \"A\", \"resource\": \"arn:x\\u001b[31m\", \"reason\": \"r\", "
                  "\"approved_by\": \"a\", \"expires\": \"2027-01-01\"}]}",
     "bad.json: /waivers/0/resource: expected an ARN, or a glob of ARNs with * and ?, found \"arn:x\\u001b[31m\""},
    {"--waivers", "{\"waivers\": [{\"rule\": \"A\", \"resource\": \"arn:aws:s3:::*\\u0000-prod\", \"reason\": \"r\", "
                  "\"approved_by\": \"a\", \"expires\": \"2027-01-01\"}]}",
     "bad.json:1:55 (byte 54): a \\u0000 escape; strings must not contain NUL"},
    {"--waivers", "{\"waivers\": [{\"rule\": \"A\", \"reason\": \"caf\xe9\"}]}",
     "bad.json:1:42 (byte 41): not UTF-8; expected UTF-8 JSON text"},
    {"--waivers", "{\"waivers\": {\"rule\": \"A\"}}", "bad.json: /waivers: expected an array of waiver objects, found {"},
    {"--waivers", "{\"waiver\": []}", "bad.json: /: unknown key \"waiver\"; expected only \"waivers\""},
    {"--waivers", "[]", "bad.json: /: expected an object {\"waivers\": [...]}, found []"},
    {"--waivers", "{\"waivers\": [\n  {\"rule\": \"A\",\n   \"resource\" \"b\"}]}", "bad.json:3:15 (byte 44): invalid JSON near \"\"b\"}]}\"; expected ',' or a closing '}' or ']'"},
    {"--waivers", "", "bad.json: empty file; expected a JSON object"},
    {"--attestations", "{\"attestations\": [{\"rule\": \"BASE-IDN-001\", \"resource\": \"arn:x\", \"answer\": \"Yes\", "
                       "\"by\": \"P\", \"at\": \"2026-11-18\", \"note\": \"\"}]}",
     "bad.json: /attestations/0/answer: expected \"yes\", \"no\" or \"n/a\", found \"Yes\""},
    {"--attestations", "{\"attestations\": [{\"rule\": \"BASE-IDN-001\", \"resource\": \"arn:x\", \"answer\": \"no\", "
                       "\"by\": \"P\", \"at\": \"2026-11-18\", \"note\": \"\"}]}",
     "bad.json: /attestations/0/note: expected a note saying why the answer is \"no\" (a non-empty string), found \"\""},
    {"--attestations", "{\"attestations\": [{\"rule\": \"BASE-IDN-001\", \"resource\": \"arn:x\", \"answer\": \"yes\", "
                       "\"by\": \"P\", \"at\": \"18/11/2025\", \"note\": \"\"}]}",
     "bad.json: /attestations/0/at: expected a date YYYY-MM-DD or RFC 3339 time, found \"18/11/2025\""},
    {"--attestations", "{\"waivers\": []}", "bad.json: /: unknown key \"waivers\"; expected only \"attestations\""},
  };
  char opt[256];
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    snprintf(opt, sizeof opt, "%s '%s'", cases[i].opt, tu_put("bad.json", cases[i].text));
    cJSON *r = audit(PROD, opt);
    ck_assert_msg(!r, "case %zu wrote results", i);
    ck_assert_msg(code == 2, "case %zu: exit %d", i, code);
    HAS(err_text, cases[i].msg);
    ck_assert_msg(!strstr(err_text, "rules from"), "case %zu: the audit ran before the file was checked", i);
  }
  /* bounds: entries and bytes */
  size_t cap = 10001 * 120 + 64, len = 0;
  char *big = malloc(cap);
  len += (size_t)snprintf(big, cap, "{\"waivers\": [");
  for (int i = 0; i < 10001; i++)
    len += (size_t)snprintf(big + len, cap - len, "%s{\"rule\": \"A\", \"resource\": \"b\", \"reason\": \"r\", "
                            "\"approved_by\": \"a\", \"expires\": \"2027-01-01\"}", i ? "," : "");
  snprintf(big + len, cap - len, "]}");
  snprintf(opt, sizeof opt, "--waivers '%s'", tu_put("bad.json", big));
  ck_assert_ptr_null(audit(PROD, opt));
  ck_assert_int_eq(code, 2);
  HAS(err_text, "bad.json: /waivers: 10001 entries; at most 10000");
  free(big);
  size_t huge = 4L * 1024 * 1024 + 1;   /* valid JSON, one byte past the cap */
  big = malloc(huge + 1);
  memset(big, ' ', huge);
  big[huge] = 0;
  memcpy(big, "{\"waivers\": []}", 15);
  tu_put("bad.json", big);
  free(big);
  ck_assert_ptr_null(audit(PROD, opt));
  ck_assert_int_eq(code, 2);
  HAS(err_text, "bad.json");
  HAS(err_text, "4194304");
  /* an option without its file */
  ck_assert_ptr_null(audit(PROD, "--attestations"));
  ck_assert_int_eq(code, 2);
  HAS(err_text, "--attestations needs a value");
}
END_TEST

/* The demo instance signing in through SAML: BASE-IDN-001 is then manual (MFA
 * is the IdP's), which is what attestations settle. */
static const char *saml_snapshot(void) {
  char *t = tu_read(PROD, NULL), *p;
  ck_assert_ptr_nonnull(p = strstr(t, "\"CONNECT_MANAGED\""));
  memcpy(p, "\"SAML\"           ", 17);   /* same length: JSON whitespace after the string */
  const char *path = tu_put("saml.json", t);
  free(t);
  return path;
}

START_TEST(attestations_mark_manual_findings) {
  const char *snap = saml_snapshot();
  cJSON *plain = audit(snap, "--fail-on high");
  ck_assert_msg(plain, "exit %d: %s", code, err_text);
  cJSON *f = finding(plain, "BASE-IDN-001", "aa11bb22cc33");
  ck_assert_str_eq(s(f, "status"), "manual");
  ck_assert(cJSON_IsNull(cJSON_GetObjectItem(f, "attestation")));
  /* and PCI-KMS-001 on the imported-material key, manual in every copy of prod;
   * every manual finding (however many rules the packs hold) awaits a person */
  ck_assert_str_eq(s(finding(plain, "PCI-KMS-001", "key/5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b"), "status"), "manual");
  const int manual = num(plain, "summary/by_status/manual");
  ck_assert_int_eq(manual, count_status(plain, "manual"));
  ck_assert_int_ge(manual, 2);
  ck_assert_int_eq(num(plain, "summary/attested/unattested"), manual);
  char *plain_err = strdup(err_text);

  static const struct { const char *answer, *control; int yes, no; } cases[] = {
    {"yes", "attested", 1, 0}, {"n/a", "attested", 0, 0}, {"no", "failing", 0, 1}};
  char doc[1024], opt[256];
  for (int i = 0; i < 3; i++) {
    snprintf(doc, sizeof doc,
             "{\"attestations\": [{\"rule\": \"BASE-IDN-001\", \"resource\": \"arn:aws:connect:us-east-1:111122223333:instance/*\", "
             "\"answer\": \"%s\", \"by\": \"Priya Raman, CISO\", \"at\": \"2026-11-18\", \"note\": \"" HOSTILE "\"}, "
             "{\"rule\": \"BASE-CW-001\", \"resource\": \"*\", \"answer\": \"yes\", \"by\": \"P\", \"at\": \"2026-11-18\", "
             "\"note\": \"\"}]}", cases[i].answer);
    snprintf(opt, sizeof opt, "--fail-on high --attestations '%s'", tu_put("a.json", doc));
    cJSON *r = audit(snap, opt);
    ck_assert_msg(r, "exit %d: %s", code, err_text);
    f = finding(r, "BASE-IDN-001", "aa11bb22cc33");
    ck_assert_str_eq(s(f, "status"), "manual");                 /* a person's word is not a pass */
    const cJSON *at = cJSON_GetObjectItem(f, "attestation");
    ck_assert_str_eq(s(at, "answer"), cases[i].answer);
    ck_assert_str_eq(s(at, "by"), "Priya Raman, CISO");
    ck_assert_str_eq(s(at, "at"), "2026-11-18");
    ck_assert_str_eq(s(at, "note"), HOSTILE_DECODED);
    ck_assert_int_eq(num(r, "summary/by_status/manual"), manual);
    ck_assert_int_eq(num(r, "summary/by_status/pass"), num(plain, "summary/by_status/pass"));
    ck_assert_int_eq(num(r, "summary/attested/yes"), cases[i].yes);
    ck_assert_int_eq(num(r, "summary/attested/no"), cases[i].no);
    ck_assert_int_eq(num(r, "summary/attested/unattested"), manual - 1);   /* all but the attested one */
    /* BASELINE USR-2 has only this finding: the matrix says what the person said */
    const cJSON *c;
    int seen = 0;
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "summary"),
                                                                                     "frameworks"), "BASELINE"), "controls"))
      if (!strcmp(s(c, "id"), "USR-2")) {
        ck_assert_str_eq(s(c, "status"), cases[i].control);
        seen = 1;
      }
    ck_assert(seen);
    /* --fail-on: an attested "no" is one more failure than without it */
    ck_assert_int_eq(code, 1);
    char want[128];
    const char *p = strstr(plain_err, " findings failed or undecided");
    ck_assert_ptr_nonnull(p);
    while (p > plain_err && p[-1] >= '0' && p[-1] <= '9') p--;
    snprintf(want, sizeof want, "%ld findings failed or undecided at or above high", strtol(p, NULL, 10) + cases[i].no);
    HAS(err_text, want);
    /* an attestation on a failure does nothing but say so */
    cJSON *cw = finding(r, "BASE-CW-001", "aa11bb22cc33");
    ck_assert_str_eq(s(cw, "status"), "fail");
    ck_assert(cJSON_IsNull(cJSON_GetObjectItem(cw, "attestation")));
    ck_assert(has_note(cw, "only a manual finding can be attested, and this one is fail"));
    const cJSON *stale = cJSON_GetArrayItem(section(r, "attestations", "stale"), 0);
    ck_assert_str_eq(s(stale, "entry"), "/attestations/1");
    HAS(s(stale, "why"), "matches no manual finding (");
    ck_assert_int_eq(cJSON_GetArraySize(section(r, "attestations", "applied")), 1);
    cJSON_Delete(r);
  }
  free(plain_err);
  cJSON_Delete(plain);
}
END_TEST

/* The exit code follows the waivers: all critical PCI failures waived -> 0
 * (unless a critical finding is an error, which no waiver covers); one
 * waiver expired -> its rule's failures count again.  The rules are those
 * failing critically in the same audit without waivers. */
START_TEST(fail_on_counts_what_is_not_waived) {
  cJSON *plain = audit(PROD, "--pack pci --fail-on critical");
  ck_assert_msg(plain, "exit %d: %s", code, err_text);
  ck_assert_int_eq(code, 1);
  const char *crit[64];
  int nfail[64], nc = 0;
  const cJSON *f;
  cJSON_ArrayForEach(f, cJSON_GetObjectItem(plain, "findings")) {
    if (strcmp(s(f, "severity"), "critical") || strcmp(s(f, "status"), "fail")) continue;
    int i = 0;
    while (i < nc && strcmp(crit[i], s(f, "rule_id"))) i++;
    if (i == nc) {
      ck_assert_int_lt(nc, 64);
      crit[nc] = s(f, "rule_id");
      nfail[nc++] = 0;
    }
    nfail[i]++;
  }
  ck_assert_int_gt(nc, 0);
  const int crit_errors = num(plain, "summary/by_severity/critical/error");
  ca_buf doc;
  char opt[256];
  for (int expired = 0; expired < 2; expired++) {
    ca_buf_init(&doc, 1 << 20);
    ca_buf_adds(&doc, "{\"waivers\": [");
    for (int i = 0; i < nc; i++)
      ca_buf_printf(&doc, "%s{\"rule\": \"%s\", \"resource\": \"*\", \"reason\": \"r\", \"approved_by\": \"a\", "
                    "\"expires\": \"%s\"}", i ? ", " : "", crit[i], expired && i == nc - 1 ? "2026-11-19" : "2026-11-20");
    ca_buf_adds(&doc, "]}");
    snprintf(opt, sizeof opt, "--pack pci --fail-on critical --waivers '%s'", tu_put("w.json", doc.data));
    ca_buf_free(&doc);
    cJSON *r = audit(PROD, opt);
    ck_assert_msg(r, "exit %d: %s", code, err_text);
    int again = expired ? nfail[nc - 1] : 0;   /* the expired waiver's rule fails again */
    ck_assert_int_eq(code, again + crit_errors ? 1 : 0);
    ck_assert_int_eq(num(r, "summary/by_severity/critical/fail"), again);
    if (again + crit_errors) {
      char want[96];
      snprintf(want, sizeof want, "%d findings failed or undecided at or above critical", again + crit_errors);
      HAS(err_text, want);
    }
    cJSON_Delete(r);
  }
  cJSON_Delete(plain);
}
END_TEST

/* Same inputs and clock: the same bytes, wherever the files are. */
START_TEST(deterministic) {
  char opt[512], path[128];
  const char *w = tu_put("w.json", "{\"waivers\": [" W("PII-S3-002", "arn:aws:s3:::acme-prod-*", "2027-01-01") ", "
                                W("PII-S3-003", "arn:aws:s3:::acme-prod-*", "2025-01-01") ", "
                                W("BASE-IDN-001", "arn:aws:connect:*", "2027-01-01") "]}");
  snprintf(opt, sizeof opt, "--waivers '%s' --attestations '%s'", w, CA_TEST_SRC "/fixtures/demo/attestations.json");
  cJSON *r = audit(PROD, opt);
  ck_assert_ptr_nonnull(r);
  cJSON_Delete(r);
  snprintf(path, sizeof path, "%s/out/results.json", tu_dir);
  char *first = tu_read(path, NULL);
  char *copy = tu_read(w, NULL);
  const char *w2 = tu_put("elsewhere.json", copy);
  free(copy);
  snprintf(opt, sizeof opt, "--jobs 1 --waivers '%s' --attestations '%s'", w2, CA_TEST_SRC "/fixtures/demo/attestations.json");
  r = audit(PROD, opt);
  ck_assert_ptr_nonnull(r);
  cJSON_Delete(r);
  char *second = tu_read(path, NULL);
  ck_assert_msg(!strcmp(first, second), "results.json differs between equal runs");
  free(first);
  free(second);
}
END_TEST

/* The demo's example files load and do what docs/waivers.md says of them. */
START_TEST(demo_files) {
  char opt[512];
  snprintf(opt, sizeof opt, "--waivers '%s' --attestations '%s'", CA_TEST_SRC "/fixtures/demo/waivers.json",
           CA_TEST_SRC "/fixtures/demo/attestations.json");
  cJSON *r = audit(CA_TEST_SRC "/fixtures/demo/dev.json", opt);
  ck_assert_msg(r && code == 0, "exit %d: %s", code, err_text);
  ck_assert_str_eq(s(finding(r, "BASE-IDN-001", "directory/d-9067a1b2c3"), "status"), "waived");   /* the dev-only waiver, on the directory without RADIUS */
  ck_assert_str_eq(s(finding(r, "BASE-IDN-001", "directory/d-9067d4e5f6"), "status"), "pass");   /* its clean counterpart */
  ck_assert_str_eq(s(finding(r, "BASE-LEX-004", "bot-alias/ABCDE12345/TSTALIASID"), "status"), "fail");   /* dev alias: no policy, Connect cannot call it */
  ck_assert_str_eq(s(finding(r, "HIPAA-TLS-002", "cc33dd44ee55"), "status"), "pass");   /* https origins only: prod's http one is the planted case */
  cJSON_Delete(r);
  r = audit(PROD, opt);
  ck_assert_msg(r && code == 0, "exit %d: %s", code, err_text);
  ck_assert_str_eq(s(finding(r, "BASE-LAM-001", "acme-prod-payment-tokenize"), "status"), "waived");
  ck_assert_str_eq(s(finding(r, "PII-S3-003", "acme-prod-chat-transcripts"), "status"), "fail");   /* expired */
  ck_assert_str_eq(s(cJSON_GetArrayItem(section(r, "waivers", "expired"), 0), "entry"), "/waivers/2");
  ck_assert_int_eq(cJSON_GetArraySize(section(r, "waivers", "stale")), 3);
  cJSON_Delete(r);
  r = audit(saml_snapshot(), opt);
  ck_assert_msg(r, "exit %d: %s", code, err_text);
  ck_assert_str_eq(s(cJSON_GetObjectItem(finding(r, "BASE-IDN-001", "aa11bb22cc33"), "attestation"), "answer"), "yes");
  cJSON_Delete(r);
}
END_TEST

int main(void) {
  Suite *su = suite_create("waivers");
  TCase *tc = tcase_create("waivers");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 600);
  tcase_add_test(tc, glob_and_time);
  tcase_add_test(tc, exact_and_glob_waivers_apply);
  tcase_add_test(tc, expiry_boundary);
  tcase_add_test(tc, errors_are_never_waived_and_stale_is_reported);
  tcase_add_test(tc, bad_files_are_refused_with_place);
  tcase_add_test(tc, attestations_mark_manual_findings);
  tcase_add_test(tc, fail_on_counts_what_is_not_waived);
  tcase_add_test(tc, deterministic);
  tcase_add_test(tc, demo_files);
  suite_add_tcase(su, tc);
  return tu_run_suite(su);
}
