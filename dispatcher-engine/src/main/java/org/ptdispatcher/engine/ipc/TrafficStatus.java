package org.ptdispatcher.engine.ipc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * ptdispatcher's traffic report, asked for with {@code -trafficInterval}: a pt-spec STATUS line
 * (which allows any {@code K=V} pairs after {@code TRANSPORT=}),
 * {@code STATUS TRANSPORT=<name> BYTES-IN=<n> BYTES-OUT=<n> CONNECTIONS=<n>}. The byte counts are
 * totals since the engine started, so a line lost or skipped loses nothing: in is what the
 * transport's relays read from the network side (for a client what the user received, down; for
 * a server what its clients sent), out what they wrote to it. The engine writes it, the app reads it.
 *
 * @param connections the transport's connections being relayed now
 */
public record TrafficStatus(String transport, long bytesIn, long bytesOut, int connections) {
    public static final String BYTES_IN = "BYTES-IN";
    public static final String BYTES_OUT = "BYTES-OUT";
    public static final String CONNECTIONS = "CONNECTIONS";

    public IpcMessage.Status toMessage() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(BYTES_IN, Long.toString(bytesIn));
        values.put(BYTES_OUT, Long.toString(bytesOut));
        values.put(CONNECTIONS, Integer.toString(connections));
        return new IpcMessage.Status(transport, values);
    }

    /** Whether {@code status} is a traffic report rather than, say, tor's per-connection STATUS. */
    public static boolean isTraffic(IpcMessage.Status status) {
        return status.values().containsKey(BYTES_IN);
    }

    /** The report {@code status} carries; empty when it is not one, or a count is not a number that can be one. */
    public static Optional<TrafficStatus> read(IpcMessage.Status status) {
        try {
            long in = Long.parseLong(status.values().getOrDefault(BYTES_IN, ""));
            long out = Long.parseLong(status.values().getOrDefault(BYTES_OUT, ""));
            int open = Integer.parseInt(status.values().getOrDefault(CONNECTIONS, "0"));
            if (in < 0 || out < 0 || open < 0) {
                return Optional.empty();
            }
            return Optional.of(new TrafficStatus(status.transport(), in, out, open));
        } catch (NumberFormatException notACount) {
            return Optional.empty();
        }
    }
}
