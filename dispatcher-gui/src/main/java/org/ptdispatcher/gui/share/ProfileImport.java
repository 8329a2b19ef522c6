package org.ptdispatcher.gui.share;

import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.transport.shadow.ShadowLink;
import org.ptdispatcher.gui.profile.Profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pasted text to client profiles: one Tor bridge line or {@code ss://} link per line; blank lines
 * and {@code #} comments are skipped. All or nothing: if any line is malformed, the result lists
 * every bad line by number and no profile is made.
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

    /** Either profiles (every line read) or problems (nothing imported). */
    public record Result(List<Profile> profiles, List<LineProblem> problems) {
        public boolean succeeded() {
            return problems.isEmpty() && !profiles.isEmpty();
        }
    }

    private ProfileImport() {
    }

    public static Result parse(String text) {
        List<Profile> profiles = new ArrayList<>();
        List<LineProblem> problems = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                profiles.add(line.regionMatches(true, 0, "ss://", 0, 5) ? fromLink(readLink(line)) : fromBridge(BridgeLine.parse(line)));
            } catch (ShareFormatException e) {
                problems.add(new LineProblem(i + 1, e.messageKey(), e.args()));
            }
        }
        if (profiles.isEmpty() && problems.isEmpty()) {
            problems.add(new LineProblem(0, "import.problem.nothing", List.of()));
        }
        return problems.isEmpty() ? new Result(List.copyOf(profiles), List.of()) : new Result(List.of(), List.copyOf(problems));
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
