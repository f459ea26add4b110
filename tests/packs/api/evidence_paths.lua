-- Evidence paths observe as util/jsonptr.h's ca_ptr_get reads them, in any
-- order (ctx.c keeps its place in each array it walks: items cited backwards,
-- twice, past the end, in two arrays one after another), in the resource
-- under test, in another of the same type whose ARN shares all but its last
-- bytes, in another type and outside /resources; with expected items of every
-- kind.  tests/check_sandbox.c compares each item with its own reading
-- (on tests/data/evidence.json: api.json and values of every size).
local B = "/resources/s3_bucket/arn:aws:s3:::acme-b/data/Tags/"
local A = "/resources/connect_instance/arn:aws:connect:us-east-1:111122223333:instance~1"
-- a flow of 260 actions (item 11 a number, item 254 a string), more than the
-- 250 its graph record (policy/cgraph.h) takes: ctx.c finds a cited action
-- there, past it by walking
local F = "/resources/connect_contact_flow/arn:aws:connect:us-east-1:111122223333:instance~1aaaa~1contact-flow~1f1"
    .. "/data/ContactFlow/Content/Actions/"
return {
  id = "API-EVID-001", title = "evidence paths", severity = "info", practice = "LAM-1",
  controls = { BASELINE = {"LAM-1"} }, resource = "connect_instance",
  rationale = "r", remediation = "m",
  check = function(r, ctx)
    local big = r.data.Big          -- each kind of value through views (view.c push_view)
    if big then
      assert(big.t == true and big.f == false and big.n == false and big.absent == nil, "booleans, null, absent")
      assert(big.num == 12.5 and big.int == 7 and math.type(big.int) == "integer", "numbers")
      assert(big.empty == "" and #big.s340 == 340 and big.small.a[5] == "s" and big.small.a[4] == false, "strings")
      assert(type(big.obj) == "userdata" and #big.arr == 40 and big.arr[40] == big.arr[1], "containers")
    end
    local ev = {}
    local function cite(p, expected, note) ev[#ev + 1] = { path = p, expected = expected, note = note } end
    for _, i in ipairs({2, 0, 1, 1, 3, 9, 2, 0}) do cite("data/LambdaFunctions/" .. i) end
    for _, p in ipairs({"01", "-1", "+1", " 1", "", "x"}) do cite("data/LambdaFunctions/" .. p) end
    cite({"data", "LambdaFunctions", 3}, 7)
    cite({"data", "LambdaFunctions", 1}, { a = 1, b = { "x", true } })
    cite(B .. "1/Value", "y", "quoted \" note")
    cite(B .. "0/Key")
    cite(A .. "aaaa/data/LambdaFunctions/1")
    cite(B .. "1")
    cite(A .. "bbbb/data")
    cite(A .. "aaaa/data/LambdaFunctions/0")
    cite(A .. "bbbb/data/LambdaFunctions/0")
    cite(A .. "aaaa/data/LambdaFunctions/2")
    cite(B .. "0/Value")
    cite(A .. "aaab/data")
    cite("/regions/1")
    cite("/regions/0")
    cite("/regions/2")
    cite(ctx:ptr(ctx.snapshot, "account_id"), 111122223333)
    cite("data")
    cite("")
    for _, k in ipairs({"259", "255", "253", "10", "249", "250", "0", "5", "300", "7/Identifier", "251/Type"}) do
      cite(F .. k)
    end
    cite(ctx:ptr(r.data, "LambdaFunctions", 2), nil, "own")   -- views of the resource under test
    cite(ctx:ptr(r.data), nil, "own")
    -- tests/data/evidence.json: values about CA_MAX_OBSERVED_BYTES (2048) printed,
    -- each side of it (elided: a description instead)
    for _, k in ipairs({"s340", "s2046", "s2047", "ctl341", "ctl342", "quotes", "utf8", "obj", "arr", "small",
                        "num", "int", "t", "f", "n", "empty"}) do
      cite("data/Big/" .. k)
    end
    ctx:fail("cited", ev)
  end,
}
