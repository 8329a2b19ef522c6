package org.ptdispatcher.engine.ipc;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.LogLevel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DialectAndParserTest {
    private final Dialect pt2 = new Pt2Dialect("2.2");
    private final Dialect tor = new TorPt1Dialect();

    @Test
    void linesAreSpelledAsTheSpecWritesThem() {
        assertEquals("VERSION 2.2", pt2.render(new IpcMessage.Version("2.2")));
        assertEquals("CMETHOD obfs4 socks5 127.0.0.1:19999", pt2.render(new IpcMessage.Cmethod("obfs4", "socks5", "127.0.0.1:19999")));
        assertEquals("CMETHODS DONE", pt2.render(new IpcMessage.CmethodsDone()));
        assertEquals("SMETHODS DONE", pt2.render(new IpcMessage.SmethodsDone()));
        assertEquals("PROXY DONE", pt2.render(new IpcMessage.ProxyDone()));
        assertEquals("CMETHOD-ERROR trebuchet no rocks available", pt2.render(new IpcMessage.CmethodError("trebuchet", "no rocks available")));
        assertEquals("LOG DEBUG This is an example debug log message.", pt2.render(new IpcMessage.Log(LogLevel.DEBUG, "This is an example debug log message.")));
    }

    @Test
    void smethodArgsAreSortedAndEscaped() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("iat-mode", "0");
        args.put("cert", "a=b,c\\d");
        assertEquals("SMETHOD obfs4 198.51.100.1:4444 ARGS:cert=a\\=b\\,c\\\\d,iat-mode=0",
                pt2.render(new IpcMessage.Smethod("obfs4", "198.51.100.1:4444", args)));
    }

    @Test
    void errorsGoToStderrUnderPt2AndToStdoutUnderVersionOne() {
        IpcMessage error = new IpcMessage.EnvError("x");
        assertTrue(pt2.writesToStderr(error));
        assertFalse(tor.writesToStderr(error));
        assertFalse(pt2.writesToStderr(new IpcMessage.Version("2.2")));
    }

    @Test
    void versionOneLogsAsKeyValueWithACString() {
        assertEquals("LOG SEVERITY=notice MESSAGE=\"Connected to \\\"A\\\" \\\\ \\303\\251\"",
                tor.render(new IpcMessage.Log(LogLevel.INFO, "Connected to \"A\" \\ é")));
        assertEquals("LOG SEVERITY=warning MESSAGE=\"x\"", tor.render(new IpcMessage.Log(LogLevel.WARN, "x")));
    }

    @Test
    void versionOneLinesStayAscii() {
        assertEquals("ENV-ERROR bad value \"\\xc3\\xa9\"", tor.render(new IpcMessage.EnvError("bad value \"é\"")));
    }

    @Test
    void theParserReadsBothDialectsBack() {
        IpcMessage log = new IpcMessage.Log(LogLevel.WARN, "multi word \"quoted\" é \\x41 C:\\dir\ttab");
        assertEquals(Optional.of(log), IpcLineParser.parse(pt2.render(log)));
        assertEquals(Optional.of(log), IpcLineParser.parse(tor.render(log)));
        IpcMessage smethod = new IpcMessage.Smethod("obfs4", "[::1]:4444", Map.of("cert", "x=,y", "iat-mode", "1"));
        assertEquals(Optional.of(smethod), IpcLineParser.parse(pt2.render(smethod)));
    }

    @Test
    void theParserReadsObfs4proxyOutput() {
        assertEquals(Optional.of(new IpcMessage.Smethod("obfs4", "127.0.0.1:45511", Map.of("cert", "AbC+/x", "iat-mode", "0"))),
                IpcLineParser.parse("SMETHOD obfs4 127.0.0.1:45511 ARGS:cert=AbC+/x,iat-mode=0"));
        assertEquals(Optional.of(new IpcMessage.Cmethod("obfs4", "socks5", "127.0.0.1:36667")),
                IpcLineParser.parse("CMETHOD obfs4 socks5 127.0.0.1:36667"));
        assertEquals(Optional.of(new IpcMessage.Status("obfs4", Map.of("ADDRESS", "1.2.3.4:5", "CONNECT", "Failed", "ERRSTR", "Connection refused"))),
                IpcLineParser.parse("STATUS TRANSPORT=obfs4 ADDRESS=1.2.3.4:5 CONNECT=Failed ERRSTR=\"Connection refused\""));
    }

    @Test
    void unknownKeywordsAreIgnored() {
        assertEquals(Optional.empty(), IpcLineParser.parse("FROBNICATE now"));
        assertEquals(Optional.empty(), IpcLineParser.parse(""));
    }
}
