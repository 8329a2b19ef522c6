package org.ptdispatcher.gui.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code testing/private-tor-network.sh --serve}: a private Tor network (three authorities, relays,
 * an exit, a bridge whose obfs4 is our engine, an HTTP server) in a network namespace with only
 * loopback. Tor never runs outside it: a test runs its programs there with {@link #inside}
 * ({@code nsenter --net}). Closing it ends the script, which ends the network.
 */
public final class PrivateTorNetwork implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final Process script;
    private final Path dir;

    private PrivateTorNetwork(Process script, Path dir) {
        this.script = script;
        this.dir = dir;
    }

    /** Starts the network and waits until its bridge serves; skips (fails in CI) without root or tor. */
    public static PrivateTorNetwork start(Path dir) throws IOException, InterruptedException {
        requireTools(List.of());
        Path script = repository().resolve("testing/private-tor-network.sh");
        Path serve = dir.resolve("serve");
        Process process = new ProcessBuilder("bash", script.toString(), "--serve", serve.toString(), "--bridge-pt", "ptdispatcher",
                "--work", dir.resolve("network").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("network.log").toFile()).start();
        PrivateTorNetwork network = new PrivateTorNetwork(process, serve);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!Files.exists(serve.resolve("ready"))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                network.close();
                throw new AssertionError("the private Tor network did not come up:\n" + Files.readString(dir.resolve("network.log")));
            }
            Thread.sleep(200);
        }
        return network;
    }

    /**
     * Skips (fails in CI) unless this runs as root (network namespaces) and the network's programs
     * and {@code more} are installed.
     */
    public static void requireTools(List<String> more) {
        require("root".equals(System.getProperty("user.name")), "network namespaces need root");
        List<String> tools = new ArrayList<>(List.of("tor", "tor-gencert", "nginx", "curl", "openssl", "nsenter", "unshare"));
        tools.addAll(more);
        for (String tool : tools) {
            require(onPath(tool), tool + " not found: apt-get install tor nginx curl openssl util-linux " + String.join(" ", more));
        }
    }

    /** The checkout's root (the tests run in dispatcher-gui). */
    public static Path repository() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    }

    /** {@code command} as run inside the network's namespace. */
    public List<String> inside(List<String> command) {
        List<String> all = new ArrayList<>(List.of("nsenter", "--net=/proc/" + script.pid() + "/ns/net"));
        all.addAll(command);
        return all;
    }

    /** The bridge's line, {@code obfs4 127.0.0.1:PORT FINGERPRINT cert=... iat-mode=0}. */
    public String bridgeLine() throws IOException {
        return Files.readString(dir.resolve("bridge-line.ptdispatcher")).trim();
    }

    /** The torrc a client of this network includes (its authorities, TestingTorNetwork). */
    public Path clientTorrc() {
        return dir.resolve("network.torrc");
    }

    /** The random bytes the HTTP server serves at {@link #pageUrl()}. */
    public byte[] page() throws IOException {
        return Files.readAllBytes(dir.resolve("page"));
    }

    public String pageUrl() throws IOException {
        return Files.readString(dir.resolve("page-url")).trim();
    }

    /** A port that a program in the namespace already listens on (the HTTP server's). */
    public static int portInUse() {
        return 8080;
    }

    @Override
    public void close() throws InterruptedException {
        script.destroy();
        if (!script.waitFor(30, TimeUnit.SECONDS)) {
            script.destroyForcibly().waitFor();
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/usr/bin", tool));
    }

    private static void require(boolean condition, String message) {
        if (condition) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (required in CI)");
        }
        Assumptions.abort(message);
    }
}
