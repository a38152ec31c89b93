package io.lmkit.eval.compare;

import io.lmkit.core.LmkitException;
import io.lmkit.eval.report.ChartStyle;
import io.lmkit.eval.report.CsvTables;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The plots of a comparison, drawn with JFreeChart in the {@link ChartStyle} that {@code lmkit
 * gradients} also uses: validation perplexity against wall time and against tokens seen, test perplexity and memory
 * against n-gram order, and (from {@code lmkit gradients} CSV files) gradient norm against
 * distance. A plot is made only when there is something to draw.
 */
public final class ComparisonPlots {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private ComparisonPlots() {
    }

    /**
     * One plot.
     *
     * @param fileName the PNG's name, e.g. {@code learning-curve-time.png}
     * @param title    what it shows
     * @param chart    the chart
     */
    public record Plot(String fileName, String title, JFreeChart chart) {

        /** The chart as a PNG image. */
        public byte[] png() {
            // Encode in memory: ImageIO's disk cache leaves an imageio*.tmp in /tmp when the JVM is killed.
            javax.imageio.ImageIO.setUseCache(false);
            try {
                return ChartUtils.encodeAsPNG(chart.createBufferedImage(WIDTH, HEIGHT));
            } catch (IOException e) {
                throw new LmkitException("cannot encode the plot " + fileName + " as PNG: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Gradient norm against distance for one model, as {@code lmkit gradients} measures it.
     *
     * @param label the series' name
     * @param norms index k: mean norm of dL_t/dh_(t−k)
     */
    public record GradientSeries(String label, double[] norms) {

        /** Copies the norms. */
        public GradientSeries {
            norms = norms.clone();
        }

        @Override
        public double[] norms() {
            return norms.clone();
        }

        /**
         * Reads a {@code gradients.csv} written by {@code lmkit gradients} (header
         * {@code distance,norm,factor}).
         *
         * @throws LmkitException naming the file and line of a malformed row
         */
        public static GradientSeries read(String label, Path csv) {
            List<List<String>> rows;
            try (Reader in = Files.newBufferedReader(csv)) {
                rows = CsvTables.read(in);
            } catch (IOException e) {
                throw new LmkitException("cannot read gradient-flow CSV " + csv + ": " + e.getMessage()
                        + "; write it with lmkit gradients --out DIR", e);
            }
            if (rows.isEmpty() || rows.get(0).size() < 2 || !rows.get(0).get(0).equals("distance")
                    || !rows.get(0).get(1).equals("norm")) {
                throw new LmkitException(csv + " is not a gradients.csv of lmkit gradients: its first line should"
                        + " be 'distance,norm,factor'");
            }
            double[] norms = new double[rows.size() - 1];
            for (int i = 1; i < rows.size(); i++) {
                List<String> f = rows.get(i);
                try {
                    if (f.size() < 2 || Integer.parseInt(f.get(0).strip()) != i - 1) {
                        throw new NumberFormatException("expected distance " + (i - 1));
                    }
                    norms[i - 1] = Double.parseDouble(f.get(1).strip());
                } catch (NumberFormatException e) {
                    throw new LmkitException(csv + " line " + (i + 1) + ": '" + String.join(",", f) + "' is not"
                            + " 'distance,norm,factor' (" + e.getMessage() + ")", e);
                }
            }
            return new GradientSeries(label, norms);
        }
    }

    /** The plots of {@code result} (and of the gradient series, when there are any), in report order. */
    public static List<Plot> of(ComparisonResult result, List<GradientSeries> gradients) {
        List<Plot> plots = new ArrayList<>();
        if (!result.curves().isEmpty()) {
            plots.add(curve("learning-curve-time.png", "Validation perplexity against training time",
                    "wall time (s)", result.curves(), LearningCurve.Point::seconds));
            plots.add(curve("learning-curve-tokens.png", "Validation perplexity against tokens seen",
                    "training tokens seen", result.curves(), p -> p.tokensSeen()));
        }
        Map<String, XYSeries> perplexity = byOrder(result.rows(), ComparisonRow::testPerplexity);
        if (points(perplexity) >= 2) {
            plots.add(new Plot("perplexity-by-order.png", "Test perplexity against n-gram order",
                    lines("Test perplexity against n-gram order", "order n", "test perplexity", perplexity,
                            ChartStyle.Domain.INTEGERS)));
        }
        Map<String, XYSeries> memory = byOrder(result.rows(), r -> r.memoryBytes() < 0 ? Double.NaN
                : r.memoryBytes() / 1e6);
        if (points(memory) >= 2) {
            plots.add(new Plot("memory-by-order.png", "Memory against n-gram order",
                    lines("Memory against n-gram order", "order n", "memory (MB)", memory,
                            ChartStyle.Domain.INTEGERS)));
        }
        if (!gradients.isEmpty()) {
            Map<String, XYSeries> norms = new LinkedHashMap<>();
            for (GradientSeries g : gradients) {
                XYSeries s = new XYSeries(g.label());
                double[] n = g.norms();
                for (int k = 0; k < n.length; k++) {
                    if (n[k] > 0) {
                        s.add(k, n[k]);
                    }
                }
                norms.put(g.label(), s);
            }
            plots.add(new Plot("gradient-norm.png", "Gradient norm against distance",
                    lines("Gradient norm against distance", "distance k (steps back)",
                            "mean norm of dL_t/dh_(t-k)", norms, ChartStyle.Domain.INTEGERS)));
        }
        return plots;
    }

    private static Plot curve(String file, String title, String xLabel, List<LearningCurve> curves,
                              ToDoubleFunction<LearningCurve.Point> x) {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (LearningCurve c : curves) {
            XYSeries s = new XYSeries(c.label(), false);
            for (LearningCurve.Point p : c.points()) {
                s.add(x.applyAsDouble(p), p.validPerplexity());
            }
            series.put(c.label(), s);
        }
        return new Plot(file, title, lines(title, xLabel, "validation perplexity", series,
                ChartStyle.Domain.NUMBERS));
    }

    /** One series per plugin of the rows that have an {@code order} setting and count n-grams. */
    private static Map<String, XYSeries> byOrder(List<ComparisonRow> rows, ToDoubleFunction<ComparisonRow> y) {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (ComparisonRow r : rows) {
            String order = r.config().get("order");
            double v = y.applyAsDouble(r);
            if (order != null && "n-grams".equals(r.sizeUnit()) && Double.isFinite(v)) {
                series.computeIfAbsent(r.model(), XYSeries::new).add(Integer.parseInt(order), v);
            }
        }
        return series;
    }

    private static int points(Map<String, XYSeries> series) {
        return series.values().stream().mapToInt(XYSeries::getItemCount).sum();
    }

    private static JFreeChart lines(String title, String xLabel, String yLabel, Map<String, XYSeries> series,
                                    ChartStyle.Domain domain) {
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        return ChartStyle.lineChart(title, xLabel, yLabel, data, domain);
    }
}
