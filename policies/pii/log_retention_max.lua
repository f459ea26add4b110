-- PII-LOG-001: retention's other bound -- a log group deletes its events after at
-- most log_retention_max_days (lib/logs.lua check_max_retention); one that never
-- expires fails. The minimum is PCI-LOG-001 / HIPAA-LOG-001's.
local logs = require "logs"

return {
  id = "PII-LOG-001",
  title = "Log groups delete events after at most the longest allowed retention",
  severity = "low",
  practice = "CW-2",
  controls = { PII = {"GDPR-5(1)(e)"}, BASELINE = {"CW-2"} },
  resource = "logs_log_group",
  rationale = "GDPR Article 5(1)(e), storage limitation: personal data in flow and Lambda logs (caller numbers, attributes, inputs) is kept no longer than its purpose needs; a log group that never expires keeps it forever.",
  remediation = "CloudWatch console > Log groups > select the group > Actions > Edit retention setting "
    .. "> a period within the pack parameter log_retention_max_days (and at least the minimum the other "
    .. "packs ask); or: aws logs put-retention-policy --log-group-name NAME --retention-in-days DAYS",
  check = function(r, ctx)
    logs.check_max_retention(r, ctx, ctx.params.log_retention_max_days, "log_retention_max_days")
  end,
}
