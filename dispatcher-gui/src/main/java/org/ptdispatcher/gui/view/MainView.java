package org.ptdispatcher.gui.view;

import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.gui.i18n.Language;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.profile.Profile;
import org.ptdispatcher.gui.viewmodel.ConnectionAssistViewModel;
import org.ptdispatcher.gui.viewmodel.MainViewModel;
import org.ptdispatcher.gui.viewmodel.RunState;
import org.ptdispatcher.gui.viewmodel.RunViewModel;

/**
 * The main window: a top bar (language, theme, engine), the profile list with the ways to add one,
 * the selected profile (or, with none, the welcome page), and a status line. The whole layout
 * follows the language's direction, so it mirrors for Persian.
 */
public final class MainView extends BorderPane {
    /** The import screen while it is open. */
    private ImportDialog openImport;
    private final MainViewModel main;
    private final Messages messages;
    private final ProfilePane profilePane;
    private final WelcomePane welcome;

    public MainView(MainViewModel main) {
        this.main = main;
        this.messages = main.messages();
        setId("mainView");
        getStyleClass().add("main-view");
        nodeOrientationProperty().bind(messages.orientationProperty());
        LanguageFonts.follow(this, messages.languageProperty());

        setTop(topBar());
        setLeft(sidebar());
        profilePane = new ProfilePane(main, this::showEngineSettings);
        welcome = new WelcomePane(messages, main::tryItHere, this::showImport, () -> main.newProfile(Role.CLIENT));
        StackPane center = new StackPane(profilePane, welcome);
        StackPane.setAlignment(welcome, Pos.TOP_LEFT);
        profilePane.visibleProperty().bind(main.selectedProperty().isNotNull());
        welcome.visibleProperty().bind(main.selectedProperty().isNull());
        setCenter(center);

        Label status = new Label();
        status.setId("statusLine");
        status.getStyleClass().add("status-line");
        status.textProperty().bind(main.statusProperty());
        status.setMaxWidth(Double.MAX_VALUE);
        setBottom(status);
        main.selectedProperty().addListener((o, old, now) -> {
            if (now != null && old == null) {
                profilePane.requestFocus();
            }
        });
    }

    /** A scene for this view with the theme applied and the keyboard shortcuts installed. */
    public Scene createScene(double width, double height) {
        Scene scene = new Scene(this, width, height);
        Themes.apply(scene, main.darkThemeProperty().get());
        main.darkThemeProperty().addListener((o, old, dark) -> Themes.apply(scene, dark));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), () -> main.newProfile(Role.CLIENT));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), () -> main.newProfile(Role.SERVER));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN), this::showImport);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), main::saveForm);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), profilePane::start);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5, KeyCombination.SHIFT_DOWN), main::stopSelected);
        return scene;
    }

    private HBox topBar() {
        Label title = new Label("PT Dispatcher");
        title.getStyleClass().add("app-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        Label languageLabel = Ui.label(messages, "top.language");
        ComboBox<Language> language = new ComboBox<>(FXCollections.observableArrayList(Language.values()));
        language.setId("languageChoice");
        language.valueProperty().bindBidirectional(messages.languageProperty());
        LanguageFonts.nameEachInItsFont(language);
        languageLabel.setLabelFor(language);
        language.accessibleTextProperty().bind(messages.text("top.language"));

        ToggleButton dark = new ToggleButton();
        dark.setId("darkTheme");
        dark.textProperty().bind(messages.text("top.dark"));
        dark.selectedProperty().bindBidirectional(main.darkThemeProperty());
        dark.accessibleTextProperty().bind(messages.text("top.dark"));

        Button engine = Ui.button(messages, "top.engine", "engineSettings");
        Tooltip engineTip = new Tooltip();
        engineTip.textProperty().bind(messages.text("engine.header"));
        engine.setTooltip(engineTip);
        engine.setOnAction(e -> showEngineSettings());

        HBox bar = new HBox(10, title, spacer, languageLabel, language, dark, engine);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 8, 12));
        bar.getStyleClass().add("top-bar");
        return bar;
    }

    private VBox sidebar() {
        Label title = Ui.label(messages, "sidebar.title", "section-title");
        ListView<Profile> list = new ListView<>(main.profiles());
        list.setId("profileList");
        list.accessibleTextProperty().bind(messages.text("sidebar.title"));
        list.setCellFactory(v -> new ProfileCell());
        list.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> {
            if (now != null && (main.selectedProperty().get() == null || !main.selectedProperty().get().id().equals(now.id()))) {
                main.selectedProperty().set(now);
            }
        });
        main.selectedProperty().addListener((o, old, now) -> {
            if (now == null) {
                list.getSelectionModel().clearSelection();
            } else if (list.getSelectionModel().getSelectedItem() != now) {
                list.getSelectionModel().select(now);
            }
        });
        if (main.selectedProperty().get() != null) {
            list.getSelectionModel().select(main.selectedProperty().get());
        }
        VBox.setVgrow(list, Priority.ALWAYS);
        Label empty = Ui.label(messages, "sidebar.empty", "hint");
        list.setPlaceholder(empty);

        Button newClient = Ui.button(messages, "action.newClient", "newClient");
        Button newServer = Ui.button(messages, "action.newServer", "newServer");
        Button importButton = Ui.button(messages, "action.import", "importLines");
        Button tryIt = Ui.button(messages, "action.tryIt", "tryIt");
        for (Button b : new Button[] {newClient, newServer, importButton, tryIt}) {
            b.setMaxWidth(Double.MAX_VALUE);
        }
        newClient.setOnAction(e -> main.newProfile(Role.CLIENT));
        newServer.setOnAction(e -> main.newProfile(Role.SERVER));
        importButton.setOnAction(e -> showImport());
        tryIt.setOnAction(e -> {
            main.tryItHere();
            profilePane.showStatusTab();
        });

        VBox sidebar = new VBox(8, title, list, newClient, newServer, importButton, tryIt, assistBox());
        sidebar.setPadding(new Insets(12));
        sidebar.setPrefWidth(250);
        sidebar.getStyleClass().add("sidebar");
        sidebar.setId("sidebar");
        return sidebar;
    }

    /**
     * "Test all" and "Connect the best" ({@link org.ptdispatcher.gui.viewmodel.ConnectionAssistViewModel}):
     * each profile's result shows in its cell of the list.
     */
    private VBox assistBox() {
        Button testAll = Ui.button(messages, "action.testAll", "testAll");
        Button connectBest = Ui.button(messages, "action.connectBest", "connectBest");
        testAll.setMaxWidth(Double.MAX_VALUE);
        connectBest.setMaxWidth(Double.MAX_VALUE);
        testAll.disableProperty().bind(main.assist().testingProperty());
        connectBest.disableProperty().bind(main.assist().bestProperty().isNull());
        testAll.setOnAction(e -> main.testAll());
        connectBest.setOnAction(e -> {
            if (main.connectBest()) {
                profilePane.showStatusTab();
            }
        });
        // What a test does, and that clients through Tor are left to tor, where a person looks before pressing it.
        Tooltip hint = new Tooltip();
        hint.textProperty().bind(messages.text("assist.hint"));
        hint.setWrapText(true);
        hint.setMaxWidth(360);
        testAll.setTooltip(hint);
        testAll.accessibleHelpProperty().bind(messages.text("assist.hint"));
        // One under the other, as the sidebar's other buttons: side by side, a longer language cuts them short.
        VBox box = new VBox(8, testAll, connectBest);
        box.setId("assistBox");
        return box;
    }

    private void showImport() {
        showImport("");
    }

    /**
     * The import screen with {@code text} (lines or links) already in it. While one is open, a new
     * text (a second link opened from the desktop) goes into it rather than into a second screen
     * stacked behind the first.
     */
    public void showImport(String text) {
        if (openImport != null) {
            openImport.add(text);
            return;
        }
        openImport = new ImportDialog(window(), main, text);
        try {
            openImport.showAndWait();
        } finally {
            openImport = null;
        }
    }

    private void showEngineSettings() {
        new EngineSettingsDialog(window(), messages, main.settings(), main.startAtLogin()).showAndWait();
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    /** A profile in the list: its name, role and state, and a coloured dot for the state. */
    private final class ProfileCell extends ListCell<Profile> {
        private final Label dot = new Label("●");
        private final Label name = new Label();
        private final Label detail = new Label();
        private final Label assist = new Label();
        private final javafx.beans.property.StringProperty assistText = new javafx.beans.property.SimpleStringProperty("");
        private final HBox box;
        private final javafx.beans.InvalidationListener stateChanged = o -> showState();
        private RunViewModel run;

        ProfileCell() {
            detail.getStyleClass().add("hint");
            dot.getStyleClass().add("state-dot");
            // A name too long for the sidebar wraps rather than being cut off: the cell takes the
            // list's width (pref 0: no horizontal scrolling), and the text wraps inside it.
            name.setWrapText(true);
            detail.setWrapText(true);
            // a Persian sentence wider than the sidebar: its breaks worked out by the app (RightToLeftLines)
            RightToLeftLines.show(assist, assistText);
            assist.getStyleClass().add("assist-result");
            VBox text = new VBox(2, name, detail, assist);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            setPrefWidth(0);
            box = new HBox(8, dot, text);
            box.setAlignment(Pos.CENTER_LEFT);
            messages.languageProperty().addListener(stateChanged);
            main.assist().rows().addListener(new javafx.beans.WeakInvalidationListener(stateChanged));
            main.assist().bestProperty().addListener(new javafx.beans.WeakInvalidationListener(stateChanged));
        }

        @Override
        protected void updateItem(Profile profile, boolean empty) {
            super.updateItem(profile, empty);
            if (run != null) {
                run.stateProperty().removeListener(stateChanged);
                run = null;
            }
            if (empty || profile == null) {
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            run = main.runFor(profile);
            run.stateProperty().addListener(stateChanged);
            name.setText(profile.name());
            name.setTooltip(new javafx.scene.control.Tooltip(profile.name()));
            showState();
            setGraphic(box);
        }

        private void showState() {
            Profile profile = getItem();
            if (run == null || profile == null) {
                return;
            }
            RunState state = run.state();
            detail.setText(messages.get(profile.isClient() ? "role.client" : "role.server") + " · " + profile.transport()
                    + " · " + messages.get("state." + state.name()));
            showAssist(profile);
            setAccessibleText(profile.name() + ", " + detail.getText() + (assist.isVisible() ? ", " + assistText.get() : ""));
            dot.getStyleClass().removeAll("running", "starting", "failed");
            switch (state) {
                case RUNNING -> dot.getStyleClass().add("running");
                case STARTING, STOPPING, RESTARTING -> dot.getStyleClass().add("starting");
                case ENDED_ALONE, FAILED_TO_START -> dot.getStyleClass().add("failed");
                default -> {
                }
            }
        }

        /** The last "Test all"'s line for this profile, if it was in it; the best one marked. */
        private void showAssist(Profile profile) {
            ConnectionAssistViewModel.Row row = main.assist().rows().get(profile.id());
            assist.setVisible(row != null);
            assist.setManaged(row != null);
            assist.getStyleClass().removeAll("success", "failure");
            if (row == null) {
                assistText.set("");
                return;
            }
            switch (row.outcome()) {
                case WORKS -> assist.getStyleClass().add("success");
                case FAILED -> assist.getStyleClass().add("failure");
                default -> {
                }
            }
            assistText.set(main.assist().line(row, messages));
        }
    }
}
