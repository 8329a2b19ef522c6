package org.ptdispatcher.engine.transport.shadow;

import org.ptdispatcher.engine.common.HostPort;

/**
 * One Shadowsocks 2022 UDP packet as the codec reads and writes it ({@link Sip022PacketCodec}).
 *
 * @param sessionId       the sender's session: the client session in a client's packet, the server session in a server's
 * @param packetId        the sender's counter within that session (unsigned)
 * @param clientSessionId the client session the packet belongs to: {@code sessionId} itself in a client's
 *                        packet, the one a server's packet names in its main header
 * @param address         where the payload goes (a client's packet) or came from (a server's)
 * @param payload         the datagram's contents
 */
public record Sip022Packet(long sessionId, long packetId, long clientSessionId, HostPort address, byte[] payload) {
    /** A client's packet, of its own session. */
    public static Sip022Packet fromClient(long sessionId, long packetId, HostPort target, byte[] payload) {
        return new Sip022Packet(sessionId, packetId, sessionId, target, payload);
    }

    /** A server's packet in reply to client session {@code clientSessionId}. */
    public static Sip022Packet fromServer(long sessionId, long packetId, long clientSessionId, HostPort source, byte[] payload) {
        return new Sip022Packet(sessionId, packetId, clientSessionId, source, payload);
    }
}
