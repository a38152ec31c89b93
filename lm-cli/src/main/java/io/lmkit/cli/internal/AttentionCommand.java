package io.lmkit.cli.internal;

import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.text.TokenizerProvider;
import io.lmkit.neural.inspect.AttentionMaps;
import io.lmkit.neural.inspect.AttentionSource;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lmkit attention}: what each attention head of a model looks at while it reads a sentence,
 * drawn as heat maps ({@link AttentionHeatMaps}) and written with the weights as JSON
 * ({@link AttentionFiles}). The text is split and looked up as {@code score} and {@code predict} do.
 */
@Command(name = "attention", mixinStandardHelpOptions = true,
        description = {"Draw the attention weights of a transformer model over one sentence:",
            "a heat map PNG per layer and head, attention-overview.png with all heads,",
            "and attention.json with the weights, into --out (a new folder, or one",
            "attention wrote before, which is replaced)."})
final class AttentionCommand implements Runnable {

    @Option(names = "--model", required = true, paramLabel = "MODEL.zip", description = "A transformer model file.")
    private Path model;

    @Option(names = "--text", required = true, paramLabel = "TEXT",
            description = "The sentence to read (words the vocabulary does not know become <unk>).")
    private String text;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the heat maps and JSON.")
    private Path out;

    @Spec
    private CommandSpec spec;

    private final PluginRegistry<ModelProvider<?>> models;
    private final PluginRegistry<TokenizerProvider> tokenizers;

    @Inject
    AttentionCommand(PluginRegistry<ModelProvider<?>> models, PluginRegistry<TokenizerProvider> tokenizers) {
        this.models = models;
        this.tokenizers = tokenizers;
    }

    @Override
    public void run() {
        new OutputPaths().input("--model", model).reportFolder("--out", out).refuseConflicts(spec.commandLine());
        AttentionFiles.checkReplaceable(out);
        LoadedModel loaded = LoadedModel.load(model, models, tokenizers);
        String family = loaded.manifest().model();
        if (!(loaded.model() instanceof AttentionSource source)) {
            throw new ParameterException(spec.commandLine(), "--model " + model + " is a " + family
                    + " model, which has no attention weights; attention maps come from transformer models");
        }
        AttentionSentence sentence = AttentionSentence.of(loaded.words(text), loaded.model().vocabulary());
        if (sentence.words() == 0) {
            throw new ParameterException(spec.commandLine(), "--text has no words; give a sentence");
        }
        if (sentence.words() > source.context() - 1) {
            throw new ParameterException(spec.commandLine(), "--text has " + sentence.words() + " words; the model's"
                    + " context holds " + source.context() + " positions, <s> and at most " + (source.context() - 1)
                    + " words; give a shorter text");
        }
        AttentionMaps maps = source.attention(sentence.ids());
        PrintWriter w = spec.commandLine().getOut();
        if (!sentence.unknown().isEmpty()) {
            w.println("not in the model's vocabulary, read as <unk>: " + String.join(" ", sentence.unknown()));
        }
        List<Path> written = AttentionFiles.write(out, new AttentionFiles.AttentionJson(model.toString(), family, text,
                sentence.positions(), sentence.unknown(), source.context(), maps.weights()));
        for (Path p : written) {
            w.println("wrote " + p);
        }
    }
}
