package org.ptdispatcher.engine.transport.meek;

import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * lyrebird's {@code meek_lite} bridge-line arguments: {@code url} with an optional {@code front},
 * or {@code targets}, several pairs in one value: {@code URL|FRONT+FRONT,URL|FRONT}, each URL
 * followed by {@code |} and its fronts joined with {@code +}, the groups joined with {@code ,} (a
 * URL may itself hold {@code +} and {@code ,}: it ends at its {@code |}). {@code targets} wins over
 * {@code url}. {@code utls} is accepted and not honoured (one WARNING says so).
 *
 * @param targets the pairs in the order given (the client shuffles them per connection, as lyrebird does)
 */
record MeekClientArgs(List<MeekTarget> targets, Optional<String> ignoredUtls) {
    static final String URL = "url";
    static final String FRONT = "front";
    static final String TARGETS = "targets";
    static final String UTLS = "utls";

    MeekClientArgs {
        targets = List.copyOf(targets);
    }

    static MeekClientArgs parse(TransportOptions options) throws InvalidTransportOptionsException {
        List<MeekTarget> targets;
        Optional<String> spec = options.get(TARGETS);
        if (spec.isPresent()) {
            targets = parseTargets(spec.get());
        } else {
            String url = options.get(URL).orElseThrow(() -> new InvalidTransportOptionsException("missing argument '" + URL + "'"));
            targets = List.of(MeekTarget.parse(url, options.getOrDefault(FRONT, "")));
        }
        return new MeekClientArgs(targets, options.get(UTLS));
    }

    /** lyrebird's {@code parseTargets}: a URL up to the first {@code |}, then its fronts up to the next {@code ,}, again. */
    static List<MeekTarget> parseTargets(String spec) throws InvalidTransportOptionsException {
        List<MeekTarget> targets = new ArrayList<>();
        String rest = spec;
        while (true) {
            int bar = rest.indexOf('|');
            if (bar < 0) {
                throw new InvalidTransportOptionsException("invalid targets in bridgline, missing '|': " + spec);
            }
            String url = rest.substring(0, bar);
            String after = rest.substring(bar + 1);
            int comma = after.indexOf(',');
            String fronts = comma < 0 ? after : after.substring(0, comma);
            for (String front : fronts.split("\\+", -1)) {
                targets.add(MeekTarget.parse(url, front));
            }
            if (comma < 0) {
                return targets;
            }
            rest = after.substring(comma + 1);
        }
    }
}
