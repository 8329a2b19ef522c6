package org.ptdispatcher.engine.transport.optimizer;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.transport.ClientConnection;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.Transport;
import org.ptdispatcher.engine.transport.TransportClient;
import org.ptdispatcher.engine.transport.TransportContext;
import org.ptdispatcher.engine.transport.TransportOption;
import org.ptdispatcher.engine.transport.TransportOption.Side;
import org.ptdispatcher.engine.transport.TransportOption.Type;
import org.ptdispatcher.engine.transport.TransportOptions;
import org.ptdispatcher.engine.transport.TransportRegistry;
import org.ptdispatcher.engine.transport.TransportServer;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * shapeshifter-dispatcher's Optimizer: a client transport made of other transports, each with its
 * own options and server, and a strategy that picks which carries each connection; one that fails
 * is put back after a back-off. It has no wire format of its own, so it has no server half: the
 * servers are the inner transports' own.
 */
public final class OptimizerTransport implements Transport {
    public static final String NAME = "Optimizer";

    private final Function<String, Optional<Transport>> transports;

    /** For {@link java.util.ServiceLoader}: the inner transports are the engine's. */
    public OptimizerTransport() {
        this(null);
    }

    /** @param transports finds an inner transport by name; {@code null} for the engine's registry (loaded on first use) */
    OptimizerTransport(Function<String, Optional<Transport>> transports) {
        this.transports = transports;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "Several transports, each with its own server and options; a strategy picks the one that carries each connection.";
    }

    @Override
    public List<TransportOption> options() {
        return List.of(
                // Secret: the entries' configs hold secrets of their own (shadow's password).
                TransportOption.builder(OptimizerOptions.TRANSPORTS, Type.TEXT, Side.CLIENT).required().secret()
                        .description("A JSON array of the transports to choose from, each {\"name\": \"obfs4\", \"config\": {its options}, "
                                + "\"address\": \"host:port\"}; address may be left out for a transport whose config names its server "
                                + "(shadow's serverAddress).").build(),
                TransportOption.builder(OptimizerOptions.STRATEGY, Type.CHOICE, Side.CLIENT).defaultValue(Strategy.FIRST.wireName())
                        .choices(Strategy.wireNames())
                        .description("first: the first that connects; random; rotate: round robin; track: the last that worked first; "
                                + "minimizeDialDuration: all at once, the fastest carries the connection.").build());
    }

    @Override
    public TransportClient client(TransportContext context, TransportOptions options) throws InvalidTransportOptionsException {
        Function<String, Optional<Transport>> lookup = transports != null ? transports : TransportRegistry.load()::find;
        OptimizerOptions parsed = OptimizerOptions.parse(options, context, lookup);
        DialOrder order = new DialOrder(parsed.strategy(), parsed.entries().size(), System::nanoTime, new SecureRandom());
        OptimizerDialer dialer = new OptimizerDialer(parsed.entries(), order);
        return new TransportClient() {
            @Override
            public void check(TransportOptions connectionArgs) throws InvalidTransportOptionsException {
                if (!connectionArgs.isEmpty()) {
                    throw new InvalidTransportOptionsException("the Optimizer takes its options from -options, not per connection");
                }
            }

            @Override
            public ClientConnection open(HostPort requested, TransportOptions connectionArgs) throws InvalidTransportOptionsException {
                check(connectionArgs);
                return dialer.plan(requested);
            }
        };
    }

    @Override
    public TransportServer server(TransportContext context, TransportOptions options) throws InvalidTransportOptionsException {
        throw new InvalidTransportOptionsException("the Optimizer is a client transport; run each of its transports' own servers");
    }
}
