return {
  name = "pci",
  version = "0.1.0",
  framework = "PCI-DSS-4.0",
  description = "PCI DSS v4.0 gaps in an Amazon Connect contact center",
  params = {
    -- 10.5.1: audit log history kept at least 12 months
    log_retention_days = 365,
    -- PCI-FLOW-*: a stored GetParticipantInput is card input when its prompt or
    -- display name has one of these words (at a word start, any case) ...
    card_keywords = { "card", "credit", "debit", "cvv", "cvc", "cv2", "expiry", "expiration date" },
    -- ... or its CustomValidation.MaximumLength is a PAN length (ISO/IEC 7812: 13-19)
    card_length_min = 13,
    card_length_max = 19,
  },
}
