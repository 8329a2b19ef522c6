#!/usr/bin/env bash
# Fetches the peers that exist only in Debian's unstable suite (lyrebird 0.8.1, what Tor Browser
# ships, and webtunnel 0.0.7) into testing/tools/, without touching the machine's own apt
# configuration: a private sources list with one line for sid, private state and cache folders,
# `apt-get download` (no install, no dependencies: they are Go programs that need only libc) and
# `dpkg -x`. The programs land in testing/tools/unstable/root/usr/bin/ (git-ignored).
#
# Usage: testing/fetch-unstable-peers.sh   (prints the bin directory; does nothing when it is complete)
set -euo pipefail
cd "$(dirname "$0")"
D="$PWD/tools/unstable"
BIN="$D/root/usr/bin"
PACKAGES=(lyrebird webtunnel)
PROGRAMS=(lyrebird webtunnel-client webtunnel-server)

complete() {
  for p in "${PROGRAMS[@]}"; do [ -x "$BIN/$p" ] || return 1; done
}
if complete; then
  echo "$BIN"
  exit 0
fi

# The mirror this machine already uses (its deb822 sources file, or the one-line list).
mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
if [ -z "$mirror" ]; then
  mirror=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list 2>/dev/null || true)
fi
mirror=${mirror:-http://deb.debian.org/debian}

mkdir -p "$D/lists/partial" "$D/cache/archives/partial"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror sid main" > "$D/sources.list"
A=(-o "Dir::Etc::SourceList=$D/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
   -o "Dir::State::Lists=$D/lists" -o "Dir::Cache=$D/cache" -o "APT::Sandbox::User=root")
apt-get "${A[@]}" -qq update
rm -f "$D"/*.deb
(cd "$D" && apt-get "${A[@]}" -qq download "${PACKAGES[@]}")
for f in "$D"/*.deb; do
  dpkg -x "$f" "$D/root"
done
if ! complete; then
  echo "fetch-unstable-peers: after unpacking, missing one of ${PROGRAMS[*]} in $BIN" >&2
  exit 1
fi
echo "$BIN"
