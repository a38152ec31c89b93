package io.lmkit.cli.internal;

import io.lmkit.core.LmkitException;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.ngram.NgramLayout;
import io.lmkit.ngram.NgramModel;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lmkit ngram convert}: writes an n-gram model file again with its tables in another layout. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Write an n-gram model file again with its tables in another layout: probing (hash tables,"
                + " the layout of estimation) or trie (sorted and bit-packed, the same scores in less space),"
                + " optionally with quantised probabilities and backoffs (smaller, lossy).",
            "The manifest (plugin, settings, seed, data fingerprint) is kept."})
final class NgramConvertCommand implements Runnable {

    @Option(names = "--model", required = true, paramLabel = "MODEL.zip", description = "An n-gram model file.")
    private Path model;

    @Option(names = "--out", required = true, paramLabel = "OUT.zip", description = "The model file to write.")
    private Path out;

    @Option(names = "--layout", required = true, paramLabel = "probing|trie", description = "The tables' layout.")
    private String layout;

    @Option(names = "--quantize-prob", defaultValue = "0", paramLabel = "BITS",
            description = "Store each order's log10 probabilities as one of 2^BITS bin centres (1..16; trie only);"
                    + " 0 keeps them exact.")
    private int quantizeProb;

    @Option(names = "--quantize-backoff", defaultValue = "0", paramLabel = "BITS",
            description = "Store each order's log10 backoffs as one of 2^BITS bin centres (1..16; trie only),"
                    + " or 32: as float32 (KenLM's precision; distributions then sum to 1 only to about 1e-7);"
                    + " 0 keeps them exact (float64).")
    private int quantizeBackoff;

    @Spec
    private CommandSpec spec;

    private final PluginRegistry<ModelProvider<?>> models;

    @Inject
    NgramConvertCommand(PluginRegistry<ModelProvider<?>> models) {
        this.models = models;
    }

    /** The layout the options ask for; a usage error names the option to fix. */
    static NgramLayout layout(CommandSpec spec, String name, int quantizeProb, int quantizeBackoff) {
        try {
            return new NgramLayout(name, quantizeProb, quantizeBackoff);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--layout " + name + " --quantize-prob " + quantizeProb
                    + " --quantize-backoff " + quantizeBackoff + ": " + e.getMessage());
        }
    }

    @Override
    public void run() {
        NgramLayout target = layout(spec, layout, quantizeProb, quantizeBackoff);
        new OutputPaths().input("--model", model).output("--out", out).refuseConflicts(spec.commandLine());
        ModelFile.Loaded loaded = ModelFile.load(model, models);
        if (!(loaded.model() instanceof NgramModel ngram)) {
            throw new LmkitException(model + " holds a '" + loaded.manifest().model() + "' model, not an n-gram model"
                    + " in backoff form; only those have table layouts");
        }
        NgramModel converted = ngram.withLayout(target);
        ModelFile.save(out, converted, loaded.manifest());
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: layout %s, %,d bytes (from %s, layout %s)%n",
                OutputPaths.written(out), converted.layout(), size(out), model, ngram.layout());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
