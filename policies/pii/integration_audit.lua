-- PII-1: every service and third-party integration point has had a compliance
-- eligibility audit (data processing terms, location, certifications). GDPR
-- has no list of eligible AWS services, so unlike HIPAA-INT-001/PCI-INT-001
-- there is nothing to compare against automatically: the rule lists the
-- integration points the snapshot shows (lib/eligibility.lua) and asks a
-- person (manual). Regions of the integrations are judged by the REG-2 rules.
local eligibility = require "eligibility"

return {
  id = "PII-INT-001",
  title = "Every integration point has had a compliance eligibility audit",
  severity = "medium",
  practice = "PII-1",
  controls = { PII = {"GDPR-25", "GDPR-44"}, BASELINE = {"PII-1"} },
  resource = "connect_instance",
  rationale = "Personal data reaches every integration of the contact center; each processor "
    .. "needs data processing terms, a lawful location and suitable certifications, and "
    .. "third-party systems behind Lambda functions are easy to forget.",
  remediation = "For each integration point listed (and each external system the Lambda functions "
    .. "call), record the processor, its data processing agreement, the data's location and "
    .. "transfer mechanism; then record the answer in an --attestations entry (docs/waivers.md).",
  check = function(r, ctx)
    eligibility.ask_inventory(ctx, r, "Has each of these, and every external system the Lambda functions "
      .. "call, been audited for compliance eligibility (processing terms, location, certifications)? (PII-1)")
  end,
}
