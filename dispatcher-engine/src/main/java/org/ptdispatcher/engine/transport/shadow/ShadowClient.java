package org.ptdispatcher.engine.transport.shadow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.log.EngineLog;
import org.ptdispatcher.engine.transport.ClientConnection;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportClient;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.util.Optional;

/**
 * The client half of {@code shadow}. Each connection sends a fresh salt and, as the first
 * plaintext of the stream, the address header: the requested address (the SOCKS CONNECT
 * destination, or {@code -target} in transparent mode). With {@code serverAddress} set it dials
 * that server (proxy model); without, it dials the requested address itself (bridge model), so
 * the header then names the PT server, which forwards to its own target and ignores it.
 */
final class ShadowClient implements TransportClient {
    private static final System.Logger LOG = EngineLog.logger(ShadowClient.class);

    private final TransportOptions options;

    /** Checks what the options given at start-up say; the password may still come per connection. */
    ShadowClient(TransportOptions options) throws InvalidTransportOptionsException {
        this.options = options;
        ShadowSettings.cipher(options);
        ShadowSettings.serverAddress(options);
        if (ShadowSettings.sip022(options).isPresent() && options.get(ShadowSettings.PASSWORD).isPresent()) {
            // A 2022 key of the wrong length is as wrong at start-up as at the first connection.
            ShadowSettings.masterKey(options, ShadowSettings.cipher(options));
        }
    }

    @Override
    public void check(TransportOptions connectionArgs) throws InvalidTransportOptionsException {
        plan(options.overriddenBy(connectionArgs));
    }

    @Override
    public ClientConnection open(HostPort requested, TransportOptions connectionArgs) throws InvalidTransportOptionsException {
        Plan plan = plan(options.overriddenBy(connectionArgs));
        HostPort dial = plan.server().orElse(requested);
        return ClientConnection.of(dial, (channel, handshakeDone) -> {
            ByteBuf header = Unpooled.buffer(ShadowAddress.MAX_LENGTH);
            ShadowAddress.write(requested, header);
            Sip022Stream sip022 = plan.sip022().map(Sip022Stream::client).orElse(null);
            channel.pipeline().addLast("shadow-decoder", new ShadowAeadDecoder(plan.cipher(), plan.masterKey(), new ServerStreamListener(), sip022));
            channel.pipeline().addLast("shadow-encoder", new ShadowAeadEncoder(plan.cipher(), plan.masterKey(), header, sip022));
            // Shadowsocks has no reply to wait for: the stream is usable at once.
            handshakeDone.setSuccess(null);
        });
    }

    /** {@code sip022}: the 2022 method, if it is one; then {@code masterKey} is its PSK. */
    private record Plan(ShadowCipher cipher, byte[] masterKey, Optional<HostPort> server, Optional<Sip022Method> sip022) {
    }

    private static Plan plan(TransportOptions merged) throws InvalidTransportOptionsException {
        ShadowCipher cipher = ShadowSettings.cipher(merged);
        return new Plan(cipher, ShadowSettings.masterKey(merged, cipher), ShadowSettings.serverAddress(merged), ShadowSettings.sip022(merged));
    }

    /** The server's stream failing to authenticate means the wrong password or cipher, or not a Shadowsocks server. */
    private static final class ServerStreamListener implements ShadowAeadDecoder.Listener {
        @Override
        public boolean acceptSalt(byte[] salt) {
            return true;
        }

        @Override
        public void failed(ChannelHandlerContext ctx, String reason) {
            LOG.log(System.Logger.Level.INFO, "shadow: the server's reply did not authenticate (" + reason
                    + "); check that password and cipherName match the server's");
            ctx.close();
        }
    }
}
