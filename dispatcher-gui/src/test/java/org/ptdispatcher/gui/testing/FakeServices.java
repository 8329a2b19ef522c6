package org.ptdispatcher.gui.testing;

import org.ptdispatcher.gui.viewmodel.AppServices;

import java.time.Instant;

/**
 * Every service of the app as an in-process fake ({@link FakeEngines}, {@link FakeLauncher}, {@link FakeTor},
 * {@link FakeConnectionTester}, {@link FakeDemoEcho}, {@link ChosenFiles}; the system proxy a
 * {@link FileSystemProxy}; time a {@link ManualScheduler}): view models then run
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
    public final ManualScheduler time = new ManualScheduler(Instant.parse("2026-01-02T03:04:05Z"));

    public AppServices services() {
        return new AppServices(engines, launcher, tor, tester, echo, files, systemProxy.systemProxy, fx, Runnable::run,
                time, time.clock());
    }

    /** Runs what has been delivered so far. */
    public void deliver() {
        fx.runPending();
    }
}
