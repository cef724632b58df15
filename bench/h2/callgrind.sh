#!/usr/bin/env bash
# User-space instructions per request of our hello server (callgrind), which the machine's
# load does not move: the server runs under valgrind, h2load warms it with 1 000 requests,
# the counters are zeroed, then N requests are counted. Runs of one build differ by about
# ±300 instructions (how requests batch into reads). A benchmark, not a test.
# Usage: bench/h2/callgrind.sh [REQUESTS [H2LOAD OPTIONS]]   (defaults 10000, "-c 10 -m 10");
# CG_OPTS="--dump-instr=yes" adds per-instruction counts to the profile.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-10000}
LOAD=${2:-"-c 10 -m 10"}
PORT=18091
cargo build --release --example h2_hello_bench -q
OUT=$(mktemp -d)/cg.out
PORT=$PORT valgrind --tool=callgrind ${CG_OPTS:-} --callgrind-out-file="$OUT" target/release/examples/h2_hello_bench 2>/dev/null &
P=$!
trap 'kill $P 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -s --http2-prior-knowledge -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done
h2load -n 1000 $LOAD -t 1 "http://127.0.0.1:$PORT/" >/dev/null
callgrind_control -z $P >/dev/null 2>&1
h2load -n "$N" $LOAD -t 1 "http://127.0.0.1:$PORT/" | grep -E "^requests:"
callgrind_control -d $P >/dev/null 2>&1
total=$(awk '/^(summary|totals):/ {print $2; exit}' "$OUT.1")
echo "instructions per request: $((total / N))   (profile: $OUT.1; callgrind_annotate --threshold=100 $OUT.1)"
