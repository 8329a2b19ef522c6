package org.ptdispatcher.gui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.ptdispatcher.engine.transport.TransportRegistry;
import org.ptdispatcher.gui.engine.DemoEchoService;
import org.ptdispatcher.gui.engine.EngineLocator;
import org.ptdispatcher.gui.engine.ProcessEngineLauncher;
import org.ptdispatcher.gui.engine.SocksConnectionTest;
import org.ptdispatcher.gui.i18n.Language;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.instance.InstanceEndpoint;
import org.ptdispatcher.gui.login.StartAtLogin;
import org.ptdispatcher.gui.profile.ConfigDirectory;
import org.ptdispatcher.gui.profile.ProfileStore;
import org.ptdispatcher.gui.profile.SettingsStore;
import org.ptdispatcher.gui.sysproxy.SystemProxy;
import org.ptdispatcher.gui.tor.TorService;
import org.ptdispatcher.gui.tray.Tray;
import org.ptdispatcher.gui.tray.TrayAction;
import org.ptdispatcher.gui.tray.TrayMenu;
import org.ptdispatcher.gui.tray.TrayMenuModel;
import org.ptdispatcher.gui.tray.Trays;
import org.ptdispatcher.gui.view.BundledFonts;
import org.ptdispatcher.gui.view.FxFileDialogs;
import org.ptdispatcher.gui.view.MainView;
import org.ptdispatcher.gui.viewmodel.AppServices;
import org.ptdispatcher.gui.viewmodel.DeliveringScheduler;
import org.ptdispatcher.gui.viewmodel.MainViewModel;
import org.ptdispatcher.gui.viewmodel.RunViewModel;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The JavaFX application: wires the services (profile and settings files in the user's config
 * directory, the transports on the class path) to the main view model and window. Quitting stops
 * every engine the way spec section 1.3 says, and every tor (which ends its engine), before the app
 * exits. Where the desktop shows a tray icon ({@link Trays}), closing the window only hides it
 * (unless the user turned that off) and the tray's Quit quits; without one, closing the window quits.
 */
public final class DesktopApplication extends Application {
    /** Longest wait for engines to stop when the app closes: the stop sequence's own bound, plus a margin. */
    private static final long STOP_ALL_SECONDS = 15;
    /**
     * Torrc files every Tor run also reads ({@code %include}), separated by the path separator: the
     * window's counterpart of the headless {@code --tor-config}, for a private Tor network's
     * authorities in tests. Not for users: a bridge line is all they need.
     */
    public static final String TOR_CONFIG_PROPERTY = "ptdispatcher.torConfig";

    private MainViewModel main;
    private ExecutorService background;
    private Stage stage;
    private MainView view;
    private Optional<InstanceEndpoint> instance = Optional.empty();
    private TrayMenuModel trayMenu;
    private Optional<Tray> tray = Optional.empty();
    /** Whether JavaFX ends when its last window closes, before the tray changed it (a test harness keeps it off). */
    private boolean implicitExitBefore;
    private boolean stopped;

    @Override
    public void start(Stage primaryStage) {
        this.stage = primaryStage;
        // again, for a harness (TestFX) that starts this Application without PtDispatcherApp
        LibraryLogging.configure();
        BundledFonts.load();
        Path configDirectory = ConfigDirectory.locate();
        if (!becomeTheInstance(configDirectory)) {
            Platform.exit();
            return;
        }
        background = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "app-background");
            thread.setDaemon(true);
            return thread;
        });
        Messages messages = new Messages(Language.forLocale(Locale.getDefault()));
        SystemProxy systemProxy = SystemProxy.forThisMachine(configDirectory);
        AppServices services = new AppServices(new EngineLocator(), new ProcessEngineLauncher(),
                TorService.withIncludes(TorService.processes(), TorService.includesFrom(System.getProperty(TOR_CONFIG_PROPERTY, ""))),
                new SocksConnectionTest(),
                new DemoEchoService(), new FxFileDialogs(() -> primaryStage), systemProxy, StartAtLogin.forThisApp(),
                Platform::runLater, background,
                new DeliveringScheduler(Platform::runLater), Clock.systemUTC());
        main = new MainViewModel(new ProfileStore(configDirectory), new SettingsStore(configDirectory), TransportRegistry.load(),
                messages, services);
        view = new MainView(main);
        primaryStage.setTitle("PT Dispatcher");
        primaryStage.setScene(view.createScene(1100, 760));
        primaryStage.setMinWidth(760);
        primaryStage.setMinHeight(520);
        // If the JVM is ended some other way, children must not outlive it (our engine also watches its parent).
        // ... nor the system proxy point at a proxy that is gone (SIGTERM from a logout; the journal covers a kill -9).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            main.activeRuns().forEach(RunViewModel::kill);
            restoreQuietly(systemProxy);
        }, "kill-engines"));
        primaryStage.setOnCloseRequest(event -> {
            if (main.settings().keepsRunningInTray()) {
                // the app (and its engines) carry on behind the tray icon, whose Open shows the window again
                event.consume();
                primaryStage.hide();
            } else if (!main.activeRuns().isEmpty()) {
                event.consume();
                stopEnginesThen(primaryStage::close);
            }
        });
        trayMenu = new TrayMenuModel(main);
        FirstFrameReport.ifRequested(primaryStage);
        primaryStage.show();
        // The app died with the system proxy switch on last time: put the settings from before back.
        main.systemProxy().recover();
        List<String> arguments = getParameters().getRaw();
        Platform.runLater(() -> {
            openWith(arguments);
            main.connectOnStart();
        });
        startTray();
    }

    /** Stops the engines first (spec 1.3, bounded), the window saying so meanwhile, then does {@code then} on the FX thread. */
    private void stopEnginesThen(Runnable then) {
        if (main.activeRuns().isEmpty()) {
            then.run();
            return;
        }
        stage.setTitle("PT Dispatcher: " + main.messages().get("run.STOPPING"));
        main.stopAll().orTimeout(STOP_ALL_SECONDS, TimeUnit.SECONDS)
                .whenComplete((done, failed) -> Platform.runLater(then));
    }

    /**
     * The tray icon, found on the background pool (a D-Bus connection, AWT's toolkit) so that the
     * window's first frame waits for neither; closing the window quits until it is up.
     */
    private void startTray() {
        TrayMenu first = trayMenu.menu();
        background.execute(() -> {
            Optional<Tray> started = Trays.start(first, action -> Platform.runLater(() -> act(action)));
            Platform.runLater(() -> attach(started, first));
        });
    }

    private void attach(Optional<Tray> started, TrayMenu first) {
        if (started.isEmpty()) {
            return;
        }
        if (stopped) {
            started.get().close();
            return;
        }
        tray = started;
        Tray shown = started.get();
        if (!trayMenu.menu().equals(first)) {
            // it changed while the tray started (connect on start)
            shown.show(trayMenu.menu());
        }
        trayMenu.menuProperty().addListener((o, old, now) -> shown.show(now));
        implicitExitBefore = Platform.isImplicitExit();
        main.settings().trayShownProperty().set(true);
        followKeepRunningInTray();
        main.settingsProperty().addListener((o, old, now) -> followKeepRunningInTray());
    }

    /** With the window hidden behind the tray, JavaFX must not end the app for having no window. */
    private void followKeepRunningInTray() {
        Platform.setImplicitExit(!main.settings().keepsRunningInTray() && implicitExitBefore);
    }

    /** What the tray's menu (or a click on its icon) asked for; on the FX thread. */
    private void act(TrayAction action) {
        switch (action) {
            case CONNECT_OR_DISCONNECT -> trayMenu.connectOrDisconnect();
            case OPEN -> bringToFront();
            case QUIT -> stopEnginesThen(Platform::exit);
            default -> throw new IllegalArgumentException(action.name());
        }
    }

    /** Shows the window (hidden behind the tray, or iconified) in front, as a later launch and the tray's Open ask. */
    private void bringToFront() {
        stage.setIconified(false);
        stage.show();
        stage.toFront();
        stage.requestFocus();
    }

    /**
     * Becomes this user's one window: a later launch (a second start, a link opened from the
     * desktop) ends after handing its arguments here, and this window comes to the front and does
     * what that launch would have. False when another launch got there first (two at the same
     * moment, both past {@code PtDispatcherApp.main}'s check while their toolkits started): this
     * one's arguments then went to that one, and this one is to end without a window.
     */
    private boolean becomeTheInstance(Path configDirectory) {
        Path socket = InstanceEndpoint.socketIn(configDirectory);
        try {
            instance = InstanceEndpoint.serve(socket, arguments -> Platform.runLater(() -> {
                bringToFront();
                openWith(arguments);
            }));
            return instance.isPresent() || !InstanceEndpoint.forwardToTheHolder(socket, getParameters().getRaw());
        } catch (IOException e) {
            // later launches open windows of their own, as before there was an endpoint
            System.err.println("PT Dispatcher: no single-instance socket: " + e.getMessage());
            return true;
        }
    }

    /** Opened with a link (the desktop's handler for ss://): the import screen, with the link in it. */
    private void openWith(List<String> arguments) {
        LaunchArguments.linkToImport(arguments).ifPresent(view::showImport);
    }

    private static void restoreQuietly(SystemProxy systemProxy) {
        try {
            systemProxy.restore();
        } catch (java.io.IOException e) {
            // the journal stays, and the next start restores from it
            System.err.println("PT Dispatcher: " + e.getMessage());
        }
    }

    private static void closeQuietly(Optional<InstanceEndpoint> instance) {
        try {
            if (instance.isPresent()) {
                instance.get().close();
            }
        } catch (IOException e) {
            // a socket file left behind is replaced by the next instance
            System.err.println("PT Dispatcher: " + e.getMessage());
        }
    }

    /** The main view model, for tests that drive the window and need to reach the state behind it. */
    public MainViewModel viewModel() {
        return main;
    }

    public Stage stage() {
        return stage;
    }

    /**
     * Called when the last window closes (or the test harness ends the app): close each engine's
     * stdin, wait, SIGTERM, kill; bounded, so a stuck child cannot keep the app alive.
     */
    @Override
    public void stop() throws Exception {
        stopped = true;
        tray.ifPresent(Tray::close);
        closeQuietly(instance);
        if (main == null) {
            return;
        }
        try {
            main.stopAll().get(STOP_ALL_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            for (RunViewModel run : main.activeRuns()) {
                run.kill();
            }
        } finally {
            background.shutdownNow();
        }
    }
}
