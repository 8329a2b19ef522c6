package org.ptdispatcher.engine.tls;

import java.util.List;

/**
 * What our ClientHello offers, chosen to be Chromium's where the JDK's TLS can say it (measured
 * against Debian's chromium; the table is in docs/transports/webtunnel.md): Chromium's cipher
 * suites in its order, its groups and signature schemes, TLS 1.3 and 1.2, and ALPN
 * {@code http/1.1} alone, which is what Chromium offers on a connection it opens for a WebSocket.
 * What the JDK cannot send (GREASE values, ML-KEM key shares, certificate compression,
 * application settings, an ECH placeholder, signed certificate timestamps, a shuffled extension
 * order) is missing; the two extensions the JDK sends and Chromium does not
 * ({@code status_request_v2}, {@code signature_algorithms_cert}) are turned off.
 */
public final class ChromeLikeHello {
    /** Chromium's TLS 1.3 and TLS 1.2 suites in its order, by their JDK names. */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
            "TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_RSA_WITH_AES_128_CBC_SHA",
            "TLS_RSA_WITH_AES_256_CBC_SHA");

    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** The only application protocol a WebSocket connection of Chromium's offers. */
    public static final List<String> ALPN = List.of("http/1.1");

    /**
     * Chromium's groups without its ML-KEM hybrid, which JDK 17 lacks. The JDK 17 API has no
     * per-connection setting for them, only these system properties, read once when its TLS first
     * loads; a value the user set on the command line wins.
     */
    static final String NAMED_GROUPS = "x25519,secp256r1,secp384r1";

    /** Chromium's signature schemes in its order. */
    static final String SIGNATURE_SCHEMES = "ecdsa_secp256r1_sha256,rsa_pss_rsae_sha256,rsa_pkcs1_sha256,"
            + "ecdsa_secp384r1_sha384,rsa_pss_rsae_sha384,rsa_pkcs1_sha384,rsa_pss_rsae_sha512,rsa_pkcs1_sha512";

    /** Extensions the JDK sends by default and Chromium never does. */
    static final String DISABLED_EXTENSIONS = "status_request_v2,signature_algorithms_cert";

    private ChromeLikeHello() {
    }

    /** Sets the JDK-wide properties above unless already set; must run before the JDK's TLS first loads. */
    static void configureJdk() {
        setUnlessSet("jdk.tls.namedGroups", NAMED_GROUPS);
        setUnlessSet("jdk.tls.client.SignatureSchemes", SIGNATURE_SCHEMES);
        setUnlessSet("jdk.tls.client.disableExtensions", DISABLED_EXTENSIONS);
    }

    private static void setUnlessSet(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }
}
