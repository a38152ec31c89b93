package io.lmkit.examples;

import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.corpus.PlainTextSentences;
import io.lmkit.core.corpus.SentenceReader;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.text.TokenizerProvider;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingEvent;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.eval.PerplexityEvaluator;
import io.lmkit.eval.PerplexityResult;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.arpa.ArpaReader;
import io.lmkit.ngram.arpa.ArpaWriter;
import io.lmkit.ngram.plugin.ModifiedKneserNeyProvider;
import io.lmkit.rnn.model.LstmProvider;
import io.lmkit.rnn.model.RnnConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Java examples of README.md's "Use it as a library", as code that compiles and runs: each region
 * between a {@code README-BEGIN name} and a {@code README-END name} line appears verbatim (less its
 * indentation) in README.md, and {@link LibraryExamplesTest} runs every example on a tiny corpus and checks
 * that README.md still shows the same text.
 */
final class LibraryExamples {

    private LibraryExamples() {
    }

    /** What the 5-gram example gives back for the test to check. */
    record Trained(Vocabulary vocabulary, Corpus train, LanguageModel model, double lnProb) {
    }

    static SentenceReader whitespaceSentences() {
        // README-BEGIN reader
        // One sentence a line, split at whitespace (the tokenizers are plugins: whitespace, words, characters).
        SentenceReader reader = new PlainTextSentences(PluginRegistry.discover(TokenizerProvider.class,
                LibraryExamples.class.getClassLoader(), "tokenizer", "").get("whitespace").create());
        // README-END reader
        return reader;
    }

    static Trained trainFiveGram(Path trainFile, SentenceReader reader) {
        // README-BEGIN five-gram
        // One reading: the words are counted (min count 1, no size limit) and numbered as they come.
        Corpus train = Corpus.readWithOwnVocabulary(trainFile, reader, 1, Integer.MAX_VALUE);
        Vocabulary vocabulary = train.vocabulary();
        ModifiedKneserNeyProvider mkn = new ModifiedKneserNeyProvider();
        ModifiedKneserNeyProvider.Config config =
                ConfigBinder.bind(mkn.configType(), mkn.defaultConfig(), Map.of("order", "5"), "mkn");
        LanguageModel fiveGram = mkn.trainer().train(TrainingData.of(train), config, 1, TrainingListener.NONE);

        int[] words = Arrays.stream("the cat sat on the mat".split(" ")).mapToInt(vocabulary::id).toArray();
        double lnP = Arrays.stream(fiveGram.scoreSentence(words)).sum(); // ln P(the cat sat on the mat </s>)
        System.out.printf("log10 P = %.3f%n", lnP / Math.log(10));
        // README-END five-gram
        return new Trained(vocabulary, train, fiveGram, lnP);
    }

    static PerplexityResult loadArpa(LanguageModel fiveGram, Path arpaFile, Path testFile, SentenceReader reader) {
        // README-BEGIN arpa
        ArpaWriter.write((NgramModel) fiveGram, arpaFile);  // an lmkit n-gram model as ARPA (.gz compresses)
        NgramModel arpa = ArpaReader.read(arpaFile);        // any ARPA file: KenLM, SRILM or lmkit
        Corpus test = Corpus.read(testFile, reader, arpa.vocabulary());
        PerplexityResult result = new PerplexityEvaluator().evaluate(arpa, test);
        System.out.printf("perplexity %.2f over %d tokens%n", result.perplexity(), result.tokens());
        // README-END arpa
        return result;
    }

    static LanguageModel trainLstm(Corpus train, Corpus valid) {
        // README-BEGIN lstm
        // backend: "simd" (pure Java; run with --add-modules jdk.incubator.vector), "reference", and with
        // lm-backend-nd4j "nd4j-cpu" (add nd4j-native) or "nd4j-cuda" (add nd4j-cuda-11.6); "" picks LMKIT_BACKEND
        // or the fastest available.
        LstmProvider lstm = new LstmProvider();
        RnnConfig config = ConfigBinder.bind(lstm.configType(), lstm.defaultConfig(), Map.of("backend", "simd",
                "embedding", "16", "hidden", "16", "batchSize", "4", "bptt", "8", "epochs", "2"), "lstm");
        LanguageModel lstmModel = lstm.trainer().train(new TrainingData(train, Optional.of(valid)), config, 1,
                event -> {
                    if (event instanceof TrainingEvent.Validated v) {
                        System.out.printf("valid perplexity %.2f after %s%n", v.validPerplexity(), v.elapsed());
                    }
                });
        // README-END lstm
        return lstmModel;
    }

    static List<PerplexityResult> compare(LanguageModel fiveGram, LanguageModel lstmModel, Corpus test) {
        // README-BEGIN compare
        // The same test text and vocabulary, perplexity computed the same way for both; `lmkit compare`
        // (lm-eval's Comparison) also trains them on the same split.
        PerplexityEvaluator evaluator = new PerplexityEvaluator();
        PerplexityResult ngram = evaluator.evaluate(fiveGram, test);
        PerplexityResult rnn = evaluator.evaluate(lstmModel, test);
        System.out.printf("mkn-5 %.2f, lstm %.2f: %s is better%n", ngram.perplexity(), rnn.perplexity(),
                ngram.perplexity() < rnn.perplexity() ? "mkn-5" : "lstm");
        // README-END compare
        return List.of(ngram, rnn);
    }

    /** The example names, in README order. */
    static List<String> names() {
        return List.of("reader", "five-gram", "arpa", "lstm", "compare");
    }
}
