package org.ptdispatcher.engine.transport.meek;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.tls.ServerVerification;
import org.ptdispatcher.engine.tls.TlsClientHandlers;
import org.ptdispatcher.engine.tls.TlsClientSettings;
import org.ptdispatcher.engine.transport.Connector;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One client session: the {@link TunnelChannel} the relay sees, and the HTTP requests that carry
 * it, one at a time, as lyrebird's {@code meek_lite} sends them: a POST of up to 64 KiB of what the
 * relay wrote (nothing, to poll), whose response body is what the server had; the next at once
 * while bytes move, else after {@link PollSchedule}'s wait. A request that fails (no connection,
 * TLS refused, a status other than 200) is sent again with the same body to the next url/front
 * pair, at once after a connection failure and 100 ms after a status, ten tries in all; then the
 * stream ends. Connections are kept alive between requests and reopened when the server closes one.
 * The first request goes at once, so the stream is ready (and the SOCKS reply says so) only once
 * the server has answered. All of it runs on the tunnel's event loop.
 */
final class MeekPoller implements TunnelChannel.Events, MeekResponseHandler.Listener {
    private static final System.Logger LOG = EngineLog.logger(MeekPoller.class);
    static final int MAX_TRIES = 10;
    static final Duration RETRY_DELAY = Duration.ofMillis(100);
    /** A request unanswered this long counts as a failed connection (Go's client would wait for ever). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** Received bytes the relay has not taken that stop polling (lyrebird's 16 queued reads of 64 KiB). */
    static final long MAX_INBOUND_BACKLOG = 16L * MeekRequest.MAX_PAYLOAD;

    private final TunnelChannel tunnel;
    private final EventLoop loop;
    private final Connector connector;
    private final FrontRotation fronts;
    private final TlsClientHandlers tls;
    private final String sessionId;
    private final Promise<io.netty.channel.Channel> ready;
    private final PollSchedule schedule = new PollSchedule();

    private Channel http;
    private MeekTarget httpTarget;
    private ByteBuf body;
    private boolean inFlight;
    private boolean awaitingDrain;
    private boolean ended;
    private int failures;
    private Throwable lastFailure;
    private ScheduledFuture<?> timer;
    private ScheduledFuture<?> timeout;

    private MeekPoller(TunnelChannel tunnel, EventLoop loop, Connector connector, FrontRotation fronts, TlsClientHandlers tls,
                       String sessionId) {
        this.tunnel = tunnel;
        this.loop = loop;
        this.connector = connector;
        this.fronts = fronts;
        this.tls = tls;
        this.sessionId = sessionId;
        this.ready = loop.newPromise();
    }

    /** Opens a session; the future completes with its stream once the server has answered the first request. */
    static Future<Channel> open(EventLoop loop, Connector connector, FrontRotation fronts, TlsClientHandlers tls, String sessionId) {
        MeekTarget first = fronts.current();
        TunnelChannel tunnel = new TunnelChannel(new InetSocketAddress(0),
                InetSocketAddress.createUnresolved(first.connect().host(), first.connect().port()));
        MeekPoller poller = new MeekPoller(tunnel, loop, connector, fronts, tls, sessionId);
        poller.ready.addListener(done -> {
            if (done.isCancelled()) {
                loop.execute(() -> poller.end(new TimeoutException("the session was given up")));
            }
        });
        tunnel.register(loop, poller).addListener(registered -> {
            if (!registered.isSuccess()) {
                poller.ready.tryFailure(registered.cause());
                return;
            }
            poller.send();
        });
        return poller.ready;
    }

    /** Sends the next request: the body that failed, or up to 64 KiB of what waits. */
    private void send() {
        cancel(timer);
        if (ended || inFlight) {
            return;
        }
        if (body == null) {
            if (!tunnel.isOpen()) {
                finish();
                return;
            }
            body = tunnel.take(MeekRequest.MAX_PAYLOAD);
        }
        inFlight = true;
        MeekTarget target = fronts.current();
        if (http != null && http.isActive() && target.equals(httpTarget)) {
            write(http, target);
            return;
        }
        closeHttp();
        connector.connect(loop, target.connect()).addListener(connected -> {
            if (!connected.isSuccess()) {
                failedRequest(connected.cause());
                return;
            }
            Channel connection = (Channel) connected.getNow();
            if (ended) {
                connection.close();
                return;
            }
            try {
                if (target.tls()) {
                    connection.pipeline().addLast("meek-tls", tls.newHandler(connection.alloc(), settings(target), target.connect()));
                }
            } catch (SSLException | RuntimeException e) {
                connection.close();
                failedRequest(new IOException("cannot start TLS: " + e.getMessage()));
                return;
            }
            connection.pipeline().addLast("meek-http", new HttpClientCodec());
            connection.pipeline().addLast("meek-inflate", new HttpContentDecompressor(0));
            connection.pipeline().addLast("meek-response", new MeekResponseHandler(this));
            http = connection;
            httpTarget = target;
            write(connection, target);
        });
    }

    /** SNI and the certificate check are the front's (the connection's), as Go's client does; none for an IP literal. */
    private static TlsClientSettings settings(MeekTarget target) {
        String name = target.tlsName();
        Optional<String> sni = target.connect().isIpLiteral() ? Optional.empty() : Optional.of(name);
        return new TlsClientSettings(sni, new ServerVerification.ByName(name));
    }

    private void write(Channel connection, MeekTarget target) {
        timeout = loop.schedule(() -> failed(connection, new TimeoutException("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s")),
                REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        connection.writeAndFlush(MeekRequest.post(target, sessionId, body.retainedDuplicate())).addListener(written -> {
            if (!written.isSuccess()) {
                failed(connection, written.cause());
            }
        });
    }

    @Override
    public void response(Channel connection, int status, ByteBuf received, boolean reusable) {
        if (connection != http || !inFlight) {
            received.release();
            return;
        }
        cancel(timeout);
        inFlight = false;
        if (!reusable) {
            closeHttp();
        }
        if (status != 200) {
            received.release();
            retry(new IOException("status code was " + status + ", not 200"), RETRY_DELAY);
            return;
        }
        if (failures > 0 || !ready.isDone()) {
            LOG.log(System.Logger.Level.DEBUG, "meek_lite: connected to " + httpTarget.url() + " using front " + httpTarget.front());
        }
        failures = 0;
        boolean sent = body.isReadable();
        body.release();
        body = null;
        boolean gotBytes = received.isReadable();
        tunnel.receive(received);
        if (!ready.isDone() && !ready.trySuccess(tunnel)) {
            end(new IOException("the session was given up"));
            return;
        }
        next(schedule.afterRoundTrip(gotBytes, sent));
    }

    @Override
    public void failed(Channel connection, Throwable cause) {
        if (connection != http) {
            return;
        }
        closeHttp();
        if (!inFlight) {
            // A kept-alive connection the server closed between requests: the next request opens another.
            return;
        }
        cancel(timeout);
        inFlight = false;
        retry(cause, Duration.ZERO);
    }

    private void failedRequest(Throwable cause) {
        inFlight = false;
        retry(cause, Duration.ZERO);
    }

    private void retry(Throwable cause, Duration delay) {
        lastFailure = cause;
        LOG.log(System.Logger.Level.DEBUG, "meek_lite: failed to connect to " + fronts.current().url() + " using front "
                + fronts.current().front() + ": " + cause.getMessage());
        failures++;
        fronts.next();
        if (failures >= MAX_TRIES) {
            end(lastFailure);
            return;
        }
        if (delay.isZero()) {
            loop.execute(this::send);
        } else {
            timer = loop.schedule(this::send, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** After a round trip: at once if bytes wait, else after {@code wait}; not while the relay has not taken what came. */
    private void next(Duration wait) {
        if (ended) {
            return;
        }
        if (!tunnel.isOpen()) {
            finish();
        } else if (tunnel.pendingInbound() > MAX_INBOUND_BACKLOG) {
            awaitingDrain = true;
        } else if (tunnel.hasOutbound() || wait.isZero()) {
            send();
        } else {
            timer = loop.schedule(this::send, wait.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void outboundReady() {
        if (!inFlight && !ended && ready.isDone() && !awaitingDrain) {
            send();
        }
    }

    @Override
    public void inboundDrained() {
        if (awaitingDrain) {
            awaitingDrain = false;
            next(Duration.ZERO);
        }
    }

    @Override
    public void closed() {
        // The relay ended the stream; a request on its way still delivers what it carries.
        if (!inFlight && body == null) {
            finish();
        }
    }

    /** Ten tries failed, or the session was given up: the stream ends once the relay has read what came. */
    private void end(Throwable cause) {
        if (ended) {
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, "meek_lite: session ended: " + cause.getMessage());
        finish();
        if (ready.tryFailure(cause)) {
            tunnel.close();
        } else {
            tunnel.closeWhenDrained();
        }
    }

    private void finish() {
        ended = true;
        cancel(timer);
        cancel(timeout);
        if (body != null) {
            body.release();
            body = null;
        }
        closeHttp();
    }

    private void closeHttp() {
        if (http != null) {
            Channel old = http;
            http = null;
            httpTarget = null;
            old.close();
        }
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
