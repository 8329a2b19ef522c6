package org.ptdispatcher.gui.view;

import javafx.scene.Node;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.gui.testing.GuiTest;
import org.ptdispatcher.gui.viewmodel.OptionField;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new server's form shows what a bridge operator needs: obfs4's keys, which the state directory
 * keeps, are folded away under the advanced options, the private key hidden even there; a
 * problem in an advanced option unfolds them.
 */
class ServerFormIT extends GuiTest {

    @Test
    void anObfs4ServersKeysAreFoldedAwayThePrivateKeyHiddenAndAProblemUnfoldsThem() throws Exception {
        robot.clickOn("#newServer");
        typeInto("#field-transport", "obfs4");
        robot.type(KeyCode.TAB);
        waitUntil("obfs4's options", ENGINE_DEADLINE, () -> find("#option-iat-mode").isPresent());
        assertTrue(showing("#option-iat-mode"), "iat-mode is in the open");
        TitledPane advanced = robot.lookup("#advancedOptions").query();
        assertFalse(get(advanced::isExpanded), "folded for a new server");
        assertEquals("Advanced options (3): old bridge lines, server keys the state directory keeps, options accepted and ignored",
                get(advanced::getText));
        for (String key : new String[] {"#option-node-id", "#option-private-key", "#option-drbg-seed"}) {
            assertFalse(showing(key), key + " is folded away");
        }

        // By keyboard, as anyone may: focus the fold, Space toggles it.
        onFx(() -> {
            advanced.requestFocus();
            return null;
        });
        robot.type(KeyCode.SPACE);
        waitUntil("the advanced options unfolded", ENGINE_DEADLINE, () -> showing("#option-private-key"));
        assertTrue(robot.lookup("#option-private-key").query() instanceof PasswordField, "a private key is never shown by default");
        assertTrue(robot.lookup("#option-drbg-seed").query() instanceof PasswordField);
        onFx(() -> {
            advanced.requestFocus();
            return null;
        });
        robot.type(KeyCode.SPACE);
        waitUntil("folded again", ENGINE_DEADLINE, () -> !showing("#option-private-key"));

        typeInto("#field-transport", "shadow");
        robot.type(KeyCode.TAB);
        waitUntil("shadow's options", ENGINE_DEADLINE, () -> find("#option-password").isPresent());
        onFx(() -> {
            OptionField timeout = vm().form().optionFields().stream()
                    .filter(f -> f.description().name().equals("handshakeTimeout")).findFirst().orElseThrow();
            timeout.valueProperty().set("soon");
            return null;
        });
        waitUntil("the problem unfolds the advanced options", ENGINE_DEADLINE, () -> showing("#option-handshakeTimeout"));
        assertTrue(get(() -> vm().form().problems().containsKey("option.handshakeTimeout")), "the problem it unfolded for");
    }

    /** Whether the node is on screen: it and every ancestor visible, none of them a folded pane's content. */
    private boolean showing(String query) throws Exception {
        return onFx(() -> {
            Node node = robot.lookup(query).tryQuery().orElse(null);
            if (node == null || node.getScene() == null) {
                return false;
            }
            for (Node n = node; n != null; n = n.getParent()) {
                if (!n.isVisible() || n instanceof TitledPane pane && n != node && !pane.isExpanded()) {
                    return false;
                }
            }
            return true;
        });
    }
}
