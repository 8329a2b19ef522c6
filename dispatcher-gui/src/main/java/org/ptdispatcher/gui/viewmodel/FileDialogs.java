package org.ptdispatcher.gui.viewmodel;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The desktop's file and folder choosers, as the view models ask for them (the app's are
 * {@code view.FxFileDialogs}); empty when the person cancels. Through this service a view model's
 * "Browse…" and "Save…" can be tested without a window.
 */
public interface FileDialogs {
    /** A folder; {@code initial} is where the chooser opens, when it is one. */
    Optional<Path> chooseDirectory(String title, Optional<Path> initial);

    /** An existing file to open, such as a program. */
    Optional<Path> chooseFileToOpen(String title);

    /** A file to write, offered first as {@code suggestedName}. */
    Optional<Path> chooseFileToSave(String title, String suggestedName);
}
