package io.lmkit.cli.internal;

import static io.lmkit.cli.internal.CliTest.lmkit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lmkit.cli.internal.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --protocol sentence|stream} on eval, score and compare: the stream carries a recurrent
 * model's state across sentences, an n-gram model restarts at every {@code <s>}, and every output
 * says which protocol its numbers used.
 */
class StreamProtocolCliTest {

    @TempDir
    static Path dir;

    static Path train;
    static Path valid;
    static Path lstm;
    static Path kn;

    @BeforeAll
    static void trainACarriedStateLstmAndAnNgramModel() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            text.append(i % 3 == 0 ? "the cat sat on the mat\n" : i % 3 == 1 ? "a dog ran to the log\n" : "the end\n");
        }
        train = Files.writeString(dir.resolve("train.txt"), text.toString());
        valid = Files.writeString(dir.resolve("valid.txt"), "the cat sat on the log\nthe end\na dog ran to the mat\n");
        lstm = dir.resolve("lstm.zip");
        Run t = lmkit("--quiet", "train", "--model", "lstm", "--set", "backend=reference", "--set", "embedding=6",
                "--set", "hidden=8", "--set", "epochs=2", "--set", "batchSize=2", "--set", "bptt=5", "--set",
                "sentenceReset=false", "--train", train.toString(), "--out", lstm.toString());
        assertEquals(0, t.exitCode(), t.err());
        kn = dir.resolve("kn.zip");
        Run k = lmkit("--quiet", "train", "--model", "modified-kneser-ney", "--set", "order=3", "--train",
                train.toString(), "--out", kn.toString());
        assertEquals(0, k.exitCode(), k.err());
    }

    private static JsonNode evalJson(Path model, String protocol) throws IOException {
        Run r = lmkit("eval", "--model", model.toString(), "--test", valid.toString(), "--json", "--protocol", protocol);
        assertEquals(0, r.exitCode(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void evalOfARecurrentModelDiffersByProtocolAndSaysWhichItUsed() throws IOException {
        JsonNode sentence = evalJson(lstm, "sentence");
        JsonNode stream = evalJson(lstm, "stream");
        assertEquals("sentence", sentence.get("protocol").asText());
        assertEquals("stream", stream.get("protocol").asText());
        assertEquals(sentence.get("tokens").asLong(), stream.get("tokens").asLong());
        assertNotEquals(sentence.get("perplexity").asDouble(), stream.get("perplexity").asDouble());
        Run text = lmkit("eval", "--model", lstm.toString(), "--test", valid.toString(), "--protocol", "stream");
        assertTrue(text.out().contains("protocol     stream (the context carried across sentences)"), text.out());
    }

    @Test
    void evalOfAnNgramModelIsTheSameUnderBothProtocolsAndLabelledPerSentence() throws IOException {
        JsonNode sentence = evalJson(kn, "sentence");
        JsonNode stream = evalJson(kn, "stream");
        assertEquals(sentence.get("perplexity").asDouble(), stream.get("perplexity").asDouble(), 0.0);
        assertEquals("stream (per sentence)", stream.get("protocol").asText());
    }

    @Test
    void scoreCarriesTheStateFromLineToLineUnderTheStreamProtocol() {
        Run sentence = lmkit("score", "--model", lstm.toString(), "--input", valid.toString());
        Run stream = lmkit("score", "--model", lstm.toString(), "--input", valid.toString(), "--protocol", "stream");
        assertEquals(0, stream.exitCode(), stream.err());
        assertTrue(sentence.out().endsWith("Protocol:\tsentence\n"), sentence.out());
        assertTrue(stream.out().endsWith("Protocol:\tstream\n"), stream.out());
        String[] a = sentence.out().split("\n");
        String[] b = stream.out().split("\n");
        assertEquals(a[0], b[0], "the first line starts the stream from <s>: the same scores");
        assertNotEquals(a[1], b[1], "the second line goes on from the first one's state");
        Run kenlm = lmkit("score", "--model", lstm.toString(), "--input", valid.toString(), "--format", "kenlm",
                "--protocol", "stream");
        assertTrue(kenlm.err().startsWith("lmkit: protocol stream (the scores below are of the text as one stream)"),
                kenlm.err());
        assertTrue(!kenlm.out().contains("Protocol"), "query's layout, byte for byte: " + kenlm.out());
        Run json = lmkit("score", "--model", kn.toString(), "--input", valid.toString(), "--json", "--protocol",
                "stream");
        assertTrue(json.out().strip().endsWith("\"protocol\":\"stream (per sentence)\"}"), json.out());
    }

    @Test
    void anUnknownProtocolIsAUsageErrorNamingTheTwo() {
        Run r = lmkit("eval", "--model", kn.toString(), "--test", valid.toString(), "--protocol", "streaming");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--protocol must be 'sentence' or 'stream', got 'streaming'"), r.err());
    }

    @Test
    void compareOnThreeGivenFilesLabelsEveryRowAndNotesAMismatchedTraining() throws IOException {
        Path test = Files.writeString(dir.resolve("test.txt"), "the cat ran to the log\nthe zebra end\n");
        Path out = dir.resolve("report");
        Run r = lmkit("compare", "--train", train.toString(), "--valid", valid.toString(), "--test", test.toString(),
                "--protocol", "stream", "--out", out.toString(), "--json", "--models",
                "modified-kneser-ney:order=2@mkn-2", "--models",
                "lstm:backend=reference,embedding=4,hidden=6,epochs=1,batchSize=2,bptt=4,sentenceReset=true@lstm");
        assertEquals(0, r.exitCode(), r.err());
        // The vocabulary is the training file's: "ran" (in valid) is in it, "zebra" (in test) is not.
        assertTrue(r.err().contains("built from " + train), r.err());
        assertTrue(r.err().contains("validation: " + valid + ": 0 of 14 words outside the vocabulary"), r.err());
        assertTrue(r.err().contains("test: " + test + ": 1 of 9 words outside the vocabulary, read as <unk>"), r.err());
        JsonNode rows = new ObjectMapper().readTree(r.out()).get("rows");
        assertEquals("stream (per sentence)", rows.get(0).get("protocol").asText());
        assertEquals("stream", rows.get(1).get("protocol").asText());
        assertTrue(rows.get(1).get("note").asText().contains("protocol mismatch: trained with sentenceReset=true"),
                rows.get(1).toString());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| mkn-2 | stream (per sentence) |"), md);
        assertTrue(md.contains("| lstm | stream |"), md);
        assertTrue(md.contains("Each model's sentences are scored under its protocol"), md);
        assertTrue(md.contains("protocol: stream"), "the provenance's config: " + md);
        assertTrue(Files.readString(out.resolve("results.csv")).lines().findFirst().orElseThrow().endsWith(",protocol"));
    }

    @Test
    void compareRefusesHalfOfTheGivenFiles() {
        Run r = lmkit("compare", "--train", train.toString(), "--test", valid.toString(), "--models", "uniform");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--train, --valid and --test go together"), r.err());
        Run missing = lmkit("compare", "--train", train.toString(), "--valid", dir.resolve("nope.txt").toString(),
                "--test", valid.toString(), "--models", "uniform", "--out", dir.resolve("r-missing").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().startsWith("lmkit: the validation file " + dir.resolve("nope.txt")
                + " (--valid, or data.valid in the config) does not exist"), missing.err());
    }
}
