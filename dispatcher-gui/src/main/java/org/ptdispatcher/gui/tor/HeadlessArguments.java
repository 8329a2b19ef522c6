package org.ptdispatcher.gui.tor;

import org.ptdispatcher.gui.LaunchDirectory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The headless command's arguments:
 * {@code --connect PROFILE-NAME-OR-BRIDGE-LINE [--connect ...] [--tor PROGRAM] [--tor-config FILE]
 * [--socks-port N] [--http-port N] [--timeout SECONDS] [--verbose]}.
 *
 * @param targets    what each {@code --connect} named: a saved profile's name or a bridge line
 * @param tor        the tor program; empty: the settings' choice, else the PATH
 * @param torConfigs torrc files tor reads as well ({@code %include})
 * @param timeout    seconds to wait for 100% before giving up (0: wait for ever)
 * @param verbose    print every log line, not only warnings and the transport's
 */
public record HeadlessArguments(List<String> targets, Optional<String> tor, List<Path> torConfigs, OptionalInt socksPort,
                                OptionalInt httpPort, int timeout, boolean verbose) {
    public static final String CONNECT = "--connect";
    public static final int DEFAULT_TIMEOUT = 300;

    public HeadlessArguments {
        targets = List.copyOf(targets);
        torConfigs = List.copyOf(torConfigs);
    }

    /** Whether the app was started as the headless command (then no window opens). */
    public static boolean requested(List<String> args) {
        return args.stream().anyMatch(a -> a.equals(CONNECT) || a.startsWith(CONNECT + "="));
    }

    /** @throws IllegalArgumentException with a sentence for the terminal when they cannot be read */
    public static HeadlessArguments parse(List<String> args) {
        List<String> targets = new ArrayList<>();
        Optional<String> tor = Optional.empty();
        List<Path> configs = new ArrayList<>();
        OptionalInt socks = OptionalInt.empty();
        OptionalInt http = OptionalInt.empty();
        int timeout = DEFAULT_TIMEOUT;
        boolean verbose = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (name.equals("--verbose")) {
                verbose = true;
                continue;
            }
            String value;
            if (!name.equals(arg)) {
                value = arg.substring(name.length() + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            switch (name) {
                case CONNECT -> targets.add(value);
                case "--tor" -> tor = Optional.of(LaunchDirectory.program(value));
                case "--tor-config" -> configs.add(LaunchDirectory.resolve(value));
                case "--socks-port" -> socks = OptionalInt.of(port(name, value));
                case "--http-port" -> http = OptionalInt.of(port(name, value));
                case "--timeout" -> timeout = number(name, value, 0, Integer.MAX_VALUE);
                default -> throw new IllegalArgumentException("unknown argument " + arg + " (the headless command takes "
                        + "--connect, --tor, --tor-config, --socks-port, --http-port, --timeout, --verbose)");
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("--connect needs a profile name or a bridge line");
        }
        return new HeadlessArguments(targets, tor, configs, socks, http, timeout, verbose);
    }

    private static int port(String name, String value) {
        return number(name, value, 1, 65535);
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(name + " takes a number from " + min + " to " + max + ", not " + value);
    }
}
