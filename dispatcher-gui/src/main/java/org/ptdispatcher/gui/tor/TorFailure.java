package org.ptdispatcher.gui.tor;

import java.util.List;

/**
 * Why a Tor run cannot get the user online, as a closed set: each case carries what the
 * explanation needs (which bridge, which port, what tor said) and names its message key in the
 * app's bundles ({@code tor.failure.*}), a sentence saying what happened and what to do.
 */
public sealed interface TorFailure {
    /** The key of the explanation in {@code messages*.properties}. */
    String messageKey();

    /** The explanation's {@code {0}}, {@code {1}}, ... in order. */
    List<String> arguments();

    /** No tor program: none on PATH, or the one chosen in the settings is not there. */
    record TorNotFound(String chosen) implements TorFailure {
        public String messageKey() {
            return chosen.isEmpty() ? "tor.failure.torNotOnPath" : "tor.failure.torNotFound";
        }

        public List<String> arguments() {
            return chosen.isEmpty() ? List.of() : List.of(chosen);
        }
    }

    /**
     * A bridge line that cannot be read; {@code problemKey} is the import screen's key for why,
     * which {@link TorFailureText} puts in as the explanation's second argument.
     */
    record MalformedBridgeLine(String line, String problemKey, List<String> problemArguments) implements TorFailure {
        public MalformedBridgeLine {
            problemArguments = List.copyOf(problemArguments);
        }

        public String messageKey() {
            return "tor.failure.malformedBridgeLine";
        }

        public List<String> arguments() {
            return List.of(line);
        }
    }

    /** Nothing to connect with: no bridge line at all ({@code what} empty), or {@code what} is neither a bridge profile nor a line. */
    record NoBridge(String what) implements TorFailure {
        public String messageKey() {
            return what.isEmpty() ? "tor.failure.noBridgeLines" : "tor.failure.notABridge";
        }

        public List<String> arguments() {
            return what.isEmpty() ? List.of() : List.of(what);
        }
    }

    /** Tor could not reach this bridge through its transport, again and again. */
    record BridgeUnreachable(String bridge, String reason) implements TorFailure {
        public String messageKey() {
            return "tor.failure.bridgeUnreachable";
        }

        public List<String> arguments() {
            return List.of(bridge, reason);
        }
    }

    /** Every bridge of the run failed. */
    record AllBridgesFailed(List<String> bridges) implements TorFailure {
        public AllBridgesFailed {
            bridges = List.copyOf(bridges);
        }

        public String messageKey() {
            return "tor.failure.allBridgesFailed";
        }

        public List<String> arguments() {
            return List.of(String.valueOf(bridges.size()), String.join(", ", bridges));
        }
    }

    /** This computer's clock is far from the network's: tor rejects what it downloads. */
    record ClockSkew(String skew, String source) implements TorFailure {
        public String messageKey() {
            return "tor.failure.clockSkew";
        }

        public List<String> arguments() {
            return List.of(skew, source);
        }
    }

    /** The pluggable transport did not start, or said it cannot run a method ({@code CMETHOD-ERROR}). */
    record TransportFailed(String transport, String message) implements TorFailure {
        public String messageKey() {
            return "tor.failure.transportFailed";
        }

        public List<String> arguments() {
            return List.of(transport, message);
        }
    }

    /** No engine to give tor: the built-in one is not found and none was chosen. */
    record EngineNotFound() implements TorFailure {
        public String messageKey() {
            return "tor.failure.engineNotFound";
        }

        public List<String> arguments() {
            return List.of();
        }
    }

    /**
     * A word of the engine's command holds a space or a tab: tor splits the
     * {@code ClientTransportPlugin ... exec} line at spaces and has no quoting for it.
     */
    record EnginePathHasSpace(String word) implements TorFailure {
        public String messageKey() {
            return "tor.failure.enginePathHasSpace";
        }

        public List<String> arguments() {
            return List.of(word);
        }
    }

    /** A port tor was told to listen on is taken by another program. */
    record PortInUse(String address) implements TorFailure {
        public String messageKey() {
            return "tor.failure.portInUse";
        }

        public List<String> arguments() {
            return List.of(address);
        }
    }

    /** Tor ended on its own before it was ready; {@code lastMessage} is its last warning or error. */
    record TorExited(int exitCode, String lastMessage) implements TorFailure {
        public String messageKey() {
            return "tor.failure.torExited";
        }

        public List<String> arguments() {
            return List.of(String.valueOf(exitCode), lastMessage);
        }
    }

    /** Tor runs but its control port could not be used (so its progress cannot be followed). */
    record ControlPortFailed(String why) implements TorFailure {
        public String messageKey() {
            return "tor.failure.controlPort";
        }

        public List<String> arguments() {
            return List.of(why);
        }
    }

    /** Not at 100% after as long as the caller was willing to wait. */
    record Stalled(BootstrapStatus last, long seconds) implements TorFailure {
        public String messageKey() {
            return "tor.failure.stalled";
        }

        public List<String> arguments() {
            return List.of(String.valueOf(last.percent()), last.summary(), String.valueOf(seconds));
        }
    }
}
