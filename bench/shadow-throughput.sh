#!/usr/bin/env bash
# Throughput of the shadow transport against shadowsocks-libev, on loopback, in one run.
#
# For each cipher (aes-128-gcm, aes-256-gcm, chacha20-ietf-poly1305, and the Shadowsocks 2022
# ones, 2022-blake3-aes-128-gcm, 2022-blake3-aes-256-gcm, 2022-blake3-chacha20-poly1305) it pushes the same bytes
# (1 GiB by default) through two pairs with the same shape, proxy model:
#   curl --socks5-hostname -> ss-local         -> ss-server            -> HTTP source
#   curl --socks5-hostname -> ptdispatcher -client -> ptdispatcher -server -> HTTP source
# and prints MiB/s for each and the ratio ours/theirs. libev has no 2022 ciphers: for those only
# our pair runs (with a random base64 key of the cipher's length) and libev's columns say "-". A warm-up transfer through each pair
# comes first (the JVM compiles its hot path; ss gets the same courtesy), then each pair is
# measured RUNS times, alternating, and the best run of each counts. It also reports the CPU
# time the two proxy processes of each pair spent per GiB (from /proc, user + system), which
# does not depend on what else the machine is doing, unlike MiB/s on a shared 2-core machine.
#
# Usage: bench/shadow-throughput.sh [--bytes N] [--runs N] [--java JAVA_HOME] [--ciphers a,b]
# Needs: a built dispatcher-cli/target/ptdispatcher (./mvnw -DskipTests package), curl,
# shadowsocks-libev (ss-server, ss-local), python3 (free ports). Traffic stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bytes=$((1024 * 1024 * 1024))
warmup=$((256 * 1024 * 1024))
runs=2
ciphers="aes-128-gcm,aes-256-gcm,chacha20-ietf-poly1305,2022-blake3-aes-128-gcm,2022-blake3-aes-256-gcm,2022-blake3-chacha20-poly1305"
java_home="${JAVA_HOME:-}"
while [ $# -gt 0 ]; do
    case "$1" in
        --bytes) bytes="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --java) java_home="$2"; shift 2 ;;
        --ciphers) ciphers="$2"; shift 2 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
if [ -n "$java_home" ]; then
    java="$java_home/bin/java"
else
    java=$(command -v java)
fi
launcher="$root/dispatcher-cli/target/ptdispatcher"
for tool in curl ss-server ss-local python3; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install curl shadowsocks-libev python3)" >&2; exit 1; }
done
[ -x "$launcher" ] || { echo "missing $launcher: run ./mvnw -DskipTests package first" >&2; exit 1; }

work=$(mktemp -d /tmp/shadow-bench.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Waits until something listens on 127.0.0.1:$1.
await_port() {
    for _ in $(seq 1 100); do
        if python3 -c "import socket,sys; s=socket.socket(); s.settimeout(0.2); sys.exit(s.connect_ex(('127.0.0.1',$1)))" 2>/dev/null; then
            return 0
        fi
        sleep 0.1
    done
    echo "nothing listens on 127.0.0.1:$1" >&2
    exit 1
}

ticks_per_second=$(getconf CLK_TCK)
# CPU ticks (user + system) used so far by the processes given.
cpu_ticks() {
    local total=0 pid stat
    for pid in "$@"; do
        stat=$(cat "/proc/$pid/stat")
        stat=${stat##*) }
        set -- $stat
        total=$((total + ${12} + ${13}))
    done
    echo "$total"
}

# Prints "MiB/s CPU-seconds-per-GiB" of one transfer through the SOCKS proxy on port $1,
# counting the CPU of the processes $3 and $4.
transfer() {
    local socks=$1 n=$2 out size secs before after
    before=$(cpu_ticks "$3" "$4")
    out=$(curl -sS --max-time 600 -o /dev/null -w '%{size_download} %{time_total}' \
        --socks5-hostname "127.0.0.1:$socks" "http://127.0.0.1:$http_port/bytes?n=$n")
    size=${out% *}
    secs=${out#* }
    if [ "$size" != "$n" ]; then
        echo "transfer through port $socks delivered $size of $n bytes" >&2
        exit 1
    fi
    after=$(cpu_ticks "$3" "$4")
    python3 -c "print(f'{$size / $secs / 1048576:.0f} {($after - $before) / $ticks_per_second / ($size / 1073741824):.2f}')"
}

echo "JDK for ptdispatcher: $("$java" -version 2>&1 | head -2 | tail -1)"
echo "shadowsocks-libev: $(ss-server -h 2>&1 | grep -m1 -o 'shadowsocks-libev [0-9.]*' || echo unknown)"
echo "Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine lowers MiB/s, not CPU s/GiB)"
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; bytes per run: $bytes; best of $runs"
echo

"$java" "$root/bench/BenchHttpServer.java" "$bytes" > "$work/http.port" &
pids+=($!)
for _ in $(seq 1 100); do
    [ -s "$work/http.port" ] && break
    sleep 0.1
done
http_port=$(head -1 "$work/http.port")
await_port "$http_port"
# The source serves $bytes whatever the request; warm-ups use a second source of fewer bytes.
"$java" "$root/bench/BenchHttpServer.java" "$warmup" > "$work/warm.port" &
pids+=($!)
for _ in $(seq 1 100); do
    [ -s "$work/warm.port" ] && break
    sleep 0.1
done
warm_port=$(head -1 "$work/warm.port")

warm() {
    curl -sS --max-time 300 -o /dev/null --socks5-hostname "127.0.0.1:$1" "http://127.0.0.1:$warm_port/warm"
}

printf '%-30s %11s %11s %7s   %14s %14s %7s\n' cipher "ours MiB/s" "libev MiB/s" ratio "ours CPU s/GiB" "libev CPU s/GiB" ratio
password="bench-$(date +%s)"
IFS=',' read -ra cipher_list <<< "$ciphers"
for cipher in "${cipher_list[@]}"; do
    our_password=$password
    with_libev=true
    case "$cipher" in
        2022-blake3-aes-128-gcm) with_libev=false; our_password=$(python3 -c 'import base64,os; print(base64.b64encode(os.urandom(16)).decode())') ;;
        2022-*) with_libev=false; our_password=$(python3 -c 'import base64,os; print(base64.b64encode(os.urandom(32)).decode())') ;;
    esac
    ss_port=""; ss_socks=""; ss_server_pid=""; ss_local_pid=""
    if $with_libev; then
        ss_port=$(free_port); ss_socks=$(free_port)
        ss-server -s 127.0.0.1 -p "$ss_port" -k "$password" -m "$cipher" > "$work/ss-server-$cipher.log" 2>&1 &
        pids+=($!); ss_server_pid=$!
        ss-local -s 127.0.0.1 -p "$ss_port" -l "$ss_socks" -k "$password" -m "$cipher" > "$work/ss-local-$cipher.log" 2>&1 &
        pids+=($!); ss_local_pid=$!
    fi

    our_port=$(free_port); our_socks=$(free_port)
    JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$java")")")" "$launcher" -server -transport shadow \
        -bindhost 127.0.0.1 -bindport "$our_port" -state "$work/server-$cipher" \
        -options "{\"password\":\"$our_password\",\"cipherName\":\"$cipher\"}" > "$work/our-server-$cipher.log" 2>&1 &
    pids+=($!); our_server_pid=$!
    JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$java")")")" "$launcher" -client -transport shadow \
        -proxylistenaddr "127.0.0.1:$our_socks" -state "$work/client-$cipher" \
        -options "{\"password\":\"$our_password\",\"cipherName\":\"$cipher\",\"serverAddress\":\"127.0.0.1:$our_port\"}" \
        > "$work/our-client-$cipher.log" 2>&1 &
    pids+=($!); our_client_pid=$!
    for p in $ss_port $ss_socks "$our_port" "$our_socks"; do
        await_port "$p"
    done

    if $with_libev; then warm "$ss_socks"; fi
    warm "$our_socks"; warm "$our_socks"
    best_ours=0; best_theirs=0; cpu_ours=999; cpu_theirs=999
    for _ in $(seq 1 "$runs"); do
        if $with_libev; then
            read -r theirs theirs_cpu <<< "$(transfer "$ss_socks" "$bytes" "$ss_local_pid" "$ss_server_pid")"
            [ "$theirs" -gt "$best_theirs" ] && best_theirs=$theirs
            cpu_theirs=$(python3 -c "print(min($cpu_theirs, $theirs_cpu))")
        fi
        read -r ours ours_cpu <<< "$(transfer "$our_socks" "$bytes" "$our_client_pid" "$our_server_pid")"
        [ "$ours" -gt "$best_ours" ] && best_ours=$ours
        cpu_ours=$(python3 -c "print(min($cpu_ours, $ours_cpu))")
    done
    if $with_libev; then
        ratio=$(python3 -c "print(f'{$best_ours / $best_theirs:.2f}x')")
        cpu_ratio=$(python3 -c "print(f'{$cpu_theirs / $cpu_ours:.2f}x')")
    else
        best_theirs="-"; cpu_theirs="-"; ratio="-"; cpu_ratio="-"
    fi
    printf '%-30s %11s %11s %7s   %14s %14s %7s\n' "$cipher" "$best_ours" "$best_theirs" "$ratio" "$cpu_ours" "$cpu_theirs" "$cpu_ratio"

    kill $ss_server_pid $ss_local_pid "$our_server_pid" "$our_client_pid" 2>/dev/null || true
    wait $ss_server_pid $ss_local_pid "$our_server_pid" "$our_client_pid" 2>/dev/null || true
done
echo
echo "Both ratios are ours relative to libev: above 1.00x, ours is faster (MiB/s) or uses less CPU per GiB."
