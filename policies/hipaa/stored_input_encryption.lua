-- HIPAA-FLOW-001: DTMF input kept with "Store customer input" (member IDs,
-- dates of birth, account numbers) sits in $.StoredCustomerInput for the rest
-- of the flow; without InputEncryption it is readable wherever the flow
-- passes it (attributes, Lambda payloads, flow logs). "Encrypted" is judged
-- as in PCI-FLOW-001 (lib/flow/encryption.lua).
local flow = require "flow"
local enc = require "flow.encryption"
local input = require "flow.input"

return {
  id = "HIPAA-FLOW-001",
  title = "Stored customer input in a contact flow is encrypted",
  severity = "high",
  practice = "HIP-3",
  controls = { HIPAA = { "164.312(a)(2)(iv)" }, PII = { "GDPR-32(1)(a)" }, BASELINE = { "HIP-3", "PII-3" } },
  resource = flow.TYPES, -- flows and flow modules
  rationale = "Callers key in identifiers such as member numbers and dates of birth; a stored "
    .. "GetParticipantInput without InputEncryption keeps them in clear in $.StoredCustomerInput and in everything "
    .. "the flow copies it to, where encrypting it with a customer key keeps it unreadable until the backend decrypts it.",
  remediation = "In the flow designer open each Store customer input block, tick 'Encrypt entry' and supply "
    .. "the key ID of one of the instance's security keys (aws connect list-security-keys --instance-id ID) and "
    .. "an unexpired X.509 certificate signed by that key, then publish; in an exported flow set "
    .. "Parameters.InputEncryption {EncryptionKeyId, Key} and run aws connect update-contact-flow-content "
    .. "--instance-id ID --contact-flow-id FLOW --content file://flow.json",
  check = function(r, ctx)
    local g = flow.load(ctx, r)
    if not g then return end
    local name = r.name or r.arn
    local seen = 0
    for _, node in ipairs(g.nodes) do
      if flow.is_stored_input(node) then
        seen = seen + 1
        local what = ("%s: stored input %s"):format(name, flow.describe(g, node))
        local status, text, ev = enc.judge(ctx, r, node)
        local class, why = input.classify(node, ctx.params, g.content)
        if status ~= "pass" and (class == "menu" or class == "phone" or class == "other") then
          -- a menu digit, a callback number the flow must use in clear, a
          -- routing number: nothing that needs encryption
          ctx:pass(("%s is not sensitive input: %s"):format(what, why), ev)
        elseif status == "fail" and class == "unknown" then
          ctx:manual(("%s %s, and the flow cannot tell what it collects: %s; confirm it is not health or "
            .. "personal data, or encrypt it"):format(what, text, why), ev)
        elseif status == "fail" then
          ctx:fail(("%s %s (%s input: %s)"):format(what, text, class == "card" and "card" or "personal or health", why), ev)
        else
          ctx[status](ctx, what .. " " .. text, ev)
        end
      end
    end
    if seen == 0 then
      ctx:skip(name .. ": no stored customer input (no GetParticipantInput with StoreInput True)")
    end
  end,
}
