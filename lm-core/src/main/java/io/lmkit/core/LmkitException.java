package io.lmkit.core;

/**
 * An error the user can act on: bad input, a missing file, an unknown plugin, a corrupt model.
 *
 * <p>The message always names the offending input (file, line, key or value) and says how to fix
 * it, so that the command-line tool can print it as it is, without a stack trace.
 */
public class LmkitException extends RuntimeException {

    /** Creates an error with a message that names the bad input and the fix. */
    public LmkitException(String message) {
        super(message);
    }

    /** Creates an error with a message that names the bad input and the fix, and its cause. */
    public LmkitException(String message, Throwable cause) {
        super(message, cause);
    }
}
