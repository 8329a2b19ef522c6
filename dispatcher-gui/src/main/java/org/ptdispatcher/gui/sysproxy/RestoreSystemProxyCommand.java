package org.ptdispatcher.gui.sysproxy;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code --restore-system-proxy}: puts back the proxy settings from before the app changed them,
 * without opening a window (for a desktop left pointing at a proxy that is gone, when the window
 * will not open). Exit 0 when there was nothing to do or it was done, 1 when it could not be.
 */
public final class RestoreSystemProxyCommand {
    public static final String FLAG = "--restore-system-proxy";

    private RestoreSystemProxyCommand() {
    }

    public static boolean requested(List<String> arguments) {
        return arguments.contains(FLAG);
    }

    public static int run(SystemProxy systemProxy, PrintStream out, PrintStream err) {
        try {
            SystemProxy.Restored restored = systemProxy.restore();
            if (restored.nothing()) {
                out.println("Nothing to restore: PT Dispatcher has not changed the system proxy.");
            }
            for (String place : restored.places()) {
                out.println("Restored the proxy settings of " + place + " to what they were before PT Dispatcher changed them.");
            }
            for (String place : restored.leftAlone()) {
                out.println("Left the proxy settings of " + place + " alone: they were changed after PT Dispatcher set them.");
            }
            return 0;
        } catch (IOException e) {
            err.println("Could not restore the system proxy: " + e.getMessage());
            return 1;
        }
    }
}
