package org.ptdispatcher.engine.ipc;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Picks the PT specification version (spec section 1.2.1): the newest version this dispatcher
 * speaks among those the parent offers; 2.2 when the parent offers none; a VERSION-ERROR when
 * none of the offered versions is spoken here.
 */
public final class VersionNegotiation {
    /** Versions spoken here, newest first. */
    public static final List<String> SUPPORTED = List.of("2.2", "2.1", "2", "1");

    private VersionNegotiation() {
    }

    /** The outcome: a dialect to speak, or the text of the VERSION-ERROR line. */
    public sealed interface Outcome permits Agreed, Refused {
    }

    public record Agreed(Dialect dialect) implements Outcome {
    }

    public record Refused(String message) implements Outcome {
    }

    /** @param offered the TOR_PT_MANAGED_TRANSPORT_VER / -ptversion value, if the parent set one */
    public static Outcome negotiate(Optional<String> offered) {
        if (offered.isEmpty() || offered.get().isEmpty()) {
            return new Agreed(Dialect.newest());
        }
        List<String> versions = Arrays.asList(offered.get().split(",", -1));
        for (String version : versions) {
            if (!isWellFormed(version)) {
                return new Refused("no-version (the version list \"" + printable(offered.get())
                        + "\" is malformed: versions are printable ASCII without spaces or commas)");
            }
        }
        for (String candidate : SUPPORTED) {
            if (versions.contains(candidate)) {
                return new Agreed(candidate.equals("1") ? new TorPt1Dialect() : new Pt2Dialect(candidate));
            }
        }
        return new Refused("no-version");
    }

    private static boolean isWellFormed(String version) {
        return !version.isEmpty() && version.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ',');
    }

    private static String printable(String text) {
        return text.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
