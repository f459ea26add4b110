-- CW-4: third-party integration points are identified. The snapshot shows the
-- AWS-side ones (lib/eligibility.lua: Lambda functions, Lex bots, storage
-- destinations and keys) and the approved origins; what lies behind them
-- (external APIs a Lambda calls, CRM sites embedding the CCP) it cannot show.
-- So the rule lists what it sees and asks whether that is the whole picture:
-- manual at info severity. The HTML report's inventory section shows the same
-- resources; this finding puts the question on the pre-go-live checklist.
local eligibility = require "eligibility"

return {
  id = "BASE-CW-012",
  title = "Third-party integration points are identified",
  severity = "info",
  practice = "CW-4",
  controls = { BASELINE = {"CW-4"}, ["PCI-DSS-4.0"] = {"12.8.1"} },
  resource = "connect_instance",
  rationale = "Monitoring and incident response need the list of places contact data goes and "
    .. "that can break a contact; the ones outside AWS (APIs behind Lambda functions, CRM sites) "
    .. "are invisible to the snapshot.",
  remediation = "Keep an integration inventory next to the architecture: for each point listed and "
    .. "each external system the Lambda functions call, note owner, data sent, and monitoring. "
    .. "Record the answer in an --attestations entry (docs/waivers.md).",
  check = function(r, ctx)
    eligibility.ask_inventory(ctx, r, "Are these, together with the external systems the Lambda "
      .. "functions call, all the third-party integration points, each with an owner and monitoring? (CW-4)")
  end,
}
