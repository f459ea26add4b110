-- PII-CMP-001: an instance onboarded to outbound campaigns encrypts their
-- data (the numbers dialled and the attributes each dial request carries)
-- with a KMS key at the level the pack's `campaign_key_level` requires
-- (customer managed): Outbound Campaigns' instance config
-- (GetConnectInstanceConfig encryptionConfig: enabled, encryptionType KMS,
-- keyArn). encryptionConfig.enabled false is AWS's own key (aws_owned).
-- Cloud Custodian's connect-campaign kms-key filter reads the same keyArn and
-- matches the key's attributes as a policy author writes them; here the key
-- must be in the snapshot and its KeyManager/Origin decide (lib/kms.lua).
local campaigns = require "campaigns"
local kms = require "kms"

return {
  id = "PII-CMP-001",
  title = "Outbound campaign data is encrypted with a customer managed KMS key",
  severity = "high",
  practice = "PII-2",
  controls = {
    PII = { "GDPR-32(1)(a)", "NIST-800-122-4.3" },
    HIPAA = { "164.312(a)(2)(iv)" },
    BASELINE = { "PII-2" },
  },
  resource = "connect_instance",
  rationale = "Outbound campaigns hold lists of the people to call: phone numbers and the attributes their dial "
    .. "requests carry (names, balances, appointment details). With Outbound Campaigns' own key, the organisation "
    .. "cannot restrict, audit or revoke who decrypts them.",
  remediation = "Outbound Campaigns encryption is chosen at onboarding: aws connectcampaignsv2 "
    .. "start-instance-onboarding-job --connect-instance-id ID --encryption-config "
    .. "enabled=true,encryptionType=KMS,keyArn=KEY_ARN (a customer managed key whose policy lets the "
    .. "connect-campaigns service-linked role use it); changing the key of an onboarded instance means offboarding "
    .. "and onboarding it again (delete-connect-instance-config), so plan it with the campaigns stopped.",
  check = function(r, ctx)
    local name = r.name or r.arn
    local cfg = r.data.CampaignInstanceConfig
    if cfg == nil then return campaigns.config_missing(ctx, r) end
    if cfg == false then
      return ctx:skip(("Instance %s is not onboarded to outbound campaigns (no campaign data)"):format(name))
    end
    local enc = ctx:need(cfg, "encryptionConfig")
    local what = ("Outbound campaign data of instance %s"):format(name)
    local lead = { { path = ctx:ptr(enc, "enabled"), expected = true } }
    local key = nil
    if enc.enabled == true then
      key = ctx:need(enc, "keyArn")
      lead[#lead + 1] = { path = ctx:ptr(enc, "keyArn"), expected = "a customer managed KMS key" }
    end
    local status, msg, ev = kms.judge(ctx, key, ctx.params.campaign_key_level, lead, what, r.region)
    ctx[status](ctx, msg, ev)
  end,
}
