package io.lmkit.cli.internal;

import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.corpus.PlainTextSentences;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.text.TokenizerProvider;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.NgramStats;
import io.lmkit.ngram.SparsityReport;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lmkit ngram}: diagnostics of n-gram models. */
@Command(name = "ngram", mixinStandardHelpOptions = true,
        description = "Diagnostics and storage layouts of n-gram models.",
        subcommands = {NgramCommand.Stats.class, NgramConvertCommand.class})
final class NgramCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose stats or convert");
    }

    /** {@code lmkit ngram stats}: n-grams and memory per order, and with a text, its sparsity. */
    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = {"N-grams and bytes per order of an n-gram model, its layout, and the bytes of each entry"
                + " of its file.",
                "With --test: the share of the text's n-grams the model never saw, per order, and how often"
                        + " scoring backed off to each order."})
    static final class Stats implements Runnable {

        @Option(names = "--model", paramLabel = "MODEL.zip", description = "An n-gram model file (or give it as"
                + " the argument).")
        private Path model;

        @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL.zip", description = "An n-gram model file.")
        private Path modelArgument;

        @Option(names = "--test", paramLabel = "FILE", description = "A text, one sentence a line, to measure sparsity on.")
        private Path test;

        @Mixin
        private InvalidUtf8Option invalidUtf8;

        @Spec
        private CommandSpec spec;

        private final PluginRegistry<ModelProvider<?>> models;
        private final PluginRegistry<TokenizerProvider> tokenizers;

        @Inject
        Stats(PluginRegistry<ModelProvider<?>> models, PluginRegistry<TokenizerProvider> tokenizers) {
            this.models = models;
            this.tokenizers = tokenizers;
        }

        @Override
        public void run() {
            if ((model == null) == (modelArgument == null)) {
                throw new ParameterException(spec.commandLine(), "give the model file once: as --model MODEL.zip or"
                        + " as the argument");
            }
            Path model = this.model != null ? this.model : modelArgument;
            ModelFile.Loaded loaded = ModelFile.load(model, models);
            if (!(loaded.model() instanceof NgramModel ngram)) {
                throw new LmkitException(model + " holds a '" + loaded.manifest().model() + "' model, not an n-gram"
                        + " model in backoff form");
            }
            PrintWriter out = spec.commandLine().getOut();
            NgramStats stats = NgramStats.of(ngram);
            out.printf(Locale.ROOT, "%-6s %12s %14s %10s%n", "order", "n-grams", "bytes", "bytes/ngram");
            for (int k = 1; k <= stats.order(); k++) {
                long n = stats.ngrams()[k - 1];
                long b = stats.bytes()[k - 1];
                out.printf(Locale.ROOT, "%-6d %,12d %,14d %10.1f%n", k, n, b, n == 0 ? 0.0 : (double) b / n);
            }
            out.printf(Locale.ROOT, "%-6s %,12d %,14d %10.1f%n", "total", stats.totalNgrams(), stats.totalBytes(),
                    stats.bytesPerNgram());
            ModelFileSizes.print(model, ngram.layout().toString(), out);
            if (test != null) {
                PlainTextSentences reader = new PlainTextSentences(
                        tokenizers.get(loaded.manifest().tokenizer()).create(), invalidUtf8.policy());
                SparsityReport r = SparsityReport.measure(ngram, Corpus.read(test, reader, ngram.vocabulary()));
                out.printf(Locale.ROOT, "%nsparsity on %s%n%-6s %12s %10s %14s%n", test, "order", "n-grams",
                        "unseen", "scored at");
                for (int k = 1; k <= stats.order(); k++) {
                    out.printf(Locale.ROOT, "%-6d %,12d %9.2f%% %13.2f%%%n", k, r.ngrams()[k - 1],
                            100 * r.unseenShare(k), 100 * r.matchedShare(k));
                }
            }
        }
    }
}
