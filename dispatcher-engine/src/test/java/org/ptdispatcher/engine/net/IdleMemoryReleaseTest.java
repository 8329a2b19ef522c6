package org.ptdispatcher.engine.net;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IdleMemoryReleaseTest {
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicInteger releases = new AtomicInteger();
    private final IdleMemoryRelease idle = new IdleMemoryRelease(connections, releases::incrementAndGet);

    @Test
    void aProcessThatNeverHadAConnectionCollectsNothing() {
        idle.run();
        idle.run();
        assertEquals(0, releases.get());
    }

    @Test
    void releasesOnceAQuietIntervalPassedWithNoConnectionOpen() {
        EmbeddedChannel connection = open();
        idle.run();
        assertEquals(0, releases.get(), "a connection is open");
        connection.close().syncUninterruptibly();
        idle.run();
        assertEquals(1, releases.get(), "none open, none opened since the last check");
        idle.run();
        idle.run();
        assertEquals(1, releases.get(), "nothing new to give back");
    }

    @Test
    void waitsForAWholeIntervalWithoutNewConnections() {
        open().close().syncUninterruptibly();
        idle.run();
        assertEquals(0, releases.get(), "a connection was opened in this interval: the load may go on");
        idle.run();
        assertEquals(1, releases.get());
        open().close().syncUninterruptibly();
        idle.run();
        idle.run();
        assertEquals(2, releases.get(), "a new load, a new release");
    }

    private EmbeddedChannel open() {
        EmbeddedChannel channel = new EmbeddedChannel();
        connections.add(channel);
        idle.opened();
        return channel;
    }
}
