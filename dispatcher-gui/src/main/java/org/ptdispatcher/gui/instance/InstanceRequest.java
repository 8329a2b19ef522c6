package org.ptdispatcher.gui.instance;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a second launch tells the running instance, as UTF-8 lines: {@code OPEN <argument>} for
 * each of its arguments, or {@code SHOW} when it has none; the running one answers {@link #ACK}.
 * Any process of the user can write to the socket, so a request is read as untrusted: at most
 * {@link #MAX_BYTES}, strict UTF-8, and lines it does not know are ignored.
 */
public final class InstanceRequest {
    /** Enough for a few links; an argument that would not fit is not sent. */
    public static final int MAX_BYTES = 16 * 1024;
    public static final String ACK = "OK\n";
    private static final String OPEN = "OPEN ";
    private static final String SHOW = "SHOW";

    private InstanceRequest() {
    }

    /**
     * The request for a launch with {@code arguments}. An argument with a line break in it, or one
     * that would make the request too long, is left out: it could not be a link the import reads.
     */
    public static byte[] encode(List<String> arguments) {
        StringBuilder request = new StringBuilder();
        int bytes = 0;
        for (String argument : arguments) {
            String line = OPEN + argument + "\n";
            int length = line.getBytes(StandardCharsets.UTF_8).length;
            if (argument.indexOf('\n') < 0 && argument.indexOf('\r') < 0 && bytes + length <= MAX_BYTES) {
                request.append(line);
                bytes += length;
            }
        }
        if (request.length() == 0) {
            request.append(SHOW).append('\n');
        }
        return request.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The arguments a request carries (none for {@code SHOW}); empty when it is not a request: too
     * long, not UTF-8, or without a single line this protocol knows.
     */
    public static Optional<List<String>> decode(byte[] request) {
        if (request.length > MAX_BYTES) {
            return Optional.empty();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(request)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        List<String> arguments = new ArrayList<>();
        boolean understood = false;
        for (String line : text.split("\n")) {
            if (line.startsWith(OPEN)) {
                arguments.add(line.substring(OPEN.length()));
                understood = true;
            } else if (line.equals(SHOW)) {
                understood = true;
            }
        }
        return understood ? Optional.of(List.copyOf(arguments)) : Optional.empty();
    }
}
