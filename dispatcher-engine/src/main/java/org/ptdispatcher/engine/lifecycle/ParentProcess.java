package org.ptdispatcher.engine.lifecycle;

import org.ptdispatcher.engine.log.EngineLog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The process that started this one, and whether it is gone, without ever taking an error for a
 * death: a process that has run out of file descriptors cannot open {@code /proc} to ask
 * ({@link ProcessHandle#parent()} then comes back empty), and must not conclude its parent died.
 *
 * <p>On Linux {@code /proc/self/stat} is opened once, at start, and read again from its start
 * for each question (the kernel regenerates it on every read from offset 0), so no descriptor is
 * needed; a changed parent pid means this process was re-parented, which happens only when its
 * parent exits. Elsewhere {@link ProcessHandle} answers, and a parent it cannot find is gone
 * only if its handle from the start says so too.
 */
abstract class ParentProcess {
    private static final System.Logger LOG = EngineLog.logger(ParentProcess.class);
    private static final Path STAT = Path.of("/proc/self/stat");

    final long pid;

    private ParentProcess(long pid) {
        this.pid = pid;
    }

    /** The parent to outlive; empty when there is none: started by init, or as the first process of a container or PID namespace. */
    static Optional<ParentProcess> atStart() {
        if (Files.isReadable(STAT)) {
            try {
                return ProcStat.open();
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "cannot read " + STAT + ", asking ProcessHandle instead: " + e);
            }
        }
        return ProcessHandle.current().parent().filter(p -> p.pid() != 1).map(Handle::new);
    }

    /** True once the parent is known to have exited; false while it runs, and whenever that cannot be told now. */
    abstract boolean gone();

    /** Linux: the parent pid field of {@code /proc/self/stat}, read through a descriptor held from the start. */
    private static final class ProcStat extends ParentProcess {
        private final FileChannel stat;
        private final ByteBuffer buffer = ByteBuffer.allocate(2048);
        private boolean unreadableReported;

        private ProcStat(FileChannel stat, long pid) {
            super(pid);
            this.stat = stat;
        }

        static Optional<ParentProcess> open() throws IOException {
            FileChannel stat = FileChannel.open(STAT);
            ProcStat parent = new ProcStat(stat, 0);
            long ppid = parent.readParentPid();
            if (ppid <= 1) {
                stat.close();
                return Optional.empty();
            }
            return Optional.of(new ProcStat(stat, ppid));
        }

        @Override
        synchronized boolean gone() {
            try {
                return readParentPid() != pid;
            } catch (IOException | RuntimeException e) {
                if (!unreadableReported) {
                    unreadableReported = true;
                    LOG.log(System.Logger.Level.DEBUG, "cannot tell whether the parent process is alive: " + e);
                }
                return false;
            }
        }

        /** Field 4: {@code pid (comm) state ppid ...}; comm may hold spaces and parentheses, so count from the last ')'. */
        private long readParentPid() throws IOException {
            buffer.clear();
            int n = stat.read(buffer, 0);
            if (n <= 0) {
                throw new IOException(STAT + " read nothing");
            }
            String text = new String(buffer.array(), 0, n, StandardCharsets.US_ASCII);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ", 3);
            return Long.parseLong(fields[1]);
        }
    }

    /** Other systems: {@link ProcessHandle}. */
    private static final class Handle extends ParentProcess {
        private final ProcessHandle atStart;

        Handle(ProcessHandle atStart) {
            super(atStart.pid());
            this.atStart = atStart;
        }

        @Override
        boolean gone() {
            Optional<ProcessHandle> now = ProcessHandle.current().parent();
            if (now.isPresent()) {
                return now.get().pid() != pid || !now.get().isAlive();
            }
            return !atStart.isAlive();
        }
    }
}
