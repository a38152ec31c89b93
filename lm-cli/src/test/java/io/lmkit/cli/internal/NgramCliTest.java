package io.lmkit.cli.internal;

import static io.lmkit.cli.internal.CliTest.lmkit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.cli.internal.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The n-gram commands end to end: train, arpa export and import, ngram stats. */
class NgramCliTest {

    @TempDir
    Path dir;

    private static double perplexity(Run eval) {
        Matcher m = Pattern.compile("perplexity   ([0-9.]+)").matcher(eval.out());
        assertTrue(m.find(), eval.out());
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aModelExportedToArpaAndImportedBackHasTheSamePerplexity() throws IOException {
        Path train = Files.writeString(dir.resolve("train.txt"),
                "the cat sat on the mat\nthe dog sat on the log\na cat and a dog\nthe cat saw the dog\n");
        Path test = Files.writeString(dir.resolve("test.txt"), "the cat sat on the log\na dog saw the mat\n");
        Path model = dir.resolve("mkn.zip");
        Run t = lmkit("train", "--model", "modified-kneser-ney", "--set", "order=3", "--train", train.toString(),
                "--out", model.toString());
        assertEquals(0, t.exitCode(), t.err());
        Path arpa = dir.resolve("mkn.arpa.gz");
        Run export = lmkit("arpa", "export", "--model", model.toString(), "--out", arpa.toString());
        assertEquals(0, export.exitCode(), export.err());
        Path imported = dir.resolve("imported.zip");
        Run imp = lmkit("arpa", "import", "--arpa", arpa.toString(), "--out", imported.toString());
        assertEquals(0, imp.exitCode(), imp.err());
        double original = perplexity(lmkit("eval", "--model", model.toString(), "--test", test.toString()));
        double back = perplexity(lmkit("eval", "--model", imported.toString(), "--test", test.toString()));
        // ARPA holds float32 values, as KenLM's files do: the perplexities agree to about 1e-7 relative.
        assertEquals(original, back, 1e-4);
        Run stats = lmkit("ngram", "stats", "--model", imported.toString(), "--test", test.toString());
        assertEquals(0, stats.exitCode(), stats.err());
        assertTrue(stats.out().contains("order") && stats.out().contains("bytes/ngram"), stats.out());
        assertTrue(stats.out().contains("sparsity on"), stats.out());
    }

    @Test
    void aFileWithoutUnkGivesUnknownWordsTheOovLog10AndEvalCountsThemAsSrilmAndKenlmDo() throws IOException {
        Path arpa = Files.writeString(dir.resolve("nounk.arpa"), """
                \\data\\
                ngram 1=4
                ngram 2=2

                \\1-grams:
                -0.5\t</s>
                -99\t<s>\t-0.3
                -0.2\ta\t-0.1
                -0.4\tb

                \\2-grams:
                -0.1\t<s> a
                -0.2\ta b

                \\end\\
                """);
        Path test = Files.writeString(dir.resolve("test.txt"), "a zzz b\n");
        Path kenlmLike = dir.resolve("minus100.zip");
        Run imp = lmkit("arpa", "import", "--arpa", arpa.toString(), "--out", kenlmLike.toString(), "--oov-log10",
                "-100");
        assertEquals(0, imp.exitCode(), imp.err());
        Run eval = lmkit("eval", "--model", kenlmLike.toString(), "--test", test.toString());
        assertEquals(0, eval.exitCode(), eval.err());
        // a -0.1; zzz -100 + bo(a) -0.1; b after <unk> -0.4; </s> -0.5: 4 tokens, 3 of them not <unk>.
        assertEquals(Math.pow(10, 101.1 / 4), perplexity(eval), 1e-9 * Math.pow(10, 101.1 / 4));
        assertTrue(eval.out().contains("ppl w/o unk  2.1544 over the 3 tokens that are not <unk>"), eval.out());
        assertTrue(eval.out().contains("unknown      1 token is <unk>: 1 words outside the vocabulary, 0 written"),
                eval.out());
        Path zero = dir.resolve("zero.zip");
        assertEquals(0, lmkit("arpa", "import", "--arpa", arpa.toString(), "--out", zero.toString()).exitCode());
        Run infinite = lmkit("eval", "--model", zero.toString(), "--test", test.toString());
        assertTrue(infinite.out().contains("perplexity   Infinity") && infinite.out().contains("ppl w/o unk  2.1544"),
                infinite.out());
        Run positive = lmkit("arpa", "import", "--arpa", arpa.toString(), "--out", zero.toString(), "--oov-log10", "1");
        assertEquals(2, positive.exitCode());
        assertTrue(positive.err().contains("--oov-log10 must be a log10 probability, at most 0"), positive.err());
        assertEquals(2, lmkit("arpa", "import", "--arpa", arpa.toString(), "--out", zero.toString(), "--oov-log10",
                "NaN").exitCode());
        Run oldName = lmkit("arpa", "import", "--arpa", arpa.toString(), "--out", zero.toString(), "--unk", "reset");
        assertEquals(0, oldName.exitCode(), "--unk reset is the former name of forget-context: " + oldName.err());
    }

    @Test
    void generateIsReproducibleFromASeed() throws IOException {
        Path train = Files.writeString(dir.resolve("train.txt"),
                "the cat sat on the mat\nthe dog sat on the log\na cat and a dog\nthe cat saw the dog\n");
        Path model = dir.resolve("mkn.zip");
        assertEquals(0, lmkit("train", "--model", "modified-kneser-ney", "--train", train.toString(), "--out",
                model.toString()).exitCode());
        Run a = lmkit("generate", "--model", model.toString(), "--prompt", "the cat", "--seed", "3", "--samples", "2");
        Run b = lmkit("generate", "--model", model.toString(), "--prompt", "the cat", "--seed", "3", "--samples", "2");
        assertEquals(0, a.exitCode(), a.err());
        assertEquals(a.out(), b.out());
        assertTrue(a.out().startsWith("the cat"), a.out());
        assertEquals(2, a.out().lines().count());
        Run greedy = lmkit("generate", "--model", model.toString(), "--prompt", "the", "--greedy", "--max-words", "3");
        assertEquals(0, greedy.exitCode(), greedy.err());
        assertEquals(2, lmkit("generate", "--model", model.toString(), "--temperature", "0").exitCode());
    }

    @Test
    void compareTrainsEveryModelOnTheSameSplitsAndWritesTheReport() throws IOException {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.writeString(data.resolve("brown.train.txt"), "the cat sat\nthe dog sat\na cat ran\n");
        Files.writeString(data.resolve("brown.valid.txt"), "the cat ran\n");
        Files.writeString(data.resolve("brown.test.txt"), "a dog sat\n");
        Files.writeString(data.resolve("vocab.txt"), "<unk>\n<s>\n</s>\nthe\ncat\nsat\ndog\na\nran\n");
        Path out = dir.resolve("report");
        Run r = lmkit("compare", "--data", data.toString(), "--out", out.toString(), "--models", "uniform",
                "--models", "modified-kneser-ney:order=2@mkn-2");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("| uniform | sentence | 8.00 | 8.00 |"), r.out());
        assertTrue(r.out().contains("| mkn-2 |"), r.out());
        assertTrue(Files.readString(out.resolve("report.md")).contains("mkn-2"));
        assertTrue(Files.readString(out.resolve("results.json")).contains("\"order\" : \"2\""));
        Run bad = lmkit("compare", "--data", data.toString(), "--models", "kn9");
        assertEquals(2, bad.exitCode());
    }

    @Test
    void exportRefusesAModelWithoutAnArpaForm() throws IOException {
        Path train = Files.writeString(dir.resolve("train.txt"), "a b\n");
        Path model = dir.resolve("uniform.zip");
        assertEquals(0, lmkit("train", "--model", "uniform", "--train", train.toString(), "--out", model.toString())
                .exitCode());
        Run r = lmkit("arpa", "export", "--model", model.toString(), "--out", dir.resolve("u.arpa").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("holds a 'uniform' model, which has no ARPA form"), r.err());
    }

    @Test
    void importNamesTheBadLineOfAMalformedFile() throws IOException {
        Path arpa = Files.writeString(dir.resolve("bad.arpa"), "\n\\data\\\nngram 1=2\n\n\\1-grams:\n-1\t<s>\n");
        Run r = lmkit("arpa", "import", "--arpa", arpa.toString(), "--out", dir.resolve("m.zip").toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("bad.arpa") && r.err().contains("is it truncated?"), r.err());
        Run usage = lmkit("arpa", "import", "--arpa", arpa.toString(), "--out", "x.zip", "--unk", "maybe");
        assertEquals(2, usage.exitCode());
    }
}
