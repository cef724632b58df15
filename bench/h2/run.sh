#!/usr/bin/env bash
# HTTP/2 hello-world benchmark (issue 5 item 8): our examples/hello_server (release), the same
# handler in Node's http2 (bench/h2/hello.js) and `nghttpd -n1` serving a file of the same size,
# each pinned to core 0, driven in turn by h2load pinned to core 1. Prints requests/s and peak
# memory (VmHWM) for each and our ratios. A benchmark, not a test.
# Ours is bench/h2/hello.rs (the handler of examples/hello_server.rs, port and body size from
# the environment).
# Usage: bench/h2/run.sh [REQUESTS [ROUNDS]]   (defaults 200000 and 3)
# The three servers take turns, ROUNDS times per load, so a slow spell of a shared machine
# hits all of them; the summary gives each server's best and median round and the ratios of
# the bests (each line above it is one round).
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-200000}
ROUNDS=${2:-3}
PORT=18080
cargo build --release --example h2_hello_bench -q
OURS=target/release/examples/h2_hello_bench
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"; kill $(jobs -p) 2>/dev/null || true' EXIT
BIG=$(head -c 102400 /dev/zero | tr '\0' x)

start() { # name, body-size
  case $1 in
    ours) if [ "$2" = small ]; then PORT=$PORT taskset -c 0 "$OURS" & else BODY_SIZE=102400 PORT=$PORT taskset -c 0 "$OURS" & fi ;;
    node) if [ "$2" = small ]; then PORT=$PORT taskset -c 0 node bench/h2/hello.js & else BODY_SIZE=102400 PORT=$PORT taskset -c 0 node bench/h2/hello.js & fi ;;
    nghttpd)
      if [ "$2" = small ]; then printf '<h1>Hello World</h1>' > "$DIR/index.html"; else printf '%s' "$BIG" > "$DIR/index.html"; fi
      taskset -c 0 nghttpd -n1 --no-tls -d "$DIR" $PORT & ;;
  esac
  SPID=$!
  for _ in $(seq 50); do curl -s --http2-prior-knowledge -o /dev/null "http://127.0.0.1:$PORT/" && return; sleep 0.1; done
  echo "server $1 did not start" >&2; exit 1
}

printf '%-8s %-22s %5s %12s %10s\n' server load round req/s VmHWM
RESULTS="$DIR/results"
for load in "-c 10 -m 10:small" "-c 1 -m 100:small" "-c 10 -m 10:100k"; do
  opts=${load%%:*}; size=${load##*:}
  for round in $(seq "$ROUNDS"); do
    for name in ours node nghttpd; do
      start $name $size
      rps=$(taskset -c 1 h2load -n "$N" $opts -t 1 "http://127.0.0.1:$PORT/" 2>/dev/null | awk '/^finished in/ {print $4}')
      hwm=$(awk '/VmHWM/ {print $2}' /proc/$SPID/status)
      kill $SPID; wait $SPID 2>/dev/null || true
      printf '%-8s %-22s %5s %12s %7s kB\n' $name "$opts $size" "$round" "$rps" "$hwm"
      echo "$name|$opts $size|$rps|$hwm" >> "$RESULTS"
    done
  done
done

echo
echo "summary over $ROUNDS rounds (req/s: best, median; VmHWM: highest)"
awk -F'|' '
  { key = $2 SUBSEP $1; n[key]++; v[key, n[key]] = $3; if ($4 > hwm[key]) hwm[key] = $4; loads[$2] = 1 }
  function median(key,   i, j, t, m, a) {
    m = n[key]; for (i = 1; i <= m; i++) a[i] = v[key, i]
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return (m % 2) ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
  }
  function best(key,   i, b) { b = 0; for (i = 1; i <= n[key]; i++) if (v[key, i] + 0 > b) b = v[key, i] + 0; return b }
  END {
    printf "%-22s %-8s %10s %10s %9s\n", "load", "server", "best", "median", "VmHWM"
    for (l in loads) {
      for (s = 1; s <= 3; s++) {
        name = (s == 1) ? "ours" : (s == 2) ? "node" : "nghttpd"; key = l SUBSEP name
        printf "%-22s %-8s %10.0f %10.0f %6d kB\n", l, name, best(key), median(key), hwm[key]
      }
      printf "%-22s ours/node %.2fx (median %.2fx), ours/nghttpd %.2fx (median %.2fx)\n", l, best(l SUBSEP "ours") / best(l SUBSEP "node"), median(l SUBSEP "ours") / median(l SUBSEP "node"), best(l SUBSEP "ours") / best(l SUBSEP "nghttpd"), median(l SUBSEP "ours") / median(l SUBSEP "nghttpd")
    }
  }' "$RESULTS"
