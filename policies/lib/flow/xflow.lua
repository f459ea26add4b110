-- flow.xflow -- the logging / recording analysis of lib/flow.lua across the
-- contact flows of one Amazon Connect instance (reference/flow-language.md
-- §4 pitfall 3: logging carries into transferred-to flows and the last
-- recording block to run wins).
--
-- A flow's entry state is the join of
--   * its callers' states at each TransferToFlow that names it (static ID or
--     ARN inside the same instance), over every connect_contact_flow of the
--     instance (ctx:resources);
--   * the instance default, when the flow can also start a contact: logging =
--     the instance's CONTACTFLOW_LOGS attribute, recording = off. Every inbound
--     flow (Type CONTACT_FLOW) can: phone numbers, chat and API entry points are
--     not in the snapshot. Flows the pack parameter `transfer_only_flows` names
--     (Name or Id) are attested to be reached by TransferToFlow only, and get
--     their callers' states alone;
--   * "unknown" (on and off) when the flow is of another type (queue, hold,
--     whisper and transfer flows run after events this analysis does not
--     trace), when a reachable TransferToFlow of the instance has a JSONPath
--     target (it may lead anywhere), or when a flow of the instance was not
--     collected (its transfers cannot be read). These sources are kept apart so
--     a rule can say manual / error instead of fail.
-- Module calls (InvokeFlowModule) whose module is in the snapshot and holds no
-- block for the property are transparent; any other module call is "unknown",
-- as in lib/flow.lua.
--
-- Work bound: every flow of the instance that holds a TransferToFlow (at
-- most MAX_FLOWS flows, MAX_TOTAL_ACTIONS actions in those, else the rule
-- gets a message instead of a result) is searched with flow.states_from from an entry "on" and an entry
-- "off" per property (the analysis is distributive, so any entry state is
-- the union of the two): 4 searches of O(actions + edges) per flow. The inter-flow fixed point is then
-- boolean propagation along TransferToFlow edges: each (flow, property, value)
-- bit is set at most once, so at most 4 x flows + flows worklist rounds, each
-- over that flow's transfers; once per level (3 levels, see run). A check then
-- analyses its own flow once per level, reads only the transfers into it (an
-- index by target flow) and searches at most 5 callers for witness paths.
-- The instance-wide part is computed once per rule process through ctx:once
-- (the snapshot does not change between checks), charged to the rule's
-- instruction budget rather than the check that asks first.
--
-- API:
--   xflow.MAX_FLOWS
--   xflow.run(ctx, r, g [, level]) -> X or nil, message
--     r = the flow resource under check, g = its graph (flow.load); level says
--     which entry sources take part, so a rule can tell what made a state "on":
--       1: the instance default and resolved callers only (definite paths);
--       2: also "untraced" flow types and JSONPath transfers (manual);
--       3 (default): also uncollected flows and an unknown CONTACTFLOW_LOGS
--          (missing evidence). Each level's states contain the previous one's.
--     X has:
--       X.states[prop]   flow.states_from(g, prop, X.starts[prop]): per action index
--                        {on, off} booleans (absent = not reached)
--       X.analysis()     the full analysis of g from its entry (flow.analyze_from,
--                        origins included), computed once on demand; sets node.eff
--                        of g for flow.witness (so does run itself)
--       X.starts[prop]   list of entry values (true = on, false = off) for flow.witness
--       X.sources[prop]  list of entry sources, each {kind = "default" |
--                        "default-unknown" | "caller" | "untraced" | "dynamic" |
--                        "uncollected", on = bool, off = bool, text, ptr (a
--                        pointer to the deciding field), path (caller: list of
--                        nodes in the caller from its entry to the transfer)}
--       X.flows          number of flows in the instance
--     nil, message when the instance has more than MAX_FLOWS flows or
--     MAX_TOTAL_ACTIONS actions in all.
local flow = require "flow"
local routing = require "flow.routing"
local collection = require "collection"

local M = {}

-- Bounds of one instance's cross-flow analysis. It runs once per rule
-- process (ctx:once), charged to the rule's instruction budget, not to the
-- check that asks first (auditor/ca_limits.h). Flows without a TransferToFlow
-- are only scanned for the action type and do not count towards
-- MAX_TOTAL_ACTIONS; the graphs of the others are kept for the rule's run,
-- slimmed (slim, below) after their transfers are read and after each witness.
M.MAX_FLOWS = 10000
M.MAX_TOTAL_ACTIONS = 8000

local PROPS = { "logging", "recording" }

-- Module calls into modules without blocks for a property are transparent
-- (flow.module_effect).
local module_effect = flow.module_effect

-- Drops what a kept graph made on first read -- node views, parameters,
-- edges, effects, reachability (lib/flow.lua, auditor/policy/flowgraph.c) --
-- which the graph makes again when they are read, the same: the graphs of an
-- instance's transferring flows are kept for the rule's run, and with those
-- parts they were most of its Lua heap (issue 12: 41.6 MiB at 240 flows).
local function slim(g)
  for _, n in ipairs(g.nodes) do n.view, n.params, n.edges, n.succ, n.eff = nil, nil, nil, nil, nil end
  g.reach, g.eff_set, g.dangling = nil, nil, nil
end

-- Instance default for logging: CONTACTFLOW_LOGS, or nil, why.
local function default_logging(ctx, instance)
  local inst = ctx:lookup("connect_instance", instance)
  if not inst then
    return nil, "instance " .. instance .. " is not in the snapshot (" .. collection.explain(ctx, instance) .. ")"
  end
  local attrs = inst.data.Attributes
  if not flow.is_view(attrs) then
    return nil, "Attributes of instance " .. instance .. " were not collected (" .. collection.explain(ctx, instance) .. ")"
  end
  for _, a in ipairs(attrs) do
    if flow.is_view(a) and a.AttributeType == "CONTACTFLOW_LOGS" then
      local v = a.Value
      if type(v) == "string" and (v:lower() == "true" or v:lower() == "false") then
        return v:lower() == "true", ctx:ptr(a, "Value")
      end
      return nil, "CONTACTFLOW_LOGS of instance " .. instance .. " is not true/false"
    end
  end
  return nil, "instance " .. instance .. " has no CONTACTFLOW_LOGS attribute in the snapshot"
end

local function in_list(list, a, b)
  if not (flow.is_view(list) or type(list) == "table") then return false end
  for _, v in ipairs(list) do
    if v == a or v == b then return true end
  end
  return false
end

-- Flow types a TransferToFlow may enter: any other type takes the block's
-- Error branch (adminguide transfer-to-flow: "not a valid flow type
-- (Inbound, Transfer to Agent, or Transfer to Queue)").
M.TRANSFER_TARGET_TYPES = { CONTACT_FLOW = true, AGENT_TRANSFER = true, QUEUE_TRANSFER = true }

-- The flows a JSONPath ContactFlowId ("$.Attributes.x", "$.FlowAttributes.x")
-- can name, when every block of the same flow that sets that attribute sets
-- it to a static flow ID or ARN of the instance: set of ARNs; nil when any
-- setter is dynamic, no block sets it, or the path is another kind (then it
-- may name any flow of a TRANSFER_TARGET_TYPES type).
function M.dynamic_targets(g, instance, ref)
  if type(ref) ~= "string" then return nil end
  local kind, key = ref:match("^%$%.(%a+)%.([%w_%-]+)$")
  if kind ~= "Attributes" and kind ~= "FlowAttributes" then return nil end
  local out, any = {}, false
  for _, n in ipairs(g.nodes) do
    local v
    if kind == "Attributes" and n.type == "UpdateContactAttributes" and n.params and flow.is_view(n.params.Attributes) then
      v = n.params.Attributes[key]
    elseif kind == "FlowAttributes" and n.type == "UpdateFlowAttributes" and n.params
      and flow.is_view(n.params.FlowAttributes) then
      local fa = n.params.FlowAttributes[key]
      v = flow.is_view(fa) and fa.Value or (fa ~= nil and false or nil)
    end
    if v ~= nil then
      local to = routing.flow_target(instance, v)
      if not to then return nil end
      out[to] = true
      any = true
    end
  end
  return any and out or nil
end

-- May JSONPath transfer `t` lead into flow `o`?
local function may_reach(t, o)
  if not M.TRANSFER_TARGET_TYPES[o.type or ""] then return false end
  return t.candidates == nil or t.candidates[o.arn] == true
end

-- Builds (or returns the cached) instance-wide state.
local LEVEL = { default = 1, caller = 1, untraced = 2, dynamic = 2, uncollected = 3, ["default-unknown"] = 3 }

-- The instance's flows, each analysed twice: from an entry with both
-- properties on, and with both off. The analysis is gen/kill with union as
-- join (distributive), so the state at any action for an entry that may be
-- on or off is the union of the two: after these 2 x flows analyses, the
-- inter-flow fixed point below is boolean propagation, with no re-analysis.
local function base(ctx, instance)
  local flows, by_arn, total = {}, {}, 0
  for arn, res in ctx:resources("connect_contact_flow") do
    if routing.instance_of(arn) == instance then
      if #flows >= M.MAX_FLOWS then
        return nil, ("instance %s has more than %d contact flows; the cross-flow analysis is bounded to %d")
          :format(instance, M.MAX_FLOWS, M.MAX_FLOWS)
      end
      local cf = res.data.ContactFlow
      local f = { arn = arn, res = res, index = #flows + 1 }
      local acts = flow.is_view(cf) and flow.is_view(cf.Content) and cf.Content.Actions
      if flow.is_view(acts) then
        -- Only a flow that transfers somewhere affects another flow's entry:
        -- the others are scanned for the action type only, and not analysed.
        local transfers = false
        for i = 1, math.min(#acts, flow.MAX_ACTIONS) do
          local a = acts[i]
          if flow.is_view(a) and a.Type == "TransferToFlow" then transfers = true; break end
        end
        f.collected = true
        if transfers then
          total = total + #acts
          if total > M.MAX_TOTAL_ACTIONS then
            return nil, ("the flows of instance %s that transfer to other flows hold more than %d actions in all; "
              .. "the cross-flow analysis is bounded to %d"):format(instance, M.MAX_TOTAL_ACTIONS, M.MAX_TOTAL_ACTIONS)
          end
          f.g = flow.graph(cf.Content)
        end
      end
      f.type = flow.is_view(cf) and type(cf.Type) == "string" and cf.Type or nil
      f.name = flow.is_view(cf) and (type(cf.Name) == "string" and cf.Name) or res.name or arn
      f.id = flow.is_view(cf) and type(cf.Id) == "string" and cf.Id or arn:match("[^/]+$")
      flows[#flows + 1] = f
      by_arn[arn] = f
    end
  end
  local B = { flows = flows, by_arn = by_arn, modcache = {}, analyses = 0 }
  B.effect = module_effect(ctx, instance, B.modcache)
  B.log_default, B.log_where = default_logging(ctx, instance)
  for _, f in ipairs(flows) do
    f.transfers = {}
    if f.g and f.g.start then
      flow.set_effects(f.g, B.effect)
      local st4 = flow.states_many(f.g, { { PROPS[1], { true } }, { PROPS[2], { true } },
                                          { PROPS[1], { false } }, { PROPS[2], { false } } })
      local from = { [true] = { [PROPS[1]] = st4[1], [PROPS[2]] = st4[2] },
                     [false] = { [PROPS[1]] = st4[3], [PROPS[2]] = st4[4] } }
      B.analyses = B.analyses + 4
      local reach = flow.reachable(f.g)
      for _, n in ipairs(f.g.nodes) do
        if n.type == "TransferToFlow" and reach[n.index] then
          local st = { [true] = {}, [false] = {} }
          for _, v in ipairs({ true, false }) do
            for _, p in ipairs(PROPS) do
              local x = from[v][p][n.index]
              st[v][p] = { on = x ~= nil and x.on, off = x ~= nil and x.off }
            end
          end
          local to, why = routing.flow_target(instance, n.params and n.params.ContactFlowId)
          f.transfers[#f.transfers + 1] = { node = n, to = to, why = why, from = st,
            candidates = why == "dynamic" and M.dynamic_targets(f.g, instance, n.params.ContactFlowId) or nil }
        end
      end
    end
    if f.g then slim(f.g) end
  end
  -- Transfers by target, in (flow, transfer) order, so a check reads only
  -- its own callers: into[arn] and dynamic = lists of {c = flow, t = transfer}.
  B.into, B.dynamic = {}, {}
  for _, f in ipairs(flows) do
    for _, t in ipairs(f.transfers) do
      local l
      if t.to then
        l = B.into[t.to]
        if not l then l = {}; B.into[t.to] = l end
      elseif t.why == "dynamic" then
        l = B.dynamic
      end
      if l then l[#l + 1] = { c = f, t = t, pos = #l + 1 } end
    end
  end
  return B
end

-- into[arn] and, at level >= dynamic, the JSONPath transfers, merged back
-- into (flow, transfer) order.
local function transfers_into(B, arn, dynamic)
  local a, b = B.into[arn] or {}, {}
  if dynamic and B.by_arn[arn] then
    for _, ct in ipairs(B.dynamic) do if may_reach(ct.t, B.by_arn[arn]) then b[#b + 1] = ct end end
  end
  if #b == 0 then return a end
  local out, i, j = {}, 1, 1
  local function before(x, y)
    if x.c.index ~= y.c.index then return x.c.index < y.c.index end
    for _, t in ipairs(x.c.transfers) do
      if t == x.t then return true end
      if t == y.t then return false end
    end
    return false
  end
  while i <= #a or j <= #b do
    if j > #b or (i <= #a and before(a[i], b[j])) then out[#out + 1] = a[i]; i = i + 1
    else out[#out + 1] = b[j]; j = j + 1 end
  end
  return out
end

-- Entry states of every flow for one level: static sources, then
-- propagation along transfers until nothing grows (each (flow, property,
-- value) bit is set at most once, so at most 4 x flows rounds of a worklist).
local function levelled(ctx, B, transfer_only, level)
  local flows = B.flows
  local L = { entry = {}, static = {}, shared = {} }
  local uncollected = {}
  for _, f in ipairs(flows) do if not f.collected then uncollected[#uncollected + 1] = f end end
  -- Flows of the same kind (inbound with the instance default, transfer-only,
  -- or the same untraced type) have the same static sources and entry: one
  -- list and one entry for each kind (an uncollected flow's own, as its list
  -- leaves itself out), the entry copied when the fixed point grows it (own).
  -- Per flow and level they were most of the rule's heap (issue 12).
  local kinds = {}
  for _, f in ipairs(flows) do
    local inbound = f.type == "CONTACT_FLOW" and not in_list(transfer_only, f.name, f.id)
    local kind = (inbound and "in" or f.type == "CONTACT_FLOW" and "only" or "type:" .. (f.type or "")) .. "\0"
      .. (f.type == nil and "nil" or "") .. (f.collected and "" or ("\0self:" .. f.index))
    local have = kinds[kind]
    if have then
      L.static[f.index], L.entry[f.index], L.shared[f.index] = have.static, have.entry, true
      goto next_flow
    end
    local static = {}
    local function add(src) if LEVEL[src.kind] <= level then static[#static + 1] = src end end
    if f.type == "CONTACT_FLOW" and not in_list(transfer_only, f.name, f.id) then
      if B.log_default == nil then
        add({ kind = "default-unknown", prop = "logging", on = true, off = true,
              text = "instance default logging unknown (" .. B.log_where .. ")" })
      else
        add({ kind = "default", prop = "logging", on = B.log_default, off = not B.log_default, ptr = B.log_where,
              text = "instance default: CONTACTFLOW_LOGS " .. tostring(B.log_default) })
      end
      add({ kind = "default", prop = "recording", on = false, off = true,
            text = "a contact starting in this flow: recording off until a recording block runs" })
    elseif f.type ~= "CONTACT_FLOW" then
      for _, p in ipairs(PROPS) do
        add({ kind = "untraced", prop = p, on = true, off = true,
              text = ("flow type %s runs after a queue, hold, whisper or transfer event that is not traced")
                :format(f.type or "(absent)") })
      end
    end
    for _, u in ipairs(uncollected) do
      if u ~= f then
        for _, p in ipairs(PROPS) do
          add({ kind = "uncollected", prop = p, on = true, off = true, arn = u.arn,
                text = ("flow %s of the instance could not be read, so its transfers are unknown (%s)")
                  :format(u.arn, collection.explain(ctx, u.arn)) })
        end
      end
    end
    local entry = { logging = { on = false, off = false }, recording = { on = false, off = false } }
    for _, src in ipairs(static) do
      entry[src.prop].on = entry[src.prop].on or src.on
      entry[src.prop].off = entry[src.prop].off or src.off
    end
    L.static[f.index], L.entry[f.index], L.shared[f.index] = static, entry, true
    kinds[kind] = { static = static, entry = entry }
    ::next_flow::
  end
  -- The entry of flow index i, its own (copied from its kind's) to grow.
  local function own(i)
    if L.shared[i] then
      local e = L.entry[i]
      L.entry[i] = { logging = { on = e.logging.on, off = e.logging.off },
                     recording = { on = e.recording.on, off = e.recording.off } }
      L.shared[i] = nil
    end
    return L.entry[i]
  end
  -- The state at a transfer, given its flow's entry: union over the entry values.
  function L.at(f, t)
    local e, st = L.entry[f.index], {}
    for _, p in ipairs(PROPS) do
      local x = { on = false, off = false }
      for _, v in ipairs({ true, false }) do
        if (v and e[p].on) or (not v and e[p].off) then
          x.on = x.on or t.from[v][p].on
          x.off = x.off or t.from[v][p].off
        end
      end
      st[p] = x
    end
    return st
  end
  local queue, queued, head = {}, {}, 1
  for _, f in ipairs(flows) do queue[#queue + 1] = f; queued[f] = true end
  local function grow(t, st)
    local e, changed = L.entry[t.index], false
    for _, p in ipairs(PROPS) do
      if (st[p].on and not e[p].on) or (st[p].off and not e[p].off) then changed = true end
    end
    if not changed then return end
    e = own(t.index)
    for _, p in ipairs(PROPS) do
      if st[p].on then e[p].on = true end
      if st[p].off then e[p].off = true end
    end
    if not queued[t] then queued[t] = true; queue[#queue + 1] = t end
  end
  while head <= #queue do
    local f = queue[head]; head = head + 1
    queued[f] = nil
    for _, t in ipairs(f.transfers) do
      local st = L.at(f, t)
      if t.to then
        if B.by_arn[t.to] then grow(B.by_arn[t.to], st) end
      elseif t.why == "dynamic" and level >= LEVEL.dynamic then
        for _, o in ipairs(flows) do if may_reach(t, o) then grow(o, st) end end
      end
    end
  end
  return L
end

local MAX_CALLER_PATHS = 5 -- witness paths computed in callers per finding

function M.run(ctx, r, g, level)
  level = level or 3
  local instance = routing.instance_of(r.arn)
  if not instance then return nil, r.arn .. " is not the ARN of a flow inside a Connect instance" end
  -- Read the parameter on every check, so every finding records it; a pack
  -- that does not declare it (reading it raises) has no transfer-only flows.
  local ok, transfer_only = pcall(function() return ctx.params.transfer_only_flows end)
  if not ok then transfer_only = nil end
  local B = ctx:once("xflow.base:" .. instance, function()
    local b, why = base(ctx, instance)
    return b or { err = why }
  end)
  if B.err then return nil, B.err end
  local L = ctx:once(("xflow.level:%d:%s"):format(level, instance),
    function() return levelled(ctx, B, transfer_only, level) end)
  local f = B.by_arn[r.arn]
  if not f then return nil, r.arn .. " is not a flow of its instance in the snapshot" end
  local entry = L.entry[f.index]
  -- The flow under check is analysed on its own graph `g` (built from the same
  -- Content), so node.eff and the views belong to it.
  local out = { flows = #B.flows, analyses = B.analyses, sources = {}, starts = {}, states = {} }
  -- Origins (which block made a value possible) need the full analysis; it
  -- is computed on demand, once, by out:analysis(). It sets node.eff of g.
  function out.analysis()
    if not out.res then out.res = flow.analyze_from(g, entry, B.effect) end
    flow.set_effects(g, B.effect)
    return out.res
  end
  flow.set_effects(g, B.effect)
  local paths = 0
  -- Both properties' states in one call (flow.states_many): nothing below
  -- changes g (the callers' witnesses run on their own graphs).
  local queries = {}
  for i, p in ipairs(PROPS) do
    out.starts[p] = {}
    if entry[p].on then out.starts[p][#out.starts[p] + 1] = true end
    if entry[p].off then out.starts[p][#out.starts[p] + 1] = false end
    queries[i] = { p, out.starts[p] }
  end
  local states = flow.states_many(g, queries)
  for i, p in ipairs(PROPS) do
    out.states[p] = states[i]
    local list = {}
    for _, src in ipairs(L.static[f.index]) do if src.prop == p then list[#list + 1] = src end end
    for _, ct in ipairs(transfers_into(B, r.arn, level >= LEVEL.dynamic)) do
      local c, t = ct.c, ct.t
      local st = L.at(c, t)[p]
      local src = { kind = t.to and "caller" or "dynamic", prop = p, on = st.on, off = st.off,
                    ptr = ctx:ptr(t.node.view, "Parameters", "ContactFlowId") }
      src.text = ("%s %s of flow '%s'"):format(t.to and "TransferToFlow" or "TransferToFlow with a JSONPath target",
        flow.describe(c.g, t.node), c.name)
      if src.on and paths < MAX_CALLER_PATHS then
        -- The caller's own witness, from its entry to the transfer.
        paths = paths + 1
        local ce, starts = L.entry[c.index], {}
        if ce[p].on then starts[#starts + 1] = true end
        if ce[p].off then starts[#starts + 1] = false end
        flow.set_effects(c.g, B.effect)
        src.path = flow.witness(c.g, p, t.node, starts)
        slim(c.g)
      end
      list[#list + 1] = src
    end
    out.sources[p] = list
  end
  return out
end

return M
