return {
  name = "pii",
  version = "0.1.0",
  framework = "PII",
  description = "Personal data (GDPR, NIST SP 800-122) in an Amazon Connect contact center and where its data goes",
  params = {
    -- PII-FLOW-001: contact attribute keys made of these words (camelCase and
    -- snake_case split into words, any case) look like sensitive data
    sensitive_attribute_keywords = { "card", "cardnumber", "pan", "cvv", "cvc", "ssn", "dob",
      "birth", "birthdate", "pin", "passport", "iban", "password" },
    -- PII-DOM-001..003: weakest KMS key level accepted for Customer Profiles, Voice ID and Wisdom
    -- data: "aws_owned" < "aws_managed" < "customer_managed" < "external" (imported / custom key store)
    domain_key_level = "customer_managed",
  },
}
