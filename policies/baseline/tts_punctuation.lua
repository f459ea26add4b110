-- BASE-POL-001 (POL-1): text-to-speech prompts carry punctuation (or SSML)
-- for pauses. Amazon Polly reads an unpunctuated sentence in one breath, so a
-- long prompt without commas or full stops is hard to follow on the phone.
-- Decided per prompt text: the longest stretch without punctuation must not
-- exceed `tts_unpunctuated_max_chars` (default 80 characters, about five
-- seconds of speech). JSONPath values inside the text ("$.Customer.Name") are
-- left out first: their dots are not pauses. Prompts given as SSML (the SSML
-- member, or Text starting with <speak>) pass: SSML marks pauses itself.
local flow = require "flow"
local refs = require "flowrefs"

-- Where each action type keeps its prompt text: list of key paths.
local function prompt_texts(node)
  local p, out = node.params, {}
  if not p then return out end
  if node.type == "MessageParticipantIteratively" then
    if flow.is_view(p.Messages) then
      for i, m in ipairs(p.Messages) do
        if flow.is_view(m) and type(m.Text) == "string" then out[#out + 1] = { "Parameters", "Messages", i, "Text" } end
      end
    end
  elseif type(p.Text) == "string" then
    out[1] = { "Parameters", "Text" }
  end
  return out
end

local TYPES = { MessageParticipant = true, GetParticipantInput = true, ConnectParticipantWithLexBot = true,
                MessageParticipantIteratively = true }
-- ASCII and CJK (Japanese) sentence and clause punctuation.
local PUNCT = { ".", ",", ";", ":", "!", "?", "\u{3001}", "\u{3002}", "\u{FF01}", "\u{FF1F}", "\u{FF0C}", "\u{FF1B}", "\u{FF1A}" }

-- PUNCT as patterns: the ASCII marks as one character class, each CJK mark
-- (three bytes in UTF-8) as its literal bytes. Replacing them with "\n" all at
-- once or one mark after another gives the same string (a "\n" matches no
-- mark); made once, not per prompt (issue 12: this rule's cost was its string
-- work, 13 pattern escapes and 13 gsubs per prompt).
local ASCII_CLASS, WIDE = "[", {}
for _, p in ipairs(PUNCT) do
  if #p == 1 then ASCII_CLASS = ASCII_CLASS .. "%" .. p else WIDE[#WIDE + 1] = p:gsub("%p", "%%%0") end
end
ASCII_CLASS = ASCII_CLASS .. "]"

-- Length in characters of the longest stretch without punctuation.
local function longest_run(text)
  local s = text
  if s:find("$", 1, true) then s = s:gsub("%$[%w_%.%[%]'\"%-]*", " ") end
  s = s:gsub(ASCII_CLASS, "\n")
  if s:find("[\128-\255]") then
    for _, p in ipairs(WIDE) do s = s:gsub(p, "\n") end
  end
  local best = 0
  for run in (s .. "\n"):gmatch("([^\n]*)\n") do
    local t = run:match("^%s*(.-)%s*$")
    local n = utf8.len(t) or #t
    if n > best then best = n end
  end
  return best
end

return {
  id = "BASE-POL-001",
  title = "Text-to-speech prompts use punctuation or SSML for pauses",
  severity = "low",
  practice = "POL-1",
  controls = { BASELINE = { "POL-1" } },
  resource = flow.TYPES, -- flows and flow modules
  rationale = "Amazon Polly pauses only where punctuation or SSML tells it to; a long prompt without them is read "
    .. "as one breathless sentence, which callers misunderstand and ask to repeat, lengthening calls.",
  remediation = "In the flow designer edit the prompt text of each listed block (Play prompt, Get customer input, "
    .. "Loop prompts, Lex block) to add commas and full stops, or switch it to SSML with <break/> and <emphasis>, "
    .. "and publish.",
  check = function(r, ctx)
    local g = flow.load(ctx, r)
    if not g then return end
    local max = tonumber(ctx.params.tts_unpunctuated_max_chars)
    if not max then
      ctx:error("parameter tts_unpunctuated_max_chars is not a number: " .. tostring(ctx.params.tts_unpunctuated_max_chars))
      return
    end
    local expected = ("no stretch longer than %d characters without punctuation (tts_unpunctuated_max_chars), or SSML"):format(max)
    local items = {}
    for _, node in ipairs(refs.actions(g, TYPES)) do
      for _, keys in ipairs(prompt_texts(node)) do
        local text = node.view
        for _, k in ipairs(keys) do text = text[k] end
        -- the words and pointer only for the items the finding shows (flowrefs.report)
        local function what() return ("%s %s"):format(node.type, node.id or "?") end
        local function ev() return { { path = ctx:ptr(node.view, table.unpack(keys)), expected = expected } } end
        if text:match("^%s*<speak") then
          items[#items + 1] = { status = "pass", text = function() return what() .. " prompt is SSML" end, ev = ev }
        else
          -- a text of at most max bytes has no longer stretch (the replacements
          -- never lengthen it): its stretch is measured only if it is shown
          local run = #text > max and longest_run(text) or nil
          if run and run > max then
            items[#items + 1] = { status = "fail", ev = ev, text = function()
              return ("%s prompt runs %d characters without punctuation"):format(what(), run) end }
          else
            items[#items + 1] = { status = "pass", ev = ev, text = function()
              return ("%s prompt (longest unpunctuated stretch %d)"):format(what(), run or longest_run(text)) end }
          end
        end
      end
    end
    refs.report(ctx, r.name or r.arn, items, {
      none = "has no text-to-speech prompt text",
      words = { fail = ("prompt(s) with more than %d characters without punctuation"):format(max),
                pass = "prompt(s) punctuated or in SSML" } })
  end,
}
