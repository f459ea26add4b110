-- PCI-FLOW-010: the cross-flow version of PCI-FLOW-002 (recording) and
-- PCI-FLOW-003 (logging). Those two assume the worst at a flow's entry
-- ("possibly on": nothing is known about the caller). This rule computes the
-- entry state instead (lib/flow/xflow.lua): the join of the states at every
-- TransferToFlow into the flow from the instance's other flows, plus the
-- instance default (CONTACTFLOW_LOGS; recording off) for inbound flows that can
-- start a contact. So it fails when a real path -- possibly starting in another
-- flow -- reaches card input with logging or recording on, and names it.
-- Relation: this rule's entry state is never larger than the worst case, so a
-- fail here implies a fail of PCI-FLOW-002 or -003 on the same input; where
-- those fail and this passes, only the worst-case entry assumption failed them.
-- Entry sources it cannot trace (a JSONPath TransferToFlow, queue/whisper/hold
-- flows, uncollected flows, an unknown CONTACTFLOW_LOGS) give manual or error,
-- never pass. One finding per card input, in document order.
local flow = require "flow"
local xflow = require "flow.xflow"

local PROPS = {
  { prop = "logging", on = "flow logging possibly enabled" },
  { prop = "recording", on = "recording possibly active" },
}
local EXPECTED = "flow logging disabled and recording off on every path into the card input, across flows"
local RANK = { pass = 0, manual = 1, error = 2, fail = 3 }
local MAX_EVIDENCE = 40

return {
  id = "PCI-FLOW-010",
  title = "Card-number input is not reached from any flow with recording or logging on",
  severity = "critical",
  practice = "PCI-2",
  controls = { ["PCI-DSS-4.0"] = { "3.3.1", "3.5.1" }, BASELINE = { "PCI-2", "FLOW-6", "CW-2" } },
  resource = "connect_contact_flow",
  rationale = "Flow logging and recording carry across TransferToFlow: a payment sub-flow without its own "
    .. "'disable' blocks inherits logging or recording that the calling flow turned on, so the PAN and CVV the "
    .. "caller keys in land in CloudWatch Logs or the call recording.",
  remediation = "Add 'Set logging behavior' (Disabled) and 'Set recording and analytics behavior' (agent and "
    .. "customer off, IVR recording disabled) at the start of the flow that collects card data -- or before every "
    .. "'Transfer to flow' into it -- re-enable them after the payment step, and publish; check the callers with "
    .. "aws connect describe-contact-flow --instance-id ID --contact-flow-id FLOW",
  check = function(r, ctx)
    local g, inputs = flow.card_preamble(ctx, r)
    if not g then return end
    local name = r.name or r.arn
    -- Level 1 counts definite entry paths, 2 adds untraced ones, 3 adds those
    -- missing evidence (lib/flow/xflow.lua); the first level at which a
    -- property is on at the card input decides fail / manual / error.
    local XS = {}
    for level = 1, 3 do
      local X, why = xflow.run(ctx, r, g, level)
      if not X then
        ctx:manual(name .. ": cross-flow analysis not run: " .. why, { path = ctx:ptr(g.content, "StartAction"), expected = EXPECTED })
        return
      end
      XS[level] = X
    end
    local X = XS[3]
    local VERDICT = { "fail", "manual", "error" }
    local reach = flow.reachable(g)
    for _, ci in ipairs(inputs) do
      local node = ci.node
      local what = ("%s: card input %s"):format(name, flow.describe(g, node))
      local verdict, texts, ev = "pass", {}, {}
      ev[1] = { path = ctx:ptr(node.view, "Identifier"), expected = EXPECTED }
      if not reach[node.index] then
        ev[1].note = "unreachable from StartAction"
        ctx:pass(what .. " is unreachable from StartAction '" .. g.start_id .. "', so no path collects card data", ev)
        goto continue
      end
      local function add_ev(e) if #ev < MAX_EVIDENCE then ev[#ev + 1] = e end end
      local function worse(v) if RANK[v] > RANK[verdict] then verdict = v end end
      -- The full analysis (origins) of one level, or nil after an error finding.
      local function analysis(XL)
        local res = XL.analysis()
        if not res.converged then
          ctx:error(name .. ": the path analysis did not converge; flow too large to decide")
          return nil
        end
        return res
      end
      local reached = false
      for _, pp in ipairs(PROPS) do
        if X.states[pp.prop][node.index] then reached = true end
        local level
        for l = 1, 3 do
          local b = XS[l].states[pp.prop][node.index]
          if b and b.on then level = l; break end
        end
        if not level then
          local res = analysis(X)
          if not res then return end
          for _, o in ipairs(flow.origins(g, res.entry[node.index][pp.prop].off)) do
            if o ~= "entry" then
              add_ev({ path = ctx:ptr(o.view, table.unpack(flow.decisive_keys(o, pp.prop))), expected = EXPECTED })
            end
          end
        else
          worse(VERDICT[level])
          local XL = XS[level]
          local res = analysis(XL)
          if not res then return end
          local st = res.entry[node.index][pp.prop]
          local from_entry = false
          for _, o in ipairs(flow.origins(g, st.on)) do
            if o == "entry" then from_entry = true
            else
              texts[#texts + 1] = ("%s by %s %s in this flow"):format(pp.on, o.type, flow.describe(g, o))
              add_ev({ path = ctx:ptr(o.view, table.unpack(flow.decisive_keys(o, pp.prop))), expected = EXPECTED })
            end
          end
          if from_entry then
            for _, src in ipairs(XL.sources[pp.prop]) do
              if src.on then
                local t = ("%s at entry from %s"):format(pp.on, src.text)
                if src.path then t = t .. " (path there: " .. flow.path_text(src.path) .. ")" end
                texts[#texts + 1] = t
                if src.ptr then add_ev({ path = src.ptr, expected = EXPECTED }) end
              end
            end
          end
          local path = flow.witness(g, pp.prop, node, XL.starts[pp.prop])
          if path then
            add_ev({ path = ctx:ptr(node.view, "Identifier"), note = pp.on .. " via " .. flow.path_text(path),
                     expected = EXPECTED })
          end
        end
      end
      -- Sources that decided "off" at the entry are evidence of a pass too.
      if verdict == "pass" then
        for _, pp in ipairs(PROPS) do
          for _, s in ipairs(X.sources[pp.prop]) do
            if s.off and s.ptr then add_ev({ path = s.ptr, expected = EXPECTED }) end
          end
        end
      end
      local joined = table.concat(texts, "; ")
      if #texts > 4 then
        joined = table.concat({ texts[1], texts[2], texts[3], texts[4] }, "; ") .. ("; and %d more"):format(#texts - 4)
      end
      if verdict == "fail" then
        flow.card_fail(ctx, ci, what .. " is reached with " .. joined, ev)
      elseif verdict == "error" then
        ctx:error(what .. ": cannot be decided, missing evidence: " .. joined, ev)
      elseif verdict == "manual" then
        ctx:manual(what .. ": depends on entry paths that are not traced: " .. joined, ev)
      elseif not reached then
        ev[1].note = "no path from any flow's entry reaches it"
        ctx:pass(what .. " is not reached from any entry (no flow transfers into this flow, and it is listed in transfer_only_flows)", ev)
      else
        ev[1].note = "logging and recording off on every path, across flows"
        ctx:pass(("%s: logging disabled and recording off on every path, including from the %d other flow(s) of the instance")
          :format(what, X.flows - 1), ev)
      end
      ::continue::
    end
  end,
}
