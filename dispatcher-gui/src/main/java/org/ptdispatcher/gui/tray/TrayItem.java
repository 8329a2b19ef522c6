package org.ptdispatcher.gui.tray;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the tray menu, the same for every backend: a line of text (the status, never
 * chosen), a separator, or a command that does an {@link TrayAction}.
 *
 * @param kind    which of the three
 * @param label   the text shown; empty for a separator
 * @param enabled whether it can be chosen now (a text line never can)
 * @param action  what choosing it does; empty for a text line and a separator
 */
public record TrayItem(Kind kind, String label, boolean enabled, Optional<TrayAction> action) {
    public enum Kind { TEXT, SEPARATOR, COMMAND }

    public TrayItem {
        Objects.requireNonNull(kind);
        label = label == null ? "" : label;
        action = action == null ? Optional.empty() : action;
    }

    public static TrayItem text(String label) {
        return new TrayItem(Kind.TEXT, label, false, Optional.empty());
    }

    public static TrayItem separator() {
        return new TrayItem(Kind.SEPARATOR, "", true, Optional.empty());
    }

    public static TrayItem command(String label, boolean enabled, TrayAction action) {
        return new TrayItem(Kind.COMMAND, label, enabled, Optional.of(action));
    }
}
