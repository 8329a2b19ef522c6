package org.ptdispatcher.gui.tray;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.gui.i18n.Language;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.viewmodel.RunState;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tray menu for each state of the last profile's run: what it says and which entry can be chosen. */
class TrayMenuTest {
    private final Messages english = new Messages(Language.ENGLISH);
    private final Optional<Profile> office = Optional.of(Profile.builder(Role.CLIENT).name("Office").transport("plain")
            .target("192.0.2.1:443").build());

    @Test
    void anIdleProfileIsOfferedToConnectWithTheStatusOnTopAndOpenAndQuitBelow() {
        TrayMenu menu = TrayMenu.describe(english, office, RunState.IDLE);

        assertEquals("Office: not running", menu.status());
        assertEquals(List.of(TrayItem.text("Office: not running"), TrayItem.separator(),
                TrayItem.command("Connect Office", true, TrayAction.CONNECT_OR_DISCONNECT),
                TrayItem.command("Open PT Dispatcher", true, TrayAction.OPEN), TrayItem.separator(),
                TrayItem.command("Quit", true, TrayAction.QUIT)), menu.items());
        assertFalse(menu.items().get(0).enabled(), "the status is a line to read, not a command");
        assertFalse(menu.rightToLeft());
        assertFalse(menu.connected(), "a grey icon");
    }

    @Test
    void aRunThatIsUpOrOnItsWayUpIsOfferedToDisconnect() {
        for (RunState state : List.of(RunState.STARTING, RunState.RUNNING, RunState.RESTARTING)) {
            TrayItem item = TrayMenu.describe(english, office, state).itemFor(TrayAction.CONNECT_OR_DISCONNECT).orElseThrow();
            assertEquals("Disconnect Office", item.label(), state.name());
            assertTrue(item.enabled(), state.name());
        }
        assertEquals("Office: running", TrayMenu.describe(english, office, RunState.RUNNING).status());
        assertTrue(TrayMenu.describe(english, office, RunState.RUNNING).connected(), "the icon in colour once it runs");
        assertFalse(TrayMenu.describe(english, office, RunState.STARTING).connected(), "not yet");
        assertFalse(TrayMenu.describe(english, office, RunState.RESTARTING).connected(), "not while it comes back");
    }

    @Test
    void whileItStopsNeitherCanBeChosen() {
        TrayItem item = TrayMenu.describe(english, office, RunState.STOPPING).itemFor(TrayAction.CONNECT_OR_DISCONNECT).orElseThrow();
        assertEquals("Disconnect Office", item.label());
        assertFalse(item.enabled());
    }

    @Test
    void aRunThatEndedIsOfferedToConnectAgain() {
        for (RunState state : List.of(RunState.STOPPED, RunState.ENDED_ALONE, RunState.FAILED_TO_START)) {
            TrayItem item = TrayMenu.describe(english, office, state).itemFor(TrayAction.CONNECT_OR_DISCONNECT).orElseThrow();
            assertEquals("Connect Office", item.label(), state.name());
            assertTrue(item.enabled(), state.name());
        }
    }

    @Test
    void withNoProfileConnectIsShownButCannotBeChosen() {
        TrayMenu menu = TrayMenu.describe(english, Optional.empty(), RunState.IDLE);

        assertEquals("No profile yet", menu.status());
        TrayItem item = menu.itemFor(TrayAction.CONNECT_OR_DISCONNECT).orElseThrow();
        assertEquals("Connect", item.label());
        assertFalse(item.enabled());
        assertTrue(menu.itemFor(TrayAction.QUIT).orElseThrow().enabled());
    }

    @Test
    void inPersianTheMenuIsInPersianAndReadsFromTheRight() {
        TrayMenu menu = TrayMenu.describe(new Messages(Language.PERSIAN), office, RunState.RUNNING);

        assertTrue(menu.rightToLeft());
        assertEquals("قطع اتصال Office", menu.itemFor(TrayAction.CONNECT_OR_DISCONNECT).orElseThrow().label());
        assertEquals("خروج", menu.itemFor(TrayAction.QUIT).orElseThrow().label());
    }
}
