return {
  name = "pii",
  version = "0.1.0",
  framework = "PII",
  description = "Personal data (GDPR, NIST SP 800-122) in an Amazon Connect contact center and where its data goes",
  params = {
    -- PII-FLOW-001: contact attribute keys made of these words (camelCase and
    -- snake_case split into words, any case) look like sensitive data
    -- (only when the value comes from the contact: a static label such as "DEBIT CARD" is not data)
    sensitive_attribute_keywords = { "card", "cardnumber", "pan", "cvv", "cvc", "ssn", "dob",
      "birth", "birthdate", "pin", "passport", "iban", "password", "passcode", "patient" },
    -- PII-FLOW-001: what $.StoredCustomerInput holds (lib/flow/input.lua): personal data when
    -- the input's prompt or display name has one of these words ...
    sensitive_input_keywords = { "birth", "dob", "social security", "ssn", "member", "patient", "policy number",
      "account", "pin", "passcode", "password", "medicare", "medicaid", "insurance", "tax", "passport",
      "licence", "license", "national insurance" },
    -- ... not sensitive with one of these ...
    nonsensitive_input_keywords = { "routing number", "routing", "zip", "postal code", "postcode", "extension",
      "option", "press", "menu", "survey", "rating", "score" },
    -- ... card data with one of these; a menu choice up to menu_max_length digits
    card_keywords = { "card", "credit", "debit", "cvv", "cvc", "cv2" },
    menu_max_length = 2,
    -- PII-DOM-001..003: weakest KMS key level accepted for Customer Profiles, Voice ID and Wisdom
    -- data: "aws_owned" < "aws_managed" < "customer_managed" < "external" (imported / custom key store)
    domain_key_level = "customer_managed",
    -- PII-DDB-001: weakest KMS key level accepted for the DynamoDB tables the Lambda functions use
    -- (same levels): any KMS key of the account, not the AWS owned key DynamoDB uses by default
    dynamodb_key_level = "aws_managed",
    -- PII-CMP-001: weakest KMS key level accepted for outbound campaign data (the instance's
    -- Outbound Campaigns encryptionConfig: customer numbers and attributes of dial requests)
    campaign_key_level = "customer_managed",
    -- PII-ANA-001: accounts (12-digit IDs) the instance may share analytics data lake datasets with,
    -- beside its own (ListAnalyticsDataAssociations TargetAccountId)
    analytics_share_accounts = {},
    -- PII-LOG-001, GDPR-5(1)(e) (storage limitation): longest a log group may keep events; one that never expires
    -- fails. Default 2557 (7 years, a CloudWatch retention value): above the longest minimum a pack
    -- asks (HIPAA's 2192)
    log_retention_max_days = 2557,
  },
}
