package org.ptdispatcher.gui.sysproxy;

import java.io.IOException;
import java.util.Map;

/**
 * One place where the operating system keeps proxy settings (GNOME's, KDE's, one macOS network
 * service's, Windows' Internet Settings, an environment file), as named values in that place's own
 * notation: what {@link #read} returns can be given back to {@link #write} unchanged, which is how
 * the settings before ours are restored.
 */
public interface ProxySettings {
    /** Which place, in the journal and in messages: "GNOME", "KDE", "macOS Wi-Fi", ... */
    String name();

    /** The current values of every key {@link #settingsFor} sets; a value that is not set reads as "". */
    Map<String, String> read() throws IOException;

    /** The values that point this place at {@code target}. */
    Map<String, String> settingsFor(ProxyTarget target);

    /**
     * Whether {@code current} (from {@link #read}) still holds the app's {@code applied} settings,
     * so that putting back the previous ones takes nothing from anyone.
     */
    default boolean stillHolds(Map<String, String> current, Map<String, String> applied) {
        return current.equals(applied);
    }

    /** Sets each of {@code values} (a value of "" unsets its key), and tells running programs when the place needs that. */
    void write(Map<String, String> values) throws IOException;
}
