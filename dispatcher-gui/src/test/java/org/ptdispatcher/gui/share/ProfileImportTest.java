package org.ptdispatcher.gui.share;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.ProxyMode;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.gui.profile.Profile;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileImportTest {
    private static final String BRIDGE = "Bridge obfs4 192.0.2.3:443 4352E58420E68F5E40BF7C74FADDCCD9D1349413 cert=AAAA iat-mode=0";
    private static final String LINK = "ss://YWVzLTI1Ni1nY206c2VjcmV0@198.51.100.4:8388#Home";

    @Test
    void eachLineBecomesAClientProfile() {
        ProfileImport.Result result = ProfileImport.parse("# from a friend\n" + BRIDGE + "\r\n\n" + LINK + "\n");
        assertTrue(result.succeeded());
        List<Profile> profiles = result.profiles();
        assertEquals(2, profiles.size());
        Profile bridge = profiles.get(0);
        assertEquals(Role.CLIENT, bridge.role());
        assertEquals(ProxyMode.SOCKS5, bridge.mode());
        assertEquals("192.0.2.3:443", bridge.target());
        assertEquals("4352E58420E68F5E40BF7C74FADDCCD9D1349413", bridge.fingerprint());
        assertEquals(Optional.of(BRIDGE.substring("Bridge ".length())), ShareText.forClient(bridge), "exported as it came");
        Profile shadow = profiles.get(1);
        assertEquals("shadow", shadow.transport());
        assertEquals("Home", shadow.name());
        assertEquals("aes-256-gcm", shadow.options().get("cipherName"));
        assertEquals("secret", shadow.options().get("password"));
        assertEquals("198.51.100.4:8388", shadow.options().get("serverAddress"));
        assertEquals(Optional.of(LINK), ShareText.forClient(shadow));
    }

    @Test
    void anyBadLineImportsNothingAndEveryBadLineIsNamed() {
        ProfileImport.Result result = ProfileImport.parse(BRIDGE + "\nobfs4 nowhere\n" + LINK + "\nss://YWVzOnRlc3Q@1.2.3.4:1/?plugin=v2ray-plugin%3Bserver\n");
        assertEquals(List.of(), result.profiles());
        assertEquals(2, result.problems().size());
        assertEquals(2, result.problems().get(0).lineNumber());
        assertEquals("import.problem.bridgeAddress", result.problems().get(0).messageKey());
        assertEquals(4, result.problems().get(1).lineNumber());
        assertEquals("import.problem.ssPlugin", result.problems().get(1).messageKey());
        assertEquals(List.of("v2ray-plugin"), result.problems().get(1).args());
    }

    @Test
    void aDamagedLinkSaysWhyInTheUsersWords() {
        ProfileImport.Result result = ProfileImport.parse("ss://!!!\nss://YWVzLTEyOC1nY206dGVzdA@192.168.100.1\n");
        assertEquals(List.of(new ProfileImport.LineProblem(1, "import.problem.ssMalformed", List.of()),
                new ProfileImport.LineProblem(2, "import.problem.ssAddress", List.of("192.168.100.1"))), result.problems());
        assertEquals("import.problem.notSs",
                assertThrows(ShareFormatException.class, () -> ProfileImport.readLink("vmess://x")).messageKey());
    }

    @Test
    void emptyTextIsAProblemNotASuccess() {
        ProfileImport.Result result = ProfileImport.parse("\n  \n# only a comment\n");
        assertEquals("import.problem.nothing", result.problems().get(0).messageKey());
    }

    private static final String WEBTUNNEL = "webtunnel [2001:db8:cfe9:a0fb:ea23:1e50:7a85:a93]:443 4352E58420E68F5E40BF7C74FADDCCD9D1349413 "
            + "url=https://bridge.example/s3cretPath ver=0.0.7";
    private static final String MEEK = "meek_lite 192.0.2.18:80 BE776A53492E1E044A26F17306E1BC46A55A1625 url=https://meek.example/ front=cdn.example";
    private static final String MEEK_TARGETS = "meek_lite 192.0.2.20:80 "
            + "targets=https://xxx.rsc.cdn77.org|www.phpmyadmin.net+www.cdn77.org,https://xxx.netlify.app|vuejs.org+netlify.com";

    @Test
    void webtunnelAndMeekLinesImportWithOrWithoutBridgeAndShareAsTheyCame() {
        // One at a time: together, the two with a fingerprint would be one profile of Tor bridges (the next test).
        Profile webtunnel = only(ProfileImport.parse("Bridge " + WEBTUNNEL + "\n"));
        assertEquals("webtunnel", webtunnel.transport());
        assertEquals("[2001:db8:cfe9:a0fb:ea23:1e50:7a85:a93]:443", webtunnel.target());
        assertEquals("https://bridge.example/s3cretPath", webtunnel.options().get("url"));
        assertEquals("0.0.7", webtunnel.options().get("ver"));
        assertEquals(Optional.of(WEBTUNNEL), ShareText.forClient(webtunnel));
        Profile meek = only(ProfileImport.parse(MEEK));
        assertEquals("meek_lite", meek.transport());
        assertEquals("cdn.example", meek.options().get("front"));
        assertEquals(Optional.of(MEEK), ShareText.forClient(meek));
        Profile targets = only(ProfileImport.parse("Bridge " + MEEK_TARGETS + "\n"));
        assertEquals("https://xxx.rsc.cdn77.org|www.phpmyadmin.net+www.cdn77.org,https://xxx.netlify.app|vuejs.org+netlify.com",
                targets.options().get("targets"));
        assertEquals("", targets.fingerprint());
        assertEquals(Optional.of(MEEK_TARGETS), ShareText.forClient(targets));
    }

    private static Profile only(ProfileImport.Result result) {
        assertTrue(result.succeeded(), result.problems().toString());
        assertEquals(1, result.profiles().size(), result.profiles().toString());
        return result.profiles().get(0);
    }

    @Test
    void theTorBridgesOfOneImportBecomeOneProfileWithTheFirstAsItsOwnAndTheRestAsMoreBridgesInOrder() {
        String second = "obfs4 192.0.2.4:443 0BAC39417268B96B9F514E7F63FA6FBA1A788955 cert=BBBB iat-mode=1";
        ProfileImport.Result result = ProfileImport.parse(LINK + "\n" + BRIDGE + "\n" + MEEK + "\n" + MEEK_TARGETS + "\n"
                + "Bridge " + second + "\n" + BRIDGE + "\n");
        assertTrue(result.succeeded(), result.problems().toString());
        assertEquals(List.of("Home", "obfs4 192.0.2.3:443 +2", "meek_lite 192.0.2.20:80"), result.profiles().stream().map(Profile::name).toList(),
                "the link, then the Tor bridges where the first came, then the meek line without a fingerprint (it does not run through Tor)");
        Profile bridges = result.profiles().get(1);
        assertTrue(bridges.throughTor());
        assertEquals("192.0.2.3:443", bridges.target());
        assertEquals(List.of(MEEK, second), bridges.moreBridges());
        assertEquals(3, bridges.bridgeCount());
        assertEquals(1, result.alreadyThere(), "the first bridge's line again");
        assertEquals(List.of(), result.profiles().get(2).moreBridges());
    }

    @Test
    void aProfileWithMoreBridgesIsSharedAsAllItsLinesWhichImportAsTheSameProfile() {
        Profile bridges = only(ProfileImport.parse(BRIDGE + "\n" + MEEK + "\n"));
        String shared = ShareText.allForClient(bridges).orElseThrow();
        assertEquals(BRIDGE.substring("Bridge ".length()) + "\n" + MEEK, shared);
        Profile again = only(ProfileImport.parse(shared));
        assertEquals(bridges.toBuilder().id(again.id()).build(), again);
    }

    @Test
    void theSameTorBridgesImportedAgainAreAlreadyThere() {
        String text = BRIDGE + "\n" + MEEK + "\n";
        Profile already = only(ProfileImport.parse(text));
        ProfileImport.Result again = ProfileImport.parse(text, transport -> Optional.empty(), List.of(already));
        assertEquals(List.of(new ProfileImport.LineProblem(0, "import.problem.allThere", List.of())), again.problems());
    }

    @Test
    void aRunningWebtunnelServerSharesItsSmethodAsABridgeLine() {
        Profile server = Profile.builder(Role.SERVER).name("wt").transport("webtunnel").build();
        assertEquals(Optional.of("webtunnel [2001:db8:cfe9:a0fb:ea23:1e50:7a85:a93]:443 url=https://bridge.example/s3cretPath ver=0.0.7"),
                ShareText.forServer(server, "webtunnel", org.ptdispatcher.engine.common.HostPort.parseDestination("[2001:db8:cfe9:a0fb:ea23:1e50:7a85:a93]:443"),
                        java.util.Map.of("ver", "0.0.7", "url", "https://bridge.example/s3cretPath")));
    }

    @Test
    void theSameLineTwiceOrALineAlreadyImportedIsLeftOutAndCounted() {
        Profile already = ProfileImport.parse(LINK).profiles().get(0).toBuilder().id("1").name("My renamed server").build();
        ProfileImport.Result result = ProfileImport.parse(BRIDGE + "\n" + BRIDGE + "\n" + LINK + "\n", transport -> Optional.empty(), List.of(already));
        assertTrue(result.succeeded());
        assertEquals(1, result.profiles().size(), "one new profile: " + result.profiles());
        assertEquals("obfs4", result.profiles().get(0).transport());
        assertEquals(2, result.alreadyThere(), "the bridge's second line and the link already there");
    }

    @Test
    void onlyLinesAlreadyThereIsAProblemNotAnEmptyImport() {
        Profile already = ProfileImport.parse(LINK).profiles().get(0);
        ProfileImport.Result result = ProfileImport.parse(LINK, transport -> Optional.empty(), List.of(already));
        assertEquals(List.of(new ProfileImport.LineProblem(0, "import.problem.allThere", List.of())), result.problems());
    }

    @Test
    void aNameThatIsTakenGetsANumber() {
        Profile home = Profile.builder(Role.CLIENT).id("1").name("Home").transport("plain").target("192.0.2.9:1").build();
        ProfileImport.Result result = ProfileImport.parse(LINK + "\nss://YWVzLTI1Ni1nY206b3RoZXI@198.51.100.5:8388#Home\n",
                transport -> Optional.empty(), List.of(home));
        assertEquals(List.of("Home (2)", "Home (3)"), result.profiles().stream().map(Profile::name).toList());
    }

    @Test
    void aTransportTheEngineDoesNotRunIsSaidAtImportWithWhatItRuns() {
        ProfileImport.Result result = ProfileImport.parse(BRIDGE + "\nsnowflake 192.0.2.4:80 2B280B23E1107BB62ABFC40DDCC8824814F80A72\n",
                transport -> transport.equals("obfs4") ? Optional.empty() : Optional.of("obfs4, shadow"), List.of());
        assertTrue(result.profiles().isEmpty(), "all or nothing");
        assertEquals(List.of(new ProfileImport.LineProblem(2, "import.problem.transportNotRun", List.of("snowflake", "obfs4, shadow"))),
                result.problems());
    }

    @Test
    void aShadowsocks2022LinkImportsAsAValidProfileAndSharesAsItCame() {
        String link = "ss://2022-blake3-aes-256-gcm:YctPZ6U7xPPcU%2Bgp3u%2B0tx%2FtRizJN9K8y%2BuKlW2qjlI%3D@192.168.100.1:8888#Example3";
        ProfileImport.Result result = ProfileImport.parse(link);
        assertTrue(result.succeeded());
        Profile shadow = result.profiles().get(0);
        assertEquals("2022-blake3-aes-256-gcm", shadow.options().get("cipherName"));
        assertEquals("YctPZ6U7xPPcU+gp3u+0tx/tRizJN9K8y+uKlW2qjlI=", shadow.options().get("password"));
        assertEquals(List.of(), new org.ptdispatcher.gui.profile.ProfileValidator(org.ptdispatcher.engine.transport.TransportRegistry.load())
                .validate(shadow, true, org.ptdispatcher.engine.config.LaunchCommand.Style.FLAGS));
        assertEquals(Optional.of(link), ShareText.forClient(shadow));
    }
}
