local lk = require "testkit.lex"
local A, I = lk.A, lk.I
local function alias(policy) return lk.alias(nil, policy) end
local doc, grant = lk.doc, function(cond, actions, res) return lk.connect_grant(cond, nil, res, actions) end

return {
  { name = "Connect's own grant (SourceArn = the instance) passes, linking bot and instance",
    resource = alias(doc(grant({ StringEquals = { ["AWS:SourceAccount"] = "111122223333" },
                                 ArnEquals = { ["AWS:SourceArn"] = I } }))),
    others = { lk.bot, lk.instance }, expect = "pass", message = "instance acme by statement 1 (aws:SourceArn = the instance)" },
  { name = "an account-wide grant passes (Connect may call it)",
    resource = alias(doc(grant({ StringEquals = { ["aws:SourceAccount"] = "111122223333" } }))),
    others = { lk.instance }, expect = "pass", message = "aws:SourceAccount = this account" },
  { name = "no policy fails: Connect cannot call the alias",
    resource = alias(null), others = { lk.bot, lk.instance }, expect = "fail", message = "has no resource policy" },
  { name = "a grant for another instance fails",
    resource = alias(doc(grant({ ArnEquals = { ["aws:SourceArn"] = "arn:aws:connect:us-east-1:111122223333:instance/other" } }))),
    others = { lk.instance }, expect = "fail", message = "aws:SourceArn names another instance" },
  { name = "a grant of RecognizeText alone fails",
    resource = alias(doc(grant(nil, { "lex:RecognizeText" }))), others = { lk.instance },
    expect = "fail", message = "no Allow to connect.amazonaws.com of both" },
  { name = "a grant on another resource fails",
    resource = alias(doc(grant(nil, nil, lk.B))), others = { lk.instance }, expect = "fail", message = "not on this alias" },
  { name = "a Deny on Connect's calls is manual",
    resource = alias(doc(grant({ ArnEquals = { ["aws:SourceArn"] = I } }),
      { Effect = "Deny", Principal = "*", Action = "lex:StartConversation", Resource = A,
        Condition = { StringNotEquals = { ["aws:PrincipalTag/x"] = "y" } } })),
    others = { lk.instance }, expect = "manual", message = "denies lex:StartConversation" },
  { name = "an alias no instance names is skipped",
    resource = alias(null), expect = "skipped" },
  { name = "the alias policy not collected is an error",
    resource = lk.alias({ botAliasName = "prod" }), others = { lk.instance },
    errors = { { arn = A, operation = "lexv2-models:DescribeResourcePolicy", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
}
