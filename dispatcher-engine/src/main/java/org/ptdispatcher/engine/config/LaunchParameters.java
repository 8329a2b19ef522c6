package org.ptdispatcher.engine.config;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the parent set, before any checking: the environment variables of the {@link Parameter}
 * table and the flags the command line gave. An empty environment variable counts as unset, as
 * tor sets {@code TOR_PT_EXTENDED_SERVER_PORT=} to mean "no Extended ORPort".
 */
public final class LaunchParameters {
    private final Map<String, String> environment;
    private final Map<Parameter, String> flags;

    private LaunchParameters(Map<String, String> environment, Map<Parameter, String> flags) {
        this.environment = environment;
        this.flags = flags;
    }

    /**
     * @param environment the process environment (only the table's variables are kept)
     * @param flags       flag values by parameter; switches as {@code "true"} or {@code "false"}
     */
    public static LaunchParameters of(Map<String, String> environment, Map<Parameter, String> flags) {
        Map<String, String> relevant = new LinkedHashMap<>();
        for (Parameter p : Parameter.values()) {
            for (String var : p.envVars()) {
                String value = environment.get(var);
                if (value != null && !value.isEmpty()) {
                    relevant.put(var, value);
                }
            }
        }
        Map<Parameter, String> flagCopy = new EnumMap<>(Parameter.class);
        flagCopy.putAll(flags);
        return new LaunchParameters(Collections.unmodifiableMap(relevant), Collections.unmodifiableMap(flagCopy));
    }

    /** A value and where it came from, for error messages: {@code -target} or {@code TOR_PT_ORPORT}. */
    public record Given(String source, String value) {
    }

    /**
     * The one value given for {@code parameter}, from its flag or one of its environment variables.
     *
     * @throws ConfigException if it was given twice (a flag and a variable, or two variables), which the spec forbids
     */
    public Optional<Given> get(Parameter parameter) throws ConfigException {
        Given found = null;
        if (flags.containsKey(parameter)) {
            found = new Given(parameter.flag(), flags.get(parameter));
        }
        for (String var : parameter.envVars()) {
            String value = environment.get(var);
            if (value == null) {
                continue;
            }
            if (found != null) {
                throw new ConfigException(found.source() + " and " + var + " are both set; set only one of them");
            }
            found = new Given(var, value);
        }
        return Optional.ofNullable(found);
    }

    public boolean isSet(Parameter parameter) {
        return flags.containsKey(parameter) || parameter.envVars().stream().anyMatch(environment::containsKey);
    }

    public Optional<String> flag(Parameter parameter) {
        return Optional.ofNullable(flags.get(parameter));
    }

    public Optional<String> env(String variable) {
        return Optional.ofNullable(environment.get(variable));
    }

    /** The offered PT versions, read leniently: negotiation happens before the checks that may fail. */
    public Optional<String> offeredVersions() {
        return flag(Parameter.PT_VERSION).or(() -> env(Parameter.PT_VERSION.envVars().get(0)));
    }
}
