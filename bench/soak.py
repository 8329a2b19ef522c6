#!/usr/bin/env python3
"""Soak: an hour (by default) of mixed load through an obfs4 pair and a shadow pair of ours.

    python3 bench/soak.py [--minutes 60] [--workers 16] [--sample-seconds 60]

Starts, on 127.0.0.1 only, an echo server, our obfs4 server and client, our shadow server and
client (the servers forward to the echo server), then runs WORKERS threads until the time is up.
Each opens a SOCKS connection through one of the pairs, chosen at random, and then at random:
  - sends 1 KiB to 4 MiB and checks that every byte comes back (most of the time),
  - sends part of that and resets the connection mid-stream (SO_LINGER 0),
  - or opens the tunnel and drops it without a word.
Every SAMPLE_SECONDS it records each engine's resident memory, open descriptors and threads
(/proc), and prints them. At the end it prints the samples, the counts, and any growth from the
first sample after warm-up to the last (RSS up by more than a quarter and 32 MB, descriptors by
more than 32, threads by more than 4) and any failure; it exits 1 if there was either.
Needs a built dispatcher-cli/target/ptdispatcher (./mvnw -q -DskipTests package); LAUNCHER=path runs another
build, SOAK_LOG_LEVEL=DEBUG keeps the engines' DEBUG lines (printed at the end). Not part of CI.
"""
import argparse
import json
import os
import random
import re
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAUNCHER = os.environ.get("LAUNCHER", os.path.join(ROOT, "dispatcher-cli", "target", "ptdispatcher"))
PASSWORD = "soak-password"


def echo_server():
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(512)

    def serve(conn):
        with conn:
            try:
                while True:
                    data = conn.recv(65536)
                    if not data:
                        conn.shutdown(socket.SHUT_WR)
                        return
                    conn.sendall(data)
            except OSError:
                pass

    def accept():
        while True:
            conn, _ = server.accept()
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return server.getsockname()[1]


class Engine:
    """One ptdispatcher process; stdout is read by a thread so its pipe never fills."""

    def __init__(self, name, args, workdir):
        self.name = name
        self.lines = []
        self.process = subprocess.Popen([LAUNCHER] + args + ["-ipcLogLevel", os.environ.get("SOAK_LOG_LEVEL", "WARN")], cwd=workdir, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.done = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))
            if line.startswith(("CMETHODS DONE", "SMETHODS DONE")):
                self.done.set()

    def await_line(self, prefix):
        if not self.done.wait(60):
            sys.exit(f"{self.name} did not start: {self.lines}")
        for line in self.lines:
            if line.startswith(prefix):
                return line
        sys.exit(f"{self.name}: no {prefix} line in {self.lines}")

    def sample(self):
        pid = self.process.pid
        status = open(f"/proc/{pid}/status").read()
        rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
        threads = int(re.search(r"Threads:\s+(\d+)", status).group(1))
        fds = len(os.listdir(f"/proc/{pid}/fd"))
        return rss, fds, threads

    def stop(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def socks_connect(socks_port, server_port, user=None):
    s = socket.create_connection(("127.0.0.1", socks_port), timeout=30)
    if user is None:
        s.sendall(b"\x05\x01\x00")
        if s.recv(2) != b"\x05\x00":
            raise OSError("no-auth refused")
    else:
        u = user.encode()
        s.sendall(b"\x05\x01\x02")
        if s.recv(2) != b"\x05\x02":
            raise OSError("user/password refused")
        s.sendall(b"\x01" + bytes([len(u)]) + u + b"\x01\x00")
        if s.recv(2) != b"\x01\x00":
            raise OSError("args refused")
    s.sendall(b"\x05\x01\x00\x01\x7f\x00\x00\x01" + struct.pack(">H", server_port))
    reply = b""
    while len(reply) < 10:
        chunk = s.recv(10 - len(reply))
        if not chunk:
            raise OSError("closed during CONNECT")
        reply += chunk
    if reply[1] != 0:
        raise OSError(f"SOCKS reply {reply[1]}")
    return s


class Counts:
    def __init__(self):
        self.lock = threading.Lock()
        self.values = {"echoed": 0, "reset": 0, "dropped": 0, "failed": 0, "bytes": 0}
        self.failures = []

    def add(self, key, n=1):
        with self.lock:
            self.values[key] += n

    def fail(self, what):
        with self.lock:
            self.values["failed"] += 1
            if len(self.failures) < 20:
                self.failures.append(what)
        # As it happens too, with the time, to match against the engines' DEBUG lines.
        print(f"{time.strftime('%H:%M:%S')} FAILURE {what}", file=sys.stderr, flush=True)


def worker(pairs, deadline, counts, seed):
    rng = random.Random(seed)
    while time.time() < deadline:
        name, socks_port, server_port, user = rng.choice(pairs)
        action = rng.random()
        size = rng.randint(1024, 4 << 20)
        data = rng.randbytes(min(size, 65536)) * (size // 65536 + 1)
        data = data[:size]
        try:
            s = socks_connect(socks_port, server_port, user)
        except OSError as e:
            counts.fail(f"{name}: connect: {e}")
            continue
        try:
            if action < 0.7:
                def send():
                    try:
                        s.sendall(data)
                        s.shutdown(socket.SHUT_WR)
                    except OSError:
                        pass  # the read side says what went wrong
                sender = threading.Thread(target=send, daemon=True)
                sender.start()
                got = bytearray()
                while True:
                    chunk = s.recv(262144)
                    if not chunk:
                        break
                    got += chunk
                sender.join(30)
                if bytes(got) != data:
                    counts.fail(f"{name}: echoed {len(got)} of {len(data)} bytes")
                else:
                    counts.add("echoed")
                    counts.add("bytes", len(data))
            elif action < 0.85:
                s.sendall(data[: size // 2])
                s.recv(1)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                counts.add("reset")
            else:
                counts.add("dropped")
        except OSError as e:
            counts.fail(f"{name}: {e}")
        finally:
            s.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--workers", type=int, default=16)
    parser.add_argument("--sample-seconds", type=float, default=60)
    args = parser.parse_args()
    if not os.access(LAUNCHER, os.X_OK):
        sys.exit("build first: ./mvnw -q -DskipTests package")

    work = tempfile.mkdtemp(prefix="soak-")
    echo_port = echo_server()
    shadow_options = json.dumps({"password": PASSWORD, "cipherName": "chacha20-ietf-poly1305"})
    engines = [
        Engine("obfs4 server", ["-server", "-transport", "obfs4", "-bindhost", "127.0.0.1", "-bindport", "0",
                                "-target", f"127.0.0.1:{echo_port}", "-state", os.path.join(work, "obfs4-server")], work),
        Engine("obfs4 client", ["-client", "-transport", "obfs4", "-state", os.path.join(work, "obfs4-client")], work),
        Engine("shadow server", ["-server", "-transport", "shadow", "-bindhost", "127.0.0.1", "-bindport", "0",
                                 "-target", f"127.0.0.1:{echo_port}", "-options", shadow_options,
                                 "-state", os.path.join(work, "shadow-server")], work),
        Engine("shadow client", ["-client", "-transport", "shadow", "-options", shadow_options,
                                 "-state", os.path.join(work, "shadow-client")], work),
    ]
    try:
        obfs4_server = engines[0].await_line("SMETHOD obfs4 ")
        cert = re.search(r"cert=([^,\s]+)", obfs4_server).group(1)
        obfs4_port = int(obfs4_server.split()[2].rsplit(":", 1)[1])
        obfs4_socks = int(engines[1].await_line("CMETHOD obfs4 ").split()[3].rsplit(":", 1)[1])
        shadow_port = int(engines[2].await_line("SMETHOD shadow ").split()[2].rsplit(":", 1)[1])
        shadow_socks = int(engines[3].await_line("CMETHOD shadow ").split()[3].rsplit(":", 1)[1])
        pairs = [("obfs4", obfs4_socks, obfs4_port, f"cert={cert};iat-mode=0"),
                 ("shadow", shadow_socks, shadow_port, None)]

        counts = Counts()
        start = time.time()
        deadline = start + args.minutes * 60
        threads = [threading.Thread(target=worker, args=(pairs, deadline, counts, i), daemon=True) for i in range(args.workers)]
        for t in threads:
            t.start()
        samples = []
        print(f"soak: {args.minutes:g} min, {args.workers} workers; samples every {args.sample_seconds:g} s "
              "(RSS MB / descriptors / threads per engine)")
        print("  min  " + "  ".join(f"{e.name:>22}" for e in engines) + "  counts")
        next_sample = start
        while True:
            now = time.time()
            if now >= next_sample:
                row = []
                for e in engines:
                    if e.process.poll() is not None:
                        sys.exit(f"{e.name} exited with {e.process.returncode}: {e.lines[-10:]}")
                    row.append(e.sample())
                samples.append(row)
                cells = "  ".join(f"{rss / 1024:8.0f} {fds:6d} {thr:5d}" for rss, fds, thr in row)
                print(f"{(now - start) / 60:5.1f}  {cells}  {counts.values}", flush=True)
                next_sample += args.sample_seconds
            if now >= deadline:
                break
            time.sleep(min(1.0, max(0.0, min(next_sample, deadline) - now)))
        for t in threads:
            t.join(120)
        final = [e.sample() for e in engines]
        samples.append(final)

        problems = list(counts.failures)
        base = samples[min(len(samples) - 1, 2)]  # after the JIT and the pools have warmed up
        for e, (rss0, fds0, thr0), (rss1, fds1, thr1) in zip(engines, base, final):
            if rss1 > rss0 * 1.25 and rss1 - rss0 > 32 * 1024:
                problems.append(f"{e.name}: RSS grew from {rss0 // 1024} MB to {rss1 // 1024} MB")
            if fds1 - fds0 > 32:
                problems.append(f"{e.name}: descriptors grew from {fds0} to {fds1}")
            if thr1 - thr0 > 4:
                problems.append(f"{e.name}: threads grew from {thr0} to {thr1}")
        v = counts.values
        print(f"done: {v['echoed']} echoed ({v['bytes'] / 2**30:.1f} GiB), {v['reset']} reset mid-stream, "
              f"{v['dropped']} dropped, {v['failed']} failed")
        for p in problems:
            print("PROBLEM: " + p)
        for e in engines:
            for line in e.lines:
                if line.startswith("LOG "):
                    print(f"{e.name}: {line}")
        sys.exit(1 if problems else 0)
    finally:
        for e in engines:
            e.stop()


if __name__ == "__main__":
    main()
