local lex = require "lex"

return {
  id = "BASE-LEX-002",
  title = "Lex V2 bots declare COPPA (dataPrivacy.childDirected) to match the audience",
  severity = "high",
  practice = "LEX-1",
  controls = { BASELINE = {"LEX-1"}, PII = {"GDPR-25"} },
  resource = "lexv2_bot",
  rationale = "A bot serving children under 13 must be declared child-directed so that Amazon Lex "
    .. "does not store their utterances (COPPA); the declaration must match the real audience, "
    .. "which the pack parameter lex_audience_children states.",
  remediation = "Amazon Lex V2 console > Bots > the bot > Bot details > Edit > Children's Online Privacy "
    .. "Protection Act (COPPA): Yes when the audience includes children under 13; or: aws lexv2-models "
    .. "update-bot --bot-id ID --bot-name NAME --role-arn ROLE --idle-session-ttl-in-seconds N "
    .. "--data-privacy childDirected=true",
  check = function(r, ctx)
    -- dataPrivacy.childDirected is required by CreateBot/UpdateBot, so
    -- DescribeBot returns it: absent means not collected (need → error)
    local flag = ctx:need(r.data, "Bot", "dataPrivacy", "childDirected")
    local name = r.data.Bot.botName or r.name
    lex.decide_coppa(ctx, flag, "data/Bot/dataPrivacy/childDirected", tostring(name))
  end,
}
