/* collect: take a snapshot of live Amazon Connect instances (docs/collect.md). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aws/aws.h"
#include "ca_limits.h"
#include "cli/cli.h"
#include "collect/collect.h"
#include "util/fsutil.h"

static const char usage[] =
  "connect-auditor collect --region R --instance ID|ALIAS|ARN [--all-instances] [--profile P] [--role-arn ARN] -o snapshot.json";

static const char help[] =
  "Collects an Amazon Connect instance's configuration into a snapshot (docs/snapshot.md);\n"
  "what is collected so far, and what is not yet: docs/collect.md.\n\n"
  "  --region R          region (else AWS_REGION, AWS_DEFAULT_REGION, the profile's region)\n"
  "  --instance X        the instance: ID, alias or ARN\n"
  "  --all-instances     every instance in the region\n"
  "  --profile P         a profile of ~/.aws/credentials or ~/.aws/config (else AWS_PROFILE;\n"
  "                      without either, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, then 'default')\n"
  "                      Credentials as the AWS CLI finds them, in its order: environment keys,\n"
  "                      role_arn profiles (source_profile, credential_source), web identity,\n"
  "                      IAM Identity Center (aws sso login's cache), the credentials file,\n"
  "                      credential_process, the config file, container credentials, EC2\n"
  "                      instance metadata (IMDSv2); temporary ones refreshed before they expire\n"
  "  --role-arn ARN      assume this role (STS AssumeRole) and collect with its session\n"
  "  -o, --output FILE   the snapshot, written atomically\n"
  "  --rate N            requests per second per API (default 2); --burst N, the API's burst\n"
  "                      quota (default 5; one call of it is kept in reserve)\n"
  "  --max-attempts N    tries per call, throttling and 5xx retried with backoff (default 6)\n"
  "  --max-concurrency N calls in flight together (default 10; 1 = one at a time)\n"
  "  --connect-timeout S, --timeout S   per request (defaults 10 and 60 seconds)\n"
  "  --quiet             no progress lines\n\n"
  "Endpoints: AWS_ENDPOINT_URL_CONNECT, AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, else\n"
  "https://<service>.<region>.amazonaws.com (AWS_USE_FIPS_ENDPOINT, AWS_USE_DUALSTACK_ENDPOINT,\n"
  "AWS_STS_REGIONAL_ENDPOINTS); AWS_CA_BUNDLE, AWS_MAX_ATTEMPTS, proxies from the environment.\n"
  "Every source and setting: docs/collect.md.  SOURCE_DATE_EPOCH fixes collected_at.\n"
  "Exit 0: snapshot written (failed calls are listed in its errors[]); 2: usage or input\n"
  "error (such as an unknown instance); 3: the run could not complete (no credentials,\n"
  "the instances could not be listed).\n";

static int hex_uuid(const char *s) {   /* an instance ID: 8-4-4-4-12 hex digits */
  if (strlen(s) != 36) return 0;
  for (int i = 0; i < 36; i++)
    if ((i == 8 || i == 13 || i == 18 || i == 23) ? s[i] != '-' : !isxdigit((unsigned char)s[i])) return 0;
  return 1;
}

/* arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE; *rest = RESOURCE. */
static int arn_of(const char *s, const char *service, int regional, const char **rest) {
  char part[32], svc[32], region[72], acct[16];
  int n = 0;
  if (sscanf(s, "arn:%31[a-z-]:%31[a-z0-9-]:%71[^:]:%15[0-9]:%n", part, svc, region, acct, &n) == 4 && n) {
    if (!regional || !ca_aws_valid_region(region)) return 0;
  } else if (!regional && sscanf(s, "arn:%31[a-z-]:%31[a-z0-9-]::%15[0-9]:%n", part, svc, acct, &n) == 3 && n) {
  } else {
    return 0;
  }
  *rest = s + n;
  return strncmp(part, "aws", 3) == 0 && !strcmp(svc, service) && strlen(acct) == 12;
}

/* The values that go into host names, request paths and ARNs, checked before
 * any call: NULL when good, else what was expected. */
static const char *bad_instance(const char *s) {
  const char *rest;
  if (!strncmp(s, "arn:", 4))
    return arn_of(s, "connect", 1, &rest) && !strncmp(rest, "instance/", 9) && hex_uuid(rest + 9) ? NULL
           : "expected an instance ARN arn:aws:connect:REGION:ACCOUNT:instance/ID (ID 8-4-4-4-12 hex digits)";
  if (hex_uuid(s)) return NULL;
  /* an alias, as CreateInstance takes it (DirectoryAlias: 1 to 45 letters,
   * digits and inner '-', not starting "d-") */
  size_t n = strlen(s);
  int ok = n >= 1 && n <= 45 && isalnum((unsigned char)s[0]) && isalnum((unsigned char)s[n - 1]) && strncmp(s, "d-", 2);
  for (size_t i = 0; ok && i < n; i++) ok = isalnum((unsigned char)s[i]) || s[i] == '-';
  return ok ? NULL : "expected an instance ID (8-4-4-4-12 hex digits), an alias (letters, digits and '-', "
                     "at most 45) or an instance ARN";
}

static const char *bad_role(const char *s) {
  const char *rest;
  int ok = strlen(s) <= 2048 && arn_of(s, "iam", 0, &rest) && !strncmp(rest, "role/", 5) && rest[5];
  for (const char *p = ok ? rest + 5 : ""; ok && *p; p++) ok = isalnum((unsigned char)*p) || strchr("+=,.@_/-", *p);
  return ok ? NULL : "expected a role ARN arn:aws:iam::ACCOUNT:role/NAME";
}

/* Prints a value from the command line in a message: control characters as '?'. */
static const char *shown(const char *s, char *buf, size_t n) {
  size_t k = 0;
  for (; *s && k + 1 < n; s++) buf[k++] = (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s;
  buf[k] = '\0';
  return buf;
}

int cmd_collect(int argc, char **argv) {
  const char *region = NULL, *profile = NULL, *output = NULL, *role_arn = NULL;
  ca_collect_opts co = {0};
  ca_aws_opts ao = {0};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDV() do { if (!v) return cli_usage(usage, "%s needs a value", a); i++; } while (0)
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      printf("usage: %s\n\n%s", usage, help);
      return CA_EXIT_OK;
    } else if (!strcmp(a, "--region")) {
      NEEDV();
      region = v;
    } else if (!strcmp(a, "--instance")) {
      NEEDV();
      co.instance = v;
    } else if (!strcmp(a, "--all-instances")) {
      co.all_instances = 1;
    } else if (!strcmp(a, "--profile")) {
      NEEDV();
      profile = v;
    } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
      NEEDV();
      output = v;
    } else if (!strcmp(a, "--quiet")) {
      co.quiet = 1;
    } else if (!strcmp(a, "--role-arn")) {
      NEEDV();
      role_arn = v;
    } else if (!strcmp(a, "--rate") || !strcmp(a, "--burst") || !strcmp(a, "--max-attempts") ||
               !strcmp(a, "--timeout") || !strcmp(a, "--connect-timeout") || !strcmp(a, "--max-concurrency")) {
      NEEDV();
      double d = cli_number(v);
      if (d <= 0 || d > 1e6) return cli_usage(usage, "%s %s: expected a positive number", a, v);
      if (!strcmp(a, "--rate")) ao.rate = d;
      else if (!strcmp(a, "--burst")) ao.burst = d;
      else if (!strcmp(a, "--max-attempts")) ao.max_attempts = (int)d;
      else if (!strcmp(a, "--timeout")) ao.timeout_ms = (long)(d * 1000);
      else if (!strcmp(a, "--max-concurrency")) {
        if (d != (int)d || d > CA_MAX_AWS_INFLIGHT)
          return cli_usage(usage, "--max-concurrency %s: expected a whole number from 1 to %d", v, CA_MAX_AWS_INFLIGHT);
        ao.max_inflight = (int)d;
      }
      else ao.connect_timeout_ms = (long)(d * 1000);
    } else {
      return cli_usage(usage, "unknown option %s", a);
    }
  }
  if (!output) return cli_usage(usage, "where should the snapshot go? (-o snapshot.json)");
  if (!co.all_instances && !co.instance) return cli_usage(usage, "which instance? (--instance ID|ALIAS|ARN, or --all-instances)");
  if (co.all_instances && co.instance) return cli_usage(usage, "--instance and --all-instances exclude each other");
  /* A list went to AWS as one region name, and the signature failed there. */
  if (region && strchr(region, ','))
    return cli_usage(usage, "--region %.200s: one region per run (scan --regions a,b --all-instances covers "
                            "several, each instance in its own folder)", region);
  char shown_buf[128];
  const char *why;
  if (co.instance && (why = bad_instance(co.instance)))
    return cli_usage(usage, "--instance %s: %s", shown(co.instance, shown_buf, sizeof shown_buf), why);
  if (role_arn && (why = bad_role(role_arn)))
    return cli_usage(usage, "--role-arn %s: %s", shown(role_arn, shown_buf, sizeof shown_buf), why);
  ca_err err = {0};
  if (cli_now(&co.now, &err)) return cli_fail(&err);
  /* Before the first call: a snapshot that cannot be written would be found
   * out only at the end, hours later on a large instance; and it must not
   * replace the files the credentials come from. */
  char aws_files[2][1024];
  ca_aws_shared_files(aws_files[0], aws_files[1], sizeof aws_files[0]);
  const char *aws_inputs[] = {aws_files[0], aws_files[1]};
  if (ca_output_not_input(output, aws_inputs, 2, &err) || ca_check_writable(output, &err)) return cli_fail(&err);
  /* Every source of the AWS CLI, in its order; a role profile's role, then
   * --role-arn (assumed with the first's session).  The client finds them
   * again before temporary ones expire. */
  ca_aws_creds *creds = malloc(sizeof *creds);
  if (!creds) return cli_fail(&(ca_err){CA_EXIT_RUN, "out of memory"});
  int rc = ca_aws_creds_resolve(profile, region, role_arn, creds, &err);
  if (!rc && !creds->region[0]) {
    ca_aws_creds_wipe(creds);
    free(creds);
    return cli_usage(usage, "no region: give --region, or set AWS_REGION or the profile's region");
  }
  ca_aws *aws = NULL;
  if (!rc) rc = ca_aws_new(creds, &ao, &aws, &err);
  ca_aws_creds_wipe(creds);
  free(creds);
  if (rc) {
    ca_aws_free(aws);
    return cli_fail(&err);
  }
  if (!co.quiet) fprintf(stderr, "connect-auditor: collect: credentials from %s; region %s\n", ca_aws_source(aws), ca_aws_region(aws));
  cJSON *snap = NULL;
  rc = ca_collect(aws, &co, &snap, &err);
  long requests, retries, throttles;
  int peak = 0;
  ca_aws_stats(aws, &requests, &retries, &throttles);
  ca_aws_load(aws, NULL, NULL, &peak);
  char refreshed[64] = "";
  if (ca_aws_refreshes(aws))
    snprintf(refreshed, sizeof refreshed, "; credentials refreshed %ld time%s", ca_aws_refreshes(aws),
             ca_aws_refreshes(aws) == 1 ? "" : "s");
  ca_aws_free(aws);
  if (rc) return cli_fail(&err);
  int nerr;
  if (cli_write_snapshot(output, snap, &nerr, &err)) return cli_fail(&err);
  if (!co.quiet)
    fprintf(stderr, "connect-auditor: collect: wrote %s: %ld requests (at most %d in flight together), %ld retries, "
            "%ld throttled, %d failed call%s in errors[]%s\n",
            output, requests, peak, retries, throttles, nerr, nerr == 1 ? "" : "s", refreshed);
  return CA_EXIT_OK;
}
