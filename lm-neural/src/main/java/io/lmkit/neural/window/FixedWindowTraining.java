package io.lmkit.neural.window;

import io.lmkit.neural.param.ParameterStore;
import io.lmkit.neural.train.TrainableModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fixed-window network seen by the shared training loop: shuffled minibatches of window
 * examples, and validation perplexity over the validation corpus in large batches.
 */
final class FixedWindowTraining implements TrainableModel<int[]> {

    private static final int EVALUATION_BATCH = 1024;

    private final FixedWindowNetwork network;
    private final WindowExamples train;
    private final WindowExamples valid;
    private final int batchSize;
    private final double dropout;

    FixedWindowTraining(FixedWindowNetwork network, WindowExamples train, WindowExamples valid, int batchSize,
                        double dropout) {
        this.network = network;
        this.train = train;
        this.valid = valid;
        this.batchSize = batchSize;
        this.dropout = dropout;
    }

    @Override
    public ParameterStore parameters() {
        return network.parameters();
    }

    @Override
    public List<int[]> batches(int epoch, SplittableRandom random) {
        int n = train.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<int[]> batches = new ArrayList<>((n + batchSize - 1) / batchSize);
        for (int from = 0; from < n; from += batchSize) {
            batches.add(java.util.Arrays.copyOfRange(order, from, Math.min(n, from + batchSize)));
        }
        return batches;
    }

    @Override
    public long tokens(int[] batch) {
        return batch.length;
    }

    @Override
    public double trainStep(int[] batch, long dropoutSeed) {
        return network.trainStep(train.windows(batch, 0, batch.length), train.targets(batch, 0, batch.length), dropout,
                dropoutSeed);
    }

    @Override
    public double validationPerplexity() {
        double total = 0;
        for (int from = 0; from < valid.size(); from += EVALUATION_BATCH) {
            int to = Math.min(valid.size(), from + EVALUATION_BATCH);
            for (double lnP : network.lnProbs(valid.windows(null, from, to), valid.targets(null, from, to))) {
                total += lnP;
            }
        }
        return Math.exp(-total / valid.size());
    }

    @Override
    public int classes() {
        return network.classes();
    }
}
