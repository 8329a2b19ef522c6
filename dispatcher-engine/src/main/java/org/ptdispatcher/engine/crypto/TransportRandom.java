package org.ptdispatcher.engine.crypto;

import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The random source of the transports (obfs2's and obfs4's seeds, keys and padding): the JDK's
 * NIST DRBG (Hash_DRBG, SHA-256, 256-bit strength), seeded from the operating system once and
 * reseeded by the JDK when it decides to.
 * Unlike the default source on Linux, it does not read /dev/urandom on every call, so the event
 * loops that make keys and padding do no file I/O. Thread-safe.
 *
 * <p>One instance is shared, made on first use rather than when the transport classes load:
 * the registry loads every transport at start-up, and a dispatcher that runs only {@code plain}
 * should not pay for the security providers and the DRBG's seeding before it can answer.
 */
public final class TransportRandom {
    private TransportRandom() {
    }

    private static final class Shared {
        static final SecureRandom INSTANCE = create();
    }

    public static SecureRandom shared() {
        return Shared.INSTANCE;
    }

    private static SecureRandom create() {
        try {
            return SecureRandom.getInstance("DRBG", DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
