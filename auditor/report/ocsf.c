/* ocsf.json: OCSF 1.1.0 Compliance Finding events (class_uid 2003, category
 * Findings 2), one per finding, as one JSON array in results.json's order --
 * what Amazon Security Lake and OCSF-reading SIEMs ingest.
 *
 * time (and finding_info.created_time) is the audit's clock, generated_at, as
 * epoch milliseconds (OCSF's timestamp_t), time_dt the same as text: never
 * this process's clock, so the same results give the same bytes.
 * finding_info.uid is the asff report's Id (stable across scans).  The field
 * list and the enum ids come from the OCSF schema (docs/formats.md says
 * which files); tests/findings_formats_check.py checks them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "report/report.h"
#include "report/text.h"

#define OCSF_VERSION "1.1.0"

/* "YYYY-MM-DDTHH:MM:SS[.fff]Z" -> epoch milliseconds (proleptic Gregorian,
 * days_from_civil), 0 when it is not such a time. */
static double epoch_ms(const char *t) {
  int y, mo, d, h, mi, s;
  if (sscanf(t, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6 || mo < 1 || mo > 12) return 0;
  y -= mo <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153L * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  long days = era * 146097 + doe - 719468;
  return ((double)days * 86400 + h * 3600 + mi * 60 + s) * 1000;
}

static void add_id(cJSON *o, const char *idk, int id, const char *namek, const char *name) {
  cJSON_AddNumberToObject(o, idk, id);
  cJSON_AddStringToObject(o, namek, name);
}

/* compliance.status_id: 1 Pass, 2 Warning ("did not yield a result due to
 * missing information": an error, an unanswered manual item), 3 Fail (a
 * waived failure too), 99 Other for a rule that did not apply. */
static void compliance_status(cJSON *c, const char *status, const char *answer) {
  if (!strcmp(status, "manual") && answer) status = !strcmp(answer, "yes") ? "pass" : !strcmp(answer, "no") ? "fail" : "skipped";
  if (!strcmp(status, "pass")) add_id(c, "status_id", 1, "status", "Pass");
  else if (!strcmp(status, "fail") || !strcmp(status, "waived")) add_id(c, "status_id", 3, "status", "Fail");
  else if (!strcmp(status, "skipped")) add_id(c, "status_id", 99, "status", "Not applicable");
  else add_id(c, "status_id", 2, "status", "Warning");
}

static cJSON *event(const cJSON *results, const cJSON *f, size_t ord) {
  const cJSON *snap = ca_robj(results, "snapshot"), *res = ca_robj(f, "resource");
  const char *account = ca_rstr(snap, "account_id", ""), *arn = ca_rstr(res, "arn", "");
  const char *region = ca_rstr(res, "region", "");
  const cJSON *r0 = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(snap, "regions"), 0);
  if (!*region && cJSON_IsString(r0)) region = r0->valuestring;
  const char *rule = ca_rstr(f, "rule_id", "unknown-rule"), *status = ca_rstr(f, "status", "");
  const char *when = ca_rstr(results, "generated_at", "1970-01-01T00:00:00Z");
  const char *msg = ca_rstr(f, "message", "");
  static const char *const sev_names[] = {"Critical", "High", "Medium", "Low", "Informational"};
  int sr = ca_severity_rank(ca_rstr(f, "severity", ""));
  char buf[1024];

  cJSON *e = cJSON_CreateObject();
  add_id(e, "activity_id", 1, "activity_name", "Create");
  add_id(e, "category_uid", 2, "category_name", "Findings");
  add_id(e, "class_uid", 2003, "class_name", "Compliance Finding");
  add_id(e, "type_uid", 200301, "type_name", "Compliance Finding: Create");
  if (sr < 0) add_id(e, "severity_id", 0, "severity", "Unknown");
  else add_id(e, "severity_id", 5 - sr, "severity", sev_names[sr]);
  if (!strcmp(status, "pass")) add_id(e, "status_id", 4, "status", "Resolved");
  else if (!strcmp(status, "waived")) add_id(e, "status_id", 3, "status", "Suppressed");
  else add_id(e, "status_id", 1, "status", "New");
  cJSON_AddNumberToObject(e, "time", epoch_ms(when));
  cJSON_AddStringToObject(e, "time_dt", when);
  cJSON_AddStringToObject(e, "message", *msg ? msg : rule);
  cJSON *md = cJSON_AddObjectToObject(e, "metadata");
  cJSON_AddStringToObject(md, "version", OCSF_VERSION);
  cJSON *prod = cJSON_AddObjectToObject(md, "product");
  cJSON_AddStringToObject(prod, "name", ca_rstr(ca_robj(results, "tool"), "name", "connect-auditor"));
  cJSON_AddStringToObject(prod, "vendor_name", "connect-auditor");
  cJSON_AddStringToObject(prod, "version", ca_rstr(ca_robj(results, "tool"), "version", ""));

  ca_finding_uid(buf, sizeof buf, account, rule, arn, ord);   /* the asff report's Id */
  cJSON *fi = cJSON_AddObjectToObject(e, "finding_info");
  cJSON_AddStringToObject(fi, "uid", buf);
  cJSON_AddStringToObject(fi, "title", *ca_rstr(f, "title", "") ? ca_rstr(f, "title", "") : rule);
  cJSON_AddStringToObject(fi, "desc", *msg ? msg : rule);
  cJSON_AddNumberToObject(fi, "created_time", epoch_ms(when));
  cJSON *types = cJSON_AddArrayToObject(fi, "types");
  cJSON *an = cJSON_AddObjectToObject(fi, "analytic");
  add_id(an, "type_id", 1, "type", "Rule");
  cJSON_AddStringToObject(an, "uid", rule);
  cJSON_AddStringToObject(an, "name", *ca_rstr(f, "title", "") ? ca_rstr(f, "title", "") : rule);

  cJSON *comp = cJSON_AddObjectToObject(e, "compliance");
  cJSON *standards = cJSON_AddArrayToObject(comp, "standards");
  cJSON *reqs = cJSON_AddArrayToObject(comp, "requirements");
  const cJSON *c;
  cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(f, "controls")) {
    const char *fw = ca_rstr(c, "framework", "?");
    int seen = 0;
    const cJSON *x;
    cJSON_ArrayForEach(x, standards) seen |= !strcmp(x->valuestring, fw);
    if (!seen) {
      cJSON_AddItemToArray(standards, cJSON_CreateString(fw));
      cJSON_AddItemToArray(types, cJSON_CreateString(fw));
    }
    snprintf(buf, sizeof buf, "%s %s", fw, ca_rstr(c, "id", "?"));
    cJSON_AddItemToArray(reqs, cJSON_CreateString(buf));
  }
  if (!cJSON_GetArraySize(standards)) cJSON_AddItemToArray(standards, cJSON_CreateString("connect-auditor"));
  cJSON_AddStringToObject(comp, "control", rule);
  compliance_status(comp, status, ca_rstr(ca_robj(f, "attestation"), "answer", NULL));
  cJSON_AddStringToObject(comp, "status_code", *status ? status : "unknown");

  cJSON *cloud = cJSON_AddObjectToObject(e, "cloud");
  cJSON_AddStringToObject(cloud, "provider", "AWS");
  if (*region) cJSON_AddStringToObject(cloud, "region", region);
  cJSON *acct = cJSON_AddObjectToObject(cloud, "account");
  cJSON_AddStringToObject(acct, "uid", account);
  add_id(acct, "type_id", 10, "type", "AWS Account");
  cJSON *rs = cJSON_AddArrayToObject(e, "resources");
  cJSON *r = cJSON_CreateObject();
  cJSON_AddStringToObject(r, "uid", *arn ? arn : rule);
  if (*ca_rstr(res, "name", "")) cJSON_AddStringToObject(r, "name", ca_rstr(res, "name", ""));
  cJSON_AddStringToObject(r, "type", *ca_rstr(res, "type", "") ? ca_rstr(res, "type", "") : "unknown");
  if (*region) cJSON_AddStringToObject(r, "region", region);
  cJSON_AddStringToObject(r, "cloud_partition", ca_partition_of(arn, region));
  cJSON_AddItemToArray(rs, r);
  const char *rem = ca_rstr(f, "remediation", "");
  if (*rem) cJSON_AddStringToObject(cJSON_AddObjectToObject(e, "remediation"), "desc", rem);
  return e;
}

/* The events, made one at a time as ca_print_filled prints them. */
typedef struct events_of {
  const cJSON *results, *f;   /* f: the next finding */
  const ca_dup *dup;
} events_of;

static cJSON *event_at(void *arg, size_t i) {
  events_of *e = arg;
  const cJSON *f = e->f;
  e->f = f->next;
  return event(e->results, f, e->dup[i].ord);
}

int ca_render_ocsf(const cJSON *results, ca_buf *out, ca_err *err) {
  const cJSON *findings = cJSON_GetObjectItemCaseSensitive(results, "findings");
  size_t n = (size_t)cJSON_GetArraySize(findings);
  int rc = -1;
  ca_dup *dup = ca_finding_ranks(findings, n);
  cJSON *list = cJSON_CreateArray();
  if (!dup || !list) goto oom;
  events_of ev = {results, findings ? findings->child : NULL, dup};
  rc = ca_print_filled(list, list, n, event_at, &ev, out);
  if (rc == -2) goto oom;   /* -1: past the cap, report.c says so */
  goto done;
oom:
  rc = -1;
  ca_errf(err, CA_EXIT_RUN, "out of memory rendering ocsf.json");
done:
  cJSON_Delete(list);
  free(dup);
  return rc;
}
