package org.ptdispatcher.gui.viewmodel;

import org.ptdispatcher.gui.engine.ConnectionTester;
import org.ptdispatcher.gui.engine.DemoEcho;
import org.ptdispatcher.gui.engine.EngineFinder;
import org.ptdispatcher.gui.engine.EngineLauncher;
import org.ptdispatcher.gui.login.StartAtLogin;
import org.ptdispatcher.gui.sysproxy.SystemProxy;
import org.ptdispatcher.gui.tor.TorService;

import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * What the view models do I/O and threading through: one service per kind of outside thing
 * (finding the engine, running it as a child, testing its proxy, the demo's echo, the desktop's
 * file choosers, tor as a child for the runs through Tor and as a bridge, the operating system's
 * proxy settings and its start at login), so that the app passes
 * the real ones ({@code DesktopApplication}) and tests pass in-process ones.
 *
 * @param delivery   where results reach the view models: {@code Platform::runLater} in the app
 * @param background where blocking work runs (the connection test)
 * @param scheduler  what runs later (an engine's restart after a wait), on the delivery thread
 */
public record AppServices(EngineFinder engines, EngineLauncher launcher, TorService tor, ConnectionTester connectionTester,
                          DemoEcho demoEcho, FileDialogs files, SystemProxy systemProxy, StartAtLogin startAtLogin, Executor delivery, Executor background,
                          Scheduler scheduler, Clock clock) {
}
