#!/usr/bin/env bash
# Datagrams per second and median round-trip time through our transparent-UDP client and server
# (over the plain transport, and over others given as arguments), compared with direct UDP to the
# same echo server on loopback, in one run.
#
#   bench/udp.sh [transport ...]        (default: plain)
#
# For transports that need options, set them in the environment: OPTIONS_<transport>='{"password":"x"}'
# (given to both sides); the server's announced ARGS (obfs4's cert) are passed to the client.
# Example: OPTIONS_shadow='{"password":"p","cipherName":"aes-256-gcm"}' bench/udp.sh plain shadow obfs4
# Needs python3 and the built launcher (./mvnw -q -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
PT="$PWD/dispatcher-cli/target/ptdispatcher"
[ -x "$PT" ] || { echo "build first: ./mvnw -q -DskipTests package" >&2; exit 1; }
transports=("${@:-plain}")
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
echo_port=$(free_port)
python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", int(sys.argv[1])))
while True:
    d, a = s.recvfrom(65536); s.sendto(d, a)
' "$echo_port" &
pids+=($!)

read -r rtt rate lost < <(python3 bench/udp_probe.py 127.0.0.1 "$echo_port")
echo "java: $(java -version 2>&1 | head -1)"
printf '%-22s median RTT %8s us   %8s datagrams/s   lost %s\n' "direct UDP" "$rtt" "$rate" "$lost"
direct_rtt=$rtt

n=0
for t in "${transports[@]}"; do
  n=$((n+1))
  options_var="OPTIONS_$t"
  options=()
  [ -n "${!options_var:-}" ] && options=(-options "${!options_var}")
  mkfifo "$work/s$n" "$work/c$n"
  "$PT" -server -transport "$t" -mode transparent-UDP -bindhost 127.0.0.1 -bindport 0 -target "127.0.0.1:$echo_port" -state "$work/state-s$n" "${options[@]}" > "$work/s$n" &
  pids+=($!)
  exec {sfd}<"$work/s$n"
  server=""
  args=""
  while IFS= read -r line <&$sfd; do
    case "$line" in SMETHOD\ *) server=$(echo "$line" | awk '{print $3}'); args=$(echo "$line" | awk '{print $4}') ;; "SMETHODS DONE") break ;; esac
  done
  # The client's options: the server's announced ARGS (obfs4's cert) with OPTIONS_<transport> laid over them.
  client_options=$(python3 -c '
import json, sys
args = sys.argv[1][len("ARGS:"):] if sys.argv[1].startswith("ARGS:") else ""
opts = dict(kv.split("=", 1) for kv in args.split(",") if "=" in kv)
opts.update(json.loads(sys.argv[2]) if sys.argv[2] else {})
print(json.dumps(opts))' "${args:-}" "${!options_var:-}")
  "$PT" -client -transport "$t" -mode transparent-UDP -target "$server" -state "$work/state-c$n" -options "$client_options" > "$work/c$n" &
  pids+=($!)
  exec {cfd}<"$work/c$n"
  entrance=""
  while IFS= read -r line <&$cfd; do
    case "$line" in CMETHOD\ *) entrance=$(echo "$line" | awk '{print $4}') ;; "CMETHODS DONE") break ;; esac
  done
  python3 bench/udp_probe.py 127.0.0.1 "${entrance##*:}" 2000 2 >/dev/null   # JIT warm-up
  read -r rtt rate lost < <(python3 bench/udp_probe.py 127.0.0.1 "${entrance##*:}")
  printf '%-22s median RTT %8s us   %8s datagrams/s   lost %s   added RTT %s us\n' "tunnel over $t" "$rtt" "$rate" "$lost" \
    "$(python3 -c "print('%.1f' % ($rtt - $direct_rtt))")"
done
