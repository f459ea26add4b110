-- REG-3 (attestation item): Agents work near the instance's region, or call quality is verified where they do not.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.rule {
  id = "BASE-ATT-001",
  title = "Agents work near the instance's region, or call quality is verified where they do "
    .. "not",
  severity = "medium",
  practice = "REG-3",
  controls = { BASELINE = { "REG-3" } },
  question = "Are the agents located in or near the instance's region, or is there a mechanism to "
    .. "verify call quality for those who are not (e.g. CCP network checks, softphone "
    .. "metrics)? (REG-3)",
  rationale = "Voice media travels between the agent's softphone and the instance's region; agents "
    .. "far from it get latency and jitter the callers hear. Where agents sit is not in any "
    .. "AWS API.",
  remediation = "Compare agent sites with the instance's region (the region in the instance ARN); for "
    .. "remote sites run the CCP connectivity check "
    .. "(https://INSTANCE.my.connect.aws/connect/ccp-v2 > settings) and monitor the "
    .. "ToInstancePacketLossRate metric.",
}
