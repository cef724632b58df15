#!/usr/bin/env bash
# Server CPU time per request (user and system, from /proc/PID/stat) for our hello server or
# `nghttpd -n1`, under one h2load run: less disturbed by other load on a shared machine than
# requests per second. A benchmark, not a test.
# Usage: bench/h2/cpu.sh ours|nghttpd [REQUESTS [H2LOAD OPTIONS]]   (defaults 200000, "-c 10 -m 10")
# BIN=path runs another build of ours (e.g. an older commit's) in its place.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${2:-200000}
LOAD=${3:-"-c 10 -m 10"}
PORT=18093
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"; kill $(jobs -p) 2>/dev/null || true' EXIT
printf '<h1>Hello World</h1>' > "$DIR/index.html"
case $1 in
  ours)
    BIN=${BIN:-target/release/examples/h2_hello_bench}
    [ "$BIN" != target/release/examples/h2_hello_bench ] || cargo build --release --example h2_hello_bench -q
    PORT=$PORT taskset -c 0 "$BIN" & ;;
  nghttpd) taskset -c 0 nghttpd -n1 --no-tls -d "$DIR" $PORT & ;;
  *) echo "usage: $0 ours|nghttpd [REQUESTS [LOAD]]" >&2; exit 2 ;;
esac
P=$!
for _ in $(seq 50); do curl -s --http2-prior-knowledge -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done
read -r u0 s0 < <(awk '{print $14, $15}' /proc/$P/stat)
rps=$(taskset -c 1 h2load -n "$N" $LOAD -t 1 "http://127.0.0.1:$PORT/" 2>/dev/null | awk '/^finished in/ {print $4}')
read -r u1 s1 < <(awk '{print $14, $15}' /proc/$P/stat)
awk -v n="$N" -v u=$((u1 - u0)) -v s=$((s1 - s0)) -v t="$(getconf CLK_TCK)" -v r="$rps" -v name="$1" \
  'BEGIN {printf "%-8s %10s req/s  user %.2f us  sys %.2f us per request\n", name, r, u / t / n * 1e6, s / t / n * 1e6}'
