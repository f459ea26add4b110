-- BASE-FLOW-001: a flow whose transitions lead to a missing action, or whose
-- blocks leave a documented error unhandled, drops or strands callers when
-- that error happens (the runtime behaviour of a missing branch is not
-- documented). Error types per action type: reference/flow-language.md §2.
local flow = require "flow"

local NME, NMC = "NoMatchingError", "NoMatchingCondition"

-- Error types each action type documents, which need an Errors[] entry.
local REQUIRED = {
  UpdateContactRecordingAndAnalyticsBehavior = { NME, "ChannelMismatch" },
  UpdateContactMediaStreamingBehavior = { NME },
  ConnectParticipantWithLexBot = { NMC, "InputTimeLimitExceeded", NME },
  InvokeLambdaFunction = { NME },
  CheckHoursOfOperation = { NME },
  CheckMetricData = { NME, NMC },
  UpdateContactTargetQueue = { NME },
  TransferContactToQueue = { "QueueAtCapacity", NME },
  TransferToFlow = { NME },
  InvokeFlowModule = { NME },
  TransferParticipantToThirdParty = { "CallFailed", "ConnectionTimeLimitExceeded", NME },
  UpdateContactAttributes = { NME },
  UpdateFlowAttributes = { NME },
  MessageParticipant = { NME },
  UpdateContactData = { NME },
  Compare = { NMC },
  UpdateContactEventHooks = { NME },
  UpdatePreviousContactParticipantState = { NME },
  Wait = { NME },
}

-- GetParticipantInput documents different errors by mode.
-- node.params only for the two types that need it: a view made for every
-- node was a third of this rule's cost (issue 12).
local function required_errors(node)
  local t = node.type
  if t ~= "TransferParticipantToThirdParty" and t ~= "GetParticipantInput" then return REQUIRED[t] end
  local p = node.params
  if node.type == "TransferParticipantToThirdParty" then
    -- With ContinueFlowExecution False ("Resume flow after disconnect" off)
    -- the flow ends once the call is placed: there is no call-failed or
    -- timeout outcome to branch on, only the error.
    local cont = p and p.ContinueFlowExecution
    if type(cont) == "string" and cont:lower() == "false" or cont == false then return { NME } end
  end
  if node.type ~= "GetParticipantInput" then return REQUIRED[node.type] end
  if p and p.EnableDTMFBuffer ~= nil then return { NME } end -- "Set touchtone buffer behavior"
  if flow.is_stored_input(node) then
    local iv = p.InputValidation
    if flow.is_view(iv) and flow.is_view(iv.PhoneNumberValidation) then return { NME, "InvalidPhoneNumber" } end
    return { NME }
  end
  return { "InputTimeLimitExceeded", NMC, NME }
end

-- Condition operands an action type must branch on (both hours outcomes).
local REQUIRED_CONDITIONS = { CheckHoursOfOperation = { "True", "False" } }

-- "\0" .. etype .. "\0", made once per error type: what flowpaths.branches'
-- errors[j] holds an error type between.
local FENCED = setmetatable({}, { __index = function(t, etype)
  local f = "\0" .. etype .. "\0"
  t[etype] = f
  return f
end })

-- Does the node (position j in g.nodes) have an Errors entry of type etype?
-- From the node's edges when flowpaths.branches left it to the rule (bad[j]:
-- it has an edge to report, so node.edges is made anyway); from the error
-- types it read from the action otherwise.
local function has_error(node, j, etype, bad, errors)
  if bad[j] then
    for _, e in ipairs(node.edges) do
      if e.kind == "error" and e.error_type == etype then return true end
    end
    return false
  end
  local s = errors[j]
  return s ~= nil and s:find(FENCED[etype], 1, true) ~= nil
end

local function has_condition(node, operand)
  local tr = node.view.Transitions
  local conds = flow.is_view(tr) and tr.Conditions
  if not flow.is_view(conds) then return false end
  for _, c in ipairs(conds) do
    local cond = flow.is_view(c) and c.Condition
    local ops = flow.is_view(cond) and cond.Operands
    if flow.is_view(ops) and type(ops[1]) == "string" and ops[1]:lower() == operand:lower() then return true end
  end
  return false
end

local NONE = {}
local MAX_EVIDENCE = 60
local EXPECTED = "every transition names an existing action; every documented error type has a branch"

return {
  id = "BASE-FLOW-001",
  title = "Contact flow transitions resolve and documented error branches are handled",
  severity = "medium",
  practice = "FLOW-7",
  controls = { BASELINE = { "FLOW-7" } },
  resource = flow.TYPES, -- flows and flow modules
  rationale = "A transition to an Identifier that does not exist, a StartAction that names no action, or a block "
    .. "without a branch for an error it documents leaves callers in undefined behaviour (dropped or stuck) exactly "
    .. "when something has already gone wrong.",
  remediation = "Open the flow in the flow designer, connect every Error / Timeout / At capacity / No match branch "
    .. "of each block to a handling block (a message and a transfer or disconnect), remove references to deleted "
    .. "blocks, and publish; or fix Transitions in the exported JSON and run aws connect "
    .. "update-contact-flow-content --instance-id ID --contact-flow-id FLOW --content file://flow.json",
  check = function(r, ctx)
    local g = flow.load(ctx, r)
    if not g then return end
    local name = r.name or r.arn
    local problems = {}
    local function add(text, path, expected)
      problems[#problems + 1] = { text = text, path = path, expected = expected or EXPECTED }
    end

    if type(g.start_id) ~= "string" then
      add("StartAction is absent", ctx:ptr(g.content, "StartAction"), "the Identifier of an action")
    elseif not g.start then
      add(("StartAction '%s' names no action"):format(g.start_id), ctx:ptr(g.content, "StartAction"),
        "the Identifier of an action")
    end
    -- "Type 'id' (display name)", made only for an action with a problem: the
    -- display-name lookup for every action was a third of the rule's cost
    local function what_of(node) return ("%s %s"):format(node.type, flow.describe(g, node)) end
    -- bad[j]: node j has an edge to report (only those nodes' edge lists are
    -- made: making every node's was most of this rule's cost, issue 12);
    -- errors[j]: the error types of the others' Errors entries
    local bad, errors = flowpaths.branches(g)
    for j, node in ipairs(g.nodes) do
      if node.id == nil then add(what_of(node) .. " has no Identifier", ctx:ptr(node.view), "an Identifier") end
      for _, e in ipairs(bad[j] and node.edges or NONE) do
        if type(e.to) ~= "string" or e.to == "" then
          if e.kind ~= "next" then
            add(("%s: %s leads nowhere"):format(what_of(node), e.label), ctx:ptr(node.view, table.unpack(e.keys)),
              "the Identifier of an action")
          end
        elseif not e.node then
          add(("%s: %s -> '%s', no such action"):format(what_of(node), e.label, e.to),
            ctx:ptr(node.view, table.unpack(e.keys)), "the Identifier of an action")
        end
      end
      for _, etype in ipairs(required_errors(node) or NONE) do
        if not has_error(node, j, etype, bad, errors) then
          add(("%s has no %s branch"):format(what_of(node), etype), ctx:ptr(node.view, "Transitions"),
            ("an Errors entry with ErrorType %s"):format(etype))
        end
      end
      for _, operand in ipairs(REQUIRED_CONDITIONS[node.type] or NONE) do
        if not has_condition(node, operand) then
          add(("%s has no condition branch for %s"):format(what_of(node), operand), ctx:ptr(node.view, "Transitions"),
            ("a Conditions entry Equals %s"):format(operand))
        end
      end
    end
    for _, node in ipairs(g.duplicates) do
      add(("Identifier '%s' is used by more than one action"):format(node.id), ctx:ptr(node.view, "Identifier"),
        "unique Identifiers")
    end

    local unreachable = 0
    if g.start then
      local reach = flow.reachable(g)
      for _, node in ipairs(g.nodes) do if not reach[node.index] then unreachable = unreachable + 1 end end
    end
    local note = unreachable > 0 and (" (%d action(s) unreachable from StartAction)"):format(unreachable) or ""

    if #problems == 0 then
      ctx:pass(("%s: %d action(s); every transition resolves and every documented error type has a branch%s")
        :format(name, #g.nodes, note),
        { { path = ctx:ptr(g.content, "StartAction"), expected = "the Identifier of an action" },
          { path = ctx:ptr(g.content, "Actions"), note = ("%d action(s), no dangling transition or missing error branch"):format(#g.nodes),
            expected = EXPECTED } })
      return
    end
    local ev, texts = {}, {}
    for i, p in ipairs(problems) do
      if i <= MAX_EVIDENCE then ev[#ev + 1] = { path = p.path, expected = p.expected } end
      if i <= 3 then texts[#texts + 1] = p.text end
    end
    local more = #problems > 3 and ("; and %d more"):format(#problems - 3) or ""
    ctx:fail(("%s: %d problem(s): %s%s%s"):format(name, #problems, table.concat(texts, "; "), more, note), ev)
  end,
}
