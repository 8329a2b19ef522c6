package org.ptdispatcher.gui.testing;

import org.ptdispatcher.gui.login.StartAtLogin;
import org.ptdispatcher.gui.login.XdgAutostart;
import org.ptdispatcher.gui.viewmodel.AppServices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every service of the app as an in-process fake ({@link FakeEngines}, {@link FakeLauncher}, {@link FakeTor},
 * {@link FakeConnectionTester}, {@link FakeDemoEcho}, {@link ChosenFiles}; the system proxy a
 * {@link FileSystemProxy}; start at login an autostart file in a temporary directory; time a {@link ManualScheduler}): view models then run
 * without child processes, sockets or windows. Results arrive in {@link #fx}, which the test
 * thread drains; background work runs at once on the caller's thread.
 */
public final class FakeServices {
    public final QueueExecutor fx = new QueueExecutor();
    public final FakeEngines engines = new FakeEngines();
    public final FakeLauncher launcher = new FakeLauncher();
    public final FakeTor tor = new FakeTor();
    public final FakeConnectionTester tester = new FakeConnectionTester();
    public final FakeDemoEcho echo = new FakeDemoEcho();
    public final ChosenFiles files = new ChosenFiles();
    public final FileSystemProxy systemProxy = FileSystemProxy.inTemporaryDirectory();
    /** Start at login as an installed app would have it, in an autostart directory of its own. */
    public final Path autostart = temporaryDirectory("ptd-autostart");
    public final StartAtLogin startAtLogin = new StartAtLogin(new XdgAutostart(autostart), Optional.of(List.of("/opt/ptdispatcher/bin/PT Dispatcher")));
    public final ManualScheduler time = new ManualScheduler(Instant.parse("2026-01-02T03:04:05Z"));

    public AppServices services() {
        return new AppServices(engines, launcher, tor, tester, echo, files, systemProxy.systemProxy, startAtLogin, fx, Runnable::run,
                time, time.clock());
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs what has been delivered so far. */
    public void deliver() {
        fx.runPending();
    }
}
