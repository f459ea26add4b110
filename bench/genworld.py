#!/usr/bin/python3
"""Writes a fake-AWS world (tests/fake_aws, docs/collect.md) of a given size for
bench/collect.sh, deterministic from --seed (same flags -> same bytes).

usage: genworld.py -o WORLD.json [--seed N] [--users N] [--flows N] [--min-actions N]
                   [--max-actions N] [--profiles N] [--buckets N] [--keys N] [--queues N]
                   [--modules N] [--rate R] [--burst B] [--latency S] [--page-size N]

One instance (us-east-1, CONNECT_MANAGED), its users, flows (Content held as the
JSON string AWS sends), modules, queues, security profiles with permissions,
storage configs naming every bucket (S3 types) with the KMS keys, the buckets
and keys themselves, one log group, no Lambda / Lex / streams / alarms /
directories (the world's own empty members, so the fake's defaults are not used).
`quotas`: a token bucket per service:Op of --rate/s, burst --burst (AWS's Connect
defaults: 2 and 5), answered 429 TooManyRequestsException beyond it.
`page_size` is large (default 1000) so the pages are the model's MaxResults, as on AWS.
"""
import argparse
import json
import os
import random
import uuid

ACCOUNT = "111122223333"
REGION = "us-east-1"
S3_TYPES = ["CALL_RECORDINGS", "CHAT_TRANSCRIPTS", "SCHEDULED_REPORTS", "SCREEN_RECORDINGS",
            "ATTACHMENTS", "EMAIL_MESSAGES", "CONTACT_EVALUATIONS"]
PERMS = ["BasicAgentAccess", "OutboundCallAccess", "Users.View", "Users.Create", "Users.Edit",
         "Users.EditPermission", "SecurityProfiles.View", "SecurityProfiles.Edit", "ListenCallRecordings",
         "DownloadCallRecordings", "ContactSearch.View", "RoutingPolicies.View", "RoutingPolicies.Edit",
         "ContactFlows.View", "ContactFlows.Edit", "Queues.View", "Queues.Edit", "AccessMetrics",
         "RealtimeContactLens.View", "AgentStates.View", "HoursOfOperation.View", "PhoneNumbers.View"]
CREDS = [{"access_key": "AKIAFAKEEXAMPLE00001", "secret_key": "fakeSecretKey/EXAMPLE+abcdefghijklmnopqrst"}]


def uid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def flow_content(rng, n):
    ids = ["a%d" % i for i in range(n)]
    types = ["UpdateFlowLoggingBehavior", "UpdateContactRecordingBehavior", "GetParticipantInput",
             "CheckHoursOfOperation", "Compare", "UpdateContactAttributes", "MessageParticipant",
             "TransferContactToQueue"]
    actions = []
    for i, ident in enumerate(ids[:-1]):
        t = types[i % len(types)]
        params = {"UpdateFlowLoggingBehavior": {"FlowLoggingBehavior": rng.choice(["Enabled", "Disabled"])},
                  "UpdateContactRecordingBehavior": {"RecordingBehavior": {"RecordedParticipants": ["Agent", "Customer"]}},
                  "GetParticipantInput": {"Text": "Press 1", "StoreInput": "False", "InputTimeLimitSeconds": "5"},
                  "CheckHoursOfOperation": {},
                  "Compare": {"ComparisonValue": "$.Attributes.tier"},
                  "UpdateContactAttributes": {"Attributes": {"tier": "gold"}, "TargetContact": "Current"},
                  "MessageParticipant": {"Text": "Hello, thanks for calling."},
                  "TransferContactToQueue": {}}[t]
        actions.append({"Identifier": ident, "Type": t, "Parameters": params,
                        "Transitions": {"NextAction": ids[i + 1],
                                        "Errors": [{"NextAction": ids[-1], "ErrorType": "NoMatchingError"}]}})
    actions.append({"Identifier": ids[-1], "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}})
    meta = {"entryPointPosition": {"x": 40, "y": 40},
            "ActionMetadata": {a: {"position": {"x": 200 + 220 * i, "y": 40}} for i, a in enumerate(ids)}}
    return json.dumps({"Version": "2019-10-30", "StartAction": ids[0], "Metadata": meta, "Actions": actions},
                      separators=(",", ":"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-o", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--users", type=int, default=20000)
    ap.add_argument("--flows", type=int, default=3000)
    ap.add_argument("--min-actions", type=int, default=30)
    ap.add_argument("--max-actions", type=int, default=80)
    ap.add_argument("--profiles", type=int, default=200)
    ap.add_argument("--buckets", type=int, default=50)
    ap.add_argument("--keys", type=int, default=6)
    ap.add_argument("--queues", type=int, default=50)
    ap.add_argument("--modules", type=int, default=20)
    ap.add_argument("--rate", type=float, default=2.0)
    ap.add_argument("--burst", type=float, default=5.0)
    ap.add_argument("--latency", type=float, default=0.0,
                    help="seconds the fake waits before each answer (a round trip to AWS)")
    ap.add_argument("--page-size", type=int, default=1000)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    iid = uid(rng)
    iarn = "arn:aws:connect:%s:%s:instance/%s" % (REGION, ACCOUNT, iid)
    keys = []
    for k in range(a.keys):
        kid = uid(rng)
        karn = "arn:aws:kms:%s:%s:key/%s" % (REGION, ACCOUNT, kid)
        keys.append({"KeyMetadata": {"AWSAccountId": ACCOUNT, "KeyId": kid, "Arn": karn, "CreationDate": "2025-03-04T10:05:11Z",
                                     "Enabled": True, "Description": "bench key %d" % k, "KeyUsage": "ENCRYPT_DECRYPT",
                                     "KeyState": "Enabled", "Origin": "AWS_KMS", "KeyManager": "CUSTOMER",
                                     "CustomerMasterKeySpec": "SYMMETRIC_DEFAULT", "KeySpec": "SYMMETRIC_DEFAULT",
                                     "EncryptionAlgorithms": ["SYMMETRIC_DEFAULT"], "MultiRegion": False},
                     "KeyRotationEnabled": k % 2 == 0,
                     "Policy": {"Version": "2012-10-17", "Statement": [
                         {"Sid": "root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root" % ACCOUNT},
                          "Action": "kms:*", "Resource": "*"}]}})
    aliases = [{"AliasName": "alias/bench-%d" % k, "AliasArn": "arn:aws:kms:%s:%s:alias/bench-%d" % (REGION, ACCOUNT, k),
                "TargetKeyId": keys[k]["KeyMetadata"]["KeyId"]} for k in range(a.keys)]
    buckets, storage = {}, {}
    owner = {"DisplayName": "bench", "ID": "8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b"}
    for b in range(a.buckets):
        name = "bench-bucket-%03d" % b
        key = keys[b % len(keys)]["KeyMetadata"]["Arn"] if keys else None
        bk = {"LocationConstraint": None, "Versioning": {"Status": "Enabled"} if b % 2 else {},
              "Acl": {"Owner": owner, "Grants": [{"Grantee": dict(owner, Type="CanonicalUser"), "Permission": "FULL_CONTROL"}]}}
        if b % 3 == 0 and key:
            bk["ServerSideEncryptionConfiguration"] = {"Rules": [{"ApplyServerSideEncryptionByDefault": {
                "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key}, "BucketKeyEnabled": True}]}
        elif b % 3 == 1:
            bk["ServerSideEncryptionConfiguration"] = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}
        if b % 2 == 0:
            bk["Policy"] = {"Version": "2012-10-17", "Statement": [{"Sid": "DenyInsecureTransport", "Effect": "Deny",
                            "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::" + name, "arn:aws:s3:::%s/*" % name],
                            "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
            bk["PolicyStatus"] = {"IsPublic": False}
            bk["PublicAccessBlockConfiguration"] = {"BlockPublicAcls": True, "IgnorePublicAcls": True,
                                                    "BlockPublicPolicy": True, "RestrictPublicBuckets": True}
            bk["OwnershipControls"] = {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}
        buckets[name] = bk
        cfg = {"AssociationId": uid(rng), "StorageType": "S3", "S3Config": {"BucketName": name, "BucketPrefix": "connect/%d" % b}}
        if key:
            cfg["S3Config"]["EncryptionConfig"] = {"EncryptionType": "KMS", "KeyId": key}
        storage.setdefault(S3_TYPES[b % len(S3_TYPES)], []).append(cfg)
    profiles = []
    for p in range(a.profiles):
        pid = uid(rng)
        profiles.append({"SecurityProfile": {"Id": pid, "OrganizationResourceId": iid,
                                             "Arn": "%s/security-profile/%s" % (iarn, pid),
                                             "SecurityProfileName": "profile-%03d" % p, "Description": "bench", "Tags": {}},
                         "Permissions": sorted(rng.sample(PERMS, rng.randint(3, len(PERMS))))})
    flows = []
    for f in range(a.flows):
        fid = uid(rng)
        flows.append({"Arn": "%s/contact-flow/%s" % (iarn, fid), "Id": fid, "Name": "flow-%04d" % f,
                      "Type": "CONTACT_FLOW", "State": "ACTIVE", "Status": "PUBLISHED", "Description": "bench",
                      "Content": flow_content(rng, rng.randint(a.min_actions, a.max_actions)), "Tags": {}})
    modules = []
    for m in range(a.modules):
        mid = uid(rng)
        modules.append({"Arn": "%s/flow-module/%s" % (iarn, mid), "Id": mid, "Name": "module-%02d" % m, "State": "ACTIVE",
                        "Status": "PUBLISHED", "Content": flow_content(rng, 5), "Tags": {}})
    queues = []
    for q in range(a.queues):
        qid = uid(rng)
        queues.append({"Name": "queue-%02d" % q, "QueueArn": "%s/queue/%s" % (iarn, qid), "QueueId": qid,
                       "Description": "bench", "HoursOfOperationId": uid(rng), "MaxContacts": 50, "Status": "ENABLED",
                       "Tags": {}, "LastModifiedTime": "2026-10-01T08:00:00Z", "LastModifiedRegion": REGION})
    users = []
    for u in range(a.users):
        uidv = uid(rng)
        users.append({"Id": uidv, "Arn": "%s/agent/%s" % (iarn, uidv), "Username": "user%05d" % u,
                      "IdentityInfo": {"FirstName": "F%d" % u, "LastName": "L%d" % u, "Email": "user%05d@bench.example" % u},
                      "PhoneConfig": {"PhoneType": "SOFT_PHONE", "AutoAccept": False, "AfterContactWorkTimeLimit": 60},
                      "SecurityProfileIds": [profiles[rng.randrange(len(profiles))]["SecurityProfile"]["Id"]] if profiles else [],
                      "RoutingProfileId": iid, "Tags": {}, "LastModifiedTime": "2026-10-01T08:00:00Z",
                      "LastModifiedRegion": REGION})
    alias = "bench"
    world = {
        "account": ACCOUNT, "page_size": a.page_size, "credentials": CREDS,
        "quotas": {"*": {"rate": a.rate, "burst": a.burst}},
        "latency": a.latency,
        "instances": [{
            "Instance": {"Id": iid, "Arn": iarn, "IdentityManagementType": "CONNECT_MANAGED", "InstanceAlias": alias,
                         "CreatedTime": "2025-03-04T10:12:44Z", "InstanceStatus": "ACTIVE", "InboundCallsEnabled": True,
                         "OutboundCallsEnabled": True, "InstanceAccessUrl": "https://bench.my.connect.aws", "Tags": {}},
            "Attributes": [{"AttributeType": t, "Value": "true"} for t in
                           ("INBOUND_CALLS", "OUTBOUND_CALLS", "CONTACTFLOW_LOGS", "CONTACT_LENS", "EARLY_MEDIA",
                            "MULTI_PARTY_CONFERENCE", "ENHANCED_CONTACT_MONITORING")],
            "StorageConfigs": storage, "LambdaFunctions": [], "LexBots": {"V1": [], "V2": []},
            "Origins": ["https://bench.example"], "SecurityKeys": [],
            "SecurityProfiles": profiles, "ContactFlows": flows, "ContactFlowModules": modules,
            "Users": users, "Queues": queues}],
        "s3_buckets": buckets, "kms_keys": keys, "kms_aliases": aliases,
        "kinesis_streams": [], "firehose_streams": [], "kvs_streams": [], "lambda_functions": [],
        "log_groups": [{"logGroupName": "/aws/connect/" + alias, "creationTime": 1741082000000, "metricFilterCount": 0,
                        "arn": "arn:aws:logs:%s:%s:log-group:/aws/connect/%s:*" % (REGION, ACCOUNT, alias),
                        "logGroupArn": "arn:aws:logs:%s:%s:log-group:/aws/connect/%s" % (REGION, ACCOUNT, alias),
                        "storedBytes": 0, "retentionInDays": 365}],
        "lex_v1": {}, "lex_v2": {}, "alarms": {}, "directories": {},
    }
    tmp = a.o + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(world, f, separators=(",", ":"))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, a.o)


if __name__ == "__main__":
    main()
