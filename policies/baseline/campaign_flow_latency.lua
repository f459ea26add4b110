-- BASE-CMP-004: the contact flow an agent dialer's answered calls run
-- reaches the agent without the blocks that hold the customer on a silent
-- line: no action of the pack's campaign_flow_slow_actions (Set contact
-- attributes, Invoke Lambda, Play prompt, Set event flow, Set working queue)
-- on a path from its start to a Transfer to queue (a prompt on an error
-- branch that never reaches the agent does not count); a flow that never
-- reaches a Transfer to queue connects answered calls to nobody and fails. An answered call the customer hears nothing on
-- is hung up or counted as abandoned (FCC: a live agent within 2 seconds of
-- the greeting; Ofcom likewise). The public config rules
-- (aws-samples/amazon-connect-config-rules campaigns.yml, flows-*) search the
-- described flow's text for each block name, and fail agentless campaigns,
-- whose flow is the message; here only reachable actions of those exact
-- types on the way to the agent count, agentless campaigns are not
-- applicable, and one finding names every block.
local campaigns = require "campaigns"
local flow = require "flow"
local refs = require "flowrefs"

return {
  id = "BASE-CMP-004",
  title = "An agent-dialed campaign's contact flow reaches the agent without slow blocks",
  severity = "low",
  practice = "FLOW-1",
  controls = { BASELINE = { "FLOW-1" } },
  resource = campaigns.TYPES,
  rationale = "With a progressive, predictive or preview dialer the customer has answered and an agent is "
    .. "waiting: every attribute update, Lambda call, prompt or queue change before the transfer is dead air "
    .. "the customer hangs up on, and regulators count such calls as abandoned.",
  remediation = "Keep the campaign flow to what connects the call (Check call progress, Transfer to queue); "
    .. "move attribute updates and Lambda calls to the agent's whisper or the contact's event flows, and set the "
    .. "queue on the campaign, not in the flow.",
  check = function(r, ctx)
    local t = campaigns.voice(ctx, r, true)
    if not t then return end
    local f = campaigns.flow(ctx, t)
    if not f then return end
    local g = flow.load(ctx, f)
    if not g then return end
    local slow = {}
    for _, a in ipairs(ctx.params.campaign_flow_slow_actions) do slow[a] = true end
    local reach = flow.reachable(g)
    -- Backwards from every reachable transfer: the actions that can precede one.
    local preds, before, queue = {}, {}, {}
    for _, node in ipairs(g.nodes) do
      for _, e in ipairs(node.succ) do
        preds[e.node.index] = preds[e.node.index] or {}
        table.insert(preds[e.node.index], node)
      end
      if reach[node.index] and node.type == "TransferContactToQueue" then
        before[node.index] = true
        queue[#queue + 1] = node
      end
    end
    local transfers = #queue
    local head = 1
    while head <= #queue do
      local node = queue[head]; head = head + 1
      for _, p in ipairs(preds[node.index] or {}) do
        if not before[p.index] then before[p.index] = true; queue[#queue + 1] = p end
      end
    end
    local found, ev = {}, {}
    for _, node in ipairs(g.nodes) do
      if reach[node.index] and before[node.index] and slow[node.type] then
        found[#found + 1] = ("%s (%s)"):format(node.type, flow.display_name(g.content, node.id) or node.id)
        ev[#ev + 1] = { path = refs.container_ptr(f) .. ("/data/ContactFlow/Content/Actions/%d/Type"):format(node.index - 1),
                        expected = "none of campaign_flow_slow_actions before the transfer" }
      end
    end
    local subject = ("campaign %s (%s dialer): flow %s"):format(t.name, t.mode, f.name or f.arn)
    if transfers == 0 then
      return ctx:fail(("%s never reaches a Transfer to queue: answered calls reach no agent"):format(subject),
        { { path = refs.container_ptr(f) .. "/data/ContactFlow/Content/Actions", expected = "a reachable TransferContactToQueue" },
          { path = t.path.flow } })
    end
    if #found > 0 then
      return ctx:fail(("%s holds %d slow block(s) before the agent: %s"):format(subject, #found,
        table.concat(found, ", ", 1, math.min(#found, 5)) .. (#found > 5 and ", ..." or "")), ev)
    end
    ctx:pass(("%s reaches the agent without any of campaign_flow_slow_actions on the way"):format(subject),
      { { path = refs.container_ptr(f) .. "/data/ContactFlow/Content/Actions", note = ("%d action(s)"):format(#g.nodes) },
        { path = t.path.flow } })
  end,
}
