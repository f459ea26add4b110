-- Builders for tests of rules over Lex V2 bots and their aliases
-- (PII-LEX-001, PII-LEX-002, BASE-LEX-004; lib/lex.lua).
local M = {}

M.B = "arn:aws:lex:us-east-1:111122223333:bot/ABCDE12345"
M.A = "arn:aws:lex:us-east-1:111122223333:bot-alias/ABCDE12345/PROD01"
M.I = "arn:aws:connect:us-east-1:111122223333:instance/4f1c0000-0000-0000-0000-000000000001"

-- The alias under test: DescribeBotAlias answer `alias` (default: named
-- "prod"), resource policy `policy` (nil: not collected; null: none).
function M.alias(alias, policy)
  return { type = "lexv2_bot_alias", arn = M.A, name = "prod", region = "us-east-1",
           data = { BotAlias = alias or { botAliasId = "PROD01", botAliasName = "prod", botId = "ABCDE12345" },
                    ResourcePolicy = policy } }
end

-- The alias's bot (as another resource), and an instance naming the alias.
M.bot = { type = "lexv2_bot", arn = M.B, name = "acme-ivr", region = "us-east-1",
          data = { Bot = { botId = "ABCDE12345", botName = "acme-ivr" } } }
M.instance = { type = "connect_instance", arn = M.I, name = "acme", region = "us-east-1",
               data = { LexBots = { { LexV2Bot = { AliasArn = M.A } } } } }

-- A policy document of the statements given.
function M.doc(...) return { Version = "2012-10-17", Statement = { ... } } end

-- Amazon Connect's grant of both runtime actions on `resource` (default: the alias).
function M.connect_grant(cond, sid, resource, actions)
  return { Sid = sid or "connect", Effect = "Allow", Principal = { Service = "connect.amazonaws.com" },
           Action = actions or { "lex:RecognizeText", "lex:StartConversation" }, Resource = resource or M.A,
           Condition = cond }
end

-- The conditions Connect writes: both source keys.
M.BOTH = { StringEquals = { ["aws:SourceAccount"] = "111122223333" }, ArnEquals = { ["aws:SourceArn"] = M.I } }

return M
