package org.ptdispatcher.gui.tor;

import org.ptdispatcher.engine.common.HostPort;
import org.ptdispatcher.gui.share.BridgeLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The whole bridge line a bridge operator hands out: the transport and the address clients reach,
 * tor's fingerprint (its DataDirectory's {@code fingerprint} file: {@code Nickname HEX}) and the
 * transport's arguments from the line its server wrote ({@code pt_state/obfs4_bridgeline.txt} in
 * obfs4proxy's format, which ptdispatcher and lyrebird write too: {@code Bridge obfs4 <IP
 * ADDRESS>:<PORT> <FINGERPRINT> cert=... iat-mode=0}).
 */
public final class OperatorBridgeLine {
    private OperatorBridgeLine() {
    }

    /**
     * @param fingerprintFile  the text of tor's {@code fingerprint} file
     * @param transportLine    the text of the transport's bridge-line file; empty for a transport without one (plain)
     * @throws IllegalArgumentException if the fingerprint file holds no fingerprint
     */
    public static BridgeLine of(String transport, HostPort reachableAt, String fingerprintFile, Optional<String> transportLine) {
        String[] words = fingerprintFile.trim().split("\\s+");
        String fingerprint = words[words.length - 1];
        if (!fingerprint.matches("[0-9A-Fa-f]{40}")) {
            throw new IllegalArgumentException("no relay fingerprint in \"" + fingerprintFile.trim() + "\"");
        }
        Map<String, String> args = new LinkedHashMap<>();
        transportLine.ifPresent(text -> text.lines()
                .map(String::trim)
                .filter(line -> line.startsWith("Bridge " + transport + " "))
                .reduce((first, last) -> last)
                .ifPresent(line -> {
                    for (String word : line.split("\\s+")) {
                        int equals = word.indexOf('=');
                        if (equals > 0) {
                            args.put(word.substring(0, equals), word.substring(equals + 1));
                        }
                    }
                }));
        return new BridgeLine(transport, reachableAt, Optional.of(fingerprint), args);
    }

    /** From a running bridge's DataDirectory. */
    public static BridgeLine read(String transport, HostPort reachableAt, Path dataDirectory) throws IOException {
        Path ptLine = dataDirectory.resolve("pt_state").resolve(transport + "_bridgeline.txt");
        return of(transport, reachableAt, Files.readString(dataDirectory.resolve("fingerprint")),
                Files.exists(ptLine) ? Optional.of(Files.readString(ptLine)) : Optional.empty());
    }
}
