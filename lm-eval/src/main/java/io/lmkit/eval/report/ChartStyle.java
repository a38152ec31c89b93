package io.lmkit.eval.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnitSource;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;

/**
 * The one look of lmkit's line charts, shared by the comparison report and {@code lmkit gradients}:
 * a white plot with light grey grid lines, lines with a marker at each point, and axes whose tick
 * labels are plain numbers that never repeat.
 *
 * <p>The value axis is linear unless the data spans at least {@link #LOG_SCALE_RATIO} (two powers
 * of ten), where a log axis with a labelled tick at each power of ten reads better. Tick sizes are
 * 1, 2 or 5 times a power of ten, each labelled with as many decimals as its size needs, so that
 * two ticks never print the same label (the old log axis printed 170.4 twice over 170.1..170.6).
 */
public final class ChartStyle {

    /** The least max/min ratio of the values drawn for which the value axis is logarithmic. */
    public static final double LOG_SCALE_RATIO = 100;

    /** Appended to the value axis' label when it is logarithmic. */
    public static final String LOG_SCALE_NOTE = " (log scale)";

    /** What the horizontal axis counts. */
    public enum Domain {
        /** Any numbers, e.g. seconds or tokens seen. */
        NUMBERS,
        /** Whole numbers only, e.g. an n-gram order or a distance in steps: ticks 2, 3, 4, never 2.5. */
        INTEGERS
    }

    private static final int LEAST_EXPONENT = -12;
    private static final int MOST_EXPONENT = 15;
    private static final double[] MANTISSAS = {1, 2, 5};

    private ChartStyle() {
    }

    /**
     * A line chart of {@code data} in this style, with a legend, the value axis picked by
     * {@link #valueAxis}.
     *
     * @param domain what the horizontal axis counts
     */
    public static JFreeChart lineChart(String title, String xLabel, String yLabel, XYDataset data, Domain domain) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setDefaultStroke(new BasicStroke(2f));
        renderer.setAutoPopulateSeriesStroke(false);
        plot.setRenderer(renderer);
        chart.setBackgroundPaint(Color.WHITE);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setOutlinePaint(Color.GRAY);
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setStandardTickUnits(domain == Domain.INTEGERS ? integerTickUnits() : numberTickUnits());
        x.setAutoRangeIncludesZero(false);
        double[] range = positiveRange(data);
        plot.setRangeAxis(valueAxis(yLabel, range[0], range[1]));
        return chart;
    }

    /**
     * The value axis for values from {@code min} to {@code max}: a {@link LogAxis} with ticks at
     * powers of ten (its label ending in {@link #LOG_SCALE_NOTE}) when both are positive and
     * {@code max / min >= LOG_SCALE_RATIO}, else a linear {@link NumberAxis} fitted to the data (not
     * stretched to zero, so that a narrow range such as 170.1..170.6 fills the plot).
     */
    public static ValueAxis valueAxis(String label, double min, double max) {
        if (isLogScale(min, max)) {
            LogAxis axis = new LogAxis(label + LOG_SCALE_NOTE);
            axis.setSmallestValue(1e-300);
            // Whole powers of ten only: a log axis' tick size is an exponent, and 10^0.5 reads badly.
            axis.setStandardTickUnits(integerTickUnits());
            axis.setNumberFormatOverride(new PowerOfTenFormat());
            return axis;
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        axis.setStandardTickUnits(numberTickUnits());
        return axis;
    }

    /** Whether values from {@code min} to {@code max} are drawn on a log axis. */
    public static boolean isLogScale(double min, double max) {
        return min > 0 && Double.isFinite(max) && max / min >= LOG_SCALE_RATIO;
    }

    /**
     * Tick sizes 1, 2 and 5 times each power of ten from 10^-12 to 10^15, each labelled with just
     * the decimals its size needs ({@code 0.05} with two, {@code 20} with none), with thousands
     * separators: consecutive ticks always get different labels.
     */
    public static TickUnitSource numberTickUnits() {
        return tickUnits(LEAST_EXPONENT);
    }

    /** Tick sizes 1, 2 and 5 times each power of ten from 1 up: ticks only at whole numbers. */
    public static TickUnitSource integerTickUnits() {
        return tickUnits(0);
    }

    private static TickUnitSource tickUnits(int leastExponent) {
        TickUnits units = new TickUnits();
        for (int e = leastExponent; e <= MOST_EXPONENT; e++) {
            for (double m : MANTISSAS) {
                // Parsed from text so that 2e-5 is the nearest double to 0.00002, not 2 * 1e-5.
                double size = Double.parseDouble(m + "E" + e);
                units.add(new NumberTickUnit(size, plainFormat(Math.max(0, -e)), m == 1 ? 10 : 5));
            }
        }
        return units;
    }

    private static DecimalFormat plainFormat(int decimals) {
        return new DecimalFormat("#,##0" + (decimals > 0 ? "." + "0".repeat(decimals) : ""),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    /** The least and greatest positive finite y values of {@code data}; NaN for both when there are none. */
    private static double[] positiveRange(XYDataset data) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < data.getSeriesCount(); s++) {
            for (int i = 0; i < data.getItemCount(s); i++) {
                double y = data.getYValue(s, i);
                if (y > 0 && Double.isFinite(y)) {
                    min = Math.min(min, y);
                    max = Math.max(max, y);
                }
            }
        }
        return min <= max ? new double[] {min, max} : new double[] {Double.NaN, Double.NaN};
    }

    /**
     * Labels of a log axis' ticks, which fall on powers of ten: plain numbers from 0.001 to
     * 1,000,000 ({@code 0.01}, {@code 100}), else {@code 1E-8} style.
     */
    static final class PowerOfTenFormat extends NumberFormat {

        // Per instance: DecimalFormat is not safe to share between threads drawing charts.
        private final DecimalFormat plain = new DecimalFormat("#,##0.###",
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        private final DecimalFormat scientific = new DecimalFormat("0.##E0",
                DecimalFormatSymbols.getInstance(Locale.ROOT));

        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
            double size = Math.abs(number);
            boolean isPlain = size == 0 || size >= 1e-3 * (1 - 1e-9) && size < 1e6 * (1 + 1e-9);
            return (isPlain ? plain : scientific).format(number, toAppendTo, pos);
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
            return format((double) number, toAppendTo, pos);
        }

        @Override
        public Number parse(String source, ParsePosition parsePosition) {
            return plain.parse(source, parsePosition);
        }
    }
}
