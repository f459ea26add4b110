local B = "arn:aws:s3:::b"
local function bucket(data) return { arn = B, name = "b", region = "us-east-1", data = data or object{} } end
local function err(arn, op, code, msg) return { arn = arn, operation = op, code = code, message = msg } end
local DS_EAST = "arn:aws:ds:us-east-1:111122223333:directory/*"
local DS_WEST = "arn:aws:ds:eu-west-1:111122223333:directory/*"
local IAM = "arn:aws:iam::111122223333:root"
local ERRS = {
  err(B, "s3:GetBucketPolicy", "AccessDenied", "policy denied"),
  err("arn:aws:s3:::other", "s3:GetBucketEncryption", "AccessDenied", "other bucket"),
  err(B, "s3:GetBucketEncryption", "AccessDenied", "encryption denied"),
  err(DS_WEST, "ds:DescribeDirectories", "AccessDeniedException", "west"),
  err(DS_EAST, "ds:DescribeDirectories", "AccessDeniedException", "east"),
  err(IAM, "ds:DescribeDirectories", "ThrottlingException", "global"),
}
return {
  { name = "no errors: both wordings say nothing was recorded",
    resource = bucket(), expect = "pass",
    message = "explain=no collection error recorded for it | op[0]=no collection error recorded for it | all[0]=" },
  { name = "explain lists every error of the ARN, in snapshot order, and no other ARN's",
    resource = bucket(), errors = ERRS, expect = "pass",
    message = "explain=collection error: s3:GetBucketPolicy failed: AccessDenied: policy denied; " ..
      "s3:GetBucketEncryption failed: AccessDenied: encryption denied |" },
  { name = "explain with an operation keeps only that operation's errors",
    resource = bucket({ Op = "s3:GetBucketEncryption" }), errors = ERRS, expect = "pass",
    message = "explain=collection error: s3:GetBucketEncryption failed: AccessDenied: encryption denied |" },
  { name = "explain with an operation that failed nowhere says none was recorded",
    resource = bucket({ Op = "s3:GetBucketLogging" }), errors = ERRS, expect = "pass",
    message = "explain=no collection error recorded for it |" },
  { name = "errors_for lists the ARN's entries only",
    resource = bucket(), errors = ERRS, expect = "pass",
    message = "all[2]=s3:GetBucketPolicy failed: AccessDenied: policy denied; s3:GetBucketEncryption failed" },
  { name = "errors_for_op keeps the region's and region-less entries, not another region's",
    resource = bucket(), errors = ERRS, expect = "pass",
    message = "op[2]=collection error: ds:DescribeDirectories failed: AccessDeniedException: east; " ..
      "ds:DescribeDirectories failed: ThrottlingException: global |" },
  { name = "errors_for_op matches the operation exactly",
    resource = bucket({ OpWide = "ds:Describe" }), errors = ERRS, expect = "pass",
    message = "op[0]=no collection error recorded for it" },
}
