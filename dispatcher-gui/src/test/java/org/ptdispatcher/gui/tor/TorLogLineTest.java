package org.ptdispatcher.gui.tor;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.LogLevel;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TorLogLineTest {
    private static final Instant T = Instant.EPOCH;

    @Test
    void torsStdoutLineLosesItsStampAndKeepsItsLevel() {
        TorLogLine line = TorLogLine.fromStdout("Dec 02 14:25:17.626 [warn] Could not bind to 127.0.0.1:8080: Address already in use. Is Tor already running?", T);
        assertEquals(LogLevel.WARN, line.level());
        assertEquals(TorLogLine.Source.TOR, line.source());
        assertEquals("Could not bind to 127.0.0.1:8080: Address already in use. Is Tor already running?", line.message());
        assertEquals(LogLevel.ERROR, TorLogLine.fromStdout("Dec 02 14:25:17.618 [err] Reading config failed--see warnings above.", T).level());
        assertEquals(LogLevel.INFO, TorLogLine.fromStdout("Dec 02 14:25:17.000 [notice] Bootstrapped 0% (starting): Starting", T).level());
        assertEquals(LogLevel.DEBUG, TorLogLine.fromStdout("Dec 02 14:25:17.000 [info] handle_proxy_line(): ...", T).level());
    }

    @Test
    void theTransportsLinesAreTheTransports() {
        assertEquals(TorLogLine.Source.TRANSPORT, TorLogLine.fromStdout(
                "Dec 02 14:25:19.000 [notice] Managed proxy \"/opt/pt-dispatcher/bin/ptdispatcher\": obfs4: socks5 listener ready on 127.0.0.1:35003", T).source());
        assertEquals(TorLogLine.Source.TRANSPORT, TorLogLine.fromStdout(
                "Dec 02 14:25:18.000 [warn] Client managed proxy encountered a method error. (obfs4 the cert is wrong)", T).source());
        assertEquals(TorLogLine.Source.TRANSPORT, TorLogLine.fromStdout(
                "Dec 02 14:25:18.000 [warn] Managed proxy \"/nonexistent/pt\" having PID 13800 terminated with status code 1", T).source());
    }

    @Test
    void aLineWithoutTorsPrefixIsKeptWhole() {
        TorLogLine line = TorLogLine.fromStdout("something else", T);
        assertEquals("something else", line.message());
        assertEquals(LogLevel.INFO, line.level());
    }

    @Test
    void onlyTorsOwnBootstrapNoticeIsProgress() {
        assertEquals(45, TorLogLine.fromStdout("Dec 02 14:22:03.000 [notice] Bootstrapped 45% (requesting_descriptors): Asking for relay descriptors", T)
                .bootstrap().orElseThrow().percent());
        assertEquals(java.util.Optional.empty(), TorLogLine.of("notice", "Managed proxy \"x\": Bootstrapped 100% (done): Done", T).bootstrap());
    }
}
