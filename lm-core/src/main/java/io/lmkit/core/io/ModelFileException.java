package io.lmkit.core.io;

import io.lmkit.core.LmkitException;

/** A model file that cannot be read: missing, truncated, corrupt, or written by a newer lmkit. */
public class ModelFileException extends LmkitException {

    /** Creates an error whose message names the file, what is wrong and what to do. */
    public ModelFileException(String message) {
        super(message);
    }

    /** Creates an error whose message names the file, what is wrong and what to do, with its cause. */
    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
