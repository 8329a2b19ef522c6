#!/usr/bin/env bash
# Engine start-up: the time from spawning ptdispatcher to reading "CMETHODS DONE" on its stdout,
# as Tor starts it (a client, environment only). Median of N starts (default 20) of:
#   - the installed launcher: /opt/pt-dispatcher/bin/ptdispatcher, or the one in the app image
#     that `./mvnw -Pinstallers -DskipTests package` leaves in installers/target/work/image;
#   - the plain jar: java -jar dispatcher-cli/target/ptdispatcher.jar (java from JAVA_HOME or PATH);
#   - obfs4proxy, for reference, when it is installed.
# Starts alternate (launcher, jar, obfs4proxy, launcher, ...) so that other load on the machine
# hits each alike; the load average is printed with the figures.
#
#   bench/startup.sh [starts] [launcher]
set -euo pipefail
cd "$(dirname "$0")/.."
STARTS=${1:-20}
LAUNCHER=${2:-}
if [ -z "$LAUNCHER" ]; then
  for candidate in /opt/pt-dispatcher/bin/ptdispatcher "installers/target/work/image/PT Dispatcher/bin/ptdispatcher"; do
    if [ -x "$candidate" ]; then LAUNCHER=$candidate; break; fi
  done
fi
JAR=dispatcher-cli/target/ptdispatcher.jar
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
[ -n "$LAUNCHER" ] || { echo "no installed launcher: install the .deb, or build it: ./mvnw -Pinstallers -DskipTests package" >&2; exit 1; }
[ -f "$JAR" ] || { echo "no $JAR: ./mvnw -q -DskipTests package" >&2; exit 1; }
command -v python3 >/dev/null || { echo "missing python3" >&2; exit 1; }

python3 - "$STARTS" "$LAUNCHER" "$JAVA" "$JAR" <<'PY'
import os, shutil, statistics, subprocess, sys, tempfile, time, zipfile

starts, launcher, java, jar = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
state = tempfile.mkdtemp(prefix="ptd-startup-")
pt2 = dict(os.environ, TOR_PT_MANAGED_TRANSPORT_VER="2.2", TOR_PT_CLIENT_TRANSPORTS="plain",
           TOR_PT_STATE_LOCATION=state, TOR_PT_EXIT_ON_STDIN_CLOSE="1")
def engine_java_options(jar):
    """The JVM options the launcher script runs the jar with, from their one source inside the jar
    (dispatcher-engine's org/ptdispatcher/engine/lifecycle/java-options.properties): options, then jar-options."""
    text = zipfile.ZipFile(jar).read("org/ptdispatcher/engine/lifecycle/java-options.properties").decode("utf-8")
    values = dict(line.split("=", 1) for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))
    return values["options"].split() + values["jar-options"].split()

# The launcher script's options, so the jar is measured as parents run it.
jvm_options = engine_java_options(jar)
subjects = [
    ("installed launcher (" + launcher + ")", [launcher], pt2),
    ("plain jar (" + java + " -jar " + jar + ")", [java] + jvm_options + ["-jar", jar], pt2),
]
obfs4proxy = shutil.which("obfs4proxy")
if obfs4proxy:
    tor1 = dict(pt2, TOR_PT_MANAGED_TRANSPORT_VER="1", TOR_PT_CLIENT_TRANSPORTS="obfs4")
    subjects.append(("obfs4proxy, for reference", [obfs4proxy], tor1))

def start_once(command, env):
    """Milliseconds from spawn to the CMETHODS DONE line."""
    t0 = time.perf_counter()
    p = subprocess.Popen(command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    for line in p.stdout:
        if line.strip() == b"CMETHODS DONE":
            elapsed = (time.perf_counter() - t0) * 1000
            break
    else:
        raise SystemExit("%s ended without CMETHODS DONE (exit %s)" % (command[0], p.wait()))
    p.stdin.close()
    p.wait(timeout=30)
    return elapsed

times = {name: [] for name, _, _ in subjects}
for _ in range(starts):
    for name, command, env in subjects:
        times[name].append(start_once(command, env))
shutil.rmtree(state, ignore_errors=True)

version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
print("spawn to CMETHODS DONE, median of %d starts (load average %s; jar on %s)" % (starts, " ".join(open("/proc/loadavg").read().split()[:3]), version))
for name, _, _ in subjects:
    t = sorted(times[name])
    print("  %-70s %6.0f ms  (min %.0f, max %.0f)" % (name, statistics.median(t), t[0], t[-1]))
PY
