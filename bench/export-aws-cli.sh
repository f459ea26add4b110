#!/bin/sh
# The export `connect-auditor collect` makes, done with the aws CLI (v1), one
# command per operation, sequential, for bench/collect.sh to compare against.
# usage: ENDPOINT=http://127.0.0.1:PORT export-aws-cli.sh INSTANCE_ID OUTDIR
#        (credentials and AWS_REGION from the environment; ENDPOINT goes to --endpoint-url)
# Pages are the model's MaxResults (--page-size), as the collector asks; every list is followed
# to the end by the CLI's own paginator. Failed commands (S3 "not configured" answers included)
# are counted in OUTDIR/failed, as the collector's not-configured answers are calls too.
set -u
iid=$1 out=$2
mkdir -p "$out"
: > "$out/failed"
ep="--endpoint-url ${ENDPOINT:?set ENDPOINT to the fake\'s URL}"
reg="--region ${AWS_REGION:-us-east-1}"
run() {   # run NAME aws-args...: the answer in OUTDIR/NAME.json
  name=$1; shift
  aws $ep $reg --output json "$@" > "$out/$name.json" 2>>"$out/stderr" || echo "$name" >> "$out/failed"
}
run sts sts get-caller-identity
run instances connect list-instances --page-size 10
run instance connect describe-instance --instance-id "$iid"
arn=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["Instance"]["Arn"])' "$out/instance.json")
alias=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["Instance"].get("InstanceAlias",""))' "$out/instance.json")
run attributes connect list-instance-attributes --instance-id "$iid" --page-size 7
for t in CHAT_TRANSCRIPTS CALL_RECORDINGS SCHEDULED_REPORTS MEDIA_STREAMS CONTACT_TRACE_RECORDS AGENT_EVENTS \
         REAL_TIME_CONTACT_ANALYSIS_SEGMENTS ATTACHMENTS CONTACT_EVALUATIONS SCREEN_RECORDINGS \
         REAL_TIME_CONTACT_ANALYSIS_CHAT_SEGMENTS REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS EMAIL_MESSAGES; do
  run "storage-$t" connect list-instance-storage-configs --instance-id "$iid" --resource-type "$t" --page-size 10
done
run lambdas connect list-lambda-functions --instance-id "$iid" --page-size 25
run bots-v1 connect list-bots --instance-id "$iid" --lex-version V1 --page-size 25
run bots-v2 connect list-bots --instance-id "$iid" --lex-version V2 --page-size 25
run origins connect list-approved-origins --instance-id "$iid" --page-size 25
run keys connect list-security-keys --instance-id "$iid" --page-size 2
run profiles connect search-security-profiles --instance-id "$iid" --page-size 100
for p in $(python3 -c 'import json,sys;[print(p["Id"]) for p in json.load(open(sys.argv[1])).get("SecurityProfiles",[])]' "$out/profiles.json"); do
  run "perms-$p" connect list-security-profile-permissions --instance-id "$iid" --security-profile-id "$p" --page-size 1000
done
run flows connect search-contact-flows --instance-id "$iid" --page-size 100
run modules connect search-contact-flow-modules --instance-id "$iid" --page-size 100
run users connect search-users --instance-id "$iid" --page-size 500
run queues connect search-queues --instance-id "$iid" --page-size 500
# Buckets and keys named by the storage configs.
python3 - "$out" > "$out/refs" <<'PY'
import glob, json, sys
buckets, keys = set(), set()
for f in glob.glob(sys.argv[1] + "/storage-*.json"):
    for c in json.load(open(f)).get("StorageConfigs", []):
        s3 = c.get("S3Config") or {}
        if s3.get("BucketName"): buckets.add(s3["BucketName"])
        k = (s3.get("EncryptionConfig") or {}).get("KeyId")
        if k: keys.add(k)
for b in sorted(buckets): print("bucket", b)
for k in sorted(keys): print("key", k)
PY
for b in $(awk '$1=="bucket"{print $2}' "$out/refs"); do
  for op in get-bucket-location get-bucket-policy get-bucket-policy-status get-bucket-encryption \
            get-public-access-block get-bucket-versioning get-object-lock-configuration get-bucket-logging \
            get-bucket-ownership-controls get-bucket-acl; do
    run "s3-$b-$op" s3api "$op" --bucket "$b"
    [ "$op" = get-bucket-encryption ] && python3 -c '
import json,sys
try: d=json.load(open(sys.argv[1]))
except Exception: sys.exit()
for r in d.get("ServerSideEncryptionConfiguration",{}).get("Rules",[]):
    k=r.get("ApplyServerSideEncryptionByDefault",{}).get("KMSMasterKeyID")
    if k: print("key", k)' "$out/s3-$b-$op.json" >> "$out/refs"
  done
done
run aliases kms list-aliases --page-size 100
for k in $(awk '$1=="key"{print $2}' "$out/refs" | sort -u); do
  n=$(echo "$k" | tr ':/' '__')
  run "kms-$n-describe" kms describe-key --key-id "$k"
  run "kms-$n-rotation" kms get-key-rotation-status --key-id "$k"
  run "kms-$n-policy" kms get-key-policy --key-id "$k" --policy-name default
done
run loggroups logs describe-log-groups --log-group-name-prefix "/aws/connect/$alias" --page-size 50
run alarms cloudwatch describe-alarms --alarm-types MetricAlarm --page-size 100
