-- USR-2 / PCI-4: agents and administrators sign in with MFA.
--
-- Amazon Connect itself offers MFA only through the identity source chosen at
-- instance creation (Instance.IdentityManagementType):
--   CONNECT_MANAGED     users stored in Connect: no MFA possible → fail
--   SAML                MFA is the IdP's business, invisible to AWS APIs →
--                       manual (a person attests the IdP enforces MFA)
--   EXISTING_DIRECTORY  MFA through the AWS Directory Service directory's
--                       RADIUS settings → look at the ds_directory resources
--
-- DescribeInstance does not name the directory, so the collector stores the
-- instance's directory as a ds_directory resource. Which of several
-- directories is the instance's cannot be told from the snapshot, so every
-- directory collected in the instance's region must have RADIUS MFA
-- (conservative: a pass never rests on a guess). None collected → error.
-- DescribeDirectories omits RadiusSettings when RADIUS is not configured, so
-- inside a collected Directory an absent RadiusSettings means "not set".
local collection = require "collection"

-- Judges one directory; returns ok, evidence list, description; or nil and
-- an error message when its Directory was not collected.
local function radius_ok(ctx, dir)
  local d = dir.data.Directory
  if not d then
    return nil, { path = ctx:ptr(dir.data, "Directory"), expected = "a DescribeDirectories item" },
      "directory " .. dir.arn .. " was listed but its Directory was not collected ("
        .. collection.explain(ctx, dir.arn) .. ")"
  end
  local status = d.RadiusStatus
  local settings = d.RadiusSettings
  local ev = {
    { path = ctx:ptr(d, "RadiusSettings"), expected = "RADIUS settings present" },
    { path = ctx:ptr(d, "RadiusStatus"), expected = "Completed" },
  }
  local id = tostring(d.DirectoryId or dir.name)
  if settings and status == "Completed" then
    return true, ev, "directory " .. id .. " has RADIUS MFA configured (RadiusStatus Completed)"
  end
  local why
  if not settings then why = "no RADIUS settings"
  else why = "RadiusStatus " .. tostring(status or "absent") end
  return false, ev, "directory " .. id .. ": " .. why
end

local function check_directory(r, ctx)
  local dirs = {}
  for _, dir in ctx:resources("ds_directory") do
    if dir.region == r.region then dirs[#dirs + 1] = dir end
  end
  if #dirs == 0 then
    ctx:error("instance " .. r.name .. " uses an existing directory, but no ds_directory in "
      .. r.region .. " was collected (" .. collection.explain_op(ctx, "ds:DescribeDirectories", r.region) .. ")",
      { path = "data/Instance/IdentityManagementType", expected = "a collected Directory Service directory" })
    return
  end
  local evidence, good, bad = {
    { path = "data/Instance/IdentityManagementType", expected = "SAML or EXISTING_DIRECTORY with RADIUS MFA" },
  }, {}, {}
  for _, dir in ipairs(dirs) do
    local ok, ev, what = radius_ok(ctx, dir)
    if ok == nil then
      ctx:error("instance " .. r.name .. ": " .. what, ev)
      return
    end
    for _, e in ipairs(ev) do evidence[#evidence + 1] = e end
    if ok then good[#good + 1] = what else bad[#bad + 1] = what end
  end
  if #bad == 0 then
    ctx:pass("instance " .. r.name .. " authenticates through Directory Service with MFA: "
      .. table.concat(good, "; "), evidence)
  else
    ctx:fail("instance " .. r.name .. " authenticates through Directory Service without RADIUS MFA: "
      .. table.concat(bad, "; "), evidence)
  end
end

return {
  id = "BASE-IDN-001",
  title = "Agents and administrators sign in with MFA",
  severity = "high",
  practice = "USR-2",
  controls = { ["PCI-DSS-4.0"] = {"8.4.2"}, HIPAA = {"164.312(d)"}, BASELINE = {"USR-2", "PCI-4"} },
  resource = "connect_instance",
  rationale = "Amazon Connect is reachable from the internet, so a stolen agent or admin password "
    .. "alone opens contact data; MFA is only possible through a SAML identity provider or a "
    .. "Directory Service directory with RADIUS, never with Connect-managed users.",
  remediation = "The identity type is fixed at instance creation. CONNECT_MANAGED: create a new "
    .. "instance with SAML (an IdP enforcing MFA) or an existing directory, and migrate. "
    .. "EXISTING_DIRECTORY: Directory Service console > the directory > Networking & security > "
    .. "Multi-factor authentication > Actions > Enable; or: aws ds enable-radius --directory-id ID "
    .. "--radius-settings RadiusServers=10.0.0.10,RadiusPort=1812,RadiusTimeout=5,RadiusRetries=4,"
    .. "SharedSecret=SECRET,AuthenticationProtocol=PAP,DisplayLabel=MFA,UseSameUsername=true. "
    .. "SAML: enforce MFA in the IdP's policy for the Connect application and attest it.",
  check = function(r, ctx)
    local kind = ctx:need(r.data, "Instance", "IdentityManagementType")
    local ev = { path = "data/Instance/IdentityManagementType",
                 expected = "SAML or EXISTING_DIRECTORY with RADIUS MFA" }
    if kind == "CONNECT_MANAGED" then
      ctx:fail("instance " .. r.name .. " stores its users in Amazon Connect (CONNECT_MANAGED): "
        .. "no MFA is possible", ev)
    elseif kind == "SAML" then
      ctx:manual("instance " .. r.name .. " signs users in through SAML: MFA is enforced (or not) "
        .. "by the identity provider; attest that the IdP requires MFA for Amazon Connect", ev)
    elseif kind == "EXISTING_DIRECTORY" then
      check_directory(r, ctx)
    else
      ctx:error("instance " .. r.name .. ": unknown IdentityManagementType " .. tostring(kind), ev)
    end
  end,
}
