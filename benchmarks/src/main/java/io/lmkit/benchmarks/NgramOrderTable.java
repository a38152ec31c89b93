package io.lmkit.benchmarks;

import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.eval.PerplexityEvaluator;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.NgramStats;
import io.lmkit.ngram.SparsityReport;
import io.lmkit.ngram.estimate.KneserNey;
import io.lmkit.ngram.estimate.NgramCounts;
import java.util.Locale;

/**
 * The benchmark command behind the order table of BENCHMARKS.md: modified Kneser-Ney of orders
 * 1..6 on brown-v1, with test perplexity, n-grams, memory (the tables' bytes and the heap the
 * model holds, measured after a full GC), estimation time and the unseen share of the test
 * split's n-grams of the highest order. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar io.lmkit.benchmarks.NgramOrderTable}.
 */
public final class NgramOrderTable {

    private NgramOrderTable() {
    }

    /** Prints the table as Markdown. */
    public static void main(String[] args) {
        args = CleanCheckout.require("NgramOrderTable", args);
        int maxOrder = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        BrownSplits brown = BrownData.splits();
        Corpus train = brown.corpus(BrownSplits.Split.TRAIN);
        Corpus test = brown.corpus(BrownSplits.Split.TEST);
        // Warm the JIT on a mid-sized estimate so the timings below are of compiled code.
        for (int i = 0; i < 3; i++) {
            KneserNey.estimate(NgramCounts.count(train, 3), KneserNey.Variant.MODIFIED);
        }
        System.out.println("| order | test perplexity | n-grams | table MB | heap MB | estimation s | unseen "
                + "n-grams of the highest order |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        for (int order = 1; order <= maxOrder; order++) {
            long before = usedHeapAfterGc();
            long start = System.nanoTime();
            NgramModel model = KneserNey.estimate(NgramCounts.count(train, order), KneserNey.Variant.MODIFIED);
            double seconds = (System.nanoTime() - start) / 1e9;
            long heap = usedHeapAfterGc() - before;
            NgramStats stats = NgramStats.of(model);
            double ppl = new PerplexityEvaluator().evaluate(model, test).perplexity();
            SparsityReport sparsity = SparsityReport.measure(model, test);
            System.out.printf(Locale.ROOT, "| %d | %.2f | %,d | %.1f | %.1f | %.2f | %.1f%% |%n", order, ppl,
                    stats.totalNgrams(), stats.totalBytes() / 1e6, heap / 1e6, seconds,
                    100 * sparsity.unseenShare(order));
            model = null;
        }
    }

    static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
