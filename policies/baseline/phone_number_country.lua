-- BASE-TEL-010 (TEL-2, auto+param): every claimed phone number is in a
-- country the contact center serves. Which countries those are is a fact
-- the cloud does not hold: the pack parameter phone_number_countries (ISO
-- 3166-1 alpha-2, as PhoneNumberCountryCode) states it. Unset, each number is
-- `manual` naming its country; BASE-ATT-004 still asks whether the outbound
-- countries are confirmed (the dialling allow list is not in any API).
return {
  id = "BASE-TEL-010",
  title = "Claimed phone numbers are in the countries the contact center serves",
  severity = "medium",
  practice = "TEL-2",
  controls = { BASELINE = { "TEL-2" } },
  resource = "connect_phone_number",
  rationale = "A number claimed in a country the business does not serve costs money every month, may fall "
    .. "under another country's telecom and data rules, and is often a mistake at claim time.",
  remediation = "Release the number (Channels > Phone numbers > Release; aws connect release-phone-number) or "
    .. "add its country to the baseline pack parameter phone_number_countries after confirming it (TEL-2).",
  check = function(r, ctx)
    local name = r.name or r.arn
    local s = ctx:need(r.data, "ClaimedPhoneNumberSummary")
    local cc = ctx:need(s, "PhoneNumberCountryCode")
    local allowed = ctx.params.phone_number_countries
    local ev = { path = ctx:ptr(s, "PhoneNumberCountryCode") }
    local list = {}
    for _, c in ipairs(allowed or {}) do list[#list + 1] = c end
    if #list == 0 then
      ev.expected = "a country listed in phone_number_countries"
      ctx:manual(("%s is a %s number; the countries served are not stated (baseline parameter "
        .. "phone_number_countries): confirm %s is one"):format(name, cc, cc), ev)
      return
    end
    ev.expected = list
    for _, c in ipairs(list) do
      if c == cc then
        ctx:pass(("%s is a %s number, a country in phone_number_countries"):format(name, cc), ev)
        return
      end
    end
    ctx:fail(("%s is a %s number, not a country the contact center serves (phone_number_countries: %s)")
      :format(name, cc, table.concat(list, ", ")), ev)
  end,
}
