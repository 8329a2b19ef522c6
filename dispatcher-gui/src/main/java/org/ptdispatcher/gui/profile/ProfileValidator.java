package org.ptdispatcher.gui.profile;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.ProxyMode;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.config.LaunchCommand;
import org.ptdispatcher.engine.transport.Transport;
import org.ptdispatcher.engine.transport.TransportOption;
import org.ptdispatcher.engine.transport.TransportRegistry;
import org.ptdispatcher.engine.transport.shadow.ShadowKeys;
import org.ptdispatcher.engine.transport.shadow.ShadowTransport;
import org.ptdispatcher.engine.transport.shadow.Sip022Method;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a profile before anything is launched, field by field, so each problem can be shown at
 * its field. It checks what the engine would reject (the same rules as the engine's
 * {@code ConfigReader}, in the form's terms) and what the chosen engine cannot be told.
 */
public final class ProfileValidator {
    private static final Pattern TRANSPORT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final TransportRegistry transports;

    public ProfileValidator(TransportRegistry transports) {
        this.transports = transports;
    }

    /**
     * @param builtInEngine whether the engine is our ptdispatcher (which knows exactly the registry's transports)
     * @param style         how the engine is configured
     */
    public List<FieldProblem> validate(Profile profile, boolean builtInEngine, LaunchCommand.Style style) {
        List<FieldProblem> problems = new ArrayList<>();
        if (profile.name().isBlank()) {
            problems.add(FieldProblem.of(ProfileField.NAME, "problem.name.empty"));
        }
        checkTransport(profile, builtInEngine, problems);
        boolean client = profile.role() == Role.CLIENT;
        boolean environmentOnly = style == LaunchCommand.Style.ENVIRONMENT;
        if (environmentOnly && profile.mode() != ProxyMode.SOCKS5) {
            problems.add(FieldProblem.of(ProfileField.MODE, "problem.mode.environmentOnly"));
        }
        checkListen(profile, client, environmentOnly, problems);
        checkTarget(profile, client, problems);
        checkOrPort(profile, problems);
        if (client && !profile.upstreamProxy().isEmpty() && !isProxyUri(profile.upstreamProxy())) {
            problems.add(FieldProblem.of(ProfileField.PROXY, "problem.proxy.invalid"));
        }
        if (!profile.stateDirectory().isEmpty() && !isAbsolutePath(profile.stateDirectory())) {
            problems.add(FieldProblem.of(ProfileField.STATE, "problem.state.notAbsolute"));
        }
        transports.find(profile.transport()).ifPresent(t -> checkOptions(profile, t, problems));
        checkShadow2022Key(profile, problems);
        if (client && !profile.testDestination().isEmpty() && !isDestination(profile.testDestination())) {
            problems.add(FieldProblem.of(ProfileField.TEST_DESTINATION, "problem.address.destination"));
        }
        return problems;
    }

    private void checkTransport(Profile profile, boolean builtInEngine, List<FieldProblem> problems) {
        String name = profile.transport();
        if (name.isEmpty()) {
            problems.add(FieldProblem.of(ProfileField.TRANSPORT, "problem.transport.empty"));
        } else if (!TRANSPORT_NAME.matcher(name).matches()) {
            problems.add(FieldProblem.of(ProfileField.TRANSPORT, "problem.transport.malformed"));
        } else if (builtInEngine && transports.find(name).isEmpty()) {
            // ptdispatcher skips unknown names silently (the spec says so): say it here instead.
            problems.add(FieldProblem.of(ProfileField.TRANSPORT, "problem.transport.unknown", name,
                    String.join(", ", transports.all().stream().map(Transport::name).toList())));
        }
    }

    private static void checkListen(Profile profile, boolean client, boolean environmentOnly, List<FieldProblem> problems) {
        String listen = profile.listenAddress();
        if (client) {
            if (listen.isEmpty()) {
                return;
            }
            if (environmentOnly) {
                problems.add(FieldProblem.of(ProfileField.LISTEN, "problem.listen.environmentOnly"));
            } else if (!isBindable(listen)) {
                problems.add(FieldProblem.of(ProfileField.LISTEN, "problem.address.bindable"));
            }
            return;
        }
        if (listen.isEmpty()) {
            problems.add(FieldProblem.of(ProfileField.LISTEN, "problem.listen.serverEmpty"));
        } else if (!isBindable(listen)) {
            problems.add(FieldProblem.of(ProfileField.LISTEN, "problem.address.bindable"));
        } else if (profile.torBridge() && listen.endsWith(":0")) {
            // tor takes no port 0 for the transport, and a bridge line is only worth sharing if its port stays
            problems.add(FieldProblem.of(ProfileField.LISTEN, "problem.listen.bridgePort"));
        }
    }

    /** A bridge's ORPort: empty (a free one) or a port number. */
    private static void checkOrPort(Profile profile, List<FieldProblem> problems) {
        if (!profile.torBridge() || profile.orPort().isEmpty()) {
            return;
        }
        try {
            int port = Integer.parseInt(profile.orPort());
            if (port >= 1 && port <= 65535) {
                return;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        problems.add(FieldProblem.of(ProfileField.OR_PORT, "problem.orPort"));
    }

    private static void checkTarget(Profile profile, boolean client, List<FieldProblem> problems) {
        String target = profile.target();
        // A Tor bridge's transport forwards to tor (its ExtORPort), which the app sets up: no target to give.
        boolean transparent = profile.mode() == ProxyMode.TRANSPARENT_TCP || profile.mode() == ProxyMode.TRANSPARENT_UDP;
        boolean required = client ? transparent : !profile.torBridge();
        if (target.isEmpty()) {
            if (required) {
                problems.add(FieldProblem.of(ProfileField.TARGET, client ? "problem.target.clientEmpty" : "problem.target.serverEmpty"));
            }
        } else if (!isDestination(target)) {
            problems.add(FieldProblem.of(ProfileField.TARGET, "problem.address.destination"));
        }
    }

    /**
     * A 2022 Shadowsocks cipher takes a base64 key of its own length in the password field, not a
     * password: the engine would refuse anything else at start-up, so say it at the field.
     */
    private static void checkShadow2022Key(Profile profile, List<FieldProblem> problems) {
        if (!profile.transport().equals(ShadowTransport.NAME)) {
            return;
        }
        Optional<Sip022Method> method = Sip022Method.parse(profile.options().get("cipherName"));
        String key = profile.options().getOrDefault("password", "").trim();
        if (method.isEmpty() || key.isEmpty()) {
            return;
        }
        try {
            ShadowKeys.sip022Psk(key, method.get());
        } catch (IllegalArgumentException e) {
            problems.add(FieldProblem.of(ProfileField.option("password"), "problem.option.sip022Key", method.get().ssName(),
                    Integer.toString(method.get().keySize())));
        }
    }

    private static void checkOptions(Profile profile, Transport transport, List<FieldProblem> problems) {
        for (TransportOption option : OptionFields.forRole(transport, profile.role())) {
            String value = profile.options().getOrDefault(option.name(), "").trim();
            String field = ProfileField.option(option.name());
            if (value.isEmpty()) {
                if (option.required() && option.defaultValue().isEmpty()) {
                    problems.add(FieldProblem.of(field, "problem.option.required", option.name()));
                }
                continue;
            }
            switch (option.type()) {
                case INTEGER -> {
                    if (!value.matches("-?[0-9]{1,18}")) {
                        problems.add(FieldProblem.of(field, "problem.option.integer", option.name()));
                    }
                }
                case BOOLEAN -> {
                    if (!value.toLowerCase(Locale.ROOT).matches("true|false|0|1")) {
                        problems.add(FieldProblem.of(field, "problem.option.boolean", option.name()));
                    }
                }
                case CHOICE -> {
                    boolean known = option.choices().stream().anyMatch(c -> c.equalsIgnoreCase(value));
                    if (!known) {
                        problems.add(FieldProblem.of(field, "problem.option.choice", option.name(), String.join(", ", option.choices())));
                    }
                }
                case HOST_PORT -> {
                    if (!isDestination(value)) {
                        problems.add(FieldProblem.of(field, "problem.address.destination"));
                    }
                }
                case TEXT -> {
                    // any text
                }
            }
        }
    }

    static boolean isBindable(String text) {
        try {
            HostPort.parseBindable(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isDestination(String text) {
        try {
            HostPort.parseDestination(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isProxyUri(String text) {
        try {
            URI uri = new URI(text);
            String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            return (scheme.equals("socks5") || scheme.equals("socks4a") || scheme.equals("http"))
                    && uri.getHost() != null && uri.getPort() > 0;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isAbsolutePath(String text) {
        try {
            return Path.of(text).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
