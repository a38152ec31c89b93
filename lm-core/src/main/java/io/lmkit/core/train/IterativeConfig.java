package io.lmkit.core.train;

/**
 * The settings every iteratively trained model's config has, so that the CLI and the comparison
 * can ask a config for its budget, checkpoint and backend by type instead of looking for settings
 * by name. A config record implements it with components of these names (then the accessors are
 * the record's own), so that {@code --set maxTokens=...} sets the same value the interface reads.
 * Models trained in one pass (n-gram models, most plugins) do not implement it and have no
 * checkpoints.
 */
public interface IterativeConfig {

    /** The setting name of {@link #maxMinutes()}. */
    String MAX_MINUTES = "maxMinutes";
    /** The setting name of {@link #maxTokens()}. */
    String MAX_TOKENS = "maxTokens";
    /** The setting name of {@link #checkpoint()}. */
    String CHECKPOINT = "checkpoint";
    /** The setting name of {@link #resume()}. */
    String RESUME = "resume";
    /** The setting name of {@link #backend()}. */
    String BACKEND = "backend";

    /** The wall-clock budget of training in minutes; 0 for none. */
    double maxMinutes();

    /** The work budget of training in training tokens; 0 for none. */
    long maxTokens();

    /** The checkpoint file; empty for none. */
    String checkpoint();

    /** Whether training continues from {@link #checkpoint()}, which must then exist. */
    boolean resume();

    /** The compute backend's name; empty for the default choice. */
    String backend();

    /** Whether configs of {@code configType} are iterative: have budgets, checkpoints and a backend. */
    static boolean isIterative(Class<?> configType) {
        return IterativeConfig.class.isAssignableFrom(configType);
    }
}
