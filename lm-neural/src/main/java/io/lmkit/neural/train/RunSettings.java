package io.lmkit.neural.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a checkpoint records of the run that wrote it, so that a resume with other settings is
 * refused naming only those that differ: the seed, the optimiser, the schedule, clipping, weight
 * decay, patience, validation interval, output classes and batches per epoch, as
 * {@code key=value} pairs. Checkpoints written before these pairs hold a free-form text
 * ({@link #legacy}), which is still compared whole.
 *
 * @param values the settings by name, in a fixed order
 * @param legacy the text older versions recorded for the same run
 */
record RunSettings(Map<String, String> values, String legacy) {

    private static final String SEPARATOR = ", ";

    /** The settings of a run with {@code options} on a model of {@code classes} and that many batches. */
    static RunSettings of(TrainingOptions o, int classes, int batchesPerEpoch) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("seed", Long.toString(o.seed()));
        v.put("optimizer", o.optimizer().kind().name().toLowerCase(Locale.ROOT));
        v.put("momentum", Double.toString(o.optimizer().momentum()));
        v.put("nesterov", Boolean.toString(o.optimizer().nesterov()));
        v.put("beta1", Double.toString(o.optimizer().beta1()));
        v.put("beta2", Double.toString(o.optimizer().beta2()));
        v.put("epsilon", Double.toString(o.optimizer().epsilon()));
        v.put("decoupledWeightDecay", Double.toString(o.optimizer().weightDecay()));
        v.put("schedule", o.schedule().kind().name().toLowerCase(Locale.ROOT));
        v.put("learningRate", Double.toString(o.schedule().initial()));
        v.put("scheduleFactor", Double.toString(o.schedule().factor()));
        v.put("stepEpochs", Integer.toString(o.schedule().stepEpochs()));
        v.put("minImprovement", Double.toString(o.schedule().minImprovement()));
        v.put("warmupSteps", Long.toString(o.schedule().warmupSteps()));
        v.put("clipNorm", Double.toString(o.clipNorm()));
        v.put("clipValue", Double.toString(o.clipValue()));
        v.put("weightDecay", Double.toString(o.weightDecay()));
        v.put("patience", Integer.toString(o.patience()));
        v.put("validateEvery", Long.toString(o.validateEvery()));
        v.put("classes", Integer.toString(classes));
        v.put("batchesPerEpoch", Integer.toString(batchesPerEpoch));
        String legacy = String.format(Locale.ROOT, "seed %d, %s, %s, clipNorm %s, clipValue %s, weightDecay %s,"
                        + " patience %d, validateEvery %d, %d classes, %d batches an epoch", o.seed(), o.optimizer(),
                o.schedule(), o.clipNorm(), o.clipValue(), o.weightDecay(), o.patience(), o.validateEvery(), classes,
                batchesPerEpoch);
        return new RunSettings(v, legacy);
    }

    /** The text a checkpoint records: {@code seed=1, optimizer=adam, ...}. */
    String text() {
        List<String> pairs = new ArrayList<>();
        values.forEach((k, v) -> pairs.add(k + "=" + v));
        return String.join(SEPARATOR, pairs);
    }

    /** Whether a checkpoint's recorded text describes this run. */
    boolean matches(String recorded) {
        return recorded.equals(text()) || recorded.equals(legacy);
    }

    /**
     * The settings that differ, as {@code learningRate=0.1, optimizer=adam; this run has
     * learningRate=0.2, optimizer=sgd}; for a checkpoint of an older version, both texts whole.
     */
    String differencesIn(String recorded) {
        Map<String, String> theirs = parse(recorded);
        if (theirs == null) {
            return recorded + "; this run has " + legacy;
        }
        Set<String> keys = new LinkedHashSet<>(values.keySet());
        keys.addAll(theirs.keySet());
        List<String> was = new ArrayList<>();
        List<String> now = new ArrayList<>();
        for (String k : keys) {
            if (!Objects.equals(values.get(k), theirs.get(k))) {
                was.add(k + "=" + theirs.getOrDefault(k, "(none)"));
                now.add(k + "=" + values.getOrDefault(k, "(none)"));
            }
        }
        return String.join(SEPARATOR, was) + "; this run has " + String.join(SEPARATOR, now);
    }

    /** The pairs of a recorded text, or null when it is not {@code key=value} pairs (an older checkpoint). */
    private static Map<String, String> parse(String recorded) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : recorded.split(SEPARATOR)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                return null;
            }
            out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }
}
