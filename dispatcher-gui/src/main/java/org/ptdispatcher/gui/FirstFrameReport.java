package org.ptdispatcher.gui;

import javafx.animation.AnimationTimer;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

import java.lang.management.ManagementFactory;

/**
 * Opt-in ({@code -Dptdispatcher.reportFirstFrame=true}) start-up timing for bench/gui-startup.sh:
 * one line {@code WINDOW-SHOWN <ms>} on stderr when the stage is shown, and one line
 * {@code FIRST-FRAME <ms>} when the first frame with the window's content has been drawn, both in
 * milliseconds since the JVM started, followed by the wall-clock time in epoch milliseconds (for
 * a benchmark that counts from its own spawn, before the JVM). The frame counts as drawn at the
 * start of the second pulse after showing: JavaFX starts a pulse only once the previous one has
 * rendered, and an FX thread busy after show() delays both, which is what a user sees as a
 * black window.
 */
final class FirstFrameReport {
    static final String PROPERTY = "ptdispatcher.reportFirstFrame";

    private FirstFrameReport() {
    }

    /** Reports on {@code stage}'s first showing, when the property asks for it; call before show(). */
    static void ifRequested(Stage stage) {
        if (!Boolean.getBoolean(PROPERTY)) {
            return;
        }
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, shown -> {
            print("WINDOW-SHOWN");
            new AnimationTimer() {
                private int pulses;

                @Override
                public void handle(long now) {
                    boolean content = stage.getScene() != null && stage.getScene().getRoot().getLayoutBounds().getWidth() > 0;
                    if (content && ++pulses == 2) {
                        print("FIRST-FRAME");
                        stop();
                    }
                }
            }.start();
        });
    }

    private static void print(String event) {
        long now = System.currentTimeMillis();
        System.err.println(event + " " + (now - ManagementFactory.getRuntimeMXBean().getStartTime()) + " " + now);
    }
}
