package io.lmkit.benchmarks;

import io.lmkit.core.io.ModelFile;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelState;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How long a fresh JVM takes to load a model file and score its first word: run once per model file, in a
 * new process each time, so that nothing is warm but the operating system's page cache.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.lmkit.benchmarks.ModelLoadTime models/kn5.zip</pre>
 *
 * Prints the wall time and the main thread's CPU time of finding the plugins, of {@code ModelFile.load},
 * and of the first score (which touches the mapped pages it needs).
 */
public final class ModelLoadTime {

    private ModelLoadTime() {
    }

    /** Loads {@code args[0]} and prints the times. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long wall0 = System.nanoTime();
        long cpu0 = threads.getCurrentThreadCpuTime();
        PluginRegistry<ModelProvider<?>> models = PluginRegistry.discover((Class) ModelProvider.class,
                ModelLoadTime.class.getClassLoader(), "model", "");
        long wall1 = System.nanoTime();
        long cpu1 = threads.getCurrentThreadCpuTime();
        LanguageModel model = ModelFile.load(Path.of(args[0]), models).model();
        long wall2 = System.nanoTime();
        long cpu2 = threads.getCurrentThreadCpuTime();
        ModelState s = model.begin();
        double lnP = model.score(s, model.vocabulary().id("the")).lnProb();
        long wall3 = System.nanoTime();
        long cpu3 = threads.getCurrentThreadCpuTime();
        System.out.printf(Locale.ROOT, "%s: plugins %.1f ms (cpu %.1f), load %.1f ms (cpu %.1f), first score %.1f ms"
                        + " (cpu %.1f; ln P(the | <s>) = %.4f)%n", args[0], (wall1 - wall0) / 1e6, (cpu1 - cpu0) / 1e6,
                (wall2 - wall1) / 1e6, (cpu2 - cpu1) / 1e6, (wall3 - wall2) / 1e6, (cpu3 - cpu2) / 1e6, lnP);
    }
}
