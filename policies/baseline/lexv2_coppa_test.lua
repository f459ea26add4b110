local ARN = "arn:aws:lex:us-east-1:111122223333:bot/ABCDEFGHIJ"
local function bot(b) return { arn = ARN, name = "SupportBot", data = b } end
local function described(flag)
  return { Bot = { botId = "ABCDEFGHIJ", botName = "SupportBot", dataPrivacy = { childDirected = flag } } }
end

return {
  { name = "no children, flag false: pass",
    resource = bot(described(false)),
    expect = "pass", message = "SupportBot" },
  { name = "children in the audience, flag true: pass",
    resource = bot(described(true)),
    params = { lex_audience_children = true },
    expect = "pass" },
  { name = "children in the audience, flag false: fail",
    resource = bot(described(false)),
    params = { lex_audience_children = true },
    expect = "fail", message = "COPPA applies" },
  { name = "no children, flag true: manual",
    resource = bot(described(true)),
    expect = "manual" },
  { name = "dataPrivacy without childDirected is an error",
    resource = bot({ Bot = { botId = "ABCDEFGHIJ", botName = "SupportBot", dataPrivacy = object{} } }),
    expect = "error", message = "dataPrivacy/childDirected" },
  { name = "dataPrivacy absent is an error",
    resource = bot({ Bot = { botId = "ABCDEFGHIJ", botName = "SupportBot" } }),
    expect = "error", message = "missing evidence" },
  { name = "bot not collected is an error",
    resource = bot({ Aliases = {} }),
    errors = { { arn = ARN, operation = "lex:DescribeBot", code = "AccessDeniedException",
                 message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
}
