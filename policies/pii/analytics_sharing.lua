-- KIN-1 (export only needed data downstream): the instance's analytics data
-- lake datasets are shared (ListAnalyticsDataAssociations, collect/analytics.c)
-- only with the instance's own account or accounts `analytics_share_accounts`
-- names. Cloud Custodian's `analytics-association` filter asks the same
-- (TargetAccountId not the owner's); here an unexpected account fails and the
-- finding names the dataset and the share.
return {
  id = "PII-ANA-001",
  title = "Analytics data lake datasets are shared only with expected accounts",
  severity = "medium",
  practice = "KIN-1",
  controls = { PII = { "GDPR-5(1)(c)", "GDPR-32(1)(b)" }, ["PCI-DSS-4.0"] = { "12.8.1" }, BASELINE = { "KIN-1" } },
  resource = "connect_instance",
  rationale = "A shared analytics dataset gives another account the instance's contact records, agent and "
    .. "Contact Lens data through AWS RAM; each such share must be one the organisation meant.",
  remediation = "Amazon Connect: aws connect batch-disassociate-analytics-data-set --instance-id ID --data-set-ids DS "
    .. "--target-account-id ACCOUNT (or list the account in the pii pack's analytics_share_accounts when the share is intended).",
  check = function(r, ctx)
    local list = ctx:need(r.data, "AnalyticsDataAssociations")
    local own = ctx.snapshot.account_id
    local ok = {}
    if own then ok[own] = true end
    for _, a in ipairs(ctx.params.analytics_share_accounts) do ok[tostring(a)] = true end
    local bad, ev = {}, {}
    for i, a in ipairs(list) do
      local acct = a.TargetAccountId
      if acct == nil then
        return ctx:error(("instance %s: association %d has no TargetAccountId"):format(r.name or r.arn, i),
          { path = ctx:ptr(list, i) })
      end
      if not ok[tostring(acct)] then
        bad[#bad + 1] = ("dataset %s with account %s (share %s)"):format(tostring(a.DataSetId), tostring(acct),
          tostring(a.ResourceShareId))
        ev[#ev + 1] = { path = ctx:ptr(list, i, "TargetAccountId"), expected = "the instance's account or analytics_share_accounts" }
      end
    end
    if #bad > 0 then
      return ctx:fail(("instance %s shares analytics data with %d unexpected account%s: %s"):format(r.name or r.arn,
        #bad, #bad == 1 and "" or "s", table.concat(bad, "; ")), ev)
    end
    ctx:pass(("instance %s: %d analytics dataset association%s, none with an unexpected account"):format(
      r.name or r.arn, #list, #list == 1 and "" or "s"),
      { path = ctx:ptr(r.data, "AnalyticsDataAssociations"), expected = "the instance's account or analytics_share_accounts" })
  end,
}
