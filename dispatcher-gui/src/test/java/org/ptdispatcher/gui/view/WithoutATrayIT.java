package org.ptdispatcher.gui.view;

import javafx.scene.control.CheckBox;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.gui.testing.GuiTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A desktop that shows no tray icon (the window tests' default): "keep running in the tray" is
 * shown disabled, unticked, with why, and closing the window quits as it always did
 * (ClientServerThroughTheWindowIT closes it with an engine running).
 */
class WithoutATrayIT extends GuiTest {
    @Test
    void keepRunningInTheTrayIsShownDisabledWithWhy() throws Exception {
        robot.clickOn("#engineSettings");
        waitUntil("the engine settings dialog showing", ENGINE_DEADLINE,
                () -> find("#keepInTray").map(box -> box.getScene().getWindow().isShowing()).orElse(false));
        CheckBox keep = get(() -> robot.lookup("#keepInTray").queryAs(CheckBox.class));
        assertTrue(get(keep::isDisabled));
        assertFalse(get(keep::isSelected), "closing the window quits here, so the box does not say otherwise");
        assertEquals(get(() -> vm().messages().get("tray.unavailable")), textOf("#keepInTrayHint"));
        assertFalse(get(() -> vm().settings().keepsRunningInTray()));
        robot.clickOn("#engineApply");
    }
}
