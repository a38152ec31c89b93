package io.lmkit.core.train;

/** Receives a trainer's {@link TrainingEvent}s, on the training thread. */
@FunctionalInterface
public interface TrainingListener {

    /** A listener that ignores every event. */
    TrainingListener NONE = event -> { };

    /** Handles one event; must be quick, as training waits for it. */
    void onEvent(TrainingEvent event);

    /**
     * Whether the user asked training to stop (Ctrl-C, a termination signal). An iterative trainer
     * asks after every update and, when true, writes a checkpoint and throws
     * {@link TrainingStoppedException}; a one-pass trainer (n-gram counting) may ignore it.
     * Called on the training thread; the default never asks to stop.
     */
    default boolean stopRequested() {
        return false;
    }
}
