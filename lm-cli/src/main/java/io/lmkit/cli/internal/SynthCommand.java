package io.lmkit.cli.internal;

import io.lmkit.cli.internal.progress.ProgressTask;
import io.lmkit.core.LmkitException;
import io.lmkit.core.files.AtomicFiles;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.ngram.NgramModel;
import io.lmkit.ngram.synth.SyntheticCorpus;
import io.lmkit.ngram.synth.ZipfMandelbrotWords;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lmkit data synth}: a deterministic synthetic corpus drawn from an n-gram model, for scale tests. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Write a synthetic corpus, one sentence a line: sentences drawn from an n-gram model (a modified"
                + " Kneser-Ney 5-gram of brown-v1, say), each <unk> replaced by a made-up word of an open-ended"
                + " Zipf-Mandelbrot vocabulary, so that the number of distinct words grows with the corpus.",
            "The same --seed gives the same bytes, whatever --threads. A name ending in .gz is gzip-compressed."})
final class SynthCommand implements Runnable {

    @Option(names = "--tokens", required = true, paramLabel = "N",
            description = "Words to write (the last sentence is completed; newlines are not counted).")
    private long tokens;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed.")
    private long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The corpus file (FILE.gz: gzip).")
    private Path out;

    @Option(names = "--model", paramLabel = "FILE",
            description = "The n-gram model to draw from (an lmkit model file of probabilities, e.g. modified-kneser-ney"
                    + " of order 5 trained on brown-v1).")
    private Path model;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Threads drawing sentences (0: one per processor).")
    private int threads;

    @Spec
    private CommandSpec spec;

    private final PluginRegistry<ModelProvider<?>> models;
    private final CliEnvironment environment;

    @Inject
    SynthCommand(PluginRegistry<ModelProvider<?>> models, CliEnvironment environment) {
        this.models = models;
        this.environment = environment;
    }

    @Override
    public void run() {
        if (tokens < 1) {
            throw new ParameterException(spec.commandLine(), "--tokens must be 1 or more, got " + tokens);
        }
        if (threads < 0) {
            throw new ParameterException(spec.commandLine(), "--threads must be 0 (one per processor) or more, got "
                    + threads);
        }
        if (model == null) {
            throw new ParameterException(spec.commandLine(), "give --model FILE, the n-gram model to draw sentences"
                    + " from; make the usual one with: lmkit data brown --out brown && lmkit train --model"
                    + " modified-kneser-ney --set order=5 --train brown/train.txt --vocab brown/vocab.txt --out mkn5.zip");
        }
        new OutputPaths().input("--model", model).output("--out", out).refuseConflicts(spec.commandLine());
        AtomicFiles.requireWritable(out);
        ModelFile.Loaded loaded = ModelFile.load(model, models);
        if (!(loaded.model() instanceof NgramModel ngram)) {
            throw new LmkitException("data synth draws from an n-gram model; " + model + " is a '"
                    + loaded.manifest().model() + "' model. Give a modified-kneser-ney (or other n-gram) model file");
        }
        SyntheticCorpus corpus;
        try {
            corpus = new SyntheticCorpus(ngram, ZipfMandelbrotWords.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new LmkitException("cannot draw sentences from " + model + ": " + e.getMessage());
        }
        int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        AtomicReference<SyntheticCorpus.Written> result = new AtomicReference<>();
        long start = System.nanoTime();
        try (ProgressTask task = environment.progress(spec).start("synth " + out.getFileName(), tokens, "words")) {
            AtomicFiles.write(out, stream -> {
                OutputStream target = out.getFileName().toString().endsWith(".gz") ? fastGzip(stream) : stream;
                result.set(corpus.write(target, tokens, seed, workers, done -> task.update(done, "")));
                target.flush();
                if (target instanceof GZIPOutputStream gz) {
                    gz.finish();
                }
            });
        }
        report(result.get(), (System.nanoTime() - start) / 1e9);
    }

    /** gzip at the fastest level: compressing must not be what limits a billion-word corpus. */
    private static OutputStream fastGzip(OutputStream out) throws java.io.IOException {
        return new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        };
    }

    private void report(SyntheticCorpus.Written w, double seconds) {
        PrintWriter p = spec.commandLine().getOut();
        p.printf(Locale.ROOT, "wrote %s: %,d words in %,d sentences, %,d distinct words (seed %d, %.2f M words/s)%n",
                out, w.words(), w.sentences(), w.types(), seed, w.words() / seconds / 1e6);
        for (SyntheticCorpus.TypesAt t : w.heaps()) {
            p.printf(Locale.ROOT, "  types at %,15d words: %,12d%n", t.words(), t.types());
        }
    }
}
