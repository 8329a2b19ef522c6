package org.ptdispatcher.gui.profile;

import java.io.IOException;
import java.nio.file.Path;

/** {@link AppSettings} in {@code settings.json} beside the profiles. */
public final class SettingsStore {
    private final OwnerOnlyJsonFile<AppSettings> file;

    public SettingsStore(Path configDirectory) {
        this.file = new OwnerOnlyJsonFile<>(configDirectory.resolve("settings.json"), AppSettings.class);
    }

    /** The saved settings, or the defaults when there are none or the file cannot be read. */
    public AppSettings load() {
        try {
            return file.read().orElse(AppSettings.defaults());
        } catch (IOException e) {
            return AppSettings.defaults();
        }
    }

    public void save(AppSettings settings) throws IOException {
        file.write(settings);
    }
}
