package org.ptdispatcher.gui.view;

import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.ptdispatcher.engine.config.LaunchCommand;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.profile.AppSettings;
import org.ptdispatcher.gui.viewmodel.SettingsViewModel;
import org.ptdispatcher.gui.viewmodel.StartAtLoginViewModel;


/**
 * Which program runs the profiles: the ptdispatcher that came with the app, or another PT (such as
 * obfs4proxy), and how that program reads its settings (flags, or Tor's environment variables);
 * which tor the runs with Tor start (the installed one, or one the user chooses); and whether the
 * system starts the app when the user logs in (offered only to an installed app, which has a launcher to start);
 * and whether closing the window keeps the app running in the tray (offered only where a tray icon shows).
 */
final class EngineSettingsDialog extends Dialog<Void> {

    EngineSettingsDialog(Window owner, Messages messages, SettingsViewModel settings, StartAtLoginViewModel startAtLogin) {
        AppSettings current = settings.settingsProperty().get();
        initOwner(owner);
        setTitle(messages.get("engine.title"));
        setHeaderText(messages.get("engine.header"));
        getDialogPane().setNodeOrientation(messages.orientationProperty().getValue());
        LanguageFonts.apply(getDialogPane(), messages.language());

        ToggleGroup choice = new ToggleGroup();
        RadioButton builtIn = new RadioButton(messages.get("engine.builtIn"));
        builtIn.setId("engineBuiltIn");
        builtIn.setToggleGroup(choice);
        Label found = new Label(settings.builtInEngine().map(p -> messages.get("engine.found", p.displayName()))
                .orElse(messages.get("engine.notFound")));
        found.getStyleClass().add("hint");
        found.setWrapText(true);
        RadioButton other = new RadioButton(messages.get("engine.other"));
        other.setId("engineOther");
        other.setToggleGroup(choice);
        TextField path = new TextField(current.engineProgram());
        path.setId("enginePath");
        path.setAccessibleText(messages.get("engine.other"));
        path.setPromptText("/usr/bin/obfs4proxy");
        Button browse = new Button(messages.get("action.browse"));
        browse.setAccessibleText(messages.get("engine.browse"));
        browse.setOnAction(e -> settings.chooseEngineProgram().ifPresent(file -> path.setText(file.toAbsolutePath().toString())));
        HBox pathRow = new HBox(8, path, browse);
        HBox.setHgrow(path, Priority.ALWAYS);
        pathRow.disableProperty().bind(other.selectedProperty().not());
        (current.engineProgram().isEmpty() ? builtIn : other).setSelected(true);

        Label styleLabel = new Label(messages.get("engine.style"));
        ComboBox<LaunchCommand.Style> style = new ComboBox<>(FXCollections.observableArrayList(LaunchCommand.Style.values()));
        style.setId("engineStyle");
        style.setConverter(Ui.converter(s -> messages.get("engine.style." + s.name())));
        style.setValue(current.launchStyle());
        style.setAccessibleText(messages.get("engine.style"));
        styleLabel.setLabelFor(style);
        Label styleHint = new Label(messages.get("engine.style.hint"));
        styleHint.getStyleClass().add("hint");
        styleHint.setWrapText(true);
        builtIn.selectedProperty().addListener((o, was, now) -> {
            if (now) {
                style.setValue(LaunchCommand.Style.FLAGS);
            }
        });

        Label torLabel = new Label(messages.get("engine.tor"));
        torLabel.getStyleClass().add("section-title");
        TextField torPath = new TextField(current.torProgram());
        torPath.setId("torPath");
        torPath.setAccessibleText(messages.get("engine.tor"));
        torPath.setPromptText("tor");
        torLabel.setLabelFor(torPath);
        Button torBrowse = new Button(messages.get("action.browse"));
        torBrowse.setId("torBrowse");
        torBrowse.setAccessibleText(messages.get("engine.tor.browse"));
        torBrowse.setOnAction(e -> settings.chooseTorProgram().ifPresent(file -> torPath.setText(file.toAbsolutePath().toString())));
        HBox torRow = new HBox(8, torPath, torBrowse);
        HBox.setHgrow(torPath, Priority.ALWAYS);
        Label torHint = new Label(messages.get("engine.tor.hint"));
        torHint.getStyleClass().add("hint");
        torHint.setWrapText(true);
        Label torFound = new Label(settings.torFound(current.torProgram()));
        torFound.setId("torFound");
        torFound.setWrapText(true);
        torPath.textProperty().addListener((o, old, now) -> torFound.setText(settings.torFound(now)));

        Label loginLabel = new Label(messages.get("login.title"));
        loginLabel.getStyleClass().add("section-title");
        CheckBox atLogin = new CheckBox(messages.get("login.startAtLogin"));
        atLogin.setId("startAtLogin");
        atLogin.setSelected(startAtLogin.isOn());
        atLogin.setDisable(!startAtLogin.available());
        Label loginHint = new Label(startAtLogin.available() ? "" : startAtLogin.unavailableReason());
        loginHint.setId("startAtLoginHint");
        loginHint.getStyleClass().add("hint");
        loginHint.setWrapText(true);
        loginHint.setVisible(!startAtLogin.available());
        loginHint.setManaged(!startAtLogin.available());

        Label closeLabel = new Label(messages.get("tray.closeTitle"));
        closeLabel.getStyleClass().add("section-title");
        boolean trayShown = settings.trayShownProperty().get();
        CheckBox keepInTray = new CheckBox(messages.get("tray.keepRunning"));
        keepInTray.setId("keepInTray");
        keepInTray.setSelected(trayShown && !current.quitOnClose());
        keepInTray.setDisable(!trayShown);
        Label trayHint = new Label(trayShown ? "" : messages.get("tray.unavailable"));
        trayHint.setId("keepInTrayHint");
        trayHint.getStyleClass().add("hint");
        trayHint.setWrapText(true);
        trayHint.setVisible(!trayShown);
        trayHint.setManaged(!trayShown);

        VBox content = new VBox(10, builtIn, found, other, pathRow, styleLabel, style, styleHint, torLabel, torRow, torHint, torFound,
                loginLabel, atLogin, loginHint, closeLabel, keepInTray, trayHint);
        content.setPrefWidth(560);
        getDialogPane().setContent(content);
        ButtonType apply = new ButtonType(messages.get("action.apply"), ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(apply, new ButtonType(messages.get("action.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE));
        getDialogPane().lookupButton(apply).setId("engineApply");
        setResultConverter(button -> {
            if (button == apply) {
                settings.setEngine(other.isSelected() ? path.getText().trim() : "", style.getValue());
                settings.setTor(torPath.getText());
                if (startAtLogin.available()) {
                    startAtLogin.set(atLogin.isSelected());
                }
                if (trayShown) {
                    settings.setQuitOnClose(!keepInTray.isSelected());
                }
            }
            return null;
        });
    }
}
