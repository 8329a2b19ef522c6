package org.ptdispatcher.gui.view;

import javafx.event.ActionEvent;
import javafx.geometry.NodeOrientation;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.share.ProfileImport;
import org.ptdispatcher.gui.viewmodel.MainViewModel;

import java.util.stream.Collectors;

/**
 * Paste bridge lines or {@code ss://} links. Import makes a client profile of each line, or, if any
 * line is wrong, says which lines and why, imports nothing, and keeps the dialog open to fix them.
 */
final class ImportDialog extends Dialog<Void> {
    private final TextArea lines = new TextArea();

    ImportDialog(Window owner, MainViewModel main, String initialText) {
        Messages messages = main.messages();
        initOwner(owner);
        setTitle(messages.get("import.title"));
        setHeaderText(messages.get("import.header"));
        getDialogPane().setNodeOrientation(messages.orientationProperty().getValue());
        LanguageFonts.apply(getDialogPane(), messages.language());
        getDialogPane().getStyleClass().add("import-dialog");

        lines.setId("importText");
        lines.setPrefRowCount(8);
        lines.setPrefColumnCount(60);
        lines.setWrapText(false);
        lines.getStyleClass().add("mono");
        lines.setNodeOrientation(NodeOrientation.LEFT_TO_RIGHT);
        // One example: a prompt shows its text on one line, so two would run together.
        lines.setPromptText("obfs4 192.0.2.3:443 4352E58420E68F5E40BF7C74FADDCCD9D1349413 cert=… iat-mode=0");
        lines.setAccessibleText(messages.get("import.header"));
        lines.setText(initialText);
        Label problems = new Label();
        problems.setId("importProblems");
        problems.getStyleClass().add("field-error");
        problems.setWrapText(true);
        // As tall as its lines: a dialog would otherwise cut off all but the first problems.
        problems.setMinHeight(Region.USE_PREF_SIZE);
        Label hint = new Label(messages.get("import.hint"));
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        getDialogPane().setContent(new VBox(8, lines, hint, problems));

        ButtonType importType = new ButtonType(messages.get("import.button"), ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(importType, new ButtonType(messages.get("action.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE));
        Button importButton = (Button) getDialogPane().lookupButton(importType);
        importButton.setId("importButton");
        importButton.addEventFilter(ActionEvent.ACTION, event -> {
            ProfileImport.Result result = main.importText(lines.getText());
            if (!result.succeeded()) {
                problems.setText(result.problems().stream()
                        .map(p -> p.lineNumber() == 0 ? messages.get(p.messageKey())
                                : messages.get("import.problem.line", String.valueOf(p.lineNumber()), messages.get(p.messageKey(), p.args().toArray())))
                        .collect(Collectors.joining("\n")));
                getDialogPane().getScene().getWindow().sizeToScene();
                event.consume();
            }
        });
        setOnShown(e -> lines.requestFocus());
    }

    /** Adds {@code text} on a line of its own after what is there, and brings this screen forward. */
    void add(String text) {
        String now = lines.getText();
        if (!text.isBlank() && !now.lines().anyMatch(line -> line.strip().equals(text.strip()))) {
            lines.setText(now.isBlank() ? text : now + (now.endsWith("\n") ? "" : "\n") + text);
        }
        Window window = getDialogPane().getScene().getWindow();
        if (window instanceof Stage) {
            ((Stage) window).toFront();
        }
        lines.requestFocus();
    }
}
