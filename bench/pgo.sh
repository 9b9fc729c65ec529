#!/usr/bin/env bash
# Makes cmd/vppvalidate/default.pgo, the CPU profile that guides the Go
# compiler's optimisations (profile-guided optimisation, Go 1.21 and
# later: every go build and go install of the command reads it). The
# profile comes from the command's own work on a generated corpus, the
# inputs that issue 11's targets time against peers: a clean collection,
# the two collections with a finding in every resource that ajv-cli is
# timed on (AJV_KINDS of lib/kinds.sh), a collection of vppTokens and
# small files, each run as the bench runs it (BenchmarkProfileInputs in
# cmd/vppvalidate). Profiling every kind of finding instead spreads the
# profile so thin that it gains a third as much on those.
#
#   bash bench/pgo.sh        # then commit cmd/vppvalidate/default.pgo
#
# Environment: MB [30] size of the collection (10^6 bytes); FILES [2000]
# small files; RUNS [3] passes over the inputs.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
MB=${MB:-30} FILES=${FILES:-2000} RUNS=${RUNS:-3}
# shellcheck source=bench/lib/kinds.sh
source "$BENCH/lib/kinds.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$ROOT"
go run ./bench/gencorpus -out "$work" -files "$FILES" -collection-mb "$MB" -collection-invalid=false \
  -tokens-mb "$(awk -v mb="$MB" 'BEGIN {print mb / 5}')" >&2
while IFS=$'\t' read -r key script _; do
  [[ " $AJV_KINDS " == *" $key "* ]] && sed "$script" "$work/collection.json" >"$work/collection-$key.json"
done <<<"$FINDING_KINDS"

VPP_PROFILE_INPUTS=$work go test -run '^$' -bench '^BenchmarkProfileInputs$' -benchtime "${RUNS}x" \
  -o "$work/vppvalidate.test" -cpuprofile "$work/cpu.pprof" ./cmd/vppvalidate >&2
cp "$work/cpu.pprof" cmd/vppvalidate/default.pgo
echo "wrote cmd/vppvalidate/default.pgo ($(wc -c <cmd/vppvalidate/default.pgo) bytes)" >&2
