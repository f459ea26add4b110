/* iam.c -- each instance's service role (Instance.ServiceRole, Amazon
 * Connect's service-linked role AWSServiceRoleForAmazonConnect_*): IAM
 * GetRole (query protocol, XML answers, the global endpoint, signed for
 * us-east-1) into iam_role, keyed by the role ARN the instance names:
 * data.Role holds GetRole's Role members (Path, RoleName, RoleId, Arn,
 * CreateDate, Description, MaxSessionDuration as a number, RoleLastUsed) and
 * AssumeRolePolicyDocument URL-decoded and parsed, as the snapshot holds
 * policy documents.  NoSuchEntity (the role was deleted) is evidence of
 * absence: data.Role is null.  Any other failure is an errors[] entry
 * "iam:GetRole" against the role ARN, data.Role absent.  Import answers it
 * from the CLI's iam/get-role/NAME.json (role_replay).  A pass over the
 * snapshot once the instances are described (the plan's step). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/collect_int.h"
#include "collect/services.h"
#include "util/buf.h"

typedef struct rq {
  ca_col *c;
  cJSON *data;
  char arn[512];
} rq;

static int hexval(int ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

/* IAM returns policy documents URL-encoded inside the XML. */
static char *url_decode(const char *s) {
  size_t n = strlen(s);
  char *out = malloc(n + 1), *o = out;
  if (!out) return NULL;
  for (size_t i = 0; i < n; i++) {
    int h, l;
    if (s[i] == '%' && i + 2 < n && (h = hexval((unsigned char)s[i + 1])) >= 0 && (l = hexval((unsigned char)s[i + 2])) >= 0) {
      *o++ = (char)(h * 16 + l);
      i += 2;
    } else {
      *o++ = s[i] == '+' ? ' ' : s[i];
    }
  }
  *o = '\0';
  return out;
}

/* data.Role from GetRole's Role: the XML's (every value a string; the trust
 * policy URL-encoded) or the AWS CLI's JSON (import: MaxSessionDuration a
 * number, the trust policy decoded into an object already). */
static void role_in(ca_col *c, cJSON *data, const char *arn, const cJSON *role) {
  cJSON *out = cJSON_CreateObject();
  static const char *const strs[] = {"Path", "RoleName", "RoleId", "Arn", "CreateDate", "Description", NULL};
  for (int i = 0; strs[i]; i++)
    if (col_str(role, strs[i])) cJSON_AddStringToObject(out, strs[i], col_str(role, strs[i]));
  const cJSON *msd = cJSON_GetObjectItemCaseSensitive(role, "MaxSessionDuration");
  if (cJSON_IsString(msd) && *msd->valuestring) cJSON_AddNumberToObject(out, "MaxSessionDuration", strtod(msd->valuestring, NULL));
  else if (cJSON_IsNumber(msd)) cJSON_AddNumberToObject(out, "MaxSessionDuration", msd->valuedouble);
  const cJSON *last = cJSON_GetObjectItemCaseSensitive(role, "RoleLastUsed");
  if (cJSON_IsObject(last) && (col_str(last, "LastUsedDate") || col_str(last, "Region"))) {   /* never used: none */
    cJSON *lu = cJSON_AddObjectToObject(out, "RoleLastUsed");
    if (col_str(last, "LastUsedDate")) cJSON_AddStringToObject(lu, "LastUsedDate", col_str(last, "LastUsedDate"));
    if (col_str(last, "Region")) cJSON_AddStringToObject(lu, "Region", col_str(last, "Region"));
  }
  const cJSON *trust = cJSON_GetObjectItemCaseSensitive(role, "AssumeRolePolicyDocument");
  if (trust) {
    cJSON *parsed = NULL;
    if (cJSON_IsString(trust)) {
      char *text = url_decode(trust->valuestring);
      parsed = text ? cJSON_Parse(text) : NULL;
      free(text);
    } else if (cJSON_IsObject(trust)) {
      parsed = cJSON_Duplicate(trust, 1);
    }
    if (cJSON_IsObject(parsed)) cJSON_AddItemToObject(out, "AssumeRolePolicyDocument", parsed);
    else {
      cJSON_Delete(parsed);
      col_error(c, arn, "iam:GetRole", "MalformedResponse", "the role's AssumeRolePolicyDocument is not a JSON object");
    }
  }
  cJSON_AddItemToObject(data, "Role", out);
}

static void got_role(void *ud, int rc, ca_aws_resp *resp) {
  rq *q = ud;
  ca_col *c = q->c;
  col_progress_call(c, "iam:GetRole");
  if (rc && (!strcmp(resp->code, "NoSuchEntity") || resp->status == 404)) {
    cJSON_AddNullToObject(q->data, "Role");   /* the role does not exist */
    free(q);
    return;
  }
  if (rc) {
    col_error(c, q->arn, "iam:GetRole", resp->code, resp->message);
    free(q);
    return;
  }
  cJSON *doc = col_cw_xml_json(resp->body.data, resp->body.len);
  const cJSON *role = cJSON_GetObjectItemCaseSensitive(
      cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(doc, "GetRoleResponse"), "GetRoleResult"), "Role");
  if (!cJSON_IsObject(role)) col_error(c, q->arn, "iam:GetRole", "MalformedResponse", "the answer is not a GetRoleResponse with a Role");
  else role_in(c, q->data, q->arn, role);
  cJSON_Delete(doc);
  free(q);
}

/* import.c: the AWS CLI's answer (iam/get-role/NAME.json: {"Role": ...}),
 * its error file, or nothing (not exported: data.Role absent, no entry). */
static void role_replay(ca_col *c, cJSON *data, const char *arn, const char *name) {
  cJSON *body = cJSON_CreateObject();
  cJSON_AddStringToObject(body, "RoleName", name);
  col_call call = {"IAM", "iam", "iam", "GetRole", "POST", "/", NULL, 0, body};
  cJSON *ans = NULL;
  char code[128] = "", msg[512] = "";
  int r = c->replay(c, &call, &ans, code, sizeof code, msg, sizeof msg);
  cJSON_Delete(body);
  if (r < 0 && !strcmp(code, "NoSuchEntity")) cJSON_AddNullToObject(data, "Role");   /* the role does not exist */
  else if (r < 0) col_error(c, arn, "iam:GetRole", code, msg);
  else if (!r && !cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(ans, "Role")))
    col_error(c, arn, "iam:GetRole", "MalformedResponse", "the answer has no Role object");
  else if (!r) role_in(c, data, arn, cJSON_GetObjectItemCaseSensitive(ans, "Role"));
  cJSON_Delete(ans);
}

static void one(ca_col *c, cJSON *resources, const char *role_arn) {
  char account[32], rest[512];
  /* arn:aws:iam::ACCOUNT:role/PATH.../NAME */
  if (col_arn_field(role_arn, 4, account, sizeof account) || col_arn_field(role_arn, 5, rest, sizeof rest) ||
      strncmp(rest, "role/", 5))
    return;
  const char *name = strrchr(rest, '/') + 1;
  if (!*name) return;
  cJSON *data = col_resource(resources, "iam_role", role_arn, name, "us-east-1");
  if (!data) return;   /* another instance's role too: asked once */
  if (c->replay) {
    role_replay(c, data, role_arn, name);
    return;
  }
  rq *q = calloc(1, sizeof *q);
  if (!q) {
    col_error(c, role_arn, "iam:GetRole", "ClientError", "out of memory");
    return;
  }
  q->c = c, q->data = data;
  snprintf(q->arn, sizeof q->arn, "%s", role_arn);
  ca_buf body;
  ca_buf_init(&body, 4096);
  ca_buf_adds(&body, "Action=GetRole&RoleName=");
  ca_aws_encode(&body, name);
  ca_buf_adds(&body, "&Version=2010-05-08");
  ca_aws_req r = {"IAM", "iam", "iam", "GetRole", "POST", "/", NULL, 0,
                  "application/x-www-form-urlencoded; charset=utf-8", NULL, body.data, body.len};
  ca_aws_submit(c->aws, "us-east-1", NULL, &r, got_role, q);   /* copies; on failure got_role ran */
  ca_buf_free(&body);
}

void col_iam_roles_q(ca_col *c, cJSON *resources) {
  col_type(resources, "iam_role");
  const cJSON *inst;
  cJSON_ArrayForEach(inst, cJSON_GetObjectItemCaseSensitive(resources, "connect_instance")) {
    const char *sr = col_str(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(inst, "data"), "Instance"),
                             "ServiceRole");
    if (sr && !strncmp(sr, "arn:", 4)) one(c, resources, sr);
  }
}
