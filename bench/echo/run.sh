#!/usr/bin/env bash
# TCP echo benchmark: our echo server (server.rs) against Node's (echo.js), each pinned to
# core 0, driven by load.rs pinned to core 1 (100 connections ping-ponging 64-byte messages).
# For scale, a bare mio echo loop (bare.rs) runs on the same terms.
#
# The servers take turns for ROUNDS rounds of SECS seconds each (other work on the machine
# moves single runs a lot); the medians are compared. Besides messages/s, each run reports
# the server's CPU time per message (utime+stime from /proc, warm-up included), which
# contention disturbs less than the rate.
#
# Usage: bench/echo/run.sh [SECS (default 5)] [ROUNDS (default 5)]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECS=${1:-5}
ROUNDS=${2:-5}
CONNS=${CONNS:-100}
cargo build --release -j 1 --example echo_server --example echo_load --example echo_bare
BIN=target/release/examples
TICK=$(getconf CLK_TCK)

wait_port() {
  for _ in $(seq 100); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  echo "server on port $1 did not start" >&2
  return 1
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# run_one PORT COMMAND...: prints "RATE US_PER_MSG" for one load run against that server.
run_one() {
  local port=$1; shift
  taskset -c 0 "$@" &
  local pid=$!
  wait_port "$port"
  local before line after
  before=$(cpu_ticks "$pid")
  line=$(taskset -c 1 "$BIN/echo_load" --port "$port" --conns "$CONNS" --secs "$SECS")
  after=$(cpu_ticks "$pid")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  local rate total
  rate=$(echo "$line" | sed -E 's/.*rate ([0-9]+) msg\/s.*/\1/')
  total=$(echo "$line" | sed -E 's/.*total ([0-9]+).*/\1/')
  awk -v r="$rate" -v t="$total" -v c=$((after - before)) -v hz="$TICK" 'BEGIN { printf "%d %.2f\n", r, c / hz * 1e6 / t }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

declare -A rates cpus
for name in ours node bare; do rates[$name]=""; cpus[$name]=""; done
for round in $(seq "$ROUNDS"); do
  for name in ours node bare; do
    case $name in
      ours) out=$(run_one 9201 "$BIN/echo_server" 9201) ;;
      node) out=$(run_one 9202 node bench/echo/echo.js 9202) ;;
      bare) out=$(run_one 9203 "$BIN/echo_bare" 9203) ;;
    esac
    read -r rate us <<<"$out"
    echo "round $round $name: $rate msg/s, server CPU $us us/msg" >&2
    rates[$name]+="$rate"$'\n'
    cpus[$name]+="$us"$'\n'
  done
done
for name in ours node bare; do
  r=$(printf '%s' "${rates[$name]}" | median)
  c=$(printf '%s' "${cpus[$name]}" | median)
  echo "$name: median $r msg/s, server CPU $c us/msg"
  eval "med_$name=$r; cpu_$name=$c"
done
echo "node $(node --version); ${CONNS} connections, 64-byte messages, ${ROUNDS} rounds of ${SECS} s"
awk -v a="$med_ours" -v b="$med_node" -v c="$med_bare" -v ca="$cpu_ours" -v cb="$cpu_node" -v cc="$cpu_bare" 'BEGIN {
  printf "ratio ours/node: %.2fx by rate, %.2fx by CPU per message\n", a / b, cb / ca
  printf "ratio bare/node: %.2fx by rate, %.2fx by CPU per message\n", c / b, cb / cc
}'
