#!/usr/bin/env python3
"""What our shadow server does when the bytes it is asked to buffer exceed its memory bound.

COUNT tunnels through shadowsocks-libev's ss-local (aes-256-gcm) to our shadow server, to a target
that accepts and never reads; each tunnel sends MIB MiB as fast as the tunnel takes it. Every hop
buffers what the next does not take, up to its write-buffer high-water mark, then stops reading:
per tunnel that bound is about a MiB in our server, so COUNT x MiB against the heap and direct
memory bounds (-Xmx256m, direct memory the same by default) says whether the server must slow
down (stop reading) or fail. Prints, each second for SECONDS, our server's RSS, and at the end
whether it is still running or its exit code (70: out of memory, log.OutOfMemoryExit) and its last
stderr. Loopback only; needs ss-local.

    bench/buffer-pressure.py [--count 400] [--mib 4] [--seconds 20] [--launcher PATH] [--java-opts '...']
"""
import argparse, os, socket, subprocess, tempfile, threading, time

parser = argparse.ArgumentParser()
parser.add_argument("--count", type=int, default=400)
parser.add_argument("--mib", type=int, default=4)
parser.add_argument("--seconds", type=int, default=20)
parser.add_argument("--launcher", default=os.path.join(os.path.dirname(__file__), "..", "dispatcher-cli", "target", "ptdispatcher"))
parser.add_argument("--java-opts", default="", help="extra PTDISPATCHER_JAVA_OPTS, e.g. -XX:MaxDirectMemorySize=32m")
args = parser.parse_args()

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

held = []  # sockets kept open (and unread) until the end
target = socket.socket()
target.bind(("127.0.0.1", 0))
target.listen(4096)
target_port = target.getsockname()[1]
threading.Thread(target=lambda: [held.append(target.accept()[0]) for _ in iter(int, 1)], daemon=True).start()

work = tempfile.mkdtemp(prefix="ptd-pressure-")
server_port, local_port = free_port(), free_port()
env = dict(os.environ, PTDISPATCHER_JAVA_OPTS=(os.environ.get("PTDISPATCHER_JAVA_OPTS", "") + " " + args.java_opts
                                               + f" -Dptdispatcher.maxConnections={2 * args.count + 100}").strip())
stderr_path = os.path.join(work, "ours.err")
ours = subprocess.Popen([os.path.abspath(args.launcher), "-server", "-transport", "shadow", "-bindhost", "127.0.0.1",
                         "-bindport", str(server_port), "-state", work, "-options", '{"password":"pressure","cipherName":"aes-256-gcm"}'],
                        env=env, stdin=subprocess.DEVNULL, stdout=open(stderr_path + ".ipc", "w"), stderr=open(stderr_path, "w"))
local = subprocess.Popen(["ss-local", "-s", "127.0.0.1", "-p", str(server_port), "-b", "127.0.0.1", "-l", str(local_port),
                          "-k", "pressure", "-m", "aes-256-gcm"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
deadline = time.monotonic() + 30
for port in (server_port, local_port):
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"nothing listens on {port}")
            time.sleep(0.05)

sent = [0] * args.count

def tunnel(i):
    try:
        s = socket.create_connection(("127.0.0.1", local_port))
        held.append(s)
        s.sendall(b"\x05\x01\x00")
        s.recv(2)
        s.sendall(b"\x05\x01\x00\x01" + socket.inet_aton("127.0.0.1") + target_port.to_bytes(2, "big"))
        s.recv(10)
        chunk = b"x" * 65536
        while sent[i] < args.mib << 20:
            s.sendall(chunk)
            sent[i] += len(chunk)
    except OSError:
        pass

for i in range(args.count):
    threading.Thread(target=tunnel, args=(i,), daemon=True).start()
print(f"{args.count} tunnels x {args.mib} MiB into a target that never reads; ours: {args.launcher} ({env['PTDISPATCHER_JAVA_OPTS']})")
for second in range(args.seconds):
    time.sleep(1)
    if ours.poll() is not None:
        break
    with open(f"/proc/{ours.pid}/status") as f:
        rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS")) / 1024
    print(f"  {second + 1:3d} s: ours RSS {rss:7.1f} MiB, sent {sum(sent) / (1 << 20):8.1f} MiB")
code = ours.poll()
print(f"ours: {'still running' if code is None else f'exited with {code}'}")
with open(stderr_path) as f:
    print("ours's stderr ends: " + " | ".join(f.read().strip().splitlines()[-2:]))
with open(stderr_path + ".ipc") as f:
    print("ours's LOG lines: " + " | ".join(line.strip() for line in f if line.startswith("LOG")))
if code is None:
    ours.terminate()
    ours.wait(10)
local.terminate()
