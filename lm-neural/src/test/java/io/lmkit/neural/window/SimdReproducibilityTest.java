package io.lmkit.neural.window;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.neural.backend.Activation;
import io.lmkit.neural.optim.LearningRateSchedule;
import io.lmkit.neural.optim.OptimizerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue #6, "the same config and seed give the same numbers", on the float32 simd backend: two
 * trainings with a fixed number of epochs (no wall-clock budget) end with bit-identical parameters.
 * The sizes are large enough that the products, the optimiser updates and the gradient norm are
 * split over the pool's threads. A second JVM limited to the C1 compiler, which never uses the
 * Vector API's intrinsics, must give the same bits as this one after C2 has compiled the hot code:
 * the run-to-run differences of issue #6 came from a vector e^x that differed between the two.
 */
class SimdReproducibilityTest {

    static final Corpus TRAIN = TinyText.corpus(400, 1);
    static final Corpus VALID = TinyText.corpus(TRAIN.vocabulary(), 60, 2);

    /** Tanh hidden layer (exp), softmax (exp), clipping (Σ g²), dropout and Adam: every simd path training uses. */
    static FixedWindowConfig config(int threads, int hidden) {
        return FixedWindowConfig.builder().order(4).embedding(48).hidden(hidden).direct(true).dropout(0.1).epochs(2)
                .batchSize(64).optimizer(OptimizerConfig.Kind.ADAM).learningRate(0.01)
                .schedule(LearningRateSchedule.Kind.PLATEAU).clipNorm(1.0).weightDecay(1e-4).patience(3)
                .validateEvery(10).backend("simd").threads(threads).build();
    }

    /** Trains with a hidden layer of 256, whose 144 × 256 input weights are large enough to split. */
    static Map<String, double[]> trainedParameters(int threads) {
        return trainedParameters(threads, 256);
    }

    static Map<String, double[]> trainedParameters(int threads, int hidden) {
        FixedWindowModel model = (FixedWindowModel) new FixedWindowProvider().trainer().train(
                new TrainingData(TRAIN, Optional.of(VALID)), config(threads, hidden), 11, TrainingListener.NONE);
        return model.parameters().snapshot();
    }

    /** Asserts the two parameter sets equal bit for bit (float32 values widen to double exactly). */
    static void assertBitIdentical(Map<String, double[]> expected, Map<String, double[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            double[] e = expected.get(name);
            double[] a = actual.get(name);
            int differing = 0;
            for (int i = 0; i < e.length; i++) {
                if (Double.doubleToRawLongBits(e[i]) != Double.doubleToRawLongBits(a[i])) {
                    differing++;
                }
            }
            assertEquals(0, differing, differing + " of " + e.length + " values of parameter " + name
                    + " differ; first values " + Arrays.toString(Arrays.copyOf(e, 3)) + " against "
                    + Arrays.toString(Arrays.copyOf(a, 3)));
        }
    }

    /** SHA-256 of the parameters' float32 bits, name by name in the store's order. */
    static String digest(Map<String, double[]> parameters) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, double[]> e : parameters.entrySet()) {
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                for (double v : e.getValue()) {
                    int bits = Float.floatToRawIntBits((float) v);
                    sha.update(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The child JVM's entry point: trains on args[0] threads with args[1] hidden units and prints the digest. */
    public static void main(String[] args) {
        System.out.println(digest(trainedParameters(Integer.parseInt(args[0]), Integer.parseInt(args[1]))));
    }

    /** The last line a second JVM with {@code jvmOptions} prints from {@link #main}. */
    static String digestInAnotherJvm(List<String> jvmOptions, int threads, int hidden)
            throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules",
                "jdk.incubator.vector"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                SimdReproducibilityTest.class.getName(), Integer.toString(threads), Integer.toString(hidden)));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = child.getInputStream().readAllBytes();
        assertEquals(true, child.waitFor(120, TimeUnit.SECONDS), "the child JVM finished");
        assertEquals(0, child.exitValue(), "the child JVM's exit status; it printed: " + new String(out,
                StandardCharsets.UTF_8));
        String[] lines = new String(out, StandardCharsets.UTF_8).strip().split("\\R");
        return lines[lines.length - 1];
    }

    @Test
    void aSecondJvmWithoutC2GivesTheBitsThisWarmJvmGives() throws Exception {
        // Small, because the Vector API without its intrinsics is slow.
        trainedParameters(2, 32); // warm up, so that C2 compiles the hot vector code here
        String warm = digest(trainedParameters(2, 32));
        assertEquals(warm, digestInAnotherJvm(List.of("-XX:TieredStopAtLevel=1"), 2, 32),
                "parameters trained in a C1-only JVM against this JVM's after warm-up");
    }

    @Test
    void aSecondJvmGivesTheSameBits() throws Exception {
        assertEquals(digest(trainedParameters(3)), digestInAnotherJvm(List.of(), 3, 256));
    }

    @Test
    void twoTrainingsOnOneThreadGiveBitIdenticalParameters() {
        assertBitIdentical(trainedParameters(1), trainedParameters(1));
    }

    @Test
    void twoTrainingsOnThreeThreadsGiveBitIdenticalParameters() {
        assertBitIdentical(trainedParameters(3), trainedParameters(3));
    }

    @Test
    void theThreadCountDoesNotChangeTheParameters() {
        assertBitIdentical(trainedParameters(1), trainedParameters(4));
    }
}
