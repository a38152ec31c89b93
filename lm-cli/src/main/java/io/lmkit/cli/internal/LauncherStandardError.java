package io.lmkit.cli.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.lang.reflect.Field;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The standard error that the {@code ./lmkit} launcher hands over. The launcher must pass the JVM's
 * own standard error through a filter (it drops the incubator-module warning that the JVM prints
 * before {@code main}), and a filter is a second process whose last lines can arrive after lmkit has
 * exited: after the shell's next prompt, or after a script reads the file it redirected stderr to.
 * So the launcher also gives the real standard error as another file descriptor (named by the
 * {@value #PROPERTY} property), and lmkit writes everything of its own there, directly: its messages
 * have all arrived when the process ends. Only what the JVM itself prints still takes the filter.
 */
final class LauncherStandardError {

    /** The system property that names the descriptor of the real standard error. */
    static final String PROPERTY = "lmkit.stderrFd";

    private LauncherStandardError() {
    }

    /**
     * Makes {@link System#err} the descriptor the launcher named, when it named one that is open;
     * otherwise leaves standard error as it is (lmkit run with {@code java -jar}, in tests).
     */
    static void adopt() {
        String named = System.getProperty(PROPERTY);
        if (named == null || !named.matches("[3-9]") || !Files.exists(Path.of("/dev/fd", named))) {
            return;
        }
        try {
            // The same open file description as the shell's stderr (offset, append mode and all), which
            // FileDescriptor offers no public way to name; the launcher opens java.io for this one field.
            FileDescriptor descriptor = new FileDescriptor();
            Field fd = FileDescriptor.class.getDeclaredField("fd");
            fd.setAccessible(true);
            fd.setInt(descriptor, Integer.parseInt(named));
            String encoding = System.getProperty("sun.stderr.encoding", Charset.defaultCharset().name());
            System.setErr(new PrintStream(new FileOutputStream(descriptor), true, encoding));
        } catch (ReflectiveOperationException | RuntimeException | UnsupportedEncodingException e) {
            // Not opened to us (an older launcher, another JVM): the filtered stderr still works.
        }
    }
}
