package org.ptdispatcher.engine.mode;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.extor.ExtOrPortCookie;
import org.ptdispatcher.engine.extor.ExtOrPortException;
import org.ptdispatcher.engine.extor.ExtOrPortHandshake;
import org.ptdispatcher.engine.net.Dialer;
import org.ptdispatcher.engine.transport.ClientAddress;

import java.io.IOException;
import java.util.Optional;

/**
 * Forwards to tor's Extended ORPort: authenticate with the cookie, tell tor the client's address
 * (the peer's, or the one a transport learnt from a proxy in front: {@link ClientAddress})
 * and the transport's name, wait for OKAY. A cookie file that could not be read at start-up fails
 * every connection with the reason, so each one leaves a LOG line.
 */
public final class ExtOrPortForwarder implements ServerForwarder {
    private final Dialer dialer;
    private final HostPort extOrPort;
    private final String transport;
    private final ExtOrPortCookie cookie;
    private final IOException cookieProblem;

    public ExtOrPortForwarder(Dialer dialer, HostPort extOrPort, String transport, ExtOrPortCookie cookie, IOException cookieProblem) {
        this.dialer = dialer;
        this.extOrPort = extOrPort;
        this.transport = transport;
        this.cookie = cookie;
        this.cookieProblem = cookieProblem;
    }

    @Override
    public Future<Channel> open(Channel client, Optional<HostPort> requested) {
        Promise<Channel> ready = client.eventLoop().newPromise();
        if (cookie == null) {
            return ready.setFailure(new ExtOrPortException(cookieProblem.getMessage()));
        }
        String userAddress = ClientAddress.of(client).toString();
        dialer.dial(client.eventLoop(), extOrPort).addListener(dialed -> {
            if (!dialed.isSuccess()) {
                ready.tryFailure(dialed.cause());
                return;
            }
            Channel tor = (Channel) dialed.getNow();
            Promise<Void> handshake = tor.eventLoop().newPromise();
            tor.pipeline().addLast("ext-orport", new ExtOrPortHandshake(cookie, userAddress, transport, handshake));
            handshake.addListener(done -> {
                if (done.isSuccess()) {
                    ready.trySuccess(tor);
                } else {
                    tor.close();
                    ready.tryFailure(done.cause());
                }
            });
        });
        return ready;
    }
}
