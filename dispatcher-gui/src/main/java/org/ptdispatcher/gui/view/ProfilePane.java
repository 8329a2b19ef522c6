package org.ptdispatcher.gui.view;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.profile.ProfileField;
import org.ptdispatcher.gui.share.ShareText;
import org.ptdispatcher.gui.viewmodel.MainViewModel;
import org.ptdispatcher.gui.viewmodel.RunState;
import org.ptdispatcher.gui.viewmodel.RunViewModel;

import java.util.Optional;

/**
 * The selected profile: its name and role, Start and Stop, whether it connects when the app
 * starts, and two tabs: Settings (the form, and the profile's share line for a client made from a
 * bridge) and Status (the run). Start switches
 * to Status; a problem's "go to the field" switches back.
 */
final class ProfilePane extends VBox {
    private final Messages messages;
    private final MainViewModel main;
    private final ProfileFormView formView;
    private final TabPane tabs = new TabPane();
    private final Tab settingsTab = new Tab();
    private final Tab statusTab = new Tab();
    private final VBox shareBox = new VBox(8);
    private final ObjectProperty<RunViewModel> run = new SimpleObjectProperty<>();
    private final Label nextStep = new Label();
    private final javafx.beans.property.StringProperty nextStepText = new javafx.beans.property.SimpleStringProperty("");
    private final CheckBox connectOnStart = new CheckBox();
    private final Runnable onEngineSettings;
    private final java.util.Map<RunViewModel, ScrollPane> statusViews = new java.util.HashMap<>();

    ProfilePane(MainViewModel main, Runnable onEngineSettings) {
        this.messages = main.messages();
        this.main = main;
        this.onEngineSettings = onEngineSettings;
        setSpacing(10);
        setPadding(new Insets(12, 16, 12, 16));

        Label title = new Label();
        title.setId("profileTitle");
        title.getStyleClass().add("profile-title");
        title.textProperty().bind(main.form().nameProperty());
        Label role = new Label();
        role.getStyleClass().add("badge");
        role.textProperty().bind(messages.text(() -> messages.get(main.form().roleProperty().get() == Role.CLIENT ? "role.client" : "role.server"),
                main.form().roleProperty()));

        Button start = Ui.button(messages, "action.start", "startButton");
        start.getStyleClass().add("primary");
        Button stop = Ui.button(messages, "action.stop", "stopButton");
        Button duplicate = Ui.button(messages, "action.duplicate", "duplicateButton");
        Button delete = Ui.button(messages, "action.delete", "deleteButton");
        javafx.beans.InvalidationListener stateChanged = x -> {
            refreshRunState(start, stop, duplicate, delete);
            // However it was started (button, F5, "try it"), a starting engine is watched on Status.
            if (run.get() != null && run.get().state() == RunState.STARTING) {
                tabs.getSelectionModel().select(statusTab);
            }
        };
        run.addListener((o, old, now) -> {
            if (old != null) {
                old.stateProperty().removeListener(stateChanged);
            }
            if (now != null) {
                now.stateProperty().addListener(stateChanged);
            }
            refreshRunState(start, stop, duplicate, delete);
        });
        start.setOnAction(e -> start());
        stop.setOnAction(e -> main.stopSelected());
        duplicate.setOnAction(e -> main.duplicateSelected());
        delete.setOnAction(e -> confirmDelete());
        // A long name gives way (shortened, all of it in the tooltip); the buttons never do.
        title.setMinWidth(0);
        Tooltip fullName = new Tooltip();
        fullName.textProperty().bind(main.form().nameProperty());
        title.setTooltip(fullName);
        role.setMinWidth(Region.USE_PREF_SIZE);
        for (Button button : new Button[] {start, stop, duplicate, delete}) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, title, role, spacer, start, stop, duplicate, delete);
        header.setAlignment(Pos.CENTER_LEFT);

        connectOnStart.setId("connectOnStart");
        connectOnStart.textProperty().bind(messages.text("profile.connectOnStart"));
        connectOnStart.setOnAction(e -> main.setConnectOnStart(main.selectedProperty().get(), connectOnStart.isSelected()));
        // naming another profile un-names this one, so the box follows the setting, not only its clicks
        main.settingsProperty().addListener(o -> showConnectOnStart());

        nextStep.setId("nextStep");
        nextStep.getStyleClass().add("next-step");
        RightToLeftLines.show(nextStep, nextStepText);
        nextStep.setMinHeight(Region.USE_PREF_SIZE);  // wrapped, every line shown

        formView = new ProfileFormView(messages, main.form());
        shareBox.setPadding(new Insets(0, 16, 16, 16));
        VBox settingsContent = new VBox(formView, shareBox);
        settingsTab.setContent(scroll(settingsContent));
        settingsTab.textProperty().bind(messages.text("tab.settings"));
        settingsTab.setClosable(false);
        settingsTab.setId("settingsTab");
        statusTab.textProperty().bind(messages.text("tab.status"));
        statusTab.setClosable(false);
        statusTab.setId("statusTab");
        tabs.getTabs().addAll(settingsTab, statusTab);
        VBox.setVgrow(tabs, Priority.ALWAYS);

        getChildren().addAll(header, connectOnStart, nextStep, tabs);

        main.selectedProperty().addListener((o, old, now) -> show(now));
        main.form().validProperty().addListener(o -> updateNextStep());
        main.form().dirtyProperty().addListener(o -> updateNextStep());
        messages.languageProperty().addListener(o -> {
            updateNextStep();
            showShare(main.selectedProperty().get());
        });
        show(main.selectedProperty().get());
    }

    void start() {
        if (main.startSelected()) {
            tabs.getSelectionModel().select(statusTab);
        } else {
            tabs.getSelectionModel().select(settingsTab);
            if (main.engineSetup().program().isEmpty()) {
                onEngineSettings.run();
            } else {
                main.form().problems().keySet().stream().findFirst().ifPresent(formView::focusField);
            }
        }
    }

    void goToField(String field) {
        if (field.equals(ProfileField.ENGINE)) {
            onEngineSettings.run();
            return;
        }
        tabs.getSelectionModel().select(settingsTab);
        formView.focusField(field);
    }

    void showStatusTab() {
        tabs.getSelectionModel().select(statusTab);
    }

    private void show(Profile profile) {
        if (profile == null) {
            run.set(null);
            return;
        }
        RunViewModel profileRun = main.runFor(profile);
        run.set(profileRun);
        // One status view per run, kept: its log and results stay as they were when the user comes back.
        statusTab.setContent(statusViews.computeIfAbsent(profileRun, r -> {
            VBox padded = new VBox(new RunView(messages, r, main.systemProxy(), this::goToField));
            padded.setPadding(new Insets(16));
            return scroll(padded);
        }));
        showShare(profile);
        showConnectOnStart();
        updateNextStep();
        // A running profile opens on what it is doing; any other on its settings (a new one must be filled in).
        tabs.getSelectionModel().select(profileRun.state().isActive() ? statusTab : settingsTab);
    }

    private void showConnectOnStart() {
        connectOnStart.setSelected(main.connectsOnStart(main.selectedProperty().get()));
    }

    /** A client made from a bridge line or link can be shared again: the line, Copy, and its QR code. */
    private void showShare(Profile profile) {
        shareBox.getChildren().clear();
        if (profile == null || profile.role() != Role.CLIENT) {
            return;
        }
        Optional<String> text = ShareText.allForClient(profile);
        if (text.isEmpty() || profile.demo()) {
            return;
        }
        shareBox.getChildren().addAll(Ui.label(messages, "share.title", "section-title"),
                Ui.label(messages, "share.hint", "hint"),
                RunView.shareBlock(messages, text.get(), "profileShare"));
    }

    private void refreshRunState(Button start, Button stop, Button duplicate, Button delete) {
        RunState state = run.get() == null ? RunState.IDLE : run.get().state();
        start.setDisable(state.isActive());
        stop.setDisable(!state.isActive() || state == RunState.STOPPING);
        delete.setDisable(state.isActive());
        duplicate.setDisable(false);
        updateNextStep();
    }

    private void updateNextStep() {
        RunViewModel current = run.get();
        String key;
        if (current != null && current.state().isActive()) {
            key = current.state() == RunState.RUNNING
                    ? (current.profile().role() == Role.CLIENT ? "next.runningClient" : "next.runningServer") : "next.wait";
        } else if (!main.form().isValid()) {
            key = "next.fixFields";
        } else {
            key = "next.pressStart";
        }
        nextStepText.set(messages.get(key));
    }

    private void confirmDelete() {
        Profile profile = main.selectedProperty().get();
        if (profile == null) {
            return;
        }
        javafx.scene.control.Alert confirm = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                messages.get("delete.question", profile.name()), javafx.scene.control.ButtonType.YES, javafx.scene.control.ButtonType.NO);
        confirm.setHeaderText(null);
        confirm.getDialogPane().setNodeOrientation(messages.orientationProperty().getValue());
        LanguageFonts.apply(confirm.getDialogPane(), messages.language());
        confirm.initOwner(getScene().getWindow());
        confirm.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.YES).ifPresent(b -> main.deleteSelected());
    }

    private static ScrollPane scroll(javafx.scene.Node content) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        return scroll;
    }
}
