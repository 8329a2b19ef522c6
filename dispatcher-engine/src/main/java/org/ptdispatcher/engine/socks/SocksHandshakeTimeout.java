package org.ptdispatcher.engine.socks;

import org.ptdispatcher.engine.log.EngineLog;

import java.time.Duration;

/**
 * How long a SOCKS client has to finish its handshake: {@value #DEFAULT_SECONDS} seconds, or the
 * seconds the system property {@value #PROPERTY} names (a JVM option, such as the launcher passes
 * on from {@code PTDISPATCHER_JAVA_OPTS}; the tests use a short one). The spec leaves the time to
 * the implementation (section 1.4: "an implementation-dependent timeout").
 */
public final class SocksHandshakeTimeout {
    public static final String PROPERTY = "ptdispatcher.socksHandshakeTimeout";
    static final int DEFAULT_SECONDS = 10;

    private static final Duration CONFIGURED = parse(System.getProperty(PROPERTY));

    private SocksHandshakeTimeout() {
    }

    /** The timeout this process runs with, read once from {@value #PROPERTY}. */
    public static Duration configured() {
        return CONFIGURED;
    }

    /** {@code seconds} (a positive decimal number), or the default when it is absent or not one (with a WARN line saying so). */
    static Duration parse(String seconds) {
        if (seconds == null) {
            return Duration.ofSeconds(DEFAULT_SECONDS);
        }
        try {
            double value = Double.parseDouble(seconds.trim());
            if (value > 0 && value <= 3600) {
                return Duration.ofMillis(Math.max(1, Math.round(value * 1000)));
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        EngineLog.logger(SocksHandshakeTimeout.class).log(System.Logger.Level.WARNING,
                PROPERTY + " \"" + seconds + "\" is not a number of seconds between 0 and 3600; using " + DEFAULT_SECONDS);
        return Duration.ofSeconds(DEFAULT_SECONDS);
    }
}
