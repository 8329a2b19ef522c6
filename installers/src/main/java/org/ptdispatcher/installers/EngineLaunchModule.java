package org.ptdispatcher.installers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A one-class module, {@value #NAME}, whose only job is to name the engine's boot-layer modules
 * (the engine and the Vector API) so that jlink works their graph out at build time.
 *
 * <p>Why: resolving modules at start-up is slow, tens of milliseconds of interpreted code, so
 * jlink precomputes the graph for the default root set and for each module that has a main class.
 * The engine needs the incubating Vector API in its boot layer, and the engine module cannot
 * require it outright (see {@link EngineModule#descriptor}: the desktop app shares the runtime and
 * must start without it). Adding it with {@code --add-modules} works, but any module option turns
 * the precomputed graph off and makes the JVM resolve all modules at every start. This module
 * requires both and has a main class, so jlink precomputes its graph; the engine launcher names
 * it as the initial module ({@value #MAIN_MODULE_OPTION}, what {@code java -m} sets) and still
 * starts the engine by class name (see {@link AppImage#ENGINE_CLASS_PATH} for why not {@code -m}).
 * It exports nothing, so it is never among the default roots and the desktop app never loads it.
 */
final class EngineLaunchModule {
    static final String NAME = "ptdispatcher.launch";
    static final String MAIN_MODULE_OPTION = "-Djdk.module.main=" + NAME;
    private static final String MAIN_CLASS = "org.ptdispatcher.launch.EngineMain";

    private EngineLaunchModule() {
    }

    /** Writes {@code modules/ptdispatcher.launch.jar} beside {@code engineModule}. */
    static Path make(Path engineModule, Path work) throws IOException {
        Path sources = work.resolve("launch-module-src");
        Path classes = work.resolve("launch-module-classes");
        Path mainSource = sources.resolve(MAIN_CLASS.replace('.', '/') + ".java");
        Files.createDirectories(mainSource.getParent());
        Files.writeString(sources.resolve("module-info.java"), """
                module %s {
                    requires %s;
                    requires jdk.incubator.vector;
                }
                """.formatted(NAME, EngineModule.NAME));
        Files.writeString(mainSource, """
                package org.ptdispatcher.launch;

                /** The main class jlink asks for before it precomputes this module's graph; it runs the engine. */
                public final class EngineMain {
                    private EngineMain() {
                    }

                    public static void main(String[] args) {
                        %s.main(args);
                    }
                }
                """.formatted(EngineModule.MAIN_CLASS));
        Tools.run("javac", List.of("--module-path", engineModule.getParent().toString(),
                "-d", classes.toString(), sources.resolve("module-info.java").toString(), mainSource.toString()));
        Path jar = engineModule.resolveSibling(NAME + ".jar");
        Files.deleteIfExists(jar);
        Tools.run("jar", List.of("--create", "--file", jar.toString(), "--main-class", MAIN_CLASS, "-C", classes.toString(), "."));
        return jar;
    }
}
