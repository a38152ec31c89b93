package io.lmkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.reference.UniformProvider;
import io.lmkit.core.reference.UnigramProvider;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.eval.compare.Comparison;
import io.lmkit.eval.compare.ComparisonReport;
import io.lmkit.eval.compare.ComparisonRow;
import io.lmkit.eval.compare.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static final Vocabulary V = Vocabulary.fromCounts(Map.of("a", 5L, "b", 2L), 1, 10);
    private static final Corpus TRAIN = Corpus.of(V, List.of(List.of("a", "a", "b"), List.of("a")));
    private static final Corpus TEST = Corpus.of(V, List.of(List.of("a", "b")));
    private final PluginRegistry<ModelProvider<?>> models = new PluginRegistry<>("model", "",
            List.of(new UniformProvider(), new UnigramProvider()));

    @Test
    void everyModelIsTrainedAndEvaluatedOnTheSameSplits() {
        List<String> progress = new ArrayList<>();
        List<ComparisonRow> rows = new Comparison(models, TrainingListener.NONE).run(
                List.of(ModelSpec.parse("uniform"), ModelSpec.parse("unigram:addK=0.5@add-half")),
                new TrainingData(TRAIN, Optional.of(TEST)), TEST, 1, progress::add);
        assertEquals(2, rows.size());
        assertEquals(4.0, rows.get(0).testPerplexity(), 1e-12, "uniform over <unk>, </s>, a, b");
        assertEquals("add-half", rows.get(1).label());
        assertEquals("0.5", rows.get(1).config().get("addK"));
        assertTrue(rows.get(1).testPerplexity() < 4.0);
        assertEquals(4, progress.size());
        String md = ComparisonReport.markdown(rows);
        assertTrue(md.contains("| uniform | 4.00 | 4.00 |"), md);
        assertTrue(ComparisonReport.json(rows).contains("\"config\":{\"addK\":\"0.5\"}"), ComparisonReport.json(rows));
        assertTrue(ComparisonReport.csv(rows).startsWith("label,model,valid_perplexity"));
    }

    @Test
    void badSpecsFailBeforeAnythingIsTrained() {
        assertThrows(LmkitException.class, () -> new Comparison(models, TrainingListener.NONE).run(
                List.of(ModelSpec.parse("unigram"), ModelSpec.parse("unigram:addk=1")),
                new TrainingData(TRAIN, Optional.of(TEST)), TEST, 1, s -> { }));
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.parse("unigram:addK"));
        ModelSpec s = ModelSpec.parse("modified-kneser-ney:order=5,prune=0 0 1@mkn5");
        assertEquals("mkn5", s.label());
        assertEquals(Map.of("order", "5", "prune", "0 0 1"), s.settings());
    }
}
