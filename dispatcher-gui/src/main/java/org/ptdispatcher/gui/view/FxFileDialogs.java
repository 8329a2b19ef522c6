package org.ptdispatcher.gui.view;

import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.ptdispatcher.gui.viewmodel.FileDialogs;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** JavaFX's choosers, owned by the window that has the focus (a dialog, or else the main window). */
public final class FxFileDialogs implements FileDialogs {
    private final Supplier<Window> mainWindow;

    public FxFileDialogs(Supplier<Window> mainWindow) {
        this.mainWindow = mainWindow;
    }

    @Override
    public Optional<Path> chooseDirectory(String title, Optional<Path> initial) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        initial.filter(Files::isDirectory).ifPresent(dir -> chooser.setInitialDirectory(dir.toFile()));
        return path(chooser.showDialog(owner()));
    }

    @Override
    public Optional<Path> chooseFileToOpen(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        return path(chooser.showOpenDialog(owner()));
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggestedName);
        return path(chooser.showSaveDialog(owner()));
    }

    private Window owner() {
        return Window.getWindows().stream().filter(Window::isFocused).findFirst().orElseGet(mainWindow);
    }

    private static Optional<Path> path(File chosen) {
        return Optional.ofNullable(chosen).map(File::toPath);
    }
}
