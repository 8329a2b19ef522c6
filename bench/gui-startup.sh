#!/usr/bin/env bash
# Desktop app start-up, under a private Xvfb: for each way of starting it, N starts (default 5) of
#   - mapped: spawn to the "PT Dispatcher" window being mapped (xdotool search --onlyvisible, polled);
#   - frame:  spawn to the first frame with the window's content drawn, which the app itself reports
#             with -Dptdispatcher.reportFirstFrame=true (FirstFrameReport: "FIRST-FRAME <ms> <epoch ms>");
#   - jvm:    the same first frame in ms since the JVM started (leaves out Maven and the launcher).
# The gap between mapped and frame is the black window a user sees. Ways of starting:
#   - checkout: the README's command, ./mvnw -q -pl dispatcher-gui javafx:run (the option through JDK_JAVA_OPTIONS);
#   - java: plain java -cp dispatcher-gui/target/classes:<its dependencies> PtDispatcherApp;
#   - image: the app image's launcher: $GUI_IMAGE/bin/PT Dispatcher if set, else
#     installers/target/work/image/PT Dispatcher/bin/PT Dispatcher when it has been built
#     (./mvnw -Pinstallers -DskipTests -Dinstallers.types=none package), or /opt/pt-dispatcher's;
#   - reference: bench/GuiHello.java, one label in a JavaFX window, with the same java and JavaFX jars.
# Each start gets an empty config directory (first start: no profiles), and starts alternate so that
# other load on the machine hits each alike; the load average is printed with the figures.
#
#   bench/gui-startup.sh [starts] [ways, comma-separated: checkout,java,image,reference]
set -euo pipefail
cd "$(dirname "$0")/.."
STARTS=${1:-5}
WAYS=${2:-checkout,java,image,reference}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JAVAC=${JAVA_HOME:+$JAVA_HOME/bin/}javac
CLASSPATH_FILE=dispatcher-gui/target/classpath.txt
for tool in Xvfb xdotool python3; do
  command -v $tool >/dev/null || { echo "missing $tool (apt-get install xvfb xdotool python3)" >&2; exit 1; }
done
[ -f "$CLASSPATH_FILE" ] || { echo "no $CLASSPATH_FILE: ./mvnw -q -DskipTests install" >&2; exit 1; }
WORK=$(mktemp -d /tmp/ptd-gui-startup.XXXXXX)
IMAGE_COPY=installers/target/gui-startup-image
trap 'rm -rf "$WORK" "$IMAGE_COPY"' EXIT
IMAGE=
for candidate in ${GUI_IMAGE:+"$GUI_IMAGE"} "installers/target/work/image/PT Dispatcher" "/opt/pt-dispatcher"; do
  if [ -x "$candidate/bin/PT Dispatcher" ]; then
    # On Linux the image's launcher is a script that runs java, which reads JDK_JAVA_OPTIONS (the
    # report's option). An older image's native launcher (jpackage's) reads its JVM options from its
    # .cfg only: a hard-linked copy of the image gets one more there. The config directory comes from
    # XDG_CONFIG_HOME either way.
    rm -rf "$IMAGE_COPY"
    cp -al "$candidate" "$IMAGE_COPY" 2>/dev/null || cp -a "$candidate" "$IMAGE_COPY"
    cfg="$IMAGE_COPY/lib/app/PT Dispatcher.cfg"
    if [ -f "$cfg" ]; then
      sed 's/^\[JavaOptions\]$/[JavaOptions]\njava-options=-Dptdispatcher.reportFirstFrame=true/' "$cfg" > "$WORK/cfg"
      rm "$cfg" && cp "$WORK/cfg" "$cfg"
    fi
    IMAGE="$IMAGE_COPY/bin/PT Dispatcher"
    break
  fi
done
# The reference's classes, compiled once against the app's JavaFX jars.
JAVAFX_CP=$(tr ':' '\n' < "$CLASSPATH_FILE" | grep '/javafx-' | paste -sd: -)
"$JAVAC" -d "$WORK/hello" -cp "$JAVAFX_CP" bench/GuiHello.java

python3 - "$STARTS" "$WAYS" "$JAVA" "$(cat "$CLASSPATH_FILE")" "$JAVAFX_CP" "$WORK" "$IMAGE" <<'PY'
import os, signal, statistics, subprocess, sys, tempfile, time

starts, ways, java, deps, javafx_cp, work, image = int(sys.argv[1]), sys.argv[2].split(","), *sys.argv[3:]
REPORT = "-Dptdispatcher.reportFirstFrame=true"
subjects = {
    "checkout": ("checkout: ./mvnw -q -pl dispatcher-gui javafx:run", ["./mvnw", "-q", "-pl", "dispatcher-gui", "javafx:run"], True),
    "java": ("java -cp dispatcher-gui/target/classes:... PtDispatcherApp",
             [java, REPORT, "-cp", "dispatcher-gui/target/classes:" + deps, "org.ptdispatcher.gui.PtDispatcherApp"], False),
    "reference": ("reference: JavaFX hello world, same java",
                  [java, REPORT, "-cp", work + "/hello:" + javafx_cp, "GuiHello"], False),
}
if image:
    subjects["image"] = ("app image: bin/PT Dispatcher", [image], None)
ways = [w for w in ways if w in subjects]

# A private display; the first free number from 90.
display = next(n for n in range(90, 200) if not os.path.exists("/tmp/.X11-unix/X%d" % n) and not os.path.exists("/tmp/.X%d-lock" % n))
xvfb = subprocess.Popen(["Xvfb", ":%d" % display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
env = dict(os.environ, DISPLAY=":%d" % display)
for _ in range(100):
    if subprocess.run(["xdotool", "getdisplaygeometry"], env=env, capture_output=True).returncode == 0:
        break
    time.sleep(0.05)

def mapped():
    return subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^PT Dispatcher$"], env=env,
                          capture_output=True).returncode == 0

def start_once(command, options_by_env):
    """(ms to mapped, ms to first frame, first frame in ms since JVM start), all from spawn but the last."""
    config = tempfile.mkdtemp(dir=work, prefix="config-")
    options = REPORT + " -Dptdispatcher.configDir=" + config
    if options_by_env is None:  # the image: the report through JDK_JAVA_OPTIONS or its .cfg; the config directory from XDG
        run_env = dict(env, XDG_CONFIG_HOME=config, JDK_JAVA_OPTIONS=REPORT)
    elif options_by_env:
        run_env = dict(env, JDK_JAVA_OPTIONS=options)
    else:
        run_env = env
        command = command[:1] + ["-Dptdispatcher.configDir=" + config] + command[1:]
    stderr = open(os.path.join(config, "stderr"), "w+")
    t0 = time.time()
    p = subprocess.Popen(command, env=run_env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr,
                         start_new_session=True)
    mapped_ms = frame = None
    deadline = t0 + 60
    while time.time() < deadline and p.poll() is None:
        if mapped_ms is None and mapped():
            mapped_ms = (time.time() - t0) * 1000
        if frame is None:
            stderr.seek(0)
            for line in stderr.read().splitlines():
                if line.startswith("FIRST-FRAME "):
                    _, since_jvm, epoch = line.split()
                    frame = ((int(epoch) / 1000 - t0) * 1000, int(since_jvm))
        if mapped_ms is not None and frame is not None:
            break
        time.sleep(0.01)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(p.pid, sig)
            p.wait(timeout=20)
            break
        except ProcessLookupError:
            break
        except subprocess.TimeoutExpired:
            pass
    for _ in range(500):  # the next start must not find this one's window
        if not mapped():
            break
        time.sleep(0.02)
    if mapped_ms is None or frame is None:
        stderr.seek(0)
        raise SystemExit("%s: no window or no FIRST-FRAME line within 60 s; its stderr:\n%s" % (" ".join(command)[-80:], stderr.read()))
    return mapped_ms, frame[0], frame[1]

results = {w: [] for w in ways}
try:
    for _ in range(starts):
        for w in ways:
            results[w].append(start_once(subjects[w][1], subjects[w][2]))
finally:
    xvfb.terminate()

version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
print("desktop app start-up, %d starts each, Xvfb 1280x800x24, %d cores (load average %s; %s)"
      % (starts, os.cpu_count(), " ".join(open("/proc/loadavg").read().split()[:3]), version))
print("  %-62s %-22s %-22s %s" % ("", "mapped ms", "first frame ms", "frame since JVM start"))
print("  %-62s %-22s %-22s %s" % ("", "median (min-max)", "median (min-max)", "median (min-max)"))
def fmt(values):
    values = sorted(values)
    return "%5.0f (%.0f-%.0f)" % (statistics.median(values), values[0], values[-1])
for w in ways:
    r = results[w]
    print("  %-62s %-22s %-22s %s" % (subjects[w][0][:62], fmt([x[0] for x in r]), fmt([x[1] for x in r]), fmt([x[2] for x in r])))
if "reference" in results:
    ref = statistics.median([x[1] for x in results["reference"]])
    for w in ways:
        if w != "reference":
            print("  %s first frame / reference: %.1fx" % (w, statistics.median([x[1] for x in results[w]]) / ref))
PY
