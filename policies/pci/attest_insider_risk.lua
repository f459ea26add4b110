-- PCI-5 (attestation item): Agent-assisted payments keep card input from the agent; insider risk is noted.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.rule {
  id = "PCI-ATT-001",
  title = "Agent-assisted payments keep card input from the agent; insider risk is noted",
  severity = "high",
  practice = "PCI-5",
  controls = { ["PCI-DSS-4.0"] = { "7.2.2", "3.3.1" }, BASELINE = { "PCI-5" } },
  question = "For agent-assisted payments, does the agent transfer the caller to the payment IVR "
    .. "flow so the agent cannot hear or see the card input, and is the remaining insider "
    .. "risk recorded in the risk assessment? (PCI-5)",
  rationale = "An agent who hears card numbers and CVVs is an insider risk and brings the agent "
    .. "desktop into PCI scope; the flow side is checked automatically (PCI-FLOW-002, and "
    .. "PCI-FLOW-020 for the quick connects into payment flows), whether the agent leaves the "
    .. "call, the procedure and its risk record are not visible.",
  remediation = "Document the agent-assisted payment procedure (quick connect to the payment flow, "
    .. "agent on hold or monitoring suspended) and record the insider risk and its treatment "
    .. "in the PCI risk assessment.",
}
