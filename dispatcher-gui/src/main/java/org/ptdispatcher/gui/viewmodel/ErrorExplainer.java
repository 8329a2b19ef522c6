package org.ptdispatcher.gui.viewmodel;

import org.ptdispatcher.engine.config.Parameter;
import org.ptdispatcher.engine.ipc.IpcMessage;
import org.ptdispatcher.engine.lifecycle.ExitCode;
import org.ptdispatcher.gui.profile.ProfileField;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the engine's error lines and exit codes into {@link Explanation}s. Engines name the
 * parameter at fault in their messages (ours always does: "-target ...", "TOR_PT_ORPORT ...";
 * goptlib-based PTs name the variable), which is how the field to fix is found: the names come
 * from the engine's {@link Parameter} table, so a flag added there is recognised here.
 */
public final class ErrorExplainer {
    /**
     * The names of each form field's parameters, as the engine's {@link Parameter} table spells them
     * (every flag and variable), plus the phrases engines use for listen failures; listen addresses
     * first, so a message naming several parameters blames the one a person most likely got wrong.
     */
    private static final Map<Pattern, String> FIELD_BY_NAME = new LinkedHashMap<>();

    static {
        field(ProfileField.LISTEN, List.of(Parameter.PROXY_LISTEN_ADDR, Parameter.PROXY_LISTEN_HOST, Parameter.PROXY_LISTEN_PORT,
                Parameter.BIND_ADDR, Parameter.BIND_HOST, Parameter.BIND_PORT), "address already in use", "cannot bind", "bind");
        field(ProfileField.TARGET, List.of(Parameter.TARGET, Parameter.TARGET_HOST, Parameter.TARGET_PORT));
        field(ProfileField.PROXY, List.of(Parameter.PROXY));
        field(ProfileField.STATE, List.of(Parameter.STATE));
        field(ProfileField.MODE, List.of(Parameter.MODE));
        field(ProfileField.TRANSPORT, List.of(Parameter.TRANSPORT, Parameter.TRANSPORTS), "no transport");
        field(ProfileField.EXTRA_OPTIONS, List.of(Parameter.OPTIONS, Parameter.OPTIONS_FILE));
    }

    private static final Pattern QUOTED_NAME = Pattern.compile("\"([A-Za-z0-9_.-]+)\"");

    private ErrorExplainer() {
    }

    /**
     * The explanation of an error line, or empty for a line that is no error.
     *
     * @param optionNames the options the profile's form shows, so a message naming one points at it
     */
    public static Optional<Explanation> explain(IpcMessage message, Set<String> optionNames) {
        if (message instanceof IpcMessage.VersionError e) {
            return Optional.of(new Explanation("error.version", List.of(), e.message(), Optional.of(ProfileField.ENGINE)));
        }
        if (message instanceof IpcMessage.EnvError e) {
            return Optional.of(new Explanation("error.env", List.of(), e.message(), fieldIn(e.message(), optionNames)));
        }
        if (message instanceof IpcMessage.ProxyError e) {
            return Optional.of(new Explanation("error.proxy", List.of(), e.message(), Optional.of(ProfileField.PROXY)));
        }
        if (message instanceof IpcMessage.CmethodError e) {
            return Optional.of(new Explanation("error.cmethod", List.of(e.transport()), e.message(),
                    fieldIn(e.message(), optionNames).or(() -> Optional.of(ProfileField.EXTRA_OPTIONS))));
        }
        if (message instanceof IpcMessage.SmethodError e) {
            return Optional.of(new Explanation("error.smethod", List.of(e.transport()), e.message(),
                    fieldIn(e.message(), optionNames).or(() -> Optional.of(ProfileField.EXTRA_OPTIONS))));
        }
        return Optional.empty();
    }

    /** The message key for how the engine ended; {@code stopRequested}: the user pressed Stop (or closed the app). */
    public static Explanation explainExit(int code, boolean stopRequested) {
        String detail = String.valueOf(code);
        Optional<String> field = Optional.empty();
        String key;
        switch (code) {
            case ExitCode.OK -> key = stopRequested ? "exit.stopped" : "exit.endedAlone";
            case ExitCode.USAGE -> key = "exit.usage";
            case ExitCode.UNAVAILABLE -> {
                key = "exit.proxy";
                field = Optional.of(ProfileField.PROXY);
            }
            case ExitCode.SOFTWARE -> key = "exit.internal";
            case ExitCode.CONFIG -> {
                key = "exit.version";
                field = Optional.of(ProfileField.ENGINE);
            }
            default -> {
                if (code > 128 && code < 160) {
                    key = stopRequested ? "exit.stopped" : "exit.signal";
                    return new Explanation(key, List.of(String.valueOf(code - 128)), detail, field);
                }
                key = "exit.other";
            }
        }
        return new Explanation(key, List.of(detail), detail, field);
    }

    /** The field a message blames: a quoted option name of the form first, then a parameter name. */
    static Optional<String> fieldIn(String message, Set<String> optionNames) {
        Matcher quoted = QUOTED_NAME.matcher(message);
        while (quoted.find()) {
            if (optionNames.contains(quoted.group(1))) {
                return Optional.of(ProfileField.option(quoted.group(1)));
            }
        }
        for (Map.Entry<Pattern, String> entry : FIELD_BY_NAME.entrySet()) {
            if (entry.getKey().matcher(message).find()) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    private static void field(String field, List<Parameter> parameters, String... phrases) {
        for (Parameter parameter : parameters) {
            parameter.flagNames().forEach(flag -> name(field, "-" + flag));
            parameter.envVars().forEach(variable -> name(field, variable));
        }
        for (String phrase : phrases) {
            name(field, phrase);
        }
    }

    private static void name(String field, String name) {
        // A name ends where no further name character follows: "-proxy" must not match "-proxylistenaddr".
        FIELD_BY_NAME.put(Pattern.compile("(?<![A-Za-z0-9_-])" + Pattern.quote(name) + "(?![A-Za-z0-9_])", Pattern.CASE_INSENSITIVE), field);
    }
}
