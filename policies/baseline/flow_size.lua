-- BASE-FLOW-020 (FLOW-1): flows stay small and modular. The flow language
-- allows at most 250 actions per flow; the pack's `flow_max_actions` (default
-- 100) flags a flow well before that limit, at the size where the designer
-- canvas no longer fits one review and shared steps should move into modules
-- (InvokeFlowModule) or separate flows (TransferToFlow).
local flow = require "flow"

return {
  id = "BASE-FLOW-020",
  title = "Contact flows stay below the action-count threshold (small, modular flows)",
  severity = "low",
  practice = "FLOW-1",
  controls = { BASELINE = { "FLOW-1" } },
  resource = flow.TYPES, -- flows and flow modules
  rationale = "A flow with hundreds of blocks is hard to review, test and change safely, and it approaches "
    .. "Amazon Connect's limit of 250 actions per flow; repeated steps kept in modules or separate flows are "
    .. "reviewed and fixed once.",
  remediation = "Split the flow: move repeated or self-contained steps into flow modules (Amazon Connect "
    .. "console > Routing > Flows > Modules, then an Invoke module block) or into separate flows reached with a "
    .. "Transfer to flow block; or raise `flow_max_actions` in the baseline pack's --params file if the size "
    .. "is intended.",
  check = function(r, ctx)
    local content = flow.content(ctx, r)
    if not content then return end
    -- the snapshot loader guarantees Content.Actions is a list
    local actions = ctx:need(content, "Actions")
    local max = tonumber(ctx.params.flow_max_actions)
    if not max then
      ctx:error("parameter flow_max_actions is not a number: " .. tostring(ctx.params.flow_max_actions))
      return
    end
    local n = #actions
    local ev = { path = ctx:ptr(content, "Actions"), note = ("%d action(s)"):format(n),
                 expected = ("at most %d actions (flow_max_actions)"):format(max) }
    if n > max then
      ctx:fail(("%s has %d actions, more than flow_max_actions = %d: split it into modules or flows")
        :format(r.name or r.arn, n, max), ev)
    else
      ctx:pass(("%s has %d action(s), within flow_max_actions = %d"):format(r.name or r.arn, n, max), ev)
    end
  end,
}
