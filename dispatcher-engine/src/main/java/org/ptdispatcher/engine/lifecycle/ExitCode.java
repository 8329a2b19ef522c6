package org.ptdispatcher.engine.lifecycle;

/** The exit codes the spec gives meaning to (sysexits.h). */
public final class ExitCode {
    /** Graceful shutdown. */
    public static final int OK = 0;
    /** ENV-ERROR: the configuration is unusable. */
    public static final int USAGE = 64;
    /** PROXY-ERROR: the upstream proxy is unusable. */
    public static final int UNAVAILABLE = 69;
    /** An internal error: a bug, reported as one line on stderr. */
    public static final int SOFTWARE = 70;
    /** VERSION-ERROR: no compatible version offered. */
    public static final int CONFIG = 78;

    private ExitCode() {
    }
}
