package org.ptdispatcher.gui.view;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.text.Text;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.gui.engine.OutputLine;
import org.ptdispatcher.gui.i18n.Language;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.testing.GuiTest;
import org.ptdispatcher.gui.viewmodel.RunViewModel;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the window shows is whole: long names do not eat the buttons or get cut off, and the log
 * shows its newest line (unless the reader scrolled up).
 */
class LayoutIT extends GuiTest {
    private static final String LONG_NAME = "My very long profile name for the bridge my friend in another city gave me last winter";

    @Test
    void aLongNameLeavesEveryButtonWholeAndIsShownWholeInTheSidebar() throws Exception {
        robot.clickOn("#newClient");
        typeInto("#field-name", LONG_NAME);
        onFx(() -> vm().saveForm());
        for (String button : List.of("#startButton", "#stopButton", "#duplicateButton", "#deleteButton")) {
            waitUntil(button + " shown whole", ENGINE_DEADLINE, () -> {
                Labeled labeled = robot.lookup(button).query();
                return shownText(labeled).equals(labeled.getText());
            });
        }
        waitUntil("the whole name in the sidebar", ENGINE_DEADLINE, () -> robot.lookup("#profileList .list-cell").queryAll().stream()
                .anyMatch(cell -> shownText(cell).contains(LONG_NAME)));
    }

    @Test
    void theLogKeepsItsNewestLineInViewUnlessTheReaderScrolledUp() throws Exception {
        robot.clickOn("#newClient");
        Profile profile = get(() -> vm().selectedProperty().get());
        RunViewModel run = get(() -> vm().runFor(profile));
        robot.clickOn("#statusTab");
        onFx(() -> {
            for (int i = 1; i <= 300; i++) {
                run.accept(OutputLine.parse(OutputLine.Stream.STDERR, "line " + i, Instant.now()));
            }
            return null;
        });
        waitUntil("line 300 in view", ENGINE_DEADLINE, () -> lastVisibleLine().endsWith("  line 300"));
        onFx(() -> {
            run.accept(OutputLine.parse(OutputLine.Stream.STDERR, "line 301", Instant.now()));
            return null;
        });
        waitUntil("line 301 in view", ENGINE_DEADLINE, () -> lastVisibleLine().endsWith("  line 301"));

        // Scrolled up to read: a new line does not pull the reader away.
        onFx(() -> {
            ((ListView<?>) robot.lookup("#logLines").query()).scrollTo(0);
            return null;
        });
        waitUntil("line 1 in view", ENGINE_DEADLINE, () -> firstVisibleIndex() == 0);
        onFx(() -> {
            run.accept(OutputLine.parse(OutputLine.Stream.STDERR, "line 302", Instant.now()));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, (int) onFx(this::firstVisibleIndex), "still at line 1");
        assertEquals(Role.CLIENT, profile.role());
    }

    private int firstVisibleIndex() {
        VirtualFlow<?> flow = (VirtualFlow<?>) robot.lookup("#logLines").query().lookup(".virtual-flow");
        return flow == null || flow.getFirstVisibleCell() == null ? -1 : flow.getFirstVisibleCell().getIndex();
    }

    @Test
    void thePersianWelcomePageStaysOutOfTheSidebarAndEveryTextOfItIsWhole() throws Exception {
        for (Language language : List.of(Language.PERSIAN, Language.ENGLISH, Language.PERSIAN)) {
            onFx(() -> {
                vm().messages().languageProperty().set(language);
                return null;
            });
            try {
                waitUntil("the welcome page whole in " + language, ENGINE_DEADLINE, () -> welcomeTextsOutOfPlace().isEmpty());
            } catch (AssertionError timedOut) {
                assertEquals(List.of(), onFx(this::welcomeTextsOutOfPlace), timedOut.getMessage());
                throw timedOut;
            }
        }
    }

    /** The welcome page's texts that reach into the sidebar or are cut short, with where they are. */
    private List<String> welcomeTextsOutOfPlace() {
        Node welcome = robot.lookup(".welcome").query();
        Node sidebar = robot.lookup("#sidebar").query();
        Bounds sidebarBounds = sidebar.localToScene(sidebar.getBoundsInLocal());
        return welcome.lookupAll(".text").stream().filter(Text.class::isInstance).map(Text.class::cast)
                .filter(text -> text.isVisible() && !text.getText().isEmpty())
                .filter(text -> text.localToScene(text.getBoundsInLocal()).intersects(sidebarBounds) || shortened(text))
                .map(text -> text.getText() + " at " + text.localToScene(text.getBoundsInLocal()) + " (sidebar " + sidebarBounds + ")")
                .toList();
    }

    /** Whether a control shows less of its text than it has (JavaFX cuts it and ends it with "…"). */
    private static boolean shortened(Text text) {
        for (Node n = text.getParent(); n != null; n = n.getParent()) {
            if (n instanceof Labeled labeled) {
                return !text.getText().equals(labeled.getText());
            }
        }
        return false;
    }

    /** The text of the last log row on screen. */
    private String lastVisibleLine() {
        ListView<?> lines = robot.lookup("#logLines").query();
        VirtualFlow<?> flow = (VirtualFlow<?>) lines.lookup(".virtual-flow");
        if (flow == null || flow.getLastVisibleCell() == null) {
            return "";
        }
        String shown = ((Labeled) flow.getLastVisibleCell()).getText();
        return shown == null ? "" : shown;
    }

    /** What a control's text nodes show (shortened text ends in "…"). */
    private static String shownText(Node node) {
        return node.lookupAll(".text").stream().filter(Text.class::isInstance).map(n -> ((Text) n).getText())
                .collect(Collectors.joining(" "));
    }
}
