local logs = require "logs"

return {
  id = "HIPAA-LOG-001",
  title = "Log groups keep events at least 6 years",
  severity = "medium",
  practice = "CW-1",
  -- audit controls; 164.316(b)(2)(i) keeps the policies and procedures documentation 6 years, not logs
  controls = { HIPAA = {"164.312(b)"}, BASELINE = {"CW-1"} },
  resource = "logs_log_group",
  rationale = "HIPAA 164.312(b) requires records of activity in systems holding ePHI; the Security "
    .. "Rule sets no period for them, and 6 years -- the period 164.316(b)(2)(i) sets for the "
    .. "required documentation -- is the common choice (the pack parameter log_retention_days); a "
    .. "CloudWatch Logs retention shorter than that deletes the activity records too early.",
  remediation = "CloudWatch console > Log groups > select the group > Actions > Edit retention setting "
    .. "> 6 years (2192 days) or Never expire; or: aws logs put-retention-policy --log-group-name NAME "
    .. "--retention-in-days 2192",
  check = function(r, ctx)
    logs.check_retention(r, ctx, ctx.params.log_retention_days)
  end,
}
