package org.ptdispatcher.cli.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of the test's own with loopback and one more address on it,
 * {@link #ADDRESS} (198.18.0.1, from the benchmarking range), for peers that refuse loopback
 * destinations (the reference webtunnel client: "Could not find any valid IP"). Programs are
 * started in it with {@link #enter()} as a command prefix. Ports cross its boundary through Unix
 * sockets in the test's directory, which both sides see: {@link #portToOutside} and {@link #portToInside},
 * each a pair of socat processes.
 */
public final class NetworkNamespace implements AutoCloseable {
    public static final String ADDRESS = "198.18.0.1";

    private final Path dir;
    private final Process holder;
    private final List<Process> relays = new ArrayList<>();
    private int sockets;

    private NetworkNamespace(Path dir, Process holder) {
        this.dir = dir;
        this.holder = holder;
    }

    /** Makes the namespace; it lives until {@link #close()}. Needs root, unshare, nsenter, ip and socat. */
    public static NetworkNamespace create(Path dir) throws IOException, InterruptedException {
        Peer.require("unshare", "util-linux");
        Peer.require("nsenter", "util-linux");
        Peer.require("ip", "iproute2");
        Peer.require("socat", "socat");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "network namespaces need root");
        Files.createDirectories(dir);
        Path ready = dir.resolve("namespace-ready");
        // The holder keeps the namespace until its stdin closes.
        Process holder = new ProcessBuilder("unshare", "-n", "sh", "-c",
                "ip link set lo up && ip addr add " + ADDRESS + "/32 dev lo && touch \"$0\" && exec cat >/dev/null", ready.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("namespace.out").toFile()).start();
        NetworkNamespace namespace = new NetworkNamespace(dir, holder);
        awaitFile(ready, holder);
        return namespace;
    }

    /** The command prefix that runs a program inside. */
    public List<String> enter() {
        return List.of("nsenter", "--net=/proc/" + holder.pid() + "/ns/net");
    }

    /** Makes {@code 127.0.0.1:insidePort} inside reachable at a port of 127.0.0.1 outside, which it returns. */
    public int portToOutside(int insidePort) throws IOException, InterruptedException {
        Path socket = dir.resolve("out-" + sockets++ + ".sock");
        List<String> inside = new ArrayList<>(enter());
        inside.addAll(List.of("socat", "UNIX-LISTEN:" + socket + ",fork", "TCP:127.0.0.1:" + insidePort));
        relays.add(new ProcessBuilder(inside).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        awaitFile(socket, relays.get(relays.size() - 1));
        int outsidePort = Nginx.freePort();
        relays.add(new ProcessBuilder("socat", "TCP-LISTEN:" + outsidePort + ",bind=127.0.0.1,reuseaddr,fork", "UNIX-CONNECT:" + socket)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        awaitListening(List.of(), outsidePort);
        return outsidePort;
    }

    /** Makes {@code 127.0.0.1:outsidePort} outside reachable at {@code 127.0.0.1:insidePort} inside. */
    public void portToInside(int outsidePort, int insidePort) throws IOException, InterruptedException {
        Path socket = dir.resolve("in-" + sockets++ + ".sock");
        relays.add(new ProcessBuilder("socat", "UNIX-LISTEN:" + socket + ",fork", "TCP:127.0.0.1:" + outsidePort)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        awaitFile(socket, relays.get(relays.size() - 1));
        List<String> inside = new ArrayList<>(enter());
        inside.addAll(List.of("socat", "TCP-LISTEN:" + insidePort + ",bind=127.0.0.1,reuseaddr,fork", "UNIX-CONNECT:" + socket));
        relays.add(new ProcessBuilder(inside).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        awaitListening(enter(), insidePort);
    }

    /** Polls with a shell's /dev/tcp until the port accepts (in the namespace when {@code prefix} enters it). */
    private void awaitListening(List<String> prefix, int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> probe = new ArrayList<>(prefix);
            probe.addAll(List.of("bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + port));
            Process p = new ProcessBuilder(probe).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("port " + port + " did not open");
    }

    private static void awaitFile(Path file, Process owner) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(file)) {
            if (!owner.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(file + " did not appear");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (Process relay : relays) {
            relay.destroy();
        }
        for (Process relay : relays) {
            if (!relay.waitFor(5, TimeUnit.SECONDS)) {
                relay.destroyForcibly();
            }
        }
        holder.getOutputStream().close();
        if (!holder.waitFor(5, TimeUnit.SECONDS)) {
            holder.destroyForcibly();
        }
    }
}
