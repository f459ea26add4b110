return {
  name = "pci",
  version = "0.1.0",
  framework = "PCI-DSS-4.0",
  description = "PCI DSS v4.0 gaps in an Amazon Connect contact center",
  params = {
    -- 10.5.1: audit log history kept at least 12 months
    log_retention_days = 365,
    -- PCI-LOG-002, 3.2.1 (storage limitation): longest a log group may keep events; one that never expires
    -- fails. Default 2557 (7 years, a CloudWatch retention value): above the longest minimum a pack
    -- asks (HIPAA's 2192)
    log_retention_max_days = 2557,
    -- INT-1 (PCI-INT-001): service namespaces (as in ARNs) to accept as in AWS's PCI DSS scope
    -- beyond lib/eligibility.lua's dated list
    -- Amazon Connect Customer Profiles ("profile"), Voice ID ("voiceid") and Amazon Q in Connect
    -- ("wisdom"): whether AWS's list (https://aws.amazon.com/compliance/services-in-scope/PCI/) names them could not be confirmed on 2026-12-07, so
    -- their domains are manual (lib/eligibility.lua UNCONFIRMED) until a person reads the list and
    -- adds them here
    pci_in_scope_extra = {},
    -- PCI-KMS-011: weakest KMS key level accepted for Connect storage configs:
    -- "aws_owned" < "aws_managed" < "customer_managed" < "external" (imported / custom key store)
    storage_key_level = "customer_managed",
    -- PCI-FLOW-*: a stored GetParticipantInput is card input when its prompt or
    -- display name has one of these words (at a word start, any case) ...
    -- (lib/flow/input.lua; an expiry date alone is not a PAN: card_expiry_keywords)
    card_keywords = { "card", "credit", "debit", "cvv", "cvc", "cv2" },
    card_expiry_keywords = { "expiry", "expiration", "expires" },
    -- ... or, when the flow cannot tell (prompt chosen at run time or audio, no telling display
    -- name), its CustomValidation.MaximumLength is a PAN length (ISO/IEC 7812: 13-19; AWS's
    -- secure-input samples allow 20): then the rules say manual, not fail
    card_length_min = 13,
    card_length_max = 20,
    -- a stored input of at most this many digits is a menu choice, never card data
    menu_max_length = 2,
    -- PCI-FLOW-010: inbound flows (Name or Id) attested to be reached only by TransferToFlow
    -- (no phone number, chat or API entry), so their entry state is their callers' alone
    transfer_only_flows = {},
    -- PCI-FLOW-005 (PCI-2, Contact Lens redaction): callers may speak card data to an agent or a
    -- bot on the calls Contact Lens transcribes (agent-assisted payments, PCI-5); false states
    -- that no card data is ever spoken, and unredacted transcripts then pass, naming this
    agents_hear_card_data = true,
    -- ... and the entities a redaction that lists entities must name (Contact Lens entity
    -- names; no list, or "ALL", redacts every PII entity): the PAN and the card verification code
    contact_lens_card_entities = { "CREDIT_DEBIT_NUMBER", "CREDIT_DEBIT_CVV" },
  },
}
