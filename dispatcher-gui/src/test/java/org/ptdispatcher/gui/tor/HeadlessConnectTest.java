package org.ptdispatcher.gui.tor;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.gui.profile.Profile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeadlessConnectTest {
    private static Profile client(String transport, String target, String fingerprint, Map<String, String> options) {
        return new Profile(null, "Home", Role.CLIENT, transport, null, "", target, "", null, "", options, fingerprint, "", false);
    }

    @Test
    void aClientProfileMadeFromABridgeLineGivesTheLineBack() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("cert", "abc");
        options.put("iat-mode", "0");
        assertEquals(Optional.of("obfs4 192.0.2.3:443 4352E58420E68F5E40BF7C74FADDCCD9D1349413 cert=abc iat-mode=0"),
                HeadlessConnect.bridgeLine(client("obfs4", "192.0.2.3:443", "4352E58420E68F5E40BF7C74FADDCCD9D1349413", options)));
        assertEquals(Optional.of("plain 192.0.2.3:80"), HeadlessConnect.bridgeLine(client("plain", "192.0.2.3:80", "", Map.of())));
    }

    @Test
    void aShadowsocksServerOrAServerProfileIsNoBridge() {
        assertEquals(Optional.empty(), HeadlessConnect.bridgeLine(client("shadow", "192.0.2.3:8388", "", Map.of("password", "x"))));
        assertEquals(Optional.empty(), HeadlessConnect.bridgeLine(client("obfs4", "", "", Map.of())));
        assertEquals(Optional.empty(), HeadlessConnect.bridgeLine(Profile.blank(Role.SERVER, "Bridge", "obfs4")));
    }
}
