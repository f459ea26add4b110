-- HIPAA-FLOW-002: FLOW-6 / CW-2 beyond card data -- flow logs record block
-- parameters and the payloads passed to Lambda functions, so logging must be off
-- on every path into a stored input of personal or health data (a date of birth,
-- a member ID, an SSN: the hipaa pack's sensitive_input_keywords, lib/flow/
-- input.lua class "phi"). Logging carries in from earlier flows: the entry counts
-- as "possibly enabled" until the flow disables it. An input the flow cannot
-- place (prompt chosen at run time, audio, no telling name) is manual where a
-- "phi" one would fail.
local flow = require "flow"

return {
  id = "HIPAA-FLOW-002",
  title = "Flow logging is disabled on every path into personal or health data input",
  severity = "high",
  practice = "FLOW-6",
  controls = { HIPAA = { "164.502(b)", "164.312(a)(2)(iv)" }, BASELINE = { "FLOW-6", "CW-2" } },
  resource = flow.TYPES, -- flows and flow modules
  rationale = "Amazon Connect flow logs in CloudWatch hold each block's parameters and the stored customer "
    .. "input passed on to Lambda functions: a date of birth, member ID or SSN keyed in while logging is on "
    .. "is kept in CloudWatch Logs, readable by everyone who can read the log group, beyond what the "
    .. "contact needs.",
  remediation = "In the flow designer add a 'Set logging behavior' block set to Disabled before every "
    .. "block that collects personal or health data (on every branch that leads to it), re-enable logging "
    .. "after it, and publish; check with aws connect describe-contact-flow --instance-id ID "
    .. "--contact-flow-id FLOW. Words that mark such input: the hipaa pack parameter "
    .. "sensitive_input_keywords.",
  check = function(r, ctx)
    flow.check_card_paths(ctx, r, flow.sensitive_spec({
      prop = "logging",
      on_word = "flow logging possibly enabled",
      off_word = "flow logging disabled",
      expected = "FlowLoggingBehavior \"Disabled\" on every path",
      entry_text = "flow entry: logging enabled by an earlier flow carries into this one",
    }))
  end,
}
