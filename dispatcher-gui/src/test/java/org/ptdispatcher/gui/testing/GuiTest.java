package org.ptdispatcher.gui.testing;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.gui.DesktopApplication;
import org.ptdispatcher.gui.profile.ConfigDirectory;
import org.ptdispatcher.gui.tray.Trays;
import org.ptdispatcher.gui.viewmodel.MainViewModel;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Base of the window tests: a real app window (under Xvfb when there is no desktop; see
 * src/test/display/display/bin/java) with a fresh config directory per test, driven by TestFX's
 * robot, and waits for conditions with deadlines. Without a display on Linux the tests skip with
 * the package to install, except in CI, where they fail.
 */
public abstract class GuiTest {
    protected static final Duration ENGINE_DEADLINE = Duration.ofSeconds(30);

    @TempDir
    protected Path configDir;

    protected final FxRobot robot = new FxRobot();
    protected DesktopApplication app;

    @BeforeEach
    void launchApp() throws Exception {
        requireDisplay();
        System.setProperty(ConfigDirectory.OVERRIDE_PROPERTY, configDir.toString());
        prepareConfigDirectory();
        System.setProperty(Trays.BUS_PROPERTY, trayBus());
        Locale.setDefault(Locale.ENGLISH);
        FxToolkit.registerPrimaryStage();
        app = (DesktopApplication) FxToolkit.setupApplication(DesktopApplication.class, applicationArguments().toArray(String[]::new));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void closeApp() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
            FxToolkit.cleanupStages();
        }
    }

    /** Writes what the app finds in {@link #configDir} when it starts (profiles, settings); nothing unless a test says otherwise. */
    protected void prepareConfigDirectory() throws Exception {
    }

    /**
     * Where the app looks for a tray ({@link Trays#BUS_PROPERTY}): nowhere, unless a test gives the
     * address of a bus of its own, so that the window tests do not depend on the desktop they run on.
     */
    protected String trayBus() {
        return "none";
    }

    /** The command-line arguments the app starts with; none unless a test says otherwise. */
    protected List<String> applicationArguments() {
        return List.of();
    }

    protected MainViewModel vm() {
        return app.viewModel();
    }

    /** The packaged ptdispatcher must exist: the app runs it (the failsafe plugin passes its path). */
    protected static Path ptdispatcherJar() {
        Path jar = Path.of(System.getProperty("ptdispatcher.jar", "missing"));
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("ptdispatcher.jar not found at " + jar + "; run ./mvnw verify from the top");
        }
        return jar;
    }

    /** Waits until {@code condition}, evaluated on the FX thread, holds; fails with {@code what} at the deadline. */
    protected static void waitUntil(String what, Duration deadline, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS, () -> onFx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + deadline.toSeconds() + " s waiting for: " + what
                    + "; the window is in " + failureScreenshot(what));
        }
    }

    /** What the window showed when a wait failed, for the person reading the failure. */
    private static Path failureScreenshot(String what) {
        Path file = Path.of("target", "gui-failures", what.replaceAll("[^A-Za-z0-9]+", "-") + ".png").toAbsolutePath();
        try {
            onFx(() -> {
                for (javafx.stage.Window window : javafx.stage.Window.getWindows()) {
                    if (window.isShowing() && window.getScene() != null) {
                        Png.write(window.getScene(), file);
                        break;
                    }
                }
                return null;
            });
        } catch (Exception e) {
            return Path.of("(no screenshot: " + e + ")");
        }
        return file;
    }

    /** Evaluates {@code work} on the FX thread and returns its result. */
    protected static <T> T onFx(Callable<T> work) throws Exception {
        if (Platform.isFxApplicationThread()) {
            return work.call();
        }
        return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
    }

    protected <T extends Node> Optional<T> find(String query) {
        return robot.lookup(query).tryQuery();
    }

    protected String textOf(String query) throws Exception {
        return onFx(() -> {
            Optional<Node> node = robot.lookup(query).tryQuery();
            if (node.isEmpty() || !node.get().isVisible()) {
                return "";
            }
            if (node.get() instanceof Labeled l) {
                return l.getText() == null ? "" : l.getText();
            }
            if (node.get() instanceof TextInputControl t) {
                return t.getText() == null ? "" : t.getText();
            }
            return node.get().toString();
        });
    }

    /** Types {@code text} into a text field the way a person would: click, select all, type over. */
    protected void typeInto(String query, String text) {
        robot.clickOn(query);
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.type(KeyCode.BACK_SPACE);
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Pastes {@code text} into a text control as a person would: through the clipboard and Ctrl+V. */
    protected void paste(String query, String text) throws Exception {
        onFx(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            return Clipboard.getSystemClipboard().setContent(content);
        });
        robot.clickOn(query);
        robot.press(KeyCode.CONTROL).type(KeyCode.V).release(KeyCode.CONTROL);
    }

    /** Imports one bridge line or link through the sidebar's Import dialog; the new profile is then selected. */
    protected void importLine(String line) throws Exception {
        int before = get(() -> vm().profiles().size());
        robot.clickOn("#importLines");
        paste("#importText", line);
        robot.clickOn("#importButton");
        waitUntil("the imported profile", ENGINE_DEADLINE, () -> vm().profiles().size() == before + 1);
    }

    /** A port free on loopback at this moment, for a peer the test starts. */
    protected static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** For a peer that prints nothing that says it listens (ss-server): it is ready when a connection is taken. */
    protected static void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("nothing listened on " + port + " within 10 s", notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Whether a process with {@code pid} still exists. */
    protected static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    protected static void waitForExit(long pid, String what) {
        try {
            WaitForAsyncUtils.waitFor(ENGINE_DEADLINE.toSeconds(), TimeUnit.SECONDS, () -> !alive(pid));
        } catch (TimeoutException e) {
            throw new AssertionError(what + " (pid " + pid + ") is still alive after " + ENGINE_DEADLINE.toSeconds() + " s");
        }
    }

    /**
     * A real peer program from Debian's package; absent, the test is skipped on a developer's
     * machine and fails in CI, where {@code .ci/run} installs it.
     */
    protected static Path requirePeer(String program, String debianPackage) {
        Path path = Path.of("/usr/bin", program);
        if (Files.isExecutable(path)) {
            return path;
        }
        String message = program + " not found: apt-get install " + debianPackage;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (required in CI)");
        }
        Assumptions.abort(message);
        throw new IllegalStateException("unreachable");
    }

    protected static void requireDisplay() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        if (!linux || System.getenv("DISPLAY") != null) {
            return;
        }
        String message = "no X display for the window tests: apt-get install xvfb libgtk-3-0 (the test JVM then starts its own Xvfb)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (required in CI)");
        }
        Assumptions.abort(message);
    }

    protected static <T> T get(Supplier<T> supplier) throws Exception {
        return onFx(supplier::get);
    }
}
