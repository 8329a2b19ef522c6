package org.ptdispatcher.engine.lifecycle;

import org.ptdispatcher.engine.config.ConfigException;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Makes sure the state directory exists: created owner-only (0700) when missing, left alone when present. */
final class StateDirectory {
    private StateDirectory() {
    }

    static void ensure(Path directory) throws ConfigException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (Files.exists(directory)) {
            throw new ConfigException("the state location " + directory + " exists and is not a directory");
        }
        try {
            Path parent = directory.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(directory);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory)) {
                throw new ConfigException("the state directory " + directory + " cannot be created: " + e.getFile() + " is in the way");
            }
        } catch (IOException | SecurityException e) {
            throw new ConfigException("the state directory " + directory + " cannot be created: " + e.getMessage());
        }
    }
}
