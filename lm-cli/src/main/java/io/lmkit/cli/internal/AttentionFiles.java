package io.lmkit.cli.internal;

import io.lmkit.core.LmkitException;
import io.lmkit.core.files.AtomicFiles;
import io.lmkit.eval.report.FolderReplacement;
import io.lmkit.eval.report.JsonOutput;
import io.lmkit.neural.inspect.AttentionMaps;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jfree.chart.ChartUtils;

/**
 * The folder {@code lmkit attention} writes: one heat map PNG per layer and head
 * ({@code attention-layer1-head1.png}, counted from 1), {@code attention-overview.png} with every
 * head in a grid, and {@code attention.json} with the positions and weights. The folder is replaced
 * as a whole ({@link FolderReplacement}): a new folder, or one that holds only these files from an
 * earlier run, so a model with fewer heads leaves no stale maps behind.
 */
final class AttentionFiles {

    /** The JSON file's name. */
    static final String JSON = "attention.json";
    /** The grid of every head's map. */
    static final String OVERVIEW = "attention-overview.png";

    private static final Pattern OWN = Pattern.compile("attention(-layer\\d+-head\\d+|-overview)\\.png|attention\\.json");
    private static final FolderReplacement FOLDER = new FolderReplacement("an attention report",
            name -> OWN.matcher(name).matches());

    private AttentionFiles() {
    }

    /**
     * What {@code attention.json} holds; its field names are what scripts read, so they stay as they are.
     *
     * @param model        the model file
     * @param family       the model's plugin
     * @param text         the text as given
     * @param positions    the positions' tokens: {@code <s>}, then the words as the model saw them
     * @param unknownWords words of the text the vocabulary does not know (read as {@code <unk>})
     * @param context      the model's context, in positions
     * @param weights      [layer][head][query][key], each query's row summing to 1 over keys ≤ query
     */
    record AttentionJson(String model, String family, String text, List<String> positions, List<String> unknownWords,
                         int context, double[][][][] weights) {
    }

    /** The PNG of one head, layers and heads counted from 0 (its name counts from 1). */
    static String headFile(int layer, int head) {
        return "attention-layer" + (layer + 1) + "-head" + (head + 1) + ".png";
    }

    /** Checks before any work that {@code dir} is new or an earlier run's attention folder. */
    static void checkReplaceable(Path dir) {
        FOLDER.checkReplaceable(dir);
    }

    /**
     * Writes the maps and the JSON into {@code dir}, replacing what was there.
     *
     * @return the files written, heads in order, then the overview and the JSON
     */
    static List<Path> write(Path dir, AttentionJson json) {
        AttentionMaps maps = new AttentionMaps(json.weights());
        return FOLDER.replace(dir, staging -> {
            List<Path> written = new ArrayList<>();
            for (int l = 0; l < maps.layers(); l++) {
                for (int h = 0; h < maps.heads(); h++) {
                    written.add(png(staging.resolve(headFile(l, h)),
                            AttentionHeatMaps.image(json.positions(), maps, l, h)));
                }
            }
            written.add(png(staging.resolve(OVERVIEW), AttentionHeatMaps.overview(json.positions(), maps)));
            Path file = staging.resolve(JSON);
            byte[] text = JsonOutput.pretty(json).getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(file, o -> o.write(text));
            written.add(file);
            return written;
        });
    }

    private static Path png(Path file, BufferedImage image) {
        // Encoded in memory: ImageIO's disk cache leaves an imageio*.tmp in /tmp when the JVM is killed.
        javax.imageio.ImageIO.setUseCache(false);
        byte[] bytes;
        try {
            bytes = ChartUtils.encodeAsPNG(image);
        } catch (IOException e) {
            throw new LmkitException("cannot encode " + file.getFileName() + " as PNG: " + e.getMessage(), e);
        }
        AtomicFiles.write(file, o -> o.write(bytes));
        return file;
    }
}
