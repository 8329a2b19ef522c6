package org.ptdispatcher.gui.view;

import javafx.scene.Scene;

import java.util.Objects;

/** The style sheets: shared rules in base.css, colours in one file per theme. */
final class Themes {
    private static final String BASE = sheet("base.css");
    private static final String LIGHT = sheet("light.css");
    private static final String DARK = sheet("dark.css");

    private Themes() {
    }

    static void apply(Scene scene, boolean dark) {
        scene.getStylesheets().setAll(BASE, dark ? DARK : LIGHT);
    }

    private static String sheet(String name) {
        return Objects.requireNonNull(Themes.class.getResource(name), name).toExternalForm();
    }
}
