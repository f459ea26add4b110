#!/bin/sh
# bench/collect.sh — `connect-auditor collect` against the fake AWS with quotas enforced,
# versus the minimum calls the world needs, the floor the quotas impose, and the aws CLI.
#
#   bench/collect.sh                         # small world, 3 runs of each client (~6 min)
#   SIZES="small large" RUNS=3 LARGE_RUNS=1 bench/collect.sh
#   RATE=2 BURST=5 CLI=0 BUILD=/tmp/b OUT=/tmp/o bench/collect.sh
#
# RATE/BURST: the fake's token bucket per service:Op (AWS's Connect defaults: 2/s, burst 5),
# and the collector's --rate/--burst (the same). CLI=0 skips the aws CLI export; SEQ=0 skips
# the second collect with --max-concurrency 1 (one call at a time: the sequential baseline).
# LATENCY: seconds the fake waits before each answer, as a round trip to AWS would (default 0.1).
# Every run gets a fresh fake (fresh buckets); the fake's --stats gives calls and 429s
# per service:Op, its --log the order of the collector's calls (for the sequential floor).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
BUILD=${BUILD:-/tmp/build-cbench}
OUT=${OUT:-/tmp/ca-cbench}
SIZES=${SIZES:-small}
RUNS=${RUNS:-3}
LARGE_RUNS=${LARGE_RUNS:-1}
RATE=${RATE:-2}
BURST=${BURST:-5}
CLI=${CLI:-1}
SEQ=${SEQ:-1}
LATENCY=${LATENCY:-0.1}
export SOURCE_DATE_EPOCH=1795167000   # the same collected_at: the two collects' snapshots compare byte for byte
PY=/usr/bin/python3
mkdir -p "$OUT"
# Always built from this checkout (incrementally): a binary left from older code
# would measure that code.  A build tree of another checkout is refused.
if [ -f "$BUILD/CMakeCache.txt" ] && ! grep -qx "CMAKE_HOME_DIRECTORY:INTERNAL=$root" "$BUILD/CMakeCache.txt"; then
  echo "collect.sh: $BUILD is a build of another source tree; set BUILD to a new directory" >&2
  exit 2
fi
[ -f "$BUILD/CMakeCache.txt" ] || cmake -S "$root" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" -j2 --target connect-auditor >/dev/null
ca=$BUILD/connect-auditor

# The fake's test credentials (tests/fake_aws): nothing else is used.
export AWS_ACCESS_KEY_ID=AKIAFAKEEXAMPLE00001
export AWS_SECRET_ACCESS_KEY='fakeSecretKey/EXAMPLE+abcdefghijklmnopqrst'
export AWS_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
unset AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE 2>/dev/null || true

now() { date +%s.%N; }

fake_start() {   # fake_start WORLD STATS LOG -> $fpid, $port
  rm -f "$2" "$3" "$OUT/port"
  if [ -n "$3" ]; then
    $PY "$root/tests/fake_aws/fake_aws.py" "$1" --stats "$2" --log "$3" > "$OUT/port" &
  else
    $PY "$root/tests/fake_aws/fake_aws.py" "$1" --stats "$2" > "$OUT/port" &
  fi
  fpid=$!
  i=0
  while [ ! -s "$OUT/port" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
  port=$(head -1 "$OUT/port")
}
fake_stop() {
  kill "$fpid"
  wait "$fpid" || true
}

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(uname -srm), $(nproc) cpus, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "aws: $(aws --version 2>&1)"
  echo "code: $(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown) ($("$ca" --version 2>/dev/null | head -1))"
  echo "quotas: $RATE req/s, burst $BURST, per service:Op; collector --rate $RATE --burst $BURST; fake latency $LATENCY s per answer"
} > "$OUT/machine.txt"
cat "$OUT/machine.txt"

for size in $SIZES; do
  world=$OUT/world-$size.json
  case $size in
    small) $PY "$here/genworld.py" -o "$world" --rate "$RATE" --burst "$BURST" --latency "$LATENCY" --users 1200 --flows 250 --profiles 20 \
             --buckets 8 --keys 3 --queues 20 --modules 5 ;;
    large) $PY "$here/genworld.py" -o "$world" --rate "$RATE" --burst "$BURST" --latency "$LATENCY" ;;   # 20,000 / 3,000 / 200 / 50
    *) echo "unknown size $size" >&2; exit 2 ;;
  esac
  iid=$($PY -c 'import json,sys;print(json.load(open(sys.argv[1]))["instances"][0]["Instance"]["Id"])' "$world")
  n=$RUNS
  [ "$size" = large ] && n=$LARGE_RUNS
  r=1
  while [ $r -le "$n" ]; do
    fake_start "$world" "$OUT/$size-ca-$r.stats" "$OUT/$size-ca-$r.log"
    t0=$(now)
    AWS_ENDPOINT_URL=http://127.0.0.1:$port "$ca" collect --instance bench -o "$OUT/$size-snap.json" \
      --rate "$RATE" --burst "$BURST" 2> "$OUT/$size-ca-$r.err" || echo "collect failed: $OUT/$size-ca-$r.err" >&2
    t1=$(now)
    fake_stop
    echo "$t0 $t1" > "$OUT/$size-ca-$r.time"
    echo "$size run $r: collect $(echo "$t1 - $t0" | bc) s: $(tail -1 "$OUT/$size-ca-$r.err")"
    if [ "$SEQ" = 1 ]; then
      fake_start "$world" "$OUT/$size-seq-$r.stats" "$OUT/$size-seq-$r.log"
      t0=$(now)
      AWS_ENDPOINT_URL=http://127.0.0.1:$port "$ca" collect --instance bench -o "$OUT/$size-snap-seq.json" \
        --rate "$RATE" --burst "$BURST" --max-concurrency 1 2> "$OUT/$size-seq-$r.err" || echo "collect failed: $OUT/$size-seq-$r.err" >&2
      t1=$(now)
      fake_stop
      echo "$t0 $t1" > "$OUT/$size-seq-$r.time"
      echo "$size run $r: collect --max-concurrency 1 $(echo "$t1 - $t0" | bc) s: $(tail -1 "$OUT/$size-seq-$r.err")"
      cmp -s "$OUT/$size-snap.json" "$OUT/$size-snap-seq.json" || echo "$size run $r: the two snapshots differ" >&2
    fi
    if [ "$CLI" = 1 ]; then
      fake_start "$world" "$OUT/$size-cli-$r.stats" ""
      rm -rf "$OUT/$size-cli-out"
      t0=$(now)
      ENDPOINT=http://127.0.0.1:$port "$here/export-aws-cli.sh" "$iid" "$OUT/$size-cli-out"
      t1=$(now)
      fake_stop
      echo "$t0 $t1" > "$OUT/$size-cli-$r.time"
      echo "$size run $r: aws CLI $(echo "$t1 - $t0" | bc) s, $(wc -l < "$OUT/$size-cli-out/failed") failed commands"
    fi
    r=$((r + 1))
  done
  $PY - "$world" "$OUT" "$size" "$n" "$CLI" "$SEQ" <<'PY'
import json, math, statistics, sys
world_path, out, size, runs, cli = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5] == "1"
seq = sys.argv[6] == "1"
w = json.load(open(world_path))
q = w["quotas"]["*"]
rate, burst = float(q["rate"]), float(q["burst"])
inst = w["instances"][0]
pages = lambda n, m: max(1, math.ceil(n / m))
sc = inst["StorageConfigs"]
TYPES = ["CHAT_TRANSCRIPTS", "CALL_RECORDINGS", "SCHEDULED_REPORTS", "MEDIA_STREAMS", "CONTACT_TRACE_RECORDS",
         "AGENT_EVENTS", "REAL_TIME_CONTACT_ANALYSIS_SEGMENTS", "ATTACHMENTS", "CONTACT_EVALUATIONS", "SCREEN_RECORDINGS",
         "REAL_TIME_CONTACT_ANALYSIS_CHAT_SEGMENTS", "REAL_TIME_CONTACT_ANALYSIS_VOICE_SEGMENTS", "EMAIL_MESSAGES"]
buckets = {c["S3Config"]["BucketName"] for t in sc.values() for c in t if c.get("S3Config")}
keys = {(c["S3Config"].get("EncryptionConfig") or {}).get("KeyId") for t in sc.values() for c in t if c.get("S3Config")}
for b in buckets:
    for r in (w["s3_buckets"][b].get("ServerSideEncryptionConfiguration") or {}).get("Rules", []):
        keys.add(r["ApplyServerSideEncryptionByDefault"].get("KMSMasterKeyID"))
keys.discard(None)
# The minimum: every list at the model's largest page (MaxResults), every per-object call once.
minimum = {
    "sts:GetCallerIdentity": 1,
    "connect:ListInstances": pages(len(w["instances"]), 10),   # --instance is an alias: it must be resolved
    "connect:DescribeInstance": 1,
    "connect:ListInstanceAttributes": pages(len(inst["Attributes"]), 7),
    "connect:ListInstanceStorageConfigs": sum(pages(len(sc.get(t, [])), 10) for t in TYPES),
    "connect:ListLambdaFunctions": pages(len(inst["LambdaFunctions"]), 25),
    "connect:ListBots": pages(len(inst["LexBots"]["V1"]), 25) + pages(len(inst["LexBots"]["V2"]), 25),
    "connect:ListApprovedOrigins": pages(len(inst["Origins"]), 25),
    "connect:ListSecurityKeys": pages(len(inst["SecurityKeys"]), 2),
    "connect:SearchSecurityProfiles": pages(len(inst["SecurityProfiles"]), 100),
    "connect:ListSecurityProfilePermissions": sum(pages(len(p["Permissions"]), 1000) for p in inst["SecurityProfiles"]),
    "connect:SearchContactFlows": pages(len(inst["ContactFlows"]), 100),
    "connect:SearchContactFlowModules": pages(len(inst["ContactFlowModules"]), 100),
    "connect:SearchUsers": pages(len(inst["Users"]), 500),
    "connect:SearchQueues": pages(len(inst["Queues"]), 500),
    "kms:ListAliases": pages(len(w["kms_aliases"]), 100),
    "kms:DescribeKey": len(keys), "kms:GetKeyRotationStatus": len(keys), "kms:GetKeyPolicy": len(keys),
    "logs:DescribeLogGroups": 1,
    "monitoring:DescribeAlarms": 1,
}
for op in ("GetBucketLocation", "GetBucketPolicy", "GetBucketPolicyStatus", "GetBucketEncryption", "GetPublicAccessBlock",
           "GetBucketVersioning", "GetObjectLockConfiguration", "GetBucketLogging", "GetBucketOwnershipControls", "GetBucketAcl"):
    minimum["s3:" + op] = len(buckets)

def load(kind, r):
    st = json.load(open("%s/%s-%s-%d.stats" % (out, size, kind, r)))
    t0, t1 = map(float, open("%s/%s-%s-%d.time" % (out, size, kind, r)).read().split())
    return st, t1 - t0

def floor_any(counts):   # every service:Op its own bucket, all in parallel: the slowest op
    return max((max(0.0, n - burst) / rate for n in counts.values()), default=0.0)

def floor_seq(order):    # these calls one at a time in this order, zero latency: wait for each op's token
    t, buckets_ = 0.0, {}
    for k in order:
        tok, last = buckets_.get(k, (burst, 0.0))
        tok = min(burst, tok + (t - last) * rate)
        if tok < 1.0:
            t += (1.0 - tok) / rate
            tok = 1.0
        buckets_[k] = (tok - 1.0, t)
    return t

runs_ca = [load("ca", r) for r in range(1, runs + 1)]
runs_cli = [load("cli", r) for r in range(1, runs + 1)] if cli else []
runs_seq = [load("seq", r) for r in range(1, runs + 1)] if seq else []
st0 = runs_ca[0][0]
ops = sorted(set(minimum) | set(st0) | set(k for s, _ in runs_cli for k in s))
# Unmodelled ops (added by other parts of the collector, nothing of them in this world): one empty page.
for k in ops:
    minimum.setdefault(k, 1)
order = []
for line in open("%s/%s-%s-1.log" % (out, size, "seq" if seq else "ca")):
    e = json.loads(line)
    if e["status"] != 429:
        order.append("%s:%s" % (e["service"], e["op"]))
minlist = [k for k in order]   # the collector's order, to simulate the minimum in it
med = lambda xs: statistics.median(xs) if xs else float("nan")
print("\n## %s world: %d users, %d flows, %d profiles, %d buckets, %d keys; quotas %g/s burst %g; %d run(s)" % (
    size, len(inst["Users"]), len(inst["ContactFlows"]), len(inst["SecurityProfiles"]), len(buckets), len(keys), rate, burst, runs))
print("\n| service:Op | minimum | collect calls | collect 429 | aws CLI calls | aws CLI 429 | op floor (min) s |")
print("|---|---:|---:|---:|---:|---:|---:|")
for k in ops:
    c = st0.get(k, {"calls": 0, "throttled": 0})
    cl = runs_cli[0][0].get(k, {"calls": 0, "throttled": 0}) if runs_cli else None
    print("| %s | %d | %d | %d | %s | %s | %.1f |" % (k, minimum[k], c["calls"], c["throttled"],
          cl["calls"] if cl else "-", cl["throttled"] if cl else "-", max(0.0, minimum[k] - burst) / rate))
tot = lambda s, f: sum(v[f] for v in s.values())
fa = floor_any(minimum)
fs = floor_seq(order)
print("\n| | calls (median) | 429s (median) | calls ÷ minimum | wall s (median, min–max) | wall ÷ floor_any | wall ÷ floor_seq |")
print("|---|---:|---:|---:|---:|---:|---:|")
mtot = sum(minimum.values())
print("| minimum | %d | 0 | 1.00 | floor_any %.1f, floor_seq %.1f | | |" % (mtot, fa, fs))
peak = lambda kind, r: max(json.loads(l).get("inflight", 1) for l in open("%s/%s-%s-%d.log" % (out, size, kind, r)))
for name, rs in (("connect-auditor collect (default, up to %d in flight)" % peak("ca", 1), runs_ca),
                 ("connect-auditor collect --max-concurrency 1", runs_seq), ("aws CLI script", runs_cli)):
    if not rs:
        continue
    calls = med([tot(s, "calls") for s, _ in rs]); thr = med([tot(s, "throttled") for s, _ in rs])
    walls = [t for _, t in rs]
    print("| %s | %g | %g | %.2f | %.1f (%.1f–%.1f) | %.2f | %.2f |" % (name, calls, thr, calls / mtot, med(walls),
          min(walls), max(walls), med(walls) / fa if fa else float("nan"), med(walls) / fs if fs else float("nan")))
if runs_seq:
    print("\ncollect --max-concurrency 1 ÷ collect, per run (same run, same machine): " + ", ".join(
        "%.2f" % (b[1] / a[1]) for a, b in zip(runs_ca, runs_seq)))
if runs_cli:
    print("\naws CLI ÷ collect, per run (same run, same machine): " + ", ".join(
        "%.2f" % (b[1] / a[1]) for a, b in zip(runs_ca, runs_cli)))
print("\nfloor_any = max over service:Op of (minimum - burst) / rate: every operation its own bucket, all paced at once "
      "(a client issuing calls to different operations concurrently). floor_seq = the collector's own successful calls "
      "(fake log of run 1 with --max-concurrency 1, else of the default run) replayed one at a time in its order with "
      "zero latency through the same buckets: the floor of a client that makes one call at a time.")
PY
done
