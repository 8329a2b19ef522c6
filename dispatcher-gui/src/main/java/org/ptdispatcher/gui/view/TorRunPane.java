package org.ptdispatcher.gui.view;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.profile.ProfileField;
import org.ptdispatcher.gui.tor.BootstrapStatus;
import org.ptdispatcher.gui.tor.BridgeReachability;
import org.ptdispatcher.gui.tor.TorFailure;
import org.ptdispatcher.gui.tor.TorFailureText;
import org.ptdispatcher.gui.tor.TorProxies;
import org.ptdispatcher.gui.viewmodel.RunState;
import org.ptdispatcher.gui.viewmodel.RunViewModel;
import org.ptdispatcher.gui.viewmodel.TorFailureFields;

import java.util.function.Consumer;

/**
 * What a Tor run is doing: a progress bar with tor's bootstrap phase in the user's language; for a
 * client then "Ready: SOCKS5 ..., HTTP ..." with Copy buttons; for a bridge what tor found of its
 * reachability (its line and QR code are the run's server endpoint); every {@link TorFailure}
 * explained, with a button to where it is fixed.
 */
final class TorRunPane extends VBox {
    private final Messages messages;
    private final RunViewModel run;
    private final Consumer<String> goToField;
    private final ProgressBar progress = new ProgressBar(0);
    private final Label phase = new Label();
    private final VBox ready = new VBox(6);
    private final Label reachability = new Label();
    private final VBox problems = new VBox(8);
    private final VBox failure = new VBox(6);

    TorRunPane(Messages messages, RunViewModel run, Consumer<String> goToField) {
        super(10);
        this.messages = messages;
        this.run = run;
        this.goToField = goToField;
        progress.setId("torProgress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.accessibleTextProperty().bind(phase.textProperty());
        phase.setId("torPhase");
        phase.setWrapText(true);
        reachability.setId("bridgeReachability");
        reachability.setWrapText(true);
        reachability.getStyleClass().add("hint");
        HBox bar = new HBox(10, progress);
        HBox.setHgrow(progress, Priority.ALWAYS);
        VBox progressBox = new VBox(4, bar, phase);
        // The bar matters while tor connects; once it is ready (or stopped), the result speaks.
        progressBox.visibleProperty().bind(run.stateProperty().isEqualTo(RunState.STARTING).or(run.torFailureProperty().isNotNull()));
        progressBox.managedProperty().bind(progressBox.visibleProperty());
        getChildren().addAll(progressBox, ready, reachability, problems, failure);

        run.bootstrapProperty().addListener(o -> showProgress());
        run.torProxiesProperty().addListener(o -> showReady());
        run.reachabilityProperty().addListener(o -> showReachability());
        run.stateProperty().addListener(o -> showReachability());
        run.torProblems().addListener((ListChangeListener<TorFailure>) c -> showProblems());
        run.torFailureProperty().addListener(o -> showFailure());
        messages.languageProperty().addListener(o -> {
            showProgress();
            showReady();
            showReachability();
            showProblems();
            showFailure();
        });
        showProgress();
        showReady();
        showReachability();
        showProblems();
        showFailure();
    }

    private void showProgress() {
        BootstrapStatus status = run.bootstrapProperty().get();
        if (status == null) {
            progress.setProgress(0);
            phase.setText("");
            return;
        }
        progress.setProgress(status.percent() / 100.0);
        String key = "tor.phase." + status.tag();
        String words = messages.has(key) ? messages.get(key) : status.summary();
        phase.setText(messages.get("tor.progress", String.valueOf(status.percent()), words));
    }

    private void showReady() {
        ready.getChildren().clear();
        TorProxies proxies = run.torProxiesProperty().get();
        if (proxies == null) {
            return;
        }
        Label line = new Label(messages.get("tor.ready", proxies.socks().toString(), proxies.http().toString()));
        line.setId("torReady");
        line.getStyleClass().add("ready");
        line.setWrapText(true);
        Button socks = Ui.copyButton(messages, "tor.copySocks", new ReadOnlyStringWrapper(proxies.socks().toString()), "copyTorSocks");
        Button http = Ui.copyButton(messages, "tor.copyHttp", new ReadOnlyStringWrapper(proxies.http().toString()), "copyTorHttp");
        ready.getChildren().add(line);
        proxies.bridgeInUse().ifPresent(bridge -> {
            Label through = new Label(messages.get("tor.bridgeInUse", bridge));
            through.setId("torBridgeInUse");
            through.setWrapText(true);
            ready.getChildren().add(through);
        });
        ready.getChildren().addAll(new HBox(8, socks, http), Ui.label(messages, "tor.ready.hint", "hint"));
    }

    private void showReachability() {
        boolean bridge = run.profile().role() == Role.SERVER && run.state() == RunState.RUNNING;
        reachability.setVisible(bridge);
        reachability.setManaged(bridge);
        BridgeReachability found = run.reachabilityProperty().get();
        String key = "tor.reachability." + found.state().name();
        reachability.setText(found.state() == BridgeReachability.State.UNKNOWN ? messages.get(key) : messages.get(key, found.address()));
    }

    private void showProblems() {
        problems.getChildren().clear();
        if (!run.torProblems().isEmpty()) {
            problems.getChildren().add(Ui.label(messages, "tor.problems", "field-label"));
        }
        int i = 0;
        for (TorFailure problem : run.torProblems()) {
            Node box = explanation(problem, "problem");
            box.setId("torProblem-" + i++);
            problems.getChildren().add(box);
        }
    }

    private void showFailure() {
        failure.getChildren().clear();
        TorFailure end = run.torFailureProperty().get();
        if (end != null) {
            Node box = explanation(end, "ending");
            box.setId("torFailure");
            failure.getChildren().add(box);
        }
    }

    private Node explanation(TorFailure failure, String styleClass) {
        Label sentence = new Label(TorFailureText.explain(failure, (key, args) -> messages.get(key, args.toArray())));
        sentence.setWrapText(true);
        sentence.getStyleClass().add("explanation");
        VBox box = new VBox(6, sentence);
        box.getStyleClass().addAll("message-box", styleClass);
        TorFailureFields.fieldOf(failure).ifPresent(field -> {
            Button go = new Button(messages.get("run.goToField", messages.get("field." + (ProfileField.isOption(field) ? "option" : field))));
            go.setId("torGoTo-" + field);
            go.setOnAction(e -> goToField.accept(field));
            box.getChildren().add(go);
        });
        return box;
    }
}
