package io.lmkit.eval.mixture;

import io.lmkit.core.LmkitException;
import io.lmkit.core.io.EmbeddedModels;
import io.lmkit.core.io.ModelFile;
import io.lmkit.core.io.ModelFileException;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSource;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.train.Trainer;
import io.lmkit.core.vocab.Vocabulary;
import io.lmkit.eval.LinearMixture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@code mixture} plugin: reads the model files that {@code lmkit mix} writes ({@link MixtureModel}). A mixture
 * is made from saved models, not trained, so its trainer refuses and says how to make one.
 */
public final class MixtureProvider implements ModelProvider<MixtureProvider.Config> {

    /** The most models one mixture holds: SRILM's {@code ngram} mixes up to 10; this leaves room. */
    public static final int MAX_COMPONENTS = 32;

    /**
     * Settings of a mixture.
     *
     * @param weights the weight of each component, in order, separated by commas (e.g. {@code 0.6,0.4}); two to
     *                {@link #MAX_COMPONENTS} numbers in [0, 1] summing to 1
     */
    public record Config(String weights) {
        /** Validates the weights. */
        public Config {
            parse(weights);
        }

        /** The weights as numbers. */
        public double[] values() {
            return parse(weights);
        }

        /** The config of these weights, written so that they read back bit for bit. */
        public static Config of(double[] weights) {
            return new Config(Arrays.stream(weights).mapToObj(Double::toString).collect(Collectors.joining(",")));
        }

        private static double[] parse(String text) {
            String[] parts = text.split(",", -1);
            if (parts.length < 2 || parts.length > MAX_COMPONENTS) {
                throw new IllegalArgumentException("weights must be 2 to " + MAX_COMPONENTS + " numbers separated by"
                        + " commas, got '" + text + "'");
            }
            double[] w = new double[parts.length];
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                try {
                    w[i] = Double.parseDouble(parts[i].strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("weight " + (i + 1) + " of '" + text + "' is not a number", e);
                }
                if (!(w[i] >= 0 && w[i] <= 1)) {
                    throw new IllegalArgumentException("weight " + (i + 1) + " of '" + text + "' must be in [0, 1]");
                }
                sum += w[i];
            }
            if (Math.abs(sum - 1) > LinearMixture.WEIGHT_SUM_TOLERANCE) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "weights '%s' must sum to 1, they"
                        + " sum to %s", text, sum));
            }
            return w;
        }
    }

    @Override
    public String name() {
        return "mixture";
    }

    @Override
    public String description() {
        return "a linear mixture of saved models of any families, made with 'lmkit mix' (not trained)";
    }

    @Override
    public Class<Config> configType() {
        return Config.class;
    }

    @Override
    public Config defaultConfig() {
        return new Config("0.5,0.5");
    }

    @Override
    public Trainer<Config> trainer() {
        return (data, config, seed, listener) -> {
            throw new LmkitException("a mixture is not trained: train its models, then mix them with 'lmkit mix"
                    + " --model A.zip --model B.zip --lambda 0.5 --out AB.zip' (or --tune valid.txt)");
        };
    }

    @Override
    public LanguageModel load(ModelDataSource data, Config config, Vocabulary vocabulary) throws IOException {
        double[] weights = config.values();
        List<ModelFile.Loaded> components = new ArrayList<>(weights.length);
        for (int i = 0; i < weights.length; i++) {
            ModelFile.Loaded c = EmbeddedModels.read(data, MixtureModel.componentName(i));
            if (!c.model().vocabulary().equals(vocabulary)) {
                throw new ModelFileException("the vocabulary of the mixture's " + MixtureModel.componentName(i)
                        + " (" + c.manifest().model() + ") differs from the mixture's own; the file is inconsistent."
                        + " Mix the models again with 'lmkit mix'");
            }
            components.add(c);
        }
        return new MixtureModel(components, weights);
    }
}
