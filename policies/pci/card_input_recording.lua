-- PCI-FLOW-002: the IVR leg must not be recorded while the caller keys in a
-- card number. Recording state carries in from earlier flows (the last
-- recording block to run wins), so the flow's entry counts as "possibly
-- recording" until the flow itself turns recording off.
local flow = require "flow"

return {
  id = "PCI-FLOW-002",
  title = "Recording is suspended on every path into card-number input",
  severity = "critical",
  practice = "PCI-2",
  controls = { ["PCI-DSS-4.0"] = { "3.3.1", "3.5.1" }, BASELINE = { "PCI-2" } },
  resource = flow.TYPES, -- flows and flow modules
  rationale = "With IVR recording (or agent/customer recording) active when the caller enters a card number, "
    .. "the DTMF digits or a spoken PAN/CVV end up in the call recording, where the PAN is stored unencrypted "
    .. "and the card verification code is retained after authorization.",
  remediation = "In the flow designer add a 'Set recording and analytics behavior' block before every "
    .. "card-input block with agent and customer recording off and automated interaction (IVR) recording "
    .. "disabled (RecordedParticipants [] and IVRRecordingBehavior \"Disabled\"), turn it back on after the "
    .. "input, and publish; check with aws connect describe-contact-flow --instance-id ID --contact-flow-id FLOW",
  check = function(r, ctx)
    flow.check_card_paths(ctx, r, {
      prop = "recording",
      on_word = "recording possibly active",
      off_word = "recording suspended",
      expected = "recording off: RecordedParticipants [] and IVRRecordingBehavior not \"Enabled\", on every path",
      entry_text = "flow entry: recording set by an earlier flow may still be active",
    })
  end,
}
