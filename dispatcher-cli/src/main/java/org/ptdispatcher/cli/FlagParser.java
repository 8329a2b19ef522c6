package org.ptdispatcher.cli;

import org.ptdispatcher.engine.config.Parameter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line as parents write it, Go-style: {@code -flag value}, {@code -flag=value},
 * {@code --flag}, switches bare (or {@code -flag=true}). The options are made from the engine's
 * {@link Parameter} table, so there is nothing to keep in step by hand. Parsing never fails
 * loudly: a malformed command line comes back as a sentence for the ENV-ERROR line.
 */
final class FlagParser {
    static final String PROGRAM = "ptdispatcher";

    /** What the command line said: flag values, or why it could not be read, or a request for help. */
    record Result(Map<Parameter, String> flags, Optional<String> error, boolean helpRequested) {
    }

    /** Made on first use: tor starts transports with no arguments at all, and picocli's set-up is a third of a start. */
    private CommandLine commandLine;
    private final Map<OptionSpec, Parameter> parameters = new java.util.HashMap<>();

    private CommandLine commandLine() {
        if (commandLine != null) {
            return commandLine;
        }
        CommandSpec spec = CommandSpec.create().name(PROGRAM);
        spec.usageMessage()
                .description("The PT Dispatcher engine: runs pluggable transports as a managed proxy for a parent process "
                        + "(Dispatcher IPC Interface 2.2, and Tor's pt-spec version 1).",
                        "Every flag may also be written --flag or -flag=value. Environment variables (TOR_PT_...) "
                                + "are listed with their flags; a parent must not set both.")
                .width(100)
                .abbreviateSynopsis(true)
                .sortOptions(false);
        for (Parameter p : Parameter.values()) {
            OptionSpec option = option(p);
            spec.addOption(option);
            parameters.put(option, p);
        }
        spec.addOption(OptionSpec.builder("-help", "--help", "-h")
                .usageHelp(true)
                .description("Show this help and exit.")
                .build());
        spec.parser()
                .posixClusteredShortOptionsAllowed(false)
                .overwrittenOptionsAllowed(false)
                .unmatchedOptionsArePositionalParams(false)
                .toggleBooleanFlags(false);
        commandLine = new CommandLine(spec);
        // Go's flag package, which parents are written against, has no @file arguments: "@x" is
        // an argument like any other (here an unexpected one), never a file to read.
        commandLine.setExpandAtFiles(false);
        return commandLine;
    }

    Result parse(String... args) {
        if (args.length == 0) {
            return new Result(Map.of(), Optional.empty(), false);
        }
        try {
            ParseResult result = commandLine().parseArgs(args);
            if (result.isUsageHelpRequested()) {
                return new Result(Map.of(), Optional.empty(), true);
            }
            Map<Parameter, String> flags = new EnumMap<>(Parameter.class);
            for (OptionSpec option : result.matchedOptions()) {
                Parameter p = parameters.get(option);
                if (p != null) {
                    Object value = option.getValue();
                    flags.put(p, String.valueOf(value));
                }
            }
            return new Result(flags, Optional.empty(), false);
        } catch (CommandLine.UnmatchedArgumentException e) {
            return failure(describeUnmatched(e));
        } catch (CommandLine.OverwrittenOptionException e) {
            return failure(flagName(e.getOverwritten()) + " is given more than once; give it once");
        } catch (CommandLine.MissingParameterException e) {
            return failure(e.getMissing().isEmpty() ? e.getMessage() : flagName(e.getMissing().get(0)) + " needs a value");
        } catch (CommandLine.ParameterException e) {
            if (e.getArgSpec() instanceof OptionSpec option && parameters.containsKey(option)
                    && parameters.get(option).kind() == Parameter.Kind.SWITCH) {
                String flag = parameters.get(option).flag();
                return failure(flag + " is a switch: give it alone, or as " + flag + "=true or " + flag + "=false");
            }
            return failure(e.getMessage());
        }
    }

    /** The help text, made from the parameter table. */
    String usage() {
        return commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static OptionSpec option(Parameter p) {
        List<String> names = new ArrayList<>();
        for (String flag : p.flagNames()) {
            names.add("-" + flag);
            names.add("--" + flag);
        }
        String description = p.description();
        if (!p.envVars().isEmpty()) {
            description += " Environment: " + String.join(", ", p.envVars()) + ".";
        }
        OptionSpec.Builder builder = OptionSpec.builder(names.toArray(String[]::new)).description(description);
        if (p.kind() == Parameter.Kind.SWITCH) {
            builder.type(boolean.class).arity("0..1").hideParamSyntax(true);
        } else {
            builder.type(String.class).arity("1").paramLabel(p.valueLabel().orElse("<value>"));
        }
        return builder.build();
    }

    /** The flag as the parameter table spells it, such as {@code -orport}, whichever alias was typed. */
    private String flagName(CommandLine.Model.ArgSpec arg) {
        if (arg instanceof OptionSpec option) {
            Parameter p = parameters.get(option);
            return p != null ? p.flag() : option.longestName();
        }
        return arg.paramLabel();
    }

    private static String describeUnmatched(CommandLine.UnmatchedArgumentException e) {
        List<String> unmatched = e.getUnmatched();
        if (unmatched.isEmpty()) {
            return e.getMessage();
        }
        String first = unmatched.get(0);
        if (first.startsWith("-")) {
            String name = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
            return "unknown flag " + name + " (" + PROGRAM + " -help lists the flags)";
        }
        return "unexpected argument \"" + first + "\": flags take the form -name value (" + PROGRAM + " -help lists them)";
    }

    private static Result failure(String message) {
        return new Result(Map.of(), Optional.of(message), false);
    }
}
