package org.ptdispatcher.engine.crypto;

/**
 * Whether the SIMD keystream can run here. Kept apart from the classes that use
 * {@code jdk.incubator.vector} so that a runtime without that module never loads them: java
 * started without {@code --add-modules jdk.incubator.vector} simply gets the scalar cores.
 */
final class VectorLanes {
    private VectorLanes() {
    }

    static boolean usable() {
        return Probe.USABLE;
    }

    static boolean moduleMissing() {
        return !Boolean.getBoolean(Keystream.SCALAR_PROPERTY) && ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty();
    }

    static Keystream keystream(Keystream.Core core) {
        return core == Keystream.Core.SALSA20 ? new VectorSalsa20() : new VectorChaCha20();
    }

    /**
     * The probe, in a holder of its own: asking the hardware loads about 50 classes of the Vector
     * API, which {@link #moduleMissing} (asked when a transport starts) must not pull in, so that
     * an idle engine loads them only with its first connection's cipher.
     */
    private static final class Probe {
        static final boolean USABLE = !Boolean.getBoolean(Keystream.SCALAR_PROPERTY)
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && VectorKeystream.hardwareSupported();
    }
}
