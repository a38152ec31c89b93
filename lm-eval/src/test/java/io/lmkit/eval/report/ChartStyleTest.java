package io.lmkit.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.text.AttributedCharacterIterator;
import java.text.AttributedString;
import java.text.CharacterIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

/**
 * The shared chart style, checked on the JFreeChart objects (axis kinds, the ticks an axis makes
 * for its data area, colours), not on pixels.
 */
class ChartStyleTest {

    private static JFreeChart chart(ChartStyle.Domain domain, double[] xs, double[] ys) {
        XYSeries s = new XYSeries("model");
        for (int i = 0; i < xs.length; i++) {
            s.add(xs[i], ys[i]);
        }
        return ChartStyle.lineChart("title", "x", "y", new XYSeriesCollection(s), domain);
    }

    /** The tick labels {@code axis} draws once the chart is laid out at the report's 800 x 500 pixels. */
    private static List<String> labels(JFreeChart chart, ValueAxis axis, RectangleEdge edge) {
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = chart.createBufferedImage(800, 500, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        Graphics2D g2 = image.createGraphics();
        try {
            List<String> labels = new ArrayList<>();
            for (Object tick : axis.refreshTicks(g2, new AxisState(), area, edge)) {
                // A log axis' ticks carry their label as an AttributedString (for superscripts).
                String text = tick instanceof LogTick log ? plain(log.getAttributedLabel()) : ((Tick) tick).getText();
                if (text != null && !text.isEmpty()) { // minor ticks have no label
                    labels.add(text);
                }
            }
            return labels;
        } finally {
            g2.dispose();
        }
    }

    private static String plain(AttributedString label) {
        if (label == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        AttributedCharacterIterator it = label.getIterator();
        for (char c = it.first(); c != CharacterIterator.DONE; c = it.next()) {
            b.append(c);
        }
        return b.toString();
    }

    @Test
    void aNarrowPerplexityRangeGetsALinearAxisWithDistinctPlainLabels() {
        // The learning curve that printed 170.4 twice and 170.3 three times on a log axis.
        JFreeChart chart = chart(ChartStyle.Domain.NUMBERS, new double[] {10, 20, 30, 40},
                new double[] {170.6, 170.4, 170.25, 170.1});
        XYPlot plot = chart.getXYPlot();
        NumberAxis y = assertInstanceOf(NumberAxis.class, plot.getRangeAxis());
        assertFalse(y.getAutoRangeIncludesZero(), "the axis fits the data instead of stretching to zero");
        List<String> labels = labels(chart, y, RectangleEdge.LEFT);
        assertTrue(labels.size() >= 3, labels.toString());
        assertEquals(labels.size(), new HashSet<>(labels).size(), "no two ticks print the same label: " + labels);
        assertTrue(labels.stream().allMatch(l -> l.matches("170\\.\\d+")), "plain numbers: " + labels);
        assertEquals("y", y.getLabel());
    }

    @Test
    void valuesSpanningPowersOfTenGetALogAxisLabelledAtPowersOfTen() {
        JFreeChart chart = chart(ChartStyle.Domain.INTEGERS, new double[] {0, 10, 20, 30},
                new double[] {1.0, 1e-2, 1e-4, 1e-6});
        LogAxis y = assertInstanceOf(LogAxis.class, chart.getXYPlot().getRangeAxis());
        assertEquals("y (log scale)", y.getLabel());
        List<String> labels = labels(chart, y, RectangleEdge.LEFT);
        assertEquals(labels.size(), new HashSet<>(labels).size(), labels.toString());
        assertTrue(labels.contains("0.01") && labels.contains("1") && labels.contains("1E-6"), labels.toString());
        assertTrue(labels.stream().noneMatch(l -> l.contains("^")), "no 10^-0.5 labels: " + labels);
    }

    @Test
    void theLogAxisIsChosenFromTwoPowersOfTenOn() {
        assertTrue(ChartStyle.isLogScale(1e-6, 1.0));
        assertTrue(ChartStyle.isLogScale(2, 200));
        assertFalse(ChartStyle.isLogScale(170, 1500), "a learning curve from 1500 down to 170 stays linear");
        assertFalse(ChartStyle.isLogScale(0, 10), "zero has no logarithm");
        assertFalse(ChartStyle.isLogScale(Double.NaN, Double.NaN), "no data");
    }

    @Test
    void anOrderAxisHasWholeNumberTicksOnly() {
        JFreeChart chart = chart(ChartStyle.Domain.INTEGERS, new double[] {2, 3, 4, 5},
                new double[] {250, 190, 180, 178});
        NumberAxis x = (NumberAxis) chart.getXYPlot().getDomainAxis();
        assertEquals(List.of("2", "3", "4", "5"), labels(chart, x, RectangleEdge.BOTTOM));
    }

    @Test
    void tokensSeenAreLabelledWithThousandsSeparators() {
        JFreeChart chart = chart(ChartStyle.Domain.NUMBERS, new double[] {0, 2_000_000, 4_000_000},
                new double[] {900, 400, 300});
        List<String> labels = labels(chart, chart.getXYPlot().getDomainAxis(), RectangleEdge.BOTTOM);
        assertTrue(labels.contains("2,000,000"), labels.toString());
        assertEquals(labels.size(), new HashSet<>(labels).size(), labels.toString());
    }

    @Test
    void theBackgroundIsWhiteWithGreyGridLines() {
        JFreeChart chart = chart(ChartStyle.Domain.NUMBERS, new double[] {1, 2}, new double[] {3, 4});
        assertEquals(Color.WHITE, chart.getBackgroundPaint());
        assertEquals(Color.WHITE, chart.getXYPlot().getBackgroundPaint());
        assertEquals(Color.LIGHT_GRAY, chart.getXYPlot().getRangeGridlinePaint());
        assertTrue(chart.getXYPlot().isRangeGridlinesVisible() && chart.getXYPlot().isDomainGridlinesVisible());
    }
}
