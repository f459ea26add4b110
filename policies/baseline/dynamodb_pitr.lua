-- BASE-DDB-002: a DynamoDB table a Lambda function of the instance uses
-- (collect/ddb.c) can be restored: point-in-time recovery is on
-- (DescribeContinuousBackups .PointInTimeRecoveryDescription). The checklist
-- has no backup practice; this rule is filed under DDB-1, the checklist's line
-- about these tables, and claims only GDPR Art. 32(1)(b) (availability and
-- resilience of processing), not DDB-1's naming.
return {
  id = "BASE-DDB-002",
  title = "DynamoDB tables the Lambda functions use have point-in-time recovery on",
  severity = "low",
  practice = "DDB-1",
  controls = { PII = { "GDPR-32(1)(b)" } },
  resource = "dynamodb_table",
  rationale = "A table a flow depends on (customer lookup, routing data) that is overwritten or deleted "
    .. "by mistake can be restored to any second of the last 35 days only with point-in-time recovery.",
  remediation = "DynamoDB console > Tables > the table > Backups > Point-in-time recovery > Edit > "
    .. "Turn on (aws dynamodb update-continuous-backups --table-name T "
    .. "--point-in-time-recovery-specification PointInTimeRecoveryEnabled=true).",
  check = function(r, ctx)
    local cb = ctx:need(r.data, "ContinuousBackupsDescription")
    local p = ctx:need(cb, "PointInTimeRecoveryDescription", "PointInTimeRecoveryStatus")
    local ev = { path = ctx:ptr(cb, "PointInTimeRecoveryDescription", "PointInTimeRecoveryStatus"), expected = "ENABLED" }
    local name = r.name or r.arn
    if p == "ENABLED" then
      return ctx:pass(("table %s: point-in-time recovery is on"):format(name), ev)
    elseif p == "DISABLED" then
      return ctx:fail(("table %s: point-in-time recovery is off"):format(name), ev)
    end
    ctx:error(("table %s: PointInTimeRecoveryStatus %s, which this check does not know"):format(name, tostring(p)), ev)
  end,
}
