package org.ptdispatcher.engine.tls;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The trust manager of one {@link ServerVerification}: a chain to a trusted authority whose leaf
 * names the expected name, or a chain whose folded hash is pinned. It checks the name itself
 * rather than through the JDK's endpoint identification, which checks the name sent in SNI.
 * A client only: it trusts no client certificate.
 */
final class ServerCertificateCheck extends X509ExtendedTrustManager {
    private final TrustAnchors anchors;
    private final ServerVerification verification;
    private final List<byte[]> pins;

    ServerCertificateCheck(TrustAnchors anchors, ServerVerification verification) {
        this.anchors = anchors;
        this.verification = verification;
        this.pins = verification instanceof ServerVerification.ByPinnedChain pinned ? pinned.pins() : List.of();
    }

    void check(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        if (verification instanceof ServerVerification.ByName byName) {
            anchors.pkix().checkServerTrusted(chain, authType);
            if (!CertificateNames.matches(chain[0], byName.name())) {
                throw new CertificateException("the server's certificate is not for " + byName.name());
            }
            return;
        }
        if (!CertificateChainHash.isPinned(CertificateChainHash.of(chain), pins)) {
            throw new CertificateException("the server's certificate chain is not the pinned one (cert=)");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a TLS client trusts no client certificate");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a TLS client trusts no client certificate");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a TLS client trusts no client certificate");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
