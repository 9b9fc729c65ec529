#!/usr/bin/env bash
# Odd shapes of input against -j: arrays of tiny resources, of scalars, of
# what is not Graph, resources mixed with scalars, items with many
# findings, and a batch of short collections. Each was once slower or far
# larger at -j 2 or -j 16 than at -j 1 (README, "How it is fast";
# bench/HISTORY.md, 2026-12-02 evening and 2026-12-03), because the
# parallel check's work or memory followed something other than the
# resources it checks.
#
#   bash bench/shapes.sh                 # builds vppvalidate, times it
#   OLD=/path/to/vppvalidate bash bench/shapes.sh   # and another build beside it
#
# For each shape it times, taking turns (bench/cores/turns), RUNS rounds:
# -j 1, -j 2 and -j THREADS with GOMAXPROCS=THREADS (THREADS [16] goroutines
# on however many cores there are), -o json, and turns compares each
# output with -j 1's. Needs Go and python3. Environment: RUNS [3],
# THREADS [16], SCALE [1] (a multiplier of every shape's size), WORK [/tmp].
# At SCALE=1 the shapes take 440 MB in WORK, and a run about 2 minutes here;
# an OLD build from before e805d6d takes minutes more (numbers at -j 2).
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
RUNS=${RUNS:-3} THREADS=${THREADS:-16} SCALE=${SCALE:-1}
work=$(mktemp -d "${WORK:-/tmp}/vpp-shapes.XXXXXX")
trap 'rm -rf "$work"' EXIT

(cd "$ROOT" && go build -o "$work/vppvalidate" ./cmd/vppvalidate && go build -o "$work/turns" ./bench/cores/turns)

python3 - "$work" "$SCALE" <<'EOF'
import sys
work, scale = sys.argv[1], float(sys.argv[2])
n = lambda k: max(1, int(k * scale))
res = ('{"@odata.type":"#microsoft.graph.vppTokenRevokeLicensesActionResult","actionName":"RevokeLicenses",'
       '"actionState":"done","startDateTime":"2018-02-13T10:25:08.2690814Z",'
       '"lastUpdatedDateTime":"2018-02-13T12:16:57.5331501Z","totalLicensesCount":1585,'
       '"failedLicensesCount":0,"actionFailureReason":"none"}')
ctx = '{"@odata.context":"https://graph.microsoft.com/beta/$metadata#Collection(microsoft.graph.vppTokenRevokeLicensesActionResult)","value":['
shapes = {
    # Each missing its seven required properties.
    'empty-objects.json': ctx + ','.join(['{}'] * n(10_000_000)) + ']}',
    'resource-then-number.json': '{"value":[' + ','.join([res, '1'] * n(150_000)) + ']}',
    'not-graph.json': '[' + ','.join(['{}'] * n(5_000_000)) + ']',
    'numbers.json': '[' + ','.join(str(i % 100000) for i in range(n(10_000_000))) + ']',
    'tiny-lines.jsonl': '{"a":1}\n' * n(5_000_000),
    # What is not Graph, then Graph, then not: the workers' guesses about
    # what came before are wrong at each change.
    'mixed-graph.json': '[' + ','.join(['{}'] * n(300_000) + [res] * n(5000) + ['{"a":1}'] * n(300_000) + [res] * n(3000)) + ']',
    # 80 unknown properties in every item: workers record many findings
    # per item (timed with --max-findings 0 too).
    'wide-items.json': ctx + ','.join([res[:-1] + ''.join(f',"extra{k}":{k}' for k in range(80)) + '}'] * n(20_000)) + ']}',
    # A batch whose bodies' collections are shorter than the blocks the
    # walker scans at once on 16 workers.
    'batch-bodies.json': '{"responses":[' + ','.join(
        f'{{"id":"{i}","status":200,"body":' + ctx + ','.join([res] * 1000) + ']}}' for i in range(n(120))) + ']}',
}
for name, text in shapes.items():
    with open(f'{work}/{name}', 'w') as f:
        f.write(text)
EOF

cd "$work"
# Each shape, with the flags it is timed with besides -o json --fail-on none.
for shape in empty-objects.json resource-then-number.json not-graph.json numbers.json tiny-lines.jsonl \
  mixed-graph.json wide-items.json "wide-items.json --max-findings 0" batch-bodies.json; do
  f=${shape%% *}
  flags=${shape#"$f"}
  printf '\n### %s%s (%s bytes)\n\n' "$f" "$flags" "$(stat -c %s "$f")"
  cmds=()
  for b in vppvalidate ${OLD:+old}; do
    exe=$work/vppvalidate
    [[ $b == old ]] && exe=$OLD
    cmds+=("$b-j1=$exe -o json --fail-on none$flags -j 1 $f"
      "$b-j2=$exe -o json --fail-on none$flags -j 2 $f"
      "$b-j$THREADS=GOMAXPROCS=$THREADS $exe -o json --fail-on none$flags -j $THREADS $f")
  done
  ./turns -runs "$RUNS" -dir "$work" -hide "$work/" "${cmds[@]}"
done
