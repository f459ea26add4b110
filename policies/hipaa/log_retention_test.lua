local ARN = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/lookup"
local function group(g) return { arn = ARN, name = "/aws/lambda/lookup", data = g } end

return {
  { name = "six years (2192 days) passes",
    resource = group({ LogGroup = { logGroupName = "/aws/lambda/lookup", retentionInDays = 2192 } }),
    expect = "pass" },
  { name = "one year fails under HIPAA",
    resource = group({ LogGroup = { logGroupName = "/aws/lambda/lookup", retentionInDays = 365 } }),
    expect = "fail", message = "at least 2192" },
  { name = "five years fails",
    resource = group({ LogGroup = { logGroupName = "/aws/lambda/lookup", retentionInDays = 1827 } }),
    expect = "fail" },
  { name = "never expire (member absent) passes",
    resource = group({ LogGroup = { logGroupName = "/aws/lambda/lookup" } }),
    expect = "pass", message = "never expires" },
  { name = "LogGroup not collected is an error",
    resource = group({}),
    errors = { { arn = ARN, operation = "logs:DescribeLogGroups", code = "AccessDenied",
                 message = "denied" } },
    expect = "error", message = "AccessDenied" },
}
