package org.ptdispatcher.gui.viewmodel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.transport.TransportRegistry;
import org.ptdispatcher.gui.i18n.Language;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.profile.AppSettings;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.ProfileStore;
import org.ptdispatcher.gui.profile.SettingsStore;
import org.ptdispatcher.gui.testing.FakeServices;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Connect when the app starts" and "Start PT Dispatcher when I log in" with the app's services as
 * fakes: the named profile starts once the window is up, as Start would start it; one profile at
 * most is named; a profile that is gone is said; an older settings file names none.
 */
class ConnectOnStartTest {
    private static final String CERT = "ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa+7kTOa9/m+tGWT1SmSYpQ9uTBGa6Hw";
    private static final String BRIDGE = "obfs4 192.0.2.3:443 4352E58420E68F5E40BF7C74FADDCCD9D1349413 cert=" + CERT + " iat-mode=0";

    private final FakeServices fakes = new FakeServices();
    private final Messages messages = new Messages(Language.ENGLISH);
    private final Profile home = Profile.builder(Role.CLIENT).name("Home").transport("plain").target("192.0.2.1:443")
            .listenAddress("127.0.0.1:41001").build();
    private final Profile office = Profile.builder(Role.CLIENT).name("Office").transport("plain").target("192.0.2.2:443")
            .listenAddress("127.0.0.1:41002").build();

    @TempDir
    Path config;

    private MainViewModel main() {
        return new MainViewModel(new ProfileStore(config), new SettingsStore(config), TransportRegistry.load(), messages, fakes.services());
    }

    @Test
    void theNamedProfileStartsOnceTheWindowIsUpAndOnlyThen() throws Exception {
        new ProfileStore(config).save(List.of(home, office));
        new SettingsStore(config).save(AppSettings.defaults().withConnectOnStart(office.id()));

        MainViewModel main = main();
        assertEquals(List.of(), fakes.launcher.started(), "nothing runs before the window is up");

        main.connectOnStart();

        assertEquals(1, fakes.launcher.started().size());
        assertEquals(office, main.selectedProperty().get(), "selected, as if the user had pressed its Start");
        assertTrue(fakes.launcher.started().get(0).plan().command().contains("127.0.0.1:41002"),
                fakes.launcher.started().get(0).plan().command().toString());
        fakes.launcher.started().get(0).writes("VERSION 2.2", "CMETHOD plain socks5 127.0.0.1:41002", "CMETHODS DONE");
        fakes.deliver();
        assertEquals(RunState.RUNNING, main.runFor(office).state());
        assertEquals(RunState.IDLE, main.runFor(home).state());
    }

    @Test
    void aProfileThatRunsThroughTorConnectsThroughTor() throws Exception {
        MainViewModel first = main();
        assertTrue(first.importText(BRIDGE).succeeded());
        first.setConnectOnStart(first.selectedProperty().get(), true);

        MainViewModel next = main();
        next.connectOnStart();

        assertEquals(1, fakes.tor.connectRequests().size(), "tor with the engine as its transport, as Start does");
        assertEquals(List.of(), fakes.launcher.started());
    }

    @Test
    void aProfileThatIsGoneIsSaidAndNothingStarts() throws Exception {
        new ProfileStore(config).save(List.of(home));
        new SettingsStore(config).save(AppSettings.defaults().withConnectOnStart("deleted-profile-id"));

        MainViewModel main = main();
        main.connectOnStart();

        assertEquals(messages.get("status.connectOnStartMissing"), main.statusProperty().get());
        assertEquals(List.of(), fakes.launcher.started());
        assertEquals(home, main.selectedProperty().get(), "the selection stays as it was");
    }

    @Test
    void aProfileThatCannotStartIsSaidInTheStatusLine() throws Exception {
        fakes.engines.withoutBuiltIn();
        new ProfileStore(config).save(List.of(home));
        new SettingsStore(config).save(AppSettings.defaults().withConnectOnStart(home.id()));

        MainViewModel main = main();
        main.connectOnStart();

        assertEquals(messages.get("status.noEngine"), main.statusProperty().get());
        assertEquals(List.of(), fakes.launcher.started());
    }

    @Test
    void turningItOnForOneProfileTurnsItOffForTheOtherAndDeletingTheProfileTurnsItOff() throws Exception {
        new ProfileStore(config).save(List.of(home, office));
        MainViewModel main = main();

        main.setConnectOnStart(home, true);
        assertTrue(main.connectsOnStart(home));
        main.setConnectOnStart(office, true);
        assertTrue(main.connectsOnStart(office));
        assertFalse(main.connectsOnStart(home), "one profile at most");
        assertEquals(office.id(), new SettingsStore(config).load().connectOnStart(), "saved");

        main.setConnectOnStart(home, false);
        assertTrue(main.connectsOnStart(office), "turning off another profile leaves this one named");

        main.selectedProperty().set(main.profiles().get(1));
        main.deleteSelected();
        assertEquals("", new SettingsStore(config).load().connectOnStart());
    }

    @Test
    void aSettingsFileFromBeforeTheSettingNamesNoProfile() throws Exception {
        Files.writeString(config.resolve("settings.json"),
                "{\"engineProgram\":\"\",\"launchStyle\":\"FLAGS\",\"language\":\"ru\",\"darkTheme\":true,\"demoOffered\":true,\"torProgram\":\"\"}");
        AppSettings loaded = new SettingsStore(config).load();
        assertEquals("", loaded.connectOnStart());
        assertEquals("ru", loaded.language(), "the rest of it is read as before");
        assertTrue(loaded.darkTheme());

        main().connectOnStart();
        assertEquals(List.of(), fakes.launcher.started());
    }

    @Test
    void startAtLoginWritesTheAutostartEntryAndRemovesIt() {
        StartAtLoginViewModel login = main().startAtLogin();
        assertTrue(login.available());
        assertFalse(login.isOn());

        assertTrue(login.set(true));
        assertTrue(Files.isRegularFile(fakes.autostart.resolve("ptdispatcher.desktop")));
        assertTrue(login.isOn());

        assertTrue(login.set(false));
        assertFalse(login.isOn());
    }
}
