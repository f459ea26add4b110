-- BASE-QC-003 (VDI-8): no phone-number quick connect dials a number Amazon
-- Connect itself answers. An agent transferring a caller to one of the
-- account's claimed numbers sends the call out to the carrier and back in:
-- two more telephony legs, a new contact without the attributes gathered so
-- far, added latency -- the circular transfer VDI-8 warns of, from the agent
-- side (BASE-TEL-003 judges the flows' Transfer to phone number blocks).
-- Claimed numbers: connect_phone_number (DescribePhoneNumber
-- ClaimedPhoneNumberSummary.PhoneNumber) of every collected instance.
local refs = require "flowrefs"
local collection = require "collection"

return {
  id = "BASE-QC-003",
  title = "Phone-number quick connects do not dial the account's own Amazon Connect numbers",
  severity = "medium",
  practice = "VDI-8",
  controls = { BASELINE = { "VDI-8" } },
  resource = "connect_quick_connect",
  rationale = "A quick connect to a number Amazon Connect answers takes the caller out to the telephone "
    .. "network and back in: extra cost and latency, and a new contact that loses the context gathered so far.",
  remediation = "Replace the PHONE_NUMBER quick connect with a QUEUE or USER quick connect that reaches the "
    .. "same destination inside Amazon Connect (Routing > Quick connects).",
  check = function(r, ctx)
    local name = r.name or r.arn
    local qc = ctx:need(r.data, "QuickConnect")
    local cfg = ctx:need(qc, "QuickConnectConfig")
    if cfg.QuickConnectType ~= "PHONE_NUMBER" then
      ctx:skip(("%s: a %s quick connect dials no number"):format(name, tostring(cfg.QuickConnectType)))
      return
    end
    local pc = ctx:need(cfg, "PhoneConfig")
    local num = ctx:need(pc, "PhoneNumber")
    if ctx.snapshot.resources.connect_phone_number == nil then
      ctx:skip(name .. ": the snapshot has no connect_phone_number resources (an older collector), so the "
        .. "account's own numbers are unknown; attest VDI-8")
      return
    end
    local claimed = ctx:once("claimed-numbers", function()
      local by, n, bad = {}, 0, nil
      for parn, pn in ctx:resources("connect_phone_number") do
        n = n + 1
        local s = pn.data.ClaimedPhoneNumberSummary
        local v = s and s.PhoneNumber
        if type(v) == "string" then by[v] = by[v] or pn
        elseif not bad then bad = pn end
      end
      return { by = by, n = n, bad = bad }
    end)
    local own, count, unread = claimed.by, claimed.n, claimed.bad
    local ev = { { path = ctx:ptr(pc, "PhoneNumber"), expected = "a number none of the account's instances answers" } }
    local o = own[num]
    if o then
      ev[2] = { path = refs.container_ptr(o) .. "/data/ClaimedPhoneNumberSummary/PhoneNumber", expected = "not dialled" }
      ctx:fail(("%s dials %s, which Amazon Connect answers (%s): a transfer out and back in"):format(name, num, o.arn), ev)
      return
    end
    if unread then
      ctx:error(("%s dials %s; phone number %s could not be read (%s), so it may be that one")
        :format(name, num, unread.arn, collection.explain(ctx, unread.arn)),
        { path = refs.container_ptr(unread) .. "/data/ClaimedPhoneNumberSummary", expected = "PhoneNumber" })
      return
    end
    local lerrs = {}
    for _, op in ipairs({ "connect:ListPhoneNumbersV2", "connect:ListPhoneNumbers", "connect:ListTrafficDistributionGroups" }) do
      for _, e in ipairs(collection.errors_for_op(ctx, op)) do lerrs[#lerrs + 1] = e end
    end
    if #lerrs > 0 then
      ctx:error(("%s dials %s, not one of the %d numbers collected, but the numbers were not all listed (%s)")
        :format(name, num, count, collection.summary(lerrs)), ev)
      return
    end
    ctx:pass(("%s dials %s, not one of the %d number(s) claimed to the collected instance(s)")
      :format(name, num, count), ev)
  end,
}
