package org.ptdispatcher.engine.transport;

import org.ptdispatcher.engine.crypto.Keystream;
import org.ptdispatcher.engine.log.EngineLog;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One LOG WARNING line, once per process, when a transport whose cipher is a Salsa20 or ChaCha20
 * keystream (obfs4, shadow's chacha20) runs on a JVM started without the Vector API module: it
 * then computes a block at a time, at about half the speed, and the fix is only a matter of how
 * the engine is started.
 */
public final class ScalarKeystreamWarning {
    private static final System.Logger LOG = EngineLog.logger(ScalarKeystreamWarning.class);
    private static final AtomicBoolean SAID = new AtomicBoolean();

    private ScalarKeystreamWarning() {
    }

    /** Says it for {@code transport}, unless the SIMD cores can run or it was said already. */
    public static void warnIfSlower(String transport) {
        if (Keystream.vectorModuleMissing() && SAID.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, transport + " runs its cipher at about half speed: this JVM was started without "
                    + "the Vector API module. Start the engine with its launcher (ptdispatcher), or as "
                    + "java --add-modules jdk.incubator.vector -jar ptdispatcher.jar");
        }
    }
}
