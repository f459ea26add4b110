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
-- RADIUS settings are the directory's (Directory Service DescribeDirectories
-- RadiusSettings), so for EXISTING_DIRECTORY the finding is filed on each
-- ds_directory of the instance's region, linking the instances that use one
-- (lib/directory.lua: DescribeInstance does not name the directory, so every
-- directory of the region must have RADIUS MFA; a pass never rests on a
-- guess); the instance itself is skipped, naming those directories, or is an
-- error when none was collected. DescribeDirectories omits RadiusSettings when
-- RADIUS is not configured, so inside a collected Directory an absent
-- RadiusSettings means "not set".
local directory = require "directory"

-- Judges one directory's Directory member: ok, message, evidence list.
local function radius(ctx, d)
  local status = d.RadiusStatus
  local settings = d.RadiusSettings
  local ev = {
    { path = ctx:ptr(d, "RadiusSettings"), expected = "RADIUS settings present" },
    { path = ctx:ptr(d, "RadiusStatus"), expected = "Completed" },
  }
  local id = tostring(d.DirectoryId)
  if settings and status == "Completed" then
    return true, "directory " .. id .. " has RADIUS MFA configured (RadiusStatus Completed)", ev
  end
  local why
  if not settings then why = "no RADIUS settings"
  else why = "RadiusStatus " .. tostring(status or "absent") end
  return false, "directory " .. id .. " signs Amazon Connect users in without RADIUS MFA: " .. why, ev
end

return {
  id = "BASE-IDN-001",
  title = "Agents and administrators sign in with MFA",
  severity = "high",
  practice = "USR-2",
  controls = { ["PCI-DSS-4.0"] = {"8.4.2"}, HIPAA = {"164.312(d)"}, BASELINE = {"USR-2", "PCI-4"} },
  resource = { "connect_instance", "ds_directory" },
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
    if r.type == "ds_directory" then
      return directory.directory_check(ctx, r, function(d) return radius(ctx, d) end)
    end
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
      directory.instance_check(ctx, r, "MFA (RADIUS)")
    else
      ctx:error("instance " .. r.name .. ": unknown IdentityManagementType " .. tostring(kind), ev)
    end
  end,
}
