package org.ptdispatcher.gui.view;

import javafx.beans.property.Property;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.engine.common.ProxyMode;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.engine.transport.TransportOption;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.profile.ProfileField;
import org.ptdispatcher.gui.profile.TorMode;
import org.ptdispatcher.gui.viewmodel.OptionField;
import org.ptdispatcher.gui.viewmodel.ProfileFormViewModel;

import java.util.HashMap;
import java.util.Map;

/**
 * The profile form. Each field has its label above it, a hint, and a line under it that says in a
 * sentence what is wrong, as the user types; a wrong field is outlined and its accessible help
 * carries the same sentence. At the bottom, the exact launch with a Copy button.
 */
final class ProfileFormView extends VBox {
    private final Messages messages;
    private final ProfileFormViewModel form;
    private final Map<String, Control> controls = new HashMap<>();
    private final Map<String, Label> errorLabels = new HashMap<>();
    private final VBox optionsBox = new VBox(10);
    /** The folded advanced options of the transport shown, if it has any. */
    private TitledPane advanced;
    private final VBox clientOnly = new VBox(10);

    ProfileFormView(Messages messages, ProfileFormViewModel form) {
        this.messages = messages;
        this.form = form;
        setSpacing(14);
        setPadding(new Insets(16));
        getStyleClass().add("profile-form");

        TextField name = text(ProfileField.NAME, form.nameProperty());
        ComboBox<String> transport = new ComboBox<>(FXCollections.observableArrayList(form.knownTransports()));
        transport.setEditable(true);
        transport.valueProperty().bindBidirectional(form.transportProperty());
        register(ProfileField.TRANSPORT, transport);
        Label transportSummary = new Label();
        transportSummary.getStyleClass().add("hint");
        transportSummary.setWrapText(true);
        transportSummary.textProperty().bind(messages.text(form::transportSummary, form.transportProperty()));

        ComboBox<ProxyMode> mode = new ComboBox<>(FXCollections.observableArrayList(form.modes()));
        form.roleProperty().addListener(o -> mode.getItems().setAll(form.modes()));
        mode.valueProperty().bindBidirectional(form.modeProperty());
        Ui.localize(messages, mode, m -> messages.get((client() ? "mode." : "mode.server.") + m.name()));
        register(ProfileField.MODE, mode);

        ComboBox<TorMode> torMode = new ComboBox<>(FXCollections.observableArrayList(form.torModes()));
        form.roleProperty().addListener(o -> torMode.getItems().setAll(form.torModes()));
        torMode.valueProperty().bindBidirectional(form.torModeProperty());
        Ui.localize(messages, torMode, m -> messages.get("form.torMode." + m.name()));
        register(ProfileField.TOR_MODE, torMode);
        Label torModeHint = hint(() -> messages.get(client() ? "form.torMode.client.hint" : "form.torMode.server.hint"));
        TextField orPort = text(ProfileField.OR_PORT, form.orPortProperty());
        orPort.setPromptText("auto");
        VBox orPortBox = field(ProfileField.OR_PORT, Ui.label(messages, "form.orPort"), orPort, Ui.label(messages, "form.orPort.hint", "hint"));
        orPortBox.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !client() && form.torModeProperty().get() != null && form.torModeProperty().get().isBridge(),
                form.roleProperty(), form.torModeProperty()));
        orPortBox.managedProperty().bind(orPortBox.visibleProperty());

        TextField listen = text(ProfileField.LISTEN, form.listenProperty());
        TextField target = text(ProfileField.TARGET, form.targetProperty());
        TextField proxy = text(ProfileField.PROXY, form.proxyProperty());
        proxy.setPromptText("socks5://127.0.0.1:9050");
        TextField testDestination = text(ProfileField.TEST_DESTINATION, form.testDestinationProperty());

        ComboBox<LogLevel> logLevel = new ComboBox<>(FXCollections.observableArrayList(LogLevel.values()));
        logLevel.valueProperty().bindBidirectional(form.logLevelProperty());
        Ui.localize(messages, logLevel, l -> messages.get("logLevel." + l.name()));
        register(ProfileField.LOG_LEVEL, logLevel);

        TextField state = text(ProfileField.STATE, form.stateDirectoryProperty());
        state.promptTextProperty().bind(messages.text("form.state.prompt"));
        Button browse = Ui.button(messages, "action.browse", "browseState");
        browse.accessibleTextProperty().bind(messages.text("form.state.browse"));
        browse.setOnAction(e -> form.chooseStateDirectory());
        HBox stateRow = new HBox(8, state, browse);
        HBox.setHgrow(state, Priority.ALWAYS);

        TextArea extra = new TextArea();
        extra.setPrefRowCount(3);
        extra.textProperty().bindBidirectional(form.extraOptionsProperty());
        extra.getStyleClass().add("mono");
        register(ProfileField.EXTRA_OPTIONS, extra);

        Label listenLabel = new Label();
        listenLabel.textProperty().bind(messages.text(() -> messages.get(client() ? "form.listen.client" : "form.listen.server"), form.roleProperty()));
        Label listenHint = hint(() -> messages.get(client() ? "form.listen.client.hint" : "form.listen.server.hint"));
        Label targetLabel = new Label();
        targetLabel.textProperty().bind(messages.text(() -> messages.get(client() ? "form.target.client" : "form.target.server"), form.roleProperty()));
        Label targetHint = hint(() -> messages.get(client() ? "form.target.client.hint" : "form.target.server.hint"));
        listen.promptTextProperty().bind(messages.text(() -> client() ? messages.get("form.listen.client.prompt") : "0.0.0.0:443", form.roleProperty()));
        target.promptTextProperty().bind(messages.text(() -> client() ? "192.0.2.10:443" : "127.0.0.1:8080", form.roleProperty()));

        Node targetField = field(ProfileField.TARGET, targetLabel, target, targetHint);
        targetField.visibleProperty().bind(form.targetUsedProperty());
        targetField.managedProperty().bind(targetField.visibleProperty());

        TextArea moreBridges = new TextArea();
        moreBridges.setPrefRowCount(3);
        moreBridges.textProperty().bindBidirectional(form.moreBridgesProperty());
        moreBridges.getStyleClass().add("mono");
        moreBridges.setPromptText("obfs4 192.0.2.11:443 0BAC39417268B96B9F514E7F63FA6FBA1A788955 cert=... iat-mode=0");
        register(ProfileField.MORE_BRIDGES, moreBridges);
        Node moreBridgesField = field(ProfileField.MORE_BRIDGES, Ui.label(messages, "form.moreBridges"), moreBridges,
                Ui.label(messages, "form.moreBridges.hint", "hint"));
        // Shown for a client, and for a server that has some (its problem says to remove them).
        moreBridgesField.visibleProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> client() || !form.moreBridgesProperty().get().isBlank(), form.roleProperty(), form.moreBridgesProperty()));
        moreBridgesField.managedProperty().bind(moreBridgesField.visibleProperty());

        clientOnly.getChildren().setAll(
                field(ProfileField.PROXY, Ui.label(messages, "form.proxy"), proxy, Ui.label(messages, "form.proxy.hint", "hint")),
                field(ProfileField.TEST_DESTINATION, Ui.label(messages, "form.testDestination"), testDestination,
                        Ui.label(messages, "form.testDestination.hint", "hint")));
        clientOnly.visibleProperty().bind(form.roleProperty().isEqualTo(Role.CLIENT));
        clientOnly.managedProperty().bind(clientOnly.visibleProperty());

        Label optionsTitle = Ui.label(messages, "form.options.title", "section-title");
        Label extraLabel = Ui.label(messages, "form.extraOptions");
        Label extraHint = Ui.label(messages, "form.extraOptions.hint", "hint");

        Label previewTitle = Ui.label(messages, "form.preview.title", "section-title");
        Label previewHint = Ui.label(messages, "form.preview.hint", "hint");
        TextArea preview = new TextArea();
        preview.setId("commandPreview");
        preview.setEditable(false);
        preview.setWrapText(true);
        preview.setPrefRowCount(4);
        preview.getStyleClass().add("mono");
        preview.textProperty().bind(form.previewProperty());
        preview.accessibleTextProperty().bind(messages.text("form.preview.title"));
        Button copyCommand = Ui.button(messages, "action.copyCommand", "copyCommand");
        copyCommand.disableProperty().bind(form.validProperty().not());
        copyCommand.setOnAction(e -> Ui.copy(form.copyText()));

        VBox editable = new VBox(14,
                field(ProfileField.NAME, Ui.label(messages, "form.name"), name, null),
                field(ProfileField.TRANSPORT, Ui.label(messages, "form.transport"), transport, transportSummary),
                field(ProfileField.TOR_MODE, Ui.label(messages, "form.torMode"), torMode, torModeHint),
                orPortBox,
                field(ProfileField.MODE, Ui.label(messages, "form.mode"), mode, Ui.label(messages, "form.mode.hint", "hint")),
                field(ProfileField.LISTEN, listenLabel, listen, listenHint),
                targetField,
                moreBridgesField,
                clientOnly,
                field(ProfileField.LOG_LEVEL, Ui.label(messages, "form.logLevel"), logLevel, null),
                field(ProfileField.STATE, Ui.label(messages, "form.state"), stateRow, Ui.label(messages, "form.state.hint", "hint")),
                optionsTitle,
                optionsBox,
                field(ProfileField.EXTRA_OPTIONS, extraLabel, extra, extraHint));
        editable.disableProperty().bind(form.editableProperty().not());
        Label locked = Ui.label(messages, "form.locked", "notice");
        locked.visibleProperty().bind(form.editableProperty().not());
        locked.managedProperty().bind(locked.visibleProperty());

        getChildren().addAll(locked, editable, previewTitle, previewHint, preview, copyCommand);

        form.optionFields().addListener((ListChangeListener<OptionField>) c -> rebuildOptions());
        rebuildOptions();
        form.problems().addListener((MapChangeListener<String, String>) c -> showProblems());
        showProblems();
    }

    /** Moves the keyboard focus to {@code field} (from an error's "go to the field" button). */
    void focusField(String field) {
        Control control = controls.get(field);
        if (control != null) {
            if (advanced != null && isInside(control, advanced)) {
                advanced.setExpanded(true);
            }
            control.requestFocus();
        }
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    private boolean client() {
        return form.roleProperty().get() == Role.CLIENT;
    }

    /**
     * The transport's options: those a user needs in the open, the advanced ones (old bridge
     * lines, keys the state directory keeps, options accepted and ignored) folded away unless one
     * of them is set or has a problem.
     */
    private void rebuildOptions() {
        optionsBox.getChildren().clear();
        if (form.optionFields().isEmpty()) {
            optionsBox.getChildren().add(Ui.label(messages, form.describedTransport().isPresent() ? "form.options.none" : "form.options.undescribed", "hint"));
        }
        VBox advancedBox = new VBox(10);
        boolean advancedInUse = false;
        for (OptionField option : form.optionFields()) {
            if (option.description().advanced()) {
                advancedBox.getChildren().add(optionField(option));
                advancedInUse |= !option.valueProperty().get().isEmpty()
                        || form.problems().containsKey(ProfileField.option(option.description().name()));
            } else {
                optionsBox.getChildren().add(optionField(option));
            }
        }
        advanced = null;
        if (!advancedBox.getChildren().isEmpty()) {
            advanced = new TitledPane();
            advanced.setId("advancedOptions");
            advanced.textProperty().bind(messages.text("form.options.advanced", advancedBox.getChildren().size()));
            advanced.setContent(advancedBox);
            advanced.setExpanded(advancedInUse);
            optionsBox.getChildren().add(advanced);
        }
        showProblems();
    }

    private Node optionField(OptionField option) {
        TransportOption d = option.description();
        String field = ProfileField.option(d.name());
        Control input;
        Node inputNode;
        switch (d.type()) {
            case BOOLEAN -> {
                CheckBox box = new CheckBox();
                box.setSelected(option.isOn());
                box.selectedProperty().addListener((o, old, now) -> option.setOn(now));
                input = box;
                inputNode = box;
            }
            case CHOICE -> {
                ComboBox<String> choices = new ComboBox<>(FXCollections.observableArrayList(d.choices()));
                choices.valueProperty().bindBidirectional(option.valueProperty());
                // Unset, the transport uses its default: say which, rather than show an empty box.
                Ui.localize(messages, choices, value -> value.isEmpty() && d.defaultValue().isPresent()
                        ? messages.get("form.choice.default", d.defaultValue().get()) : value);
                input = choices;
                inputNode = choices;
            }
            default -> {
                if (d.secret()) {
                    PasswordField hidden = new PasswordField();
                    hidden.textProperty().bindBidirectional(option.valueProperty());
                    TextField shown = new TextField();
                    shown.textProperty().bindBidirectional(option.valueProperty());
                    CheckBox reveal = new CheckBox();
                    reveal.textProperty().bind(messages.text("form.secret.show"));
                    shown.visibleProperty().bind(reveal.selectedProperty());
                    shown.managedProperty().bind(shown.visibleProperty());
                    hidden.visibleProperty().bind(reveal.selectedProperty().not());
                    hidden.managedProperty().bind(hidden.visibleProperty());
                    HBox row = new HBox(8, hidden, shown, reveal);
                    HBox.setHgrow(hidden, Priority.ALWAYS);
                    HBox.setHgrow(shown, Priority.ALWAYS);
                    input = hidden;
                    inputNode = row;
                } else {
                    TextField text = new TextField();
                    text.textProperty().bindBidirectional(option.valueProperty());
                    input = text;
                    inputNode = text;
                }
                d.defaultValue().ifPresent(v -> ((TextInputControl) input).setPromptText(v));
            }
        }
        input.setId("option-" + d.name());
        controls.put(field, input);
        Label label = new Label(d.name() + (d.required() ? " *" : ""));
        Label description = new Label(option.help());
        description.getStyleClass().add("hint");
        description.setWrapText(true);
        input.setAccessibleHelp(option.help());
        label.setLabelFor(input);
        return field(field, label, inputNode, description);
    }

    /** One field: label, input, hint, and the error line under them. */
    private VBox field(String field, Label label, Node input, Label hint) {
        Label error = new Label();
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.setId("error-" + field);
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        errorLabels.put(field, error);
        label.getStyleClass().add("field-label");
        Control control = controls.get(field);
        if (control != null) {
            label.setLabelFor(control);
            control.accessibleTextProperty().bind(label.textProperty());
        }
        VBox box = new VBox(4, label, input);
        if (hint != null) {
            box.getChildren().add(hint);
        }
        box.getChildren().add(error);
        return box;
    }

    private void showProblems() {
        if (advanced != null && !advanced.isExpanded() && form.problems().keySet().stream()
                .map(controls::get).anyMatch(control -> control != null && isInside(control, advanced))) {
            advanced.setExpanded(true);  // a problem is never folded away
        }
        errorLabels.forEach((field, label) -> {
            String problem = form.problems().get(field);
            label.setText(problem == null ? "" : problem);
            Control control = controls.get(field);
            if (control != null) {
                control.getStyleClass().remove("invalid");
                if (problem != null) {
                    control.getStyleClass().add("invalid");
                }
                control.setAccessibleHelp(form.accessibleHelp(field).orElse(null));
            }
        });
    }

    private TextField text(String field, Property<String> value) {
        TextField text = new TextField();
        text.textProperty().bindBidirectional(value);
        register(field, text);
        return text;
    }

    private void register(String field, Control control) {
        control.setId("field-" + field);
        controls.put(field, control);
    }

    private Label hint(java.util.concurrent.Callable<String> text) {
        Label hint = new Label();
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        hint.textProperty().bind(messages.text(text, form.roleProperty()));
        return hint;
    }
}
