local lex = require "lex"

return {
  id = "BASE-LEX-001",
  title = "Lex V1 bots declare COPPA (childDirected) to match the audience",
  severity = "high",
  practice = "LEX-1",
  controls = { BASELINE = {"LEX-1"}, PII = {"GDPR-25"} },
  resource = "lex_bot",
  rationale = "A bot serving children under 13 must be declared child-directed so that Amazon Lex "
    .. "does not store their utterances (COPPA); the declaration must match the real audience, "
    .. "which the pack parameter lex_audience_children states.",
  remediation = "Amazon Lex V1 console > Bots > the bot > Settings > General > COPPA: Yes when the "
    .. "audience includes children under 13 (No otherwise), then Build and Publish. CLI: aws lex-models "
    .. "get-bot --name NAME --version-or-alias '$LATEST' > bot.json; set childDirected; drop the "
    .. "read-only members (status, failureReason, createdDate, lastUpdatedDate, version); then "
    .. "aws lex-models put-bot --cli-input-json file://bot.json.",
  check = function(r, ctx)
    -- childDirected is required by PutBot, so GetBot always returns it:
    -- absent means the bot was not collected (need → error)
    local flag = ctx:need(r.data, "Bot", "childDirected")
    local name = r.data.Bot.name or r.name
    lex.decide_coppa(ctx, flag, "data/Bot/childDirected", tostring(name))
  end,
}
