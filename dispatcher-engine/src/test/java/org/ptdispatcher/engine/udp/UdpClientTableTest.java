package org.ptdispatcher.engine.udp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every row of spec table 1 (client-side UDP state transitions), plus the holding of early packets. */
class UdpClientTableTest {
    private static final long SECOND = 1_000_000_000L;
    private final InetSocketAddress source = new InetSocketAddress("127.0.0.1", 5000);
    private final InetSocketAddress other = new InetSocketAddress("127.0.0.1", 5001);

    /** Records what the table asks for; "connections" are names. */
    private final class Recorder implements UdpClientTable.Tunnels<String> {
        final List<InetSocketAddress> opened = new ArrayList<>();
        final List<String> sent = new ArrayList<>();
        final List<String> closed = new ArrayList<>();
        boolean writesFail;

        @Override
        public void open(InetSocketAddress s) {
            opened.add(s);
        }

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
    }

    private final Recorder tunnels = new Recorder();
    private final UdpClientTable<String> table = new UdpClientTable<>(tunnels);
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

    @Test
    void aPacketFromANewSourceAddsAWaitingConnection() {
        table.packetReceived(source, datagram("a"), 0);
        assertEquals(List.of(source), tunnels.opened);
        assertEquals(Optional.of(UdpClientTable.State.WAITING), table.state(source));
        assertEquals(List.of(), tunnels.sent);
    }

    @Test
    void packetsWhileWaitingOpenNothingMoreAndAreHeldThenSentOnConnect() {
        table.packetReceived(source, datagram("a"), 0);
        table.packetReceived(source, datagram("b"), 1);
        assertEquals(1, tunnels.opened.size());
        table.connected(source, "c1");
        assertEquals(Optional.of(UdpClientTable.State.CONNECTED), table.state(source));
        assertEquals(List.of("c1:a", "c1:b"), tunnels.sent);
        assertAllReleased();
    }

    @Test
    void beyondTheHoldingBoundWaitingPacketsAreDropped() {
        for (int i = 0; i < UdpClientTable.HELD_PER_SOURCE + 5; i++) {
            table.packetReceived(source, datagram("p" + i), i);
        }
        table.connected(source, "c1");
        assertEquals(UdpClientTable.HELD_PER_SOURCE, tunnels.sent.size());
        assertAllReleased();
    }

    @Test
    void aPacketOnAConnectedConnectionIsSent() {
        table.packetReceived(source, datagram("a"), 0);
        table.connected(source, "c1");
        table.packetReceived(source, datagram("b"), 1);
        assertEquals(List.of("c1:a", "c1:b"), tunnels.sent);
    }

    @Test
    void eachSourceHasItsOwnConnection() {
        table.packetReceived(source, datagram("a"), 0);
        table.packetReceived(other, datagram("b"), 0);
        assertEquals(List.of(source, other), tunnels.opened);
        table.connected(other, "c2");
        assertEquals(List.of("c2:b"), tunnels.sent);
        assertEquals(Optional.of(UdpClientTable.State.WAITING), table.state(source));
    }

    @Test
    void aClosedConnectionIsRemoved() {
        table.packetReceived(source, datagram("a"), 0);
        table.connected(source, "c1");
        table.closed(source, "c1");
        assertEquals(Optional.empty(), table.state(source));
        table.packetReceived(source, datagram("b"), 2);
        assertEquals(2, tunnels.opened.size(), "a new packet opens a new connection");
    }

    @Test
    void aFailedConnectionIsRemovedAndItsHeldPacketsDropped() {
        table.packetReceived(source, datagram("a"), 0);
        table.failed(source);
        assertEquals(Optional.empty(), table.state(source));
        assertEquals(List.of(), tunnels.sent);
        assertAllReleased();
    }

    @Test
    void aWriteFailureRemovesTheConnectionAndDropsThePacket() {
        table.packetReceived(source, datagram("a"), 0);
        table.connected(source, "c1");
        tunnels.writesFail = true;
        table.packetReceived(source, datagram("b"), 1);
        assertEquals(Optional.empty(), table.state(source));
        assertEquals(List.of("c1"), tunnels.closed);
        assertAllReleased();
    }

    @Test
    void anIdleConnectionTimesOutAndIsClosed() {
        table.packetReceived(source, datagram("a"), 0);
        table.connected(source, "c1");
        table.packetReceived(source, datagram("b"), 10 * SECOND);
        table.expire(39 * SECOND, 30 * SECOND);
        assertEquals(Optional.of(UdpClientTable.State.CONNECTED), table.state(source), "not idle long enough");
        table.expire(40 * SECOND, 30 * SECOND);
        assertEquals(Optional.empty(), table.state(source));
        assertEquals(List.of("c1"), tunnels.closed);
    }

    @Test
    void aWaitingConnectionTimesOutToo() {
        table.packetReceived(source, datagram("a"), 0);
        table.expire(31 * SECOND, 30 * SECOND);
        assertEquals(Optional.empty(), table.state(source));
        table.connected(source, "late");
        assertEquals(List.of("late"), tunnels.closed, "a connection that completes after its source expired is closed");
        assertAllReleased();
    }

    @Test
    void repliesKeepAConnectionAlive() {
        table.packetReceived(source, datagram("a"), 0);
        table.connected(source, "c1");
        table.replyReceived(source, 25 * SECOND);
        table.expire(40 * SECOND, 30 * SECOND);
        assertTrue(table.state(source).isPresent());
    }

    @Test
    void aStaleCloseDoesNotRemoveANewerConnection() {
        table.packetReceived(source, datagram("a"), 0);
        table.connected(source, "c1");
        table.closed(source, "c1");
        table.packetReceived(source, datagram("b"), 1);
        table.connected(source, "c2");
        table.closed(source, "c1");
        assertEquals(Optional.of(UdpClientTable.State.CONNECTED), table.state(source));
    }
}
