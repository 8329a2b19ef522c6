package org.ptdispatcher.engine.tls;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Map;

/**
 * The certificate authorities a TLS client trusts: the JDK's own (on Debian, the system's
 * {@code ca-certificates} through {@code ca-certificates-java}), or, when {@code SSL_CERT_FILE}
 * names a PEM file, the certificates in that file alone: the variable Go's TLS (and so the
 * reference webtunnel client and lyrebird) and OpenSSL read, so one test CA or private bundle
 * serves both. Read at start-up, never on an event loop.
 */
public final class TrustAnchors {
    /** The environment variable, as Go and OpenSSL spell it. */
    public static final String CERT_FILE_VARIABLE = "SSL_CERT_FILE";

    private final X509TrustManager pkix;
    private final String source;

    private TrustAnchors(X509TrustManager pkix, String source) {
        this.pkix = pkix;
        this.source = source;
    }

    /**
     * The anchors {@code environment} asks for.
     *
     * @throws IOException naming the file when {@code SSL_CERT_FILE} is set but unreadable or holds no certificate
     */
    public static TrustAnchors fromEnvironment(Map<String, String> environment) throws IOException {
        String file = environment.get(CERT_FILE_VARIABLE);
        if (file == null || file.isEmpty()) {
            return new TrustAnchors(pkix(null), "the JDK's trusted certificates");
        }
        return fromPemFile(Path.of(file));
    }

    /** The certificates of one PEM (or DER) file, and nothing else. */
    public static TrustAnchors fromPemFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IOException(file + " (" + CERT_FILE_VARIABLE + ") holds no certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("anchor-" + i++, certificate);
            }
            return new TrustAnchors(pkix(store), file + " (" + CERT_FILE_VARIABLE + ")");
        } catch (GeneralSecurityException e) {
            throw new IOException(file + " (" + CERT_FILE_VARIABLE + ") is not a certificate file: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager pkix(KeyStore store) throws IOException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IOException("the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load trusted certificates: " + e.getMessage(), e);
        }
    }

    /** Checks a chain up to one of the anchors (path, validity, constraints), but not its names. */
    X509TrustManager pkix() {
        return pkix;
    }

    /** Where the anchors came from, for a log line. */
    public String source() {
        return source;
    }
}
