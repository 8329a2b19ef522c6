package org.ptdispatcher.gui.view;

import javafx.scene.Scene;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.gui.instance.InstanceEndpoint;
import org.ptdispatcher.gui.testing.GuiTest;
import org.ptdispatcher.gui.testing.HeadlessApp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One app per user: a second launch with a link (the desktop opening an ss:// link while the app
 * runs) is a real child process that ends at once, and the running window imports the link.
 * (Whether the window comes to the front is the window manager's to grant; Xvfb has none.)
 */
class SecondLaunchIT extends GuiTest {
    private static final String LINK = "ss://YWVzLTI1Ni1nY206dGVzdA@192.0.2.7:8388#Office";
    private static final String SECOND_LINK = "ss://YWVzLTI1Ni1nY206dGVzdA@192.0.2.8:8388#Home";

    @Test
    void aSecondLaunchHandsItsLinkToTheRunningWindowAndEnds() throws Exception {
        assertTrue(Files.exists(InstanceEndpoint.socketIn(configDir)), "the running app listens");

        // HeadlessApp starts it without DISPLAY: had it tried a window of its own, it would have failed
        try (HeadlessApp second = HeadlessApp.start(HeadlessApp.command(configDir, List.of(LINK)))) {
            assertEquals(0, second.awaitExit(Duration.ofSeconds(20)), second.transcript());
        }
        assertTrue(Files.exists(InstanceEndpoint.socketIn(configDir)), "the second took nothing from the first");

        waitUntil("the import screen with the link", ENGINE_DEADLINE, () -> importScreenShown() && textOf("#importText").equals(LINK));
        robot.clickOn("#importButton");
        waitUntil("the imported profile", ENGINE_DEADLINE, () -> vm().profiles().size() == 1);
        assertEquals("Office", get(() -> vm().profiles().get(0).name()));
    }

    @Test
    void aLinkThatArrivesWhileTheImportScreenIsOpenGoesIntoThatScreenNotASecondOne() throws Exception {
        for (String link : List.of(LINK, SECOND_LINK)) {
            try (HeadlessApp launch = HeadlessApp.start(HeadlessApp.command(configDir, List.of(link)))) {
                assertEquals(0, launch.awaitExit(Duration.ofSeconds(20)), launch.transcript());
            }
            waitUntil("the import screen with " + link, ENGINE_DEADLINE, () -> importScreenShown() && textOf("#importText").contains(link));
        }
        assertEquals(1, get(() -> robot.lookup("#importText").queryAll().size()), "one import screen");
        assertEquals(LINK + "\n" + SECOND_LINK, textOf("#importText"));
        robot.clickOn("#importButton");
        waitUntil("both imported profiles", ENGINE_DEADLINE, () -> vm().profiles().size() == 2);
    }

    @Test
    void twoLaunchesAtTheSameMomentMakeOneWindowAndTheOtherEnds(@TempDir Path elsewhere) throws Exception {
        // Both pass main()'s check before either listens (a toolkit takes a second to start), so
        // each finds out only when it tries to become the instance.
        List<String> command = HeadlessApp.command(elsewhere, List.of());
        try (HeadlessApp first = HeadlessApp.startWindowed(command, Map.of()); HeadlessApp second = HeadlessApp.startWindowed(command, Map.of())) {
            try {
                waitUntil("one of the two launches ending", ENGINE_DEADLINE, () -> !first.process().isAlive() || !second.process().isAlive());
            } catch (AssertionError bothStillRunning) {
                throw new AssertionError(bothStillRunning.getMessage() + "\nfirst launch:\n" + first.transcript()
                        + "\nsecond launch:\n" + second.transcript(), bothStillRunning);
            }
            HeadlessApp ended = first.process().isAlive() ? second : first;
            HeadlessApp window = ended == first ? second : first;
            assertEquals(0, ended.awaitExit(Duration.ofSeconds(20)), ended.transcript());
            assertTrue(window.process().isAlive(), window.transcript());
            assertTrue(InstanceEndpoint.forward(InstanceEndpoint.socketIn(elsewhere), List.of()), "the one left is the instance");
        }
    }

    /**
     * The import screen is on screen and laid out, its button where TestFX can click it: its text
     * is set before it shows, and its scene is sized after.
     */
    private boolean importScreenShown() throws Exception {
        return get(() -> find("#importButton").map(button -> {
            Scene scene = button.getScene();
            return scene.getWindow().isShowing() && button.isVisible()
                    && button.localToScene(button.getBoundsInLocal()).intersects(0, 0, scene.getWidth(), scene.getHeight());
        }).orElse(false));
    }
}
