package org.ptdispatcher.engine.transport;

import java.util.List;
import java.util.Optional;

/**
 * The description of one option a transport reads, so that help screens and the GUI's forms can
 * be made without knowing the transport. Made with {@link #builder}, which names the flags
 * ({@code required}, {@code secret}, {@code advanced}) that a positional call would leave as bare booleans.
 *
 * @param name         the key, as in {@code -options} and SOCKS args
 * @param type         how the value is written
 * @param side         which half reads it
 * @param required     whether the half cannot work without it
 * @param defaultValue the value used when it is absent, if any
 * @param secret       whether the value must be hidden on screen and never logged
 * @param choices      the allowed values for {@link Type#CHOICE}
 * @param description  one sentence for a person filling in a form
 * @param advanced     rarely needed (old bridge lines, keys the state file keeps, accepted-and-ignored
 *                     options): forms keep it folded away, so a new user sees what matters
 */
public record TransportOption(String name, Type type, Side side, boolean required, Optional<String> defaultValue,
                              boolean secret, List<String> choices, String description, boolean advanced) {

    public enum Type { TEXT, INTEGER, BOOLEAN, CHOICE, HOST_PORT }

    public enum Side { CLIENT, SERVER, BOTH }

    public TransportOption {
        choices = List.copyOf(choices);
    }

    /** An option that is optional, not secret, without a default or choices until the builder says so. */
    public static Builder builder(String name, Type type, Side side) {
        return new Builder(name, type, side);
    }

    public static final class Builder {
        private final String name;
        private final Type type;
        private final Side side;
        private boolean required;
        private Optional<String> defaultValue = Optional.empty();
        private boolean secret;
        private List<String> choices = List.of();
        private String description = "";
        private boolean advanced;

        private Builder(String name, Type type, Side side) {
            this.name = name;
            this.type = type;
            this.side = side;
        }

        /** The half cannot work without it. */
        public Builder required() {
            required = true;
            return this;
        }

        /** Hidden on screen and never logged. */
        public Builder secret() {
            secret = true;
            return this;
        }

        /** Rarely needed: folded away in forms. */
        public Builder advanced() {
            advanced = true;
            return this;
        }

        public Builder defaultValue(String value) {
            defaultValue = Optional.of(value);
            return this;
        }

        public Builder choices(List<String> values) {
            choices = values;
            return this;
        }

        public Builder description(String sentence) {
            description = sentence;
            return this;
        }

        public TransportOption build() {
            return new TransportOption(name, type, side, required, defaultValue, secret, choices, description, advanced);
        }
    }
}
