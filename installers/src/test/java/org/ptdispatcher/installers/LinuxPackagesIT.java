package org.ptdispatcher.installers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Linux packages for real: the .deb is installed with dpkg (as root), the installed engine
 * answers IPC sessions, the installed app shows its window under Xvfb, starts the installed engine
 * and opens ss:// links in its import screen; the .rpm holds the same files; removing the package
 * removes it all. Needs root, dpkg, Xvfb, xdotool and rpm: without them the checks skip, except in
 * CI (CI=true), where they fail.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LinuxPackagesIT {
    private static final String PACKAGE = "pt-dispatcher";
    private static final Path INSTALL_DIR = Path.of("/opt/pt-dispatcher");
    private static final Path ENGINE = INSTALL_DIR.resolve("bin/ptdispatcher");
    private static final Path APP = INSTALL_DIR.resolve("bin/PT Dispatcher");
    private static final Path DESKTOP_ENTRY = Path.of("/usr/share/applications/pt-dispatcher-PT_Dispatcher.desktop");
    private static final String LINK = "ss://YWVzLTI1Ni1nY206dGVzdA@192.0.2.7:8388#Office";
    private static final Duration WINDOW_DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    @BeforeAll
    static void installTheDeb() {
        require(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"), "the Linux packages are checked on Linux");
        require(Command.onPath("dpkg"), "dpkg is needed to install the .deb");
        require("0".equals(Command.run(List.of("id", "-u")).stdout().strip()), "installing the .deb needs root");
        Command.run(List.of("dpkg", "-i", installer(".deb").toString())).ok();
    }

    @AfterAll
    static void removeWhatIsLeft() {
        if (installed()) {
            Command.run(List.of("dpkg", "--purge", PACKAGE));
        }
    }

    @Test
    @Order(1)
    void dpkgInstalledTheAppTheEngineTheRuntimeAndTheStartupArchive() {
        assertTrue(installed(), "dpkg says " + PACKAGE + " is installed");
        for (Path file : List.of(APP, ENGINE, INSTALL_DIR.resolve("lib/runtime/lib/modules"), INSTALL_DIR.resolve("lib/app/ptdispatcher.jsa"),
                INSTALL_DIR.resolve("lib/app/ptdispatcher-app.jsa"), INSTALL_DIR.resolve("lib/app/dispatcher-gui.jar"))) {
            assertTrue(Files.isRegularFile(file), file + " installed");
        }
        assertTrue(Files.isExecutable(APP) && Files.isExecutable(ENGINE), "both launchers are executable");
    }

    @Test
    @Order(1)
    void theDebRecommendsTheDistributionsTor() {
        // Connect through Tor and Run a Tor bridge start it (packaging/linux/control)
        assertEquals("tor", Command.run(List.of("dpkg-deb", "-f", installer(".deb").toString(), "Recommends")).ok().stdout().trim());
    }

    @Test
    @Order(2)
    void theMenuEntryHasTheIconAndHandlesSsLinks() throws IOException {
        assertTrue(Files.isRegularFile(DESKTOP_ENTRY), "xdg-desktop-menu installed " + DESKTOP_ENTRY);
        Map<String, String> entry = Files.readAllLines(DESKTOP_ENTRY).stream().filter(l -> l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1), (a, b) -> a));
        assertEquals("PT Dispatcher", entry.get("Name"));
        assertEquals("\"" + APP + "\" %u", entry.get("Exec"), "the launcher, quoted, and the link the desktop passes");
        assertEquals("x-scheme-handler/ss;", entry.get("MimeType"));
        Path icon = Path.of(entry.get("Icon"));
        byte[] png = Arrays.copyOf(Files.readAllBytes(icon), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, png, icon + " is a PNG");
        // Without a desktop environment xdg-mime reads the desktop database that the package's scripts updated.
        require(Command.onPath("xdg-mime") && Command.onPath("update-desktop-database"), "xdg-utils and desktop-file-utils answer which app opens ss://");
        assertEquals(DESKTOP_ENTRY.getFileName().toString(),
                Command.run(List.of("xdg-mime", "query", "default", "x-scheme-handler/ss")).ok().stdout().strip());
    }

    @Test
    @Order(3)
    void theInstalledEngineAnswersAnIpcSessionFromItsStartupArchive() throws IOException {
        // -Xshare:on: the JVM refuses to start unless the archive made at build time maps here, at the installed path.
        Map<String, String> tor = Map.of("TOR_PT_MANAGED_TRANSPORT_VER", "2.2", "TOR_PT_CLIENT_TRANSPORTS", "plain",
                "TOR_PT_STATE_LOCATION", temp.resolve("state").toString(), "TOR_PT_EXIT_ON_STDIN_CLOSE", "1",
                "PTDISPATCHER_JAVA_OPTS", "-Xshare:on");
        try (IpcSession pt = IpcSession.start(List.of(ENGINE.toString()), tor)) {
            List<String> lines = pt.awaitDone();
            assertEquals(3, lines.size(), "stdout holds the IPC lines and nothing else: " + lines);
            assertEquals("VERSION 2.2", lines.get(0));
            assertTrue(lines.get(1).matches("CMETHOD plain socks5 127\\.0\\.0\\.1:\\d+"), lines.get(1));
            assertEquals("CMETHODS DONE", lines.get(2));
            int port = Integer.parseInt(lines.get(1).substring(lines.get(1).lastIndexOf(':') + 1));
            assertEquals(List.of(5, 0), socksGreeting(port), "the SOCKS5 listener accepts a no-auth greeting");
            assertEquals(0, pt.closeStdinAndWait());
            // The launcher's initial module brings the Vector API (obfs4's and shadow's SIMD keystreams)
            // into the boot layer; the JVM's note on stderr is the sign that it did.
            assertTrue(pt.stderr().contains("WARNING: Using incubator modules: jdk.incubator.vector"), pt.stderr());
        }
    }

    @Test
    @Order(4)
    void theInstalledEngineTakesTheFlagsTheAppPasses() {
        // -server must reach the engine: java's launcher takes -server and -client for itself after -m module/class.
        try (IpcSession pt = IpcSession.start(List.of(ENGINE.toString(), "-server", "-transport", "plain", "-bindhost", "127.0.0.1",
                "-bindport", "0", "-target", "127.0.0.1:9", "-state", temp.resolve("server").toString(), "-exit-on-stdin-close"), Map.of())) {
            List<String> lines = pt.awaitDone();
            assertEquals("VERSION 2.2", lines.get(0));
            assertTrue(lines.get(1).matches("SMETHOD plain 127\\.0\\.0\\.1:\\d+"), lines.get(1));
            assertEquals("SMETHODS DONE", lines.get(2));
            assertEquals(0, pt.closeStdinAndWait());
        }
    }

    @Test
    @Order(5)
    void theInstalledAppShowsItsWindowFromItsStartupArchiveAndRunsTheInstalledEngine() throws Exception {
        // A saved plain client (the app selects the first profile): F5 must start it with the installed engine.
        Path profiles = temp.resolve("config/ptdispatcher/profiles.json");
        Files.createDirectories(profiles.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(profiles, "{\"version\": 1, \"profiles\": [{\"id\": \"installed-test-client\", \"name\": \"Installed test client\", "
                + "\"role\": \"CLIENT\", \"transport\": \"plain\", \"mode\": \"SOCKS5\", \"logLevel\": \"INFO\", \"options\": {}, \"demo\": false}]}");
        Files.setPosixFilePermissions(profiles, PosixFilePermissions.fromString("rw-------"));
        // -Xshare:on: the JVM refuses to start unless the app's archive made at build time maps here, at the installed path
        try (Display display = Display.start(); AppProcess app = AppProcess.start(display, temp, List.of(), "-Xshare:on")) {
            String window = display.awaitWindow("^PT Dispatcher$", WINDOW_DEADLINE);
            display.type(window, "F5");
            Command.waitUntil("the app running the installed engine", WINDOW_DEADLINE, () -> app.runningEngine().isPresent());
            ProcessHandle engine = app.runningEngine().orElseThrow();
            assertTrue(engine.info().command().orElse("").startsWith(INSTALL_DIR.resolve("lib/runtime/bin/java").toString()),
                    "the engine runs on the installed runtime: " + engine.info().commandLine().orElse("?"));
            app.stop();
            Command.waitUntil("the engine stopped with the app", Duration.ofSeconds(30), () -> !engine.isAlive());
        }
    }

    @Test
    @Order(6)
    void openingAnSsLinkWithTheAppOpensItsImportScreen() throws Exception {
        try (Display display = Display.start(); AppProcess app = AppProcess.start(display, temp, List.of(LINK))) {
            String dialog = display.awaitWindow("^Import bridges or links$", WINDOW_DEADLINE);
            assertFalse(dialog.isEmpty());
        }
    }

    @Test
    @Order(7)
    void theRpmHoldsTheSameFilesAsTheDeb() {
        require(Command.onPath("rpm"), "rpm reads the .rpm's file list");
        Set<String> rpmFiles = Arrays.stream(Command.run(List.of("rpm", "-qp", "--queryformat", "[%{FILEMODES:perms} %{FILENAMES}\\n]",
                        installer(".rpm").toString())).ok().stdout().split("\n"))
                .filter(l -> !l.isBlank() && !l.startsWith("d")).map(l -> l.substring(l.indexOf(' ') + 1)).collect(Collectors.toSet());
        Set<String> debFiles = Arrays.stream(debFileList()).collect(Collectors.toSet());
        debFiles.remove("/opt/pt-dispatcher/share/doc/copyright");
        assertTrue(rpmFiles.contains(ENGINE.toString()) && rpmFiles.contains(INSTALL_DIR.resolve("lib/app/ptdispatcher.jsa").toString())
                && rpmFiles.contains(INSTALL_DIR.resolve("lib/pt-dispatcher-PT_Dispatcher.desktop").toString()), "the .rpm has the engine, its archive, the menu entry");
        assertEquals(debFiles, rpmFiles, "the .rpm and the .deb install the same files");
    }

    @Test
    @Order(8)
    void removingThePackageRemovesItAll() {
        Command.run(List.of("dpkg", "--purge", PACKAGE)).ok();
        assertFalse(installed(), "dpkg no longer lists " + PACKAGE);
        assertFalse(Files.exists(INSTALL_DIR), INSTALL_DIR + " is gone");
        assertFalse(Files.exists(DESKTOP_ENTRY), DESKTOP_ENTRY + " is gone");
    }

    // ---- helpers ----

    private static String[] debFileList() {
        return Arrays.stream(Command.run(List.of("dpkg-deb", "-c", installer(".deb").toString())).ok().stdout().split("\n"))
                .filter(l -> !l.isBlank() && !l.startsWith("d"))
                .map(l -> l.substring(l.indexOf("./") + 1))
                .toArray(String[]::new);
    }

    private static boolean installed() {
        return Command.run(List.of("dpkg-query", "-W", "-f=${Status}", PACKAGE)).stdout().contains("install ok installed");
    }

    private static Path installer(String suffix) {
        Path dir = Path.of(System.getProperty("installers.out", "target/installers"));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + suffix + " in " + dir + ": ./mvnw -Pinstallers package makes it"));
        } catch (IOException e) {
            throw new AssertionError("no installers in " + dir + ": ./mvnw -Pinstallers package makes them", e);
        }
    }

    /** The server's reply to a SOCKS5 greeting offering no authentication. */
    private static List<Integer> socksGreeting(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {5, 1, 0});
            out.flush();
            InputStream in = socket.getInputStream();
            return List.of(in.read(), in.read());
        }
    }

    static void require(boolean condition, String why) {
        if (condition) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(why + " (required in CI)");
        }
        Assumptions.abort(why);
    }

    /** A private X display (Xvfb) and xdotool to find and type into windows on it. */
    static final class Display implements AutoCloseable {
        private final Process xvfb;
        final String name;

        private Display(Process xvfb, String name) {
            this.xvfb = xvfb;
            this.name = name;
        }

        static Display start() throws IOException {
            require(Command.onPath("Xvfb") && Command.onPath("xdotool") && Command.onPath("xwininfo"),
                    "the window checks need Xvfb, xdotool and xwininfo (apt-get install xvfb xdotool x11-utils)");
            // -displayfd 1: Xvfb picks a free display and writes its number on stdout once it accepts clients.
            Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x960x24", "-nolisten", "tcp")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader reader = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII));
            String number = reader.readLine();
            if (number == null) {
                xvfb.destroyForcibly();
                throw new AssertionError("Xvfb did not start");
            }
            return new Display(xvfb, ":" + number.strip());
        }

        /** The id of a mapped window whose title matches {@code titleRegex}, once there is one. */
        String awaitWindow(String titleRegex, Duration deadline) {
            String[] found = {""};
            Command.waitUntil("a window titled " + titleRegex + " on " + name, deadline, () -> {
                Command.Result search = xdotool("search", "--onlyvisible", "--name", titleRegex);
                found[0] = search.exitCode() == 0 ? search.stdout().strip().split("\n")[0] : "";
                return !found[0].isEmpty();
            });
            String info = Command.run(List.of("xwininfo", "-id", found[0]), Map.of("DISPLAY", name), Duration.ofSeconds(10)).ok().stdout();
            assertTrue(info.contains("Map State: IsViewable"), "the window is mapped and viewable:\n" + info);
            return found[0];
        }

        /** Gives {@code window} the keyboard and presses {@code keys} there, as a person would. */
        void type(String window, String keys) {
            xdotool("windowfocus", "--sync", window).ok();
            xdotool("key", "--clearmodifiers", keys).ok();
        }

        private Command.Result xdotool(String... args) {
            List<String> command = new java.util.ArrayList<>(List.of("xdotool"));
            command.addAll(List.of(args));
            return Command.run(command, Map.of("DISPLAY", name), Duration.ofSeconds(10));
        }

        @Override
        public void close() {
            xvfb.destroy();
        }
    }

    /** The installed app, started as the desktop starts it, with its own home and config directory. */
    static final class AppProcess implements AutoCloseable {
        private final Process process;

        private AppProcess(Process process) {
            this.process = process;
        }

        static AppProcess start(Display display, Path home, List<String> arguments) throws IOException {
            return start(display, home, arguments, "");
        }

        /** With {@code javaOptions} for the app's JVM (through JDK_JAVA_OPTIONS, which its launcher's java reads). */
        static AppProcess start(Display display, Path home, List<String> arguments, String javaOptions) throws IOException {
            List<String> command = new java.util.ArrayList<>(List.of(APP.toString()));
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(home.resolve("app.log").toFile());
            builder.environment().putAll(Map.of("DISPLAY", display.name, "HOME", home.toString(),
                    "XDG_CONFIG_HOME", home.resolve("config").toString()));
            if (!javaOptions.isEmpty()) {
                builder.environment().put("JDK_JAVA_OPTIONS", javaOptions);
            }
            return new AppProcess(builder.start());
        }

        /** The engine the app runs (a process below it running the engine's main class), if any. */
        Optional<ProcessHandle> runningEngine() {
            return process.descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("org.ptdispatcher.cli.PtDispatcherCli"))
                    .findFirst();
        }

        /** SIGTERM, as a session logging out would: the app stops its engines and exits. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("the app did not exit within 30 s of SIGTERM");
            }
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
