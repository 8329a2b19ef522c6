package org.ptdispatcher.engine.log;

import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.Test;
import org.ptdispatcher.engine.common.LogLevel;
import org.ptdispatcher.engine.ipc.IpcWriter;
import org.ptdispatcher.engine.net.NetworkRuntime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Out of memory ends the process with a LOG line, in a real child JVM: once where an event loop
 * task fails with it (Netty catches the error and logs it, and the loop would go on), once where
 * a plain thread dies of it. Before, the first left the process running and the second killed the
 * thread alone (as it did the shutdown watch).
 */
class OutOfMemoryExitTest {

    /** The child: LOG lines on stdout at NONE (the exit's line must come regardless), then an out-of-memory error where args[0] says. */
    public static void main(String[] args) throws Exception {
        IpcWriter ipc = new IpcWriter(System.out, System.err);
        ipc.useLogLevel(LogLevel.NONE);
        EngineLog.useIpc(ipc);
        OutOfMemoryExit.installForAllThreads();
        if (args[0].equals("event-loop")) {
            EventLoopGroup group = NetworkRuntime.start().group();
            group.next().execute(() -> {
                long[] tooBig = new long[Integer.MAX_VALUE - 8];
                tooBig[0] = 1;
            });
        } else {
            Thread t = new Thread(() -> {
                long[] tooBig = new long[Integer.MAX_VALUE - 8];
                tooBig[0] = 1;
            }, "worker");
            t.start();
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(60)); // the error must end the process before this does
        System.out.println("still running");
    }

    private static void assertEndsTheProcess(String where) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"), OutOfMemoryExitTest.class.getName(), where).start();
        assertTrue(child.waitFor(50, TimeUnit.SECONDS), "the process did not end");
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(OutOfMemoryExit.EXIT_CODE, child.exitValue(), out + err);
        assertTrue(out.startsWith("LOG ERROR out of memory in "), out);
        assertTrue(err.contains("ptdispatcher: out of memory; exiting"), err);
    }

    @Test
    void anEventLoopTaskOutOfMemoryEndsTheProcess() throws Exception {
        assertEndsTheProcess("event-loop");
    }

    @Test
    void aThreadThatDiesOutOfMemoryEndsTheProcess() throws Exception {
        assertEndsTheProcess("thread");
    }
}
