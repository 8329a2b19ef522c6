package org.ptdispatcher.engine.transport;

import org.ptdispatcher.engine.common.HostPort;

/** The client half of a transport, shared by all the connections one listener accepts. */
public interface TransportClient {

    /**
     * Checks that the client options, with {@code connectionArgs} laid over them, are complete and
     * well formed. Called during the SOCKS handshake so that bad args get their own reply (0x13),
     * and at start-up with no args for modes that have no per-connection args.
     */
    void check(TransportOptions connectionArgs) throws InvalidTransportOptionsException;

    /**
     * Plans one outgoing connection.
     *
     * @param requested      where the application asked to go (the SOCKS CONNECT destination, or the
     *                       configured target in transparent modes)
     * @param connectionArgs per-connection args from SOCKS, laid over the client options
     */
    ClientConnection open(HostPort requested, TransportOptions connectionArgs) throws InvalidTransportOptionsException;
}
