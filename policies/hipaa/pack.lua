return {
  name = "hipaa",
  version = "0.1.0",
  framework = "HIPAA",
  description = "HIPAA Security Rule gaps in an Amazon Connect contact center",
  params = {
    -- HIPAA-LOG-001 (164.312(b) audit controls): how long activity logs are kept; the Security Rule
    -- sets no period for logs, 6 years is the period 164.316(b)(2)(i) sets for documentation
    log_retention_days = 2192,
    -- HIP-1 (HIPAA-INT-001): service namespaces (as in ARNs) to accept as HIPAA eligible beyond
    -- lib/eligibility.lua's dated list, e.g. { "bedrock" } once AWS lists it
    -- Amazon Connect Customer Profiles ("profile"), Voice ID ("voiceid") and Amazon Q in Connect
    -- ("wisdom"): whether AWS's list (https://aws.amazon.com/compliance/hipaa-eligible-services-reference/) names them could not be confirmed on 2026-12-07, so
    -- their domains are manual (lib/eligibility.lua UNCONFIRMED) until a person reads the list and
    -- adds them here
    hipaa_eligible_extra = {},
    -- HIPAA-STO-001: weakest KMS key level accepted for Connect storage configs:
    -- "aws_owned" < "aws_managed" < "customer_managed" < "external" (imported / custom key store)
    storage_key_level = "customer_managed",
    -- HIPAA-FLOW-001 (lib/flow/input.lua): a stored input is personal or health data when its
    -- prompt or display name has one of these words (at a word start, any case) ...
    sensitive_input_keywords = { "birth", "dob", "social security", "ssn", "member", "patient", "policy number",
      "account", "pin", "passcode", "password", "medicare", "medicaid", "insurance", "tax", "passport",
      "licence", "license", "national insurance" },
    -- ... not sensitive when it names one of these (and no word above) ...
    nonsensitive_input_keywords = { "routing number", "routing", "zip", "postal code", "postcode", "extension",
      "option", "press", "menu", "survey", "rating", "score" },
    -- ... card data when it names one of these ...
    card_keywords = { "card", "credit", "debit", "cvv", "cvc", "cv2" },
    -- ... and a menu choice at MaximumLength up to this (checked first: no identifier fits in it)
    menu_max_length = 2,
  },
}
