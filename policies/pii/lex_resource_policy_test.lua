local B = "arn:aws:lex:us-east-1:111122223333:bot/ABCDE12345"
local function bot(policy)
  return { arn = B, name = "acme-ivr", region = "us-east-1",
           data = { Bot = { botId = "ABCDE12345", botName = "acme-ivr" }, ResourcePolicy = policy } }
end
local function connect(cond, sid)
  return { Sid = sid or "connect", Effect = "Allow", Principal = { Service = "connect.amazonaws.com" },
           Action = { "lex:RecognizeText", "lex:StartConversation" }, Resource = B, Condition = cond }
end
local function doc(...) return { Version = "2012-10-17", Statement = { ... } } end

return {
  { name = "a grant with aws:SourceAccount passes",
    resource = bot(doc(connect({ StringEquals = { ["aws:SourceAccount"] = "111122223333" } }))),
    expect = "pass", message = "only with a source condition" },
  { name = "a grant with ArnEquals aws:SourceArn passes",
    resource = bot(doc(connect({ ArnEquals = { ["aws:SourceArn"] =
      "arn:aws:connect:us-east-1:111122223333:instance/4f1c0000-0000-0000-0000-000000000001" } }))),
    expect = "pass" },
  { name = "an unconditioned grant fails",
    resource = bot(doc(connect(nil, "AllowConnect"))), expect = "fail", message = "statement 1 (AllowConnect)" },
  { name = "a negated condition does not guard",
    resource = bot(doc(connect({ StringNotEquals = { ["aws:SourceAccount"] = "444455556666" } }))),
    expect = "fail", message = "confused deputy" },
  { name = "a null bot policy is manual (the grant lives on the alias)",
    resource = bot(null), expect = "manual", message = "is absent (null)" },
  { name = "a policy granting only another principal is manual",
    resource = bot(doc({ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" },
                         Action = "lex:*", Resource = B })),
    expect = "manual", message = "grants nothing to connect.amazonaws.com" },
  { name = "ResourcePolicy not collected is an error",
    resource = { arn = B, name = "acme-ivr", region = "us-east-1", data = { Bot = { botName = "acme-ivr" } } },
    errors = { { arn = B, operation = "lexv2-models:DescribeResourcePolicy", code = "AccessDeniedException",
                 message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
}
