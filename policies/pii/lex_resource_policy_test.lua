local lk = require "testkit.lex"
local B, A, I = lk.B, lk.A, lk.I
local function bot(policy)
  return { arn = B, name = "acme-ivr", region = "us-east-1",
           data = { Bot = { botId = "ABCDE12345", botName = "acme-ivr" }, ResourcePolicy = policy } }
end
local function alias(policy) return lk.alias(nil, policy) end
local bot_other, inst, doc, both = lk.bot, lk.instance, lk.doc, lk.BOTH
local function connect(cond, sid, res) return lk.connect_grant(cond, sid, res or B) end

return {
  { name = "a grant with aws:SourceAccount passes",
    resource = bot(doc(connect({ StringEquals = { ["aws:SourceAccount"] = "111122223333" } }))),
    expect = "pass", message = "lets in only this account" },
  { name = "a grant with ArnEquals aws:SourceArn passes",
    resource = bot(doc(connect({ ArnEquals = { ["aws:SourceArn"] = I } }))),
    expect = "pass" },
  { name = "an unconditioned grant fails",
    resource = bot(doc(connect(nil, "AllowConnect"))), expect = "fail", message = "statement 1 (AllowConnect)" },
  { name = "a negated condition does not guard",
    resource = bot(doc(connect({ StringNotEquals = { ["aws:SourceAccount"] = "444455556666" } }))),
    expect = "fail", message = "confused deputy" },
  { name = "a source condition naming another account fails",
    resource = bot(doc(connect({ StringEquals = { ["aws:SourceAccount"] = "444455556666" } }))),
    expect = "fail", message = "admits another account (aws:SourceAccount 444455556666)" },
  { name = "a null bot policy lets no one in",
    resource = bot(null), expect = "pass", message = "is absent (null)" },
  { name = "a grant to this account's root passes",
    resource = bot(doc({ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" },
                         Action = "lex:*", Resource = B })),
    expect = "pass" },
  { name = "a grant to another account fails",
    resource = bot(doc({ Effect = "Allow", Principal = { AWS = "arn:aws:iam::444455556666:role/x" },
                         Action = "lex:RecognizeText", Resource = B })),
    expect = "fail", message = "lets principal arn:aws:iam::444455556666:role/x in" },
  { name = "Principal * fails",
    resource = bot(doc({ Effect = "Allow", Principal = "*", Action = "lex:RecognizeText", Resource = B })),
    expect = "fail", message = "lets anyone" },
  { name = "a Deny statement is not a grant",
    resource = bot(doc(connect(both), { Effect = "Deny", Principal = "*", Action = "lex:*", Resource = B })),
    expect = "pass" },
  { name = "ResourcePolicy not collected is an error",
    resource = { arn = B, name = "acme-ivr", region = "us-east-1", data = { Bot = { botName = "acme-ivr" } } },
    errors = { { arn = B, operation = "lexv2-models:DescribeResourcePolicy", code = "AccessDeniedException",
                 message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
  -- the alias's own policy, where Amazon Connect writes its grant
  { name = "an alias grant with both source keys passes, naming the alias and its bot",
    resource = alias(doc(connect(both, "c", A))), others = { bot_other, inst },
    expect = "pass", message = "Lex V2 alias prod of bot acme-ivr's resource policy lets in only" },
  { name = "an alias grant without a source condition fails",
    resource = alias(doc(connect(nil, "c", A))), others = { bot_other, inst },
    expect = "fail", message = "confused deputy" },
  { name = "an alias with no policy lets no one in",
    resource = alias(null), others = { inst }, expect = "pass", message = "absent (null)" },
  { name = "an alias policy not collected is an error",
    resource = lk.alias(nil, nil),
    errors = { { arn = A, operation = "lexv2-models:DescribeResourcePolicy", code = "AccessDeniedException",
                 message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
}
