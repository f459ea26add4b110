local L = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/connect/acme-prod"
local function group(lg)
  lg.logGroupName = "/aws/connect/acme-prod"
  lg.arn = L .. ":*"
  return { arn = L, name = "/aws/connect/acme-prod", region = "us-east-1", data = { LogGroup = lg } }
end

return {
  { name = "KMS key set passes",
    resource = group({ retentionInDays = 365, kmsKeyId = "arn:aws:kms:us-east-1:111122223333:key/k1" }),
    expect = "pass", message = "encrypted with KMS key arn:aws:kms:us-east-1:111122223333:key/k1" },
  { name = "no kmsKeyId in DescribeLogGroups' answer fails",
    resource = group({ retentionInDays = 365 }),
    expect = "fail", message = "Log group /aws/connect/acme-prod has no KMS key" },
  { name = "kmsKeyId null fails",
    resource = group({ kmsKeyId = null }), expect = "fail" },
  { name = "kmsKeyId empty fails",
    resource = group({ kmsKeyId = "" }), expect = "fail" },
  { name = "log group not collected is an error",
    resource = { arn = L, name = "/aws/connect/acme-prod", region = "us-east-1", data = object{} },
    errors = { { arn = L, operation = "logs:DescribeLogGroups", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
}
