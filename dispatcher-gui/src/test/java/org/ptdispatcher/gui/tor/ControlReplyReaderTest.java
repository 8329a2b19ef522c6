package org.ptdispatcher.gui.tor;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlReplyReaderTest {
    private final ControlReplyReader reader = new ControlReplyReader();

    @Test
    void aOneLineReplyIsWholeAtOnce() throws Exception {
        ControlReply reply = reader.accept("250 OK").orElseThrow();
        assertEquals(250, reply.status());
        assertEquals(List.of("OK"), reply.lines());
        assertTrue(reply.isOk());
    }

    @Test
    void midLinesWaitForTheEndLine() throws Exception {
        assertEquals(Optional.empty(), reader.accept("250-status/bootstrap-phase=NOTICE BOOTSTRAP PROGRESS=0 TAG=starting SUMMARY=\"Starting\""));
        ControlReply reply = reader.accept("250 OK").orElseThrow();
        assertEquals("NOTICE BOOTSTRAP PROGRESS=0 TAG=starting SUMMARY=\"Starting\"", reply.value("status/bootstrap-phase").orElseThrow());
    }

    @Test
    void aDataBlockIsJoinedAndItsDotsUnescaped() throws Exception {
        reader.accept("250+config-text=");
        reader.accept("SocksPort 9050");
        reader.accept("..starts with a dot");
        assertEquals(Optional.empty(), reader.accept("."));
        ControlReply reply = reader.accept("250 OK").orElseThrow();
        assertEquals("SocksPort 9050\n.starts with a dot", reply.value("config-text").orElseThrow());
    }

    @Test
    void eventsAndErrorsAreTold() throws Exception {
        assertTrue(reader.accept("650 STATUS_CLIENT NOTICE BOOTSTRAP PROGRESS=5 TAG=conn SUMMARY=\"Connecting to a relay\"").orElseThrow().isEvent());
        ControlReply refused = reader.accept("552 Unrecognized event \"PT_LOG\"").orElseThrow();
        assertEquals(552, refused.status());
        assertTrue(!refused.isOk());
    }

    @Test
    void aLineThatIsNoReplyIsAProtocolError() {
        assertThrows(ControlProtocolException.class, () -> reader.accept("hello"));
        ControlReplyReader mixed = new ControlReplyReader();
        assertThrows(ControlProtocolException.class, () -> {
            mixed.accept("250-first");
            mixed.accept("650 second");
        });
    }
}
