package org.ptdispatcher.gui.engine;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.ipc.IpcMessage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One probe of one client: a TCP connection to its bridge's address (opened and closed, to time
 * it), then, if that answered, an engine of its own started for the probe, one connection test
 * through its SOCKS port ({@link ConnectionTester}), and the engine stopped and waited for. What
 * "Test all" runs for each profile, once per test; blocking, so it runs off the FX thread.
 * Whatever happens, no child is left: the engine is stopped as Stop does (spec section 1.3, killed
 * at the end of the grace), and {@link #kill} ends it at once when the app goes away meanwhile.
 */
public final class BridgeProbe {
    /** How long the engine gets to say it listens (CMETHODS DONE). */
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final EngineLauncher launcher;
    private final ConnectionTester tester;
    private volatile RunningEngine engine;
    private volatile boolean killed;

    public BridgeProbe(EngineLauncher launcher, ConnectionTester tester) {
        this.launcher = launcher;
        this.tester = tester;
    }

    /**
     * What a probe found.
     *
     * @param bridge       the address connected to directly; empty when not checked (no address, or
     *                     a profile with an upstream proxy, which a direct connection would bypass)
     * @param tcp          how long the TCP connection took; empty when it failed or was not tried
     * @param tcpFailure   why it failed, in the JDK's words ("Connection refused"), or "timeout"; empty otherwise
     * @param tunnel       the connection test through the probe's engine; empty when the engine was not started or did not get to listen
     * @param errors       the engine's error lines (ENV-ERROR, CMETHOD-ERROR, ...), to explain
     * @param startFailure why the engine could not start or listen, in plain words (empty when it did)
     */
    public record Result(Optional<HostPort> bridge, Optional<Duration> tcp, String tcpFailure, Optional<ConnectionTestResult> tunnel,
                         List<IpcMessage> errors, String startFailure) {
        public Result {
            errors = List.copyOf(errors);
        }

        /** The whole path works: something came back through the tunnel. */
        public boolean works() {
            return tunnel.map(ConnectionTestResult::succeeded).orElse(false);
        }

        /** From the SOCKS CONNECT to the answer through the tunnel: the transport's dial, its handshake and a round trip. */
        public Optional<Duration> tunnelTime() {
            return tunnel.flatMap(t -> t instanceof ConnectionTestResult.Answered a ? Optional.of(a.connect().plus(a.answer()))
                    : t instanceof ConnectionTestResult.Fetched f && f.succeeded() ? Optional.of(f.time()) : Optional.empty());
        }
    }

    /**
     * Runs the probe.
     *
     * @param plan        the launch of the profile as the probe runs it (its own port and state directory)
     * @param bridge      the bridge's address to connect to directly, if it is to be checked
     * @param destination where the connection test connects through the tunnel
     * @param args        per-connection transport arguments ({@link ConnectionTester#test})
     */
    public Result run(LaunchPlan plan, Optional<HostPort> bridge, HostPort destination, Map<String, String> args, Duration timeout) {
        Optional<Duration> tcp = Optional.empty();
        String tcpFailure = "";
        if (bridge.isPresent()) {
            long start = System.nanoTime();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(bridge.get().host(), bridge.get().port()), (int) timeout.toMillis());
                tcp = Optional.of(Duration.ofNanos(System.nanoTime() - start));
            } catch (SocketTimeoutException e) {
                tcpFailure = "timeout";
            } catch (IOException | IllegalArgumentException e) {
                tcpFailure = String.valueOf(e.getMessage());
            }
            if (tcp.isEmpty()) {
                // Nothing answers there: an engine would only find the same, later.
                return new Result(bridge, tcp, tcpFailure, Optional.empty(), List.of(), "");
            }
        }
        List<IpcMessage> errors = new CopyOnWriteArrayList<>();
        CompletableFuture<Optional<HostPort>> listening = new CompletableFuture<>();
        Optional<ConnectionTestResult> tunnel = Optional.empty();
        String startFailure = "";
        try {
            if (killed) {
                return new Result(bridge, tcp, tcpFailure, Optional.empty(), List.of(), "stopped");
            }
            engine = launcher.start(plan, new Listener(errors, listening), Runnable::run);
            if (killed) {
                engine.kill();
            }
            Optional<HostPort> proxy = listening.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (proxy.isEmpty()) {
                startFailure = "no SOCKS5 proxy";
            } else {
                tunnel = Optional.of(tester.test(proxy.get(), destination, args, timeout));
            }
        } catch (IOException e) {
            startFailure = String.valueOf(e.getMessage());
        } catch (TimeoutException e) {
            startFailure = "not listening after " + START_TIMEOUT.toSeconds() + " s";
        } catch (ExecutionException e) {
            startFailure = String.valueOf(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            startFailure = "interrupted";
        } finally {
            stopAndWait();
        }
        return new Result(bridge, tcp, tcpFailure, tunnel, errors, startFailure);
    }

    /** Ends the probe's engine now (the app is going away). */
    public void kill() {
        killed = true;
        RunningEngine running = engine;
        if (running != null) {
            running.kill();
        }
    }

    private void stopAndWait() {
        RunningEngine running = engine;
        if (running == null) {
            return;
        }
        try {
            running.stop().get(EngineRun.GRACE.plus(EngineRun.TERMINATE_GRACE).plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            running.kill();
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            running.kill();
        }
    }

    /** Lines arrive on the engine's reader threads: the first SOCKS5 proxy once the engine is done announcing, or why there is none. */
    private static final class Listener implements EngineLauncher.Listener {
        private final List<IpcMessage> errors;
        private final CompletableFuture<Optional<HostPort>> listening;
        private volatile HostPort socks;

        Listener(List<IpcMessage> errors, CompletableFuture<Optional<HostPort>> listening) {
            this.errors = errors;
            this.listening = listening;
        }

        @Override
        public void onLine(OutputLine line) {
            IpcMessage message = line.message().orElse(null);
            if (message instanceof IpcMessage.Cmethod c) {
                if (socks == null && c.protocol().equalsIgnoreCase("socks5")) {
                    try {
                        socks = HostPort.parseDestination(c.address());
                    } catch (IllegalArgumentException e) {
                        // not an address to connect to: as if it had not been announced
                    }
                }
            } else if (message instanceof IpcMessage.CmethodsDone) {
                listening.complete(Optional.ofNullable(socks));
            } else if (message != null && message.keyword().endsWith("ERROR")) {
                errors.add(message);
            }
        }

        @Override
        public void onExit(int exitCode) {
            listening.completeExceptionally(new IOException("the engine exited with code " + exitCode));
        }
    }
}
