#!/usr/bin/env bash
# How vppvalidate scales with cores (issue 11's targets for a machine with
# more cores than this one), on a machine that may have no Go toolchain, no
# network and no benchmarking tools: what it runs is built beforehand.
#
#   bash bench/cores.sh build   # with Go and the module proxy: fills bench/.cores/
#   bash bench/cores.sh run     # anywhere bench/.cores/ is: times, prints the report
#
# run generates the corpus with bench/gencorpus into a new directory in
# WORK (removed however the run ends), then times, taking
# turns (bench/cores/turns), RUNS rounds each:
# - a MB collection (one item a line, as bench/gencorpus writes it), the same
#   items on one line (as Graph sends them) and a MB JSON Lines file, at
#   -j 1, 2, 4, ... and the number of cores, each output (-o json) compared
#   with -j 1's;
# - 16 collections of MB/16 at -j 1 and at the number of cores;
# - FILES small files: cat of the same files, vppvalidate at its default -j
#   and jv (jsonschema v6's command) split as many ways as there are cores
#   with xargs -P;
# - peak RSS on a RSS_MB collection at -j 1, at the number of cores and at 64.
# It prints the Markdown report and writes it to OUT [bench/out]/cores.md.
#
# It needs bash, coreutils, grep, sed, find and xargs, nothing else.
#
# Environment: MB [400] FILES [20000] RSS_MB [1000] RUNS [3] WORK [/tmp]
# (MB=40 FILES=2000 RSS_MB=100 RUNS=1 is a quick try). On this project's
# 2-core machine the default sizes took 2 minutes, 29 s of them generating
# the corpus (2.4 GB in WORK).
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
BIN=$BENCH/.cores/bin
# jv v6 at the versions run.sh times (JV6_CMD_VERSION, JV6_LIB_VERSION).
# shellcheck source=bench/lib/peers.sh
source "$BENCH/lib/peers.sh"

log() { printf '[cores] %s\n' "$*" >&2; }

build() {
  mkdir -p "$BIN"
  cd "$ROOT"
  export CGO_ENABLED=0 # static: the machine that runs them may lack the C library's version
  go build -trimpath -buildvcs=auto -o "$BIN/vppvalidate" ./cmd/vppvalidate
  go build -trimpath -o "$BIN/gencorpus" ./bench/gencorpus
  go build -trimpath -o "$BIN/turns" ./bench/cores/turns
  local jv_id="cmd $JV6_CMD_VERSION lib $JV6_LIB_VERSION"
  if [[ ! -x $BIN/jv || $(cat "$BIN/jv.version" 2>/dev/null) != "$jv_id" ]]; then
    log "building github.com/santhosh-tekuri/jsonschema/cmd/jv@$JV6_CMD_VERSION with jsonschema/v6@$JV6_LIB_VERSION"
    local d rc=0
    d=$(mktemp -d)
    (cd "$d" && export GOFLAGS=-mod=mod && go mod init jvbuild >/dev/null 2>&1 &&
      go get "github.com/santhosh-tekuri/jsonschema/cmd/jv@$JV6_CMD_VERSION" "github.com/santhosh-tekuri/jsonschema/v6@$JV6_LIB_VERSION" &&
      go build -trimpath -o "$BIN/jv" github.com/santhosh-tekuri/jsonschema/cmd/jv) || rc=$?
    rm -rf "$d"
    ((rc == 0)) || { log "building jv failed"; exit 1; }
    printf '%s\n' "$jv_id" >"$BIN/jv.version"
  fi
  "$BIN/vppvalidate" --version >&2
  log "$(du -sh "$BENCH/.cores" | cut -f1) in bench/.cores/, to copy along to the machine that runs it"
}

run() {
  local mb=${MB:-400} files=${FILES:-20000} rss_mb=${RSS_MB:-1000} runs=${RUNS:-3}
  local out=${OUT:-$BENCH/out}
  local n vpp=$BIN/vppvalidate turns=$BIN/turns
  n=$(nproc)
  for b in vppvalidate gencorpus turns jv; do
    [[ -x $BIN/$b ]] || { log "$BIN/$b is missing: run 'bash bench/cores.sh build' first"; exit 2; }
  done
  mkdir -p "${WORK:-/tmp}" "$out"
  # A directory of its own inside WORK, removed however the run ends; the
  # report is written beside its place and moved there once complete.
  work=$(mktemp -d "${WORK:-/tmp}/vppcores.XXXXXX")
  report=$out/cores.md.partial
  trap 'rm -rf "$work" "$report"' EXIT
  trap 'exit 130' INT TERM
  mkdir -p "$work/t"
  local jobs=(1) j=2
  while ((j < n)); do jobs+=("$j"); j=$((j * 2)); done
  ((n > 1)) && jobs+=("$n")

  log "generating the corpus in $work"
  local start=$SECONDS
  "$BIN/gencorpus" -out "$work/c" -files "$files" -collection-mb "$mb" -collection-invalid=false \
    -lines-mb "$mb" -tokens-mb 0 2>&1 | sed 's/^/[cores] /' >&2 &
  local i
  for ((i = 1; i <= 16; i++)); do
    "$BIN/gencorpus" -out "$work/c16/$i" -files 0 -collection-mb "$((mb * 1000 / 16))e-3" \
      -collection-invalid=false -seed "$i" >/dev/null 2>&1 &
  done
  "$BIN/gencorpus" -out "$work/rss" -files 0 -collection-mb "$rss_mb" -collection-invalid=false >/dev/null 2>&1 &
  wait
  tr -d '\n' <"$work/c/collection.json" >"$work/c/collection-oneline.json"
  log "corpus ready in $((SECONDS - start)) s"

  # mb_of FILE: its size in MB of 10^6 bytes, to a tenth.
  mb_of() {
    local t=$((($(stat -c %s "$1") + 50000) / 100000))
    echo "$((t / 10)).$((t % 10))"
  }
  # table HEADING TURNS-ARGUMENTS...: one section of the report.
  table() {
    local heading=$1
    shift
    log "$heading"
    printf '\n## %s\n\n' "$heading"
    "$turns" -dir "$work/t" -hide "$BIN/,$work/,$BENCH/" "$@"
  }
  each_j() { # FILE: one LABEL=COMMAND per -j
    local f=$1 j
    for j in "${jobs[@]}"; do
      printf 'j%s=%s -o json --max-size 8GiB -j %s %s\n' "$j" "$vpp" "$j" "$f"
    done
  }
  # failed_files FILE PATTERN: how many distinct files the lines of FILE
  # that match PATTERN name, the file being the first field before ':'.
  failed_files() { grep -E "$2" "$1" | sed -E 's/^(instance )?([^:]*):.*/\2/' | sort -u | wc -l; }
  local mem # GB of 10^9 bytes to a tenth, from MemTotal in KiB
  mem=$((($(grep -m1 MemTotal /proc/meminfo | tr -dc 0-9) * 1024 + 50000000) / 100000000))
  mem=$((mem / 10)).$((mem % 10))
  {
    printf '# vppvalidate on %s cores\n\n' "$n"
    printf '%s; %s; %s GB of memory; load average %s.\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" \
      "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')" \
      "$mem" "$(cut -d' ' -f1-3 /proc/loadavg)"
    printf 'Build: %s.\n\n' "$("$vpp" --version)"
    printf 'Timed by bench/cores/turns, the commands of a table taking turns (rounds: %s, unless a heading says otherwise): the median and the range of the wall times, the first row'"'"'s median over the row'"'"'s ("speed-up"), the highest peak RSS of one process in any run, the exit statuses, and whether the standard output was the first row'"'"'s byte for byte ("same"; the first row gives the start of its SHA-256). Commands are shown without the paths of bench/.cores/bin/, bench/ and the corpus directory.\n' "$runs"
    local key f
    for key in collection collection-oneline collection.jsonl; do
      f=$work/c/$key
      [[ $key == collection.jsonl ]] || f=$f.json
      mapfile -t cmds < <(each_j "$f")
      table "One file on every core: $(basename "$f") ($(mb_of "$f") MB)" -runs "$runs" "${cmds[@]}"
    done
    table "16 collections of $(mb_of "$work/c16/1/collection.json") MB" -runs "$runs" -compare=false \
      "c16-j1=$vpp -q -j 1 $work/c16" "c16-jn=$vpp -q -j $n $work/c16"
    local per=$(((files + n - 1) / n))
    table "$files small files, $((runs + 2)) rounds (cat of the same files first: a speed-up over 1 is faster than cat)" \
      -runs "$((runs + 2))" -compare=false \
      "cat=cd $work/c && find files -type f -name '*.json' -print0 | xargs -0 cat >/dev/null" \
      "many=cd $work/c && $vpp -q files/" \
      "many-jn=cd $work/c && $vpp -q -j $n files/" \
      "jv=cd $work/c && find files -type f -name '*.json' -print0 | xargs -0 -P $n -n $per $BIN/jv -q $BENCH/peers/document.schema.json 2>/dev/null"
    printf '\nA tenth of the files are invalid, hence exit status 1 for vppvalidate and 123 for xargs (a jv it started exited 1). Files found invalid: %s by vppvalidate (files with an error), %s by jv (failed instances), %s in the corpus'"'"'s truth.tsv.\n' \
      "$(failed_files "$work/t/many.out" '^[^:]+:[0-9]+:[0-9]+: error ')" \
      "$(failed_files "$work/t/jv.out" '^instance .*: failed')" \
      "$(grep -c "$(printf '\tinvalid\t')" "$work/c/truth.tsv")"
    table "Peak RSS on $(mb_of "$work/rss/collection.json") MB, one round" -runs 1 -compare=false \
      "rss-j1=$vpp -q --max-size 8GiB -j 1 $work/rss/collection.json" \
      "rss-jn=$vpp -q --max-size 8GiB -j $n $work/rss/collection.json" \
      "rss-j64=$vpp -q --max-size 8GiB -j 64 $work/rss/collection.json"
  } | tee "$report"
  mv "$report" "$out/cores.md"
}

case ${1:-} in
  build) build ;;
  run) run ;;
  *)
    echo "usage: bash bench/cores.sh build|run (see the top of the script)" >&2
    exit 2
    ;;
esac
