package org.ptdispatcher.gui.tor;

import java.util.List;

/**
 * One whole reply of tor's control port (control-spec 2.3): a status code and its lines, each
 * without the code and the separator; a data line ({@code 250+key=}) carries its data block, joined
 * with newlines, after the {@code =}. Code 650 is an asynchronous event; the rest answer commands
 * in order.
 */
public record ControlReply(int status, List<String> lines) {
    public static final int EVENT = 650;

    public ControlReply {
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
    }

    public boolean isEvent() {
        return status == EVENT;
    }

    public boolean isOk() {
        return status >= 200 && status < 300;
    }

    public String firstLine() {
        return lines.get(0);
    }

    /** {@code GETINFO key}'s value in this reply ({@code key=value} or a data block), if there. */
    public java.util.Optional<String> value(String key) {
        String prefix = key + "=";
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst();
    }

    @Override
    public String toString() {
        return status + " " + String.join(" | ", lines);
    }
}
