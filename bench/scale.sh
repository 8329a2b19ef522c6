#!/usr/bin/env bash
# Footprint and scale, ours beside the reference in one run: obfs4 (obfs4proxy) and shadow
# aes-256-gcm (shadowsocks-libev). For each: idle RSS of client + server, RSS with COUNT tunnels
# open (50 opened at a time, 1 KiB echoed byte-exact on each, all kept open), memory per open
# tunnel, tunnels opened per second (the first 200, while the JIT is still compiling, and the
# rest), and RSS a minute after the last tunnel closed; each with its ratio ours/reference.
#
#   bench/scale.sh [--count 2000] [--at-once 50] [--settle 60] [--transports obfs4,shadow] [--launcher PATH]
#
# Build first: ./mvnw -q -DskipTests package (the launcher: dispatcher-cli/target/ptdispatcher).
# Needs obfs4proxy, shadowsocks-libev (ss-server, ss-local), python3. Loopback only. Raises its own
# descriptor limit to 2 x COUNT + 1024 (each process holds two a tunnel; the hard limit must allow it,
# or root with CAP_SYS_RESOURCE: it names the largest count it can run otherwise); lifts our engine's
# connection cap (ptdispatcher.maxConnections) to the count.
set -euo pipefail
cd "$(dirname "$0")/.."
launcher=dispatcher-cli/target/ptdispatcher
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --launcher) launcher="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
[ -x "$launcher" ] || { echo "no $launcher: ./mvnw -q -DskipTests package" >&2; exit 1; }
exec python3 bench/scale.py --launcher "$launcher" "${args[@]}"
