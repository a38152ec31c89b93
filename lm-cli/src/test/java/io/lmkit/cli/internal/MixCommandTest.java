package io.lmkit.cli.internal;

import static io.lmkit.cli.internal.CliTest.lmkit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lmkit.cli.internal.CliTest.Run;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.corpus.PlainTextSentences;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.text.Tokenizer;
import io.lmkit.eval.LinearMixture;
import io.lmkit.eval.PerplexityEvaluator;
import io.lmkit.eval.mixture.MixtureModel;
import io.lmkit.eval.mixture.MixtureProvider;
import io.lmkit.ngram.NgramModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lmkit mix}: a saved mixture scores exactly what {@link LinearMixture} does in memory with the models it was
 * made from (n-gram + n-gram, n-gram + neural), {@code --tune} finds the in-memory EM weights, {@code --static}
 * writes an n-gram model, and every misuse is refused naming the option or the files.
 */
class MixCommandTest {

    private static final String VOCAB = "<unk>\n<s>\n</s>\nthe\ncat\ndog\nsat\non\nmat\nlog\na\nran\nsaw\nand\n";
    private static final String TEXT_A = "the cat sat on the mat\nthe dog sat on the log\na cat and a dog\n"
            + "the cat saw the dog\n";
    private static final String TEXT_B = "a dog ran\nthe dog ran on the log\na cat ran and a dog sat\n"
            + "the dog saw a cat on the mat\n";
    private static final String TEST = "the cat sat on the log\na dog saw the mat\nthe cat ran\nthe zebra sat\n";

    @TempDir
    Path dir;

    private Path vocab;
    private Path test;

    @BeforeEach
    void writeTexts() throws IOException {
        vocab = Files.writeString(dir.resolve("vocab.txt"), VOCAB);
        test = Files.writeString(dir.resolve("test.txt"), TEST);
    }

    private Path train(String name, String text, String... settings) throws IOException {
        Path corpus = Files.writeString(dir.resolve(name + ".txt"), text);
        Path model = dir.resolve(name + ".zip");
        String[] args = {"train", "--train", corpus.toString(), "--vocab", vocab.toString(), "--out", model.toString()};
        String[] all = Arrays.copyOf(args, args.length + settings.length);
        System.arraycopy(settings, 0, all, args.length, settings.length);
        Run r = lmkit(all);
        assertEquals(0, r.exitCode(), r.err());
        return model;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static ModelFile.Loaded load(Path file) {
        PluginRegistry<ModelProvider<?>> models = PluginRegistry.discover((Class) ModelProvider.class,
                MixCommandTest.class.getClassLoader(), "model", "");
        return ModelFile.load(file, models);
    }

    private Corpus corpus(Path file, LanguageModel model) {
        Tokenizer whitespace = line -> List.of(line.strip().split("\\s+"));
        return Corpus.read(file, new PlainTextSentences(whitespace), model.vocabulary());
    }

    private Path mix(String name, String... options) {
        Path out = dir.resolve(name);
        String[] args = Arrays.copyOf(options, options.length + 2);
        args[options.length] = "--out";
        args[options.length + 1] = out.toString();
        String[] all = new String[args.length + 1];
        all[0] = "mix";
        System.arraycopy(args, 0, all, 1, args.length);
        Run r = lmkit(all);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("wrote " + out), r.out());
        return out;
    }

    /**
     * Every token of the test text, scored by the saved mixture and by LinearMixture over the original files: bit for
     * bit, sentence by sentence and word by word.
     */
    private void assertScoresLikeTheInMemoryMixture(Path saved, Path a, Path b, double[] weights) {
        ModelFile.Loaded loaded = load(saved);
        assertEquals("mixture", loaded.manifest().model());
        MixtureModel mixture = assertInstanceOf(MixtureModel.class, loaded.model());
        assertArrayEquals(weights, mixture.weights(), 0.0);
        LinearMixture inMemory = new LinearMixture(List.of(load(a).model(), load(b).model()), weights);
        Corpus text = corpus(test, inMemory);
        int tokens = 0;
        for (int s = 0; s < text.sentenceCount(); s++) {
            double[] expected = inMemory.scoreSentence(text.sentence(s));
            double[] actual = mixture.scoreSentence(text.sentence(s));
            assertArrayEquals(expected, actual, 0.0, "sentence " + s);
            // Word by word through the states as well, as score and generate use it.
            var state = mixture.begin();
            var inMemoryState = inMemory.begin();
            for (int i = 0; i < text.sentence(s).length; i++, tokens++) {
                var score = mixture.score(state, text.sentence(s)[i]);
                var inMemoryScore = inMemory.score(inMemoryState, text.sentence(s)[i]);
                assertEquals(inMemoryScore.lnProb(), score.lnProb(), 0.0);
                state = score.next();
                inMemoryState = inMemoryScore.next();
            }
        }
        assertEquals(17, tokens);
    }

    @Test
    void aMixtureOfTwoNgramModelsScoresWhatLinearMixtureDoesInMemory() throws IOException {
        Path a = train("mkn", TEXT_A, "--model", "modified-kneser-ney", "--set", "order=3");
        Path b = train("wb", TEXT_B, "--model", "witten-bell", "--set", "order=2");
        Path ab = mix("ab.zip", "--model", a.toString(), "--model", b.toString(), "--lambda", "0.6");
        assertScoresLikeTheInMemoryMixture(ab, a, b, new double[] {0.6, 0.4});
        Run eval = lmkit("eval", "--model", ab.toString(), "--test", test.toString(), "--json");
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.out().contains("\"modelName\":\"mixture\""), eval.out());
        LanguageModel inMemory = new LinearMixture(load(a).model(), load(b).model(), 0.6);
        double perplexity = new PerplexityEvaluator().evaluate(inMemory, corpus(test, inMemory)).perplexity();
        assertTrue(eval.out().contains("\"perplexity\":" + perplexity), eval.out() + " vs " + perplexity);

        Run export = lmkit("arpa", "export", "--model", ab.toString(), "--out", dir.resolve("ab.arpa").toString());
        assertEquals(1, export.exitCode());
        assertTrue(export.err().contains("holds a 'mixture' model, which has no ARPA form") && export.err().contains(
                "merge n-gram models into one with 'lmkit mix --static' to export them"), export.err());

        // A mixture is a model like any other: it mixes again, embedded one level deeper.
        Path again = mix("again.zip", "--model", ab.toString(), "--model", a.toString(), "--lambda", "0.5,0.5");
        LinearMixture nested = new LinearMixture(List.of(load(ab).model(), load(a).model()), new double[] {0.5, 0.5});
        Corpus text = corpus(test, nested);
        for (int s = 0; s < text.sentenceCount(); s++) {
            assertArrayEquals(nested.scoreSentence(text.sentence(s)), load(again).model().scoreSentence(
                    text.sentence(s)), 0.0);
        }
    }

    @Test
    void aMixtureOfAnNgramAndANeuralModelScoresWhatLinearMixtureDoesInMemory() throws IOException {
        Path ngram = train("kn", TEXT_A, "--model", "kneser-ney", "--set", "order=2");
        Path neural = train("fw", TEXT_A + TEXT_B, "--model", "fixed-window", "--set", "backend=reference",
                "--set", "order=3", "--set", "embedding=4", "--set", "hidden=8", "--set", "epochs=2",
                "--set", "batchSize=8", "--seed", "7");
        Path mixed = mix("mixed.zip", "--model", ngram.toString(), "--model", neural.toString(), "--lambda", "0.3");
        assertScoresLikeTheInMemoryMixture(mixed, ngram, neural, new double[] {0.3, 0.7});
        Run score = lmkit("score", "--model", mixed.toString(), "--input", test.toString());
        assertEquals(0, score.exitCode(), score.err());
        Run generate = lmkit("generate", "--model", mixed.toString(), "--seed", "1", "--samples", "2");
        assertEquals(0, generate.exitCode(), generate.err());
        assertEquals(2, generate.out().lines().count(), generate.out());
    }

    @Test
    void tuneFindsTheWeightsThatEmFindsInMemory() throws IOException {
        Path a = train("mkn", TEXT_A, "--model", "modified-kneser-ney", "--set", "order=3");
        Path b = train("wb", TEXT_B, "--model", "witten-bell", "--set", "order=2");
        Path c = train("uni", TEXT_A, "--model", "unigram");
        Path tuned = mix("tuned.zip", "--model", a.toString(), "--model", b.toString(), "--tune", test.toString());
        List<LanguageModel> two = List.of(load(a).model(), load(b).model());
        Corpus valid = corpus(test, two.get(0));
        double[] expected = LinearMixture.tune(two, valid);
        assertArrayEquals(expected, ((MixtureModel) load(tuned).model()).weights(), 0.0);
        // The k-model EM agrees with the two-model EM compare has always used.
        assertEquals(LinearMixture.tune(two.get(0), two.get(1), valid), expected[0], 1e-6);
        assertTrue(expected[0] > 0.01 && expected[0] < 0.99, Arrays.toString(expected));

        Path three = mix("three.zip", "--model", a.toString(), "--model", b.toString(), "--model", c.toString(),
                "--tune", test.toString());
        double[] w = ((MixtureModel) load(three).model()).weights();
        assertEquals(1, w[0] + w[1] + w[2], 1e-9);
        List<LanguageModel> models = List.of(two.get(0), two.get(1), load(c).model());
        double best = logLikelihood(new LinearMixture(models, w), valid);
        for (int i = 0; i < 3; i++) {
            for (double step : new double[] {-0.02, 0.02}) {
                double[] moved = w.clone();
                moved[i] += step;
                moved[(i + 1) % 3] -= step;
                if (Arrays.stream(moved).allMatch(x -> x >= 0)) {
                    assertTrue(best >= logLikelihood(new LinearMixture(models, moved), valid) - 1e-9,
                            Arrays.toString(moved));
                }
            }
        }
    }

    private static double logLikelihood(LanguageModel model, Corpus text) {
        double sum = 0;
        for (int s = 0; s < text.sentenceCount(); s++) {
            for (double lp : model.scoreSentence(text.sentence(s))) {
                sum += lp;
            }
        }
        return sum;
    }

    @Test
    void staticWritesOneNgramModelThatExportsToArpaAndReportsBothPerplexities() throws IOException {
        Path a = train("mkn", TEXT_A, "--model", "modified-kneser-ney", "--set", "order=3");
        Path b = train("wb", TEXT_B, "--model", "witten-bell", "--set", "order=3");
        Path merged = dir.resolve("merged.zip");
        Run r = lmkit("mix", "--static", "--model", a.toString(), "--model", b.toString(), "--tune", test.toString(),
                "--out", merged.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("a static n-gram model of order 3"), r.out());
        assertTrue(r.out().matches("(?s).*perplexity on .*test.txt: static [0-9.]+, dynamic mixture [0-9.]+.*"),
                r.out());
        ModelFile.Loaded loaded = load(merged);
        assertEquals("static-mixture", loaded.manifest().model());
        assertInstanceOf(NgramModel.class, loaded.model());
        Path arpa = dir.resolve("merged.arpa");
        Run export = lmkit("arpa", "export", "--model", merged.toString(), "--out", arpa.toString());
        assertEquals(0, export.exitCode(), export.err());
        assertTrue(Files.readString(arpa).contains("\\3-grams:"));
    }

    @Test
    void misuseIsRefusedNamingTheOptionOrTheFiles() throws IOException {
        Path a = train("mkn", TEXT_A, "--model", "modified-kneser-ney", "--set", "order=2");
        Path b = train("wb", TEXT_B, "--model", "witten-bell", "--set", "order=2");
        Path out = dir.resolve("out.zip");
        assertUsage("two or more --model files, got 1", "mix", "--model", a.toString(), "--out", out.toString());
        assertUsage("--lambda 0.6,0.6 sums to 1.2, not 1", "mix", "--model", a.toString(), "--model", b.toString(),
                "--lambda", "0.6,0.6", "--out", out.toString());
        assertUsage("--lambda has 3 weight(s) for 2 models: give 2 (summing to 1) or 1", "mix", "--model",
                a.toString(), "--model", b.toString(), "--lambda", "0.2,0.3,0.5", "--out", out.toString());
        assertUsage("--lambda weights must be numbers in [0, 1], got 1.5", "mix", "--model", a.toString(),
                "--model", b.toString(), "--lambda", "1.5", "--out", out.toString());
        assertUsage("--lambda and --tune cannot be combined", "mix", "--model", a.toString(), "--model",
                b.toString(), "--lambda", "0.5", "--tune", test.toString(), "--out", out.toString());
        byte[] before = Files.readAllBytes(a);
        assertUsage("--out " + a + " is the input --model " + a, "mix", "--model", a.toString(), "--model",
                b.toString(), "--out", a.toString());
        assertArrayEquals(before, Files.readAllBytes(a));

        Path otherVocab = Files.writeString(dir.resolve("other-vocab.txt"), "<unk>\n<s>\n</s>\nthe\ncat\n");
        Path small = dir.resolve("small.zip");
        assertEquals(0, lmkit("train", "--model", "witten-bell", "--train", dir.resolve("wb.txt").toString(),
                "--vocab", otherVocab.toString(), "--out", small.toString()).exitCode());
        Run vocabularies = lmkit("mix", "--model", a.toString(), "--model", small.toString(), "--out",
                out.toString());
        assertEquals(1, vocabularies.exitCode(), vocabularies.err());
        assertTrue(vocabularies.err().contains("lmkit: " + a + " and " + small + " have different vocabularies (14 and"
                + " 5 words); a mixture needs one vocabulary"), vocabularies.err());
        assertTrue(vocabularies.err().contains("Train every model with the same --vocab file"), vocabularies.err());

        Path neural = dir.resolve("uni.zip");
        assertEquals(0, lmkit("train", "--model", "unigram", "--train", dir.resolve("wb.txt").toString(),
                "--vocab", vocab.toString(), "--out", neural.toString()).exitCode());
        Run notNgram = lmkit("mix", "--static", "--model", a.toString(), "--model", neural.toString(), "--out",
                out.toString());
        assertEquals(1, notNgram.exitCode(), notNgram.err());
        assertTrue(notNgram.err().contains("--static merges n-gram models, but " + neural + " is a 'unigram' model"),
                notNgram.err());
        Run trainMixture = lmkit("train", "--model", "mixture", "--train", dir.resolve("wb.txt").toString(), "--out",
                out.toString());
        assertEquals(1, trainMixture.exitCode());
        assertTrue(trainMixture.err().contains("a mixture is not trained"), trainMixture.err());
        assertTrue(Files.notExists(out));
        assertEquals(32, MixtureProvider.MAX_COMPONENTS);
    }

    private static void assertUsage(String message, String... args) {
        Run r = lmkit(args);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(message), r.err());
    }
}
