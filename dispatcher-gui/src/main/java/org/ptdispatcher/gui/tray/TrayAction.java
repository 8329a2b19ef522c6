package org.ptdispatcher.gui.tray;

/** What a tray menu entry does when chosen; each backend hands the chosen one to the app. */
public enum TrayAction {
    /** Connect the last profile, or disconnect it while it runs. */
    CONNECT_OR_DISCONNECT,
    /** Show the window (again) and bring it to the front. */
    OPEN,
    /** Quit the app the way it always quits: engines stopped, the system proxy put back. */
    QUIT
}
