package org.ptdispatcher.gui.view;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.ptdispatcher.gui.i18n.Messages;

/**
 * What a new user sees: what the app is for, and three ways to begin, the safest first: try the
 * whole flow on this computer, import a bridge or link someone gave them, or make a profile.
 */
final class WelcomePane extends VBox {

    WelcomePane(Messages messages, Runnable tryIt, Runnable importLines, Runnable newClient) {
        setSpacing(14);
        setPadding(new Insets(32));
        setAlignment(Pos.TOP_LEFT);
        setMaxWidth(640);
        getStyleClass().add("welcome");

        Label title = Ui.label(messages, "welcome.title", "welcome-title");
        Label intro = Ui.label(messages, "welcome.intro");

        Button tryButton = Ui.button(messages, "action.tryIt", "welcomeTryIt");
        tryButton.getStyleClass().add("primary");
        tryButton.setOnAction(e -> tryIt.run());
        Label tryHint = Ui.label(messages, "welcome.tryIt.hint", "hint");

        Button importButton = Ui.button(messages, "action.import", "welcomeImport");
        importButton.setOnAction(e -> importLines.run());
        Label importHint = Ui.label(messages, "welcome.import.hint", "hint");

        Button newButton = Ui.button(messages, "action.newClient", "welcomeNewClient");
        newButton.setOnAction(e -> newClient.run());
        Label newHint = Ui.label(messages, "welcome.new.hint", "hint");

        getChildren().addAll(title, intro,
                new VBox(4, tryButton, tryHint),
                new VBox(4, importButton, importHint),
                new VBox(4, newButton, newHint));
    }
}
