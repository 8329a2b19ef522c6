package org.ptdispatcher.gui;

import javafx.application.Application;

/**
 * Starts the desktop app. A separate main class (not the {@link Application} itself) lets the app
 * start from a plain class path, as {@code java -cp} and jpackage images run it.
 */
public final class PtDispatcherApp {
    private PtDispatcherApp() {
    }

    public static void main(String[] args) {
        Application.launch(DesktopApplication.class, args);
    }
}
