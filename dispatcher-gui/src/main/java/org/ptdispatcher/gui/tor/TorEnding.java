package org.ptdispatcher.gui.tor;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a Tor run ended.
 *
 * @param exitCode tor's exit code; empty when tor never started
 * @param failure  why it could not get (or stay) online; empty when it was stopped
 */
public record TorEnding(OptionalInt exitCode, Optional<TorFailure> failure) {
    public static TorEnding before(TorFailure failure) {
        return new TorEnding(OptionalInt.empty(), Optional.of(failure));
    }
}
