local tk = require "testkit.telephony"

local function queue(nid)
  local q = tk.queue("q1")
  q.data.Queue.OutboundCallerConfig = { OutboundCallerIdName = "Acme", OutboundCallerIdNumberId = nid }
  return q
end
local OWN = tk.number("pn1", { number = "+18005550199" })

return {
  { name = "a caller ID number claimed to the instance passes",
    resource = queue("pn1"), others = { tk.instance(), OWN },
    expect = "pass", message = "+18005550199 (pn1) is claimed to the instance" },
  { name = "a caller ID number claimed to another instance fails",
    resource = queue("pn1"),
    others = { tk.instance(), tk.number("pn1", { target = "arn:aws:connect:us-east-1:111122223333:instance/other" }) },
    expect = "fail", message = "not this instance" },
  { name = "a caller ID number not among the instance's numbers is manual (released, or a traffic distribution group's)",
    resource = queue("gone"), others = { tk.instance(), OWN },
    expect = "manual", message = "traffic distribution group" },
  { name = "numbers not listed is an error",
    resource = queue("gone"), others = { tk.instance(), OWN },
    errors = { tk.list_error("connect:ListPhoneNumbersV2") },
    expect = "error", message = "AccessDeniedException" },
  { name = "the caller ID number could not be described is an error",
    resource = queue("pn1"), others = { tk.instance(), tk.number("pn1", { unread = true }) },
    errors = { { arn = tk.number_arn("pn1"), operation = "connect:DescribePhoneNumber", code = "AccessDeniedException",
                 message = "not authorized" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "no caller ID number: skipped (BASE-TEL-001)",
    resource = (function() local q = tk.queue("q1"); q.data.Queue.OutboundCallerConfig = { OutboundCallerIdName = "Acme" }
      return q end)(),
    others = { tk.instance(), OWN },
    expect = "skipped", message = "BASE-TEL-001" },
  { name = "OutboundCallerConfig not collected is an error",
    resource = tk.queue("q1"), others = { tk.instance(), OWN },
    expect = "error", message = "OutboundCallerConfig" },
  { name = "no phone-number resources at all (older collector): skipped",
    resource = queue("pn1"), others = { tk.instance() },
    expect = "skipped" },
}
