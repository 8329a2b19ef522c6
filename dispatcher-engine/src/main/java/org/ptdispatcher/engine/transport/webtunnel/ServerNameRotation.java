package org.ptdispatcher.engine.transport.webtunnel;

import org.ptdispatcher.engine.transport.InvalidTransportOptionsException;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The names a {@code servername=a,b,c} spec offers for SNI, used one at a time as lyrebird does:
 * each spec starts at a random name and keeps it while connections work; a connection that fails
 * its upgrade moves the spec to the next name (unless another connection already moved it).
 * Shared by the connections of one client listener.
 */
final class ServerNameRotation {
    private final List<String> names;
    private int current;

    ServerNameRotation(String spec, SecureRandom random) throws InvalidTransportOptionsException {
        this.names = names(spec);
        this.current = random.nextInt(names.size());
    }

    /** The names of a spec: comma-separated, blanks dropped; at least one. */
    static List<String> names(String spec) throws InvalidTransportOptionsException {
        List<String> names = new ArrayList<>();
        for (String name : spec.split(",", -1)) {
            if (!name.trim().isEmpty()) {
                names.add(name.trim());
            }
        }
        if (names.isEmpty()) {
            throw new InvalidTransportOptionsException("servername names no server name");
        }
        return List.copyOf(names);
    }

    synchronized String current() {
        return names.get(current);
    }

    /** A connection that sent {@code failed} did not get through: use the next name, once per failure of the current one. */
    synchronized void failed(String failed) {
        if (names.get(current).equals(failed)) {
            current = (current + 1) % names.size();
        }
    }
}
