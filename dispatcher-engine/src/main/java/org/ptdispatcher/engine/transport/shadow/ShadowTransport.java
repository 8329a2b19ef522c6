package org.ptdispatcher.engine.transport.shadow;

import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.ScalarKeystreamWarning;
import org.ptdispatcher.engine.transport.Transport;
import org.ptdispatcher.engine.transport.TransportClient;
import org.ptdispatcher.engine.transport.TransportContext;
import org.ptdispatcher.engine.transport.TransportOption;
import org.ptdispatcher.engine.transport.TransportOptions;
import org.ptdispatcher.engine.transport.TransportServer;

import java.util.List;

/**
 * {@code shadow}: Shadowsocks with the AEAD ciphers (SIP004/SIP007), wire-compatible with
 * shadowsocks-libev. The stream is a random salt and then sealed chunks; its plaintext starts
 * with a SOCKS-style address. Two ways to use it (docs/transports/shadow.md):
 * <ul>
 *   <li>bridge model: the application (Tor) connects to the PT server's address; the stream's
 *   address header carries that same address, and the server forwards to its {@code -target};</li>
 *   <li>proxy model: the client's {@code serverAddress} option names the server; the application's
 *   destination travels in the address header, and a server without {@code -target} connects to
 *   it, as {@code ss-server} does.</li>
 * </ul>
 */
public final class ShadowTransport implements Transport {
    /** The transport's name in -transports and CMETHOD/SMETHOD lines. */
    public static final String NAME = "shadow";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "Shadowsocks AEAD (aes-128-gcm, aes-256-gcm, chacha20-ietf-poly1305), compatible with shadowsocks-libev, "
                + "and Shadowsocks 2022 over TCP (2022-blake3-aes-128-gcm, 2022-blake3-aes-256-gcm, 2022-blake3-chacha20-poly1305).";
    }

    @Override
    public List<TransportOption> options() {
        List<String> ciphers = ShadowSettings.cipherNames();
        return List.of(
                TransportOption.builder(ShadowSettings.PASSWORD, TransportOption.Type.TEXT, TransportOption.Side.BOTH).required().secret()
                        .description("The shared password; client and server must use the same one. For a 2022 cipher, the key "
                                + "itself in base64, of the cipher's key length (openssl rand -base64 16 or 32).").build(),
                TransportOption.builder(ShadowSettings.CIPHER_NAME, TransportOption.Type.CHOICE, TransportOption.Side.BOTH)
                        .defaultValue(ShadowSettings.DEFAULT_CIPHER.ssName()).choices(ciphers)
                        .description("The AEAD cipher (case-insensitive, AEAD_ prefix allowed), or a Shadowsocks 2022 one "
                                + "(2022-blake3-...); client and server must use the same one.").build(),
                TransportOption.builder(ShadowSettings.SERVER_ADDRESS, TransportOption.Type.HOST_PORT, TransportOption.Side.CLIENT)
                        .description("The Shadowsocks server (host:port). When set, the SOCKS CONNECT destination is carried to the server "
                                + "inside the stream (proxy model); when absent, the client connects to the SOCKS CONNECT address (bridge model).").build(),
                TransportOption.builder(ShadowSettings.HANDSHAKE_TIMEOUT, TransportOption.Type.INTEGER, TransportOption.Side.SERVER).advanced()
                        .defaultValue(Long.toString(ShadowSettings.DEFAULT_HANDSHAKE_TIMEOUT.toSeconds()))
                        .description("Seconds a connection has to send a valid salt and address; one that fails authentication is read "
                                + "and ignored for this long before it is closed.").build());
    }

    /** The server can take the destination from the stream's address header when it has no target. */
    @Override
    public boolean carriesDestination() {
        return true;
    }

    @Override
    public TransportClient client(TransportContext context, TransportOptions options) throws InvalidTransportOptionsException {
        ShadowClient client = new ShadowClient(options);
        warnIfSlower(options);
        return client;
    }

    @Override
    public TransportServer server(TransportContext context, TransportOptions options) throws InvalidTransportOptionsException {
        ShadowServer server = new ShadowServer(options);
        warnIfSlower(options);
        return server;
    }

    /** chacha20's keystream has SIMD cores (AES-GCM has the JDK's own intrinsics, always there). */
    private void warnIfSlower(TransportOptions options) throws InvalidTransportOptionsException {
        if (ShadowSettings.cipher(options) == ShadowCipher.CHACHA20_IETF_POLY1305) {
            ScalarKeystreamWarning.warnIfSlower(name());
        }
    }
}
