package org.ptdispatcher.engine.lifecycle;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.ipc.IpcWriter;
import org.ptdispatcher.engine.relay.Relay;
import org.ptdispatcher.engine.relay.TrafficCounts;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrafficReportsTest {
    /** How long the timer's first line may take before the test fails; never a wait in itself. */
    private static final long DEADLINE_MILLIS = 10_000;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final IpcWriter ipc = new IpcWriter(stdout, new ByteArrayOutputStream());
    private final TrafficCounts counts = new TrafficCounts();

    private List<String> lines() {
        synchronized (ipc) { // IpcWriter writes a line under its own lock
            String text = stdout.toString(StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        }
    }

    /** One relay of {@code transport} that read {@code in} bytes from the network side and {@code out} from the application. */
    private void relayed(String transport, int in, int out) {
        EmbeddedChannel app = new EmbeddedChannel();
        EmbeddedChannel net = new EmbeddedChannel();
        Relay.start(app, net, counts.of(transport), transport + " test relay");
        app.runPendingTasks();
        net.runPendingTasks();
        app.writeInbound(Unpooled.wrappedBuffer(new byte[out]));
        net.writeInbound(Unpooled.wrappedBuffer(new byte[in]));
        app.releaseOutbound();
        net.releaseOutbound();
    }

    @Test
    void oneLinePerTransportThatRelayedWithItsTotals() {
        counts.of("obfs4"); // opened, never used: nothing to say
        relayed("plain", 1000, 20);
        relayed("plain", 1, 2);
        relayed("shadow", 0, 0);
        try (TrafficReports reports = TrafficReports.every(Duration.ofDays(1), counts, ipc)) {
            reports.report();
        }
        assertEquals(List.of("STATUS TRANSPORT=plain BYTES-IN=1001 BYTES-OUT=22 CONNECTIONS=2",
                "STATUS TRANSPORT=shadow BYTES-IN=0 BYTES-OUT=0 CONNECTIONS=1"), lines());
    }

    @Test
    void theTimerWritesEveryIntervalUntilClosed() throws InterruptedException {
        relayed("plain", 5, 6);
        TrafficReports reports = TrafficReports.every(Duration.ofMillis(20), counts, ipc);
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (lines().size() < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        reports.close();
        List<String> atClose = lines();
        assertTrue(atClose.size() >= 3, "three intervals, three lines: " + atClose);
        assertTrue(atClose.stream().allMatch("STATUS TRANSPORT=plain BYTES-IN=5 BYTES-OUT=6 CONNECTIONS=1"::equals), atClose.toString());
        Thread.sleep(100); // five intervals: a timer still running would have written again
        assertEquals(atClose, lines(), "nothing after close");
    }
}
