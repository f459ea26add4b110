-- BASE-FLOW-040 (FLOW-8): calls are recorded, and Contact Lens analyses them,
-- as the requirements say. For an inbound flow (Type CONTACT_FLOW) with a
-- queue end (lib/flow/routing.lua: TransferContactToQueue,
-- DequeueContactAndTransferToQueue, CreateCallbackContact), the question per
-- reachable queue end is "when the contact reaches it, is agent and customer
-- recording on, on every path?" (pack parameter recording_required) and "is
-- Contact Lens analytics on, on every path?" (contact_lens_required); with
-- the latter the instance's CONTACT_LENS attribute must also be "true".
--
-- The last recording block to run wins (reference/flow-language.md §4.3), so
-- this is a data-flow question, not "a recording block lies on the path": a
-- block that turns recording off after one that turned it on leaves it off.
-- flow.states_from answers it for every queue end at once. The flow's entry
-- counts as "off": an inbound flow can start a contact, where nothing records
-- until a block says so.
--   * "on" (recording) = RecordedParticipants holds both Agent and Customer
--     (AWS allows analytics only then); [] / null / one participant = off.
--   * "on" (Contact Lens) = AnalyticsBehavior.Enabled (UpdateContactRecordingBehavior)
--     or VoiceAnalyticsBehavior.Enabled / a non-empty AnalyticsModes
--     (UpdateContactRecordingAndAnalyticsBehavior) is true.
--   * A JSONPath or otherwise unreadable value, a block without Parameters and a
--     module call whose module is not in the snapshot (or holds recording
--     blocks or module calls of its own) are "unknown": the queue end is then
--     decided as if they turned the property on (a path that is off anyway is
--     a fail) and, if that passes, as if they may not (manual, never pass).
-- A flow whose own paths fail but which every TransferToFlow from the
-- instance's other flows enters with the property already on is manual: it
-- may still be an entry point of its own, which the snapshot cannot show.
-- Along an error branch of a recording block the setting may not have taken
-- effect (lib/flow.lua); the ChannelMismatch branch of a voice setting is left
-- out (only non-voice contacts take it).
-- One finding per flow (flowrefs.report: fail > error > manual > pass).
local flow = require "flow"
local routing = require "flow.routing"
local index = require "flow.index"
local flowrefs = require "flowrefs"
local collection = require "collection"
local analytics = require "flow.analytics"

local RECORDING_BLOCKS = { UpdateContactRecordingBehavior = true, UpdateContactRecordingAndAnalyticsBehavior = true,
                           InvokeFlowModule = true }

-- RecordingBehavior / VoiceRecordingBehavior -> "on" | "off" | "unknown" | nil
local function recording_of(rb)
  if rb == nil then return nil end -- the block leaves voice recording alone
  if rb == false then return "off" end
  if not flow.is_view(rb) then return "unknown" end
  local parts = rb.RecordedParticipants
  if parts == false then return "off" end
  if not flow.is_view(parts) then return "unknown" end -- absent, or a JSONPath
  local agent, customer = false, false
  for _, p in ipairs(parts) do
    if type(p) ~= "string" or flow.is_dynamic(p) then return "unknown" end
    local l = p:lower()
    if l == "agent" then agent = true elseif l == "customer" then customer = true end
  end
  return (agent and customer) and "on" or "off"
end

local analytics_of = analytics.state -- lib/flow/analytics.lua

local PROPS = {
  rec = { param = "recording_required", word = "agent and customer recording",
          expected = "UpdateContactRecordingBehavior / UpdateContactRecordingAndAnalyticsBehavior with "
            .. "RecordedParticipants [\"Agent\",\"Customer\"] as the last recording block on every path into the queue",
          keys = { UpdateContactRecordingBehavior = { "Parameters", "RecordingBehavior" },
                   UpdateContactRecordingAndAnalyticsBehavior = { "Parameters", "VoiceBehavior", "VoiceRecordingBehavior" } } },
  cl = { param = "contact_lens_required", word = "Contact Lens analytics",
         expected = "AnalyticsBehavior.Enabled \"True\" (or VoiceAnalyticsBehavior enabled) as the last analytics "
           .. "setting on every path into the queue",
         keys = { UpdateContactRecordingBehavior = { "Parameters", "AnalyticsBehavior" },
                  UpdateContactRecordingAndAnalyticsBehavior = { "Parameters", "VoiceBehavior", "VoiceAnalyticsBehavior" } } },
}

-- function(node) -> {rec = eff, cl = eff}; module calls are resolved once per check.
local function effects(ctx, instance)
  local modules = {}
  return function(node)
    -- Only these three types have an effect: the other actions' Parameters
    -- are not read (issue 12: a view of every action's Parameters).
    if not RECORDING_BLOCKS[node.type] then return {} end
    local p = node.params
    if node.type == "UpdateContactRecordingBehavior" then
      if not p then return { rec = "unknown", cl = "unknown" } end
      return { rec = recording_of(p.RecordingBehavior), cl = analytics_of(p.AnalyticsBehavior) }
    end
    if node.type == "UpdateContactRecordingAndAnalyticsBehavior" then
      if not p then return { rec = "unknown", cl = "unknown" } end
      local vb = p.VoiceBehavior
      if vb == nil then return {} end -- chat settings only
      if not flow.is_view(vb) then return { rec = "unknown", cl = "unknown" } end
      return { rec = recording_of(vb.VoiceRecordingBehavior), cl = analytics_of(vb.VoiceAnalyticsBehavior) }
    end
    if node.type == "InvokeFlowModule" then
      local arn = instance and routing.module_target(instance, p and p.FlowModuleId)
      if arn then
        if modules[arn] == nil then
          local mg = routing.other_graph(ctx, "connect_contact_flow_module", arn, "ContactFlowModule")
          local quiet = mg ~= nil
          if mg then
            for _, n in ipairs(mg.nodes) do if RECORDING_BLOCKS[n.type] then quiet = false; break end end
          end
          modules[arn] = quiet
        end
        if modules[arn] then return {} end -- the module sets neither
      end
      return { rec = "unknown", cl = "unknown" }
    end
    return {}
  end
end

local INVERT = { on = "off", off = "on", unknown = "unknown" }

-- node.eff for every property: P (unknown kept), P_opt (unknown counted as on),
-- and their inversions nP, nP_opt (flow.witness finds a path where a property
-- is on: the inversion gives a path where P is off).
local function set_effects(g, eff_of)
  for _, n in ipairs(g.nodes) do
    local e = eff_of(n)
    n.eff = {}
    for p in pairs(PROPS) do
      local v = e[p]
      local opt = v == "unknown" and "on" or v
      n.eff[p], n.eff[p .. "_opt"] = v, opt
      n.eff["n" .. p], n.eff["n" .. p .. "_opt"] = v and INVERT[v], opt and INVERT[opt]
    end
  end
end

-- A voice contact never takes the ChannelMismatch branch of a voice
-- UpdateContactRecordingAndAnalyticsBehavior (AWS requires the branch; chat
-- contacts take it): leave those edges out, before any reachability is cached.
local function voice_only(g)
  for _, n in ipairs(g.nodes) do
    if n.type == "UpdateContactRecordingAndAnalyticsBehavior" then
      local keep = {}
      for _, e in ipairs(n.succ) do
        if not (e.kind == "error" and e.error_type == "ChannelMismatch") then keep[#keep + 1] = e end
      end
      n.succ = keep
    end
  end
  return g
end

-- Per queue end: "ok" | "fail" | "unknown", with a witness path, from entry
-- values `starts` (list of booleans).
local function decide(g, prop, ends, starts)
  local nstarts = {}
  for i, s in ipairs(starts) do nstarts[i] = not s end
  local opt = flow.states_from(g, prop .. "_opt", starts)
  local full = flow.states_from(g, prop, starts)
  local out = {}
  for _, t in ipairs(ends) do
    if opt[t.index] and opt[t.index].off then
      out[t.index] = { verdict = "fail", path = flow.witness(g, "n" .. prop .. "_opt", t, nstarts) }
    elseif full[t.index] and full[t.index].off then
      out[t.index] = { verdict = "unknown", path = flow.witness(g, "n" .. prop, t, nstarts) }
    else
      out[t.index] = { verdict = "ok" }
    end
  end
  return out
end

-- prop -> {n = callers, on = bool}: TransferToFlow actions into `arn` from the
-- instance's other (readable) flows, and whether every reachable one is
-- entered with the property definitely on in its own flow (entry off).
-- Each calling flow is searched once per rule run (lib/flow/index.lua), not
-- once per flow it transfers to; eff_of resolves modules from the snapshot
-- alone, so the first check's eff_of serves every later one.
local function callers(ctx, arn, instance, eff_of, dynamic)
  local out = {}
  for p in pairs(PROPS) do out[p] = { n = 0, on = not dynamic } end
  if not instance then return out end
  -- Static callers: entered from their own entry "off", every one must bring
  -- the property on. Transfers whose target cannot be read (a JSONPath, a
  -- template placeholder): they may or may not lead here, and their own entry
  -- is unknown, so one that may bring it on (from an entry on or off) is enough.
  local key = dynamic and "BASE-FLOW-040.states-any" or "BASE-FLOW-040.states"
  local starts = dynamic and { true, false } or { false }
  for _, c in ipairs(dynamic and index.dynamic_callers(ctx, arn) or index.callers(ctx, arn)) do
    local st = index.per_flow(ctx, key, c.flow, function(g)
      voice_only(g)
      set_effects(g, eff_of)
      local s = {}
      for p in pairs(PROPS) do s[p] = flow.states_from(g, p, starts) end
      local at = {}
      for _, n in ipairs(g.nodes) do
        if n.type == "TransferToFlow" and n.params then
          at[n.index] = {}
          for p in pairs(PROPS) do at[n.index][p] = s[p][n.index] end
        end
      end
      return at
    end)
    for _, i in ipairs(st and c.actions or {}) do
      for p in pairs(PROPS) do
        local s = st[i] and st[i][p]
        if s then
          out[p].n = out[p].n + 1
          if dynamic then
            if s.on then out[p].on = true end
          elseif s.off or not s.on then
            out[p].on = false
          end
        end
      end
    end
  end
  return out
end

-- The node on `path` whose block last decided `prop` (nil: the flow's entry).
local function deciding(path, prop)
  for i = #path, 1, -1 do
    if path[i].eff and path[i].eff[prop] ~= nil then return path[i] end
  end
  return nil
end

local function block_ptr(ctx, node, prop)
  if node.type == "InvokeFlowModule" then return ctx:ptr(node.view, "Parameters", "FlowModuleId") end
  local keys = PROPS[prop].keys[node.type]
  local view, used = node.view, {}
  for _, k in ipairs(keys or {}) do
    local v = flow.is_view(view) and view[k]
    if v == nil then break end
    used[#used + 1] = k
    view = v
  end
  if #used == 0 then return ctx:ptr(node.view, "Type") end
  return ctx:ptr(node.view, table.unpack(used))
end

-- The instance's CONTACT_LENS attribute as a report item.
local function contact_lens_item(ctx, r)
  local ia = flowrefs.instance_arn(r.arn)
  local expected = "CONTACT_LENS attribute \"true\" on the flow's instance"
  if not ia then
    return { status = "error", text = "its ARN names no Amazon Connect instance, so the CONTACT_LENS attribute cannot be read",
             ev = { { path = flowrefs.container_ptr(r), note = "its ARN: " .. r.arn, expected = expected } } }
  end
  local inst = ctx:lookup("connect_instance", ia)
  if not inst then
    return { status = "error", text = ("instance %s is not in the snapshot (%s)"):format(ia, collection.explain(ctx, ia)),
             ev = { { path = flowrefs.container_ptr({ type = "connect_instance", arn = ia }), expected = expected } } }
  end
  local attrs = inst.data.Attributes
  local aptr = flowrefs.container_ptr(inst) .. "/data/Attributes"
  if not flow.is_view(attrs) then
    return { status = "error", text = ("the Attributes of instance %s were not collected (%s)"):format(ia,
               collection.explain(ctx, ia)),
             ev = { { path = aptr, expected = expected } } }
  end
  for i, a in ipairs(attrs) do
    if flow.is_view(a) and a.AttributeType == "CONTACT_LENS" then
      local v = a.Value
      local ev = { { path = ("%s/%d/Value"):format(aptr, i - 1), expected = "true" } }
      if type(v) ~= "string" then
        return { status = "error", text = "instance CONTACT_LENS attribute has no string Value", ev = ev }
      elseif v:lower() == "true" then
        return { status = "pass", text = "instance CONTACT_LENS attribute is true", ev = ev }
      end
      return { status = "fail", text = "instance CONTACT_LENS attribute is " .. v .. " (Contact Lens is off for the instance)",
               ev = ev }
    end
  end
  return { status = "error", text = ("the Attributes of instance %s were collected (%d) but CONTACT_LENS is not among them")
             :format(ia, #attrs),
           ev = { { path = aptr, expected = "an entry with AttributeType CONTACT_LENS" } } }
end

return {
  id = "BASE-FLOW-040",
  title = "Call recording (and Contact Lens where wanted) is on along every path into a queue",
  severity = "medium",
  practice = "FLOW-8",
  controls = { BASELINE = { "FLOW-8" } },
  resource = "connect_contact_flow",
  rationale = "Amazon Connect records nothing, and Contact Lens analyses nothing, unless a 'Set recording and "
    .. "analytics behavior' block turned it on before the contact reaches an agent; a branch that skips the "
    .. "block, or a later block that turns it off, leaves those calls without the recording or analytics the "
    .. "requirements call for (quality review, disputes, compliance evidence).",
  remediation = "In the flow designer put a 'Set recording and analytics behavior' (or 'Set recording, analytics "
    .. "and processing behavior') block with Agent and Customer recording on (and Contact Lens speech analytics "
    .. "enabled where wanted) on every branch before each 'Transfer to queue', and publish; enable Contact Lens "
    .. "for the instance with aws connect update-instance-attribute --instance-id ID --attribute-type CONTACT_LENS "
    .. "--value true; verify with aws connect describe-contact-flow --instance-id ID --contact-flow-id FLOW",
  check = function(r, ctx)
    local name = r.name or r.arn
    local want = {}
    for p, spec in pairs(PROPS) do
      local v = ctx.params[spec.param]
      if type(v) ~= "boolean" then
        ctx:error(("pack parameter %s is %s, not true or false"):format(spec.param, tostring(v)))
        return
      end
      want[p] = v
    end
    if not want.rec and not want.cl then
      ctx:skip(name .. ": neither recording_required nor contact_lens_required is set, so no recording is required")
      return
    end
    local cf = ctx:need(r.data, "ContactFlow")
    if flow.is_view(cf) then
      local typ = ctx:need(cf, "Type")
      if type(typ) ~= "string" then
        ctx:error(name .. ": ContactFlow.Type is not a string", { path = ctx:ptr(cf, "Type"), expected = "CONTACT_FLOW, …" })
        return
      end
      if typ ~= "CONTACT_FLOW" then
        ctx:skip(("%s: a %s flow; recording is set in inbound (CONTACT_FLOW) flows before the queue"):format(name, typ))
        return
      end
    end
    local g = flow.load(ctx, r)
    if not g then return end
    voice_only(g)
    local any = false
    for _, n in ipairs(g.nodes) do if routing.is_queue_end(n) then any = true; break end end
    if not any then
      ctx:skip(name .. ": no transfer to a queue (TransferContactToQueue, DequeueContactAndTransferToQueue, "
        .. "CreateCallbackContact)")
      return
    end
    if not flow.need_start(ctx, g, name, "the queue") then return end
    local reach = flow.reachable(g)
    local ends = {}
    for _, n in ipairs(g.nodes) do if reach[n.index] and routing.is_queue_end(n) then ends[#ends + 1] = n end end
    if #ends == 0 then
      ctx:skip(name .. ": no transfer to a queue is reachable from StartAction '" .. g.start_id .. "'")
      return
    end

    local instance = routing.instance_of(r.arn)
    local eff_of = effects(ctx, instance)
    set_effects(g, eff_of)
    local items, caller_info = {}, nil
    for _, p in ipairs({ "rec", "cl" }) do
      if want[p] then
        local spec = PROPS[p]
        local res = decide(g, p, ends, { false })
        local from_callers
        for _, t in ipairs(ends) do
          if res[t.index].verdict == "fail" then
            caller_info = caller_info or callers(ctx, r.arn, instance, eff_of)
            -- No static caller: the flow may still be entered through a
            -- TransferToFlow whose target is a JSONPath, which cannot be traced.
            if caller_info.rec.n == 0 and caller_info.cl.n == 0 and not caller_info.dynamic then
              caller_info = callers(ctx, r.arn, instance, eff_of, true)
              caller_info.dynamic = true
            end
            if caller_info[p].n > 0 and caller_info[p].on then
              from_callers = from_callers or decide(g, p, ends, { true })
            end
            break
          end
        end
        for _, t in ipairs(ends) do
          local d = res[t.index]
          local what = ("%s %s"):format(t.type, flow.describe(g, t))
          local id_ptr = ctx:ptr(t.view, "Identifier")
          if d.verdict == "ok" then
            items[#items + 1] = { status = "pass", text = ("%s: %s on along every path"):format(what, spec.word),
              ev = { { path = id_ptr, note = spec.word .. " on along every path", expected = spec.expected } } }
          else
            local path = d.path or { t }
            local dec = deciding(path, d.verdict == "fail" and p .. "_opt" or p)
            local status, why = "fail", "not on"
            if d.verdict == "unknown" then status, why = "manual", "possibly off (a value or module the flow cannot show)" end
            local text = ("%s: %s %s along %s"):format(what, spec.word, why, flow.path_text(path))
            if status == "fail" and from_callers then
              if from_callers[t.index].verdict == "fail" then
                text = text .. " (even when entered with it on)"
              else
                status = "manual"
                if caller_info.dynamic then
                  text = text .. ("; but no flow transfers here by ID, and of the instance's %d TransferToFlow whose "
                    .. "target cannot be read (a JSONPath or a template placeholder, which may lead here) one may "
                    .. "come with it on: confirm whether the flow is an entry point (phone number, chat, API) or "
                    .. "reached only through them"):format(caller_info[p].n)
                else
                  text = text .. ("; but all %d TransferToFlow into this flow come with it on in the calling flow: "
                    .. "confirm the flow is not itself an entry point (phone number, chat, API)"):format(caller_info[p].n)
                end
              end
            end
            local ev = { { path = id_ptr, note = spec.word .. " " .. why .. " via " .. flow.path_text(path),
                           expected = spec.expected } }
            if dec then
              ev[2] = { path = block_ptr(ctx, dec, p), expected = spec.expected }
            else
              ev[2] = { path = ctx:ptr(g.content, "StartAction"),
                        note = "flow entry: no block on this path turns " .. spec.word .. " on", expected = spec.expected }
            end
            items[#items + 1] = { status = status, text = text, ev = ev }
          end
        end
      end
    end
    if want.cl then items[#items + 1] = contact_lens_item(ctx, r) end
    flowrefs.report(ctx, name, items, { words = { fail = "checks failed", error = "checks lack evidence",
      manual = "checks need a manual review", pass = "checks passed" } })
  end,
}
