package org.ptdispatcher.engine.config;

import org.ptdispatcher.engine.common.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a parent launches a PT, rendered from the {@link Parameter} table: the arguments and the
 * environment variables for a set of parameter values. Two styles exist because PTs differ in what
 * they read: PT 2.x dispatchers (ours, shapeshifter-dispatcher) take flags, while PTs that speak
 * only Tor's pt-spec version 1 (obfs4proxy, lyrebird) read nothing but {@code TOR_PT_*} variables.
 *
 * @param arguments   the command-line arguments, one element per argument (no quoting needed)
 * @param environment the variables to add to the child's environment, in table order
 */
public record LaunchCommand(List<String> arguments, Map<String, String> environment) {
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    /** Whether parameters travel as flags or as environment variables. */
    public enum Style {
        /** PT 2.x: every parameter as its flag (the environment stays untouched). */
        FLAGS,
        /** Tor's pt-spec version 1: every parameter as its {@code TOR_PT_*} variable; no flags. */
        ENVIRONMENT
    }

    public LaunchCommand {
        arguments = List.copyOf(arguments);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /**
     * Renders {@code values} for a PT of role {@code role}.
     *
     * @param values text values by parameter; for switches {@code "true"} turns them on, anything else leaves them off
     * @throws IllegalArgumentException if a value cannot be expressed in {@code style} (in
     *                                  {@link Style#ENVIRONMENT}: a parameter without a variable), naming the parameter
     */
    public static LaunchCommand render(Role role, Map<Parameter, String> values, Style style) {
        Map<Parameter, String> ordered = new EnumMap<>(Parameter.class);
        ordered.putAll(values);
        List<String> arguments = new ArrayList<>();
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map.Entry<Parameter, String> entry : ordered.entrySet()) {
            Parameter p = entry.getKey();
            String value = entry.getValue();
            boolean isSwitch = p.kind() == Parameter.Kind.SWITCH;
            if (isSwitch && !"true".equals(value)) {
                continue;
            }
            if (style == Style.FLAGS) {
                arguments.add(p.flag());
                if (!isSwitch) {
                    arguments.add(value);
                }
            } else if (p == Parameter.CLIENT || p == Parameter.SERVER) {
                // Version 1 has no role switch: the role is which transports variable is set.
                continue;
            } else {
                environment.put(variableFor(p, role), isSwitch ? "1" : value);
            }
        }
        return new LaunchCommand(arguments, environment);
    }

    /**
     * The launch as a person would type it in a POSIX shell: variables first, then the program (one
     * or more words, such as {@code java -jar ptdispatcher.jar}) and the arguments, each quoted
     * where the shell would otherwise split or expand it.
     */
    public String toShellText(List<String> program) {
        StringBuilder out = new StringBuilder();
        environment.forEach((name, value) -> out.append(name).append('=').append(shellQuote(value)).append(' '));
        out.append(String.join(" ", program.stream().map(LaunchCommand::shellQuote).toList()));
        for (String argument : arguments) {
            out.append(' ').append(shellQuote(argument));
        }
        return out.toString();
    }

    /** Quotes one word for a POSIX shell; words made only of safe characters stay as they are. */
    public static String shellQuote(String word) {
        if (!word.isEmpty() && SHELL_SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static String variableFor(Parameter p, Role role) {
        if (p == Parameter.TRANSPORTS || p == Parameter.TRANSPORT) {
            return role == Role.CLIENT ? "TOR_PT_CLIENT_TRANSPORTS" : "TOR_PT_SERVER_TRANSPORTS";
        }
        if (p.envVars().isEmpty()) {
            throw new IllegalArgumentException(p.flag() + " has no environment variable, so a PT that reads only "
                    + "the environment (pt-spec version 1) cannot be given it");
        }
        return p.envVars().get(0);
    }
}
