-- BASE-FLOW-023 (FLOW-4): contact attribute keys contain no spaces or special
-- characters. The allowed set is the one the Amazon Connect API states for
-- user-defined attributes (UpdateContactAttributes: "Attribute keys can include
-- only alphanumeric, dash, and underscore characters"): ASCII letters, digits,
-- '-' and '_'. Checked: the keys of UpdateContactAttributes.Attributes and of
-- UpdateFlowAttributes.FlowAttributes (read back as $.FlowAttributes.<key>).
-- A key holding a JSONPath ("survey_$.Attributes.n") is resolved at run time:
-- its static prefix is checked, the rest is `manual`.
local flow = require "flow"
local refs = require "flowrefs"

local MEMBER = { UpdateContactAttributes = "Attributes", UpdateFlowAttributes = "FlowAttributes" }
local ALLOWED = "^[%w_%-]+$"
local EXPECTED = "letters, digits, '-' and '_' only"

local function key_item(ctx, node, member, map, key)
  local what = ("%s %s key \"%s\""):format(node.type, node.id or "?", key)
  local ev = { { path = ctx:ptr(map, key), note = ("the key \"%s\""):format(key), expected = EXPECTED } }
  local dollar = key:find("$", 1, true)
  local static = dollar and key:sub(1, dollar - 1) or key
  if static ~= "" and not static:find(ALLOWED) or (not dollar and static == "") then
    local bad = static:gsub("[%w_%-]", "")
    local shown = bad == "" and "an empty key" or ("'" .. bad .. "'")
    return { status = "fail", text = ("%s has %s"):format(what, shown), ev = ev }
  end
  if dollar then
    return { status = "manual", text = what .. " is built at run time (unresolved)", ev = ev }
  end
  return { status = "pass", text = what, ev = ev }
end

return {
  id = "BASE-FLOW-023",
  title = "Contact attribute keys contain no spaces or special characters",
  severity = "low",
  practice = "FLOW-4",
  controls = { BASELINE = { "FLOW-4" } },
  resource = flow.TYPES, -- flows and flow modules
  rationale = "Amazon Connect allows only letters, digits, '-' and '_' in attribute keys (UpdateContactAttributes); "
    .. "a key with spaces or other characters cannot be read back with a plain $.Attributes.key reference, breaks "
    .. "Lambda and reporting code that uses the keys as field names, and may be rejected by the API.",
  remediation = "In the flow designer, open each Set contact attributes / Set flow attributes block and rename the "
    .. "destination key (for example 'account number' to accountNumber), update every block, Lambda function and "
    .. "report that reads it, and publish.",
  check = function(r, ctx)
    local g = flow.load(ctx, r)
    if not g then return end
    local name = r.name or r.arn
    local items = {}
    for _, node in ipairs(refs.actions(g, MEMBER)) do
      local member = MEMBER[node.type]
      local map = node.params and node.params[member]
      if flow.is_view(map) then
        for _, key in ipairs(refs.sorted_keys(map)) do
          items[#items + 1] = key_item(ctx, node, member, map, key)
        end
      end
    end
    refs.report(ctx, name, items, {
      none = "sets no contact or flow attributes",
      words = { fail = "attribute key(s) with characters other than " .. EXPECTED,
                manual = "attribute key(s) built at run time; confirm the result has " .. EXPECTED,
                pass = "attribute key(s) with " .. EXPECTED } })
  end,
}
