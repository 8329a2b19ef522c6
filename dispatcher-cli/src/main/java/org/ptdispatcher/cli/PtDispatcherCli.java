package org.ptdispatcher.cli;

import org.ptdispatcher.engine.lifecycle.Dispatcher;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code ptdispatcher}: the engine as a process. Reads flags (made from the engine's parameter
 * table) and the environment, runs the {@link Dispatcher}, and exits with its code.
 *
 * <p>stdout is the IPC channel: only the engine's IPC writer holds it. Java's standard output stream is
 * pointed at stderr so that nothing else (a stray print in a library) can corrupt the protocol.
 */
public final class PtDispatcherCli {
    private PtDispatcherCli() {
    }

    public static void main(String[] args) {
        OutputStream ipcOut = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 8192);
        OutputStream ipcErr = new BufferedOutputStream(new FileOutputStream(FileDescriptor.err), 8192);
        FlagParser flags = new FlagParser();
        FlagParser.Result parsed = flags.parse(args);
        if (parsed.helpRequested()) {
            PrintStream help = new PrintStream(ipcOut, true, StandardCharsets.UTF_8);
            help.print(flags.usage());
            help.flush();
            System.exit(0);
        }
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Dispatcher.run(System.getenv(), parsed.flags(), parsed.error(),
                    new Dispatcher.Io(new FileInputStream(FileDescriptor.in), ipcOut, ipcErr, Path.of("").toAbsolutePath()));
        } catch (RuntimeException | Error e) {
            // A bug: one line for the parent, never a stack trace.
            System.err.println("ptdispatcher: internal error: " + e);
            code = 70;
        }
        System.exit(code);
    }
}
