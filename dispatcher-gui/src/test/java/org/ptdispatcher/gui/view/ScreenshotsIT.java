package org.ptdispatcher.gui.view;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.gui.i18n.Language;
import org.ptdispatcher.gui.testing.GuiTest;
import org.ptdispatcher.gui.testing.Png;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes the README's screenshots from the running app: the welcome page, the demo pair running
 * (light and dark), and the same in Persian. Run by dispatcher-gui/scripts/screenshots.sh, which
 * sets {@code ptdispatcher.screenshots} to docs/screenshots; skipped otherwise.
 */
class ScreenshotsIT extends GuiTest {

    @Test
    void mainScreens() throws Exception {
        String target = System.getProperty("ptdispatcher.screenshots");
        Assumptions.assumeTrue(target != null, "screenshots are made by dispatcher-gui/scripts/screenshots.sh");
        Path dir = Path.of(target);
        ptdispatcherJar();

        shoot(dir.resolve("welcome-light.png"));
        robot.clickOn("#welcomeTryIt");
        waitUntil("the demo client's proxy", ENGINE_DEADLINE, () -> textOf("#proxyReady-0").startsWith("SOCKS5 proxy ready"));
        robot.clickOn("#testConnection");
        waitUntil("the demo connection test", ENGINE_DEADLINE, () -> textOf("#testResult").startsWith("Connected"));
        // the traffic line and chart come with the engine's first STATUS report after the test's bytes
        waitUntil("the test's bytes in the traffic line", ENGINE_DEADLINE,
                () -> get(() -> find("#traffic").orElseThrow().isVisible()) && !textOf("#trafficLine").contains("· 0 B received"));
        shoot(dir.resolve("running-client-light.png"));

        robot.interact(() -> vm().darkThemeProperty().set(true));
        shoot(dir.resolve("running-client-dark.png"));
        robot.interact(() -> vm().selectedProperty().set(vm().profiles().get(0)));
        waitUntil("the demo server's bridge line", ENGINE_DEADLINE, () -> !textOf("#share-0").isEmpty());
        shoot(dir.resolve("running-server-dark.png"));

        robot.interact(() -> {
            vm().darkThemeProperty().set(false);
            vm().messages().languageProperty().set(Language.PERSIAN);
            vm().selectedProperty().set(vm().profiles().get(1));
        });
        shoot(dir.resolve("running-client-persian.png"));
        robot.clickOn("#settingsTab");
        shoot(dir.resolve("settings-persian.png"));
        robot.interact(() -> vm().messages().languageProperty().set(Language.ENGLISH));
        for (String name : new String[] {"welcome-light.png", "running-client-light.png", "running-client-dark.png",
                "running-server-dark.png", "running-client-persian.png", "settings-persian.png"}) {
            assertTrue(Files.size(dir.resolve(name)) > 10_000, name);
        }
    }

    private void shoot(Path file) throws Exception {
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        onFx(() -> {
            Png.write(app.stage().getScene(), file);
            return null;
        });
    }
}
