#!/usr/bin/env bash
# The TLS ClientHello fingerprints (JA3 from tshark, JA4 from bench/ja4.py) of our webtunnel
# client, our meek_lite client, lyrebird 0.8.1's meek_lite, lyrebird 0.8.1's (uTLS), the reference webtunnel-client 0.0.7's (Go's crypto/tls) and
# Debian's chromium (a page, then a WebSocket to the same server), each connecting to the same
# private nginx. Measurement only: not run by CI. Runs as root inside a network namespace of its
# own (198.18.0.1 on its loopback, for the reference client; a mount namespace too, where an /etc/hosts
# of its own names bridge.test for the meek clients, which dial their front by name), where tshark
# captures its loopback.
#
#   bench/tls-fingerprints.sh     prints: client, JA4, JA3, SNI, ALPN (one line per ClientHello)
#
# Needs: tshark (apt-get install tshark; answer no to non-root capture), chromium, nginx, openssl,
# curl, python3, a built dispatcher-cli/target/ptdispatcher and testing/fetch-unstable-peers.sh run.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${TLS_FINGERPRINTS_INSIDE:-}" ]; then
  [ "$(id -u)" -eq 0 ] || { echo "run as root (it makes a network namespace and captures)" >&2; exit 1; }
  exec env TLS_FINGERPRINTS_INSIDE=1 unshare -n -m bash "$0" "$@"
fi
ip link set lo up
ip addr add 198.18.0.1/32 dev lo
LAUNCHER=${LAUNCHER:-dispatcher-cli/target/ptdispatcher}
BIN=testing/tools/unstable/root/usr/bin
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
. bench/webtunnel-common.sh
printf '127.0.0.1 localhost\n198.18.0.1 bridge.test\n' > "$work/hosts"
mount --bind "$work/hosts" /etc/hosts
await_line() {
  for _ in $(seq 300); do
    if grep -q "$2" "$1" 2>/dev/null; then grep -m1 "$2" "$1"; return 0; fi
    sleep 0.1
  done
  echo "timed out waiting for '$2' in $1" >&2; cat "$1" >&2; exit 1
}

path=fpS3cret
make_ca "$work/ca"
mkdir -p "$work/www"; echo hi > "$work/www/small"
(cd "$work/www" && exec python3 -m http.server 8000 --bind 127.0.0.1 >/dev/null 2>&1) & pids+=($!)
"$LAUNCHER" -server -transport webtunnel -bindhost 127.0.0.1 -bindport 9001 -target 127.0.0.1:8000 \
  -options "{\"url\":\"https://bridge.test/$path\"}" > "$work/server.out" 2>&1 & pids+=($!)
"$LAUNCHER" -server -transport meek_lite -bindhost 127.0.0.1 -bindport 9002 -target 127.0.0.1:8000 > "$work/meek-server.out" 2>&1 & pids+=($!)
await_line "$work/server.out" '^SMETHODS DONE' >/dev/null
await_line "$work/meek-server.out" '^SMETHODS DONE' >/dev/null
start_nginx "$work/nginx" 198.18.0.1:8443 "$work/ca" "$path 9001" "meek 9002"
cat > "$work/nginx/www/ws.html" <<HTML
<html><body><script>new WebSocket("wss://bridge.test:8443/$path");</script></body></html>
HTML

capture() { # label command...: one capture around one client's connections
  local label=$1; shift
  tshark -i lo -f "tcp port 8443" -w "$work/$label.pcap" > "$work/$label.tshark" 2>&1 & local t=$!
  await_line "$work/$label.tshark" 'Capturing on' >/dev/null
  "$@" > "$work/$label.run" 2>&1 || true
  sleep 1; kill "$t"; wait "$t" 2>/dev/null || true
  python3 bench/ja4.py "$label" "$work/$label.pcap"
}
socks_fetch() { # client-out-file
  local socks; socks=$(await_line "$1" '^CMETHOD webtunnel ' | awk '{print $4}')
  curl -sS --max-time 30 --socks5-hostname "$socks" --proxy-user "url=https:://bridge.test:8443/$path;addr=198.18.0.1:8443" \
    http://127.0.0.1:8000/small -o /dev/null
}
go_client() { # program state [transport]
  SSL_CERT_FILE="$work/ca/ca.crt" TOR_PT_MANAGED_TRANSPORT_VER=1 TOR_PT_CLIENT_TRANSPORTS=${3:-webtunnel} TOR_PT_STATE_LOCATION="$2" \
    "$1" > "$2.out" 2>&1 & pids+=($!)
}
meek_fetch() { # client-out-file: fronted, the front naming nginx's port (Go's client takes the front's port, else the scheme's)
  local socks; socks=$(await_line "$1" '^CMETHOD meek_lite ' | awk '{print $4}')
  curl -sS --max-time 30 --socks5-hostname "$socks" --proxy-user "url=https:://bridge.test/meek;front=bridge.test:8443" \
    http://127.0.0.1:8000/small -o /dev/null
}

SSL_CERT_FILE="$work/ca/ca.crt" "$LAUNCHER" -client -transports webtunnel > "$work/ours.out" 2>&1 & pids+=($!)
printf 'client\tJA4\tJA3\tSNI\tALPN\n'
capture ours socks_fetch "$work/ours.out"
SSL_CERT_FILE="$work/ca/ca.crt" "$LAUNCHER" -client -transports meek_lite > "$work/ours-meek.out" 2>&1 & pids+=($!)
capture ours-meek_lite meek_fetch "$work/ours-meek.out"
go_client "$BIN/lyrebird" "$work/lyrebird-meek" meek_lite
capture lyrebird-meek_lite meek_fetch "$work/lyrebird-meek.out"
go_client "$BIN/lyrebird" "$work/lyrebird"
capture lyrebird socks_fetch "$work/lyrebird.out"
go_client "$BIN/webtunnel-client" "$work/reference"
ref_fetch() {
  local socks; socks=$(await_line "$work/reference.out" '^CMETHOD webtunnel ' | awk '{print $4}')
  curl -sS --max-time 30 --socks5-hostname "$socks" --proxy-user "url=https:://198.18.0.1:8443/$path" http://127.0.0.1:8000/small -o /dev/null
}
capture webtunnel-client ref_fetch
capture chromium chromium --headless=new --no-sandbox --disable-gpu --ignore-certificate-errors --user-data-dir="$work/chromium" \
  --host-resolver-rules="MAP bridge.test 198.18.0.1" --virtual-time-budget=5000 --dump-dom "https://bridge.test:8443/ws.html"
