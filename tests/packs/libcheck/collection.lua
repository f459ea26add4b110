-- lib/collection.lua: reports what it makes of the case's errors[] in the message
--   "explain=<explain(arn, data.Op)> | op[N]=<explain_op(data.OpWide, region)> | all[N]=<describe(errors_for(arn))>"
local collection = require "collection"
return {
  id = "LIB-COLLECTION-001", title = "collection", severity = "info", practice = "CW-1",
  controls = { BASELINE = {"CW-1"} }, resource = "s3_bucket", rationale = "r", remediation = "m",
  check = function(r, ctx)
    local e1 = { operation = "s3:A", code = "C1", message = "m1" }
    local e2 = { operation = "s3:B", code = "C2", message = "m2" }
    local e3 = { operation = "s3:C", code = "C3", message = "m3" }
    assert(collection.format(e1) == "s3:A failed: C1: m1")
    assert(collection.describe({}) == "" and collection.describe({ e1 }) == "s3:A failed: C1: m1")
    assert(collection.describe({ e1, e2, e3 }) == "s3:A failed: C1: m1; s3:B failed: C2: m2; s3:C failed: C3: m3")
    assert(collection.describe({ e1, e2, e3 }, 2) == "s3:A failed: C1: m1; s3:B failed: C2: m2 and 1 more")
    assert(collection.describe({ e1, e2 }, 2) == "s3:A failed: C1: m1; s3:B failed: C2: m2")
    assert(collection.summary({}) == "no collection error recorded for it")
    assert(collection.summary({ e1, e2 }, 1) == "collection error: s3:A failed: C1: m1 and 1 more")
    local op = r.data.Op or nil
    local wide = collection.errors_for_op(ctx, r.data.OpWide or "ds:DescribeDirectories", r.region)
    assert(#collection.errors_for_op(ctx, "no:SuchOperation") == 0)
    local all = collection.errors_for(ctx, r.arn)
    -- filed_under: the first ARN the snapshot holds as that type, else the fallback
    assert(collection.filed_under(ctx, "s3_bucket", "F", nil, 7, "arn:aws:s3:::nope", r.arn) == r.arn)
    assert(collection.filed_under(ctx, "s3_bucket", "F", "arn:aws:s3:::nope") == "F")
    assert(collection.filed_under(ctx, "kms_key", "F", r.arn) == "F")
    assert(collection.filed_under(ctx, "s3_bucket", "F") == "F")
    ctx:pass(("explain=%s | op[%d]=%s | all[%d]=%s"):format(collection.explain(ctx, r.arn, op), #wide,
      collection.explain_op(ctx, r.data.OpWide or "ds:DescribeDirectories", r.region), #all,
      collection.describe(all)), { path = "data", note = "the assertions above held" })
  end,
}
