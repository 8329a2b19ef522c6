package org.ptdispatcher.gui.view;

import javafx.scene.control.CheckBox;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.gui.profile.AppSettings;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.ProfileStore;
import org.ptdispatcher.gui.profile.SettingsStore;
import org.ptdispatcher.gui.testing.GuiTest;
import org.ptdispatcher.gui.viewmodel.RunState;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An app whose settings name a profile to connect when it starts: the real packaged ptdispatcher
 * runs that plain client as soon as the window is up, without a click, and the profile's page
 * shows the box ticked. This copy was not started by an installed launcher, so "start when I log
 * in" is shown disabled, with why.
 */
class ConnectOnStartIT extends GuiTest {
    private Profile office;

    @Override
    protected void prepareConfigDirectory() throws Exception {
        ptdispatcherJar();
        Profile home = Profile.builder(Role.CLIENT).name("Home").transport("plain").target("127.0.0.1:9")
                .listenAddress("127.0.0.1:" + freePort()).build();
        office = Profile.builder(Role.CLIENT).name("Office").transport("plain").target("127.0.0.1:9")
                .listenAddress("127.0.0.1:" + freePort()).build();
        new ProfileStore(configDir).save(List.of(home, office));
        new SettingsStore(configDir).save(AppSettings.defaults().withConnectOnStart(office.id()));
    }

    @Test
    void theNamedProfileRunsWithoutAClick() throws Exception {
        waitUntil("the profile named to connect on start running", ENGINE_DEADLINE,
                () -> vm().runFor(office).state() == RunState.RUNNING);
        waitUntil("the running headline", ENGINE_DEADLINE, () -> textOf("#runHeadline").equals(
                vm().messages().get("run.running.client")));
        assertEquals(office.id(), get(() -> vm().selectedProperty().get().id()), "selected, as if Start had been pressed on it");
        assertEquals("SOCKS5 proxy ready at " + office.listenAddress(), textOf("#proxyReady-0"));
        assertTrue(get(() -> robot.lookup("#connectOnStart").queryAs(CheckBox.class).isSelected()), "its box is ticked");
        assertEquals(RunState.IDLE, get(() -> vm().runFor(vm().profiles().get(0)).state()), "the other profile does not run");
    }

    @Test
    void startAtLoginIsShownDisabledWithWhyInACopyNoInstalledLauncherStarted() throws Exception {
        robot.clickOn("#engineSettings");
        waitUntil("the engine settings dialog", ENGINE_DEADLINE, () -> find("#startAtLogin").isPresent());
        assertTrue(get(() -> robot.lookup("#startAtLogin").queryAs(CheckBox.class).isDisabled()));
        assertEquals(get(() -> vm().messages().get("login.unavailable")), textOf("#startAtLoginHint"));
        robot.clickOn("#engineApply");
    }
}
