local ARN = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/lookup"
local function group(g) return { arn = ARN, name = "/aws/lambda/lookup", data = g } end

return {
  { name = "seven years (2557 days, the default maximum) passes",
    resource = group({ LogGroup = { logGroupName = "/aws/lambda/lookup", retentionInDays = 2557 } }),
    expect = "pass", message = "after 2557 days" },
  { name = "ten years exceeds the maximum and says which bound",
    resource = group({ LogGroup = { logGroupName = "/aws/lambda/lookup", retentionInDays = 3653 } }),
    expect = "fail", message = "beyond the longest allowed retention, log_retention_max_days = 2557" },
  { name = "never expire (member absent) fails: kept forever",
    resource = group({ LogGroup = { logGroupName = "/aws/lambda/lookup" } }),
    expect = "fail", message = "never expires" },
  { name = "the parameter sets the bound",
    resource = group({ LogGroup = { logGroupName = "/aws/lambda/lookup", retentionInDays = 400 } }),
    params = { log_retention_max_days = 365 },
    expect = "fail", message = "= 365 days" },
  { name = "LogGroup not collected is an error",
    resource = group({}),
    errors = { { arn = ARN, operation = "logs:DescribeLogGroups", code = "AccessDenied", message = "denied" } },
    expect = "error", message = "AccessDenied" },
}
