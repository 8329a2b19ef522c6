package org.ptdispatcher.engine.udp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every row of spec table 2 (server-side UDP state transitions). */
class UdpServerTableTest {
    private static final long SECOND = 1_000_000_000L;

    private final List<String> sent = new ArrayList<>();
    private final List<String> closed = new ArrayList<>();
    private boolean writesFail;
    private final UdpServerTable<String, String> table = new UdpServerTable<>(new UdpServerTable.Connections<>() {
        @Override
        public boolean send(String connection, ByteBuf datagram) {
            String text = datagram.toString(StandardCharsets.UTF_8);
            datagram.release();
            if (writesFail) {
                return false;
            }
            sent.add(connection + ":" + text);
            return true;
        }

        @Override
        public void close(String connection) {
            closed.add(connection);
        }
    });

    private static ByteBuf datagram(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    @Test
    void aPacketWithoutAConnectionIsDropped() {
        ByteBuf d = datagram("x");
        table.packetReceived("socket1", d, 0);
        assertEquals(List.of(), sent);
        assertEquals(0, d.refCnt());
    }

    @Test
    void aPacketForAConnectionIsSentOverIt() {
        table.add("socket1", "conn1", 0);
        table.packetReceived("socket1", datagram("x"), 1);
        assertEquals(List.of("conn1:x"), sent);
    }

    @Test
    void aClosedConnectionIsRemoved() {
        table.add("socket1", "conn1", 0);
        table.closed("socket1");
        assertFalse(table.contains("socket1"));
        table.packetReceived("socket1", datagram("x"), 1);
        assertEquals(List.of(), sent);
    }

    @Test
    void aWriteFailureRemovesTheConnectionAndDropsThePacket() {
        table.add("socket1", "conn1", 0);
        writesFail = true;
        table.packetReceived("socket1", datagram("x"), 1);
        assertFalse(table.contains("socket1"));
        assertEquals(List.of("conn1"), closed);
    }

    @Test
    void anIdleConnectionTimesOut() {
        table.add("socket1", "conn1", 0);
        table.add("socket2", "conn2", 0);
        table.clientPacket("socket2", 20 * SECOND);
        table.expire(30 * SECOND, 30 * SECOND);
        assertFalse(table.contains("socket1"));
        assertTrue(table.contains("socket2"));
        assertEquals(List.of("conn1"), closed);
    }
}
