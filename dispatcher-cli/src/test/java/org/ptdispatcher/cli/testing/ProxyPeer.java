package org.ptdispatcher.cli.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real upstream proxy from Debian on loopback: dante (SOCKS 4/5, optionally with user/password
 * authentication against a system user) or tinyproxy (HTTP CONNECT, optionally with Basic auth).
 * Its log shows every connection it carried, which is how a test sees traffic passing through it.
 */
public final class ProxyPeer implements AutoCloseable {
    /** The system user dante authenticates; .ci/run creates it (see there). */
    public static final String DANTE_USER = "ptdproxy";
    public static final String DANTE_PASSWORD = "ptd-proxy-test";

    private final Process process;
    private final int port;
    private final Path log;

    private ProxyPeer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** dante on a free loopback port; {@code withPassword} makes it demand {@link #DANTE_USER}'s password. */
    public static ProxyPeer dante(Path dir, boolean withPassword) throws IOException, InterruptedException {
        Path danted = Peer.require("danted", "dante-server");
        Files.createDirectories(dir);
        int port = freePort();
        Path log = dir.resolve("danted.log");
        Path config = Files.writeString(dir.resolve("danted.conf"), String.join("\n",
                "logoutput: " + log,
                "internal: 127.0.0.1 port = " + port,
                "external: 127.0.0.1",
                "socksmethod: " + (withPassword ? "username" : "none"),
                "clientmethod: none",
                "user.privileged: root",
                "user.unprivileged: nobody",
                "client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect error }",
                "socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 log: connect disconnect error }",
                ""));
        Process p = new ProcessBuilder(danted.toString(), "-f", config.toString(), "-p", dir.resolve("danted.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("danted.out").toFile()).start();
        return awaitListening(new ProxyPeer(p, port, log));
    }

    /** tinyproxy on a free loopback port, with Basic auth when {@code user} is not null. */
    public static ProxyPeer tinyproxy(Path dir, String user, String password) throws IOException, InterruptedException {
        Path tinyproxy = Peer.require("tinyproxy", "tinyproxy");
        Files.createDirectories(dir);
        int port = freePort();
        Path log = dir.resolve("tinyproxy.log");
        Path config = Files.writeString(dir.resolve("tinyproxy.conf"), String.join("\n",
                // No User line: it keeps the test's user and can write its log in the test's private directory.
                "Port " + port,
                "Listen 127.0.0.1",
                "Timeout 600",
                "LogFile \"" + log + "\"",
                "LogLevel Connect",
                "MaxClients 100",
                "Allow 127.0.0.1",
                user == null ? "" : "BasicAuth " + user + " " + password,
                ""));
        Process p = new ProcessBuilder(tinyproxy.toString(), "-d", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("tinyproxy.out").toFile()).start();
        return awaitListening(new ProxyPeer(p, port, log));
    }

    public int port() {
        return port;
    }

    /** Everything the proxy logged so far. */
    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static ProxyPeer awaitListening(ProxyPeer peer) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), peer.port), 500);
                return peer;
            } catch (IOException notYet) {
                if (!peer.process.isAlive() || System.nanoTime() > deadline) {
                    peer.close();
                    throw new IOException("the proxy did not start listening on " + peer.port);
                }
                Thread.sleep(50);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        // dante forks children into its process group-less tree; ending the parent ends them.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
