package org.ptdispatcher.installers;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.spi.ToolProvider;

/** Runs the JDK's own tools (jdeps, javac, jlink, jpackage) in this JVM, so the recipe uses exactly the JDK that runs it. */
final class Tools {
    private Tools() {
    }

    /** Runs {@code tool} and returns what it printed; a non-zero exit fails the build with that output. */
    static String run(String tool, List<String> args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException(tool + " is not in this JDK (" + System.getProperty("java.home") + ")"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        System.out.println("[installers] " + tool + " " + String.join(" ", args));
        int code = provider.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        if (code != 0) {
            throw new IllegalStateException(tool + " failed (exit " + code + "):\n" + out + err);
        }
        return out.toString() + err;
    }
}
