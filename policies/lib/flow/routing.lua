-- flow.routing -- where a contact flow sends the caller: queue ends, the
-- hours and staffing checks that should come before them, and references
-- from one flow to another inside the same instance.
--
-- API (graph nodes and edges are those of lib/flow.lua):
--   routing.QUEUE_ENDS                  set of action types that put the contact in a queue
--   routing.is_queue_end(node)
--   routing.is_human_end(node)          a queue end or TransferContactToAgent
--   routing.condition_operand(node, e)  first operand (string) of a condition edge, or nil
--   routing.hours_gate(node, e)         CheckHoursOfOperation left by its "True" branch
--   routing.staffing_gates(g)           -> is_gate(node, e): CheckMetricData on an agent
--                                          count left by a condition branch, or a Compare on
--                                          $.Metrics.Agents.* left by a condition branch when
--                                          every path into that Compare passed GetMetricData
--   routing.HOURS, routing.STAFFING     the action types hours_gate / a staffing gate can pass
--   routing.targets(g, pred)            -> {[node.index] = true} for the nodes pred holds for
--   routing.gates_on(g, types, gate)    -> {[node.index] = gate} for the nodes of those types:
--                                          flow.every_path_passes takes either table instead of
--                                          is_target / is_gate (flowpaths.passes), and then asks
--                                          the gate only about those nodes' edges
--   routing.instance_of(arn)            "arn:…:instance/ID" of a Connect ARN, or nil
--   routing.flow_target(instance, ref)  -> arn | nil, why ("dynamic" | "foreign" | "invalid")
--                                          for a ContactFlowId (an ID or an ARN)
--   routing.module_target(instance, ref) likewise for a FlowModuleId (/flow-module/)
--   routing.other_graph(ctx, rtype, arn, container)
--                                       -> graph, resource | nil, why: a flow or module
--                                          named by another flow, read without ctx:need
--                                          (its absence is the caller's finding, not an error
--                                          of this check)
--   routing.reaches_human(ctx, g, from, blocked, instance, arn [, depth])
--                                       -> "yes", path | "no" | "unknown", reason
local flow = require "flow"
local flowrefs = require "flowrefs"

local M = {}

M.QUEUE_ENDS = { TransferContactToQueue = true, DequeueContactAndTransferToQueue = true,
                 CreateCallbackContact = true }

function M.is_queue_end(node) return M.QUEUE_ENDS[node.type] == true end
function M.is_human_end(node) return M.is_queue_end(node) or node.type == "TransferContactToAgent" end

function M.condition_operand(node, e)
  if e.kind ~= "condition" then return nil end
  local tr = node.view.Transitions
  local c = flow.is_view(tr) and flow.is_view(tr.Conditions) and tr.Conditions[e.keys[3]]
  local cond = flow.is_view(c) and c.Condition
  local ops = flow.is_view(cond) and cond.Operands
  local v = flow.is_view(ops) and ops[1]
  return type(v) == "string" and v or nil
end

-- Only the "True" (open) branch has passed the hours check: a "False" or error
-- branch that still leads to the queue ignores the check's answer.
function M.hours_gate(node, e)
  if node.type ~= "CheckHoursOfOperation" then return false end
  local op = M.condition_operand(node, e)
  return op ~= nil and op:lower() == "true"
end

-- The only types hours_gate and a staffing_gates gate can be true for.
M.HOURS = { CheckHoursOfOperation = true }
M.STAFFING = { CheckMetricData = true, Compare = true }

-- Tables flow.every_path_passes takes for is_target and is_gate
-- (auditor/policy/flowpaths.c, flowpaths.passes): a gate function called from
-- C for every edge the search follows, with an edge table made for each, was
-- most of BASE-FLOW-010's cost (issue 12); a gate that is false for every
-- action outside `types` is the same search with it asked about those only.
function M.targets(g, pred)
  local t = {}
  for _, n in ipairs(g.nodes) do if pred(n) then t[n.index] = true end end
  return t
end

function M.gates_on(g, types, gate)
  local t = {}
  for _, n in ipairs(g.nodes) do if types[n.type] then t[n.index] = gate end end
  return t
end

-- Agent-count metrics (CheckMetricData.MetricType; for them the only condition
-- AWS supports is NumberGreaterThan 0, so a condition branch means "staffed").
local AGENT_METRICS = { numberofagentsavailable = true, numberofagentsstaffed = true,
                        numberofagentsonline = true }

local function agent_metric_path(v)
  if type(v) ~= "string" then return false end
  local l = v:lower()
  for _, m in ipairs({ "available", "online", "staffed" }) do
    if l:find("^%$%.metrics%.agents%." .. m) then return true end
  end
  return false
end

function M.staffing_gates(g)
  -- Compare on $.Metrics.Agents.* only means something after "Get queue
  -- metrics" (GetMetricData) ran: without it the attribute is empty.
  local loaded = {}
  local targets = M.targets(g,
    function(n) return n.type == "Compare" and n.params ~= nil and agent_metric_path(n.params.ComparisonValue) end)
  local res = next(targets) == nil and {} or flow.every_path_passes(g, targets,
    M.gates_on(g, { GetMetricData = true }, function(_, e) return e.kind == "next" end))
  for _, r in ipairs(res) do loaded[r.node.index] = r.ok end
  -- The type first: a view of the Parameters of every action with a
  -- condition branch was most of what this gate cost (issue 12).
  return function(node, e)
    if e.kind ~= "condition" or (node.type ~= "CheckMetricData" and node.type ~= "Compare") or not node.params then
      return false
    end
    if node.type == "CheckMetricData" then
      local mt = node.params.MetricType
      return type(mt) == "string" and AGENT_METRICS[mt:lower()] == true
    end
    if node.type == "Compare" then return loaded[node.index] == true end
    return false
  end
end

-- The instance part of a Connect ARN (lib/flowrefs.lua).
M.instance_of = flowrefs.instance_arn

local function target(instance, ref, kind)
  if type(ref) ~= "string" or ref == "" then return nil, "invalid" end
  if flowrefs.is_dynamic(ref) then return nil, "dynamic" end
  local full = flowrefs.connect_ref(instance, ref, kind)
  if not full then return nil, "invalid" end
  if flowrefs.instance_arn(full) ~= instance then return nil, "foreign" end
  local id = full:match("/" .. kind:gsub("%-", "%%-") .. "/([^/]+)$")
  if not id then return nil, "invalid" end
  return instance .. "/" .. kind .. "/" .. id
end

function M.flow_target(instance, ref) return target(instance, ref, "contact-flow") end
function M.module_target(instance, ref) return target(instance, ref, "flow-module") end

function M.other_graph(ctx, rtype, arn, container)
  local res = ctx:lookup(rtype, arn)
  if not res then return nil, "not in the snapshot" end
  local cf = res.data[container]
  local content = flow.is_view(cf) and cf.Content
  if not flow.is_view(content) or not flow.is_view(content.Actions) then
    return nil, container .. ".Content not collected", res
  end
  local g = flow.graph(content)
  if not g.start then return nil, "its StartAction names no action", res end
  return g, res
end

-- Can the caller get from `from` to a human (a queue end or an agent) without
-- going through `blocked` again? TransferToFlow is followed into the target
-- flow (same instance, `depth` levels, default 3); a target that cannot be
-- read or resolved makes the answer "unknown" unless another path succeeds.
-- `blocked` = {arn = flow ARN, node = node} (or nil) is kept out of the
-- search in that flow, also when a transfer leads back into it; `arn` is the
-- ARN of the flow `g` belongs to.
function M.reaches_human(ctx, g, from, blocked, instance, arn, depth, seen)
  depth = depth or 3
  seen = seen or {}
  local skip = blocked and blocked.arn == arn and blocked.node.index or nil
  if from.index == skip then return "no" end -- a transfer back to a flow that starts with the bot
  local prev, queue, head = { [from.index] = false }, { from }, 1
  local transfers, returns = {}, nil
  local function path_to(node)
    local path, cur = {}, node
    while cur do table.insert(path, 1, cur); cur = prev[cur.index] or nil end
    return path
  end
  while head <= #queue do
    local node = queue[head]; head = head + 1
    if M.is_human_end(node) then return "yes", path_to(node) end
    if node.type == "TransferToFlow" then transfers[#transfers + 1] = node end
    -- A module hands the caller back to the flow that invoked it.
    if node.type == "EndFlowModuleExecution" and not returns then returns = node end
    for _, e in ipairs(node.succ) do
      if e.node.index ~= skip and prev[e.node.index] == nil then
        prev[e.node.index] = node
        queue[#queue + 1] = e.node
      end
    end
  end
  local unknown
  for _, t in ipairs(transfers) do
    local ref = t.params and t.params.ContactFlowId
    local to, why = M.flow_target(instance, ref)
    local reason
    if not to then
      reason = ("TransferToFlow %s: ContactFlowId %s is %s"):format(flow.describe(g, t), tostring(ref),
        why == "dynamic" and "a JSONPath" or why == "foreign" and "in another instance" or "not a flow ID or ARN")
    elseif seen[to] then
      reason = nil -- already being searched further up: no new path there
    elseif depth <= 0 then
      reason = ("TransferToFlow %s: flow %s is beyond the search depth"):format(flow.describe(g, t), to)
    else
      local g2, why2 = M.other_graph(ctx, "connect_contact_flow", to, "ContactFlow")
      if not g2 then
        reason = ("TransferToFlow %s: target flow %s %s"):format(flow.describe(g, t), to, why2)
      else
        seen[to] = true
        local ans, p = M.reaches_human(ctx, g2, g2.start, blocked, instance, to, depth - 1, seen)
        if ans == "yes" then
          local path = path_to(t)
          path[#path + 1] = { id = "[flow " .. to:match("[^/]+$") .. "]" }
          for _, n in ipairs(p) do path[#path + 1] = n end
          return "yes", path
        end
        if ans == "unknown" then reason = p end
      end
    end
    if reason and not unknown then unknown = reason end
  end
  if unknown then return "unknown", unknown end
  if returns then
    return "unknown", ("it returns to the calling flow at EndFlowModuleExecution %s, which may route to a human")
      :format(flow.describe(g, returns))
  end
  return "no"
end

return M
