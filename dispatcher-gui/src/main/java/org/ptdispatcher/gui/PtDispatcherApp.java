package org.ptdispatcher.gui;

/**
 * Placeholder for the JavaFX desktop app. The app will spawn {@code ptdispatcher} as a child
 * process and speak the Dispatcher IPC interface with it; until the GUI lands it only says so.
 */
public final class PtDispatcherApp {
    private PtDispatcherApp() {
    }

    public static void main(String[] args) {
        System.err.println("The PT Dispatcher desktop app is not built yet; run dispatcher-cli/target/ptdispatcher -help.");
        System.exit(2);
    }
}
