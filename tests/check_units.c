/* Small pieces: JSON pointers, natural order, hashes, buffers, atomic writes. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "policy/child.h"
#include "policy/engine.h"
#include "policy/x509.h"
#include "results/results.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/jsonptr.h"
#include "util/jsontree.h"
#include "util/sha256.h"
#include "testutil.h"

/* ca_json_insert puts an item at every place of a list (first, between,
 * last, past the end) and leaves the list well linked: cJSON 1.7.15's
 * cJSON_InsertItemInArray refused the places between two items, and the
 * sorted lists built with it (a finding's parameters) lost entries. */
START_TEST(json_insert_keeps_every_item_in_order) {
  static const char *const keys[] = {"m", "c", "x", "a", "e", "z", "b", "n", NULL};
  cJSON *o = cJSON_CreateObject();
  for (int i = 0; keys[i]; i++) {
    int at = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, o) if (strcmp(c->string, keys[i]) < 0) at++;
    cJSON *item = cJSON_CreateNumber(i);
    cJSON_AddItemToObject(o, keys[i], item);
    cJSON_DetachItemViaPointer(o, item);
    ca_json_insert(o, at, item);
  }
  char *s = cJSON_PrintUnformatted(o);
  ck_assert_str_eq(s, "{\"a\":3,\"b\":6,\"c\":1,\"e\":4,\"m\":0,\"n\":7,\"x\":2,\"z\":5}");
  free(s);
  /* linked both ways: the last is child->prev, every prev is the one before */
  ck_assert_str_eq(o->child->prev->string, "z");
  for (const cJSON *c = o->child->next; c; c = c->next) ck_assert_ptr_eq(c->prev->next, c);
  ck_assert_int_eq(cJSON_GetArraySize(o), 8);
  cJSON_Delete(o);
  cJSON *a = cJSON_CreateArray();
  ca_json_insert(a, 5, cJSON_CreateString("end"));     /* past the end of an empty list */
  ca_json_insert(a, 0, cJSON_CreateString("first"));
  ca_json_insert(a, -1, cJSON_CreateString("last"));   /* negative: at the end */
  ca_json_insert(a, 1, cJSON_CreateString("mid"));
  s = cJSON_PrintUnformatted(a);
  ck_assert_str_eq(s, "[\"first\",\"mid\",\"end\",\"last\"]");
  free(s);
  cJSON_Delete(a);
}
END_TEST

START_TEST(pointer_escapes_arns) {
  ca_buf b;
  ca_buf_init(&b, 1024);
  ca_buf_add(&b, "", 0);
  ca_ptr_push(&b, "resources");
  ca_ptr_push(&b, "arn:aws:s3:::a/b~c");
  ck_assert_str_eq(b.data, "/resources/arn:aws:s3:::a~1b~0c");
  cJSON *j = cJSON_Parse("{\"resources\":{\"arn:aws:s3:::a/b~c\":[10,20]}}");
  ca_ptr_push_index(&b, 1);
  const cJSON *v = ca_ptr_get(j, b.data);
  ck_assert_ptr_nonnull(v);
  ck_assert_int_eq(v->valueint, 20);
  ck_assert_ptr_null(ca_ptr_get(j, "/resources/nope"));
  ck_assert_ptr_null(ca_ptr_get(j, "/resources/arn:aws:s3:::a~1b~0c/01"));   /* leading zero */
  ck_assert_ptr_null(ca_ptr_get(j, "/resources/arn:aws:s3:::a~1b~0c/-1"));
  ck_assert_ptr_null(ca_ptr_get(j, "/resources/arn:aws:s3:::a~2b"));          /* bad escape */
  ca_buf found;
  ca_buf_init(&found, 1024);
  ca_buf_add(&found, "", 0);
  ck_assert_int_eq(ca_ptr_find(&found, j, v), 0);
  ck_assert_str_eq(found.data, b.data);
  cJSON_Delete(j);
  ca_buf_free(&b);
  ca_buf_free(&found);
}
END_TEST

START_TEST(control_ids_sort_naturally) {
  ck_assert_int_lt(ca_natcmp("3.5.1", "10.2.1"), 0);
  ck_assert_int_lt(ca_natcmp("3.3.1", "3.5.1"), 0);
  ck_assert_int_gt(ca_natcmp("164.312(a)(2)(iv)", "164.308(a)(1)(ii)(D)"), 0);
  ck_assert_int_eq(ca_natcmp("GDPR-32(1)(a)", "GDPR-32(1)(a)"), 0);
  ck_assert_int_lt(ca_natcmp("GDPR-5(1)(c)", "GDPR-25"), 0);
}
END_TEST

START_TEST(sha256_known_answer) {
  char hex[65];
  ca_sha256_hex("abc", 3, hex);
  ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  ca_sha256_hex("", 0, hex);
  ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
END_TEST

START_TEST(buffer_respects_cap) {
  ca_buf b;
  ca_buf_init(&b, 8);
  ck_assert_int_eq(ca_buf_adds(&b, "12345678"), 0);
  ck_assert_int_eq(ca_buf_adds(&b, "9"), -1);
  ck_assert_uint_eq(b.len, 8);
  ca_buf_free(&b);
}
END_TEST

/* A big buffer (ca_buf_big) crosses CA_BUF_MAP_AT into a mapping of its
 * own and keeps every byte: added, read in place, given back, added again,
 * handed over to free(). */
static int advised;
static int refuse_advice(void *addr, size_t len, int advice) {
  (void)addr, (void)len, (void)advice;
  advised++;
  errno = EINVAL;
  return -1;
}

static void fill_big(ca_buf *b, size_t upto) {
  while (b->len < upto) {   /* odd sizes, so the mapping grows under a partial add */
    char chunk[100003];
    for (size_t i = 0; i < sizeof chunk; i++) chunk[i] = (char)('a' + (b->len + i) % 23);
    ck_assert_int_eq(ca_buf_add(b, chunk, sizeof chunk), 0);
  }
}

static void check_big(const ca_buf *b) {
  for (size_t i = 0; i < b->len; i++)
    if (b->data[i] != (char)('a' + i % 23)) ck_abort_msg("byte %zu of %zu lost", i, b->len);
  ck_assert_int_eq(b->data[b->len], '\0');
}

START_TEST(big_buffer_keeps_its_bytes_across_the_mapping) {
  ca_buf b;
  ca_buf_init(&b, (size_t)64 << 20);
  ca_buf_big(&b);
  fill_big(&b, CA_BUF_MAP_AT / 2);
  ck_assert_int_eq(b.mapped, 0);               /* small: malloc's */
  fill_big(&b, 3 * CA_BUF_MAP_AT);
  ck_assert_int_eq(b.mapped, 1);
  check_big(&b);
  /* read(2)-style: room, filled, then grew by what came */
  size_t at = b.len;
  char *room = ca_buf_room(&b, 65536);
  ck_assert_ptr_nonnull(room);
  for (size_t i = 0; i < 1000; i++) room[i] = (char)('a' + (at + i) % 23);
  ca_buf_grew(&b, 1000);
  ck_assert_uint_eq(b.len, at + 1000);
  check_big(&b);
  /* given back, then grown again past what it gave back */
  size_t had = b.alloc;
  ca_buf_shrink(&b);
  ck_assert_uint_lt(b.alloc, had);
  ck_assert_uint_gt(b.alloc, b.len);
  check_big(&b);
  fill_big(&b, 5 * CA_BUF_MAP_AT);
  check_big(&b);
  ca_buf_free(&b);
  ck_assert_int_eq(b.mapped, 0);
  ck_assert_ptr_null(b.data);
  fill_big(&b, 2 * CA_BUF_MAP_AT);
  check_big(&b);
  char *s = ca_buf_steal(&b);                  /* the caller's free() */
  ck_assert_uint_eq(strlen(s), (2 * CA_BUF_MAP_AT + 100002) / 100003 * 100003);
  free(s);
  ck_assert_int_eq(b.mapped, 0);
  /* the cap holds as for any buffer */
  ca_buf c;
  ca_buf_init(&c, CA_BUF_MAP_AT + 10);
  ca_buf_big(&c);
  ck_assert_int_eq(ca_buf_add(&c, "", 0), 0);
  ck_assert_ptr_nonnull(ca_buf_room(&c, CA_BUF_MAP_AT + 10));
  ck_assert_ptr_null(ca_buf_room(&c, CA_BUF_MAP_AT + 11));
  ca_buf_free(&c);
}
END_TEST

/* Where huge pages are off or madvise refuses, the bytes are the same. */
START_TEST(big_buffer_works_when_madvise_fails) {
  int (*real)(void *, size_t, int) = ca_buf_madvise;
  ca_buf_madvise = refuse_advice;
  advised = 0;
  ca_buf b;
  ca_buf_init(&b, (size_t)64 << 20);
  ca_buf_big(&b);
  fill_big(&b, 3 * CA_BUF_MAP_AT);
  ca_buf_madvise = real;
  ck_assert_int_gt(advised, 0);
  ck_assert_int_eq(b.mapped, 1);
  check_big(&b);
  ca_buf_shrink(&b);
  check_big(&b);
  ca_buf_free(&b);
}
END_TEST

/* A rule's output read in place (policy/child.c): a MAP_SHARED mapping
 * taken over, given back (its tail's pages), then grown past its end, which
 * a shared mapping cannot do in place (SIGBUS past its object): the bytes
 * move to a private mapping and every one is kept. */
START_TEST(shared_buffer_shrinks_and_grows_past_its_mapping) {
  size_t size = (size_t)8 << 20;
  char *m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  ck_assert_ptr_ne(m, MAP_FAILED);
  size_t n = 3 * ((size_t)1 << 20) + 12345;
  for (size_t i = 0; i < n; i++) m[i] = (char)('a' + i % 23);
  ca_buf b;
  ca_buf_init(&b, (size_t)64 << 20);
  ca_buf_adopt_shared(&b, m, size, n);
  ck_assert_int_eq(b.shared, 1);
  check_big(&b);
  ca_buf_shrink(&b);
  ck_assert_uint_lt(b.alloc, size);
  ck_assert_uint_gt(b.alloc, b.len);
  check_big(&b);
  fill_big(&b, 3 * CA_BUF_MAP_AT);   /* past the shrunk mapping and past the original */
  ck_assert_int_eq(b.shared, 0);
  ck_assert_int_eq(b.mapped, 1);
  check_big(&b);
  ca_buf_free(&b);
  ck_assert_ptr_null(b.data);
}
END_TEST

static int drained_bytes(void *arg, const void *p, size_t n) {
  (void)p;
  *(size_t *)arg += n;
  return 0;
}

/* A big buffer that drains (ca_buf_drain_to) hands over what it holds and
 * goes on adding: it never holds enough to be mapped. */
START_TEST(big_buffer_adds_after_a_drain) {
  size_t got = 0;
  ca_buf b;
  ca_buf_init(&b, (size_t)64 << 20);
  ca_buf_big(&b);
  ca_buf_drain_to(&b, drained_bytes, &got);
  for (int i = 0; i < 100; i++) {
    char *room = ca_buf_room(&b, 99990);
    ck_assert_ptr_nonnull(room);
    memset(room, 'x', 99990);
    ca_buf_grew(&b, 99990);
    ck_assert_int_eq(ca_buf_add(&b, "0123456789", 10), 0);
  }
  ck_assert_uint_eq(got, b.drained);
  ck_assert_uint_eq(got + b.len, 100 * 100000);
  ck_assert_uint_lt(b.len, CA_BUF_DRAIN_AT + 100000);
  ck_assert_int_eq(b.mapped, 0);
  ck_assert_int_eq(memcmp(b.data + b.len - 11, "x0123456789", 11), 0);
  ca_buf_free(&b);
}
END_TEST

START_TEST(atomic_write_replaces_whole_file) {
  char dir[] = "/tmp/ca-units-XXXXXX";
  ck_assert_ptr_nonnull(mkdtemp(dir));
  char path[256];
  snprintf(path, sizeof path, "%s/out.json", dir);
  ca_err err = {0};
  ck_assert_int_eq(ca_write_atomic(path, "old", 3, &err), 0);
  ck_assert_int_eq(ca_write_atomic(path, "new!", 4, &err), 0);
  char *text;
  size_t len;
  ck_assert_int_eq(ca_read_file(path, 100, &text, &len, &err), 0);
  ck_assert_str_eq(text, "new!");
  free(text);
  /* a folder that does not exist: an error that names the path, nothing left behind */
  char bad[300];
  snprintf(bad, sizeof bad, "%s/missing/out.json", dir);
  ck_assert_int_eq(ca_write_atomic(bad, "x", 1, &err), -1);
  ck_assert_ptr_nonnull(strstr(err.msg, bad));
  char **names;
  size_t n;
  ck_assert_int_eq(ca_list_dir(dir, &names, &n, &err), 0);
  ck_assert_uint_eq(n, 1);                      /* only out.json: no temporary file */
  ca_free_list(names);
  unlink(path);
  rmdir(dir);
}
END_TEST

START_TEST(read_file_limits) {
  ca_err err = {0};
  char *text;
  size_t len;
  ck_assert_int_eq(ca_read_file("/nonexistent/x.json", 100, &text, &len, &err), -1);
  ck_assert_int_eq(err.code, CA_EXIT_USAGE);
  ck_assert_ptr_nonnull(strstr(err.msg, "/nonexistent/x.json"));
  ca_err_clear(&err);
  ck_assert_int_eq(ca_read_file(CA_TEST_SRC "/CMakeLists.txt", 10, &text, &len, &err), -1);
  ck_assert_ptr_nonnull(strstr(err.msg, "more than the limit"));
}
END_TEST

START_TEST(rule_processes_are_confined) {
  pid_t pid = fork();
  ck_assert_int_ge(pid, 0);
  if (pid == 0) {
    if (ca_child_confine() != 0) _exit(10);
    if (open("/etc/hostname", O_RDONLY) >= 0 || errno != EPERM) _exit(11);
    if (open("/tmp/ca-confined", O_WRONLY | O_CREAT, 0600) >= 0) _exit(12);
    if (socket(AF_INET, SOCK_STREAM, 0) >= 0 || errno != EPERM) _exit(13);
    if (fork() >= 0 || errno != EPERM) _exit(14);
    char *argv[] = {"/bin/true", NULL};
    execv("/bin/true", argv);
    if (errno != EPERM) _exit(15);
    void *p = malloc(1 << 20);          /* memory still works */
    _exit(p ? 0 : 16);
  }
  int st;
  waitpid(pid, &st, 0);
  ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "confined child: status %d", st);
  ck_assert_int_ne(access("/tmp/ca-confined", F_OK), 0);
}
END_TEST

/* ctx:x509's reader: dates, names, the signature check, and clear reasons for
 * what does not parse (tests/data/x509: self-signed RSA certificates). */
START_TEST(x509_reads_certificates) {
  size_t n, kn, bn, en;
  char *cert = tu_read(CA_TEST_SRC "/tests/data/x509/a_cert.pem", &n);
  char *key = tu_read(CA_TEST_SRC "/tests/data/x509/a_pub.pem", &kn);
  char *other = tu_read(CA_TEST_SRC "/tests/data/x509/b_cert.pem", &bn);
  char *old = tu_read(CA_TEST_SRC "/tests/data/x509/a_expired.pem", &en);
  ca_x509_info x;
  ck_assert_int_eq(ca_x509_inspect(cert, n, key, kn, &x), 0);
  ck_assert(x.ok && x.key_given && x.key_ok && x.signed_by_key);
  ck_assert_str_eq(x.not_before, "2025-01-01T00:00:00Z");
  ck_assert_str_eq(x.not_after, "2045-01-01T00:00:00Z");
  ck_assert_int_eq(x.not_after_s, 2366841600LL);
  ck_assert_str_eq(x.subject, "O=Example Corp,CN=payments-test");
  ck_assert_str_eq(x.issuer, x.subject);
  /* another key pair's certificate does not verify with key A */
  ck_assert_int_eq(ca_x509_inspect(other, bn, key, kn, &x), 0);
  ck_assert(x.key_ok && !x.signed_by_key);
  /* a certificate as the key: its public key is used */
  ck_assert_int_eq(ca_x509_inspect(old, en, cert, n, &x), 0);
  ck_assert(x.key_ok && x.signed_by_key);
  ck_assert_str_eq(x.not_after, "2021-01-01T00:00:00Z");
  /* no key: nothing said about the signature */
  ck_assert_int_eq(ca_x509_inspect(cert, n, NULL, 0, &x), 0);
  ck_assert(!x.key_given && !x.signed_by_key);
  /* an unreadable key is reported, the certificate still read */
  ck_assert_int_eq(ca_x509_inspect(cert, n, "junk", 4, &x), 0);
  ck_assert(x.key_given && !x.key_ok);
  ck_assert_ptr_nonnull(strstr(x.key_error, "not a PEM public key or certificate"));
  /* what is not a certificate */
  ck_assert_int_eq(ca_x509_inspect("your certificate here", 21, NULL, 0, &x), -1);
  ck_assert_str_eq(x.error, "no PEM certificate (no -----BEGIN CERTIFICATE----- line)");
  const char *cut = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ3Rj\n-----END CERTIFICATE-----\n";
  ck_assert_int_eq(ca_x509_inspect(cut, strlen(cut), NULL, 0, &x), -1);
  ck_assert_ptr_nonnull(strstr(x.error, "not a valid X.509 certificate"));
  ck_assert_int_eq(ca_x509_inspect("", 0, NULL, 0, &x), -1);
  ck_assert_str_eq(x.error, "empty");
  char *big = malloc(CA_X509_MAX_PEM + 1);
  memset(big, 'A', CA_X509_MAX_PEM + 1);
  ck_assert_int_eq(ca_x509_inspect(big, CA_X509_MAX_PEM + 1, NULL, 0, &x), -1);
  ck_assert_ptr_nonnull(strstr(x.error, "more than the 65536 this check reads"));
  free(big);
  free(cert);
  free(key);
  free(other);
  free(old);
}
END_TEST

/* What the parent makes of the lines a rule's process wrote, byte for byte:
 * every line is checked as it is read (policy/engine.c collect), so a line
 * that is cut off, holds a NUL, has a status no rule may give, names
 * another resource than the one being checked, or ends exactly where the
 * output ends without its LF, breaks the rule, and its unfinished
 * resources are errors that say so; one the parent's fast path does not
 * take (not canonical) is decided by its tree. */
#define OUT_A "arn:aws:s3:::acme-a"
#define OUT_B "arn:aws:s3:::acme-b"
#define OUT_META "{\"meta\":{\"id\":\"T-OUT-001\",\"title\":\"t\",\"severity\":\"low\",\"resource\":\"s3_bucket\"}}\n"
#define OUT_F(arn, from, st) "{\"finding\":{\"arn\":\"" arn "\",\"from\":\"" from "\",\"status\":\"" st "\"," \
                             "\"message\":\"m\",\"evidence\":[{\"path\":\"/x\",\"observed\":1}],\"parameters\":{}}}"
#define OUT_KEPT(arn, st) "{\"arn\":\"" arn "\",\"from\":\"" arn "\",\"status\":\"" st "\",\"message\":\"m\"," \
                          "\"evidence\":[{\"path\":\"/x\",\"observed\":1}],\"parameters\":{}}\n"
#define OUT_DONE(arn) "{\"done\":\"" arn "\"}"
#define OUT_ERR(arn, why) "{\"arn\":\"" arn "\",\"from\":\"" arn "\",\"status\":\"error\",\"message\":\"" why "\"," \
                          "\"evidence\":[],\"parameters\":{}}\n"
#define MALFORMED "its process sent malformed output"

static ca_snapshot *out_snapshot(void) {
  static const char text[] =
    "{\"schema\":\"connect-auditor/snapshot/v1\",\"tool\":{\"name\":\"t\",\"version\":\"1\"},"
    "\"collected_at\":\"2026-11-20T09:30:00Z\",\"account_id\":\"111122223333\",\"regions\":[\"us-east-1\"],"
    "\"resources\":{\"s3_bucket\":{\"" OUT_A "\":{\"name\":\"a\",\"region\":\"us-east-1\",\"data\":{}},"
    "\"" OUT_B "\":{\"name\":\"b\",\"region\":\"us-east-1\",\"data\":{}}}},\"errors\":[]}";
  ca_snapshot *s = NULL;
  ca_err err = {0};
  ck_assert_msg(ca_snapshot_parse("snap.json", text, sizeof text - 1, &s, &err) == 0, "%s", err.msg);
  return s;
}

/* The output (len bytes: it may hold NULs) read back: the kept lines and why the rule broke ("" if it did not). */
static void expect_output(const ca_snapshot *snap, const char *out, size_t len, const char *kept, const char *killed) {
  ca_rule_result r;
  ca_engine_collect_output(out, len, snap, &r);
  ck_assert_ptr_nonnull(r.meta);
  ck_assert_msg(!strcmp(r.findings.data ? r.findings.data : "", kept), "kept\n%s\nexpected\n%s", r.findings.data, kept);
  size_t lines = 0;
  for (const char *c = kept; *c; c++) lines += *c == '\n';
  ck_assert_uint_eq(r.nfindings, lines);
  ck_assert_str_eq(r.killed ? r.killed : "", killed);
  ca_rule_result_free(&r);
}
#define EXPECT_OUT(snap, lit, kept, killed) expect_output(snap, lit, sizeof lit - 1, kept, killed)

START_TEST(each_line_a_rule_process_wrote_is_checked) {
  ca_snapshot *snap = out_snapshot();
  const char *const stopped_b = OUT_ERR(OUT_B, "rule stopped while checking this resource: " MALFORMED);
  /* the usual lines: kept as written */
  EXPECT_OUT(snap, OUT_META OUT_F(OUT_A, OUT_A, "pass") "\n" OUT_DONE(OUT_A) "\n" OUT_F(OUT_B, OUT_B, "fail") "\n"
             OUT_DONE(OUT_B) "\n", OUT_KEPT(OUT_A, "pass") OUT_KEPT(OUT_B, "fail"), "");
  /* a finding cut off at the output's end (no LF): the process died writing it */
  char both[4096];
  snprintf(both, sizeof both, "%s%s", OUT_KEPT(OUT_A, "pass"), stopped_b);
  EXPECT_OUT(snap, OUT_META OUT_F(OUT_A, OUT_A, "pass") "\n" OUT_DONE(OUT_A) "\n" OUT_F(OUT_B, OUT_B, "fail"),
             both, MALFORMED);
  /* a done line that ends exactly at the output's end, its LF missing */
  {
    ca_rule_result r;
    static const char out[] = OUT_META OUT_F(OUT_A, OUT_A, "pass") "\n" OUT_DONE(OUT_A) "\n" OUT_F(OUT_B, OUT_B, "fail")
                              "\n" OUT_DONE(OUT_B);
    ca_engine_collect_output(out, sizeof out - 1, snap, &r);
    ck_assert_str_eq(r.killed ? r.killed : "", MALFORMED);   /* B reported, not finished: its finding stays, flagged */
    ck_assert_uint_eq(r.nfindings, 3);
    ck_assert_ptr_nonnull(strstr(r.findings.data, "rule stopped while checking this resource: " MALFORMED));
    ca_rule_result_free(&r);
  }
  /* a NUL inside a line: the line ends there, cut off */
  snprintf(both, sizeof both, "%s%s", OUT_KEPT(OUT_A, "pass"), stopped_b);
  EXPECT_OUT(snap, OUT_META OUT_F(OUT_A, OUT_A, "pass") "\n" OUT_DONE(OUT_A) "\n{\"finding\":{\"arn\":\"" OUT_B
             "\",\"from\":\"" OUT_B "\",\"status\":\"fail\",\"message\":\"m\0m\",\"evidence\":[],\"parameters\":{}}}\n"
             OUT_DONE(OUT_B) "\n", both, MALFORMED);
  /* a NUL where a line starts: the output ends there (nothing after it is read) */
  snprintf(both, sizeof both, "%s%s", OUT_KEPT(OUT_A, "pass"),
           OUT_ERR(OUT_B, "rule stopped while checking this resource: no result"));
  EXPECT_OUT(snap, OUT_META OUT_F(OUT_A, OUT_A, "pass") "\n" OUT_DONE(OUT_A) "\n\0" OUT_F(OUT_B, OUT_B, "fail") "\n"
             OUT_DONE(OUT_B) "\n", both, "");
  /* a status no rule may give */
  snprintf(both, sizeof both, "%s%s", OUT_KEPT(OUT_A, "pass"), stopped_b);
  EXPECT_OUT(snap, OUT_META OUT_F(OUT_A, OUT_A, "pass") "\n" OUT_DONE(OUT_A) "\n" OUT_F(OUT_B, OUT_B, "waived") "\n"
             OUT_DONE(OUT_B) "\n", both, MALFORMED);
  /* a finding from another resource than the one being checked, and a done line of another */
  EXPECT_OUT(snap, OUT_META OUT_F(OUT_A, OUT_A, "pass") "\n" OUT_DONE(OUT_A) "\n" OUT_F(OUT_A, OUT_A, "fail") "\n"
             OUT_DONE(OUT_B) "\n", both, MALFORMED);
  EXPECT_OUT(snap, OUT_META OUT_F(OUT_A, OUT_A, "pass") "\n" OUT_DONE(OUT_A) "\n" OUT_DONE(OUT_A) "\n",
             both, MALFORMED);
  /* a finding about another ARN is kept, filed under the resource checked */
  EXPECT_OUT(snap, OUT_META OUT_F(OUT_B, OUT_A, "pass") "\n" OUT_DONE(OUT_A) "\n" OUT_DONE(OUT_B) "\n",
             "{\"arn\":\"" OUT_B "\",\"from\":\"" OUT_A "\",\"status\":\"pass\",\"message\":\"m\","
             "\"evidence\":[{\"path\":\"/x\",\"observed\":1}],\"parameters\":{}}\n", "");
  /* text cJSON would print otherwise (an escape it does not write, a number
   * it writes another way) goes by the tree, which keeps it as written
   * (keep_line: the walk to results.json then takes its tree too) */
  EXPECT_OUT(snap, OUT_META "{\"finding\":{\"arn\":\"" OUT_A "\",\"from\":\"" OUT_A "\",\"status\":\"pass\",\"message\":\"\\/m\","
             "\"evidence\":[{\"path\":\"/x\",\"observed\":1.0}],\"parameters\":{}}}\n" OUT_DONE(OUT_A) "\n" OUT_DONE(OUT_B) "\n",
             "{\"arn\":\"" OUT_A "\",\"from\":\"" OUT_A "\",\"status\":\"pass\",\"message\":\"\\/m\","
             "\"evidence\":[{\"path\":\"/x\",\"observed\":1.0}],\"parameters\":{}}\n", "");
  /* ... and one with a member more is printed again from its tree */
  EXPECT_OUT(snap, OUT_META "{\"finding\":{\"arn\":\"" OUT_A "\",\"from\":\"" OUT_A "\",\"status\":\"pass\",\"message\":\"m\","
             "\"evidence\":[],\"parameters\":{}},\"x\":1}\n" OUT_DONE(OUT_A) "\n" OUT_DONE(OUT_B) "\n",
             "{\"arn\":\"" OUT_A "\",\"from\":\"" OUT_A "\",\"status\":\"pass\",\"message\":\"m\","
             "\"evidence\":[],\"parameters\":{}}\n", "");
  ca_snapshot_free(snap);
}
END_TEST

/* The summary counts each control of each framework on its own, however
 * many a run names (ca_summary remembers where each control's entry is by
 * a hash: two controls that share a place are still two). */
START_TEST(summary_counts_every_control_apart) {
  cJSON *doc = cJSON_CreateObject(), *fs = cJSON_AddArrayToObject(doc, "findings");
  enum { NC = 700 };
  for (int round = 0; round < 2; round++)
    for (int i = 0; i < NC; i++) {
      cJSON *f = cJSON_CreateObject();
      cJSON_AddStringToObject(f, "status", i % 2 ? "pass" : "fail");
      cJSON_AddStringToObject(f, "severity", "high");
      cJSON *cs = cJSON_AddArrayToObject(f, "controls"), *c = cJSON_CreateObject();
      char id[32];
      snprintf(id, sizeof id, "%d.%d", i / 10, i % 10);
      cJSON_AddStringToObject(c, "framework", i % 3 ? "PCI-DSS-4.0" : "HIPAA");
      cJSON_AddStringToObject(c, "id", id);
      cJSON_AddItemToArray(cs, c);
      cJSON_AddItemToArray(fs, f);
    }
  ck_assert_int_eq(ca_results_summarise(doc), 0);
  const cJSON *fws = cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "summary"), "frameworks"), *c;
  int seen = 0;
  for (int k = 0; k < 2; k++) {
    const char *fw = k ? "PCI-DSS-4.0" : "HIPAA";
    cJSON_ArrayForEach(c, cJSON_GetObjectItem(cJSON_GetObjectItem(fws, fw), "controls")) {
      int a = -1, b = -1;
      ck_assert_int_eq(sscanf(cJSON_GetObjectItem(c, "id")->valuestring, "%d.%d", &a, &b), 2);
      int i = a * 10 + b;
      ck_assert_int_eq(!!(i % 3), k);
      const cJSON *n = cJSON_GetObjectItem(c, "findings");
      ck_assert_str_eq(cJSON_GetObjectItem(c, "status")->valuestring, i % 2 ? "passing" : "failing");
      ck_assert_int_eq(cJSON_GetObjectItem(n, i % 2 ? "pass" : "fail")->valueint, 2);
      ck_assert_int_eq(cJSON_GetObjectItem(n, i % 2 ? "fail" : "pass")->valueint, 0);
      seen++;
    }
  }
  ck_assert_int_eq(seen, NC);
  cJSON_Delete(doc);
}
END_TEST

int main(void) {
  Suite *s = suite_create("units");
  TCase *tc = tcase_create("units");
  tcase_set_timeout(tc, 120);   /* Check's default 4 s is too tight under the sanitizers on a loaded CI machine */
  tcase_add_test(tc, pointer_escapes_arns);
  tcase_add_test(tc, json_insert_keeps_every_item_in_order);
  tcase_add_test(tc, control_ids_sort_naturally);
  tcase_add_test(tc, sha256_known_answer);
  tcase_add_test(tc, buffer_respects_cap);
  tcase_add_test(tc, big_buffer_keeps_its_bytes_across_the_mapping);
  tcase_add_test(tc, big_buffer_works_when_madvise_fails);
  tcase_add_test(tc, big_buffer_adds_after_a_drain);
  tcase_add_test(tc, shared_buffer_shrinks_and_grows_past_its_mapping);
  tcase_add_test(tc, atomic_write_replaces_whole_file);
  tcase_add_test(tc, read_file_limits);
  tcase_add_test(tc, rule_processes_are_confined);
  tcase_add_test(tc, x509_reads_certificates);
  tcase_add_test(tc, summary_counts_every_control_apart);
  tcase_add_test(tc, each_line_a_rule_process_wrote_is_checked);
  suite_add_tcase(s, tc);
  return tu_run_suite(s);
}
