local ak = require "testkit.attest"
local function inst(list)
  local i = ak.instance()
  i.data.AnalyticsDataAssociations = list
  return i
end
local function assoc(acct, ds)
  return { DataSetId = ds or "contact_record", TargetAccountId = acct, ResourceShareId = "rs-1",
           ResourceShareArn = "arn:aws:ram:us-east-1:111122223333:resource-share/rs-1", ResourceShareStatus = "ACTIVE" }
end
return {
  { name = "no associations pass", resource = inst({}), expect = "pass", message = "0 analytics dataset associations" },
  { name = "sharing with the own account passes", resource = inst({ assoc("111122223333") }), expect = "pass" },
  { name = "another account fails", resource = inst({ assoc("999988887777", "agent_queue_statistic_record") }),
    expect = "fail", message = "dataset agent_queue_statistic_record with account 999988887777" },
  { name = "an account the pack allows passes", resource = inst({ assoc("999988887777") }),
    params = { analytics_share_accounts = { "999988887777" } }, expect = "pass" },
  { name = "not collected is an error", resource = ak.instance(),
    errors = { { arn = ak.ARN, operation = "connect:ListAnalyticsDataAssociations", code = "AccessDeniedException",
                 message = "denied" } }, expect = "error", message = "AccessDeniedException" },
  { name = "an association without TargetAccountId is an error", resource = inst({ { DataSetId = "x" } }),
    expect = "error", message = "no TargetAccountId" },
}
