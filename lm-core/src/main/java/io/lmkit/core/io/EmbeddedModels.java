package io.lmkit.core.io;

import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ModelDataSource;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * Whole model files stored inside another model file's data, for models made of other models (a saved mixture).
 *
 * <p>A model embedded under the name {@code NAME} is a complete model file laid out under the entry prefix
 * {@code data/NAME/} of the outer file: {@code data/NAME/manifest.properties} (its own manifest, with its
 * provenance and the SHA-256 of its entries by their names relative to the prefix), {@code data/NAME/vocab.txt} and
 * {@code data/NAME/data/...}. The outer manifest lists every one of these entries too, so the outer file's checks
 * (each entry's SHA-256, nothing unlisted, the size limits) cover the embedded models before any is read; reading
 * then checks that the embedded manifest agrees with what was verified. An embedded manifest is read with the
 * 1 MiB limit of a manifest and an embedded vocabulary with the 1 GiB limit of a vocabulary. Models are embedded
 * at most {@link #MAX_DEPTH} deep, so a forged file cannot recurse without end.
 *
 * <p>Why entries under a prefix rather than a zip inside the zip: {@link java.util.zip.ZipFile} reads only from a
 * file, so a nested archive would have to be copied to a temporary file (twice the disk, a file to clean up);
 * entries under a prefix are read in place with the same code as the file's own model.
 */
public final class EmbeddedModels {

    /** How many models deep embedding may go: a mixture of mixtures of mixtures of models. */
    public static final int MAX_DEPTH = 4;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private EmbeddedModels() {
    }

    /**
     * Writes {@code model} with {@code manifest} as a complete model file embedded under {@code name} in the model
     * file being written; call it from {@link LanguageModel#writeData}.
     *
     * @param name letters, digits, {@code . _ -}; unique among the entries of {@code sink}
     */
    public static void write(ModelDataSink sink, String name, ModelManifest manifest, LanguageModel model)
            throws IOException {
        checkName(name);
        Map<String, String> checksums = new TreeMap<>();
        try (OutputStream out = digesting(sink.entry(name + "/" + ModelFile.VOCABULARY),
                sha -> checksums.put(ModelFile.VOCABULARY, sha))) {
            for (String w : model.vocabulary().words()) {
                out.write(w.getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        }
        model.writeData(entry -> {
            String relative = ModelFile.DATA_PREFIX + entry;
            return digesting(sink.entry(name + "/" + relative), sha -> checksums.put(relative, sha));
        });
        try (OutputStream out = sink.entry(name + "/" + ModelFile.MANIFEST)) {
            out.write(ManifestCodec.encode(manifest, checksums));
        }
    }

    /**
     * Reads the model embedded under {@code name}, with the plugin its own manifest names; call it from a
     * {@link io.lmkit.core.plugin.ModelProvider#load}.
     *
     * @param source the model data that {@link ModelFile#load} gave the provider
     * @throws ModelFileException when there is no such model, it is inconsistent with the verified file, it lies
     *                            deeper than {@link #MAX_DEPTH}, or {@code source} is not a model file's data
     */
    public static ModelFile.Loaded read(ModelDataSource source, String name) throws IOException {
        checkName(name);
        if (!(source instanceof EntrySource outer)) {
            throw new ModelFileException("the embedded model '" + name + "' can only be read from a model file's"
                    + " data (ModelFile.load), not from " + source.getClass().getName());
        }
        Path file = outer.file();
        String prefix = outer.dataPrefix() + name + "/";
        if (outer.depth() >= MAX_DEPTH) {
            throw new ModelFileException(ManifestCodec.label(file, prefix) + " lies more than " + MAX_DEPTH
                    + " embedded models deep, the most lmkit reads; the file is corrupt or was not written by lmkit");
        }
        if (outer.zip().getEntry(prefix + ModelFile.MANIFEST) == null) {
            throw new ModelFileException(file + " has no embedded model '" + prefix + "' (no " + prefix
                    + ModelFile.MANIFEST + "); the file is corrupt or was written by another model plugin");
        }
        ModelManifest manifest = ManifestCodec.decode(file, outer.zip(), prefix);
        checkListed(file, outer.zip(), prefix, ManifestCodec.checksums(file, outer.zip(), prefix), outer.stats(),
                ManifestCodec.checksums(file, outer.zip()));
        try (EntrySource inner = new EntrySource(file, outer.zip(), outer.stats(), outer.models(), prefix,
                outer.depth() + 1)) {
            return ModelFile.load(inner, manifest);
        }
    }

    /**
     * For {@code lmkit verify}, after every entry passed the SHA-256 of the file's manifest: every embedded model's
     * manifest is readable and lists exactly the entries under its prefix, with the SHA-256s just verified.
     */
    static void checkAll(Path file, ZipFile zip, Map<String, EntryReading.Stats> verified) throws IOException {
        Map<String, String> outer = ManifestCodec.checksums(file, zip);
        for (String name : verified.keySet()) {
            if (holds(zip, name, ModelFile.MANIFEST)) {
                String prefix = name.substring(0, name.length() - ModelFile.MANIFEST.length());
                ManifestCodec.decode(file, zip, prefix);
                checkListed(file, zip, prefix, ManifestCodec.checksums(file, zip, prefix), verified, outer);
            }
        }
    }

    /**
     * Whether {@code entryName} is the {@code leaf} ({@code vocab.txt} or {@code manifest.properties}) of an
     * embedded model in {@code zip}, so that the file's checks read it with that entry's size limit.
     */
    static boolean holds(ZipFile zip, String entryName, String leaf) {
        return entryName.startsWith(ModelFile.DATA_PREFIX) && entryName.endsWith("/" + leaf)
                && zip.getEntry(entryName.substring(0, entryName.length() - leaf.length()) + ModelFile.MANIFEST) != null;
    }

    /**
     * The embedded manifest must list exactly the entries under its prefix, with the SHA-256s the file's own manifest
     * lists for them ({@code outer}), which were verified where {@code stats} has them (lmkit verify); loading
     * checks each entry's CRC-32 instead.
     */
    private static void checkListed(Path file, ZipFile zip, String prefix, Map<String, String> checksums,
                                    Map<String, EntryReading.Stats> stats, Map<String, String> outer) {
        String at = ManifestCodec.label(file, prefix);
        for (Map.Entry<String, String> e : checksums.entrySet()) {
            EntryReading.Stats s = stats.get(prefix + e.getKey());
            if (s == null) {
                throw new ModelFileException(at + ": entry '" + prefix + e.getKey() + "' listed in its manifest is"
                        + " missing; the file is incomplete or was modified after lmkit wrote it");
            }
            String listed = s.sha256() != null ? s.sha256() : outer.get(prefix + e.getKey());
            if (!e.getValue().equals(listed)) {
                throw new ModelFileException(at + ": entry '" + prefix + e.getKey() + "' fails the checksum of its"
                        + " embedded manifest (SHA-256 " + listed + ", the manifest says " + e.getValue()
                        + "); the file was modified after lmkit wrote it");
            }
        }
        zip.stream().map(java.util.zip.ZipEntry::getName)
                .filter(n -> n.startsWith(prefix) && !n.equals(prefix + ModelFile.MANIFEST))
                .filter(n -> !checksums.containsKey(n.substring(prefix.length())))
                .findFirst().ifPresent(n -> {
                    throw new ModelFileException(at + ": entry '" + n + "' is not listed in its embedded manifest;"
                            + " the file was modified after lmkit wrote it");
                });
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an embedded model's name must be letters, digits, '.', '_' and '-',"
                    + " got '" + name + "'");
        }
    }

    /** Passes bytes through to {@code out} and, once closed, hands their SHA-256 (hex) to {@code onClose}. */
    private static OutputStream digesting(OutputStream out, Consumer<String> onClose) {
        MessageDigest sha = ModelFile.newSha256();
        return new FilterOutputStream(new DigestOutputStream(out, sha)) {
            private boolean closed;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    super.close();
                    onClose.accept(HexFormat.of().formatHex(sha.digest()));
                }
            }
        };
    }
}
