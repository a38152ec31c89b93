package io.lmkit.rnn.model;

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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue #6, "the same config and seed give the same numbers", for the LSTM on the float32 simd
 * backend: trainings with a fixed number of epochs (no wall-clock budget), in this JVM, in a second
 * JVM and in one limited to the C1 compiler (which never uses the Vector API's intrinsics), end with
 * bit-identical parameters, and so do trainings on different thread counts. The 128 × 512 gate
 * weights are large enough that products, updates and the gradient norm are split over threads.
 */
class SimdReproducibilityTest {

    static final Corpus TRAIN = RecurrentModelTest.corpus(null, 200, 1);
    static final Corpus VALID = RecurrentModelTest.corpus(TRAIN.vocabulary(), 40, 2);

    /** Sigmoid gates and tanh (exp), softmax (exp), dropout, clipping (Σ g²) and Adam. */
    static RnnConfig config(int threads, int hidden) {
        return RnnConfig.builder().embedding(24).hidden(hidden).dropout(0.1).initScale(0.2).batchSize(8).bptt(10)
                .epochs(2).optimizer(OptimizerConfig.Kind.ADAM).learningRate(0.01)
                .schedule(LearningRateSchedule.Kind.PLATEAU).clipNorm(1.0).patience(3).validateEvery(7)
                .backend("simd").threads(threads).sentenceReset(false).build();
    }

    static Map<String, double[]> trainedParameters(int threads, int hidden) {
        RecurrentModel model = (RecurrentModel) new LstmProvider().trainer().train(
                new TrainingData(TRAIN, Optional.of(VALID)), config(threads, hidden), 5, TrainingListener.NONE);
        return model.parameters().snapshot();
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
        List<String> command = new ArrayList<>(List.of(
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
    void twoTrainingsInOneJvmGiveBitIdenticalParameters() {
        assertEquals(digest(trainedParameters(3, 128)), digest(trainedParameters(3, 128)));
    }

    @Test
    void theThreadCountDoesNotChangeTheParameters() {
        assertEquals(digest(trainedParameters(1, 128)), digest(trainedParameters(4, 128)));
    }

    @Test
    void aSecondJvmGivesTheSameBits() throws Exception {
        assertEquals(digest(trainedParameters(2, 128)), digestInAnotherJvm(List.of(), 2, 128));
    }

    @Test
    void aSecondJvmWithoutC2GivesTheBitsThisWarmJvmGives() throws Exception {
        // Small, because the Vector API without its intrinsics is slow.
        trainedParameters(2, 16); // warm up, so that C2 compiles the hot vector code here
        assertEquals(digest(trainedParameters(2, 16)), digestInAnotherJvm(List.of("-XX:TieredStopAtLevel=1"), 2, 16),
                "parameters trained in a C1-only JVM against this JVM's after warm-up");
    }
}
