package org.ptdispatcher.engine.transport.obfs4;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;
import org.ptdispatcher.engine.transport.TransportOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** State files in obfs4proxy's format, and client options. */
class Obfs4StateAndOptionsTest {
    /** Written by obfs4proxy 0.0.14 (its SMETHOD line announced the cert below for it). */
    private static final String OBFS4PROXY_STATE = "{\"node-id\":\"5f40bb1ad3aef7064f6031d8151856c311a6601a\","
            + "\"private-key\":\"1c69e91b945c7859f79153a9e7acd749182ec076a23150127ce2c4b0a44585f5\","
            + "\"public-key\":\"e8a2b7f15bbb8520ac7bb4286a30289ec898e59d6fbb98fc9fd292d0604ca955\","
            + "\"drbg-seed\":\"9f36c0b3199833ffa68a83177f536bb5393d8047c23e7cee\",\"iat-mode\":1}";
    private static final String OBFS4PROXY_CERT = "X0C7GtOu9wZPYDHYFRhWwxGmYBroorfxW7uFIKx7tChqMCieyJjlnW+7mPyf0pLQYEypVQ";

    @TempDir
    Path directory;

    @Test
    void aStateFileWrittenByObfs4proxyGivesItsCertAndIsWrittenBackUnchanged() throws Exception {
        Files.writeString(directory.resolve("obfs4_state.json"), OBFS4PROXY_STATE);
        Obfs4ServerState state = Obfs4ServerState.loadOrCreate(directory, TransportOptions.empty(), new SecureRandom());
        assertEquals(OBFS4PROXY_CERT, state.cert().encode());
        assertEquals(IatMode.ENABLED, state.iatMode());
        assertEquals(OBFS4PROXY_STATE, Files.readString(directory.resolve("obfs4_state.json")));
        assertTrue(Files.readString(directory.resolve("obfs4_bridgeline.txt"))
                .endsWith("Bridge obfs4 <IP ADDRESS>:<PORT> <FINGERPRINT> cert=" + OBFS4PROXY_CERT + " iat-mode=1\n"));
    }

    @Test
    void aFreshStateIsOwnerOnlyAndStable() throws Exception {
        Obfs4ServerState first = Obfs4ServerState.loadOrCreate(directory, TransportOptions.of(Map.of("iat-mode", "2")), new SecureRandom());
        assertEquals(IatMode.PARANOID, first.iatMode());
        for (String file : new String[] {"obfs4_state.json", "obfs4_bridgeline.txt"}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(file))));
        }
        Obfs4ServerState again = Obfs4ServerState.loadOrCreate(directory, TransportOptions.empty(), new SecureRandom());
        assertEquals(first.cert(), again.cert());
        assertEquals(IatMode.PARANOID, again.iatMode(), "the mode is kept in the state file");
    }

    @Test
    void keysGivenAsServerOptionsReplaceTheStoredOnesAllThreeOrNone() throws Exception {
        Obfs4ServerState.loadOrCreate(directory, TransportOptions.empty(), new SecureRandom());
        Obfs4ServerState given = Obfs4ServerState.loadOrCreate(directory, TransportOptions.of(Map.of(
                "node-id", "5f40bb1ad3aef7064f6031d8151856c311a6601a",
                "private-key", "1c69e91b945c7859f79153a9e7acd749182ec076a23150127ce2c4b0a44585f5",
                "drbg-seed", "9f36c0b3199833ffa68a83177f536bb5393d8047c23e7cee",
                "iat-mode", "1")), new SecureRandom());
        assertEquals(OBFS4PROXY_CERT, given.cert().encode());
        assertEquals(OBFS4PROXY_STATE, Files.readString(directory.resolve("obfs4_state.json")));
        InvalidTransportOptionsException e = assertThrows(InvalidTransportOptionsException.class, () -> Obfs4ServerState.loadOrCreate(directory,
                TransportOptions.of(Map.of("private-key", "1c69e91b945c7859f79153a9e7acd749182ec076a23150127ce2c4b0a44585f5")), new SecureRandom()));
        assertFalse(e.getMessage().contains("1c69e91b"), "no secret in the message");
    }

    /** As obfs4proxy does (checked with 0.0.14): the file behind the link gets the new iat-mode, and the link stays a link. */
    @Test
    void aSymlinkedStateFileIsWrittenThroughTheLink() throws Exception {
        Path elsewhere = Files.createDirectories(directory.resolve("elsewhere"));
        Path target = elsewhere.resolve("kept-state.json");
        Files.writeString(target, OBFS4PROXY_STATE);
        Path stateDirectory = Files.createDirectories(directory.resolve("state"));
        Path link = Files.createSymbolicLink(stateDirectory.resolve("obfs4_state.json"), Path.of("../elsewhere/kept-state.json"));
        Obfs4ServerState state = Obfs4ServerState.loadOrCreate(stateDirectory, TransportOptions.of(Map.of("iat-mode", "0")), new SecureRandom());
        assertEquals(OBFS4PROXY_CERT, state.cert().encode());
        assertTrue(Files.isSymbolicLink(link), "the link was replaced by a regular file");
        assertEquals(OBFS4PROXY_STATE.replace("\"iat-mode\":1", "\"iat-mode\":0"), Files.readString(target));
        assertEquals(Set.of("kept-state.json"), listNames(elsewhere), "no temporary file left beside the target");
    }

    /** obfs4proxy refuses it too ("invalid character 'j' after top-level value"); the file is left as it was. */
    @Test
    void trailingJunkAfterTheStateFilesJsonIsRefusedAndTheFileKept() throws Exception {
        String junk = OBFS4PROXY_STATE + " junk\n";
        Files.writeString(directory.resolve("obfs4_state.json"), junk);
        InvalidTransportOptionsException e = assertThrows(InvalidTransportOptionsException.class,
                () -> Obfs4ServerState.loadOrCreate(directory, TransportOptions.of(Map.of("iat-mode", "0")), new SecureRandom()));
        assertFalse(e.getMessage().contains("junk"), e.getMessage());
        assertEquals(junk, Files.readString(directory.resolve("obfs4_state.json")));
        // Whitespace after the object is no junk, for obfs4proxy either.
        Files.writeString(directory.resolve("obfs4_state.json"), OBFS4PROXY_STATE + " \n\t\n");
        assertEquals(OBFS4PROXY_CERT, Obfs4ServerState.loadOrCreate(directory, TransportOptions.empty(), new SecureRandom()).cert().encode());
    }

    private static Set<String> listNames(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void aDamagedStateFileIsRefusedWithoutQuotingIt() throws Exception {
        Files.writeString(directory.resolve("obfs4_state.json"), OBFS4PROXY_STATE.replace("\"private-key\":\"1c", "\"private-key\":\"zz"));
        InvalidTransportOptionsException e = assertThrows(InvalidTransportOptionsException.class,
                () -> Obfs4ServerState.loadOrCreate(directory, TransportOptions.empty(), new SecureRandom()));
        assertTrue(e.getMessage().contains("private-key"));
        assertFalse(e.getMessage().contains("69e91b945c"), "no secret in the message");
    }

    @Test
    void clientArgsAcceptCertOrLegacyHexAndIatModeAsNumberOrString() throws Exception {
        Obfs4ClientArgs byCert = Obfs4ClientArgs.parse(TransportOptions.of(Map.of("cert", OBFS4PROXY_CERT, "iat-mode", "1")));
        Obfs4ClientArgs legacy = Obfs4ClientArgs.parse(TransportOptions.of(Map.of(
                "node-id", "5f40bb1ad3aef7064f6031d8151856c311a6601a",
                "public-key", "e8a2b7f15bbb8520ac7bb4286a30289ec898e59d6fbb98fc9fd292d0604ca955",
                "iat-mode", "\"1\"")));
        assertEquals(byCert, legacy);
        assertEquals(IatMode.PARANOID, Obfs4ClientArgs.parse(TransportOptions.of(Map.of("cert", OBFS4PROXY_CERT, "iat-mode", "paranoid"))).iatMode());
        assertEquals(IatMode.NONE, Obfs4ClientArgs.parse(TransportOptions.of(Map.of("cert", OBFS4PROXY_CERT))).iatMode());
    }

    @Test
    void badClientArgsAreRefusedByName() {
        assertThrows(InvalidTransportOptionsException.class, () -> Obfs4ClientArgs.parse(TransportOptions.empty()));
        assertThrows(InvalidTransportOptionsException.class, () -> Obfs4ClientArgs.parse(TransportOptions.of(Map.of("cert", "not base64!"))));
        assertThrows(InvalidTransportOptionsException.class, () -> Obfs4ClientArgs.parse(TransportOptions.of(Map.of("cert", "AAAA"))));
        assertThrows(InvalidTransportOptionsException.class, () -> Obfs4ClientArgs.parse(TransportOptions.of(Map.of("cert", OBFS4PROXY_CERT, "iat-mode", "3"))));
        assertThrows(InvalidTransportOptionsException.class, () -> Obfs4ClientArgs.parse(TransportOptions.of(Map.of("node-id", "00"))));
    }
}
