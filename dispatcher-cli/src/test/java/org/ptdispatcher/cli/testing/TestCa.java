package org.ptdispatcher.cli.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * A certificate authority made with {@code openssl} for one test, and one server certificate it
 * signed, for the names given (DNS names and IP addresses). The Go peers trust it through
 * {@code SSL_CERT_FILE=}{@link #caFile()}, and so does our client.
 */
public final class TestCa {
    private final Path dir;

    private TestCa(Path dir) {
        this.dir = dir;
    }

    /** @param subjectAltNames entries such as {@code DNS:bridge.test} and {@code IP:127.0.0.1}; the first DNS name is the CN */
    public static TestCa create(Path dir, List<String> subjectAltNames) throws Exception {
        Path openssl = Peer.require("openssl", "openssl");
        Files.createDirectories(dir);
        String cn = subjectAltNames.stream().filter(n -> n.startsWith("DNS:")).map(n -> n.substring(4)).findFirst().orElse("test server");
        Files.writeString(dir.resolve("server.ext"), "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n"
                + "subjectAltName=" + String.join(",", subjectAltNames) + "\n");
        Traffic.run(openssl.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", dir.resolve("ca.key").toString(), "-out", dir.resolve("ca.crt").toString(), "-days", "2",
                "-subj", "/CN=PT Dispatcher test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign");
        Traffic.run(openssl.toString(), "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", dir.resolve("server.key").toString(), "-out", dir.resolve("server.csr").toString(), "-subj", "/CN=" + cn);
        Traffic.run(openssl.toString(), "x509", "-req", "-in", dir.resolve("server.csr").toString(), "-CA", dir.resolve("ca.crt").toString(),
                "-CAkey", dir.resolve("ca.key").toString(), "-CAcreateserial", "-out", dir.resolve("server.crt").toString(), "-days", "2",
                "-extfile", dir.resolve("server.ext").toString());
        return new TestCa(dir);
    }

    public Path caFile() {
        return dir.resolve("ca.crt");
    }

    public Path serverCertificate() {
        return dir.resolve("server.crt");
    }

    public Path serverKey() {
        return dir.resolve("server.key");
    }

    /** The server certificate as the server sends it (alone, without the CA), parsed. */
    public X509Certificate serverCertificateParsed() throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(serverCertificate())) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** Base64 of the DER of the server certificate, for computing chain hashes. */
    public String serverCertificateBase64() throws IOException, CertificateException {
        return Base64.getEncoder().encodeToString(serverCertificateParsed().getEncoded());
    }
}
