package org.ptdispatcher.gui.testing;

import org.ptdispatcher.gui.viewmodel.FileDialogs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The app's {@link FileDialogs} for view-model tests: answers what the test chose beforehand, and notes each question. */
public final class ChosenFiles implements FileDialogs {
    private Optional<Path> answer = Optional.empty();
    private final List<String> asked = new ArrayList<>();
    private Optional<Path> lastInitial = Optional.empty();

    /** The next chooser returns {@code path}; without this, every chooser is cancelled. */
    public ChosenFiles choose(Path path) {
        answer = Optional.of(path);
        return this;
    }

    /** The titles of the choosers shown so far. */
    public List<String> asked() {
        return asked;
    }

    /** Where the last folder chooser was asked to open. */
    public Optional<Path> lastInitial() {
        return lastInitial;
    }

    @Override
    public Optional<Path> chooseDirectory(String title, Optional<Path> initial) {
        lastInitial = initial;
        return answer(title);
    }

    @Override
    public Optional<Path> chooseFileToOpen(String title) {
        return answer(title);
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, String suggestedName) {
        return answer(title);
    }

    private Optional<Path> answer(String title) {
        asked.add(title);
        Optional<Path> given = answer;
        answer = Optional.empty();
        return given;
    }
}
