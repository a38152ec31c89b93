package io.lmkit.ngram.spill;

import java.util.SplittableRandom;

/** Times SortBuffer.drain (radix sort + in-order read) on 5-word keys with skewed ranks under 372,000 (sortbench.sh). */
public class SortBench {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]);
        int rounds = Integer.parseInt(a[1]);
        int width = 7; // a 5-word key and a two-int payload, as the probability pass's records
        SortBuffer buffer = new SortBuffer(width, 5, RecordOrder.valueOf(a[2]), KeyRepeats.FEW, n);
        int[] rec = new int[width];
        long checksum = 0;
        long best = Long.MAX_VALUE;
        for (int round = 0; round < rounds; round++) {
            SplittableRandom random = new SplittableRandom(42);
            for (int i = 0; i < n; i++) {
                for (int w = 0; w < width; w++) {
                    double u = random.nextDouble();
                    rec[w] = 3 + (int) (372_000 * u * u * u * u); // skewed toward small ranks
                }
                buffer.add(rec, 0, 1);
            }
            long[] sum = {0};
            long start = System.nanoTime();
            buffer.drain((words, count) -> sum[0] = sum[0] * 31 + words[0] + words[4] + count);
            long took = System.nanoTime() - start;
            best = Math.min(best, took);
            checksum ^= sum[0];
            System.out.printf("round %d: %.3f s%n", round, took / 1e9);
        }
        System.out.printf("best %.3f s, checksum %x%n", best / 1e9, checksum);
    }
}
