package org.ptdispatcher.engine.lifecycle;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ParentProcess} in a real child JVM that has used up its file descriptors ({@code ulimit
 * -n 64}, then files opened until EMFILE): the parent, this test's JVM, is alive, and must be
 * reported so. {@link ProcessHandle#parent()} is asked too, to show the trap the watch fell into
 * before: without a descriptor to read {@code /proc} it reports no parent at all.
 */
class ParentProcessTest {

    /** The child's main: exhausts its descriptors, then asks both ways. */
    public static void main(String[] args) throws IOException {
        ParentProcess parent = ParentProcess.atStart().orElseThrow();
        List<InputStream> held = new ArrayList<>();
        try {
            while (true) {
                held.add(Files.newInputStream(Path.of("/dev/null")));
            }
        } catch (IOException exhausted) {
            System.out.println("exhausted: " + exhausted.getMessage());
        }
        System.out.println("processHandleParent=" + (ProcessHandle.current().parent().isPresent() ? "present" : "empty"));
        System.out.println("gone=" + parent.gone());
        held.forEach(in -> {
            try {
                in.close();
            } catch (IOException ignored) {
                // exiting
            }
        });
    }

    @Test
    void aProcessOutOfDescriptorsStillKnowsItsParentIsAlive() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder("bash", "-c", "ulimit -n 64 && exec \"$0\" \"$@\"", java, "-cp", System.getProperty("java.class.path"),
                ParentProcessTest.class.getName()).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertTrue(out.contains("exhausted: ") && out.toLowerCase().contains("too many open files"), out);
        assertTrue(out.contains("processHandleParent=empty"), "ProcessHandle could read /proc after all: " + out);
        assertTrue(out.contains("gone=false"), out);
        assertEquals(0, child.exitValue(), out);
    }
}
