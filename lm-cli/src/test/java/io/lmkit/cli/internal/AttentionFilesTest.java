package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.eval.report.JsonOutput;
import io.lmkit.neural.inspect.AttentionMaps;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.title.PaintScaleLegend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The heat maps and JSON of lmkit attention, written from a test double with known weights. */
class AttentionFilesTest {

    private static final Vocabulary VOCABULARY = Vocabulary.ofWords(List.of("<unk>", "<s>", "</s>", "the",
            "students", "opened", "books"));

    @TempDir
    Path dir;

    private static AttentionFiles.AttentionJson json(int context, String... words) {
        AttentionSentence s = AttentionSentence.of(List.of(words), VOCABULARY);
        AttentionMaps maps = new InspectableModel(VOCABULARY, context).attention(s.ids());
        return new AttentionFiles.AttentionJson("m.zip", "inspectable", String.join(" ", words), s.positions(),
                s.unknown(), context, maps.weights());
    }

    @Test
    void unknownWordsAreReadAsUnkAndNamedOnce() {
        AttentionSentence s = AttentionSentence.of(List.of("the", "students", "opened", "their", "books", "their"),
                VOCABULARY);
        assertEquals(List.of("<s>", "the", "students", "opened", "<unk>", "books", "<unk>"), s.positions());
        assertEquals(List.of("their"), s.unknown());
        assertArrayEquals(new int[] {3, 4, 5, 0, 6, 0}, s.ids());
    }

    @Test
    void everyHeadGetsAPngOfTheStatedSizeAndTheOverviewAGrid() throws IOException {
        Path out = dir.resolve("maps");
        List<Path> written = AttentionFiles.write(out, json(8, "the", "students", "opened", "their", "books"));
        assertEquals(List.of("attention-layer1-head1.png", "attention-layer1-head2.png", "attention-layer2-head1.png",
                        "attention-layer2-head2.png", "attention-overview.png", "attention.json"),
                written.stream().map(p -> p.getFileName().toString()).toList());
        for (Path p : written.subList(0, 4)) {
            BufferedImage png = ImageIO.read(p.toFile());
            assertEquals(AttentionHeatMaps.WIDTH, png.getWidth(), p.toString());
            assertEquals(AttentionHeatMaps.HEIGHT, png.getHeight(), p.toString());
        }
        BufferedImage grid = ImageIO.read(out.resolve(AttentionFiles.OVERVIEW).toFile());
        assertEquals(2 * AttentionHeatMaps.TILE, grid.getWidth());
        assertEquals(2 * AttentionHeatMaps.TILE, grid.getHeight());
    }

    @Test
    void theJsonRoundTripsAndEveryQueryRowSumsToOneOverTheKeysUpToIt() throws IOException {
        Path out = dir.resolve("maps");
        AttentionFiles.write(out, json(8, "the", "students", "opened", "books"));
        AttentionFiles.AttentionJson read = JsonOutput.mapper().readValue(out.resolve(AttentionFiles.JSON).toFile(),
                AttentionFiles.AttentionJson.class);
        assertEquals(List.of("<s>", "the", "students", "opened", "books"), read.positions());
        assertEquals(List.of(), read.unknownWords());
        assertEquals(8, read.context());
        AttentionMaps maps = new AttentionMaps(read.weights());
        assertEquals(2, maps.layers());
        assertEquals(2, maps.heads());
        for (int l = 0; l < 2; l++) {
            for (int h = 0; h < 2; h++) {
                for (int q = 0; q < 5; q++) {
                    double sum = 0;
                    for (int k = 0; k < 5; k++) {
                        sum += maps.weight(l, h, q, k);
                        if (k > q) {
                            assertEquals(0, maps.weight(l, h, q, k), "the causal mask");
                        }
                    }
                    assertEquals(1, sum, 1e-12, "layer " + l + " head " + h + " query " + q);
                }
            }
        }
        assertEquals(0.25, maps.weight(0, 1, 3, 2), 1e-15, "the even head at query 3 gives each of 4 keys 1/4");
    }

    @Test
    void aHeatMapHasTheTokensOnBothAxesATitleNamingLayerAndHeadAndAColourScale() {
        AttentionFiles.AttentionJson j = json(8, "the", "books");
        JFreeChart chart = AttentionHeatMaps.chart(j.positions(), new AttentionMaps(j.weights()), 1, 0, true);
        assertEquals("Attention weights, layer 2, head 1", chart.getTitle().getText());
        SymbolAxis keys = (SymbolAxis) chart.getXYPlot().getDomainAxis();
        SymbolAxis queries = (SymbolAxis) chart.getXYPlot().getRangeAxis();
        assertArrayEquals(new String[] {"<s>", "the", "books"}, keys.getSymbols());
        assertArrayEquals(new String[] {"<s>", "the", "books"}, queries.getSymbols());
        assertTrue(chart.getSubtitles().stream().anyMatch(PaintScaleLegend.class::isInstance), "a legend");
        AttentionHeatMaps.WeightScale scale = new AttentionHeatMaps.WeightScale();
        assertEquals(Color.WHITE, scale.getPaint(0));
        assertEquals(new Color(0x08, 0x30, 0x6B), scale.getPaint(1));
    }

    @Test
    void anEarlierRunsFolderIsReplacedWholeAndAFolderOfOtherFilesIsRefused() throws IOException {
        Path out = dir.resolve("maps");
        AttentionFiles.write(out, json(8, "the", "books"));
        Files.writeString(out.resolve("attention-layer9-head9.png"), "from a model with more layers");
        AttentionFiles.write(out, json(8, "the"));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(6, files.count(), "the stale map of layer 9 is gone");
        }
        Path mine = Files.createDirectories(dir.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep");
        LmkitException e = assertThrows(LmkitException.class, () -> AttentionFiles.write(mine, json(8, "the")));
        assertTrue(e.getMessage().contains("it holds " + mine.resolve("notes.txt") + ", which is not part of an"
                + " attention report"), e.getMessage());
        assertTrue(Files.exists(mine.resolve("notes.txt")));
        assertFalse(Files.exists(mine.resolve(AttentionFiles.JSON)));
    }
}
