package org.ptdispatcher.engine.lifecycle;

import org.ptdispatcher.engine.log.EngineLog;

/**
 * Installs handlers for POSIX signals with {@code sun.misc.Signal} (module jdk.unsupported, in
 * every JDK), the only way to exit with status 0 on SIGTERM: a shutdown hook cannot change the
 * 143 the JVM would report. Where a signal does not exist (SIGTERM on some Windows builds), the
 * default behaviour stays.
 */
final class Signals {
    private Signals() {
    }

    static void handle(String name, Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> action.run());
        } catch (IllegalArgumentException | LinkageError unavailable) {
            EngineLog.logger(Signals.class).log(System.Logger.Level.DEBUG, "signal " + name + " cannot be handled here: " + unavailable);
        }
    }
}
