package io.lmkit.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.cli.internal.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lmkit attention} and {@code lmkit gradients} end to end, in-process, on a model file of the
 * {@code inspectable} test plugin (an attention model whose weights are known) and on an n-gram model.
 */
class AttentionCommandTest {

    @TempDir
    static Path dir;

    static Path plugins;
    static Path model;
    static Path ngram;
    static Path train;

    @BeforeAll
    static void trainAnInspectableModelAndAnNgramModel() throws IOException {
        plugins = InspectablePlugin.folder(dir);
        train = Files.writeString(dir.resolve("train.txt"), "the students opened books\nthe books opened\n");
        model = dir.resolve("inspectable.zip");
        Run t = CliTest.lmkit("train", "--plugins", plugins.toString(), "--model", "inspectable", "--set",
                "context=6", "--train", train.toString(), "--out", model.toString());
        assertEquals(0, t.exitCode(), t.err());
        ngram = dir.resolve("kn.zip");
        Run n = CliTest.lmkit("--quiet", "train", "--model", "kneser-ney", "--set", "order=2", "--train",
                train.toString(), "--out", ngram.toString());
        assertEquals(0, n.exitCode(), n.err());
    }

    @Test
    void writesAMapPerHeadTheOverviewAndTheJsonAndSaysWhichWordsAreUnknown() {
        Path out = dir.resolve("attention");
        Run r = CliTest.lmkit("attention", "--plugins", plugins.toString(), "--model", model.toString(), "--text",
                "the students opened their books", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        String abs = out.toAbsolutePath().normalize().toString();
        assertEquals(String.join(System.lineSeparator(), "not in the model's vocabulary, read as <unk>: their",
                "wrote " + abs + "/attention-layer1-head1.png", "wrote " + abs + "/attention-layer1-head2.png",
                "wrote " + abs + "/attention-layer2-head1.png", "wrote " + abs + "/attention-layer2-head2.png",
                "wrote " + abs + "/attention-overview.png", "wrote " + abs + "/attention.json", ""), r.out());
        assertEquals("", r.err());
        Run again = CliTest.lmkit("attention", "--plugins", plugins.toString(), "--model", model.toString(),
                "--text", "the books", "--out", out.toString());
        assertEquals(0, again.exitCode(), "a folder attention wrote before is replaced: " + again.err());
        assertFalse(again.out().contains("<unk>"), again.out());
    }

    @Test
    void aModelWithoutAttentionIsAUsageErrorNamingItsFamily() {
        Path out = dir.resolve("not-written");
        Run r = CliTest.lmkit("attention", "--model", ngram.toString(), "--text", "the books", "--out",
                out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("lmkit: --model " + ngram + " is a kneser-ney model, which has no attention"
                + " weights; attention maps come from transformer models"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aTextLongerThanTheContextIsAUsageErrorWithTheLimit() {
        Path out = dir.resolve("too-long");
        Run r = CliTest.lmkit("attention", "--plugins", plugins.toString(), "--model", model.toString(), "--text",
                "the students opened the books the students", "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("lmkit: --text has 7 words; the model's context holds 6 positions, <s> and at"
                + " most 5 words; give a shorter text"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void gradientsMeasuresAnyModelThatIsAGradientFlowSource() throws IOException {
        Path text = Files.writeString(dir.resolve("text.txt"), "the students opened books\n".repeat(10));
        Path out = dir.resolve("gradients");
        Run r = CliTest.lmkit("gradients", "--plugins", plugins.toString(), "--model", model.toString(), "--data",
                text.toString(), "--out", out.toString(), "--distance", "3", "--streams", "2");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("inspectable: gradient norm 1.000e+00 at distance 0, 2.500e-01 at distance 3;"),
                r.out());
        String md = Files.readString(out.resolve("gradients.md"));
        assertTrue(md.startsWith("| distance k | mean ‖dL_t/dx_(t-k)‖ | factor per step |"), md);
        assertTrue(md.contains("| 3 | 2.5000e-01 | 0.7500 |"), md);
    }

    @Test
    void gradientsOnAModelWithoutGradientFlowNamesItsFamilyAndTheFamiliesThatHaveIt() {
        Run r = CliTest.lmkit("gradients", "--model", ngram.toString(), "--data", train.toString(), "--out",
                dir.resolve("g").toString());
        assertEquals(1, r.exitCode());
        assertEquals("lmkit: gradients needs a model that measures gradient flow (rnn, lstm, gru and transformer); "
                + ngram + " is a kneser-ney model" + System.lineSeparator(), r.err());
    }

    @Test
    void compareReportsTheAttentionOfTheExampleSentenceAndTheGradientFlowOfAnAttentionModel() throws IOException {
        Path data = Files.createDirectories(dir.resolve("splits"));
        Files.writeString(data.resolve("brown.train.txt"), "the students opened books\nthe books opened\n");
        Files.writeString(data.resolve("brown.valid.txt"), "the books opened\n");
        Files.writeString(data.resolve("brown.test.txt"), "the students opened books\n");
        Files.writeString(data.resolve("vocab.txt"), "<unk>\n<s>\n</s>\nthe\nstudents\nopened\nbooks\n");
        Path out = dir.resolve("report");
        Run r = CliTest.lmkit("--quiet", "compare", "--plugins", plugins.toString(), "--data", data.toString(),
                "--models", "inspectable:context=16@transformer", "--models", "uniform", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("## Attention weights of transformer"), md);
        assertTrue(md.contains("(`<s> the students opened <unk> books <unk>`); not in the vocabulary, read as"
                + " `<unk>`: `their` `.`."), md);
        assertTrue(md.contains("![Attention of transformer, layer 2, head 2](plots/attention-transformer.png)"), md);
        assertTrue(Files.isRegularFile(out.resolve("plots/attention-transformer.png")));
        assertTrue(md.contains("| transformer | not measured: distance 50 is beyond the context of 16 positions |"),
                "the gradient flow section takes the attention model too: " + md);
        assertFalse(md.contains("Attention weights of uniform"), md);
    }
}
