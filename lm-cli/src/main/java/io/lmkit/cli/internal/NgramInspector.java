package io.lmkit.cli.internal;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.eval.compare.ModelInspector;
import io.lmkit.eval.report.ReportSection;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.NgramStats;
import io.lmkit.ngram.SparsityReport;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The n-gram part of a comparison report: for every n-gram model, its storage per order
 * ({@link NgramStats}: the memory column is the bytes of its tables) and how sparse the test split
 * is for it ({@link SparsityReport}: unseen n-grams per order, and the order scoring backed off to).
 */
public final class NgramInspector implements ModelInspector {

    @Override
    public Inspection inspect(String label, LanguageModel model, Corpus test) {
        if (!(model instanceof NgramModel ngram)) {
            return Inspection.NONE;
        }
        NgramStats stats = NgramStats.of(ngram);
        SparsityReport sparsity = SparsityReport.measure(ngram, test);
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%,d n-grams in %.1f MB (%.1f bytes per"
                + " n-gram). Of the test split's n-grams of each order, the share the model never stored; and the"
                + " share of test tokens scored with an n-gram of that order (the rest backed off further).%n%n"
                + "| order | stored n-grams | MB | test n-grams | unseen | tokens scored at this order |%n"
                + "|---:|---:|---:|---:|---:|---:|%n", stats.totalNgrams(), stats.totalBytes() / 1e6,
                stats.bytesPerNgram()));
        long[] ngrams = stats.ngrams();
        long[] bytes = stats.bytes();
        long[] seen = sparsity.ngrams();
        for (int k = 1; k <= stats.order(); k++) {
            md.append(String.format(Locale.ROOT, "| %d | %,d | %.2f | %,d | %.1f%% | %.1f%% |%n", k, ngrams[k - 1],
                    bytes[k - 1] / 1e6, seen[k - 1], 100 * sparsity.unseenShare(k), 100 * sparsity.matchedShare(k)));
        }
        return new Inspection(OptionalLong.of(stats.totalBytes()),
                List.of(new ReportSection("n-gram storage and sparsity: " + label, md.toString())));
    }
}
