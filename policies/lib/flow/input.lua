-- flow.input -- what a stored customer input (GetParticipantInput with
-- StoreInput True) collects, for every rule that judges sensitive input
-- (docs/policies.md, "How inputs are classified").
--
-- input.classify(node, params, content) -> class, reason
--   class: "card"    card number or security code (PCI)
--          "phi"     personal or health data (date of birth, member, SSN, account...)
--          "phone"   a phone number (PhoneNumberValidation: a callback number)
--          "menu"    a menu choice (MaximumLength <= menu_max_length)
--          "other"   data the prompt names as not sensitive (routing number, ZIP, expiry alone)
--          "unknown" the flow cannot tell (prompt chosen at run time or an audio prompt, no telling
--                    name): reason says what a person must check; `maybe_card` is true when
--                    the length is a card length
--   nil when the action is not a stored input.
-- Words match at a word start (flow.has_keyword), so a short word also matches
-- longer ones: "pan" would take "panel", "security code" a one-time code, which is
-- why neither is a card word.
-- Evidence, strongest first: the words of a static prompt (Text/SSML) and of the
-- block's display name; the validation (PhoneNumberValidation); MaximumLength.
-- Words and ranges are pack parameters when the pack declares them (read
-- through pcall: a pack that does not declare one gets the default here).
local flow = require "flow"

local M = {}

M.DEFAULTS = {
  card_keywords = { "card", "credit", "debit", "cvv", "cvc", "cv2" },
  card_expiry_keywords = { "expiry", "expiration", "expires" },
  sensitive_input_keywords = { "birth", "dob", "social security", "ssn", "member", "patient", "policy number",
    "account", "pin", "passcode", "password", "medicare", "medicaid", "insurance", "tax", "passport", "licence",
    "license", "national insurance" },
  nonsensitive_input_keywords = { "routing number", "routing", "zip", "postal code", "postcode", "extension",
    "option", "press", "menu", "survey", "rating", "score" },
  card_length_min = 13,
  card_length_max = 20,
  menu_max_length = 2,
}

local function param(params, name)
  local ok, v = pcall(function() return params[name] end)
  if ok and v ~= nil then return v end
  return M.DEFAULTS[name]
end

local function first_word(texts, words)
  if not (flow.is_view(words) or type(words) == "table") then return nil end
  for _, t in ipairs(texts) do
    for _, kw in ipairs(words) do
      if flow.has_keyword(t[2], kw) then return kw, t[1] end
    end
  end
  return nil
end

function M.classify(node, params, content)
  if flow.is_view(node) then node = flow.node(node) end
  if not flow.is_stored_input(node) then return nil end
  local p = node.params
  local texts, prompt_read = {}, false
  for _, k in ipairs({ { "prompt", p.Text }, { "SSML prompt", p.SSML } }) do
    if type(k[2]) == "string" and k[2] ~= "" then
      if flow.is_dynamic(k[2]) and k[2]:match("^%s*%$[%w%.%[%]'_]+%s*$") then
        -- a prompt chosen at run time says nothing about what it asks
      else
        texts[#texts + 1] = k; prompt_read = true
      end
    end
  end
  local iv = p.InputValidation
  local cv = flow.is_view(iv) and iv.CustomValidation
  local max = flow.is_view(cv) and tonumber(cv.MaximumLength) or nil
  local menu = tonumber(param(params, "menu_max_length"))
  if max and menu and max <= menu then
    -- one or two digits hold no card number and no identifier
    return "menu", ("MaximumLength %d: a menu choice"):format(max)
  end
  local dn = flow.display_name(content, node.id)
  if dn then texts[#texts + 1] = { "display name", dn } end
  local kw, where = first_word(texts, param(params, "card_keywords"))
  if kw then return "card", ("%s mentions \"%s\""):format(where, kw) end
  kw, where = first_word(texts, param(params, "card_expiry_keywords"))
  if kw then return "other", ("%s mentions \"%s\" and no card number: an expiry date alone is not a PAN"):format(where, kw) end
  if flow.is_view(iv) and flow.is_view(iv.PhoneNumberValidation) then
    return "phone", "PhoneNumberValidation: a phone number (a callback number the flow must use in clear)"
  end
  kw, where = first_word(texts, param(params, "sensitive_input_keywords"))
  if kw then return "phi", ("%s mentions \"%s\""):format(where, kw) end
  kw, where = first_word(texts, param(params, "nonsensitive_input_keywords"))
  if kw then return "other", ("%s mentions \"%s\""):format(where, kw) end
  local lo, hi = tonumber(param(params, "card_length_min")), tonumber(param(params, "card_length_max"))
  local maybe_card = max ~= nil and lo ~= nil and hi ~= nil and max >= lo and max <= hi
  local how
  if prompt_read then how = "its prompt names nothing this classification knows"
  elseif p.PromptId ~= nil then how = "its prompt is audio (PromptId)"
  elseif p.Text ~= nil or p.SSML ~= nil then how = "its prompt is chosen at run time (" .. tostring(p.Text or p.SSML) .. ")"
  else how = "it has no prompt" end
  local reason = ("%s, %s and no display name tells what it collects"):format(
    max and ("MaximumLength " .. max) or "no MaximumLength", how)
  if maybe_card then reason = reason .. (" (a card-number length, %d-%d)"):format(lo, hi) end
  return "unknown", reason, maybe_card
end

-- Is stored input `node` encrypted: InputEncryption with both members.
M.encrypted = flow.has_encryption

return M
