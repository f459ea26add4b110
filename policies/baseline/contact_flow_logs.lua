-- CW-1: contact flow logs (instance attribute CONTACTFLOW_LOGS) are on, so
-- every flow execution leaves a record in CloudWatch Logs.
--
-- ListInstanceAttributes returns every attribute type with its current
-- Value ("true"/"false"). If the list was collected but CONTACTFLOW_LOGS is
-- not in it, the snapshot cannot say whether logging is on: error, neither
-- pass nor fail.

return {
  id = "BASE-CW-001",
  title = "Contact flow logs are enabled on the instance",
  severity = "high",
  practice = "CW-1",
  controls = { BASELINE = {"CW-1"}, ["PCI-DSS-4.0"] = {"10.2.1"}, HIPAA = {"164.312(b)"} },
  resource = "connect_instance",
  rationale = "Contact flow logs record each block a contact passes through; without them there is "
    .. "no audit trail of what the IVR did with a caller, and no way to investigate an incident.",
  remediation = "Amazon Connect console > the instance > Flows > Flow logs: Enable flow logs, Save; "
    .. "or: aws connect update-instance-attribute --instance-id ID --attribute-type CONTACTFLOW_LOGS "
    .. "--value true",
  check = function(r, ctx)
    local attrs = ctx:need(r.data, "Attributes")
    for i, a in ipairs(attrs) do
      if a.AttributeType == "CONTACTFLOW_LOGS" then
        local ev = { path = ctx:ptr(attrs, i, "Value"), expected = "true" }
        -- AWS answers "true"/"false"; compare case-insensitively so that a
        -- differently cased "TRUE" is not misread as off
        local v = a.Value
        if type(v) ~= "string" then
          ctx:error("instance " .. r.name .. ": CONTACTFLOW_LOGS has no string Value ("
            .. tostring(v) .. ")", ev)
        elseif v:lower() == "true" then
          ctx:pass("instance " .. r.name .. " has contact flow logs enabled", ev)
        else
          ctx:fail("instance " .. r.name .. " has contact flow logs disabled (CONTACTFLOW_LOGS = "
            .. v .. ")", ev)
        end
        return
      end
    end
    ctx:error("instance " .. r.name .. ": the attribute list was collected ("
      .. #attrs .. " attributes) but CONTACTFLOW_LOGS is not in it",
      { path = "data/Attributes", expected = "an entry with AttributeType CONTACTFLOW_LOGS" })
  end,
}
