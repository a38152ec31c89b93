package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * lmkit started as the launcher starts it writes its own messages to the descriptor the launcher
 * names ({@code -Dlmkit.stderrFd=3}), the real standard error, and not to descriptor 2, which the
 * launcher filters: a child JVM with descriptor 3 and descriptor 2 sent to two files.
 */
@EnabledOnOs(OS.LINUX)
class LauncherStandardErrorTest {

    @TempDir
    Path dir;

    @Test
    void lmkitsOwnMessagesGoToTheDescriptorTheLauncherHandsOver() throws Exception {
        Path direct = dir.resolve("fd3.txt");
        Path filtered = dir.resolve("fd2.txt");
        Path missing = dir.resolve("missing.zip");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of("bash", "-c", "exec \"$0\" --add-opens java.base/java.io=ALL-UNNAMED"
                + " -Dlmkit.stderrFd=3 -cp \"$1\" " + Main.class.getName() + " eval --model \"$2\" --test \"$2\""
                + " 3>\"$3\" 2>\"$4\"", java, System.getProperty("java.class.path"), missing.toString(),
                direct.toString(), filtered.toString())).start();
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(1, p.exitValue());
        assertEquals("lmkit: model file " + missing + " does not exist; train one with 'lmkit train' or check the path\n",
                Files.readString(direct));
        assertEquals("", Files.readString(filtered), "nothing of lmkit's own takes the filtered descriptor");
    }
}
