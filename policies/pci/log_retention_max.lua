-- PCI-LOG-002: retention's other bound -- a log group deletes its events after at
-- most log_retention_max_days (lib/logs.lua check_max_retention); one that never
-- expires fails. The minimum is PCI-LOG-001 / HIPAA-LOG-001's.
local logs = require "logs"

return {
  id = "PCI-LOG-002",
  title = "Log groups delete events after at most the longest allowed retention",
  severity = "low",
  practice = "CW-2",
  controls = { ["PCI-DSS-4.0"] = {"3.2.1"}, BASELINE = {"CW-2"} },
  resource = "logs_log_group",
  rationale = "PCI DSS 3.2.1 keeps account data only as long as needed: flow and Lambda logs may hold what callers keyed in, and a log group that never expires keeps it forever.",
  remediation = "CloudWatch console > Log groups > select the group > Actions > Edit retention setting "
    .. "> a period within the pack parameter log_retention_max_days (and at least the minimum the other "
    .. "packs ask); or: aws logs put-retention-policy --log-group-name NAME --retention-in-days DAYS",
  check = function(r, ctx)
    logs.check_max_retention(r, ctx, ctx.params.log_retention_max_days, "log_retention_max_days")
  end,
}
