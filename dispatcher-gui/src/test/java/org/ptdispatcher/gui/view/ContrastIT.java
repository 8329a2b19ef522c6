package org.ptdispatcher.gui.view;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Control;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Paint;
import javafx.scene.paint.RadialGradient;
import javafx.scene.paint.Stop;
import javafx.scene.text.Text;
import javafx.stage.Window;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.engine.config.LaunchCommand;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.testing.Contrast;
import org.ptdispatcher.gui.testing.GuiTest;
import org.ptdispatcher.gui.viewmodel.LogEntry;
import org.ptdispatcher.gui.viewmodel.RunState;
import org.ptdispatcher.gui.viewmodel.RunViewModel;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every text the window shows can be read: in the light theme and then the dark one, on the
 * welcome page, the import dialog (its example showing), an imported client's and a new client's
 * form (the listen field's prompt, the errors), the profile list with one selected, and the Status
 * tab of a running client whose engine wrote a line at every level (a line selected, with and
 * without the focus), stopped, and ended by itself, each visible {@link Text} (labels, hints,
 * prompt texts, tab headers, buttons, list cells, badges, the status line) has a WCAG 2.x contrast
 * of at least 4.5:1 with the nearest opaque background it is drawn on. Text of a disabled control
 * is exempt, as WCAG exempts inactive components. The engine is a script that writes what an
 * engine would, so the log's levels are there without a network.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContrastIT extends GuiTest {
    private static final String SS_LINK = "ss://YWVzLTI1Ni1nY206dGVzdA@192.0.2.7:8388#Office";
    private static final String ENGINE = """
            #!/bin/sh
            echo "VERSION 2.2"
            echo "LOG ERROR an error the engine reported"
            echo "LOG WARN a warning the engine reported"
            echo "LOG INFO something the engine did"
            echo "LOG DEBUG a detail for debugging"
            echo "a diagnostic of the engine's own" >&2
            # Ending before it is running: an engine that dies after it was running is started again.
            if [ -e "$0.ends" ]; then exit 1; fi
            echo "CMETHOD shadow socks5 127.0.0.1:1080"
            echo "CMETHODS DONE"
            exec cat >/dev/null
            """;

    @Test
    @Order(1)
    void everyTextIsReadableInTheLightTheme() throws Exception {
        everyScreen(false);
    }

    @Test
    @Order(2)
    void everyTextIsReadableInTheDarkTheme() throws Exception {
        everyScreen(true);
    }

    private void everyScreen(boolean dark) throws Exception {
        robot.interact(() -> vm().darkThemeProperty().set(dark));
        Checked checked = new Checked(dark ? "dark" : "light");
        checked.screen("welcome page", mainScene());

        robot.clickOn("#welcomeImport");
        waitUntil("the import dialog", ENGINE_DEADLINE, () -> dialogScene() != null);
        Scene dialog = get(this::dialogScene);
        // The example shows while the text area has no focus (a focused field hides its prompt).
        robot.interact(() -> dialog.lookup("#importButton").requestFocus());
        checked.screen("import dialog", dialog);
        paste("#importText", SS_LINK);
        robot.clickOn("#importButton");
        waitUntil("the imported profile", ENGINE_DEADLINE, () -> vm().profiles().size() == 1);
        checked.screen("imported client's settings", mainScene());

        robot.clickOn("#newClient");
        waitUntil("the new client", ENGINE_DEADLINE, () -> vm().profiles().size() == 2);
        checked.screen("new client's settings", mainScene());

        robot.clickOn(cell("#profileList", item -> item instanceof Profile p && p.name().equals("Office")));
        waitUntil("Office selected", ENGINE_DEADLINE, () -> vm().selectedProperty().get().name().equals("Office"));
        checked.screen("profile list focused, Office selected", mainScene());

        Path engine = configDir.resolve("engine.sh");
        Files.writeString(engine, ENGINE);
        Files.setPosixFilePermissions(engine, PosixFilePermissions.fromString("rwx------"));
        robot.interact(() -> vm().settings().setEngine(engine.toString(), LaunchCommand.Style.FLAGS));
        Profile office = get(() -> vm().selectedProperty().get());
        RunViewModel run = get(() -> vm().runFor(office));
        robot.clickOn("#startButton");
        waitUntil("the script engine running", ENGINE_DEADLINE, () -> run.state() == RunState.RUNNING && run.log().visible().size() >= 6);
        checked.screen("running client's status", mainScene());

        robot.clickOn(cell("#logLines", item -> item instanceof LogEntry e && e.level() == LogLevel.ERROR));
        checked.screen("status, an error line selected", mainScene());
        robot.interact(() -> mainScene().lookup("#copyLog").requestFocus());
        checked.screen("status, an error line selected, the log not focused", mainScene());

        robot.clickOn("#stopButton");
        waitUntil("the engine stopped", ENGINE_DEADLINE, () -> run.state() == RunState.STOPPED);
        checked.screen("stopped client's status", mainScene());
        robot.moveTo("#startButton");
        checked.screen("stopped client's status, Start hovered", mainScene());
        robot.moveTo("#settingsTab");
        checked.screen("stopped client's status, the Settings tab hovered", mainScene());

        Files.createFile(configDir.resolve("engine.sh.ends"));
        robot.clickOn("#startButton");
        waitUntil("the engine ended by itself", ENGINE_DEADLINE, () -> run.state() == RunState.ENDED_ALONE);
        checked.screen("status of a client whose engine ended", mainScene());

        System.out.println(checked.summary());
        assertTrue(checked.low.isEmpty(), "texts below " + Contrast.AA_TEXT + ":1 in the " + checked.theme + " theme:\n"
                + String.join("\n", checked.low.values()) + "\n" + checked.summary());
    }

    private Scene mainScene() {
        return app.stage().getScene();
    }

    private Scene dialogScene() {
        for (Window window : Window.getWindows()) {
            if (window.isShowing() && window.getScene() != null && window.getScene().getRoot() instanceof DialogPane) {
                return window.getScene();
            }
        }
        return null;
    }

    /** The cell of the list {@code listId} that shows an item {@code which} accepts. */
    private Node cell(String listId, Predicate<Object> which) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        return get(() -> robot.lookup(listId + " .list-cell").queryAll().stream()
                .filter(n -> n.isVisible() && which.test(((ListCell<?>) n).getItem()))
                .findFirst().orElseThrow(() -> new AssertionError("no such cell in " + listId)));
    }

    /** What the screens showed: each text too faint, once, and the lowest ratio seen. */
    private static final class Checked {
        final String theme;
        final Map<String, String> low = new LinkedHashMap<>();
        final List<String> exempt = new ArrayList<>();
        final Map<String, Double> lowestByKind = new LinkedHashMap<>();
        int texts;
        double lowest = Double.MAX_VALUE;
        String lowestText = "";

        Checked(String theme) {
            this.theme = theme;
        }

        void screen(String screen, Scene scene) throws Exception {
            WaitForAsyncUtils.waitForFxEvents();
            onFx(() -> {
                scene.getRoot().applyCss();
                scene.getRoot().layout();
                walk(scene.getRoot(), scene, screen);
                return null;
            });
        }

        private void walk(Node node, Scene scene, String screen) {
            if (!node.isVisible()) {
                return;
            }
            if (node instanceof Text text) {
                check(text, scene, screen);
            }
            if (node instanceof Parent parent) {
                for (Node child : parent.getChildrenUnmodifiable()) {
                    walk(child, scene, screen);
                }
            }
        }

        private void check(Text text, Scene scene, String screen) {
            String shown = text.getText();
            if (shown == null || shown.isBlank()) {
                return;
            }
            if (!(text.getFill() instanceof Color fill)) {
                low.putIfAbsent(describe(text) + " not a colour", screen + ": " + describe(text) + " is filled with " + text.getFill());
                return;
            }
            if (fill.getOpacity() == 0) {
                return; // not drawn (a focused field's prompt)
            }
            if (text.isDisabled()) {
                exempt.add(describe(text));
                return;
            }
            // The nearest Region that paints an opaque background; the opacity of the nodes between dims the text.
            double opacity = text.getOpacity();
            List<Color> under = null;
            Region behind = null;
            for (Parent p = text.getParent(); p != null; p = p.getParent()) {
                if (p instanceof Region region && (under = opaqueBackground(region)) != null) {
                    behind = region;
                    break;
                }
                opacity *= p.getOpacity();
            }
            if (under == null) {
                under = List.of(scene.getFill() instanceof Color c && c.getOpacity() >= 1 ? c : Color.WHITE);
            }
            texts++;
            for (Color background : under) {
                Color seen = Contrast.over(fill, opacity, background);
                double ratio = Contrast.ratio(seen, background);
                String what = describe(text) + ": " + Contrast.hex(fill) + (opacity < 1 ? " at opacity " + opacity : "")
                        + " on " + Contrast.hex(background) + " (" + (behind == null ? "scene" : node(behind)) + ") = "
                        + String.format(java.util.Locale.ROOT, "%.2f:1", ratio);
                lowestByKind.merge(kind(text), ratio, Math::min);
                if (ratio < lowest) {
                    lowest = ratio;
                    lowestText = screen + ": " + what;
                }
                if (ratio < Contrast.AA_TEXT) {
                    low.putIfAbsent(what, screen + ": " + what);
                }
            }
        }

        String summary() {
            String byKind = lowestByKind.entrySet().stream().sorted(Map.Entry.comparingByValue()).limit(15)
                    .map(e -> String.format(java.util.Locale.ROOT, "%.2f %s", e.getValue(), e.getKey()))
                    .collect(java.util.stream.Collectors.joining("; "));
            return theme + " theme: " + texts + " texts checked, lowest " + lowestText + "\nlowest by kind: " + byKind
                    + (exempt.isEmpty() ? "" : "; exempt as disabled: " + String.join(", ", new java.util.LinkedHashSet<>(exempt)));
        }

        /**
         * The colours an opaque background shows: its last opaque fill (each stop of a gradient),
         * with the translucent colours painted over it; null if it paints nothing opaque.
         */
        private static List<Color> opaqueBackground(Region region) {
            Background background = region.getBackground();
            if (background == null) {
                return null;
            }
            List<BackgroundFill> fills = background.getFills();
            for (int i = fills.size() - 1; i >= 0; i--) {
                List<Color> colours = opaqueColours(fills.get(i).getFill());
                if (colours == null) {
                    continue;
                }
                for (BackgroundFill over : fills.subList(i + 1, fills.size())) {
                    if (over.getFill() instanceof Color c) {
                        colours = colours.stream().map(b -> Contrast.over(c, 1, b)).toList();
                    }
                }
                return colours;
            }
            return null;
        }

        private static List<Color> opaqueColours(Paint paint) {
            List<Stop> stops;
            if (paint instanceof Color c) {
                return c.getOpacity() >= 1 ? List.of(c) : null;
            } else if (paint instanceof LinearGradient g) {
                stops = g.getStops();
            } else if (paint instanceof RadialGradient g) {
                stops = g.getStops();
            } else {
                return null;
            }
            return stops.stream().allMatch(s -> s.getColor().getOpacity() >= 1) ? stops.stream().map(Stop::getColor).toList() : null;
        }

        /** "the text", the control that shows it (class, style classes; "prompt" for a prompt text) and the nearest id. */
        private static String describe(Text text) {
            String shown = text.getText().length() > 60 ? text.getText().substring(0, 57) + "..." : text.getText();
            return "\"" + shown.replace("\n", "\\n") + "\" " + kind(text) + id(text);
        }

        private static String kind(Text text) {
            Node owner = text.getParent() == null ? text : text.getParent();
            while (!(owner instanceof Control) && owner.getParent() != null) {
                owner = owner.getParent();
            }
            if (owner.getParent() instanceof TextInputControl area) {
                owner = area; // a text area's scroll pane
            }
            boolean prompt = owner instanceof TextInputControl input && text.getText().equals(input.getPromptText())
                    && !text.getText().equals(input.getText());
            return node(owner) + (prompt ? " prompt" : "");
        }

        private static String id(Node node) {
            for (Node n = node; n != null; n = n.getParent()) {
                if (n.getId() != null) {
                    return " #" + n.getId();
                }
            }
            return "";
        }

        private static String node(Node node) {
            return node.getClass().getSimpleName() + (node.getStyleClass().isEmpty() ? "" : " ." + String.join(".", node.getStyleClass()));
        }
    }
}
