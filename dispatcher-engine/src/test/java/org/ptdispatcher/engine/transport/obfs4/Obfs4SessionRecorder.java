package org.ptdispatcher.engine.transport.obfs4;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4FrameEncoder;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4ClientHandshake;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4Handshake;
import org.ptdispatcher.engine.transport.obfs4.ntor.EphemeralKeyPair;
import org.ptdispatcher.engine.transport.obfs4.ntor.Ntor;
import org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Identity;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Records a real obfs4 session with obfs4proxy's server, for {@link Obfs4KnownAnswerTest}: not a
 * test, a tool run by hand ({@code java ... Obfs4SessionRecorder /usr/bin/obfs4proxy out.txt}).
 *
 * <p>It writes a state file with known keys, starts obfs4proxy's server in front of a small TCP
 * service that sends five greetings 300 ms apart, and connects to it with a raw socket, sending a
 * client handshake made from a known session key. Everything obfs4proxy sends is recorded, read
 * by read, with the epoch hour used, then one client frame with known text; what the service
 * received is recorded too. The expected values of the test thus come from obfs4proxy.
 */
public final class Obfs4SessionRecorder {
    static final String NODE_ID = "5f40bb1ad3aef7064f6031d8151856c311a6601a";
    static final String PRIVATE_KEY = "1c69e91b945c7859f79153a9e7acd749182ec076a23150127ce2c4b0a44585f5";
    static final String DRBG_SEED = "9f36c0b3199833ffa68a83177f536bb5393d8047c23e7cee";
    static final String CLIENT_TEXT = "hello from the client through obfs4proxy";
    static final int GREETINGS = 5;

    /** The i-th greeting the service sends: 700 + 211 i bytes of a fixed pattern. */
    static byte[] greeting(int i) {
        byte[] g = new byte[700 + 211 * i];
        for (int k = 0; k < g.length; k++) {
            g[k] = (byte) (k * 31 + i);
        }
        return g;
    }

    /** A session key with a representative, the same on every run: SHA-256 of a counter until one fits. */
    static EphemeralKeyPair fixedSessionKey() throws Exception {
        for (int i = 0; ; i++) {
            byte[] privateKey = MessageDigest.getInstance("SHA-256").digest(("obfs4 test session key " + i).getBytes(StandardCharsets.US_ASCII));
            EphemeralKeyPair pair = EphemeralKeyPair.fromPrivateKey(privateKey, 0x81);
            if (pair != null) {
                return pair;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Path obfs4proxy = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Path stateDir = Files.createTempDirectory("obfs4-recorder");
        Files.writeString(stateDir.resolve("obfs4_state.json"), "{\"node-id\":\"" + NODE_ID + "\",\"private-key\":\"" + PRIVATE_KEY
                + "\",\"public-key\":\"\",\"drbg-seed\":\"" + DRBG_SEED + "\",\"iat-mode\":0}");

        ServerSocket service = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture<byte[]> serviceReceived = new CompletableFuture<>();
        Thread serviceThread = new Thread(() -> {
            try (Socket s = service.accept()) {
                OutputStream o = s.getOutputStream();
                for (int i = 0; i < GREETINGS; i++) {
                    o.write(greeting(i));
                    o.flush();
                    Thread.sleep(300);
                }
                s.setSoTimeout(5000);
                byte[] got = new byte[CLIENT_TEXT.length()];
                new java.io.DataInputStream(s.getInputStream()).readFully(got);
                serviceReceived.complete(got);
            } catch (Exception e) {
                serviceReceived.completeExceptionally(e);
            }
        });
        serviceThread.start();

        ProcessBuilder pb = new ProcessBuilder(obfs4proxy.toString());
        pb.environment().put("TOR_PT_MANAGED_TRANSPORT_VER", "1");
        pb.environment().put("TOR_PT_SERVER_TRANSPORTS", "obfs4");
        pb.environment().put("TOR_PT_SERVER_BINDADDR", "obfs4-127.0.0.1:0");
        pb.environment().put("TOR_PT_ORPORT", "127.0.0.1:" + service.getLocalPort());
        pb.environment().put("TOR_PT_STATE_LOCATION", stateDir.toString());
        Process peer = pb.start();
        String smethod = null;
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(peer.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = reader.readLine()) != null && !line.equals("SMETHODS DONE")) {
                if (line.startsWith("SMETHOD obfs4 ")) {
                    smethod = line;
                }
            }
            String address = smethod.split(" ")[2];
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));

            Obfs4Identity identity = new Obfs4Identity(HexFormat.of().parseHex(NODE_ID), HexFormat.of().parseHex(PRIVATE_KEY));
            EphemeralKeyPair session = fixedSessionKey();
            long epochHour = Obfs4Handshake.currentEpochHour();
            Obfs4ClientHandshake handshake = new Obfs4ClientHandshake(identity.cert(), session, new SecureRandom(), epochHour);
            byte[] request = handshake.request();
            List<byte[]> reads = new ArrayList<>();
            byte[] clientFrame;
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.getOutputStream().write(request);
                s.setSoTimeout(1000);
                InputStream in = s.getInputStream();
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                byte[] buffer = new byte[65536];
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
                Obfs4ClientHandshake.Completed done = null;
                while (System.nanoTime() < deadline) {
                    try {
                        int n = in.read(buffer);
                        if (n < 0) {
                            break;
                        }
                        reads.add(java.util.Arrays.copyOf(buffer, n));
                        all.write(buffer, 0, n);
                    } catch (SocketTimeoutException e) {
                        // keep waiting for the later greetings
                    }
                    if (done == null) {
                        byte[] sofar = all.toByteArray();
                        done = handshake.parseResponse(sofar, Math.min(sofar.length, Obfs4Handshake.MAX_HANDSHAKE_LENGTH));
                    }
                }
                byte[] keys = Ntor.expandKeys(done.keySeed(), 144);
                Obfs4FrameEncoder encoder = new Obfs4FrameEncoder(java.util.Arrays.copyOf(keys, 72));
                ByteBuf frame = Unpooled.buffer();
                byte[] text = CLIENT_TEXT.getBytes(StandardCharsets.US_ASCII);
                encoder.writePacket(frame, Obfs4Framing.TYPE_PAYLOAD, text, 0, text.length, 0);
                clientFrame = new byte[frame.readableBytes()];
                frame.readBytes(clientFrame);
                s.getOutputStream().write(clientFrame);
                s.getOutputStream().flush();
                byte[] received = serviceReceived.get(10, TimeUnit.SECONDS);
                StringBuilder file = new StringBuilder();
                file.append("# A real obfs4 session with obfs4proxy ").append(versionOf(obfs4proxy)).append(" as the server, recorded by Obfs4SessionRecorder.\n");
                file.append("node-id ").append(NODE_ID).append('\n');
                file.append("private-key ").append(PRIVATE_KEY).append('\n');
                file.append("drbg-seed ").append(DRBG_SEED).append('\n');
                file.append("smethod ").append(smethod).append('\n');
                file.append("epoch-hour ").append(epochHour).append('\n');
                file.append("client-request ").append(HexFormat.of().formatHex(request)).append('\n');
                for (byte[] r : reads) {
                    file.append("server-read ").append(HexFormat.of().formatHex(r)).append('\n');
                }
                file.append("client-frame ").append(HexFormat.of().formatHex(clientFrame)).append('\n');
                file.append("service-received ").append(new String(received, StandardCharsets.US_ASCII)).append('\n');
                Files.writeString(out, file.toString());
            }
        } finally {
            peer.destroy();
            peer.waitFor();
            deleteTree(stateDir);
            service.close();
        }
    }

    static String versionOf(Path obfs4proxy) throws Exception {
        Process p = new ProcessBuilder(obfs4proxy.toString(), "-version").start();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
    }

    static void deleteTree(Path directory) throws java.io.IOException {
        try (var paths = Files.walk(directory)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
