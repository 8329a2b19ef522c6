package org.ptdispatcher.gui;

import javafx.application.Application;
import org.ptdispatcher.gui.instance.InstanceEndpoint;
import org.ptdispatcher.gui.profile.ConfigDirectory;
import org.ptdispatcher.gui.sysproxy.RestoreSystemProxyCommand;
import org.ptdispatcher.gui.sysproxy.SystemProxy;
import org.ptdispatcher.gui.tor.HeadlessArguments;
import org.ptdispatcher.gui.tor.HeadlessConnect;

import java.util.List;

/**
 * Starts the desktop app. A separate main class (not the {@link Application} itself) lets the app
 * start from a plain class path, as {@code java -cp} and jpackage images run it. With
 * {@code --connect} it is the headless command ({@link HeadlessConnect}) and opens no window; with
 * {@code --restore-system-proxy}, the recovery command ({@link RestoreSystemProxyCommand}).
 * Otherwise, when this user's app already runs, the launch hands its arguments to that window
 * ({@link InstanceEndpoint}) and ends.
 */
public final class PtDispatcherApp {
    private PtDispatcherApp() {
    }

    public static void main(String[] args) {
        LibraryLogging.configure();
        if (HeadlessArguments.requested(List.of(args))) {
            // the headless command: the same Tor launch, no JavaFX toolkit
            System.exit(HeadlessConnect.run(List.of(args), System.out, System.err));
        }
        if (RestoreSystemProxyCommand.requested(List.of(args))) {
            // the recovery command: the system proxy settings from before the app changed them, no window
            System.exit(RestoreSystemProxyCommand.run(SystemProxy.forThisMachine(ConfigDirectory.locate()), System.out, System.err));
        }
        if (InstanceEndpoint.forward(InstanceEndpoint.socketIn(ConfigDirectory.locate()), List.of(args))) {
            // the running window has the arguments: no second window, no second toolkit
            System.exit(0);
        }
        Application.launch(DesktopApplication.class, args);
        // The app has stopped (engines, tray, socket): end here, whatever threads a tray backend
        // left behind (AWT's event thread waits for its auto-shutdown; a D-Bus library's pools).
        System.exit(0);
    }
}
