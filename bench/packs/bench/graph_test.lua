local ARN = "arn:aws:connect:us-east-1:111122223333:instance/i-1/contact-flow/f-1"
local function res(actions)
  return { arn = ARN, name = "f", region = "us-east-1",
           data = { ContactFlow = { Content = { StartAction = "a", Actions = actions } } } }
end
local END = { Identifier = "z", Type = "DisconnectParticipant", Transitions = object {} }
return {
  { name = "reached through an error branch passes",
    resource = res({ { Identifier = "a", Type = "Compare", Transitions = {
                       Errors = { { ErrorType = "NoMatchingCondition", NextAction = "z" } } } }, END }),
    expect = "pass", message = "all 2 actions" },
  { name = "an orphan action fails",
    resource = res({ { Identifier = "a", Type = "MessageParticipant", Transitions = object {} }, END }),
    expect = "fail", message = "1 of 2" },
  { name = "an uncollected flow is an error",
    resource = { arn = ARN, name = "f", region = "us-east-1", data = {} },
    errors = { { arn = ARN, operation = "connect:DescribeContactFlow", code = "AccessDenied", message = "Access Denied" } },
    expect = "error", message = "AccessDenied" },
}
