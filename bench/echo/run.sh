#!/usr/bin/env bash
# TCP echo benchmark: our echo server (server.rs) against Node's (echo.js), each pinned to
# core 0, driven by load.rs pinned to core 1 (100 connections ping-ponging 64-byte messages).
# Prints both rates and their ratio, and for scale a bare mio echo loop (bare.rs) on the same
# terms. Usage: bench/echo/run.sh [seconds]  (default 10)
set -euo pipefail
cd "$(dirname "$0")/../.."
SECS=${1:-10}
CONNS=${CONNS:-100}
cargo build --release -j 1 --example echo_server --example echo_load --example echo_bare
BIN=target/release/examples

wait_port() {
  for _ in $(seq 100); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  echo "server on port $1 did not start" >&2
  return 1
}

# run_one PORT COMMAND...: prints the load client's msg/s against that server.
run_one() {
  local port=$1; shift
  taskset -c 0 "$@" &
  local pid=$!
  wait_port "$port"
  local line
  line=$(taskset -c 1 "$BIN/echo_load" --port "$port" --conns "$CONNS" --secs "$SECS")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$line" >&2
  echo "$line" | sed -E 's/.*rate ([0-9]+) msg\/s.*/\1/'
}

ours=$(run_one 9201 "$BIN/echo_server" 9201)
node=$(run_one 9202 node bench/echo/echo.js 9202)
bare=$(run_one 9203 "$BIN/echo_bare" 9203)
echo "ours: $ours msg/s"
echo "node: $node msg/s ($(node --version))"
echo "bare mio loop (ceiling): $bare msg/s"
awk -v a="$ours" -v b="$node" -v c="$bare" 'BEGIN { printf "ratio ours/node: %.2fx   bare/node: %.2fx\n", a / b, c / b }'
