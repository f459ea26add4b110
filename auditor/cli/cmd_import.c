/* import: a snapshot from a folder of AWS CLI outputs (docs/import.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "collect/import.h"

static const char usage[] = "connect-auditor import DIR [--allow-unused] [--quiet] -o snapshot.json";

static const char help[] =
  "Builds a snapshot (docs/snapshot.md) from a folder of `aws ... --output json` outputs\n"
  "(scripts/export-with-aws-cli writes one; the layout: docs/import.md), with the\n"
  "collector's own mapping: the same answers give the same snapshot as `collect`.\n\n"
  "  -o, --output FILE   the snapshot, written atomically\n"
  "  --allow-unused      list files import does not read instead of refusing them\n"
  "  --quiet             no progress lines\n\n"
  "SOURCE_DATE_EPOCH fixes collected_at.  Exit 0: snapshot written (the CLI's saved\n"
  "errors are in its errors[]); 2: a file is not JSON (FILE:LINE:COL), the folder has no\n"
  "connect/describe-instance.json, or holds files import did not read (a misspelt name).\n";

int cmd_import(int argc, char **argv) {
  const char *dir = NULL, *output = NULL;
  ca_import_opts io = {0};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      printf("usage: %s\n\n%s", usage, help);
      return CA_EXIT_OK;
    } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
      if (!v) return cli_usage(usage, "%s needs a value", a);
      output = v, i++;
    } else if (!strcmp(a, "--quiet")) {
      io.quiet = 1;
    } else if (!strcmp(a, "--allow-unused")) {
      io.allow_unused = 1;
    } else if (a[0] == '-' && a[1]) {
      return cli_usage(usage, "unknown option %s", a);
    } else if (dir) {
      return cli_usage(usage, "one folder only (%s, then %s)", dir, a);
    } else {
      dir = a;
    }
  }
  if (!dir) return cli_usage(usage, "which folder? (import DIR)");
  if (!output) return cli_usage(usage, "where should the snapshot go? (-o snapshot.json)");
  ca_err err = {0};
  if (cli_now(&io.now, &err)) return cli_usage(usage, "%s", err.msg);
  cJSON *snap = NULL;
  if (ca_import(dir, &io, &snap, &err)) return cli_fail(&err);
  int nerr;
  if (cli_write_snapshot(output, snap, &nerr, &err)) return cli_fail(&err);
  if (!io.quiet)
    fprintf(stderr, "connect-auditor: import: wrote %s from %s: %d failed call%s in errors[]\n", output, dir, nerr,
            nerr == 1 ? "" : "s");
  return CA_EXIT_OK;
}
