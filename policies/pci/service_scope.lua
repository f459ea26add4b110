-- INT-1 (PCI scope): every AWS service the instance integrates with is in
-- AWS's PCI DSS scope. Integration points as in lib/eligibility.lua (the
-- instance, LambdaFunctions, LexBots, storage configs' buckets, streams and
-- keys); the in-scope list is pack data there (source and date in that file),
-- extended by the parameter `pci_in_scope_extra`. One finding per service; not
-- on the list -> fail; an integration that cannot be read -> error.
local eligibility = require "eligibility"

return {
  id = "PCI-INT-001",
  title = "Every service integrated with the instance is in AWS's PCI DSS scope",
  severity = "high",
  practice = "INT-1",
  controls = { ["PCI-DSS-4.0"] = {"12.5.2", "12.8.1"}, BASELINE = {"INT-1"} },
  resource = "connect_instance",
  rationale = "Card data can reach every integration of the contact center (recordings, transcripts, "
    .. "streams, Lambda functions, bots); a service outside AWS's PCI DSS attestation leaves that "
    .. "part of the cardholder data environment without a validated provider (12.8.1), and the "
    .. "scope document must list it (12.5.2).",
  remediation = "Check the service in AWS Services in Scope by Compliance Program (PCI column); move "
    .. "card-data flows to in-scope services or keep card data away from the integration. If AWS has "
    .. "since added the service, add its namespace to the pci parameter pci_in_scope_extra "
    .. "(--params FILE).",
  check = function(r, ctx)
    eligibility.check_list(ctx, r, eligibility.PCI_IN_SCOPE, ctx.params.pci_in_scope_extra, "PCI DSS in scope",
      "pci_in_scope_extra")
  end,
}
