package org.ptdispatcher.gui.sysproxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@link Commands} as child processes, with stdin closed. A settings tool that hangs (a D-Bus
 * session that never answers) is killed after {@link #TIME_LIMIT_SECONDS}, so the app never waits
 * forever on the way out.
 */
public final class ProcessCommands implements Commands {
    static final long TIME_LIMIT_SECONDS = 15;

    private final Map<String, String> environment;

    /** @param environment variables added to the app's own for every command (a private D-Bus session in tests) */
    public ProcessCommands(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Result run(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        String output = readAll(process.getInputStream());
        try {
            if (!process.waitFor(TIME_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within " + TIME_LIMIT_SECONDS + " s");
            }
            return new Result(process.exitValue(), output, errors.get());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(command.get(0) + " was interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException(command.get(0) + "'s errors could not be read", e.getCause());
        }
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
