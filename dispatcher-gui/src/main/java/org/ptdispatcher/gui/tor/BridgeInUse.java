package org.ptdispatcher.gui.tor;

import org.ptdispatcher.gui.share.BridgeLine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of the user's bridges a client tor goes through: the first hop of its built circuits
 * ({@code GETINFO circuit-status}, control-spec 4.1.1: {@code ID BUILT $FP~nick,...}), the one most
 * of them share, matched to a bridge line by fingerprint. Tor names relays by fingerprint only, so a
 * first hop that is no line's fingerprint is the line without one, if exactly one lacks it. Once
 * the run is ready, each circuit tor builds ({@code CIRC} events, control-spec 4.1.1) says again
 * which bridge it goes through ({@link #ofBuiltCircuit}), so a switch to another bridge is seen.
 */
public final class BridgeInUse {
    private static final Pattern BUILT_FIRST_HOP = Pattern.compile("^\\d+ BUILT \\$([0-9A-Fa-f]{40})", Pattern.MULTILINE);
    /** {@code CIRC <id> BUILT $FP~nick,... [BUILD_FLAGS=...] ...}: an event's first hop. */
    private static final Pattern BUILT_EVENT = Pattern.compile("^CIRC \\d+ BUILT \\$([0-9A-Fa-f]{40})\\S*(.*)$");
    /** A one-hop tunnel goes to a bridge for its directory only (tor fetches every bridge's descriptor so), not through it. */
    private static final Pattern ONE_HOP = Pattern.compile("\\bBUILD_FLAGS=\\S*ONEHOP_TUNNEL");

    private BridgeInUse() {
    }

    public static Optional<BridgeLine> of(String circuitStatus, List<BridgeLine> bridges) {
        Map<String, Integer> firstHops = new LinkedHashMap<>();
        Matcher m = BUILT_FIRST_HOP.matcher(circuitStatus);
        while (m.find()) {
            firstHops.merge(m.group(1).toUpperCase(Locale.ROOT), 1, Integer::sum);
        }
        return firstHops.entrySet().stream().max(Map.Entry.comparingByValue()).flatMap(used -> lineOf(used.getKey(), bridges));
    }

    /**
     * The bridge a circuit tor just built goes through, from its {@code CIRC} event (the event's
     * text without the {@code 650}); empty for any other event, and for a one-hop tunnel.
     */
    public static Optional<BridgeLine> ofBuiltCircuit(String circuitEvent, List<BridgeLine> bridges) {
        Matcher m = BUILT_EVENT.matcher(circuitEvent);
        if (!m.matches() || ONE_HOP.matcher(m.group(2)).find()) {
            return Optional.empty();
        }
        return lineOf(m.group(1), bridges);
    }

    private static Optional<BridgeLine> lineOf(String firstHop, List<BridgeLine> bridges) {
        Optional<BridgeLine> named = bridges.stream().filter(b -> b.fingerprint().filter(firstHop::equalsIgnoreCase).isPresent()).findFirst();
        if (named.isPresent()) {
            return named;
        }
        List<BridgeLine> unnamed = bridges.stream().filter(b -> b.fingerprint().isEmpty()).toList();
        return unnamed.size() == 1 ? Optional.of(unnamed.get(0)) : Optional.empty();
    }
}
