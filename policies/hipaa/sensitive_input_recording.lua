-- HIPAA-FLOW-003: the IVR leg is not recorded while the caller keys in personal
-- or health data (lib/flow/input.lua class "phi": the hipaa pack's
-- sensitive_input_keywords). The DTMF tones of a date of birth or member ID
-- are in the recording as audio anyone with the recording can decode.
-- Recording state carries in from earlier flows (the last recording block to
-- run wins): the entry counts as "possibly recording" until the flow turns it
-- off. An input the flow cannot place is manual where a "phi" one would fail.
local flow = require "flow"

return {
  id = "HIPAA-FLOW-003",
  title = "Recording is suspended on every path into personal or health data input",
  severity = "high",
  practice = "FLOW-8",
  controls = { HIPAA = { "164.502(b)" }, BASELINE = { "FLOW-8", "FLOW-6" } },
  resource = flow.TYPES, -- flows and flow modules
  rationale = "With IVR (or agent/customer) recording active while the caller keys in a date of birth, "
    .. "member ID or SSN, the tones are in the call recording, kept as long as recordings are and heard "
    .. "by everyone who reviews calls: more than the minimum necessary.",
  remediation = "In the flow designer add a 'Set recording and analytics behavior' block before every "
    .. "block that collects personal or health data, with agent and customer recording off and automated "
    .. "interaction (IVR) recording disabled, turn it back on after the input, and publish.",
  check = function(r, ctx)
    flow.check_card_paths(ctx, r, flow.sensitive_spec({
      prop = "recording",
      on_word = "recording possibly active",
      off_word = "recording suspended",
      expected = "recording off: RecordedParticipants [] and IVRRecordingBehavior not \"Enabled\", on every path",
      entry_text = "flow entry: recording set by an earlier flow may still be active",
    }))
  end,
}
