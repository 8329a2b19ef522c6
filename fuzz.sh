#!/usr/bin/env bash
# Fuzzes the parsers: each fuzz target (a Jazzer @FuzzTest) in its own JVM with JAZZER_FUZZ=1, for
# FuzzBudget.PER_TARGET (5 s) per round. Without JAZZER_FUZZ the same tests run their seed corpus
# (src/test/resources/.../<Test>Inputs/<method>/) as plain tests in every build.
#
#   ./fuzz.sh                 one round of every target: what .ci/run does (about 5 minutes, most of
#                             it Maven starting once per target)
#   ./fuzz.sh --rounds 30     a longer session: each round starts from the corpus the last one grew
#                             (Jazzer keeps it in <module>/.cifuzz-corpus/, not in git)
#   ./fuzz.sh Shadow          only the targets whose name contains "Shadow"
#
# Prints the number of inputs each target ran. A finding fails the run; Jazzer has then written the
# input into the target's Inputs directory, where it stays as a regression test once fixed.
# Builds what it needs (-am) offline, after a build has fetched the dependencies; uses MAVEN_OPTS as given.
set -euo pipefail
cd "$(dirname "$0")"

rounds=1
filter=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    *) filter="$1"; shift ;;
  esac
done

targets=(
  "dispatcher-engine org.ptdispatcher.engine.socks.Socks5HandshakeFuzzTest#handshake"
  "dispatcher-engine org.ptdispatcher.engine.httpproxy.HttpProxyHandshakeFuzzTest#handshake"
  "dispatcher-engine org.ptdispatcher.engine.options.JsonOptionsFuzzTest#options"
  "dispatcher-engine org.ptdispatcher.engine.options.TorArgsFuzzTest#connectionArgs"
  "dispatcher-engine org.ptdispatcher.engine.options.TorArgsFuzzTest#serverTransportOptions"
  "dispatcher-engine org.ptdispatcher.engine.ipc.IpcLineFuzzTest#parse"
  "dispatcher-engine org.ptdispatcher.engine.ipc.IpcLineFuzzTest#escape"
  "dispatcher-engine org.ptdispatcher.engine.extor.ExtOrPortReplyFuzzTest#replies"
  "dispatcher-engine org.ptdispatcher.engine.transport.shadow.ShadowAeadFuzzTest#wire"
  "dispatcher-engine org.ptdispatcher.engine.transport.shadow.ShadowAeadFuzzTest#roundTrip"
  "dispatcher-engine org.ptdispatcher.engine.transport.shadow.ShadowAeadFuzzTest#addressHeader"
  "dispatcher-engine org.ptdispatcher.engine.transport.shadow.Sip022FuzzTest#wire"
  "dispatcher-engine org.ptdispatcher.engine.transport.shadow.Sip022FuzzTest#variableHeader"
  "dispatcher-engine org.ptdispatcher.engine.transport.shadow.Sip022FuzzTest#roundTrip"
  "dispatcher-engine org.ptdispatcher.engine.transport.shadow.Sip022PacketFuzzTest#datagram"
  "dispatcher-engine org.ptdispatcher.engine.transport.shadow.Sip022PacketFuzzTest#body"
  "dispatcher-engine org.ptdispatcher.engine.transport.shadow.Sip022PacketFuzzTest#roundTrip"
  "dispatcher-engine org.ptdispatcher.engine.transport.shadow.Sip022SessionsFuzzTest#events"
  "dispatcher-engine org.ptdispatcher.engine.transport.shadow.ShadowLinkFuzzTest#link"
  "dispatcher-engine org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4HandshakeFuzzTest#serverReadsRequest"
  "dispatcher-engine org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4HandshakeFuzzTest#clientReadsResponse"
  "dispatcher-engine org.ptdispatcher.engine.transport.obfs4.framing.Obfs4FrameFuzzTest#frames"
  "dispatcher-engine org.ptdispatcher.engine.transport.obfs4.framing.Obfs4FrameFuzzTest#wire"
  "dispatcher-engine org.ptdispatcher.engine.transport.webtunnel.WebTunnelUpgradeFuzzTest#serverRequest"
  "dispatcher-engine org.ptdispatcher.engine.transport.webtunnel.WebTunnelUpgradeFuzzTest#clientResponse"
  "dispatcher-cli org.ptdispatcher.cli.LaunchFuzzTest#launch"
  "dispatcher-gui org.ptdispatcher.gui.engine.EngineOutputFuzzTest#line"
  "dispatcher-gui org.ptdispatcher.gui.share.ShareImportFuzzTest#bridgeLine"
  "dispatcher-gui org.ptdispatcher.gui.share.ShareImportFuzzTest#profileImport"
)

log=$(mktemp)
trap 'rm -f "$log"' EXIT
failed=0
declare -A total
for round in $(seq 1 "$rounds"); do
  for entry in "${targets[@]}"; do
    module=${entry%% *}
    target=${entry#* }
    [ -z "$filter" ] || [[ "$target" == *"$filter"* ]] || continue
    # A heap of its own, well below libFuzzer's 2 GB limit on the process.
    if JAZZER_FUZZ=1 ./mvnw -o -q test -pl "$module" -am -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
        "-DargLine=--add-modules jdk.incubator.vector -Xmx1g" >"$log" 2>&1; then
      status=ok
    else
      status=FAILED
      failed=1
      grep -E "== Java Exception|Caused by|FuzzTestFinding|at org.ptdispatcher" "$log" | head -20 || true
    fi
    runs=$(grep -oE "Done [0-9]+ runs" "$log" | tail -1 | grep -oE "[0-9]+" || echo 0)
    total[$target]=$(( ${total[$target]:-0} + runs ))
    printf 'round %s  %-75s %10s inputs  %s\n' "$round" "$target" "$runs" "$status"
  done
done
echo "inputs per target over $rounds round(s):"
for target in "${!total[@]}"; do
  printf '  %-75s %12s\n' "$target" "${total[$target]}"
done | sort
exit $failed
