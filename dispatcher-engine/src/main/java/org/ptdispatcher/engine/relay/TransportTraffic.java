package org.ptdispatcher.engine.relay;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one transport's relays have carried since the engine started: bytes read from the
 * network side (the transport's stream; for a client what the user received, for a server what
 * its clients sent) and bytes written to it, and how many relays are open now. Every relayed
 * connection adds to it, on the event loops, and so does each datagram of the datagram modes
 * (its payload, without the mode's framing); the totals are read from any thread. The bytes are
 * the plaintext the relay moves, not the transport's framing and padding on the wire.
 */
public final class TransportTraffic {
    // LongAdder: the event loops add at once without contending for one cache line.
    private final LongAdder fromNetwork = new LongAdder();
    private final LongAdder toNetwork = new LongAdder();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean relayed;

    /** The totals now; each is a count that only grows, except {@code openConnections}. */
    public record Totals(long bytesIn, long bytesOut, int openConnections) {
    }

    public Totals totals() {
        return new Totals(fromNetwork.sum(), toNetwork.sum(), open.get());
    }

    /** Whether a connection of this transport has been relayed since start (before, there is nothing to say). */
    public boolean relayedAny() {
        return relayed;
    }

    /** A datagram mode's datagram of {@code bytes} came out of the transport's stream. */
    public void datagramFromNetwork(int bytes) {
        fromNetwork.add(bytes);
    }

    /** A datagram mode's datagram of {@code bytes} went into the transport's stream. */
    public void datagramToNetwork(int bytes) {
        toNetwork.add(bytes);
    }

    LongAdder fromNetwork() {
        return fromNetwork;
    }

    LongAdder toNetwork() {
        return toNetwork;
    }

    /** A connection opened: a relay's, or a datagram mode's (one datagram source's, or one client's); it counts until {@link #closed}. */
    public void opened() {
        relayed = true;
        open.incrementAndGet();
    }

    public void closed() {
        open.decrementAndGet();
    }
}
