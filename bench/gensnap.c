/*
 * gensnap.c -- writes a large synthetic snapshot (docs/snapshot.md, v1) for
 * the benchmark: deterministic from --seed, schema-valid, shaped like a big
 * Amazon Connect account (20,000 agents, 3,000 flows of 30-80 actions).
 *
 *   gensnap [-o OUT] [--seed N] [--users N] [--flows N] [--min-actions N]
 *           [--max-actions N] [--profiles N] [--buckets N] [--instances N]
 *           [--transfers 0|1]
 *
 * --transfers 1 ends every flow but the first of each instance with a
 * TransferToFlow: even flows to the instance's first flow (a hub every other
 * flow calls), odd flows to the flow before them in the instance (a chain),
 * so rules that look at the callers of a flow have callers to look at.
 *
 * Plain stdio, no JSON library: every string written is generated here and
 * goes through put_str(), which escapes it.  The file is written to a
 * temporary name beside OUT and renamed, so a reader never sees half a file.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ACCOUNT "111122223333"
#define REGION "us-east-1"
#define MAX_ACTIONS 250        /* the flow language's own limit */
#define ID_LEN 37              /* a UUID and its NUL */
#define ARN_LEN 256

typedef struct cfg {
  const char *out;
  uint64_t seed;
  long users, flows, amin, amax, profiles, buckets, instances, transfers;
  long keys, streams, loggroups, lambdas;
} cfg;

typedef struct gen {
  FILE *f;
  uint64_t rng;
  const cfg *c;
  char (*inst)[ID_LEN];       /* instance IDs */
  char (*prof)[ID_LEN];       /* security profile IDs, by index */
  char (*keyid)[ID_LEN];      /* KMS key IDs */
  char (*flowarn)[ARN_LEN];   /* flow ARNs so far (--transfers 1) */
  int first;                  /* no comma before the next member */
} gen;

/* ---- randomness: splitmix64, so equal seeds give equal bytes everywhere */

static uint64_t rnd(gen *g) {
  uint64_t z = (g->rng += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

static long rnd_in(gen *g, long lo, long hi) { return lo + (long)(rnd(g) % (uint64_t)(hi - lo + 1)); }
static int chance(gen *g, int percent) { return (long)(rnd(g) % 100) < percent; }

static void uuid(gen *g, char out[ID_LEN]) {
  uint64_t a = rnd(g), b = rnd(g);
  snprintf(out, ID_LEN, "%08" PRIx32 "-%04" PRIx32 "-4%03" PRIx32 "-%04" PRIx32 "-%012" PRIx64,
           (uint32_t)(a >> 32), (uint32_t)(a >> 16) & 0xffff, (uint32_t)a & 0xfff,
           (uint32_t)(0x8000 | ((b >> 48) & 0x3fff)), (uint64_t)(b & 0xffffffffffffULL));
}

/* ---- JSON output -------------------------------------------------------- */

static void put_str(gen *g, const char *s) {
  putc('"', g->f);
  for (; *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch == '"' || ch == '\\') fprintf(g->f, "\\%c", ch);
    else if (ch < 0x20) fprintf(g->f, "\\u%04x", ch);
    else putc(ch, g->f);
  }
  putc('"', g->f);
}

static void sep(gen *g) {
  if (!g->first) putc(',', g->f);
  g->first = 0;
}

static void key(gen *g, const char *k) {
  sep(g);
  put_str(g, k);
  putc(':', g->f);
}

static void open_obj(gen *g, const char *k) {
  if (k) key(g, k);
  else sep(g);
  putc('{', g->f);
  g->first = 1;
}

static void open_arr(gen *g, const char *k) {
  if (k) key(g, k);
  else sep(g);
  putc('[', g->f);
  g->first = 1;
}

static void close_obj(gen *g) { putc('}', g->f); g->first = 0; }
static void close_arr(gen *g) { putc(']', g->f); g->first = 0; }

static void kv_str(gen *g, const char *k, const char *v) { key(g, k); put_str(g, v); }
static void kv_num(gen *g, const char *k, long v) { key(g, k); fprintf(g->f, "%ld", v); }
static void kv_bool(gen *g, const char *k, int v) { key(g, k); fputs(v ? "true" : "false", g->f); }
static void kv_null(gen *g, const char *k) { key(g, k); fputs("null", g->f); }
static void item_str(gen *g, const char *v) { sep(g); put_str(g, v); }

/* "arn": {"name": …, "region": …, "data": {  -- left open at data */
static void open_resource(gen *g, const char *arn, const char *name) {
  open_obj(g, arn);
  kv_str(g, "name", name);
  kv_str(g, "region", REGION);
  open_obj(g, "data");
}

static void close_resource(gen *g) { close_obj(g); close_obj(g); }

static void inst_arn(const gen *g, long i, char out[ARN_LEN]) {
  snprintf(out, ARN_LEN, "arn:aws:connect:%s:%s:instance/%s", REGION, ACCOUNT, g->inst[i % g->c->instances]);
}

static void key_arn(const gen *g, long i, char out[ARN_LEN]) {
  snprintf(out, ARN_LEN, "arn:aws:kms:%s:%s:key/%s", REGION, ACCOUNT, g->keyid[i % g->c->keys]);
}

/* ---- connect_instance -------------------------------------------------- */

static void storage_s3(gen *g, const char *type, long i) {
  char karn[ARN_LEN], bucket[64];
  open_arr(g, type);
  open_obj(g, NULL);
  char assoc[ID_LEN];
  uuid(g, assoc);
  kv_str(g, "AssociationId", assoc);
  kv_str(g, "StorageType", "S3");
  open_obj(g, "S3Config");
  snprintf(bucket, sizeof bucket, "acme-connect-%03ld", i % g->c->buckets);
  kv_str(g, "BucketName", bucket);
  kv_str(g, "BucketPrefix", type);
  open_obj(g, "EncryptionConfig");
  kv_str(g, "EncryptionType", "KMS");
  key_arn(g, i, karn);
  kv_str(g, "KeyId", karn);
  close_obj(g);
  close_obj(g);
  close_obj(g);
  close_arr(g);
}

static void storage_kinesis(gen *g, const char *type, long i) {
  char arn[ARN_LEN];
  open_arr(g, type);
  open_obj(g, NULL);
  kv_str(g, "StorageType", "KINESIS_STREAM");
  open_obj(g, "KinesisStreamConfig");
  snprintf(arn, sizeof arn, "arn:aws:kinesis:%s:%s:stream/connect-ctr-%03ld", REGION, ACCOUNT, i % g->c->streams);
  kv_str(g, "StreamArn", arn);
  close_obj(g);
  close_obj(g);
  close_arr(g);
}

static void instance_attributes(gen *g, long i) {
  static const char *const types[] = {"INBOUND_CALLS", "OUTBOUND_CALLS", "CONTACTFLOW_LOGS",
                                      "CONTACT_LENS", "AUTO_RESOLVE_BEST_VOICES", "USE_CUSTOM_TTS_VOICES",
                                      "EARLY_MEDIA", "MULTI_PARTY_CONFERENCE", "HIGH_VOLUME_OUTBOUND",
                                      "ENHANCED_CONTACT_MONITORING"};
  open_arr(g, "Attributes");
  for (size_t k = 0; k < sizeof types / sizeof types[0]; k++) {
    open_obj(g, NULL);
    kv_str(g, "AttributeType", types[k]);
    kv_str(g, "Value", (k + (size_t)i) % 3 ? "true" : "false");
    close_obj(g);
  }
  close_arr(g);
}

static void one_instance(gen *g, long i) {
  char arn[ARN_LEN], alias[64], role[ARN_LEN];
  inst_arn(g, i, arn);
  snprintf(alias, sizeof alias, "acme-contact-%ld", i);
  open_resource(g, arn, alias);
  open_obj(g, "Instance");
  kv_str(g, "Id", g->inst[i]);
  kv_str(g, "Arn", arn);
  kv_str(g, "IdentityManagementType", i % 2 ? "CONNECT_MANAGED" : "SAML");
  kv_str(g, "InstanceAlias", alias);
  kv_str(g, "CreatedTime", "2024-03-11T08:15:00Z");
  snprintf(role, sizeof role, "arn:aws:iam::%s:role/aws-service-role/connect.amazonaws.com/"
           "AWSServiceRoleForAmazonConnect_%ld", ACCOUNT, i);
  kv_str(g, "ServiceRole", role);
  kv_str(g, "InstanceStatus", "ACTIVE");
  kv_bool(g, "InboundCallsEnabled", 1);
  kv_bool(g, "OutboundCallsEnabled", 1);
  close_obj(g);
  instance_attributes(g, i);
  /* Outbound Campaigns as collect writes them for an instance without any:
   * both lists read and empty, and no campaign config (null: not onboarded).
   * Without them BASE-CMP-001 and PII-CMP-001 rightly say `error` (not
   * collected, no errors[] entry). */
  open_arr(g, "CampaignsV2");
  close_arr(g);
  open_arr(g, "CampaignsV1");
  close_arr(g);
  kv_null(g, "CampaignInstanceConfig");
  open_obj(g, "StorageConfigs");
  storage_s3(g, "CALL_RECORDINGS", i);
  storage_s3(g, "CHAT_TRANSCRIPTS", i + 1);
  storage_s3(g, "SCHEDULED_REPORTS", i + 2);
  storage_kinesis(g, "CONTACT_TRACE_RECORDS", i);
  storage_kinesis(g, "AGENT_EVENTS", i + 1);
  /* every other type was collected and is not configured: [] */
  static const char *const unused[] = {
    "MEDIA_STREAMS", "REAL_TIME_CONTACT_ANALYSIS_SEGMENTS", "ATTACHMENTS", "CONTACT_EVALUATIONS",
    "SCREEN_RECORDINGS", "REAL_TIME_CONTACT_ANALYSIS_CHAT_SEGMENTS",
    "REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS", "EMAIL_MESSAGES"};
  for (size_t k = 0; k < sizeof unused / sizeof unused[0]; k++) {
    open_arr(g, unused[k]);
    close_arr(g);
  }
  close_obj(g);
  open_arr(g, "LambdaFunctions");
  for (long k = 0; k < g->c->lambdas; k++) {
    snprintf(arn, sizeof arn, "arn:aws:lambda:%s:%s:function:ivr-fn-%03ld", REGION, ACCOUNT, k);
    item_str(g, arn);
  }
  close_arr(g);
  open_arr(g, "LexBots");
  close_arr(g);
  open_arr(g, "ApprovedOrigins");
  item_str(g, "https://agents.example.com");
  close_arr(g);
  /* collected (ListAnalyticsDataAssociations), none shared: without it
   * PII-ANA-001 is `error` on every instance, as on an older collector's */
  open_arr(g, "AnalyticsDataAssociations");
  close_arr(g);
  close_resource(g);
}

/* ---- security profiles and users --------------------------------------- */

static const char *const permissions[] = {
  "BasicAgentAccess", "OutboundCallAccess", "AccessMetrics", "RealtimeMetrics.Access",
  "HistoricalMetrics.Access", "ContactSearchView", "ListenCallRecordings",
  "DownloadCallRecordings", "ManagerListenIn", "ManagerBargeIn", "Users.View", "Users.Edit",
  "Users.Create", "Users.Delete", "Users.EditPermission", "SecurityProfiles.View",
  "SecurityProfiles.Edit", "SecurityProfiles.Create", "RoutingPolicies.View",
  "RoutingPolicies.Edit", "ContactFlows.View", "ContactFlows.Edit", "ContactFlows.Create",
  "ContactFlowModules.View", "ContactFlowModules.Edit", "Queues.View", "Queues.Edit",
  "HoursOfOperation.View", "HoursOfOperation.Edit", "PhoneNumbers.View", "PhoneNumbers.Claim",
  "Prompts.View", "Prompts.Edit", "AgentStates.View", "AgentStates.Edit", "TransferDestinations.View",
  "ContactAttributes.View", "GraphTranscripts.View", "ContactLensCustomVocabulary.View",
  "ContactLensPostContactSummary.View", "RedactedData.View", "UnredactedData.View",
};
enum { NPERM = sizeof permissions / sizeof permissions[0] };

static void one_profile(gen *g, long i) {
  char arn[ARN_LEN], name[64];
  long inst = i % g->c->instances;
  snprintf(arn, sizeof arn, "arn:aws:connect:%s:%s:instance/%s/security-profile/%s", REGION, ACCOUNT,
           g->inst[inst], g->prof[i]);
  snprintf(name, sizeof name, i < 4 ? "Admin-%03ld" : "Agent-tier-%03ld", i);
  open_resource(g, arn, name);
  open_obj(g, "SecurityProfile");
  kv_str(g, "Id", g->prof[i]);
  kv_str(g, "OrganizationResourceId", g->inst[inst]);
  kv_str(g, "Arn", arn);
  kv_str(g, "SecurityProfileName", name);
  kv_str(g, "Description", i < 4 ? "Full administrative access" : "Agents of one line of business");
  open_obj(g, "Tags");
  kv_str(g, "team", i % 2 ? "sales" : "support");
  close_obj(g);
  kv_str(g, "LastModifiedTime", "2026-10-02T14:01:07Z");
  kv_str(g, "LastModifiedRegion", REGION);
  close_obj(g);
  open_arr(g, "Permissions");
  long n = i < 4 ? NPERM : rnd_in(g, 3, 18);
  for (long k = 0; k < n; k++) item_str(g, permissions[i < 4 ? k : (long)(rnd(g) % NPERM)]);
  close_arr(g);
  close_resource(g);
}

static void one_user(gen *g, long i) {
  char id[ID_LEN], arn[ARN_LEN], uname[32], email[64], other[ID_LEN];
  long inst = i % g->c->instances;
  uuid(g, id);
  snprintf(arn, sizeof arn, "arn:aws:connect:%s:%s:instance/%s/agent/%s", REGION, ACCOUNT, g->inst[inst], id);
  snprintf(uname, sizeof uname, "agent%06ld", i);
  snprintf(email, sizeof email, "agent%06ld@example.com", i);
  open_resource(g, arn, uname);
  open_obj(g, "User");
  kv_str(g, "Id", id);
  kv_str(g, "Arn", arn);
  kv_str(g, "Username", uname);
  open_obj(g, "IdentityInfo");
  kv_str(g, "FirstName", "Alex");
  kv_str(g, "LastName", "Example");
  kv_str(g, "Email", email);
  close_obj(g);
  open_obj(g, "PhoneConfig");
  kv_str(g, "PhoneType", chance(g, 90) ? "SOFT_PHONE" : "DESK_PHONE");
  kv_bool(g, "AutoAccept", chance(g, 30));
  kv_num(g, "AfterContactWorkTimeLimit", rnd_in(g, 0, 120));
  kv_str(g, "DeskPhoneNumber", "");
  close_obj(g);
  uuid(g, other);
  kv_str(g, "DirectoryUserId", other);
  open_arr(g, "SecurityProfileIds");
  long np = chance(g, 2) ? 1 + (long)(rnd(g) % 4) : rnd_in(g, 1, 3);
  /* A user holds profiles of its own instance (profile i lives in instance
   * i % instances), as Connect allows; one of another instance would be a
   * profile the snapshot lacks for it. */
  long per = (g->c->profiles - inst + g->c->instances - 1) / g->c->instances;
  for (long k = 0; k < np; k++) {
    long p = per > 0 ? (long)(rnd(g) % (uint64_t)per) * g->c->instances + inst : (long)(rnd(g) % (uint64_t)g->c->profiles);
    item_str(g, g->prof[p]);
  }
  close_arr(g);
  uuid(g, other);
  kv_str(g, "RoutingProfileId", other);
  uuid(g, other);
  kv_str(g, "HierarchyGroupId", other);
  open_obj(g, "Tags");
  close_obj(g);
  kv_str(g, "LastModifiedTime", "2026-09-14T10:22:31Z");
  kv_str(g, "LastModifiedRegion", REGION);
  close_obj(g);
  close_resource(g);
}

/* ---- contact flows ----------------------------------------------------- */

typedef struct flowctx {
  char (*ids)[ID_LEN];
  long n;          /* actions */
  long inst;
  const char *transfer_to;   /* TransferToFlow target (an ARN), or NULL */
} flowctx;

static void err_to(gen *g, const char *type, const char *target) {
  open_obj(g, NULL);
  kv_str(g, "NextAction", target);
  kv_str(g, "ErrorType", type);
  close_obj(g);
}

static void cond_to(gen *g, const char *op, const char *operand, const char *target) {
  open_obj(g, NULL);
  kv_str(g, "NextAction", target);
  open_obj(g, "Condition");
  kv_str(g, "Operator", op);
  open_arr(g, "Operands");
  item_str(g, operand);
  close_arr(g);
  close_obj(g);
  close_obj(g);
}

/* A forward target (the graph is a DAG ending in the disconnect). */
static const char *fwd(gen *g, const flowctx *fc, long i) {
  return fc->ids[rnd_in(g, i + 1, fc->n - 1)];
}

static void act_logging(gen *g, const flowctx *fc, long i) {
  open_obj(g, "Parameters");
  kv_str(g, "FlowLoggingBehavior", chance(g, 80) ? "Enabled" : "Disabled");
  close_obj(g);
  open_obj(g, "Transitions");
  kv_str(g, "NextAction", fc->ids[i + 1]);
  close_obj(g);
}

static void act_recording(gen *g, const flowctx *fc, long i) {
  open_obj(g, "Parameters");
  open_obj(g, "RecordingBehavior");
  open_arr(g, "RecordedParticipants");
  if (chance(g, 85)) { item_str(g, "Agent"); item_str(g, "Customer"); }
  close_arr(g);
  kv_str(g, "IVRRecordingBehavior", chance(g, 50) ? "Enabled" : "Disabled");
  close_obj(g);
  open_obj(g, "AnalyticsBehavior");
  kv_str(g, "Enabled", "True");
  kv_str(g, "AnalyticsLanguage", "en-US");
  kv_str(g, "AnalyticsRedactionBehavior", chance(g, 70) ? "Enabled" : "Disabled");
  kv_str(g, "AnalyticsRedactionResults", chance(g, 80) ? "RedactedOnly" : "RedactedAndOriginal");
  close_obj(g);
  close_obj(g);
  open_obj(g, "Transitions");
  kv_str(g, "NextAction", fc->ids[i + 1]);
  close_obj(g);
}

static void act_input(gen *g, const flowctx *fc, long i) {
  int store = chance(g, 25);
  const char *disc = fc->ids[fc->n - 1];
  open_obj(g, "Parameters");
  kv_str(g, "Text", store ? "Please enter your card number, followed by the pound key."
                          : "For sales, press 1. For support, press 2. For billing, press 3.");
  kv_str(g, "StoreInput", store ? "True" : "False");
  kv_str(g, "InputTimeLimitSeconds", "5");
  if (store) {
    open_obj(g, "InputValidation");
    open_obj(g, "CustomValidation");
    kv_str(g, "MaximumLength", "16");
    close_obj(g);
    close_obj(g);
    if (chance(g, 60)) {
      char karn[ARN_LEN];
      key_arn(g, i, karn);
      open_obj(g, "InputEncryption");
      kv_str(g, "EncryptionKeyId", karn);
      kv_str(g, "Key", "-----BEGIN CERTIFICATE-----MIIBszCCAVmgAwIBAgIU-----END CERTIFICATE-----");
      close_obj(g);
    }
  }
  close_obj(g);
  open_obj(g, "Transitions");
  kv_str(g, "NextAction", fc->ids[i + 1]);
  open_arr(g, "Errors");
  if (!store) {
    err_to(g, "InputTimeLimitExceeded", fwd(g, fc, i));
    err_to(g, "NoMatchingCondition", fwd(g, fc, i));
  }
  err_to(g, "NoMatchingError", disc);
  close_arr(g);
  open_arr(g, "Conditions");
  for (int k = 1; !store && k <= 3; k++) {
    char digit[2] = {(char)('0' + k), '\0'};
    cond_to(g, "Equals", digit, fwd(g, fc, i));
  }
  close_arr(g);
  close_obj(g);
}

static void act_lambda(gen *g, const flowctx *fc, long i) {
  char arn[ARN_LEN];
  snprintf(arn, sizeof arn, "arn:aws:lambda:%s:%s:function:ivr-fn-%03ld", REGION, ACCOUNT,
           (long)(rnd(g) % (uint64_t)g->c->lambdas));
  open_obj(g, "Parameters");
  kv_str(g, "LambdaFunctionARN", arn);
  kv_str(g, "InvocationTimeLimitSeconds", "8");
  open_obj(g, "LambdaInvocationAttributes");
  kv_str(g, "accountNumber", "$.Attributes.accountNumber");
  close_obj(g);
  open_obj(g, "ResponseValidation");
  kv_str(g, "ResponseType", "STRING_MAP");
  close_obj(g);
  close_obj(g);
  open_obj(g, "Transitions");
  kv_str(g, "NextAction", fc->ids[i + 1]);
  open_arr(g, "Errors");
  err_to(g, "NoMatchingError", fc->ids[fc->n - 1]);
  close_arr(g);
  close_obj(g);
}

static void act_hours(gen *g, const flowctx *fc, long i) {
  open_obj(g, "Parameters");
  if (chance(g, 70)) {
    char id[ID_LEN], arn[ARN_LEN];
    uuid(g, id);
    snprintf(arn, sizeof arn, "arn:aws:connect:%s:%s:instance/%s/operating-hours/%s", REGION, ACCOUNT,
             g->inst[fc->inst], id);
    kv_str(g, "HoursOfOperationId", arn);
  }
  close_obj(g);
  open_obj(g, "Transitions");
  kv_str(g, "NextAction", fc->ids[i + 1]);
  open_arr(g, "Errors");
  err_to(g, "NoMatchingError", fc->ids[fc->n - 1]);
  close_arr(g);
  open_arr(g, "Conditions");
  cond_to(g, "Equals", "True", fc->ids[i + 1]);
  cond_to(g, "Equals", "False", fwd(g, fc, i));
  close_arr(g);
  close_obj(g);
}

static void act_compare(gen *g, const flowctx *fc, long i) {
  static const char *const ops[] = {"Equals", "TextStartsWith", "TextContains", "NumberGreaterThan"};
  open_obj(g, "Parameters");
  kv_str(g, "ComparisonValue", "$.Attributes.customerTier");
  close_obj(g);
  open_obj(g, "Transitions");
  kv_str(g, "NextAction", fc->ids[i + 1]);
  open_arr(g, "Errors");
  err_to(g, "NoMatchingCondition", fc->ids[i + 1]);
  close_arr(g);
  open_arr(g, "Conditions");
  cond_to(g, ops[rnd(g) % 4], "gold", fwd(g, fc, i));
  cond_to(g, ops[rnd(g) % 4], "silver", fwd(g, fc, i));
  close_arr(g);
  close_obj(g);
}

static void act_attributes(gen *g, const flowctx *fc, long i) {
  open_obj(g, "Parameters");
  open_obj(g, "Attributes");
  kv_str(g, "customerTier", "$.External.tier");
  kv_str(g, "lastMenu", "main");
  close_obj(g);
  kv_str(g, "TargetContact", "Current");
  close_obj(g);
  open_obj(g, "Transitions");
  kv_str(g, "NextAction", fc->ids[i + 1]);
  open_arr(g, "Errors");
  err_to(g, "NoMatchingError", fc->ids[fc->n - 1]);
  close_arr(g);
  close_obj(g);
}

static void act_message(gen *g, const flowctx *fc, long i) {
  open_obj(g, "Parameters");
  kv_str(g, "Text", "Thank you for calling. This call may be recorded for quality purposes.");
  close_obj(g);
  open_obj(g, "Transitions");
  kv_str(g, "NextAction", fc->ids[i + 1]);
  open_arr(g, "Errors");
  err_to(g, "NoMatchingError", fc->ids[fc->n - 1]);
  close_arr(g);
  close_obj(g);
}

static void act_to_queue(gen *g, const flowctx *fc, long i) {
  (void)i;
  open_obj(g, "Parameters");
  close_obj(g);
  open_obj(g, "Transitions");
  kv_str(g, "NextAction", fc->ids[fc->n - 1]);
  open_arr(g, "Errors");
  err_to(g, "QueueAtCapacity", fc->ids[fc->n - 1]);
  err_to(g, "NoMatchingError", fc->ids[fc->n - 1]);
  close_arr(g);
  close_obj(g);
}

static void act_transfer(gen *g, const flowctx *fc, long i) {
  (void)i;
  open_obj(g, "Parameters");
  kv_str(g, "ContactFlowId", fc->transfer_to);
  close_obj(g);
  open_obj(g, "Transitions");
  open_arr(g, "Errors");
  err_to(g, "NoMatchingError", fc->ids[fc->n - 2]);
  close_arr(g);
  close_obj(g);
}

static void act_disconnect(gen *g, const flowctx *fc, long i) {
  (void)fc;
  (void)i;
  open_obj(g, "Parameters");
  close_obj(g);
  open_obj(g, "Transitions");
  close_obj(g);
}

typedef void (*act_fn)(gen *, const flowctx *, long);
typedef struct act_kind { const char *type; act_fn fn; } act_kind;

static const act_kind middle[] = {
  {"GetParticipantInput", act_input}, {"InvokeLambdaFunction", act_lambda},
  {"CheckHoursOfOperation", act_hours}, {"Compare", act_compare},
  {"UpdateContactAttributes", act_attributes}, {"MessageParticipant", act_message},
  {"UpdateFlowLoggingBehavior", act_logging}, {"UpdateContactRecordingBehavior", act_recording},
};

static act_kind kind_at(gen *g, const flowctx *fc, long i) {
  if (i == fc->n - 1) return (act_kind){"DisconnectParticipant", act_disconnect};
  if (i == fc->n - 2) return (act_kind){"TransferContactToQueue", act_to_queue};
  if (i == fc->n - 3 && fc->transfer_to && i > 1) return (act_kind){"TransferToFlow", act_transfer};
  if (i == 0) return (act_kind){"UpdateFlowLoggingBehavior", act_logging};
  if (i == 1) return (act_kind){"UpdateContactRecordingBehavior", act_recording};
  return middle[rnd(g) % (sizeof middle / sizeof middle[0])];
}

static void flow_metadata(gen *g, const flowctx *fc) {
  open_obj(g, "Metadata");
  open_obj(g, "entryPointPosition");
  kv_num(g, "x", 40);
  kv_num(g, "y", 40);
  close_obj(g);
  open_obj(g, "ActionMetadata");
  for (long i = 0; i < fc->n; i++) {
    open_obj(g, fc->ids[i]);
    open_obj(g, "position");
    kv_num(g, "x", 200 + 240 * (i % 8));
    kv_num(g, "y", 40 + 180 * (i / 8));
    close_obj(g);
    close_obj(g);
  }
  close_obj(g);
  close_obj(g);
}

static void flow_content(gen *g, const flowctx *fc) {
  open_obj(g, "Content");
  kv_str(g, "Version", "2019-10-30");
  kv_str(g, "StartAction", fc->ids[0]);
  flow_metadata(g, fc);
  open_arr(g, "Actions");
  for (long i = 0; i < fc->n; i++) {
    act_kind k = kind_at(g, fc, i);
    open_obj(g, NULL);
    kv_str(g, "Identifier", fc->ids[i]);
    kv_str(g, "Type", k.type);
    k.fn(g, fc, i);
    close_obj(g);
  }
  close_arr(g);
  close_obj(g);
}

static void one_flow(gen *g, long i, char (*ids)[ID_LEN]) {
  static const char *const types[] = {"CONTACT_FLOW", "CONTACT_FLOW", "CONTACT_FLOW", "CUSTOMER_QUEUE",
                                      "CUSTOMER_WHISPER", "AGENT_WHISPER", "OUTBOUND_WHISPER"};
  char id[ID_LEN], arn[ARN_LEN], name[64];
  flowctx fc = {ids, rnd_in(g, g->c->amin, g->c->amax), i % g->c->instances, NULL};
  uuid(g, id);
  for (long k = 0; k < fc.n; k++) uuid(g, ids[k]);
  snprintf(arn, sizeof arn, "arn:aws:connect:%s:%s:instance/%s/contact-flow/%s", REGION, ACCOUNT,
           g->inst[fc.inst], id);
  long per = g->c->instances;   /* flow i is the (i / per)-th of instance i % per */
  if (g->flowarn) {
    if (i >= per) fc.transfer_to = g->flowarn[(i / per) % 2 == 0 ? fc.inst : i - per];
    snprintf(g->flowarn[i], ARN_LEN, "%s", arn);
  }
  snprintf(name, sizeof name, "IVR flow %05ld", i);
  open_resource(g, arn, name);
  open_obj(g, "ContactFlow");
  kv_str(g, "Arn", arn);
  kv_str(g, "Id", id);
  kv_str(g, "Name", name);
  kv_str(g, "Type", types[rnd(g) % (sizeof types / sizeof types[0])]);
  kv_str(g, "State", "ACTIVE");
  kv_str(g, "Status", "PUBLISHED");
  kv_str(g, "Description", "Generated by bench/gensnap");
  flow_content(g, &fc);
  open_obj(g, "Tags");
  close_obj(g);
  close_obj(g);
  close_resource(g);
}

/* ---- data stores ------------------------------------------------------- */

static void bucket_policy(gen *g, const char *name) {
  char res[ARN_LEN];
  snprintf(res, sizeof res, "arn:aws:s3:::%s/*", name);
  open_obj(g, "Policy");
  kv_str(g, "Version", "2012-10-17");
  open_arr(g, "Statement");
  open_obj(g, NULL);
  kv_str(g, "Sid", "DenyInsecureTransport");
  kv_str(g, "Effect", "Deny");
  kv_str(g, "Principal", "*");
  kv_str(g, "Action", "s3:*");
  kv_str(g, "Resource", res);
  open_obj(g, "Condition");
  open_obj(g, "Bool");
  kv_str(g, "aws:SecureTransport", "false");
  close_obj(g);
  close_obj(g);
  close_obj(g);
  close_arr(g);
  close_obj(g);
}

static void bucket_encryption(gen *g, long i) {
  if (i % 5 == 4) { kv_null(g, "ServerSideEncryptionConfiguration"); return; }
  open_obj(g, "ServerSideEncryptionConfiguration");
  open_arr(g, "Rules");
  open_obj(g, NULL);
  open_obj(g, "ApplyServerSideEncryptionByDefault");
  kv_str(g, "SSEAlgorithm", i % 5 == 3 ? "AES256" : "aws:kms");
  if (i % 5 != 3) {
    char karn[ARN_LEN];
    key_arn(g, i, karn);
    kv_str(g, "KMSMasterKeyID", karn);
  }
  close_obj(g);
  kv_bool(g, "BucketKeyEnabled", i % 2 == 0);
  close_obj(g);
  close_arr(g);
  close_obj(g);
}

static void bucket_rest(gen *g, long i) {
  open_obj(g, "PublicAccessBlockConfiguration");
  kv_bool(g, "BlockPublicAcls", 1);
  kv_bool(g, "IgnorePublicAcls", 1);
  kv_bool(g, "BlockPublicPolicy", i % 7 != 6);
  kv_bool(g, "RestrictPublicBuckets", i % 7 != 6);
  close_obj(g);
  open_obj(g, "Versioning");
  kv_str(g, "Status", i % 3 ? "Enabled" : "Suspended");
  kv_str(g, "MFADelete", "Disabled");
  close_obj(g);
  kv_null(g, "ObjectLockConfiguration");
  if (i % 4 == 0) kv_null(g, "LoggingEnabled");
  else {
    open_obj(g, "LoggingEnabled");
    kv_str(g, "TargetBucket", "acme-access-logs");
    kv_str(g, "TargetPrefix", "s3/");
    close_obj(g);
  }
  open_obj(g, "OwnershipControls");
  open_arr(g, "Rules");
  open_obj(g, NULL);
  kv_str(g, "ObjectOwnership", "BucketOwnerEnforced");
  close_obj(g);
  close_arr(g);
  close_obj(g);
  open_obj(g, "Acl");
  open_obj(g, "Owner");
  kv_str(g, "ID", "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be");
  close_obj(g);
  open_arr(g, "Grants");
  open_obj(g, NULL);
  open_obj(g, "Grantee");
  kv_str(g, "Type", "CanonicalUser");
  kv_str(g, "ID", "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be");
  close_obj(g);
  kv_str(g, "Permission", "FULL_CONTROL");
  close_obj(g);
  close_arr(g);
  close_obj(g);
}

/* Bucket 1 has its policy uncollected (see write_errors). */
static void one_bucket(gen *g, long i) {
  char name[64], arn[ARN_LEN];
  snprintf(name, sizeof name, "acme-connect-%03ld", i);
  snprintf(arn, sizeof arn, "arn:aws:s3:::%s", name);
  open_resource(g, arn, name);
  kv_null(g, "LocationConstraint");
  if (i != 1 && i % 3 == 2) kv_null(g, "Policy");
  else if (i != 1) bucket_policy(g, name);
  open_obj(g, "PolicyStatus");
  kv_bool(g, "IsPublic", 0);
  close_obj(g);
  bucket_encryption(g, i);
  bucket_rest(g, i);
  close_resource(g);
}

static void one_key(gen *g, long i) {
  char arn[ARN_LEN], alias[64];
  key_arn(g, i, arn);
  snprintf(alias, sizeof alias, "alias/connect-%03ld", i);
  open_resource(g, arn, alias);
  open_obj(g, "KeyMetadata");
  kv_str(g, "AWSAccountId", ACCOUNT);
  kv_str(g, "KeyId", g->keyid[i]);
  kv_str(g, "Arn", arn);
  kv_str(g, "CreationDate", "2024-03-11T08:10:00Z");
  kv_bool(g, "Enabled", 1);
  kv_str(g, "Description", "Amazon Connect recordings and transcripts");
  kv_str(g, "KeyUsage", "ENCRYPT_DECRYPT");
  kv_str(g, "KeyState", "Enabled");
  kv_str(g, "Origin", "AWS_KMS");
  kv_str(g, "KeyManager", "CUSTOMER");
  kv_str(g, "KeySpec", "SYMMETRIC_DEFAULT");
  open_arr(g, "EncryptionAlgorithms");
  item_str(g, "SYMMETRIC_DEFAULT");
  close_arr(g);
  kv_bool(g, "MultiRegion", 0);
  close_obj(g);
  kv_bool(g, "KeyRotationEnabled", i % 3 != 0);
  open_obj(g, "Policy");
  kv_str(g, "Version", "2012-10-17");
  open_arr(g, "Statement");
  open_obj(g, NULL);
  kv_str(g, "Sid", "Enable IAM User Permissions");
  kv_str(g, "Effect", "Allow");
  open_obj(g, "Principal");
  kv_str(g, "AWS", "arn:aws:iam::" ACCOUNT ":root");
  close_obj(g);
  kv_str(g, "Action", "kms:*");
  kv_str(g, "Resource", "*");
  close_obj(g);
  close_arr(g);
  close_obj(g);
  open_arr(g, "Aliases");
  open_obj(g, NULL);
  kv_str(g, "AliasName", alias);
  char aarn[ARN_LEN];
  snprintf(aarn, sizeof aarn, "arn:aws:kms:%s:%s:%s", REGION, ACCOUNT, alias);
  kv_str(g, "AliasArn", aarn);
  kv_str(g, "TargetKeyId", g->keyid[i]);
  close_obj(g);
  close_arr(g);
  close_resource(g);
}

static void one_stream(gen *g, long i) {
  char arn[ARN_LEN], name[64], karn[ARN_LEN];
  snprintf(name, sizeof name, "connect-ctr-%03ld", i);
  snprintf(arn, sizeof arn, "arn:aws:kinesis:%s:%s:stream/%s", REGION, ACCOUNT, name);
  open_resource(g, arn, name);
  open_obj(g, "StreamDescriptionSummary");
  kv_str(g, "StreamName", name);
  kv_str(g, "StreamARN", arn);
  kv_str(g, "StreamStatus", "ACTIVE");
  open_obj(g, "StreamModeDetails");
  kv_str(g, "StreamMode", "ON_DEMAND");
  close_obj(g);
  kv_num(g, "RetentionPeriodHours", i % 2 ? 24 : 168);
  kv_str(g, "StreamCreationTimestamp", "2024-03-11T08:20:00Z");
  open_arr(g, "EnhancedMonitoring");
  open_obj(g, NULL);
  open_arr(g, "ShardLevelMetrics");
  close_arr(g);
  close_obj(g);
  close_arr(g);
  kv_str(g, "EncryptionType", i % 4 == 3 ? "NONE" : "KMS");
  if (i % 4 != 3) {
    key_arn(g, i, karn);
    kv_str(g, "KeyId", karn);
  }
  kv_num(g, "OpenShardCount", 4);
  kv_num(g, "ConsumerCount", 1);
  close_obj(g);
  close_resource(g);
}

static void one_loggroup(gen *g, long i) {
  char name[128], arn[ARN_LEN], karn[ARN_LEN];
  snprintf(name, sizeof name, "/aws/connect/acme-contact-%ld-%03ld", i % g->c->instances, i);
  snprintf(arn, sizeof arn, "arn:aws:logs:%s:%s:log-group:%s", REGION, ACCOUNT, name);
  open_resource(g, arn, name);
  open_obj(g, "LogGroup");
  kv_str(g, "logGroupName", name);
  kv_num(g, "creationTime", 1710144000000L + i * 1000L);
  if (i % 3) kv_num(g, "retentionInDays", i % 3 == 1 ? 365 : 30);
  kv_num(g, "metricFilterCount", 0);
  char star[ARN_LEN + 4];
  snprintf(star, sizeof star, "%s:*", arn);
  kv_str(g, "arn", star);
  kv_num(g, "storedBytes", 1048576L * (i + 1));
  if (i % 2) {
    key_arn(g, i, karn);
    kv_str(g, "kmsKeyId", karn);
  }
  kv_str(g, "logGroupClass", "STANDARD");
  kv_str(g, "logGroupArn", arn);
  close_obj(g);
  close_resource(g);
}

static void one_lambda(gen *g, long i) {
  char name[64], arn[ARN_LEN], role[ARN_LEN];
  snprintf(name, sizeof name, "ivr-fn-%03ld", i);
  snprintf(arn, sizeof arn, "arn:aws:lambda:%s:%s:function:%s", REGION, ACCOUNT, name);
  snprintf(role, sizeof role, "arn:aws:iam::%s:role/ivr-lambda-%03ld", ACCOUNT, i);
  open_resource(g, arn, name);
  open_obj(g, "Configuration");
  kv_str(g, "FunctionName", name);
  kv_str(g, "FunctionArn", arn);
  kv_str(g, "Runtime", "python3.12");
  kv_str(g, "Role", role);
  kv_str(g, "Handler", "app.handler");
  kv_num(g, "CodeSize", 4096 + i);
  kv_num(g, "Timeout", 8);
  kv_num(g, "MemorySize", 256);
  kv_str(g, "LastModified", "2026-08-01T12:00:00.000+0000");
  kv_str(g, "Version", "$LATEST");
  open_obj(g, "Environment");
  open_obj(g, "Variables");
  kv_str(g, "TABLE_NAME", "customers");
  close_obj(g);
  close_obj(g);
  open_obj(g, "TracingConfig");
  kv_str(g, "Mode", i % 2 ? "Active" : "PassThrough");
  close_obj(g);
  kv_str(g, "State", "Active");
  kv_str(g, "PackageType", "Zip");
  open_arr(g, "Architectures");
  item_str(g, "arm64");
  close_arr(g);
  close_obj(g);
  close_resource(g);
}

/* ---- the document ------------------------------------------------------ */

typedef void (*res_fn)(gen *, long);

static void resource_type(gen *g, const char *type, long n, res_fn fn) {
  open_obj(g, type);
  for (long i = 0; i < n; i++) fn(g, i);
  close_obj(g);
}

static int flows(gen *g) {
  char (*ids)[ID_LEN] = calloc((size_t)g->c->amax, sizeof *ids);
  if (!ids) return -1;
  if (g->c->transfers && !(g->flowarn = calloc((size_t)g->c->flows + 1, sizeof *g->flowarn))) {
    free(ids);
    return -1;
  }
  open_obj(g, "connect_contact_flow");
  for (long i = 0; i < g->c->flows; i++) one_flow(g, i, ids);
  close_obj(g);
  free(ids);
  free(g->flowarn);
  g->flowarn = NULL;
  return 0;
}

static void write_errors(gen *g) {
  open_arr(g, "errors");
  if (g->c->buckets > 1) {
    open_obj(g, NULL);
    kv_str(g, "arn", "arn:aws:s3:::acme-connect-001");
    kv_str(g, "operation", "s3:GetBucketPolicy");
    kv_str(g, "code", "AccessDenied");
    kv_str(g, "message", "Access Denied");
    close_obj(g);
  }
  close_arr(g);
}

static int write_doc(gen *g) {
  const cfg *c = g->c;
  open_obj(g, NULL);
  kv_str(g, "schema", "connect-auditor/snapshot/v1");
  open_obj(g, "tool");
  kv_str(g, "name", "connect-auditor-bench-gensnap");
  kv_str(g, "version", "0.1.0");
  close_obj(g);
  kv_str(g, "collected_at", "2026-11-20T09:30:00Z");
  kv_str(g, "account_id", ACCOUNT);
  open_arr(g, "regions");
  item_str(g, REGION);
  close_arr(g);
  open_obj(g, "resources");
  resource_type(g, "connect_instance", c->instances, one_instance);
  resource_type(g, "connect_security_profile", c->profiles, one_profile);
  resource_type(g, "connect_user", c->users, one_user);
  if (flows(g)) return -1;
  resource_type(g, "s3_bucket", c->buckets, one_bucket);
  resource_type(g, "kms_key", c->keys, one_key);
  resource_type(g, "kinesis_stream", c->streams, one_stream);
  resource_type(g, "logs_log_group", c->loggroups, one_loggroup);
  resource_type(g, "lambda_function", c->lambdas, one_lambda);
  close_obj(g);
  write_errors(g);
  close_obj(g);
  putc('\n', g->f);
  return 0;
}

static int make_ids(gen *g) {
  const cfg *c = g->c;
  g->inst = calloc((size_t)c->instances, sizeof *g->inst);
  g->prof = calloc((size_t)c->profiles, sizeof *g->prof);
  g->keyid = calloc((size_t)c->keys, sizeof *g->keyid);
  if (!g->inst || !g->prof || !g->keyid) return -1;
  for (long i = 0; i < c->instances; i++) uuid(g, g->inst[i]);
  for (long i = 0; i < c->profiles; i++) uuid(g, g->prof[i]);
  for (long i = 0; i < c->keys; i++) uuid(g, g->keyid[i]);
  return 0;
}

/* ---- the command ------------------------------------------------------- */

static const char usage[] =
  "usage: gensnap [-o OUT] [--seed N] [--users N] [--flows N] [--min-actions N]\n"
  "               [--max-actions N] [--profiles N] [--buckets N] [--instances N]\n"
  "               [--transfers 0|1]\n"
  "defaults: -o /tmp/ca-bench/snapshot.json --seed 1 --users 20000 --flows 3000\n"
  "          --min-actions 30 --max-actions 80 --profiles 200 --buckets 50 --instances 2\n";

static int parse_long(const char *s, long lo, long hi, long *out) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || end == s || *end || v < lo || v > hi) return -1;
  *out = v;
  return 0;
}

typedef struct opt { const char *name; long *dst; long lo, hi; } opt;

static int parse_args(int argc, char **argv, cfg *c) {
  long seed = 1;
  const opt opts[] = {
    {"--users", &c->users, 0, 10000000}, {"--flows", &c->flows, 0, 1000000},
    {"--min-actions", &c->amin, 3, MAX_ACTIONS}, {"--max-actions", &c->amax, 3, MAX_ACTIONS},
    {"--profiles", &c->profiles, 1, 100000}, {"--buckets", &c->buckets, 1, 100000},
    {"--instances", &c->instances, 1, 100}, {"--seed", &seed, 0, 2147483647L},
    {"--transfers", &c->transfers, 0, 1},
  };
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-o") && i + 1 < argc) { c->out = argv[++i]; continue; }
    if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) { fputs(usage, stdout); exit(0); }
    size_t k = 0;
    while (k < sizeof opts / sizeof opts[0] && strcmp(argv[i], opts[k].name)) k++;
    if (k == sizeof opts / sizeof opts[0] || i + 1 >= argc ||
        parse_long(argv[++i], opts[k].lo, opts[k].hi, opts[k].dst)) {
      fprintf(stderr, "gensnap: bad argument near '%s'\n%s", argv[i], usage);
      return -1;
    }
  }
  if (c->amin > c->amax) {
    fprintf(stderr, "gensnap: --min-actions %ld is more than --max-actions %ld\n", c->amin, c->amax);
    return -1;
  }
  c->seed = (uint64_t)seed;
  return 0;
}

/* Writes to OUT.tmp.XXXXXX, flushes to disk, renames over OUT. */
static int write_atomically(gen *g) {
  char tmp[4096];
  if (snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", g->c->out) >= (int)sizeof tmp) {
    fprintf(stderr, "gensnap: output path too long\n");
    return -1;
  }
  int fd = mkstemp(tmp);
  /* mkstemp makes the file 0600; a snapshot is no secret here */
  if (fd < 0 || fchmod(fd, 0644) != 0 || !(g->f = fdopen(fd, "w"))) {
    fprintf(stderr, "gensnap: cannot create %s: %s\n", tmp, strerror(errno));
    if (fd >= 0) {
      close(fd);
      unlink(tmp);
    }
    return -1;
  }
  setvbuf(g->f, NULL, _IOFBF, 1 << 20);
  int rc = write_doc(g);
  if (fflush(g->f) != 0 || ferror(g->f) || fsync(fileno(g->f)) != 0) rc = -1;
  if (fclose(g->f) != 0) rc = -1;
  if (!rc && rename(tmp, g->c->out) != 0) rc = -1;
  if (rc) {
    fprintf(stderr, "gensnap: cannot write %s: %s\n", g->c->out, strerror(errno));
    unlink(tmp);
  }
  return rc;
}

int main(int argc, char **argv) {
  cfg c = {"/tmp/ca-bench/snapshot.json", 1, 20000, 3000, 30, 80, 200, 50, 2, 0, 0, 0, 0, 0};
  if (parse_args(argc, argv, &c)) return 2;
  c.keys = 6;
  c.streams = 4;
  c.loggroups = 3 * c.instances;
  c.lambdas = 24;
  gen g = {NULL, c.seed, &c, NULL, NULL, NULL, NULL, 1};
  int rc = make_ids(&g) ? -1 : write_atomically(&g);
  free(g.inst);
  free(g.prof);
  free(g.keyid);
  return rc ? 1 : 0;
}
