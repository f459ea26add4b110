-- lib/flowrefs.lua: the pure helpers asserted directly; report() exercised
-- through the statuses in data.Items ({status, text}) of the case's resource.
local refs = require "flowrefs"
return {
  id = "LIB-FLOWREFS-001", title = "flowrefs", severity = "info", practice = "FLOW-10",
  controls = { BASELINE = {"FLOW-10"} }, resource = "connect_contact_flow", rationale = "r", remediation = "m",
  check = function(r, ctx)
    local I = "arn:aws:connect:us-east-1:111122223333:instance/abc"
    assert(refs.instance_arn(I .. "/contact-flow/f1") == I)
    assert(refs.instance_arn(I .. "/queue/agent/a1") == I)
    assert(refs.instance_arn(I) == I)
    assert(refs.instance_arn("arn:aws:lambda:us-east-1:111122223333:function:f") == nil)
    assert(refs.instance_arn("arn:aws:connect:us-east-1:111122223333:phone-number/p") == nil)
    assert(refs.instance_arn(nil) == nil)
    -- instance_arn is arn.parse + the resource's "instance/ID" + arn.format, as it was
    local arn = require "arn"
    local function old_instance_arn(s)
      local a = arn.parse(s)
      if not a or a.service ~= "connect" then return nil end
      local id = a.resource:match("^instance/([^/]+)")
      if not id then return nil end
      return arn.format({ partition = a.partition, service = "connect", region = a.region,
                          account = a.account, resource = "instance/" .. id })
    end
    for _, s in ipairs({ I, I .. "/x/y", "arn:aws:connect::1:instance/i", "arn:aws:connect:r::instance/i:j/k",
                         "arn:aws:connect:r:a:instance/", "arn:aws:connect:r:a:instance//x", "arn:aws:connectx:r:a:instance/i",
                         "arn::connect:r:a:instance/i", "arn:aws:connect:r:a:b:instance/i", "arn:aws:connect:r:a:instancex/i",
                         "arn:aws-cn:connect:cn-north-1:1:instance/i\n/x", "xarn:aws:connect:r:a:instance/i", "arn:aws:connect:r:a",
                         "", 7 }) do
      assert(refs.instance_arn(s) == old_instance_arn(s), tostring(s))
    end
    assert(refs.lambda_base("arn:aws:lambda:us-east-1:1:function:f:PROD") == "arn:aws:lambda:us-east-1:1:function:f")
    assert(refs.lambda_base("arn:aws:lambda:us-east-1:1:function:f") == "arn:aws:lambda:us-east-1:1:function:f")
    assert(refs.lambda_base("arn:aws:s3:::b") == nil and refs.lambda_base("f") == nil)
    assert(refs.connect_ref(I, "q1", "queue") == I .. "/queue/q1")
    assert(refs.connect_ref(I, I .. "/queue/q1", "queue") == I .. "/queue/q1")
    assert(refs.connect_ref(I, "$.Attributes.q", "queue") == nil and refs.connect_ref(I, "", "queue") == nil)
    assert(refs.e164("+12") and refs.e164("+123456789012345") and refs.e164("+14155550100"))
    assert(not refs.e164("+1") and not refs.e164("+1234567890123456") and not refs.e164("+0123"))
    assert(not refs.e164("14155550100") and not refs.e164("+1 415") and not refs.e164(nil))
    assert(refs.is_dynamic("$.Attributes.x") and not refs.is_dynamic("x"))
    assert(refs.container_ptr({ type = "t", arn = "a/b~c" }) == "/resources/t/a~1b~0c")
    local items = {}
    -- each item cites its own entry of data.Items (a pass needs evidence)
    for i, it in ipairs(r.data.Items or {}) do
      items[i] = { status = it.status, text = it.text, ev = { { path = ctx:ptr(r.data.Items, i) } } }
    end
    refs.report(ctx, "subject", items, { none = "none here", words = { fail = "bad", pass = "good" } })
  end,
}
