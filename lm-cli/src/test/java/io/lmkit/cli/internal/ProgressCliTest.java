package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.cli.internal.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lmkit train} when standard output is not a terminal (as in CI): progress comes as log
 * lines on standard error for reading the corpus and for every training phase, and not at all
 * with {@code --quiet}; standard output holds only the result.
 */
class ProgressCliTest {

    @TempDir
    Path dir;

    @Test
    void trainingANeuralModelLogsEachEpochOnStandardError() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            text.append(i % 2 == 0 ? "the cat sat on the mat\n" : "the dog sat on the log\n");
        }
        Path train = Files.writeString(dir.resolve("train.txt"), text.toString());
        Path valid = Files.writeString(dir.resolve("valid.txt"), "the cat sat on the log\n");
        String[] args = {"train", "--model", "fixed-window", "--set", "backend=reference", "--set", "order=2",
            "--set", "embedding=3", "--set", "hidden=4", "--set", "epochs=2", "--set", "batchSize=16",
            "--train", train.toString(), "--valid", valid.toString(), "--out", dir.resolve("fw.zip").toString()};
        Run r = CliTest.lmkit(args);
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = r.err().lines().filter(l -> !l.contains(" WARN ")).toList();
        // 20 sentences of 6 words + </s> = 140 predictions, in batches of 16: 9 per epoch.
        // One reading of the training text makes its vocabulary and its word ids.
        assertEquals(List.of("reading train.txt: started, 460 bytes",
                "reading valid.txt: started, 23 bytes",
                "fixed-window epoch 1: started, 9 batches",
                "fixed-window epoch 1: validation perplexity",
                "fixed-window epoch 1: done, 9 batches in",
                "fixed-window epoch 2: started, 9 batches",
                "fixed-window epoch 2: validation perplexity",
                "fixed-window epoch 2: done, 9 batches in"),
                lines.stream().filter(l -> l.contains("started") || l.contains("epoch"))
                        .map(l -> l.replaceAll("( perplexity| in).*", "$1")).toList(), r.err());
        assertTrue(r.err().contains("reading train.txt: done, 460 bytes in 0:00, 20 sentences"), r.err());
        assertTrue(r.out().startsWith("trained fixed-window") && r.out().lines().count() == 1, r.out());
        // A neural model has no matched n-gram order: score prints '-' in its place.
        Run score = CliTest.lmkit("score", "--model", dir.resolve("fw.zip").toString(), "the cat");
        assertEquals(0, score.exitCode(), score.err());
        assertTrue(score.out().matches("(?s)the=3 - -[0-9.]+\\tcat=\\d+ - -[0-9.]+\\t</s>=2 - -[0-9.]+\\tTotal: .*"),
                score.out());

        String[] quiet = new String[args.length + 1];
        quiet[0] = "--quiet";
        System.arraycopy(args, 0, quiet, 1, args.length);
        Run q = CliTest.lmkit(quiet);
        assertEquals(0, q.exitCode(), q.err());
        assertEquals("", q.err(), "--quiet shows no progress");
    }
}
