package org.ptdispatcher.gui.sysproxy;

import org.ptdispatcher.gui.profile.OwnerOnlyJsonFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings the system proxy had before the app changed them, written (whole, owner-only)
 * before anything is changed and removed once they are back. If the app dies with the switch on
 * (a crash, a power cut), the file is still there, and the next start or the recovery command
 * puts them back. A journal that cannot be read is never replaced: it may hold the only copy.
 */
public final class SystemProxyJournal {
    static final String FILE_NAME = "system-proxy-journal.json";

    /** One place: its values before the app's change, and the app's own. */
    public record Place(String name, Map<String, String> previous, Map<String, String> applied) {
        public Place {
            previous = Map.copyOf(previous);
            applied = Map.copyOf(applied);
        }
    }

    /** The whole journal. */
    public record Entries(List<Place> places) {
        public Entries {
            places = List.copyOf(places);
        }
    }

    private final OwnerOnlyJsonFile<Entries> file;

    public SystemProxyJournal(Path configDirectory) {
        this.file = new OwnerOnlyJsonFile<>(configDirectory.resolve(FILE_NAME), Entries.class);
    }

    public Path path() {
        return file.path();
    }

    /** What is journaled, if anything; fails if the file is there but cannot be read as a journal. */
    public Optional<Entries> read() throws IOException {
        try {
            return file.read();
        } catch (IOException | RuntimeException e) {
            throw new IOException("the journal of the proxy settings before PT Dispatcher changed them, " + file.path()
                    + ", cannot be read (" + e.getMessage() + "); it is left as it is", e);
        }
    }

    void write(Entries entries) throws IOException {
        file.write(entries);
    }

    void remove() throws IOException {
        Files.deleteIfExists(file.path());
    }
}
