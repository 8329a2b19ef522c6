#!/usr/bin/env bash
# A private Tor network inside a network namespace that has nothing but loopback, and the app's
# headless launch (`--connect BRIDGE-LINE`) as a client of it through a bridge whose
# ServerTransportPlugin is the PT under test. Proves that the app gets a user online through Tor
# with a bridge line: the client reaches "Bootstrapped 100%", a page of random bytes from an HTTP
# server in the namespace comes through its SocksPort byte-exact, and Debian's chromium loads the
# same page through its SocksPort and its HTTPTunnelPort.
#
# Usage:
#   testing/private-tor-network.sh [--bridge-pt ptdispatcher|obfs4proxy|lyrebird|all] [--rounds N]
#                                  [--no-browser] [--app PROGRAM] [--work DIR]
#   testing/private-tor-network.sh --serve DIR [--bridge-pt ...]
#
#   --bridge-pt  the bridge's obfs4 server: our engine, obfs4proxy, or lyrebird 0.8.1 (fetched from
#                Debian unstable by testing/fetch-unstable-peers.sh); `all` builds one network with
#                a bridge for each and runs a client against each in turn, then prints the three
#                bootstrap times side by side. The client's PT is always the app's own engine.
#   --app        the app's program (default: this checkout's built classes, without a window;
#                an install's is "/opt/pt-dispatcher/bin/PT Dispatcher")
#   --serve DIR  build the network, write into DIR what a client needs (network.torrc, the
#                bridge-line.<pt> files, page, page-url, ready) and keep it up until killed: the
#                ITs in dispatcher-gui run the headless launch in it themselves (nsenter).
#   --rounds N   with several bridge PTs, run the clients round-robin N times (default 1), so
#                that no PT is always the first one measured
#   --no-browser skip the chromium check
#   --work DIR   keep every node's files there (default: a temporary directory, removed after a
#                run that passed)
#
# Exits 0 only when every client run succeeded. Needs root (unshare -n), tor, tor-gencert, nginx,
# curl, openssl, chromium (unless --no-browser) and the bridge PTs. Tor never sees any other network: the
# script re-runs itself under `unshare -n` before anything starts.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"

bridge_pts=ptdispatcher
browser=1
rounds=1
app=()
work=""
serve=""
while [ $# -gt 0 ]; do
  case "$1" in
    --bridge-pt) bridge_pts="$2"; shift 2 ;;
    --no-browser) browser=0; shift ;;
    --rounds) rounds="$2"; shift 2 ;;
    --app) app=("$2"); shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --serve) serve="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "private-tor-network: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ "$bridge_pts" != all ] || bridge_pts="ptdispatcher,obfs4proxy,lyrebird"
for pt in ${bridge_pts//,/ }; do
  case "$pt" in
    ptdispatcher|obfs4proxy|lyrebird) ;;
    *) echo "private-tor-network: --bridge-pt must be ptdispatcher, obfs4proxy, lyrebird or all" >&2; exit 2 ;;
  esac
done

# Everything below runs in a namespace of its own with only loopback.
if [ "${PTD_PRIVATE_TOR_NETWORK_INSIDE:-}" != 1 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "private-tor-network: needs root for unshare -n" >&2
    exit 2
  fi
  args=(--bridge-pt "$bridge_pts")
  [ "$browser" = 1 ] || args+=(--no-browser)
  args+=(--rounds "$rounds")
  [ ${#app[@]} -eq 0 ] || args+=(--app "${app[0]}")
  [ -z "$work" ] || args+=(--work "$work")
  [ -z "$serve" ] || args+=(--serve "$serve")
  # lyrebird comes from Debian's archive: fetched out here, where there is a network
  if [[ ",$bridge_pts," == *,lyrebird,* ]]; then
    "$here/fetch-unstable-peers.sh" >/dev/null
  fi
  PTD_PRIVATE_TOR_NETWORK_INSIDE=1 exec unshare -n bash "$0" "${args[@]}"
fi
bridge_pts="${bridge_pts//,/ }"
ip link set lo up

for tool in tor tor-gencert nginx curl openssl; do
  command -v "$tool" >/dev/null || { echo "private-tor-network: $tool is missing (apt-get install tor nginx curl openssl)" >&2; exit 2; }
done
if [ "$browser" = 1 ] && [ -z "$serve" ]; then
  command -v chromium >/dev/null || { echo "private-tor-network: chromium is missing (apt-get install chromium), or pass --no-browser" >&2; exit 2; }
fi

pt_program() {
  case "$1" in
    ptdispatcher) echo "$repo/dispatcher-cli/target/ptdispatcher" ;;
    obfs4proxy) command -v obfs4proxy ;;
    lyrebird) echo "$here/tools/unstable/root/usr/bin/lyrebird" ;;
  esac
}
for pt in $bridge_pts; do
  program="$(pt_program "$pt")" || true
  [ -n "$program" ] && [ -x "$program" ] || { echo "private-tor-network: the $pt bridge PT is missing (${program:-not on PATH})" >&2; exit 2; }
done

if [ ${#app[@]} -eq 0 ] && [ -z "$serve" ]; then
  classpath_file="$repo/dispatcher-gui/target/classpath.txt"
  [ -f "$classpath_file" ] && [ -d "$repo/dispatcher-gui/target/classes" ] || {
    echo "private-tor-network: build the app first (./mvnw -DskipTests install), or pass --app" >&2; exit 2; }
  app=("${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$repo/dispatcher-gui/target/classes:$(cat "$classpath_file")" org.ptdispatcher.gui.PtDispatcherApp)
fi

temporary=0
if [ -z "$work" ]; then
  work="$(mktemp -d /tmp/private-tor-network.XXXXXX)"
  temporary=1
fi
mkdir -p "$work"
chmod 700 "$work"
pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  # tor now and then hangs in its own exit after SIGTERM (seen under load: every thread in a futex
  # wait, for minutes), so a node that has not ended after 10 s is killed.
  local waited=0
  while [ "$waited" -lt 100 ]; do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
    waited=$((waited + 1))
  done
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$temporary" = 1 ] && [ "$status" -eq 0 ]; then
    rm -rf "$work"
  elif [ "$status" -ne 0 ]; then
    echo "private-tor-network: every node's files are in $work" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

started=$(date +%s)
say() { echo "[$(( $(date +%s) - started ))s] $*"; }

# --- ports (the namespace is ours alone, so fixed ones are free) ---
auth_or=(5100 5101 5102)
auth_dir=(7100 7101 7102)
exit_or=5110
middle_or=5111
http_port=8080
https_port=8443

# --- the page: random bytes, served by nginx ---
mkdir -p "$work/www"
head -c 262144 /dev/urandom > "$work/www/page.bin"
head -c 32768 /dev/urandom | od -An -v -tx1 | tr -d ' \n' > "$work/www/page.hex"
printf '<!DOCTYPE html><html><head><title>private tor network</title></head><body><pre id="bytes">%s</pre></body></html>\n' \
  "$(cat "$work/www/page.hex")" > "$work/www/page.html"
# HTTPS too: a browser sends plain-http requests to an HTTP proxy as GET, and tor's HTTPTunnelPort
# takes only CONNECT, which a browser uses for https.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$work/tls.key" -out "$work/tls.crt" 2>/dev/null
cat > "$work/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 64; }
http {
  access_log $work/nginx-access.log;
  client_body_temp_path $work/nginx-tmp;
  proxy_temp_path $work/nginx-tmp;
  fastcgi_temp_path $work/nginx-tmp;
  uwsgi_temp_path $work/nginx-tmp;
  scgi_temp_path $work/nginx-tmp;
  types { application/octet-stream bin; text/html html; }
  server {
    listen 127.0.0.1:$http_port;
    root $work/www;
  }
  server {
    listen 127.0.0.1:$https_port ssl;
    ssl_certificate $work/tls.crt;
    ssl_certificate_key $work/tls.key;
    root $work/www;
  }
}
EOF
mkdir -p "$work/nginx-tmp"
nginx -c "$work/nginx.conf" -e "$work/nginx-error.log" &
pids+=($!)

# --- three directory authorities (also relays), an exit and a middle relay ---
fingerprint_of() { awk '{ print $2 }' "$1/fingerprint"; }
authorities=""
for i in 0 1 2; do
  d="$work/auth$i"
  mkdir -p "$d/keys"
  chmod 700 "$d"
  (cd "$d/keys" && echo "" | tor-gencert --create-identity-key -m 12 -a "127.0.0.1:${auth_dir[$i]}" \
      -i authority_identity_key -s authority_signing_key -c authority_certificate --passphrase-fd 0 >/dev/null 2>&1)
  tor --quiet --list-fingerprint --DataDirectory "$d" --ORPort "127.0.0.1:${auth_or[$i]}" --Nickname "auth$i" >/dev/null
  v3=$(awk '/^fingerprint / { print $2 }' "$d/keys/authority_certificate")
  authorities+="DirAuthority auth$i orport=${auth_or[$i]} no-v2 v3ident=$v3 127.0.0.1:${auth_dir[$i]} $(fingerprint_of "$d")"$'\n'
done

# What every node and every client of this network carries. A client gets it through the app's
# --tor-config (an %include in the torrc the app writes).
cat > "$work/network.torrc" <<EOF
TestingTorNetwork 1
AssumeReachable 1
PathsNeededToBuildCircuits 0.25
TestingDirAuthVoteExit *
TestingDirAuthVoteGuard *
TestingDirAuthVoteHSDir *
TestingMinExitFlagThreshold 0
V3AuthNIntervalsValid 2
$authorities
EOF

node_torrc() { # name orport [extra lines...]
  local name="$1" orport="$2"
  shift 2
  local d="$work/$name"
  mkdir -p "$d"
  chmod 700 "$d"
  {
    echo "%include $work/network.torrc"
    echo "DataDirectory $d"
    echo "Nickname ${name//-/}"
    echo "Address 127.0.0.1"
    echo "ORPort 127.0.0.1:$orport"
    echo "SocksPort 0"
    echo "ShutdownWaitLength 0"
    echo "SafeLogging 0"
    echo "ContactInfo $name@test.invalid"
    echo "Log notice file $d/notice.log"
    printf '%s\n' "$@"
  } > "$d/torrc"
}
declare -A node_pid
start_node() {
  tor -f "$work/$1/torrc" > "$work/$1/stdout.log" 2>&1 &
  pids+=($!)
  node_pid[$1]=$!
}

for i in 0 1 2; do
  node_torrc "auth$i" "${auth_or[$i]}" "DirPort 127.0.0.1:${auth_dir[$i]}" \
    "AuthoritativeDirectory 1" "V3AuthoritativeDirectory 1" \
    "TestingV3AuthInitialVotingInterval 10" "TestingV3AuthInitialVoteDelay 2" "TestingV3AuthInitialDistDelay 2" \
    "V3AuthVotingInterval 10" "V3AuthVoteDelay 2" "V3AuthDistDelay 2" \
    "ExitRelay 0" "ExitPolicy reject *:*"
  start_node "auth$i"
done
node_torrc middle "$middle_or" "ExitRelay 0" "ExitPolicy reject *:*"
start_node middle
# Microdescriptor policy summaries ignore address-specific accepts: accept the port everywhere.
node_torrc exit "$exit_or" "ExitRelay 1" "ExitPolicyRejectPrivate 0" "ExitPolicyRejectLocalInterfaces 0" \
  "IPv6Exit 0" "ExitPolicy accept *:$http_port" "ExitPolicy accept *:$https_port" "ExitPolicy reject *:*"
start_node exit

# --- one bridge per PT under test ---
k=0
for pt in $bridge_pts; do
  node_torrc "bridge-$pt" "$((5120 + k))" "BridgeRelay 1" "PublishServerDescriptor 0" "ExtORPort auto" \
    "ExitRelay 0" "ExitPolicy reject *:*" \
    "ServerTransportPlugin obfs4 exec $(pt_program "$pt")" \
    "ServerTransportListenAddr obfs4 127.0.0.1:$((5130 + k))"
  start_node "bridge-$pt"
  k=$((k + 1))
done

await_node() { # name text seconds
  local log="$work/$1/notice.log" deadline=$(( $(date +%s) + $3 ))
  until [ -f "$log" ] && grep -qF -- "$2" "$log"; do
    if ! kill -0 "${node_pid[$1]}" 2>/dev/null; then
      echo "private-tor-network: tor $1 exited:" >&2
      tail -n 20 "$work/$1/stdout.log" >&2
      return 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "private-tor-network: no \"$2\" in $log within $3 s" >&2
      return 1
    fi
    sleep 0.2
  done
}

# Whether a node's consensus (the one a bridge hands its clients) lists the exit as an exit. A
# young network's first consensus may be voted before the exit's descriptor reached the
# authorities: a client reaches 100% on it with internal paths alone, and every stream it is asked
# for then fails (SOCKS5 reply 1).
has_exit() { # name
  local consensus="$work/$1/cached-microdesc-consensus"
  [ -f "$consensus" ] && awk '/^r / { exit_entry = ($2 == "exit") } exit_entry && /^s / && / Exit( |$)/ { found = 1 } END { exit !found }' "$consensus"
}
await_exit() { # name seconds
  local deadline=$(( $(date +%s) + $2 ))
  until has_exit "$1"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "private-tor-network: $1's consensus has no exit within $2 s" >&2
      return 1
    fi
    sleep 0.2
  done
}

# A bridge can serve a client once it has a consensus of its own with the exit in it and the PT runs.
k=0
for pt in $bridge_pts; do
  d="$work/bridge-$pt"
  await_node "bridge-$pt" "Registered server transport 'obfs4'" 60
  await_node "bridge-$pt" "Bootstrapped 100%" 150
  await_exit "bridge-$pt" 120
  args=$(grep -h '^Bridge obfs4' "$d/pt_state/obfs4_bridgeline.txt" | grep -o 'cert=.*')
  echo "obfs4 127.0.0.1:$((5130 + k)) $(fingerprint_of "$d") $args" > "$work/bridge-line.$pt"
  k=$((k + 1))
done
say "network up: 3 authorities, a middle relay, an exit, bridge(s): $bridge_pts"

page_base="http://127.0.0.1:$http_port"
tls_base="https://127.0.0.1:$https_port"
if [ -n "$serve" ]; then
  mkdir -p "$serve"
  cp "$work/network.torrc" "$serve/network.torrc"
  for pt in $bridge_pts; do cp "$work/bridge-line.$pt" "$serve/bridge-line.$pt"; done
  cp "$work/www/page.bin" "$serve/page"
  echo "$page_base/page.bin" > "$serve/page-url"
  touch "$serve/ready"
  say "serving; kill $$ to end"
  while true; do sleep 3600 & wait $! || true; done
fi

# --- a client per bridge: the app's headless launch, then curl and chromium through it ---
declare -A total torside
stamp() { while IFS= read -r line; do printf '%s %s\n' "$(date +%s.%N)" "$line"; done; }
# Called in an `if`, where bash ignores set -e: every check returns on its own.
run_client() { # pt round
  local pt="$1" out="$work/client-$1-$2.out" config="$work/app-$1-$2"
  mkdir -p "$config"
  local t0 t1
  t0=$(date +%s.%N)
  # Each line of the app's output with the time it came, for tor's own bootstrap time.
  JAVA_TOOL_OPTIONS="-Dptdispatcher.configDir=$config" "${app[@]}" --connect "$(cat "$work/bridge-line.$pt")" \
      --tor-config "$work/network.torrc" > >(stamp > "$out.stamped") 2>&1 &
  local client=$!
  pids+=($client)
  local deadline=$(( $(date +%s) + 120 ))
  until grep -qs ' Ready: ' "$out.stamped"; do
    if ! kill -0 "$client" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
      say "client through the $pt bridge did not get ready:"
      sed 's/^/    /' "$out.stamped"
      kill "$client" 2>/dev/null || true
      return 1
    fi
    sleep 0.1
  done
  t1=$(date +%s.%N)
  cut -d' ' -f2- "$out.stamped" > "$out"
  total[$pt]+="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') "
  # tor's part: from its first phase (the transport starting) to 100%
  torside[$pt]+="$(awk '/ Bootstrapped [0-9]+%/ && !first { first = $1 } / Bootstrapped 100%/ { printf "%.1f", $1 - first; exit }' "$out.stamped") "
  grep -q '^Bootstrapped 100%' "$out" || { say "$pt bridge: Ready without Bootstrapped 100%"; return 1; }
  local ready socks http
  ready=$(grep '^Ready: ' "$out")
  socks=$(echo "$ready" | sed -n 's/.*SOCKS5 \(127\.0\.0\.1:[0-9]*\).*/\1/p')
  http=$(echo "$ready" | sed -n 's/.*HTTP \(127\.0\.0\.1:[0-9]*\).*/\1/p')
  [ -n "$socks" ] && [ -n "$http" ] || { say "$pt bridge: no addresses in \"$ready\""; return 1; }
  say "$pt bridge: $ready (app start to Ready: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s)"

  for file in page.bin page.html; do
    curl -sS --max-time 60 --socks5-hostname "$socks" -o "$work/fetched-$pt-$file" "$page_base/$file" || { say "$pt bridge: curl failed; the app said:"; tail -n 30 "$out" | sed 's/^/    /'; return 1; }
    cmp "$work/www/$file" "$work/fetched-$pt-$file" || { say "$pt bridge: $file arrived changed"; return 1; }
    say "$pt bridge: $file, $(stat -c %s "$work/fetched-$pt-$file") bytes through SOCKS5 $socks, byte-exact"
  done
  curl -sS --max-time 60 --proxytunnel --proxy "http://$http" -o "$work/fetched-$pt-tunnel.bin" "$page_base/page.bin" || { say "$pt bridge: curl through the HTTP tunnel failed"; return 1; }
  cmp "$work/www/page.bin" "$work/fetched-$pt-tunnel.bin" || { say "$pt bridge: page.bin arrived changed through the HTTP tunnel"; return 1; }
  say "$pt bridge: page.bin through HTTP CONNECT $http, byte-exact"
  if [ "$browser" = 1 ]; then
    browse "$pt" "socks5://$socks" "$page_base/page.html" || return 1
    browse "$pt" "http://$http" "$tls_base/page.html" || return 1
  fi
  kill "$client"
  wait "$client"
  local status=$?
  [ "$status" -eq 0 ] || [ "$status" -eq 143 ] || { say "$pt bridge: the app exited $status when stopped"; return 1; }
}

# chromium, as root, headless, with every call of its own to the outside switched off; its DOM of
# page.html must hold the page's random hex (an error page or a page from elsewhere cannot). The
# test server's certificate is self-made, hence --ignore-certificate-errors.
browse() { # pt proxy-url page-url
  local name
  name="chromium-$1-${2%%:*}"
  mkdir -p "$work/$name"
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$work/$name" \
    --proxy-server="$2" --proxy-bypass-list='<-loopback>' --ignore-certificate-errors \
    --timeout=60000 --dump-dom "$3" > "$work/$name.html" 2>"$work/$name.log" || true
  if grep -qF "$(cat "$work/www/page.hex")" "$work/$name.html"; then
    say "$1 bridge: chromium loaded $3 through $2"
  else
    say "$1 bridge: chromium did not load $3 through $2:"
    head -c 1000 "$work/$name.html" | sed 's/^/    /'
    grep -v dbus "$work/$name.log" | tail -n 20 | sed 's/^/    /'
    return 1
  fi
}

failed=0
for round in $(seq 1 "$rounds"); do
  for pt in $bridge_pts; do
    if ! run_client "$pt" "$round"; then
      failed=1
      total[$pt]+="failed "
    fi
  done
done

echo
echo "bootstrap times in seconds through each bridge PT (the client's PT is always ptdispatcher's obfs4), one network, $rounds round(s):"
printf '  %-13s %-28s %s\n' "bridge PT" "app start to Ready" "tor: first phase to 100%"
for pt in $bridge_pts; do
  printf '  %-13s %-28s %s\n' "$pt" "${total[$pt]:-failed}" "${torside[$pt]:-}"
done
exit "$failed"
