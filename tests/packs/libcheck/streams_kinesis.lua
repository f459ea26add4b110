-- lib/streams.lua on the resource under check (no lead: gaps go through ctx:need).
-- The message ends with " | evidence: PATH, …" so cases can check the evidence.
local streams = require "streams"
local paths = require("libcheck.evidence").paths
return {
  id = "LIB-STREAMS-001", title = "streams.kinesis", severity = "info", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "kinesis_stream", rationale = "r", remediation = "m",
  check = function(r, ctx)
    local status, msg, ev = streams.kinesis(ctx, r)
    ctx[status](ctx, msg .. " | evidence: " .. paths(ev), ev)
  end,
}
