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
 * first hop that is no line's fingerprint is the line without one, if exactly one lacks it.
 */
public final class BridgeInUse {
    private static final Pattern BUILT_FIRST_HOP = Pattern.compile("^\\d+ BUILT \\$([0-9A-Fa-f]{40})", Pattern.MULTILINE);

    private BridgeInUse() {
    }

    public static Optional<BridgeLine> of(String circuitStatus, List<BridgeLine> bridges) {
        Map<String, Integer> firstHops = new LinkedHashMap<>();
        Matcher m = BUILT_FIRST_HOP.matcher(circuitStatus);
        while (m.find()) {
            firstHops.merge(m.group(1).toUpperCase(Locale.ROOT), 1, Integer::sum);
        }
        Optional<String> used = firstHops.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
        if (used.isEmpty()) {
            return Optional.empty();
        }
        Optional<BridgeLine> named = bridges.stream().filter(b -> b.fingerprint().filter(used.get()::equalsIgnoreCase).isPresent()).findFirst();
        if (named.isPresent()) {
            return named;
        }
        List<BridgeLine> unnamed = bridges.stream().filter(b -> b.fingerprint().isEmpty()).toList();
        return unnamed.size() == 1 ? Optional.of(unnamed.get(0)) : Optional.empty();
    }
}
