local ARN = "arn:aws:connect:us-east-1:111122223333:instance/i-1/agent/u-1"
local PID = "0f1e2d3c-4b5a-4697-8877-665544332211"
return {
  { name = "a user with a profile passes",
    resource = { arn = ARN, name = "agent1", region = "us-east-1",
                 data = { User = { Username = "agent1", SecurityProfileIds = { PID } } } },
    expect = "pass", message = "1 security profile" },
  { name = "a user with no profile fails",
    resource = { arn = ARN, name = "agent1", region = "us-east-1",
                 data = { User = { Username = "agent1", SecurityProfileIds = {} } } },
    expect = "fail", message = "no security profile" },
  { name = "an ID that is not a UUID does not count",
    resource = { arn = ARN, name = "agent1", region = "us-east-1",
                 data = { User = { SecurityProfileIds = { "short" } } } },
    expect = "fail" },
  { name = "an uncollected user is an error",
    resource = { arn = ARN, name = "agent1", region = "us-east-1", data = {} },
    errors = { { arn = ARN, operation = "connect:DescribeUser", code = "AccessDenied", message = "Access Denied" } },
    expect = "error", message = "AccessDenied" },
}
