return {
  name = "baseline",
  version = "0.1.0",
  framework = "BASELINE",
  description = "AWS best practices for an Amazon Connect contact center (best-practices checklist)",
  params = {
    -- LEX-1: true when the bots' audience includes children under 13 (COPPA applies)
    lex_audience_children = false,
    -- LAM-2: CloudWatch metric every associated Lambda needs an alarm on
    lambda_alarm_metric = "Errors",
    -- S3-3 (BASE-S3-004): what a bucket policy may grant connect.amazonaws.com on a storage bucket --
    -- the object and bucket reads and writes Amazon Connect's service-linked role policy uses for its
    -- storage (the aws-samples "minimum required policy"); more, or a wildcard, is broader than Connect needs
    connect_bucket_actions = { "s3:GetObject", "s3:GetObjectAcl", "s3:PutObject", "s3:PutObjectAcl", "s3:DeleteObject",
      "s3:GetBucketLocation", "s3:GetBucketAcl", "s3:ListBucket" },
    -- IAM-1 (BASE-CW-011): the IAM API calls whose CloudTrail events must raise an alert (a metric
    -- filter with an alarm, or an EventBridge rule with a target): CIS AWS Foundations' "IAM policy
    -- changes" set
    iam_change_events = { "DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy",
      "PutRolePolicy", "PutUserPolicy", "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion",
      "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy",
      "DetachGroupPolicy" },
    -- USR-1 (BASE-USR-001/002, lib/profiles.lua): security profiles (exact SecurityProfileName)
    -- that are administrator profiles, not agent ones
    admin_profile_names = { "Admin" },
    -- ... profiles that are agent profiles whatever they grant, and the permissions that make any
    -- other profile an agent profile (all of them; BasicAgentAccess is the Contact Control Panel)
    agent_profile_names = {},
    agent_permission_signature = { "BasicAgentAccess" },
    -- ... what an agent (through one profile or the union of a user's profiles) must not hold:
    -- any of these, or all of one list of agent_forbidden_together (reading both users and
    -- security profiles shows who holds which permissions)
    agent_forbidden_permissions = { "Users.Create", "Users.Edit", "Users.Delete", "Users.EditPermission",
      "Users.EnableAndDisable", "SecurityProfiles.Create", "SecurityProfiles.Edit", "SecurityProfiles.Delete" },
    agent_forbidden_together = { { "Users.View", "SecurityProfiles.View" } },
    -- REG-1 (BASE-REG-001): regions to accept beyond lib/eligibility.lua's Connect region list
    -- (for a region AWS launched after that list's date)
    connect_regions_extra = {},
    -- REG-2 (BASE-REG-002): regions accepted for Lex bots, storage-config streams and KMS keys
    -- beside the instance's own (a bot in a paired region on purpose, say)
    integration_regions_extra = {},
    -- DEV-2 (BASE-DEV-001): stage names an instance alias must end with (any case), after a
    -- separator (- _ .) or as a capitalised camelCase word (acme-prod, acme_QA, acmeStaging)
    stage_suffixes = { "dev", "development", "test", "qa", "uat", "stage", "staging", "preprod", "prod",
      "production", "sandbox" },
    -- CW-3 (BASE-CW-010): AWS/Connect metrics that need a notifying alarm with the instance's
    -- InstanceId; an entry that is a list names equivalent metrics, an alarm on any one covering
    -- it. Quota breaches and capacity drop calls silently: ThrottledCalls,
    -- CallsBreachingConcurrencyQuota and ConcurrentCallsPercentage each show the concurrent-call
    -- quota reached. An empty list asks for at least one alarm on any AWS/Connect metric.
    connect_alarm_metrics = { { "ThrottledCalls", "CallsBreachingConcurrencyQuota", "ConcurrentCallsPercentage" } },
    -- FLOW-1 (BASE-FLOW-020): most actions a flow may have; the language allows 250, 100 flags a
    -- flow while it can still be split comfortably
    flow_max_actions = 100,
    -- FLOW-9 (BASE-FLOW-010): a transfer into a queue is a transfer to voicemail (no hours or
    -- staffing check needed) when the queue set, the transfer's name or a prompt on the way has
    -- one of these words (at a word start, any case)
    voicemail_keywords = { "voicemail", "vmx" },
    -- FLOW-2 (BASE-FLOW-021): Lua pattern flow names and block display names must match;
    -- default camelCase (lower-case first letter, then letters and digits only)
    flow_name_pattern = "^%l[%a%d]*$",
    -- LAM-010: longest Lambda Configuration.Timeout (seconds) for a function a flow invokes;
    -- Connect waits at most 8 s (InvocationTimeLimitSeconds 1-8)
    lambda_max_timeout_seconds = 8,
    -- BASE-POL-002: shortest InterruptFrequencySeconds of a loop prompt; below it the prompt is cut
    -- before a caller hears a typical 15-20 s message through
    loop_prompt_min_interrupt_seconds = 20,
    -- POL-1 (BASE-POL-001): longest TTS prompt text (characters) allowed without punctuation or SSML
    tts_unpunctuated_max_chars = 80,
    -- S3-3 (BASE-S3-003): true when buckets holding Connect data must have S3 Object Lock (WORM
    -- evidence retention); false by default: Object Lock also blocks deleting data recorded by
    -- mistake (PCI 3.2.1/3.3.1, GDPR storage limitation)
    object_lock_required = false,
    -- FLOW-8 (BASE-FLOW-040): true when calls must be recorded: agent and customer recording on
    -- along every path into a queue; contact_lens_required: Contact Lens analytics on along those
    -- paths too, and the instance's CONTACT_LENS attribute true
    recording_required = true,
    contact_lens_required = false,
    -- BASE-CMP-003 (outbound campaigns' dialer): the largest share of the instance's outbound capacity
    -- one campaign may take (capacity / dialingCapacity, 0.01-1); the shortest ring time (seconds) before
    -- an unanswered campaign call is dropped -- 15 s is the US floor (47 CFR 64.1200(a)(6): 15 seconds
    -- or four rings); the shortest time an agent has to preview a contact (preview dialer)
    campaign_max_capacity = 1.0,
    campaign_min_ring_seconds = 15,
    campaign_min_preview_seconds = 10,
    -- BASE-CMP-004: blocks that hold a called customer who answered away from the agent waiting for the
    -- call (progressive, predictive and preview dialers), reachable from the campaign flow's start
    -- CW-4 (BASE-CPR-001, Security Hub Connect.1's requiredKeyTags): tag keys every Customer Profiles
    -- object type must have (case-sensitive; Security Hub takes at most 6); empty: any key not beginning
    -- with aws: (system tags never count)
    profile_object_type_required_tag_keys = {},
    campaign_flow_slow_actions = { "UpdateContactAttributes", "InvokeLambdaFunction", "MessageParticipant",
      "UpdateContactEventHooks", "UpdateContactTargetQueue" },
    -- TEL-2 (BASE-TEL-010): the countries (ISO 3166-1 alpha-2, as PhoneNumberCountryCode) the contact
    -- center serves; a claimed number elsewhere fails. Empty: not stated, each number is manual
    phone_number_countries = {},
  },
}
