-- PII-S3-002: a bucket holding contact-center data is not public, by any of
-- the three ways S3 makes a bucket public.
--
-- What each piece of evidence means:
--   PublicAccessBlockConfiguration  null -> fail (no bucket-level block; the
--     account-level block is not in the snapshot, so it cannot be credited);
--     a flag absent or false -> fail.
--   PolicyStatus  null -> no bucket policy, so not public by policy;
--     IsPublic true -> fail.
--   Acl.Grants  a grant to AllUsers or AuthenticatedUsers -> fail.
--   Any of the three absent (not collected) -> error, unless what was
--     collected already shows the bucket exposed (then fail, saying what is missing).
local FLAGS = { "BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets" }
local PUBLIC_GROUPS = {
  ["http://acs.amazonaws.com/groups/global/AllUsers"] = "AllUsers",
  ["http://acs.amazonaws.com/groups/global/AuthenticatedUsers"] = "AuthenticatedUsers",
}

local function label(r) return r.name or r.arn end

return {
  id = "PII-S3-002",
  title = "S3 bucket blocks public access and is not public by policy or ACL",
  severity = "critical",
  practice = "S3-3",
  controls = {
    PII = { "GDPR-32(1)(b)", "GDPR-25" },
    HIPAA = { "164.312(a)(1)" },
    ["PCI-DSS-4.0"] = { "7.2.1" },
    BASELINE = { "S3-3", "PII-2" },
  },
  resource = "s3_bucket",
  rationale = "A public bucket exposes every recording, transcript and export in it to anyone " ..
    "on the internet. Block Public Access on the bucket stops a later policy or ACL change from " ..
    "making it public.",
  remediation = "S3 console > bucket > Permissions > Block public access > Edit: turn on all four " ..
    "settings; remove public statements from the bucket policy and AllUsers/AuthenticatedUsers ACL " ..
    "grants. CLI: aws s3api put-public-access-block --bucket BUCKET --public-access-block-configuration " ..
    "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
  check = function(r, ctx)
    local d = r.data
    local problems, bad, good, missing = {}, {}, {}, {}

    local pab = d.PublicAccessBlockConfiguration
    if pab == nil then
      missing[#missing + 1] = "PublicAccessBlockConfiguration"
    elseif pab == false then
      problems[#problems + 1] = "no bucket-level Block Public Access configuration " ..
        "(NoSuchPublicAccessBlockConfiguration; the account-level setting is not in the snapshot)"
      bad[#bad + 1] = { path = "data/PublicAccessBlockConfiguration", expected = "all four flags true" }
    else
      local off = {}
      for _, flag in ipairs(FLAGS) do
        local item = { path = ctx:ptr(pab, flag), expected = true }
        if pab[flag] == true then good[#good + 1] = item
        else off[#off + 1] = flag; bad[#bad + 1] = item end
      end
      if #off > 0 then problems[#problems + 1] = "Block Public Access off: " .. table.concat(off, ", ") end
    end

    local ps = d.PolicyStatus
    if ps == nil then
      missing[#missing + 1] = "PolicyStatus"
    elseif ps == false then
      good[#good + 1] = { path = "data/PolicyStatus", expected = "null (no bucket policy) or IsPublic false" }
    elseif ps.IsPublic == nil then
      missing[#missing + 1] = "PolicyStatus/IsPublic"
    elseif ps.IsPublic == true then
      problems[#problems + 1] = "the bucket policy is public (PolicyStatus.IsPublic)"
      bad[#bad + 1] = { path = ctx:ptr(ps, "IsPublic"), expected = false }
    else
      good[#good + 1] = { path = ctx:ptr(ps, "IsPublic"), expected = false }
    end

    local acl = d.Acl
    local grants = acl and acl.Grants
    if acl == nil then
      missing[#missing + 1] = "Acl"
    elseif not grants then
      missing[#missing + 1] = "Acl/Grants"
    else
      local public = 0
      for i, g in ipairs(grants) do
        local who = g.Grantee and PUBLIC_GROUPS[g.Grantee.URI]
        if who then
          public = public + 1
          problems[#problems + 1] = ("the ACL grants %s to %s"):format(tostring(g.Permission), who)
          bad[#bad + 1] = { path = ctx:ptr(grants, i), expected = "no grant to AllUsers or AuthenticatedUsers" }
        end
      end
      if public == 0 then
        good[#good + 1] = { path = ctx:ptr(acl, "Grants"), expected = "no grant to AllUsers or AuthenticatedUsers" }
      end
    end

    if #problems > 0 then
      local msg = ("Bucket %s is open to the public: %s"):format(label(r), table.concat(problems, "; "))
      if #missing > 0 then msg = msg .. " (not collected: " .. table.concat(missing, ", ") .. ")" end
      return ctx:fail(msg, bad)
    end
    -- Nothing seen is public; anything not collected makes the answer unknown.
    if #missing > 0 then
      local path = {}
      for seg in missing[1]:gmatch("[^/]+") do path[#path + 1] = seg end
      ctx:need(d, table.unpack(path))
    end
    ctx:pass(("Bucket %s blocks public access (all four flags), its policy is not public and " ..
      "its ACL grants nothing to AllUsers or AuthenticatedUsers"):format(label(r)), good)
  end,
}
