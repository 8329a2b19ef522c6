package org.ptdispatcher.cli.webtunnel;

import org.ptdispatcher.cli.testing.Nginx;
import org.ptdispatcher.cli.testing.Peer;
import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.TestCa;
import org.ptdispatcher.cli.testing.Traffic;
import org.ptdispatcher.engine.ipc.IpcMessage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The webtunnel programs the interop tests combine: our server and the reference's (plain HTTP
 * behind nginx), our client, the reference's and lyrebird's (SOCKS5 with the bridge line's args,
 * trusting the test CA through {@code SSL_CERT_FILE}), and a curl download through a client.
 */
final class WebTunnelEndpoints {
    /** The secret path of every test bridge. */
    static final String PATH = "aX9kq2Lw7tYh";
    /** The name in the test certificate. */
    static final String HOST = "bridge.test";

    private WebTunnelEndpoints() {
    }

    /** The SANs every test certificate carries. */
    static List<String> certificateNames() {
        return List.of("DNS:" + HOST, "IP:127.0.0.1", "IP:198.18.0.1");
    }

    /** A server and the SMETHOD line it announced. */
    record Server(PtProcess process, int port, IpcMessage.Smethod smethod) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }

    static Server ourServer(int port, int target, String url, String... extraOptions) throws Exception {
        String options = "{\"url\":\"" + url + "\"" + String.join("", extraOptions) + "}";
        PtProcess server = PtProcess.ptdispatcher().args("-server", "-transport", "webtunnel", "-bindhost", "127.0.0.1",
                "-bindport", Integer.toString(port), "-target", "127.0.0.1:" + target, "-options", options, "-ipcLogLevel", "INFO").start();
        return new Server(server, port, server.awaitSmethod("webtunnel"));
    }

    static Server referenceServer(Path state, int port, int target, String url) throws Exception {
        PtProcess server = PtProcess.command(Peer.requireUnstable("webtunnel-server").toString())
                .env("TOR_PT_MANAGED_TRANSPORT_VER", "1")
                .env("TOR_PT_SERVER_TRANSPORTS", "webtunnel")
                .env("TOR_PT_SERVER_BINDADDR", "webtunnel-127.0.0.1:" + port)
                .env("TOR_PT_ORPORT", "127.0.0.1:" + target)
                .env("TOR_PT_STATE_LOCATION", state.toString())
                .env("TOR_PT_SERVER_TRANSPORT_OPTIONS", "webtunnel:url=" + url)
                .env("TOR_PT_EXIT_ON_STDIN_CLOSE", "1")
                .start();
        return new Server(server, port, server.awaitSmethod("webtunnel"));
    }

    /** A client and its SOCKS address (as the test reaches it). */
    record Client(String name, PtProcess process, String socksAddress) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }

    static Client ourClient(TestCa ca) throws Exception {
        PtProcess client = PtProcess.ptdispatcher().args("-client", "-transports", "webtunnel", "-ipcLogLevel", "WARN")
                .env("SSL_CERT_FILE", ca.caFile().toString()).start();
        return new Client("our client", client, client.awaitCmethod("webtunnel"));
    }

    /** A Go client (the reference's or lyrebird), run the way tor runs it, optionally inside a namespace. */
    static Client goClient(String name, Path program, List<String> prefix, Path state, TestCa ca) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.add(program.toString());
        PtProcess client = PtProcess.command(command.toArray(String[]::new))
                .env("TOR_PT_MANAGED_TRANSPORT_VER", "1")
                .env("TOR_PT_CLIENT_TRANSPORTS", "webtunnel")
                .env("TOR_PT_STATE_LOCATION", state.toString())
                .env("TOR_PT_EXIT_ON_STDIN_CLOSE", "1")
                .env("SSL_CERT_FILE", ca.caFile().toString())
                .start();
        return new Client(name, client, client.awaitCmethod("webtunnel"));
    }

    /**
     * curl fetches {@code bytes} from {@code httpAddress} (the server's target) through
     * {@code socks}, passing {@code args} as tor does (RFC 1929: the client joins user name and
     * password); returns what went wrong, if anything. curl takes its user name up to the first
     * colon, so the password starts with that colon, which {@code --proxy-user} has once more.
     */
    static Optional<String> download(String socks, String args, String httpAddress, long bytes, long seed) throws Exception {
        int colon = args.indexOf(':');
        String proxyUser = colon >= 0 ? args.substring(0, colon) + ":" + args.substring(colon) : args + ":";
        return Traffic.curlDownloadProblem(List.of("--socks5-hostname", socks, "--proxy-user", proxyUser), httpAddress, bytes, seed, 180);
    }

    static Nginx nginx(Path dir, List<String> prefix, String listen, TestCa ca, int upstreamPort) throws Exception {
        return Nginx.startTls(dir, prefix, listen, ca, Nginx.upgradeLocation("= /" + PATH, "127.0.0.1:" + upstreamPort));
    }
}
