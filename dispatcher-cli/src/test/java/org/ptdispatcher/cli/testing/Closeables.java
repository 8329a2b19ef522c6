package org.ptdispatcher.cli.testing;

/** Test clean-up. */
public final class Closeables {
    private Closeables() {
    }

    /** Closes each that is not null, all of them even if one fails: clean-up must not hide the test's own failure. */
    public static void closeAll(AutoCloseable... closeables) {
        for (AutoCloseable c : closeables) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }
}
