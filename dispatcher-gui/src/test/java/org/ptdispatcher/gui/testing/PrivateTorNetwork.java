package org.ptdispatcher.gui.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    private final boolean here;

    private PrivateTorNetwork(Process script, Path dir, boolean here) {
        this.script = script;
        this.dir = dir;
        this.here = here;
    }

    /** Starts the network in a namespace of its own and waits until its bridge serves; skips (fails in CI) without root or tor. */
    public static PrivateTorNetwork start(Path dir) throws IOException, InterruptedException {
        requireTools(List.of());
        return start(dir, false, "ptdispatcher");
    }

    /** {@link #start(Path)} with a bridge for each of {@code bridgePts} (ptdispatcher, obfs4proxy, lyrebird), each its own node. */
    public static PrivateTorNetwork withBridges(Path dir, String... bridgePts) throws IOException, InterruptedException {
        List<String> programs = new ArrayList<>();
        for (String pt : bridgePts) {
            if (!pt.equals("ptdispatcher")) {
                programs.add(pt);
            }
        }
        requireTools(programs);
        return start(dir, false, String.join(",", bridgePts));
    }

    /**
     * Starts the network in this JVM's own network namespace (the window tests': failsafe's
     * tor-window execution starts their JVM in one, see src/test/netns/bin/java), so that the app
     * in this JVM reaches it, and tor it starts reaches nothing else. Skips (fails in CI) unless
     * this JVM is in a namespace with nothing but loopback: tor is never started outside one.
     */
    public static PrivateTorNetwork startInThisNamespace(Path dir) throws IOException, InterruptedException {
        requireTools(List.of());
        require(inIsolatedNamespace(), "this JVM is not in a network namespace of its own with only loopback "
                + "(run it through failsafe's tor-window execution, whose JVM starts under unshare -n)");
        return start(dir, true, "ptdispatcher");
    }

    /**
     * Whether this process's network namespace is not that of one of its ancestors (Maven's, for a
     * test JVM: between them may be the display script's shell, already inside) and has no
     * interface but loopback. (PID 1's namespace would be the better reference, but a container
     * may not let it be read.)
     */
    public static boolean inIsolatedNamespace() {
        try {
            String mine = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
            // /proc/self/net is this namespace's view (/sys/class/net shows the mounting namespace's)
            List<String> interfaces = Files.readAllLines(Path.of("/proc/self/net/dev")).stream().skip(2)
                    .map(line -> line.split(":", 2)[0].trim()).toList();
            return interfaces.equals(List.of("lo")) && anAncestorIsElsewhere(mine);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean anAncestorIsElsewhere(String namespace) {
        for (Optional<ProcessHandle> p = ProcessHandle.current().parent(); p.isPresent(); p = p.get().parent()) {
            try {
                if (!Files.readSymbolicLink(Path.of("/proc/" + p.get().pid() + "/ns/net")).toString().equals(namespace)) {
                    return true;
                }
            } catch (IOException | UnsupportedOperationException e) {
                return false; // an ancestor this process may not look at: no proof either way
            }
        }
        return false;
    }

    private static PrivateTorNetwork start(Path dir, boolean here, String bridgePts) throws IOException, InterruptedException {
        Path script = repository().resolve("testing/private-tor-network.sh");
        Path serve = dir.resolve("serve");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "--serve", serve.toString(), "--bridge-pt", bridgePts,
                "--work", dir.resolve("network").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("network.log").toFile());
        if (here) {
            // the script's own switch for "already inside a namespace": it then builds the network right here
            builder.environment().put("PTD_PRIVATE_TOR_NETWORK_INSIDE", "1");
        }
        Process process = builder.start();
        PrivateTorNetwork network = new PrivateTorNetwork(process, serve, here);
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
        if (here) {
            return command;
        }
        List<String> all = new ArrayList<>(List.of("nsenter", "--net=/proc/" + script.pid() + "/ns/net"));
        all.addAll(command);
        return all;
    }

    /** The bridge's line, {@code obfs4 127.0.0.1:PORT FINGERPRINT cert=... iat-mode=0}. */
    public String bridgeLine() throws IOException {
        return bridgeLine("ptdispatcher");
    }

    /** The line of the bridge whose obfs4 server is {@code pt}. */
    public String bridgeLine(String pt) throws IOException {
        return Files.readString(dir.resolve("bridge-line." + pt)).trim();
    }

    /**
     * The obfs4 server of the bridge whose line is {@code bridgeLine}: the transport its tor node
     * runs (ending it leaves the node up, and the bridge unreachable through its line).
     */
    public List<ProcessHandle> bridgeTransport(String bridgeLine) throws IOException {
        for (String pt : List.of("ptdispatcher", "obfs4proxy", "lyrebird")) {
            if (Files.exists(dir.resolve("bridge-line." + pt)) && bridgeLine(pt).equals(bridgeLine.trim())) {
                String torrc = "/bridge-" + pt + "/torrc";
                return ProcessHandle.allProcesses()
                        .filter(p -> p.info().commandLine().orElse("").contains(torrc))
                        .flatMap(ProcessHandle::children).toList();
            }
        }
        throw new IllegalArgumentException("no bridge of this network has the line " + bridgeLine);
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
