local ARN = "arn:aws:connect:us-east-1:111122223333:instance/4f1c0000-0000-0000-0000-000000000001"
local function inst(attrs) return { arn = ARN, name = "acme-prod", data = { Attributes = attrs } } end
local function attr(t, v) return { AttributeType = t, Value = v } end

return {
  { name = "CONTACTFLOW_LOGS true passes",
    resource = inst({ attr("INBOUND_CALLS", "true"), attr("CONTACTFLOW_LOGS", "true"),
                      attr("CONTACT_LENS", "false") }),
    expect = "pass", message = "acme-prod" },
  { name = "CONTACTFLOW_LOGS false fails",
    resource = inst({ attr("INBOUND_CALLS", "true"), attr("CONTACTFLOW_LOGS", "false") }),
    expect = "fail", message = "disabled" },
  { name = "upper-case TRUE still passes",
    resource = inst({ attr("CONTACTFLOW_LOGS", "TRUE") }),
    expect = "pass" },
  { name = "attribute list collected without CONTACTFLOW_LOGS is an error",
    resource = inst({ attr("INBOUND_CALLS", "true"), attr("CONTACT_LENS", "true") }),
    expect = "error", message = "CONTACTFLOW_LOGS is not in it" },
  { name = "empty attribute list is an error",
    resource = inst({}),
    expect = "error", message = "0 attributes" },
  { name = "a lower-case attribute type is not CONTACTFLOW_LOGS",
    resource = inst({ attr("contactflow_logs", "true") }),
    expect = "error" },
  { name = "CONTACTFLOW_LOGS without a Value is an error",
    resource = inst({ { AttributeType = "CONTACTFLOW_LOGS" } }),
    expect = "error", message = "no string Value" },
  { name = "attributes not collected is an error",
    resource = { arn = ARN, name = "acme-prod", data = { Instance = { Id = "4f1c" } } },
    errors = { { arn = ARN, operation = "connect:ListInstanceAttributes", code = "AccessDeniedException",
                 message = "User is not authorized to perform connect:ListInstanceAttributes" } },
    expect = "error", message = "AccessDeniedException" },
}
