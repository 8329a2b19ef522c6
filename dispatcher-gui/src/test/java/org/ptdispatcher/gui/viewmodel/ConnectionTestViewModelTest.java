package org.ptdispatcher.gui.viewmodel;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.config.LaunchCommand;
import org.ptdispatcher.gui.engine.ConnectionTestResult;
import org.ptdispatcher.gui.engine.EngineProgram;
import org.ptdispatcher.gui.engine.LaunchPlan;
import org.ptdispatcher.gui.engine.LaunchPlanner;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.testing.FakeConnectionTester;
import org.ptdispatcher.gui.testing.FakeLauncher;
import org.ptdispatcher.gui.testing.FakeServices;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The connection test's flow with the app's tester and launcher as in-process fakes: which proxy, which destination, which args, which result. */
class ConnectionTestViewModelTest {
    private static final EngineProgram ENGINE = new EngineProgram(List.of("/opt/ptd/bin/ptdispatcher"), true);
    private final FakeServices fakes = new FakeServices();

    private final Profile client = Profile.builder(Role.CLIENT).name("c").transport("obfs4").target("192.0.2.3:443")
            .options(Map.of("cert", "AAAA", "iat-mode", "0")).build();

    /** A run of {@code profile} whose engine announced {@code announcements}. */
    private RunViewModel running(Profile profile, String... announcements) {
        RunViewModel run = new RunViewModel(profile, fakes.services());
        LaunchPlan plan = LaunchPlanner.plan(profile, ENGINE, LaunchCommand.Style.FLAGS, Optional.empty(), Path.of("/state"));
        run.start(plan);
        FakeLauncher.Engine engine = fakes.launcher.started().get(fakes.launcher.started().size() - 1);
        engine.writes(announcements);
        fakes.deliver();
        return run;
    }

    @Test
    void theTestGoesThroughTheFirstSocks5ProxyWithTheProfilesOptionsAsArgs() {
        fakes.tester.answering(new ConnectionTestResult.Refused("192.0.2.3:443", 5));
        RunViewModel run = running(client, "VERSION 2.2", "CMETHOD obfs4 socks4 127.0.0.1:40200", "CMETHOD obfs4 socks5 127.0.0.1:40201",
                "CMETHODS DONE");
        ConnectionTestViewModel test = run.connectionTest();
        assertTrue(test.isAvailable());
        assertEquals("192.0.2.3:443", test.destinationProperty().get(), "the bridge, when the profile names no other destination");

        assertTrue(test.run());
        assertTrue(test.testingProperty().get(), "until the result is delivered");
        fakes.deliver();
        assertEquals(List.of(new FakeConnectionTester.Call(new HostPort("127.0.0.1", 40201), new HostPort("192.0.2.3", 443),
                Map.of("cert", "AAAA", "iat-mode", "0"))), fakes.tester.calls());
        assertEquals(new ConnectionTestResult.Refused("192.0.2.3:443", 5), test.resultProperty().get());
        assertFalse(test.testingProperty().get());
        assertTrue(run.log().entries().get(run.log().entries().size() - 1).text().startsWith("[app] connection test: refused (5)"));
    }

    @Test
    void aDestinationThatIsNotHostPortIsAResultAndNoConnection() {
        ConnectionTestViewModel test = running(client, "CMETHOD obfs4 socks5 127.0.0.1:40201", "CMETHODS DONE").connectionTest();
        test.destinationProperty().set("example.com");
        assertFalse(test.run());
        assertEquals(new ConnectionTestResult.Unreachable("example.com", ConnectionTestResult.Failure.BAD_DESTINATION), test.resultProperty().get());
        assertEquals(List.of(), fakes.tester.calls());
    }

    @Test
    void theTestIsAvailableOnlyWhileRunningWithASocks5Proxy() {
        RunViewModel run = running(client, "VERSION 2.2", "CMETHOD obfs4 socks4 127.0.0.1:40200");
        assertFalse(run.connectionTest().isAvailable(), "still starting");
        fakes.launcher.started().get(0).writes("CMETHODS DONE");
        fakes.deliver();
        assertFalse(run.connectionTest().isAvailable(), "running, but with no SOCKS5 proxy");
        assertFalse(run.connectionTest().run());

        RunViewModel withSocks5 = running(client, "CMETHOD obfs4 socks5 127.0.0.1:40201", "CMETHODS DONE");
        assertTrue(withSocks5.connectionTest().isAvailable());
        fakes.launcher.started().get(1).exits(0);
        fakes.deliver();
        assertFalse(withSocks5.connectionTest().isAvailable(), "the engine is gone");
    }

    @Test
    void theDestinationFollowsTheProfileUntilThePersonChangesIt() {
        RunViewModel run = running(client, "CMETHOD obfs4 socks5 127.0.0.1:40201", "CMETHODS DONE");
        run.profileChanged(client.toBuilder().target("192.0.2.4:443").build());
        assertEquals("192.0.2.4:443", run.connectionTest().destinationProperty().get());
        run.connectionTest().destinationProperty().set("198.51.100.7:80");
        run.profileChanged(client.toBuilder().target("192.0.2.5:443").build());
        assertEquals("198.51.100.7:80", run.connectionTest().destinationProperty().get(), "what the person typed stays");
    }

    @Test
    void aShadowsocksClientTestsAWellKnownNameThroughItsServerNotTheServerItself() {
        Profile shadow = org.ptdispatcher.gui.share.ProfileImport.parse("ss://YWVzLTI1Ni1nY206dGVzdA@192.0.2.7:8388#Office").profiles().get(0);
        RunViewModel run = running(shadow, "VERSION 2.2", "CMETHOD shadow socks5 127.0.0.1:40202", "CMETHODS DONE");
        assertEquals(ConnectionTestViewModel.OPEN_INTERNET_TEST, run.connectionTest().destinationProperty().get());
    }
}
