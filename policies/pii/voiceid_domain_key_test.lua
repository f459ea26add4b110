local T = require "testkit.storage"
local D = "arn:aws:voiceid:us-east-1:111122223333:domain/AbCdEf123"
local function domain(sse)
  return { arn = D, name = "acme-voice", region = "us-east-1",
           data = { Domain = { DomainId = "AbCdEf123", Name = "acme-voice", DomainStatus = "ACTIVE",
                               ServerSideEncryptionConfiguration = sse } } }
end

return {
  { name = "a customer managed key passes", resource = domain({ KmsKeyId = T.CMK }), others = T.keys(),
    expect = "pass", message = "Voice ID domain acme-voice" },
  { name = "an imported key passes", resource = domain({ KmsKeyId = T.EXTKEY }), others = T.keys(), expect = "pass" },
  { name = "an AWS managed key fails", resource = domain({ KmsKeyId = T.AWSKEY }), others = T.keys(), expect = "fail" },
  { name = "a bare key id resolves in the domain's region", resource = domain({ KmsKeyId = "c0000000-0000-0000-0000-000000000001" }),
    others = T.keys(), expect = "pass" },
  { name = "domain_key_level external fails a customer managed key", resource = domain({ KmsKeyId = T.CMK }),
    others = T.keys(), params = { domain_key_level = "external" }, expect = "fail", message = "below the external required" },
  { name = "ServerSideEncryptionConfiguration missing is an error (CreateDomain requires it)",
    resource = domain(nil), expect = "error", message = "ServerSideEncryptionConfiguration is not in the snapshot" },
  { name = "Domain not collected is an error",
    resource = { arn = D, name = "acme-voice", region = "us-east-1", data = object{} },
    errors = { { arn = D, operation = "voiceid:DescribeDomain", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
}
