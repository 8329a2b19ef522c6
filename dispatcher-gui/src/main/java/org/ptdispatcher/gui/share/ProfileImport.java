package org.ptdispatcher.gui.share;

import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.transport.shadow.ShadowLink;
import org.ptdispatcher.gui.profile.Profile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Pasted text to client profiles: one Tor bridge line or {@code ss://} link per line; blank lines
 * and {@code #} comments are skipped. The Tor bridges among them (lines with a bridge fingerprint,
 * which run through Tor) become one profile, the first line its own bridge and the others its
 * {@linkplain Profile#moreBridges more bridges}, as Tor Browser takes the lines bridges.torproject.org
 * hands out: tor is given them all and uses whichever works. Every other line is a profile of its own. All or nothing: if any line is malformed, or names a
 * transport the engine does not run, the result lists every bad line by number and no profile is
 * made. A line that is already a profile (or came earlier in the text) is left out and counted; a
 * new profile whose name is taken gets a number after it.
 */
public final class ProfileImport {
    /** The shadow transport's option names (issue 3; shapeshifter-dispatcher's spelling). */
    public static final String SHADOW = "shadow";
    public static final String SHADOW_CIPHER = "cipherName";
    public static final String SHADOW_PASSWORD = "password";
    /** The proxy model's server option (PT 3.0's name): the SOCKS request then names the final destination. */
    public static final String SHADOW_SERVER = "serverAddress";

    /** A line that could not be read; {@code lineNumber} counts from 1, as an editor shows it. */
    public record LineProblem(int lineNumber, String messageKey, List<String> args) {
    }

    /**
     * Either profiles (every new line read) or problems (nothing imported).
     *
     * @param alreadyThere lines left out because the same profile exists already (or came earlier in the text)
     */
    public record Result(List<Profile> profiles, List<LineProblem> problems, int alreadyThere) {
        public boolean succeeded() {
            return problems.isEmpty() && !profiles.isEmpty();
        }
    }

    private ProfileImport() {
    }

    /** {@link #parse(String, TransportCheck, List)} for an engine that may run anything, into an empty list. */
    public static Result parse(String text) {
        return parse(text, transport -> Optional.empty(), List.of());
    }

    /** Whether the engine runs a transport: empty if it does, else the transports it runs, to name in the problem. */
    @FunctionalInterface
    public interface TransportCheck {
        Optional<String> refusal(String transport);
    }

    /**
     * @param engine   which transports the engine runs
     * @param existing the profiles there are already (for duplicates and names)
     */
    public static Result parse(String text, TransportCheck engine, List<Profile> existing) {
        List<Profile> profiles = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        Set<Identity> seen = new HashSet<>();
        existing.forEach(p -> seen.add(Identity.of(p)));
        Set<String> names = new HashSet<>();
        existing.forEach(p -> names.add(p.name()));
        int alreadyThere = 0;
        TorBridges torBridges = new TorBridges();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                Profile profile = fromLine(line);
                Optional<String> runs = engine.refusal(profile.transport());
                if (runs.isPresent()) {
                    throw new ShareFormatException("import.problem.transportNotRun", profile.transport(), runs.get());
                }
                if (profile.throughTor()) {
                    if (!torBridges.add(profile, profiles.size())) {
                        alreadyThere++;
                    }
                    continue;
                }
                if (!seen.add(Identity.of(profile))) {
                    alreadyThere++;
                    continue;
                }
                String name = freeName(profile.name(), names);
                names.add(name);
                profiles.add(profile.toBuilder().name(name).build());
            } catch (ShareFormatException e) {
                problems.add(new LineProblem(i + 1, e.messageKey(), e.args()));
            }
        }
        Optional<Profile> bridges = torBridges.profile();
        if (bridges.isPresent()) {
            if (seen.add(Identity.of(bridges.get()))) {
                String name = freeName(bridges.get().name(), names);
                profiles.add(torBridges.position(), bridges.get().toBuilder().name(name).build());
            } else {
                alreadyThere += bridges.get().bridgeCount();
            }
        }
        if (profiles.isEmpty() && problems.isEmpty()) {
            problems.add(new LineProblem(0, alreadyThere > 0 ? "import.problem.allThere" : "import.problem.nothing", List.of()));
        }
        return problems.isEmpty() ? new Result(List.copyOf(profiles), List.of(), alreadyThere) : new Result(List.of(), List.copyOf(problems), 0);
    }

    /** What makes two client profiles the same connection, whatever their names. */
    private record Identity(Role role, String transport, String target, Map<String, String> options, String fingerprint,
                            List<String> moreBridges) {
        static Identity of(Profile p) {
            return new Identity(p.role(), p.transport(), p.target(), Map.copyOf(p.options()), p.fingerprint(), p.moreBridges());
        }
    }

    /** The Tor bridge lines of one import, gathered into one profile in the order they came, each line once. */
    private static final class TorBridges {
        private Profile first;
        private int position;
        private final Set<String> lines = new LinkedHashSet<>();

        /** Takes a bridge's profile; false if its line came already. {@code position}: where the profile would go in the list. */
        boolean add(Profile bridge, int position) {
            String line = ShareText.forClient(bridge).orElseThrow();
            if (first == null) {
                first = bridge;
                this.position = position;
            }
            return lines.add(line);
        }

        int position() {
            return position;
        }

        /** The profile of them all: the first one's, named after it and how many more there are. */
        Optional<Profile> profile() {
            if (first == null) {
                return Optional.empty();
            }
            List<String> more = lines.stream().skip(1).toList();
            String name = more.isEmpty() ? first.name() : first.name() + " +" + more.size();
            return Optional.of(first.toBuilder().name(name).moreBridges(more).build());
        }
    }

    /** {@code name}, or {@code name (2)}, {@code name (3)}... whichever is not taken. */
    private static String freeName(String name, Set<String> taken) {
        if (!taken.contains(name)) {
            return name;
        }
        for (int n = 2; ; n++) {
            String numbered = name + " (" + n + ")";
            if (!taken.contains(numbered)) {
                return numbered;
            }
        }
    }

    /** A client profile for one line: an {@code ss://} link or a Tor bridge line. */
    public static Profile fromLine(String line) throws ShareFormatException {
        return line.strip().regionMatches(true, 0, "ss://", 0, 5) ? fromLink(readLink(line.strip())) : fromBridge(BridgeLine.parse(line));
    }

    /** A client profile for a bridge: SOCKS mode, the bridge as the PT server, its args as the options. */
    public static Profile fromBridge(BridgeLine bridge) {
        return Profile.builder(Role.CLIENT).name(bridge.transport() + " " + bridge.address()).transport(bridge.transport())
                .target(bridge.address().toString()).options(bridge.args()).fingerprint(bridge.fingerprint().orElse("")).build();
    }

    /** The engine's parser reads the link; its problem becomes the message the user sees. */
    static ShadowLink readLink(String line) throws ShareFormatException {
        try {
            return ShadowLink.parse(line);
        } catch (ShadowLink.MalformedLinkException e) {
            throw switch (e.problem()) {
                case NOT_A_LINK -> new ShareFormatException("import.problem.notSs");
                case DAMAGED -> new ShareFormatException("import.problem.ssMalformed");
                case SERVER -> new ShareFormatException("import.problem.ssAddress", e.server());
            };
        }
    }

    /** A client profile for a Shadowsocks server, in the proxy model: the server is in the options. */
    public static Profile fromLink(ShadowLink link) throws ShareFormatException {
        if (link.plugin().isPresent()) {
            throw new ShareFormatException("import.problem.ssPlugin", link.plugin().get().split(";", 2)[0]);
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put(SHADOW_CIPHER, link.method());
        options.put(SHADOW_PASSWORD, link.password());
        options.put(SHADOW_SERVER, link.server().toString());
        String name = link.tag().filter(tag -> !tag.isBlank()).orElse(SHADOW + " " + link.server());
        return Profile.builder(Role.CLIENT).name(name).transport(SHADOW).target(link.server().toString()).options(options).build();
    }
}
