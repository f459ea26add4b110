/* scan: collect + audit in one run (design.md: "scan (collect + audit, same
 * options)").  The options are sorted into collect's and audit's and both
 * commands run as they are -- the same code paths, the same checks and
 * messages; nothing of either is copied here. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "results/vocab.h"
#include "util/fsutil.h"

static const char usage[] =
  "connect-auditor scan --region R --instance ID|ALIAS|ARN [--all-instances] [collect options]\n"
  "                     [-o OUTDIR] [--snapshot FILE] [audit options]\n"
  "       connect-auditor scan (--accounts FILE | --org-role NAME | --regions all|LIST) --all-instances\n"
  "                     [--shard K/N | --shard-from-env N] [-o OUTDIR] [collect and audit options]";

static const char help[] =
  "Collects a snapshot (as 'collect') and audits it (as 'audit') in one run.\n\n"
  "  -o, --output OUTDIR  where the snapshot and the reports go (default reports/out)\n"
  "  --snapshot FILE      the snapshot there instead of OUTDIR/snapshot.json\n"
  "  collect options:     --region, --instance, --all-instances, --profile, --role-arn,\n"
  "                       --rate, --burst, --max-attempts, --max-concurrency, --timeout, --connect-timeout\n"
  "                       (see 'collect --help')\n"
  "  audit options:       --pack, --policies, --params, --waivers, --attestations,\n"
  "                       --format, --fail-on, --jobs, --rule-timeout, --db, --history\n"
  "                       (see 'audit --help')\n"
  "  -q, --quiet          neither progress lines nor the summary\n\n"
  "Estates (docs/collect.md): every account, region and instance in one run, each\n"
  "instance's snapshot.json, results.json and reports in OUTDIR/ACCOUNT/REGION/INSTANCE/,\n"
  "and OUTDIR/scan-summary.json listing every unit with its outcome.\n"
  "  --accounts FILE      one account a line: ID [ROLE] ('#' comments); each entered with\n"
  "                       STS AssumeRole arn:PARTITION:iam::ID:role/ROLE from the credentials\n"
  "  --org-role NAME      the role for lines without one; without --accounts: every ACTIVE\n"
  "                       account of Organizations ListAccounts (management or delegated account)\n"
  "  --regions all|LIST   all: the regions Amazon Connect is in, less opt-in regions the account\n"
  "                       has not enabled (account:ListRegions); or a comma-separated list\n"
  "                       (--region a,b too).  Alone: the caller's own account\n"
  "  --shard K/N          units sorted by account/region/instance, this run takes those with\n"
  "                       index mod N = K (0 <= K < N)\n"
  "  --shard-from-env N   K from JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX\n"
  "  --max-concurrency N  calls in flight together over every account and region\n"
  "  An estate scan exits with its worst unit's code: 3 when a unit could not be scanned\n"
  "  (an account not entered, instances not listed), else 1 when one fails --fail-on.\n\n"
  "Exit codes as audit's; failed AWS calls are in the snapshot's errors[] and make the\n"
  "rules that needed them report `error`.  When no snapshot could be made (no\n"
  "credentials, an unknown instance) the exit is collect's and nothing is audited.\n";

static int in(const char *a, const char *const *list) {
  for (; *list; list++)
    if (!strcmp(a, *list)) return 1;
  return 0;
}

int cmd_scan(int argc, char **argv) {
  static const char *const collect_v[] = {"--region", "--instance", "--profile", "--role-arn", "--rate", "--burst",
                                          "--max-attempts", "--timeout", "--connect-timeout", "--max-concurrency", NULL};
  static const char *const collect_f[] = {"--all-instances", NULL};
  static const char *const audit_v[] = {"--pack", "--policies", "--params", "--waivers", "--attestations", "--format",
                                        "--fail-on", "-j", "--jobs", "--rule-timeout", "--db", "--rule",
                                        "--exclude-rule", "--severity", "--framework", NULL};
  static const char *const audit_f[] = {"--history", "--table", NULL};
  static const char *const estate_v[] = {"--accounts", "--org-role", "--regions", "--shard", "--shard-from-env", NULL};
  int estate = 0;
  if (argc > 256) return cli_usage(usage, "too many arguments");
  char *cargv[260], *aargv[260];
  int cn = 0, an = 0, quiet = 0;
  const char *outdir = "reports/out", *snapshot = NULL;
  cargv[cn++] = "collect";
  aargv[an++] = "audit";
  for (int i = 1; i < argc; i++) {
    char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      printf("usage: %s\n\n%s", usage, help);
      return CA_EXIT_OK;
    } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
      quiet = 1;
    } else if (in(a, collect_f)) {
      cargv[cn++] = a;
    } else if (in(a, audit_f)) {
      aargv[an++] = a;
    } else if (in(a, estate_v)) {
      if (!v) return cli_usage(usage, "%s needs a value", a);
      i++;
      estate = 1;
    } else if (in(a, collect_v) || in(a, audit_v) || !strcmp(a, "-o") || !strcmp(a, "--output") ||
               !strcmp(a, "--snapshot")) {
      if (!v) return cli_usage(usage, "%s needs a value", a);
      i++;
      if (!strcmp(a, "-o") || !strcmp(a, "--output")) outdir = v;
      else if (!strcmp(a, "--snapshot")) snapshot = v;
      else if (in(a, collect_v)) cargv[cn++] = a, cargv[cn++] = v, estate |= !strcmp(a, "--region") && strchr(v, ',');
      else aargv[an++] = a, aargv[an++] = v;
      /* the cheap checks of audit's options before minutes of collection */
      const ca_format *fmts[CLI_MAX_FORMATS];
      size_t nf = 0;
      if (!strcmp(a, "--fail-on") && strcmp(v, "none") && ca_severity_rank(v) < 0)
        return cli_usage(usage, "--fail-on %s: expected critical, high, medium, low, info or none", v);
      if (!strcmp(a, "--format") && cli_formats(v, fmts, &nf))
        return cli_usage(usage, "--format %s: expected a comma-separated list of %s", v, ca_format_names());
    } else {
      return cli_usage(usage, "unknown option %s", a);
    }
  }
  if (estate) {   /* many accounts, regions, instances: cmd_estate.c */
    if (snapshot) return cli_usage(usage, "--snapshot names one snapshot; an estate scan writes one per instance "
                                          "under OUTDIR/ACCOUNT/REGION/INSTANCE/");
    aargv[an] = NULL;
    return cli_scan_estate(argc, argv, aargv, an, outdir, quiet);
  }
  int instance = 0;
  for (int i = 1; i < cn; i++) instance |= !strcmp(cargv[i], "--instance") || !strcmp(cargv[i], "--all-instances");
  if (!instance) return cli_usage(usage, "which instance? (--instance ID|ALIAS|ARN, or --all-instances)");
  char path[PATH_MAX];
  if (!snapshot) {
    if (snprintf(path, sizeof path, "%s/snapshot.json", outdir) >= (int)sizeof path)
      return cli_usage(usage, "-o %s: the path is too long", outdir);
    snapshot = path;
    ca_err merr = {0};
    if (ca_mkdirs(outdir, &merr)) return cli_fail(&merr);
  }
  /* Before collecting: the snapshot collect writes must be neither a file
   * audit reads (--params, --waivers, --attestations, --db) nor one of the
   * reports audit writes into OUTDIR. */
  ca_err err = {0};
  const char *inputs[8];
  size_t ni = 0, nf;
  for (int i = 1; i + 1 < an && ni < 8; i++)
    if (!strcmp(aargv[i], "--params") || !strcmp(aargv[i], "--waivers") || !strcmp(aargv[i], "--attestations") ||
        !strcmp(aargv[i], "--db"))
      inputs[ni++] = aargv[++i];
  const ca_format *all = ca_formats(&nf);
  char report[PATH_MAX];
  for (size_t f = 0; f < nf && !err.code; f++) {
    snprintf(report, sizeof report, "%s/%s", outdir, all[f].file);
    if (ca_same_file(snapshot, report))
      ca_errf(&err, CA_EXIT_USAGE, "--snapshot %s: audit writes %s there; an output never replaces an input: "
              "name another file", snapshot, all[f].file);
  }
  if (err.code || ca_output_not_input(snapshot, inputs, ni, &err)) return cli_fail(&err);
  cargv[cn++] = "-o";
  cargv[cn++] = (char *)snapshot;
  if (quiet) cargv[cn++] = "--quiet";
  cargv[cn] = NULL;
  int rc = cmd_collect(cn, cargv);
  if (rc != CA_EXIT_OK) return rc;   /* no snapshot: collect's exit (it said why) */
  aargv[an++] = (char *)snapshot;
  aargv[an++] = "-o";
  aargv[an++] = (char *)outdir;
  if (quiet) aargv[an++] = "--quiet";
  aargv[an] = NULL;
  return cmd_audit(an, aargv);
}
