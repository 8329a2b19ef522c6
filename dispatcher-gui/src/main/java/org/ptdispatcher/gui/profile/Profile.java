package org.ptdispatcher.gui.profile;

import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.engine.common.ProxyMode;
import org.ptdispatcher.engine.common.Role;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One way to run a transport, as the user saved it. Texts are kept as typed (empty means "not
 * set") so that a half-finished profile can be saved and fixed later; {@link ProfileValidator}
 * says what is wrong before anything is launched. Made with {@link #builder} (or {@link #toBuilder}
 * to change some fields); the canonical constructor is for the JSON reader.
 *
 * @param id              stable identity (file names, the state directory), never shown
 * @param name            what the user calls it
 * @param role            client (offers a local proxy) or server (accepts PT clients)
 * @param transport       the transport name, such as {@code obfs4}
 * @param mode            the proxy mode
 * @param listenAddress   client: where the local proxy listens (empty: any free port on 127.0.0.1);
 *                        server: where it accepts PT clients
 * @param target          server: the application server to forward to; client: the PT server
 *                        (the bridge), passed as {@code -target} in transparent mode and used
 *                        for sharing and the connection test in SOCKS mode
 * @param upstreamProxy   client: an upstream proxy URI, or empty
 * @param logLevel        how much the engine reports
 * @param stateDirectory  where the engine keeps keys; empty means a directory of the app's own for this profile
 * @param options         transport options by name; may hold secrets
 * @param fingerprint     client: the bridge's relay fingerprint from a Tor bridge line, kept to share the line again; may be empty
 * @param testDestination client: where the connection test connects through the proxy (empty: the target)
 * @param demo            part of the "try it on this computer" pair: its server forwards to the app's own echo service
 * @param torMode         with or without Tor ({@link TorMode}); missing in a file written before it existed: through Tor for
 *                        a client made from a Tor bridge line (it has the bridge's fingerprint), else direct
 * @param orPort          a server as a Tor bridge: tor's ORPort (empty: {@code auto}, a free port)
 * @param moreBridges     a client through Tor: more bridge lines (as {@code BridgeLine.render} writes them, without
 *                        {@code Bridge}) that tor is given beside the profile's own bridge, to use whichever works
 */
public record Profile(String id, String name, Role role, String transport, ProxyMode mode, String listenAddress,
                      String target, String upstreamProxy, LogLevel logLevel, String stateDirectory,
                      Map<String, String> options, String fingerprint, String testDestination, boolean demo,
                      TorMode torMode, String orPort, List<String> moreBridges) {

    public Profile {
        id = id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
        name = nonNull(name);
        role = role == null ? Role.CLIENT : role;
        transport = nonNull(transport).trim();
        mode = mode == null ? ProxyMode.SOCKS5 : mode;
        listenAddress = nonNull(listenAddress).trim();
        target = nonNull(target).trim();
        upstreamProxy = nonNull(upstreamProxy).trim();
        logLevel = logLevel == null ? LogLevel.INFO : logLevel;
        stateDirectory = nonNull(stateDirectory).trim();
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options == null ? Map.of() : options));
        fingerprint = nonNull(fingerprint).trim();
        testDestination = nonNull(testDestination).trim();
        torMode = torMode == null ? defaultTorMode(role, transport, fingerprint, demo) : torMode;
        orPort = nonNull(orPort).trim();
        moreBridges = moreBridges == null ? List.of() : moreBridges.stream().map(Profile::nonNull).map(String::strip)
                .filter(line -> !line.isEmpty()).toList();
    }

    /** The profile's own bridge and its {@link #moreBridges}: how many bridges a Tor client has. */
    public int bridgeCount() {
        return 1 + moreBridges.size();
    }

    /**
     * A client made from a Tor bridge line runs through Tor: the bridge forwards to a Tor relay,
     * so only tor can use what comes through it. Tor bridge lines carry the bridge's fingerprint;
     * a Shadowsocks client, or one without a fingerprint, runs as it is.
     */
    public static TorMode defaultTorMode(Role role, String transport, String fingerprint, boolean demo) {
        boolean torBridge = role == Role.CLIENT && !demo && !fingerprint.isBlank() && !"shadow".equals(transport);
        return torBridge ? TorMode.THROUGH_TOR : TorMode.DIRECT;
    }

    /** A client that runs tor with its bridge line. */
    public boolean throughTor() {
        return isClient() && torMode == TorMode.THROUGH_TOR;
    }

    /** A server that runs as a Tor bridge. */
    public boolean torBridge() {
        return !isClient() && torMode.isBridge();
    }

    /** A new, empty profile of {@code role}. */
    public static Profile blank(Role role, String name, String transport) {
        return builder(role).name(name).transport(transport).build();
    }

    /** A profile of {@code role} to fill in by name; every field not set is empty (or the default mode and level). */
    public static Builder builder(Role role) {
        return new Builder(role);
    }

    /** A builder holding every field of this profile, to change a few. */
    public Builder toBuilder() {
        return new Builder(role).id(id).name(name).transport(transport).mode(mode).listenAddress(listenAddress).target(target)
                .upstreamProxy(upstreamProxy).logLevel(logLevel).stateDirectory(stateDirectory).options(options)
                .fingerprint(fingerprint).testDestination(testDestination).demo(demo).torMode(torMode).orPort(orPort)
                .moreBridges(moreBridges);
    }

    public boolean isClient() {
        return role == Role.CLIENT;
    }

    /** The same profile under a new identity and name, as "Duplicate" makes it. */
    public Profile copyAs(String newName) {
        return toBuilder().id(null).name(newName).demo(false).build();
    }

    public Profile withName(String newName) {
        return toBuilder().name(newName).build();
    }

    /** Never shows option values: they may be passwords or keys. */
    @Override
    public String toString() {
        return "Profile[" + name + ", " + role.lowerName() + ", " + transport + ", options " + options.keySet() + "]";
    }

    /** Names each field, so that no two of the many texts can be swapped by position. */
    public static final class Builder {
        private String id;
        private String name = "";
        private Role role;
        private String transport = "";
        private ProxyMode mode = ProxyMode.SOCKS5;
        private String listenAddress = "";
        private String target = "";
        private String upstreamProxy = "";
        private LogLevel logLevel = LogLevel.INFO;
        private String stateDirectory = "";
        private Map<String, String> options = Map.of();
        private String fingerprint = "";
        private String testDestination = "";
        private boolean demo;
        /** Null until set: the profile's default ({@link Profile#defaultTorMode}). */
        private TorMode torMode;
        private String orPort = "";
        private List<String> moreBridges = List.of();

        private Builder(Role role) {
            this.role = role;
        }

        /** Null or blank: a new identity is made. */
        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder role(Role value) {
            role = value;
            return this;
        }

        public Builder transport(String value) {
            transport = value;
            return this;
        }

        public Builder mode(ProxyMode value) {
            mode = value;
            return this;
        }

        public Builder listenAddress(String value) {
            listenAddress = value;
            return this;
        }

        public Builder target(String value) {
            target = value;
            return this;
        }

        public Builder upstreamProxy(String value) {
            upstreamProxy = value;
            return this;
        }

        public Builder logLevel(LogLevel value) {
            logLevel = value;
            return this;
        }

        public Builder stateDirectory(String value) {
            stateDirectory = value;
            return this;
        }

        public Builder options(Map<String, String> value) {
            options = value;
            return this;
        }

        public Builder fingerprint(String value) {
            fingerprint = value;
            return this;
        }

        public Builder testDestination(String value) {
            testDestination = value;
            return this;
        }

        public Builder demo(boolean value) {
            demo = value;
            return this;
        }

        public Builder torMode(TorMode value) {
            torMode = value;
            return this;
        }

        public Builder orPort(String value) {
            orPort = value;
            return this;
        }

        public Builder moreBridges(List<String> value) {
            moreBridges = value;
            return this;
        }

        public Profile build() {
            return new Profile(id, name, role, transport, mode, listenAddress, target, upstreamProxy, logLevel, stateDirectory,
                    options, fingerprint, testDestination, demo, torMode, orPort, moreBridges);
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
