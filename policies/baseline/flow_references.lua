-- BASE-FLOW-024 (FLOW-10, DEV-4): what a flow refers to resolves inside its
-- own instance and account. Every static ARN anywhere in an action's
-- Parameters (queues, flows, modules, prompts, Lambda functions, Lex aliases,
-- ARNs kept in contact or flow attributes) is compared with the flow's
-- instance (…:instance/<id>/contact-flow/…): a Connect ARN of another
-- instance, or any ARN of another account or partition, is a hard-coded
-- reference to another stage -> fail. A region other than the instance's is
-- BASE-LAM-001 / REG-2's concern, not this rule's.
-- Reference fields (queue, flow, module, hours, agent, prompt, Lambda, Lex)
-- may also hold a bare ID or a JSONPath: a bare queue / flow / module ID is
-- looked up in the snapshot under this instance; a JSONPath is decided at run
-- time (`manual`). A target of this instance that the snapshot does not hold
-- is `manual` too: deleted or not collected, the snapshot cannot tell which.
local arn = require "arn"
local flow = require "flow"
local refs = require "flowrefs"

-- Parameter members that hold a reference, and what a bare ID there names
-- (ARN path segment, resource type; nil type = not in the snapshot format).
local FIELDS = {
  QueueId = { "queue", "connect_queue" },
  ContactFlowId = { "contact-flow", "connect_contact_flow" },
  FlowModuleId = { "flow-module", "connect_contact_flow_module" },
  HoursOfOperationId = { "operating-hours" },
  AgentId = { "agent" },
  PromptId = { "prompt" },
  LambdaFunctionARN = { "lambda" },
  AliasArn = { "lex-alias" },
}
-- UpdateContactEventHooks.EventHooks.<hook> values are flow references.
local HOOK = { "contact-flow", "connect_contact_flow" }
-- Snapshot resource type of an in-instance Connect ARN, by its segment.
local TYPE_OF = { ["contact-flow"] = "connect_contact_flow", ["flow-module"] = "connect_contact_flow_module",
                  queue = "connect_queue" }

local MAX_DEPTH = 8

-- The string leaves of an action's Parameters, up to MAX_DEPTH levels down:
-- viewleaves, the engine's walk (auditor/policy/view.c; issue 12: a walk
-- through views in Lua, sorting each object's keys and copying a key list
-- per leaf, was this rule's cost), in the same order (items in order, members
-- by sorted name), each {value, keys (from "Parameters" down, for ctx:ptr),
-- key (the member it sits under), above (the step before that member)}.
-- Only the leaves classify can judge are returned: under a reference field
-- (FIELDS, or any member of EventHooks), or holding a JSONPath or an ARN. A
-- leaf's field is that of the member it sits under (array items take it from
-- the array).
local NAMES = {}
for k in pairs(FIELDS) do NAMES[k] = true end
local SELECT = { path = { "Parameters" }, max_depth = MAX_DEPTH, names = NAMES, parents = { EventHooks = true },
                 contains = "$", starts = "arn:" }
-- The actions worth walking: those with a leaf under a reference field or
-- beginning "arn:". A leaf SELECT takes only for its "$" (a JSONPath in text,
-- under no reference field) is no item (classify's first test), so an action
-- with only such leaves gives none.
local WORTH = { path = SELECT.path, max_depth = MAX_DEPTH, names = NAMES, parents = SELECT.parents, starts = "arn:" }
local function field_of(leaf)
  return leaf.key and (FIELDS[leaf.key] or (leaf.above == "EventHooks" and HOOK)) or nil
end

local function keys_text(keys)
  local t = {}
  for i, k in ipairs(keys) do t[i] = type(k) == "number" and ("[" .. k .. "]") or k end
  return (table.concat(t, "."):gsub("%.%[", "["))
end

-- Looks an in-instance target up; pass when the snapshot has it.
local function resolve(ctx, what, target, rtype, ev)
  if ctx:lookup(rtype, target) then
    return { status = "pass", text = function() return ("%s %s resolves in this instance"):format(what(), target) end, ev = ev }
  end
  return { status = "manual", text = function() return ("%s %s is not in the snapshot (deleted, or not collected)"):format(what(), target) end, ev = ev }
end

local function classify(ctx, node, leaf, inst_arn, inst)
  local v = leaf.value
  -- The leaves that are no reference first, before their text and pointer
  -- are made: most leaves are such text (issue 12).
  local dynamic = refs.is_dynamic(v)
  if dynamic and not leaf.field then return nil end -- text with a JSONPath in it, not a reference
  local a = not dynamic and arn.parse(v)
  if not dynamic and not a and (not leaf.field or v == "") then return nil end
  -- an item's words and pointer are made only if the finding shows them
  -- (flowrefs.report): most items are passes it only counts
  local function what() return ("%s %s %s"):format(node.type, node.id or "?", keys_text(leaf.keys)) end
  local function ev() return { { path = ctx:ptr(node.view, table.unpack(leaf.keys)),
                                 expected = "a reference inside " .. inst_arn } } end
  if dynamic then
    return { status = "manual", text = function() return ("%s is set at run time from %s (unresolved)"):format(what(), v) end, ev = ev }
  end
  if a then
    -- AWS-managed resources carry the account "aws" (the step-by-step guides'
    -- arn:aws:connect:REGION:aws:view/form:1): every instance may use them.
    if a.partition == inst.partition and a.account == "aws" then
      return { status = "pass", text = function() return ("%s is %s, an AWS-managed resource"):format(what(), v) end, ev = ev }
    end
    if a.partition ~= inst.partition or (a.account ~= "" and a.account ~= inst.account) then
      return { status = "fail", text = function() return ("%s is %s, in account %s, not this instance's account %s"):format(what(), v,
        a.account ~= "" and a.account or "?", inst.account) end, ev = ev }
    end
    if a.service ~= "connect" then
      return { status = "pass", text = function() return ("%s is %s in this account"):format(what(), v) end, ev = ev }
    end
    local owner = refs.instance_arn(v)
    if owner == nil then
      return { status = "pass", text = function() return ("%s is %s in this account"):format(what(), v) end, ev = ev }
    end
    if owner ~= inst_arn then
      return { status = "fail", text = function() return ("%s is %s, under instance %s, not this flow's instance (a hard-coded "
        .. "reference to another instance or stage)"):format(what(), v, owner) end, ev = ev }
    end
    local seg = v:sub(#inst_arn + 2):match("^([^/]+)/[^/]+$")
    if seg and TYPE_OF[seg] then return resolve(ctx, what, v, TYPE_OF[seg], ev) end
    return { status = "pass", text = function() return ("%s %s is in this instance"):format(what(), v) end, ev = ev }
  end
  local target = refs.connect_ref(inst_arn, v, leaf.field[1])
  if target and leaf.field[2] then return resolve(ctx, what, target, leaf.field[2], ev) end
  return { status = "manual", text = function() return ("%s is the bare ID %s, which the snapshot cannot resolve"):format(what(), v) end, ev = ev }
end

return {
  id = "BASE-FLOW-024",
  title = "Flow references resolve inside the flow's own instance and account",
  severity = "high",
  practice = "FLOW-10",
  controls = { BASELINE = { "FLOW-10", "DEV-4" }, ["PCI-DSS-4.0"] = { "6.5.3" } },  -- a flow reaching another stage breaks pre-production separation
  resource = flow.TYPES, -- flows and flow modules
  rationale = "A flow imported from another stage often keeps that stage's ARNs: production contacts are then "
    .. "routed to the test instance's queues and flows, invoke its Lambda functions, or fail on every call because "
    .. "the target cannot be reached from this instance.",
  remediation = "In the flow designer, re-select each queue, flow, module, prompt, Lambda function and bot from "
    .. "this instance's lists (or replace the ARNs in the exported JSON with this stage's before aws connect "
    .. "update-contact-flow-content --instance-id ID --contact-flow-id FLOW --content file://flow.json); keep "
    .. "stage-specific ARNs out of flows (deploy-time substitution), then publish.",
  check = function(r, ctx)
    local g = flow.load(ctx, r)
    if not g then return end
    local name = r.name or r.arn
    local inst_arn = refs.instance_arn(r.arn)
    if not inst_arn then return refs.missing_instance(ctx, r, nil) end
    local inst = arn.parse(inst_arn)
    local items = {}
    -- only the actions whose Parameters may hold a leaf WORTH takes
    -- (flowpaths.selected): the others give no item, and making their views,
    -- params and leaves was most of this rule's cost (issue 12)
    local nodes = g.nodes
    for _, j in ipairs(flowpaths.selected(g, WORTH)) do
      local node = nodes[j]
      if node.params then
        for _, leaf in ipairs(viewleaves(node.params, SELECT)) do
          leaf.field = field_of(leaf)
          local it = classify(ctx, node, leaf, inst_arn, inst)
          if it then items[#items + 1] = it end
        end
      end
    end
    refs.report(ctx, name, items, {
      none = "refers to no queue, flow, module, prompt, function or bot",
      words = { fail = "reference(s) outside this instance or account",
                manual = "reference(s) that cannot be resolved from the snapshot",
                pass = "reference(s) inside this instance and account" } })
  end,
}
