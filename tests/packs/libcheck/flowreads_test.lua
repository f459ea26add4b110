local fk = require "testkit.flow"
-- Blocks of several types, a duplicate Identifier, one with none, one with no
-- Type, an item that is no object (so by_index has a hole), and display names
-- under every key shape BASE-FLOW-021 reads.
local function case()
  local dup = fk.act("a", "MessageParticipant", { Text = "again" }, "b")
  local noid = fk.act(nil, "MessageParticipant", { Text = "x" }, "b")
  local notype = fk.act("t", nil, nil, "b")
  local acts = { fk.act("a", "MessageParticipant", { Text = "hi" }, "b"), "not an action",
                 fk.act("b", "DisconnectParticipant", nil), dup, noid, notype,
                 fk.act("c", "MessageParticipant", { Text = "c" }, "b"), fk.act("d", "MessageParticipant", nil, "b"),
                 fk.act("e", "MessageParticipant", nil, "b"), fk.act("f", "MessageParticipant", nil, "b"),
                 fk.act("h", "MessageParticipant", nil, "b") }
  local md = { ActionMetadata = {
    a = { displayName = "greeting" },                       -- both a's: the same entry
    b = { DisplayName = "bye" },                            -- the other casing
    c = { displayName = null, DisplayName = "fromUpper" },  -- null: key displayName, name from DisplayName
    d = { displayName = 7 },                                -- no string: no name
    e = { "an", "array" },                                  -- an array entry: no name
    f = "a string",                                         -- no entry
    t = { displayName = "noType", DisplayName = "other" },
    zz = { displayName = "noBlock" } } }                    -- no block with that id
  local res = fk.flow("sel", "a", acts, md)
  res.data.Names = 5   -- a, b, a (the duplicate), c, t
  return res
end
return { { name = "the engine's reads equal the Lua's", resource = case(), others = { fk.instance("false") },
           expect = { "pass" } } }
