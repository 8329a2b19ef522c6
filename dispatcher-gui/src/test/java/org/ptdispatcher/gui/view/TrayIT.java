package org.ptdispatcher.gui.view;

import javafx.scene.control.CheckBox;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.gui.i18n.Language;
import org.ptdispatcher.gui.profile.AppSettings;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.ProfileStore;
import org.ptdispatcher.gui.profile.SettingsStore;
import org.ptdispatcher.gui.testing.GuiTest;
import org.ptdispatcher.gui.testing.HeadlessApp;
import org.ptdispatcher.gui.testing.PrivateSessionBus;
import org.ptdispatcher.gui.testing.StatusNotifierWatcherForTests;
import org.ptdispatcher.gui.tray.Trays;
import org.ptdispatcher.gui.viewmodel.RunState;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tray on Linux as a desktop sees it: a private session bus with a StatusNotifierWatcher of the
 * test's own, and GLib's gdbus as the host that reads the item's properties and its dbusmenu and
 * clicks its entries. Connect and Disconnect run and stop the real packaged ptdispatcher, the
 * menu follows (a new revision, announced with LayoutUpdated), closing the window hides it with
 * the engine still running and Open shows it again; with the setting off closing quits; and Quit
 * in the menu ends a whole app (a child process) and its engine.
 */
class TrayIT extends GuiTest {
    private static final String MENU = "/MenuBar";
    private static final String ITEM = "/StatusNotifierItem";
    private static final Pattern REVISION = Pattern.compile("^\\(uint32 (\\d+),");

    private PrivateSessionBus bus;
    private StatusNotifierWatcherForTests watcher;
    private Profile office;

    @Override
    protected void prepareConfigDirectory() throws Exception {
        ptdispatcherJar();
        Path busDirectory = Files.createDirectories(configDir.resolve("bus"));
        bus = PrivateSessionBus.start(busDirectory);
        watcher = StatusNotifierWatcherForTests.on(bus);
        office = Profile.builder(Role.CLIENT).name("Office").transport("plain").target("127.0.0.1:9")
                .listenAddress("127.0.0.1:" + freePort()).build();
        new ProfileStore(configDir).save(List.of(office));
        new SettingsStore(configDir).save(AppSettings.defaults().withLastProfile(office.id()));
    }

    @Override
    protected String trayBus() {
        return bus.address();
    }

    @AfterEach
    void closeBus() throws Exception {
        if (watcher != null) {
            watcher.close();
        }
        if (bus != null) {
            bus.close();
        }
    }

    @Test
    void theHostReadsTheItemAndItsMenuAndConnectAndDisconnectRunAndStopTheLastProfile() throws Exception {
        String item = registeredItem(watcher);
        assertEquals("org.kde.StatusNotifierItem-" + ProcessHandle.current().pid() + "-1", item);

        String properties = bus.call(item, ITEM, "org.freedesktop.DBus.Properties.GetAll", "org.kde.StatusNotifierItem");
        assertTrue(properties.contains("'Menu': <objectpath '/MenuBar'>"), properties);
        assertTrue(properties.contains("'Title': <'PT Dispatcher'>"), properties);
        assertTrue(properties.contains("'Status': <'Active'>"), properties);
        assertTrue(properties.contains("(22, 22, [byte 0x"), "the icon as a 22 px ARGB pixmap, among others: " + shortened(properties));
        assertTrue(properties.contains("'PT Dispatcher', 'Office: not running')"), "the status as the tooltip: " + shortened(properties));

        assertTrue(isGrey(centreOf22PxIcon(properties)), "grey while nothing runs");

        String layout = layout(item);
        assertEquals(List.of("Office: not running", "Connect Office", "Open PT Dispatcher", "Quit"), labels(layout));
        long before = revision(layout);
        List<String> signals = bus.monitor(item);

        click(item, layout, "Connect Office");
        waitUntil("the last profile running after Connect in the tray", ENGINE_DEADLINE, () -> vm().runFor(office).state() == RunState.RUNNING);
        long pid = get(() -> vm().runFor(office).pidProperty().get());
        waitForHost("the menu saying it runs", ENGINE_DEADLINE,
                () -> labels(layout(item)).equals(List.of("Office: running", "Disconnect Office", "Open PT Dispatcher", "Quit")));
        long after = revision(layout(item));
        assertTrue(after > before, "a new revision: " + before + " then " + after);
        waitForHost("LayoutUpdated for the new revision", ENGINE_DEADLINE,
                () -> signals.stream().anyMatch(s -> s.contains("com.canonical.dbusmenu.LayoutUpdated (uint32 " + after + ", 0)")));
        assertTrue(bus.call(item, ITEM, "org.freedesktop.DBus.Properties.Get", "org.kde.StatusNotifierItem", "ToolTip")
                .contains("'Office: running'"), "the tooltip follows");
        waitForHost("NewIcon", ENGINE_DEADLINE, () -> signals.stream().anyMatch(s -> s.contains("org.kde.StatusNotifierItem.NewIcon ()")));
        int[] running = centreOf22PxIcon(bus.call(item, ITEM, "org.freedesktop.DBus.Properties.GetAll", "org.kde.StatusNotifierItem"));
        assertTrue(running[3] > running[1] + 40, "the app's blue once it runs: ARGB " + java.util.Arrays.toString(running));

        click(item, layout(item), "Disconnect Office");
        waitForExit(pid, "the engine after Disconnect in the tray");
        waitForHost("the menu offering Connect again", ENGINE_DEADLINE,
                () -> labels(layout(item)).equals(List.of("Office: stopped", "Connect Office", "Open PT Dispatcher", "Quit")));
        assertTrue(bus.call(item, MENU, "org.freedesktop.DBus.Properties.GetAll", "com.canonical.dbusmenu")
                .contains("'TextDirection': <'ltr'>"));
    }

    @Test
    void inPersianTheMenuIsInPersianAndReadsFromTheRight() throws Exception {
        String item = registeredItem(watcher);
        onFx(() -> {
            vm().messages().languageProperty().set(Language.PERSIAN);
            return null;
        });
        waitForHost("the menu in Persian", ENGINE_DEADLINE,
                () -> labels(layout(item)).equals(List.of("Office: اجرا نشده", "اتصال Office", "باز کردن PT Dispatcher", "خروج")));
        String properties = bus.call(item, MENU, "org.freedesktop.DBus.Properties.GetAll", "com.canonical.dbusmenu");
        assertTrue(properties.contains("'TextDirection': <'rtl'>"), properties);
        assertTrue(properties.contains("'Version': <uint32 3>"), properties);
    }

    @Test
    void aWatcherThatComesBackIsToldOfTheItemAgain() throws Exception {
        String item = registeredItem(watcher);
        watcher.close();
        // the desktop's shell restarted: a new watcher, which knows no items until they register again
        watcher = StatusNotifierWatcherForTests.on(bus);
        waitForHost("the item registered with the new watcher", ENGINE_DEADLINE, () -> watcher.items().equals(List.of(item)));
        assertEquals(List.of("Office: not running", "Connect Office", "Open PT Dispatcher", "Quit"), labels(layout(item)));
    }

    @Test
    void closingTheWindowKeepsTheAppAndItsEngineRunningAndOpenShowsTheWindowAgain() throws Exception {
        String item = registeredItem(watcher);
        waitUntil("the app knowing its tray is up", ENGINE_DEADLINE, () -> vm().settings().trayShownProperty().get());
        click(item, layout(item), "Connect Office");
        waitUntil("the last profile running", ENGINE_DEADLINE, () -> vm().runFor(office).state() == RunState.RUNNING);
        long pid = get(() -> vm().runFor(office).pidProperty().get());

        robot.interact(() -> app.stage().fireEvent(new WindowEvent(app.stage(), WindowEvent.WINDOW_CLOSE_REQUEST)));
        waitUntil("the window hidden", ENGINE_DEADLINE, () -> !app.stage().isShowing());
        assertTrue(alive(pid), "the engine still runs behind the tray");
        assertEquals(RunState.RUNNING, get(() -> vm().runFor(office).state()));
        assertEquals(List.of("Office: running", "Disconnect Office", "Open PT Dispatcher", "Quit"), labels(layout(item)),
                "the tray still answers");

        click(item, layout(item), "Open PT Dispatcher");
        waitUntil("the window shown again by Open", ENGINE_DEADLINE, () -> app.stage().isShowing());
        assertTrue(alive(pid));

        robot.interact(() -> app.stage().fireEvent(new WindowEvent(app.stage(), WindowEvent.WINDOW_CLOSE_REQUEST)));
        waitUntil("the window hidden again", ENGINE_DEADLINE, () -> !app.stage().isShowing());
        bus.call(item, ITEM, "org.kde.StatusNotifierItem.Activate", "0", "0");
        waitUntil("the window shown again by a click on the icon", ENGINE_DEADLINE, () -> app.stage().isShowing());
    }

    @Test
    void withTheSettingOffClosingTheWindowQuitsAsWithoutATray() throws Exception {
        String item = registeredItem(watcher);
        waitUntil("the app knowing its tray is up", ENGINE_DEADLINE, () -> vm().settings().trayShownProperty().get());
        click(item, layout(item), "Connect Office");
        waitUntil("the last profile running", ENGINE_DEADLINE, () -> vm().runFor(office).state() == RunState.RUNNING);
        long pid = get(() -> vm().runFor(office).pidProperty().get());
        onFx(() -> {
            vm().settings().setQuitOnClose(true);
            return null;
        });

        robot.interact(() -> app.stage().fireEvent(new WindowEvent(app.stage(), WindowEvent.WINDOW_CLOSE_REQUEST)));
        waitForExit(pid, "the engine after closing the window");
        waitUntil("the window closed", ENGINE_DEADLINE, () -> !app.stage().isShowing());
    }

    @Test
    void theSettingIsOfferedTickedWhereATrayShows() throws Exception {
        registeredItem(watcher);
        waitUntil("the app knowing its tray is up", ENGINE_DEADLINE, () -> vm().settings().trayShownProperty().get());
        robot.clickOn("#engineSettings");
        waitUntil("the engine settings dialog showing", ENGINE_DEADLINE,
                () -> find("#keepInTray").map(box -> box.getScene().getWindow().isShowing()).orElse(false));
        CheckBox keep = get(() -> robot.lookup("#keepInTray").queryAs(CheckBox.class));
        assertFalse(get(keep::isDisabled), "offered");
        assertTrue(get(keep::isSelected), "on by default");
        robot.clickOn("#keepInTray");
        robot.clickOn("#engineApply");
        waitUntil("the setting saved off", ENGINE_DEADLINE, () -> new SettingsStore(configDir).load().quitOnClose());
        assertFalse(get(() -> vm().settings().keepsRunningInTray()));
    }

    @Test
    void quitInTheTrayMenuEndsTheWholeAppAndItsEngine() throws Exception {
        // a second app of its own (its own config, bus and watcher): Quit ends a JVM, which must not be this one
        Path childConfig = Files.createDirectories(configDir.resolve("child"));
        Path childBusDirectory = Files.createDirectories(configDir.resolve("child-bus"));
        Profile home = Profile.builder(Role.CLIENT).name("Home").transport("plain").target("127.0.0.1:9")
                .listenAddress("127.0.0.1:" + freePort()).build();
        new ProfileStore(childConfig).save(List.of(home));
        new SettingsStore(childConfig).save(AppSettings.defaults().withConnectOnStart(home.id()));
        try (PrivateSessionBus childBus = PrivateSessionBus.start(childBusDirectory);
             StatusNotifierWatcherForTests childWatcher = StatusNotifierWatcherForTests.on(childBus)) {
            List<String> command = new ArrayList<>(HeadlessApp.command(childConfig, List.of()));
            command.add(1, "-D" + Trays.BUS_PROPERTY + "=" + childBus.address());
            command.add(1, "-Dptdispatcher.jar=" + ptdispatcherJar());
            try (HeadlessApp child = HeadlessApp.startWindowed(command, Map.of())) {
                String item = registeredItem(childWatcher);
                waitForHost("the child's profile running (its menu offers Disconnect)", ENGINE_DEADLINE,
                        () -> labels(layout(childBus, item)).contains("Disconnect Home"));
                Optional<ProcessHandle> engine = child.process().toHandle().descendants().findFirst();
                assertTrue(engine.isPresent(), "the child runs its engine");

                click(childBus, item, layout(childBus, item), "Quit");
                assertEquals(0, child.awaitExit(ENGINE_DEADLINE), child.transcript());
                waitForExit(engine.get().pid(), "the child's engine after Quit");
            }
        }
    }

    // --- the host's side ------------------------------------------------------------------------

    /** Waits until {@code condition}, which asks the bus (gdbus, the watcher, the monitor), holds; on this thread, not the FX thread. */
    private static void waitForHost(String what, Duration deadline, java.util.concurrent.Callable<Boolean> condition) {
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(deadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out after " + deadline.toSeconds() + " s waiting for: " + what);
        }
    }

    private static String registeredItem(StatusNotifierWatcherForTests watcher) {
        waitForHost("an item registered with the watcher", ENGINE_DEADLINE, () -> !watcher.items().isEmpty());
        return watcher.items().get(0);
    }

    private String layout(String item) throws Exception {
        return layout(bus, item);
    }

    private static String layout(PrivateSessionBus on, String item) throws Exception {
        return on.call(item, MENU, "com.canonical.dbusmenu.GetLayout", "0", "-1", "@as []");
    }

    private void click(String item, String layout, String label) throws Exception {
        click(bus, item, layout, label);
    }

    /** The entry with {@code label} clicked, as a host does when the user chooses it. */
    private static void click(PrivateSessionBus on, String item, String layout, String label) throws Exception {
        Matcher entry = Pattern.compile("\\((\\d+), \\{[^}]*'label': <'" + Pattern.quote(label) + "'>").matcher(layout);
        assertTrue(entry.find(), "no entry " + label + " in " + layout);
        on.call(item, MENU, "com.canonical.dbusmenu.Event", entry.group(1), "clicked", "<''>", "uint32 0");
    }

    /** The labels of the menu's entries, top to bottom (separators have none). */
    private static List<String> labels(String layout) {
        List<String> labels = new ArrayList<>();
        Matcher label = Pattern.compile("'label': <'([^']*)'>").matcher(layout);
        while (label.find()) {
            labels.add(label.group(1));
        }
        return labels;
    }

    /** A, R, G and B of the middle pixel of the 22 px IconPixmap in a GetAll answer. */
    private static int[] centreOf22PxIcon(String properties) {
        Matcher pixmap = Pattern.compile("\\(22, 22, \\[byte ([^\\]]*)\\]\\)").matcher(properties);
        assertTrue(pixmap.find(), "a 22 px pixmap in " + shortened(properties));
        String[] bytes = pixmap.group(1).split(", ");
        assertEquals(22 * 22 * 4, bytes.length, "ARGB32, four bytes a pixel");
        int centre = (11 * 22 + 11) * 4;
        int[] argb = new int[4];
        for (int i = 0; i < 4; i++) {
            argb[i] = Integer.decode(bytes[centre + i]);
        }
        return argb;
    }

    private static boolean isGrey(int[] argb) {
        return argb[0] > 200 && argb[1] == argb[2] && argb[2] == argb[3];
    }

    private static long revision(String layout) {
        Matcher revision = REVISION.matcher(layout);
        assertTrue(revision.find(), layout);
        return Long.parseLong(revision.group(1));
    }

    private static String shortened(String text) {
        return text.length() > 600 ? text.substring(0, 300) + " … " + text.substring(text.length() - 300) : text;
    }
}
