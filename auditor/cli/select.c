/* audit's rule selection (--rule, --exclude-rule, --severity, --framework),
 * what results.json records of it, and the snapshot's recorded path. */
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "results/vocab.h"

static int add(const char **v, size_t *n, const char *s) {
  if (*n == CLI_MAX_SELECT) return -1;
  v[(*n)++] = s;
  return 0;
}

/* "critical,high" -> bits; -1 on a name that is not a severity. */
static int severities(const char *list, unsigned *bits) {
  char buf[128];
  if (!*list || strlen(list) >= sizeof buf) return -1;
  strcpy(buf, list);
  for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
    int r = ca_severity_rank(t);
    if (r < 0) return -1;
    *bits |= 1u << r;
  }
  return 0;
}

int cli_select_option(cli_select *sel, int argc, char **argv, int *i, const char *usage) {
  const char *a = argv[*i], *v = *i + 1 < argc ? argv[*i + 1] : NULL;
  int which = !strcmp(a, "--rule") ? 1 : !strcmp(a, "--exclude-rule") ? 2 : !strcmp(a, "--severity") ? 3
            : !strcmp(a, "--framework") ? 4 : 0;
  if (!which) return 0;
  if (!v) return cli_usage(usage, "%s needs a value", a), -1;
  ++*i;
  if (which == 3) {
    if (severities(v, &sel->severities))
      return cli_usage(usage, "--severity %s: expected a comma-separated list of critical, high, medium, low, info", v), -1;
    return 1;
  }
  /* whether a pack declares it is known once the packs are found (cli_select_check) */
  if (which == 4 && !ca_framework_name_ok(v))
    return cli_usage(usage, "--framework %s: expected a framework name such as PCI-DSS-4.0, HIPAA, PII, BASELINE "
                            "or one a pack declares", v), -1;
  const char **list = which == 1 ? sel->rules : which == 2 ? sel->exclude : sel->frameworks;
  size_t *n = which == 1 ? &sel->nrules : which == 2 ? &sel->nexclude : &sel->nframeworks;
  if (add(list, n, v)) return cli_usage(usage, "more than %d %s options", CLI_MAX_SELECT, a), -1;
  return 1;
}

static int strings_from(const cJSON *arr, const char **v, size_t *n) {
  const cJSON *e;
  if (!arr) return 0;
  if (!cJSON_IsArray(arr)) return -1;
  cJSON_ArrayForEach(e, arr) if (!cJSON_IsString(e) || add(v, n, e->valuestring)) return -1;
  return 0;
}

int cli_select_from(cli_select *sel, const cJSON *rec) {
  memset(sel, 0, sizeof *sel);
  if (!rec) return 0;
  if (!cJSON_IsObject(rec) || strings_from(cJSON_GetObjectItemCaseSensitive(rec, "rules"), sel->rules, &sel->nrules) ||
      strings_from(cJSON_GetObjectItemCaseSensitive(rec, "exclude_rules"), sel->exclude, &sel->nexclude) ||
      strings_from(cJSON_GetObjectItemCaseSensitive(rec, "frameworks"), sel->frameworks, &sel->nframeworks))
    return -1;
  const cJSON *e;
  cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(rec, "severities")) {
    int r = cJSON_IsString(e) ? ca_severity_rank(e->valuestring) : -1;
    if (r < 0) return -1;
    sel->severities |= 1u << r;
  }
  return 0;
}

int cli_select_any(const cli_select *sel) {
  return sel && (sel->nrules || sel->nexclude || sel->nframeworks || sel->severities);
}

static cJSON *strings(const char *const *v, size_t n) {
  cJSON *a = cJSON_CreateArray();
  for (size_t i = 0; i < n; i++) cJSON_AddItemToArray(a, cJSON_CreateString(v[i]));
  return a;
}

cJSON *cli_select_record(const cli_select *sel) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddItemToObject(o, "rules", strings(sel->rules, sel->nrules));
  cJSON_AddItemToObject(o, "exclude_rules", strings(sel->exclude, sel->nexclude));
  cJSON *s = cJSON_AddArrayToObject(o, "severities");
  for (int k = 0; ca_severities[k]; k++)
    if (sel->severities & (1u << k)) cJSON_AddItemToArray(s, cJSON_CreateString(ca_severities[k]));
  cJSON_AddItemToObject(o, "frameworks", strings(sel->frameworks, sel->nframeworks));
  return o;
}

int cli_select_check(const cli_select *sel, const ca_packset *ps, ca_err *err) {
  for (size_t i = 0; sel && i < sel->nframeworks; i++) {
    if (ca_packs_catalogue(ps, sel->frameworks[i])) continue;
    char known[512] = "";
    size_t k = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, ps->catalogues) {
      const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "name"));
      int w = snprintf(known + k, sizeof known - k, "%s%s", k ? ", " : "", name ? name : "");
      if (w < 0 || (size_t)w >= sizeof known - k) break;
      k += (size_t)w;
    }
    return ca_errf(err, CA_EXIT_USAGE, "--framework %s: no pack declares this framework (declared: %s)",
                   sel->frameworks[i], k ? known : "none");
  }
  return 0;
}

/* Does a loaded rule (its metadata) fall in the selection? */
int cli_select_keeps(const cli_select *sel, const cJSON *meta) {
  const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(meta, "id"));
  const char *sev = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(meta, "severity"));
  if (!id) id = "";
  if (sel->nrules) {
    int hit = 0;
    for (size_t i = 0; i < sel->nrules && !hit; i++) hit = !fnmatch(sel->rules[i], id, 0);
    if (!hit) return 0;
  }
  for (size_t i = 0; i < sel->nexclude; i++)
    if (!fnmatch(sel->exclude[i], id, 0)) return 0;
  if (sel->severities) {
    int r = sev ? ca_severity_rank(sev) : -1;
    if (r < 0 || !(sel->severities & (1u << r))) return 0;
  }
  if (sel->nframeworks) {
    int hit = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(meta, "controls")) {
      const char *fw = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "framework"));
      for (size_t i = 0; fw && i < sel->nframeworks && !hit; i++) hit = !strcmp(fw, sel->frameworks[i]);
    }
    if (!hit) return 0;
  }
  return 1;
}

/* The repository's top: the nearest folder up from dir with a .git. */
static int repo_top(const char *dir, char *out, size_t n) {
  char p[PATH_MAX], g[PATH_MAX + 8];
  snprintf(p, sizeof p, "%s", dir);
  for (;;) {
    struct stat st;
    snprintf(g, sizeof g, "%s/.git", p);
    if (stat(g, &st) == 0) {
      snprintf(out, n, "%s", p);
      return 0;
    }
    char *s = strrchr(p, '/');
    if (!s || s == p) return -1;
    *s = '\0';
  }
}

/* Found from the snapshot's own folder, never the current one, so that where
 * `audit` runs changes nothing in results.json. */
void cli_snapshot_file(const char *path, char *out, size_t n) {
  char abs[PATH_MAX], dir[PATH_MAX], top[PATH_MAX];
  if (!realpath(path, abs)) {   /* loaded already, so not expected: its last component */
    const char *s = strrchr(path, '/');
    snprintf(out, n, "%s", s && s[1] ? s + 1 : path);
    return;
  }
  const char *name = strrchr(abs, '/') + 1;   /* realpath's answer is absolute */
  snprintf(dir, sizeof dir, "%.*s", (int)(name - 1 - abs), abs);
  size_t b;
  if (*dir && !repo_top(dir, top, sizeof top) && (b = strlen(top)) > 1 && !strncmp(abs, top, b) && abs[b] == '/')
    snprintf(out, n, "%s", abs + b + 1);   /* inside a repository: from its top */
  else
    snprintf(out, n, "%s", name);   /* outside one: the file's name */
}

/* At most n bytes of s on one terminal line: control characters as '?',
 * cut on a UTF-8 boundary, "..." when cut. */
static void cell(FILE *out, const char *s, size_t n, int pad) {
  size_t len = strlen(s), k = len > n ? n - 3 : len;
  while (k < len && k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
  size_t cols = 0;
  for (size_t i = 0; i < k; i++) {
    unsigned char c = (unsigned char)s[i];
    fputc(c < 0x20 || c == 0x7f ? '?' : c, out);
    if ((c & 0xC0) != 0x80) cols++;
  }
  if (k < len) fputs("...", out), cols += 3;
  for (; pad && cols < n; cols++) fputc(' ', out);
}

#define TABLE_ROWS 50

void cli_findings_table(FILE *out, const cJSON *results) {
  const cJSON *findings = cJSON_GetObjectItemCaseSensitive(results, "findings"), *f;
  size_t rows = 0, total = 0;
  for (int rank = 0; ca_severities[rank]; rank++)
    cJSON_ArrayForEach(f, findings) {
      const char *st = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "status"));
      const char *sev = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "severity"));
      if (!st || !sev || (strcmp(st, "fail") && strcmp(st, "error")) || ca_severity_rank(sev) != rank) continue;
      if (!total++) fprintf(out, "\n%-14s %-8s %-6s %-40s %s\n", "RULE", "SEVERITY", "STATUS", "RESOURCE", "MESSAGE");
      if (rows == TABLE_ROWS) continue;
      rows++;
      const cJSON *res = cJSON_GetObjectItemCaseSensitive(f, "resource");
      const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(res, "name"));
      const char *msg = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "message"));
      const char *rule = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "rule_id"));
      cell(out, rule ? rule : "", 14, 1);
      fputc(' ', out);
      cell(out, sev, 8, 1);
      fputc(' ', out);
      cell(out, st, 6, 1);
      fputc(' ', out);
      const char *arn = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(res, "arn"));
      cell(out, name && *name ? name : arn ? arn : "", 40, 1);
      fputc(' ', out);
      cell(out, msg ? msg : "", 90, 0);
      fputc('\n', out);
    }
  if (total > rows) fprintf(out, "... and %zu more failing or erroring findings (every one is in results.json)\n", total - rows);
  if (total) fputc('\n', out);
}
