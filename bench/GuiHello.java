import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;

/**
 * bench/gui-startup.sh's reference: the smallest JavaFX window (one label), titled "PT Dispatcher"
 * and reporting its first frame the way the app's FirstFrameReport does, so that the two starts
 * differ only in what the app does on top of JavaFX.
 */
public final class GuiHello {
    private GuiHello() {
    }

    public static void main(String[] args) {
        // a main class apart from the Application, as the app's: java then runs it from a class path
        Application.launch(Window.class, args);
    }

    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            stage.setTitle("PT Dispatcher");
            stage.setScene(new Scene(new StackPane(new Label("Hello")), 1100, 760));
            stage.setOnShown(shown -> {
                print("WINDOW-SHOWN");
                new AnimationTimer() {
                    private int pulses;

                    @Override
                    public void handle(long now) {
                        if (++pulses == 2) {
                            print("FIRST-FRAME");
                            stop();
                        }
                    }
                }.start();
            });
            stage.show();
        }
    }

    private static void print(String event) {
        long now = System.currentTimeMillis();
        System.err.println(event + " " + (now - ManagementFactory.getRuntimeMXBean().getStartTime()) + " " + now);
    }
}
