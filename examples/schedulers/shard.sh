#!/bin/sh
# One shard of an estate scan, for the scheduler examples beside this file
# (docs/schedulers.md):  shard.sh K N UNITS OUTDIR
#
# Scans units K, K+N, K+2N, ... (0-based, counting units, not comments) of
# UNITS ("ACCOUNT REGION INSTANCE" per line) into
# OUTDIR/ACCOUNT/REGION/INSTANCE/results.json, assuming role
# arn:aws:iam::ACCOUNT:role/$CONNECT_AUDITOR_ROLE in each account from the
# job's own credentials (IRSA, a Batch job role, GitHub OIDC).  A unit that
# cannot be scanned gets a scan-summary.json beside it with an error entry,
# which `connect-auditor merge` shows as unreached: never a silent gap.
set -eu
[ $# -eq 4 ] || { echo "usage: shard.sh K N UNITS OUTDIR" >&2; exit 2; }
k=$1 n=$2 units=$3 out=$4
case "$k$n" in *[!0-9]*|'') echo "shard.sh: K and N must be numbers" >&2; exit 2 ;; esac
[ "$k" -lt "$n" ] || { echo "shard.sh: K ($k) must be below N ($n)" >&2; exit 2; }
role=${CONNECT_AUDITOR_ROLE:-ConnectAuditorReadOnly}
i=0 failed=0
while read -r account region instance rest; do
  case "$account" in ''|'#'*) continue ;; esac
  mine=$((i % n)); i=$((i + 1))
  [ "$mine" -eq "$k" ] || continue
  # a broken units file is the job's error, loudly
  case "$account$region$instance" in *[!A-Za-z0-9_-]*) instance="" ;; esac
  if [ -z "$instance" ] || [ -n "$rest" ]; then
    echo "shard.sh: $units: unit $i: expected ACCOUNT REGION INSTANCE" >&2
    exit 2
  fi
  dir="$out/$account/$region/$instance"
  rm -f "$dir/results.json" "$dir/scan-summary.json"   # a run again the same day: no stale result
  rc=0
  connect-auditor scan --role-arn "arn:aws:iam::$account:role/$role" --region "$region" \
    --instance "$instance" -o "$dir" --format json --quiet || rc=$?
  # 0 and 1 wrote results.json (1: findings at or above --fail-on)
  if [ "$rc" -gt 1 ] || [ ! -f "$dir/results.json" ]; then
    failed=$((failed + 1))
    mkdir -p "$dir"
    printf '{"schema": "connect-auditor/scan-summary/v1", "units": [{"account_id": "%s", "region": "%s", "instance": "%s", "status": "error", "error": "connect-auditor scan exited %s (see the job log)"}]}\n' \
      "$account" "$region" "$instance" "$rc" > "$dir/scan-summary.json"
  fi
done < "$units"
echo "shard.sh: shard $k of $n: $failed unit(s) unreached" >&2
