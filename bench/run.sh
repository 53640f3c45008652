#!/usr/bin/env bash
# `make bench`: the fixed load scenarios of docs/performance.md against the release server,
# each on a fresh data directory, with the load generator (loadgen/) on the same machine.
# Writes the raw results to target/bench/ and the report to docs/performance.md.
# Usage: bench/run.sh [scenario ...]   (default: all of a a-baseline b c d e f a-run b-run e-run)
# The *-run scenarios repeat a, b and e against the build that `make run` serves (`make
# server`: dependencies at opt-level 1, shared with the tests), so the two builds are
# compared in one run.
set -euo pipefail

cd "$(dirname "$0")/.."
SERVER=target/release/samraad
RUN_SERVER=target/debug/samraad
LOAD=target/release/samraad-load
OUT=target/bench
mkdir -p "$OUT"
SCENARIOS=("$@")
[ ${#SCENARIOS[@]} -eq 0 ] && SCENARIOS=(a a-baseline b c d e f a-run b-run e-run)

PORT=3917
URL="http://127.0.0.1:$PORT"
DATA=""
PID=""

# Limits of the server raised for one client (the generator is one address), within the
# machine's 20,000 open files per process.
limits() {
  export SAMRAAD_ADDR="127.0.0.1:$PORT" SAMRAAD_JOINS_PER_MINUTE=1000000 \
    SAMRAAD_STARTS_PER_MINUTE=1000000 SAMRAAD_MAX_PARTICIPANTS=10000 \
    SAMRAAD_MAX_CONNECTIONS=19500 SAMRAAD_MAX_CONNECTIONS_PER_CLIENT=19500 \
    SAMRAAD_MAX_STREAMS=19000 SAMRAAD_MAX_STREAMS_PER_CLIENT=19000 RUST_LOG=warn
}

start_server() { # name, extra env...
  local name=$1; shift
  DATA=$(mktemp -d /tmp/samraad-bench-XXXXXX)
  (limits; export SAMRAAD_DATA_DIR="$DATA"; exec env "$@" "$SERVER") >"$OUT/$name.server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 300); do
    curl -fs "$URL/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "the server did not start; see $OUT/$name.server.log" >&2
  exit 1
}

stop_server() {
  kill -TERM "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
  rm -rf "$DATA"
}

storm() { # name, server env (or -), generator options...
  local name=$1 env=$2; shift 2
  echo "== scenario $name: $*"
  if [ "$env" = "-" ]; then start_server "$name"; else start_server "$name" $env; fi
  "$LOAD" storm --url "$URL" --server-pid "$PID" --out "$OUT/$name.json" "$@" >/dev/null
  stop_server
}

pages() { # name
  echo "== scenario $1: the phone's page ($SERVER)"
  start_server "$1"
  "$LOAD" pages --url "$URL" --concurrency 4 --seconds 10 --out "$OUT/$1.json" >/dev/null
  stop_server
}

# One cargo invocation for both: features are unified per invocation, so building them
# separately would compile SurrealDB twice. The first `make bench` on a machine takes about
# 30 minutes to build.
echo "== building the release server and the load generator (first time: about 25 minutes)"
make --no-print-directory site
cargo build --release --package server --package loadgen
if [[ " ${SCENARIOS[*]} " == *-run* ]]; then
  make --no-print-directory server
fi

cat >"$OUT/machine.json" <<JSON
{ "commit": "$(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes')",
  "date": "$(date -u +%Y-%m-%dT%H:%MZ)",
  "machine": "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr)" }
JSON

for scenario in "${SCENARIOS[@]}"; do
  case $scenario in
    a) storm a - --phones 1000 --votes 3 --window 10 --ramp 10 ;;
    a-baseline) storm a-baseline "SAMRAAD_WRITER_BATCH=1 SAMRAAD_FANOUT=per-stream" \
         --phones 1000 --votes 3 --window 10 --ramp 10 ;;
    b) storm b - --phones 5000 --votes 3 --window 10 --ramp 25 ;;
    c) storm c - --meetings 200 --phones 80 --answers 10 --votes 1 --window 30 --ramp 60 ;;
    d) storm d - --phones 50 --votes 3 --window 20 --ramp 2 --reconnect-ms 3000 ;;
    e) pages e ;;
    a-run) SERVER=$RUN_SERVER storm a-run - --phones 1000 --votes 3 --window 10 --ramp 10 ;;
    b-run) SERVER=$RUN_SERVER storm b-run - --phones 5000 --votes 3 --window 10 --ramp 25 ;;
    e-run) SERVER=$RUN_SERVER pages e-run ;;
    f) echo "== scenario f: restart with 10,000 stored meetings"
       start_server f
       "$LOAD" fill --url "$URL" --count 10000 --concurrency 8 --out "$OUT/f-codes.json" >/dev/null
       kill -TERM "$PID"; wait "$PID" || true
       code=$(grep -m1 -o '"[A-Z0-9]\{6\}"' "$OUT/f-codes.json" | tr -d '"')
       (limits; "$LOAD" restart --server "$SERVER" --data-dir "$DATA" --addr "127.0.0.1:$PORT" \
          --code "$code" --meetings 10000 --out "$OUT/f.json" >/dev/null)
       rm -rf "$DATA" ;;
    *) echo "unknown scenario $scenario" >&2; exit 2 ;;
  esac
done

cp bench/notes.md "$OUT/notes.md"
"$LOAD" report --results "$OUT" --out docs/performance.md
echo "== written: docs/performance.md (raw results in $OUT/)"
