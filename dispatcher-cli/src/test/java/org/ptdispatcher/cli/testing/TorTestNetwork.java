package org.ptdispatcher.cli.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A tor bridge and a tor client that reach each other only through pluggable transports, inside
 * a network namespace of their own that has nothing but loopback (a tor with default settings
 * calls out to the public network; here it cannot). The bridge runs under {@code unshare -n}; the
 * client joins its namespace with {@code nsenter}. Both are direct children of the test, so
 * closing this ends them (and tor ends its transports).
 */
public final class TorTestNetwork implements AutoCloseable {
    private static final String BRIDGE_ADDRESS = "127.0.0.1:5002";

    private final Path dir;
    private Process bridge;
    private Process client;

    private TorTestNetwork(Path dir) {
        this.dir = dir;
    }

    /** Checks that tor and the namespace tools are here and that we may use them. */
    public static TorTestNetwork in(Path dir) {
        Peer.require("tor", "tor");
        Peer.require("unshare", "util-linux");
        Peer.require("nsenter", "util-linux");
        Peer.require("ip", "iproute2");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "network namespaces need root");
        return new TorTestNetwork(dir);
    }

    /**
     * Starts the bridge with {@code ServerTransportPlugin <transport> exec <serverPt>} and
     * {@code ExtORPort auto}, and waits until it has written its fingerprint.
     *
     * @param serverOptions {@code ServerTransportOptions} value, or empty
     * @return the bridge's fingerprint
     */
    public String startBridge(String transport, String serverPt, Optional<String> serverOptions) throws IOException, InterruptedException {
        Path data = privateDirectory("bridge");
        String torrc = String.join("\n",
                "DataDirectory " + data,
                "SocksPort 0",
                "ORPort 127.0.0.1:5001",
                "BridgeRelay 1",
                "PublishServerDescriptor 0",
                "AssumeReachable 1",
                "ExtORPort auto",
                "ServerTransportPlugin " + transport + " exec " + serverPt,
                "ServerTransportListenAddr " + transport + " " + BRIDGE_ADDRESS,
                serverOptions.map(o -> "ServerTransportOptions " + transport + " " + o).orElse(""),
                "Nickname ptdtestbridge",
                "ExitPolicy reject *:*",
                "Log notice file " + dir.resolve("bridge.log"),
                // What tor makes of each Extended ORPort session (ext_orport.c, geoip_stats.c) is logged at
                // debug level only, and with addresses scrubbed unless SafeLogging is off.
                "Log [general,net]debug file " + dir.resolve("bridge-debug.log"),
                "SafeLogging 0",
                "");
        Path config = Files.writeString(dir.resolve("bridge.torrc"), torrc);
        bridge = new ProcessBuilder("unshare", "-n", "sh", "-c", "ip link set lo up && exec tor --quiet -f \"$0\"", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("bridge.out").toFile()).start();
        Path fingerprint = data.resolve("fingerprint");
        awaitFile(fingerprint, bridge, Duration.ofSeconds(60));
        return Files.readString(fingerprint).trim().split(" ")[1];
    }

    /** The bridge's PT state directory, where server transports keep their keys. */
    public Path bridgeTransportState() {
        return dir.resolve("bridge").resolve("pt_state");
    }

    /**
     * Starts a client that uses only {@code bridgeLine} ({@code <transport> 127.0.0.1:5002 <fingerprint> [args]})
     * through {@code ClientTransportPlugin <transport> exec <clientPt>}, in the bridge's namespace.
     */
    public void startClient(String transport, String clientPt, String bridgeLine) throws IOException {
        Path data = privateDirectory("client");
        String torrc = String.join("\n",
                "DataDirectory " + data,
                "SocksPort 127.0.0.1:5050",
                "UseBridges 1",
                "Bridge " + bridgeLine,
                "ClientTransportPlugin " + transport + " exec " + clientPt,
                "Log notice file " + dir.resolve("client.log"),
                "");
        Path config = Files.writeString(dir.resolve("client.torrc"), torrc);
        client = new ProcessBuilder("nsenter", "--net=/proc/" + bridge.pid() + "/ns/net", "tor", "--quiet", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("client.out").toFile()).start();
    }

    /**
     * The command prefix that runs a program in the bridge's (and client's) namespace, once the
     * bridge runs: for what a transport needs beside tor (webtunnel's nginx, a second address).
     */
    public List<String> enterNamespace() {
        return List.of("nsenter", "--net=/proc/" + bridge.pid() + "/ns/net");
    }

    /** The address the bridge's transport listens on, for bridge lines. */
    public static String bridgeAddress() {
        return BRIDGE_ADDRESS;
    }

    /** Waits for a line containing {@code text} in the client's log; fails with both logs if it does not come. */
    public String awaitClientLog(String text, Duration timeout) throws IOException, InterruptedException {
        return awaitLog(dir.resolve("client.log"), text, timeout);
    }

    public String awaitBridgeLog(String text, Duration timeout) throws IOException, InterruptedException {
        return awaitLog(dir.resolve("bridge.log"), text, timeout);
    }

    /** Waits for a line containing {@code text} in the bridge's debug log of the general and net domains. */
    public String awaitBridgeDebugLog(String text, Duration timeout) throws IOException, InterruptedException {
        return awaitLog(dir.resolve("bridge-debug.log"), text, timeout);
    }

    private String awaitLog(Path log, String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    if (line.contains(text)) {
                        return line;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no \"" + text + "\" in " + log.getFileName() + " within " + timeout + "\n--- bridge.log:\n"
                + readIfExists(dir.resolve("bridge.log")) + "\n--- client.log:\n" + readIfExists(dir.resolve("client.log")));
    }

    private static String readIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "(none)";
    }

    private static void awaitFile(Path file, Process owner, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (!owner.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(file + " did not appear; the process " + (owner.isAlive() ? "is still running" : "exited " + owner.exitValue()));
            }
            Thread.sleep(100);
        }
    }

    private Path privateDirectory(String name) throws IOException {
        Path data = dir.resolve(name);
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        return data;
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : List.of(Optional.ofNullable(client), Optional.ofNullable(bridge)).stream().flatMap(Optional::stream).toList()) {
            p.destroy();
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }
}
