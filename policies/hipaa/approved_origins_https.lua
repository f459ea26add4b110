-- HIPAA-TLS-002 (HIP-2): every approved origin of the instance (the sites
-- that may embed the Contact Control Panel or chat widget, which show and
-- carry patient data) is an https:// origin. The judgment is lib/transit.lua's
-- (shared with the pii pack's PII-ORG-001).
local transit = require "transit"

return {
  id = "HIPAA-TLS-002",
  title = "Approved origins that may embed the CCP or chat widget all use HTTPS",
  severity = "medium",
  practice = "HIP-2",
  controls = { HIPAA = { "164.312(e)(1)", "164.312(e)(2)(ii)" }, BASELINE = { "HIP-2" } },
  resource = "connect_instance",
  rationale = transit.ORIGIN_RATIONALE .. " An agent's screen and a patient's chat are ePHI in transit " ..
    "(164.312(e)(1)).",
  remediation = transit.ORIGIN_REMEDIATION,
  check = transit.origins_https,
}
