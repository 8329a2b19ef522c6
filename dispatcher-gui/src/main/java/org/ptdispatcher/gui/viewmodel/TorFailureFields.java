package org.ptdispatcher.gui.viewmodel;

import org.ptdispatcher.gui.profile.ProfileField;
import org.ptdispatcher.gui.tor.TorFailure;

import java.util.Optional;

/** Where the user fixes what a {@link TorFailure} names: the field its "go to" button opens, if there is one to change. */
public final class TorFailureFields {
    private TorFailureFields() {
    }

    public static Optional<String> fieldOf(TorFailure failure) {
        if (failure instanceof TorFailure.TorNotFound || failure instanceof TorFailure.TransportFailed
                || failure instanceof TorFailure.EngineNotFound || failure instanceof TorFailure.EnginePathHasSpace) {
            // which tor and which engine are chosen in the engine settings
            return Optional.of(ProfileField.ENGINE);
        }
        if (failure instanceof TorFailure.PortInUse) {
            return Optional.of(ProfileField.LISTEN);
        }
        if (failure instanceof TorFailure.MalformedBridgeLine || failure instanceof TorFailure.NoBridge) {
            return Optional.of(ProfileField.TARGET);
        }
        return Optional.empty();
    }
}
