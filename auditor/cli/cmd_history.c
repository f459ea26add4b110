/* connect-auditor history [--db FILE] [--account ID] [--limit N] [--format text|json]
 * and the recording half of `audit --db FILE | --history` (docs/history.md). */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "ca_limits.h"
#include "cli/cli.h"
#include "store/history.h"

static const char usage[] =
  "connect-auditor history [--db FILE] [--account ID] [--limit N] [--format text|json]";

static const char help[] =
  "Lists the recorded scans, newest first, with their counts and, per framework,\n"
  "the failing controls and their change since the account's previous scan.\n\n"
  "  --db FILE          the history database (default $XDG_DATA_HOME/connect-auditor/history.db,\n"
  "                     else ~/.local/share/connect-auditor/history.db)\n"
  "  --account ID       only this AWS account's scans\n"
  "  --limit N          at most N scans (default 20, at most 10000)\n"
  "  --format text|json text (default) or JSON (connect-auditor/history/v1)\n\n"
  "'audit --db FILE' or 'audit --history' records an audit.\n";

#define HISTORY_SCHEMA "connect-auditor/history/v1"

/* A string from the database on a terminal, padded to width: account IDs
 * come from a customer's snapshot, so control characters are shown as \xNN
 * (C1 ones as \u00NN), not obeyed (a backslash too, so the escape cannot be forged). */
static void put_col(const char *s, int width) {
  int n = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p < 0x20 || *p == 0x7f || *p == '\\') n += printf("\\x%02x", *p);
    else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) n += printf("\\u%04x", *++p);  /* C1: CSI is U+009B */
    else n += putchar(*p) != EOF;
  }
  printf("%*s", n < width ? width - n : 0, "");
}

static long long num(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsNumber(v) ? (long long)v->valuedouble : 0;
}

static const char *str(const cJSON *o, const char *k) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : "";
}

static void print_text(const cJSON *scans) {
  printf("%5s  %-20s  %-12s  %8s %5s %5s %5s %6s %7s %6s  %s\n", "SCAN", "GENERATED", "ACCOUNT", "FINDINGS", "PASS",
         "FAIL", "ERROR", "MANUAL", "SKIPPED", "WAIVED", "FAILING CONTROLS (change since the account's previous scan)");
  const cJSON *s;
  cJSON_ArrayForEach(s, scans) {
    const cJSON *bs = cJSON_GetObjectItemCaseSensitive(s, "by_status");
    printf("%5lld  ", num(s, "id"));
    put_col(str(s, "generated_at"), 22);
    put_col(str(s, "account_id"), 14);
    printf("%8lld %5lld %5lld %5lld %6lld %7lld %6lld ", num(s, "findings"), num(bs, "pass"), num(bs, "fail"),
           num(bs, "error"), num(bs, "manual"), num(bs, "skipped"), num(bs, "waived"));
    const cJSON *fw;
    const char *sep = " ";
    cJSON_ArrayForEach(fw, cJSON_GetObjectItemCaseSensitive(s, "frameworks")) {
      const cJSON *ch = cJSON_GetObjectItemCaseSensitive(fw, "failing_change");
      printf("%s%s %lld", sep, fw->string, num(fw, "failing"));
      if (!cJSON_IsNumber(ch)) printf(" (first)");
      else if (ch->valuedouble == 0) printf(" (=)");
      else printf(" (%+lld)", (long long)ch->valuedouble);
      sep = ", ";
    }
    printf("\n");
  }
}

int cmd_history(int argc, char **argv) {
  const char *db = NULL, *account = NULL, *format = "text";
  int limit = CA_HISTORY_DEFAULT_ROWS;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      printf("usage: %s\n\n%s", usage, help);
      return CA_EXIT_OK;
    }
    if (strcmp(a, "--db") && strcmp(a, "--account") && strcmp(a, "--limit") && strcmp(a, "--format"))
      return cli_usage(usage, a[0] == '-' ? "unknown option %s" : "unexpected argument %s", a);
    if (!v) return cli_usage(usage, "%s needs a value", a);
    i++;
    if (!strcmp(a, "--db")) {
      db = v;
    } else if (!strcmp(a, "--account")) {
      account = v;
    } else if (!strcmp(a, "--limit")) {
      double d = cli_number(v);
      if (d < 1 || d > CA_MAX_HISTORY_ROWS || d != (int)d)
        return cli_usage(usage, "--limit %s: expected a whole number from 1 to %d", v, CA_MAX_HISTORY_ROWS);
      limit = (int)d;
    } else if (strcmp(v, "text") && strcmp(v, "json")) {
      return cli_usage(usage, "--format %s: expected text or json", v);
    } else {
      format = v;
    }
  }
  ca_err err = {0};
  char path[PATH_MAX];
  ca_history *h = NULL;
  cJSON *scans = NULL;
  if (!db) {
    if (ca_history_default_path(path, sizeof path, &err)) goto done;
    db = path;
  }
  if (ca_history_open(db, 0, &h, &err) || ca_history_list(h, account, limit, &scans, &err)) goto done;
  if (!strcmp(format, "json")) {
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddStringToObject(doc, "schema", HISTORY_SCHEMA);
    cJSON_AddItemToObject(doc, "scans", scans);
    scans = NULL;
    char *t = cJSON_Print(doc);
    cJSON_Delete(doc);
    if (!t) {
      ca_errf(&err, CA_EXIT_RUN, "out of memory printing the history");
      goto done;
    }
    printf("%s\n", t);
    cJSON_free(t);
  } else if (cJSON_GetArraySize(scans) == 0) {
    fprintf(stderr, "connect-auditor: %s: no scans recorded%s\n", db, account ? " for that account" : "");
  } else {
    print_text(scans);
  }
done:
  cJSON_Delete(scans);
  ca_history_close(h);
  return err.code ? cli_fail(&err) : CA_EXIT_OK;
}

int cli_history_record(const char *db, const cJSON *results, int quiet, ca_err *err) {
  char path[PATH_MAX];
  ca_history *h = NULL;
  long long id = 0;
  if (!db) {
    if (ca_history_default_path(path, sizeof path, err)) return -1;
    db = path;
  }
  int rc = ca_history_open(db, 1, &h, err) || ca_history_record(h, results, &id, err) ? -1 : 0;
  ca_history_close(h);
  if (!rc && !quiet) fprintf(stderr, "connect-auditor: recorded as scan %lld in %s\n", id, db);
  return rc;
}
