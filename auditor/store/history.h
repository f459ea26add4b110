/*
 * history.h -- the scan history (design.md: results.json ──▶ history.db):
 * every recorded audit in an SQLite file, for trends and, later, diffs.
 *
 * Recording reads only the results document (connect-auditor/results/v1),
 * so any results.json can be recorded, and it happens in ONE transaction:
 * after a crash (SIGKILL, power loss) the database holds every scan
 * committed before and nothing of the one being written (SQLite's rollback
 * journal is replayed by the next connection).  docs/history.md describes
 * the tables.
 */
#ifndef CA_HISTORY_H
#define CA_HISTORY_H
#include <stddef.h>
#include <cjson/cJSON.h>
#include "util/err.h"

/* Schema version kept in PRAGMA user_version; a file with a larger one was
 * written by a newer connect-auditor and is refused, never downgraded. */
#define CA_HISTORY_VERSION 1
/* PRAGMA application_id: marks the file as ours ("CAHD"), so `--db` pointed
 * at another program's SQLite file is refused instead of altered. */
#define CA_HISTORY_APP_ID 0x43414844

typedef struct ca_history ca_history;   /* one open database connection */

/* The default database: $XDG_DATA_HOME/connect-auditor/history.db (an
 * absolute XDG_DATA_HOME only, as the XDG spec says), else
 * $HOME/.local/share/connect-auditor/history.db.  Error if neither is set. */
int ca_history_default_path(char *out, size_t n, ca_err *err);

/* Opens path and brings its schema to CA_HISTORY_VERSION (an empty or new
 * file gets the whole schema).  create: make the file (mode 0600, folders
 * 0755) if absent; otherwise a missing file is an error.  Errors:
 * CA_EXIT_USAGE for a file that is not ours (not SQLite, another program's
 * database, a newer schema, corrupt), CA_EXIT_RUN for the environment
 * (locked past CA_HISTORY_BUSY_MS, disk full, unreadable).  *out is NULL on
 * error. */
int ca_history_open(const char *path, int create, ca_history **out, ca_err *err);
void ca_history_close(ca_history *h);   /* NULL is harmless */

/* Records one results document (scan, findings, controls) in one
 * transaction; *scan_id gets the new scan's id.  On error nothing of it is
 * kept.
 * Test hook: with CA_TEST_HISTORY_PAUSE_AT=N in the environment the writer
 * stops itself (SIGSTOP) after its Nth finding row, inside the transaction,
 * so a test can kill it there deterministically (tests/check_history.c). */
int ca_history_record(ca_history *h, const cJSON *results, long long *scan_id, ca_err *err);

/* The scan already recorded from this results document -- the same
 * generated_at, account and snapshot SHA-256: the same audit of the same
 * snapshot -- in *scan_id, or 0 when there is none (merge --db records each
 * input once, however often it is merged). */
int ca_history_find(ca_history *h, const cJSON *results, long long *scan_id, ca_err *err);

/* The newest scans first (by generated_at, then recording order), at most
 * limit, only account's if account is not NULL, as a JSON array the caller
 * deletes:
 *   [{id, generated_at, account_id, regions[], collected_at, snapshot_sha256,
 *     tool_version, packs[], findings, by_status{pass..waived},
 *     failing_by_severity{critical..info}, previous (id | null),
 *     frameworks: {"<name>": {failing, unknown, manual, passing,
 *                             failing_change (null for an account's first scan)}}}]
 * previous is the scan of the same account just before; frameworks lists
 * those with controls in the scan or its previous one, in the fixed order
 * PCI-DSS-4.0, HIPAA, PII, BASELINE. */
int ca_history_list(ca_history *h, const char *account, int limit, cJSON **out, ca_err *err);

#endif
