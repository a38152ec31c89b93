package io.lmkit.core.train;

import io.lmkit.core.LmkitException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Training stopped because the user asked it to (see {@link TrainingListener#stopRequested()}),
 * after writing a checkpoint when one was configured. No model is returned: the checkpoint is
 * where training continues from.
 */
public final class TrainingStoppedException extends LmkitException {

    private final transient Optional<Path> checkpoint;

    /**
     * Creates the report of a stop at update {@code step} of {@code epoch}.
     *
     * @param checkpoint the checkpoint just written, if any
     */
    public TrainingStoppedException(int epoch, long step, Optional<Path> checkpoint) {
        super("training stopped on request in epoch " + epoch + " after " + step + " updates; " + checkpoint
                .map(c -> "checkpoint written to " + c + ". Continue with the same command and --resume " + c)
                .orElse("no checkpoint was configured, so its progress is lost"));
        this.checkpoint = checkpoint;
    }

    /** The checkpoint written as training stopped, if one was configured. */
    public Optional<Path> checkpoint() {
        return checkpoint;
    }
}
