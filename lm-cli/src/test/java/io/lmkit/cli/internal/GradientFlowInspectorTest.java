package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.reference.UniformModel;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.eval.compare.ModelInspector;
import io.lmkit.eval.report.ReportSection;
import io.lmkit.rnn.model.LstmProvider;
import io.lmkit.rnn.model.RnnConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The comparison's gradient-flow section and plot series: every model that measures gradient flow (recurrent ones
 * and attention ones), measured on the test split.
 */
class GradientFlowInspectorTest {

    private static final Vocabulary VOCABULARY = Vocabulary.ofWords(List.of("<unk>", "<s>", "</s>", "a", "b", "c"));

    private static Corpus sentences(int count) {
        List<List<String>> s = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            s.add(List.of(i % 3 == 0 ? "a" : "b", "c", i % 2 == 0 ? "a" : "c", "b"));
        }
        return Corpus.of(VOCABULARY, s);
    }

    private static LanguageModel tinyLstm() {
        LstmProvider lstm = new LstmProvider();
        RnnConfig config = ConfigBinder.bind(lstm.configType(), lstm.defaultConfig(), Map.of("backend", "reference",
                "embedding", "4", "hidden", "4", "batchSize", "2", "bptt", "5", "epochs", "1", "dropout", "0"), "lstm");
        return lstm.trainer().train(TrainingData.of(sentences(20)), config, 1, TrainingListener.NONE);
    }

    @Test
    void aRecurrentModelGetsANormPerDistanceAndARowWithItsFactorPerStep() {
        GradientFlowInspector inspector = new GradientFlowInspector();
        // 16 places x 51 steps need 816 tokens; 220 sentences of 4 words and </s> hold 1,100.
        assertSame(ModelInspector.Inspection.NONE, inspector.inspect("lstm", tinyLstm(), sentences(220)));
        assertEquals(1, inspector.series().size());
        double[] norms = inspector.series().get(0).norms();
        assertEquals(GradientFlowInspector.DISTANCE + 1, norms.length);
        assertTrue(norms[0] > 0 && Double.isFinite(norms[GradientFlowInspector.DISTANCE]), "norms " + norms[0]);
        List<ReportSection> sections = inspector.summary();
        assertEquals("Gradient flow through time", sections.get(0).title());
        assertTrue(sections.get(0).markdown().contains("| lstm | "), sections.get(0).markdown());
    }

    @Test
    void otherFamiliesAreLeftOutAndATooShortTestSplitIsSaidNotFailed() {
        GradientFlowInspector inspector = new GradientFlowInspector();
        inspector.inspect("uniform", new UniformModel(VOCABULARY), sentences(220));
        assertTrue(inspector.summary().isEmpty(), "no recurrent model, no section");
        inspector.inspect("lstm", tinyLstm(), sentences(10));
        assertTrue(inspector.series().isEmpty());
        assertTrue(inspector.summary().get(0).markdown().contains("| lstm | not measured: the text is too short"),
                inspector.summary().get(0).markdown());
    }

    @Test
    void anAttentionModelIsMeasuredBesideTheRecurrentOnesOnTheSamePlot() {
        GradientFlowInspector inspector = new GradientFlowInspector();
        inspector.inspect("lstm", tinyLstm(), sentences(220));
        inspector.inspect("transformer", new InspectableModel(VOCABULARY, 64), sentences(220));
        assertEquals(List.of("lstm", "transformer (dL_t/dx_(t-k))"), inspector.series().stream().map(s -> s.label()).toList());
        assertEquals(1.0 / 51, inspector.series().get(1).norms()[GradientFlowInspector.DISTANCE], 1e-15);
        String md = inspector.summary().get(0).markdown();
        assertTrue(md.contains("d(L_t)/d(x_(t-k))") && md.contains("| transformer | 1.000e+00 | 9.091e-02 | 1.961e-02 |"),
                md);
    }
}
