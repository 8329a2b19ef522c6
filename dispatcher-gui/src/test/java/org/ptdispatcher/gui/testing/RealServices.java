package org.ptdispatcher.gui.testing;

import org.ptdispatcher.gui.engine.DemoEchoService;
import org.ptdispatcher.gui.engine.EngineLocator;
import org.ptdispatcher.gui.engine.ProcessEngineLauncher;
import org.ptdispatcher.gui.engine.SocksConnectionTest;
import org.ptdispatcher.gui.login.StartAtLogin;
import org.ptdispatcher.gui.login.XdgAutostart;
import org.ptdispatcher.gui.tor.TorService;
import org.ptdispatcher.gui.viewmodel.AppServices;
import org.ptdispatcher.gui.viewmodel.DeliveringScheduler;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/** The app's real services (child processes, sockets), for the tests that prove them; only the file choosers are {@link ChosenFiles}. */
public final class RealServices {
    private RealServices() {
    }

    public static AppServices delivering(Executor delivery, ChosenFiles files) {
        return new AppServices(new EngineLocator(), new ProcessEngineLauncher(), TorService.processes(), new SocksConnectionTest(), new DemoEchoService(), files,
                FileSystemProxy.inTemporaryDirectory().systemProxy,
                new StartAtLogin(new XdgAutostart(FileSystemProxy.inTemporaryDirectory().directory.resolve("autostart")), Optional.empty()), delivery, Executors.newCachedThreadPool(),
                new DeliveringScheduler(delivery), Clock.systemUTC());
    }
}
