package org.ptdispatcher.gui.view;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.NodeOrientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.ptdispatcher.engine.common.Role;
import org.ptdispatcher.gui.engine.ConnectionTestResult;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.share.QrCode;
import org.ptdispatcher.gui.viewmodel.AutoRestart;
import org.ptdispatcher.gui.viewmodel.ConnectionTestViewModel;
import org.ptdispatcher.gui.viewmodel.Explanation;
import org.ptdispatcher.gui.viewmodel.ProxyEndpoint;
import org.ptdispatcher.gui.viewmodel.RunState;
import org.ptdispatcher.gui.viewmodel.RunViewModel;
import org.ptdispatcher.gui.viewmodel.ServerEndpoint;
import org.ptdispatcher.gui.viewmodel.SystemProxyViewModel;

import java.util.function.Consumer;

/**
 * What a profile's engine is doing: a headline that says the state and the next step; the local
 * proxy address (client) or the line to share with its QR code (server); errors explained with a
 * button to the field to fix; the system proxy switch and the connection test (client); the log.
 */
final class RunView extends VBox {
    private final Messages messages;
    private final RunViewModel run;
    private final Consumer<String> goToField;
    private final VBox endpoints = new VBox(10);
    private final VBox problems = new VBox(10);
    private final VBox ending = new VBox(6);
    private final VBox torBox = new VBox(10);

    RunView(Messages messages, RunViewModel run, SystemProxyViewModel systemProxy, Consumer<String> goToField) {
        this.messages = messages;
        this.run = run;
        this.goToField = goToField;
        setSpacing(14);
        getStyleClass().add("run-view");

        Label headline = new Label();
        headline.setId("runHeadline");
        headline.getStyleClass().add("headline");
        headline.setWrapText(true);
        Label version = new Label();
        version.getStyleClass().add("hint");
        version.textProperty().bind(messages.text(() -> run.versionProperty().get().isEmpty() ? ""
                : messages.get("run.version", run.versionProperty().get()), run.versionProperty()));

        run.proxies().addListener((ListChangeListener<ProxyEndpoint>) c -> showEndpoints());
        run.servers().addListener((ListChangeListener<ServerEndpoint>) c -> showEndpoints());
        run.problems().addListener((ListChangeListener<Explanation>) c -> showProblems());
        run.endingProperty().addListener(o -> showEnding());
        run.lastLines().addListener((ListChangeListener<String>) c -> showEnding());
        RightToLeftLines.show(headline, messages.text(this::headline, run.stateProperty(), run.withTorProperty(),
                run.autoRestart().waitingProperty()));
        Label restarts = new Label();
        restarts.setId("restartCount");
        restarts.getStyleClass().add("hint");
        restarts.setWrapText(true);
        restarts.textProperty().bind(messages.text(this::restartCount, run.autoRestart().restartsProperty(), run.autoRestart().gaveUpProperty()));
        restarts.visibleProperty().bind(restarts.textProperty().isNotEmpty());
        restarts.managedProperty().bind(restarts.visibleProperty());
        torBox.visibleProperty().bind(run.withTorProperty());
        torBox.managedProperty().bind(torBox.visibleProperty());
        torBox.getChildren().add(new TorRunPane(messages, run, goToField));
        run.withTorProperty().addListener(o -> showEndpoints());
        messages.languageProperty().addListener(o -> {
            showEndpoints();
            showProblems();
            showEnding();
        });

        // A client with more bridges and no Tor: the bridge its engine's Optimizer went through last.
        Label bridgeInUse = new Label();
        bridgeInUse.setId("bridgeInUse");
        bridgeInUse.setWrapText(true);
        bridgeInUse.textProperty().bind(messages.text(() -> run.bridgeInUseProperty().get().isEmpty() ? ""
                : messages.get("tor.bridgeInUse", run.bridgeInUseProperty().get()), run.bridgeInUseProperty()));
        bridgeInUse.visibleProperty().bind(run.bridgeInUseProperty().isNotEmpty());
        bridgeInUse.managedProperty().bind(bridgeInUse.visibleProperty());

        getChildren().addAll(headline, restarts, version, torBox, endpoints, bridgeInUse, new TrafficPane(messages, run), problems, ending);
        if (run.profile().role() == Role.CLIENT) {
            getChildren().add(systemProxySwitch(systemProxy));
            getChildren().add(connectionTest());
        }
        getChildren().add(new LogPane(messages, run.log()));
        showEndpoints();
        showProblems();
        showEnding();
    }

    private String headline() {
        RunState state = run.state();
        if (state == RunState.RESTARTING && run.autoRestart().waitingProperty().get() != null) {
            return messages.get("run.RESTARTING", run.autoRestart().waitingProperty().get().toSeconds(), run.autoRestart().inARow(),
                    AutoRestart.MAX_IN_A_ROW);
        }
        if (run.withTor()) {
            boolean client = run.profile().role() == Role.CLIENT;
            return switch (state) {
                case RUNNING -> messages.get(client ? "tor.run.RUNNING.client" : "tor.run.RUNNING.server");
                case STARTING -> messages.get(client ? "tor.run.STARTING" : "tor.run.STARTING.server");
                case ENDED_ALONE, FAILED_TO_START -> messages.get("tor.run." + state.name());
                default -> messages.get("run." + state.name());
            };
        }
        if (state == RunState.RUNNING) {
            return messages.get(run.profile().role() == Role.CLIENT ? "run.running.client" : "run.running.server");
        }
        return messages.get("run." + state.name());
    }

    /** How often it was started again by itself, so a proxy that came back is not taken for one that never went away. */
    private String restartCount() {
        AutoRestart restarts = run.autoRestart();
        if (restarts.gaveUpProperty().get()) {
            return messages.get("run.gaveUp", AutoRestart.MAX_IN_A_ROW);
        }
        int count = restarts.restartsProperty().get();
        return count == 0 ? "" : messages.get("run.restarts", count);
    }

    private void showEndpoints() {
        endpoints.getChildren().clear();
        int i = 0;
        // A client through Tor shows tor's two proxies in its ready line instead.
        for (ProxyEndpoint proxy : run.withTor() ? java.util.List.<ProxyEndpoint>of() : run.proxies()) {
            String key = proxy.protocol().equalsIgnoreCase("socks5") ? "run.proxyReady" : "run.proxyReadyOther";
            Label ready = new Label(messages.get(key, proxy.address(), proxy.protocol(), proxy.transport()));
            ready.setId("proxyReady-" + i);
            ready.getStyleClass().add("ready");
            ready.setWrapText(true);
            Button copy = Ui.copyButton(messages, "run.copyProxy", new ReadOnlyStringWrapper(proxy.address()), "copyProxy-" + i);
            HBox row = new HBox(10, ready, copy);
            endpoints.getChildren().addAll(row, Ui.label(messages, "run.proxyHint", "hint"));
            i++;
        }
        i = 0;
        for (ServerEndpoint server : run.servers()) {
            endpoints.getChildren().add(serverBox(server, i++));
        }
    }

    private Node serverBox(ServerEndpoint server, int index) {
        Label ready = new Label(messages.get("run.serverReady", server.address(), server.transport()));
        ready.setId("serverReady-" + index);
        ready.getStyleClass().add("ready");
        ready.setWrapText(true);
        VBox box = new VBox(8, ready);
        if (server.shareText().isEmpty()) {
            box.getChildren().add(Ui.label(messages, "run.noShareText", "hint"));
            return box;
        }
        String text = server.shareText().get();
        box.getChildren().add(Ui.label(messages, text.startsWith("ss://") ? "run.shareLink" : "run.shareBridge", "field-label"));
        box.getChildren().add(shareBlock(messages, text, "share-" + index));
        if (server.wildcard()) {
            box.getChildren().add(Ui.label(messages, "run.wildcard", "notice"));
        }
        return box;
    }

    /** A line or link to share: the text, a Copy button, and its QR code. Used for servers and client profiles. */
    static Node shareBlock(Messages messages, String text, String id) {
        TextArea shown = new TextArea(text);
        shown.setId(id);
        shown.setEditable(false);
        shown.setWrapText(true);
        shown.setPrefRowCount(3);
        shown.getStyleClass().add("mono");
        shown.setNodeOrientation(NodeOrientation.LEFT_TO_RIGHT);
        shown.accessibleTextProperty().bind(messages.text("share.text"));
        Button copy = Ui.copyButton(messages, "share.copy", new ReadOnlyStringWrapper(text), id + "-copy");
        ImageView qr = new ImageView(QrImages.toImage(QrCode.encode(text), 4));
        qr.setId(id + "-qr");
        qr.setAccessibleText(messages.get("share.qr"));
        qr.setAccessibleRole(javafx.scene.AccessibleRole.IMAGE_VIEW);
        VBox textSide = new VBox(8, shown, copy);
        HBox.setHgrow(textSide, Priority.ALWAYS);
        return new HBox(14, textSide, qr);
    }

    private void showProblems() {
        problems.getChildren().clear();
        for (Explanation problem : run.problems()) {
            problems.getChildren().add(explanationBox(problem, "problem"));
        }
    }

    private void showEnding() {
        ending.getChildren().clear();
        Explanation end = run.endingProperty().get();
        if (end == null) {
            return;
        }
        Node box = explanationBox(end, end.messageKey().equals("exit.stopped") ? "ending-ok" : "ending");
        box.setId("ending");
        ending.getChildren().add(box);
        if (!run.lastLines().isEmpty()) {
            ending.getChildren().add(Ui.label(messages, "run.lastLines", "field-label"));
            TextArea last = new TextArea(String.join("\n", run.lastLines()));
            last.setId("lastLines");
            last.setEditable(false);
            last.setPrefRowCount(Math.min(8, run.lastLines().size()));
            last.getStyleClass().add("mono");
            last.setNodeOrientation(NodeOrientation.LEFT_TO_RIGHT);
            ending.getChildren().add(last);
        }
    }

    private Node explanationBox(Explanation explanation, String styleClass) {
        Label sentence = new Label();
        RightToLeftLines.show(sentence, new ReadOnlyStringWrapper(messages.get(explanation.messageKey(), explanation.args().toArray())));
        sentence.setWrapText(true);
        sentence.getStyleClass().add("explanation");
        VBox box = new VBox(6, sentence);
        box.getStyleClass().addAll("message-box", styleClass);
        if (!explanation.detail().isEmpty() && !explanation.detail().equals(explanation.args().isEmpty() ? "" : explanation.args().get(0))) {
            Label detail = new Label();
            RightToLeftLines.show(detail, new ReadOnlyStringWrapper(messages.get("run.engineSaid", explanation.detail())));
            detail.setWrapText(true);
            detail.getStyleClass().add("mono");
            box.getChildren().add(detail);
        }
        explanation.field().ifPresent(field -> {
            Button go = new Button(messages.get("run.goToField", messages.get("field." + fieldKey(field))));
            go.setId("goTo-" + field);
            go.setOnAction(e -> goToField.accept(field));
            box.getChildren().add(go);
        });
        return box;
    }

    private static String fieldKey(String field) {
        return org.ptdispatcher.gui.profile.ProfileField.isOption(field) ? "option" : field;
    }

    /**
     * The system proxy switch, shown while this run can be the system's proxy. It follows the view
     * model (another run may take the switch; a stop turns it off), and waits while the settings
     * tools run.
     */
    private Node systemProxySwitch(SystemProxyViewModel systemProxy) {
        CheckBox toggle = new CheckBox();
        toggle.setId("systemProxySwitch");
        toggle.textProperty().bind(messages.text("sysproxy.switch"));
        Runnable follow = () -> toggle.setSelected(systemProxy.usedByProperty().get() == run);
        systemProxy.usedByProperty().addListener(o -> follow.run());
        systemProxy.busyProperty().addListener((o, was, busy) -> {
            if (!busy) {
                follow.run();
            }
        });
        toggle.setOnAction(e -> {
            if (toggle.isSelected()) {
                systemProxy.use(run);
            } else {
                systemProxy.release();
            }
        });
        toggle.disableProperty().bind(systemProxy.busyProperty());
        Label hint = Ui.label(messages, "sysproxy.hint", "hint");
        hint.setWrapText(true);
        Label notice = new Label();
        notice.setId("systemProxyNotice");
        notice.setWrapText(true);
        notice.textProperty().bind(messages.text(() -> {
            Explanation said = systemProxy.noticeProperty().get();
            if (said == null) {
                return "";
            }
            String sentence = messages.get(said.messageKey(), said.args().toArray());
            return said.detail().isEmpty() ? sentence : sentence + " " + said.detail();
        }, systemProxy.noticeProperty()));
        VBox box = new VBox(6, toggle, hint, notice);
        box.visibleProperty().bind(Bindings.createBooleanBinding(() -> systemProxy.availableFor(run),
                run.stateProperty(), run.torProxiesProperty(), run.proxies()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Node connectionTest() {
        ConnectionTestViewModel connectionTest = run.connectionTest();
        Label title = Ui.label(messages, "test.title", "section-title");
        Label hint = new Label();
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        RightToLeftLines.show(hint, messages.text(() -> messages.get(run.profile().throughTor() ? "test.pageHint" : "test.hint"), run.withTorProperty()));
        TextField destination = new TextField();
        destination.setId("testDestination");
        destination.textProperty().bindBidirectional(connectionTest.destinationProperty());
        destination.accessibleTextProperty().bind(messages.text("test.destination"));
        destination.promptTextProperty().bind(messages.text("test.destination"));
        Button test = Ui.button(messages, "test.run", "testConnection");
        test.disableProperty().bind(connectionTest.availableProperty().not().or(connectionTest.testingProperty()));
        test.setOnAction(e -> connectionTest.run());
        test.setDefaultButton(false);
        HBox row = new HBox(8, destination, test);
        HBox.setHgrow(destination, Priority.ALWAYS);
        Label result = new Label();
        result.setId("testResult");
        result.setWrapText(true);
        result.textProperty().bind(messages.text(this::testResultText, connectionTest.resultProperty(), connectionTest.testingProperty()));
        connectionTest.resultProperty().addListener((o, old, now) -> {
            result.getStyleClass().removeAll("success", "failure");
            if (now != null) {
                result.getStyleClass().add(now.succeeded() ? "success" : "failure");
            }
        });
        return new VBox(8, title, hint, row, result);
    }

    private String testResultText() {
        ConnectionTestViewModel connectionTest = run.connectionTest();
        if (connectionTest.testingProperty().get()) {
            return messages.get("test.running");
        }
        ConnectionTestResult result = connectionTest.resultProperty().get();
        if (result == null) {
            return "";
        }
        if (result instanceof ConnectionTestResult.Answered a) {
            return messages.get("test.answered", a.destination(), String.valueOf(a.connect().toMillis()), String.valueOf(a.answer().toMillis()));
        }
        if (result instanceof ConnectionTestResult.Silent q) {
            return messages.get("test.silent", q.destination(), failure(q.why(), ""));
        }
        if (result instanceof ConnectionTestResult.Fetched f) {
            return f.succeeded() ? messages.get("test.fetched", f.destination(), String.valueOf(f.status()), String.valueOf(f.bytes()),
                    String.valueOf(f.time().toMillis())) : messages.get("test.fetchedError", f.destination(), String.valueOf(f.status()));
        }
        if (result instanceof ConnectionTestResult.Refused r) {
            String reason = messages.has("socks.reply." + r.replyCode()) ? messages.get("socks.reply." + r.replyCode()) : messages.get("socks.reply.other", String.valueOf(r.replyCode()));
            return messages.get("test.refused", r.destination(), reason);
        }
        ConnectionTestResult.Unreachable u = (ConnectionTestResult.Unreachable) result;
        if (u.why() == ConnectionTestResult.Failure.BAD_DESTINATION) {
            return messages.get("test.badDestination");
        }
        return messages.get("test.unreachable", u.destination(), failure(u.why(), u.detail()));
    }

    /** A failure in the user's words; a network error keeps the JDK's own (the one part left untranslated). */
    private String failure(ConnectionTestResult.Failure why, String detail) {
        return switch (why) {
            case TIMEOUT -> messages.get("test.why.timeout", String.valueOf(run.connectionTest().timeoutSeconds()));
            case CLOSED -> messages.get("test.why.closed");
            case NOT_SOCKS -> messages.get("test.why.notSocks");
            case NOT_HTTP -> messages.get("test.why.notHttp");
            case NETWORK, BAD_DESTINATION -> detail;
        };
    }
}
