package org.ptdispatcher.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.cli.testing.Peer;
import org.ptdispatcher.cli.testing.PtProcess;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code TOR_PT_OUTBOUND_BIND_ADDRESS_V4}: outgoing connections leave from the given address,
 * except to loopback destinations. Seeing the source address needs addresses of our own, so the
 * test runs in a network namespace with two extra addresses on its loopback interface.
 */
class OutboundBindIT {
    @TempDir
    Path dir;

    @Test
    void outgoingConnectionsUseTheGivenSourceAddressExceptToLoopback() throws Exception {
        Path curl = Peer.require("curl", "curl");
        Path unshare = Peer.require("unshare", "util-linux");
        Peer.require("ip", "iproute2");
        Peer.require("python3", "python3");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "network namespaces need root");
        // An HTTP server that answers with the address the connection came from.
        Files.writeString(dir.resolve("whoami.py"), String.join("\n",
                "import http.server, sys",
                "class H(http.server.BaseHTTPRequestHandler):",
                "    def do_GET(self):",
                "        body = self.client_address[0].encode()",
                "        self.send_response(200); self.send_header('Content-Length', str(len(body))); self.end_headers()",
                "        self.wfile.write(body)",
                "    def log_message(self, *a): pass",
                "http.server.HTTPServer((sys.argv[1], 8080), H).serve_forever()",
                ""));
        String script = String.join("\n",
                "set -e",
                "ip link set lo up",
                "ip addr add 10.7.0.1/32 dev lo",
                "ip addr add 10.7.0.2/32 dev lo",
                "python3 whoami.py 10.7.0.1 & web=$!",
                "python3 whoami.py 127.0.0.1 & local=$!",
                "mkfifo out",
                "TOR_PT_OUTBOUND_BIND_ADDRESS_V4=10.7.0.2 \"$1\" -transport plain -proxylistenaddr 127.0.0.1:1080 > out &",
                "pt=$!",
                "exec 3< out",
                "while read -r line <&3; do [ \"$line\" = \"CMETHODS DONE\" ] && break; done",
                "for i in $(seq 50); do \"$2\" -s -o /dev/null http://10.7.0.1:8080/ && \"$2\" -s -o /dev/null http://127.0.0.1:8080/ && break; sleep 0.1; done",
                "echo \"remote=$(\"$2\" -sS --max-time 10 --socks5 127.0.0.1:1080 http://10.7.0.1:8080/)\"",
                "echo \"loopback=$(\"$2\" -sS --max-time 10 --socks5 127.0.0.1:1080 http://127.0.0.1:8080/)\"",
                "kill $pt $web $local; wait $pt 2>/dev/null || true");
        Process p = new ProcessBuilder(unshare.toString(), "-n", "sh", "-c", script, "sh", PtProcess.launcher().toString(), curl.toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        p.waitFor();
        assertTrue(output.contains("remote=10.7.0.2"), "a non-loopback destination sees the bound source: " + output);
        assertTrue(output.contains("loopback=127.0.0.1"), "a loopback destination sees the default source: " + output);
    }
}
