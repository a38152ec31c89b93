package io.lmkit.cli.internal;

import io.lmkit.cli.internal.progress.ProgressDisplay;
import io.lmkit.cli.internal.progress.ProgressSentenceReader;
import io.lmkit.cli.internal.progress.TrainingProgress;
import io.lmkit.core.LmkitException;
import io.lmkit.core.corpus.Corpus;
import io.lmkit.core.corpus.PlainTextSentences;
import io.lmkit.core.files.AtomicFiles;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.text.TokenizerProvider;
import io.lmkit.core.train.IterativeConfig;
import io.lmkit.core.train.TrainingData;
import io.lmkit.core.train.TrainingEvent;
import io.lmkit.core.train.TrainingListener;
import io.lmkit.core.train.TrainingStoppedException;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.neural.backend.Backends;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lmkit train}: trains a model plugin on a text file and writes a model file. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model on a one-sentence-per-line text file and save it as a model file.")
final class TrainCommand implements Runnable {

    /**
     * The logger, looked up when first used: picocli creates every command at start-up, and a logger in a
     * static field would start Log4j for every command, also those that never log (see LogLevel).
     */
    private static Logger log() {
        return LogManager.getLogger(TrainCommand.class);
    }

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "Model plugin (see 'lmkit models').")
    private String model;

    @Option(names = "--set", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Override a model setting, e.g. --set order=5 (repeatable).")
    private Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "Training text, one sentence a line.")
    private Path train;

    @Option(names = "--valid", paramLabel = "FILE", description = "Validation text, for models that tune or stop early.")
    private Path valid;

    @Option(names = "--out", required = true, paramLabel = "MODEL.zip", description = "Model file to write.")
    private Path out;

    @Option(names = "--vocab", paramLabel = "FILE", description = "Vocabulary file to use (default: built from --train).")
    private Path vocab;

    @Option(names = "--min-count", paramLabel = "N", defaultValue = "1",
            description = "Without --vocab: keep words seen at least N times.")
    private long minCount;

    @Option(names = "--max-vocab", paramLabel = "N", defaultValue = "2147483647",
            showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
            description = "Without --vocab: keep at most the N most frequent words (default: no limit).")
    private int maxVocab;

    @Option(names = "--tokenizer", paramLabel = "NAME", defaultValue = "whitespace",
            description = "How lines are split into words: whitespace, words, characters.")
    private String tokenizer;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Random seed.")
    private long seed;

    @Mixin
    private InvalidUtf8Option invalidUtf8;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Iterative (neural) models: where training checkpoints go (default: the --out file with"
                    + " .ckpt appended), at every epoch end and every checkpointMinutes. Ctrl-C writes one and stops."
                    + " A checkpoint named here (or by --resume) is kept after training; the default one is deleted"
                    + " once the model file is written.")
    private Path checkpoint;

    @Option(names = "--resume", paramLabel = "CHECKPOINT",
            description = "Iterative (neural) models: continue from this checkpoint, written by an earlier run of"
                    + " the same command (same settings, data and seed); checkpoints keep going to it.")
    private Path resume;

    @Spec
    private CommandSpec spec;

    private final PluginRegistry<ModelProvider<?>> models;
    private final PluginRegistry<TokenizerProvider> tokenizers;
    private final CliEnvironment environment;
    private final Provider<Backends> backends;

    @Inject
    TrainCommand(PluginRegistry<ModelProvider<?>> models, PluginRegistry<TokenizerProvider> tokenizers,
                 CliEnvironment environment, Provider<Backends> backends) {
        this.models = models;
        this.tokenizers = tokenizers;
        this.environment = environment;
        this.backends = backends;
    }

    @Override
    public void run() {
        if (minCount < 1) {
            throw new ParameterException(spec.commandLine(), "--min-count must be at least 1, got " + minCount);
        }
        if (maxVocab < 0) {
            throw new ParameterException(spec.commandLine(), "--max-vocab must be 0 or more, got " + maxVocab);
        }
        refuseVocabularyOptionsWithVocab();
        ModelProvider<?> provider = usage(() -> models.get(model));
        PlainTextSentences reader = new PlainTextSentences(usage(() -> tokenizers.get(tokenizer)).create(), invalidUtf8.policy());
        trainAndSave(provider, reader);
    }

    private <C extends Record> void trainAndSave(ModelProvider<C> provider, PlainTextSentences reader) {
        boolean iterative = IterativeConfig.isIterative(provider.configType());
        Optional<io.lmkit.ngram.NgramLayout> layout = LayoutSetting.take(settings, provider, spec.commandLine());
        Map<String, String> effective = checkpointSettings(provider.name(), iterative);
        Path checkpointFile = checkOutputs(effective);
        C config = usage(() -> ConfigBinder.bind(provider.configType(), provider.defaultConfig(), effective,
                "model '" + provider.name() + "'"));
        requireCheckpointToResume(config);
        String backend = settings.get("backend");
        if (backend != null && !backend.isBlank()) {
            // A neural model's backend is a usage error when unknown or unable to run here, caught before training.
            usage(() -> backends.get().choose(Optional.of(backend)));
        }
        ProgressDisplay progress = environment.progress(spec);
        ProgressSentenceReader reading = new ProgressSentenceReader(reader, progress, "reading");
        // Without --vocab the vocabulary comes from the training text's counts, made in the same reading.
        Corpus trainCorpus;
        try {
            trainCorpus = (vocab != null ? Corpus.read(train, reading, Vocabulary.load(vocab))
                    : Corpus.readWithOwnVocabulary(train, reading, minCount, maxVocab))
                    .requireNonEmpty("training file " + train);
        } catch (OutOfMemoryError e) {
            // The lmkit command sizes the heap from memory=, which must hold the corpus's word ids: a memory= too
            // small for the text runs out here, before the estimation could name the memory= it needs.
            String memory = effective.getOrDefault("memory", "");
            if (memory.isBlank()) {
                throw e;
            }
            throw new LmkitException(corpusOutOfHeap(train, memory, Runtime.getRuntime().maxMemory()));
        }
        Vocabulary vocabulary = trainCorpus.vocabulary();
        UnknownWordWarning.check(trainCorpus, train, spec.commandLine().getErr());
        Optional<Corpus> validCorpus = Optional.ofNullable(valid)
                .map(v -> Corpus.read(v, reading, vocabulary).requireNonEmpty("validation file " + v));
        // The data fingerprint (a SHA-256 of every sentence's ids, for the manifest) is computed on a thread of its
        // own while the model trains (tens of milliseconds for brown-v1's 3.3 MB of ids), instead of after it.
        java.util.concurrent.FutureTask<String> fingerprint = new java.util.concurrent.FutureTask<>(trainCorpus::fingerprint);
        Thread fingerprinting = new Thread(fingerprint, "lmkit-data-fingerprint");
        fingerprinting.setDaemon(true);
        fingerprinting.start();
        long start = System.nanoTime();
        // Ctrl-C during an iterative model's training writes a checkpoint before the JVM exits.
        try (GracefulStop stop = iterative ? GracefulStop.install() : null;
             TrainingProgress shown = new TrainingProgress(progress, provider.name())) {
            LanguageModel trained;
            try {
                trained = provider.trainer().train(new TrainingData(trainCorpus, validCorpus), config, seed,
                        listener(stop, shown));
            } catch (TrainingStoppedException e) {
                shown.close();
                spec.commandLine().getErr().println("lmkit: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return;
            }
            shown.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            LanguageModel stored = LayoutSetting.apply(trained, layout, provider.name());
            String dataFingerprint = fingerprintOf(fingerprint);
            save(checkpointFile, () -> ModelFile.save(out, stored, provider.name(), config, seed, tokenizer,
                    dataFingerprint));
            if (stop != null) {
                stop.modelWritten(); // a signal during the write then still ends with status 0
            }
            if (iterative) {
                deleteDefaultCheckpoint();
            }
            spec.commandLine().getOut().printf("trained %s %s on %,d sentences (%,d tokens, vocabulary %,d) in %.1f s;"
                            + " wrote %s%n", provider.name(), ConfigBinder.toSettings(config),
                    trainCorpus.sentenceCount(), trainCorpus.tokenCount(), vocabulary.size(), took.toMillis() / 1000.0,
                    OutputPaths.written(out));
        }
    }

    /**
     * Before any work: refuses outputs that are inputs or each other, and an output that cannot be
     * written (a directory, a device, a read-only folder), so that a long training never ends in a
     * failed write. Returns the checkpoint file, or null for a model without checkpoints.
     */
    private Path checkOutputs(Map<String, String> effective) {
        String ckpt = effective.get(IterativeConfig.CHECKPOINT);
        Path checkpointFile = ckpt == null || ckpt.isBlank() ? null : Path.of(ckpt);
        // The Kneser-Ney plugins' folder of sorted runs: equal to --out, the estimation would end in a failed save.
        String runs = effective.get(CHECKPOINT_DIR);
        new OutputPaths().input("--train", train).input("--valid", valid).input("--vocab", vocab)
                .output("--out", out).output(resume != null ? "--resume" : "--checkpoint", checkpointFile)
                .output(CHECKPOINT_DIR + "=", runs == null || runs.isBlank() ? null : Path.of(runs))
                .refuseConflicts(spec.commandLine());
        AtomicFiles.requireWritable(out);
        if (checkpointFile != null) {
            AtomicFiles.requireWritable(checkpointFile);
        }
        return checkpointFile;
    }

    /**
     * What to say when reading {@code train} for an estimation with {@code memory=} ran out of a heap of
     * {@code maxHeapBytes}: memory= holds the corpus's word ids (4 bytes a word) and the sorters, a text's size in
     * bytes is about its word ids' (a word and its space take 5 bytes on average in English), and reading briefly
     * holds up to three times the ids (the array grows by doubling, then is cut to length), so memory= of twice
     * the text's size plus 64 MB gives, with the eighth and the 256 MB the lmkit command adds, a heap that reads
     * an uncompressed text.
     */
    static String corpusOutOfHeap(Path train, String memory, long maxHeapBytes) {
        long textBytes;
        try {
            textBytes = Files.size(train);
        } catch (java.io.IOException | RuntimeException e) {
            textBytes = -1;
        }
        String least = textBytes < 0 ? "" : " (for this text of " + io.lmkit.core.MemoryBudget.format(textBytes)
                + ", if it is not compressed, memory=" + ((textBytes >> 19) + 64) + "m at least)";
        return "reading " + train + ": the corpus's word ids do not fit in the Java heap (at most "
                + io.lmkit.core.MemoryBudget.format(maxHeapBytes) + "); memory=" + memory + " must hold them (4 bytes"
                + " a word) and the sorters, and the lmkit command gives the heap at least memory=, an eighth and 256 MB"
                + " where the machine has them: give a larger memory="
                + least;
    }

    /** The setting naming the folder where a Kneser-Ney estimation with {@code memory=} keeps its checkpoints. */
    private static final String CHECKPOINT_DIR = "checkpointDir";

    /** Writes the model; when that fails after training, says that the checkpoint holds it and how to write it. */
    private void save(Path checkpointFile, Runnable write) {
        try {
            write.run();
        } catch (LmkitException e) {
            if (checkpointFile == null || !Files.isRegularFile(checkpointFile)) {
                throw e;
            }
            List<String> args = new ArrayList<>(spec.root().commandLine().getParseResult().originalArgs());
            int at = args.indexOf("--checkpoint");
            if (at >= 0 && at + 1 < args.size()) {
                args.subList(at, at + 2).clear();
            }
            if (resume == null) {
                args.addAll(List.of("--resume", checkpointFile.toString()));
            }
            throw new LmkitException(e.getMessage() + ". The checkpoint " + checkpointFile + " holds the trained"
                    + " model; write it (with a writable --out) by running: lmkit " + args.stream()
                    .map(a -> a.isEmpty() || a.matches(".*[\\s'\"$`].*") ? "'" + a.replace("'", "'\\''") + "'" : a)
                    .collect(java.util.stream.Collectors.joining(" ")), e);
        }
    }

    /** The --set settings with --checkpoint and --resume folded in (a default checkpoint beside --out). */
    private Map<String, String> checkpointSettings(String modelName, boolean iterative) {
        Map<String, String> effective = new LinkedHashMap<>(settings);
        if (!iterative) {
            if (resume != null || checkpoint != null) {
                throw new ParameterException(spec.commandLine(), (resume != null ? "--resume" : "--checkpoint")
                        + ": model '" + modelName + "' is estimated in one pass and has no checkpoints; they apply to"
                        + " iterative models (fixed-window, rnn, lstm, gru)");
            }
            return effective;
        }
        if (resume != null) {
            if (checkpoint != null && !checkpoint.equals(resume)) {
                throw new ParameterException(spec.commandLine(), "--resume " + resume + " and --checkpoint "
                        + checkpoint + " differ; training continues writing to the checkpoint it resumes from,"
                        + " so give only --resume");
            }
            if (!Files.isRegularFile(resume)) {
                throw new ParameterException(spec.commandLine(), "--resume: checkpoint " + resume + " does not exist;"
                        + " give the checkpoint an earlier run wrote (by default the --out file with .ckpt appended)");
            }
            effective.put(IterativeConfig.CHECKPOINT, resume.toString());
            effective.put(IterativeConfig.RESUME, "true");
        } else if (checkpoint != null || !effective.containsKey(IterativeConfig.CHECKPOINT)) {
            effective.put(IterativeConfig.CHECKPOINT, (checkpoint != null ? checkpoint : Path.of(out + ".ckpt")).toString());
        }
        return effective;
    }

    /** Refuses {@code resume=true} without a checkpoint to resume: starting afresh must be asked for. */
    private void requireCheckpointToResume(Record config) {
        if (!(config instanceof IterativeConfig iterative)) {
            return;
        }
        String at = iterative.checkpoint();
        if (iterative.resume() && (at.isBlank() || !Files.isRegularFile(Path.of(at)))) {
            throw new ParameterException(spec.commandLine(), "resume=true: checkpoint " + (at.isBlank() ? "(none)" : at)
                    + " does not exist; give the checkpoint an earlier run wrote (--resume FILE), or start afresh"
                    + " with resume=false (the default)");
        }
    }

    /** --min-count and --max-vocab build a vocabulary from --train: with --vocab they would be silently ignored. */
    private void refuseVocabularyOptionsWithVocab() {
        if (vocab == null) {
            return;
        }
        for (String option : List.of("--min-count", "--max-vocab")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new ParameterException(spec.commandLine(), "--vocab " + vocab + " and " + option
                        + " cannot be combined: " + option + " shapes the vocabulary built from --train, and --vocab"
                        + " gives it ready-made; drop one of them");
            }
        }
    }

    /**
     * The default checkpoint (--out with .ckpt appended) only serves to resume this run: once the model file is
     * written it is deleted. One the user named (--checkpoint, --resume or --set checkpoint=) is theirs to keep.
     */
    private void deleteDefaultCheckpoint() {
        if (checkpoint != null || resume != null || settings.containsKey(IterativeConfig.CHECKPOINT)) {
            return;
        }
        Path automatic = Path.of(out + ".ckpt");
        try {
            Files.deleteIfExists(automatic);
        } catch (java.io.IOException e) {
            log().warn("could not delete the checkpoint {} after training: {}; delete it by hand", automatic,
                    e.getMessage());
        }
    }

    /** Shows progress, logs every event and passes a Ctrl-C on to the trainer. */
    private static TrainingListener listener(GracefulStop stop, TrainingProgress shown) {
        return new TrainingListener() {
            @Override
            public void onEvent(TrainingEvent event) {
                shown.onEvent(event);
                if (LogLevel.enabled(org.apache.logging.log4j.Level.INFO)) {
                    log().info("{}", event); // only then: looking the logger up starts Log4j (LogLevel)
                }
            }

            @Override
            public boolean stopRequested() {
                return stop != null && stop.requested();
            }
        };
    }

    /** The fingerprint computed in the background, or what it failed with. */
    private static String fingerprintOf(java.util.concurrent.FutureTask<String> fingerprint) {
        try {
            return fingerprint.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LmkitException("interrupted while fingerprinting the training data", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Turns a bad name or setting into a usage error (exit code 2) with the same message. */
    private <T> T usage(java.util.function.Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (LmkitException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
