-- PCI-FLOW-004: card data handed to a Lambda function. A card number the flow
-- collected reaches the function's payload -- and from there its logs and,
-- while flow logging is on, the flow logs -- wherever an InvokeLambdaFunction's
-- LambdaInvocationAttributes take $.StoredCustomerInput after a card input, or
-- a contact attribute the flow set from it -- and every Lambda invoked after
-- such an attribute is set gets it anyway, in its event's
-- Details.ContactData.Attributes. Encrypted input (InputEncryption)
-- arrives as ciphertext, which is AWS's documented pattern (the function
-- decrypts it with the private key): pass; whether the encryption itself holds
-- is PCI-FLOW-001's question. In clear: fail. An attribute whose key names
-- card data (card_keywords) that the flow does not set itself: manual.
-- $.StoredCustomerInput holds the last stored input, so the origins of a use
-- are the stored inputs from which the Lambda is reached without passing
-- another stored input. One finding per flow (or module).
local flow = require "flow"
local flowrefs = require "flowrefs"

local EXPECTED = "card data reaches a Lambda function only encrypted (InputEncryption on the card input)"

-- Nodes reached from `from`'s successors without entering a node for which
-- stop(node) is true (stop nodes are not included): set of index -> node.
local function reached_from(from, stop)
  local seen, queue, head, out = {}, {}, 1, {}
  for _, e in ipairs(from.succ) do
    if not seen[e.node.index] then seen[e.node.index] = true; queue[#queue + 1] = e.node end
  end
  while head <= #queue do
    local n = queue[head]; head = head + 1
    out[n.index] = n
    if not stop(n) then
      for _, e in ipairs(n.succ) do
        if not seen[e.node.index] then seen[e.node.index] = true; queue[#queue + 1] = e.node end
      end
    end
  end
  return out
end

-- Attribute keys a value reads: "$.Attributes.k", "$.Attributes['k']".
local function attribute_keys(v)
  local out = {}
  for k in v:gmatch("%$%.Attributes%.([%w_%-]+)") do out[#out + 1] = k end
  for k in v:gmatch("%$%.Attributes%[%s*['\"]([^'\"]+)['\"]%s*%]") do out[#out + 1] = k end
  return out
end

local function names_card(key, kws)
  for _, kw in ipairs(kws) do
    if flow.has_keyword(key, kw) then return kw end
  end
  -- camelCase: "creditCardNumber" -> "credit Card Number"
  local spaced = key:gsub("(%l)(%u)", "%1 %2")
  for _, kw in ipairs(kws) do
    if flow.has_keyword(spaced, kw) then return kw end
  end
  return nil
end

return {
  id = "PCI-FLOW-004",
  title = "Card data reaches a Lambda function only encrypted",
  severity = "critical",
  practice = "PCI-3",
  controls = { ["PCI-DSS-4.0"] = { "3.5.1", "4.2.1" }, BASELINE = { "PCI-3", "LAM-3", "CW-2" } },
  resource = flow.TYPES, -- flows and flow modules
  rationale = "A card number passed in LambdaInvocationAttributes lands in the function's event, in whatever the "
    .. "function logs, and in the flow logs while logging is on; encrypted with the instance's key (Store customer "
    .. "input > Encrypt entry) it travels as ciphertext that only the payment backend can read.",
  remediation = "Tick 'Encrypt entry' on the Store customer input block that collects the card number (an instance "
    .. "security key and a certificate signed by it) so that $.StoredCustomerInput is ciphertext, decrypt it only in "
    .. "the payment function, and do not copy the clear number into contact attributes; publish, and check with aws "
    .. "connect describe-contact-flow --instance-id ID --contact-flow-id FLOW",
  check = function(r, ctx)
    local g = flow.load(ctx, r)
    if not g then return end
    local name = r.name or r.arn
    local kws = ctx.params.card_keywords
    local stored, card = {}, {}
    for _, n in ipairs(g.nodes) do
      if flow.is_stored_input(n) then stored[#stored + 1] = n end
    end
    for _, ci in ipairs(flow.card_inputs(g, ctx.params)) do card[ci.node.index] = ci end
    if not flow.need_start(ctx, g, name, "the Lambda calls") then return end
    local reach = flow.reachable(g)
    -- origins_at(node.index) = list of the card inputs among the stored inputs
    -- whose value $.StoredCustomerInput holds there. Only a card input makes
    -- an item (judge_origins), so the others' searches are not run, and none
    -- runs before a use of $.StoredCustomerInput asks: each walks node.succ
    -- lists, most of the rule's cost (issue 12).
    local origins
    local function origins_at(i)
      if not origins then
        origins = {}
        for _, s in ipairs(stored) do
          if reach[s.index] and card[s.index] then
            for idx in pairs(reached_from(s, flow.is_stored_input)) do
              origins[idx] = origins[idx] or {}
              table.insert(origins[idx], s)
            end
          end
        end
        for _, list in pairs(origins) do table.sort(list, function(a, b) return a.index < b.index end) end
      end
      return origins[i] or {}
    end
    -- Attributes the flow sets from $.StoredCustomerInput: key -> list of stored
    -- inputs; setters = {node, key} in document order.
    local attr_from, setters = {}, {}
    for _, n in ipairs(g.nodes) do
      if n.type == "UpdateContactAttributes" and reach[n.index] and n.params and flow.is_view(n.params.Attributes) then
        for _, k in ipairs(flowrefs.sorted_keys(n.params.Attributes)) do
          local v = n.params.Attributes[k]
          if type(v) == "string" and v:find("$.StoredCustomerInput", 1, true) then
            attr_from[k] = attr_from[k] or {}
            for _, s in ipairs(origins_at(n.index)) do table.insert(attr_from[k], s) end
            setters[#setters + 1] = { node = n, key = k }
          end
        end
      end
    end
    local items = {}
    local function judge_origins(lam, what, ptr, srcs)
      for _, s in ipairs(srcs) do
        local ci = card[s.index]
        if ci then
          local input = ("card input %s (%s)"):format(flow.describe(g, s), ci.why)
          if flow.has_encryption(s) then
            items[#items + 1] = { status = "pass", text = ("%s passes %s encrypted (ciphertext)"):format(what, input),
              ev = { { path = ptr, note = "ciphertext of " .. (s.id or "?"), expected = EXPECTED } } }
          else
            local status, text = "fail", ("%s passes %s in clear: the card number reaches the function's event, its "
              .. "logs and the flow logs"):format(what, input)
            if ci.maybe then
              -- lib/flow/input.lua could not tell what the input collects
              status, text = "manual", text .. "; the flow cannot tell this input is card data: confirm what it collects"
            end
            items[#items + 1] = { status = status, text = text,
              ev = { { path = ptr, note = "clear card data from " .. (s.id or "?"), expected = EXPECTED },
                     { path = ctx:ptr(s.view, "Parameters"), expected = "InputEncryption {EncryptionKeyId, Key}" } } }
          end
        end
      end
    end
    for _, lam in ipairs(flowrefs.actions(g, { InvokeLambdaFunction = true })) do
      local attrs = reach[lam.index] and lam.params and lam.params.LambdaInvocationAttributes
      if flow.is_view(attrs) then
        for _, k in ipairs(flowrefs.sorted_keys(attrs)) do
          local v = attrs[k]
          if type(v) == "string" then
            local what = ("InvokeLambdaFunction %s (LambdaInvocationAttributes.%s)"):format(flow.describe(g, lam), k)
            local ptr = ctx:ptr(attrs, k)
            if v:find("$.StoredCustomerInput", 1, true) then judge_origins(lam, what, ptr, origins_at(lam.index)) end
            for _, ak in ipairs(attribute_keys(v)) do
              if attr_from[ak] then
                judge_origins(lam, what .. " via attribute '" .. ak .. "'", ptr, attr_from[ak])
              else
                local kw = names_card(ak, kws)
                if kw then
                  items[#items + 1] = { status = "manual", text = ("%s passes attribute '%s', whose name says \"%s\", "
                    .. "set outside this flow: confirm it holds no clear card number"):format(what, ak, kw),
                    ev = { { path = ptr, expected = EXPECTED } } }
                end
              end
            end
          end
        end
      end
    end
    -- Every Lambda invoked after an attribute is set gets it too: the event's
    -- Details.ContactData.Attributes holds all contact attributes.
    for _, st in ipairs(setters) do
      local srcs = origins_at(st.node.index)
      local lambdas = {}
      -- No card input holds the value there: judge_origins would say nothing.
      if #srcs > 0 then
        for idx, n in pairs(reached_from(st.node, function() return false end)) do
          if n.type == "InvokeLambdaFunction" then lambdas[#lambdas + 1] = n end
        end
      end
      table.sort(lambdas, function(a, b) return a.index < b.index end)
      for _, lam in ipairs(lambdas) do
        local what = ("InvokeLambdaFunction %s (its event's ContactData.Attributes, attribute '%s' set by %s)")
          :format(flow.describe(g, lam), st.key, flow.describe(g, st.node))
        judge_origins(lam, what, ctx:ptr(st.node.view, "Parameters", "Attributes", st.key), srcs)
      end
    end
    flowrefs.report(ctx, name, items, {
      none = "no card data passed to a Lambda function (no LambdaInvocationAttributes from a card input or a card attribute)",
      words = { fail = "Lambda input(s) with card data in clear", manual = "Lambda input(s) that may hold card data",
                pass = "Lambda input(s) with encrypted card data" } })
  end,
}
