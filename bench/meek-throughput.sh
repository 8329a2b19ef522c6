#!/usr/bin/env bash
# meek_lite throughput: our client against lyrebird 0.8.1's, in one run, both to our meek server
# behind the same private nginx with TLS (a test CA), domain-fronted (connection and SNI to
# front.test, Host: reflector.test), downloading from the same HTTP server with the same curl.
#
#   bench/meek-throughput.sh [MiB per transfer, default 64] [rounds, default 3]
#
# lyrebird dials the front by name on port 443, so everything runs inside network and mount
# namespaces of its own (unshare -n -m, as root) with 198.18.0.1 on its loopback and an /etc/hosts
# of its own bind-mounted; nothing leaves it. Needs: a built dispatcher-cli/target/ptdispatcher,
# testing/fetch-unstable-peers.sh run, nginx, openssl, curl, python3. Prints MiB/s for each client
# (best of the rounds) and the ratio ours/lyrebird's.
set -euo pipefail
cd "$(dirname "$0")/.."
MIB=${1:-64}
ROUNDS=${2:-3}
if [ -z "${MEEK_BENCH_INSIDE:-}" ]; then
  [ "$(id -u)" -eq 0 ] || { echo "run as root (it makes network and mount namespaces)" >&2; exit 1; }
  exec env MEEK_BENCH_INSIDE=1 unshare -n -m bash "$0" "$@"
fi
ip link set lo up
ip addr add 198.18.0.1/32 dev lo

LAUNCHER=${LAUNCHER:-dispatcher-cli/target/ptdispatcher}
BIN=testing/tools/unstable/root/usr/bin
[ -x "$LAUNCHER" ] || { echo "build first: ./mvnw -q -DskipTests package" >&2; exit 1; }
[ -x "$BIN/lyrebird" ] || { echo "run testing/fetch-unstable-peers.sh first" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
. bench/webtunnel-common.sh

printf '127.0.0.1 localhost\n198.18.0.1 front.test reflector.test\n' > "$work/hosts"
mount --bind "$work/hosts" /etc/hosts

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
CA_SANS=DNS:front.test,DNS:reflector.test make_ca "$work/ca"
"$LAUNCHER" -server -transport meek_lite -bindhost 127.0.0.1 -bindport 9001 -target 127.0.0.1:8000 > "$work/our-server.out" 2>&1 & pids+=($!)

d=$work/nginx
mkdir -p "$d/tmp" "$d/www"
cat > "$d/nginx.conf" <<CONF
worker_processes 1;
$([ "$(id -u)" -eq 0 ] && echo "user root;")
pid $d/nginx.pid;
error_log $d/error.log;
events { worker_connections 512; }
http {
  access_log $d/access.log;
  client_body_temp_path $d/tmp/body; proxy_temp_path $d/tmp/proxy; fastcgi_temp_path $d/tmp/fastcgi;
  uwsgi_temp_path $d/tmp/uwsgi; scgi_temp_path $d/tmp/scgi;
  server {
    listen 198.18.0.1:443 ssl;
    ssl_certificate $work/ca/server.crt;
    ssl_certificate_key $work/ca/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    location / {
      proxy_pass http://127.0.0.1:9001;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
CONF
nginx -e "$d/error.log" -p "$d" -c "$d/nginx.conf" -g 'daemon off;' > "$d/nginx.out" 2>&1 & pids+=($!)
for _ in $(seq 200); do [ -f "$d/nginx.pid" ] && break; sleep 0.05; done

SSL_CERT_FILE="$work/ca/ca.crt" "$LAUNCHER" -client -transports meek_lite > "$work/our-client.out" 2>&1 & pids+=($!)
SSL_CERT_FILE="$work/ca/ca.crt" TOR_PT_MANAGED_TRANSPORT_VER=1 TOR_PT_CLIENT_TRANSPORTS=meek_lite TOR_PT_STATE_LOCATION="$work/ref-client" \
  "$BIN/lyrebird" > "$work/ref-client.out" 2>&1 & pids+=($!)
await_line "$work/our-server.out" '^SMETHODS DONE' >/dev/null
our_socks=$(await_line "$work/our-client.out" '^CMETHOD meek_lite ' | awk '{print $4}')
ref_socks=$(await_line "$work/ref-client.out" '^CMETHOD meek_lite ' | awk '{print $4}')

# Args as RFC 1929 user name and password: curl splits at the first colon, the clients join the two.
fetch() { # socks file -> bytes/s
  curl -sS --max-time 600 --socks5-hostname "$1" --proxy-user "url=https:://reflector.test/;front=front.test" \
    "http://127.0.0.1:8000/$2" -o /dev/null -w '%{speed_download}'
}

java_version=$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)
echo "meek_lite throughput through nginx (TLS, fronted), $MIB MiB per transfer, best of $ROUNDS rounds; JDK: $java_version; $(nproc) cores"
fetch "$our_socks" small >/dev/null
fetch "$ref_socks" small >/dev/null
best_ours=0; best_ref=0
for round in $(seq "$ROUNDS"); do
  ours=$(fetch "$our_socks" big)
  ref=$(fetch "$ref_socks" big)
  echo "round $round: ours $(awk -v b="$ours" 'BEGIN{printf "%.1f", b/1048576}') MiB/s, lyrebird $(awk -v b="$ref" 'BEGIN{printf "%.1f", b/1048576}') MiB/s"
  best_ours=$(awk -v a="$best_ours" -v b="$ours" 'BEGIN{print (b>a)?b:a}')
  best_ref=$(awk -v a="$best_ref" -v b="$ref" 'BEGIN{print (b>a)?b:a}')
done
awk -v o="$best_ours" -v r="$best_ref" 'BEGIN{printf "best: ours %.1f MiB/s, lyrebird %.1f MiB/s, ratio ours/lyrebird %.2f\n", o/1048576, r/1048576, o/r}'
