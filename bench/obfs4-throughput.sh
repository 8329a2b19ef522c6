#!/usr/bin/env bash
# obfs4 throughput and handshake rate: our client+server pair against obfs4proxy's pair, in one
# run, on loopback, through the same HTTP server and the same curl.
#
#   bench/obfs4-throughput.sh [MiB per transfer, default 512] [rounds, default 3] [handshakes, default 300]
#
# Needs: a built dispatcher-cli/target/ptdispatcher (./mvnw -q -DskipTests package), obfs4proxy,
# curl, python3. Prints MiB/s for each pair (best of the rounds), the ratio ours/obfs4proxy, and
# handshakes per second (sequential connections, each a full obfs4 handshake) for each pair, with the
# CPU time client and server spent on each: the first ones after start, then as many again once
# the JIT has compiled the handshake.
# Everything runs on 127.0.0.1 and is stopped at the end. LAUNCHER=path/to/ptdispatcher runs another
# build of ours (e.g. a saved copy of the previous one, to alternate old and new in A/B runs).
set -euo pipefail
cd "$(dirname "$0")/.."
MIB=${1:-512}
ROUNDS=${2:-3}
HANDSHAKES=${3:-300}
LAUNCHER=${LAUNCHER:-dispatcher-cli/target/ptdispatcher}
[ -x "$LAUNCHER" ] || { echo "build first: ./mvnw -q -DskipTests package" >&2; exit 1; }
command -v obfs4proxy >/dev/null || { echo "apt-get install obfs4proxy" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
# Waits for a line matching $2 in file $1 (at most 30 s) and prints it.
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
http_port=$(free_port)
(cd "$work/www" && exec python3 -m http.server "$http_port" --bind 127.0.0.1 >/dev/null 2>&1) & pids+=($!)

# obfs4proxy pair
TOR_PT_MANAGED_TRANSPORT_VER=1 TOR_PT_SERVER_TRANSPORTS=obfs4 TOR_PT_SERVER_BINDADDR=obfs4-127.0.0.1:0 \
  TOR_PT_ORPORT=127.0.0.1:$http_port TOR_PT_STATE_LOCATION="$work/peer-server" obfs4proxy > "$work/peer-server.out" 2>&1 & pids+=($!)
peer_pids="$!"
TOR_PT_MANAGED_TRANSPORT_VER=1 TOR_PT_CLIENT_TRANSPORTS=obfs4 TOR_PT_STATE_LOCATION="$work/peer-client" \
  obfs4proxy > "$work/peer-client.out" 2>&1 & pids+=($!)
peer_pids="$peer_pids $!"
# our pair (the launcher execs java, so $! is the JVM)
"$LAUNCHER" -server -transport obfs4 -bindhost 127.0.0.1 -bindport 0 -target 127.0.0.1:$http_port \
  -state "$work/our-server" > "$work/our-server.out" 2>&1 & pids+=($!)
our_pids="$!"
"$LAUNCHER" -client -transport obfs4 -state "$work/our-client" > "$work/our-client.out" 2>&1 & pids+=($!)
our_pids="$our_pids $!"
# CPU time (user + system, in clock ticks) used so far by the given processes.
cpu_ticks() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
ticks_per_second=$(getconf CLK_TCK)

peer_server=$(await_line "$work/peer-server.out" '^SMETHOD obfs4 ')
our_server=$(await_line "$work/our-server.out" '^SMETHOD obfs4 ')
peer_socks=$(await_line "$work/peer-client.out" '^CMETHOD obfs4 ' | awk '{print $4}')
our_socks=$(await_line "$work/our-client.out" '^CMETHOD obfs4 ' | awk '{print $4}')
peer_addr=$(echo "$peer_server" | awk '{print $3}'); peer_cert=$(echo "$peer_server" | sed 's/.*cert=\([^,]*\),.*/\1/')
our_addr=$(echo "$our_server" | awk '{print $3}'); our_cert=$(echo "$our_server" | sed 's/.*cert=\([^,]*\),.*/\1/')

# Args as RFC 1929 user name and password (curl cannot send a NUL password; both sides join the two).
fetch() { # socks addr cert path -> bytes/s
  curl -sS --max-time 600 --socks5-hostname "$1" --proxy-user "cert=$3;iat-mode=:0" "http://$2/$4" -o /dev/null -w '%{speed_download}'
}

java_version=$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)
echo "obfs4 throughput, $MIB MiB per transfer, best of $ROUNDS rounds; JDK: ${JAVA_HOME:-system} ($java_version); $(nproc) cores"
fetch "$our_socks" "$our_addr" "$our_cert" small >/dev/null   # warm-up: JIT and first connection
fetch "$peer_socks" "$peer_addr" "$peer_cert" small >/dev/null
best_ours=0; best_peer=0; cpu_ours=0; cpu_peer=0
for r in $(seq "$ROUNDS"); do
  c0=$(cpu_ticks $our_pids)
  o=$(fetch "$our_socks" "$our_addr" "$our_cert" big)
  c1=$(cpu_ticks $our_pids); cpu_ours=$((cpu_ours + c1 - c0))
  c0=$(cpu_ticks $peer_pids)
  p=$(fetch "$peer_socks" "$peer_addr" "$peer_cert" big)
  c1=$(cpu_ticks $peer_pids); cpu_peer=$((cpu_peer + c1 - c0))
  printf 'round %d: ours %.1f MiB/s, obfs4proxy %.1f MiB/s\n' "$r" "$(echo "$o / 1048576" | bc -l)" "$(echo "$p / 1048576" | bc -l)"
  best_ours=$(echo "if ($o > $best_ours) $o else $best_ours" | bc -l)
  best_peer=$(echo "if ($p > $best_peer) $p else $best_peer" | bc -l)
done
printf 'throughput: ours %.1f MiB/s, obfs4proxy %.1f MiB/s, ratio ours/obfs4proxy %.2f\n' \
  "$(echo "$best_ours / 1048576" | bc -l)" "$(echo "$best_peer / 1048576" | bc -l)" "$(echo "$best_ours / $best_peer" | bc -l)"
# CPU seconds the client and server processes spent per GiB moved: less sensitive than MiB/s to
# other load on the machine (a busy machine starves the pair that needs more CPU first).
gib=$(echo "$MIB * $ROUNDS / 1024" | bc -l)
printf 'cpu per GiB (client + server): ours %.2f s, obfs4proxy %.2f s, ratio obfs4proxy/ours %.2f\n' \
  "$(echo "$cpu_ours / $ticks_per_second / $gib" | bc -l)" "$(echo "$cpu_peer / $ticks_per_second / $gib" | bc -l)" "$(echo "$cpu_peer / $cpu_ours" | bc -l)"
echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg)"

# Handshakes: one curl, HANDSHAKES URLs; the HTTP/1.0 server closes each connection, so each URL
# is a new SOCKS connection and a new obfs4 handshake.
handshakes() { # socks addr cert pids... -> "handshakes/s cpu-ms-per-handshake"
  local socks=$1 addr=$2 cert=$3; shift 3
  local urls=()
  for _ in $(seq "$HANDSHAKES"); do urls+=("http://$addr/small"); done
  local start end c0 c1
  c0=$(cpu_ticks "$@")
  start=$(date +%s.%N)
  curl -sS --max-time 600 --socks5-hostname "$socks" --proxy-user "cert=$cert;iat-mode=:0" "${urls[@]}" >/dev/null
  end=$(date +%s.%N)
  c1=$(cpu_ticks "$@")
  echo "$(echo "$HANDSHAKES / ($end - $start)" | bc -l) $(echo "($c1 - $c0) * 1000 / $ticks_per_second / $HANDSHAKES" | bc -l)"
}
# Twice: the first pass is the first handshakes these processes make, while the JIT is still
# compiling the handshake's code (obfs4proxy, compiled ahead of time, has no such phase); the
# second shows the rate once it has. With each rate, the CPU time the client and server spent
# per handshake: a rate well below the reference at the same CPU time is waiting, not work.
for pass in "first $HANDSHAKES" "next $HANDSHAKES"; do
  # shellcheck disable=SC2086
  read -r ho co < <(handshakes "$our_socks" "$our_addr" "$our_cert" $our_pids)
  # shellcheck disable=SC2086
  read -r hp cp < <(handshakes "$peer_socks" "$peer_addr" "$peer_cert" $peer_pids)
  printf 'handshakes, %s: ours %.0f/s (%.2f ms CPU each), obfs4proxy %.0f/s (%.2f ms), ratio ours/obfs4proxy %.2f\n' \
    "$pass" "$ho" "$co" "$hp" "$cp" "$(echo "$ho / $hp" | bc -l)"
done
