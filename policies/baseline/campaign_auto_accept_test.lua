local ck = require "testkit.campaigns"
local Q = ck.QUEUE
local function w(...)
  local out = ck.world()
  for i = 1, select("#", ...) do out[#out + 1] = (select(i, ...)) end
  return out
end
local newer = ck.user("u3", "rp1", false)
newer.data.User.AutoAcceptConfigs = { { Channel = "VOICE", AutoAccept = true } }

return {
  { name = "every agent on the queue auto-accepts: passes", resource = ck.v2(),
    others = w(ck.rp("rp1", { { Q, "VOICE" } }), ck.user("u1", "rp1", true), ck.user("u2", "rpX", false)),
    expect = "pass", message = "1 of 1 auto-accept" },
  { name = "one agent without auto-accept fails", resource = ck.v1({ mode = "predictive" }),
    others = w(ck.rp("rp1", { { Q, "VOICE" } }), ck.user("u1", "rp1", true), ck.user("u2", "rp1", false)),
    expect = "fail", message = "u2 auto-accept off" },
  { name = "AutoAcceptConfigs' VOICE entry decides over PhoneConfig", resource = ck.v2(),
    others = w(ck.rp("rp1", { { Q, "VOICE" } }), newer), expect = "pass" },
  { name = "preview is not applicable", resource = ck.v2({ mode = "preview" }),
    others = w(ck.rp("rp1", { { Q, "VOICE" } }), ck.user("u1", "rp1", false)), expect = "skipped" },
  { name = "nobody on the queue is not applicable here", resource = ck.v2(),
    others = w(ck.rp("rp1", { { Q, "VOICE" } })), expect = "skipped", message = "BASE-CMP-007" },
  { name = "a user not described is an error", resource = ck.v2(),
    others = w(ck.rp("rp1", { { Q, "VOICE" } }), { type = "connect_user", arn = ck.INSTANCE .. "/agent/u9", name = "u9",
                                                   region = "us-east-1", data = object{} }),
    errors = { { arn = ck.INSTANCE .. "/agent/u9", operation = "connect:DescribeUser", code = "AccessDeniedException",
                 message = "denied" } },
    expect = "error", message = "not described" },
}
