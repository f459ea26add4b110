local fk = require "testkit.flow"
local rk = require "testkit.flowrefs"

local LOOKUP = rk.LAMBDA("lookupCustomer")
local ALIAS = "arn:aws:lex:us-east-1:111122223333:bot-alias/ABCDE12345/TSTALIASID"
local function lex2(id, alias)
  return fk.act(id, "ConnectParticipantWithLexBot", { LexV2Bot = { AliasArn = alias }, Text = "How can I help?" },
    nil, { { "NoMatchingCondition", "bye" }, { "InputTimeLimitExceeded", "bye" }, { "NoMatchingError", "bye" } })
end
local function lex1(id, name, region)
  return fk.act(id, "ConnectParticipantWithLexBot", { LexBot = { Name = name, Region = region, Alias = "prod" } },
    nil, { { "NoMatchingCondition", "bye" }, { "NoMatchingError", "bye" } })
end
local function inst(o)
  o = o or {}
  o.lambdas = o.lambdas or { LOOKUP }
  o.bots = o.bots or { { LexBot = { Name = "OrderStatus", LexRegion = "us-east-1" } }, { LexV2Bot = { AliasArn = ALIAS } } }
  return rk.instance(o)
end

return {
  { name = "associated Lambda and V2 and V1 bots pass",
    resource = rk.flow_with("main", { rk.invoke("lookup", LOOKUP, "3", "menu"), lex2("menu", ALIAS), lex1("v1", "OrderStatus", "us-east-1") }),
    others = { inst() },
    expect = "pass", message = "3 of 3 integration(s) associated" },
  { name = "a V1 bot without Region is looked up in the instance's region",
    resource = rk.flow_with("main", { lex1("v1", "OrderStatus", nil) }),
    others = { inst() }, expect = "pass" },
  { name = "a Lambda not associated fails, naming it",
    resource = rk.flow_with("main", { rk.invoke("lookup", rk.LAMBDA("scoreRisk"), "3") }),
    others = { inst() },
    expect = "fail", message = "function:scoreRisk is not associated with the instance" },
  { name = "a qualified ARN whose unqualified function only is associated fails, saying so",
    resource = rk.flow_with("main", { rk.invoke("lookup", LOOKUP .. ":PROD", "3") }),
    others = { inst() },
    expect = "fail", message = "Lambda permissions are per qualifier" },
  { name = "a V2 alias not associated fails",
    resource = rk.flow_with("main", { lex2("menu", "arn:aws:lex:us-east-1:111122223333:bot-alias/ZZZZZ/PROD1") }),
    others = { inst() },
    expect = "fail", message = "Lex V2 alias arn:aws:lex:us-east-1:111122223333:bot-alias/ZZZZZ/PROD1 is not associated" },
  { name = "a V1 bot associated in another region fails",
    resource = rk.flow_with("main", { lex1("v1", "OrderStatus", "us-west-2") }),
    others = { inst() },
    expect = "fail", message = "OrderStatus (us-west-2)" },
  { name = "a dynamic Lambda ARN is unresolved: manual, not pass",
    resource = rk.flow_with("main", { rk.invoke("lookup", LOOKUP, "3", "dyn"), rk.invoke("dyn", "$.Attributes.fn", "3") }),
    others = { inst() },
    expect = "manual", message = "set at run time (unresolved)" },
  { name = "a failing reference outranks an unresolved one",
    resource = rk.flow_with("main", { rk.invoke("dyn", "$.Attributes.fn", "3", "lookup"), rk.invoke("lookup", rk.LAMBDA("gone"), "3") }),
    others = { inst() },
    expect = "fail", message = "1 of 2" },
  { name = "an empty association list fails every reference",
    resource = rk.flow_with("main", { rk.invoke("lookup", LOOKUP, "3") }),
    others = { inst({ lambdas = {} }) },
    expect = "fail", message = "function:lookupCustomer is not associated" },
  { name = "no Lambda or bot: skipped",
    resource = fk.flow("hello", "hi", { fk.say("hi", "Hello.", "bye"), fk.bye() }),
    others = { inst() }, expect = "skipped" },
  { name = "instance LambdaFunctions not collected is an error quoting errors[]",
    resource = rk.flow_with("main", { rk.invoke("lookup", LOOKUP, "3") }),
    others = { inst({ drop = { "LambdaFunctions" } }) },
    errors = { { arn = rk.INSTANCE, operation = "connect:ListLambdaFunctions", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "the flow's instance missing from the snapshot is an error",
    resource = rk.flow_with("main", { rk.invoke("lookup", LOOKUP, "3") }),
    expect = "error", message = "is not in the snapshot" },
  { name = "ContactFlow not collected (AccessDenied) is an error",
    resource = fk.uncollected("support"), errors = fk.denied("support"),
    expect = "error", message = "AccessDenied" },
  { name = "a flow module invoking a Lambda the instance does not hold fails",
    resource = fk.as_module(rk.flow_with("m", { rk.invoke("lookup", rk.LAMBDA("scoreRisk"), "3") })),
    others = { inst() }, expect = "fail", message = "scoreRisk" },
  { name = "a flow module with associated integrations passes",
    resource = fk.as_module(rk.flow_with("m", { rk.invoke("lookup", LOOKUP, "3", "menu"), lex2("menu", ALIAS) })),
    others = { inst() }, expect = "pass" },
}
