#!/usr/bin/env bash
# HTTP/2 hello-world benchmark (issue 5 item 8): our examples/hello_server (release), the same
# handler in Node's http2 (bench/h2/hello.js) and `nghttpd -n1` serving a file of the same size,
# each pinned to core 0, driven in turn by h2load pinned to core 1. Prints requests/s and peak
# memory (VmHWM) for each and our ratios. A benchmark, not a test.
# Ours is bench/h2/hello.rs (the handler of examples/hello_server.rs, port and body size from
# the environment).
# Usage: bench/h2/run.sh [REQUESTS]   (default 200000)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-200000}
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

printf '%-8s %-22s %12s %10s\n' server load req/s VmHWM
for load in "-c 10 -m 10:small" "-c 1 -m 100:small" "-c 10 -m 10:100k"; do
  opts=${load%%:*}; size=${load##*:}
  for name in ours node nghttpd; do
    start $name $size
    rps=$(taskset -c 1 h2load -n "$N" $opts -t 1 "http://127.0.0.1:$PORT/" 2>/dev/null | awk '/^finished in/ {print $4}')
    hwm=$(awk '/VmHWM/ {print $2" "$3}' /proc/$SPID/status)
    kill $SPID; wait $SPID 2>/dev/null || true
    printf '%-8s %-22s %12s %10s\n' $name "$opts $size" "$rps" "$hwm"
  done
done
