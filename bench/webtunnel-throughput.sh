#!/usr/bin/env bash
# webtunnel throughput: our client+server pair against the reference pair (webtunnel-client and
# webtunnel-server 0.0.7), in one run, each server behind the same kind of private nginx with TLS
# (a test CA), downloading from the same HTTP server with the same curl.
#
#   bench/webtunnel-throughput.sh [MiB per transfer, default 256] [rounds, default 3]
#
# The reference client refuses loopback destinations, so everything runs inside a network
# namespace of its own (unshare -n, as root) with 198.18.0.1 on its loopback; nothing leaves it.
# Needs: a built dispatcher-cli/target/ptdispatcher, testing/fetch-unstable-peers.sh run, nginx,
# openssl, curl, python3. Prints MiB/s for each pair (best of the rounds) and the ratio ours/reference.
set -euo pipefail
cd "$(dirname "$0")/.."
MIB=${1:-256}
ROUNDS=${2:-3}
if [ -z "${WEBTUNNEL_BENCH_INSIDE:-}" ]; then
  [ "$(id -u)" -eq 0 ] || { echo "run as root (it makes a network namespace)" >&2; exit 1; }
  exec env WEBTUNNEL_BENCH_INSIDE=1 unshare -n bash "$0" "$@"
fi
ip link set lo up
ip addr add 198.18.0.1/32 dev lo

LAUNCHER=${LAUNCHER:-dispatcher-cli/target/ptdispatcher}
BIN=testing/tools/unstable/root/usr/bin
[ -x "$LAUNCHER" ] || { echo "build first: ./mvnw -q -DskipTests package" >&2; exit 1; }
[ -x "$BIN/webtunnel-client" ] || { echo "run testing/fetch-unstable-peers.sh first" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
. bench/webtunnel-common.sh

await_line() {
  for _ in $(seq 300); do
    if grep -q "$2" "$1" 2>/dev/null; then grep -m1 "$2" "$1"; return 0; fi
    sleep 0.1
  done
  echo "timed out waiting for '$2' in $1:" >&2; cat "$1" >&2; exit 1
}

mkdir -p "$work/www"
head -c $((MIB * 1024 * 1024)) /dev/zero > "$work/www/big"
echo hi > "$work/www/small"
(cd "$work/www" && exec python3 -m http.server 8000 --bind 127.0.0.1 >/dev/null 2>&1) & pids+=($!)
make_ca "$work/ca"
path=benchS3cret
"$LAUNCHER" -server -transport webtunnel -bindhost 127.0.0.1 -bindport 9001 -target 127.0.0.1:8000 \
  -options "{\"url\":\"https://198.18.0.1:8443/$path\"}" > "$work/our-server.out" 2>&1 & pids+=($!)
TOR_PT_MANAGED_TRANSPORT_VER=1 TOR_PT_SERVER_TRANSPORTS=webtunnel TOR_PT_SERVER_BINDADDR=webtunnel-127.0.0.1:9002 \
  TOR_PT_ORPORT=127.0.0.1:8000 TOR_PT_STATE_LOCATION="$work/ref-server" TOR_PT_SERVER_TRANSPORT_OPTIONS="webtunnel:url=https://198.18.0.1:9443/$path" \
  "$BIN/webtunnel-server" > "$work/ref-server.out" 2>&1 & pids+=($!)
start_nginx "$work/nginx-ours" 198.18.0.1:8443 "$work/ca" "$path 9001"
start_nginx "$work/nginx-ref" 198.18.0.1:9443 "$work/ca" "$path 9002"
SSL_CERT_FILE="$work/ca/ca.crt" "$LAUNCHER" -client -transports webtunnel > "$work/our-client.out" 2>&1 & pids+=($!)
SSL_CERT_FILE="$work/ca/ca.crt" TOR_PT_MANAGED_TRANSPORT_VER=1 TOR_PT_CLIENT_TRANSPORTS=webtunnel TOR_PT_STATE_LOCATION="$work/ref-client" \
  "$BIN/webtunnel-client" > "$work/ref-client.out" 2>&1 & pids+=($!)
await_line "$work/our-server.out" '^SMETHODS DONE' >/dev/null
await_line "$work/ref-server.out" '^SMETHODS DONE' >/dev/null
our_socks=$(await_line "$work/our-client.out" '^CMETHOD webtunnel ' | awk '{print $4}')
ref_socks=$(await_line "$work/ref-client.out" '^CMETHOD webtunnel ' | awk '{print $4}')

# Args as RFC 1929 user name and password: curl splits at the first colon, the clients join the two.
fetch() { # socks front-port file -> bytes/s
  curl -sS --max-time 600 --socks5-hostname "$1" --proxy-user "url=https:://198.18.0.1:$2/$path" \
    "http://127.0.0.1:8000/$3" -o /dev/null -w '%{speed_download}'
}

java_version=$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)
echo "webtunnel throughput through nginx (TLS 1.3), $MIB MiB per transfer, best of $ROUNDS rounds; JDK: $java_version; $(nproc) cores"
fetch "$our_socks" 8443 small >/dev/null
fetch "$ref_socks" 9443 small >/dev/null
best_ours=0; best_ref=0
for round in $(seq "$ROUNDS"); do
  ours=$(fetch "$our_socks" 8443 big)
  ref=$(fetch "$ref_socks" 9443 big)
  echo "round $round: ours $(awk -v b="$ours" 'BEGIN{printf "%.1f", b/1048576}') MiB/s, reference $(awk -v b="$ref" 'BEGIN{printf "%.1f", b/1048576}') MiB/s"
  best_ours=$(awk -v a="$best_ours" -v b="$ours" 'BEGIN{print (b>a)?b:a}')
  best_ref=$(awk -v a="$best_ref" -v b="$ref" 'BEGIN{print (b>a)?b:a}')
done
awk -v o="$best_ours" -v r="$best_ref" 'BEGIN{printf "best: ours %.1f MiB/s, reference %.1f MiB/s, ratio ours/reference %.2f\n", o/1048576, r/1048576, o/r}'
