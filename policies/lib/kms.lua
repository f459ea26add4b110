-- kms: which KMS key a setting names, and at what level the key is managed.
-- One judgment for the key-level rules (HIPAA-STO-001, PCI-KMS-011) and the
-- customer-data domain rules (PII-DOM-001..003).
--
-- Levels, weakest first (a pack parameter names the weakest it accepts):
--   "aws_owned"        no key of the account at all (AWS owned key: Firehose
--                      AWS_OWNED_CMK, Wisdom without serverSideEncryptionConfiguration)
--   "aws_managed"      KeyMetadata.KeyManager "AWS" (alias/aws/…): the account cannot
--                      write its policy, rotate or disable it
--   "customer_managed" KeyManager "CUSTOMER", Origin "AWS_KMS"
--   "external"         KeyManager "CUSTOMER", key material from outside AWS KMS's own
--                      HSMs: Origin "EXTERNAL" (imported), "AWS_CLOUDHSM" or
--                      "EXTERNAL_KEY_STORE" (custom key stores)
--
-- API:
--   kms.LEVELS, kms.rank(level) -> 1..4, or nil for an unknown name
--   kms.with(lead, item…)  -> a new evidence list: lead's items, then the items
--   kms.find(ctx, key_id, region) -> kms_key resource or nil, and the ARN tried.
--       key_id: key ARN, alias ARN, "alias/NAME" or a bare key id; aliases are
--       resolved through the snapshot's kms_key Aliases (ListAliases entries),
--       bare ids and alias names in `region` of the snapshot's account.
--   kms.judge(ctx, key_id, required, lead, what, region) -> status, message, evidence
--       key_id nil/false: the setting names no key, level "aws_owned".
--       "alias/aws/…" (a name AWS reserves for its managed keys): "aws_managed"
--       without a lookup. Otherwise the key must be in the snapshot with
--       KeyMetadata.KeyManager (and Origin for customer keys): else "error",
--       quoting the key's collection errors (lib/collection.lua). Except: a
--       customer alias or a key of another account not in the snapshot is
--       customer managed (as HIPAA-KVS-001 reasons), enough unless "external"
--       is required.
--       pass when the level ranks at or above `required`, else fail.
--       `lead`: evidence items that led to the key (the setting naming it);
--       `what`: the subject for messages ("CALL_RECORDINGS storage config a1");
--       `region`: where a bare key id or alias name lives (the setting's region).
--   kms.check_member(r, ctx, required, what, omitted_is_aws_owned, container, key…)
--       the whole check of a rule whose resource names its key at
--       data.container.key…: container read through ctx:need; the key member
--       (or a member on the way) omitted -> AWS owned key when
--       omitted_is_aws_owned (AWS omits the setting when its own key is used),
--       else error; then kms.judge, recorded as one finding.
local arn = require "arn"
local collection = require "collection"

local kms = {}

kms.LEVELS = { "aws_owned", "aws_managed", "customer_managed", "external" }
local RANK = {}
for i, l in ipairs(kms.LEVELS) do RANK[l] = i end
function kms.rank(level) return RANK[level] end

local EXTERNAL_ORIGINS = { EXTERNAL = true, AWS_CLOUDHSM = true, EXTERNAL_KEY_STORE = true }

-- A new evidence list: the lead's items, then the further items given (the
-- caller's lead is not modified). storage.lua builds its evidence with it too.
function kms.with(lead, ...)
  local out = {}
  for _, item in ipairs(lead or {}) do out[#out + 1] = item end
  for i = 1, select("#", ...) do out[#out + 1] = (select(i, ...)) end
  return out
end
local with = kms.with

local function alias_name(key_id)
  if key_id:sub(1, 6) == "alias/" then return key_id end
  local t, id = arn.resource_parts(key_id)
  if arn.service(key_id) == "kms" and t == "alias" then return "alias/" .. id end
  return nil
end

function kms.find(ctx, key_id, region)
  local account = ctx.snapshot.account_id
  local name = alias_name(key_id)
  if name then
    local want_region = arn.region(key_id) or region
    for key_arn, k in ctx:resources("kms_key") do
      if (arn.region(key_arn) or k.region) == want_region then
        for _, a in ipairs(k.data.Aliases or {}) do
          if a.AliasName == name then return k, key_arn end
        end
      end
    end
    return nil, arn.is_arn(key_id) and key_id or
      ("arn:aws:kms:%s:%s:%s"):format(tostring(want_region), tostring(account), name)
  end
  local key_arn = key_id
  if not arn.is_arn(key_id) then
    key_arn = ("arn:aws:kms:%s:%s:key/%s"):format(tostring(region), tostring(account), key_id)
  end
  return ctx:lookup("kms_key", key_arn), key_arn
end

local function verdict(level, required, what, desc, evidence)
  local want = ("key level %s or stronger (%s)"):format(required, table.concat(kms.LEVELS, " < "))
  for _, e in ipairs(evidence) do if e.expected == nil then e.expected = want end end
  if RANK[level] >= RANK[required] then
    return "pass", ("%s is encrypted with %s (level %s; %s required)"):format(what, desc, level, required), evidence
  end
  return "fail", ("%s is encrypted with %s (level %s), below the %s required"):format(what, desc, level,
    required), evidence
end

function kms.judge(ctx, key_id, required, lead, what, region)
  if not RANK[required] then
    return "error", ("%s: the required key level %q is not one of %s"):format(what, tostring(required),
      table.concat(kms.LEVELS, ", ")), with(lead)
  end
  if not key_id then
    return verdict("aws_owned", required, what, "an AWS owned key (no key of the account is named)", with(lead))
  end
  key_id = tostring(key_id)
  if key_id:sub(1, 10) == "alias/aws/" or key_id:find(":alias/aws/", 1, true) then
    return verdict("aws_managed", required, what, "the AWS managed key " .. key_id, with(lead))
  end
  local k, key_arn = kms.find(ctx, key_id, region)
  if not k then
    -- Not in the snapshot, but still known to be a customer's key: a customer
    -- alias (AWS reserves alias/aws/ for its own keys, and a customer alias
    -- cannot point at one) or a key of another account (AWS managed keys are
    -- never usable across accounts). Its Origin stays unseen.
    local other = arn.account(key_arn) and arn.account(key_arn) ~= ctx.snapshot.account_id
    if (alias_name(key_id) or other) and RANK[required] <= RANK.customer_managed then
      return verdict("customer_managed", required, what, ("key %s (%s; not in the snapshot)"):format(key_id,
        other and "of another account, so customer managed" or "a customer alias"), with(lead))
    end
    return "error", ("%s names KMS key %s, which is not in the snapshot, so its level cannot be seen (%s)"):format(
      what, key_id, collection.explain(ctx, key_arn)), with(lead)
  end
  local md = k.data.KeyMetadata
  local manager = md and md.KeyManager
  if manager == nil then
    local path = md and ctx:ptr(md, "KeyManager") or ctx:ptr(k.data, "KeyMetadata")
    return "error", ("%s: missing evidence: %s is not in the snapshot (%s)"):format(what, path,
      collection.explain(ctx, k.arn)), with(lead, { path = path })
  end
  local ev = with(lead, { path = ctx:ptr(md, "KeyManager") })
  if manager == "AWS" then return verdict("aws_managed", required, what, "AWS managed key " .. k.arn, ev) end
  if manager ~= "CUSTOMER" then
    return "error", ("%s: key %s has KeyManager %s, which this check does not know"):format(what, k.arn,
      tostring(manager)), ev
  end
  local origin = md.Origin
  if origin == nil then
    local path = ctx:ptr(md, "Origin")
    return "error", ("%s: missing evidence: %s is not in the snapshot (%s)"):format(what, path,
      collection.explain(ctx, k.arn)), with(ev, { path = path })
  end
  ev[#ev + 1] = { path = ctx:ptr(md, "Origin") }
  if EXTERNAL_ORIGINS[origin] then
    return verdict("external", required, what, ("customer managed key %s with key material from %s"):format(
      k.arn, tostring(origin)), ev)
  end
  return verdict("customer_managed", required, what, "customer managed key " .. k.arn, ev)
end

function kms.check_member(r, ctx, required, what, omitted_is_aws_owned, container, ...)
  local view = ctx:need(r.data, container)
  local path = ctx:ptr(view)
  local cur, parent = view, path
  for i = 1, select("#", ...) do
    local k = select(i, ...)
    parent = path
    path = path .. "/" .. k
    cur = (type(cur) == "userdata" or type(cur) == "table") and cur[k] or nil
    if cur == nil or cur == false then
      if omitted_is_aws_owned then
        cur = nil
        break
      end
      return ctx:error(("%s: missing evidence: %s is not in the snapshot (%s)"):format(what, path,
        collection.explain(ctx, r.arn)), { path = path })
    end
  end
  local lead = { { path = path } }
  if cur == nil then
    -- what the snapshot holds is the object without the member: cite it
    lead[1].note = "omitted: an AWS owned key"
    lead[2] = { path = parent, note = "the object that omits it" }
  end
  local status, msg, evidence = kms.judge(ctx, cur, required, lead, what, r.region)
  ctx[status](ctx, msg, evidence)
end

return kms
