package org.ptdispatcher.gui.viewmodel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.transport.TransportRegistry;
import org.ptdispatcher.gui.engine.ConnectionTestResult;
import org.ptdispatcher.gui.i18n.Language;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.ProfileStore;
import org.ptdispatcher.gui.profile.SettingsStore;
import org.ptdispatcher.gui.profile.TorMode;
import org.ptdispatcher.gui.share.BridgeLine;
import org.ptdispatcher.gui.testing.FakeEngines;
import org.ptdispatcher.gui.testing.FakeServices;
import org.ptdispatcher.gui.testing.FakeTor;
import org.ptdispatcher.gui.tor.BootstrapStatus;
import org.ptdispatcher.gui.tor.BridgeReachability;
import org.ptdispatcher.gui.tor.TorBridgeRequest;
import org.ptdispatcher.gui.tor.TorConnectRequest;
import org.ptdispatcher.gui.tor.TorFailure;
import org.ptdispatcher.gui.tor.TorProxies;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Profiles that run with Tor, with the app's services as fakes ({@link FakeTor} for tor): which
 * profiles run through Tor, what the run is asked for, and how its progress, readiness, failures,
 * stop and a bridge's line reach the view model.
 */
class TorRunViewModelTest {
    private static final String CERT = "ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa+7kTOa9/m+tGWT1SmSYpQ9uTBGa6Hw";
    private static final String FINGERPRINT = "4352E58420E68F5E40BF7C74FADDCCD9D1349413";
    private static final String BRIDGE = "obfs4 192.0.2.3:443 " + FINGERPRINT + " cert=" + CERT + " iat-mode=0";
    private static final String SS_LINK = "ss://YWVzLTI1Ni1nY206c2VjcmV0@198.51.100.4:8388#Home";

    private final FakeServices fakes = new FakeServices();
    private final Messages messages = new Messages(Language.ENGLISH);

    @TempDir
    Path config;

    private MainViewModel main() {
        return new MainViewModel(new ProfileStore(config), new SettingsStore(config), TransportRegistry.load(), messages, fakes.services());
    }

    private MainViewModel imported(String text) {
        MainViewModel main = main();
        assertTrue(main.importText(text).succeeded());
        return main;
    }

    @Test
    void aProfileFromATorBridgeLineRunsThroughTorWithTheLineTheEngineTheChosenTorAndItsOwnDirectory() {
        MainViewModel main = imported(BRIDGE);
        Profile profile = main.selectedProperty().get();
        assertEquals(TorMode.THROUGH_TOR, profile.torMode(), "the default for a Tor bridge line");
        main.settings().setTor("/opt/tor-browser/Browser/TorBrowser/Tor/tor");

        assertTrue(main.startSelected());
        assertEquals(List.of(), fakes.launcher.started(), "tor runs the engine, not the app");
        TorConnectRequest request = fakes.tor.connectRequests().get(0);
        assertEquals(List.of(BRIDGE), request.bridgeLines());
        assertEquals("/opt/tor-browser/Browser/TorBrowser/Tor/tor", request.chosenTor());
        assertEquals(Optional.of(FakeEngines.BUILT_IN), request.engine());
        assertEquals(config.resolve("tor").resolve(profile.id()), request.workDirectory());
        assertEquals(OptionalInt.of(HostPort.parseBindable(profile.listenAddress()).port()), request.socksPort(),
                "tor's SOCKS port is the one the profile was given when it was made");
        assertEquals(messages.get("status.connectingThroughTor", profile.name()), main.statusProperty().get());
        RunViewModel run = main.runFor(profile);
        assertTrue(run.withTor());
        assertEquals(RunState.STARTING, run.state());
        assertFalse(main.form().editableProperty().get());
    }

    @Test
    void progressThenReadyGivesTorsProxiesAndTheConnectionTestFetchesAPageThroughTorsSocksPort() {
        MainViewModel main = imported(BRIDGE);
        main.startSelected();
        RunViewModel run = main.runFor(main.selectedProperty().get());
        FakeTor.Run<TorProxies> tor = fakes.tor.clients().get(0);

        tor.logs("notice", "Bootstrapped 2% (conn_done_pt): Connected to pluggable transport")
                .progresses(2, "conn_done_pt", "Connected to pluggable transport")
                .logs("info", "Managed proxy \"/opt/ptd/bin/ptdispatcher\": obfs4: socks5 listener ready");
        fakes.deliver();
        assertEquals(new BootstrapStatus(2, "conn_done_pt", "Connected to pluggable transport"), run.bootstrapProperty().get());
        assertTrue(run.log().entries().stream().anyMatch(e -> e.text().equals("[tor] Managed proxy \"/opt/ptd/bin/ptdispatcher\": obfs4: socks5 listener ready")),
                "the engine's LOG lines, through tor, in the same log");
        assertFalse(run.connectionTest().isAvailable());

        tor.progresses(100, "done", "Done").ready(new TorProxies(HostPort.parseDestination("127.0.0.1:40200"), HostPort.parseDestination("127.0.0.1:40201")));
        fakes.deliver();
        assertEquals(RunState.RUNNING, run.state());
        assertEquals("Ready: SOCKS5 127.0.0.1:40200, HTTP 127.0.0.1:40201", run.torProxiesProperty().get().readyLine());
        assertTrue(run.connectionTest().isAvailable());
        assertEquals(ConnectionTestViewModel.TOR_TEST_PAGE, run.connectionTest().destinationProperty().get());

        run.connectionTest().destinationProperty().set("http://127.0.0.1:8080/page");
        assertTrue(run.connectionTest().run());
        fakes.deliver();
        assertEquals(List.of(URI.create("http://127.0.0.1:8080/page")), fakes.tester.pages());
        assertEquals(List.of(HostPort.parseDestination("127.0.0.1:40200")), fakes.tester.pageProxies(), "through tor's SOCKS port");
        assertTrue(run.connectionTest().resultProperty().get() instanceof ConnectionTestResult.Fetched);
    }

    @Test
    void aBlockingFailureStopsTorAndIsTheRunsEnding() {
        MainViewModel main = imported(BRIDGE);
        main.startSelected();
        RunViewModel run = main.runFor(main.selectedProperty().get());
        FakeTor.Run<TorProxies> tor = fakes.tor.clients().get(0);
        TorFailure down = new TorFailure.BridgeUnreachable("obfs4 192.0.2.3:443", "Connection refused");
        tor.problem(down, true);
        fakes.deliver();
        assertTrue(tor.stopAsked(), "tor will not get further by itself");
        assertEquals(RunState.ENDED_ALONE, run.state());
        assertEquals(down, run.torFailureProperty().get());
        assertTrue(main.form().editableProperty().get());
    }

    @Test
    void aProblemThatDoesNotBlockIsShownAndTorGoesOn() {
        MainViewModel main = imported(BRIDGE);
        main.startSelected();
        RunViewModel run = main.runFor(main.selectedProperty().get());
        FakeTor.Run<TorProxies> tor = fakes.tor.clients().get(0);
        tor.problem(new TorFailure.BridgeUnreachable("obfs4 192.0.2.3:443", "Connection refused"), false);
        fakes.deliver();
        assertFalse(tor.stopAsked());
        assertEquals(1, run.torProblems().size());
        assertNull(run.torFailureProperty().get());
    }

    @Test
    void aSetupFailureIsTheEnding() {
        MainViewModel main = imported(BRIDGE);
        main.startSelected();
        RunViewModel run = main.runFor(main.selectedProperty().get());
        fakes.tor.clients().get(0).failsBeforeStart(new TorFailure.TorNotFound(""));
        fakes.deliver();
        assertEquals(RunState.FAILED_TO_START, run.state());
        assertEquals(new TorFailure.TorNotFound(""), run.torFailureProperty().get());
        assertEquals(Optional.of(org.ptdispatcher.gui.profile.ProfileField.ENGINE), TorFailureFields.fieldOf(run.torFailureProperty().get()),
                "which tor is chosen with the engine");
    }

    @Test
    void stopShutsTorDown() throws Exception {
        MainViewModel main = imported(BRIDGE);
        main.startSelected();
        RunViewModel run = main.runFor(main.selectedProperty().get());
        FakeTor.Run<TorProxies> tor = fakes.tor.clients().get(0);
        tor.progresses(100, "done", "Done").ready(new TorProxies(HostPort.parseDestination("127.0.0.1:40200"), HostPort.parseDestination("127.0.0.1:40201")));
        fakes.deliver();
        var stopped = main.stopSelected();
        assertEquals(RunState.STOPPING, run.state());
        fakes.deliver();
        assertTrue(tor.stopAsked());
        assertEquals(0, stopped.get());
        assertEquals(RunState.STOPPED, run.state());
        assertNull(run.torFailureProperty().get());
        assertTrue(run.proxies().isEmpty());
    }

    @Test
    void aShadowsocksProfileAndAProfileSwitchedToDirectRunTheEngineAsBefore() throws Exception {
        MainViewModel main = imported(SS_LINK);
        assertEquals(TorMode.DIRECT, main.selectedProperty().get().torMode());
        assertTrue(main.startSelected());
        assertEquals(1, fakes.launcher.started().size());

        main.importText(BRIDGE);
        main.form().torModeProperty().set(TorMode.DIRECT);
        assertTrue(main.startSelected());
        assertEquals(TorMode.DIRECT, new ProfileStore(config).load().get(1).torMode(), "the switch is saved with the profile");
        assertEquals(2, fakes.launcher.started().size());
        assertEquals(List.of(), fakes.tor.connectRequests());
    }

    @Test
    void aServerAsAPrivateBridgeShowsTheCompleteLineAndWhatTorFoundOfItsReachability() {
        MainViewModel main = main();
        Profile server = main.newProfile(Role.SERVER);
        main.form().transportProperty().set("obfs4");
        main.form().listenProperty().set("0.0.0.0:443");
        main.form().torModeProperty().set(TorMode.PRIVATE_BRIDGE);
        main.form().orPortProperty().set("9001");
        main.form().nameProperty().set("My bridge #1");
        assertTrue(main.form().isValid(), "a bridge needs no target: " + main.form().problems());
        assertTrue(main.startSelected());

        TorBridgeRequest request = fakes.tor.bridgeRequests().get(0);
        assertEquals("obfs4", request.transport());
        assertEquals(HostPort.parseBindable("0.0.0.0:443"), request.listenAddress());
        assertEquals(OptionalInt.of(9001), request.orPort());
        assertFalse(request.publicBridge());
        assertEquals(Optional.of("Mybridge1"), request.nickname());
        RunViewModel run = main.runFor(main.selectedProperty().get());
        BridgeLine line = new BridgeLine("obfs4", HostPort.parseDestination("203.0.113.5:443"), Optional.of(FINGERPRINT),
                Map.of("cert", CERT, "iat-mode", "0"));
        fakes.tor.bridges().get(0).progresses(100, "done", "Done").ready(line)
                .reachability(new BridgeReachability(BridgeReachability.State.REACHABLE, "203.0.113.5:9001"));
        fakes.deliver();
        assertEquals(RunState.RUNNING, run.state());
        assertEquals(Optional.of(line.render()), run.servers().get(0).shareText(), "the line to share, QR code and all");
        assertEquals(BridgeReachability.State.REACHABLE, run.reachabilityProperty().get().state());
        assertEquals(server.id(), run.profile().id());
    }

    @Test
    void aBridgeNeedsAFixedPortForItsTransport() {
        MainViewModel main = main();
        main.newProfile(Role.SERVER);
        main.form().torModeProperty().set(TorMode.PRIVATE_BRIDGE);
        assertTrue(main.form().listenProperty().get().matches("0\\.0\\.0\\.0:4\\d{4}"), "a new server's fixed port");
        assertNull(main.form().problems().get("listen"));
        main.form().listenProperty().set("0.0.0.0:0");
        assertEquals(messages.get("problem.listen.bridgePort"), main.form().problems().get("listen"));
        main.form().listenProperty().set("0.0.0.0:443");
        assertNull(main.form().problems().get("listen"));
    }

    @Test
    void anOrPortThatIsNoPortIsAFieldProblem() {
        MainViewModel main = main();
        main.newProfile(Role.SERVER);
        main.form().transportProperty().set("obfs4");
        main.form().torModeProperty().set(TorMode.PUBLIC_BRIDGE);
        main.form().orPortProperty().set("ninety");
        assertEquals(messages.get("problem.orPort"), main.form().problems().get("orPort"));
        assertFalse(main.startSelected());
        assertEquals(List.of(), fakes.tor.bridgeRequests());
    }

    @Test
    void theTorProgramIsChosenThroughTheFileChooserAndRemembered() {
        MainViewModel main = main();
        fakes.files.choose(Path.of("/opt/tor-browser/Browser/TorBrowser/Tor/tor"));
        Optional<Path> chosen = main.settings().chooseTorProgram();
        assertEquals(List.of(messages.get("engine.tor.browse")), fakes.files.asked());
        main.settings().setTor(chosen.orElseThrow().toString());
        assertEquals("/opt/tor-browser/Browser/TorBrowser/Tor/tor", new SettingsStore(config).load().torProgram());
        assertTrue(main.settings().torFound("/nonexistent/tor").startsWith("The chosen tor program, /nonexistent/tor, is not there"));
    }

    @Test
    void closingTheAppKillsATorThatWouldNotStop() {
        MainViewModel main = imported(BRIDGE);
        main.startSelected();
        main.activeRuns().forEach(RunViewModel::kill);
        assertTrue(fakes.tor.clients().get(0).killed());
    }

    @Test
    void aFetchedPageSaysWhatCame() {
        ConnectionTestResult fetched = new ConnectionTestResult.Fetched("http://127.0.0.1:8080/page", 200, 65536, Duration.ofMillis(120));
        assertTrue(fetched.succeeded());
        assertFalse(new ConnectionTestResult.Fetched("x", 502, 10, Duration.ZERO).succeeded());
    }
}
