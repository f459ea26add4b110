-- PII-ORG-001: every approved origin of the instance (ListApprovedOrigins:
-- the sites allowed to embed the Contact Control Panel / chat widget) is an
-- https:// origin. An http:// origin lets the embedding page, and with it the
-- agent's session and customer data it shows, travel unencrypted.
-- The judgment is lib/transit.lua's, shared with the hipaa pack's HIPAA-TLS-002.
local transit = require "transit"

return {
  id = "PII-ORG-001",
  title = "Approved origins of the instance all use HTTPS",
  severity = "medium",
  practice = "PII-2",
  controls = {
    PII = { "GDPR-32(1)(a)" },
    ["PCI-DSS-4.0"] = { "4.2.1" },
    BASELINE = { "PII-2", "PCI-3" },
  },
  resource = "connect_instance",
  rationale = transit.ORIGIN_RATIONALE,
  remediation = transit.ORIGIN_REMEDIATION,
  check = transit.origins_https,
}
