-- USR-3: the identity configuration meets the use case's security
-- requirements. The identity type (Instance.IdentityManagementType) is fixed at
-- instance creation; whether it is the right one is a judgment about the use
-- case, so this rule reports what the instance uses and asks a person
-- (manual). The MFA consequence of each type is BASE-IDN-001's finding; the
-- directory's state is BASE-DS-001's.
local WHAT = {
  CONNECT_MANAGED = "users stored in Amazon Connect itself (no MFA, passwords managed in Connect)",
  SAML = "a SAML 2.0 identity provider (MFA, password policy and leavers handled by the IdP)",
  EXISTING_DIRECTORY = "an AWS Directory Service directory (MFA through its RADIUS settings)",
}

return {
  id = "BASE-USR-010",
  title = "The instance's identity type meets the use case's security requirements",
  severity = "medium",
  practice = "USR-3",
  controls = { BASELINE = {"USR-3"}, ["PCI-DSS-4.0"] = {"8.3.1"}, HIPAA = {"164.312(d)"} },
  resource = "connect_instance",
  rationale = "The identity type decides how agents authenticate (MFA, password policy, central "
    .. "leaver process) and cannot be changed after the instance is created; a wrong choice found "
    .. "late means a new instance and a migration.",
  remediation = "Compare the identity type with the security requirements (MFA, SSO, joiner/leaver "
    .. "process). To change it, create a new instance (aws connect create-instance "
    .. "--identity-management-type SAML|EXISTING_DIRECTORY ...) and migrate flows, queues and "
    .. "users. Record the answer in an --attestations entry (docs/waivers.md).",
  check = function(r, ctx)
    local kind = ctx:need(r.data, "Instance", "IdentityManagementType")
    local ev = { path = "data/Instance/IdentityManagementType",
                 expected = "an identity type that meets the use case's security requirements (attested)" }
    local what = WHAT[kind]
    if not what then
      ctx:error("instance " .. r.name .. ": unknown IdentityManagementType " .. tostring(kind), ev)
      return
    end
    ctx:manual("instance " .. r.name .. " signs users in through " .. what .. " (" .. kind
      .. ", fixed at creation): does this meet the use case's security requirements? (USR-3)", ev)
  end,
}
