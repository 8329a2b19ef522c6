package org.ptdispatcher.engine.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An idle engine does not load the Vector API: a transport asks at start whether the module is
 * missing (for its one warning line), and that question must not load the ~50 classes the
 * hardware probe does; the first keystream loads them. Run in a child JVM with the module, whose
 * class-loading log shows what each step loaded.
 */
class VectorApiLoadingTest {
    private static final String ASKED = "asked whether the module is missing";
    private static final String MADE = "made a keystream";

    /** The child: the two steps, each followed by a marker line on stdout, where the class-loading log also goes. */
    public static void main(String[] args) {
        System.out.println(ASKED + ": " + Keystream.vectorModuleMissing());
        System.out.println(MADE + ": vectorized " + Keystream.salsa20().vectorized());
    }

    @Test
    void askingWhetherTheModuleIsMissingLoadsNoVectorApiClassAndTheFirstKeystreamLoadsThem() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Xlog:class+load=info:stdout",
                "-cp", System.getProperty("java.class.path"), VectorApiLoadingTest.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), String.join("\n", lines));
        int asked = indexOf(lines, ASKED);
        int made = indexOf(lines, MADE);
        assertTrue(asked >= 0 && made > asked, "the child's markers are missing: " + lines);
        assertFalse(lines.subList(0, asked).stream().anyMatch(VectorApiLoadingTest::loadsVectorApi),
                "the question loaded the Vector API");
        boolean vectorized = lines.get(made).endsWith("vectorized true");
        assertEquals(vectorized, lines.subList(asked, made).stream().anyMatch(VectorApiLoadingTest::loadsVectorApi),
                "the first keystream loads the Vector API exactly when it uses it");
    }

    private static boolean loadsVectorApi(String line) {
        return line.contains("[class,load] jdk.incubator.vector.");
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(marker)) {
                return i;
            }
        }
        return -1;
    }
}
