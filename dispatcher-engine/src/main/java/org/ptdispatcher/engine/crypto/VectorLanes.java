package org.ptdispatcher.engine.crypto;

/**
 * Whether the SIMD keystream can run here. Kept apart from the classes that use
 * {@code jdk.incubator.vector} so that a runtime without that module never loads them: java
 * started without {@code --add-modules jdk.incubator.vector} simply gets the scalar cores.
 */
final class VectorLanes {
    private static final boolean USABLE = probe();

    private VectorLanes() {
    }

    static boolean usable() {
        return USABLE;
    }

    static boolean moduleMissing() {
        return !Boolean.getBoolean(Keystream.SCALAR_PROPERTY) && ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty();
    }

    static Keystream keystream(Keystream.Core core) {
        return core == Keystream.Core.SALSA20 ? new VectorSalsa20() : new VectorChaCha20();
    }

    private static boolean probe() {
        return !Boolean.getBoolean(Keystream.SCALAR_PROPERTY)
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && VectorKeystream.hardwareSupported();
    }
}
