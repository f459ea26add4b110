-- eligibility: pack data about where Amazon Connect runs and which AWS
-- services a compliance regime accepts, and the inventory of the services an
-- instance integrates with (REG-1, INT-1, HIP-1, PII-1, PCI scope, CW-4).
--
-- Data (compiled 2026-11-25; re-check the sources before relying on a change):
--   eligibility.CONNECT_REGIONS   regions where Amazon Connect is offered.
--       Source: Amazon Connect Administrator Guide, "Availability of Amazon
--       Connect features by Region" (docs.aws.amazon.com/connect/latest/
--       adminguide/regions.html), table "Amazon Connect availability by Region".
--   eligibility.HIPAA_ELIGIBLE    service namespaces (as in ARNs) of the services
--       Connect integrates with that AWS lists as HIPAA eligible.
--       Source: AWS "HIPAA Eligible Services Reference"
--       (aws.amazon.com/compliance/hipaa-eligible-services-reference/).
--   eligibility.PCI_IN_SCOPE      the same for PCI DSS.
--       Source: AWS "Services in Scope by Compliance Program", PCI column
--       (aws.amazon.com/compliance/services-in-scope/PCI/).
--   Only services an instance's data can name are listed (the instance itself,
--   Lambda, Lex, S3, Kinesis Data Streams, Firehose, Kinesis Video Streams, KMS).
--   A service missing from a list is "not known to be eligible", so a rule
--   fails it until a pack parameter adds it.
--   eligibility.UNCONFIRMED       the customer-data domains the instances'
--       integration associations name (customer_profiles_domain: "profile",
--       voiceid_domain: "voiceid", wisdom_knowledge_base: "wisdom" -- Amazon
--       Connect Customer Profiles, Voice ID, Amazon Q in Connect / Wisdom).
--       Checked 2026-12-07: neither AWS page above could be confirmed, from
--       the stored copies of AWS's pages available to this project, to list
--       these features by name (or to say that the "Amazon Connect" entry covers
--       them). So they are on no list: check_list says `manual` for them, naming
--       the page to read and the parameter that records the answer (the packs'
--       hipaa_eligible_extra / pci_in_scope_extra), never a guessed pass or fail.
--
-- API:
--   eligibility.NAMES[service]              display name of a service namespace
--   eligibility.STORAGE_TYPES               ListInstanceStorageConfigs ResourceType enum
--   eligibility.integrations(ctx, r)        -> list of integration points of instance r:
--       { service, arn, path, what }, in this order: the instance, LambdaFunctions,
--       LexBots, StorageConfigs by STORAGE_TYPES (each config's bucket / stream /
--       delivery stream / video-stream prefix, then its KMS key). `path` is the
--       evidence pointer of the field naming it. Reads LambdaFunctions, LexBots and
--       StorageConfigs through ctx:need (absent -> the check stops with error); a
--       storage type missing from StorageConfigs, or an entry the function cannot
--       read, is returned in a second list { {path, why}, ... } of gaps.
--   eligibility.by_service(points)          -> ordered list of { service, points = {...} }
--       (first-appearance order)
--   eligibility.inventory(points [, max])  -> "Lambda function arn:…; Lex V2 bot arn:…; …"
--       (at most `max` points, default 20, then "and N more")
--   eligibility.ask_inventory(ctx, r, question)
--       one manual finding listing the integration points and ApprovedOrigins
--       (read through ctx:need), followed by `question`; gaps -> one error instead
--       (an inventory with holes is not one to attest)
--   eligibility.check_list(ctx, r, list, extra, regime, param)
--       the body of HIPAA-INT-001 / PCI-INT-001: one finding per integrated service
--       (the integrations above, and the UNCONFIRMED domains of the instance's region):
--       pass when it is in `list` or in the parameter list `extra` (a list of
--       service namespaces, read by the caller from ctx.params, named `param`),
--       manual for an UNCONFIRMED service (what to read, which parameter), fail otherwise;
--       gaps -> one error listing them all, first (an unseen integration might be the
--       ineligible one).
local arn = require "arn"
local collection = require "collection"
local storage = require "storage"

local eligibility = {}

eligibility.CONNECT_REGIONS = {
  "us-east-1", "us-west-2", "af-south-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2",
  "ap-northeast-1", "ca-central-1", "eu-central-1", "eu-west-2", "us-gov-west-1",
}

eligibility.NAMES = {
  connect = "Amazon Connect", lambda = "AWS Lambda", lex = "Amazon Lex", s3 = "Amazon S3",
  kinesis = "Amazon Kinesis Data Streams", firehose = "Amazon Data Firehose",
  kinesisvideo = "Amazon Kinesis Video Streams", kms = "AWS KMS",
}

eligibility.HIPAA_ELIGIBLE = {
  "connect", "lambda", "lex", "s3", "kinesis", "firehose", "kinesisvideo", "kms",
}

eligibility.PCI_IN_SCOPE = {
  "connect", "lambda", "lex", "s3", "kinesis", "firehose", "kinesisvideo", "kms",
}

-- resource type -> service namespace (as in its ARNs), display name
eligibility.UNCONFIRMED = {
  { type = "customer_profiles_domain", service = "profile", name = "Amazon Connect Customer Profiles" },
  { type = "voiceid_domain", service = "voiceid", name = "Amazon Connect Voice ID" },
  { type = "wisdom_knowledge_base", service = "wisdom", name = "Amazon Q in Connect (Wisdom)" },
}
eligibility.SOURCES = {
  ["HIPAA eligible"] = "https://aws.amazon.com/compliance/hipaa-eligible-services-reference/",
  ["PCI DSS in scope"] = "https://aws.amazon.com/compliance/services-in-scope/PCI/",
}
for _, u in ipairs(eligibility.UNCONFIRMED) do eligibility.NAMES[u.service] = u.name end

-- the ListInstanceStorageConfigs ResourceType enum, as lib/storage.lua keeps it
eligibility.STORAGE_TYPES = storage.RESOURCE_TYPES

local function contains(list, v)
  for _, x in ipairs(list or {}) do if x == v then return true end end
  return false
end
eligibility.contains = contains

-- A KMS KeyId may be a key ARN, an alias ARN, a key id or an alias name.
local function kms_point(ctx, conf, what, out)
  local enc = conf.EncryptionConfig
  if enc and type(enc.KeyId) == "string" and enc.KeyId ~= "" then
    out[#out + 1] = { service = "kms", arn = enc.KeyId, path = ctx:ptr(enc, "KeyId"), what = what .. " key" }
  end
end

-- StorageType -> where its target is named: config member, field, service (when
-- the field is not an ARN: S3 bucket name, KVS stream prefix), how it reads,
-- and whether the config carries its own EncryptionConfig key.
local STORAGE = {
  S3 = { member = "S3Config", field = "BucketName", service = "s3", label = "bucket", key = true,
         name = function(v) return "arn:aws:s3:::" .. v end },
  KINESIS_STREAM = { member = "KinesisStreamConfig", field = "StreamArn", label = "stream" },
  KINESIS_FIREHOSE = { member = "KinesisFirehoseConfig", field = "FirehoseArn", label = "delivery stream" },
  KINESIS_VIDEO_STREAM = { member = "KinesisVideoStreamConfig", field = "Prefix", service = "kinesisvideo",
                           label = "video streams", key = true, name = function(v) return v .. "*" end },
}

-- Adds the config's integration points to `out`; returns what is missing, or nil.
local function storage_points(ctx, cfg, what, out)
  local kind = STORAGE[cfg.StorageType]
  if not kind then return "StorageType " .. tostring(cfg.StorageType) .. " unknown" end
  local c = cfg[kind.member]
  local v = c and c[kind.field]
  if type(v) ~= "string" then return kind.member .. "/" .. kind.field .. " absent" end
  local service = kind.service or arn.service(v)
  if not service then return kind.member .. "/" .. kind.field .. " is not an ARN: " .. v end
  out[#out + 1] = { service = service, arn = kind.name and kind.name(v) or v, path = ctx:ptr(c, kind.field),
                    what = what .. " " .. kind.label }
  if kind.key then kms_point(ctx, c, what, out) end
  return nil
end

function eligibility.integrations(ctx, r)
  local out, gaps = {}, {}
  ctx:need(r.data, "Instance", "Arn")
  out[1] = { service = "connect", arn = r.arn, path = "data/Instance/Arn", what = "the instance" }
  local fns = ctx:need(r.data, "LambdaFunctions")
  local bots = ctx:need(r.data, "LexBots")
  local stores = ctx:need(r.data, "StorageConfigs")
  for i, fn in ipairs(fns) do
    local svc = arn.service(fn)
    if svc then
      out[#out + 1] = { service = svc, arn = fn, path = ctx:ptr(fns, i), what = "Lambda function" }
    else
      gaps[#gaps + 1] = { path = ctx:ptr(fns, i), why = "not an ARN: " .. tostring(fn) }
    end
  end
  for i, b in ipairs(bots) do
    if b.LexV2Bot and type(b.LexV2Bot.AliasArn) == "string" then
      out[#out + 1] = { service = arn.service(b.LexV2Bot.AliasArn) or "lex", arn = b.LexV2Bot.AliasArn,
                        path = ctx:ptr(b.LexV2Bot, "AliasArn"), what = "Lex V2 bot" }
    elseif b.LexBot and type(b.LexBot.Name) == "string" then
      out[#out + 1] = { service = "lex", arn = "lex:" .. tostring(b.LexBot.LexRegion) .. ":" .. b.LexBot.Name,
                        path = ctx:ptr(b.LexBot, "Name"), what = "Lex V1 bot" }
    else
      gaps[#gaps + 1] = { path = ctx:ptr(bots, i), why = "neither LexBot.Name nor LexV2Bot.AliasArn" }
    end
  end
  for _, rtype in ipairs(eligibility.STORAGE_TYPES) do
    local list = stores[rtype]
    if list == nil then
      gaps[#gaps + 1] = { path = ctx:ptr(stores) .. "/" .. rtype, why = rtype .. " storage configs not collected" }
    else
      for _, cfg in ipairs(list or {}) do
        local what = rtype .. " storage config " .. tostring(cfg.AssociationId or "?")
        local missing = storage_points(ctx, cfg, what, out)
        if missing then gaps[#gaps + 1] = { path = ctx:ptr(cfg), why = what .. ": " .. missing } end
      end
    end
  end
  return out, gaps
end

function eligibility.by_service(points)
  local groups, index = {}, {}
  for _, p in ipairs(points) do
    local g = index[p.service]
    if not g then
      g = { service = p.service, points = {} }
      index[p.service] = g
      groups[#groups + 1] = g
    end
    g.points[#g.points + 1] = p
  end
  return groups
end

local MAX_EVIDENCE = 10

function eligibility.inventory(points, max)
  max = max or 20
  local parts = {}
  for i = 1, math.min(#points, max) do parts[i] = points[i].what .. " " .. tostring(points[i].arn) end
  local s = table.concat(parts, "; ")
  if #points > max then s = s .. ("; and %d more"):format(#points - max) end
  return s
end

local function report_gaps(ctx, r, gaps, consequence)
  if #gaps > 0 then
    local whys, ev = {}, {}
    for i, g in ipairs(gaps) do
      whys[i] = g.why
      if i <= MAX_EVIDENCE then ev[i] = { path = g.path, expected = "a readable integration" } end
    end
    ctx:error("instance " .. r.name .. ": " .. #gaps .. " integration(s) could not be read ("
      .. table.concat(whys, "; ") .. "), so " .. consequence .. " ("
      .. collection.explain(ctx, r.arn, "connect:ListInstanceStorageConfigs") .. ")", ev)
  end
end

function eligibility.ask_inventory(ctx, r, question)
  local points, gaps = eligibility.integrations(ctx, r)
  local origins = ctx:need(r.data, "ApprovedOrigins")
  if #gaps > 0 then
    report_gaps(ctx, r, gaps, "the inventory is incomplete")
    return
  end
  local ev = {}
  for i, p in ipairs(points) do
    if i <= MAX_EVIDENCE then ev[#ev + 1] = { path = p.path, expected = "an integration point (inventory)" } end
  end
  ev[#ev + 1] = { path = ctx:ptr(origins), expected = "approved origins (sites embedding the CCP or chat)" }
  local shown = {}
  for i = 1, math.min(#origins, 5) do shown[i] = tostring(origins[i]) end
  ctx:manual(("instance %s: %d integration point(s) in the snapshot: %s; %d approved origin(s)%s. %s"):format(
    r.name, #points, eligibility.inventory(points, 8), #origins,
    #shown > 0 and (": " .. table.concat(shown, ", ")) or "", question), ev)
end

-- The customer-data domains of the instance's region (the collector keeps
-- those the region's instances' integration associations name), as
-- integration points of services on no list (UNCONFIRMED).
local function domain_points(ctx, r, out)
  local unconfirmed = {}
  for _, u in ipairs(eligibility.UNCONFIRMED) do
    for a, d in ctx:resources(u.type) do
      if d.region == r.region then
        out[#out + 1] = { service = u.service, arn = a, path = ctx:ptr(d.data), what = u.name .. " domain" }
        unconfirmed[u.service] = true
      end
    end
  end
  return unconfirmed
end

function eligibility.check_list(ctx, r, list, extra, regime, param)
  local points, gaps = eligibility.integrations(ctx, r)
  local unconfirmed = domain_points(ctx, r, points)
  report_gaps(ctx, r, gaps, "whether their services are " .. regime .. " is unknown")
  for _, g in ipairs(eligibility.by_service(points)) do
    local name = eligibility.NAMES[g.service] or g.service
    local listed, by_param = contains(list, g.service), contains(extra, g.service)
    local ev, whats = {}, {}
    for i, p in ipairs(g.points) do
      if i <= MAX_EVIDENCE then
        ev[#ev + 1] = { path = p.path, expected = "a service on the " .. regime .. " list" }
      end
      whats[#whats + 1] = p.what
    end
    local uses = #g.points .. " integration point(s): " .. whats[1] .. (#whats > 1 and ", ..." or "")
    if listed or by_param then
      ctx:pass(("%s (%s) is %s (%s); %s"):format(name, g.service, regime,
        listed and "pack data, lib/eligibility.lua" or "added by parameter", uses), ev)
    elseif unconfirmed[g.service] then
      ctx:manual(("%s (%s): whether it is %s could not be confirmed from AWS's list (%s, checked 2026-12-07); "
        .. "read that page for %s (or an Amazon Connect entry that names it) and, if listed, add \"%s\" to the "
        .. "parameter %s; %s"):format(name, g.service, regime, eligibility.SOURCES[regime] or "AWS's compliance pages",
        name, g.service, tostring(param or "of the pack"), uses), ev)
    else
      ctx:fail(("%s (%s) is not on the %s list; %s"):format(name, g.service, regime, uses), ev)
    end
  end
end

return eligibility
