package org.ptdispatcher.gui.share;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.transport.shadow.ShadowLink;
import org.ptdispatcher.gui.profile.Profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to hand to a person who should connect: an {@code ss://} link for a shadow server, a Tor
 * bridge line for every other transport. Made either from a running server's SMETHOD line (its
 * address and ARGS, plus the password the server was given) or from a client profile.
 */
public final class ShareText {
    private ShareText() {
    }

    /**
     * For a running server.
     *
     * @param server  the server's profile (the shadow password and cipher come from its options)
     * @param address the address from SMETHOD
     * @param args    the ARGS from SMETHOD
     * @return empty when the profile lacks what a link needs (a shadow server without a password)
     */
    public static Optional<String> forServer(Profile server, String transport, HostPort address, Map<String, String> args) {
        if (transport.equals(ProfileImport.SHADOW)) {
            return shadowLink(server.options(), address, server.name());
        }
        // SMETHOD's ARGS arrive unordered; sorted, an obfs4 line reads cert=... iat-mode=N as tor's do.
        return Optional.of(new BridgeLine(transport, address, Optional.empty(), new java.util.TreeMap<>(args)).render());
    }

    /** For a client profile: the line or link it was made from, as far as the profile holds it. */
    public static Optional<String> forClient(Profile client) {
        HostPort address;
        try {
            address = HostPort.parseDestination(client.target());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (client.transport().equals(ProfileImport.SHADOW)) {
            return shadowLink(client.options(), address, client.name());
        }
        Map<String, String> args = new LinkedHashMap<>(client.options());
        Optional<String> fingerprint = client.fingerprint().isEmpty() ? Optional.empty() : Optional.of(client.fingerprint());
        return Optional.of(new BridgeLine(client.transport(), address, fingerprint, args).render());
    }

    /**
     * What a client profile is shared as: its own line or link, then its more bridges, one per line;
     * imported, the text makes the same profile again ({@link ProfileImport}).
     */
    public static Optional<String> allForClient(Profile client) {
        List<String> lines = linesForClient(client);
        return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", lines));
    }

    /** {@link #allForClient}'s lines: the client's own line or link first, then its more bridges; none if it has no own. */
    public static List<String> linesForClient(Profile client) {
        Optional<String> own = forClient(client);
        if (own.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add(own.get());
        lines.addAll(client.moreBridges());
        return List.copyOf(lines);
    }

    /** Whether a server's listen address is a wildcard that must be replaced by its public address before sharing. */
    public static boolean isWildcard(HostPort address) {
        return address.host().equals("0.0.0.0") || address.host().equals("::") || address.host().equals("0:0:0:0:0:0:0:0");
    }

    private static Optional<String> shadowLink(Map<String, String> options, HostPort address, String tag) {
        String password = options.getOrDefault(ProfileImport.SHADOW_PASSWORD, "");
        String cipher = options.getOrDefault(ProfileImport.SHADOW_CIPHER, "");
        if (password.isEmpty() || cipher.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ShadowLink(cipher, password, address, Optional.empty(), tag.isEmpty() ? Optional.empty() : Optional.of(tag)).render());
    }
}
