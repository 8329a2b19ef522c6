package org.ptdispatcher.gui.tor;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.gui.share.BridgeLine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Tor run as it goes: bootstrap progress from tor's {@code STATUS_CLIENT BOOTSTRAP} events
 * (and from its "Bootstrapped N%" notices until the control port answers), and the failures of
 * {@link TorFailure} from tor's log lines. Pure and single-threaded: the run feeds it lines and
 * events in order and acts on what it finds.
 *
 * <p>A bridge counts as unreachable after {@code failuresPerBridge} failed connections with no
 * success since (tor retries on its own, and one refused connection may be a blip); once every
 * bridge is, the run is blocked: with one bridge that is {@link TorFailure.BridgeUnreachable} naming
 * it, with several {@link TorFailure.AllBridgesFailed}.
 */
public final class TorStatusInterpreter {
    /** What a line or event told. */
    public sealed interface Finding {
        record Progress(BootstrapStatus status) implements Finding {
        }

        /** @param blocking tor will not get further without the user: the run should end with it */
        record Problem(TorFailure failure, boolean blocking) implements Finding {
        }
    }

    // Proxy Client: unable to connect OR connection (handshaking (proxy)) with 127.0.0.1:5199 ID=<none> RSA_ID=D95D... ("Connection refused")
    private static final Pattern PROXY_CONNECT_FAILED = Pattern.compile(
            "unable to connect OR connection \\(.*\\) with (\\S+) ID=\\S+ RSA_ID=(\\S+) \\(\"(.*)\"\\)");
    // The same for a bridge without a fingerprint, whose address tor's SafeLogging hides: with [scrubbed] ("Connection refused")
    private static final Pattern SCRUBBED_CONNECT_FAILED = Pattern.compile(
            "unable to connect OR connection \\(.*\\) with \\[scrubbed] \\(\"(.*)\"\\)");
    // Problem bootstrapping. Stuck at 5% (conn): Connecting to a relay. (Connection refused; CONNECTREFUSED; count 1; recommendation warn; host FP at 192.0.2.1:443)
    private static final Pattern BOOTSTRAP_PROBLEM = Pattern.compile(
            "Problem bootstrapping\\. Stuck at \\d+% \\([^)]*\\): [^(]*\\((.*?);.*host ([0-9A-Fa-f]{40}) at (\\S+?)\\)");
    private static final Pattern METHOD_ERROR = Pattern.compile("(?:Client|Server) managed proxy encountered a method error\\. \\((\\S+) ?(.*)\\)");
    private static final Pattern PROXY_DIED = Pattern.compile("Managed proxy \"(.*)\" having PID \\d+ terminated with status code (\\d+)");
    private static final Pattern PROXY_NOT_LAUNCHED = Pattern.compile("Could not launch managed proxy executable at '(.*)' \\('(.*)'\\)");
    private static final Pattern PORT_IN_USE = Pattern.compile("Could not bind to (\\S+): Address already in use");
    private static final Pattern CLOCK_SKEW = Pattern.compile(
            "skewed time \\(([^)]*)\\): It seems that our clock is (ahead|behind) by ([^,]+)");
    private static final Pattern CONSENSUS_SKEW = Pattern.compile("Our clock is (.+?) (behind|ahead of) the time published in the consensus");

    private final List<BridgeLine> bridges;
    private final List<String> transports;
    private final int failuresPerBridge;
    private final Map<String, Integer> failures = new LinkedHashMap<>();
    private final Set<String> failedTransports = new LinkedHashSet<>();
    private BootstrapStatus progress = BootstrapStatus.STARTING;
    private boolean blocked;

    public TorStatusInterpreter(List<BridgeLine> bridges, int failuresPerBridge) {
        this(bridges, bridges.stream().map(BridgeLine::transport).distinct().toList(), failuresPerBridge);
    }

    private TorStatusInterpreter(List<BridgeLine> bridges, List<String> transports, int failuresPerBridge) {
        this.bridges = List.copyOf(bridges);
        this.transports = List.copyOf(transports);
        this.failuresPerBridge = failuresPerBridge;
    }

    /** For a bridge operator's tor: no bridges to reach, one server transport that must start. */
    public static TorStatusInterpreter forBridge(String transport) {
        return new TorStatusInterpreter(List.of(), List.of(transport), 1);
    }

    public BootstrapStatus progress() {
        return progress;
    }

    /** A {@code STATUS_CLIENT} event's text after {@code 650 }, or {@code GETINFO status/bootstrap-phase}'s value. */
    public List<Finding> onStatusEvent(String text) {
        ControlArguments event = ControlArguments.parse(text);
        List<String> words = event.words();
        boolean bootstrap = words.contains("BOOTSTRAP");
        if (!bootstrap) {
            return List.of();
        }
        return BootstrapStatus.fromEvent(event.keywords()).map(this::advance).orElse(List.of());
    }

    /** One of tor's log lines (the fallback for progress, and where failures are told). */
    public List<Finding> onLog(TorLogLine line) {
        List<Finding> found = new ArrayList<>();
        line.bootstrap().ifPresent(status -> found.addAll(advance(status)));
        if (line.level().ordinal() > LogLevel.INFO.ordinal()) {
            return found;
        }
        String message = line.message();
        Matcher m;
        if ((m = PROXY_CONNECT_FAILED.matcher(message)).find()) {
            found.addAll(bridgeFailed(m.group(1), Optional.of(m.group(2)).filter(f -> f.matches("[0-9A-Fa-f]{40}")), m.group(3)));
        } else if ((m = SCRUBBED_CONNECT_FAILED.matcher(message)).find()) {
            found.addAll(unnamedBridgeFailed(m.group(1)));
        } else if ((m = BOOTSTRAP_PROBLEM.matcher(message)).find()) {
            found.addAll(bridgeFailed(m.group(3), Optional.of(m.group(2)), m.group(1)));
        } else if ((m = METHOD_ERROR.matcher(message)).find()) {
            found.add(transportFailed(m.group(1), m.group(2).trim()));
        } else if ((m = PROXY_DIED.matcher(message)).find()) {
            found.add(engineFailed(m.group(1), "exit status " + m.group(2)));
        } else if ((m = PROXY_NOT_LAUNCHED.matcher(message)).find()) {
            found.add(engineFailed(m.group(1), m.group(2)));
        } else if ((m = PORT_IN_USE.matcher(message)).find()) {
            found.add(block(new TorFailure.PortInUse(m.group(1))));
        } else if ((m = CLOCK_SKEW.matcher(message)).find()) {
            found.add(block(new TorFailure.ClockSkew(m.group(2) + " " + m.group(3).trim(), m.group(1))));
        } else if ((m = CONSENSUS_SKEW.matcher(message)).find()) {
            found.add(block(new TorFailure.ClockSkew((m.group(2).startsWith("ahead") ? "ahead " : "behind ") + m.group(1), "CONSENSUS")));
        }
        return found;
    }

    /** Whether a blocking problem was found: the run will not get further by itself. */
    public boolean isBlocked() {
        return blocked;
    }

    private List<Finding> advance(BootstrapStatus status) {
        if (status.percent() < progress.percent() || status.equals(progress)) {
            return List.of();
        }
        progress = status;
        if (status.percent() >= 10) {
            // tor is connected to a bridge: earlier failures were blips
            failures.clear();
        }
        return List.of(new Finding.Progress(status));
    }

    private List<Finding> bridgeFailed(String address, Optional<String> fingerprint, String reason) {
        Optional<BridgeLine> bridge = bridges.stream().filter(b -> matches(b, address, fingerprint)).findFirst();
        return bridge.isEmpty() ? List.of() : failed(bridge.get(), reason);
    }

    /**
     * Tor names a bridge in its log by fingerprint and address, but hides the address of one it
     * knows no fingerprint for (SafeLogging, which stays on: it also hides where the user goes).
     * Such a failure is counted for each bridge line without a fingerprint; when one of them
     * works, tor gets past 10% first and the count starts again.
     */
    private List<Finding> unnamedBridgeFailed(String reason) {
        List<Finding> found = new ArrayList<>();
        bridges.stream().filter(b -> b.fingerprint().isEmpty()).forEach(b -> found.addAll(failed(b, reason)));
        return found;
    }

    private List<Finding> failed(BridgeLine bridge, String reason) {
        if (progress.isDone()) {
            return List.of();
        }
        String name = name(bridge);
        int count = failures.merge(name, 1, Integer::sum);
        if (count != failuresPerBridge) {
            return List.of();
        }
        List<Finding> found = new ArrayList<>();
        boolean allFailed = bridges.stream().allMatch(b -> failures.getOrDefault(name(b), 0) >= failuresPerBridge);
        if (allFailed && bridges.size() > 1) {
            found.add(new Finding.Problem(new TorFailure.BridgeUnreachable(name, reason), false));
            found.add(block(new TorFailure.AllBridgesFailed(bridges.stream().map(TorStatusInterpreter::name).toList())));
        } else if (allFailed) {
            found.add(block(new TorFailure.BridgeUnreachable(name, reason)));
        } else {
            found.add(new Finding.Problem(new TorFailure.BridgeUnreachable(name, reason), false));
        }
        return found;
    }

    private Finding transportFailed(String transport, String message) {
        failedTransports.add(transport);
        boolean none = failedTransports.containsAll(transports);
        TorFailure failure = new TorFailure.TransportFailed(transport, message.isEmpty() ? "CMETHOD-ERROR" : message);
        return none ? block(failure) : new Finding.Problem(failure, false);
    }

    /** The engine itself ended or never started: every transport is gone until tor starts it again. */
    private Finding engineFailed(String program, String why) {
        TorFailure failure = new TorFailure.TransportFailed(String.join(",", transports), program + ": " + why);
        // Once online, tor restarts a transport that ended; before that, one that cannot start will not.
        return progress.isDone() ? new Finding.Problem(failure, false) : block(failure);
    }

    private Finding block(TorFailure failure) {
        blocked = true;
        return new Finding.Problem(failure, true);
    }

    private static boolean matches(BridgeLine bridge, String address, Optional<String> fingerprint) {
        if (fingerprint.isPresent() && bridge.fingerprint().isPresent()) {
            return bridge.fingerprint().get().equalsIgnoreCase(fingerprint.get());
        }
        try {
            HostPort reported = HostPort.parseDestination(address);
            return reported.port() == bridge.address().port()
                    && reported.host().toLowerCase(Locale.ROOT).equals(bridge.address().host().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** How a bridge is named to the user: its transport and address, as in the line they gave. */
    public static String name(BridgeLine bridge) {
        return bridge.transport() + " " + bridge.address();
    }
}
