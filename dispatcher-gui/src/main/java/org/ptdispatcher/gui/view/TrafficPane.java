package org.ptdispatcher.gui.view;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import org.ptdispatcher.gui.i18n.ByteSizes;
import org.ptdispatcher.gui.i18n.Messages;
import org.ptdispatcher.gui.viewmodel.RunState;
import org.ptdispatcher.gui.viewmodel.RunViewModel;
import org.ptdispatcher.gui.viewmodel.TrafficViewModel;

import java.util.List;

/**
 * A running profile's live traffic: "↓ 1.2 MB/s ↑ 35 KB/s · 48 MB received, 2.1 MB sent" and a
 * small chart of the last minute's rates, received solid and sent dashed, in the text's colour
 * (so it follows the theme without colours of its own). Shown once the engine has reported.
 */
final class TrafficPane extends VBox {
    private static final double CHART_WIDTH = 360;
    private static final double CHART_HEIGHT = 80;

    private final TrafficViewModel traffic;
    private final Label line = new Label();
    private final Canvas chart = new Canvas(CHART_WIDTH, CHART_HEIGHT);

    TrafficPane(Messages messages, RunViewModel run) {
        super(4);
        this.traffic = run.traffic();
        setId("traffic");
        line.setId("trafficLine");
        line.setWrapText(true);
        line.textProperty().bind(messages.text(() -> messages.get("traffic.line",
                ByteSizes.rate(messages, traffic.rateProperty().get().down()), ByteSizes.rate(messages, traffic.rateProperty().get().up()),
                ByteSizes.size(messages, traffic.receivedProperty().get()), ByteSizes.size(messages, traffic.sentProperty().get())),
                traffic.rateProperty(), traffic.receivedProperty(), traffic.sentProperty()));
        chart.setId("trafficChart");
        chart.setAccessibleRole(javafx.scene.AccessibleRole.IMAGE_VIEW);
        chart.accessibleTextProperty().bind(messages.text("traffic.chart"));
        traffic.samples().addListener((ListChangeListener<TrafficViewModel.Rate>) c -> draw());
        line.textFillProperty().addListener(o -> draw()); // a change of theme
        getChildren().addAll(line, chart);
        visibleProperty().bind(Bindings.createBooleanBinding(() -> run.state() == RunState.RUNNING && traffic.reportedProperty().get(),
                run.stateProperty(), traffic.reportedProperty()));
        managedProperty().bind(visibleProperty());
    }

    /** The two rates as polylines over the last {@link TrafficViewModel#SAMPLES} reports, scaled to the highest. */
    private void draw() {
        GraphicsContext g = chart.getGraphicsContext2D();
        g.clearRect(0, 0, CHART_WIDTH, CHART_HEIGHT);
        List<TrafficViewModel.Rate> samples = traffic.samples();
        Paint paint = line.getTextFill();
        Color colour = paint instanceof Color c ? c : Color.GRAY;
        g.setStroke(colour.deriveColor(0, 1, 1, 0.3));
        g.setLineWidth(1);
        g.strokeLine(0, CHART_HEIGHT - 0.5, CHART_WIDTH, CHART_HEIGHT - 0.5);
        if (samples.size() < 2) {
            return;
        }
        double highest = samples.stream().mapToDouble(r -> Math.max(r.down(), r.up())).max().orElse(0);
        if (highest <= 0) {
            return;
        }
        g.setStroke(colour);
        g.setLineWidth(1.5);
        g.setLineDashes();
        g.strokePolyline(xs(samples.size()), ys(samples, highest, true), samples.size());
        g.setLineDashes(4, 3);
        g.strokePolyline(xs(samples.size()), ys(samples, highest, false), samples.size());
        g.setLineDashes();
    }

    /** The newest sample at the right edge, one step per report, so the chart fills from the right as a minute goes by. */
    private static double[] xs(int count) {
        double step = CHART_WIDTH / (TrafficViewModel.SAMPLES - 1);
        double[] xs = new double[count];
        for (int i = 0; i < count; i++) {
            xs[i] = CHART_WIDTH - (count - 1 - i) * step;
        }
        return xs;
    }

    private static double[] ys(List<TrafficViewModel.Rate> samples, double highest, boolean down) {
        double usable = CHART_HEIGHT - 3;
        double[] ys = new double[samples.size()];
        for (int i = 0; i < ys.length; i++) {
            double value = down ? samples.get(i).down() : samples.get(i).up();
            ys[i] = CHART_HEIGHT - 1.5 - usable * value / highest;
        }
        return ys;
    }
}
