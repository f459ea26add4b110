-- BASE-TEL-003 (VDI-8): no external transfer dials a number that Amazon
-- Connect itself answers. A Transfer to phone number block aimed at one of
-- the account's claimed numbers sends the call out to the carrier and back
-- in: two telephony legs billed, a new contact ID, and a loop if that number's
-- flow transfers back. Claimed numbers come from connect_phone_number
-- resources (DescribePhoneNumber: data.ClaimedPhoneNumberSummary, with
-- PhoneNumber and TargetArn; collect and import gather them); a snapshot
-- without any (an older collector, or an account with none claimed) skips
-- the rule and VDI-8 stays an attestation item. BASE-QC-003 judges the
-- agents' phone-number quick connects the same way.
local flow = require "flow"
local refs = require "flowrefs"
local collection = require "collection"

-- number -> {arn, target, path} for every claimed number, in ARN order; and a
-- list of phone-number resources whose number is missing.
local function claimed_numbers(ctx)
  local by_number, missing, n = {}, {}, 0
  for parn, pn in ctx:resources("connect_phone_number") do
    n = n + 1
    local s = pn.data.ClaimedPhoneNumberSummary
    local num = flow.is_view(s) and s.PhoneNumber or nil
    if type(num) == "string" then
      if not by_number[num] then
        by_number[num] = { arn = parn, target = flow.is_view(s) and s.TargetArn or nil,
                           path = refs.container_ptr(pn) .. "/data/ClaimedPhoneNumberSummary/PhoneNumber" }
      end
    else
      missing[#missing + 1] = pn
    end
  end
  return by_number, missing, n
end

return {
  id = "BASE-TEL-003",
  title = "External transfers do not dial the account's own Amazon Connect numbers",
  severity = "medium",
  practice = "VDI-8",
  controls = { BASELINE = { "VDI-8" } },
  resource = flow.TYPES, -- flows and flow modules
  rationale = "Transferring a caller to a number that Amazon Connect answers leaves Connect and comes back in: "
    .. "the call pays for two more telephony legs, starts a new contact without the attributes gathered so far, "
    .. "adds latency and echo, and can loop if the other flow transfers back.",
  remediation = "Replace the Transfer to phone number block with a Transfer to flow or Transfer to queue block "
    .. "(Set working queue first) that reaches the same destination inside Amazon Connect, and publish.",
  check = function(r, ctx)
    local g = flow.load(ctx, r)
    if not g then return end
    local name = r.name or r.arn
    local nodes = refs.actions(g, { TransferParticipantToThirdParty = true })
    if #nodes == 0 then
      ctx:skip(name .. ": transfers to no external phone number")
      return
    end
    local own, missing, count = claimed_numbers(ctx)
    local lerrs = {}
    for _, op in ipairs({ "connect:ListPhoneNumbersV2", "connect:ListPhoneNumbers", "connect:ListTrafficDistributionGroups" }) do
      for _, e in ipairs(collection.errors_for_op(ctx, op)) do lerrs[#lerrs + 1] = e end
    end
    if count == 0 and #lerrs > 0 then
      ctx:error(("%s: the claimed phone numbers were not listed (%s), so a transfer to one of them cannot be "
        .. "ruled out"):format(name, collection.summary(lerrs)),
        { path = ctx:ptr(nodes[1].view, "Parameters", "ThirdPartyPhoneNumber"),
          expected = "a number none of the account's Connect instances answers" })
      return
    end
    if count == 0 then
      ctx:skip(name .. ": the snapshot holds no claimed phone numbers (connect_phone_number), so a transfer to "
        .. "one of them cannot be recognised; attest VDI-8")
      return
    end
    if #missing > 0 then
      local pn = missing[1]
      ctx:error(("%s: phone number %s has no ClaimedPhoneNumberSummary.PhoneNumber in the snapshot (%s)")
        :format(name, pn.arn, collection.explain(ctx, pn.arn)),
        { path = refs.container_ptr(pn) .. "/data/ClaimedPhoneNumberSummary", expected = "PhoneNumber" })
      return
    end
    local items = {}
    for _, node in ipairs(nodes) do
      local v = node.params and node.params.ThirdPartyPhoneNumber
      local what = ("TransferParticipantToThirdParty %s"):format(node.id or "?")
      local ev = { { path = ctx:ptr(node.view, "Parameters", "ThirdPartyPhoneNumber"),
                     expected = "a number none of the account's Connect instances answers" } }
      if refs.is_dynamic(v) then
        items[#items + 1] = { status = "manual", text = ("%s dials %s, set at run time (unresolved)"):format(what, v), ev = ev }
      elseif type(v) == "string" and own[v] then
        local o = own[v]
        ev[2] = { path = o.path, expected = "not dialled by a transfer" }
        items[#items + 1] = { status = "fail", text = ("%s dials %s, which Amazon Connect answers (%s%s)")
          :format(what, v, o.arn, type(o.target) == "string" and (", claimed by " .. o.target) or ""), ev = ev }
      elseif type(v) == "string" and v ~= "" and #lerrs > 0 then
        items[#items + 1] = { status = "error", text = ("%s dials %s, not one of the numbers collected, but the "
          .. "numbers were not all listed (%s)"):format(what, v, collection.summary(lerrs)), ev = ev }
      elseif type(v) == "string" and v ~= "" then
        items[#items + 1] = { status = "pass", text = ("%s dials %s, not a claimed number"):format(what, v), ev = ev }
      end
    end
    refs.report(ctx, name, items, {
      none = "no transfer names a static number (BASE-TEL-002 reports blocks without one)",
      words = { fail = "external transfer(s) back into Amazon Connect",
                manual = "external transfer number(s) set at run time; confirm none is a Connect number",
                pass = ("external transfer(s) to numbers outside the %d claimed number(s)"):format(count) } })
  end,
}
