local ck = require "testkit.campaigns"
local function with(...)
  local w = ck.world()
  for i = 1, select("#", ...) do w[#w + 1] = (select(i, ...)) end
  return w
end
local function without(kind)
  local w = {}
  for _, r in ipairs(ck.world()) do if r.type ~= kind then w[#w + 1] = r end end
  return w
end

return {
  { name = "v2: flow, queue and an E.164 source number resolve", resource = ck.v2(), others = ck.world(),
    expect = "pass", message = "3 of 3 resolve" },
  { name = "v1 likewise", resource = ck.v1(), others = ck.world(), expect = "pass" },
  { name = "a claimed source number passes", resource = ck.v2(), others = with(ck.number("+18005550100")),
    expect = "pass", message = "source number +18005550100" },
  { name = "a source number the instance does not claim fails", resource = ck.v2(),
    others = with(ck.number("+18005550199")), expect = "fail", message = "not claimed by the instance" },
  { name = "a source number that is not E.164 fails", resource = ck.v2({ source = "555-0100" }), others = ck.world(),
    expect = "fail", message = "not E.164" },
  { name = "a deleted queue fails", resource = ck.v2(), others = without("connect_queue"), expect = "fail",
    message = "does not exist in the instance" },
  { name = "a flow of another instance fails",
    resource = ck.v2({ flow = "arn:aws:connect:us-east-1:111122223333:instance/other/contact-flow/x" }),
    others = ck.world(), expect = "fail", message = "in another instance" },
  { name = "an agent dialer without a queue fails", resource = ck.v1({ queue = false }), others = ck.world(),
    expect = "fail", message = "progressive dialer with no queue" },
  { name = "an agentless campaign needs no queue", resource = ck.v2({ mode = "agentless" }),
    others = without("connect_queue"), expect = "pass", message = "2 of 2" },
  { name = "its instance not in the snapshot fails", resource = ck.v2(), others = { ck.queue(), ck.flow() },
    expect = "fail", message = "is not in the snapshot" },
  { name = "an SMS-only campaign is not applicable", resource = ck.v2({ no_telephony = true }), others = ck.world(),
    expect = "skipped" },
  { name = "queues not listed: the missing queue is an error, not a dangling reference", resource = ck.v2(),
    others = without("connect_queue"),
    errors = { { arn = ck.INSTANCE, operation = "connect:SearchQueues", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "the campaign not described is an error", resource = { type = "connect_campaign_v2", arn = ck.ARN,
      name = "Renewals", region = "us-east-1", data = object{} },
    errors = { { arn = ck.ARN, operation = "connectcampaignsv2:DescribeCampaign", code = "AccessDeniedException",
                 message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
}
