package io.lmkit.cli.internal;

import io.lmkit.core.LmkitException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Turns an exception that escaped a command into the one line the user reads. */
final class Failures {

    private Failures() {
    }

    /** The message of a failure: lmkit's own messages as they are, file errors naming the file and the fix. */
    static String describe(Exception e) {
        if (e instanceof LmkitException) {
            return e.getMessage();
        }
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof NoSuchFileException missing) {
            return missing.getFile() + " does not exist; check the path";
        }
        if (cause instanceof AccessDeniedException denied) {
            return "permission denied for " + denied.getFile() + "; choose a file you can read and write";
        }
        return "unexpected error: " + e;
    }
}
