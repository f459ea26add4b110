-- PII-ORG-001: every approved origin of the instance (ListApprovedOrigins:
-- the sites allowed to embed the Contact Control Panel / chat widget) is an
-- https:// origin. An http:// origin lets the embedding page, and with it the
-- agent's session and customer data it shows, travel unencrypted.
local function label(r) return r.name or r.arn end

return {
  id = "PII-ORG-001",
  title = "Approved origins of the instance all use HTTPS",
  severity = "medium",
  practice = "PII-2",
  controls = {
    PII = { "GDPR-32(1)(a)" },
    ["PCI-DSS-4.0"] = { "4.2.1" },
    HIPAA = { "164.312(e)(2)(ii)" },
    BASELINE = { "PII-2", "PCI-3" },
  },
  resource = "connect_instance",
  rationale = "Approved origins may embed the CCP or the chat widget, which show and carry customer " ..
    "data; an http origin serves that page without TLS, open to reading and tampering in transit.",
  remediation = "Amazon Connect console > instance > Approved origins: remove each http:// origin and " ..
    "add its https:// form. CLI: aws connect disassociate-approved-origin --instance-id ID --origin " ..
    "http://HOST; aws connect associate-approved-origin --instance-id ID --origin https://HOST",
  check = function(r, ctx)
    local origins = ctx:need(r.data, "ApprovedOrigins")
    local expected = "https://…"
    if #origins == 0 then
      return ctx:pass(("Instance %s has no approved origins: nothing may embed its CCP"):format(label(r)),
        { path = "data/ApprovedOrigins", expected = expected })
    end
    local bad, evidence = {}, {}
    for i, o in ipairs(origins) do
      local ok = type(o) == "string" and o:lower():sub(1, 8) == "https://"
      if not ok then
        bad[#bad + 1] = tostring(o)
        evidence[#evidence + 1] = { path = ctx:ptr(origins, i), expected = expected }
      end
    end
    if #bad > 0 then
      return ctx:fail(("Instance %s approves origins without HTTPS: %s"):format(label(r), table.concat(bad, ", ")),
        evidence)
    end
    ctx:pass(("Instance %s's %d approved origin(s) all use HTTPS"):format(label(r), #origins),
      { path = "data/ApprovedOrigins", expected = expected })
  end,
}
