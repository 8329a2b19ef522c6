package org.ptdispatcher.engine.net;

import io.netty.channel.group.ChannelGroup;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives the memory a load took back once the load is over: when no connection is open and none
 * was opened for a whole {@link #CHECK_INTERVAL}, after connections since the last time, one full
 * collection ({@link System#gc()}). The engine runs the serial collector, which shrinks the heap
 * only after a full collection (to what {@code -XX:MaxHeapFreeRatio} leaves free), and an idle
 * process collects nothing: without this a PT keeps the heap of its busiest minute for as long
 * as it runs. The native heap that the load's buffers and the JIT freed is handed back by the
 * JVM's trimmer ({@code -XX:TrimNativeHeapInterval} in {@code java-options.properties}).
 * Checked on an event loop, so the collection (tens of milliseconds on a heap this size) happens
 * when no connection is waiting on that loop; never while any connection is open.
 */
final class IdleMemoryRelease implements Runnable {
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(10);

    private final ChannelGroup connections;
    private final AtomicLong opened = new AtomicLong();
    private final Runnable release;
    private long openedAtLastCheck;
    private long openedAtLastRelease;

    IdleMemoryRelease(ChannelGroup connections) {
        this(connections, System::gc);
    }

    IdleMemoryRelease(ChannelGroup connections, Runnable release) {
        this.connections = connections;
        this.release = release;
    }

    /** A connection was opened (accepted or dialled). */
    void opened() {
        opened.incrementAndGet();
    }

    /** One check: called every {@link #CHECK_INTERVAL} from one thread. */
    @Override
    public void run() {
        long now = opened.get();
        boolean quiet = now == openedAtLastCheck && connections.isEmpty();
        openedAtLastCheck = now;
        if (quiet && now != openedAtLastRelease) {
            openedAtLastRelease = now;
            release.run();
        }
    }
}
