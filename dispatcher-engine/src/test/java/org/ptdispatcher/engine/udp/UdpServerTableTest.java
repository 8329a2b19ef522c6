package org.ptdispatcher.engine.udp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every row of spec table 2 (server-side UDP state transitions), plus the Waiting state and its held datagrams. */
class UdpServerTableTest {
    private static final long SECOND = 1_000_000_000L;

    /** Records what the table asks for; connections and sockets are names. */
    private final List<String> toClient = new ArrayList<>();
    private final List<String> toTarget = new ArrayList<>();
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
            toClient.add(connection + ":" + text);
            return true;
        }

        @Override
        public void sendToTarget(String socket, ByteBuf datagram) {
            toTarget.add(socket + ":" + datagram.toString(StandardCharsets.UTF_8));
            datagram.release();
        }

        @Override
        public void close(String connection) {
            closed.add(connection);
        }
    });
    private final List<ByteBuf> given = new ArrayList<>();

    private ByteBuf datagram(String text) {
        ByteBuf b = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        given.add(b);
        return b;
    }

    private void assertAllReleased() {
        for (ByteBuf b : given) {
            assertEquals(0, b.refCnt(), "a datagram was not released");
        }
    }

    private void connected(String connection, String socket) {
        table.accepted(connection, 0);
        assertTrue(table.socketOpened(connection, socket));
    }

    @Test
    void anAcceptedConnectionWaitsForItsSocket() {
        table.accepted("conn1", 0);
        assertEquals(Optional.of(UdpServerTable.State.WAITING), table.state("conn1"));
    }

    @Test
    void datagramsFromTheClientWhileWaitingAreHeldThenSentOnceTheSocketIsOpen() {
        table.accepted("conn1", 0);
        table.clientPacket("conn1", datagram("a"), 1);
        table.clientPacket("conn1", datagram("b"), 2);
        assertEquals(List.of(), toTarget);
        assertTrue(table.socketOpened("conn1", "socket1"));
        assertEquals(Optional.of(UdpServerTable.State.CONNECTED), table.state("conn1"));
        assertEquals(List.of("socket1:a", "socket1:b"), toTarget);
        assertAllReleased();
    }

    @Test
    void beyondTheHoldingBoundWaitingDatagramsAreDropped() {
        table.accepted("conn1", 0);
        for (int i = 0; i < UdpServerTable.HELD_PER_CONNECTION + 5; i++) {
            table.clientPacket("conn1", datagram("d" + i), i);
        }
        table.socketOpened("conn1", "socket1");
        assertEquals(UdpServerTable.HELD_PER_CONNECTION, toTarget.size());
        assertEquals("socket1:d0", toTarget.get(0), "the first ones are kept");
        assertAllReleased();
    }

    @Test
    void aDatagramFromTheClientOnAConnectedConnectionGoesToTheTarget() {
        connected("conn1", "socket1");
        table.clientPacket("conn1", datagram("x"), 1);
        assertEquals(List.of("socket1:x"), toTarget);
    }

    @Test
    void aSocketThatFailsRemovesTheConnectionClosesItAndDropsWhatWasHeld() {
        table.accepted("conn1", 0);
        table.clientPacket("conn1", datagram("a"), 1);
        table.socketFailed("conn1");
        assertEquals(Optional.empty(), table.state("conn1"));
        assertEquals(List.of("conn1"), closed);
        assertEquals(List.of(), toTarget);
        assertAllReleased();
    }

    @Test
    void aSocketThatOpensAfterItsConnectionWentAwayIsRefused() {
        table.accepted("conn1", 0);
        table.closed("conn1");
        assertFalse(table.socketOpened("conn1", "socket1"), "the caller closes the socket");
        assertEquals(Optional.empty(), table.state("conn1"));
    }

    @Test
    void aPacketWithoutAConnectionIsDropped() {
        ByteBuf d = datagram("x");
        table.packetReceived("conn1", d, 0);
        assertEquals(List.of(), toClient);
        assertEquals(0, d.refCnt());
    }

    @Test
    void aPacketForAConnectionIsSentOverIt() {
        connected("conn1", "socket1");
        table.packetReceived("conn1", datagram("x"), 1);
        assertEquals(List.of("conn1:x"), toClient);
    }

    @Test
    void aClosedConnectionIsRemovedAndWhatItHeldDropped() {
        table.accepted("conn1", 0);
        table.clientPacket("conn1", datagram("a"), 1);
        table.closed("conn1");
        assertEquals(Optional.empty(), table.state("conn1"));
        table.packetReceived("conn1", datagram("x"), 1);
        table.clientPacket("conn1", datagram("y"), 1);
        assertEquals(List.of(), toClient);
        assertEquals(List.of(), toTarget);
        assertAllReleased();
    }

    @Test
    void aWriteFailureRemovesTheConnectionAndDropsThePacket() {
        connected("conn1", "socket1");
        writesFail = true;
        table.packetReceived("conn1", datagram("x"), 1);
        assertEquals(Optional.empty(), table.state("conn1"));
        assertEquals(List.of("conn1"), closed);
        assertAllReleased();
    }

    @Test
    void anIdleConnectionTimesOut() {
        connected("conn1", "socket1");
        connected("conn2", "socket2");
        table.clientPacket("conn2", datagram("x"), 20 * SECOND);
        table.expire(29 * SECOND, 30 * SECOND);
        assertEquals(2, table.size(), "not idle long enough");
        table.expire(30 * SECOND, 30 * SECOND);
        assertEquals(Optional.empty(), table.state("conn1"));
        assertTrue(table.state("conn2").isPresent());
        assertEquals(List.of("conn1"), closed);
    }

    @Test
    void packetsFromTheTargetKeepAConnectionAliveToo() {
        connected("conn1", "socket1");
        table.packetReceived("conn1", datagram("x"), 25 * SECOND);
        table.expire(40 * SECOND, 30 * SECOND);
        assertTrue(table.state("conn1").isPresent());
    }

    @Test
    void aWaitingConnectionTimesOutAndWhatItHeldIsDropped() {
        table.accepted("conn1", 0);
        table.clientPacket("conn1", datagram("a"), 0);
        table.expire(30 * SECOND, 30 * SECOND);
        assertEquals(Optional.empty(), table.state("conn1"));
        assertEquals(List.of("conn1"), closed);
        assertFalse(table.socketOpened("conn1", "late"));
        assertAllReleased();
    }
}
