package org.ptdispatcher.engine.ipc;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrafficStatusTest {
    @Test
    void aReportIsAStatusLineThatReadsBackAsItself() {
        TrafficStatus report = new TrafficStatus("obfs4", 5_000_000_000L, 1234, 2);
        assertEquals("STATUS TRANSPORT=obfs4 BYTES-IN=5000000000 BYTES-OUT=1234 CONNECTIONS=2", Dialect.newest().render(report.toMessage()));
        IpcMessage.Status parsed = (IpcMessage.Status) IpcLineParser.parse(Dialect.newest().render(report.toMessage())).orElseThrow();
        assertTrue(TrafficStatus.isTraffic(parsed));
        assertEquals(Optional.of(report), TrafficStatus.read(parsed));
    }

    @Test
    void torsConnectionStatusIsNotAReport() {
        IpcMessage.Status connection = new IpcMessage.Status("obfs4", Map.of("ADDRESS", "192.0.2.1:443", "CONNECT", "Success"));
        assertFalse(TrafficStatus.isTraffic(connection));
        assertEquals(Optional.empty(), TrafficStatus.read(connection));
    }

    @Test
    void countsThatCannotBeCountsAreNoReport() {
        for (String in : new String[] {"", "-1", "many", "99999999999999999999"}) {
            IpcMessage.Status status = new IpcMessage.Status("plain", Map.of("BYTES-IN", in, "BYTES-OUT", "1"));
            assertEquals(Optional.empty(), TrafficStatus.read(status), in);
        }
        assertEquals(Optional.of(new TrafficStatus("plain", 1, 2, 0)),
                TrafficStatus.read(new IpcMessage.Status("plain", Map.of("BYTES-IN", "1", "BYTES-OUT", "2"))), "CONNECTIONS may be left out");
    }
}
