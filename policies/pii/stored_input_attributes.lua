-- PII-FLOW-001: contact attributes are saved with the contact record (and
-- shown to agents, exported, streamed). Copying stored DTMF input or Lex slot
-- values into them, or naming attributes after sensitive data, spreads that
-- data to every consumer of the contact record.
local flow = require "flow"
local input = require "flow.input"

-- "customerDOB" -> " customer dob ", "card_number2" -> " card number 2 ".
local function words(key)
  local s = key:gsub("(%l)(%u)", "%1 %2"):gsub("(%u)(%u%l)", "%1 %2")
    :gsub("(%a)(%d)", "%1 %2"):gsub("(%d)(%a)", "%1 %2"):gsub("[^%w]+", " ")
  return " " .. s:lower() .. " "
end

-- The keyword (a word or words) that makes `key` look sensitive, or nil.
local function sensitive_word(key, keywords)
  local w = words(key)
  for _, kw in ipairs(keywords) do
    if type(kw) == "string" and kw ~= "" and w:find(" " .. kw:lower() .. " ", 1, true) then return kw end
  end
  return nil
end

-- sensitive_word(·, keywords) as a function of the key, remembered per key
-- for the rule's run: the same few keys recur in every flow, and splitting a
-- key into words and trying each keyword on it was most of the rule's
-- instructions (issue 12). The parameters are fixed for a run, but the memo
-- is kept for one keyword list only (its words joined), so it can never
-- answer for another.
local memo_sig, memo = nil, {}
local function word_finder(keywords)
  local parts = {}
  for i, kw in ipairs(keywords) do
    if type(kw) ~= "string" then return function(key) return sensitive_word(key, keywords) end end
    parts[i] = kw
  end
  local sig = table.concat(parts, "\0")
  if sig ~= memo_sig then memo_sig, memo = sig, {} end
  local m = memo
  return function(key)
    local hit = m[key]
    if hit == nil then hit = sensitive_word(key, keywords) or false; m[key] = hit end
    return hit or nil
  end
end

-- What a value copies that must stay out of the contact record, or nil.
local function sensitive_source(value)
  if type(value) ~= "string" then return nil end
  if value:find("StoredCustomerInput", 1, true) then return "$.StoredCustomerInput" end
  if value:find("%f[%w]Lex%W+Slots%f[%W]") then return "Lex slot values ($.Lex.Slots)" end
  return nil
end

local MAX_EVIDENCE = 60

return {
  id = "PII-FLOW-001",
  title = "Contact attributes do not hold stored customer input or sensitive-looking data",
  severity = "high",
  practice = "FLOW-5",
  controls = { PII = { "GDPR-5(1)(c)", "NIST-800-122-4.3" }, HIPAA = { "164.502(b)" }, BASELINE = { "FLOW-5" } },
  resource = flow.TYPES, -- flows and flow modules
  rationale = "Contact attributes are kept in the contact record, shown in the agent workspace and contact search, "
    .. "and exported to contact trace record streams; stored customer input, Lex slot values or attributes named "
    .. "for card numbers, SSNs or dates of birth put that data everywhere the record goes.",
  remediation = "In the flow designer remove the Set contact attributes entries that copy $.StoredCustomerInput or "
    .. "$.Lex.Slots values (pass them to the Lambda function directly as invocation parameters, encrypted), "
    .. "rename or drop attributes that hold sensitive data, and publish; review with aws connect "
    .. "describe-contact-flow --instance-id ID --contact-flow-id FLOW",
  check = function(r, ctx)
    local g = flow.load(ctx, r)
    if not g then return end
    local name = r.name or r.arn
    local keywords = ctx.params.sensitive_attribute_keywords or {}
    local word_of = word_finder(keywords)
    local bad, checked, unsure = {}, {}, {}
    -- What $.StoredCustomerInput holds, from the flow's stored inputs
    -- (lib/flow/input.lua): ciphertext when every one is encrypted (AWS's
    -- documented pattern), nothing sensitive when every one is a menu digit, a
    -- callback number or the like; unknown inputs make the copy `manual`.
    local stored = { sensitive = nil, unknown = nil }
    for _, node in ipairs(g.nodes) do
      if flow.is_stored_input(node) and not flow.has_encryption(node) then
        local class, why = input.classify(node, ctx.params, g.content)
        if class == "card" or class == "phi" then
          stored.sensitive = stored.sensitive or (flow.describe(g, node) .. ": " .. why)
        elseif class == "unknown" then
          stored.unknown = stored.unknown or (flow.describe(g, node) .. ": " .. why)
        end
      end
    end
    for _, node in ipairs(g.nodes) do
      local attrs = node.type == "UpdateContactAttributes" and node.params and node.params.Attributes
      if flow.is_view(attrs) then
        checked[#checked + 1] = node
        for key, value in pairs(attrs) do
          local src, kw = sensitive_source(value), word_of(key)
          -- A key that names sensitive data holds it only when its value comes
          -- from the contact ($.…): "cardType": "DEBIT CARD" is a label.
          if kw and not flow.is_dynamic(value) then kw = nil end
          local judged = src == "$.StoredCustomerInput" -- what it holds is decided just below
          if src == "$.StoredCustomerInput" and not kw then
            if stored.sensitive then
              src = src .. " (" .. stored.sensitive .. ")"
            elseif stored.unknown then
              unsure[#unsure + 1] = { node = node, key = key, why = "copies $.StoredCustomerInput (" .. stored.unknown .. ")" }
              src = nil
            else
              src = nil -- encrypted, or a menu choice / callback number
            end
          end
          if not src and not kw and not judged and flow.is_dynamic(key) and flow.is_dynamic(value) then
            unsure[#unsure + 1] = { node = node, key = key, why = "key and value are set at run time" }
          end
          if src or kw then
            local why = src and ("copies %s"):format(src) or ("key looks sensitive (\"%s\")"):format(kw)
            if src and kw then why = why .. (" into a key that looks sensitive (\"%s\")"):format(kw) end
            bad[#bad + 1] = { node = node, key = key, why = why }
          end
        end
      end
    end
    -- Evidence and the first three notes for a list of {node, key, why}.
    local function listed(items, with_note)
      local ev, notes = {}, {}
      for i, b in ipairs(items) do
        if i > MAX_EVIDENCE then break end
        if i <= 3 then notes[#notes + 1] = ("%s attribute '%s' %s"):format(flow.describe(g, b.node), b.key, b.why) end
        ev[#ev + 1] = { path = ctx:ptr(b.node.view, "Parameters", "Attributes", b.key), note = with_note and b.why or nil,
                        expected = "no stored customer input, Lex slot value or sensitive data in contact attributes" }
      end
      return ev, table.concat(notes, "; ") .. (#items > 3 and ("; and %d more"):format(#items - 3) or "")
    end
    if #bad > 0 then
      local ev, text = listed(bad, false)
      ctx:fail(("%s: %d contact attribute(s) put sensitive data in the contact record: %s"):format(name, #bad, text), ev)
      return
    end
    if #unsure > 0 then
      local ev, text = listed(unsure, true)
      ctx:manual(("%s: %d contact attribute(s) the flow cannot judge: %s; confirm they hold no sensitive data")
        :format(name, #unsure, text), ev)
      return
    end
    if #checked == 0 then
      ctx:pass(name .. ": no UpdateContactAttributes action, so no attribute copies sensitive data",
        { path = ctx:ptr(g.content, "Actions"), note = "no UpdateContactAttributes action",
          expected = "no stored customer input or sensitive data in contact attributes" })
      return
    end
    local ev = {}
    for i, node in ipairs(checked) do
      if i > MAX_EVIDENCE then break end
      -- the note counts them: one block may set hundreds of attributes
      local n = 0
      for _ in pairs(node.params.Attributes) do n = n + 1 end
      ev[#ev + 1] = { path = ctx:ptr(node.view, "Parameters", "Attributes"), note = ("%d attribute(s)"):format(n),
                      expected = "no stored customer input, Lex slot value or sensitive data in contact attributes" }
    end
    ctx:pass(("%s: %d UpdateContactAttributes action(s) checked; none copies stored input or Lex slots or uses a sensitive key")
      :format(name, #checked), ev)
  end,
}
