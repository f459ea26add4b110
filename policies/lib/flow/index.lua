-- flow.index -- what a flow rule needs about all the contact flows of an
-- instance, computed once per rule process instead of once per flow checked.
--
-- A rule's process checks one snapshot (a policy test case runs in a process
-- of its own), so what one check learns about the instance's other flows
-- holds for every later check. Everything here goes through ctx:once: built
-- on first use, kept for the rest of the rule's run, and charged to the
-- rule's instruction budget rather than to the check that asked first. A
-- rule that instead walks ctx:resources("connect_contact_flow") and builds
-- each flow's graph inside its check does O(flows) work per flow checked:
-- O(flows²) per rule (issue 12). The tables returned are shared between
-- checks: read them, never change them.
--
-- API:
--   index.flows(ctx, instance) -> I
--     I.list         flows of the instance in ARN order, each
--                    {arn, res, index, name, content (view, or nil when
--                    ContactFlow.Content.Actions was not collected)}
--     I.by_arn[arn]  the same entries
--     I.into[arn]    TransferToFlow actions naming flow `arn` (a static ID or
--                    ARN in the same instance, lib/flow/routing.lua
--                    flow_target) from the *other* flows, in (flow ARN,
--                    document) order: list of {flow = entry, action = index
--                    in Actions}; absent when there is none. Only the first
--                    flow.MAX_ACTIONS actions are read, as flow.graph does.
--   index.callers(ctx, arn) -> list of {flow = entry, actions = {index, ...}}
--                    the flows holding those actions, in ARN order ({} when
--                    `arn` names no instance or nothing transfers to it)
--   index.dynamic_callers(ctx, arn) -> the same shape, for the TransferToFlow
--                    actions of the instance's other flows whose ContactFlowId
--                    is a JSONPath or a template placeholder ({{name}}: flowrefs.
--                    is_placeholder) (I.dynamic: {flow, action}): any may lead to arn
--   index.per_flow(ctx, key, f, fn) -> fn(g, f), once per (key, flow):
--                    g is a graph of f's Content built for this call alone
--                    (fn may change it, e.g. flow.set_effects), or fn is not
--                    called and the result is nil when f has no Content.
--                    `key` names what fn computes (a rule ID and a word).
--   index.stats      {graph_builds = n}: graphs per_flow built in this process
local flow = require "flow"
local routing = require "flow.routing"
local flowrefs = require "flowrefs"

local M = {}

M.stats = { graph_builds = 0 }

local function str(v) return type(v) == "string" and v or nil end

local function build(ctx, instance)
  local I = { list = {}, by_arn = {}, into = {}, dynamic = {} }
  for arn, res in ctx:resources("connect_contact_flow") do
    if routing.instance_of(arn) == instance then
      local cf = res.data.ContactFlow
      local content = flow.is_view(cf) and cf.Content
      local f = { arn = arn, res = res, index = #I.list + 1,
                  name = flow.is_view(cf) and str(cf.Name) or res.name or arn }
      if flow.is_view(content) and flow.is_view(content.Actions) then
        f.content = content
        local acts = content.Actions
        -- TransferToFlow actions with Parameters, found by the engine
        -- (flowpaths.transfers) without a view per action
        for _, i in ipairs(flowpaths.transfers(acts, flow.MAX_ACTIONS)) do
          local ref = acts[i].Parameters.ContactFlowId
          local to, why = routing.flow_target(instance, ref)
          if why == "dynamic" or flowrefs.is_placeholder(ref) then
            I.dynamic[#I.dynamic + 1] = { flow = f, action = i }
          end
          if to and to ~= arn then
            local l = I.into[to]
            if not l then l = {}; I.into[to] = l end
            l[#l + 1] = { flow = f, action = i }
          end
        end
      end
      I.list[#I.list + 1] = f
      I.by_arn[arn] = f
    end
  end
  return I
end

function M.flows(ctx, instance)
  return ctx:once("flow.index:" .. instance, function() return build(ctx, instance) end)
end

function M.callers(ctx, arn)
  local instance = routing.instance_of(arn)
  if not instance then return {} end
  return ctx:once("flow.index.callers:" .. arn, function()
    local out, last = {}, nil
    for _, t in ipairs(M.flows(ctx, instance).into[arn] or {}) do
      if t.flow ~= last then
        out[#out + 1] = { flow = t.flow, actions = {} }
        last = t.flow
      end
      local a = out[#out].actions
      a[#a + 1] = t.action
    end
    return out
  end)
end

-- Like M.callers, for the TransferToFlow actions of the instance's other
-- flows whose ContactFlowId is a JSONPath: any of them may lead to `arn`.
function M.dynamic_callers(ctx, arn)
  local instance = routing.instance_of(arn)
  if not instance then return {} end
  return ctx:once("flow.index.dynamic_callers:" .. arn, function()
    local out, last = {}, nil
    for _, t in ipairs(M.flows(ctx, instance).dynamic) do
      if t.flow.arn ~= arn then
        if t.flow ~= last then
          out[#out + 1] = { flow = t.flow, actions = {} }
          last = t.flow
        end
        local a = out[#out].actions
        a[#a + 1] = t.action
      end
    end
    return out
  end)
end

function M.per_flow(ctx, key, f, fn)
  return ctx:once("flow.index.per_flow:" .. key .. ":" .. f.arn, function()
    if not f.content then return nil end
    M.stats.graph_builds = M.stats.graph_builds + 1
    -- looked up, so ctx:ptr finds this flow's nodes among the check's resources
    ctx:lookup("connect_contact_flow", f.arn)
    return fn(flow.graph(f.content), f)
  end)
end

return M
