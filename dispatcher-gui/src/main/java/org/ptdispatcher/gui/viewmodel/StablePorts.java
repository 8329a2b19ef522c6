package org.ptdispatcher.gui.viewmodel;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.gui.profile.Profile;

import java.util.Collection;
import java.util.OptionalInt;
import java.util.function.IntSupplier;

/**
 * Gives a profile its port once, when it is made, so that it stays the same across restarts: the
 * port a browser was pointed at, or the port in a bridge line that was shared, is still right
 * tomorrow. A client listens on 127.0.0.1 (only this computer may use its proxy), a server on all
 * addresses (it is there to be reached). A profile that already has a port keeps it unless another
 * profile has the same one (a copy): then it gets a new one.
 *
 * <p>The port is free when it is chosen; if something takes it later, the engine says "address in
 * use" at Start and the user can change it in the form, as with any port they typed.
 */
final class StablePorts {
    private static final String CLIENT_HOST = "127.0.0.1";
    private static final String SERVER_HOST = "0.0.0.0";
    /** A port another profile has is not listened on when that one is stopped, so the system may offer it again; rarely twice. */
    private static final int MAX_TRIES = 20;

    private final IntSupplier freePort;

    /** @param freePort a port nothing listens on now */
    StablePorts(IntSupplier freePort) {
        this.freePort = freePort;
    }

    /**
     * {@code profile} with a fixed port of its own among {@code others}. Demo profiles are made
     * with their ports already. A client whose engine is configured through the environment alone
     * is left without one: such an engine chooses its own port (pt-spec version 1 has no way to
     * ask for one).
     */
    Profile assign(Profile profile, Collection<Profile> others, boolean engineChoosesClientPort) {
        if (profile.demo() || (profile.isClient() && engineChoosesClientPort && !profile.throughTor())) {
            return profile;
        }
        OptionalInt port = portOf(profile.listenAddress());
        if (port.isPresent() && port.getAsInt() != 0 && !takenByAnother(profile, port.getAsInt(), others)) {
            return profile;
        }
        String host = hostOf(profile);
        int chosen = freePort.getAsInt();
        for (int tries = 1; tries < MAX_TRIES && takenByAnother(profile, chosen, others); tries++) {
            chosen = freePort.getAsInt();
        }
        return profile.toBuilder().listenAddress(new HostPort(host, chosen).toString()).build();
    }

    /** The host the profile listens on now, else the default for its role. */
    private static String hostOf(Profile profile) {
        try {
            return HostPort.parseBindable(profile.listenAddress()).host();
        } catch (IllegalArgumentException emptyOrUnusable) {
            return profile.isClient() ? CLIENT_HOST : SERVER_HOST;
        }
    }

    private static boolean takenByAnother(Profile profile, int port, Collection<Profile> others) {
        return others.stream().anyMatch(other -> !other.id().equals(profile.id()) && portOf(other.listenAddress()).equals(OptionalInt.of(port)));
    }

    private static OptionalInt portOf(String listenAddress) {
        try {
            return OptionalInt.of(HostPort.parseBindable(listenAddress).port());
        } catch (IllegalArgumentException emptyOrUnusable) {
            return OptionalInt.empty();
        }
    }
}
