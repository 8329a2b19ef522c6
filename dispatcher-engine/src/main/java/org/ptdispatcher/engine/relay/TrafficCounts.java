package org.ptdispatcher.engine.relay;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every transport's {@link TransportTraffic} in this engine, in the order the transports were opened. */
public final class TrafficCounts {
    private final Map<String, TransportTraffic> byTransport = new LinkedHashMap<>();

    /** The counts of {@code transport}, made on first use. */
    public synchronized TransportTraffic of(String transport) {
        return byTransport.computeIfAbsent(transport, name -> new TransportTraffic());
    }

    /** A copy, by transport name, to read while the relays go on adding. */
    public synchronized Map<String, TransportTraffic> all() {
        return new LinkedHashMap<>(byTransport);
    }
}
