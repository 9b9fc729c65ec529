#!/usr/bin/env bash
# Times vppvalidate against peer JSON Schema validators on a generated
# corpus and checks every tool's verdicts against the corpus's truth.
#
#   bash bench/run.sh                     # 20,000 files + 200 MB collection
#   FILES=2000 MB=20 bash bench/run.sh    # medium
#   SMOKE=1 bash bench/run.sh             # tiny; checks that everything works
#
# The Markdown report goes to standard output and to bench/out/results.md;
# progress goes to standard error; raw measurements stay in bench/out/raw/.
# See bench/README.md for what is measured and how each tool is invoked.
#
# Environment (defaults in brackets; SMOKE=1 changes the sizes):
#   FILES [20000]  small files      MB [200]   collection size (10^6 bytes)
#   INVALID [0.10] invalid fraction BIG_INVALID [1] also check collection-invalid.json
#   RUNS [20] WARMUP [3]            hyperfine runs for the start-up column
#   PEERS ["jv5 jv6 ajv pyjsonschema"]  the peers to run ("" for none)
#   INSTALL [1]    0: install nothing, skip what is missing
#   CHUNK [2000]   files per invocation for peers that take many files
#   LINES_MB [MB]  size of collection.jsonl, the JSON Lines file
#   TOKENS_MB [MB/5] size of tokens.json, a collection of vppTokens with
#                  their tokenActionResults (0 for none)
#   CORES_RUNS [3] runs of each -j on the big collection and JSON Lines file
#   RSS_MB [0]     also check peak RSS at every -j on a collection this big
#                  (1000 for the 1 GB target; generated apart, 0 skips it)
#   T_INSTALL [900] T_GEN [1200] T_STARTUP [600] T_MANY [3600] T_BIG [1800]
#                  time limits in seconds for each step (one tool, one step)
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH/.." && pwd)
TOOLS=$BENCH/.tools
NODE_PREFIX=$BENCH/.node
OUT=$BENCH/out
CORPUS=$OUT/corpus
RAW=$OUT/raw

SMOKE=${SMOKE:-0}
if [[ $SMOKE == 1 ]]; then
  FILES=${FILES:-200} MB=${MB:-2} RUNS=${RUNS:-3} WARMUP=${WARMUP:-1} CORES_RUNS=${CORES_RUNS:-1} FLOOR_RUNS=${FLOOR_RUNS:-1}
  T_MANY=${T_MANY:-300} T_BIG=${T_BIG:-300} T_STARTUP=${T_STARTUP:-120}
else
  FILES=${FILES:-20000} MB=${MB:-200} RUNS=${RUNS:-20} WARMUP=${WARMUP:-3}
fi
INVALID=${INVALID:-0.10}
LINES_MB=${LINES_MB:-$MB}
TOKENS_MB=${TOKENS_MB:-$(awk -v mb="$MB" 'BEGIN {print mb / 5}')}
CORES_RUNS=${CORES_RUNS:-3}
RSS_MB=${RSS_MB:-0}
BIG_INVALID=${BIG_INVALID:-1}
PEERS=${PEERS-jv5 jv6 ajv pyjsonschema}
INSTALL=${INSTALL:-1}
CHUNK=${CHUNK:-2000}
T_INSTALL=${T_INSTALL:-900} T_GEN=${T_GEN:-1200} T_STARTUP=${T_STARTUP:-600}
T_MANY=${T_MANY:-3600} T_BIG=${T_BIG:-1800}

# Pinned peer versions (JV5_VERSION, JV6_CMD_VERSION, JV6_LIB_VERSION,
# AJV_CLI_VERSION, AJV_FORMATS_VERSION), shared with cores.sh.
# shellcheck source=bench/lib/peers.sh
source "$BENCH/lib/peers.sh"

log() { printf '[bench] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

mkdir -p "$TOOLS" "$OUT" "$RAW"
rm -f "$RAW"/*
: >"$RAW/metrics.tsv"
: >"$RAW/tools.tsv"
metric() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$RAW/metrics.tsv"; }

export PATH="$PATH:/usr/local/go/bin"
command -v go >/dev/null || die "go is not on PATH"

# --- installs --------------------------------------------------------------

SUDO_OK=0
[[ $(id -u) == 0 ]] && command -v apt-get >/dev/null && SUDO_OK=1
APT_UPDATED=0
apt_install() { # packages...
  if [[ $INSTALL != 1 ]]; then log "INSTALL=0: not installing $*"; return 1; fi
  if [[ $SUDO_OK != 1 ]]; then log "cannot install $* (needs root and apt-get)"; return 1; fi
  if [[ $APT_UPDATED == 0 ]]; then
    timeout "$T_INSTALL" apt-get update -qq >"$RAW/apt-update.log" 2>&1 || log "apt-get update failed (see $RAW/apt-update.log)"
    APT_UPDATED=1
  fi
  log "apt-get install -y $*"
  DEBIAN_FRONTEND=noninteractive timeout "$T_INSTALL" apt-get install -y -q "$@" >>"$RAW/apt-install.log" 2>&1 ||
    { log "apt-get install $* failed (see $RAW/apt-install.log)"; return 1; }
}

PY=/usr/bin/python3
[[ -x $PY ]] || PY=$(command -v python3 || true)
if [[ -z $PY ]]; then
  apt_install python3 || die "python3 is needed for the report"
  PY=/usr/bin/python3
fi
command -v hyperfine >/dev/null || apt_install hyperfine || log "no hyperfine: the start-up column will be n/a"
HAVE_HYPERFINE=0; command -v hyperfine >/dev/null && HAVE_HYPERFINE=1
[[ -x /usr/bin/time ]] || apt_install time || log "no /usr/bin/time: times from bash, peak RSS n/a"
HAVE_TIME=0; [[ -x /usr/bin/time ]] && HAVE_TIME=1

# The Go proxy without the ",direct" fallback: this machine reaches no VCS
# host, and the fallback turns a proxy's "not found" into a long git error.
go_proxy() {
  local p; p=$(go env GOPROXY)
  local q=${p%,direct}; q=${q%|direct}
  [[ -n $q && $q != direct && $q != off ]] && p=$q
  printf '%s' "$p"
}

declare -A STATUS NOTE
skip() { STATUS[$1]=skipped; NOTE[$1]=$2; log "SKIP $1: $2"; }

JV5=$TOOLS/jv5-$JV5_VERSION/jv
install_jv5() {
  [[ -x $JV5 ]] && return 0
  [[ $INSTALL == 1 ]] || return 1
  log "go install github.com/santhosh-tekuri/jsonschema/v5/cmd/jv@$JV5_VERSION"
  local d rc=0; d=$(mktemp -d)
  (cd "$d" && GOBIN=$(dirname "$JV5") GOPROXY=$(go_proxy) timeout "$T_INSTALL" \
    go install "github.com/santhosh-tekuri/jsonschema/v5/cmd/jv@$JV5_VERSION") >"$RAW/install-jv5.log" 2>&1 || rc=$?
  rm -rf "$d"
  return $rc
}

JV6=$TOOLS/jv6-cmd-$JV6_CMD_VERSION-lib-$JV6_LIB_VERSION/jv
install_jv6() {
  [[ -x $JV6 ]] && return 0
  [[ $INSTALL == 1 ]] || return 1
  log "building github.com/santhosh-tekuri/jsonschema/cmd/jv@$JV6_CMD_VERSION with jsonschema/v6@$JV6_LIB_VERSION"
  local d rc=0; d=$(mktemp -d)
  local proxy; proxy=$(go_proxy)
  (cd "$d" && export GOPROXY="$proxy" GOFLAGS=-mod=mod &&
    go mod init jvbuild &&
    timeout "$T_INSTALL" go get "github.com/santhosh-tekuri/jsonschema/cmd/jv@$JV6_CMD_VERSION" \
      "github.com/santhosh-tekuri/jsonschema/v6@$JV6_LIB_VERSION" &&
    timeout "$T_INSTALL" go build -o "$JV6" github.com/santhosh-tekuri/jsonschema/cmd/jv) >"$RAW/install-jv6.log" 2>&1 || rc=$?
  rm -rf "$d"
  return $rc
}

AJV=$NODE_PREFIX/node_modules/ajv-cli/dist/index.js
install_ajv() {
  command -v node >/dev/null || { log "node is not on PATH"; return 1; }
  if [[ -f $AJV && -f $NODE_PREFIX/node_modules/ajv-formats/package.json ]] &&
    [[ $(node -p "require('$NODE_PREFIX/node_modules/ajv-cli/package.json').version") == "$AJV_CLI_VERSION" ]] &&
    [[ $(node -p "require('$NODE_PREFIX/node_modules/ajv-formats/package.json').version") == "$AJV_FORMATS_VERSION" ]]; then
    return 0
  fi
  [[ $INSTALL == 1 ]] || return 1
  command -v npm >/dev/null || { log "npm is not on PATH"; return 1; }
  log "npm install --prefix bench/.node ajv-cli@$AJV_CLI_VERSION ajv-formats@$AJV_FORMATS_VERSION"
  mkdir -p "$NODE_PREFIX"
  timeout "$T_INSTALL" npm install --prefix "$NODE_PREFIX" --no-audit --no-fund --loglevel=error \
    "ajv-cli@$AJV_CLI_VERSION" "ajv-formats@$AJV_FORMATS_VERSION" >"$RAW/install-ajv.log" 2>&1
}

install_pyjsonschema() {
  /usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1 && return 0
  apt_install python3-jsonschema && /usr/bin/python3 -c 'import jsonschema' >/dev/null 2>&1
}

for p in $PEERS; do
  case $p in
    jv5 | jv6 | ajv | pyjsonschema) ;;
    *) die "unknown peer $p (known: jv5 jv6 ajv pyjsonschema)" ;;
  esac
  STATUS[$p]=ok
  "install_$p" || skip "$p" "could not be installed (see bench/out/raw/install-$p.log or apt-install.log)"
done

log "building vppvalidate"
VPP=$TOOLS/vppvalidate
(cd "$ROOT" && timeout "$T_INSTALL" go build -o "$VPP" ./cmd/vppvalidate) || die "cannot build vppvalidate"
STATUS[vppvalidate]=ok

# --- versions --------------------------------------------------------------

gomod_version() { go version -m "$1" 2>/dev/null | awk -v m="$2" '($1=="mod"||$1=="dep") && $2==m {print $3; exit}'; }
declare -A LABEL DESC
LABEL[vppvalidate]=vppvalidate
DESC[vppvalidate]="$("$VPP" --version 2>&1 | head -1) built from this checkout ($(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$ROOT" && git diff --quiet HEAD -- . ':!bench' 2>/dev/null || echo ', with uncommitted changes'))"
LABEL[jv5]="jv (jsonschema v5)"
LABEL[jv6]="jv (jsonschema v6)"
LABEL[ajv]="ajv-cli"
LABEL[pyjsonschema]="python3-jsonschema"
[[ ${STATUS[jv5]:-} == ok ]] && DESC[jv5]="github.com/santhosh-tekuri/jsonschema/v5/cmd/jv $(gomod_version "$JV5" github.com/santhosh-tekuri/jsonschema/v5)"
[[ ${STATUS[jv6]:-} == ok ]] && DESC[jv6]="github.com/santhosh-tekuri/jsonschema/cmd/jv $(gomod_version "$JV6" github.com/santhosh-tekuri/jsonschema/cmd/jv) with jsonschema/v6 $(gomod_version "$JV6" github.com/santhosh-tekuri/jsonschema/v6)"
[[ ${STATUS[ajv]:-} == ok ]] && DESC[ajv]="ajv-cli $(node -p "require('$NODE_PREFIX/node_modules/ajv-cli/package.json').version") with ajv $(node -p "require('$NODE_PREFIX/node_modules/ajv/package.json').version") and ajv-formats $(node -p "require('$NODE_PREFIX/node_modules/ajv-formats/package.json').version") on node $(node --version)"
[[ ${STATUS[pyjsonschema]:-} == ok ]] && DESC[pyjsonschema]="Debian python3-jsonschema $(dpkg-query -W -f '${Version}' python3-jsonschema 2>/dev/null || /usr/bin/python3 -c 'import importlib.metadata as m; print(m.version("jsonschema"))') on $(/usr/bin/python3 --version 2>&1)"

# --- corpus ----------------------------------------------------------------

params="files=$FILES invalid=$INVALID mb=$MB lines_mb=$LINES_MB tokens_mb=$TOKENS_MB big_invalid=$BIG_INVALID src=$(sha256sum <"$BENCH/gencorpus/main.go" | cut -c1-16)"
if [[ -f $CORPUS/.params && $(cat "$CORPUS/.params") == "$params" ]]; then
  log "reusing the corpus in $CORPUS ($params)"
else
  log "generating the corpus ($params)"
  rm -rf "$CORPUS"
  big_invalid_flag=true; [[ $BIG_INVALID == 1 ]] || big_invalid_flag=false
  (cd "$ROOT" && timeout "$T_GEN" go run ./bench/gencorpus -out "$CORPUS" -files "$FILES" -invalid "$INVALID" \
    -collection-mb "$MB" -collection-invalid="$big_invalid_flag" -lines-mb "$LINES_MB" -tokens-mb "$TOKENS_MB") 2>&1 | sed 's/^/[bench] /' >&2
  printf '%s' "$params" >"$CORPUS/.params"
fi
cd "$CORPUS"
awk -F'\t' 'NR > 1 && $1 ~ /^files\// {print $1}' truth.tsv >"$RAW/files.txt"
SAMPLE=$(awk -F'\t' 'NR > 1 && $1 ~ /^files\// && $2 == "valid" && $4 !~ /collection/ {print $1; exit}' truth.tsv)
[[ -n $SAMPLE ]] || die "no valid single-resource file in the corpus"
HAVE_BIG=0; [[ -f collection.json ]] && HAVE_BIG=1
HAVE_BIG_INVALID=0; [[ -f collection-invalid.json ]] && HAVE_BIG_INVALID=1
VPP_MAXSIZE=()
if [[ $HAVE_BIG == 1 ]] && (($(stat -c %s collection.json) > 250 * 1024 * 1024)); then VPP_MAXSIZE=(--max-size 4GiB); fi

RESOURCE_SCHEMA=$BENCH/peers/resource.schema.json
DOCUMENT_SCHEMA=$BENCH/peers/document.schema.json

# cmd_for TOOL SCHEMA FILE: sets CMD to the command that checks one file.
cmd_for() {
  local f=$3
  case $1 in
    vppvalidate) CMD=("$VPP" -q "${VPP_MAXSIZE[@]}" "$f") ;;
    jv5) CMD=("$JV5" "$2" "$f") ;;
    jv6) CMD=("$JV6" -q "$2" "$f") ;;
    ajv) CMD=(node "$AJV" validate -s "$2" -c ajv-formats --errors=no -d "$f") ;;
    pyjsonschema) CMD=(/usr/bin/python3 -m jsonschema -o pretty -i "$f" "$2") ;;
  esac
}

# base_for TOOL: sets CMD to the peer's command without instance files (for bench.py run).
base_for() {
  case $1 in
    jv5) CMD=("$JV5" "$DOCUMENT_SCHEMA") ;;
    jv6) CMD=("$JV6" -q "$DOCUMENT_SCHEMA") ;;
    ajv) CMD=(node "$AJV" validate -s "$DOCUMENT_SCHEMA" -c ajv-formats --errors=no) ;;
    pyjsonschema) CMD=(/usr/bin/python3 -m jsonschema -o pretty "$DOCUMENT_SCHEMA") ;;
  esac
}

declare -A HOW
HOW[vppvalidate]="one invocation on the directory: \`vppvalidate -q files/\` (verdicts from a second run, \`vppvalidate -o json files/\`: a file is invalid when it has an error-level finding)"
HOW[jv5]="once per file, \`jv document.schema.json FILE\`, verdict from the exit code: v5's jv exits at the first invalid file without naming it when the schema fails (and keeps every file it opened open until it exits, so long lists also meet the 1,024 open-file limit)"
HOW[jv6]="\`jv -q document.schema.json F1 F2 …\`, $CHUNK files per invocation (argument-length limit; it closes each file), verdict per file from its \`instance F: ok|failed\` lines"
HOW[ajv]="\`ajv validate -s document.schema.json -c ajv-formats --errors=no -d F1 -d F2 …\`, $CHUNK files per invocation, verdicts from its \`F valid\` / \`F invalid\` lines. A file that is not JSON ends the whole run (exit 2, and so would \`-d \"files/*.json\"\`), so the run is started again after that file; those restarts are counted in the time"
HOW[pyjsonschema]="\`python3 -m jsonschema -o pretty -i F1 -i F2 … document.schema.json\`, $CHUNK files per invocation, verdicts from its \`===[SUCCESS]===(F)===\` / \`===[Error]===(F)===\` lines. A file that is not UTF-8 raises an uncaught UnicodeDecodeError that ends the run, so it is started again after that file. Its CLI validates without a format checker, so \`format: date-time\` is not checked at all (with one, date-time would still need the rfc3339-validator module, which Debian bookworm does not package)"

for t in vppvalidate $PEERS; do
  if [[ ${STATUS[$t]} == ok ]]; then
    printf '%s\t%s\t%s\tok\t\n' "$t" "${LABEL[$t]}" "${DESC[$t]:-}" >>"$RAW/tools.tsv"
  else
    printf '%s\t%s\t%s\tskipped\t%s\n' "$t" "${LABEL[$t]}" "" "${NOTE[$t]}" >>"$RAW/tools.tsv"
  fi
done

# timed NAME LIMIT CMD...: runs CMD for at most LIMIT seconds; leaves
# "seconds exit-code peak-rss-kb" in TIMED (exit code 124: timed out).
timed() {
  local name=$1 limit=$2; shift 2
  local tf=$RAW/time-$name.txt rc=0 secs="" rss=""
  if [[ $HAVE_TIME == 1 ]]; then
    /usr/bin/time -f '%e %M' -o "$tf" timeout "$limit" "$@" >"$RAW/$name.out" 2>"$RAW/$name.err" || rc=$?
    read -r secs rss < <(tail -1 "$tf") || true
  else
    local t0; t0=$(date +%s%N)
    timeout "$limit" "$@" >"$RAW/$name.out" 2>"$RAW/$name.err" || rc=$?
    secs=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN {printf "%.3f", (b - a) / 1e9}')
  fi
  TIMED=("$secs" "$rc" "$rss")
}

# --- measurements ----------------------------------------------------------

nfiles=$(wc -l <"$RAW/files.txt")
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
for t in vppvalidate $PEERS; do
  [[ ${STATUS[$t]} == ok ]] || continue
  log "== ${LABEL[$t]}"

  # Start-up + one small file.
  schema=$RESOURCE_SCHEMA
  cmd_for "$t" "$schema" "$SAMPLE"
  if [[ $HAVE_HYPERFINE == 1 ]]; then
    log "start-up: hyperfine, $RUNS runs on $SAMPLE"
    if timeout "$T_STARTUP" hyperfine -N -i --style none --warmup "$WARMUP" --runs "$RUNS" \
      --export-json "$RAW/startup-$t.json" "$(printf '%q ' "${CMD[@]}")" >"$RAW/startup-$t.log" 2>&1; then
      metric "$t" startup_median "$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$RAW/startup-$t.json")"
    else
      log "start-up run failed or timed out (see $RAW/startup-$t.log)"
    fi
  fi

  # Every small file.
  log "$nfiles files"
  if [[ $t == vppvalidate ]]; then
    timed "$t-many" "$T_MANY" "$VPP" -q files
    metric "$t" many_seconds "${TIMED[0]}"
    [[ ${TIMED[1]} == 124 ]] && metric "$t" many_note "(timed out)"
    metric "$t" many_invocations 1
    metric "$t" many_how "${HOW[$t]}"
    rc=0
    timeout "$T_MANY" "$VPP" -o json files >"$RAW/vppvalidate.json" 2>"$RAW/vppvalidate-json.err" || rc=$?
    if [[ $rc == 0 || $rc == 1 ]]; then
      "$PY" "$BENCH/lib/bench.py" vpp --json "$RAW/vppvalidate.json" --files-from "$RAW/files.txt" \
        --out "$RAW/verdicts-$t.tsv"
    else
      log "vppvalidate -o json exited $rc (see $RAW/vppvalidate-json.err)"
    fi
  else
    base_for "$t"
    rc=0
    res=$(timeout $((T_MANY + 60)) "$PY" "$BENCH/lib/bench.py" run --tool "$t" --out "$RAW/verdicts-$t.tsv" \
      --files-from "$RAW/files.txt" --timeout "$T_MANY" --chunk "$CHUNK" -- "${CMD[@]}") || rc=$?
    if [[ $rc == 0 ]]; then
      read -r secs inv restarts <<<"$res"
      metric "$t" many_seconds "$secs"
      metric "$t" many_invocations "$inv"
      metric "$t" many_restarts "$restarts"
      metric "$t" many_how "${HOW[$t]}"
    else
      log "the many-files run failed or timed out (exit $rc)"
    fi
  fi

  # The big collections.
  if [[ $HAVE_BIG == 1 ]]; then
    cmd_for "$t" "$DOCUMENT_SCHEMA" collection.json
    log "collection.json ($(du -h collection.json | cut -f1))"
    timed "$t-collection" "$T_BIG" "${CMD[@]}"
    metric "$t" collection_seconds "${TIMED[0]}"
    metric "$t" collection_rc "${TIMED[1]}"
    metric "$t" collection_rss_kb "${TIMED[2]}"
  fi
  if [[ $HAVE_BIG_INVALID == 1 ]]; then
    cmd_for "$t" "$DOCUMENT_SCHEMA" collection-invalid.json
    log "collection-invalid.json"
    timed "$t-collection-invalid" "$T_BIG" "${CMD[@]}"
    metric "$t" collection_invalid_seconds "${TIMED[0]}"
    metric "$t" collection_invalid_rc "${TIMED[1]}"
  fi
done

# --- one file on every core --------------------------------------------------

# The big collection and the JSON Lines file at -j 1, -j 2 and -j N (the
# cores here), CORES_RUNS times each, the -j values taking turns so that a
# change in the machine's load falls on all of them alike. Each run's
# seconds, peak RSS, exit code and output digest go to cores.tsv; the
# report takes the medians, their ratios, and checks that every -j printed
# the same bytes.
NPROC=$(nproc)
JOBS=(1 2)
((NPROC > 2)) && JOBS+=("$NPROC")
: >"$RAW/cores.tsv"
cores() { # KEY FILE RUNS
  local key=$1 f=$2 runs=$3 run j
  [[ -f $f ]] || return 0
  log "one file on every core: $f ($(du -h "$f" | cut -f1)) at -j ${JOBS[*]}, $runs run(s) each"
  for ((run = 1; run <= runs; run++)); do
    for j in "${JOBS[@]}"; do
      timed "cores-$key-j$j" "$T_BIG" "$VPP" -o json --max-size 4GiB -j "$j" "$f"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$key" "$(stat -c %s "$f")" "$j" "$run" "${TIMED[0]}" "${TIMED[2]}" "${TIMED[1]}" \
        "$(sha256sum <"$RAW/cores-$key-j$j.out" | cut -c1-16)" >>"$RAW/cores.tsv"
      log "  -j $j: ${TIMED[0]} s, peak RSS ${TIMED[2]:-?} KB, exit ${TIMED[1]}"
    done
  done
}
cores collection "$CORPUS/collection.json" "$CORES_RUNS"
# Graph itself sends a collection on one line: the same items without the
# line breaks between them, where every position is on line 1 and the
# walker finds no line break to start a block after.
if [[ -f $CORPUS/collection.json ]]; then
  tr -d '\n' <"$CORPUS/collection.json" >"$CORPUS/collection-oneline.json"
  cores oneline "$CORPUS/collection-oneline.json" "$CORES_RUNS"
fi
cores lines "$CORPUS/collection.jsonl" "$CORES_RUNS"
# From 4 workers on, the walker cuts arrays in blocks scanned at once,
# which a machine with fewer cores never does at its own -j: each file once
# more at -j 16 on 16 threads (GOMAXPROCS=16), untimed, whose output must be
# -j 1's. blocks.tsv: key, output digest.
: >"$RAW/blocks.tsv"
for key in collection oneline lines; do
  [[ -f $RAW/cores-$key-j1.out ]] || continue
  f=$CORPUS/collection.json
  [[ $key == oneline ]] && f=$CORPUS/collection-oneline.json
  [[ $key == lines ]] && f=$CORPUS/collection.jsonl
  GOMAXPROCS=16 timeout "$T_BIG" "$VPP" -o json --max-size 4GiB -j 16 "$f" >"$RAW/blocks-$key.out" 2>/dev/null || true
  printf '%s\t%s\t%s\n' "$key" "$(sha256sum <"$RAW/blocks-$key.out" | cut -c1-16)" \
    "$(sha256sum <"$RAW/cores-$key-j1.out" | cut -c1-16)" >>"$RAW/blocks.tsv"
done
if ((RSS_MB > 0)); then
  RSS_CORPUS=$OUT/corpus-rss
  if [[ ! -f $RSS_CORPUS/collection.json || $(cat "$RSS_CORPUS/.params" 2>/dev/null) != "$RSS_MB" ]]; then
    log "generating a $RSS_MB MB collection for the peak RSS check"
    rm -rf "$RSS_CORPUS"
    (cd "$ROOT" && timeout "$T_GEN" go run ./bench/gencorpus -out "$RSS_CORPUS" -files 0 -collection-mb "$RSS_MB" -collection-invalid=false) 2>&1 | sed 's/^/[bench] /' >&2
    printf '%s' "$RSS_MB" >"$RSS_CORPUS/.params"
  fi
  cores rss "$RSS_CORPUS/collection.json" 1
fi

# --- findings at full speed, and the read floor ------------------------------

# Issue 11's targets, measured side by side and taking turns, FLOOR_RUNS
# times each (medians in the report):
# - collection.json against collections made from it with one kind of
#   finding in every resource (FINDING_KINDS), at -j 1, and ajv-cli on the
#   first two: findings must cost at most half the clean speed, and
#   vppvalidate must be at least twice ajv-cli's speed (vppvalidate at
#   the default -j is timed on those two as well, for the report);
# - every small file, vppvalidate (default -j) against cat of the same
#   files: within 1.3 times.
FLOOR_RUNS=${FLOOR_RUNS:-3}
# FINDING_KINDS and TOKEN_KINDS: the collections with a finding in every
# resource, also what pgo.sh profiles.
# shellcheck source=bench/lib/kinds.sh
source "$BENCH/lib/kinds.sh"
: >"$RAW/floor.tsv"
: >"$RAW/kinds.tsv"
floor() { # KEY TOOL COMMAND...
  local key=$1 tool=$2; shift 2
  timed "floor-$key-$tool" "$T_BIG" "$@"
  printf '%s\t%s\t%s\t%s\n' "$key" "$tool" "${TIMED[0]}" "${TIMED[1]}" >>"$RAW/floor.tsv"
  log "  $key, $tool: ${TIMED[0]} s, exit ${TIMED[1]}"
}
kinds=()
make_kinds() { # BASE CLEAN-KEY KINDS: each kind's file, made from BASE
  local base=$1 clean=$2 key script what
  while IFS=$'\t' read -r key script what; do
    sed "$script" "$base" >"${base%.json}-$key.json"
    cmp -s "$base" "${base%.json}-$key.json" && die "$key's sed script changes nothing in $base"
    printf '%s\t%s\t%s\t%s\t%s\n' "$key" "${base%.json}-$key.json" "$what" "$base" "$clean" >>"$RAW/kinds.tsv"
    kinds+=("$key=${base%.json}-$key.json")
  done <<<"$3"
}
[[ $HAVE_BIG == 1 ]] && make_kinds collection.json clean "$FINDING_KINDS"
[[ -f tokens.json ]] && make_kinds tokens.json tokens "$TOKEN_KINDS"
if ((${#kinds[@]} > 0)); then
  log "${#kinds[@]} files with a finding in every resource (${kinds[*]%%=*}); $FLOOR_RUNS run(s)"
  for ((run = 1; run <= FLOOR_RUNS; run++)); do
    [[ $HAVE_BIG == 1 ]] && floor clean vppvalidate "$VPP" -q -j 1 collection.json
    [[ -f tokens.json ]] && floor tokens vppvalidate "$VPP" -q -j 1 --fail-on none tokens.json
    for kind in "${kinds[@]}"; do
      floor "${kind%%=*}" vppvalidate "$VPP" -q -j 1 --fail-on none "${kind#*=}"
    done
    if [[ $HAVE_BIG == 1 && ${STATUS[ajv]:-} == ok ]]; then
      for key in $AJV_KINDS; do
        cmd_for ajv "$DOCUMENT_SCHEMA" "collection-$key.json"
        floor "$key" ajv "${CMD[@]}"
        # The same file at the default -j, which is what a user runs.
        floor "$key" vppvalidate-default "$VPP" -q --fail-on none "collection-$key.json"
      done
    fi
  done
fi
log "$nfiles files against cat, $FLOOR_RUNS run(s)"
for ((run = 1; run <= FLOOR_RUNS; run++)); do
  floor many cat sh -c 'find files -type f -name "*.json" -print0 | xargs -0 cat >/dev/null'
  floor many vppvalidate "$VPP" -q --fail-on none files
done

# --- report ----------------------------------------------------------------

{
  echo "# vppvalidate and peer validators"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/^Mem:/ {print $2}') GiB; $(go version | cut -d' ' -f3)."
  echo "Corpus: \`go run ./bench/gencorpus -files $FILES -invalid $INVALID -collection-mb $MB\`: $nfiles files ($(awk -F'\t' '$1 ~ /^files\// && $2 == "invalid"' truth.tsv | wc -l) invalid, $(du -sh files | cut -f1) on disk)$([[ $HAVE_BIG == 1 ]] && echo ", collection.json $(stat -c %s collection.json | awk '{printf "%.1f MB", $1/1e6}') ($(awk -F'\t' '$1 == "collection.json" {print $4}' truth.tsv))")."
  echo "Load average (1, 5, 15 min) before measuring: $LOAD_START; after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') (anything else running on the machine skews the times)."
  echo "Start-up: median of $RUNS hyperfine runs on one valid single-resource file (resource.schema.json for the peers). The many-files column is the wall time of every process the tool needed to give a verdict on every file (see the invocations below); the collection columns are one run each, with /usr/bin/time. Peers use bench/peers/document.schema.json (draft-07). Everything runs one process at a time."
  echo
  "$PY" "$BENCH/lib/bench.py" report --truth truth.tsv --raw "$RAW" --corpus "$CORPUS"
} >"$OUT/results.md"
cat "$OUT/results.md"
log "written to $OUT/results.md"

# --- smoke checks ------------------------------------------------------------

if [[ $SMOKE == 1 ]]; then
  fail=0
  for t in vppvalidate $PEERS; do
    [[ ${STATUS[$t]} == ok ]] || continue
    v=$RAW/verdicts-$t.tsv
    if [[ ! -s $v ]] || (($(wc -l <"$v") != nfiles)); then log "SMOKE: $t gave no verdicts"; fail=1; continue; fi
    if n=$(awk -F'\t' '$2 == "trouble"' "$v" | wc -l) && ((n > 0)); then log "SMOKE: $t: $n files without a verdict"; fail=1; fi
    grep -q "^$t"$'\t'"startup_median"$'\t' "$RAW/metrics.tsv" || { [[ $HAVE_HYPERFINE == 0 ]] || { log "SMOKE: $t: no start-up time"; fail=1; }; }
    if [[ $HAVE_BIG == 1 ]] && ! grep -q "^$t"$'\t'"collection_rc"$'\t'"0$" "$RAW/metrics.tsv"; then log "SMOKE: $t did not pass collection.json"; fail=1; fi
  done
  wrong=$(awk -F'\t' 'NR == FNR {truth[$1] = $2; next} truth[$1] != $2' truth.tsv "$RAW/verdicts-vppvalidate.tsv" | wc -l)
  if ((wrong > 0)); then log "SMOKE: vppvalidate disagrees with truth.tsv on $wrong files"; fail=1; fi
  if n=$(awk -F'\t' '{print $1, $8}' "$RAW/cores.tsv" | sort -u | awk '{print $1}' | uniq -d | wc -l) && ((n > 0)); then
    log "SMOKE: vppvalidate printed different output at different -j (see $RAW/cores.tsv)"; fail=1
  fi
  if n=$(awk -F'\t' '$2 != $3' "$RAW/blocks.tsv" | wc -l) && ((n > 0)); then
    log "SMOKE: vppvalidate -j 16 on 16 threads printed other output than -j 1 (see $RAW/blocks.tsv)"; fail=1
  fi
  for t in $PEERS; do [[ ${STATUS[$t]} == ok ]] || log "SMOKE: $t was skipped: ${NOTE[$t]}"; done
  ((fail == 0)) || die "smoke checks failed"
  log "smoke checks passed"
fi
