package org.ptdispatcher.gui.viewmodel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.config.LaunchCommand;
import org.ptdispatcher.engine.transport.TransportRegistry;
import org.ptdispatcher.gui.engine.LaunchPlan;
import org.ptdispatcher.gui.i18n.Language;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.ProfileStore;
import org.ptdispatcher.gui.profile.SettingsStore;
import org.ptdispatcher.gui.testing.FakeEngines;
import org.ptdispatcher.gui.testing.FakeLauncher;
import org.ptdispatcher.gui.testing.FakeServices;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main view model with the app's services replaced by in-process fakes: selection, "try it",
 * the engine setting, starting and stopping, without a window or a child process. The profile and
 * settings files are real, in a fresh directory.
 */
class MainViewModelTest {
    private final FakeServices fakes = new FakeServices();
    private final Messages messages = new Messages(Language.ENGLISH);

    @TempDir
    Path config;

    private MainViewModel main() {
        return new MainViewModel(new ProfileStore(config), new SettingsStore(config), TransportRegistry.load(), messages, fakes.services());
    }

    @Test
    void theFirstSavedProfileIsSelectedAtStartAndTheSelectionIsWhatTheFormShows() throws Exception {
        Profile home = Profile.builder(Role.CLIENT).name("Home").transport("plain").build();
        Profile office = Profile.builder(Role.SERVER).name("Office").transport("plain").listenAddress("127.0.0.1:0").target("127.0.0.1:80").build();
        new ProfileStore(config).save(List.of(home, office));

        MainViewModel main = main();
        assertEquals(home, main.selectedProperty().get());
        assertEquals("Home", main.form().nameProperty().get());
        main.selectedProperty().set(office);
        assertEquals("Office", main.form().nameProperty().get());
        assertEquals(Role.SERVER, main.form().roleProperty().get());
        assertFalse(main.form().dirtyProperty().get(), "showing a profile is no edit");
    }

    @Test
    void withNoProfilesNothingIsSelected() {
        assertNull(main().selectedProperty().get());
    }

    @Test
    void tryItMakesThePairStartsTheServerThenTheClientWithTheEchoWhereTheServerForwardsAndSelectsTheClient() {
        MainViewModel main = main();
        main.tryItHere();

        List<Profile> pair = main.profiles();
        assertEquals(2, pair.size());
        Profile server = pair.get(0);
        Profile client = pair.get(1);
        assertTrue(server.demo() && client.demo());
        assertEquals("127.0.0.1:40001", server.listenAddress());
        assertEquals("127.0.0.1:40002", server.target());
        assertEquals("127.0.0.1:40001", client.target());
        assertEquals("127.0.0.1:40001", client.testDestination(), "the test goes through the demo server");
        assertEquals(OptionalInt.of(40002), fakes.echo.listening(), "the echo listens where the server forwards");

        List<FakeLauncher.Engine> started = fakes.launcher.started();
        assertEquals(2, started.size());
        assertTrue(started.get(0).plan().command().contains("-server"), started.get(0).plan().command().toString());
        assertTrue(started.get(1).plan().command().contains("-client"), started.get(1).plan().command().toString());
        assertEquals(RunState.STARTING, main.runFor(server).state());
        assertEquals(RunState.STARTING, main.runFor(client).state());
        assertEquals(client, main.selectedProperty().get());
        assertEquals(messages.get("status.starting", client.name()), main.statusProperty().get());
        assertTrue(main.settingsProperty().get().demoOffered());
        assertTrue(new SettingsStore(config).load().demoOffered(), "saved");
    }

    @Test
    void afterALanguageSwitchTheStatusLineSaysItsLastSentenceAgainInTheNewLanguageWithTheRenamedPair() {
        MainViewModel main = main();
        main.tryItHere();
        String english = main.statusProperty().get();

        messages.languageProperty().set(Language.PERSIAN);

        Profile client = main.profiles().get(1);
        assertEquals(messages.get("status.starting", client.name()), main.statusProperty().get());
        assertFalse(main.statusProperty().get().equals(english), "not left in English: " + english);
        assertFalse(main.statusProperty().get().contains("Try it"), "the pair's name is the Persian one: " + main.statusProperty().get());
    }

    @Test
    void tryItAgainMakesNoSecondPairAndStartsOnlyWhatIsNotRunning() {
        MainViewModel main = main();
        main.tryItHere();
        Profile client = main.profiles().get(1);
        main.selectedProperty().set(client);
        main.stopSelected();
        fakes.deliver();
        assertEquals(RunState.STOPPED, main.runFor(client).state());

        main.tryItHere();
        assertEquals(2, main.profiles().size());
        assertEquals(3, fakes.launcher.started().size(), "the server still ran; only the client started again");
        assertEquals(RunState.STARTING, main.runFor(client).state());
    }

    @Test
    void aDemoServerWhoseEchoCannotListenIsNotStarted() {
        fakes.echo.withPortTaken();
        MainViewModel main = main();
        main.tryItHere();
        assertEquals(1, fakes.launcher.started().size(), "the client starts; the server without a destination does not");
        assertTrue(fakes.launcher.started().get(0).plan().command().contains("-client"));
        assertEquals(RunState.IDLE, main.runFor(main.profiles().get(0)).state());
    }

    @Test
    void theEngineIsFoundOncePerChangeOfTheSettingNotOnEveryKeystroke() {
        MainViewModel main = main();
        main.newProfile(Role.CLIENT);
        main.form().transportProperty().set("plain");
        int before = fakes.engines.lookups();
        for (String typed : List.of("M", "My", "My c", "My client")) {
            main.form().nameProperty().set(typed);
        }
        main.form().targetProperty().set("192.0.2.1:443");
        assertEquals(before, fakes.engines.lookups(), "typing looks for no engine");
        assertTrue(main.form().previewProperty().get().startsWith(FakeEngines.BUILT_IN.displayName()), main.form().previewProperty().get());

        main.form().listenProperty().set("");  // an engine configured through the environment alone chooses its own port
        main.settings().setEngine("/usr/bin/obfs4proxy", LaunchCommand.Style.ENVIRONMENT);
        assertEquals(before + 1, fakes.engines.lookups());
        assertTrue(main.form().previewProperty().get().endsWith("/usr/bin/obfs4proxy"), "the form shows the new engine at once: "
                + main.form().previewProperty().get());
        main.darkThemeProperty().set(true);
        assertEquals(before + 1, fakes.engines.lookups(), "another setting is no reason to look again");
    }

    @Test
    void startWithoutAnEngineSaysSoAndStartsNothing() {
        fakes.engines.withoutBuiltIn();
        MainViewModel main = main();
        main.newProfile(Role.CLIENT);
        main.form().transportProperty().set("plain");
        assertFalse(main.startSelected());
        assertEquals(messages.get("status.noEngine"), main.statusProperty().get());
        assertEquals(List.of(), fakes.launcher.started());
        assertEquals(messages.get("preview.noEngine"), main.form().previewProperty().get());
    }

    @Test
    void startSavesTheEditsFirstTheFormIsLockedUntilTheEngineEndsAndTheStatusLineFollowsTheRun() throws Exception {
        MainViewModel main = main();
        Profile created = main.newProfile(Role.CLIENT);
        main.form().transportProperty().set("plain");
        main.form().nameProperty().set("Edited");
        assertTrue(main.startSelected());
        assertEquals("Edited", new ProfileStore(config).load().get(0).name(), "saved before it starts");
        assertFalse(main.form().editableProperty().get(), "a running engine does not pick up edits");

        FakeLauncher.Engine engine = fakes.launcher.started().get(0);
        engine.writes("VERSION 2.2", "CMETHOD plain socks5 127.0.0.1:40100", "CMETHODS DONE");
        fakes.deliver();
        RunViewModel run = main.runFor(created);
        assertEquals(RunState.RUNNING, run.state());
        assertTrue(run.connectionTest().isAvailable());
        assertEquals(messages.get("status.runState", "Edited", messages.get("state.RUNNING")), main.statusProperty().get(),
                "\"Starting…\" is not left standing");

        engine.exits(1);
        fakes.deliver();
        assertEquals(RunState.RESTARTING, run.state());
        assertFalse(main.form().editableProperty().get(), "it is on its way back");
        assertEquals(messages.get("status.runState", "Edited", messages.get("state.RESTARTING")), main.statusProperty().get());
        main.stopSelected();
        assertEquals(RunState.STOPPED, run.state());
        assertTrue(main.form().editableProperty().get());
    }

    @Test
    void deletingARunningProfileStopsItsEngineAndSelectsTheNextOne() throws Exception {
        MainViewModel main = main();
        Profile first = main.newProfile(Role.CLIENT);
        Profile second = main.newProfile(Role.CLIENT);
        main.form().transportProperty().set("plain");
        assertTrue(main.startSelected());
        main.deleteSelected();
        assertTrue(fakes.launcher.started().get(0).stopAsked());
        assertEquals(List.of(first), main.profiles());
        assertEquals(first, main.selectedProperty().get());
        assertEquals(List.of(first.id()), new ProfileStore(config).load().stream().map(Profile::id).toList());
        assertEquals(messages.get("status.deleted", second.name()), main.statusProperty().get());
    }

    @Test
    void closingStopsEveryEngineAndTheEcho() {
        MainViewModel main = main();
        main.tryItHere();
        assertEquals(2, main.activeRuns().size());
        var stopped = main.stopAll();
        fakes.deliver();
        assertTrue(stopped.isDone());
        assertTrue(fakes.launcher.started().stream().allMatch(FakeLauncher.Engine::stopAsked));
        assertEquals(List.of(), main.activeRuns());
        assertEquals(OptionalInt.empty(), fakes.echo.listening());
    }

    @Test
    void aNewClientGetsAFixedLoopbackPortThatTheEngineIsGivenAgainAfterARestartOfTheApp() {
        MainViewModel first = main();
        Profile created = first.newProfile(Role.CLIENT);
        String listen = created.listenAddress();
        assertTrue(listen.matches("127\\.0\\.0\\.1:4\\d{4}"), "a free port on loopback, chosen now: " + listen);
        assertEquals(listen, first.form().listenProperty().get(), "the form shows it");
        first.form().transportProperty().set("plain");
        assertTrue(first.startSelected());

        MainViewModel again = main();
        assertEquals(listen, again.selectedProperty().get().listenAddress(), "remembered");
        assertTrue(again.startSelected());
        List<LaunchPlan> plans = fakes.launcher.plans();
        assertEquals(2, plans.size());
        assertEquals(plans.get(0).command(), plans.get(1).command(), "the same port both times");
        assertTrue(String.join(" ", plans.get(1).command()).contains(listen), String.join(" ", plans.get(1).command()));
    }

    @Test
    void aNewServerListensOnAllAddressesOnAFixedPort() {
        Profile server = main().newProfile(Role.SERVER);
        assertTrue(server.listenAddress().matches("0\\.0\\.0\\.0:4\\d{4}"), server.listenAddress());
    }

    @Test
    void aCopyAndEveryImportedLineGetAPortOfTheirOwnWhileAPortTypedByTheUserIsKept() {
        MainViewModel main = main();
        Profile original = main.newProfile(Role.CLIENT);
        Profile copy = main.duplicateSelected().orElseThrow();
        assertTrue(copy.listenAddress().startsWith("127.0.0.1:"), copy.listenAddress());
        assertFalse(copy.listenAddress().equals(original.listenAddress()), "two profiles on one port could not run together");

        assertTrue(main.importText("ss://YWVzLTI1Ni1nY206c2VjcmV0@192.0.2.1:8388#One\n"
                + "ss://YWVzLTI1Ni1nY206c2VjcmV0@192.0.2.2:8388#Two").succeeded());
        List<String> ports = main.profiles().stream().map(Profile::listenAddress).toList();
        assertEquals(4, ports.stream().distinct().count(), ports.toString());

        main.selectedProperty().set(original);
        main.form().listenProperty().set("127.0.0.1:1080");
        assertTrue(main.saveForm());
        assertEquals("127.0.0.1:1080", main().profiles().get(0).listenAddress(), "what the user typed stays");
    }

    @Test
    void aClientForAnEngineThatChoosesItsOwnPortGetsNone() {
        MainViewModel main = main();
        main.settings().setEngine("/usr/bin/obfs4proxy", LaunchCommand.Style.ENVIRONMENT);
        assertEquals("", main.newProfile(Role.CLIENT).listenAddress());
        assertTrue(main.newProfile(Role.SERVER).listenAddress().startsWith("0.0.0.0:"), "a server is told its address in every style");
    }

    @Test
    void theTryItPairsNamesFollowTheLanguageUntilTheUserRenamesOne() throws Exception {
        MainViewModel main = main();
        main.tryItHere();
        Profile client = main.selectedProperty().get();
        assertEquals(messages.get("demo.clientName"), client.name());

        messages.languageProperty().set(Language.PERSIAN);
        Messages persian = new Messages(Language.PERSIAN);
        assertEquals(List.of(persian.get("demo.serverName"), persian.get("demo.clientName")),
                main.profiles().stream().map(Profile::name).toList());
        assertEquals(persian.get("demo.clientName"), main.form().nameProperty().get(), "the form shows the new name");
        assertEquals(persian.get("demo.clientName"), new ProfileStore(config).load().get(1).name(), "saved");

        main.form().nameProperty().set("My loopback test");
        assertTrue(main.saveForm());
        messages.languageProperty().set(Language.ENGLISH);
        assertEquals(List.of(messages.get("demo.serverName"), "My loopback test"), main.profiles().stream().map(Profile::name).toList(),
                "a name the user chose is theirs");
    }
}
