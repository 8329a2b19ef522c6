package org.ptdispatcher.gui.tor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts tor's control-port lines together into replies (control-spec 2.3): {@code NNN-} lines
 * continue a reply, {@code NNN+} lines start a data block that ends with a lone {@code .} (leading
 * dots doubled), {@code NNN } ends it. Pure: the connection feeds it the lines it reads.
 */
public final class ControlReplyReader {
    private final List<String> lines = new ArrayList<>();
    private StringBuilder data;
    private boolean dataStarted;
    private int status = -1;

    /**
     * Takes one line (without its CRLF).
     *
     * @return the reply this line completes, if it completes one
     * @throws ControlProtocolException if the line is not a reply line
     */
    public Optional<ControlReply> accept(String line) throws ControlProtocolException {
        if (data != null) {
            if (line.equals(".")) {
                lines.add(data.toString());
                data = null;
            } else {
                if (dataStarted) {
                    data.append('\n');
                }
                dataStarted = true;
                data.append(line.startsWith(".") ? line.substring(1) : line);
            }
            return Optional.empty();
        }
        if (line.length() < 4 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1)) || !Character.isDigit(line.charAt(2))) {
            throw new ControlProtocolException("not a control reply line: " + line);
        }
        int code = Integer.parseInt(line.substring(0, 3));
        if (status >= 0 && code != status) {
            throw new ControlProtocolException("status " + code + " inside a reply of " + status + ": " + line);
        }
        status = code;
        String text = line.substring(4);
        switch (line.charAt(3)) {
            case '-' -> lines.add(text);
            case '+' -> {
                data = new StringBuilder(text);
                dataStarted = false;
            }
            case ' ' -> {
                lines.add(text);
                ControlReply reply = new ControlReply(status, lines);
                lines.clear();
                status = -1;
                return Optional.of(reply);
            }
            default -> throw new ControlProtocolException("unknown separator in " + line);
        }
        return Optional.empty();
    }
}
