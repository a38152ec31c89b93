package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.awt.Color;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;

/** {@code lmkit gradients} draws its plot in the comparison report's chart style. */
class GradientsPlotTest {

    private static XYSeries norms(double first, double factorPerStep) {
        XYSeries s = new XYSeries("rnn");
        for (int k = 0; k <= 50; k++) {
            s.add(k, first * Math.pow(factorPerStep, k));
        }
        return s;
    }

    @Test
    void vanishingNormsGetTheReportsWhiteLogPlotWithWholeDistances() {
        JFreeChart chart = GradientsCommand.chart("rnn", "h_(t-k)", norms(0.05, 0.7)); // 0.05 down to 1.8e-9
        XYPlot plot = chart.getXYPlot();
        assertEquals(Color.WHITE, plot.getBackgroundPaint(), "not JFreeChart's grey");
        LogAxis y = assertInstanceOf(LogAxis.class, plot.getRangeAxis());
        assertEquals("mean norm of dL_t/dh_(t-k) (log scale)", y.getLabel());
        // Log ticks a whole power of ten apart at least: no 10^-0.5.
        assertEquals(1.0, y.getStandardTickUnits().getCeilingTickUnit(0.3).getSize());
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        assertEquals(1.0, x.getStandardTickUnits().getCeilingTickUnit(0.4).getSize(), "distances are whole steps");
        assertEquals("Gradient norm against distance (rnn)", chart.getTitle().getText());
    }

    @Test
    void normsWithinOnePowerOfTenGetALinearAxis() {
        JFreeChart chart = GradientsCommand.chart("lstm", "h_(t-k)", norms(0.08, 0.99)); // 0.08 down to 0.048
        assertInstanceOf(NumberAxis.class, chart.getXYPlot().getRangeAxis());
        assertEquals("mean norm of dL_t/dh_(t-k)", chart.getXYPlot().getRangeAxis().getLabel());
    }
}
