package org.ptdispatcher.gui.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The user's profiles, in {@code profiles.json} in the app's directory (owner-only). The file is
 * small and read once at start, so the whole list is written on every change.
 */
public final class ProfileStore {
    /** The file's shape; {@code version} lets a later app read an older file. */
    record StoredProfiles(int version, List<Profile> profiles) {
    }

    private final OwnerOnlyJsonFile<StoredProfiles> file;
    private final Path stateRoot;
    private final Path torRoot;

    public ProfileStore(Path configDirectory) {
        this.file = new OwnerOnlyJsonFile<>(configDirectory.resolve("profiles.json"), StoredProfiles.class);
        this.stateRoot = configDirectory.resolve("state");
        this.torRoot = configDirectory.resolve("tor");
    }

    public Path file() {
        return file.path();
    }

    public List<Profile> load() throws IOException {
        return file.read().map(s -> s.profiles() == null ? List.<Profile>of() : List.copyOf(s.profiles())).orElse(List.of());
    }

    public void save(List<Profile> profiles) throws IOException {
        file.write(new StoredProfiles(1, new ArrayList<>(profiles)));
    }

    /** Where a profile's Tor run keeps its torrc and DataDirectory (owner-only), as the headless command's. */
    public Path torDirectory(Profile profile) {
        return torRoot.resolve(profile.id());
    }

    /** The state directory a profile uses when it names none: one of the app's own, per profile. */
    public Path defaultStateDirectory(Profile profile) {
        return stateRoot.resolve(profile.id());
    }
}
