local logs = require "logs"

return {
  id = "PCI-LOG-001",
  title = "Log groups keep events at least 12 months",
  severity = "medium",
  practice = "CW-1",
  controls = { ["PCI-DSS-4.0"] = {"10.5.1"}, BASELINE = {"CW-1"} },
  resource = "logs_log_group",
  rationale = "PCI DSS 10.5.1 requires audit log history to be retained for at least 12 months; "
    .. "contact flow and Lambda logs are the contact center's audit trail, and a shorter "
    .. "CloudWatch Logs retention deletes them before an investigation can use them.",
  remediation = "CloudWatch console > Log groups > select the group > Actions > Edit retention setting "
    .. "> 1 year or longer; or: aws logs put-retention-policy --log-group-name NAME "
    .. "--retention-in-days 365",
  check = function(r, ctx)
    logs.check_retention(r, ctx, ctx.params.log_retention_days)
  end,
}
