/*
 * connect-auditor -- policy-as-code compliance auditor for Amazon Connect.
 */
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "snapshot/snapshot.h"
#include "util/fsutil.h"

static const struct command {
  const char *name;
  int (*fn)(int argc, char **argv);
  const char *help;
} commands[] = {
  {"collect", cmd_collect, "snapshot a live Amazon Connect instance (collect --region R --instance ID|ALIAS|ARN -o FILE)"},
  {"import", cmd_import, "snapshot from a folder of AWS CLI outputs (import DIR -o FILE; docs/import.md)"},
  {"scan", cmd_scan, "collect + audit in one run, same options (scan --region R --instance X -o OUTDIR)"},
  {"audit", cmd_audit, "evaluate policy packs against a snapshot; write results.json"},
  {"report", cmd_report, "render a results.json again, in any format (report results.json --format html -o FILE)"},
  {"policy", cmd_policy, "list the rules, or run their tests (policy list | policy test [DIR])"},
  {"history", cmd_history, "list recorded scans with trends per framework (history [--db FILE])"},
  {"diff", cmd_diff, "what changed between two results.json, or stage drift between two snapshots"},
  {"verify", cmd_verify, "check a results.json (its digest; re-audit) against a snapshot and the packs, or a bundle"},
  {"merge", cmd_merge, "one estate report from many results.json (merge RESULTS.json|DIR... -o OUTDIR)"},
  {"bundle", cmd_bundle, "the evidence in one tar, with a SHA-256 manifest, signed (bundle DIR -o evidence.tar)"},
};

static void usage(FILE *out) {
  fprintf(out, "usage: connect-auditor <command> [options]\n\ncommands:\n");
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].help);
  fprintf(out, "\n'connect-auditor <command> --help' describes a command.\n"
               "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,\n"
               "2 usage or input error, 3 the run could not complete.\n");
}

int cli_fail(const ca_err *err) {
  fprintf(stderr, "connect-auditor: %s\n", err->msg);
  return err->code ? err->code : CA_EXIT_RUN;
}

int cli_usage(const char *u, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "connect-auditor: ");
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\nusage: %s\n", u);
  return CA_EXIT_USAGE;
}

int cli_now(long long *out, ca_err *err) {
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  *out = (long long)time(NULL);
  if (sde && *sde) {
    char *end;
    long long v = strtoll(sde, &end, 10);
    if (*end || v < 0 || v > 253402300799LL)
      return ca_errf(err, CA_EXIT_USAGE, "SOURCE_DATE_EPOCH=%s: expected seconds since 1970 as a whole number", sde);
    *out = v;
  }
  return 0;
}

int cli_write_snapshot(const char *output, cJSON *snap, int *nerr, ca_err *err) {
  char *text = cJSON_Print(snap);
  *nerr = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(snap, "errors"));
  cJSON_Delete(snap);
  if (!text) return ca_errf(err, CA_EXIT_RUN, "out of memory writing the snapshot");
  ca_snapshot *check = NULL;
  size_t len = strlen(text);
  int rc = ca_snapshot_parse(output, text, len, &check, err) || ca_write_atomic(output, text, len, err) ? -1 : 0;
  ca_snapshot_free(check);
  free(text);
  return rc;
}

double cli_number(const char *s) {
  char *end;
  double d = strtod(s, &end);
  return (*s && !*end && d >= 0 && d < 1e12) ? d : -1;
}

int cli_has_format(const ca_format *const *fmts, size_t n, const char *name) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(fmts[i]->name, name)) return 1;
  return 0;
}

int cli_formats(const char *list, const ca_format *out[CLI_MAX_FORMATS], size_t *n) {
  char buf[256];
  if (strlen(list) >= sizeof buf) return -1;
  strcpy(buf, list);
  for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
    const ca_format *f = ca_format_find(tok);
    if (!f) return -1;
    if (!cli_has_format(out, *n, tok) && *n < CLI_MAX_FORMATS) out[(*n)++] = f;
  }
  return *n ? 0 : -1;
}

int main(int argc, char **argv) {
  /* Large buffers (a file read whole, a rule's output, a report) are freed
   * once used, and the audit frees each rule's output as it reads it.  glibc
   * raises its mmap threshold to the size of every mapped block freed, so
   * after the snapshot's text the later buffers would come from the heap,
   * which keeps freed memory: a fixed threshold keeps each one mapped on its
   * own and gives it back (5k/750 audit: 207 -> 192 MiB peak RSS). */
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
  if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
    usage(argc < 2 ? stderr : stdout);
    return argc < 2 ? CA_EXIT_USAGE : CA_EXIT_OK;
  }
  if (!strcmp(argv[1], "--version")) {
    printf("connect-auditor %s\n", CA_VERSION);
    return CA_EXIT_OK;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (!strcmp(argv[1], commands[i].name)) return commands[i].fn(argc - 1, argv + 1);
  fprintf(stderr, "connect-auditor: '%s' is not a command\n", argv[1]);
  usage(stderr);
  return CA_EXIT_USAGE;
}
