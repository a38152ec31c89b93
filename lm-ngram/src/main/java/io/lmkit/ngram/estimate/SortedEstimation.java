package io.lmkit.ngram.estimate;

import io.lmkit.core.LmkitException;
import io.lmkit.core.MemoryBudget;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.internal.ModelDataFolder;
import io.lmkit.ngram.spill.SpillFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Interpolated Kneser-Ney estimated in bounded memory, as lmplz does with {@code -S}: counting
 * ({@link SortedCounts}), adjusted counts and discounts ({@link SortedDiscounts}), probabilities and
 * backoffs ({@link SortedProbabilities}), each a streaming pass over sorted runs in a private
 * temporary folder; the last of them gives the model's tables in trie order, which are written as trie-layout
 * data in that folder ({@link SortedModelTables}) and mapped by the model. The model equals
 * {@link KneserNey#estimate(NgramCounts, KneserNey.Variant, KneserNey.DiscountStatistics)}'s converted to the trie
 * layout, byte for byte: the same probabilities and backoffs for the same n-grams.
 *
 * <p>Bounded: the corpus (held as word ids, 4 bytes a word: {@link #corpusBytes}) and the sorters of counting,
 * estimation and the tables keep about {@code memoryBytes} of heap together; the sorters get what the corpus
 * leaves. The tables are not held at all: the model reads them from the mapped files, whose folder is removed
 * on return; on a POSIX system the mapped files live on, unnamed, until the model is collected (elsewhere they
 * are removed when the JVM exits), so saving the model copies them through the file system without paging them
 * in.
 */
public final class SortedEstimation {

    /** Counts the orders a pass has finished, in whatever order it finishes them. */
    private static final class OrdersDone implements java.util.function.IntConsumer {
        private final EstimationProgress progress;
        private int done;

        OrdersDone(EstimationProgress progress) {
            this.progress = progress;
        }

        @Override
        public void accept(int order) {
            progress.progressed(++done);
        }
    }

    private SortedEstimation() {
    }

    /** The heap {@code corpus} holds: a word id per word and a start per sentence, 4 bytes each. */
    public static long corpusBytes(Corpus corpus) {
        return 4L * (corpus.wordCount() + corpus.sentenceCount() + 1);
    }

    /**
     * Estimates the model of {@code order} from {@code corpus}.
     *
     * @param tempDir   where the temporary folder of sorted runs goes
     * @param passStarted told the name of each pass as it starts ("counting in sorted runs", ...)
     */
    public static NgramModel estimate(Corpus corpus, int order, KneserNey.Variant variant,
                                      KneserNey.DiscountStatistics statistics, long memoryBytes, Path tempDir,
                                      Consumer<String> passStarted) {
        return estimate(corpus, order, variant, statistics, Pruning.NONE, memoryBytes, tempDir, passStarted);
    }

    /**
     * Estimates the model of {@code order} from {@code corpus}, pruned as lmplz's {@code --prune} prunes (see
     * {@link Pruning}): the in-memory estimator's pruned model, bit for bit.
     *
     * @param tempDir   where the temporary folder of sorted runs goes
     * @param passStarted told the name of each pass as it starts ("counting in sorted runs", ...)
     */
    public static NgramModel estimate(Corpus corpus, int order, KneserNey.Variant variant,
                                      KneserNey.DiscountStatistics statistics, Pruning pruning, long memoryBytes,
                                      Path tempDir, Consumer<String> passStarted) {
        return estimate(corpus, order, variant, statistics, pruning, memoryBytes, tempDir,
                EstimationProgress.of(passStarted));
    }

    /**
     * Estimates the model of {@code order} from {@code corpus}, pruned as lmplz's {@code --prune} prunes, telling
     * {@code progress} each pass and how far it is: counting in tokens of the corpus's total, the other passes in
     * orders done.
     *
     * @param tempDir where the temporary folder of sorted runs goes
     */
    public static NgramModel estimate(Corpus corpus, int order, KneserNey.Variant variant,
                                      KneserNey.DiscountStatistics statistics, Pruning pruning, long memoryBytes,
                                      Path tempDir, EstimationProgress progress) {
        return estimate(corpus, order, variant, statistics, pruning, memoryBytes, tempDir, null, progress);
    }

    /**
     * Fails, before any run is written, when {@code memoryBytes} is more than the machine has
     * ({@code machineBytes}, 0 where unknown: the sorters' buffers would be cut short by the kernel, not by Java)
     * or than the heap ({@code maxHeapBytes}) can hold (the sorters would fill their buffers up to it and run out
     * of heap late, an hour into a large corpus).
     *
     * @throws LmkitException naming the sizes and what to give instead
     */
    static void requireHeapFor(long memoryBytes, long maxHeapBytes, long machineBytes) {
        if (machineBytes > 0 && memoryBytes > machineBytes) {
            throw new LmkitException("memory=" + MemoryBudget.format(memoryBytes) + " is more than this machine's"
                    + " memory (" + MemoryBudget.format(machineBytes) + "); give a memory= that the machine can spare"
                    + " beside an eighth more and 256 MB for the rest of the heap, as lmplz's -S");
        }
        if (memoryBytes > maxHeapBytes) {
            long heapMb = (memoryBytes >> 20) + (memoryBytes >> 23) + 256;
            throw new LmkitException("memory=" + MemoryBudget.format(memoryBytes) + " is more than the Java heap holds"
                    + " (at most " + MemoryBudget.format(maxHeapBytes) + "); give the JVM memory= and an eighth more"
                    + " (LMKIT_JAVA_OPTS=-Xmx" + heapMb + "m, which the lmkit command sets itself where the machine has"
                    + " it and LMKIT_JAVA_OPTS names no heap size), or a smaller memory=");
        }
    }

    /** The machine's memory (a container's limit where there is one), or 0 where the JVM cannot tell. */
    private static long machineMemoryBytes() {
        try {
            if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.OperatingSystemMXBean os) {
                return Math.max(0, os.getTotalMemorySize());
            }
        } catch (RuntimeException | LinkageError e) {
            // A JVM without the jdk.management module: only the heap is checked.
        }
        return 0;
    }

    /**
     * As {@link #estimate(Corpus, int, KneserNey.Variant, KneserNey.DiscountStatistics, Pruning, long, Path,
     * EstimationProgress)}, and with a {@code checkpointDir} (null for none) the runs go there instead of
     * {@code tempDir}, and the estimation keeps a checkpoint ({@link EstimationCheckpoint}) once the adjusted
     * counts are made and after each order of probabilities: stopped, by an error, Ctrl-C or a kill, and run
     * again with the same folder, it goes on from the last one. The folder is emptied once the model is made.
     */
    public static NgramModel estimate(Corpus corpus, int order, KneserNey.Variant variant,
                                      KneserNey.DiscountStatistics statistics, Pruning pruning, long memoryBytes,
                                      Path tempDir, Path checkpointDir, EstimationProgress progress) {
        requireHeapFor(memoryBytes, Runtime.getRuntime().maxMemory(), machineMemoryBytes());
        long corpusBytes = corpusBytes(corpus);
        long least = SortedCounts.minimumBytes(order);
        long sorting = memoryBytes - corpusBytes;
        if (sorting < least) {
            throw new LmkitException("memory=" + MemoryBudget.format(memoryBytes) + " must hold the corpus's word ids ("
                    + MemoryBudget.format(corpusBytes) + ", 4 bytes a word) and the sorters (at least "
                    + MemoryBudget.format(least) + " for order " + order + "); give memory= of at least "
                    + MemoryBudget.format(corpusBytes + least));
        }
        boolean checkpoints = checkpointDir != null;
        boolean[] checkpointed = new boolean[1];
        try (SpillFolder folder = checkpoints ? SpillFolder.checkpoint(checkpointDir) : new SpillFolder(tempDir)) {
            EstimationCheckpoint.Identity identity = checkpoints
                    ? EstimationCheckpoint.Identity.of(corpus, order, variant, statistics, pruning) : null;
            Optional<EstimationCheckpoint.Resumed> resumed = checkpoints
                    ? EstimationCheckpoint.read(folder, identity, corpus.vocabulary()) : Optional.empty();
            SortedCounts counts;
            SortedDiscounts.Adjusted adjusted;
            SortedModelTables tables;
            SortedProbabilities.Start start;
            if (resumed.isPresent()) {
                EstimationCheckpoint.Resumed r = resumed.get();
                checkpointed[0] = true;
                counts = r.counts();
                adjusted = r.adjusted();
                tables = r.tables();
                start = new SortedProbabilities.Start(r.ordersDone(), r.lower(), r.lowerIds());
                progress.passStarted("going on from the checkpoint in " + checkpointDir + " (counts, discounts and "
                        + r.ordersDone() + " of " + order + " orders of probabilities were done)", 0, "orders");
            } else {
                progress.passStarted("counting in sorted runs", corpus.tokenCount(), "tokens");
                counts = SortedCounts.count(corpus, order, sorting, folder, progress::progressed);
                // Orders differ in size by orders of magnitude: no total, so that no ETA is extrapolated from them.
                progress.passStarted("adjusted counts and discounts", 0, "orders");
                // Pruning sorts each order's needed n-grams in the memory the order's counts gave back.
                adjusted = SortedDiscounts.adjust(counts, variant, statistics, pruning, sorting / order, folder,
                        new OrdersDone(progress), true);
                tables = new SortedModelTables(counts, folder);
                start = SortedProbabilities.Start.BEGINNING;
                if (checkpoints) {
                    EstimationCheckpoint.write(folder, identity, 0, counts, adjusted, null, null, tables);
                    checkpointed[0] = true;
                }
            }
            progress.passStarted("probabilities and backoffs", 0, "orders");
            if (start.ordersDone() > 0) {
                progress.progressed(start.ordersDone());
            }
            SortedCounts c = counts;
            SortedDiscounts.Adjusted a = adjusted;
            SortedProbabilities.estimate(counts, adjusted, sorting, folder, tables, start, (k, lower, lowerIds) -> {
                tables.orderDone(k);
                if (checkpoints) {
                    EstimationCheckpoint.write(folder, identity, k, c, a, lower, lowerIds, tables);
                }
                progress.progressed(k);
            });
            // The tables came in trie order: writing them reads each order's runs, no sort.
            progress.passStarted("writing the model's tables", 0, "orders");
            ModelDataFolder files;
            try {
                Path model = folder.path().resolve(SpillFolder.MODEL_FOLDER);
                files = new ModelDataFolder(Files.createDirectory(model));
                tables.write(files.sink());
                progress.progressed(order - 1);
            } catch (IOException e) {
                throw folder.writeFailed(e);
            }
            NgramModel estimated = NgramModel.readData(files.source(), corpus.vocabulary());
            folder.complete();
            return estimated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back the model's tables written in "
                    + (checkpoints ? checkpointDir : tempDir) + ": " + e.getMessage(), e);
        } catch (LmkitException e) {
            if (checkpointed[0]) {
                throw new LmkitException(e.getMessage() + "; the estimation's finished steps are kept in "
                        + checkpointDir + ": run the same command again to go on from them", e);
            }
            throw e;
        }
    }
}
