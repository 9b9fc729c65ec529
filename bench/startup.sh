#!/usr/bin/env bash
# Where a one-file run's start-up time goes: times, side by side, an empty
# Go program, one that only links jsonschema/v5, `vppvalidate --version`
# and vppvalidate on one small valid and one small invalid file, with
# hyperfine and then taking turns (bench/startup/paired); then reads the
# per-package initialisation times from GODEBUG=inittrace=1.
#
#   bash bench/startup.sh            # RUNS [300] WARMUP [20] COPIES [3]
#
# Needs hyperfine (bench/run.sh installs it). Writes bench/out/startup.md.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
OUT=$BENCH/out
BIN=$OUT/startup-bin
RUNS=${RUNS:-300} WARMUP=${WARMUP:-20} COPIES=${COPIES:-3}
mkdir -p "$BIN"
command -v hyperfine >/dev/null || { echo "startup.sh: hyperfine is not installed (bash bench/run.sh installs it)" >&2; exit 2; }

cd "$ROOT"
go build -o "$BIN/hello" ./bench/startup/hello
go build -o "$BIN/v5init" ./bench/startup/v5init
go build -o "$BIN/vppvalidate" ./cmd/vppvalidate
go build -o "$BIN/paired" ./bench/startup/paired
# The same two programs without cgo. Both link net (through jsonschema/v5's
# formats), and net uses cgo wherever a C compiler is found: such a
# binary is linked against the C library and starts through the dynamic
# loader. The release binaries are built this way (.goreleaser.yaml).
CGO_ENABLED=0 go build -o "$BIN/v5init-static" ./bench/startup/v5init
CGO_ENABLED=0 go build -o "$BIN/vppvalidate-static" ./cmd/vppvalidate
valid=testdata/valid/revoke-single.json
invalid=testdata/invalid/enum.json
[[ -f $valid && -f $invalid ]] || { echo "startup.sh: fixture missing" >&2; exit 2; }
# Each program must do what it is timed doing: one that failed at once
# would look fast. hyperfine -i and paired do not look at exit statuses.
expect_exit() { # STATUS COMMAND...
  local want=$1 rc=0
  shift
  "$@" >/dev/null 2>&1 || rc=$?
  [[ $rc == "$want" ]] || { echo "startup.sh: $* exited $rc, not $want" >&2; exit 2; }
}
expect_exit 0 "$BIN/v5init"
expect_exit 0 "$BIN/vppvalidate" --version
expect_exit 0 "$BIN/vppvalidate" "$valid"
expect_exit 1 "$BIN/vppvalidate" -q "$invalid"
expect_exit 0 "$BIN/v5init-static"
expect_exit 0 "$BIN/vppvalidate-static" "$valid"
expect_exit 1 "$BIN/vppvalidate-static" -q "$invalid"

hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --export-json "$OUT/startup.json" \
  -n "empty Go program" "$BIN/hello" \
  -n "program that only links jsonschema/v5" "$BIN/v5init" \
  -n "vppvalidate --version" "$BIN/vppvalidate --version" \
  -n "vppvalidate, one valid file" "$BIN/vppvalidate $valid" \
  -n "vppvalidate, one invalid file" "$BIN/vppvalidate -q $invalid" -i >&2

# The same programs taking turns, round after round: the median of each
# one's difference from the v5-only program within a round is steadier on
# this machine than the difference of two hyperfine medians taken minutes
# apart. Each program runs as COPIES byte-identical copies, since on a
# virtual machine two copies of one program can start half a millisecond
# apart (the page cache holds each file its own way).
"$BIN/paired" -runs "$RUNS" -warmup "$WARMUP" -copies "$COPIES" "$BIN/v5init" "$BIN/vppvalidate --version" \
  "$BIN/vppvalidate $valid" "$BIN/vppvalidate -q $invalid" | sed "s|$BIN/||g" >"$OUT/startup-paired.md"
# The static builds against their own floor, and the default v5-only
# build beside them: its difference is what cgo's start costs.
"$BIN/paired" -runs "$RUNS" -warmup "$WARMUP" -copies "$COPIES" "$BIN/v5init-static" "$BIN/v5init" \
  "$BIN/vppvalidate-static --version" "$BIN/vppvalidate-static $valid" "$BIN/vppvalidate-static -q $invalid" |
  sed "s|$BIN/||g" >"$OUT/startup-static.md"

# Median initialisation time of the heaviest packages over 50 runs.
for _ in $(seq 50); do GODEBUG=inittrace=1 "$BIN/vppvalidate" --version 2>&1 >/dev/null; done |
  python3 -c '
import collections, statistics, sys
ms = collections.defaultdict(list)
for line in sys.stdin:
    f = line.split()
    if len(f) > 4 and f[0] == "init":
        ms[f[1]].append(float(f[4]))
for p, v in sorted(ms.items(), key=lambda kv: -statistics.median(kv[1]))[:5]:
    print(f"{statistics.median(v):.2f} ms  {p}")
' > "$OUT/startup-init.txt"

# Page faults, where perf is installed: on a virtual machine a first
# touch of a page can cost tens of microseconds, and most of what a
# one-file run spends beyond the v5-only program goes there.
: >"$OUT/startup-faults.txt"
if command -v perf >/dev/null && perf stat -e page-faults true >/dev/null 2>&1; then
  for cmd in "$BIN/v5init" "$BIN/vppvalidate $valid"; do
    # shellcheck disable=SC2086 # the command and its argument, split on purpose
    faults=$(perf stat -x, -r 30 -e page-faults $cmd 2>&1 >/dev/null | awk -F, '/page-faults/ {print $1}')
    printf '%s page faults  %s\n' "$faults" "${cmd#"$BIN/"}" >>"$OUT/startup-faults.txt"
  done
fi

{
  echo "# Start-up"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores; $(go version | cut -d' ' -f3); load average $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "hyperfine -N, $RUNS runs after $WARMUP warm-up runs each."
  echo
  echo "| program | median | mean ± σ |"
  echo "|---|---:|---:|"
  python3 - "$OUT/startup.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"| {r['command']} | {r['median']*1000:.1f} ms | {r['mean']*1000:.1f} ± {r['stddev']*1000:.1f} ms |")
PY
  echo
  echo "Taking turns (bench/startup/paired, $RUNS rounds after $WARMUP; each round runs each of $COPIES byte-identical copies of every program once; \"copies from .. to\" is the lowest and highest of the copies' medians, which the mean beside it averages):"
  echo
  cat "$OUT/startup-paired.md"
  echo
  echo "The same without cgo (CGO_ENABLED=0, as the release binaries are built; \`go env CGO_ENABLED\` is $(go env CGO_ENABLED) here, the default build above), taking turns against the v5-only program built the same way, with the default v5-only build beside it:"
  echo
  cat "$OUT/startup-static.md"
  echo
  echo "Median package initialisation in \`vppvalidate --version\` (GODEBUG=inittrace=1, 50 runs; ms, package):"
  echo
  sed 's/^/    /' "$OUT/startup-init.txt"
  if [[ -s $OUT/startup-faults.txt ]]; then
    echo
    echo "Page faults, mean of 30 runs (perf stat):"
    echo
    sed 's/^/    /' "$OUT/startup-faults.txt"
  fi
} | tee "$OUT/startup.md"
