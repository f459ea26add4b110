local ck = require "testkit.campaigns"
local Q = ck.QUEUE
local function w(...)
  local out = ck.world()
  for i = 1, select("#", ...) do out[#out + 1] = (select(i, ...)) end
  return out
end

return {
  { name = "a voice profile with a user passes", resource = ck.v2(),
    others = w(ck.rp("rp1", { { Q, "VOICE" } }), ck.user("u1", "rp1", true)), expect = "pass", message = "1 user(s)" },
  { name = "v1 likewise", resource = ck.v1({ mode = "predictive" }),
    others = w(ck.rp("rp1", { { Q, "VOICE" } }), ck.user("u1", "rp1", false)), expect = "pass" },
  { name = "no routing profile takes the queue: fails", resource = ck.v2(),
    others = w(ck.rp("rp1", { { "other", "VOICE" } }), ck.user("u1", "rp1", true)), expect = "fail",
    message = "(0 take it at all)" },
  { name = "the queue only on chat: fails", resource = ck.v2(),
    others = w(ck.rp("rp1", { { Q, "CHAT" } }), ck.user("u1", "rp1", true)), expect = "fail",
    message = "on voice (1 take it at all)" },
  { name = "no user on the profile: fails", resource = ck.v2(),
    others = w(ck.rp("rp1", { { Q, "VOICE" } }), ck.user("u1", "rp2", true)), expect = "fail",
    message = "no user holds" },
  { name = "agentless is not applicable", resource = ck.v2({ mode = "agentless" }), others = ck.world(),
    expect = "skipped" },
  { name = "a profile's queues not collected is an error", resource = ck.v2(),
    others = w({ type = "connect_routing_profile", arn = ck.INSTANCE .. "/routing-profile/rp1", name = "rp1",
                 region = "us-east-1", data = { RoutingProfile = { RoutingProfileId = "rp1" } } }),
    errors = { { arn = ck.INSTANCE .. "/routing-profile/rp1", operation = "connect:ListRoutingProfileQueues",
                 code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "no routing profile of the instance at all is an error (every instance has one)", resource = ck.v2(),
    others = ck.world(), expect = "error", message = "holds no routing profile" },
  { name = "users not collected is an error", resource = ck.v2(), others = w(ck.rp("rp1", { { Q, "VOICE" } })),
    errors = { { arn = ck.INSTANCE, operation = "connect:SearchUsers", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "SearchUsers" },
}
