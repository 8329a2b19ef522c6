package org.ptdispatcher.gui.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ptdispatcher.engine.common.ProxyMode;
import org.ptdispatcher.engine.config.LaunchCommand;
import org.ptdispatcher.engine.config.Parameter;
import org.ptdispatcher.engine.options.TorArgs;
import org.ptdispatcher.engine.transport.Transport;
import org.ptdispatcher.engine.transport.TransportOption;
import org.ptdispatcher.gui.profile.Profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a profile into the launch of a PT: which parameters of the engine's {@link Parameter}
 * table it sets, rendered by {@link LaunchCommand} in the style the engine program reads. The
 * engine always gets {@code -exit-on-stdin-close}, so it ends with the app; the built-in one also
 * {@code -trafficInterval 1}, for the live traffic a running profile shows.
 */
public final class LaunchPlanner {
    static final String MASK = "••••••";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** In the state directory: the options of a launch that holds a secret (see {@link #plan}). */
    static final String OPTIONS_FILE_NAME = "ptdispatcher-options.json";
    /** Seconds between the built-in engine's traffic reports: the rates shown are per second. */
    static final String TRAFFIC_INTERVAL = "1";

    private LaunchPlanner() {
    }

    /**
     * @param transport      the transport's description, if the app knows it (for which options are secret)
     * @param stateDirectory the state directory to use when the profile names none
     * @throws IllegalArgumentException if the profile asks for something the style cannot express
     *                                  (the validator reports that at the field first)
     */
    public static LaunchPlan plan(Profile profile, EngineProgram program, LaunchCommand.Style style,
                                  Optional<Transport> transport, Path stateDirectory) {
        Path state = profile.stateDirectory().isEmpty() ? stateDirectory : Path.of(profile.stateDirectory());
        boolean flags = style == LaunchCommand.Style.FLAGS;
        Map<Path, String> files = new LinkedHashMap<>();
        Optional<Path> optionsFile = Optional.empty();
        // A secret on the command line is every local user's to read (ps, /proc/PID/cmdline): the
        // options go in an owner-only file instead. Version 1 has no such flag, but its options
        // travel in the environment or per connection, both private to the user already.
        boolean secretOption = profile.options().entrySet().stream().anyMatch(o -> !o.getValue().isBlank() && isSecret(o.getKey(), transport));
        Optional<String> optionsJson = optionsText(profile, profile.options(), flags);
        if (flags && secretOption && optionsJson.isPresent()) {
            optionsFile = Optional.of(state.resolve(OPTIONS_FILE_NAME).toAbsolutePath());
            files.put(optionsFile.get(), optionsJson.get());
        }
        // Only our engine has the extension (another PT would refuse the flag), and only the 2.x style has flags.
        boolean traffic = flags && program.builtIn();
        LaunchCommand real = LaunchCommand.render(profile.role(), values(profile, style, state, profile.options(), optionsFile, traffic), style);
        // What Copy gives a person for a terminal: the same launch standing on its own, options inline,
        // without a STATUS line every second in between what the engine says.
        LaunchCommand selfContained = LaunchCommand.render(profile.role(),
                values(profile, style, state, profile.options(), Optional.empty(), false), style);
        Map<String, String> masked = new LinkedHashMap<>();
        profile.options().forEach((k, v) -> masked.put(k, isSecret(k, transport) ? MASK : v));
        LaunchCommand shown = LaunchCommand.render(profile.role(), values(profile, style, state, masked, optionsFile, traffic), style);

        List<String> command = new ArrayList<>(program.command());
        command.addAll(real.arguments());
        return new LaunchPlan(command, real.environment(), state, files,
                selfContained.toShellText(program.command()), shown.toShellText(program.command()));
    }

    /** Whether an option's value must be hidden on screen and kept out of logs. */
    public static boolean isSecret(String option, Optional<Transport> transport) {
        Optional<TransportOption> described = transport.flatMap(t -> t.options().stream().filter(o -> o.name().equals(option)).findFirst());
        if (described.isPresent()) {
            return described.get().secret();
        }
        String key = option.toLowerCase(Locale.ROOT);
        return key.contains("password") || key.contains("secret") || key.contains("private") || key.equals("psk");
    }

    private static Map<Parameter, String> values(Profile profile, LaunchCommand.Style style, Path state, Map<String, String> options,
                                                 Optional<Path> optionsFile, boolean trafficReports) {
        boolean flags = style == LaunchCommand.Style.FLAGS;
        Map<Parameter, String> values = new EnumMap<>(Parameter.class);
        if (!flags) {
            values.put(Parameter.PT_VERSION, "1");
        }
        values.put(profile.isClient() ? Parameter.CLIENT : Parameter.SERVER, "true");
        values.put(Parameter.TRANSPORTS, profile.transport());
        values.put(Parameter.STATE, state.toAbsolutePath().toString());
        values.put(Parameter.EXIT_ON_STDIN_CLOSE, "true");
        if (flags) {
            // Version 1 has no such variable; obfs4proxy and friends log to a file in the state directory.
            values.put(Parameter.IPC_LOG_LEVEL, profile.logLevel().name());
        }
        if (trafficReports) {
            values.put(Parameter.TRAFFIC_INTERVAL, TRAFFIC_INTERVAL);
        }
        if (profile.mode() != ProxyMode.SOCKS5) {
            values.put(Parameter.MODE, profile.mode().wireName());
        }
        if (optionsFile.isPresent()) {
            values.put(Parameter.OPTIONS_FILE, optionsFile.get().toString());
        } else {
            optionsText(profile, options, flags).ifPresent(text -> values.put(Parameter.OPTIONS, text));
        }
        if (profile.isClient()) {
            if (!profile.listenAddress().isEmpty()) {
                values.put(Parameter.PROXY_LISTEN_ADDR, profile.listenAddress());
            }
            if (!profile.upstreamProxy().isEmpty()) {
                values.put(Parameter.PROXY, profile.upstreamProxy());
            }
            if (profile.mode() != ProxyMode.SOCKS5 && !profile.target().isEmpty()) {
                values.put(Parameter.TARGET, profile.target());
            }
        } else {
            values.put(Parameter.BIND_ADDR, profile.transport() + "-" + profile.listenAddress());
            values.put(Parameter.TARGET, profile.target());
        }
        return values;
    }

    /**
     * Options as the engine reads them: PT 2.x takes the transport's bare JSON object. Version 1
     * has only the server variable ({@code transport:k=v;...}); a version-1 client gets its options
     * per connection through SOCKS, as tor gives them.
     */
    private static Optional<String> optionsText(Profile profile, Map<String, String> options, boolean flags) {
        Map<String, String> nonEmpty = new TreeMap<>();
        options.forEach((k, v) -> {
            if (!v.isBlank()) {
                nonEmpty.put(k, v.trim());
            }
        });
        if (nonEmpty.isEmpty()) {
            return Optional.empty();
        }
        if (flags) {
            try {
                return Optional.of(JSON.writeValueAsString(nonEmpty));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a map of strings did not render as JSON", e);
            }
        }
        if (profile.isClient()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        nonEmpty.forEach((k, v) -> {
            if (out.length() > 0) {
                out.append(';');
            }
            out.append(TorArgs.escape(profile.transport(), ":;=")).append(':')
                    .append(TorArgs.escape(k, ":;=")).append('=').append(TorArgs.escape(v, ":;="));
        });
        return Optional.of(out.toString());
    }
}
