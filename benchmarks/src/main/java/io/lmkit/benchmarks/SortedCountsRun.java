package io.lmkit.benchmarks;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.corpus.PlainTextSentences;
import io.lmkit.core.corpus.WordCounts;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.ngram.estimate.Discounts;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.SortedCounts;
import io.lmkit.ngram.estimate.SortedDiscounts;
import io.lmkit.ngram.spill.MemorySize;
import io.lmkit.ngram.spill.SpillFolder;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The bounded-memory passes built so far (issue 17), on a corpus file: counting every order in sorted runs
 * and the discounts from them (lmplz's statistics), in a given memory, with the runs in a given folder.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.lmkit.benchmarks.SortedCountsRun corpus.txt 5 1g /tmp</pre>
 *
 * Prints each pass's wall time, the runs spilled, the temporary bytes written and the discounts, in the form
 * lmplz prints them ({@code 1 D1=... D2=... D3+=...}), to compare with its log line for line.
 */
public final class SortedCountsRun {

    private SortedCountsRun() {
    }

    /** Runs the passes on {@code args[0]} with order {@code args[1]}, memory {@code args[2]}, temporary folder {@code args[3]}. */
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int order = Integer.parseInt(args[1]);
        long memory = MemorySize.parse(args[2]);
        // Words between spaces, as lmplz reads them.
        PlainTextSentences reader = new PlainTextSentences(line -> line.isBlank() ? java.util.List.of()
                : java.util.List.of(line.trim().split("\\s+")));
        long t0 = System.nanoTime();
        Vocabulary v = Vocabulary.fromCounts(WordCounts.of(file, reader), 1, Integer.MAX_VALUE);
        Corpus corpus = Corpus.read(file, reader, v);
        long t1 = System.nanoTime();
        System.out.printf(Locale.ROOT, "read %,d tokens, %,d words in the vocabulary, in %.1f s%n", corpus.tokenCount(),
                v.size(), (t1 - t0) / 1e9);
        try (SpillFolder folder = new SpillFolder(Path.of(args[3]))) {
            SortedCounts counts = SortedCounts.count(corpus, order, memory, folder, t -> { });
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "counted in %.1f s: %d runs, %.1f MB of runs%n", (t2 - t1) / 1e9,
                    counts.spilledRuns(), folder.bytesWritten() / 1e6);
            Discounts[] d = SortedDiscounts.discounts(counts, KneserNey.Variant.MODIFIED,
                    KneserNey.DiscountStatistics.LMPLZ, folder, k -> { });
            long t3 = System.nanoTime();
            System.out.printf(Locale.ROOT, "adjusted counts and discounts in %.1f s; %.1f MB of runs written in all%n",
                    (t3 - t2) / 1e9, folder.bytesWritten() / 1e6);
            for (int k = 1; k <= order; k++) {
                System.out.printf(Locale.ROOT, "%d D1=%.6g D2=%.6g D3+=%.6g%n", k, d[k].d1(), d[k].d2(), d[k].d3());
            }
        }
    }
}
