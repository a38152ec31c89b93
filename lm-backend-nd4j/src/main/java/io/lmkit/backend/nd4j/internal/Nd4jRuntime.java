package io.lmkit.backend.nd4j.internal;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the ND4J providers need to know about the runtime without starting it: whether a backend's
 * Java classes and native libraries are on the class path, and, once it runs, how to set its threads.
 *
 * <p>Nothing here may touch {@link Nd4j} before {@link #configureThreads} is called: the first use
 * of Nd4j loads and initialises a native backend, which fails (or picks the wrong one) when the
 * runtime is missing, and which cannot be undone.
 */
final class Nd4jRuntime {

    /** ND4J's version, the one lmkit is built and tested against. */
    static final String VERSION = "1.0.0-M2.1";

    private Nd4jRuntime() {
    }

    /**
     * Why an ND4J backend cannot run, judged from its classes alone.
     *
     * @param backendClass the backend's {@code Nd4jBackend} class (which nd4j-native / nd4j-cuda ships)
     * @param nativeDir    the folder inside the platform jar that holds its JNI library
     * @param library      the JNI library's base name
     * @param artifact     the Maven artifact that provides both
     * @param what         the runtime in words, for the message
     */
    static Optional<String> missing(String backendClass, String nativeDir, String library, String artifact,
                                    String what) {
        ClassLoader loader = Nd4jRuntime.class.getClassLoader();
        if (!present(backendClass, loader)) {
            return Optional.of(what + " is not on the classpath (no " + backendClass + "): add org.nd4j:" + artifact
                    + ":" + VERSION + " and its platform jar (classifier " + platform() + ") to your application"
                    + " (lm-cli and benchmarks ship nd4j-native; build them with -Pcuda for nd4j-cuda-11.6)");
        }
        String resource = nativeDir + "/" + platform() + "/" + System.mapLibraryName(library);
        if (loader == null || loader.getResource(resource) == null) {
            return Optional.of(what + " has its Java classes but not its native library for " + platform()
                    + " (no " + resource + "): add org.nd4j:" + artifact + ":" + VERSION + " with classifier "
                    + platform() + " to your application");
        }
        return Optional.empty();
    }

    /** Whether a class exists, without initialising it (so no native library is loaded). */
    static boolean present(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** This machine as JavaCPP names platforms in classifiers: linux-x86_64, windows-x86_64, macosx-arm64. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "macosx" : os.replace(" ", "");
        String a = switch (arch) {
            case "amd64", "x86_64", "x86-64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i686" -> "x86";
            default -> arch;
        };
        return o + "-" + a;
    }

    /**
     * Sets every thread pool ND4J's CPU path uses to {@code threads}, for the whole process (ND4J
     * has one native runtime per JVM, so the last backend created wins).
     *
     * <p>There are three pools. libnd4j's own pool and OpenMP run the element-wise ops and
     * reductions; OpenBLAS, a separate pthreads pool, runs GEMM. ND4J sizes all three to the cores
     * at start-up, or to {@code OMP_NUM_THREADS} when that is set, which a Java program cannot set
     * for itself; so each is set here through its API:
     * <ul>
     *   <li>{@code Environment.setMaxMasterThreads}: how many threads libnd4j's parallel loops use
     *       (its pool size, {@code setMaxThreads}, can only grow, so it stays at the core count);</li>
     *   <li>{@code Nd4j.factory().blas().setMaxThreads}: {@code openblas_set_num_threads};</li>
     *   <li>{@code NativeOps.setOmpNumThreads}: {@code omp_set_num_threads}, reached by reflection
     *       because NativeOps lives in nd4j-native-api, which libraries must not compile against.</li>
     * </ul>
     */
    static void configureThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        // The pool first: libnd4j only ever grows it (a smaller value is ignored), and the master
        // count, which is what sizes each parallel loop, must fit in it.
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        setOmpThreads(threads);
    }

    private static void setOmpThreads(int threads) {
        try {
            Class<?> holder = Class.forName("org.nd4j.nativeblas.NativeOpsHolder");
            Object instance = holder.getMethod("getInstance").invoke(null);
            Object ops = holder.getMethod("getDeviceNativeOps").invoke(instance);
            Method set = ops.getClass().getMethod("setOmpNumThreads", int.class);
            set.invoke(ops, threads);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Without it only OpenMP loops keep their start-up size; GEMM and libnd4j's pool are set.
            org.apache.logging.log4j.LogManager.getLogger(Nd4jRuntime.class)
                    .debug("could not set ND4J's OpenMP threads to {}: {}", threads, e.toString());
        }
    }
}
