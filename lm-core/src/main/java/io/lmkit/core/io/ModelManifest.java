package io.lmkit.core.io;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The provenance a model file records, so that any model can be reproduced: which plugin made it,
 * with which config and seed, from which data, by which lmkit, in which file format.
 *
 * @param formatVersion   the model-file format version ({@link ModelFile#FORMAT_VERSION} when written)
 * @param model           the name of the model plugin, e.g. {@code modified-kneser-ney}
 * @param config          the config record's settings, by component name
 * @param seed            the training seed
 * @param tokenizer       the name of the tokenizer that turns text into this model's words
 * @param dataFingerprint SHA-256 of the training corpus ({@code Corpus.fingerprint()})
 * @param lmkitVersion    the lmkit version that wrote the file
 * @param created         when the file was written
 */
public record ModelManifest(int formatVersion, String model, Map<String, String> config, long seed,
                            String tokenizer, String dataFingerprint, String lmkitVersion, Instant created) {

    /** Copies the config so the manifest is a value. */
    public ModelManifest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(dataFingerprint, "dataFingerprint");
        Objects.requireNonNull(lmkitVersion, "lmkitVersion");
        Objects.requireNonNull(created, "created");
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }
}
