package io.lmkit.cli.internal;

import static io.lmkit.cli.internal.CliTest.lmkit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.cli.internal.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command's options with an invalid value: a usage error (exit code 2) whose message names
 * the option or setting and what it accepts, caught before any work (no training starts, no file
 * is read). Each row: the arguments, and what the message must contain.
 */
class CliValidationTest {

    @TempDir
    static Path dir;
    static String train;
    static String out;

    @BeforeAll
    static void files() throws IOException {
        train = Files.writeString(dir.resolve("train.txt"), "a b c\nb c a\n").toString();
        out = dir.resolve("m.zip").toString();
    }

    static String[] trainWith(String model, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--model", model, "--train", train, "--out", out));
        args.addAll(Arrays.asList(more));
        return args.toArray(String[]::new);
    }

    static Stream<Arguments> invalidOptions() {
        return Stream.of(
                // train: the command's own options
                Arguments.of(trainWith("unigram", "--min-count", "0"), "--min-count must be at least 1"),
                Arguments.of(trainWith("unigram", "--max-vocab", "-1"), "--max-vocab must be 0 or more"),
                Arguments.of(trainWith("unigram", "--seed", "x"), "--seed"),
                Arguments.of(trainWith("unigram", "--tokenizer", "nope"), "nope"),
                Arguments.of(trainWith("unigram", "--invalid-utf8", "ignore"), "--invalid-utf8 must be 'fail' or"),
                Arguments.of(trainWith("nope"), "No model 'nope'"),
                Arguments.of(trainWith("kneser-ney", "--resume", "x.ckpt"), "--resume: model 'kneser-ney'"),
                Arguments.of(trainWith("fixed-window", "--resume", dir.resolve("missing.ckpt").toString()),
                        "--resume: checkpoint"),
                // train: model settings
                Arguments.of(trainWith("kneser-ney", "--set", "order=-1"), "order"),
                Arguments.of(trainWith("kneser-ney", "--set", "order=0"), "order"),
                Arguments.of(trainWith("kneser-ney", "--set", "order=x"), "setting 'order' of model 'kneser-ney' must be an integer"),
                Arguments.of(trainWith("kneser-ney", "--set", "order"), "setting 'order'"),
                Arguments.of(trainWith("kneser-ney", "--set", "colour=red"), "unknown setting 'colour'"),
                Arguments.of(trainWith("modified-kneser-ney", "--set", "prune=x"), "prune"),
                Arguments.of(trainWith("fixed-window", "--set", "order=1"), "order must be at least 2"),
                Arguments.of(trainWith("fixed-window", "--set", "hidden=0"), "hidden must be at least 1"),
                Arguments.of(trainWith("fixed-window", "--set", "embedding=-4"), "embedding must be at least 1"),
                Arguments.of(trainWith("fixed-window", "--set", "epochs=0"), "epochs must be at least 1"),
                Arguments.of(trainWith("fixed-window", "--set", "batchSize=0"), "batchSize must be at least 1"),
                Arguments.of(trainWith("fixed-window", "--set", "threads=0"), "threads must be at least 1"),
                Arguments.of(trainWith("fixed-window", "--set", "learningRate=-1"), "learningRate must be positive"),
                Arguments.of(trainWith("fixed-window", "--set", "learningRate=NaN"), "learningRate"),
                Arguments.of(trainWith("fixed-window", "--set", "clipNorm=NaN"), "clipNorm"),
                Arguments.of(trainWith("fixed-window", "--set", "clipNorm=-1"), "clipNorm"),
                Arguments.of(trainWith("fixed-window", "--set", "dropout=1.5"), "dropout must be in [0, 1)"),
                Arguments.of(trainWith("fixed-window", "--set", "activation=sigmoid"), "activation"),
                Arguments.of(trainWith("fixed-window", "--set", "optimizer=lbfgs"), "optimizer"),
                Arguments.of(trainWith("fixed-window", "--set", "schedule=exponential"), "schedule"),
                Arguments.of(trainWith("fixed-window", "--set", "backend=tpu"), "No compute backend 'tpu'"),
                Arguments.of(trainWith("fixed-window", "--set", "checkpointMinutes=-1"), "checkpointMinutes"),
                Arguments.of(trainWith("lstm", "--set", "hidden=0"), "hidden must be at least 1"),
                Arguments.of(trainWith("lstm", "--set", "bptt=0"), "bptt must be at least 1"),
                Arguments.of(trainWith("gru", "--set", "layers=0"), "layers must be at least 1"),
                Arguments.of(trainWith("rnn", "--set", "optimizer=lbfgs"), "optimizer"),
                Arguments.of(trainWith("rnn", "--set", "backend=tpu"), "No compute backend 'tpu'"),
                // eval, generate, gradients
                Arguments.of(new String[] {"eval", "--model"}, "--model"),
                Arguments.of(new String[] {"generate", "--model", "m.zip", "--temperature", "0"}, "temperature"),
                Arguments.of(new String[] {"generate", "--model", "m.zip", "--temperature", "NaN"}, "temperature"),
                Arguments.of(new String[] {"generate", "--model", "m.zip", "--top-k", "-1"}, "top-k"),
                Arguments.of(new String[] {"generate", "--model", "m.zip", "--top-p", "1.5"}, "top-p"),
                Arguments.of(new String[] {"generate", "--model", "m.zip", "--max-words", "0"}, "max-words"),
                Arguments.of(new String[] {"generate", "--model", "m.zip", "--samples", "0"}, "--samples"),
                Arguments.of(new String[] {"gradients", "--model", "m.zip", "--data", train, "--out", "g",
                    "--distance", "0"}, "--distance"),
                Arguments.of(new String[] {"gradients", "--model", "m.zip", "--data", train, "--out", "g",
                    "--streams", "-2"}, "--streams"),
                // arpa, ngram, data, compare
                Arguments.of(new String[] {"arpa", "import", "--arpa", "x.arpa", "--out", out, "--unk", "maybe"},
                        "--unk must be 'ordinary' or 'forget-context'"),
                Arguments.of(new String[] {"arpa", "export"}, "--model"),
                Arguments.of(new String[] {"ngram", "stats"}, "--model"),
                Arguments.of(new String[] {"data", "brown", "--out"}, "--out"),
                Arguments.of(new String[] {"compare", "--budget-minutes", "-1"}, "--budget-minutes must be positive"),
                Arguments.of(new String[] {"compare", "--budget-minutes", "NaN"}, "--budget-minutes must be positive"),
                Arguments.of(new String[] {"compare", "--models", "nope"}, "nope"),
                Arguments.of(trainWith("unigram", "--no-such-option"), "Unknown option: '--no-such-option'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidOptions")
    void anInvalidValueIsAUsageErrorNamingIt(String[] args, String expected) {
        Run r = lmkit(args);
        assertEquals(2, r.exitCode(), () -> String.join(" ", args) + "\nout: " + r.out() + "\nerr: " + r.err());
        assertTrue(r.err().contains(expected), () -> String.join(" ", args) + "\nerr: " + r.err());
        assertTrue(r.err().contains("--help"), r.err());
        assertTrue(!Files.exists(Path.of(out)), "nothing is written");
    }

    /** Issue 13: non-finite numbers, an absurd window, and resume=true with nothing to resume. */
    static Stream<Arguments> invalidTrainingSettings() {
        String missing = dir.resolve("missing.ckpt").toString();
        return Stream.of(
                Arguments.of(trainWith("fixed-window", "--set", "learningRate=Infinity"),
                        "learningRate must be positive (a finite number above 0), got Infinity"),
                Arguments.of(trainWith("lstm", "--set", "learningRate=1e309"), "learningRate must be positive"),
                Arguments.of(trainWith("fixed-window", "--set", "maxMinutes=Infinity"),
                        "maxMinutes must be a finite number, 0 or more (0: no budget), got Infinity"),
                Arguments.of(trainWith("gru", "--set", "clipNorm=-Infinity"), "clipNorm must be a finite number"),
                Arguments.of(trainWith("lstm", "--set", "forgetBias=Infinity"), "forgetBias must be a finite number"),
                Arguments.of(trainWith("unigram", "--set", "addK=Infinity"), "addK must be a positive number, got Infinity"),
                Arguments.of(trainWith("fixed-window", "--set", "order=100"),
                        "order must be at least 2 and at most 20, got 100"),
                Arguments.of(trainWith("fixed-window", "--set", "resume=true"), "resume=true: checkpoint " + out
                        + ".ckpt does not exist; give the checkpoint an earlier run wrote (--resume FILE), or start"
                        + " afresh with resume=false (the default)"),
                Arguments.of(trainWith("lstm", "--checkpoint", missing, "--set", "resume=true"),
                        "resume=true: checkpoint " + missing + " does not exist"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidTrainingSettings")
    void anInvalidTrainingSettingIsAUsageErrorNamingIt(String[] args, String expected) {
        anInvalidValueIsAUsageErrorNamingIt(args, expected);
    }
}
