#!/usr/bin/env bash
# Idle memory: the resident set of one engine 12 seconds after it announced its methods, ours
# beside the reference in one run, for the roles a PT is spawned in most:
#   obfs4 client   ours (as tor starts it: environment only)  vs obfs4proxy
#   obfs4 server   ours                                        vs obfs4proxy
#   shadow server  ours (aes-256-gcm)                          vs ss-server (shadowsocks-libev)
# Starts alternate (ours, reference, ours, ...) and the median of N rounds is printed, with the
# ratio ours/reference, and RssAnon/RssFile for ours (the JVM's own code and class archive are file
# pages: counted in RSS, shared between JVMs of the same runtime).
#
#   bench/idle-rss.sh [rounds] [launcher]     (defaults: 5, dispatcher-cli/target/ptdispatcher)
#   NMT=1 bench/idle-rss.sh ...               also where ours's memory goes: its starts run with
#       -XX:NativeMemoryTracking=summary (which costs about 1 MiB itself) and the median committed
#       KiB of each of the JVM's categories (jcmd VM.native_memory summary) is printed per role.
# Build first: ./mvnw -q -DskipTests package. Needs obfs4proxy, ss-server, python3. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
LAUNCHER=${2:-dispatcher-cli/target/ptdispatcher}
[ -x "$LAUNCHER" ] || { echo "no $LAUNCHER: ./mvnw -q -DskipTests package" >&2; exit 1; }
for tool in obfs4proxy ss-server python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done

python3 - "$ROUNDS" "$LAUNCHER" <<'PY'
import os, re, socket, statistics, subprocess, sys, tempfile, time

rounds, launcher = int(sys.argv[1]), os.path.abspath(sys.argv[2])
# Seconds after ready: start-up's garbage and compilation are over, and the JVM has handed the C
# heap's free pages back at least twice (-XX:TrimNativeHeapInterval=5000): what an idle PT keeps,
# not what start-up freed and glibc still holds. At 5 s the same engine read about 2 MiB more,
# depending on where the first trim fell.
SETTLE = 12.0
NMT = os.environ.get("NMT") == "1"
if NMT:
    os.environ["PTDISPATCHER_JAVA_OPTS"] = (os.environ.get("PTDISPATCHER_JAVA_OPTS", "") + " -XX:NativeMemoryTracking=summary").strip()

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def tor_env(state, **kv):
    env = dict(os.environ, TOR_PT_MANAGED_TRANSPORT_VER="1", TOR_PT_STATE_LOCATION=state, TOR_PT_EXIT_ON_STDIN_CLOSE="0")
    env.update(kv)
    return env

def obfs4_client(state):
    return tor_env(state, TOR_PT_CLIENT_TRANSPORTS="obfs4")

def obfs4_server(state):
    return tor_env(state, TOR_PT_SERVER_TRANSPORTS="obfs4", TOR_PT_SERVER_BINDADDR=f"obfs4-127.0.0.1:{free_port()}",
                   TOR_PT_ORPORT="127.0.0.1:9")

def wait_line(process, done):
    for line in process.stdout:
        if line.strip() == done:
            return
    raise RuntimeError("ended before " + done.decode())

def wait_listening(port):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")

def rss(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile"):
                fields[key] = int(value.split()[0]) / 1024
    return fields

def nmt(pid):
    """Committed KiB per NMT category, from jcmd (ours only, when NMT=1)."""
    out = subprocess.run(["jcmd", str(pid), "VM.native_memory", "summary"], capture_output=True, text=True, timeout=30).stdout
    return {m[1]: int(m[2]) for m in re.finditer(r"^-\s+(.+?) \(reserved=\d+KB, committed=(\d+)KB\)", out, re.M)}

def measure(start, ours=False):
    state = tempfile.mkdtemp(prefix="ptd-idle-")
    process = start(state)
    try:
        time.sleep(SETTLE)
        fields = rss(process.pid)
        if NMT and ours:
            fields["nmt"] = nmt(process.pid)
        return fields
    finally:
        process.terminate()
        process.wait(10)

def pt(command, env_of, done):
    def start(state):
        p = subprocess.Popen(command, env=env_of(state), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)
        wait_line(p, done)
        return p
    return start

def our_shadow_server(state):
    port = free_port()
    p = subprocess.Popen([launcher, "-server", "-transport", "shadow", "-bindhost", "127.0.0.1", "-bindport", str(port),
                          "-state", state, "-options", '{"password":"idle-bench","cipherName":"aes-256-gcm"}'],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_listening(port)
    return p

def ss_server(state):
    port = free_port()
    p = subprocess.Popen(["ss-server", "-s", "127.0.0.1", "-p", str(port), "-k", "idle-bench", "-m", "aes-256-gcm"],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_listening(port)
    return p

roles = [
    ("obfs4 client", pt([launcher], obfs4_client, b"CMETHODS DONE"), "obfs4proxy", pt(["obfs4proxy"], obfs4_client, b"CMETHODS DONE")),
    ("obfs4 server", pt([launcher], obfs4_server, b"SMETHODS DONE"), "obfs4proxy", pt(["obfs4proxy"], obfs4_server, b"SMETHODS DONE")),
    ("shadow server", our_shadow_server, "ss-server", ss_server),
]
print(f"idle RSS {SETTLE:.0f} s after ready, median of {rounds} starts each; ours: {launcher}")
print(f"{'role':<14} {'ours MiB':>9} {'(anon':>6} {'file)':>6} {'reference':<11} {'ref MiB':>8} {'ratio':>6}")
for role, ours_start, reference, reference_start in roles:
    ours, theirs = [], []
    for _ in range(rounds):
        ours.append(measure(ours_start, ours=True))
        theirs.append(measure(reference_start))
    median = lambda samples, key: statistics.median(s[key] for s in samples)
    o, t = median(ours, "VmRSS"), median(theirs, "VmRSS")
    print(f"{role:<14} {o:9.1f} {median(ours, 'RssAnon'):6.1f} {median(ours, 'RssFile'):6.1f} {reference:<11} {t:8.1f} {o / t:5.1f}x")
    if NMT:
        categories = sorted({c for s in ours for c in s["nmt"]}, key=lambda c: -statistics.median(s["nmt"].get(c, 0) for s in ours))
        print("  NMT committed KiB: " + ", ".join(f"{c} {statistics.median(s['nmt'].get(c, 0) for s in ours):.0f}"
                                                 for c in categories if statistics.median(s["nmt"].get(c, 0) for s in ours) >= 100))
print(f"load average: {os.getloadavg()[0]:.2f}")
PY
