/* results.sarif: SARIF 2.1.0 (OASIS), for code-scanning dashboards.
 *
 * One run. tool.driver.rules has one reportingDescriptor per rule in the
 * results (rules that produced no finding too: for a compliance scan the set
 * of rules evaluated is itself evidence). Every finding is a result, not only
 * the failures: SARIF's result.kind says what it is (fail, pass, review for a
 * manual item, notApplicable for a skipped one), so a dashboard can show the
 * controls that pass next to those that fail, and a filter on kind = fail
 * gives the classic view. A waived failure stays a failure, with a SARIF
 * suppression that carries the waiver.
 *
 * Every result has a physical location, as GitHub code scanning requires of
 * each one: the snapshot file results.json records (snapshot.file, relative
 * to the repository when it was inside it) and, for a resource in the
 * snapshot, the line of its ARN key (resource.line); the resource itself is
 * the logical location, named by its ARN. GitHub's count limits are kept
 * (ca_limits.h): past CA_SARIF_MAX_RESULTS the failing and erroring results
 * are kept first and run.properties.truncated says how many were left out.
 * No clock: invocations carry no start or end time, and run.properties holds
 * only what the results hold, so the same results give the same bytes. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "report/report.h"
#include "report/text.h"
#include "util/sha256.h"

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#define FINGERPRINT "connectAuditor/v1"

/* Severity -> SARIF level; "security-severity" is the CVSS-like score GitHub
 * code scanning ranks security results by (it reads it only beside a
 * "security" tag). */
static const struct { const char *sev, *level, *score; } sev_map[] = {
  {"critical", "error", "9.5"}, {"high", "error", "8.0"}, {"medium", "warning", "5.5"},
  {"low", "note", "3.0"}, {"info", "note", NULL}};

static int sev_index(const char *sev) {
  for (size_t i = 0; i < sizeof sev_map / sizeof sev_map[0]; i++)
    if (!strcmp(sev, sev_map[i].sev)) return (int)i;
  return -1;
}

static const char *level_of(const char *sev) {
  int i = sev_index(sev);
  return i < 0 ? "warning" : sev_map[i].level;
}

static void add_text(cJSON *o, const char *key, const char *text) {
  cJSON_AddStringToObject(cJSON_AddObjectToObject(o, key), "text", text);
}

/* reportingDescriptor.name: SARIF wants a stable Pascal-case "friendly
 * name"; the title's ASCII words make one ("S3 bucket blocks public access"
 * -> "S3BucketBlocksPublicAccess"). */
static void friendly_name(const char *title, char *name, size_t n) {
  size_t k = 0;
  int start = 1;
  for (const unsigned char *p = (const unsigned char *)title; *p && k + 1 < n; p++) {
    if (!isalnum(*p) || *p >= 0x80) {
      start = 1;
      continue;
    }
    name[k++] = (char)(start ? toupper(*p) : tolower(*p));   /* "MFA" -> "Mfa": one capital a word */
    start = 0;
  }
  name[k] = '\0';
  if (!k) snprintf(name, n, "Rule");
}

/* From a results.rules[] entry, or (for a rule that could not be loaded and
 * so has no entry) from its finding: both carry id or rule_id, title,
 * severity, practice, controls, remediation. */
static cJSON *descriptor(const cJSON *r) {
  const char *id = *ca_rstr(r, "id", "") ? ca_rstr(r, "id", "") : ca_rstr(r, "rule_id", "");
  const char *title = ca_rstr(r, "title", ""), *sev = ca_rstr(r, "severity", "");
  char name[CA_SARIF_NAME_BYTES];
  friendly_name(title, name, sizeof name);
  cJSON *d = cJSON_CreateObject();
  cJSON_AddStringToObject(d, "id", id);
  cJSON_AddStringToObject(d, "name", name);
  add_text(d, "shortDescription", title);
  if (*ca_rstr(r, "rationale", "")) add_text(d, "fullDescription", ca_rstr(r, "rationale", ""));
  if (*ca_rstr(r, "remediation", "")) add_text(d, "help", ca_rstr(r, "remediation", ""));
  cJSON_AddStringToObject(cJSON_AddObjectToObject(d, "defaultConfiguration"), "level", level_of(sev));
  cJSON *props = cJSON_AddObjectToObject(d, "properties");
  cJSON_AddStringToObject(props, "severity", sev);
  cJSON_AddStringToObject(props, "practice", ca_rstr(r, "practice", ""));
  if (*ca_rstr(r, "pack", "")) cJSON_AddStringToObject(props, "pack", ca_rstr(r, "pack", ""));
  cJSON *ctl = cJSON_AddArrayToObject(props, "controls");
  cJSON *tags = cJSON_AddArrayToObject(props, "tags");
  const cJSON *c;
  cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(r, "controls")) {
    char *s = NULL;
    size_t n = strlen(ca_rstr(c, "framework", "")) + strlen(ca_rstr(c, "id", "")) + 2;
    if ((s = malloc(n))) {
      snprintf(s, n, "%s %s", ca_rstr(c, "framework", ""), ca_rstr(c, "id", ""));
      cJSON_AddItemToArray(ctl, cJSON_CreateString(s));
      free(s);
    }
    const char *fw = ca_rstr(c, "framework", "");   /* tags: the frameworks, once each, in order */
    const cJSON *t;
    int seen = 0;
    cJSON_ArrayForEach(t, tags) seen |= !strcmp(t->valuestring, fw);
    if (!seen && *fw && cJSON_GetArraySize(tags) < CA_SARIF_MAX_TAGS - 1)   /* room for "security" */
      cJSON_AddItemToArray(tags, cJSON_CreateString(fw));
  }
  int si = sev_index(sev);
  if (si >= 0 && sev_map[si].score) {
    cJSON_AddItemToArray(tags, cJSON_CreateString("security"));
    cJSON_AddStringToObject(props, "security-severity", sev_map[si].score);
  }
  return d;
}

/* sha256(rule_id NUL ARN NUL path NUL path ...): what identifies a finding
 * across scans, whatever its message says this time. NUL cannot occur in the
 * strings, so the fields cannot run into one another. */
static void fingerprint(const cJSON *f, char hex[65]) {
  ca_sha256 *h = ca_sha256_new();
  const char *id = ca_rstr(f, "rule_id", ""), *arn = ca_rstr(cJSON_GetObjectItemCaseSensitive(f, "resource"), "arn", "");
  ca_sha256_update(h, id, strlen(id) + 1);
  ca_sha256_update(h, arn, strlen(arn) + 1);
  const cJSON *e;
  cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(f, "evidence")) {
    const char *p = ca_rstr(e, "path", "");
    ca_sha256_update(h, p, strlen(p) + 1);
  }
  ca_sha256_final(h, hex);
}

/* A path as a URI reference: RFC 3986 unreserved bytes and '/' as they are,
 * others %-encoded; an absolute path becomes a file: URI. */
static void uri_of(const char *path, ca_buf *out) {
  static const char hex[] = "0123456789ABCDEF";
  if (path[0] == '/') ca_buf_adds(out, "file://");
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    if (isalnum(*p) || strchr("-._~/", *p)) {
      ca_buf_add(out, (const char *)p, 1);
    } else {
      char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
      ca_buf_add(out, e, 3);
    }
  }
  ca_buf_add(out, "", 1);
}

/* An estate's finding (merge) points into its own input's snapshot file:
 * inputs[] has it by the finding's "input" id; last caches the match
 * (findings come grouped by input). */
static const char *input_file(const cJSON *inputs, const cJSON *f, const cJSON **last) {
  const char *id = ca_rstr(f, "input", "");
  if (!*last || strcmp(ca_rstr(*last, "id", ""), id)) {
    const cJSON *in;
    *last = NULL;
    cJSON_ArrayForEach(in, inputs)
      if (!strcmp(ca_rstr(in, "id", ""), id)) {
        *last = in;
        break;
      }
  }
  return ca_rstr(ca_robj(*last, "snapshot"), "file", "");
}

static cJSON *result(const cJSON *f, int rule_index, const char *print, const char *uri) {
  const char *st = ca_rstr(f, "status", ""), *sev = ca_rstr(f, "severity", "");
  const cJSON *res = cJSON_GetObjectItemCaseSensitive(f, "resource");
  int failing = !strcmp(st, "fail") || !strcmp(st, "error") || !strcmp(st, "waived");
  const char *kind = failing ? "fail" : !strcmp(st, "pass") ? "pass" : !strcmp(st, "manual") ? "review" : "notApplicable";
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "ruleId", ca_rstr(f, "rule_id", ""));
  cJSON_AddNumberToObject(o, "ruleIndex", rule_index);
  cJSON_AddStringToObject(o, "kind", kind);
  /* SARIF 3.27.10: a result whose kind is not "fail" has level "none". An
   * error (evidence missing, or the rule broke) is never quieter than "error". */
  cJSON_AddStringToObject(o, "level", !failing ? "none" : !strcmp(st, "error") ? "error" : level_of(sev));
  add_text(o, "message", *ca_rstr(f, "message", "") ? ca_rstr(f, "message", "") : ca_rstr(f, "title", ""));
  cJSON *loc = cJSON_CreateObject();
  cJSON_AddItemToArray(cJSON_AddArrayToObject(o, "locations"), loc);
  cJSON *phys = cJSON_AddObjectToObject(loc, "physicalLocation");
  cJSON_AddStringToObject(cJSON_AddObjectToObject(phys, "artifactLocation"), "uri", uri);
  const cJSON *line = cJSON_GetObjectItemCaseSensitive(res, "line");
  if (cJSON_IsNumber(line) && line->valuedouble >= 1 && line->valuedouble < 1e9)
    cJSON_AddNumberToObject(cJSON_AddObjectToObject(phys, "region"), "startLine", (int)line->valuedouble);
  cJSON *ll = cJSON_CreateObject();
  cJSON_AddItemToArray(cJSON_AddArrayToObject(loc, "logicalLocations"), ll);
  if (*ca_rstr(res, "name", "")) cJSON_AddStringToObject(ll, "name", ca_rstr(res, "name", ""));
  cJSON_AddStringToObject(ll, "fullyQualifiedName", ca_rstr(res, "arn", ""));
  cJSON_AddStringToObject(ll, "kind", "resource");
  cJSON_AddStringToObject(cJSON_AddObjectToObject(o, "partialFingerprints"), FINGERPRINT, print);
  const cJSON *w = cJSON_GetObjectItemCaseSensitive(f, "waiver");
  if (!strcmp(st, "waived") && cJSON_IsObject(w)) {
    cJSON *s = cJSON_CreateObject();
    cJSON_AddItemToArray(cJSON_AddArrayToObject(o, "suppressions"), s);
    cJSON_AddStringToObject(s, "kind", "external");
    cJSON_AddStringToObject(s, "status", "accepted");
    cJSON_AddStringToObject(s, "justification", ca_rstr(w, "reason", ""));
    cJSON_AddItemToObject(s, "properties", cJSON_Duplicate(w, 1));
  }
  cJSON *props = cJSON_AddObjectToObject(o, "properties");
  cJSON_AddStringToObject(props, "status", st);
  cJSON_AddStringToObject(props, "severity", sev);
  if (!strcmp(st, "error")) cJSON_AddBoolToObject(props, "evidenceMissing", 1);
  cJSON *ctl = cJSON_AddArrayToObject(props, "controls");
  const cJSON *c;
  cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(f, "controls")) cJSON_AddItemToArray(ctl, cJSON_Duplicate(c, 1));
  cJSON *r = cJSON_AddObjectToObject(props, "resource");
  cJSON_AddStringToObject(r, "type", ca_rstr(res, "type", ""));
  cJSON_AddStringToObject(r, "region", ca_rstr(res, "region", ""));
  cJSON *ev = cJSON_GetObjectItemCaseSensitive(f, "evidence");
  cJSON_AddItemToObject(props, "evidence", ev ? cJSON_Duplicate(ev, 1) : cJSON_CreateArray());
  return o;
}

size_t ca_sarif_left_out(const cJSON *results) {
  size_t nf = (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(results, "findings"));
  return nf > CA_SARIF_MAX_RESULTS ? nf - CA_SARIF_MAX_RESULTS : 0;
}

/* The results, made one at a time as ca_print_filled prints them. */
typedef struct results_of {
  const cJSON **fv;           /* the findings by index */
  const size_t *sel;          /* the findings kept, in results order */
  const int *index;           /* rule index of each key's first occurrence */
  const ca_dup *dup;          /* over the keys: rules, then findings */
  size_t nr;
  char (*prints)[72];
  const char *uri;            /* the snapshot's, or NULL for an estate */
  const cJSON *inputs, *last; /* an estate's inputs, the last one matched */
  ca_buf *one;                /* an estate finding's own uri */
} results_of;

static cJSON *result_at(void *arg, size_t k) {
  results_of *r = arg;
  size_t i = r->sel[k];
  const char *u = r->uri;
  if (r->inputs) {
    const char *in_file = input_file(r->inputs, r->fv[i], &r->last);
    ca_buf_free(r->one);
    uri_of(*in_file ? in_file : "snapshot.json", r->one);
    u = r->one->data;
  }
  return result(r->fv[i], r->index[r->dup[r->nr + i].first], r->prints[i], u);
}

int ca_render_sarif(const cJSON *results, ca_buf *out, ca_err *err) {
  const cJSON *rules = cJSON_GetObjectItemCaseSensitive(results, "rules");
  const cJSON *findings = cJSON_GetObjectItemCaseSensitive(results, "findings");
  const cJSON *tool = cJSON_GetObjectItemCaseSensitive(results, "tool");
  size_t nr = (size_t)cJSON_GetArraySize(rules), nf = (size_t)cJSON_GetArraySize(findings), nk = nr + nf;
  const char **keys = calloc(nk ? nk : 1, sizeof *keys);
  const cJSON **src = calloc(nk ? nk : 1, sizeof *src);
  int *index = calloc(nk ? nk : 1, sizeof *index);
  ca_dup *dup = calloc(nk ? nk : 1, sizeof *dup);
  char (*prints)[72] = calloc(nf ? nf : 1, sizeof *prints);
  const char **pkeys = calloc(nf ? nf : 1, sizeof *pkeys);
  ca_dup *pdup = calloc(nf ? nf : 1, sizeof *pdup);
  const cJSON **fv = calloc(nf ? nf : 1, sizeof *fv);
  size_t *kept_at = calloc(nf ? nf : 1, sizeof *kept_at);
  cJSON *log = cJSON_CreateObject();
  int rc = -1;
  if (!keys || !src || !index || !dup || !prints || !pkeys || !pdup || !fv || !kept_at || !log) goto oom;

  /* Rule index: the rules' IDs, then each finding's rule_id; the first
   * occurrence of an ID makes its descriptor (a rule that failed to load
   * has no rules[] entry, only its finding). */
  size_t i = 0;
  const cJSON *x;
  cJSON_ArrayForEach(x, rules) src[i] = x, keys[i++] = ca_rstr(x, "id", "");
  cJSON_ArrayForEach(x, findings) src[i] = x, keys[i++] = ca_rstr(x, "rule_id", "");
  if (ca_dups(keys, nk, dup)) goto oom;

  cJSON_AddStringToObject(log, "$schema", SARIF_SCHEMA);
  cJSON_AddStringToObject(log, "version", "2.1.0");
  cJSON *run = cJSON_CreateObject();
  cJSON_AddItemToArray(cJSON_AddArrayToObject(log, "runs"), run);
  cJSON *driver = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "tool"), "driver");
  cJSON_AddStringToObject(driver, "name", *ca_rstr(tool, "name", "") ? ca_rstr(tool, "name", "") : "connect-auditor");
  if (*ca_rstr(tool, "version", "")) cJSON_AddStringToObject(driver, "version", ca_rstr(tool, "version", ""));
  cJSON *rv = cJSON_AddArrayToObject(driver, "rules");
  int nrules = 0;
  for (i = 0; i < nk; i++)
    if (dup[i].first == i) {
      index[i] = nrules++;
      cJSON_AddItemToArray(rv, descriptor(src[i]));
    }
  cJSON *inv = cJSON_CreateObject();
  cJSON_AddBoolToObject(inv, "executionSuccessful", 1);
  cJSON_AddItemToArray(cJSON_AddArrayToObject(run, "invocations"), inv);

  /* Fingerprints: a rule can report one resource more than once with the
   * same evidence paths (or none, as errors have): the second and later of
   * those get "#n" in their hash input, so no two results share one. */
  i = 0;
  cJSON_ArrayForEach(x, findings) {
    fingerprint(x, prints[i]);
    pkeys[i] = prints[i];
    i++;
  }
  if (ca_dups(pkeys, nf, pdup)) goto oom;
  /* the artifact every result points into: the snapshot file audited */
  const cJSON *snap = cJSON_GetObjectItemCaseSensitive(results, "snapshot");
  const char *file = ca_rstr(snap, "file", "");
  ca_buf uri;
  ca_buf_init(&uri, 4 * 4096 + 16);
  uri_of(*file ? file : "snapshot.json", &uri);   /* a results.json from before snapshot.file: a name, no region */
  cJSON *rs = cJSON_AddArrayToObject(run, "results");
  /* Past GitHub's limit: the failing, erroring and waived results first (in
   * findings order), then the others, while room is left; deterministic. */
  i = 0;
  cJSON_ArrayForEach(x, findings) {
    if (pdup[i].ord) {
      char again[96];
      snprintf(again, sizeof again, "%s#%zu", prints[i], pdup[i].ord);
      ca_sha256_hex(again, strlen(again), prints[i]);
    }
    i++;
  }
  size_t kept = 0;
  const cJSON *inputs = ca_robj(results, "estate") ? cJSON_GetObjectItemCaseSensitive(results, "inputs") : NULL;
  i = 0;
  cJSON_ArrayForEach(x, findings) fv[i++] = x;
  for (int pass = nf <= CA_SARIF_MAX_RESULTS ? 2 : 0; pass < 3; pass++) {   /* 0 failing, 1 the rest, 2 all */
    for (i = 0; i < nf; i++) {
      const char *st = ca_rstr(fv[i], "status", "");
      int failing = !strcmp(st, "fail") || !strcmp(st, "error") || !strcmp(st, "waived");
      if ((pass == 2 || failing == (pass == 0)) && kept < CA_SARIF_MAX_RESULTS) kept_at[kept++] = i;
    }
    if (pass == 1) break;
  }
  ca_buf one;
  ca_buf_init(&one, 4 * 4096 + 16);
  results_of rs_of = {fv, kept_at, index, dup, nr, prints, inputs ? NULL : uri.data, inputs, NULL, &one};

  cJSON *props = cJSON_AddObjectToObject(run, "properties");
  cJSON_AddStringToObject(props, "resultsSchema", ca_rstr(results, "schema", ""));
  cJSON_AddStringToObject(props, "generatedAt", ca_rstr(results, "generated_at", ""));
  if (kept < nf) {
    char note[200];
    snprintf(note, sizeof note, "%zu of %zu findings are results here (GitHub code scanning accepts at most %d a run); "
             "failing and erroring ones first; results.json has them all", kept, nf, CA_SARIF_MAX_RESULTS);
    cJSON *t = cJSON_AddObjectToObject(props, "truncated");
    cJSON_AddNumberToObject(t, "results", (double)kept);
    cJSON_AddNumberToObject(t, "findings", (double)nf);
    cJSON_AddStringToObject(t, "note", note);
  }
  const cJSON *sel = cJSON_GetObjectItemCaseSensitive(results, "selection");
  if (sel) cJSON_AddItemToObject(props, "selection", cJSON_Duplicate(sel, 1));
  if (inputs) {   /* an estate: what was merged, each input by its hashes */
    cJSON_AddItemToObject(props, "estate", cJSON_Duplicate(ca_robj(results, "estate"), 1));
    cJSON *ins = cJSON_AddArrayToObject(props, "inputs");
    cJSON_ArrayForEach(x, inputs) {
      cJSON *p = cJSON_CreateObject();
      static const char *const fields[] = {"id", "account_id", "sha256", "digest"};
      for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++)
        cJSON_AddStringToObject(p, fields[k], ca_rstr(x, fields[k], ""));
      cJSON_AddItemToObject(p, "snapshot", cJSON_Duplicate(ca_robj(x, "snapshot"), 1));
      cJSON_AddItemToArray(ins, p);
    }
    cJSON_AddItemToObject(props, "unreached", cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(results, "unreached"), 1));
  } else {
    cJSON_AddItemToObject(props, "snapshot", snap ? cJSON_Duplicate(snap, 1) : cJSON_CreateObject());
  }
  cJSON *packs = cJSON_AddArrayToObject(props, "packs");
  cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(results, "packs")) {
    cJSON *p = cJSON_CreateObject();
    static const char *const fields[] = {"name", "version", "framework", "sha256"};
    for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++)
      cJSON_AddStringToObject(p, fields[k], ca_rstr(x, fields[k], ""));
    cJSON_AddItemToArray(packs, p);
  }

  /* cJSON escapes what JSON needs escaped but copies other bytes as they
   * are; a results.json from elsewhere may hold bytes that are not UTF-8,
   * which SARIF consumers refuse. Structure is ASCII, so cleaning the
   * printed text only touches the inside of strings. */
  rc = ca_print_filled(log, rs, kept, result_at, &rs_of, out);
  ca_buf_free(&uri);
  ca_buf_free(&one);
  if (rc == -2) goto oom;   /* -1: past the cap, report.c says so */
  goto done;
oom:
  rc = -1;
  ca_errf(err, CA_EXIT_RUN, "out of memory rendering results.sarif");
done:
  cJSON_Delete(log);
  free(keys);
  free(src);
  free(index);
  free(dup);
  free(prints);
  free(pkeys);
  free(pdup);
  free(fv);
  free(kept_at);
  return rc;
}
