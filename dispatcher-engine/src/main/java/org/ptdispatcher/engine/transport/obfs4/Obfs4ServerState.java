package org.ptdispatcher.engine.transport.obfs4;

import org.bouncycastle.math.ec.rfc7748.X25519;
import org.ptdispatcher.engine.json.JsonObject;
import org.ptdispatcher.engine.json.JsonReader;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportOptions;
import org.ptdispatcher.engine.transport.obfs4.drbg.HashDrbg;
import org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Cert;
import org.ptdispatcher.engine.transport.obfs4.ntor.Obfs4Identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * An obfs4 server's persistent state, in obfs4proxy's own files so that either program can take
 * over a state directory from the other:
 *
 * <ul>
 *   <li>{@code obfs4_state.json}: {@code node-id}, {@code private-key}, {@code public-key},
 *   {@code drbg-seed} (hex) and {@code iat-mode} (number). Made with fresh random values when
 *   missing.</li>
 *   <li>{@code obfs4_bridgeline.txt}: a human-readable bridge line, rewritten at each start.</li>
 * </ul>
 *
 * As in obfs4proxy, an {@code iat-mode} server option overrides the stored one and is written back;
 * without it the stored mode stays. Also as in obfs4proxy, the options {@code node-id},
 * {@code private-key} and {@code drbg-seed}, given all three together, replace the stored keys.
 * Both files are written owner-only, at start-up only, through a symbolic link if they are one.
 * A state file that is not one JSON object (trailing junk included) is refused and left alone.
 */
record Obfs4ServerState(Obfs4Identity identity, byte[] drbgSeed, IatMode iatMode) {
    static final String STATE_FILE = "obfs4_state.json";
    static final String BRIDGE_LINE_FILE = "obfs4_bridgeline.txt";

    private static final HexFormat HEX = HexFormat.of();

    /** Loads (or creates) the state in {@code directory}, applies {@code options}, and writes both files. */
    static Obfs4ServerState loadOrCreate(Path directory, TransportOptions options, SecureRandom random)
            throws InvalidTransportOptionsException {
        Path file = directory.resolve(STATE_FILE);
        Obfs4ServerState state;
        boolean keysGiven = options.contains("node-id") || options.contains("private-key") || options.contains("drbg-seed");
        if (keysGiven) {
            state = new Obfs4ServerState(
                    new Obfs4Identity(hexOption(options, "node-id", Obfs4Cert.NODE_ID_LENGTH), hexOption(options, "private-key", 32)),
                    hexOption(options, "drbg-seed", HashDrbg.SEED_LENGTH), IatMode.NONE);
        } else {
            state = Files.exists(file) ? read(file) : fresh(random);
        }
        if (options.contains("iat-mode")) {
            state = new Obfs4ServerState(state.identity, state.drbgSeed, IatMode.parse(options.get("iat-mode").get()));
        }
        try {
            writeOwnerOnly(file, state.toJson());
            writeOwnerOnly(directory.resolve(BRIDGE_LINE_FILE), state.bridgeLineFile());
        } catch (IOException e) {
            throw new InvalidTransportOptionsException("cannot write the obfs4 state in " + directory + ": " + e.getMessage());
        }
        return state;
    }

    static Obfs4ServerState fresh(SecureRandom random) {
        byte[] nodeId = new byte[Obfs4Cert.NODE_ID_LENGTH];
        random.nextBytes(nodeId);
        byte[] privateKey = new byte[32];
        X25519.generatePrivateKey(random, privateKey);
        byte[] seed = new byte[HashDrbg.SEED_LENGTH];
        random.nextBytes(seed);
        return new Obfs4ServerState(new Obfs4Identity(nodeId, privateKey), seed, IatMode.NONE);
    }

    private static Obfs4ServerState read(Path file) throws InvalidTransportOptionsException {
        JsonObject root;
        try {
            // Strict JSON, nothing but whitespace after the object: obfs4proxy's json.Unmarshal refuses the rest.
            root = JsonReader.parseStrict(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException | JsonReader.JsonRefusal e) {
            // Messages about the text could quote the file's content: keep secrets out of them.
            throw new InvalidTransportOptionsException("cannot read " + file + ": not a valid obfs4 state file");
        }
        byte[] nodeId = hexField(root, "node-id", Obfs4Cert.NODE_ID_LENGTH, file);
        byte[] privateKey = hexField(root, "private-key", 32, file);
        byte[] seed = hexField(root, "drbg-seed", HashDrbg.SEED_LENGTH, file);
        Object iat = root.members().get("iat-mode");
        IatMode mode = iat == null || iat == JsonObject.NULL ? IatMode.NONE
                : iat instanceof JsonObject.Literal number ? iatNumber(number.spelling(), file)
                : iat instanceof String text ? IatMode.parse(text)
                : invalid(file, "iat-mode");
        return new Obfs4ServerState(new Obfs4Identity(nodeId, privateKey), seed, mode);
    }

    private static IatMode iatNumber(String spelling, Path file) throws InvalidTransportOptionsException {
        try {
            return IatMode.ofNumber(Integer.parseInt(spelling));
        } catch (NumberFormatException e) {
            return invalid(file, "iat-mode");
        }
    }

    private static IatMode invalid(Path file, String name) throws InvalidTransportOptionsException {
        throw new InvalidTransportOptionsException(file + ": \"" + name + "\" is not valid");
    }

    private static byte[] hexOption(TransportOptions options, String name, int length) throws InvalidTransportOptionsException {
        String value = options.get(name).orElseThrow(() -> new InvalidTransportOptionsException(
                "options \"node-id\", \"private-key\" and \"drbg-seed\" go together: \"" + name + "\" is missing"));
        try {
            byte[] raw = HEX.parseHex(value.trim());
            if (raw.length == length) {
                return raw;
            }
        } catch (IllegalArgumentException e) {
            // reported below, without the value
        }
        throw new InvalidTransportOptionsException("option \"" + name + "\" must be " + 2 * length + " hex digits");
    }

    private static byte[] hexField(JsonObject root, String name, int length, Path file) throws InvalidTransportOptionsException {
        if (!(root.members().get(name) instanceof String text)) {
            throw new InvalidTransportOptionsException(file + ": \"" + name + "\" is missing");
        }
        try {
            byte[] raw = HEX.parseHex(text);
            if (raw.length == length) {
                return raw;
            }
        } catch (IllegalArgumentException e) {
            // reported below, without the value
        }
        throw new InvalidTransportOptionsException(file + ": \"" + name + "\" must be " + 2 * length + " hex digits");
    }

    /** The cert clients need. */
    Obfs4Cert cert() {
        return identity.cert();
    }

    /** obfs4proxy's compact JSON, fields in its order. */
    String toJson() {
        // Hex digits and a small number: nothing to escape.
        return "{\"node-id\":\"" + HEX.formatHex(identity.nodeId())
                + "\",\"private-key\":\"" + HEX.formatHex(identity.privateKey())
                + "\",\"public-key\":\"" + HEX.formatHex(identity.publicKey())
                + "\",\"drbg-seed\":\"" + HEX.formatHex(drbgSeed)
                + "\",\"iat-mode\":" + iatMode.number() + "}";
    }

    String bridgeLineFile() {
        return "# obfs4 torrc client bridge line\n"
                + "#\n"
                + "# This file is an automatically generated bridge line based on\n"
                + "# the current obfs4proxy configuration.  EDITING IT WILL HAVE\n"
                + "# NO EFFECT.\n"
                + "#\n"
                + "# Before distributing this Bridge, edit the placeholder fields\n"
                + "# to contain the actual values:\n"
                + "#  <IP ADDRESS>  - The public IP address of your obfs4 bridge.\n"
                + "#  <PORT>        - The TCP/IP port of your obfs4 bridge.\n"
                + "#  <FINGERPRINT> - The bridge's fingerprint.\n\n"
                + "Bridge obfs4 <IP ADDRESS>:<PORT> <FINGERPRINT> cert=" + cert().encode() + " iat-mode=" + iatMode.number() + "\n";
    }

    /**
     * Writes through a temporary file created 0600, so the secret never sits in a readable file.
     * A symbolic link is written through, as obfs4proxy's plain write does: the file it points to
     * gets the content (its temporary file made beside it), and the link stays.
     */
    private static void writeOwnerOnly(Path link, String content) throws IOException {
        Path file = Files.isSymbolicLink(link) && Files.exists(link) ? link.toRealPath() : link;
        Path directory = file.toAbsolutePath().getParent();
        Path temporary;
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            temporary = Files.createTempFile(directory, ".obfs4", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            temporary = Files.createTempFile(directory, ".obfs4", ".tmp");
        }
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public String toString() {
        return "Obfs4ServerState[cert=" + cert().encode() + ", iat-mode=" + iatMode.number() + "]";
    }
}
