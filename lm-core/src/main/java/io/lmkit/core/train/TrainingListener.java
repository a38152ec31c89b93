package io.lmkit.core.train;

/** Receives a trainer's {@link TrainingEvent}s, on the training thread. */
@FunctionalInterface
public interface TrainingListener {

    /** A listener that ignores every event. */
    TrainingListener NONE = event -> { };

    /** Handles one event; must be quick, as training waits for it. */
    void onEvent(TrainingEvent event);
}
