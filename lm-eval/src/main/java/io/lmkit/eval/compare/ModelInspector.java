package io.lmkit.eval.compare;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.eval.report.ReportSection;
import java.util.List;
import java.util.OptionalLong;

/**
 * A look at each trained model beyond perplexity, contributed to the comparison report: the
 * n-gram sparsity and storage report, probe suites, or a user's own diagnostics. The comparison
 * calls {@link #inspect} right after a model is evaluated (before the next is trained, so models
 * need not all be kept in memory) and {@link #summary} once at the end.
 */
public interface ModelInspector {

    /**
     * Inspects one model.
     *
     * @param label the model's row
     * @param model the trained model
     * @param test  the test split
     * @return what was found; {@link Inspection#NONE} when this inspector has nothing to say about it
     */
    Inspection inspect(String label, LanguageModel model, Corpus test);

    /** Sections written after every model was inspected, e.g. one table across models; none by default. */
    default List<ReportSection> summary() {
        return List.of();
    }

    /**
     * What an inspector found about one model.
     *
     * @param memoryBytes the model's memory when the inspector can count it exactly (an n-gram
     *                    model's tables); otherwise the comparison measures the heap it retains
     * @param sections    report sections about the model
     */
    record Inspection(OptionalLong memoryBytes, List<ReportSection> sections) {

        /** Nothing found. */
        public static final Inspection NONE = new Inspection(OptionalLong.empty(), List.of());

        /** Copies the sections. */
        public Inspection {
            sections = List.copyOf(sections);
        }
    }
}
