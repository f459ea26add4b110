local T = require "testkit.storage"
local D = "arn:aws:profile:us-east-1:111122223333:domains/acme-customers"
local function domain(key)
  return { arn = D, name = "acme-customers", region = "us-east-1",
           data = { Domain = { DomainName = "acme-customers", DefaultExpirationDays = 366, DefaultEncryptionKey = key } } }
end

return {
  { name = "a customer managed key passes", resource = domain(T.CMK), others = T.keys(),
    expect = "pass", message = "customer managed key " .. T.CMK },
  { name = "an AWS managed key fails", resource = domain(T.AWSKEY), others = T.keys(),
    expect = "fail", message = "level aws_managed" },
  { name = "DefaultEncryptionKey omitted is AWS's own key and fails", resource = domain(nil),
    expect = "fail", message = "AWS owned key" },
  { name = "domain_key_level aws_owned accepts it", resource = domain(nil),
    params = { domain_key_level = "aws_owned" }, expect = "pass" },
  { name = "a key not in the snapshot is an error", resource = domain("arn:aws:kms:us-east-1:111122223333:key/gone"),
    errors = { { arn = "arn:aws:kms:us-east-1:111122223333:key/gone", operation = "kms:DescribeKey",
                 code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "Domain not collected is an error",
    resource = { arn = D, name = "acme-customers", region = "us-east-1", data = object{} },
    errors = { { arn = D, operation = "profile:GetDomain", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
}
