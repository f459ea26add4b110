-- BASE-TEL-002: external transfers (TransferParticipantToThirdParty) dial a
-- valid E.164 number: '+', a country code not starting with 0, at most 15
-- digits in all, nothing else (ITU-T E.164, as Amazon Connect requires).
-- A number taken from a JSONPath is decided at run time: `manual`.
local flow = require "flow"
local refs = require "flowrefs"

local EXPECTED = "E.164: + then 2-15 digits, the first not 0 (^\\+[1-9]\\d{1,14}$)"

return {
  id = "BASE-TEL-002",
  title = "External transfers dial valid E.164 phone numbers",
  severity = "medium",
  practice = "FLOW-10",
  controls = { BASELINE = { "FLOW-10" } },
  resource = flow.TYPES, -- flows and flow modules
  rationale = "Amazon Connect dials a Transfer to phone number block's number only in E.164 form; a national "
    .. "format, spaces or a missing country code make every transfer take the error branch, so callers who "
    .. "should reach a partner or an escalation line are dropped or sent back to the menu.",
  remediation = "In the flow designer open each Transfer to phone number block, pick the country code and enter "
    .. "the number without spaces or punctuation (+14155550100), and publish; for numbers taken from attributes, "
    .. "make the code that sets them write E.164.",
  check = function(r, ctx)
    local g = flow.load(ctx, r)
    if not g then return end
    local items = {}
    for _, node in ipairs(refs.actions(g, { TransferParticipantToThirdParty = true })) do
      local v = node.params and node.params.ThirdPartyPhoneNumber
      local what = ("TransferParticipantToThirdParty %s"):format(node.id or "?")
      local ev = { { path = ctx:ptr(node.view, "Parameters", "ThirdPartyPhoneNumber"), expected = EXPECTED } }
      if v == nil or v == false or v == "" then
        items[#items + 1] = { status = "fail", text = what .. " names no phone number", ev = ev }
      elseif refs.is_dynamic(v) then
        items[#items + 1] = { status = "manual", text = ("%s dials %s, set at run time (unresolved)"):format(what, tostring(v)), ev = ev }
      elseif refs.e164(v) then
        items[#items + 1] = { status = "pass", text = ("%s dials %s"):format(what, v), ev = ev }
      else
        items[#items + 1] = { status = "fail", text = ("%s dials \"%s\", not an E.164 number"):format(what, tostring(v)), ev = ev }
      end
    end
    refs.report(ctx, r.name or r.arn, items, {
      none = "transfers to no external phone number",
      words = { fail = "external transfer number(s) not valid E.164",
                manual = "external transfer number(s) set at run time; confirm they are E.164",
                pass = "external transfer number(s) in E.164" } })
  end,
}
