package org.ptdispatcher.gui.view;

import javafx.geometry.Bounds;
import javafx.geometry.NodeOrientation;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.ProfileStore;
import org.ptdispatcher.gui.testing.GuiTest;
import org.ptdispatcher.gui.viewmodel.RunViewModel;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Import through the dialog (all or nothing), the Persian layout, and the "try it on this computer" pair. */
class ImportLanguageAndDemoIT extends GuiTest {
    private static final String BRIDGE = "Bridge obfs4 192.0.2.3:443 4352E58420E68F5E40BF7C74FADDCCD9D1349413 "
            + "cert=ssH+9rP8dG2NLDN2XuFw63hIO/9MNNinLmxQDpVa+7kTOa9/m+tGWT1SmSYpQ9uTBGa6Hw iat-mode=0";
    private static final String SS_LINK = "ss://YWVzLTI1Ni1nY206dGVzdA@192.0.2.7:8388#Office";

    @Test
    void importsBridgeLinesAndLinksOrNothing() throws Exception {
        robot.clickOn("#welcomeImport");
        paste("#importText", BRIDGE + "\nobfs4 not-an-address\n" + SS_LINK + "\n");
        robot.clickOn("#importButton");
        waitUntil("the problem of line 2", ENGINE_DEADLINE, () -> textOf("#importProblems").startsWith("Line 2: "));
        assertEquals(0, get(() -> vm().profiles().size()), "nothing is half-imported");

        robot.clickOn("#importText");
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).type(KeyCode.BACK_SPACE);
        paste("#importText", BRIDGE + "\n\n" + SS_LINK + "\n");
        robot.clickOn("#importButton");
        waitUntil("two imported profiles", ENGINE_DEADLINE, () -> vm().profiles().size() == 2);

        List<Profile> saved = new ProfileStore(configDir).load();
        assertEquals(2, saved.size(), "the import is saved");
        Profile bridge = saved.get(0);
        assertEquals(Role.CLIENT, bridge.role());
        assertEquals("obfs4", bridge.transport());
        assertEquals("192.0.2.3:443", bridge.target());
        assertEquals("0", bridge.options().get("iat-mode"));
        assertTrue(bridge.options().get("cert").startsWith("ssH+9rP8"));
        Profile shadow = saved.get(1);
        assertEquals("shadow", shadow.transport());
        assertEquals("Office", shadow.name());
        assertEquals("aes-256-gcm", shadow.options().get("cipherName"));
        assertEquals("test", shadow.options().get("password"));
        // The selected (last imported) profile offers its link again, with a QR code.
        assertEquals("ss://YWVzLTI1Ni1nY206dGVzdA@192.0.2.7:8388#Office", textOf("#profileShare"));
        assertTrue(find("#profileShare-qr").isPresent());
    }

    @Test
    void everyProblemIsShownWholeAndALineTwiceIsOneProfile() throws Exception {
        robot.clickOn("#welcomeImport");
        paste("#importText", "obfs4 nowhere\nss://!!!\nnot a line at all\n");
        robot.clickOn("#importButton");
        waitUntil("the three problems", ENGINE_DEADLINE, () -> textOf("#importProblems").startsWith("Line 1: "));
        assertEquals(3, textOf("#importProblems").split("\n").length, textOf("#importProblems"));
        assertTrue(textOf("#importProblems").contains("Line 3: "), textOf("#importProblems"));
        Region problems = robot.lookup("#importProblems").query();
        assertTrue(get(() -> problems.getHeight() >= problems.prefHeight(problems.getWidth()) - 0.5),
                "the label is as tall as its three problems, none cut off");

        robot.clickOn("#importText");
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).type(KeyCode.BACK_SPACE);
        paste("#importText", BRIDGE + "\n" + BRIDGE + "\n");
        robot.clickOn("#importButton");
        waitUntil("the imported profile", ENGINE_DEADLINE, () -> vm().profiles().size() == 1);
        assertEquals("Imported 1 profile(s); 1 line(s) were already in your profiles.", textOf("#statusLine"));
    }

    @Test
    void persianMirrorsTheLayout() throws Exception {
        robot.clickOn("#newClient");
        double sidebarLeftToRight = screenX("#sidebar");
        double formLeftToRight = screenX("#profileTitle");
        assertTrue(sidebarLeftToRight < formLeftToRight, "left to right: the list is on the left");

        robot.clickOn("#languageChoice");
        robot.clickOn("فارسی");
        waitUntil("the Persian layout", ENGINE_DEADLINE,
                () -> robot.lookup("#mainView").query().getEffectiveNodeOrientation() == NodeOrientation.RIGHT_TO_LEFT);
        assertEquals("شروع", get(() -> ((Labeled) robot.lookup("#startButton").query()).getText()));
        assertTrue(screenX("#sidebar") > screenX("#profileTitle"), "right to left: the list moved to the right");
        assertEquals("fa", vm().settingsProperty().get().language(), "the choice is saved");

        robot.clickOn("#languageChoice");
        robot.clickOn("English");
        waitUntil("the English layout", ENGINE_DEADLINE,
                () -> robot.lookup("#mainView").query().getEffectiveNodeOrientation() == NodeOrientation.LEFT_TO_RIGHT);
        assertEquals("Start", get(() -> ((Labeled) robot.lookup("#startButton").query()).getText()));
    }

    @Test
    void tryItOnThisComputerWorksWithOneClick() throws Exception {
        ptdispatcherJar();
        robot.clickOn("#welcomeTryIt");
        waitUntil("the demo client's SOCKS5 proxy", ENGINE_DEADLINE, () -> textOf("#proxyReady-0").startsWith("SOCKS5 proxy ready at 127.0.0.1:"));
        Profile client = get(() -> vm().selectedProperty().get());
        assertTrue(client.demo());
        Profile server = get(() -> vm().profiles().stream().filter(p -> p.demo() && p.role() == Role.SERVER).findFirst().orElseThrow());
        RunViewModel serverRun = get(() -> vm().runFor(server));
        waitUntil("the demo server running", ENGINE_DEADLINE, () -> !serverRun.servers().isEmpty());
        robot.clickOn("#testConnection");
        waitUntil("a successful demo connection test", ENGINE_DEADLINE, () -> textOf("#testResult").startsWith("Connected to " + server.listenAddress()));
    }

    private double screenX(String query) throws Exception {
        return get(() -> {
            Node node = robot.lookup(query).query();
            Bounds bounds = node.localToScreen(node.getBoundsInLocal());
            return bounds.getMinX();
        });
    }
}
