package org.ptdispatcher.gui.tray;

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
import org.ptdispatcher.gui.testing.FakeLauncher;
import org.ptdispatcher.gui.testing.FakeServices;
import org.ptdispatcher.gui.viewmodel.MainViewModel;
import org.ptdispatcher.gui.viewmodel.RunState;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tray menu kept up to date from the main view model (the app's services as fakes): it names
 * the profile started last, remembered across starts, follows its run, and its Connect and
 * Disconnect start and stop that profile as Start and Stop would.
 */
class TrayMenuModelTest {
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

    private static String connectLabel(TrayMenuModel tray) {
        return tray.menu().itemFor(TrayAction.CONNECT_OR_DISCONNECT).orElseThrow().label();
    }

    @Test
    void beforeAnyStartItNamesTheSelectedProfile() throws Exception {
        new ProfileStore(config).save(List.of(home, office));
        MainViewModel main = main();
        TrayMenuModel tray = new TrayMenuModel(main);

        assertEquals("Connect Home", connectLabel(tray), "the first profile is selected at start");
        main.selectedProperty().set(main.profiles().get(1));
        assertEquals("Connect Office", connectLabel(tray));
    }

    @Test
    void connectStartsTheLastProfileAndTheMenuFollowsItsRunToDisconnect() throws Exception {
        new ProfileStore(config).save(List.of(home, office));
        new SettingsStore(config).save(AppSettings.defaults().withLastProfile(office.id()));
        MainViewModel main = main();
        TrayMenuModel tray = new TrayMenuModel(main);
        List<TrayMenu> seen = new ArrayList<>();
        tray.menuProperty().addListener((o, old, now) -> seen.add(now));
        assertEquals("Connect Office", connectLabel(tray), "the one started last time, not the selected one");

        tray.connectOrDisconnect();
        assertEquals(1, fakes.launcher.started().size());
        FakeLauncher.Engine engine = fakes.launcher.started().get(0);
        assertTrue(engine.plan().command().contains("127.0.0.1:41002"), engine.plan().command().toString());
        assertEquals("Office: starting", tray.menu().status());
        engine.writes("VERSION 2.2", "CMETHOD plain socks5 127.0.0.1:41002", "CMETHODS DONE");
        fakes.deliver();
        assertEquals(RunState.RUNNING, main.runFor(office).state());
        assertEquals("Office: running", tray.menu().status());
        assertEquals("Disconnect Office", connectLabel(tray));

        tray.connectOrDisconnect();
        fakes.deliver();
        assertTrue(engine.stopAsked());
        assertEquals("Office: stopped", tray.menu().status());
        assertEquals("Connect Office", connectLabel(tray));
        assertEquals(List.of("Office: starting", "Office: running", "Office: stopping", "Office: stopped"),
                seen.stream().map(TrayMenu::status).distinct().toList(), "a new menu at each step");
    }

    @Test
    void connectingAProfileThatIsNotInTheFormLeavesTheFormAndWhatIsTypedInIt() throws Exception {
        new ProfileStore(config).save(List.of(home, office));
        new SettingsStore(config).save(AppSettings.defaults().withLastProfile(office.id()));
        MainViewModel main = main();
        TrayMenuModel tray = new TrayMenuModel(main);
        main.form().nameProperty().set("Home, half renamed");

        tray.connectOrDisconnect();

        assertEquals(1, fakes.launcher.started().size());
        assertTrue(fakes.launcher.started().get(0).plan().command().contains("127.0.0.1:41002"), "Office, as saved");
        assertEquals(home.id(), main.selectedProperty().get().id(), "the window still shows Home");
        assertEquals("Home, half renamed", main.form().nameProperty().get());
        assertTrue(main.form().dirtyProperty().get(), "not saved behind the user's back");
    }

    @Test
    void aProfileNotInTheFormThatRunsThroughTorConnectsThroughTor() throws Exception {
        String cert = "ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa+7kTOa9/m+tGWT1SmSYpQ9uTBGa6Hw";
        new ProfileStore(config).save(List.of(home));
        MainViewModel first = main();
        assertTrue(first.importText("obfs4 192.0.2.3:443 4352E58420E68F5E40BF7C74FADDCCD9D1349413 cert=" + cert + " iat-mode=0").succeeded());
        Profile bridge = first.profiles().get(1);
        new SettingsStore(config).save(new SettingsStore(config).load().withLastProfile(bridge.id()));
        MainViewModel main = main();
        TrayMenuModel tray = new TrayMenuModel(main);
        assertEquals(home.id(), main.selectedProperty().get().id());

        tray.connectOrDisconnect();

        assertEquals(1, fakes.tor.connectRequests().size(), "tor with the engine as its transport, as Start does");
        assertEquals(List.of(), fakes.launcher.started());
        assertEquals("Disconnect " + bridge.name(), connectLabel(tray));
    }

    @Test
    void theProfileStartedLastIsRememberedForTheNextStart() throws Exception {
        new ProfileStore(config).save(List.of(home, office));
        MainViewModel first = main();
        first.connect(first.profiles().get(1));
        assertEquals(office.id(), new SettingsStore(config).load().lastProfile(), "saved");

        MainViewModel next = main();
        assertEquals("Connect Office", connectLabel(new TrayMenuModel(next)), "while Home is the selected one");
    }

    @Test
    void aRenameAndAChangeOfLanguageShowAtOnce() throws Exception {
        new ProfileStore(config).save(List.of(home));
        MainViewModel main = main();
        TrayMenuModel tray = new TrayMenuModel(main);

        main.form().nameProperty().set("Home office");
        assertTrue(main.saveForm());
        assertEquals("Connect Home office", connectLabel(tray));
        messages.languageProperty().set(Language.RUSSIAN);
        assertEquals("Подключить Home office", connectLabel(tray));
    }

    @Test
    void withNoProfilesThereIsNothingToConnect() {
        TrayMenuModel tray = new TrayMenuModel(main());

        tray.connectOrDisconnect();
        assertEquals(List.of(), fakes.launcher.started());
        assertEquals("No profile yet", tray.menu().status());
    }
}
