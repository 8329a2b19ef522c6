package org.ptdispatcher.engine.transport;

import java.util.List;

/**
 * A pluggable transport: a name and a factory for its client and server halves. Implementations
 * are found with {@link java.util.ServiceLoader} (list them in
 * {@code META-INF/services/org.ptdispatcher.engine.transport.Transport}) and must have a public
 * no-argument constructor. A transport only turns plaintext into wire bytes and back; what the
 * plaintext means (a TCP stream, framed datagrams) is the proxy mode's business.
 */
public interface Transport {

    /** The name parents use in -transports and CMETHOD/SMETHOD lines; a C identifier. */
    String name();

    /** One sentence for help screens. */
    String summary();

    /** Every option the transport reads, for the CLI's help and the GUI's forms. */
    List<TransportOption> options();

    /**
     * Whether the transport's stream carries the destination the client asked for (Shadowsocks'
     * address header), so that its server can work without a fixed target and connect where each
     * client asks. Transports that carry none need {@code -target} (or the ORPort) on the server.
     */
    default boolean carriesDestination() {
        return false;
    }

    /**
     * The client half, given the options from -options. Options may still be incomplete here: a
     * SOCKS client can supply the rest per connection, so missing ones are reported by
     * {@link TransportClient#check} and {@link TransportClient#open}.
     *
     * @throws InvalidTransportOptionsException if an option given is malformed
     */
    TransportClient client(TransportContext context, TransportOptions options) throws InvalidTransportOptionsException;

    /**
     * The server half. Creating it may load or create keys in the state directory.
     *
     * @throws InvalidTransportOptionsException if the options cannot make a working server
     */
    TransportServer server(TransportContext context, TransportOptions options) throws InvalidTransportOptionsException;

    /**
     * Runs the transport's per-connection work in memory, with throwaway keys, so that the JIT has
     * compiled it before the first connections need it (interpreted, a transport's handshake can
     * cost tens of times what it costs compiled). Called once per started transport, on a
     * background thread after the DONE line ({@code lifecycle.TransportWarmUp}); it touches no
     * network, no state directory and no key a connection uses. The default does nothing.
     */
    default void warmUp() {
    }
}
