package org.ptdispatcher.gui.tor;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.gui.share.BridgeLine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TorrcTest {
    private static final Path DATA = Path.of("/home/u/.config/ptdispatcher/tor/p1/data");

    private static TorClientConfig client(List<String> engine, OptionalInt socks) throws Exception {
        return new TorClientConfig(List.of(
                BridgeLine.parse("obfs4 192.0.2.3:443 4352E58420E68F5E40BF7C74FADDCCD9D1349413 cert=abc iat-mode=0"),
                BridgeLine.parse("Bridge obfs4 192.0.2.4:443 cert=def iat-mode=1"),
                BridgeLine.parse("plain 192.0.2.5:80")),
                engine, socks, OptionalInt.empty(), DATA, 4242, List.of(Path.of("/etc/extra.torrc")));
    }

    @Test
    void aClientThroughBridgesWithTheEngineAndItsProxiesOnLoopback() throws Exception {
        String torrc = Torrc.client(client(List.of("/opt/pt-dispatcher/bin/ptdispatcher", "-ipcLogLevel", "INFO"), OptionalInt.of(9150)));
        assertEquals(List.of(
                "# Written by PT Dispatcher for this run; written again at every start.",
                "DataDirectory /home/u/.config/ptdispatcher/tor/p1/data",
                "ClientOnly 1",
                "UseBridges 1",
                "Bridge obfs4 192.0.2.3:443 4352E58420E68F5E40BF7C74FADDCCD9D1349413 cert=abc iat-mode=0",
                "Bridge obfs4 192.0.2.4:443 cert=def iat-mode=1",
                "Bridge plain 192.0.2.5:80",
                "ClientTransportPlugin obfs4,plain exec /opt/pt-dispatcher/bin/ptdispatcher -ipcLogLevel INFO",
                "SocksPort 127.0.0.1:9150",
                "HTTPTunnelPort 127.0.0.1:auto",
                "ControlPort 127.0.0.1:auto",
                "ControlPortWriteToFile /home/u/.config/ptdispatcher/tor/p1/data/control-port",
                "CookieAuthentication 1",
                "CookieAuthFile /home/u/.config/ptdispatcher/tor/p1/data/control_auth_cookie",
                "__OwningControllerProcess 4242",
                "Log notice stdout",
                "%include /etc/extra.torrc"), torrc.lines().toList());
    }

    @Test
    void anEngineWithASpaceInItsPathCannotBeExecedByTor() throws Exception {
        TorSetupException e = assertThrows(TorSetupException.class,
                () -> Torrc.client(client(List.of("/Applications/PT Dispatcher.app/Contents/MacOS/ptdispatcher"), OptionalInt.empty())));
        assertEquals(new TorFailure.EnginePathHasSpace("/Applications/PT Dispatcher.app/Contents/MacOS/ptdispatcher"), e.failure());
    }

    @Test
    void aPrivateBridgeIsNeitherPublishedNorDistributed() throws Exception {
        String torrc = Torrc.bridge(new TorBridgeConfig("obfs4", List.of("/opt/pt-dispatcher/bin/ptdispatcher"), 9001,
                HostPort.parseBindable("0.0.0.0:443"), Map.of("iat-mode", "0"), false, Optional.of("ptdbridge"),
                Optional.empty(), DATA, 4242, List.of()));
        List<String> lines = torrc.lines().toList();
        assertTrue(lines.containsAll(List.of("BridgeRelay 1", "ORPort 9001", "ExtORPort auto",
                "ServerTransportPlugin obfs4 exec /opt/pt-dispatcher/bin/ptdispatcher",
                "ServerTransportListenAddr obfs4 0.0.0.0:443", "ServerTransportOptions obfs4 iat-mode=0",
                "BridgeDistribution none", "PublishServerDescriptor 0", "Nickname ptdbridge",
                "CookieAuthentication 1", "__OwningControllerProcess 4242")), torrc);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("ContactInfo")), torrc);
        assertTrue(lines.contains("ShutdownWaitLength 5"), "Stop does not wait tor's default 30 s: " + torrc);
    }

    @Test
    void aBridgeWithoutAChosenOrPortTakesAFreeOne() throws Exception {
        String torrc = Torrc.bridge(new TorBridgeConfig("obfs4", List.of("/usr/bin/ptdispatcher"), 0,
                HostPort.parseBindable("0.0.0.0:443"), Map.of(), false, Optional.empty(), Optional.empty(), DATA, 1, List.of()));
        assertTrue(torrc.contains("\nORPort auto\n"), torrc);
    }

    @Test
    void aPublicBridgeIsDistributed() throws Exception {
        String torrc = Torrc.bridge(new TorBridgeConfig("obfs4", List.of("/usr/bin/ptdispatcher"), 9001,
                HostPort.parseBindable("0.0.0.0:443"), Map.of(), true, Optional.empty(), Optional.of("op@example.org"), DATA, 1, List.of(Path.of("/etc/more.torrc"))));
        assertTrue(torrc.contains("\nBridgeDistribution any\n"), torrc);
        assertTrue(!torrc.contains("PublishServerDescriptor"), torrc);
        assertTrue(torrc.contains("\nContactInfo op@example.org\n"), torrc);
        assertTrue(torrc.endsWith("\n%include /etc/more.torrc\n"), torrc);
    }

    @Test
    void aPathThatTorWouldReadAsACommentIsQuoted() {
        assertEquals("\"/home/u/#tor\"", Torrc.value(Path.of("/home/u/#tor")));
        assertEquals("/home/u/Application Support/tor", Torrc.value(Path.of("/home/u/Application Support/tor")));
    }
}
