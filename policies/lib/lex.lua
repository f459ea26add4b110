-- Lex helpers shared by the COPPA rules (BASE-LEX-001 for Lex V1,
-- BASE-LEX-002 for Lex V2): the same decision over each version's flag.
local M = {}

-- Decides LEX-1 for one bot.
--   flag      the bot's childDirected value as read (true, false; JSON null
--             reads as false: "nothing declared" is not a child-directed
--             declaration)
--   path      evidence pointer of that flag
--   bot_name  for messages
-- The audience is a fact the cloud does not hold: the baseline pack's
-- `lex_audience_children` parameter states it.
--
-- audience includes children  -> flag must be true (COPPA: Lex then does not
--                                store utterances); false fails.
-- audience has no children     -> false passes. true is `manual`: Lex keeps no
--                                utterances (more protective, so not a fail),
--                                but AWS requires the flag to state the use
--                                accurately, so either the parameter or the
--                                declaration is wrong and a person must say
--                                which.
function M.decide_coppa(ctx, flag, path, bot_name)
  local children = ctx.params.lex_audience_children == true
  local is_child_directed = flag == true
  if children then
    local want = "true (lex_audience_children = true)"
    if is_child_directed then
      ctx:pass("bot " .. bot_name .. " is declared child-directed (COPPA), as its audience includes children",
        { path = path, expected = want })
    else
      ctx:fail("bot " .. bot_name .. " is not declared child-directed, but the audience includes "
        .. "children under 13 (lex_audience_children = true): COPPA applies and utterances are stored",
        { path = path, expected = want })
    end
  else
    local want = "false (lex_audience_children = false)"
    if is_child_directed then
      ctx:manual("bot " .. bot_name .. " is declared child-directed while the pack says its audience "
        .. "has no children (lex_audience_children = false): confirm which is right; AWS requires "
        .. "the flag to state the use accurately",
        { path = path, expected = want })
    else
      ctx:pass("bot " .. bot_name .. " is not declared child-directed, and the audience has no children",
        { path = path, expected = want })
    end
  end
end

return M
