package org.ptdispatcher.gui.testing;

import org.ptdispatcher.gui.sysproxy.EnvironmentFileProxySettings;
import org.ptdispatcher.gui.sysproxy.ProxySettings;
import org.ptdispatcher.gui.sysproxy.SystemProxy;
import org.ptdispatcher.gui.sysproxy.SystemProxyJournal;
import org.ptdispatcher.gui.sysproxy.SystemProxyPlaces;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A real {@link SystemProxy} whose one place is an environment file in a directory of the test's
 * own (the journal beside it), so view model tests turn the switch without touching the machine.
 */
public final class FileSystemProxy {
    public final Path directory;
    public final Path environmentFile;
    public final SystemProxy systemProxy;

    public FileSystemProxy(Path directory) {
        this.directory = directory;
        this.environmentFile = directory.resolve("environment.d").resolve("proxy.conf");
        ProxySettings place = new EnvironmentFileProxySettings(environmentFile);
        SystemProxyPlaces places = new SystemProxyPlaces() {
            @Override
            public List<ProxySettings> present() {
                return List.of(place);
            }

            @Override
            public Optional<ProxySettings> named(String name) {
                return name.equals(place.name()) ? Optional.of(place) : Optional.empty();
            }
        };
        this.systemProxy = new SystemProxy(places, new SystemProxyJournal(directory));
    }

    /** In a new temporary directory. */
    public static FileSystemProxy inTemporaryDirectory() {
        try {
            return new FileSystemProxy(Files.createTempDirectory("ptd-system-proxy"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
