package org.ptdispatcher.engine.transport.obfs4;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4FrameEncoder;
import org.ptdispatcher.engine.transport.obfs4.framing.Obfs4Framing;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4Handshake;
import org.ptdispatcher.engine.transport.obfs4.handshake.Obfs4ServerHandshake;
import org.ptdispatcher.engine.transport.obfs4.ntor.EphemeralKeyPair;
import org.ptdispatcher.engine.transport.obfs4.ntor.Ntor;
import org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Identity;
import org.ptdispatcher.engine.transport.replay.ReplayFilter;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.util.concurrent.TimeUnit;

/**
 * Records a real obfs4 session with obfs4proxy's client, for {@link Obfs4ServerKnownAnswerTest}:
 * a tool run by hand ({@code java ... Obfs4ClientSessionRecorder /usr/bin/obfs4proxy out.txt}), not a test.
 *
 * <p>It plays the server on a raw socket, with a known identity and a known session key, lets
 * obfs4proxy's client connect to it through obfs4proxy's SOCKS port, answers its handshake, and
 * records what the client sends: its request (with the epoch hour), then, once the client has
 * taken in the PRNG seed sent to it, the frames carrying three application messages sent 300 ms
 * apart. The test replays the request into our server handshake
 * and decodes the frames with the keys it derives.
 */
public final class Obfs4ClientSessionRecorder {
    static final String WELCOME = "welcome";
    static final String[] APP_MESSAGES = {"first message from the application", "second, a little longer message from the application",
            "third and last"};

    /** A server session key with a representative, the same on every run. */
    static EphemeralKeyPair fixedServerSessionKey() throws Exception {
        for (int i = 0; ; i++) {
            byte[] privateKey = MessageDigest.getInstance("SHA-256").digest(("obfs4 test server session key " + i).getBytes(StandardCharsets.US_ASCII));
            EphemeralKeyPair pair = EphemeralKeyPair.fromPrivateKey(privateKey, 0x42);
            if (pair != null) {
                return pair;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Path obfs4proxy = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Obfs4Identity identity = new Obfs4Identity(HexFormat.of().parseHex(Obfs4SessionRecorder.NODE_ID),
                HexFormat.of().parseHex(Obfs4SessionRecorder.PRIVATE_KEY));
        byte[] drbgSeed = HexFormat.of().parseHex(Obfs4SessionRecorder.DRBG_SEED);
        Path stateDir = Files.createTempDirectory("obfs4-client-recorder");
        ProcessBuilder pb = new ProcessBuilder(obfs4proxy.toString());
        pb.environment().put("TOR_PT_MANAGED_TRANSPORT_VER", "1");
        pb.environment().put("TOR_PT_CLIENT_TRANSPORTS", "obfs4");
        pb.environment().put("TOR_PT_STATE_LOCATION", stateDir.toString());
        Process peer = pb.start();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             BufferedReader reader = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.US_ASCII))) {
            String socksAddress = null;
            String line;
            while ((line = reader.readLine()) != null && !line.equals("CMETHODS DONE")) {
                if (line.startsWith("CMETHOD obfs4 socks5 ")) {
                    socksAddress = line.split(" ")[3];
                }
            }
            int socksPort = Integer.parseInt(socksAddress.substring(socksAddress.lastIndexOf(':') + 1));
            try (Socket app = new Socket(InetAddress.getLoopbackAddress(), socksPort)) {
                OutputStream appOut = app.getOutputStream();
                DataInputStream appIn = new DataInputStream(app.getInputStream());
                appOut.write(new byte[] {5, 1, 2});
                appIn.readFully(new byte[2]);
                byte[] user = ("cert=" + identity.cert().encode() + ";iat-mode=0").getBytes(StandardCharsets.US_ASCII);
                ByteArrayOutputStream auth = new ByteArrayOutputStream();
                auth.write(1);
                auth.write(user.length);
                auth.writeBytes(user);
                auth.write(1);
                auth.write(0);
                appOut.write(auth.toByteArray());
                appIn.readFully(new byte[2]);
                int port = listener.getLocalPort();
                appOut.write(new byte[] {5, 1, 0, 1, 127, 0, 0, 1, (byte) (port >>> 8), (byte) port});

                try (Socket client = listener.accept()) {
                    client.setSoTimeout(500);
                    InputStream in = client.getInputStream();
                    EphemeralKeyPair session = fixedServerSessionKey();
                    Obfs4ServerHandshake handshake = new Obfs4ServerHandshake(identity, session, new ReplayFilter(16, 1L << 40), new SecureRandom());
                    long epochHour = Obfs4Handshake.currentEpochHour();
                    byte[] request = new byte[Obfs4Handshake.MAX_HANDSHAKE_LENGTH];
                    int length = 0;
                    byte[] keySeed = null;
                    while (keySeed == null) {
                        try {
                            int n = in.read(request, length, request.length - length);
                            if (n < 0) {
                                throw new IllegalStateException("obfs4proxy closed before its handshake was complete");
                            }
                            length += n;
                            keySeed = handshake.parseRequest(request, length, epochHour, System.nanoTime());
                        } catch (SocketTimeoutException e) {
                            // keep waiting
                        }
                    }
                    byte[] keys = Ntor.expandKeys(keySeed, 144);
                    Obfs4FrameEncoder encoder = new Obfs4FrameEncoder(java.util.Arrays.copyOfRange(keys, 72, 144));
                    ByteBuf response = Unpooled.buffer();
                    response.writeBytes(handshake.response());
                    encoder.writePacket(response, Obfs4Framing.TYPE_PRNG_SEED, drbgSeed, 0, drbgSeed.length, 0);
                    client.getOutputStream().write(response.array(), response.arrayOffset(), response.readableBytes());
                    // obfs4proxy's client decodes the seed frame only when its next network read
                    // returns: a data frame sent a little later makes that happen before the application writes.
                    Thread.sleep(300);
                    byte[] welcome = WELCOME.getBytes(StandardCharsets.US_ASCII);
                    ByteBuf welcomeFrame = Unpooled.buffer();
                    encoder.writePacket(welcomeFrame, Obfs4Framing.TYPE_PAYLOAD, welcome, 0, welcome.length, 0);
                    client.getOutputStream().write(welcomeFrame.array(), welcomeFrame.arrayOffset(), welcomeFrame.readableBytes());

                    appIn.readFully(new byte[10]); // SOCKS success: the handshake is done
                    appIn.readFully(new byte[welcome.length]); // the seed has been taken in
                    List<byte[]> reads = new ArrayList<>();
                    byte[] buffer = new byte[65536];
                    for (String message : APP_MESSAGES) {
                        appOut.write(message.getBytes(StandardCharsets.US_ASCII));
                        appOut.flush();
                        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                        while (System.nanoTime() < until) {
                            try {
                                int n = in.read(buffer);
                                if (n > 0) {
                                    reads.add(java.util.Arrays.copyOf(buffer, n));
                                }
                            } catch (SocketTimeoutException e) {
                                // the burst is over
                            }
                        }
                    }
                    StringBuilder file = new StringBuilder();
                    file.append("# A real obfs4 session with obfs4proxy ").append(Obfs4SessionRecorder.versionOf(obfs4proxy))
                            .append(" as the client, recorded by Obfs4ClientSessionRecorder.\n");
                    file.append("epoch-hour ").append(epochHour).append('\n');
                    file.append("client-request ").append(HexFormat.of().formatHex(request, 0, length)).append('\n');
                    for (byte[] r : reads) {
                        file.append("client-read ").append(HexFormat.of().formatHex(r)).append('\n');
                    }
                    Files.writeString(out, file.toString());
                }
            }
        } finally {
            peer.destroy();
            peer.waitFor();
            Obfs4SessionRecorder.deleteTree(stateDir);
        }
    }
}
