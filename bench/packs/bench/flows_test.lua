local ARN = "arn:aws:connect:us-east-1:111122223333:instance/i-1/contact-flow/f-1"
local function flow(params)
  return { ContactFlow = { Name = "f", Content = { StartAction = "a", Actions = {
    { Identifier = "a", Type = "GetParticipantInput", Parameters = params, Transitions = { NextAction = "b" } },
    { Identifier = "b", Type = "DisconnectParticipant", Parameters = object {}, Transitions = object {} } } } } }
end
return {
  { name = "encrypted stored input passes",
    resource = { arn = ARN, name = "f", region = "us-east-1",
                 data = flow({ StoreInput = "True", InputEncryption = { EncryptionKeyId = "k", Key = "c" } }) },
    expect = "pass" },
  { name = "input that is not stored passes",
    resource = { arn = ARN, name = "f", region = "us-east-1", data = flow({ StoreInput = "False" }) },
    expect = "pass" },
  { name = "stored input without encryption fails",
    resource = { arn = ARN, name = "f", region = "us-east-1", data = flow({ StoreInput = "True" }) },
    expect = "fail", message = "1 block" },
  { name = "an uncollected flow is an error",
    resource = { arn = ARN, name = "f", region = "us-east-1", data = {} },
    errors = { { arn = ARN, operation = "connect:DescribeContactFlow", code = "AccessDenied", message = "Access Denied" } },
    expect = "error", message = "AccessDenied" },
}
