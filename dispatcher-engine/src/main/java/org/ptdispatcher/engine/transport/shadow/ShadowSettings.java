package org.ptdispatcher.engine.transport.shadow;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The options of the {@code shadow} transport, read and checked. Error messages name the option
 * and never repeat the password.
 */
final class ShadowSettings {
    static final String PASSWORD = "password";
    static final String CIPHER_NAME = "cipherName";
    static final String SERVER_ADDRESS = "serverAddress";
    static final String HANDSHAKE_TIMEOUT = "handshakeTimeout";

    static final ShadowCipher DEFAULT_CIPHER = ShadowCipher.CHACHA20_IETF_POLY1305;
    static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(60);

    private ShadowSettings() {
    }

    /** Every cipher name the option takes: the AEAD ones, then the 2022 ones. */
    static List<String> cipherNames() {
        return Stream.concat(Arrays.stream(ShadowCipher.values()).map(ShadowCipher::ssName),
                Arrays.stream(Sip022Method.values()).map(Sip022Method::ssName)).toList();
    }

    /** The AEAD that seals the chunks: the cipher the options name, a 2022 method's, or the default when they name none. */
    static ShadowCipher cipher(TransportOptions options) throws InvalidTransportOptionsException {
        Optional<Sip022Method> sip022 = sip022(options);
        if (sip022.isPresent()) {
            return sip022.get().aead();
        }
        Optional<String> name = options.get(CIPHER_NAME);
        if (name.isEmpty() || name.get().isBlank()) {
            return DEFAULT_CIPHER;
        }
        return ShadowCipher.parse(name.get()).orElseThrow(() -> new InvalidTransportOptionsException(
                "option \"" + CIPHER_NAME + "\": unknown cipher \"" + printable(name.get()) + "\"; use one of "
                        + String.join(", ", cipherNames())));
    }

    /** The 2022 method the options name, if they name one (SIP022); empty for an AEAD cipher. */
    static Optional<Sip022Method> sip022(TransportOptions options) {
        return options.get(CIPHER_NAME).flatMap(Sip022Method::parse);
    }

    /**
     * The key the chunks' subkeys come from: for an AEAD cipher the master key made from the
     * password, for a 2022 method the password option itself, a base64 key of the method's length.
     */
    static byte[] masterKey(TransportOptions options, ShadowCipher cipher) throws InvalidTransportOptionsException {
        Optional<Sip022Method> sip022 = sip022(options);
        if (sip022.isPresent()) {
            try {
                return ShadowKeys.sip022Psk(options.require(PASSWORD), sip022.get());
            } catch (IllegalArgumentException e) {
                throw new InvalidTransportOptionsException("option \"" + PASSWORD + "\": " + e.getMessage());
            }
        }
        return ShadowKeys.masterKey(options.require(PASSWORD), cipher);
    }

    /** The client's {@code serverAddress}, if set: the proxy model. */
    static Optional<HostPort> serverAddress(TransportOptions options) throws InvalidTransportOptionsException {
        Optional<String> text = options.get(SERVER_ADDRESS);
        if (text.isEmpty() || text.get().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(HostPort.parseDestination(text.get()));
        } catch (IllegalArgumentException e) {
            throw new InvalidTransportOptionsException("option \"" + SERVER_ADDRESS + "\": " + e.getMessage());
        }
    }

    /** The server's time limit for a connection to authenticate. */
    static Duration handshakeTimeout(TransportOptions options) throws InvalidTransportOptionsException {
        Optional<String> text = options.get(HANDSHAKE_TIMEOUT);
        if (text.isEmpty() || text.get().isBlank()) {
            return DEFAULT_HANDSHAKE_TIMEOUT;
        }
        try {
            double seconds = Double.parseDouble(text.get().trim());
            if (seconds > 0 && seconds <= 3600) {
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidTransportOptionsException("option \"" + HANDSHAKE_TIMEOUT + "\" is not a number of seconds between 0 and 3600");
    }

    private static String printable(String text) {
        String shortened = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }
}
