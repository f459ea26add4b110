local V = "arn:aws:kinesisvideo:us-east-1:111122223333:stream/acme-connect-contact-1/1700000000000"
local KID = "1234abcd-12ab-34cd-56ef-1234567890ab"
local KARN = "arn:aws:kms:us-east-1:111122223333:key/" .. KID

local function stream(key)
  return { arn = V, name = "acme-connect-contact-1", region = "us-east-1",
           data = { StreamInfo = { StreamName = "acme-connect-contact-1", StreamARN = V, Status = "ACTIVE",
                                   KmsKeyId = key, DataRetentionInHours = 24 } } }
end
local function kms(manager, aliases, arn)
  return { type = "kms_key", arn = arn or KARN, name = KID, region = (arn or KARN):match("^arn:aws:kms:([^:]+):"),
           data = { KeyMetadata = { KeyId = KID, Arn = arn or KARN, KeyManager = manager, KeyState = "Enabled" },
                    Aliases = aliases or {} } }
end

return {
  { name = "key ARN of a customer managed key in the snapshot passes",
    resource = stream(KARN), others = { kms("CUSTOMER") },
    expect = "pass", message = "customer managed key " .. KARN },
  { name = "bare key ID resolves in the stream's account and region",
    resource = stream(KID), others = { kms("CUSTOMER") }, expect = "pass" },
  { name = "default alias name fails",
    resource = stream("alias/aws/kinesisvideo"), expect = "fail", message = "AWS managed key alias/aws/kinesisvideo" },
  { name = "default alias ARN fails",
    resource = stream("arn:aws:kms:us-east-1:111122223333:alias/aws/kinesisvideo"),
    expect = "fail", message = "alias/aws/kinesisvideo" },
  { name = "key ARN of the AWS managed key (found in the snapshot) fails",
    resource = stream(KARN),
    others = { kms("AWS", { { AliasName = "alias/aws/kinesisvideo",
                               AliasArn = "arn:aws:kms:us-east-1:111122223333:alias/aws/kinesisvideo",
                               TargetKeyId = KID } }) },
    expect = "fail", message = "a key managed by AWS" },
  { name = "customer alias found on a key in the snapshot passes via its KeyManager",
    resource = stream("alias/acme-media"),
    others = { kms("CUSTOMER", { { AliasName = "alias/acme-media", TargetKeyId = KID,
                                    AliasArn = "arn:aws:kms:us-east-1:111122223333:alias/acme-media" } }) },
    expect = "pass", message = "(alias alias/acme-media)" },
  { name = "customer alias ARN not in the snapshot passes by the reserved alias namespace",
    resource = stream("arn:aws:kms:us-east-1:111122223333:alias/acme-media"),
    expect = "pass", message = "aliases outside alias/aws/" },
  { name = "an alias of the same name in another region is not taken for this stream's key",
    resource = stream("alias/acme-media"),
    others = { kms("AWS", { { AliasName = "alias/acme-media" } }, "arn:aws:kms:eu-west-1:111122223333:key/" .. KID) },
    expect = "pass", message = "aliases outside alias/aws/" },
  { name = "key of another account is customer managed",
    resource = stream("arn:aws:kms:us-east-1:444455556666:key/" .. KID),
    expect = "pass", message = "account 444455556666" },
  { name = "key of the same account not in the snapshot is an error",
    resource = stream(KARN),
    errors = { { arn = KARN, operation = "kms:DescribeKey", code = "AccessDeniedException", message = "denied" } },
    expect = "error", message = "AccessDeniedException" },
  { name = "key in the snapshot without KeyMetadata is an error",
    resource = stream(KARN),
    others = { { type = "kms_key", arn = KARN, name = KID, region = "us-east-1", data = object{} } },
    expect = "error", message = "KeyMetadata" },
  { name = "KmsKeyId null is an error",
    resource = stream(null), expect = "error", message = "reports no KmsKeyId" },
  { name = "StreamInfo not collected is an error",
    resource = { arn = V, name = "s", region = "us-east-1", data = object{} },
    errors = { { arn = V, operation = "kinesisvideo:DescribeStream", code = "AccessDeniedException",
                 message = "denied" } },
    expect = "error", message = "kinesisvideo:DescribeStream" },
}
