-- PCI-FLOW-003: flow logs record block parameters and Lambda/Lex payloads,
-- so logging must be off on every path into card input. CONTACTFLOW_LOGS is
-- instance-wide and logging carries in from earlier flows: the flow's entry
-- counts as "possibly enabled" until the flow itself disables it.
local flow = require "flow"

return {
  id = "PCI-FLOW-003",
  title = "Flow logging is disabled on every path into card-number input",
  severity = "critical",
  practice = "FLOW-6",
  controls = { ["PCI-DSS-4.0"] = { "3.3.1" }, BASELINE = { "FLOW-6", "PCI-2", "CW-2" } },
  resource = flow.TYPES, -- flows and flow modules
  rationale = "Amazon Connect flow logs in CloudWatch hold the parameters and results of each block, "
    .. "including stored customer input passed on to Lambda functions; card data or a CVV collected while "
    .. "logging is enabled is retained in CloudWatch Logs.",
  remediation = "In the flow designer add a 'Set logging behavior' block set to Disabled before every "
    .. "card-input block (on every branch that leads to it), re-enable logging after the payment step, and "
    .. "publish; check with aws connect describe-contact-flow --instance-id ID --contact-flow-id FLOW",
  check = function(r, ctx)
    flow.check_card_paths(ctx, r, {
      prop = "logging",
      on_word = "flow logging possibly enabled",
      off_word = "flow logging disabled",
      expected = "FlowLoggingBehavior \"Disabled\" on every path",
      entry_text = "flow entry: logging enabled by an earlier flow carries into this one",
    })
  end,
}
