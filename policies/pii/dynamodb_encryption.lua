-- PII-DDB-001: a DynamoDB table a Lambda function of the instance uses
-- (collect/ddb.c: named in the function's environment) encrypts at rest with
-- a KMS key at the level `dynamodb_key_level` asks. DescribeTable omits
-- SSEDescription when the table uses the AWS owned key (the default), and
-- says Status DISABLED after a table went back to it; SSEType KMS names the
-- key in KMSMasterKeyArn (alias/aws/dynamodb: the AWS managed key). Judged
-- by lib/kms.lua.
local kms = require "kms"

return {
  id = "PII-DDB-001",
  title = "DynamoDB tables the Lambda functions use are encrypted with a KMS key",
  severity = "medium",
  practice = "PII-2",
  controls = {
    PII = { "GDPR-32(1)(a)", "NIST-800-122-4.3" },
    HIPAA = { "164.312(a)(2)(iv)" },
    BASELINE = { "PII-2" },
  },
  resource = "dynamodb_table",
  rationale = "Tables behind contact-center Lambda functions hold customer lookups, sessions and "
    .. "caller data; with the AWS owned key nobody in the account can see, audit or revoke who "
    .. "decrypts them (CloudTrail shows no key use).",
  remediation = "DynamoDB console > Tables > the table > Additional settings > Encryption > Manage "
    .. "encryption: AWS managed key or a customer managed key (aws dynamodb update-table --table-name T "
    .. "--sse-specification Enabled=true,SSEType=KMS,KMSMasterKeyId=KEY).",
  check = function(r, ctx)
    local t = ctx:need(r.data, "Table")
    local what = ("DynamoDB table %s"):format(r.name or r.arn)
    local sse = t.SSEDescription
    local lead
    local key
    if not sse or sse.Status == "DISABLED" then
      lead = { { path = sse and ctx:ptr(sse, "Status") or ctx:ptr(t, "SSEDescription"),
                 note = sse and "SSE with KMS disabled: the AWS owned key" or "omitted: the AWS owned key" } }
      if not sse then lead[2] = { path = ctx:ptr(t), note = "the table description that omits it" } end
    else
      if sse.SSEType == nil or sse.KMSMasterKeyArn == nil then
        return ctx:error(("%s: SSEDescription without SSEType or KMSMasterKeyArn (%s)"):format(what,
          tostring(sse.Status)), { path = ctx:ptr(sse) })
      end
      if sse.SSEType ~= "KMS" then
        return ctx:error(("%s: SSEType %s, which this check does not know"):format(what, tostring(sse.SSEType)),
          { path = ctx:ptr(sse, "SSEType") })
      end
      key = sse.KMSMasterKeyArn
      lead = { { path = ctx:ptr(sse, "KMSMasterKeyArn") } }
    end
    local status, msg, evidence = kms.judge(ctx, key, ctx.params.dynamodb_key_level, lead, what, r.region)
    ctx[status](ctx, msg, evidence)
  end,
}
