package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.reference.UniformModel;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.eval.compare.ComparisonPlots;
import io.lmkit.eval.compare.ModelInspector;
import io.lmkit.eval.report.ReportSection;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The comparison's attention section: the fixed example sentence's weights for each attention model. */
class AttentionInspectorTest {

    private static final Vocabulary VOCABULARY = Vocabulary.ofWords(List.of("<unk>", "<s>", "</s>", "the",
            "students", "opened", "books", "."));
    private static final Corpus TEST = Corpus.of(VOCABULARY, List.of(List.of("the", "books")));

    @Test
    void anAttentionModelGetsASectionWithEveryHeadAndAHeatMapOfTheLastLayersFurthestLookingHead()
            throws IOException {
        AttentionInspector inspector = new AttentionInspector();
        ModelInspector.Inspection found = inspector.inspect("transformer", new InspectableModel(VOCABULARY, 16), TEST);
        ReportSection section = found.sections().get(0);
        assertEquals("Attention weights of transformer", section.title());
        String md = section.markdown();
        assertTrue(md.contains("(`<s> the students opened <unk> books .`); not in the vocabulary, read as `<unk>`:"
                + " `their`."), md);
        // Seven positions: the <s> head looks back q positions (mean 3.5 over q = 1..6), the even head q / 2.
        assertTrue(md.contains("| 1 | 1 | 3.50 | 1.00 |\n| 1 | 2 | 1.75 | 0.27 |\n| 2 | 1 | 0.00 | 0.00 |\n"
                + "| 2 | 2 | 1.00 | 0.17 |\n"), md);
        assertTrue(md.contains("The heat map of layer 2, head 2, the last layer's head that looks furthest back"), md);
        List<ComparisonPlots.Plot> plots = inspector.plots();
        assertEquals(1, plots.size());
        assertEquals("attention-transformer.png", plots.get(0).fileName());
        assertEquals("Attention weights, layer 2, head 2", plots.get(0).chart().getTitle().getText());
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(plots.get(0).png()));
        assertEquals(800, png.getWidth());
    }

    @Test
    void otherModelsAreLeftOutAndAContextTooShortForTheSentenceIsSaid() {
        AttentionInspector inspector = new AttentionInspector();
        assertSame(ModelInspector.Inspection.NONE, inspector.inspect("uniform", new UniformModel(VOCABULARY), TEST));
        ModelInspector.Inspection small = inspector.inspect("tiny", new InspectableModel(VOCABULARY, 4), TEST);
        assertEquals("Not drawn: the example sentence has 6 words, and the model's context holds 4 positions.\n",
                small.sections().get(0).markdown());
        assertTrue(inspector.plots().isEmpty());
    }
}
