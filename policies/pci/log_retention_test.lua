local ARN = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/connect/acme-prod"
local function group(g) return { arn = ARN, name = "/aws/connect/acme-prod", data = g } end

return {
  { name = "one year of retention passes",
    resource = group({ LogGroup = { logGroupName = "/aws/connect/acme-prod", retentionInDays = 365 } }),
    expect = "pass", message = "365 days" },
  { name = "more than a year passes",
    resource = group({ LogGroup = { logGroupName = "/aws/connect/acme-prod", retentionInDays = 3653 } }),
    expect = "pass" },
  { name = "six months fails",
    resource = group({ LogGroup = { logGroupName = "/aws/connect/acme-prod", retentionInDays = 180 } }),
    expect = "fail", message = "only 180 days" },
  { name = "one day short of the minimum fails",
    resource = group({ LogGroup = { logGroupName = "/aws/connect/acme-prod", retentionInDays = 364 } }),
    expect = "fail" },
  { name = "retentionInDays absent in a collected group means never expire: pass",
    resource = group({ LogGroup = { logGroupName = "/aws/connect/acme-prod", storedBytes = 10 } }),
    expect = "pass", message = "never expires" },
  { name = "retentionInDays null also reads as no retention policy: pass",
    resource = group({ LogGroup = { logGroupName = "/aws/connect/acme-prod", retentionInDays = null } }),
    expect = "pass", message = "never expires" },
  { name = "LogGroup not collected is an error",
    resource = group({}),
    errors = { { arn = ARN, operation = "logs:DescribeLogGroups", code = "AccessDeniedException",
                 message = "not authorized" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "the minimum follows the parameter",
    resource = group({ LogGroup = { logGroupName = "/aws/connect/acme-prod", retentionInDays = 400 } }),
    params = { log_retention_days = 731 },
    expect = "fail", message = "at least 731" },
  -- A retentionInDays that is not a number never reaches the rule: the
  -- snapshot loader refuses it, naming the pointer (fixtures/bad/, check_inputs).
}
