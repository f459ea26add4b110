-- lib/streams.lua on streams named by ARN (kinesis_arn / firehose_arn) with a
-- lead: data.Kinesis or data.Firehose names the target; the lead item is
-- data/Target. Gaps become error findings, the check goes on (a second
-- finding "after" proves it was not stopped).
local streams = require "streams"
local paths = require("libcheck.evidence").paths
return {
  id = "LIB-STREAMS-003", title = "streams by ARN", severity = "info", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "connect_instance", rationale = "r", remediation = "m",
  check = function(r, ctx)
    local lead = { { path = "data/Target" } }
    local status, msg, ev
    if r.data.Kind == "kinesis" then status, msg, ev = streams.kinesis_arn(ctx, r.data.Target, lead)
    else status, msg, ev = streams.firehose_arn(ctx, r.data.Target, lead) end
    assert(ev[1] == lead[1], "the lead comes first in the evidence")
    assert(#lead == 1, "the caller's lead list is not modified")
    ctx[status](ctx, msg .. " | evidence: " .. paths(ev), ev)
    ctx:pass("after", { path = "data", note = "the assertions above held" })
  end,
}
