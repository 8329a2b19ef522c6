package org.ptdispatcher.engine.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The JVM options the engine's process runs with, as written once in {@code java-options.properties}
 * beside this class (which says why each is there, and who else reads the file).
 */
public final class EngineJavaOptions {
    private static final String RESOURCE = "java-options.properties";
    private static final Properties OPTIONS = load();

    private EngineJavaOptions() {
    }

    /** The options of every start of the engine. */
    public static List<String> always() {
        return words("options");
    }

    /** {@link #always()}, then what running from {@code ptdispatcher.jar} on the class path adds. */
    public static List<String> forJar() {
        List<String> options = new ArrayList<>(always());
        options.addAll(words("jar-options"));
        return List.copyOf(options);
    }

    /** The whole command that runs the engine's jar with the java program {@code java}, before the engine's own arguments. */
    public static List<String> jarCommand(String java, String jar) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(forJar());
        command.addAll(List.of("-jar", jar));
        return List.copyOf(command);
    }

    private static List<String> words(String key) {
        String value = OPTIONS.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(RESOURCE + " has no " + key);
        }
        return Arrays.stream(value.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    private static Properties load() {
        try (InputStream in = EngineJavaOptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing beside " + EngineJavaOptions.class.getName());
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
