package io.lmkit.cli.internal;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.eval.compare.ComparisonPlots;
import io.lmkit.eval.compare.ModelInspector;
import io.lmkit.eval.report.ReportSection;
import io.lmkit.neural.inspect.AttentionMaps;
import io.lmkit.neural.inspect.AttentionSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The attention part of a comparison report: for every model that is an {@link AttentionSource}
 * (the Transformer), its attention weights over one fixed example sentence, {@value #SENTENCE}
 * (words its vocabulary does not know read as {@code <unk>}): a section with, for every layer and
 * head, how far back it looks on average and how much weight it puts on {@code <s>}, and the heat
 * map of the head of the last layer that looks furthest back, among the report's plots.
 */
final class AttentionInspector implements ModelInspector {

    /** The example sentence, Brown-like, tokenised as the comparison reads its text (on whitespace). */
    static final String SENTENCE = "the students opened their books .";

    private final List<ComparisonPlots.Plot> plots = new ArrayList<>();

    @Override
    public Inspection inspect(String label, LanguageModel model, Corpus test) {
        if (!(model instanceof AttentionSource source)) {
            return Inspection.NONE;
        }
        AttentionSentence sentence = AttentionSentence.of(Arrays.asList(SENTENCE.split(" ")), model.vocabulary());
        String title = "Attention weights of " + label;
        if (sentence.words() > source.context() - 1) {
            return new Inspection(OptionalLong.empty(), List.of(new ReportSection(title, "Not drawn: the example"
                    + " sentence has " + sentence.words() + " words, and the model's context holds "
                    + source.context() + " positions.\n")));
        }
        AttentionMaps maps = source.attention(sentence.ids());
        int last = maps.layers() - 1;
        int head = furthestLooking(maps, last);
        String file = "attention-" + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + ".png";
        String plotTitle = "Attention of " + label + ", layer " + (last + 1) + ", head " + (head + 1);
        plots.add(new ComparisonPlots.Plot(file, plotTitle,
                AttentionHeatMaps.chart(sentence.positions(), maps, last, head, true)));
        // Tokens in code spans: a bare <s> or <unk> would be read as HTML by the report's HTML page.
        StringBuilder md = new StringBuilder("The attention weights while reading \"" + SENTENCE + "\" (`"
                + String.join(" ", sentence.positions()) + "`)"
                + (sentence.unknown().isEmpty() ? "" : "; not in the vocabulary, read as `<unk>`: "
                + String.join(" ", sentence.unknown().stream().map(w -> "`" + w + "`").toList()))
                + ". For each head, the mean distance it looks back (positions, weighted by attention, over the"
                + " positions after `<s>`) and its mean weight on `<s>`."
                + " The heat map of layer " + (last + 1) + ", head " + (head + 1) + ", the last layer's head that"
                + " looks furthest back, is among the plots (" + plotTitle + "); `lmkit attention` draws every"
                + " head for any sentence.\n\n| layer | head | mean distance back | weight on `<s>` |\n"
                + "|---:|---:|---:|---:|\n");
        for (int l = 0; l < maps.layers(); l++) {
            for (int h = 0; h < maps.heads(); h++) {
                md.append(String.format(Locale.ROOT, "| %d | %d | %.2f | %.2f |%n", l + 1, h + 1,
                        meanDistance(maps, l, h), meanWeightOnStart(maps, l, h)));
            }
        }
        return new Inspection(OptionalLong.empty(), List.of(new ReportSection(title, md.toString())));
    }

    /** The heat maps drawn, one per attention model, for the report's plots. */
    List<ComparisonPlots.Plot> plots() {
        return List.copyOf(plots);
    }

    /** The head of {@code layer} with the largest mean distance back (the first of equals). */
    static int furthestLooking(AttentionMaps maps, int layer) {
        int best = 0;
        for (int h = 1; h < maps.heads(); h++) {
            if (meanDistance(maps, layer, h) > meanDistance(maps, layer, best)) {
                best = h;
            }
        }
        return best;
    }

    /** Σ_k w(q, k)·(q − k), averaged over the queries after {@code <s>} (which can only look at itself). */
    static double meanDistance(AttentionMaps maps, int layer, int head) {
        int n = maps.positions();
        if (n < 2) {
            return 0;
        }
        double sum = 0;
        for (int q = 1; q < n; q++) {
            for (int k = 0; k <= q; k++) {
                sum += maps.weight(layer, head, q, k) * (q - k);
            }
        }
        return sum / (n - 1);
    }

    /** The weight on {@code <s>}, averaged over the queries after it. */
    static double meanWeightOnStart(AttentionMaps maps, int layer, int head) {
        int n = maps.positions();
        if (n < 2) {
            return 0;
        }
        double sum = 0;
        for (int q = 1; q < n; q++) {
            sum += maps.weight(layer, head, q, 0);
        }
        return sum / (n - 1);
    }
}
