package org.ptdispatcher.gui.view;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.gui.instance.InstanceEndpoint;
import org.ptdispatcher.gui.testing.GuiTest;
import org.ptdispatcher.gui.testing.HeadlessApp;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

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

        waitUntil("the import screen with the link", ENGINE_DEADLINE, () -> textOf("#importText").equals(LINK));
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
            waitUntil("the import screen with " + link, ENGINE_DEADLINE, () -> textOf("#importText").contains(link));
        }
        assertEquals(1, get(() -> robot.lookup("#importText").queryAll().size()), "one import screen");
        assertEquals(LINK + "\n" + SECOND_LINK, textOf("#importText"));
        robot.clickOn("#importButton");
        waitUntil("both imported profiles", ENGINE_DEADLINE, () -> vm().profiles().size() == 2);
    }
}
