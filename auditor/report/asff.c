/* asff-NNN.json: AWS Security Finding Format (ASFF 2018-10-08), for AWS
 * Security Hub's BatchImportFindings.
 *
 * BatchImportFindings takes at most 100 findings a call (the botocore model's
 * BatchImportFindingsRequestFindingList: min 1, max 100), so the findings are
 * written in batches: part i (asff-001.json, asff-002.json, ...) is a JSON
 * array of the results' findings 100i .. 100i+99, in results.json's order,
 * each file ready for `aws securityhub batch-import-findings --findings
 * file://asff-001.json`.  No findings: one file holding [] (nothing to import).
 *
 * Every finding maps to one ASFF finding (docs/formats.md has the table):
 * Id is stable across scans -- the rule, the resource ARN and the finding's
 * rank among the rule's findings on that resource, hashed -- so importing the
 * next scan updates the finding instead of adding one; CreatedAt and
 * UpdatedAt are the audit's clock (generated_at), never this process's, so
 * the same results give the same bytes.  The product is the account's own
 * default product (arn:<partition>:securityhub:<region>:<account>:
 * product/<account>/default), the one Security Hub accepts findings from
 * without a partner integration.  Strings past ASFF's limits (Title 256,
 * Description 1024, Remediation.Recommendation.Text 512 characters) are cut
 * at a character boundary with "..." so that the import is not refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ca_limits.h"
#include "report/report.h"
#include "report/text.h"

#define ASFF_BATCH 100
#define ASFF_TITLE_MAX 256
#define ASFF_DESC_MAX 1024
#define ASFF_TEXT_MAX 512
#define ASFF_REQUIREMENTS_MAX 32   /* Compliance.RelatedRequirements: at most 32 items */

static const cJSON *findings_of(const cJSON *results) {
  return cJSON_GetObjectItemCaseSensitive(results, "findings");
}

/* The ranks are the same for every part: ca_asff_parts, which
 * ca_report_write calls before it renders the parts, works them out once
 * for its results (at 100 findings a part, doing it per part cost a sort of
 * every finding per 100 of them); a part of any other results works them
 * out itself. */
static struct {
  const cJSON *results;
  size_t n;
  ca_dup *dup;
} ranks;

size_t ca_asff_parts(const cJSON *results) {
  size_t n = (size_t)cJSON_GetArraySize(findings_of(results));
  free(ranks.dup);
  ranks.dup = ca_finding_ranks(findings_of(results), n);
  ranks.results = results;
  ranks.n = n;
  return n ? (n + ASFF_BATCH - 1) / ASFF_BATCH : 1;
}

/* At most max characters (UTF-8 code points): longer text is cut at a code
 * point boundary and ends in "...". */
static void add_limited(cJSON *o, const char *key, const char *s, size_t max) {
  size_t chars = 0, i = 0, cut = 0;
  for (; s[i]; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80) {
      if (chars == max - 3) cut = i;
      chars++;
    }
  if (chars <= max) {
    cJSON_AddStringToObject(o, key, s);
    return;
  }
  char *t = malloc(cut + 4);
  if (!t) return;
  memcpy(t, s, cut);
  memcpy(t + cut, "...", 4);
  cJSON_AddStringToObject(o, key, t);
  free(t);
}

/* The model's NonEmptyString: ".*\\S.*". */
static int has_text(const char *s) {
  for (; *s; s++)
    if (!strchr(" \t\r\n\f\v", *s)) return 1;
  return 0;
}

/* ASFF's own resource types for the ones it has; "Other" for the rest. */
static const char *resource_type(const char *type) {
  static const struct { const char *ours, *asff; } map[] = {
    {"s3_bucket", "AwsS3Bucket"}, {"lambda_function", "AwsLambdaFunction"}, {"kms_key", "AwsKmsKey"},
    {"kinesis_stream", "AwsKinesisStream"}, {"iam_role", "AwsIamRole"}, {"logs_log_group", "Other"}};
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (!strcmp(type, map[i].ours)) return map[i].asff;
  return "Other";
}

/* Finding types (the ASFF types taxonomy, namespace/category/classifier):
 * Industry and Regulatory Standards for the regulatory frameworks, AWS
 * Security Best Practices for the baseline; a framework the taxonomy does
 * not name is its own classifier, as the taxonomy allows. */
static const char *type_of(const char *fw, char *buf, size_t n) {
  static const struct { const char *fw, *type; } map[] = {
    {"PCI-DSS-4.0", "Software and Configuration Checks/Industry and Regulatory Standards/PCI-DSS Controls"},
    {"HIPAA", "Software and Configuration Checks/Industry and Regulatory Standards/HIPAA Controls (USA)"},
    {"PII", "Software and Configuration Checks/Industry and Regulatory Standards/GDPR Controls (Europe)"},
    {"BASELINE", "Software and Configuration Checks/AWS Security Best Practices"}};
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (!strcmp(fw, map[i].fw)) return map[i].type;
  snprintf(buf, n, "Software and Configuration Checks/Industry and Regulatory Standards/%s", fw);
  return buf;
}

static void add_unique(cJSON *list, const char *s) {
  const cJSON *x;
  cJSON_ArrayForEach(x, list) if (!strcmp(x->valuestring, s)) return;
  cJSON_AddItemToArray(list, cJSON_CreateString(s));
}

/* PASSED / FAILED / WARNING / NOT_AVAILABLE (the model's ComplianceStatus):
 * an error (evidence missing) and an unanswered manual item are WARNING,
 * "some information is missing" in Security Hub's words, never PASSED; a
 * waived failure stays FAILED (its workflow is SUPPRESSED). */
static const char *compliance_status(const char *status, const char *answer) {
  if (!strcmp(status, "pass")) return "PASSED";
  if (!strcmp(status, "fail") || !strcmp(status, "waived")) return "FAILED";
  if (!strcmp(status, "manual") && answer) return !strcmp(answer, "yes") ? "PASSED" : !strcmp(answer, "no") ? "FAILED" : "NOT_AVAILABLE";
  if (!strcmp(status, "skipped")) return "NOT_AVAILABLE";
  return "WARNING";
}

static const char *severity_label(const char *sev) {
  static const char *const labels[] = {"CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL"};
  int r = ca_severity_rank(sev);
  return r < 0 ? "MEDIUM" : labels[r];   /* a results.json from elsewhere: no severity is not no risk */
}

static cJSON *asff_finding(const cJSON *results, const cJSON *f, size_t ord) {
  const cJSON *snap = ca_robj(results, "snapshot"), *res = ca_robj(f, "resource");
  const char *account = ca_rstr(snap, "account_id", ""), *arn = ca_rstr(res, "arn", "");
  const char *region = ca_rstr(res, "region", "");
  const cJSON *regions = cJSON_GetObjectItemCaseSensitive(snap, "regions");
  const cJSON *r0 = cJSON_GetArrayItem(regions, 0);
  if (!*region && cJSON_IsString(r0)) region = r0->valuestring;   /* a policy error, a global resource */
  if (!*region) region = "us-east-1";
  const char *partition = ca_partition_of(arn, region);
  const char *rule = ca_rstr(f, "rule_id", "unknown-rule"), *status = ca_rstr(f, "status", "");
  const char *answer = ca_rstr(ca_robj(f, "attestation"), "answer", NULL);
  char buf[1024];

  cJSON *a = cJSON_CreateObject();
  cJSON_AddStringToObject(a, "SchemaVersion", "2018-10-08");
  ca_finding_uid(buf, sizeof buf, account, rule, arn, ord);
  cJSON_AddStringToObject(a, "Id", buf);
  snprintf(buf, sizeof buf, "arn:%s:securityhub:%s:%s:product/%s/default", partition, region, account, account);
  cJSON_AddStringToObject(a, "ProductArn", buf);
  cJSON_AddStringToObject(a, "ProductName", "connect-auditor");
  cJSON_AddStringToObject(a, "CompanyName", "connect-auditor");
  snprintf(buf, sizeof buf, "connect-auditor/%s", rule);
  cJSON_AddStringToObject(a, "GeneratorId", buf);
  cJSON_AddStringToObject(a, "AwsAccountId", account);
  cJSON *types = cJSON_AddArrayToObject(a, "Types");
  const cJSON *c, *controls = cJSON_GetObjectItemCaseSensitive(f, "controls");
  cJSON_ArrayForEach(c, controls) add_unique(types, type_of(ca_rstr(c, "framework", "?"), buf, sizeof buf));
  if (!cJSON_GetArraySize(types)) cJSON_AddItemToArray(types, cJSON_CreateString("Software and Configuration Checks"));
  const char *when = ca_rstr(results, "generated_at", "1970-01-01T00:00:00Z");
  cJSON_AddStringToObject(a, "CreatedAt", when);
  cJSON_AddStringToObject(a, "UpdatedAt", when);
  cJSON *sev = cJSON_AddObjectToObject(a, "Severity");
  cJSON_AddStringToObject(sev, "Label", severity_label(ca_rstr(f, "severity", "")));
  if (*ca_rstr(f, "severity", "")) cJSON_AddStringToObject(sev, "Original", ca_rstr(f, "severity", ""));
  const char *title = ca_rstr(f, "title", ""), *msg = ca_rstr(f, "message", "");
  add_limited(a, "Title", has_text(title) ? title : rule, ASFF_TITLE_MAX);
  snprintf(buf, sizeof buf, "%s: %s", status, rule);
  add_limited(a, "Description", has_text(msg) ? msg : buf, ASFF_DESC_MAX);
  const char *rem = ca_rstr(f, "remediation", "");
  if (has_text(rem)) {
    cJSON *rec = cJSON_AddObjectToObject(cJSON_AddObjectToObject(a, "Remediation"), "Recommendation");
    add_limited(rec, "Text", rem, ASFF_TEXT_MAX);
  }
  cJSON *pf = cJSON_AddObjectToObject(a, "ProductFields");
  cJSON_AddStringToObject(pf, "connect-auditor/rule_id", rule);
  cJSON_AddStringToObject(pf, "connect-auditor/status", *status ? status : "unknown");
  if (*ca_rstr(f, "pack", "")) cJSON_AddStringToObject(pf, "connect-auditor/pack", ca_rstr(f, "pack", ""));
  if (*ca_rstr(f, "practice", "")) cJSON_AddStringToObject(pf, "connect-auditor/practice", ca_rstr(f, "practice", ""));
  cJSON *rs = cJSON_AddArrayToObject(a, "Resources");
  cJSON *r = cJSON_CreateObject();
  cJSON_AddStringToObject(r, "Type", resource_type(ca_rstr(res, "type", "")));
  cJSON_AddStringToObject(r, "Id", *arn ? arn : rule);
  cJSON_AddStringToObject(r, "Partition", partition);
  cJSON_AddStringToObject(r, "Region", region);
  if (*ca_rstr(res, "name", "") || *ca_rstr(res, "type", "")) {
    cJSON *d = cJSON_AddObjectToObject(cJSON_AddObjectToObject(r, "Details"), "Other");
    if (*ca_rstr(res, "type", "")) cJSON_AddStringToObject(d, "connect-auditor/type", ca_rstr(res, "type", ""));
    if (*ca_rstr(res, "name", "")) add_limited(d, "connect-auditor/name", ca_rstr(res, "name", ""), 1023);
  }
  cJSON_AddItemToArray(rs, r);
  cJSON *comp = cJSON_AddObjectToObject(a, "Compliance");
  cJSON_AddStringToObject(comp, "Status", compliance_status(status, answer));
  cJSON *req = cJSON_CreateArray();
  cJSON_ArrayForEach(c, controls) {
    if (cJSON_GetArraySize(req) == ASFF_REQUIREMENTS_MAX) break;
    snprintf(buf, sizeof buf, "%s %s", ca_rstr(c, "framework", "?"), ca_rstr(c, "id", "?"));
    add_unique(req, buf);
  }
  if (cJSON_GetArraySize(req)) cJSON_AddItemToObject(comp, "RelatedRequirements", req);
  else cJSON_Delete(req);
  cJSON *wf = cJSON_AddObjectToObject(a, "Workflow");
  cJSON_AddStringToObject(wf, "Status", !strcmp(status, "waived") ? "SUPPRESSED" : !strcmp(status, "pass") ? "RESOLVED" : "NEW");
  cJSON_AddStringToObject(a, "RecordState", "ACTIVE");
  return a;
}

int ca_render_asff_part(const cJSON *results, size_t part, ca_buf *out, ca_err *err) {
  const cJSON *findings = findings_of(results);
  size_t n = (size_t)cJSON_GetArraySize(findings), lo = part * ASFF_BATCH, hi = lo + ASFF_BATCH;
  if (hi > n) hi = n;
  int rc = -1;
  char *text = NULL;
  ca_dup *own = NULL, *dup = ranks.dup && ranks.results == results && ranks.n == n ? ranks.dup
                                                                                  : (own = ca_finding_ranks(findings, n));
  cJSON *batch = cJSON_CreateArray();
  if (!dup || !batch) goto oom;
  size_t i = 0;
  const cJSON *f;
  cJSON_ArrayForEach(f, findings) {
    if (i >= lo && i < hi) cJSON_AddItemToArray(batch, asff_finding(results, f, dup[i].ord));
    i++;
  }
  /* as in results.sarif: structure is ASCII, so cleaning touches only strings */
  text = cJSON_Print(batch);
  if (!text) goto oom;
  rc = ca_text_clean(out, text, strlen(text)) || ca_buf_adds(out, "\n") ? -1 : 0;
  goto done;
oom:
  ca_errf(err, CA_EXIT_RUN, "out of memory rendering the ASFF findings");
done:
  free(text);
  cJSON_Delete(batch);
  free(own);
  return rc;
}

int ca_render_asff(const cJSON *results, ca_buf *out, ca_err *err) {
  return ca_render_asff_part(results, 0, out, err);
}
