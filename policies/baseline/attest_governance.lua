-- GOV-1 (attestation item): Country-specific data governance is followed.
-- Not visible through any AWS API: a person answers the question (lib/attest.lua).
local attest = require "attest"

return attest.rule {
  id = "BASE-ATT-027",
  title = "Country-specific data governance is followed",
  severity = "high",
  practice = "GOV-1",
  controls = { PII = { "GDPR-44" }, BASELINE = { "GOV-1" } },
  question = "Have the data-governance rules of every country where callers, agents and contact "
    .. "data are located been identified and followed (residency, recording consent, "
    .. "retention)? (GOV-1)",
  rationale = "Call recording consent, data residency and retention rules differ by country; "
    .. "breaking them is a legal exposure the configuration alone cannot reveal.",
  remediation = "List the countries involved (caller numbers, agent sites, storage regions) and have "
    .. "legal or the DPO confirm the recording announcements, storage regions and retention "
    .. "periods.",
}
