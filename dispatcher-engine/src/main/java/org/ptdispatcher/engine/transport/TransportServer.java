package org.ptdispatcher.engine.transport;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Promise;
import org.ptdispatcher.engine.common.HostPort;

import java.util.Map;
import java.util.Optional;

/** The server half of a transport, shared by all the connections one listener accepts. */
public interface TransportServer {

    /** What a client needs besides the address, announced as SMETHOD {@code ARGS:}; may be empty. */
    Map<String, String> announcement();

    /**
     * The address the SMETHOD line announces for a listener bound at {@code bound}: that address,
     * unless clients never connect there (webtunnel listens behind a web server and announces an
     * address made from its URL, as its reference does).
     */
    default HostPort announcedAddress(HostPort bound) {
        return bound;
    }

    /**
     * Installs the transport's handlers on a freshly accepted channel, before its first read. The
     * same pipeline rules as {@link ClientConnection#install} apply. A connection that fails the
     * handshake is the transport's to end, the way the reference implementation does (often:
     * keep reading, then close after a delay), and it fails {@code handshakeDone} when it does.
     *
     * @param handshakeDone succeed it when plaintext may flow, with the destination the client asked
     *                      for if the transport carries one (Shadowsocks does), else empty
     */
    void install(Channel channel, Promise<Optional<HostPort>> handshakeDone);
}
