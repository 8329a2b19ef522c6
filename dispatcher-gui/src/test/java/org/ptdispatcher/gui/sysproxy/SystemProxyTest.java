package org.ptdispatcher.gui.sysproxy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.gui.testing.FileSystemProxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The switch's journal and the environment file (the place of desktops with no settings of their own), on real files. */
class SystemProxyTest {
    private static final ProxyTarget ENGINE = ProxyTarget.socksAndHttp(new HostPort("127.0.0.1", 18080));

    @TempDir
    Path directory;

    @Test
    void theEnvironmentFileNamesTheProxyForEveryVariableAndGoesAwayWhenTurnedOff() throws Exception {
        FileSystemProxy files = new FileSystemProxy(directory);

        files.systemProxy.apply(ENGINE);
        String text = Files.readString(files.environmentFile);
        for (String line : List.of("http_proxy=http://127.0.0.1:18080", "HTTPS_PROXY=http://127.0.0.1:18080",
                "all_proxy=socks5h://127.0.0.1:18080", "NO_PROXY=localhost,127.0.0.0/8,::1")) {
            assertTrue(text.lines().anyMatch(line::equals), line + " in:\n" + text);
        }

        files.systemProxy.restore();
        assertFalse(Files.exists(files.environmentFile), "there was no file before, so there is none after");
    }

    @Test
    void aFileTheUserHadIsPutBackAsItWas() throws Exception {
        FileSystemProxy files = new FileSystemProxy(directory);
        Files.createDirectories(files.environmentFile.getParent());
        Files.writeString(files.environmentFile, "http_proxy=http://corp-proxy:3128\n");

        files.systemProxy.apply(ENGINE);
        files.systemProxy.restore();

        assertEquals("http_proxy=http://corp-proxy:3128\n", Files.readString(files.environmentFile));
    }

    @Test
    void theJournalIsWrittenOwnerOnlyBeforeTheChange() throws Exception {
        FileSystemProxy files = new FileSystemProxy(directory);

        files.systemProxy.apply(ENGINE);

        Path journal = directory.resolve(SystemProxyJournal.FILE_NAME);
        assertTrue(Files.readString(journal).contains("\"applied\""), Files.readString(journal));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(journal)));
        assertTrue(files.systemProxy.applied());
    }

    @Test
    void aJournalThatCannotBeReadIsNeverReplacedAndNothingIsChanged() throws Exception {
        FileSystemProxy files = new FileSystemProxy(directory);
        Path journal = directory.resolve(SystemProxyJournal.FILE_NAME);
        Files.writeString(journal, "{\"places\": [ {\"name\": \"environment.d\", \"previous\": {\"file\": \"export A=");

        IOException refused = assertThrows(IOException.class, () -> files.systemProxy.apply(ENGINE));

        assertTrue(refused.getMessage().contains(journal.toString()) && refused.getMessage().contains("left as it is"), refused.getMessage());
        assertEquals("{\"places\": [ {\"name\": \"environment.d\", \"previous\": {\"file\": \"export A=", Files.readString(journal));
        assertFalse(Files.exists(files.environmentFile), "nothing was changed");
        assertThrows(IOException.class, files.systemProxy::restore);
        assertTrue(Files.exists(journal), "nor removed by a restore");
    }

    @Test
    void theRecoveryCommandPutsBackWhatACrashLeftAndSaysSo() throws Exception {
        FileSystemProxy crashed = new FileSystemProxy(directory);
        crashed.systemProxy.apply(ENGINE);
        // the app died: a new process runs the command over the same directory
        FileSystemProxy recovering = new FileSystemProxy(directory);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = RestoreSystemProxyCommand.run(recovering.systemProxy, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertEquals(0, exit);
        assertEquals("Restored the proxy settings of environment.d to what they were before PT Dispatcher changed them.",
                out.toString(StandardCharsets.UTF_8).strip());
        assertFalse(Files.exists(recovering.environmentFile));

        out.reset();
        assertEquals(0, RestoreSystemProxyCommand.run(recovering.systemProxy, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        assertEquals("Nothing to restore: PT Dispatcher has not changed the system proxy.", out.toString(StandardCharsets.UTF_8).strip());
    }
}
