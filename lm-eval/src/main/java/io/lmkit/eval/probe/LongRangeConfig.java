package io.lmkit.eval.probe;

/**
 * The shape of the generated long-range corpus ({@link LongRangeCorpus}).
 *
 * @param keys             how many keys, and values: chance accuracy is 1 / keys
 * @param fillers          the size of the filler vocabulary the gap is drawn from
 * @param minDistance      the smallest distance d from key to value (1: the value follows the key)
 * @param maxDistance      the largest distance d
 * @param trainPerDistance training sentences of each distance
 * @param testPerDistance  test sentences of each distance (and as many validation sentences)
 * @param seed             the seed of every random choice; the same config gives the same corpus
 */
public record LongRangeConfig(int keys, int fillers, int minDistance, int maxDistance, int trainPerDistance,
                              int testPerDistance, long seed) {

    /** Validates every value, naming the bad one. */
    public LongRangeConfig {
        if (keys < 2) {
            throw new IllegalArgumentException("keys must be at least 2 (one key leaves nothing to remember), got "
                    + keys);
        }
        if (fillers < 1) {
            throw new IllegalArgumentException("fillers must be at least 1, got " + fillers);
        }
        if (minDistance < 1 || maxDistance < minDistance) {
            throw new IllegalArgumentException("distances must satisfy 1 <= minDistance <= maxDistance, got "
                    + minDistance + " and " + maxDistance);
        }
        if (trainPerDistance < 1 || testPerDistance < 1) {
            throw new IllegalArgumentException("trainPerDistance and testPerDistance must be at least 1, got "
                    + trainPerDistance + " and " + testPerDistance);
        }
    }

    /** The sweep of the issue: d = 1..50, ten keys, ten fillers. */
    public static LongRangeConfig standard(int trainPerDistance, int testPerDistance, long seed) {
        return new LongRangeConfig(10, 10, 1, 50, trainPerDistance, testPerDistance, seed);
    }

    /** How many distances the sweep has. */
    public int distanceCount() {
        return maxDistance - minDistance + 1;
    }
}
