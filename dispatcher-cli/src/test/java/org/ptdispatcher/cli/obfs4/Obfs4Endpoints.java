package org.ptdispatcher.cli.obfs4;

import org.ptdispatcher.cli.testing.PtProcess;
import org.ptdispatcher.cli.testing.Traffic;
import org.ptdispatcher.engine.ipc.IpcMessage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Starts obfs4/obfs2 clients and servers, ours and obfs4proxy's, as real child processes the
 * way a parent would, and fetches through them with curl.
 */
final class Obfs4Endpoints {
    private Obfs4Endpoints() {
    }

    /** A running server: its process, address and the args a client needs. */
    record Server(PtProcess process, String address, String cert, int iatMode) {
        String host() {
            return address.substring(0, address.lastIndexOf(':'));
        }

        int port() {
            return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        }

        /** Tor's per-connection args, {@code cert=...;iat-mode=N}. */
        String args() {
            return "cert=" + cert + ";iat-mode=" + iatMode;
        }
    }

    /** A running client: its process and SOCKS address. */
    record Client(PtProcess process, String socksAddress, String name) {
    }

    static Server ourServer(String transport, Path state, int target, int iatMode, String... extraArgs) throws Exception {
        PtProcess.Builder b = PtProcess.ptdispatcher()
                .args("-server", "-transport", transport, "-bindhost", "127.0.0.1", "-bindport", "0",
                        "-target", "127.0.0.1:" + target, "-state", state.toString())
                .args(extraArgs);
        if (transport.equals("obfs4")) {
            b.args("-options", "{\"iat-mode\":" + iatMode + "}");
        }
        return server(b.start(), transport, iatMode);
    }

    static Server peerServer(Path obfs4proxy, String transport, Path state, int target, int iatMode) throws Exception {
        PtProcess.Builder b = PtProcess.command(obfs4proxy.toString())
                .env("TOR_PT_MANAGED_TRANSPORT_VER", "1")
                .env("TOR_PT_SERVER_TRANSPORTS", transport)
                .env("TOR_PT_SERVER_BINDADDR", transport + "-127.0.0.1:0")
                .env("TOR_PT_ORPORT", "127.0.0.1:" + target)
                .env("TOR_PT_STATE_LOCATION", state.toString());
        if (transport.equals("obfs4")) {
            b.env("TOR_PT_SERVER_TRANSPORT_OPTIONS", "obfs4:iat-mode=" + iatMode);
        }
        return server(b.start(), transport, iatMode);
    }

    private static Server server(PtProcess process, String transport, int iatMode) throws InterruptedException {
        IpcMessage.Smethod smethod = process.awaitSmethod(transport);
        String cert = smethod.args().getOrDefault("cert", "");
        return new Server(process, smethod.address(), cert, iatMode);
    }

    /**
     * A drbg-seed whose tables (derived from it exactly as obfs4proxy derives them) have a mean
     * pause of about 1.2 ms and a mean paranoid segment of about 1200 bytes: paced transfers in
     * tests then run at about 1 MB/s instead of whatever a random seed gives (some give tens of
     * KB/s). Its close delay for failed handshakes is 7 s.
     */
    static final String FAST_DRBG_SEED = "87d080e626114869c269d1352f1abaf50aa6f112fb8d247f";
    static final int FAST_DRBG_SEED_CLOSE_DELAY_SECONDS = 7;

    /** Writes an obfs4_state.json in obfs4proxy's format with a random identity and the given seed and mode. */
    static void writeState(Path directory, String drbgSeed, int iatMode) throws java.io.IOException {
        java.security.SecureRandom random = new java.security.SecureRandom();
        byte[] nodeId = new byte[20];
        byte[] privateKey = new byte[32];
        random.nextBytes(nodeId);
        random.nextBytes(privateKey);
        java.nio.file.Files.createDirectories(directory);
        java.nio.file.Files.writeString(directory.resolve("obfs4_state.json"), "{\"node-id\":\"" + HexFormat.of().formatHex(nodeId)
                + "\",\"private-key\":\"" + HexFormat.of().formatHex(privateKey) + "\",\"public-key\":\"\",\"drbg-seed\":\"" + drbgSeed
                + "\",\"iat-mode\":" + iatMode + "}");
    }

    static Client ourClient(String transport, Path state) throws Exception {
        PtProcess p = PtProcess.ptdispatcher().args("-client", "-transport", transport, "-state", state.toString()).start();
        return new Client(p, p.awaitCmethod(transport), "our " + transport + " client");
    }

    static Client peerClient(Path obfs4proxy, String transport, Path state) throws Exception {
        PtProcess p = PtProcess.command(obfs4proxy.toString())
                .env("TOR_PT_MANAGED_TRANSPORT_VER", "1")
                .env("TOR_PT_CLIENT_TRANSPORTS", transport)
                .env("TOR_PT_STATE_LOCATION", state.toString())
                .start();
        return new Client(p, p.awaitCmethod(transport), "obfs4proxy " + transport + " client");
    }

    /**
     * Fetches {@code /random?bytes=N&seed=S} from the HTTP server behind {@code server} with
     * {@code curl --socks5-hostname} through {@code client}, and checks length and SHA-256.
     * The args go as RFC 1929 user name and password, split so that each part is non-empty
     * (curl cannot send a NUL password; both obfs4proxy and we join the two fields).
     *
     * @return null if all is well, else what went wrong
     */
    static String fetchAndVerify(Path curl, Client client, Server server, long bytes, long seed, int maxSeconds) throws Exception {
        List<String> proxyArgs = new ArrayList<>(List.of("--socks5-hostname", client.socksAddress()));
        if (!server.cert().isEmpty()) {
            proxyArgs.addAll(List.of("--proxy-user", "cert=" + server.cert() + ";iat-mode=:" + server.iatMode()));
        }
        return Traffic.curlDownloadProblem(proxyArgs, server.address(), bytes, seed, maxSeconds).orElse(null);
    }


    static void close(Server s) {
        if (s != null) {
            s.process().close();
        }
    }

    static void close(Client c) {
        if (c != null) {
            c.process().close();
        }
    }

}
