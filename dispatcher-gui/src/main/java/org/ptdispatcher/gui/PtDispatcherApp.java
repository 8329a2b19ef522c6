package org.ptdispatcher.gui;

import javafx.application.Application;
import org.ptdispatcher.gui.tor.HeadlessArguments;
import org.ptdispatcher.gui.tor.HeadlessConnect;

import java.util.List;

/**
 * Starts the desktop app. A separate main class (not the {@link Application} itself) lets the app
 * start from a plain class path, as {@code java -cp} and jpackage images run it. With
 * {@code --connect} it is the headless command ({@link HeadlessConnect}) and opens no window.
 */
public final class PtDispatcherApp {
    private PtDispatcherApp() {
    }

    public static void main(String[] args) {
        if (HeadlessArguments.requested(List.of(args))) {
            // the headless command: the same Tor launch, no JavaFX toolkit
            System.exit(HeadlessConnect.run(List.of(args), System.out, System.err));
        }
        Application.launch(DesktopApplication.class, args);
    }
}
