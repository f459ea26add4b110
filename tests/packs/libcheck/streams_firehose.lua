-- lib/streams.lua: streams.firehose on the resource under check.
local streams = require "streams"
local paths = require("libcheck.evidence").paths
return {
  id = "LIB-STREAMS-002", title = "streams.firehose", severity = "info", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "firehose_delivery_stream", rationale = "r", remediation = "m",
  check = function(r, ctx)
    local status, msg, ev = streams.firehose(ctx, r)
    ctx[status](ctx, msg .. " | evidence: " .. paths(ev), ev)
  end,
}
