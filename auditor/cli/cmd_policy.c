/* connect-auditor policy list | test [DIR] */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "policy/ctx.h"
#include "policy/engine.h"
#include "policy/ptest.h"

static const char usage[] =
  "connect-auditor policy list [--policies DIR]... [--pack NAME]... [--format text|json]\n"
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
  /* the frameworks rules may name: each catalogue, whoever declares it (docs/policies.md) */
  const cJSON *e;
  cJSON_ArrayForEach(e, ps->catalogues)
    printf("framework %s %s: %d controls (%s, %s)\n", cJSON_GetObjectItem(e, "name")->valuestring,
           cJSON_GetObjectItem(e, "version")->valuestring, cJSON_GetArraySize(cJSON_GetObjectItem(e, "controls")),
           cJSON_GetObjectItem(e, "title")->valuestring, cJSON_GetObjectItem(e, "file")->valuestring);
}

/* policy list --format json: {"packs": [{name, version, framework,
 * description, parameters, rules: [metadata + file], errors: [{file, error}]}],
 * "frameworks": [the catalogues, as results.json's frameworks[]]} */
static int list_json(const ca_run *run, const ca_packset *ps) {
  cJSON *doc = cJSON_CreateObject(), *packs = cJSON_AddArrayToObject(doc, "packs");
  for (size_t i = 0; i < ps->n; i++) {
    const ca_pack *p = ps->v[i];
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToArray(packs, o);
    cJSON_AddStringToObject(o, "name", p->name);
    static const char *const keys[] = {"version", "framework", "description"};
    for (size_t k = 0; k < 3; k++) {
      const cJSON *v = cJSON_GetObjectItem(p->meta, keys[k]);
      cJSON_AddItemToObject(o, keys[k], cJSON_IsString(v) ? cJSON_Duplicate(v, 0) : cJSON_CreateNull());
    }
    cJSON_AddItemToObject(o, "parameters", p->params ? cJSON_Duplicate(p->params, 1) : cJSON_CreateObject());
    cJSON *rules = cJSON_AddArrayToObject(o, "rules"), *errors = cJSON_AddArrayToObject(o, "errors");
    for (size_t k = 0; k < run->n; k++) {
      const ca_rule_result *r = &run->v[k];
      if (r->pack != p->name) continue;
      cJSON *e = r->meta ? cJSON_Duplicate(r->meta, 1) : cJSON_CreateObject();
      cJSON_AddStringToObject(e, "file", r->file ? r->file : r->pack_file);
      if (!r->meta) cJSON_AddStringToObject(e, "error", r->error ? r->error : "");
      cJSON_AddItemToArray(r->meta ? rules : errors, e);
    }
  }
  cJSON_AddItemToObject(doc, "frameworks", ps->catalogues ? cJSON_Duplicate(ps->catalogues, 1) : cJSON_CreateArray());
  char *text = cJSON_Print(doc);
  cJSON_Delete(doc);
  if (!text) return -1;
  puts(text);
  cJSON_free(text);
  return 0;
}

int cli_warn_crosswalk(const ca_packset *ps, const ca_run *run, const char *const *roots, size_t nroots, ca_err *err) {
  cJSON *unknown = NULL;
  if (ca_engine_crosswalk_unknown(ps, run, roots, nroots, &unknown, err)) return -1;
  const cJSON *e;
  cJSON_ArrayForEach(e, unknown)
    fprintf(stderr, "connect-auditor: warning: %s: %s: rule %s is not a rule of any pack on the policy search path "
            "(the --policies folders and the built-in packs): the crosswalk maps nothing, and the control is "
            "decided without it\n",
            cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "file")),
            cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "pointer")),
            cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "rule")));
  cJSON_Delete(unknown);
  return 0;
}

int cmd_policy(int argc, char **argv) {
  if (argc < 2) return cli_usage(usage, "policy list or policy test?");
  const char *sub = argv[1];
  const char *roots[MAXLIST + 1], *packs[MAXLIST];
  size_t nroots = 0, npacks = 0;
  int verbose = 0, testing = !strcmp(sub, "test"), json = 0;
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
    } else if (!strcmp(a, "--format") && !testing && i + 1 < argc) {
      const char *f = argv[++i];
      if (strcmp(f, "text") && strcmp(f, "json")) return cli_usage(usage, "--format %s: expected text or json", f);
      json = !strcmp(f, "json");
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
    if (ca_engine_run(&ps, NULL, &opts, &run, &err) || cli_warn_crosswalk(&ps, &run, roots, nroots, &err))
      rc = cli_fail(&err);
    else if (json ? list_json(&run, &ps) : (list(&run, &ps), 0)) rc = CA_EXIT_RUN;
    else {   /* a pack or rule that cannot be loaded is an input error: exit 2 */
      size_t bad = 0;
      for (size_t k = 0; k < run.n; k++) bad += !run.v[k].meta;
      if (bad) {
        fprintf(stderr, "connect-auditor: %zu rule or pack file(s) could not be loaded (listed above)\n", bad);
        rc = CA_EXIT_USAGE;
      }
    }
  } else {
    ca_ptest_totals t;
    if (cli_warn_crosswalk(&ps, NULL, roots, nroots, &err) || ca_policy_test(&ps, &opts, verbose, stdout, &t, &err))
      rc = cli_fail(&err);
    else {
      printf("%ld passed, %ld failed\n", t.passed, t.failed);
      rc = t.failed ? CA_EXIT_FINDINGS : CA_EXIT_OK;
    }
  }
  ca_run_free(&run);
  ca_packset_free(&ps);
  return rc;
}
