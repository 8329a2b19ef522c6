package org.ptdispatcher.gui.profile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * One JSON file that only its owner may read, written whole or not at all: the new content goes
 * to an owner-only temporary file beside it, which then replaces the old one. A crash mid-write
 * leaves the previous file intact; profiles hold secrets, so no moment exists when the file is
 * readable by others.
 */
public final class OwnerOnlyJsonFile<T> {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final Path file;
    private final Class<T> type;

    public OwnerOnlyJsonFile(Path file, Class<T> type) {
        this.file = file;
        this.type = type;
    }

    public Path path() {
        return file;
    }

    /** The stored value, or empty if the file does not exist yet. */
    public Optional<T> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.ofNullable(MAPPER.readValue(file.toFile(), type));
    }

    public void write(T value) throws IOException {
        Path dir = ConfigDirectory.createOwnerOnly(file.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            ConfigDirectory.restrictToOwner(temporary, false);
            MAPPER.writeValue(temporary.toFile(), value);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
