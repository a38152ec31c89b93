package io.lmkit.cli.internal;

import io.lmkit.neural.inspect.AttentionMaps;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * Attention weights drawn as heat maps with JFreeChart: one square per query position (rows, the
 * sentence read top to bottom) and key position (columns), its colour the weight from white (0)
 * to dark blue (1), positions after the query (masked, never attended to) in light grey, the
 * tokens as axis labels and a colour scale legend.
 */
final class AttentionHeatMaps {

    /** The size of one head's PNG, pixels. */
    static final int WIDTH = 800;
    /** The size of one head's PNG, pixels. */
    static final int HEIGHT = 720;
    /** The side of one head's square in the overview grid, pixels. */
    static final int TILE = 360;

    /** The value drawn for a masked cell (a key after the query): below the scale, so grey. */
    private static final double MASKED = -1;
    private static final Color MASKED_PAINT = new Color(0xE8, 0xE8, 0xE8);
    private static final Color HIGH = new Color(0x08, 0x30, 0x6B);
    private static final Font LABELS = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private AttentionHeatMaps() {
    }

    /** The title of one head's map; layers and heads are counted from 1, as people count them. */
    static String title(int layer, int head) {
        return "Attention weights, layer " + (layer + 1) + ", head " + (head + 1);
    }

    /**
     * The heat map of one head.
     *
     * @param positions the positions' labels, {@code <s>} first
     * @param layer     from 0
     * @param head      from 0
     * @param legend    whether to draw the colour scale legend (the overview's small maps leave it out)
     */
    static JFreeChart chart(List<String> positions, AttentionMaps maps, int layer, int head, boolean legend) {
        int n = maps.positions();
        if (positions.size() != n) {
            throw new IllegalArgumentException(positions.size() + " labels for " + n + " positions");
        }
        double[][] data = new double[3][n * n];
        for (int q = 0; q < n; q++) {
            for (int k = 0; k < n; k++) {
                int i = q * n + k;
                data[0][i] = k;
                data[1][i] = q;
                data[2][i] = k > q ? MASKED : maps.weight(layer, head, q, k);
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("weights", data);
        String[] labels = positions.toArray(String[]::new);
        SymbolAxis keys = new SymbolAxis("key position (attended to)", labels);
        keys.setVerticalTickLabels(true);
        keys.setGridBandsVisible(false);
        keys.setTickLabelFont(LABELS);
        SymbolAxis queries = new SymbolAxis("query position (reading)", labels);
        queries.setInverted(true); // the sentence reads top to bottom
        queries.setGridBandsVisible(false);
        queries.setTickLabelFont(LABELS);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockAnchor(RectangleAnchor.CENTER); // each square centred on its token's tick
        WeightScale scale = new WeightScale();
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(dataset, keys, queries, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlinePaint(Color.GRAY);
        JFreeChart chart = new JFreeChart(title(layer, head), JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        if (legend) {
            NumberAxis weights = new NumberAxis("attention weight");
            weights.setRange(0, 1);
            PaintScaleLegend scaleLegend = new PaintScaleLegend(scale, weights);
            scaleLegend.setPosition(RectangleEdge.RIGHT);
            scaleLegend.setAxisLocation(AxisLocation.TOP_OR_RIGHT);
            scaleLegend.setMargin(new RectangleInsets(10, 10, 10, 10));
            scaleLegend.setStripWidth(15);
            scaleLegend.setBackgroundPaint(Color.WHITE);
            chart.addSubtitle(scaleLegend);
        }
        return chart;
    }

    /** One head's heat map as an image of {@link #WIDTH} × {@link #HEIGHT}. */
    static BufferedImage image(List<String> positions, AttentionMaps maps, int layer, int head) {
        return chart(positions, maps, layer, head, true).createBufferedImage(WIDTH, HEIGHT);
    }

    /**
     * Every head in a grid, a row per layer and a column per head, each {@link #TILE} pixels square
     * with its own title, and without legends (every map shares the one scale: white 0, dark blue 1).
     */
    static BufferedImage overview(List<String> positions, AttentionMaps maps) {
        BufferedImage grid = new BufferedImage(maps.heads() * TILE, maps.layers() * TILE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            for (int l = 0; l < maps.layers(); l++) {
                for (int h = 0; h < maps.heads(); h++) {
                    JFreeChart small = chart(positions, maps, l, h, false);
                    small.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
                    g.drawImage(small.createBufferedImage(TILE, TILE), h * TILE, l * TILE, null);
                }
            }
        } finally {
            g.dispose();
        }
        return grid;
    }

    /** Weights 0..1 from white to dark blue; a masked cell (below 0) light grey. */
    static final class WeightScale implements PaintScale {

        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public Paint getPaint(double value) {
            if (!(value >= 0)) {
                return MASKED_PAINT;
            }
            double t = Math.min(1, value);
            return new Color(mix(255, HIGH.getRed(), t), mix(255, HIGH.getGreen(), t), mix(255, HIGH.getBlue(), t));
        }

        private static int mix(int low, int high, double t) {
            return (int) Math.round(low + (high - low) * t);
        }
    }
}
