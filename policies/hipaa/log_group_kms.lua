-- HIPAA-LOG-002: CloudWatch log groups (contact flow logs, Lambda logs) are
-- encrypted with a KMS key.
--
-- Practice LAM-3, not CW-2: the checklist names log-group encryption as the
-- automatable part of LAM-3 ("Lambda logs hold no sensitive data — log groups
-- encrypted: auto"), while CW-2 is about what is written to logs (decided
-- through flow logging behaviour, FLOW-6).
--
-- DescribeLogGroups leaves kmsKeyId out of a group that has no key, so inside a
-- collected LogGroup an absent kmsKeyId is AWS's "none", not missing evidence.
local function label(r, lg) return (lg and type(lg.logGroupName) == "string" and lg.logGroupName) or r.name or r.arn end

return {
  id = "HIPAA-LOG-002",
  title = "CloudWatch log group is encrypted with a KMS key",
  severity = "medium",
  practice = "LAM-3",
  controls = {
    HIPAA = { "164.312(a)(2)(iv)" },
    PII = { "GDPR-32(1)(a)" },
    BASELINE = { "LAM-3" },
  },
  resource = "logs_log_group",
  rationale = "Contact flow logs and Lambda logs can capture caller input and customer details. " ..
    "Without a KMS key CloudWatch Logs encrypts with service-owned keys, so nothing beyond IAM " ..
    "on the log group controls or records who can read the data.",
  remediation = "CloudWatch console > Log groups > group > Actions > Edit data protection / KMS key " ..
    "ARN; the key policy must allow logs.REGION.amazonaws.com. CLI: aws logs associate-kms-key " ..
    "--log-group-name NAME --kms-key-id KEY_ARN",
  check = function(r, ctx)
    local lg = ctx:need(r.data, "LogGroup")
    local key = lg.kmsKeyId
    local item = { path = ctx:ptr(lg) .. "/kmsKeyId", expected = "a KMS key ARN" }
    if type(key) == "string" and key ~= "" then
      return ctx:pass(("Log group %s is encrypted with KMS key %s"):format(label(r, lg), key), item)
    end
    ctx:fail(("Log group %s has no KMS key (CloudWatch Logs uses service-owned keys)"):format(label(r, lg)), item)
  end,
}
