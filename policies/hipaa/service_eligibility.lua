-- HIP-1 / INT-1: every AWS service the instance integrates with is HIPAA
-- eligible. Integration points are read from the instance (lib/eligibility.lua:
-- the instance itself, LambdaFunctions, LexBots, every storage config's bucket,
-- stream, delivery stream, video streams and KMS key); the eligible list is pack
-- data there (source and date in that file), extended by the parameter
-- `hipaa_eligible_extra` (service namespaces as in ARNs). One finding per
-- service; a service not on the list fails (PHI may only be processed by
-- eligible services under the BAA). Integrations that cannot be read (a storage
-- type not collected, an entry of unknown shape) are errors: the unseen one
-- might be the ineligible one.
local eligibility = require "eligibility"

return {
  id = "HIPAA-INT-001",
  title = "Every service integrated with the instance is HIPAA eligible",
  severity = "high",
  practice = "HIP-1",
  -- PHI only in services the BAA covers: a business associate matter (164.308(b)(1)), not access control
  controls = { HIPAA = {"164.308(b)(1)"}, BASELINE = {"HIP-1", "INT-1"} },
  resource = "connect_instance",
  rationale = "Under the AWS Business Associate Addendum, PHI may be stored, processed or transmitted "
    .. "only by HIPAA-eligible services; every place Connect sends contact data (recordings, "
    .. "transcripts, streams, functions, bots) receives PHI.",
  remediation = "Move the integration to an eligible service (AWS HIPAA Eligible Services Reference) "
    .. "and detach the other: Amazon Connect console > the instance > Data storage / Flows; or aws "
    .. "connect disassociate-instance-storage-config / disassociate-lambda-function / "
    .. "disassociate-bot. If AWS has since made the service eligible, add its namespace to the hipaa "
    .. "parameter hipaa_eligible_extra (--params FILE).",
  check = function(r, ctx)
    eligibility.check_list(ctx, r, eligibility.HIPAA_ELIGIBLE, ctx.params.hipaa_eligible_extra, "HIPAA eligible",
      "hipaa_eligible_extra")
  end,
}
