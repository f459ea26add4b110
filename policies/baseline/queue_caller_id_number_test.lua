local tk = require "testkit.telephony"

local function queue(nid)
  local q = tk.queue("q1")
  q.data.Queue.OutboundCallerConfig = { OutboundCallerIdName = "Acme", OutboundCallerIdNumberId = nid }
  return q
end
local OWN = tk.number("pn1", { number = "+18005550199" })
local TDG = "arn:aws:connect:us-east-1:111122223333:traffic-distribution-group/5a1b2c3d-0000-4000-8000-000000000001"
local function with_groups(groups)
  local i = tk.instance()
  i.data.TrafficDistributionGroups = groups
  return i
end

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
  { name = "a caller ID number claimed to the instance's traffic distribution group passes",
    resource = queue("pn1"),
    others = { with_groups({ { Id = "5a1b2c3d-0000-4000-8000-000000000001", Arn = TDG, Name = "acme-tdg",
                               InstanceArn = tk.INSTANCE, Status = "ACTIVE", IsDefault = true } }),
               tk.number("pn1", { target = TDG }) },
    expect = "pass", message = "traffic distribution group " .. TDG },
  { name = "a traffic distribution group that is not the instance's fails",
    resource = queue("pn1"), others = { with_groups({}), tk.number("pn1", { target = TDG }) },
    expect = "fail", message = "not this instance" },
  { name = "not among the numbers of the instance and of its groups: manual (released, or elsewhere)",
    resource = queue("gone"), others = { with_groups({}), OWN },
    expect = "manual", message = "neither to the instance nor to its traffic distribution groups" },
  { name = "a group's numbers not listed is an error",
    resource = queue("gone"),
    others = { with_groups({ { Id = "5a1b2c3d-0000-4000-8000-000000000001", Arn = TDG, InstanceArn = tk.INSTANCE } }), OWN },
    errors = { { arn = TDG, operation = "connect:ListPhoneNumbersV2", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "the groups not listed is an error",
    resource = queue("gone"), others = { tk.instance(), OWN },
    errors = { tk.list_error("connect:ListTrafficDistributionGroups") },
    expect = "error", message = "ListTrafficDistributionGroups" },
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
