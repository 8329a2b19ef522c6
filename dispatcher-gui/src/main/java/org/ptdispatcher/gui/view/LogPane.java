package org.ptdispatcher.gui.view;

import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.viewmodel.LogEntry;
import org.ptdispatcher.gui.viewmodel.LogViewModel;


/** The engine's log: every line it wrote, with a level filter, a search box, Copy and Save. */
final class LogPane extends VBox {

    LogPane(Messages messages, LogViewModel log) {
        setSpacing(6);
        getStyleClass().add("log-pane");

        ComboBox<LogLevel> level = new ComboBox<>(FXCollections.observableArrayList(LogLevel.ERROR, LogLevel.WARN, LogLevel.INFO, LogLevel.DEBUG));
        level.setId("logLevelFilter");
        level.valueProperty().bindBidirectional(log.levelFilterProperty());
        Ui.localize(messages, level, l -> messages.get("log.show." + l.name()));
        level.accessibleTextProperty().bind(messages.text("log.filter"));

        TextField search = new TextField();
        search.setId("logSearch");
        search.textProperty().bindBidirectional(log.searchProperty());
        search.promptTextProperty().bind(messages.text("log.search"));
        search.accessibleTextProperty().bind(messages.text("log.search"));
        HBox.setHgrow(search, Priority.ALWAYS);

        Button copy = Ui.button(messages, "action.copy", "copyLog");
        copy.accessibleTextProperty().bind(messages.text("log.copy"));
        copy.setOnAction(e -> Ui.copy(log.visibleText()));
        Button save = Ui.button(messages, "action.save", "saveLog");
        save.accessibleTextProperty().bind(messages.text("log.save"));
        save.setOnAction(e -> save(messages, log));

        Label title = Ui.label(messages, "log.title", "section-title");
        HBox tools = new HBox(8, level, search, copy, save);

        ListView<LogEntry> lines = new ListView<>(log.visible());
        lines.setId("logLines");
        lines.setPrefHeight(220);
        lines.getStyleClass().add("mono");
        lines.accessibleTextProperty().bind(messages.text("log.title"));
        lines.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(LogEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                getStyleClass().removeAll("log-error", "log-warn", "log-debug");
                if (empty || entry == null) {
                    setText(null);
                    return;
                }
                setText(entry.display());
                switch (entry.level()) {
                    case ERROR -> getStyleClass().add("log-error");
                    case WARN -> getStyleClass().add("log-warn");
                    case DEBUG -> getStyleClass().add("log-debug");
                    default -> {
                    }
                }
            }
        });
        // Log lines are left-to-right text (addresses, commands) even in a right-to-left layout.
        lines.setNodeOrientation(javafx.geometry.NodeOrientation.LEFT_TO_RIGHT);
        followNewest(lines, log.visible());
        VBox.setVgrow(lines, Priority.ALWAYS);
        getChildren().addAll(title, tools, lines);
    }

    /**
     * Keeps the newest line in view while the user is at the bottom; one who scrolled up to read
     * stays where they are. The scroll waits for the list's next pulse: asked at once, the list
     * does not know the new line yet and stops one short.
     */
    private static void followNewest(ListView<LogEntry> lines, ObservableList<LogEntry> visible) {
        visible.addListener((ListChangeListener<LogEntry>) change -> {
            int added = 0;
            boolean refiltered = false;
            while (change.next()) {
                added += change.getAddedSize();
                refiltered |= change.wasRemoved();
            }
            if (refiltered || wasShowingTheLast(lines, visible.size() - added)) {
                Platform.runLater(() -> {
                    if (!visible.isEmpty()) {
                        lines.scrollTo(visible.size() - 1);
                    }
                });
            }
        });
    }

    private static boolean wasShowingTheLast(ListView<LogEntry> lines, int sizeBefore) {
        if (sizeBefore == 0 || !(lines.lookup(".virtual-flow") instanceof VirtualFlow<?> flow)) {
            return true;
        }
        IndexedCell<?> last = flow.getLastVisibleCell();
        return last == null || last.getIndex() >= sizeBefore - 1;
    }

    private void save(Messages messages, LogViewModel log) {
        log.saveVisible(messages.get("log.save")).ifPresent(failure -> new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR,
                messages.get("log.saveFailed", failure.file().toString(), failure.reason())).showAndWait());
    }
}
