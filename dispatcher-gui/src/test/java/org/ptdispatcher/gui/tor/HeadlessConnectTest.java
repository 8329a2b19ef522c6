package org.ptdispatcher.gui.tor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.ProfileStore;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeadlessConnectTest {
    @TempDir
    Path config;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Runs the command on arguments that end before any tor starts. */
    private int run(String... args) {
        return new HeadlessConnect(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .connect(HeadlessArguments.parse(List.of(args)), config);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aNameThatIsNoSavedProfileIsExplainedAndNothingStarts() {
        assertEquals(HeadlessConnect.FAILED, run("--connect", "Home"));
        assertEquals("Failed: Home is neither a saved client profile made from a Tor bridge line nor a bridge line. Give a bridge line "
                + "(obfs4 1.2.3.4:443 FINGERPRINT cert=… iat-mode=0) or the name of such a profile.\n", err());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals(false, Files.exists(config.resolve("tor")));
    }

    @Test
    void aSavedShadowsocksProfileIsNoBridge() throws Exception {
        new ProfileStore(config).save(List.of(client("shadow", "192.0.2.3:8388", "", Map.of("password", "x")).withName("Home")));
        assertEquals(HeadlessConnect.FAILED, run("--connect", "Home"));
        assertEquals(true, err().startsWith("Failed: Home is neither a saved client profile made from a Tor bridge line"), err());
    }

    @Test
    void unreadableArgumentsAreAUsageError() {
        assertEquals(HeadlessConnect.USAGE, HeadlessConnect.run(List.of("--connect", "x", "--socks-port", "none"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals("--socks-port takes a number from 1 to 65535, not none\n", err());
    }

    private static Profile client(String transport, String target, String fingerprint, Map<String, String> options) {
        return new Profile(null, "Home", Role.CLIENT, transport, null, "", target, "", null, "", options, fingerprint, "", false, null, "", List.of());
    }

    @Test
    void aClientProfileMadeFromABridgeLineGivesTheLineBack() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("cert", "abc");
        options.put("iat-mode", "0");
        assertEquals(List.of("obfs4 192.0.2.3:443 4352E58420E68F5E40BF7C74FADDCCD9D1349413 cert=abc iat-mode=0"),
                TorConnectRequest.bridgeLinesOf(client("obfs4", "192.0.2.3:443", "4352E58420E68F5E40BF7C74FADDCCD9D1349413", options)));
        assertEquals(List.of("plain 192.0.2.3:80"), TorConnectRequest.bridgeLinesOf(client("plain", "192.0.2.3:80", "", Map.of())));
    }

    @Test
    void aClientProfileWithMoreBridgesGivesItsOwnLineFirstThenTheOthersInOrder() {
        Profile profile = client("plain", "192.0.2.3:80", "", Map.of()).toBuilder()
                .moreBridges(List.of("plain 192.0.2.4:80", "  ", "obfs4 192.0.2.5:443 cert=abc iat-mode=0 ")).build();
        assertEquals(List.of("plain 192.0.2.3:80", "plain 192.0.2.4:80", "obfs4 192.0.2.5:443 cert=abc iat-mode=0"),
                TorConnectRequest.bridgeLinesOf(profile));
        assertEquals(3, profile.bridgeCount());
    }

    @Test
    void aShadowsocksServerOrAServerProfileIsNoBridge() {
        assertEquals(List.of(), TorConnectRequest.bridgeLinesOf(client("shadow", "192.0.2.3:8388", "", Map.of("password", "x"))));
        assertEquals(List.of(), TorConnectRequest.bridgeLinesOf(client("obfs4", "", "", Map.of())));
        assertEquals(List.of(), TorConnectRequest.bridgeLinesOf(Profile.blank(Role.SERVER, "Bridge", "obfs4")));
    }
}
