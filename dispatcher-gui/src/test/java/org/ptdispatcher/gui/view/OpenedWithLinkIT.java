package org.ptdispatcher.gui.view;

import org.junit.jupiter.api.Test;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.testing.GuiTest;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Opened by the desktop with an ss:// link (the app is its handler): the import screen shows the link, ready to import. */
class OpenedWithLinkIT extends GuiTest {
    private static final String LINK = "ss://YWVzLTI1Ni1nY206dGVzdA@192.0.2.7:8388#Office";

    @Override
    protected List<String> applicationArguments() {
        return List.of(LINK);
    }

    @Test
    void theImportScreenOpensWithTheLinkFilledIn() throws Exception {
        waitUntil("the import screen with the link", ENGINE_DEADLINE, () -> textOf("#importText").equals(LINK));
        robot.clickOn("#importButton");
        waitUntil("the imported profile", ENGINE_DEADLINE, () -> vm().profiles().size() == 1);
        Profile imported = get(() -> vm().profiles().get(0));
        assertEquals("shadow", imported.transport());
        assertEquals("192.0.2.7:8388", imported.target());
        assertEquals("Office", imported.name());
    }
}
