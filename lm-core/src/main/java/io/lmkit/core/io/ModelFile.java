package io.lmkit.core.io;

import io.lmkit.core.LmkitException;
import io.lmkit.core.LmkitVersion;
import io.lmkit.core.MemoryBudget;
import io.lmkit.core.files.AtomicFiles;
import io.lmkit.core.model.LanguageModel;
import io.lmkit.core.model.MappedData;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ModelDataSource;
import io.lmkit.core.plugin.ConfigBinder;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import io.lmkit.core.vocab.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * lmkit's model file: a zip archive holding {@code manifest.properties} (format version, model
 * plugin, config, seed, tokenizer, data fingerprint, lmkit version, and a checksum of every other
 * entry), {@code vocab.txt}, and the model's own entries under {@code data/}. The checksum of a deflated
 * entry is its SHA-256 ({@code sha256.NAME=} 64 hex digits); that of a stored, mappable entry is its
 * CRC-32 ({@code crc32.NAME=} 8 hex digits, the same the zip records), which detects corruption as surely
 * and costs a writer nothing extra, where the SHA-256 of tens of megabytes of tables cost a fresh JVM half a
 * second. Files written before list SHA-256s for their stored entries too, and are checked against them.
 *
 * <p>Model data written as mappable ({@link ModelDataSink#mappableEntry}) is stored uncompressed, aligned
 * to {@link ModelDataSink#ALIGNMENT} bytes, so that loading maps it instead of reading it; every other
 * entry is deflated. Files are written atomically. Loading checks the format version and the CRC-32 of
 * every entry it reads, so a truncated, corrupt or newer-format file fails with a message instead of a
 * wrong model; the manifest's checksums, which also catch an entry changed and zipped again, and
 * the mapped entries, which loading does not read, are checked on demand ({@link #verify(Path)},
 * {@code lmkit verify}). Entries are
 * read with limits (the manifest 1 MiB, the vocabulary 1 GiB and what the heap holds, model data its
 * counted length), so a file built to inflate to gigabytes fails with a message too.
 */
public final class ModelFile {

    /** The format version this lmkit writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    static final String MANIFEST = "manifest.properties";
    static final String VOCABULARY = "vocab.txt";
    static final String DATA_PREFIX = "data/";
    /**
     * The largest {@code manifest.properties} read: a manifest is a few dozen short lines (settings and one
     * SHA-256 an entry), so 1 MiB is far beyond any lmkit writes and a bigger one is not a manifest.
     */
    static final int MAX_MANIFEST_BYTES = 1 << 20;
    /**
     * The largest {@code vocab.txt} read: 1 GiB, over ten times the vocabulary of the largest public corpora
     * (a 100-million-word list); what it needs in memory is checked against the heap as well.
     */
    static final long MAX_VOCABULARY_BYTES = 1L << 30;
    /** The names a model's data entries may have; in a holder, so that loading never compiles it. */
    private static final class EntryNames {
        static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    }

    /** A model read back from a file, with its provenance. */
    public record Loaded(ModelManifest manifest, LanguageModel model) {
    }

    private ModelFile() {
    }

    /**
     * Writes {@code model} with its provenance to {@code file}, atomically.
     *
     * @param model           the trained model
     * @param modelName       the plugin that made it
     * @param config          its config record
     * @param seed            its training seed
     * @param tokenizer       the tokenizer of its text
     * @param dataFingerprint the training corpus fingerprint
     * @return the manifest written
     */
    public static ModelManifest save(Path file, LanguageModel model, String modelName, Record config, long seed,
                                     String tokenizer, String dataFingerprint) {
        return write(file, model, new ModelManifest(FORMAT_VERSION, modelName, ConfigBinder.toSettings(config), seed,
                tokenizer, dataFingerprint, LmkitVersion.get(), Instant.now()));
    }

    /**
     * Writes {@code model} with the provenance of {@code from} (plugin, config, seed, tokenizer, data
     * fingerprint), as this lmkit writes files: how a model converted to another storage layout keeps the
     * record of where it came from.
     *
     * @return the manifest written
     */
    public static ModelManifest save(Path file, LanguageModel model, ModelManifest from) {
        return write(file, model, new ModelManifest(FORMAT_VERSION, from.model(), from.config(), from.seed(),
                from.tokenizer(), from.dataFingerprint(), LmkitVersion.get(), Instant.now()));
    }

    /**
     * Writes data that no {@link LanguageModel} in this JVM holds (an n-gram model estimated elsewhere, streamed
     * in sorted order) under the provenance given, atomically: the file loads as the plugin {@code modelName}'s.
     *
     * @param vocabulary      the model's vocabulary
     * @param data            writes the model's data entries, as that plugin's {@code writeData} would
     * @param modelName       the plugin that reads the data back
     * @param config          its config record
     * @param seed            its training seed
     * @param tokenizer       the tokenizer of its text
     * @param dataFingerprint the training corpus fingerprint
     * @return the manifest written
     */
    public static ModelManifest save(Path file, Vocabulary vocabulary, DataWriter data, String modelName,
                                     Record config, long seed, String tokenizer, String dataFingerprint) {
        return write(file, vocabulary, data, new ModelManifest(FORMAT_VERSION, modelName,
                ConfigBinder.toSettings(config), seed, tokenizer, dataFingerprint, LmkitVersion.get(), Instant.now()));
    }

    /** Writes a model's data entries into a model file (what {@link LanguageModel#writeData} does). */
    @FunctionalInterface
    public interface DataWriter {
        /** Writes every data entry into {@code sink}. */
        void writeData(ModelDataSink sink) throws IOException;
    }

    private static ModelManifest write(Path file, LanguageModel model, ModelManifest manifest) {
        return write(file, model.vocabulary(), model::writeData, manifest);
    }

    private static ModelManifest write(Path file, Vocabulary vocabulary, DataWriter data, ModelManifest manifest) {
        Path folder = file.toAbsolutePath().getParent();
        AtomicFiles.write(file, out -> {
            Map<String, String> checksums = new LinkedHashMap<>();
            ModelZipWriter zip = new ModelZipWriter(out, checksums, folder);
            try (OutputStream o = zip.deflated(VOCABULARY, true)) {
                for (String w : vocabulary.words()) {
                    o.write(w.getBytes(StandardCharsets.UTF_8));
                    o.write('\n');
                }
            }
            data.writeData(new ModelDataSink() {
                @Override
                public OutputStream entry(String name) throws IOException {
                    return zip.deflated(DATA_PREFIX + checkName(name), true);
                }

                @Override
                public OutputStream mappableEntry(String name) throws IOException {
                    return zip.stored(DATA_PREFIX + checkName(name));
                }

                @Override
                public void mappableEntry(String name, MappedData mapped) throws IOException {
                    zip.stored(DATA_PREFIX + checkName(name), mapped);
                }
            });
            try (OutputStream o = zip.deflated(MANIFEST, false)) {
                o.write(ManifestCodec.encode(manifest, checksums));
            }
            zip.finish();
        });
        return manifest;
    }

    private static String checkName(String name) {
        if (!EntryNames.VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("model data entry name '" + name
                    + "' must be letters, digits, '.', '_', '-' and '/'");
        }
        return name;
    }

    /** Reads only the manifest of a model file (after checking it is a readable model file). */
    public static ModelManifest readManifest(Path file) {
        try (ZipFile zip = open(file)) {
            return ManifestCodec.decode(file, zip);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Reads a model file, checking the CRC-32 of every entry it reads (see {@link #verify(Path)} for the
     * SHA-256s), and loads the model with the plugin that made it.
     *
     * @throws ModelFileException for a missing, truncated, corrupt or newer-format file
     * @throws LmkitException     when the plugin that wrote it is not on the classpath
     */
    public static Loaded load(Path file, PluginRegistry<ModelProvider<?>> models) {
        try (ZipFile zip = open(file)) {
            ModelManifest manifest = ManifestCodec.decode(file, zip);
            Map<String, String> checksums = ManifestCodec.checksums(file, zip);
            Map<String, EntryReading.Stats> stats = verify(file, zip, checksums, false);
            try (EntrySource source = new EntrySource(file, zip, stats, models, "", 0)) {
                return load(source, manifest);
            }
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Loads the model whose manifest, vocabulary and data lie under {@code source}'s prefix of a verified file: the
     * file's own model, or one embedded in it ({@link EmbeddedModels}).
     */
    static Loaded load(EntrySource source, ModelManifest manifest) throws IOException {
        ModelProvider<?> provider = source.models().get(manifest.model());
        String vocabularyEntry = source.prefix() + VOCABULARY;
        Vocabulary vocabulary = readVocabulary(source.file(), source.zip(), vocabularyEntry,
                source.stats().get(vocabularyEntry));
        // An anonymous class, not a lambda: the first lambda costs a fresh JVM milliseconds of set-up.
        LanguageModel model = source.guard(new EntrySource.Reading<LanguageModel>() {
            @Override
            public LanguageModel read() throws IOException {
                return load(provider, manifest, vocabulary, source);
            }
        });
        return new Loaded(manifest, model);
    }

    private static <C extends Record> LanguageModel load(ModelProvider<C> provider, ModelManifest manifest,
                                                         Vocabulary vocabulary, ModelDataSource source)
            throws IOException {
        C config = ConfigBinder.bind(provider.configType(), provider.defaultConfig(), manifest.config(),
                "model '" + provider.name() + "'");
        return provider.load(source, config, vocabulary);
    }

    private static ZipFile open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException("model file " + file + " does not exist; train one with"
                    + " 'lmkit train' or check the path");
        }
        try {
            return new ZipFile(file.toFile(), StandardCharsets.UTF_8);
        } catch (ZipException e) {
            throw new ModelFileException(file + " is not an lmkit model file: it is not a complete zip archive ("
                    + e.getMessage() + "); it may be truncated or not a model at all. Re-create it with"
                    + " 'lmkit train' or restore it from a backup", e);
        } catch (IOException e) {
            throw new ModelFileException("cannot open model file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * What {@link #verify(Path)} checked: every entry with its length in bytes (inflated), in the order of the
     * manifest's list.
     *
     * @param entries each entry's name and length
     */
    public record Verified(Map<String, Long> entries) {
        /** Copies the map so the result is a value. */
        public Verified {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }
    }

    /**
     * Checks every entry of a model file against the checksum its manifest lists (SHA-256, or CRC-32 for a
     * stored entry), the stored (mapped) entries
     * included, which loading does not read, and that every embedded model's manifest agrees with them
     * ({@link EmbeddedModels}): {@code lmkit verify}.
     *
     * @throws ModelFileException naming the first entry that fails, or for a file that is not a model file
     */
    public static Verified verify(Path file) {
        try (ZipFile zip = open(file)) {
            ManifestCodec.decode(file, zip);
            Map<String, EntryReading.Stats> stats = verify(file, zip, ManifestCodec.checksums(file, zip), true);
            EmbeddedModels.checkAll(file, zip, stats);
            Map<String, Long> lengths = new LinkedHashMap<>();
            stats.forEach((name, s) -> lengths.put(name, s.bytes()));
            return new Verified(lengths);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * Checks every entry and returns each entry's actual (inflated) length and line count. With
     * {@code sha256} (lmkit verify), every entry is read and checked against the checksum its manifest lists
     * (its SHA-256, or for a stored entry written since issue 16 its CRC-32).
     * Without (loading), only what loading reads anyway is read: every compressed entry, inflated with its
     * length counted against its limit and checked against the archive's CRC-32 (no message digest, whose
     * set-up and hashing would cost a fresh JVM tens of milliseconds); stored model data, mapped rather than
     * read, is not read at all, its length being the archive's, which mapping checks against the file.
     */
    private static Map<String, EntryReading.Stats> verify(Path file, ZipFile zip, Map<String, String> checksums,
                                                          boolean sha256) throws IOException {
        Map<String, EntryReading.Stats> stats = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (java.util.Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
            names.add(all.nextElement().getName());
        }
        for (String name : names) {
            if (!name.equals(MANIFEST) && !checksums.containsKey(name)) {
                throw new ModelFileException(file + ": entry '" + name + "' is not listed in the manifest;"
                        + " the file was modified after lmkit wrote it");
            }
        }
        for (Map.Entry<String, String> e : checksums.entrySet()) {
            ZipEntry entry = zip.getEntry(e.getKey());
            if (entry == null) {
                throw new ModelFileException(file + ": entry '" + e.getKey() + "' listed in the manifest is missing;"
                        + " the file is incomplete. Re-create it with 'lmkit train'");
            }
            boolean vocabulary = e.getKey().equals(VOCABULARY) || EmbeddedModels.holds(zip, e.getKey(), VOCABULARY);
            boolean embeddedManifest = EmbeddedModels.holds(zip, e.getKey(), MANIFEST);
            if (!sha256 && !vocabulary && !embeddedManifest && entry.getMethod() == ZipEntry.STORED
                    && e.getKey().startsWith(DATA_PREFIX)) {
                stats.put(e.getKey(), new EntryReading.Stats(null, entry.getCrc(), entry.getSize(), 0));
                continue;
            }
            long limit = vocabulary ? MAX_VOCABULARY_BYTES : embeddedManifest ? MAX_MANIFEST_BYTES : Long.MAX_VALUE;
            boolean listedByCrc = e.getValue().startsWith(ManifestCodec.CRC32_VALUE);
            EntryReading.Stats read;
            try (InputStream in = zip.getInputStream(entry)) {
                EntryReading.refuseDeclaredSize(file, entry, limit);
                read = EntryReading.hash(file, e.getKey(), in, sha256 && !listedByCrc ? newSha256() : null, limit,
                        vocabulary);
            } catch (ZipException ex) {
                throw new ModelFileException(file + ": entry '" + e.getKey() + "' is corrupt (" + ex.getMessage()
                        + "); restore the file from a backup or re-create it with 'lmkit train'", ex);
            }
            if (!sha256) {
                if (entry.getCrc() != -1 && read.crc32() != entry.getCrc()) {
                    throw new ModelFileException(file + ": entry '" + e.getKey() + "' fails its CRC-32 ("
                            + Long.toHexString(read.crc32()) + ", the archive says " + Long.toHexString(entry.getCrc())
                            + "); the file is corrupt. Restore it from a backup or re-create it with 'lmkit train'");
                }
                stats.put(e.getKey(), read);
                continue;
            }
            if (listedByCrc) {
                String actual = ManifestCodec.crc32(read.crc32());
                if (!actual.equals(e.getValue())) {
                    throw new ModelFileException(file + ": entry '" + e.getKey() + "' fails its checksum (CRC-32 "
                            + actual.substring(ManifestCodec.CRC32_VALUE.length()) + ", manifest says "
                            + e.getValue().substring(ManifestCodec.CRC32_VALUE.length()) + "); the file is corrupt."
                            + " Restore it from a backup or re-create it with 'lmkit train'");
                }
                stats.put(e.getKey(), read);
                continue;
            }
            String actual = read.sha256();
            if (!actual.equals(e.getValue())) {
                throw new ModelFileException(file + ": entry '" + e.getKey() + "' fails its checksum (SHA-256 "
                        + actual + ", manifest says " + e.getValue() + "); the file is corrupt. Restore it from a"
                        + " backup or re-create it with 'lmkit train'");
            }
            stats.put(e.getKey(), read);
        }
        return stats;
    }

    private static Vocabulary readVocabulary(Path file, ZipFile zip, String name, EntryReading.Stats stats)
            throws IOException {
        if (stats == null) {
            throw new ModelFileException(file + ": entry '" + name + "' is missing or not in the manifest's checksums;"
                    + " the file is corrupt or was not written by lmkit");
        }
        // Each word costs its characters (up to 2 bytes each), its String, array slot and map entry (about 120
        // bytes), and the entry's bytes are held once while it is split.
        long needed = MemoryBudget.plus(MemoryBudget.times(stats.bytes(), 4), MemoryBudget.times(stats.lines() + 1, 120));
        if (needed > MemoryBudget.availableBytes()) {
            // Only then: the message's number formatting costs a fresh JVM milliseconds of locale set-up.
            MemoryBudget.require(needed, "the vocabulary of " + file + " (" + name + ", "
                    + MemoryBudget.format(stats.bytes()) + ")", "a model with a smaller vocabulary");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
            bytes = in.readNBytes((int) stats.bytes()); // its length was counted (and limited) while checking it
        }
        // Lines split on the bytes, as BufferedReader.readLine would (\n, \r or \r\n; UTF-8 never has those bytes
        // inside a character): in a fresh JVM a reader decoding char by char costs a model's load milliseconds.
        List<String> words = new ArrayList<>((int) Math.min(stats.lines() + 1, 1 << 24));
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                words.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                if (bytes[i] == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            words.add(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
        }
        try {
            return Vocabulary.ofWords(words);
        } catch (LmkitException e) {
            throw new ModelFileException(file + ": " + name + ": " + e.getMessage(), e);
        }
    }

    private static ModelFileException unreadable(Path file, IOException e) {
        return new ModelFileException("cannot read model file " + file + ": " + e.getMessage()
                + "; it may be truncated or corrupt. Re-create it with 'lmkit train'", e);
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
