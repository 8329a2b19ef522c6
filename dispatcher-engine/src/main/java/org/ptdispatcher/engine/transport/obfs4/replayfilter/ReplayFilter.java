package org.ptdispatcher.engine.transport.obfs4.replayfilter;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the MACs of accepted client handshakes for a while (obfs4proxy: 3 hours) so that a
 * recorded handshake replayed by a prober is refused. Bounded: the oldest entries go first when
 * it is full. Shared by all connections of a server, hence synchronized.
 */
public final class ReplayFilter {
    private final long ttlNanos;
    private final int capacity;
    private final LinkedHashMap<ByteBuffer, Long> seen = new LinkedHashMap<>();

    public ReplayFilter(long ttlNanos, int capacity) {
        this.ttlNanos = ttlNanos;
        this.capacity = capacity;
    }

    /** Records {@code mac} and says whether it was already there (a replay). */
    public synchronized boolean testAndSet(long nowNanos, byte[] mac) {
        expire(nowNanos);
        ByteBuffer key = ByteBuffer.wrap(mac.clone());
        if (seen.containsKey(key)) {
            return true;
        }
        if (seen.size() >= capacity) {
            Iterator<?> oldest = seen.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
        seen.put(key, nowNanos);
        return false;
    }

    private void expire(long nowNanos) {
        Iterator<Map.Entry<ByteBuffer, Long>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            if (nowNanos - it.next().getValue() < ttlNanos) {
                return;
            }
            it.remove();
        }
    }
}
