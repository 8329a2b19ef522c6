package org.ptdispatcher.engine.transport.shadow;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportOptions;
import org.ptdispatcher.engine.transport.TransportServer;
import org.ptdispatcher.engine.transport.replay.ReplayFilter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The server half of {@code shadow}. Each accepted connection must send a salt, then chunks
 * whose plaintext starts with the address header, within the handshake timeout. The address
 * is handed to the mode, which uses it only when the server has no {@code -target}.
 *
 * <p>A connection that does not authenticate (wrong password or cipher, a replayed salt, a
 * malformed length or header, random bytes) gets no answer that tells it apart from a slow
 * server: nothing is sent, everything it sends is read and dropped, and it is closed, with a FIN
 * rather than a reset, when the handshake timeout ends (counted from its acceptance, or from the
 * failure for a stream that failed later) or as soon as it closes its own side.
 */
final class ShadowServer implements TransportServer {
    private static final System.Logger LOG = EngineLog.logger(ShadowServer.class);
    /** Salts per generation of the replay filter (two full generations: about 4 MiB of memory). */
    static final int SALTS_REMEMBERED = 1 << 17;

    /** How long a 2022 server keeps a salt at least (SIP022 3.1.5): twice the timestamps' 30 s either way. */
    static final long SIP022_SALT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final ShadowCipher cipher;
    private final byte[] masterKey;
    private final Optional<Sip022Method> sip022;
    private final Duration handshakeTimeout;
    private final ReplayFilter replayFilter;

    ShadowServer(TransportOptions options) throws InvalidTransportOptionsException {
        this.cipher = ShadowSettings.cipher(options);
        this.masterKey = ShadowSettings.masterKey(options, cipher);
        this.sip022 = ShadowSettings.sip022(options);
        this.handshakeTimeout = ShadowSettings.handshakeTimeout(options);
        // AEAD salts are kept as long as room allows (no timestamp bounds a replay there). A 2022
        // generation lasts 60 s, so a salt is kept 60 s at least (unless a generation fills first:
        // more than SALTS_REMEMBERED handshakes a minute).
        this.replayFilter = new ReplayFilter(SALTS_REMEMBERED, sip022.isPresent() ? SIP022_SALT_NANOS : Long.MAX_VALUE);
    }

    /** A client needs the cipher besides the password it was given (and the address). */
    @Override
    public Map<String, String> announcement() {
        return Map.of(ShadowSettings.CIPHER_NAME, sip022.map(Sip022Method::ssName).orElse(cipher.ssName()));
    }

    @Override
    public void install(Channel channel, Promise<Optional<HostPort>> handshakeDone) {
        Connection connection = new Connection(channel, handshakeDone);
        // One per connection: the decoder learns the request salt, the encoder's response repeats it.
        Sip022Stream stream = sip022.map(Sip022Stream::server).orElse(null);
        ShadowAeadDecoder decoder = new ShadowAeadDecoder(cipher, masterKey, connection, stream);
        channel.pipeline().addLast("shadow-decoder", decoder);
        channel.pipeline().addLast("shadow-encoder", new ShadowAeadEncoder(cipher, masterKey, null, stream));
        channel.pipeline().addLast("shadow-address", new AddressHeaderReader(decoder, handshakeDone));
        connection.startClock();
    }

    /** One accepted connection's clock and failure handling. */
    private final class Connection implements ShadowAeadDecoder.Listener {
        private final Channel channel;
        private final Promise<Optional<HostPort>> handshakeDone;
        private ScheduledFuture<?> closing;

        Connection(Channel channel, Promise<Optional<HostPort>> handshakeDone) {
            this.channel = channel;
            this.handshakeDone = handshakeDone;
        }

        void startClock() {
            closeAfterTimeout();
            handshakeDone.addListener(done -> {
                if (done.isSuccess() && closing != null) {
                    closing.cancel(false);
                    closing = null;
                }
            });
        }

        private void closeAfterTimeout() {
            closing = channel.eventLoop().schedule(() -> {
                if (!handshakeDone.isDone()) {
                    LOG.log(System.Logger.Level.DEBUG, "shadow: no valid handshake from " + channel.remoteAddress()
                            + " within " + handshakeTimeout.toSeconds() + " s; closing");
                }
                handshakeDone.tryFailure(new ShadowHandshakeException("no valid handshake in time"));
                channel.close();
            }, handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public boolean acceptSalt(byte[] salt) {
            return replayFilter.addIfAbsent(System.nanoTime(), salt);
        }

        @Override
        public void failed(ChannelHandlerContext ctx, String reason) {
            LOG.log(System.Logger.Level.DEBUG, "shadow: connection from " + channel.remoteAddress() + " failed: " + reason
                    + "; ignoring it until it closes or " + handshakeTimeout.toSeconds() + " s pass");
            // Keep reading (and dropping) whatever comes, so the socket is not closed with unread data (a reset).
            channel.config().setAutoRead(true);
            if (!handshakeDone.tryFailure(new ShadowHandshakeException(reason)) && closing == null) {
                closeAfterTimeout();
            }
        }
    }

    /**
     * Collects the plaintext until the address header is whole (in the decoder's cumulation), then
     * reports the address once what followed it has been passed on. A malformed header fails the
     * stream like a bad tag.
     */
    private static final class AddressHeaderReader extends ByteToMessageDecoder {
        private final ShadowAeadDecoder decoder;
        private final Promise<Optional<HostPort>> handshakeDone;
        private HostPort address;
        private boolean failed;

        AddressHeaderReader(ShadowAeadDecoder decoder, Promise<Optional<HostPort>> handshakeDone) {
            this.decoder = decoder;
            this.handshakeDone = handshakeDone;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            if (failed) {
                in.skipBytes(in.readableBytes());
                return;
            }
            ShadowAddress.Parsed parsed = ShadowAddress.read(in);
            if (parsed instanceof ShadowAddress.NeedMore) {
                if (in.readableBytes() >= ShadowAddress.MAX_LENGTH) {
                    fail(in, "address header too long");
                }
                return;
            }
            if (parsed instanceof ShadowAddress.Invalid invalid) {
                fail(in, invalid.reason());
                return;
            }
            ShadowAddress.Complete complete = (ShadowAddress.Complete) parsed;
            in.skipBytes(complete.length());
            address = complete.address();
            // What follows the header is passed on as the decoder leaves; handlerRemoved0 then reports the address.
            ctx.pipeline().remove(this);
        }

        private void fail(ByteBuf in, String reason) {
            failed = true;
            in.skipBytes(in.readableBytes());
            decoder.fail(reason);
        }

        @Override
        protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            in.skipBytes(in.readableBytes());
        }

        @Override
        protected void handlerRemoved0(ChannelHandlerContext ctx) {
            if (address != null) {
                handshakeDone.trySuccess(Optional.of(address));
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                // The client ended its side before its address was whole: end ours too (a FIN, as any server would).
                ReferenceCountUtil.release(evt);
                failed = true;
                decoder.fail("the client closed before its address header was complete");
                ctx.close();
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }
    }

    /** Why a server connection's handshake failed; no stack trace, it is an expected event. */
    static final class ShadowHandshakeException extends Exception {
        ShadowHandshakeException(String message) {
            super(message, null, false, false);
        }

        /** Logs show the reason, not a Java class name: this is an expected event, not a bug. */
        @Override
        public String toString() {
            return "shadow handshake failed: " + getMessage();
        }
    }
}
