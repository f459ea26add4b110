#!/bin/bash
# bench/run.sh -- the whole benchmark: build (Release, own build dir), generate
# the snapshots, measure every program as a whole process, print one table.
#
#   bench/run.sh                       # the scale table: all packs at 5k/750 .. 40k/6k
#   SCALES="5000/750 10000/1500" bench/run.sh   # fewer sizes
#   MODE=jq JQ_SIZE=5000/750 bench/run.sh      # only the jq comparison
#   MODE=bridge bench/run.sh           # the bridge rows: RUNS=5, default + small snapshot
#   MODE=bridge RUNS=7 BUILD=/tmp/b OUT=/tmp/o bench/run.sh
#   MODE=bridge SIZES=small bench/run.sh        # only the small snapshot (quick check)
#
# BUILD  build directory (default /tmp/build-bench; never the shared build/)
# OUT    where snapshots and audit output go (default /tmp/ca-bench)
# RUNS   measured runs per row (default 5; one warm-up run is not counted)
# SIZES  which snapshots: "large small" (default), "large" or "small"
# PER_PACK=0 skips the per-pack audit rows (large snapshot only)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-/tmp/build-bench}
OUT=${OUT:-/tmp/ca-bench}
RUNS=${RUNS:-5}
SIZES=${SIZES:-large small}
B=$BUILD/bench
CA=$BUILD/connect-auditor
ROWS=$OUT/rows.txt

build() {   # quiet unless it fails: the log is $OUT/build.log
  if ! { [ -f "$BUILD/CMakeCache.txt" ] || cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release; } \
       >"$OUT/build.log" 2>&1 ||
     ! cmake --build "$BUILD" -j2 --target connect-auditor gensnap parsefloor measure bridge \
       >>"$OUT/build.log" 2>&1; then
    cat "$OUT/build.log" >&2
    echo "run.sh: the build failed" >&2
    exit 1
  fi
}

machine() {
  echo "## machine"
  echo "date:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpus:     $(nproc) ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'))"
  echo "memory:   $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min, before the runs)"
  echo "kernel:   $(uname -sr)"
  echo "compiler: $(cc --version | awk 'NR == 1')"   # awk reads it all (no SIGPIPE under pipefail)
  echo "libs:     lua $(pkg-config --modversion lua5.4), cJSON $(pkg-config --modversion libcjson)"
  echo "build:    $(grep -m1 '^CMAKE_BUILD_TYPE' "$BUILD/CMakeCache.txt" | cut -d= -f2) in $BUILD"
  if [ "${MODE:-scale}" = bridge ]; then
    echo "runs:     $RUNS per row (+1 warm-up), figures are medians unless marked"
  fi
}

# gensnap flags per size name
size_flags() {
  case $1 in
    large) echo "" ;;                                  # the defaults: 20,000 users, 3,000 flows
    small) echo "--users 2000 --flows 300" ;;
    *) echo "unknown size $1" >&2; return 1 ;;
  esac
}

describe_snapshot() {
  local name=$1 snap=$2
  local bytes sha rules
  bytes=$(stat -c %s "$snap")
  sha=$(sha256sum "$snap" | cut -d' ' -f1)
  # awk, not grep -m1: an early exit would SIGPIPE audit and pipefail end the run
  rules=$("$CA" audit "$snap" -o "$OUT/audit-$name" 2>&1 | awk '/ rules from / && !n++ {sub(/^connect-auditor: /, ""); print}')
  echo "$name: $snap, $bytes bytes ($(awk -v b="$bytes" 'BEGIN {printf "%.1f MiB", b / 1048576}')), sha256 $sha"
  echo "  gensnap $(size_flags "$name") (seed 1)"
  echo "  audit: $rules; results.json $(stat -c %s "$OUT/audit-$name/results.json") bytes"
}

packs() {   # the packs under policies/ now (other people add rules while this runs)
  local d
  for d in "$ROOT"/policies/*/pack.lua; do basename "$(dirname "$d")"; done
}

m() {   # m LABEL [-s FILE] -- COMMAND...
  local label=$1
  shift
  "$B/measure" -n "$RUNS" -l "$label" "$@" | tee -a "$ROWS"
}

measure_size() {
  local name=$1 snap=$2
  m "$name parsefloor" -- "$B/parsefloor" "$snap"
  m "$name audit -j$(nproc) (all packs)" -- "$CA" audit "$snap" -o "$OUT/audit-$name" -q
  m "$name audit -j1 (all packs)" -- "$CA" audit "$snap" -o "$OUT/audit-$name" -q -j 1
  # the bridge's three traversals as rules, through the whole engine
  m "$name audit -j1 bench pack" -- "$CA" audit "$snap" -o "$OUT/audit-$name-bench" -q -j 1 \
    --policies "$ROOT/bench/packs" --pack bench
  if [ "$name" = large ] && [ "${PER_PACK:-1}" = 1 ]; then
    local p
    for p in $(packs); do
      m "$name audit -j1 --pack $p" -- "$CA" audit "$snap" -o "$OUT/audit-$name-$p" -q -j 1 --pack "$p"
    done
  fi
  m "$name bridge none" -s "$OUT/bridge-$name-none.txt" -- "$B/bridge" none users "$snap"
  local rule v
  for rule in users flows graph; do
    for v in lazy perres typed eager; do
      m "$name bridge $v $rule" -s "$OUT/bridge-$name-$v-$rule.txt" -- "$B/bridge" "$v" "$rule" "$snap"
    done
  done
}

# Derived figures from the rows of one run: each row against the parse floor
# of its snapshot, and each bridge row net of `bridge none` (load + Lua state).
derive() {
  awk '
    { label = $1; for (i = 2; i <= NF - 6; i++) label = label " " $i
      size = $1; wall[label] = $(NF - 4); cpu[label] = $(NF - 1); rss[label] = $NF; order[++n] = label; sz[label] = size }
    END {
      printf "%-34s %9s %9s %12s %12s %10s\n", "what", "wall/floor", "cpu/floor", "wall-none", "cpu-none", "rss-none"
      for (i = 1; i <= n; i++) {
        l = order[i]; f = sz[l] " parsefloor"; z = sz[l] " bridge none"
        line = sprintf("%-34s %9.2fx %9.2fx", l, wall[l] / wall[f], cpu[l] / cpu[f])
        if (index(l, " bridge ") && (z in wall))
          line = line sprintf(" %+11.3fs %+11.3fs %+8.1fMiB", wall[l] - wall[z], cpu[l] - cpu[z], rss[l] - rss[z])
        print line
      }
    }' "$ROWS"
}

bridge_checks() {
  local f
  for f in "$OUT"/bridge-*.txt; do
    printf '%-40s %s\n' "$(basename "$f" .txt)" "$(cat "$f")"
  done
}

# ---- scale (the default): all packs at four sizes (issue 12) -------------
# SCALES: users/flows pairs. Per size: the parse floor, one audit of all packs
# at -j2 with --timings, its error findings and killed rules, peak RSS over
# the snapshot's bytes, and the CPU growth exponent from the size before
# (log(cpu ratio) / log(bytes ratio): 1.0 is linear).
scale() {
  local sizes=${SCALES:-5000/750 10000/1500 20000/3000 40000/6000}
  echo "## scale: all packs, audit -j2, one run per size (RUNS ignored)"
  printf '%-12s %10s %9s %9s %9s %8s %7s %8s %7s %6s\n' size bytes floor_cpu audit_cpu cpu/floor exponent rss_MiB rss/bytes errors killed
  local prev_b="" prev_c="" uf u f snap line floor cpu rss bytes exp errors killed
  for uf in $sizes; do
    u=${uf%/*}; f=${uf#*/}
    snap="$OUT/scale-$u-$f.json"
    [ -f "$snap" ] || "$B/gensnap" -o "$snap" --users "$u" --flows "$f"
    bytes=$(stat -c %s "$snap")
    floor=$("$B/measure" -n 1 -w 0 -l floor -- "$B/parsefloor" "$snap" | awk '{print $(NF-1)}')
    line=$("$B/measure" -n 1 -w 0 -l audit -- "$CA" audit "$snap" -o "$OUT/scale-$u-$f" -q -j 2 \
           --timings "$OUT/scale-$u-$f.timings.json")
    cpu=$(echo "$line" | awk '{print $(NF-1)}'); rss=$(echo "$line" | awk '{print $NF}')
    errors=$(jq '.summary.by_status.error' "$OUT/scale-$u-$f/results.json")
    killed=$(jq '.summary.killed_rules | length' "$OUT/scale-$u-$f/results.json")
    exp=-
    [ -n "$prev_b" ] && exp=$(awk -v c="$cpu" -v pc="$prev_c" -v b="$bytes" -v pb="$prev_b" \
      'BEGIN {printf "%.2f", log(c / pc) / log(b / pb)}')
    printf '%-12s %10d %9.2f %9.2f %8.2fx %8s %7.0f %8.2fx %7d %6d\n' "$uf" "$bytes" "$floor" "$cpu" \
      "$(awk -v a="$cpu" -v b="$floor" 'BEGIN {print a / b}')" "$exp" "$rss" \
      "$(awk -v r="$rss" -v b="$bytes" 'BEGIN {print r * 1048576 / b}')" "$errors" "$killed"
    prev_b=$bytes; prev_c=$cpu
  done
  echo
  echo "## slowest rules at the largest size (--timings)"
  jq -r '.rules | sort_by(-.cpu_s) | .[:8][] | "\(.rule_id)  cpu \(.cpu_s) s  \(.instructions) instructions  \(.findings) findings  lua peak \(.lua_memory_peak / 1048576 | floor) MiB"' \
    "$OUT/scale-$u-$f.timings.json"
  echo
  echo "## error findings at the largest size, by rule and message"
  jq -r '[.findings[] | select(.status == "error") | "\(.rule_id): \(.message[:100])"] | group_by(.) | .[] | "\(length)  \(.[0])"' \
    "$OUT/scale-$u-$f/results.json" | sort -rn | awk 'NR <= 10'   # awk reads it all: head would SIGPIPE the pipe (pipefail)
}

# ---- jq: the same four checks decided by jq (bench/jq/checks.jq) and by
# the tool (bench/packs/jqcmp: the four built-in rules, symlinked), on the
# JQ_SIZE snapshot; agreement = the sorted finding lines are equal.
jqcmp() {
  local uf=${JQ_SIZE:-20000/3000} n=${JQ_RUNS:-3}
  local u=${uf%/*} f=${uf#*/}
  local snap="$OUT/scale-$u-$f.json" dir="$OUT/jq-$u-$f"
  [ -f "$snap" ] || "$B/gensnap" -o "$snap" --users "$u" --flows "$f"
  mkdir -p "$dir"
  echo "## jq: four rules (BASE-FLOW-020, BASE-FLOW-021, BASE-USR-001, BASE-TEL-002) at $uf, $n runs"
  jq -r -f "$ROOT/bench/jq/checks.jq" "$snap" | sort > "$dir/jq.lines"
  "$CA" audit "$snap" -o "$dir/tool" -q -j 1 --policies "$ROOT/bench/packs" --pack jqcmp
  jq -r '.findings[] | "\(.rule_id)\t\(.resource.arn)\t\(.status)"' "$dir/tool/results.json" | sort > "$dir/tool.lines"
  local agree
  if cmp -s "$dir/jq.lines" "$dir/tool.lines"; then agree="agree on all $(wc -l < "$dir/jq.lines") findings"
  else
    agree="DISAGREE: $( (diff "$dir/jq.lines" "$dir/tool.lines" || true) | grep -c '^[<>]' || true) lines differ ($dir)"
    JQ_DISAGREE=1
  fi
  "$B/measure" --header
  local jl tl
  jl=$("$B/measure" -n "$n" -l "jq checks.jq" -- /bin/sh -c "jq -r -f '$ROOT/bench/jq/checks.jq' '$snap' > /dev/null")
  tl=$("$B/measure" -n "$n" -l "audit -j1 --pack jqcmp" -- "$CA" audit "$snap" -o "$dir/tool" -q -j 1 \
       --policies "$ROOT/bench/packs" --pack jqcmp)
  echo "$jl"; echo "$tl"
  echo "$agree; jq CPU / tool CPU = $(awk -v j="$(echo "$jl" | awk '{print $(NF-1)}')" \
    -v t="$(echo "$tl" | awk '{print $(NF-1)}')" 'BEGIN {printf "%.2f", j / t}')"
}

# The jq comparison is only a comparison when both sides decide the same:
# a disagreement fails the run (after every figure is printed).
JQ_DISAGREE=0
jq_verdict() {
  if [ "$JQ_DISAGREE" != 0 ]; then
    echo "run.sh: jq/checks.jq and the tool disagree (diff the .lines files named above)" >&2
    exit 1
  fi
}

main() {
  mkdir -p "$OUT"
  if [ "${MODE:-scale}" = jq ]; then
    build
    machine
    echo "commit:   $(git -C "$ROOT" rev-parse --short HEAD)"
    echo
    jqcmp
    jq_verdict
    return
  fi
  if [ "${MODE:-scale}" = scale ]; then
    build
    machine
    echo "commit:   $(git -C "$ROOT" rev-parse --short HEAD)"
    echo
    scale
    echo
    jqcmp
    jq_verdict
    return
  fi
  : > "$ROWS"
  rm -f "$OUT"/bridge-*.txt
  build
  machine
  echo
  echo "## inputs"
  local name
  for name in $SIZES; do
    # shellcheck disable=SC2046  # size_flags is a word list on purpose
    "$B/gensnap" -o "$OUT/$name.json" $(size_flags "$name")
    describe_snapshot "$name" "$OUT/$name.json"
  done
  echo
  echo "## measured (seconds, MiB; wall = elapsed, cpu = user+sys of the whole process tree,"
  echo "##           rss = ru_maxrss: the largest single process of the tree)"
  "$B/measure" --header
  for name in $SIZES; do measure_size "$name" "$OUT/$name.json"; done
  echo
  echo "## derived (same run): against the parse floor; bridge rows net of 'bridge none'"
  derive
  echo
  echo "## bridge outputs (same work in every variant: equal 'visited'; Lua heap peak)"
  bridge_checks
}

main "$@"
