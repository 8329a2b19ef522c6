package org.ptdispatcher.cli.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real program from a Debian package that a test runs against. In CI ({@code CI=true}) a missing
 * peer fails the test: the run must prove interoperability. Elsewhere it skips, naming the package.
 */
public final class Peer {
    private Peer() {
    }

    /** The path of {@code program}, from Debian package {@code debianPackage}. */
    public static Path require(String program, String debianPackage) {
        for (String dir : List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin", "/usr/local/bin")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return missing(program + " not found: apt-get install " + debianPackage);
    }

    /**
     * The path of {@code program} from a package of Debian's unstable suite, which
     * {@code testing/fetch-unstable-peers.sh} (run by {@code .ci/run}) unpacks into the checkout's
     * {@code testing/tools/}; found on the system too when it is installed there.
     */
    public static Path requireUnstable(String program) {
        Path unpacked = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent()
                .resolve("testing/tools/unstable/root/usr/bin").resolve(program);
        if (Files.isExecutable(unpacked)) {
            return unpacked;
        }
        for (String dir : List.of("/usr/bin", "/usr/local/bin")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return missing(program + " not found: run testing/fetch-unstable-peers.sh (Debian unstable's " + program + ")");
    }

    private static Path missing(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " (required in CI)");
        }
        Assumptions.abort(message);
        throw new IllegalStateException("unreachable");
    }
}
