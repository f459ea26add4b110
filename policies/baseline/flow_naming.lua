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
    local function check_name(what, value, path)
      if type(value) ~= "string" or not value:find(pattern) then
        bad[#bad + 1] = ("%s \"%s\""):format(what, tostring(value))
        ev[#ev + 1] = { path = path, expected = expected }
      end
    end
    check_name("flow name", name, ctx:ptr(cf, "Name"))
    local g = flow.load(ctx, r)
    if not g then return end
    local md = flow.is_view(content.Metadata) and content.Metadata or nil
    local am_key = md and ((flow.is_view(md.ActionMetadata) and "ActionMetadata")
      or (flow.is_view(md.actionMetadata) and "actionMetadata")) or nil
    for _, node in ipairs(g.nodes) do
      local dn = flow.display_name(content, node.id)
      if dn then
        checked = checked + 1
        local entry = md[am_key][node.id]
        local key = entry.displayName ~= nil and "displayName" or "DisplayName"
        check_name("block " .. node.id .. " display name", dn, ctx:ptr(entry, key))
      end
    end
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
