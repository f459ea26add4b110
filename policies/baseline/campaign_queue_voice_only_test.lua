local ck = require "testkit.campaigns"
local Q = ck.QUEUE
local function w(...)
  local out = ck.world()
  for i = 1, select("#", ...) do out[#out + 1] = (select(i, ...)) end
  return out
end

return {
  { name = "voice only passes", resource = ck.v2(), others = w(ck.rp("rp1", { { Q, "VOICE" }, { "other", "CHAT" } })),
    expect = "pass", message = "1 routing profile(s)" },
  { name = "the queue on chat too fails", resource = ck.v1(),
    others = w(ck.rp("rp1", { { Q, "VOICE" } }), ck.rp("rp2", { { Q, "VOICE" }, { Q, "CHAT" } })),
    expect = "fail", message = "rp2 (CHAT)" },
  { name = "no profile takes the queue: BASE-CMP-007's", resource = ck.v2(), others = w(ck.rp("rp1", { { "x", "VOICE" } })),
    expect = "skipped" },
  { name = "agentless is not applicable", resource = ck.v2({ mode = "agentless" }), others = ck.world(),
    expect = "skipped" },
  { name = "routing profiles not listed is an error", resource = ck.v2(), others = ck.world(),
    errors = { { arn = ck.INSTANCE, operation = "connect:SearchRoutingProfiles", code = "AccessDeniedException",
                 message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
}
