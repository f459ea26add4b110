/* The scan history (store/history.c, `audit --db`, `history`): schema from an
 * empty file, exact round trip of hostile strings, a writer killed mid-write,
 * foreign and newer files refused without losing the report, trends, the
 * default path (opt-in, under a temporary HOME: never the real one). */
#define _XOPEN_SOURCE 700 /* kill, strdup */
#include <check.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "store/history.h"
#include "util/buf.h"
#include "util/fsutil.h"

#include "testutil.h"

extern char **environ;

static char dbpath[128];

/* Every string a customer's snapshot could carry into the history. */
static const char *const hostile[] = {
  "\"><img src=x onerror=alert(1)>", "<script>alert('x')</script>", "a,b;\"c\"\r\nd", "]]><!-- -->",
  "'); DROP TABLE scans; --", "\x1b[31mred\x1b[0m\x07\x7f\xc2\x9b", "Zürich 東京 \xf0\x9f\x94\x92", "back\\slash\ttab",
};
#define NHOSTILE (sizeof hostile / sizeof hostile[0])

static void setup(void) {
  tu_setup("history");
  snprintf(dbpath, sizeof dbpath, "%s/h.db", tu_dir);
  /* Tests never write into the real home: the default database goes here. */
  char d[128];
  snprintf(d, sizeof d, "%s/home", tu_dir);
  setenv("HOME", d, 1);
  snprintf(d, sizeof d, "%s/xdg", tu_dir);
  setenv("XDG_DATA_HOME", d, 1);
  unsetenv("CA_TEST_HISTORY_PAUSE_AT");
}

static void teardown(void) { tu_teardown(); }

/* ---- a synthetic results document ---- */

static const char *const fws[] = {"PCI-DSS-4.0", "HIPAA", "PII", "BASELINE"};

/* nfail[f] failing controls (and one passing) per framework; nfind findings,
 * their strings taken from hostile[] in turn. */
static cJSON *results_doc(const char *account, const char *when, const int nfail[4], long nfind) {
  cJSON *r = cJSON_CreateObject();
  cJSON_AddStringToObject(r, "schema", "connect-auditor/results/v1");
  cJSON_AddStringToObject(cJSON_AddObjectToObject(r, "tool"), "version", "9.9.9");
  cJSON *sn = cJSON_AddObjectToObject(r, "snapshot");
  cJSON_AddStringToObject(sn, "sha256", "ab12");
  cJSON_AddStringToObject(sn, "collected_at", "2026-01-02T03:04:05Z");
  cJSON_AddStringToObject(sn, "account_id", account);
  cJSON *regions = cJSON_AddArrayToObject(sn, "regions");
  cJSON_AddItemToArray(regions, cJSON_CreateString("us-east-1"));
  cJSON *packs = cJSON_AddArrayToObject(r, "packs");
  cJSON *p = cJSON_CreateObject();
  cJSON_AddStringToObject(p, "name", "pci");
  cJSON_AddStringToObject(p, "sha256", "cd34");
  cJSON_AddItemToArray(packs, p);
  cJSON_AddStringToObject(r, "generated_at", when);
  cJSON *sum = cJSON_AddObjectToObject(r, "summary");
  cJSON *bs = cJSON_AddObjectToObject(sum, "by_status");
  cJSON_AddNumberToObject(bs, "pass", 1);
  cJSON_AddNumberToObject(bs, "fail", (double)nfind);
  cJSON *sev = cJSON_AddObjectToObject(cJSON_AddObjectToObject(sum, "by_severity"), "high");
  cJSON_AddNumberToObject(sev, "fail", 7);
  cJSON_AddNumberToObject(sum, "findings", (double)nfind);
  cJSON *fwo = cJSON_AddObjectToObject(sum, "frameworks");
  for (int f = 0; f < 4; f++) {
    cJSON *list = cJSON_AddArrayToObject(cJSON_AddObjectToObject(fwo, fws[f]), "controls");
    for (int c = 0; c <= nfail[f]; c++) {
      char id[16];
      snprintf(id, sizeof id, "%d.%d", f + 1, c);
      cJSON *e = cJSON_CreateObject();
      cJSON_AddStringToObject(e, "id", id);
      cJSON_AddStringToObject(e, "status", c < nfail[f] ? "failing" : "passing");
      cJSON_AddNumberToObject(cJSON_AddObjectToObject(e, "findings"), "fail", 1);
      cJSON_AddItemToArray(list, e);
    }
  }
  cJSON *findings = cJSON_AddArrayToObject(r, "findings");
  for (long i = 0; i < nfind; i++) {
    const char *h = hostile[i % NHOSTILE];
    cJSON *f = cJSON_CreateObject();
    char arn[128];
    snprintf(arn, sizeof arn, "arn:aws:s3:::bucket-%ld", i);
    cJSON_AddStringToObject(f, "rule_id", h);
    cJSON_AddStringToObject(f, "title", "Bucket is encrypted");
    cJSON_AddStringToObject(f, "status", i % 3 ? "fail" : "pass");
    cJSON_AddStringToObject(f, "severity", "high");
    cJSON_AddStringToObject(f, "pack", "pci");
    cJSON *res = cJSON_AddObjectToObject(f, "resource");
    cJSON_AddStringToObject(res, "arn", arn);
    cJSON_AddStringToObject(res, "type", "s3_bucket");
    cJSON_AddStringToObject(res, "name", h);
    cJSON_AddStringToObject(res, "region", "us-east-1");
    cJSON *ctl = cJSON_CreateObject();
    cJSON_AddStringToObject(ctl, "framework", "PCI-DSS-4.0");
    cJSON_AddStringToObject(ctl, "id", "3.5.1");
    cJSON_AddItemToArray(cJSON_AddArrayToObject(f, "controls"), ctl);
    cJSON_AddStringToObject(f, "message", h);
    cJSON *ev = cJSON_CreateObject();
    cJSON_AddStringToObject(ev, "path", "/resources/s3_bucket/x/data/ServerSideEncryptionConfiguration");
    cJSON_AddStringToObject(ev, "observed", h);
    cJSON_AddStringToObject(ev, "expected", "aws:kms with a customer managed key, and a long reason that pads the row");
    cJSON_AddItemToArray(cJSON_AddArrayToObject(f, "evidence"), ev);
    if (i == 1) {
      cJSON *w = cJSON_AddObjectToObject(f, "waiver");
      cJSON_AddStringToObject(w, "reason", h);
      cJSON_AddStringToObject(w, "approved_by", "cso@example.com");
      cJSON_AddStringToObject(w, "expires", "2027-01-01");
    } else {
      cJSON_AddNullToObject(f, "waiver");
    }
    cJSON_AddItemToArray(findings, f);
  }
  return r;
}

static long long record(const char *account, const char *when, const int nfail[4], long nfind) {
  ca_err err = {0};
  ca_history *h = NULL;
  long long id = 0;
  cJSON *r = results_doc(account, when, nfail, nfind);
  ck_assert_msg(ca_history_open(dbpath, 1, &h, &err) == 0, "%s", err.msg);
  ck_assert_msg(ca_history_record(h, r, &id, &err) == 0, "%s", err.msg);
  ca_history_close(h);
  cJSON_Delete(r);
  return id;
}

static cJSON *list(const char *account, int limit) {
  ca_err err = {0};
  ca_history *h = NULL;
  cJSON *out = NULL;
  ck_assert_msg(ca_history_open(dbpath, 0, &h, &err) == 0, "%s", err.msg);
  ck_assert_msg(ca_history_list(h, account, limit, &out, &err) == 0, "%s", err.msg);
  ca_history_close(h);
  return out;
}

/* A one-number answer straight from SQLite, bypassing the code under test. */
static long long sql_int(const char *sql) {
  sqlite3 *db;
  sqlite3_stmt *st;
  ck_assert_int_eq(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
  ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
  ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
  long long v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

static void assert_integrity(void) {
  sqlite3 *db;
  sqlite3_stmt *st;
  ck_assert_int_eq(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
  ck_assert_int_eq(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
  ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
  ck_assert_str_eq((const char *)sqlite3_column_text(st, 0), "ok");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

static const int some[4] = {2, 1, 0, 3};

START_TEST(empty_file_gets_the_schema_privately) {
  record("111122223333", "2026-01-01T00:00:00Z", some, 3);   /* no file yet: created */
  struct stat sb;
  ck_assert_int_eq(stat(dbpath, &sb), 0);
  ck_assert_int_eq(sb.st_mode & 0777, 0600);                  /* findings are sensitive */
  ck_assert_int_eq(sql_int("PRAGMA user_version"), CA_HISTORY_VERSION);
  ck_assert_int_eq(sql_int("PRAGMA application_id"), CA_HISTORY_APP_ID);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('scans', 'findings', 'controls')"), 3);
  /* a zero-byte file (touch) is an empty database: migrated, not refused */
  remove(dbpath);
  tu_spit(dbpath, "");
  ck_assert_int_eq(record("111122223333", "2026-01-01T00:00:00Z", some, 3), 1);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM findings"), 3);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM controls"), 2 + 1 + 0 + 1 + 1 + 1 + 3 + 1);
  /* opening for reading never creates */
  ca_err err = {0};
  ca_history *h = NULL;
  char other[160];
  snprintf(other, sizeof other, "%s/none.db", tu_dir);
  ck_assert_int_eq(ca_history_open(other, 0, &h, &err), -1);
  ck_assert_int_eq(err.code, 2);
  ck_assert_ptr_nonnull(strstr(err.msg, "no history database there"));
  ck_assert_int_eq(access(other, F_OK), -1);
}
END_TEST

START_TEST(hostile_strings_round_trip_exactly) {
  long n = (long)NHOSTILE * 2;
  cJSON *doc = results_doc(hostile[0], "2026-01-01T00:00:00Z", some, n);
  ca_err err = {0};
  ca_history *h = NULL;
  long long id = 0;
  ck_assert_int_eq(ca_history_open(dbpath, 1, &h, &err), 0);
  ck_assert_int_eq(ca_history_record(h, doc, &id, &err), 0);
  ca_history_close(h);
  sqlite3 *db;
  sqlite3_stmt *st;
  ck_assert_int_eq(sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT seq, rule_id, message, resource_name, evidence, waiver FROM findings"
                                          " WHERE scan_id = ?1 ORDER BY seq", -1, &st, NULL), SQLITE_OK);
  sqlite3_bind_int64(st, 1, id);
  long rows = 0;
  const cJSON *f = cJSON_GetObjectItem(doc, "findings")->child;
  for (; sqlite3_step(st) == SQLITE_ROW; rows++, f = f->next) {
    const char *want = hostile[rows % NHOSTILE];
    ck_assert_int_eq(sqlite3_column_int64(st, 0), rows);
    ck_assert_str_eq((const char *)sqlite3_column_text(st, 1), want);
    ck_assert_str_eq((const char *)sqlite3_column_text(st, 2), want);
    ck_assert_str_eq((const char *)sqlite3_column_text(st, 3), want);
    char *ev = cJSON_PrintUnformatted(cJSON_GetObjectItem(f, "evidence"));
    ck_assert_str_eq((const char *)sqlite3_column_text(st, 4), ev);
    free(ev);
    if (rows == 1) {
      cJSON *w = cJSON_Parse((const char *)sqlite3_column_text(st, 5));
      ck_assert_str_eq(cJSON_GetObjectItem(w, "reason")->valuestring, want);
      cJSON_Delete(w);
    } else {
      ck_assert_int_eq(sqlite3_column_type(st, 5), SQLITE_NULL);   /* no waiver is NULL, not "null" */
    }
  }
  ck_assert_int_eq(rows, n);
  sqlite3_finalize(st);
  sqlite3_close(db);
  cJSON_Delete(doc);
  /* the account comes back byte for byte, and the "DROP TABLE" stayed data */
  cJSON *l = list(NULL, 10);
  ck_assert_str_eq(cJSON_GetObjectItem(l->child, "account_id")->valuestring, hostile[0]);
  cJSON_Delete(l);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM scans"), 1);
}
END_TEST

/* The writer is a forked child that stops itself inside the transaction (the
 * CA_TEST_HISTORY_PAUSE_AT hook), after SQLite has already spilled pages of
 * the big scan into the database file; it is then killed with SIGKILL. */
START_TEST(killed_writer_leaves_the_database_as_it_was) {
  ck_assert_int_eq(record("111122223333", "2026-01-01T00:00:00Z", some, 10), 1);
  ck_assert_int_eq(record("444455556666", "2026-01-02T00:00:00Z", some, 10), 2);
  size_t before_n;
  char *before = tu_slurp(dbpath, &before_n);
  ck_assert_ptr_nonnull(before);

  pid_t pid = fork();
  ck_assert_int_ne(pid, -1);
  if (pid == 0) {
    setenv("CA_TEST_HISTORY_PAUSE_AT", "25000", 1);
    cJSON *big = results_doc("111122223333", "2026-01-03T00:00:00Z", some, 30000);
    ca_err err = {0};
    ca_history *h = NULL;
    long long id;
    if (ca_history_open(dbpath, 1, &h, &err) || ca_history_record(h, big, &id, &err)) _exit(3);
    _exit(0);   /* reached only if the hook did not stop us: the parent fails */
  }
  int st;
  ck_assert_int_eq(waitpid(pid, &st, WUNTRACED), pid);
  ck_assert_msg(WIFSTOPPED(st), "the writer was not stopped mid-write (status %#x)", st);
  /* Mid-write for real: a hot journal exists and the database file itself
   * already holds pages of the unfinished scan. */
  char journal[160];
  snprintf(journal, sizeof journal, "%s-journal", dbpath);
  ck_assert_int_eq(access(journal, F_OK), 0);
  size_t mid_n;
  char *mid = tu_slurp(dbpath, &mid_n);
  ck_assert_msg(mid_n != before_n || memcmp(mid, before, before_n), "nothing reached the database file yet");
  free(mid);
  kill(pid, SIGKILL);
  ck_assert_int_eq(waitpid(pid, &st, 0), pid);
  ck_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);

  /* the next connection plays the journal back: exactly the two scans */
  cJSON *l = list(NULL, 100);
  ck_assert_int_eq(cJSON_GetArraySize(l), 2);
  ck_assert_int_eq(cJSON_GetObjectItem(l->child, "id")->valueint, 2);
  cJSON_Delete(l);
  ck_assert_int_eq(access(journal, F_OK), -1);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM findings"), 20);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM findings WHERE scan_id > 2"), 0);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM controls WHERE scan_id > 2"), 0);
  assert_integrity();
  size_t after_n;
  char *after = tu_slurp(dbpath, &after_n);
  ck_assert(after_n == before_n && !memcmp(after, before, before_n));   /* byte for byte */
  free(after);
  free(before);
  /* and the next audit records normally */
  ck_assert_int_eq(record("111122223333", "2026-01-04T00:00:00Z", some, 10), 3);
  assert_integrity();
}
END_TEST

START_TEST(concurrent_writers_all_land) {
  record("000000000000", "2026-01-01T00:00:00Z", some, 1);   /* schema first */
  pid_t kids[4];
  for (int k = 0; k < 4; k++) {
    kids[k] = fork();
    ck_assert_int_ne(kids[k], -1);
    if (kids[k] == 0) {
      char acct[16];
      snprintf(acct, sizeof acct, "00000000000%d", k + 1);
      for (int i = 0; i < 5; i++) {
        cJSON *r = results_doc(acct, "2026-01-02T00:00:00Z", some, 2000);
        ca_err err = {0};
        ca_history *h = NULL;
        long long id;
        if (ca_history_open(dbpath, 1, &h, &err) || ca_history_record(h, r, &id, &err)) {
          fprintf(stderr, "writer %d: %s\n", k, err.msg);
          _exit(1);
        }
        ca_history_close(h);
        cJSON_Delete(r);
      }
      _exit(0);
    }
  }
  for (int k = 0; k < 4; k++) {
    int st;
    ck_assert_int_eq(waitpid(kids[k], &st, 0), kids[k]);
    ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "writer %d failed", k);
  }
  ck_assert_int_eq(sql_int("SELECT count(*) FROM scans"), 21);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM findings"), 1 + 20 * 2000);
  assert_integrity();
}
END_TEST

static void assert_refused(const char *content_note, int code, const char *needle) {
  size_t n0 = 0;
  char *before = tu_slurp(dbpath, &n0);
  ca_err err = {0};
  ca_history *h = NULL;
  ck_assert_int_eq(ca_history_open(dbpath, 1, &h, &err), -1);
  ck_assert_ptr_null(h);
  ck_assert_msg(err.code == code, "%s: exit %d (%s)", content_note, err.code, err.msg);
  ck_assert_msg(strstr(err.msg, needle) && strstr(err.msg, dbpath), "%s: \"%s\" lacks \"%s\"", content_note, err.msg, needle);
  size_t n1 = 0;
  char *after = tu_slurp(dbpath, &n1);
  ck_assert_msg(n0 == n1 && !memcmp(before, after, n0), "%s: the file was changed", content_note);
  free(before);
  free(after);
}

START_TEST(foreign_and_newer_files_are_refused_untouched) {
  tu_spit(dbpath, "this is a text file, not a database\n");
  assert_refused("text file", 2, "not a connect-auditor history database");
  remove(dbpath);
  sqlite3 *db;
  ck_assert_int_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
  ck_assert_int_eq(sqlite3_exec(db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close(db);
  assert_refused("another program's SQLite file", 2, "not a connect-auditor history");
  remove(dbpath);
  record("111122223333", "2026-01-01T00:00:00Z", some, 1);
  ck_assert_int_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
  ck_assert_int_eq(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close(db);
  assert_refused("newer schema", 2, "schema version 99 is newer");
}
END_TEST

START_TEST(list_orders_filters_and_trends) {
  const int a1[4] = {3, 2, 0, 5}, a2[4] = {4, 2, 0, 1}, b1[4] = {1, 1, 1, 1};
  record("111122223333", "2026-01-01T00:00:00Z", a1, 1);           /* 1 */
  record("444455556666", "2026-01-02T00:00:00Z", b1, 1);           /* 2 */
  record("111122223333", "2026-01-03T00:00:00Z", a2, 1);           /* 3 */
  record("111122223333", "2025-12-31T00:00:00Z", a2, 1);           /* 4: an older audit recorded late */
  cJSON *l = list(NULL, 100);
  int order[4], i = 0;
  const cJSON *s;
  cJSON_ArrayForEach(s, l) order[i++] = cJSON_GetObjectItem(s, "id")->valueint;
  ck_assert_int_eq(i, 4);
  ck_assert(order[0] == 3 && order[1] == 2 && order[2] == 1 && order[3] == 4);   /* newest generated_at first */
  const cJSON *newest = l->child;
  ck_assert_int_eq(cJSON_GetObjectItem(newest, "previous")->valueint, 1);     /* same account, not scan 2 */
  const cJSON *fw = cJSON_GetObjectItem(newest, "frameworks");
  ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(fw, "PCI-DSS-4.0"), "failing")->valueint, 4);
  ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(fw, "PCI-DSS-4.0"), "failing_change")->valueint, 1);
  ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(fw, "HIPAA"), "failing_change")->valueint, 0);
  ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(fw, "BASELINE"), "failing_change")->valueint, -4);
  ck_assert_int_eq(cJSON_GetObjectItem(cJSON_GetObjectItem(fw, "PII"), "passing")->valueint, 1);
  const char *names[4], *want[4] = {"PCI-DSS-4.0", "HIPAA", "PII", "BASELINE"};
  i = 0;
  cJSON_ArrayForEach(s, fw) names[i++] = s->string;
  for (i = 0; i < 4; i++) ck_assert_str_eq(names[i], want[i]);          /* fixed order */
  /* scan 1's previous is the late-recorded older one; scan 4 has none */
  ck_assert_int_eq(cJSON_GetObjectItem(l->child->next->next, "previous")->valueint, 4);
  const cJSON *oldest = l->child->next->next->next;
  ck_assert(cJSON_IsNull(cJSON_GetObjectItem(oldest, "previous")));
  ck_assert(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(oldest, "frameworks"), "HIPAA"),
                                             "failing_change")));
  cJSON_Delete(l);
  l = list("444455556666", 100);
  ck_assert_int_eq(cJSON_GetArraySize(l), 1);
  cJSON_Delete(l);
  l = list(NULL, 2);
  ck_assert_int_eq(cJSON_GetArraySize(l), 2);
  cJSON_Delete(l);
  l = list("no such account", 5);
  ck_assert_int_eq(cJSON_GetArraySize(l), 0);
  cJSON_Delete(l);
}
END_TEST

/* ---- through the binary ---- */

#define PROD CA_TEST_SRC "/fixtures/demo/prod.json"

/* Failing controls of framework fw in results r (-1 when it has none). */
static long failing_controls(const cJSON *r, const char *fw) {
  const cJSON *f = cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "summary"), "frameworks"), fw);
  const cJSON *n = cJSON_GetObjectItem(cJSON_GetObjectItem(f, "counts"), "failing");
  return cJSON_IsNumber(n) ? (long)n->valuedouble : -1;
}

/* What `history` shows of scan r after prev (NULL: the account's first):
 * " FW n (change), ...\n", in r's framework order. */
static char *trend(const cJSON *r, const cJSON *prev) {
  ca_buf b;
  ca_buf_init(&b, 1 << 20);
  const cJSON *fw;
  const char *sep = " ";
  cJSON_ArrayForEach(fw, cJSON_GetObjectItem(cJSON_GetObjectItem(r, "summary"), "frameworks")) {
    long now = failing_controls(r, fw->string), before = prev ? failing_controls(prev, fw->string) : -1;
    ca_buf_printf(&b, "%s%s %ld", sep, fw->string, now);
    if (before < 0) ca_buf_adds(&b, " (first)");
    else if (now == before) ca_buf_adds(&b, " (=)");
    else ca_buf_printf(&b, " (%+ld)", now - before);
    sep = ", ";
  }
  ca_buf_adds(&b, "\n");
  return ca_buf_steal(&b);
}

START_TEST(audit_db_records_and_history_shows_trends) {
  char outdir[128];
  snprintf(outdir, sizeof outdir, "%s/out", tu_dir);
  char rpath[160];
  snprintf(rpath, sizeof rpath, "%s/results.json", outdir);
  tu_out o = tu_run((const char *[]){"audit", PROD, "-o", outdir, "--db", dbpath, NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  HAS(o.err, "recorded as scan 1 in ");
  ck_assert_str_eq(o.out, "");
  tu_done(&o);
  cJSON *res1 = tu_load(rpath);
  o = tu_run((const char *[]){"audit", PROD, "-o", outdir, "--db", dbpath, "--pack", "pci", "-q", NULL});
  ck_assert_str_eq(o.err, "");                                   /* --quiet is quiet */
  tu_done(&o);
  /* what results.json says is what the history holds */
  cJSON *res = tu_load(rpath);
  const cJSON *by = cJSON_GetObjectItem(cJSON_GetObjectItem(res, "summary"), "by_status");
  ck_assert_int_eq(sql_int("SELECT fail FROM scans WHERE id = 2"), cJSON_GetObjectItem(by, "fail")->valueint);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM findings WHERE scan_id = 2"),
                   cJSON_GetArraySize(cJSON_GetObjectItem(res, "findings")));

  o = tu_run((const char *[]){"history", "--db", dbpath, NULL});
  ck_assert_int_eq(o.code, 0);
  /* each scan's failing controls per framework, as its results.json counts
   * them, and the change since scan 1: scan 2 (pci only) fails fewer PCI controls */
  HAS(o.out, "SCAN  GENERATED");
  HAS(o.out, "    2  2026-11-20T09:30:00Z  111122223333  ");
  char *want = trend(res, res1);
  HAS(o.out, want);
  free(want);
  want = trend(res1, NULL);
  HAS(o.out, want);
  free(want);
  ck_assert_int_lt(failing_controls(res, "PCI-DSS-4.0"), failing_controls(res1, "PCI-DSS-4.0"));
  cJSON_Delete(res);
  cJSON_Delete(res1);
  ck_assert(strstr(o.out, "    2  ") < strstr(o.out, "    1  "));
  char *first = strdup(o.out);
  tu_done(&o);
  o = tu_run((const char *[]){"history", "--db", dbpath, NULL});
  ck_assert_str_eq(o.out, first);                                 /* deterministic */
  free(first);
  tu_done(&o);
  o = tu_run((const char *[]){"history", "--db", dbpath, "--format", "json", "--limit", "1", NULL});
  ck_assert_int_eq(o.code, 0);
  cJSON *j = cJSON_Parse(o.out);
  ck_assert_ptr_nonnull(j);
  ck_assert_str_eq(cJSON_GetObjectItem(j, "schema")->valuestring, "connect-auditor/history/v1");
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "scans")), 1);
  cJSON_Delete(j);
  tu_done(&o);
  o = tu_run((const char *[]){"history", "--db", dbpath, "--account", "999999999999", NULL});
  ck_assert_int_eq(o.code, 0);
  ck_assert_str_eq(o.out, "");
  HAS(o.err, "no scans recorded for that account");
  tu_done(&o);
}
END_TEST

START_TEST(history_is_opt_in_and_defaults_under_the_data_dir) {
  char outdir[128], xdgdb[160], homedb[160];
  snprintf(outdir, sizeof outdir, "%s/out", tu_dir);
  snprintf(xdgdb, sizeof xdgdb, "%s/xdg/connect-auditor/history.db", tu_dir);
  snprintf(homedb, sizeof homedb, "%s/home/.local/share/connect-auditor/history.db", tu_dir);
  tu_out o = tu_run((const char *[]){"audit", PROD, "-o", outdir, NULL});
  ck_assert_int_eq(o.code, 0);
  tu_done(&o);
  ck_assert_int_eq(access(xdgdb, F_OK), -1);                       /* no --db, no --history: nothing */
  ck_assert_int_eq(access(homedb, F_OK), -1);
  o = tu_run((const char *[]){"audit", PROD, "-o", outdir, "--history", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  HAS(o.err, xdgdb);
  tu_done(&o);
  ck_assert_int_eq(access(xdgdb, F_OK), 0);
  o = tu_run((const char *[]){"history", NULL});
  ck_assert_int_eq(o.code, 0);
  HAS(o.out, "111122223333");
  tu_done(&o);
  unsetenv("XDG_DATA_HOME");
  o = tu_run((const char *[]){"audit", PROD, "-o", outdir, "--history", NULL});
  ck_assert_msg(o.code == 0, "%s", o.err);
  tu_done(&o);
  ck_assert_int_eq(access(homedb, F_OK), 0);
  setenv("XDG_DATA_HOME", "relative/dir", 1);                       /* ignored, as the XDG spec says */
  o = tu_run((const char *[]){"history", "--format", "json", NULL});
  ck_assert_int_eq(o.code, 0);
  cJSON *j = cJSON_Parse(o.out);
  ck_assert_int_eq(cJSON_GetArraySize(cJSON_GetObjectItem(j, "scans")), 1);
  cJSON_Delete(j);
  tu_done(&o);
  unsetenv("HOME");
  unsetenv("XDG_DATA_HOME");
  o = tu_run((const char *[]){"history", NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "give --db FILE");
  tu_done(&o);
}
END_TEST

/* The report is never lost to the history: results.json is written, the
 * error says so, the exit code says which kind of failure. */
START_TEST(bad_database_keeps_the_report) {
  char outdir[128], rpath[160];
  snprintf(outdir, sizeof outdir, "%s/out", tu_dir);
  snprintf(rpath, sizeof rpath, "%s/results.json", outdir);
  tu_spit(dbpath, "<html>not a database</html>\n");
  tu_out o = tu_run((const char *[]){"audit", PROD, "-o", outdir, "--db", dbpath, "--fail-on", "high", NULL});
  ck_assert_int_eq(o.code, 2);                       /* not 1: the history failure outranks findings */
  HAS(o.err, "results.json is written, but this audit is not in the history: ");
  HAS(o.err, "not a connect-auditor history database");
  tu_done(&o);
  char *t = tu_slurp(rpath, NULL);
  cJSON *r = cJSON_Parse(t);
  ck_assert_ptr_nonnull(r);
  cJSON_Delete(r);
  free(t);
  t = tu_slurp(dbpath, NULL);
  ck_assert_str_eq(t, "<html>not a database</html>\n");
  free(t);
  remove(rpath);
  remove(dbpath);
  record("111122223333", "2026-01-01T00:00:00Z", some, 1);
  sqlite3 *db;
  ck_assert_int_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
  ck_assert_int_eq(sqlite3_exec(db, "PRAGMA user_version = 2", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close(db);
  o = tu_run((const char *[]){"audit", PROD, "-o", outdir, "--db", dbpath, NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "schema version 2 is newer than this connect-auditor understands (1)");
  tu_done(&o);
  ck_assert_int_eq(access(rpath, F_OK), 0);
  o = tu_run((const char *[]){"history", "--db", dbpath, NULL});
  ck_assert_int_eq(o.code, 2);
  tu_done(&o);
  /* the environment, not the file: exit 3 */
  o = tu_run((const char *[]){"audit", PROD, "-o", outdir, "--db", "/proc/no-such/h.db", NULL});
  ck_assert_int_eq(o.code, 3);
  HAS(o.err, "/proc/no-such");
  tu_done(&o);
}
END_TEST

/* The snapshot loader only takes 12-digit account IDs, but the history holds
 * whatever results document was recorded (and a file can be edited): the
 * text form must still not let one move the cursor or split a row. */
START_TEST(hostile_account_is_escaped_in_text_and_exact_in_json) {
  const char *acct = "\"><img onerror=x>\x1b[2J\n, ]]> \xc2\x9b' 東\\x0a";
  record(acct, "2026-01-01T00:00:00Z", some, 3);
  tu_out o;
  o = tu_run((const char *[]){"history", "--db", dbpath, NULL});
  ck_assert_int_eq(o.code, 0);
  HAS(o.out, "\"><img onerror=x>\\x1b[2J\\x0a, ]]> \\u009b' 東\\x5cx0a  ");
  ck_assert_ptr_null(strchr(o.out, '\x1b'));
  ck_assert_ptr_null(strstr(o.out, "\xc2\x9b"));
  /* two lines: the header and the scan; the newline did not split the row */
  int lines = 0;
  for (const char *p = o.out; *p; p++) lines += *p == '\n';
  ck_assert_int_eq(lines, 2);
  tu_done(&o);
  o = tu_run((const char *[]){"history", "--db", dbpath, "--format", "json", NULL});
  cJSON *j = cJSON_Parse(o.out);
  ck_assert_str_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(j, "scans"), 0), "account_id")->valuestring, acct);
  cJSON_Delete(j);
  tu_done(&o);
}
END_TEST

/* The same hook in the real binary: audit stops inside the transaction, is
 * killed, and the history is as before; the next audit records. */
START_TEST(killed_audit_records_nothing) {
  char outdir[128];
  snprintf(outdir, sizeof outdir, "%s/out", tu_dir);
  tu_out o = tu_run((const char *[]){"audit", PROD, "-o", outdir, "--db", dbpath, "-q", NULL});
  ck_assert_int_eq(o.code, 0);
  tu_done(&o);
  const char *argv[] = {CA_TEST_BIN, "audit", PROD, "-o", outdir, "--db", dbpath, "-q", NULL};
  setenv("CA_TEST_HISTORY_PAUSE_AT", "40", 1);
  pid_t pid;
  ck_assert_int_eq(posix_spawn(&pid, CA_TEST_BIN, NULL, NULL, (char **)argv, environ), 0);
  unsetenv("CA_TEST_HISTORY_PAUSE_AT");
  int st;
  ck_assert_int_eq(waitpid(pid, &st, WUNTRACED), pid);
  ck_assert_msg(WIFSTOPPED(st), "audit was not stopped mid-write (status %#x)", st);
  kill(pid, SIGKILL);
  ck_assert_int_eq(waitpid(pid, &st, 0), pid);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM scans"), 1);
  ck_assert_int_eq(sql_int("SELECT count(*) FROM findings WHERE scan_id <> 1"), 0);
  assert_integrity();
  o = tu_run((const char *[]){"audit", PROD, "-o", outdir, "--db", dbpath, NULL});
  ck_assert_int_eq(o.code, 0);
  HAS(o.err, "recorded as scan 2 in ");
  tu_done(&o);
}
END_TEST

START_TEST(history_usage_errors) {
  tu_out o = tu_run((const char *[]){"history", "--limit", "0", NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "--limit 0: expected a whole number from 1 to 10000");
  tu_done(&o);
  o = tu_run((const char *[]){"history", "--format", "csv", NULL});
  ck_assert_int_eq(o.code, 2);
  tu_done(&o);
  o = tu_run((const char *[]){"history", "--db", NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "--db needs a value");
  tu_done(&o);
  o = tu_run((const char *[]){"history", "--db", dbpath, NULL});
  ck_assert_int_eq(o.code, 2);
  HAS(o.err, "no history database there");
  tu_done(&o);
  ck_assert_int_eq(access(dbpath, F_OK), -1);                       /* history never creates one */
}
END_TEST

int main(void) {
  Suite *su = suite_create("history");
  TCase *tc = tcase_create("history");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, empty_file_gets_the_schema_privately);
  tcase_add_test(tc, hostile_strings_round_trip_exactly);
  tcase_add_test(tc, killed_writer_leaves_the_database_as_it_was);
  tcase_add_test(tc, concurrent_writers_all_land);
  tcase_add_test(tc, foreign_and_newer_files_are_refused_untouched);
  tcase_add_test(tc, list_orders_filters_and_trends);
  tcase_add_test(tc, audit_db_records_and_history_shows_trends);
  tcase_add_test(tc, history_is_opt_in_and_defaults_under_the_data_dir);
  tcase_add_test(tc, bad_database_keeps_the_report);
  tcase_add_test(tc, hostile_account_is_escaped_in_text_and_exact_in_json);
  tcase_add_test(tc, killed_audit_records_nothing);
  tcase_add_test(tc, history_usage_errors);
  suite_add_tcase(su, tc);
  return tu_run_suite(su);
}
