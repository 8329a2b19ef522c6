"""Footprint and scale of a PT pair, ours beside the reference in one run (see bench/scale.sh).

For each transport and each implementation (reference first, then ours): start a server and a
client, measure their idle RSS, open COUNT SOCKS 5 tunnels through them to an echo server
(AT_ONCE being opened at a time), echo 1 KiB on each and check it byte for byte, keep them all
open and measure RSS again, close them and measure RSS once more after SETTLE seconds.
Prints, per transport: idle RSS, RSS with the tunnels open, memory per open tunnel, tunnels
opened per second (the first COLD ones, made while the JIT is still compiling, and the rest),
RSS after the load, and each figure's ratio ours/reference.
"""
import argparse
import asyncio
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

PAYLOAD = 1024
PASSWORD = "scale-bench-password"
CIPHER = "aes-256-gcm"


def rss_kib(pids):
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Pt:
    """A started PT process; the line it announced its method with."""

    def __init__(self, command, env, done, work, name):
        self.log = open(os.path.join(work, name + ".stderr"), "wb")
        self.process = subprocess.Popen(command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log)
        self.method = None
        for raw in self.process.stdout:
            line = raw.decode().strip()
            if line.startswith(("CMETHOD ", "SMETHOD ")):
                self.method = line
            if line == done:
                break
            if "ERROR" in line:
                raise RuntimeError(f"{name}: {line}")
        if self.method is None:
            raise RuntimeError(f"{name} announced nothing (see {self.log.name})")
        # Whatever else it writes is read, so that a full pipe never stops it.
        threading.Thread(target=self.process.stdout.read, daemon=True).start()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def tor_env(state, **extra):
    env = dict(os.environ, TOR_PT_MANAGED_TRANSPORT_VER="1", TOR_PT_STATE_LOCATION=state, TOR_PT_EXIT_ON_STDIN_CLOSE="0")
    env.update(extra)
    return env


def wait_listening(port, process, name):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{name} does not listen on {port}")


class Pair:
    """A client and a server of one implementation, and how a tunnel is asked for through them."""

    def __init__(self, processes, socks, target, args):
        self.processes, self.socks, self.target, self.args = processes, socks, target, args

    def pids(self):
        return [p.pid for p in self.processes]

    def stop(self):
        for p in self.processes:
            if isinstance(p, subprocess.Popen):
                p.send_signal(signal.SIGTERM)
                p.wait(10)


def start_obfs4(ours, launcher, echo, work):
    server_state, client_state = tempfile.mkdtemp(dir=work), tempfile.mkdtemp(dir=work)
    if ours:
        server = Pt([launcher, "-server", "-transport", "obfs4", "-bindhost", "127.0.0.1", "-bindport", "0",
                     "-target", f"127.0.0.1:{echo}", "-state", server_state], os.environ, "SMETHODS DONE", work, "our-obfs4-server")
        client = Pt([launcher, "-client", "-transport", "obfs4", "-state", client_state], os.environ, "CMETHODS DONE", work,
                    "our-obfs4-client")
    else:
        server = Pt(["obfs4proxy"], tor_env(server_state, TOR_PT_SERVER_TRANSPORTS="obfs4", TOR_PT_SERVER_BINDADDR="obfs4-127.0.0.1:0",
                                             TOR_PT_ORPORT=f"127.0.0.1:{echo}"), "SMETHODS DONE", work, "obfs4proxy-server")
        client = Pt(["obfs4proxy"], tor_env(client_state, TOR_PT_CLIENT_TRANSPORTS="obfs4"), "CMETHODS DONE", work, "obfs4proxy-client")
    fields = server.method.split()
    host, port = fields[2].rsplit(":", 1)
    cert = fields[3].split("cert=")[1].split(",")[0]
    socks = client.method.split()[3].rsplit(":", 1)
    return Pair([server.process, client.process], (socks[0], int(socks[1])), (host, int(port)), f"cert={cert};iat-mode=0")


def start_shadow(ours, launcher, echo, work):
    port, socks = free_port(), free_port()
    if ours:
        state = tempfile.mkdtemp(dir=work)
        options = {"password": PASSWORD, "cipherName": CIPHER}
        server = subprocess.Popen([launcher, "-server", "-transport", "shadow", "-bindhost", "127.0.0.1", "-bindport", str(port),
                                   "-state", state, "-options", json.dumps(options)],
                                  stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = subprocess.Popen([launcher, "-client", "-transport", "shadow", "-proxylistenaddr", f"127.0.0.1:{socks}",
                                   "-state", state, "-options", json.dumps(dict(options, serverAddress=f"127.0.0.1:{port}"))],
                                  stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    else:
        server = subprocess.Popen(["ss-server", "-s", "127.0.0.1", "-p", str(port), "-k", PASSWORD, "-m", CIPHER],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = subprocess.Popen(["ss-local", "-s", "127.0.0.1", "-p", str(port), "-l", str(socks), "-b", "127.0.0.1",
                                   "-k", PASSWORD, "-m", CIPHER], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_listening(port, server, "shadow server")
    wait_listening(socks, client, "shadow client")
    return Pair([server, client], ("127.0.0.1", socks), ("127.0.0.1", echo), None)


async def open_tunnel(pair, index):
    reader, writer = await asyncio.open_connection(*pair.socks)
    if pair.args:
        user = pair.args.encode()
        writer.write(b"\x05\x01\x02")
        assert (await reader.readexactly(2)) == b"\x05\x02"
        user, password = user[:255], user[255:] or b"\x00"
        writer.write(bytes([1, len(user)]) + user + bytes([len(password)]) + password)
        assert (await reader.readexactly(2))[1] == 0, "args refused"
    else:
        writer.write(b"\x05\x01\x00")
        assert (await reader.readexactly(2)) == b"\x05\x00"
    host, port = pair.target
    writer.write(b"\x05\x01\x00\x01" + socket.inet_aton(host) + port.to_bytes(2, "big"))
    reply = await reader.readexactly(10)
    if reply[1] != 0:
        raise RuntimeError(f"tunnel {index}: SOCKS reply {reply[1]}")
    payload = os.urandom(PAYLOAD)
    writer.write(payload)
    if await reader.readexactly(PAYLOAD) != payload:
        raise RuntimeError(f"tunnel {index}: the echo differs")
    return writer


async def open_all(pair, count, at_once, cold):
    """Opens count tunnels, at_once at a time; returns them and the times the first cold and the rest took."""
    gate = asyncio.Semaphore(at_once)
    done_times = []
    start = time.monotonic()

    async def one(i):
        async with gate:
            writer = await asyncio.wait_for(open_tunnel(pair, i), 120)
            done_times.append(time.monotonic())
            return writer

    writers = await asyncio.gather(*(one(i) for i in range(count)))
    done_times.sort()
    cold_seconds = done_times[cold - 1] - start
    warm_seconds = done_times[-1] - done_times[cold - 1]
    return writers, cold_seconds, warm_seconds


async def echo_server():
    async def echo(reader, writer):
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(echo, "127.0.0.1", 0, backlog=4096)
    return server, server.sockets[0].getsockname()[1]


async def measure(name, start, args, echo_port, work):
    pair = start(name.startswith("ours"), args.launcher, echo_port, work)
    try:
        await asyncio.sleep(args.idle_wait)
        idle = rss_kib(pair.pids())
        cold = min(args.cold, args.count)
        writers, cold_seconds, warm_seconds = await open_all(pair, args.count, args.at_once, cold)
        await asyncio.sleep(2)
        loaded = rss_kib(pair.pids())
        for w in writers:
            w.close()
        await asyncio.gather(*(w.wait_closed() for w in writers), return_exceptions=True)
        await asyncio.sleep(args.settle)
        after = rss_kib(pair.pids())
        warm = args.count - cold
        return {
            "idle MiB": idle / 1024,
            "open MiB": loaded / 1024,
            "KiB per tunnel": (loaded - idle) / args.count,
            "opened/s cold": cold / cold_seconds,
            "opened/s warm": warm / warm_seconds if warm and warm_seconds > 0 else float("nan"),
            f"MiB {args.settle:.0f} s after": after / 1024,
        }
    finally:
        pair.stop()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--at-once", type=int, default=50)
    parser.add_argument("--cold", type=int, default=200, help="the first tunnels, counted apart as the cold rate")
    parser.add_argument("--settle", type=float, default=60, help="seconds after the last tunnel closed before RSS is read again")
    parser.add_argument("--idle-wait", type=float, default=12,
                        help="seconds after start before idle RSS is read: past two of the JVM's 5 s native-heap trims")
    parser.add_argument("--transports", default="obfs4,shadow")
    parser.add_argument("--launcher", required=True)
    args = parser.parse_args()
    args.launcher = os.path.abspath(args.launcher)
    # Two descriptors a tunnel in each process: this one (the SOCKS side and the echo side), the
    # client (the application side and the server side), the server (the client side and the
    # target side); the PTs inherit the limit. Without the right to raise the hard limit
    # (CAP_SYS_RESOURCE), the count it allows is the most this machine can run.
    limit = 2 * args.count + 1024
    hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
    if hard != resource.RLIM_INFINITY and limit > hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))
        except (ValueError, OSError):
            sys.exit(f"{args.count} tunnels need {limit} descriptors per process; the hard limit is {hard} "
                     f"and may not be raised here: at most --count {(hard - 1024) // 2}")
    else:
        resource.setrlimit(resource.RLIMIT_NOFILE, (limit, hard))
    # Our engine caps connections (ptdispatcher.maxConnections, 2048 by default): lift it for the count.
    os.environ["PTDISPATCHER_JAVA_OPTS"] = (os.environ.get("PTDISPATCHER_JAVA_OPTS", "") +
                                            f" -Dptdispatcher.maxConnections={2 * args.count + 100}").strip()
    for tool in ("obfs4proxy", "ss-server", "ss-local"):
        if shutil.which(tool) is None:
            sys.exit(f"missing {tool}")
    work = tempfile.mkdtemp(prefix="ptd-scale-")
    server, echo_port = await echo_server()
    starts = {"obfs4": (start_obfs4, "obfs4proxy"), "shadow": (start_shadow, "ss-libev")}
    print(f"{args.count} tunnels, {args.at_once} opened at a time, {PAYLOAD} B echoed on each, all kept open; "
          f"client + server RSS; ours: {args.launcher} ({os.environ['PTDISPATCHER_JAVA_OPTS']})")
    for transport in args.transports.split(","):
        start, reference = starts[transport]
        results = {}
        for name in (reference, "ours"):
            results[name] = await measure(name, start, args, echo_port, work)
        print(f"\n{transport}{' ' + CIPHER if transport == 'shadow' else ''}:")
        print(f"  {'':<22} {'ours':>10} {reference:>11} {'ratio':>7}")
        for key in results["ours"]:
            o, r = results["ours"][key], results[reference][key]
            print(f"  {key:<22} {o:10.1f} {r:11.1f} {o / r if r else float('nan'):6.2f}x")
    server.close()
    print(f"\nload average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; work files in {work}")


if __name__ == "__main__":
    asyncio.run(main())
