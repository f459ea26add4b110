-- flow.encryption -- is a stored GetParticipantInput really encrypted?
-- Amazon Connect encrypts $.StoredCustomerInput with the X.509 certificate in
-- Parameters.InputEncryption.Key; EncryptionKeyId names the instance's
-- security key (ListSecurityKeys: the key's AssociationId, what the console
-- shows as the key ID) whose public key verifies the certificate's signature
-- (adminguide encrypt-data). So "encrypted" takes all of:
--   * EncryptionKeyId and Key are set and are not template placeholders
--     ("your-key-id", "<certificate>", "REPLACE_ME", "${KeyId}", ...);
--   * Key parses as an X.509 certificate (ctx:x509) valid at the snapshot's
--     collection time (never the clock);
--   * the instance holds a security key with that AssociationId
--     (connect_instance.SecurityKeys; not collected -> error);
--   * the certificate's signature verifies with that key.
--
-- API:
--   enc.EXPECTED                       expected text for evidence
--   enc.placeholder(s) -> why | nil     s looks like a template placeholder
--   enc.judge(ctx, r, node) -> status, text, evidence
--       status: "pass" | "fail" | "manual" | "error"; text completes a sentence
--       about the input ("is stored encrypted with ...", "has ..."); evidence
--       is a list of items.
local flow = require "flow"
local flowrefs = require "flowrefs"
local collection = require "collection"

local M = {}

M.EXPECTED = "InputEncryption {EncryptionKeyId = the AssociationId of a security key of the instance, "
  .. "Key = an X.509 certificate signed by that key and valid when the snapshot was collected}"

-- Lower-case Lua patterns of values nobody deploys on purpose.
local PLACEHOLDERS = {
  { "^your[%s_%-%.]", "starts with \"your\"" }, { "^your%u", "starts with \"your\"" },
  { "<[^<>]*>", "holds a <...> slot" }, { "%${", "holds a ${...} substitution" }, { "{{", "holds a {{...}} substitution" },
  { "replace", "says \"replace\"" }, { "placeholder", "says \"placeholder\"" }, { "change[%s_%-]?me", "says \"change me\"" },
  { "^todo", "says \"todo\"" }, { "^tbd", "says \"tbd\"" }, { "fixme", "says \"fixme\"" }, { "xxxx", "holds xxxx" },
  { "^example", "starts with \"example\"" }, { "paste ", "says \"paste\"" }, { "insert ", "says \"insert\"" },
}

function M.placeholder(s)
  if type(s) ~= "string" then return nil end
  for _, p in ipairs(PLACEHOLDERS) do
    local pat, why = p[1], p[2]
    local subject = pat:find("%%u") and s or s:lower()
    if subject:find(pat) then return why end
  end
  return nil
end

local function short(s, n)
  n = n or 60
  if #s > n then return s:sub(1, n) .. "..." end
  return s
end

-- The instance's SecurityKeys view, or nil, why (for an error).
local function security_keys(ctx, r)
  local instance = flowrefs.instance_arn(r.arn)
  if not instance then return nil, r.arn .. " is not inside a Connect instance, so its security keys are unknown" end
  local inst = ctx:lookup("connect_instance", instance)
  if not inst then
    return nil, ("instance %s is not in the snapshot, so its security keys are unknown (%s)")
      :format(instance, collection.explain(ctx, instance))
  end
  local keys = inst.data.SecurityKeys
  if not flow.is_view(keys) then
    return nil, ("the security keys of instance %s were not collected (%s)")
      :format(instance, collection.explain(ctx, instance, "connect:ListSecurityKeys"))
  end
  return keys, inst
end

function M.judge(ctx, r, node)
  local ie = node.params and node.params.InputEncryption
  local base = { path = ctx:ptr(node.view, "Parameters"), expected = M.EXPECTED }
  if ie == nil or ie == false then return "fail", "is stored without InputEncryption", { base } end
  local id, key = flow.is_view(ie) and ie.EncryptionKeyId, flow.is_view(ie) and ie.Key
  if type(id) ~= "string" or id == "" or type(key) ~= "string" or key == "" then
    return "fail", "has InputEncryption without both EncryptionKeyId and Key", { base }
  end
  local id_ptr, key_ptr = ctx:ptr(ie, "EncryptionKeyId"), ctx:ptr(ie, "Key")
  local key_obs = ("(%d characters)"):format(#key)
  -- A JSONPath ("$.Attributes.k"); "${Name}" is a template substitution left in.
  local function jsonpath(v) return v:find("%$[%.%[]") ~= nil end
  if jsonpath(id) or (jsonpath(key) and not key:find("-----BEGIN", 1, true)) then
    return "manual", ("has InputEncryption set at run time (EncryptionKeyId \"%s\"): confirm the key and certificate "
      .. "it resolves to"):format(short(id)), { { path = id_ptr, expected = M.EXPECTED } }
  end
  -- Placeholders first: they are the plainest failure.
  local texts, ev = {}, {}
  local why = M.placeholder(id)
  if why then
    texts[#texts + 1] = ("EncryptionKeyId \"%s\" is a template placeholder (%s), not a key of the instance"):format(short(id), why)
    ev[#ev + 1] = { path = id_ptr, expected = M.EXPECTED }
  end
  if not key:find("-----BEGIN", 1, true) then
    local kwhy = M.placeholder(key)
    if kwhy then
      texts[#texts + 1] = ("Key \"%s\" is a template placeholder (%s), not a certificate"):format(short(key, 40), kwhy)
      ev[#ev + 1] = { path = key_ptr, note = short(key, 200), expected = M.EXPECTED }
    end
  end
  if #texts > 0 then return "fail", "has InputEncryption, but " .. table.concat(texts, "; "), ev end
  -- The certificate, at the snapshot's collection time.
  local x = ctx:x509(key)
  if not x.ok then
    return "fail", ("has InputEncryption whose Key is not an X.509 certificate (%s)"):format(x.error),
      { { path = key_ptr, note = key_obs, expected = M.EXPECTED } }
  end
  local cert = ("certificate \"%s\" (valid %s to %s)"):format(x.subject, x.not_before, x.not_after)
  if x.expired then
    return "fail", ("has InputEncryption with an expired %s: it expired before the snapshot was collected at %s")
      :format(cert, x.at), { { path = key_ptr, note = "expired " .. x.not_after, expected = M.EXPECTED } }
  end
  if x.not_yet_valid then
    return "fail", ("has InputEncryption with a %s that was not yet valid when the snapshot was collected at %s")
      :format(cert, x.at), { { path = key_ptr, note = "valid from " .. x.not_before, expected = M.EXPECTED } }
  end
  -- The instance's key.
  local keys, inst = security_keys(ctx, r)
  if not keys then
    return "error", ("has InputEncryption with EncryptionKeyId \"%s\" and a %s, but %s"):format(short(id), cert, inst),
      { { path = id_ptr, expected = M.EXPECTED } }
  end
  local keys_ptr = ctx:ptr(inst.data, "SecurityKeys")
  local held, ids = nil, {}
  for _, k in ipairs(keys) do
    if flow.is_view(k) and type(k.AssociationId) == "string" then
      ids[#ids + 1] = k.AssociationId
      if k.AssociationId == id then held = k end
    end
  end
  if not held then
    return "fail", ("has InputEncryption with EncryptionKeyId \"%s\", which is not a security key of the instance "
      .. "(it holds %s)"):format(short(id), #ids > 0 and table.concat(ids, ", ") or "none"),
      { { path = id_ptr, expected = M.EXPECTED }, { path = keys_ptr, note = ("%d key(s)"):format(#ids), expected = "a key with AssociationId " .. short(id) } }
  end
  local held_ptr = ctx:ptr(held, "AssociationId")
  if type(held.Key) ~= "string" then
    return "error", ("has InputEncryption with security key %s, whose public key was not collected"):format(id),
      { { path = held_ptr, expected = M.EXPECTED } }
  end
  local v = ctx:x509(key, { key = held.Key })
  if v.signed_by_key == nil then
    return "manual", ("has InputEncryption with security key %s and a %s, but the instance's key cannot be read (%s): "
      .. "confirm the certificate belongs to that key"):format(id, cert, v.key_error or "?"),
      { { path = held_ptr, expected = M.EXPECTED } }
  end
  if not v.signed_by_key then
    return "fail", ("has InputEncryption with a %s that is not signed by security key %s: Amazon Connect verifies the "
      .. "flow's certificate with that key"):format(cert, id),
      { { path = key_ptr, note = "signature does not verify with the key", expected = M.EXPECTED },
        { path = held_ptr, expected = M.EXPECTED } }
  end
  return "pass", ("is stored encrypted with security key %s of the instance (%s, signed by that key)"):format(id, cert),
    { { path = id_ptr, expected = M.EXPECTED }, { path = key_ptr, note = cert, expected = M.EXPECTED },
      { path = held_ptr, expected = M.EXPECTED } }
end

return M
