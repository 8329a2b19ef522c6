package org.ptdispatcher.gui.tor;

/** A Tor run that cannot even start, with the failure that explains why. */
public final class TorSetupException extends Exception {
    private final TorFailure failure;

    public TorSetupException(TorFailure failure) {
        super(failure.messageKey() + " " + failure.arguments());
        this.failure = failure;
    }

    public TorFailure failure() {
        return failure;
    }
}
