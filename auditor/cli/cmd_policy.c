/* connect-auditor policy list | test [DIR] */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "policy/ctx.h"
#include "policy/engine.h"
#include "policy/ptest.h"

static const char usage[] =
  "connect-auditor policy list [--policies DIR]... [--pack NAME]...\n"
  "       connect-auditor policy test [DIR] [--pack NAME]... [-v]";

#define MAXLIST 64

static void list(const ca_run *run, const ca_packset *ps) {
  for (size_t i = 0; i < ps->n; i++) {
    const ca_pack *p = ps->v[i];
    const cJSON *d = cJSON_GetObjectItem(p->meta, "description");
    printf("%s %s (%s)%s%s\n", p->name, cJSON_IsString(cJSON_GetObjectItem(p->meta, "version")) ?
           cJSON_GetObjectItem(p->meta, "version")->valuestring : "?",
           cJSON_IsString(cJSON_GetObjectItem(p->meta, "framework")) ?
           cJSON_GetObjectItem(p->meta, "framework")->valuestring : "?",
           cJSON_IsString(d) ? ": " : "", cJSON_IsString(d) ? d->valuestring : "");
    for (size_t k = 0; k < run->n; k++) {
      const ca_rule_result *r = &run->v[k];
      if (r->pack != p->name) continue;
      if (!r->meta) {
        printf("  %-16s ERROR %s: %s\n", "-", r->file ? r->file : r->pack_file, r->error);
        continue;
      }
      /* several resource types print as one column: "a,b" */
      const char *types[CA_MAX_RULE_TYPES];
      char rtypes[CA_MAX_RULE_TYPES * 210] = "";
      size_t nt = ca_rule_types(r->meta, types);
      for (size_t t = 0; t < nt; t++) {
        size_t l = strlen(rtypes);
        snprintf(rtypes + l, sizeof rtypes - l, "%s%s", t ? "," : "", types[t]);
      }
      printf("  %-16s %-8s %-26s %-8s", cJSON_GetObjectItem(r->meta, "id")->valuestring,
             cJSON_GetObjectItem(r->meta, "severity")->valuestring, rtypes,
             cJSON_GetObjectItem(r->meta, "practice")->valuestring);
      const cJSON *c;
      const char *fw = "";
      cJSON_ArrayForEach(c, cJSON_GetObjectItem(r->meta, "controls")) {
        const char *f = cJSON_GetObjectItem(c, "framework")->valuestring;
        printf("%s%s%s", strcmp(fw, f) ? " " : ",", strcmp(fw, f) ? f : "", strcmp(fw, f) ? ":" : "");
        printf("%s", cJSON_GetObjectItem(c, "id")->valuestring);
        fw = f;
      }
      printf("\n    %s\n", cJSON_GetObjectItem(r->meta, "title")->valuestring);
    }
  }
}

int cmd_policy(int argc, char **argv) {
  if (argc < 2) return cli_usage(usage, "policy list or policy test?");
  const char *sub = argv[1];
  const char *roots[MAXLIST + 1], *packs[MAXLIST];
  size_t nroots = 0, npacks = 0;
  int verbose = 0, testing = !strcmp(sub, "test");
  if (!testing && strcmp(sub, "list")) {
    if (!strcmp(sub, "-h") || !strcmp(sub, "--help")) { printf("usage: %s\n", usage); return CA_EXIT_OK; }
    return cli_usage(usage, "'%s' is not a policy subcommand", sub);
  }
  if (!testing) roots[nroots++] = ca_builtin_policies();
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if ((!strcmp(a, "--policies") || !strcmp(a, "--pack")) && i + 1 < argc) {
      if (nroots == MAXLIST + 1 || npacks == MAXLIST) return cli_usage(usage, "too many options");
      if (!strcmp(a, "--pack")) packs[npacks++] = argv[++i];
      else roots[nroots++] = argv[++i];
    } else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
      verbose = 1;
    } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      printf("usage: %s\n", usage);
      return CA_EXIT_OK;
    } else if (a[0] != '-' && testing && nroots == 0) {
      roots[nroots++] = a;
    } else {
      return cli_usage(usage, "unexpected argument %s", a);
    }
  }
  if (testing && nroots == 0) roots[nroots++] = ca_builtin_policies();

  ca_err err = {0};
  ca_packset ps = {0};
  ca_run run = {0};
  ca_run_opts opts = {0};
  ca_limits_default(&opts.limits);
  int rc = CA_EXIT_OK;
  if (ca_packs_find(roots, nroots, packs, npacks, &ps, &err) || ca_packs_load(&ps, NULL, NULL, &err)) {
    rc = cli_fail(&err);
  } else if (!testing) {
    opts.meta_only = 1;
    if (ca_engine_run(&ps, NULL, &opts, &run, &err)) rc = cli_fail(&err);
    else list(&run, &ps);
  } else {
    ca_ptest_totals t;
    if (ca_policy_test(&ps, &opts, verbose, stdout, &t, &err)) rc = cli_fail(&err);
    else {
      printf("%ld passed, %ld failed\n", t.passed, t.failed);
      rc = t.failed ? CA_EXIT_FINDINGS : CA_EXIT_OK;
    }
  }
  ca_run_free(&run);
  ca_packset_free(&ps);
  return rc;
}
