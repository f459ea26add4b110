#include "results/load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "results/accept.h"
#include "results/results.h"
#include "results/vocab.h"
#include "util/fsutil.h"
#include "util/jsonfile.h"
#include "util/sha256.h"

/* ---- the shape ------------------------------------------------------------- */

/* The pointer of member k of the object at ptr (k NULL: ptr itself). */
typedef struct at {
  const char *label;
  ca_err *err;
} at;

static int bad(const at *a, const char *ptr, const char *k, const char *what) {
  return ca_errf(a->err, CA_EXIT_USAGE, "%s: %s%s%s: expected %s", a->label, ptr, k ? "/" : "", k ? k : "", what);
}

static const cJSON *member(const cJSON *o, const char *k) { return cJSON_GetObjectItemCaseSensitive(o, k); }

static int need_str(const at *a, const cJSON *o, const char *ptr, const char *k) {
  return cJSON_IsString(member(o, k)) ? 0 : bad(a, ptr, k, "a string");
}

static int need_strs(const at *a, const cJSON *o, const char *ptr, const char *const *keys) {
  for (int i = 0; keys[i]; i++)
    if (need_str(a, o, ptr, keys[i])) return -1;
  return 0;
}

static int is_hex(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!s[i] || !strchr("0123456789abcdef", s[i])) return 0;
  return 1;
}

static int is_hex64(const cJSON *v) {
  return cJSON_IsString(v) && strlen(v->valuestring) == 64 && is_hex(v->valuestring, 64);
}

static int need_hex(const at *a, const cJSON *o, const char *ptr, const char *k) {
  return is_hex64(member(o, k)) ? 0 : bad(a, ptr, k, "a SHA-256: 64 lowercase hex digits");
}

static int need_type(const at *a, const cJSON *o, const char *ptr, const char *k, int type) {
  const cJSON *v = member(o, k);
  if (type == cJSON_Object ? cJSON_IsObject(v) : type == cJSON_Array ? cJSON_IsArray(v) : cJSON_IsNumber(v)) return 0;
  return bad(a, ptr, k, type == cJSON_Object ? "an object" : type == cJSON_Array ? "an array" : "a number");
}

static int null_or_object(const at *a, const cJSON *o, const char *ptr, const char *k) {
  const cJSON *v = member(o, k);
  return cJSON_IsNull(v) || cJSON_IsObject(v) ? 0 : bad(a, ptr, k, "null or an object");
}

static int one_of(const char *s, const char *const *v) {
  for (int i = 0; v[i]; i++)
    if (!strcmp(v[i], s)) return 1;
  return 0;
}

static int check_controls(const at *a, const cJSON *o, const char *ptr) {
  if (need_type(a, o, ptr, "controls", cJSON_Array)) return -1;
  char p[96];
  int i = 0;
  for (const cJSON *c = member(o, "controls")->child; c; c = c->next, i++) {
    snprintf(p, sizeof p, "%s/controls/%d", ptr, i);
    if (!cJSON_IsObject(c)) return bad(a, p, NULL, "an object");
    if (need_strs(a, c, p, (const char *const[]){"framework", "id", NULL})) return -1;
  }
  return 0;
}

static int check_finding(const at *a, const cJSON *f, int i) {
  char p[64], q[96];
  snprintf(p, sizeof p, "/findings/%d", i);
  if (!cJSON_IsObject(f)) return bad(a, p, NULL, "an object");
  static const char *const keys[] = {"rule_id", "title", "status", "severity", "practice", "pack", "message",
                                     "remediation", NULL};
  if (need_strs(a, f, p, keys)) return -1;
  if (!one_of(member(f, "status")->valuestring, ca_statuses))
    return bad(a, p, "status", "pass, fail, error, manual, skipped or waived");
  if (!one_of(member(f, "severity")->valuestring, ca_severities))
    return bad(a, p, "severity", "critical, high, medium, low or info");
  if (need_type(a, f, p, "resource", cJSON_Object)) return -1;
  snprintf(q, sizeof q, "%s/resource", p);
  if (need_strs(a, member(f, "resource"), q, (const char *const[]){"arn", "type", "name", "region", NULL}))
    return -1;
  if (check_controls(a, f, p) || need_type(a, f, p, "evidence", cJSON_Array)) return -1;
  int k = 0;
  for (const cJSON *e = member(f, "evidence")->child; e; e = e->next, k++) {
    snprintf(q, sizeof q, "%s/evidence/%d", p, k);
    if (!cJSON_IsObject(e)) return bad(a, q, NULL, "an object");
    if (member(e, "path") && need_str(a, e, q, "path")) return -1;   /* a note may have no pointer */
  }
  if (need_type(a, f, p, "parameters", cJSON_Object)) return -1;
  return null_or_object(a, f, p, "waiver") || null_or_object(a, f, p, "attestation") ? -1 : 0;
}

static int check_accepted(const at *a, const cJSON *doc, const char *k) {
  if (null_or_object(a, doc, "", k)) return -1;
  const cJSON *v = member(doc, k);
  char p[32];
  snprintf(p, sizeof p, "/%s", k);
  return cJSON_IsObject(v) && need_hex(a, v, p, "sha256") ? -1 : 0;
}

int ca_results_check(const cJSON *doc, const char *label, ca_err *err) {
  at a = {label, err};
  const cJSON *v;
  if (!cJSON_IsObject(doc) || !cJSON_IsString(member(doc, "schema")) ||
      strcmp(member(doc, "schema")->valuestring, CA_RESULTS_SCHEMA))
    return bad(&a, "/schema", NULL, "\"" CA_RESULTS_SCHEMA "\"");
  if (need_type(&a, doc, "", "tool", cJSON_Object) ||
      need_strs(&a, member(doc, "tool"), "/tool", (const char *const[]){"name", "version", NULL}))
    return -1;
  if (need_type(&a, doc, "", "snapshot", cJSON_Object)) return -1;
  v = member(doc, "snapshot");
  if (need_hex(&a, v, "/snapshot", "sha256") ||
      need_strs(&a, v, "/snapshot", (const char *const[]){"collected_at", "account_id", NULL}) ||
      need_type(&a, v, "/snapshot", "regions", cJSON_Array) || need_type(&a, v, "/snapshot", "errors", cJSON_Number))
    return -1;
  if (need_type(&a, doc, "", "packs", cJSON_Array)) return -1;
  int i = 0;
  char p[64];
  for (const cJSON *e = member(doc, "packs")->child; e; e = e->next, i++) {
    snprintf(p, sizeof p, "/packs/%d", i);
    if (!cJSON_IsObject(e)) return bad(&a, p, NULL, "an object");
    if (need_strs(&a, e, p, (const char *const[]){"name", "version", "framework", NULL}) || need_hex(&a, e, p, "sha256") ||
        need_type(&a, e, p, "parameters", cJSON_Object))
      return -1;
  }
  /* the catalogues judged against (absent in results.json written before them) */
  if (member(doc, "frameworks")) {
    if (need_type(&a, doc, "", "frameworks", cJSON_Array)) return -1;
    i = 0;
    for (const cJSON *e = member(doc, "frameworks")->child; e; e = e->next, i++) {
      snprintf(p, sizeof p, "/frameworks/%d", i);
      if (!cJSON_IsObject(e)) return bad(&a, p, NULL, "an object");
      if (need_strs(&a, e, p, (const char *const[]){"name", "title", "version", "source", "pack", "file", NULL}) ||
          need_hex(&a, e, p, "sha256") || need_type(&a, e, p, "controls", cJSON_Array))
        return -1;
      int k = 0;
      char q[96];
      for (const cJSON *c = member(e, "controls")->child; c; c = c->next, k++) {
        snprintf(q, sizeof q, "/frameworks/%d/controls/%d", i, k);
        if (!cJSON_IsObject(c)) return bad(&a, q, NULL, "an object");
        if (need_strs(&a, c, q, (const char *const[]){"id", "title", NULL})) return -1;
      }
    }
  }
  long long t;
  if (need_str(&a, doc, "", "generated_at")) return -1;
  if (ca_time_parse(member(doc, "generated_at")->valuestring, 0, &t))
    return bad(&a, "/generated_at", NULL, "an RFC 3339 time");
  if (check_accepted(&a, doc, "waivers") || check_accepted(&a, doc, "attestations")) return -1;
  if (need_type(&a, doc, "", "rules", cJSON_Array)) return -1;
  i = 0;
  for (const cJSON *e = member(doc, "rules")->child; e; e = e->next, i++) {
    snprintf(p, sizeof p, "/rules/%d", i);
    if (!cJSON_IsObject(e)) return bad(&a, p, NULL, "an object");
    if (need_strs(&a, e, p, (const char *const[]){"id", "title", "severity", "pack", "file", NULL}) ||
        check_controls(&a, e, p))
      return -1;
    if (!one_of(member(e, "severity")->valuestring, ca_severities))
      return bad(&a, p, "severity", "critical, high, medium, low or info");
  }
  if (need_type(&a, doc, "", "findings", cJSON_Array)) return -1;
  const cJSON *fs = member(doc, "findings");
  i = 0;
  for (const cJSON *f = fs->child; f; f = f->next, i++)
    if (check_finding(&a, f, i)) return -1;
  /* the summary every report starts from: its counts must be numbers
   * (verify recomputes it from the findings) */
  if (need_type(&a, doc, "", "summary", cJSON_Object)) return -1;
  v = member(doc, "summary");
  if (need_type(&a, v, "/summary", "by_status", cJSON_Object) || need_type(&a, v, "/summary", "by_severity", cJSON_Object) ||
      need_type(&a, v, "/summary", "attested", cJSON_Object) || need_type(&a, v, "/summary", "frameworks", cJSON_Object) ||
      need_type(&a, v, "/summary", "findings", cJSON_Number))
    return -1;
  for (int k = 0; ca_statuses[k]; k++)
    if (need_type(&a, member(v, "by_status"), "/summary/by_status", ca_statuses[k], cJSON_Number)) return -1;
  if (member(v, "findings")->valuedouble != cJSON_GetArraySize(fs)) {
    char what[64];
    snprintf(what, sizeof what, "%d, the number of findings", cJSON_GetArraySize(fs));
    return bad(&a, "/summary/findings", NULL, what);
  }
  return 0;
}

/* ---- the digest ------------------------------------------------------------ */

#define LINE_HEAD "\t\"digest\":\t\"" CA_RESULTS_DIGEST_PREFIX
#define LINE_TAIL "\"\n}\n"
#define LINE_LEN (sizeof LINE_HEAD - 1 + 64 + sizeof LINE_TAIL - 1)

int ca_results_digest_of(const char *text, size_t len, const char *label, ca_results_digest *d, ca_err *err) {
  memset(d, 0, sizeof *d);
  const char *line = len >= LINE_LEN ? text + len - LINE_LEN : NULL;
  int ok = line && !memcmp(line, LINE_HEAD, sizeof LINE_HEAD - 1) &&
           !memcmp(text + len - (sizeof LINE_TAIL - 1), LINE_TAIL, sizeof LINE_TAIL - 1) && line > text &&
           line[-1] == '\n';
  if (ok) {
    memcpy(d->recorded, line + sizeof LINE_HEAD - 1, 64);
    ok = is_hex(d->recorded, 64);
  }
  if (!ok)
    return ca_errf(err, CA_EXIT_USAGE,
                   "%s: /digest: expected the last member, on the line before the closing brace: "
                   "\"digest\": \"sha256:<64 hex digits>\" (a results.json that audit or report wrote: "
                   "docs/diff.md, \"The results digest\")", label);
  ca_sha256_hex(text, (size_t)(line - text), d->actual);
  d->ok = !strcmp(d->recorded, d->actual);
  return 0;
}

int ca_results_accept(const char *label, const char *text, size_t len, cJSON *doc, ca_results_digest *d,
                      ca_err *err) {
  ca_results_digest mine;
  if (ca_results_check(doc, label, err)) return -1;
  /* the digest the parser sees is the one the bytes end with, and the only one */
  cJSON *last = doc->child;
  while (last && last->next) last = last->next;
  int n = 0;
  for (const cJSON *m = doc->child; m; m = m->next) n += m->string && !strcmp(m->string, "digest");
  if (ca_results_digest_of(text, len, label, d ? d : &mine, err)) return -1;
  if (n != 1 || !last->string || strcmp(last->string, "digest"))
    return ca_errf(err, CA_EXIT_USAGE, "%s: /digest: expected once, as the last member", label);
  if (!d && !mine.ok)
    return ca_errf(err, CA_EXIT_USAGE,
                   "%s: /digest: sha256:%s, but the bytes before it hash to sha256:%s: the file was changed after "
                   "it was written", label, mine.recorded, mine.actual);
  cJSON_Delete(cJSON_DetachItemViaPointer(doc, last));
  return 0;
}

int ca_results_parse(const char *label, const char *text, size_t len, cJSON **out, ca_results_digest *d,
                     ca_err *err) {
  cJSON *doc = NULL;
  *out = NULL;
  if (ca_json_parse(label, text, len, &doc, err)) return -1;
  if (ca_results_accept(label, text, len, doc, d, err)) {
    cJSON_Delete(doc);
    return -1;
  }
  *out = doc;
  return 0;
}

int ca_results_load(const char *path, cJSON **out, ca_results_digest *d, char **bytes, size_t *nbytes,
                    ca_err *err) {
  char *text;
  size_t len;
  *out = NULL;
  if (ca_read_file(path, CA_MAX_RESULTS_BYTES, &text, &len, err)) return -1;
  int rc = ca_results_parse(path, text, len, out, d, err);
  if (!rc && bytes) {
    *bytes = text;
    *nbytes = len;
  } else {
    free(text);
  }
  return rc;
}
