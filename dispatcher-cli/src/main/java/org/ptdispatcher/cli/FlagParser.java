package org.ptdispatcher.cli;

import org.ptdispatcher.engine.config.Parameter;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line as parents write it, Go-style: {@code -flag value}, {@code -flag=value},
 * {@code --flag}, switches bare (or {@code -flag=true}, {@code -flag=false}). The flags are the
 * engine's {@link Parameter} table, so there is nothing to keep in step by hand. Parsing never
 * fails loudly: a malformed command line comes back as a sentence for the ENV-ERROR line.
 *
 * <p>Written out rather than made with a library: this runs at every start, before anything is
 * announced to the parent, and a general-purpose parser cost more start-up time than the rest of
 * the engine's configuration put together.
 */
final class FlagParser {
    static final String PROGRAM = "ptdispatcher";
    private static final Set<String> HELP = Set.of("-help", "--help", "-h");
    private static final int HELP_WIDTH = 100;

    /** What the command line said: flag values, or why it could not be read, or a request for help. */
    record Result(Map<Parameter, String> flags, Optional<String> error, boolean helpRequested) {
    }

    Result parse(String... args) {
        Map<Parameter, String> flags = new EnumMap<>(Parameter.class);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (HELP.contains(arg)) {
                return new Result(Map.of(), Optional.empty(), true);
            }
            if (!looksLikeFlag(arg)) {
                return failure("unexpected argument \"" + arg + "\": flags take the form -name value (" + PROGRAM + " -help lists them)");
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            Optional<Parameter> parameter = Parameter.forFlag(name);
            if (parameter.isEmpty()) {
                return failure("unknown flag " + name + " (" + PROGRAM + " -help lists the flags)");
            }
            Parameter p = parameter.get();
            String value;
            if (p.kind() == Parameter.Kind.SWITCH) {
                value = equals < 0 ? "true" : arg.substring(equals + 1);
                if (!value.equals("true") && !value.equals("false")) {
                    return failure(p.flag() + " is a switch: give it alone, or as " + p.flag() + "=true or " + p.flag() + "=false");
                }
            } else if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length && !looksLikeFlag(args[i + 1])) {
                value = args[++i];
            } else {
                return failure(p.flag() + " needs a value");
            }
            if (flags.putIfAbsent(p, value) != null) {
                return failure(p.flag() + " is given more than once; give it once");
            }
        }
        return new Result(flags, Optional.empty(), false);
    }

    /** The help text, made from the parameter table. */
    String usage() {
        StringBuilder help = new StringBuilder("Usage: " + PROGRAM + " [flags]\n\n");
        wrap(help, "", "The PT Dispatcher engine: runs pluggable transports as a managed proxy for a parent process "
                + "(Dispatcher IPC Interface 2.2, and Tor's pt-spec version 1). Every flag may also be written --flag or "
                + "-flag=value. Environment variables (TOR_PT_...) are listed with their flags; a parent must not set both.");
        help.append('\n');
        for (Parameter p : Parameter.values()) {
            help.append("  ").append(String.join(", ", p.flagNames().stream().map(n -> "-" + n).toList()));
            p.valueLabel().ifPresent(label -> help.append(' ').append(label));
            help.append('\n');
            String description = p.description();
            if (!p.envVars().isEmpty()) {
                description += " Environment: " + String.join(", ", p.envVars()) + ".";
            }
            wrap(help, "        ", description);
        }
        help.append("  -help\n");
        wrap(help, "        ", "Show this help and exit.");
        return help.toString();
    }

    private static boolean looksLikeFlag(String arg) {
        return arg.length() > 1 && arg.startsWith("-");
    }

    /** Appends {@code text} in lines of at most {@link #HELP_WIDTH} characters, each starting with {@code indent}. */
    private static void wrap(StringBuilder out, String indent, String text) {
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > HELP_WIDTH) {
                out.append(line).append('\n');
                line.setLength(0);
                line.append(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        out.append(line).append('\n');
    }

    private static Result failure(String message) {
        return new Result(Map.of(), Optional.of(message), false);
    }
}
