/* sts.c -- STS speaks the query protocol and answers in XML (read with expat). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "collect/collect_int.h"
#include "collect/services.h"

int col_sts_account(ca_col *c, char account[13]) {
  static const char body[] = "Action=GetCallerIdentity&Version=2011-06-15";
  ca_aws_req rq = {"STS", "sts", "sts", "GetCallerIdentity", "POST", "/", NULL, 0,
                   "application/x-www-form-urlencoded; charset=utf-8", NULL, body, sizeof body - 1};
  ca_aws_resp resp;
  ca_aws_resp_init(&resp);
  int rc = ca_aws_call(c->aws, &rq, &resp);
  char acct[64] = "";
  if (!rc && (ca_xml_text(resp.body.data, resp.body.len, "Account", acct, sizeof acct) || strlen(acct) != 12 ||
              strspn(acct, "0123456789") != 12)) {
    snprintf(resp.code, sizeof resp.code, "MalformedResponse");
    snprintf(resp.message, sizeof resp.message, "GetCallerIdentity answered without a 12-digit Account");
    rc = -1;
  }
  if (rc) col_error(c, "", "sts:GetCallerIdentity", resp.code, resp.message);
  else memcpy(account, acct, 13);
  ca_aws_resp_free(&resp);
  return rc;
}
