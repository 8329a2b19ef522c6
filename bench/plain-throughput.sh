#!/usr/bin/env bash
# Throughput of our plain client+server pair against a two-hop socat relay, in one run, on loopback;
# then the median time from spawn to "CMETHODS DONE" over 10 starts.
#
#   bench/plain-throughput.sh [seconds-per-run] [runs]
#
# Both relays carry the same iperf3 stream (client -> hop 1 -> hop 2 -> iperf3 server): ours is a
# transparent-TCP client and a server with -target; socat's is two `socat TCP-LISTEN,fork TCP`
# processes. Runs alternate (ours, socat, ours, ...) so that drift hits both; medians are printed.
# Needs: iperf3, socat; the built launcher (./mvnw -q -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
PT="$PWD/dispatcher-cli/target/ptdispatcher"
SECONDS_PER_RUN=${1:-5}
RUNS=${2:-3}
[ -x "$PT" ] || { echo "build first: ./mvnw -q -DskipTests package" >&2; exit 1; }
for tool in iperf3 socat python3; do command -v $tool >/dev/null || { echo "missing $tool (apt-get install $tool)" >&2; exit 1; }; done

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }


iperf_port=$(free_port)
iperf3 -s -p "$iperf_port" >/dev/null 2>&1 &
pids+=($!)

# Our pair.
mkfifo "$work/server.out" "$work/client.out"
"$PT" -server -transport plain -bindhost 127.0.0.1 -bindport 0 -target "127.0.0.1:$iperf_port" -state "$work/s" > "$work/server.out" &
pids+=($!)
exec 3<"$work/server.out"
server_addr=""
while IFS= read -r line <&3; do
  case "$line" in SMETHOD\ *) server_addr=$(echo "$line" | awk '{print $3}') ;; "SMETHODS DONE") break ;; esac
done
"$PT" -client -transport plain -mode transparent-TCP -target "$server_addr" -state "$work/c" > "$work/client.out" &
pids+=($!)
exec 4<"$work/client.out"
ours=""
while IFS= read -r line <&4; do
  case "$line" in CMETHOD\ *) ours=$(echo "$line" | awk '{print $4}') ;; "CMETHODS DONE") break ;; esac
done
ours_port=${ours##*:}

# socat's two hops.
socat_hop2=$(free_port)
socat_hop1=$(free_port)
socat TCP-LISTEN:"$socat_hop2",bind=127.0.0.1,fork,reuseaddr TCP:127.0.0.1:"$iperf_port" &
pids+=($!)
socat TCP-LISTEN:"$socat_hop1",bind=127.0.0.1,fork,reuseaddr TCP:127.0.0.1:"$socat_hop2" &
pids+=($!)
python3 - "$socat_hop1" <<'PY'
import socket, sys, time
deadline = time.time() + 10
while True:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close(); break
    except OSError:
        if time.time() > deadline: raise
        time.sleep(0.05)
PY

measure() { # port -> MiB/s received
  iperf3 -c 127.0.0.1 -p "$1" -t "$SECONDS_PER_RUN" -J 2>/dev/null \
    | python3 -c 'import json,sys; print("%.1f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"]/8/1048576))'
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

measure "$iperf_port" >/dev/null   # warm-up of iperf3 itself
measure "$ours_port" >/dev/null    # warm-up of the JIT
ours_runs=(); socat_runs=()
for i in $(seq "$RUNS"); do
  ours_runs+=("$(measure "$ours_port")")
  socat_runs+=("$(measure "$socat_hop1")")
done
direct=$(measure "$iperf_port")
ours_median=$(median "${ours_runs[@]}")
socat_median=$(median "${socat_runs[@]}")

echo "java: $(java -version 2>&1 | head -1)"
echo "direct iperf3 (no relay):       ${direct} MiB/s"
echo "plain pair (ours), runs:        ${ours_runs[*]} MiB/s"
echo "socat two-hop relay, runs:      ${socat_runs[*]} MiB/s"
echo "median ours / socat:            ${ours_median} / ${socat_median} MiB/s = $(python3 -c "print('%.2f' % ($ours_median/$socat_median))")x"

# Start-up: spawn to CMETHODS DONE, 10 times.
times=()
for i in $(seq 10); do
  t0=$(date +%s%N)
  t1=$("$PT" -transport plain -exit-on-stdin-close -state "$work/startup" < /dev/null | while IFS= read -r l; do [ "$l" = "CMETHODS DONE" ] && date +%s%N; done)
  times+=($(( (t1 - t0) / 1000000 )))
done
echo "spawn to CMETHODS DONE, 10 runs: ${times[*]} ms; median $(median "${times[@]}") ms"
