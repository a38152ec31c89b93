package io.lmkit.neural.param;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lmkit.core.LmkitException;
import io.lmkit.core.MemoryBudget;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.backend.Activation;
import io.lmkit.neural.backend.internal.reference.ReferenceBackend;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import io.lmkit.neural.window.FixedWindowConfig;
import io.lmkit.neural.window.FixedWindowProvider;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Embedding and softmax weights are checked against the heap before they are allocated. */
class ParameterMemoryTest {

    @Test
    void aParameterLargerThanAnArrayIsRefusedNamingItAndTheFix() {
        ParameterStore store = new ParameterStore(new ReferenceBackend());
        LmkitException e = assertThrows(MemoryBudget.InsufficientMemoryException.class,
                () -> store.uniform("output", 2_000_000_000, 50_000, 0.1, 1));
        assertTrue(e.getMessage().contains("parameter 'output' (2000000000 x 50000)")
                && e.getMessage().contains("--set hidden="), e.getMessage());
    }

    @Test
    void aFixedWindowModelWithAnAbsurdHiddenLayerIsRefusedBeforeTraining() {
        // hidden 1.5e9 x 1 input x 8 bytes x (value + gradient) = 24 GB for the hidden layer alone.
        long needed = 1_500_000_000L * 16;
        assumeTrue(MemoryBudget.availableBytes() < needed, "this JVM's heap could hold it");
        Corpus corpus = Corpus.of(Vocabulary.ofWords(List.of("<unk>", "<s>", "</s>", "a")), List.of(List.of("a")));
        FixedWindowConfig absurd = FixedWindowConfig.builder().order(2).embedding(1).hidden(1_500_000_000).epochs(1)
                .batchSize(1).optimizer(OptimizerConfig.Kind.SGD).learningRate(0.1)
                .schedule(LearningRateSchedule.Kind.CONSTANT).clipNorm(0).patience(1).backend("reference").threads(1)
                .build();
        MemoryBudget.InsufficientMemoryException e = assertThrows(MemoryBudget.InsufficientMemoryException.class,
                () -> new FixedWindowProvider().trainer().train(new TrainingData(corpus, Optional.of(corpus)), absurd,
                        1, ev -> { }));
        assertTrue(e.getMessage().startsWith("not enough memory for parameter 'hidden"), e.getMessage());
        assertTrue(e.getMessage().contains("LMKIT_JAVA_OPTS=-Xmx"), e.getMessage());
    }
}
