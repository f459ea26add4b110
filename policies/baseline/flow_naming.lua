-- BASE-FLOW-021 (FLOW-2): one naming convention for flows and the names
-- inside them. The convention is the pack's `flow_name_pattern` (a Lua
-- pattern; default camelCase, as the checklist asks). Checked: the flow's
-- Name and every block display name the designer stored in
-- Metadata.ActionMetadata[Identifier].displayName. Identifiers are not
-- checked: the designer generates them (UUIDs) and nobody reads them.
local flow = require "flow"

local MAX_LISTED = 5

return {
  id = "BASE-FLOW-021",
  title = "Flow names and block names follow the naming convention",
  severity = "low",
  practice = "FLOW-2",
  controls = { BASELINE = { "FLOW-2" } },
  resource = flow.TYPES, -- flows and flow modules
  rationale = "A single naming convention makes flows and their blocks findable in the console, in flow logs "
    .. "and in exported files, and keeps names usable as keys in scripts that deploy flows between stages.",
  remediation = "Rename the flow (Amazon Connect console > Routing > Flows > the flow > edit the name, or aws "
    .. "connect update-contact-flow-name --instance-id ID --contact-flow-id FLOW --name newName) and the "
    .. "blocks' display names in the flow designer, then publish; or set `flow_name_pattern` in the baseline "
    .. "pack's --params file to the convention the team uses.",
  check = function(r, ctx)
    local cf = ctx:need(r.data, flow.container(r))
    local content = flow.content(ctx, r)
    if not content then return end
    local pattern = ctx.params.flow_name_pattern
    if type(pattern) ~= "string" or not pcall(string.find, "", pattern) then
      ctx:error("parameter flow_name_pattern is not a valid Lua pattern: " .. tostring(pattern))
      return
    end
    local name = ctx:need(cf, "Name")
    local expected = ("matches flow_name_pattern %s"):format(pattern)
    local bad, ev, checked = {}, {}, 1
    -- the message and the pointer are made only for a name that fails
    -- (issue 12: made for every block, they were most of this rule's cost)
    local function fails(value) return type(value) ~= "string" or not value:find(pattern) end
    local function add_bad(what, value, view, key)
      bad[#bad + 1] = ("%s \"%s\""):format(what, tostring(value))
      ev[#ev + 1] = { path = ctx:ptr(view, key), expected = expected }
    end
    if fails(name) then add_bad("flow name", name, cf, "Name") end
    local g = flow.load(ctx, r)
    if not g then return end
    -- a block's display name as flow.display_name reads it, the
    -- ActionMetadata (or actionMetadata) object looked up once a flow
    local md = flow.is_view(content.Metadata) and content.Metadata or nil
    local am = md and md.ActionMetadata
    if not flow.is_view(am) then am = md and md.actionMetadata end
    if not flow.is_view(am) then am = nil end
    -- every node's display name (entry.displayName, else entry.DisplayName,
    -- a string) and the key it was under, read by the engine
    -- (auditor/policy/flowgraph.c, `flownames`): a view and two lookups per
    -- block in Lua were most of this rule's cost (issue 12)
    local ids, names, keys = flownames(g, am)
    for i = 1, #names do
      local dn = names[i]
      if fails(dn) then add_bad("block " .. ids[i] .. " display name", dn, am[ids[i]], keys[i]) end
    end
    checked = checked + #names
    if #bad == 0 then
      ctx:pass(("%s: the flow name and %d block display name(s) match flow_name_pattern %s")
        :format(name, checked - 1, pattern),
        { path = ctx:ptr(cf, "Name"), expected = expected })
      return
    end
    local listed = {}
    for i = 1, math.min(#bad, MAX_LISTED) do listed[i] = bad[i] end
    if #bad > MAX_LISTED then listed[#listed + 1] = ("and %d more"):format(#bad - MAX_LISTED) end
    ctx:fail(("%s: %d of %d name(s) do not match flow_name_pattern %s: %s")
      :format(name, #bad, checked, pattern, table.concat(listed, ", ")), ev)
  end,
}
