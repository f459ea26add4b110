/*
 * history.c -- the scan history in SQLite (history.h; tables in docs/history.md).
 *
 * Journal: SQLite's default rollback journal (DELETE mode), not WAL.  The
 * default database lives in the user's home, which on many company machines
 * is NFS, where WAL's shared-memory index is unsafe (sqlite.org/wal.html);
 * the rollback journal works on any file system, keeps the database one file
 * at rest (easy to copy into an evidence folder), and writers are a few cron
 * runs a day, so WAL's reader/writer concurrency buys nothing.  Either way a
 * transaction is atomic: a killed writer leaves a hot journal that the next
 * connection plays back.
 *
 * Every statement is a constant string; values are bound, never spliced in.
 */
#include "store/history.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ca_limits.h"
#include "results/results.h"
#include "util/fsutil.h"

struct ca_history {
  sqlite3 *db;
  char path[PATH_MAX];
  int empty;        /* opened read-only on an empty file: no tables, no scans */
};

/* The statuses results.json counts (ca_statuses, its order); scans and
 * controls have a column for each. */
#define NSTATUS CA_NSTATUSES
/* Control statuses the trend counts (results.c's control_names, worst first). */
static const char *const control_statuses[] = {"failing", "unknown", "manual", "passing"};
#define NCONTROL 4

/* Schema migrations: migrations[v] takes a database from user_version v to
 * v + 1, inside the transaction that checked v.  Append, never edit: a file
 * at version v has already run migrations[0..v-1]. */
static const char *const migrations[CA_HISTORY_VERSION] = {
  /* 0 -> 1: an empty file gets the first schema. */
  "PRAGMA application_id = 1128351812;"   /* CA_HISTORY_APP_ID, 0x43414844 */
  "CREATE TABLE scans ("
  "  id INTEGER PRIMARY KEY,"
  "  generated_at TEXT NOT NULL,"
  "  account_id TEXT NOT NULL,"
  "  regions TEXT NOT NULL,"              /* JSON array */
  "  snapshot_sha256 TEXT NOT NULL,"
  "  collected_at TEXT NOT NULL,"
  "  tool_version TEXT NOT NULL,"
  "  packs TEXT NOT NULL,"                /* JSON [{name, version, framework, sha256}] */
  "  findings INTEGER NOT NULL,"
  "  pass INTEGER NOT NULL, fail INTEGER NOT NULL, error INTEGER NOT NULL,"
  "  manual INTEGER NOT NULL, skipped INTEGER NOT NULL, waived INTEGER NOT NULL,"
  "  fail_critical INTEGER NOT NULL, fail_high INTEGER NOT NULL, fail_medium INTEGER NOT NULL,"
  "  fail_low INTEGER NOT NULL, fail_info INTEGER NOT NULL,"
  "  by_severity TEXT NOT NULL"           /* JSON: summary.by_severity, every status */
  ");"
  "CREATE INDEX scans_by_account ON scans(account_id, generated_at, id);"
  "CREATE TABLE findings ("             /* a rowid table: rows of ~1 KiB overflow a WITHOUT ROWID b-tree */
  "  id INTEGER PRIMARY KEY,"
  "  scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,"
  "  seq INTEGER NOT NULL,"               /* index in results.json findings[] */
  "  rule_id TEXT NOT NULL, title TEXT NOT NULL, pack TEXT NOT NULL,"
  "  status TEXT NOT NULL, severity TEXT NOT NULL,"
  "  resource_arn TEXT NOT NULL, resource_type TEXT NOT NULL,"
  "  resource_name TEXT NOT NULL, resource_region TEXT NOT NULL,"
  "  controls TEXT NOT NULL,"             /* JSON [{framework, id}] */
  "  message TEXT NOT NULL,"
  "  evidence TEXT NOT NULL,"             /* JSON [{path, observed, expected}] */
  "  waiver TEXT,"                        /* JSON {reason, approved_by, expires} or NULL */
  "  UNIQUE (scan_id, seq)"
  ");"
  "CREATE INDEX findings_by_rule ON findings(rule_id, resource_arn);"
  "CREATE TABLE controls ("
  "  scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,"
  "  framework TEXT NOT NULL, control_id TEXT NOT NULL,"
  "  status TEXT NOT NULL,"               /* failing | unknown | manual | passing | not_applicable */
  "  pass INTEGER NOT NULL, fail INTEGER NOT NULL, error INTEGER NOT NULL,"
  "  manual INTEGER NOT NULL, skipped INTEGER NOT NULL, waived INTEGER NOT NULL,"
  "  PRIMARY KEY (scan_id, framework, control_id)"
  ") WITHOUT ROWID;"
  "PRAGMA user_version = 1;",
};

/* An SQLite failure as a ca_err.  The file's own faults are input errors the
 * user must act on (another --db); everything else is the environment. */
static int sql_fail(sqlite3 *db, const char *path, int rc, const char *doing, ca_err *err) {
  int prim = rc & 0xff;
  int code = (prim == SQLITE_NOTADB || prim == SQLITE_CORRUPT) ? CA_EXIT_USAGE : CA_EXIT_RUN;
  const char *msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  if (prim == SQLITE_NOTADB)
    return ca_errf(err, code, "%s: not a connect-auditor history database (SQLite: %s)", path, msg);
  if (prim == SQLITE_BUSY)
    return ca_errf(err, code, "%s: %s: still locked by another connect-auditor after %d s (%s)", path, doing,
                   CA_HISTORY_BUSY_MS / 1000, msg);
  return ca_errf(err, code, "%s: %s: %s", path, doing, msg);
}

int ca_history_default_path(char *out, size_t n, ca_err *err) {
  const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
  int w;
  if (xdg && xdg[0] == '/')
    w = snprintf(out, n, "%s/connect-auditor/history.db", xdg);
  else if (home && home[0])
    w = snprintf(out, n, "%s/.local/share/connect-auditor/history.db", home);
  else
    return ca_errf(err, CA_EXIT_USAGE, "no default history database: neither XDG_DATA_HOME nor HOME is set (give --db FILE)");
  if (w < 0 || (size_t)w >= n) return ca_errf(err, CA_EXIT_USAGE, "default history database path is too long");
  return 0;
}

/* One-row integer query (a PRAGMA or a count). */
static int query_int(ca_history *h, const char *sql, long long *v, ca_err *err) {
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(h->db, sql, -1, &st, NULL);
  if (rc == SQLITE_OK) rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    *v = sqlite3_column_int64(st, 0);
    rc = SQLITE_OK;
  }
  if (rc != SQLITE_OK) sql_fail(h->db, h->path, rc, "reading the schema", err);
  sqlite3_finalize(st);
  return rc == SQLITE_OK ? 0 : -1;
}

/* 1 if the schema is current, 0 if migrations are due, -1 (err) if the file
 * is not ours or is newer. */
static int schema_state(ca_history *h, ca_err *err) {
  long long app, ver, objects;
  if (query_int(h, "PRAGMA application_id", &app, err) || query_int(h, "PRAGMA user_version", &ver, err) ||
      query_int(h, "SELECT count(*) FROM sqlite_master", &objects, err))
    return -1;
  if (app != CA_HISTORY_APP_ID && (app != 0 || ver != 0 || objects != 0))
    return ca_errf(err, CA_EXIT_USAGE, "%s: an SQLite database, but not a connect-auditor history "
                   "(application_id %lld, user_version %lld, %lld schema objects); give another --db", h->path, app, ver, objects);
  if (ver > CA_HISTORY_VERSION)
    return ca_errf(err, CA_EXIT_USAGE, "%s: history schema version %lld is newer than this connect-auditor "
                   "understands (%d); use a newer connect-auditor, or another --db", h->path, ver, CA_HISTORY_VERSION);
  return ver == CA_HISTORY_VERSION;
}

static int migrate(ca_history *h, ca_err *err) {
  int state = schema_state(h, err);
  if (state) return state < 0 ? -1 : 0;
  /* Checked again under the write lock: another process may have migrated
   * between our read and the lock. */
  int rc = sqlite3_exec(h->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK) return sql_fail(h->db, h->path, rc, "locking for the schema upgrade", err);
  long long ver = 0;
  state = schema_state(h, err);
  if (state == 0 && !query_int(h, "PRAGMA user_version", &ver, err)) {
    for (long long v = ver; v < CA_HISTORY_VERSION; v++) {
      rc = sqlite3_exec(h->db, migrations[v], NULL, NULL, NULL);
      if (rc != SQLITE_OK) {
        sql_fail(h->db, h->path, rc, "creating the history tables", err);
        break;
      }
    }
  }
  if (!err->code && (rc = sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK)
    sql_fail(h->db, h->path, rc, "committing the schema", err);
  if (err->code) sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
  return err->code ? -1 : 0;
}

/* Opened read-only: a current schema is read as it is, an empty file is an
 * empty history, an older schema waits for the next audit to upgrade it. */
static int read_only_state(ca_history *h, ca_err *err) {
  long long ver = 0, objects = 0;
  int state = schema_state(h, err);
  if (state) return state < 0 ? -1 : 0;
  if (query_int(h, "PRAGMA user_version", &ver, err) || query_int(h, "SELECT count(*) FROM sqlite_master", &objects, err))
    return -1;
  if (objects == 0 && ver == 0) {
    h->empty = 1;
    return 0;
  }
  return ca_errf(err, CA_EXIT_USAGE, "%s: history schema version %lld is older than this connect-auditor's (%d); "
                 "the next 'audit --db %s' upgrades it (reading it does not)", h->path, ver, CA_HISTORY_VERSION, h->path);
}

/* Creates the file with owner-only permissions before SQLite sees it: the
 * findings describe a contact center's security gaps.  (SQLite gives its
 * journal the database file's mode.) */
static int create_private(const char *path, ca_err *err) {
  char dir[PATH_MAX];
  snprintf(dir, sizeof dir, "%s", path);
  char *slash = strrchr(dir, '/');
  if (slash && slash != dir) {
    *slash = '\0';
    if (ca_mkdirs(dir, err)) return -1;
  }
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST) return ca_errf(err, CA_EXIT_RUN, "%s: cannot create: %s", path, strerror(errno));
  if (fd >= 0) close(fd);
  return 0;
}

int ca_history_open(const char *path, int create, ca_history **out, ca_err *err) {
  *out = NULL;
  ca_history *h = calloc(1, sizeof *h);
  if (!h) return ca_errf(err, CA_EXIT_RUN, "out of memory");
  if (strlen(path) >= sizeof h->path) {
    ca_errf(err, CA_EXIT_USAGE, "%.64s...: path too long", path);
    goto done;
  }
  snprintf(h->path, sizeof h->path, "%s", path);
  struct stat sb;
  if (stat(path, &sb) != 0) {
    if (!create) {
      ca_errf(err, CA_EXIT_USAGE, "%s: no history database there (audit --db FILE or --history records one)", path);
      goto done;
    }
    if (create_private(path, err)) goto done;
  } else if (!S_ISREG(sb.st_mode)) {
    ca_errf(err, CA_EXIT_USAGE, "%s: not a file", path);
    goto done;
  }
  /* Reading the history never writes it: no schema is given to an empty file
   * (history --db EMPTY_FILE), none is upgraded. */
  int rc = sqlite3_open_v2(path, &h->db, create ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK && !create &&
      sqlite3_exec(h->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) == SQLITE_READONLY &&
      sqlite3_extended_errcode(h->db) == SQLITE_READONLY_ROLLBACK) {
    /* A killed writer's hot journal: only a read-write connection can roll
     * it back, which gives the file back as it was before that write. */
    sqlite3_close(h->db);
    h->db = NULL;
    rc = sqlite3_open_v2(path, &h->db, SQLITE_OPEN_READWRITE, NULL);
  }
  if (rc != SQLITE_OK) {
    sql_fail(h->db, path, rc, "opening", err);
    goto done;
  }
  sqlite3_extended_result_codes(h->db, 1);
  sqlite3_busy_timeout(h->db, CA_HISTORY_BUSY_MS);
  /* The file may come from elsewhere: no schema tricks (writable_schema,
   * functions called from triggers or views). */
  sqlite3_db_config(h->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config(h->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  rc = sqlite3_exec(h->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  if (rc != SQLITE_OK) {
    sql_fail(h->db, path, rc, "configuring", err);
    goto done;
  }
  if (create ? migrate(h, err) : read_only_state(h, err)) goto done;
  *out = h;
  h = NULL;
done:
  ca_history_close(h);
  return *out ? 0 : -1;
}

void ca_history_close(ca_history *h) {
  if (!h) return;
  sqlite3_close(h->db);
  free(h);
}

/* ---- recording ---- */

static const char *str_or(const cJSON *o, const char *k, const char *dflt) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : dflt;
}

static long long count_of(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsNumber(v) ? (long long)v->valuedouble : 0;
}

/* Binds a JSON value as its compact text (a fresh string the statement owns). */
static int bind_json(sqlite3_stmt *st, int col, const cJSON *v, int nullable) {
  if (!v || (nullable && cJSON_IsNull(v))) return sqlite3_bind_null(st, col);
  char *t = cJSON_PrintUnformatted(v);
  if (!t) return SQLITE_NOMEM;
  return sqlite3_bind_text(st, col, t, -1, cJSON_free);
}

static int bind_str(sqlite3_stmt *st, int col, const char *s) {
  return sqlite3_bind_text(st, col, s ? s : "", -1, SQLITE_TRANSIENT);
}

/* Steps an INSERT and readies it for the next row. */
static int step_insert(sqlite3_stmt *st) {
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int insert_scan(sqlite3 *db, const cJSON *r, long long *id) {
  static const char sql[] =
    "INSERT INTO scans (generated_at, account_id, regions, snapshot_sha256, collected_at, tool_version, packs,"
    " findings, pass, fail, error, manual, skipped, waived,"
    " fail_critical, fail_high, fail_medium, fail_low, fail_info, by_severity)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)";
  const cJSON *snap = cJSON_GetObjectItemCaseSensitive(r, "snapshot");
  const cJSON *sum = cJSON_GetObjectItemCaseSensitive(r, "summary");
  const cJSON *by_status = cJSON_GetObjectItemCaseSensitive(sum, "by_status");
  const cJSON *by_sev = cJSON_GetObjectItemCaseSensitive(sum, "by_severity");
  cJSON *packs = cJSON_CreateArray();       /* the identity of each pack, not its parameters */
  const cJSON *p;
  cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(r, "packs")) {
    cJSON *e = cJSON_CreateObject();
    static const char *const keys[] = {"name", "version", "framework", "sha256"};
    for (int k = 0; k < 4; k++) cJSON_AddStringToObject(e, keys[k], str_or(p, keys[k], ""));
    cJSON_AddItemToArray(packs, e);
  }
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
  if (rc == SQLITE_OK) {
    bind_str(st, 1, str_or(r, "generated_at", ""));
    bind_str(st, 2, str_or(snap, "account_id", ""));
    const cJSON *regions = cJSON_GetObjectItemCaseSensitive(snap, "regions");
    cJSON *none = regions ? NULL : cJSON_CreateArray();
    bind_json(st, 3, regions ? regions : none, 0);
    cJSON_Delete(none);
    bind_str(st, 4, str_or(snap, "sha256", ""));
    bind_str(st, 5, str_or(snap, "collected_at", ""));
    bind_str(st, 6, str_or(cJSON_GetObjectItemCaseSensitive(r, "tool"), "version", ""));
    bind_json(st, 7, packs, 0);
    sqlite3_bind_int64(st, 8, count_of(sum, "findings"));
    for (int i = 0; i < NSTATUS; i++) sqlite3_bind_int64(st, 9 + i, count_of(by_status, ca_statuses[i]));
    for (int i = 0; ca_severities[i]; i++)
      sqlite3_bind_int64(st, 15 + i, count_of(cJSON_GetObjectItemCaseSensitive(by_sev, ca_severities[i]), "fail"));
    cJSON *empty = by_sev ? NULL : cJSON_CreateObject();
    rc = bind_json(st, 20, by_sev ? by_sev : empty, 0);
    cJSON_Delete(empty);
    if (rc == SQLITE_OK) rc = step_insert(st);
  }
  sqlite3_finalize(st);
  cJSON_Delete(packs);
  *id = sqlite3_last_insert_rowid(db);
  return rc;
}

/* The test hook of history.h: 0 when unset. */
static long pause_at(void) {
  const char *s = getenv("CA_TEST_HISTORY_PAUSE_AT");
  return s ? strtol(s, NULL, 10) : 0;
}

static int insert_findings(sqlite3 *db, long long scan, const cJSON *findings) {
  static const char sql[] =
    "INSERT INTO findings (scan_id, seq, rule_id, title, pack, status, severity, resource_arn, resource_type,"
    " resource_name, resource_region, controls, message, evidence, waiver)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)";
  static const char *const text_cols[] = {"rule_id", "title", "pack", "status", "severity"};
  static const char *const res_cols[] = {"arn", "type", "name", "region"};
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
  long seq = 0, stop = pause_at();
  const cJSON *f;
  cJSON_ArrayForEach(f, findings) {
    if (rc != SQLITE_OK) break;
    const cJSON *res = cJSON_GetObjectItemCaseSensitive(f, "resource");
    sqlite3_bind_int64(st, 1, scan);
    sqlite3_bind_int64(st, 2, seq);
    for (int i = 0; i < 5; i++) bind_str(st, 3 + i, str_or(f, text_cols[i], ""));
    for (int i = 0; i < 4; i++) bind_str(st, 8 + i, str_or(res, res_cols[i], ""));
    const cJSON *controls = cJSON_GetObjectItemCaseSensitive(f, "controls");
    const cJSON *evidence = cJSON_GetObjectItemCaseSensitive(f, "evidence");
    cJSON *empty = (!controls || !evidence) ? cJSON_CreateArray() : NULL;
    rc = bind_json(st, 12, controls ? controls : empty, 0);
    if (rc == SQLITE_OK) rc = bind_str(st, 13, str_or(f, "message", ""));
    if (rc == SQLITE_OK) rc = bind_json(st, 14, evidence ? evidence : empty, 0);
    if (rc == SQLITE_OK) rc = bind_json(st, 15, cJSON_GetObjectItemCaseSensitive(f, "waiver"), 1);
    cJSON_Delete(empty);
    if (rc == SQLITE_OK) rc = step_insert(st);
    if (++seq == stop) raise(SIGSTOP);
  }
  sqlite3_finalize(st);
  return rc;
}

static int insert_controls(sqlite3 *db, long long scan, const cJSON *frameworks) {
  static const char sql[] =
    "INSERT INTO controls (scan_id, framework, control_id, status, pass, fail, error, manual, skipped, waived)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
  const cJSON *fw;
  cJSON_ArrayForEach(fw, frameworks) {
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(fw, "controls")) {
      if (rc != SQLITE_OK) break;
      const cJSON *counts = cJSON_GetObjectItemCaseSensitive(c, "findings");
      sqlite3_bind_int64(st, 1, scan);
      bind_str(st, 2, fw->string);
      bind_str(st, 3, str_or(c, "id", ""));
      bind_str(st, 4, str_or(c, "status", ""));
      for (int i = 0; i < NSTATUS; i++) sqlite3_bind_int64(st, 5 + i, count_of(counts, ca_statuses[i]));
      rc = step_insert(st);
    }
  }
  sqlite3_finalize(st);
  return rc;
}

int ca_history_record(ca_history *h, const cJSON *results, long long *scan_id, ca_err *err) {
  const cJSON *schema = cJSON_GetObjectItemCaseSensitive(results, "schema");
  if (!cJSON_IsString(schema) || strcmp(schema->valuestring, CA_RESULTS_SCHEMA))
    return ca_errf(err, CA_EXIT_USAGE, "only %s documents can be recorded", CA_RESULTS_SCHEMA);
  const char *doing = "starting the transaction";
  int rc = sqlite3_exec(h->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  long long id = 0;
  if (rc == SQLITE_OK) {
    doing = "recording the scan";
    rc = insert_scan(h->db, results, &id);
  }
  if (rc == SQLITE_OK) {
    doing = "recording the findings";
    rc = insert_findings(h->db, id, cJSON_GetObjectItemCaseSensitive(results, "findings"));
  }
  if (rc == SQLITE_OK) {
    doing = "recording the controls";
    const cJSON *sum = cJSON_GetObjectItemCaseSensitive(results, "summary");
    rc = insert_controls(h->db, id, cJSON_GetObjectItemCaseSensitive(sum, "frameworks"));
  }
  if (rc == SQLITE_OK) {
    doing = "committing";
    rc = sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL);
  }
  if (rc != SQLITE_OK) {
    sql_fail(h->db, h->path, rc, doing, err);   /* the message before ROLLBACK replaces it */
    if (!sqlite3_get_autocommit(h->db)) sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
  }
  *scan_id = id;
  return 0;
}

int ca_history_find(ca_history *h, const cJSON *results, long long *scan_id, ca_err *err) {
  static const char sql[] =
    "SELECT id FROM scans WHERE generated_at = ?1 AND account_id = ?2 AND snapshot_sha256 = ?3 ORDER BY id LIMIT 1";
  const cJSON *snap = cJSON_GetObjectItemCaseSensitive(results, "snapshot");
  *scan_id = 0;
  if (h->empty) return 0;
  sqlite3_stmt *st = NULL;
  int rc = sqlite3_prepare_v2(h->db, sql, -1, &st, NULL);
  if (rc == SQLITE_OK) {
    bind_str(st, 1, str_or(results, "generated_at", ""));
    bind_str(st, 2, str_or(snap, "account_id", ""));
    bind_str(st, 3, str_or(snap, "sha256", ""));
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *scan_id = sqlite3_column_int64(st, 0);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) rc = SQLITE_OK;
  }
  sqlite3_finalize(st);
  return rc == SQLITE_OK ? 0 : sql_fail(h->db, h->path, rc, "looking for a recorded scan", err);
}

/* ---- listing ---- */

/* Controls per framework and status (control_statuses) of one scan:
 * {framework: [n per status]}, every framework with a control in it --
 * built-in or declared by a pack (docs/policies.md). */
static int framework_counts(sqlite3_stmt *st, long long scan, cJSON **out) {
  *out = cJSON_CreateObject();
  if (!*out) return SQLITE_NOMEM;
  sqlite3_bind_int64(st, 1, scan);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const char *fw = (const char *)sqlite3_column_text(st, 0), *status = (const char *)sqlite3_column_text(st, 1);
    if (!fw) continue;
    cJSON *n = cJSON_GetObjectItemCaseSensitive(*out, fw);
    if (!n) {
      n = cJSON_AddArrayToObject(*out, fw);
      for (int s = 0; n && s < NCONTROL; s++) cJSON_AddItemToArray(n, cJSON_CreateNumber(0));
    }
    for (int s = 0; n && s < NCONTROL; s++)
      if (status && !strcmp(status, control_statuses[s]))
        cJSON_SetNumberValue(cJSON_GetArrayItem(n, s), (double)sqlite3_column_int64(st, 2));
  }
  sqlite3_reset(st);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static double nth(const cJSON *counts, const char *fw, int s) {
  const cJSON *v = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(counts, fw), s);
  return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

static int cmp_fw(const void *a, const void *b) { return ca_framework_cmp(*(const char *const *)a, *(const char *const *)b); }

/* A JSON text column back as JSON; null if it does not parse (a hand-edited file). */
static cJSON *json_column(sqlite3_stmt *st, int col) {
  const char *t = (const char *)sqlite3_column_text(st, col);
  cJSON *v = t ? cJSON_ParseWithLength(t, (size_t)sqlite3_column_bytes(st, col)) : NULL;
  return v ? v : cJSON_CreateNull();
}

static const char *text_column(sqlite3_stmt *st, int col) {
  const char *t = (const char *)sqlite3_column_text(st, col);
  return t ? t : "";
}

int ca_history_list(ca_history *h, const char *account, int limit, cJSON **out, ca_err *err) {
  if (h->empty) {
    *out = cJSON_CreateArray();
    return *out ? 0 : ca_errf(err, CA_EXIT_RUN, "out of memory");
  }
  /* previous: the same account's scan just before in (generated_at, id) order. */
  static const char scans_sql[] =
    "SELECT id, generated_at, account_id, regions, collected_at, snapshot_sha256, tool_version, packs, findings,"
    " pass, fail, error, manual, skipped, waived, fail_critical, fail_high, fail_medium, fail_low, fail_info,"
    " (SELECT p.id FROM scans p WHERE p.account_id = s.account_id"
    "   AND (p.generated_at < s.generated_at OR (p.generated_at = s.generated_at AND p.id < s.id))"
    "   ORDER BY p.generated_at DESC, p.id DESC LIMIT 1)"
    " FROM scans s WHERE ?1 IS NULL OR s.account_id = ?1"
    " ORDER BY s.generated_at DESC, s.id DESC LIMIT ?2";
  static const char fw_sql[] =
    "SELECT framework, status, count(*) FROM controls WHERE scan_id = ?1 GROUP BY framework, status";
  sqlite3_stmt *st = NULL, *fst = NULL;
  cJSON *list = cJSON_CreateArray();
  *out = NULL;
  int rc = sqlite3_prepare_v2(h->db, scans_sql, -1, &st, NULL);
  if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(h->db, fw_sql, -1, &fst, NULL);
  if (rc == SQLITE_OK) {
    if (account) sqlite3_bind_text(st, 1, account, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, limit);
  }
  /* The scans and their controls are read in one read transaction, so a
   * writer committing meanwhile cannot make the trend compare torn states. */
  if (rc == SQLITE_OK) rc = sqlite3_exec(h->db, "BEGIN", NULL, NULL, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    rc = SQLITE_OK;
    cJSON *e = cJSON_CreateObject();
    cJSON_AddItemToArray(list, e);
    long long id = sqlite3_column_int64(st, 0);
    cJSON_AddNumberToObject(e, "id", (double)id);
    cJSON_AddStringToObject(e, "generated_at", text_column(st, 1));
    cJSON_AddStringToObject(e, "account_id", text_column(st, 2));
    cJSON_AddItemToObject(e, "regions", json_column(st, 3));
    cJSON_AddStringToObject(e, "collected_at", text_column(st, 4));
    cJSON_AddStringToObject(e, "snapshot_sha256", text_column(st, 5));
    cJSON_AddStringToObject(e, "tool_version", text_column(st, 6));
    cJSON_AddItemToObject(e, "packs", json_column(st, 7));
    cJSON_AddNumberToObject(e, "findings", (double)sqlite3_column_int64(st, 8));
    cJSON *bs = cJSON_AddObjectToObject(e, "by_status");
    for (int i = 0; i < NSTATUS; i++) cJSON_AddNumberToObject(bs, ca_statuses[i], (double)sqlite3_column_int64(st, 9 + i));
    cJSON *fs = cJSON_AddObjectToObject(e, "failing_by_severity");
    for (int i = 0; ca_severities[i]; i++)
      cJSON_AddNumberToObject(fs, ca_severities[i], (double)sqlite3_column_int64(st, 15 + i));
    int has_prev = sqlite3_column_type(st, 20) != SQLITE_NULL;
    long long prev = sqlite3_column_int64(st, 20);
    if (has_prev) cJSON_AddNumberToObject(e, "previous", (double)prev);
    else cJSON_AddNullToObject(e, "previous");
    cJSON *now = NULL, *before = NULL;
    rc = framework_counts(fst, id, &now);
    if (rc == SQLITE_OK && has_prev) rc = framework_counts(fst, prev, &before);
    /* the frameworks of either scan, in the order reports list them */
    const char *names[2 * CA_MAX_FRAMEWORKS];
    int nn = 0;
    for (const cJSON *x = now ? now->child : NULL; x && nn < CA_MAX_FRAMEWORKS; x = x->next) names[nn++] = x->string;
    for (const cJSON *x = before ? before->child : NULL; x && nn < 2 * CA_MAX_FRAMEWORKS; x = x->next)
      if (!cJSON_GetObjectItemCaseSensitive(now, x->string)) names[nn++] = x->string;
    qsort(names, (size_t)nn, sizeof *names, cmp_fw);
    cJSON *fws = cJSON_AddObjectToObject(e, "frameworks");
    for (int f = 0; rc == SQLITE_OK && f < nn; f++) {
      cJSON *o = cJSON_AddObjectToObject(fws, names[f]);
      for (int s = 0; s < NCONTROL; s++) cJSON_AddNumberToObject(o, control_statuses[s], nth(now, names[f], s));
      if (has_prev) cJSON_AddNumberToObject(o, "failing_change", nth(now, names[f], 0) - nth(before, names[f], 0));
      else cJSON_AddNullToObject(o, "failing_change");
    }
    cJSON_Delete(now);
    cJSON_Delete(before);
    if (rc != SQLITE_OK) break;
  }
  if (rc == SQLITE_DONE) rc = SQLITE_OK;
  if (rc != SQLITE_OK) sql_fail(h->db, h->path, rc, "reading the history", err);
  if (!sqlite3_get_autocommit(h->db)) sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL);
  sqlite3_finalize(st);
  sqlite3_finalize(fst);
  if (rc != SQLITE_OK) {
    cJSON_Delete(list);
    return -1;
  }
  *out = list;
  return 0;
}
