-- PCI-FLOW-001: card numbers collected with "Store customer input" must be
-- encrypted with a customer key, or the PAN sits in clear in
-- $.StoredCustomerInput, in flow logs and in whatever the flow passes it to.
-- "Encrypted" is judged for real (lib/flow/encryption.lua): a key ID the
-- instance holds, a certificate signed by it and valid at collection time.
local flow = require "flow"
local enc = require "flow.encryption"

return {
  id = "PCI-FLOW-001",
  title = "Card-number input in a contact flow is stored encrypted",
  severity = "critical",
  practice = "PCI-1",
  controls = { ["PCI-DSS-4.0"] = { "3.5.1" }, BASELINE = { "PCI-1" } },
  resource = flow.TYPES, -- flows and flow modules
  rationale = "A stored GetParticipantInput without InputEncryption keeps the card number readable in "
    .. "$.StoredCustomerInput, and from there in flow logs, contact attributes and Lambda payloads. "
    .. "Encrypting it with the customer's public key keeps the PAN unreadable until the payment system decrypts it.",
  remediation = "In the flow designer open the Store customer input block that collects the card number, "
    .. "tick 'Encrypt entry', enter the key ID of one of the instance's security keys (aws connect "
    .. "list-security-keys --instance-id ID; add one with aws connect associate-security-key --instance-id ID "
    .. "--key file://public.pem) and paste an unexpired X.509 certificate signed by that key, then publish; "
    .. "or set Parameters.InputEncryption {EncryptionKeyId, Key} in the exported flow and run "
    .. "aws connect update-contact-flow-content --instance-id ID --contact-flow-id FLOW --content file://flow.json",
  check = function(r, ctx)
    local g = flow.load(ctx, r)
    if not g then return end
    local inputs = flow.card_inputs(g, ctx.params)
    if #inputs == 0 then
      ctx:skip(("%s: no card input (no stored GetParticipantInput that looks like card data)"):format(r.name or r.arn))
      return
    end
    local reach = flow.reachable(g)
    for _, ci in ipairs(inputs) do
      local node = ci.node
      local where = ("%s: card input %s (%s)%s"):format(r.name or r.arn, flow.describe(g, node), ci.why,
        reach[node.index] and "" or ", unreachable from StartAction")
      local status, text, ev = enc.judge(ctx, r, node)
      if status == "fail" then
        flow.card_fail(ctx, ci, where .. " " .. text, ev)
      else
        ctx[status](ctx, where .. " " .. text, ev)
      end
    end
  end,
}
