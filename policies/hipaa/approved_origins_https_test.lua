local I = "arn:aws:connect:us-east-1:111122223333:instance/4f1c0000-0000-0000-0000-000000000001"
local function inst(origins) return { arn = I, name = "clinic", region = "us-east-1", data = { ApprovedOrigins = origins } } end

return {
  { name = "https origins pass", resource = inst({ "https://portal.clinic.example" }),
    expect = "pass", message = "all use HTTPS" },
  { name = "an http origin fails, named", resource = inst({ "https://portal.clinic.example", "http://kiosk.clinic.example" }),
    expect = "fail", message = "http://kiosk.clinic.example" },
  { name = "no origins: nothing may embed the CCP", resource = inst({}), expect = "pass", message = "no approved origins" },
  { name = "origins not collected are an error",
    resource = { arn = I, name = "clinic", region = "us-east-1", data = {} },
    errors = { { arn = I, operation = "connect:ListApprovedOrigins", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
}
