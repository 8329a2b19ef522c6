package org.ptdispatcher.engine.transport;

import java.util.List;
import java.util.Optional;

/**
 * The description of one option a transport reads, so that help screens and the GUI's forms can
 * be made without knowing the transport.
 *
 * @param name         the key, as in {@code -options} and SOCKS args
 * @param type         how the value is written
 * @param side         which half reads it
 * @param required     whether the half cannot work without it
 * @param defaultValue the value used when it is absent, if any
 * @param secret       whether the value must be hidden on screen and never logged
 * @param choices      the allowed values for {@link Type#CHOICE}
 * @param description  one sentence for a person filling in a form
 */
public record TransportOption(String name, Type type, Side side, boolean required, Optional<String> defaultValue,
                              boolean secret, List<String> choices, String description) {

    public enum Type { TEXT, INTEGER, BOOLEAN, CHOICE, HOST_PORT }

    public enum Side { CLIENT, SERVER, BOTH }

    public TransportOption {
        choices = List.copyOf(choices);
    }
}
