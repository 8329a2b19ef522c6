package org.ptdispatcher.gui.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A whole HTTP/1.1 answer read to the connection's end ({@code Connection: close}): its status and its body's length. */
final class HttpAnswer {
    private HttpAnswer() {
    }

    static ConnectionTestResult read(String shown, byte[] answer, Duration time) {
        int headerEnd = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String head = new String(answer, 0, headerEnd < 0 ? Math.min(answer.length, 200) : headerEnd, StandardCharsets.ISO_8859_1);
        String[] status = head.split("\r\n", 2)[0].split(" ");
        if (headerEnd < 0 || status.length < 2 || !status[0].startsWith("HTTP/")) {
            return new ConnectionTestResult.Unreachable(shown, answer.length == 0 ? ConnectionTestResult.Failure.CLOSED : ConnectionTestResult.Failure.NOT_HTTP);
        }
        int code;
        try {
            code = Integer.parseInt(status[1]);
        } catch (NumberFormatException e) {
            return new ConnectionTestResult.Unreachable(shown, ConnectionTestResult.Failure.NOT_HTTP);
        }
        long body = answer.length - headerEnd - 4L;
        if (head.toLowerCase(java.util.Locale.ROOT).contains("\r\ntransfer-encoding: chunked")) {
            body = ChunkedLength.of(answer, headerEnd + 4);
        }
        return new ConnectionTestResult.Fetched(shown, code, body, time);
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The length of a chunked body's data (RFC 9112 section 7.1): the sizes summed, extensions and trailers skipped. */
    static final class ChunkedLength {
        private ChunkedLength() {
        }

        static long of(byte[] data, int from) {
            long total = 0;
            int i = from;
            while (i < data.length) {
                int lineEnd = i;
                while (lineEnd + 1 < data.length && !(data[lineEnd] == '\r' && data[lineEnd + 1] == '\n')) {
                    lineEnd++;
                }
                String sizeText = new String(data, i, lineEnd - i, StandardCharsets.US_ASCII).split(";", 2)[0].trim();
                long size;
                try {
                    size = Long.parseLong(sizeText, 16);
                } catch (NumberFormatException e) {
                    return total;
                }
                if (size == 0) {
                    return total;
                }
                total += size;
                i = lineEnd + 2 + (int) size + 2;
            }
            return total;
        }
    }
}
