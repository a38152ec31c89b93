package io.lmkit.cli.internal;

import io.lmkit.core.io.ModelFile;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.text.TokenizerProvider;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.eval.Sampler;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code lmkit generate}: continues a prompt by sampling from any model. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Continue a prompt with text sampled from a model (n-gram, fixed-window or recurrent).")
final class GenerateCommand implements Runnable {

    @Option(names = "--model", required = true, paramLabel = "MODEL.zip", description = "Model file.")
    private Path model;

    @Option(names = "--prompt", defaultValue = "", showDefaultValue = Visibility.NEVER, paramLabel = "TEXT",
            description = "The start of the sentence (default: none, a sentence from its start).")
    private String prompt;

    @Option(names = "--temperature", defaultValue = "1.0", description = "Below 1 sharper, above 1 flatter.")
    private double temperature;

    @Option(names = "--top-k", defaultValue = "0", description = "Sample among the k most probable words (0: all).")
    private int topK;

    @Option(names = "--top-p", defaultValue = "1.0", description = "Sample within the top-p nucleus (1: all).")
    private double topP;

    @Option(names = "--max-words", defaultValue = "40", description = "Stop after this many words.")
    private int maxWords;

    @Option(names = "--greedy", description = "Always take the most probable word.")
    private boolean greedy;

    @Option(names = "--allow-unk", description = "Let <unk> be generated (by default it is left out and the"
            + " other words share its probability).")
    private boolean allowUnk;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed: the same seed gives the same text.")
    private long seed;

    @Option(names = "--samples", defaultValue = "1", description = "How many continuations, with seeds seed, seed+1, ...")
    private int samples;

    @Spec
    private CommandSpec spec;

    private final PluginRegistry<ModelProvider<?>> models;
    private final PluginRegistry<TokenizerProvider> tokenizers;

    @Inject
    GenerateCommand(PluginRegistry<ModelProvider<?>> models, PluginRegistry<TokenizerProvider> tokenizers) {
        this.models = models;
        this.tokenizers = tokenizers;
    }

    @Override
    public void run() {
        Sampler.Settings settings;
        try {
            settings = new Sampler.Settings(temperature, topK, topP, maxWords, greedy, seed, allowUnk);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (samples < 1) {
            throw new ParameterException(spec.commandLine(), "--samples must be at least 1, got " + samples);
        }
        ModelFile.Loaded loaded = ModelFile.load(model, models);
        Vocabulary v = loaded.model().vocabulary();
        List<String> words = tokenizers.get(loaded.manifest().tokenizer()).create().tokenize(prompt);
        int[] ids = words.stream().mapToInt(v::id).toArray();
        Sampler sampler = new Sampler(loaded.model());
        for (int i = 0; i < samples; i++) {
            List<String> out = new ArrayList<>(words);
            for (int id : sampler.generate(ids, settings.withSeed(seed + i))) {
                out.add(v.word(id));
            }
            spec.commandLine().getOut().println(String.join(" ", out));
            if (spec.commandLine().getOut().checkError()) {
                return; // Standard output failed: Main reports it; more samples would be lost too.
            }
        }
    }
}
