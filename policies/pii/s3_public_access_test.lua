local B = "arn:aws:s3:::acme-recordings"
local ALL = "http://acs.amazonaws.com/groups/global/AllUsers"
local AUTH = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
local LOGS = "http://acs.amazonaws.com/groups/s3/LogDelivery"
local OWNER = { Type = "CanonicalUser", ID = "abc123" }

local function pab(a, b, c, d)
  return { BlockPublicAcls = a, IgnorePublicAcls = b, BlockPublicPolicy = c, RestrictPublicBuckets = d }
end
local function grant(uri, perm)
  return { Grantee = { Type = "Group", URI = uri }, Permission = perm or "READ" }
end
local function bucket(over)
  local data = {
    PublicAccessBlockConfiguration = pab(true, true, true, true),
    PolicyStatus = { IsPublic = false },
    Acl = { Owner = OWNER, Grants = { { Grantee = OWNER, Permission = "FULL_CONTROL" } } },
  }
  for k, v in pairs(over or {}) do data[k] = v end
  return { arn = B, name = "acme-recordings", region = "us-east-1", data = data }
end
local function without(key)
  local b = bucket()
  b.data[key] = nil
  return b
end
local DENIED = { { arn = B, operation = "s3:GetBucketPolicyStatus", code = "AccessDenied", message = "Access Denied" } }

return {
  { name = "all blocked, private policy, owner-only ACL passes",
    resource = bucket(), expect = "pass", message = "blocks public access" },
  { name = "no bucket policy (PolicyStatus null) passes",
    resource = bucket({ PolicyStatus = null }), expect = "pass" },
  { name = "a LogDelivery grant is not public",
    resource = bucket({ Acl = { Owner = OWNER, Grants = { grant(LOGS, "WRITE") } } }), expect = "pass" },
  { name = "public access block null fails",
    resource = bucket({ PublicAccessBlockConfiguration = null }),
    expect = "fail", message = "NoSuchPublicAccessBlockConfiguration" },
  { name = "one flag off fails and names it",
    resource = bucket({ PublicAccessBlockConfiguration = pab(true, true, true, false) }),
    expect = "fail", message = "Block Public Access off: RestrictPublicBuckets" },
  { name = "a flag missing from the collected configuration counts as off",
    resource = bucket({ PublicAccessBlockConfiguration = { BlockPublicAcls = true, IgnorePublicAcls = true,
                                                           BlockPublicPolicy = true } }),
    expect = "fail", message = "RestrictPublicBuckets" },
  { name = "public policy fails",
    resource = bucket({ PolicyStatus = { IsPublic = true } }),
    expect = "fail", message = "the bucket policy is public" },
  { name = "AllUsers grant fails",
    resource = bucket({ Acl = { Owner = OWNER, Grants = { grant(ALL, "READ") } } }),
    expect = "fail", message = "grants READ to AllUsers" },
  { name = "AuthenticatedUsers grant fails",
    resource = bucket({ Acl = { Owner = OWNER, Grants = { grant(AUTH, "WRITE") } } }),
    expect = "fail", message = "grants WRITE to AuthenticatedUsers" },
  { name = "PolicyStatus not collected is an error",
    resource = without("PolicyStatus"), errors = DENIED,
    expect = "error", message = "AccessDenied" },
  { name = "ACL not collected is an error",
    resource = without("Acl"), expect = "error", message = "data/Acl" },
  { name = "public access block not collected is an error",
    resource = without("PublicAccessBlockConfiguration"),
    expect = "error", message = "PublicAccessBlockConfiguration" },
  { name = "IsPublic absent is an error",
    resource = bucket({ PolicyStatus = object{} }), expect = "error", message = "PolicyStatus/IsPublic" },
  { name = "a public ACL fails even when the policy status was not collected",
    resource = (function()
      local b = bucket({ Acl = { Owner = OWNER, Grants = { grant(ALL) } } })
      b.data.PolicyStatus = nil
      return b
    end)(), errors = DENIED,
    expect = "fail", message = "not collected: PolicyStatus" },
}
