package org.ptdispatcher.engine.transport.meek;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.tls.TlsClientHandlers;
import org.ptdispatcher.engine.transport.ClientConnection;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportClient;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The client half of {@code meek_lite}: each connection is a new session (a new
 * {@code X-Session-Id}) carried by {@link MeekPoller}'s requests to the bridge line's url/front
 * pairs, shuffled per connection. The address the application asked for is not used, as with
 * lyrebird: meek's bridge lines carry a placeholder there.
 */
final class MeekClient implements TransportClient {
    private static final System.Logger LOG = EngineLog.logger(MeekClient.class);

    private final TransportOptions options;
    private final TlsClientHandlers tls;
    private final SecureRandom random = new SecureRandom();
    private final AtomicBoolean utlsWarned = new AtomicBoolean();

    MeekClient(TransportOptions options, TlsClientHandlers tls) throws InvalidTransportOptionsException {
        this.options = options;
        this.tls = tls;
        if (options.contains(MeekClientArgs.URL) || options.contains(MeekClientArgs.TARGETS)) {
            warnOnce(MeekClientArgs.parse(options));
        }
    }

    @Override
    public void check(TransportOptions connectionArgs) throws InvalidTransportOptionsException {
        MeekClientArgs.parse(options.overriddenBy(connectionArgs));
    }

    @Override
    public ClientConnection open(HostPort requested, TransportOptions connectionArgs) throws InvalidTransportOptionsException {
        MeekClientArgs args = MeekClientArgs.parse(options.overriddenBy(connectionArgs));
        warnOnce(args);
        FrontRotation fronts = new FrontRotation(args.targets(), random);
        String sessionId = MeekRequest.newSessionId(random);
        return ClientConnection.selfMade(fronts.current().connect(), (loop, connector) -> MeekPoller.open(loop, connector, fronts, tls, sessionId));
    }

    private void warnOnce(MeekClientArgs args) {
        if (args.ignoredUtls().isPresent() && utlsWarned.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "meek_lite: utls=" + args.ignoredUtls().get() + " is ignored: uTLS is a Go library, "
                    + "and this client's ClientHello is always the JDK's TLS shaped like Chromium's (docs/transports/meek.md)");
        }
    }
}
