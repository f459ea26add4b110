-- flow.lua -- reads one contact flow's Content (flow language 2019-10-30,
-- reference/flow-language.md) as a graph, and runs a forward data-flow
-- analysis over it for two properties that matter when card data or other
-- sensitive input is collected:
--   logging   -- is flow logging (UpdateFlowLoggingBehavior) possibly enabled?
--   recording -- is voice recording possibly active (UpdateContactRecording*)?
-- Both start "possibly on" at the flow's entry: logging is instance-wide and
-- carries in from earlier flows, and the last recording block that ran in any
-- earlier flow still holds, so nothing about the caller can be assumed.
--
-- Views of the snapshot are userdata; everything the analysis keeps is copied
-- into plain tables once, so the fixed-point loop does not go through the C
-- view layer on every pass. Output order always follows the Actions list.

local M = {}

M.MAX_ACTIONS = 250 -- the flow-language limit; bounds the fixed point below

-- Graphs built in this rule process and path analyses run over them
-- (analyze_from and states_from: the engine's flowanalysis / flowstates, whose
-- work no Lua instruction count shows); audit --timings shows them as
-- flow.graphs and flow.analyses, and tests/scale_check.py holds every flow
-- rule to a bounded number of each per flow. flow.searches counts the path
-- searches of auditor/policy/flowpaths.c (reachable, every_path_passes,
-- witness), whose work no Lua instruction count shows either.
M.stats = { graphs = 0, analyses = 0, searches = 0 }

local function is_view(v) return type(v) == "userdata" end
M.is_view = is_view

-- Booleans in flow parameters are strings in varying case ("True", "true").
function M.truthy(v)
  if v == true then return true end
  return type(v) == "string" and v:lower() == "true"
end

-- A whole-value or embedded JSONPath ("$.Attributes.x", "Hi $.Name") cannot
-- be resolved statically.
function M.is_dynamic(v)
  return type(v) == "string" and v:find("$", 1, true) ~= nil
end

local function str(v)
  if type(v) == "string" then return v end
  return nil
end

-- ---------------------------------------------------------------------------
-- Loading the Content of a connect_contact_flow (or _module) resource.

-- The data member that holds a flow resource's Describe* object:
-- ContactFlowModule for a connect_contact_flow_module, else ContactFlow. Flow
-- rules take both types (resource = flow.TYPES).
M.TYPES = { "connect_contact_flow", "connect_contact_flow_module" }
function M.container(r)
  return r.type == "connect_contact_flow_module" and "ContactFlowModule" or "ContactFlow"
end
function M.is_module(r) return r.type == "connect_contact_flow_module" end

-- Returns the Content view, or records an error finding and returns nil.
-- Absent ContactFlow / Content stops the check through ctx:need (status error
-- naming the pointer and the snapshot's errors[] entries).
function M.content(ctx, r, container)
  container = container or M.container(r)
  local cf = ctx:need(r.data, container)
  if not is_view(cf) then
    ctx:error(("%s %s is %s, not an object"):format(r.name or r.arn, container,
      cf == false and "null" or type(cf)), { path = ctx:ptr(r.data, container) })
    return nil
  end
  local content = ctx:need(cf, "Content")
  if type(content) == "string" then
    ctx:error(("%s: %s.Content is a JSON string, not a parsed object (an older collector did not parse it); re-collect the snapshot")
      :format(r.name or r.arn, container),
      { path = ctx:ptr(cf, "Content"), note = "(string of " .. #content .. " characters)", expected = "object" })
    return nil
  end
  if not is_view(content) then
    ctx:error(("%s: %s.Content is %s, not a flow-language object"):format(r.name or r.arn, container,
      content == false and "null" or type(content)), { path = ctx:ptr(cf, "Content"), expected = "object" })
    return nil
  end
  return content
end

local graph -- defined below

-- Content → graph for a rule's check, or records an error finding and
-- returns nil. An Actions member that is absent or not a list is an error
-- too: without it nothing about the flow can be decided. The graph's module
-- calls are resolved against the snapshot (g.effect, M.module_effect), so
-- M.analyze treats a call into a module without logging or recording blocks
-- as neutral.
function M.load(ctx, r, container)
  local content = M.content(ctx, r, container)
  if not content then return nil end
  local actions = content.Actions
  if actions == nil then
    -- The snapshot holds what the flow is; one that is not the flow language
    -- fails only itself (docs/snapshot.md).
    local old = is_view(content.modules)
    ctx:error(("%s: Content is not the flow language (Version 2019-10-30): no Actions list%s; re-export the flow "
      .. "from the flow designer"):format(r.name or r.arn,
        old and " (it is the pre-2019 export format, with modules[])" or ""),
      { path = ctx:ptr(r.data, container or "ContactFlow", "Content"), note = old and "pre-2019 export format (modules[])" or "no Actions",
        expected = "flow language 2019-10-30: {Version, StartAction, Actions[]}" })
    return nil
  end
  if not is_view(actions) then
    ctx:error(("%s: Content.Actions is %s, not a list"):format(r.name or r.arn,
      actions == false and "null" or type(actions)), { path = ctx:ptr(content, "Actions"), expected = "list" })
    return nil
  end
  local g = graph(content)
  local instance = require("flowrefs").instance_arn(r.arn)
  if instance then g.effect = M.module_effect(ctx, instance) end
  return g
end

-- ---------------------------------------------------------------------------
-- The graph.

-- Builds the graph of a Content view:
--   g.content, g.actions_view
--   g.nodes[i] = {index, id, type, view, params (view or nil), edges, succ}
--   g.by_index[index] = node (index = position in Actions, 1-based)
--   g.by_id[id] = node (first action with that Identifier)
--   g.duplicates = list of nodes whose Identifier was already taken
--   g.start_id, g.start (node or nil)
--   g.dangling = list of {from = node, edge = edge} whose target is missing
--   g.truncated = true when Actions has more than MAX_ACTIONS entries
--   g.eff_set = what M.set_effects set last (its memo)
-- Returns nil, message when Content has no Actions list.
-- Each edge is {to, kind = "next"|"condition"|"error", label, keys (where
-- the NextAction member is inside the action, for ctx:ptr), error_type,
-- node (the target, when `to` names an action)}, in document order:
-- NextAction, then each Conditions[i], then each Errors[i]; node.succ holds
-- the edges that have a node.
-- The engine builds it (auditor/policy/flowgraph.c, the `flowgraph` global):
-- reading every member of every action through views cost ~15,000 Lua
-- instructions and ~1,000 view userdata per flow, in each of the twenty flow
-- rules (issue 12). The tables are fresh for each call: a rule may add to them.
function graph(content)
  M.stats.graphs = M.stats.graphs + 1
  return flowgraph(content, M.MAX_ACTIONS)
end

M.graph = graph

-- Reachability from StartAction: set of node.index -> true (made once per
-- graph). The engine runs the search (auditor/policy/flowpaths.c,
-- flowpaths.reach): a breadth-first search over node.succ.
function M.reachable(g)
  if g.reach then return g.reach end
  M.stats.searches = M.stats.searches + 1
  local seen = flowpaths.reach(g)
  g.reach = seen
  return seen
end

-- "Does every path from StartAction into a target pass a gate first?"
-- is_target(node) -> bool; is_gate(node, edge) -> bool: true when leaving
-- `node` along `edge` counts as having passed the gate (so a check's "True"
-- branch can count while its "False" and error branches do not; a gate that
-- is a whole action ignores `edge`).
-- The answer is a reachability question: a target fails exactly when it can
-- be reached from StartAction along edges none of which is a gate edge. One
-- breadth-first search over actions answers it for every target at once, so
-- loops and joins need no special care (each action is visited once: O(actions
-- + edges)), and the parent links give a shortest ungated path as a witness.
-- Returns a list in document order, one entry per target reachable from
-- StartAction: {node = target, ok = bool, path = list of nodes (start ..
-- target) when not ok}. Unreachable targets are left out (no path, nothing to
-- gate); g.start == nil gives {}. The engine runs the search
-- (auditor/policy/flowpaths.c, flowpaths.passes), calling is_gate and
-- is_target as this loop did in Lua: is_gate for each edge into an action not
-- reached yet, in breadth-first order; is_target for each reachable action in
-- document order (issue 12: the loop was most of BASE-FLOW-010's instructions).
function M.every_path_passes(g, is_target, is_gate)
  if not g.start then return {} end
  local reach = M.reachable(g)
  M.stats.searches = M.stats.searches + 1
  return flowpaths.passes(g, is_target, is_gate, reach)
end

-- Display name the designer shows for an action (Metadata.ActionMetadata[id]),
-- or nil. Key casing varies between exports.
function M.display_name(content, id)
  local md = is_view(content) and content.Metadata
  if not is_view(md) or type(id) ~= "string" then return nil end
  local am = md.ActionMetadata
  if not is_view(am) then am = md.actionMetadata end
  if not is_view(am) then return nil end
  local entry = am[id]
  if not is_view(entry) then return nil end
  return str(entry.displayName) or str(entry.DisplayName)
end

-- "'id' (display name)" for messages.
function M.describe(g, node)
  local name = M.display_name(g.content, node.id)
  local id = node.id or ("#" .. node.index)
  if name and name ~= id then return ("'%s' (%s)"):format(id, name) end
  return "'" .. id .. "'"
end

-- ---------------------------------------------------------------------------
-- Effects of one action on the two properties.
--   nil        -- the action leaves the property alone
--   "on"/"off" -- sets it
--   "unknown"  -- may set either (dynamic value, unparsed parameters, module call)

local function logging_effect(node)
  if node.type == "UpdateFlowLoggingBehavior" then
    local v = node.params and node.params.FlowLoggingBehavior
    if type(v) == "string" then
      local l = v:lower()
      if l == "enabled" then return "on" end
      if l == "disabled" then return "off" end
    end
    return "unknown"
  end
  -- Whether a module shares the caller's logging state is unverified, and it
  -- may contain its own logging block: assume it can turn logging on.
  if node.type == "InvokeFlowModule" then return "unknown" end
  return nil
end

-- RecordingBehavior-like object {RecordedParticipants, IVRRecordingBehavior}.
local function voice_recording_effect(rb)
  if rb == nil then return nil end -- the block does not touch voice recording
  if not is_view(rb) then return "unknown" end
  local parts, ivr = rb.RecordedParticipants, rb.IVRRecordingBehavior
  local any_part
  if parts == false then any_part = false -- null: nobody recorded
  elseif parts == nil then any_part = nil -- not stated: cannot show it is off
  elseif is_view(parts) then any_part = #parts > 0
  else return "unknown" end -- a JSONPath or something unexpected
  if ivr ~= nil and ivr ~= false then
    if type(ivr) ~= "string" then return "unknown" end
    local l = ivr:lower()
    if l == "enabled" then return "on" end
    if l ~= "disabled" then return "unknown" end
  end
  if any_part == nil then return "unknown" end
  return any_part and "on" or "off"
end

local function recording_effect(node)
  local p = node.params
  if node.type == "UpdateContactRecordingBehavior" then
    if not p then return "unknown" end
    return voice_recording_effect(p.RecordingBehavior)
  end
  if node.type == "UpdateContactRecordingAndAnalyticsBehavior" then
    if not p then return "unknown" end
    local vb = p.VoiceBehavior
    if vb == nil then return nil end -- chat-only settings
    if not is_view(vb) then return "unknown" end
    return voice_recording_effect(vb.VoiceRecordingBehavior)
  end
  if node.type == "InvokeFlowModule" then return "unknown" end
  return nil
end

M.effects = { logging = logging_effect, recording = recording_effect }

-- Does graph g hold a block that may change `prop` (a module call counts)?
function M.has_effect_blocks(g, prop)
  for _, n in ipairs(g.nodes) do
    if M.effects[prop](n) ~= nil then return true end
  end
  return false
end

-- The effect functions M.module_effect made: they answer nil for every node
-- but an InvokeFlowModule, so M.set_effects asks them about those only.
-- Weak keys: a closure of a finished check goes with it.
local module_only = setmetatable({}, { __mode = "k" })

-- An `effect` override (M.analyze_from) for module calls: "none" (neutral)
-- when FlowModuleId names a module of `instance` that is in the snapshot and
-- holds no block for the property; nil (the default: "unknown") for any
-- other call -- a JSONPath, a module of another instance, one not collected.
-- `cache` (optional) maps module ARN -> what was found, across calls.
function M.module_effect(ctx, instance, cache)
  cache = cache or {}
  local routing = require "flow.routing" -- flow.routing requires this file
  local fn = function(node, prop)
    if node.type ~= "InvokeFlowModule" then return nil end
    local arn = routing.module_target(instance, node.params and node.params.FlowModuleId)
    if not arn then return nil end
    local m = cache[arn]
    if m == nil then
      local mg = routing.other_graph(ctx, "connect_contact_flow_module", arn, "ContactFlowModule")
      m = { g = mg or false }
      if mg then for _, p in ipairs({ "logging", "recording" }) do m[p] = M.has_effect_blocks(mg, p) end end
      cache[arn] = m
    end
    if m.g and not m[prop] then return "none" end
    return nil
  end
  module_only[fn] = true
  return fn
end

-- ---------------------------------------------------------------------------
-- Forward data-flow analysis.
-- State per property: {on = origins, off = origins}, where origins is a set
-- of node indexes (0 = the flow's entry) of the actions that made that value
-- possible. Join = union; the transfer function of an action that sets the
-- property replaces both sets; along Errors[] edges the action may not have
-- taken effect, so the state there is the join of its entry and exit states.
-- Sets only grow and are bounded by the action count, so the loop ends.

local PROPS = { "logging", "recording" }

-- An action not (yet) reached has empty sets and must not create states of
-- its own: an unreachable "Enabled" block feeding a reachable action is no path.

-- Returns result with result.entry[node.index][prop] = {on=set, off=set}
-- (empty sets on an unreachable action). The flow's entry is "possibly on"
-- for both properties (origin 0); M.analyze_from takes another entry state.
function M.analyze(g)
  if g.analysis then return g.analysis end
  local res = M.analyze_from(g, { logging = { on = true }, recording = { on = true } }, g.effect)
  g.analysis = res
  return res
end

-- The same analysis from a given entry state: start[prop] = {on = bool, off =
-- bool} (both false: the entry is never reached, so nothing is). `effect`
-- (optional) is function(node, prop) -> effect or nil to fall back to
-- M.effects[prop] (the cross-flow analysis resolves module calls with it).
-- Not cached: the result is returned, and node.eff is left as M.effects say
-- unless `effect` overrides it (node.eff is what M.witness reads).
-- The engine runs the loop (auditor/policy/flowgraph.c, the `flowanalysis`
-- global): origin sets as bit sets, the worklist below in the same order
-- (so passes and converged are the ones a Lua loop gives), and
-- res.entry[index] made on first read; a table per action, property and
-- value was most of the card-input rules' cost (issue 12).
-- Worklist in document order: an action is revisited only when its entry
-- state grew. Each set can grow at most #nodes + 1 times, which bounds the
-- work; a budget of (#nodes + 1)^2 * 4 + 16 steps is a second guard.
-- The transfer function of an action not (yet) reached (empty sets) creates
-- no state of its own; along an Errors[] edge of an action that sets the
-- property the entry state joins its exit.
function M.analyze_from(g, start, effect)
  M.stats.analyses = M.stats.analyses + 1
  M.set_effects(g, effect)
  return flowanalysis(g, start)
end

-- Sorted origin nodes of a set (0 = entry first, then document order).
function M.origins(g, set)
  local idx = {}
  for k in pairs(set) do idx[#idx + 1] = k end
  table.sort(idx)
  local out = {}
  for _, k in ipairs(idx) do
    if k == 0 then out[#out + 1] = "entry" else out[#out + 1] = g.by_index[k] end
  end
  return out
end

-- True when `prop` may be on when `node` starts.
function M.possibly_on(g, prop, node)
  local st = M.analyze(g).entry[node.index][prop]
  return next(st.on) ~= nil
end

-- A shortest path (list of nodes, start first, `target` last) along which
-- `prop` is on when `target` starts, or nil. Breadth-first search over
-- (action, on?) pairs: it agrees with the data-flow result because the
-- transfer functions are gen/kill (distributive).
-- `starts` (optional) lists the entry values to search from ({true} when
-- absent: the entry is possibly on); with it, node.eff must already hold the
-- effects of the analysis the caller ran (M.analyze_from sets them).
-- The engine runs the search (auditor/policy/flowpaths.c, flowpaths.witness),
-- in the order the Lua loop did, so the path is the one it gave.
function M.witness(g, prop, target, starts)
  if not g.start then return nil end
  if not starts then M.analyze(g); M.set_effects(g, g.effect); starts = { true } end
  M.stats.searches = M.stats.searches + 1
  return flowpaths.witness(g, prop, target, starts)
end

-- Sets node.eff[prop] on every node as M.analyze_from would (same `effect`
-- override), without running the analysis: for M.witness and M.states_from.
-- For each node and property: effect(node, prop) when `effect` is given, and
-- where it answers nil M.effects[prop](node), where "none" no effect.
-- The engine does it (auditor/policy/flowgraph.c, the `floweffects` global):
-- the built-in effects read from the action's JSON, `effect` asked only about
-- InvokeFlowModule nodes when M.module_effect made it, and a second call with
-- the same `effect` on a graph whose nodes still hold the eff tables it set
-- returns at once (g.eff_set): the analysis and each witness path of a check
-- set the same effects again, and that was most of the card-input rules'
-- Lua work (issue 12). So `effect` must answer the same for the same node
-- on every call, as M.module_effect's does.
function M.set_effects(g, effect)
  floweffects(g, effect, module_only[effect] and "InvokeFlowModule" or nil)
end

-- The values `prop` may have when each action starts, from the entry values
-- in `starts` (list of booleans), as booleans only: {[node.index] = {on =
-- bool, off = bool}} for reached actions (nil for the others). A breadth-first
-- search over (action, value) pairs, O(actions + edges): the same answer as
-- M.analyze_from's sets being non-empty (gen/kill transfer functions), at a
-- fraction of the cost. An action whose effect is "unknown" passes both values
-- on; along an Errors[] edge of an action with an effect the block may not have
-- taken effect, so the value it was entered with passes too. node.eff must be
-- set (M.set_effects). The engine runs the search (auditor/policy/flowgraph.c,
-- the `flowstates` global; the entries are made on first read).
function M.states_from(g, prop, starts)
  M.stats.analyses = M.stats.analyses + 1
  return flowstates(g, prop, starts)
end

-- M.states_from for each query of `queries` (list of {prop, starts}), in
-- order: the list of their answers, the same as calling M.states_from for
-- each in turn. The engine answers them in one call when it can read g once
-- for all (flowstates with a list: g the graph flowgraph() built over the
-- parent's shared graph, read without metamethods, auditor/policy/flowgraph.c)
-- and else makes the calls one by one (from C: a rule is charged the same
-- instructions either way).
function M.states_many(g, queries)
  M.stats.analyses = M.stats.analyses + #queries
  return flowstates(g, queries)
end

-- "a -> b -> c", shortened in the middle for long paths.
function M.path_text(path)
  local ids = {}
  for _, n in ipairs(path) do ids[#ids + 1] = n.id or ("#" .. n.index) end
  if #ids > 8 then
    local short = { ids[1], ids[2], ids[3], "...", ids[#ids - 2], ids[#ids - 1], ids[#ids] }
    ids = short
  end
  return table.concat(ids, " -> ")
end

-- ---------------------------------------------------------------------------
-- Sensitive input.

-- A node for one action view outside a graph (no edges resolved).
function M.node(action)
  return { index = 0, view = action, id = str(action.Identifier), type = str(action.Type) or "?",
           params = is_view(action.Parameters) and action.Parameters or nil }
end

-- GetParticipantInput with StoreInput true: the digits land in
-- $.StoredCustomerInput.
function M.is_stored_input(node)
  return node.type == "GetParticipantInput" and node.params ~= nil
    and M.truthy(node.params.StoreInput)
end

-- InputEncryption with both an EncryptionKeyId and a Key.
function M.has_encryption(node)
  local ie = node.params and node.params.InputEncryption
  if not is_view(ie) then return false end
  local id, key = ie.EncryptionKeyId, ie.Key
  return type(id) == "string" and id ~= "" and type(key) == "string" and key ~= ""
end

-- Does `text` contain `keyword` at the start of a word (case-insensitive)?
-- "card" matches "Card number" and "cardholder", not "discarded". The
-- engine compares (auditor/policy/flowpaths.c, flowpaths.keyword): what
-- text:lower():find("%f[%w]" .. <keyword:lower(), magic characters escaped>)
-- answered, without the lowered copies and the pattern per call.
function M.has_keyword(text, keyword)
  if type(text) ~= "string" or type(keyword) ~= "string" or keyword == "" then return false end
  return flowpaths.keyword(text, keyword)
end

-- Returns true, reason [, maybe] when the action collects a card number (or
-- other card data), as lib/flow/input.lua classifies it: a stored
-- GetParticipantInput whose prompt (Text/SSML) or display name names card
-- data (params.card_keywords); or, maybe = true, one the flow cannot tell
-- about (prompt chosen at run time, audio, silent) whose
-- CustomValidation.MaximumLength lies in [params.card_length_min,
-- params.card_length_max] -- the rules then say manual, not fail. `node` is a
-- graph node; `content` (optional) is the Content view for display names.
function M.is_card_input(node, params, content)
  local class, why, maybe = require("flow.input").classify(node, params, content)
  if class == "card" then return true, why end
  if class == "unknown" and maybe then return true, why, true end
  return false
end

-- Card inputs in document order: list of {node = node, why = reason, maybe}.

-- ctx:fail for a card input, or ctx:manual when the flow cannot tell the
-- input is card data (ci.maybe): a person must say what it collects.
function M.card_fail(ctx, ci, msg, ev)
  if ci.maybe then
    ctx:manual(msg .. "; the flow cannot tell this input is card data (" .. ci.why
      .. "): confirm what it collects", ev)
  else
    ctx:fail(msg, ev)
  end
end
-- Only a GetParticipantInput can be a stored input (input.classify answers nil
-- for any other Type), so the other actions are not asked.
function M.card_inputs(g, params)
  local out = {}
  for _, node in ipairs(g.nodes) do
    if node.type == "GetParticipantInput" then
      local yes, why, maybe = M.is_card_input(node, params, g.content)
      if yes then out[#out + 1] = { node = node, why = why, maybe = maybe } end
    end
  end
  return out
end


-- ---------------------------------------------------------------------------
-- Shared check for the "on every path into card input, X is off" rules.

-- Keys (inside the action) of the member that decided an action's effect.
function M.decisive_keys(node, prop)
  if not node.params then return {} end
  if node.type == "InvokeFlowModule" then return { "Parameters", "FlowModuleId" } end
  if prop == "logging" then return { "Parameters", "FlowLoggingBehavior" } end
  if node.type == "UpdateContactRecordingAndAnalyticsBehavior" then
    local vb = node.params.VoiceBehavior
    if is_view(vb) and vb.VoiceRecordingBehavior ~= nil then
      return { "Parameters", "VoiceBehavior", "VoiceRecordingBehavior" }
    end
    return { "Parameters", "VoiceBehavior" }
  end
  return { "Parameters", "RecordingBehavior" }
end

local MAX_ORIGINS = 20 -- evidence items per finding are capped (64)

local function origin_evidence(ctx, g, origins, prop, expected, entry_text)
  local ev = {}
  for i, o in ipairs(origins) do
    if i > MAX_ORIGINS then break end
    if o == "entry" then
      ev[#ev + 1] = { path = ctx:ptr(g.content, "StartAction"), note = entry_text, expected = expected }
    else
      ev[#ev + 1] = { path = ctx:ptr(o.view, table.unpack(M.decisive_keys(o, prop))), expected = expected }
    end
  end
  return ev
end

local function origin_names(g, origins)
  local names = {}
  for i, o in ipairs(origins) do
    if i > 5 then names[#names + 1] = ("and %d more"):format(#origins - 5); break end
    names[#names + 1] = o == "entry" and "the flow's entry" or (o.type .. " " .. M.describe(g, o))
  end
  return table.concat(names, ", ")
end

-- Records the error finding for a flow whose StartAction names no action
-- ("so no path into <what> can be traced") and returns false; true when
-- g.start is set.
function M.need_start(ctx, g, name, what)
  if g.start then return true end
  ctx:error(("%s: StartAction %s does not name an action, so no path into %s can be traced")
    :format(name, type(g.start_id) == "string" and ("'" .. g.start_id .. "'") or "is absent", what),
    { path = ctx:ptr(g.content, "StartAction"), expected = "the Identifier of an action" })
  return false
end

-- The common start of the card-input path rules: the graph and its card
-- inputs, or nil after recording the finding (error: not collected or no
-- StartAction; skip: no card input).
function M.card_preamble(ctx, r, spec)
  spec = spec or {}
  local g = M.load(ctx, r)
  if not g then return nil end
  local name = r.name or r.arn
  local inputs = (spec.inputs or M.card_inputs)(g, ctx.params)
  if #inputs == 0 then
    ctx:skip(name .. ": " .. (spec.none or "no card input (no stored GetParticipantInput that looks like card data)"))
    return nil
  end
  if not M.need_start(ctx, g, name, "the " .. (spec.kind or "card input")) then return nil end
  return g, inputs
end

-- Stored inputs of personal or health data (lib/flow/input.lua class "phi"), and
-- those the flow cannot place (class "unknown": maybe = true, a person says what
-- they collect), in document order: the list shape of M.card_inputs.
function M.sensitive_inputs(g, params)
  local out = {}
  local input = require "flow.input"
  for _, node in ipairs(g.nodes) do
    local class, why
    if node.type == "GetParticipantInput" then class, why = input.classify(node, params, g.content) end
    if class == "phi" then out[#out + 1] = { node = node, why = why }
    elseif class == "unknown" then out[#out + 1] = { node = node, why = why, maybe = true } end
  end
  return out
end

-- ctx:fail for sensitive input, ctx:manual when the flow cannot place it.
function M.sensitive_fail(ctx, ci, msg, ev)
  if ci.maybe then
    ctx:manual(msg .. "; the flow cannot tell what this input collects (" .. ci.why
      .. "): confirm it is no personal or health data", ev)
  else
    ctx:fail(msg, ev)
  end
end

-- The spec of check_card_paths for personal or health data (HIPAA-FLOW-002/003).
function M.sensitive_spec(spec)
  spec.kind = "sensitive input"
  spec.inputs = M.sensitive_inputs
  spec.fail = M.sensitive_fail
  spec.none = "no stored input of personal or health data (sensitive_input_keywords) or of unknown kind"
  return spec
end

-- spec = {prop = "logging"|"recording", on_word = "flow logging possibly enabled",
--         off_word = "flow logging disabled", expected = …, entry_text = …}
-- One finding per card input, in document order.
-- spec.kind / inputs / fail / none (M.sensitive_spec) judge other inputs than card data.
function M.check_card_paths(ctx, r, spec)
  local g, inputs = M.card_preamble(ctx, r, spec)
  if not g then return end
  local kind, fail = spec.kind or "card input", spec.fail or M.card_fail
  local name = r.name or r.arn
  local res = M.analyze(g)
  if not res.converged then
    ctx:error(name .. ": the path analysis did not converge; flow too large to decide")
    return
  end
  local reach = M.reachable(g)
  for _, ci in ipairs(inputs) do
    local node = ci.node
    local what = ("%s: %s %s"):format(name, kind, M.describe(g, node))
    local id_ptr = ctx:ptr(node.view, "Identifier")
    if not reach[node.index] then
      ctx:pass(what .. " is unreachable from StartAction '" .. g.start_id .. "', so no path collects it",
        { path = id_ptr, note = "unreachable from StartAction", expected = spec.expected })
    else
      local st = res.entry[node.index][spec.prop]
      if next(st.on) ~= nil then
        local ons = M.origins(g, st.on)
        local path = M.witness(g, spec.prop, node)
        local msg = ("%s is reached with %s (by %s)"):format(what, spec.on_word, origin_names(g, ons))
        if path then msg = msg .. "; path: " .. M.path_text(path) end
        local ev = { { path = id_ptr, note = spec.on_word .. (path and (" via " .. M.path_text(path)) or ""),
                       expected = spec.expected } }
        for _, e in ipairs(origin_evidence(ctx, g, ons, spec.prop, spec.expected, spec.entry_text)) do ev[#ev + 1] = e end
        fail(ctx, ci, msg, ev)
      else
        local offs = M.origins(g, st.off)
        local ev = { { path = id_ptr, note = spec.off_word .. " on every path", expected = spec.expected } }
        for _, e in ipairs(origin_evidence(ctx, g, offs, spec.prop, spec.expected, spec.entry_text)) do ev[#ev + 1] = e end
        ctx:pass(("%s: %s on every path (by %s)"):format(what, spec.off_word, origin_names(g, offs)), ev)
      end
    end
  end
end

return M
