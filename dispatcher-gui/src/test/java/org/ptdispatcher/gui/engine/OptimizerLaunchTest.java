package org.ptdispatcher.gui.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.TorMode;
import org.ptdispatcher.gui.share.ProfileImport;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class OptimizerLaunchTest {
    private static final String LINK = "ss://YWVzLTI1Ni1nY206c2VjcmV0@198.51.100.4:8388#Home";
    private static final String BRIDGE = "obfs4 192.0.2.3:443 4352E58420E68F5E40BF7C74FADDCCD9D1349413 cert=AAAA iat-mode=0";

    @Test
    void aClientWithoutTorAndWithMoreBridgesRunsAsTheOptimizerOverItsOwnThenTheOthersTrackingTheOneThatWorks() throws Exception {
        Profile own = ProfileImport.parse(LINK).profiles().get(0);
        Profile launched = OptimizerLaunch.launched(own.toBuilder().moreBridges(List.of(BRIDGE)).build());
        assertEquals("Optimizer", launched.transport());
        assertEquals("track", launched.options().get("strategy"));
        assertEquals(List.of(
                        Map.of("name", "shadow", "config", Map.of("cipherName", "aes-256-gcm", "password", "secret", "serverAddress", "198.51.100.4:8388")),
                        Map.of("name", "obfs4", "config", Map.of("cert", "AAAA", "iat-mode", "0"), "address", "192.0.2.3:443")),
                new ObjectMapper().readValue(launched.options().get("transports"), List.class),
                "Shadowsocks names its server in its options (the request names where to go); obfs4 dials its address");
        assertEquals(own.id(), launched.id(), "the same profile: its state directory and run");
    }

    @Test
    void theEnginesCarrierLineNamesTheBridgeByItsPlaceOwnFirst() {
        Profile profile = ProfileImport.parse(LINK).profiles().get(0).toBuilder().moreBridges(List.of(BRIDGE)).build();
        assertEquals(Optional.of("shadow 198.51.100.4:8388"), OptimizerLaunch.carrier(profile,
                "Optimizer: transports[0] (shadow) carries the connection to 192.0.2.80:80 (via 192.0.2.80:80, strategy track)"));
        assertEquals(Optional.of("obfs4 192.0.2.3:443"), OptimizerLaunch.carrier(profile,
                "Optimizer: transports[1] (obfs4) carries the connection to 192.0.2.80:80 (via 192.0.2.3:443, strategy track)"));
        assertEquals(Optional.empty(), OptimizerLaunch.carrier(profile, "Optimizer: transports[2] (obfs4) carries the connection to x"),
                "no such bridge");
        assertEquals(Optional.empty(), OptimizerLaunch.carrier(profile, "Optimizer: transports[1] (obfs4) failed (refused); it goes last for 1 s"));
    }

    @Test
    void everyOtherProfileIsLaunchedAsItIs() {
        Profile single = ProfileImport.parse(LINK).profiles().get(0);
        assertSame(single, OptimizerLaunch.launched(single));
        Profile throughTor = ProfileImport.parse(BRIDGE).profiles().get(0).toBuilder().moreBridges(List.of(BRIDGE)).build();
        assertEquals(TorMode.THROUGH_TOR, throughTor.torMode());
        assertSame(throughTor, OptimizerLaunch.launched(throughTor), "tor gets the lines itself");
    }
}
