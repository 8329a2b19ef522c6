package org.ptdispatcher.engine.transport.obfs4;

import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The random source of the obfs transports: the JDK's NIST DRBG (Hash_DRBG, SHA-256, 256-bit
 * strength), seeded from the operating system once and reseeded by the JDK when it decides to.
 * Unlike the default source on Linux, it does not read /dev/urandom on every call, so the event
 * loops that make keys and padding do no file I/O. Thread-safe.
 */
public final class Obfs4Random {
    private Obfs4Random() {
    }

    public static SecureRandom create() {
        try {
            return SecureRandom.getInstance("DRBG", DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
