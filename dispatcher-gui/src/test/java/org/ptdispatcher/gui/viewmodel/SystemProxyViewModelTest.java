package org.ptdispatcher.gui.viewmodel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.config.LaunchCommand;
import org.ptdispatcher.engine.transport.TransportRegistry;
import org.ptdispatcher.gui.engine.EngineProgram;
import org.ptdispatcher.gui.engine.LaunchPlan;
import org.ptdispatcher.gui.engine.LaunchPlanner;
import org.ptdispatcher.gui.i18n.Language;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.ProfileStore;
import org.ptdispatcher.gui.profile.SettingsStore;
import org.ptdispatcher.gui.share.ProfileImport;
import org.ptdispatcher.gui.sysproxy.ProxyTarget;
import org.ptdispatcher.gui.testing.FakeLauncher;
import org.ptdispatcher.gui.testing.FakeServices;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The system proxy switch in the main view model, with a real {@link org.ptdispatcher.gui.sysproxy.SystemProxy}
 * whose place is an environment file of the test's own ({@link FakeServices#systemProxy}).
 */
class SystemProxyViewModelTest {
    private static final EngineProgram ENGINE = new EngineProgram(List.of("/opt/ptd/bin/ptdispatcher"), true);
    private final FakeServices fakes = new FakeServices();
    private final Messages messages = new Messages(Language.ENGLISH);
    private final Profile shadow = ProfileImport.parse("ss://YWVzLTI1Ni1nY206dGVzdA@192.0.2.7:8388#Office").profiles().get(0);

    @TempDir
    Path config;

    private MainViewModel main() {
        return new MainViewModel(new ProfileStore(config), new SettingsStore(config), TransportRegistry.load(), messages, fakes.services());
    }

    private RunViewModel running(MainViewModel main, Profile profile, String cmethod) {
        RunViewModel run = main.runFor(profile);
        LaunchPlan plan = LaunchPlanner.plan(profile, ENGINE, LaunchCommand.Style.FLAGS, Optional.empty(), Path.of("/state"));
        run.start(plan);
        engine().writes("VERSION 2.2", cmethod, "CMETHODS DONE");
        fakes.deliver();
        return run;
    }

    private FakeLauncher.Engine engine() {
        return fakes.launcher.started().get(fakes.launcher.started().size() - 1);
    }

    private String environmentFile() throws Exception {
        return Files.exists(fakes.systemProxy.environmentFile) ? Files.readString(fakes.systemProxy.environmentFile) : "";
    }

    @Test
    void aShadowsocksClientIsOfferedTheSwitchButAnObfs4ClientWithoutTorOnlyReachesItsBridge() {
        SystemProxyViewModel systemProxy = main().systemProxy();
        Profile obfs4 = Profile.builder(Role.CLIENT).name("Bridge").transport("obfs4").options(Map.of("cert", "x", "iat-mode", "0")).build();
        Profile server = Profile.builder(Role.SERVER).name("Server").transport("shadow").build();

        assertTrue(systemProxy.offeredFor(shadow));
        assertFalse(systemProxy.offeredFor(obfs4));
        assertFalse(systemProxy.offeredFor(server));
    }

    @Test
    void turningItOnPointsTheSystemAtTheRunsPortWhichStaysWhileTheEngineRestartsAndStopPutsTheSettingsBack() throws Exception {
        MainViewModel main = main();
        RunViewModel run = running(main, shadow, "CMETHOD shadow socks5 127.0.0.1:40202");
        assertTrue(main.systemProxy().availableFor(run));

        main.systemProxy().use(run);
        fakes.deliver();
        assertEquals(run, main.systemProxy().usedByProperty().get());
        assertTrue(environmentFile().lines().anyMatch("https_proxy=http://127.0.0.1:40202"::equals), environmentFile());
        assertEquals(messages.get("sysproxy.on", "environment.d", "127.0.0.1:40202"), main.statusProperty().get());

        engine().exits(1);
        fakes.deliver();
        assertEquals(RunState.RESTARTING, run.state());
        assertEquals(run, main.systemProxy().usedByProperty().get(), "while it comes back, the browser is not sent out in the clear");
        assertTrue(environmentFile().lines().anyMatch("https_proxy=http://127.0.0.1:40202"::equals), environmentFile());

        run.stop();
        fakes.deliver();
        fakes.deliver();
        assertNull(main.systemProxy().usedByProperty().get());
        assertEquals("", environmentFile(), "the settings from before (no file) are back");
        assertEquals(messages.get("sysproxy.off", "environment.d"), main.statusProperty().get());
    }

    @Test
    void anEngineThatKeepsDyingPutsTheSettingsBackWhenTheAppGivesUpOnIt() throws Exception {
        MainViewModel main = main();
        RunViewModel run = running(main, shadow, "CMETHOD shadow socks5 127.0.0.1:40202");
        main.systemProxy().use(run);
        fakes.deliver();
        for (int restart = 1; restart <= AutoRestart.MAX_IN_A_ROW; restart++) {
            engine().exits(1);
            fakes.deliver();
            fakes.time.advance(fakes.time.nextIn().orElseThrow());
            engine().writes("VERSION 2.2", "CMETHOD shadow socks5 127.0.0.1:40202", "CMETHODS DONE");
            fakes.deliver();
            assertEquals(run, main.systemProxy().usedByProperty().get(), "restart " + restart);
        }
        engine().exits(1);
        fakes.deliver();
        fakes.deliver();
        assertEquals(RunState.ENDED_ALONE, run.state());
        assertNull(main.systemProxy().usedByProperty().get());
        assertEquals("", environmentFile(), "the settings from before are back");
    }

    @Test
    void quittingPutsTheSettingsBack() throws Exception {
        MainViewModel main = main();
        main.systemProxy().use(running(main, shadow, "CMETHOD shadow socks5 127.0.0.1:40203"));
        fakes.deliver();
        assertFalse(environmentFile().isEmpty());

        var stopped = main.stopAll();
        fakes.deliver();

        assertTrue(stopped.isDone());
        assertEquals("", environmentFile());
    }

    @Test
    void theStartAfterTheAppDiedWithTheSwitchOnPutsTheSettingsBackAndSaysSo() throws Exception {
        fakes.systemProxy.systemProxy.apply(ProxyTarget.socksAndHttp(new HostPort("127.0.0.1", 40204)));
        assertFalse(environmentFile().isEmpty());
        MainViewModel main = main();

        main.systemProxy().recover();
        fakes.deliver();

        assertEquals("", environmentFile());
        assertEquals(messages.get("sysproxy.recovered", "environment.d"), main.statusProperty().get());
    }

    @Test
    void aStartWithNothingJournaledSaysNothing() {
        MainViewModel main = main();
        String before = main.statusProperty().get();

        main.systemProxy().recover();
        fakes.deliver();

        assertEquals(before, main.statusProperty().get());
        assertFalse(main.systemProxy().busyProperty().get());
    }
}
