package io.lmkit.core.io;

import io.lmkit.core.LmkitException;
import io.lmkit.core.MemoryBudget;
import io.lmkit.core.model.MappedData;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ModelDataSource;
import io.lmkit.core.plugin.ModelProvider;
import io.lmkit.core.plugin.PluginRegistry;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UTFDataFormatException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The model data of an open, verified model file, as its plugin reads it: every entry's length is the length
 * counted while verifying, and any failure while the plugin reads is reported with the file and the entry.
 */
final class EntrySource implements ModelDataSource, java.io.Closeable {

    /** A plugin's reading of its entries. */
    @FunctionalInterface
    interface Reading<T> {
        T read() throws IOException;
    }

    private final Path file;
    private final ZipFile zip;
    private final Map<String, EntryReading.Stats> stats;
    private final PluginRegistry<ModelProvider<?>> models;
    private final String prefix;
    private final int depth;
    private String current;
    private FileChannel channel;
    private StoredEntries stored;

    /**
     * The data of the model stored under {@code prefix} of an open file.
     *
     * @param stats  every entry of the file, verified, by full name
     * @param models the plugins that read this file, which also read the model files embedded in it
     * @param prefix {@code ""} for the file's own model, {@code data/NAME/} (repeated) for an embedded one
     * @param depth  how many embedded models deep {@code prefix} lies (0 for the file's own model)
     */
    EntrySource(Path file, ZipFile zip, Map<String, EntryReading.Stats> stats, PluginRegistry<ModelProvider<?>> models,
                String prefix, int depth) {
        this.file = file;
        this.zip = zip;
        this.stats = stats;
        this.models = models;
        this.prefix = prefix;
        this.depth = depth;
    }

    Path file() {
        return file;
    }

    ZipFile zip() {
        return zip;
    }

    Map<String, EntryReading.Stats> stats() {
        return stats;
    }

    PluginRegistry<ModelProvider<?>> models() {
        return models;
    }

    /** Where this model's entries lie in the file: {@code ""} or {@code data/NAME/} (repeated). */
    String prefix() {
        return prefix;
    }

    /** The full entry-name prefix of this model's own data entries. */
    String dataPrefix() {
        return prefix + ModelFile.DATA_PREFIX;
    }

    int depth() {
        return depth;
    }

    @Override
    public InputStream entry(String name) throws IOException {
        ZipEntry e = zip.getEntry(dataPrefix() + name);
        if (e == null) {
            throw new ModelFileException(ManifestCodec.label(file, prefix) + " has no model data entry '" + name
                    + "'; was it written by another model plugin?");
        }
        current = e.getName();
        return zip.getInputStream(e);
    }

    @Override
    public MappedData map(String name) throws IOException {
        String full = dataPrefix() + name;
        ZipEntry e = zip.getEntry(full);
        if (e == null || e.getMethod() != ZipEntry.STORED) {
            return ModelDataSource.super.map(name);
        }
        current = full;
        if (stored == null) {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            stored = StoredEntries.read(file, channel);
        }
        StoredEntries.Region r = stored.region(full, ModelDataSink.ALIGNMENT);
        return MappedData.map(channel, r.offset(), r.length());
    }

    /** Closes the file channel mapping opened; the mappings stay valid. */
    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public boolean has(String name) {
        return zip.getEntry(dataPrefix() + name) != null;
    }

    @Override
    public long length(String name) {
        EntryReading.Stats s = stats.get(dataPrefix() + name);
        if (s == null) {
            throw new ModelFileException(ManifestCodec.label(file, prefix) + " has no model data entry '" + name
                    + "'; was it written by another model plugin?");
        }
        return s.bytes();
    }

    /**
     * Runs the plugin's reading; a failure becomes an error naming this file and the entry being read. The
     * entries passed their CRC-32 check, so what fails here is data that was forged or written wrongly.
     */
    <T> T guard(Reading<T> reading) throws IOException {
        try {
            return reading.read();
        } catch (MemoryBudget.InsufficientMemoryException e) {
            throw new MemoryBudget.InsufficientMemoryException(e.neededBytes(), e.availableBytes(),
                    where() + e.getMessage());
        } catch (LmkitException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(file.toString()) ? e
                    : new ModelFileException(where() + e.getMessage(), e);
        } catch (EOFException e) {
            throw new ModelFileException(where() + "the data ends early; the file is corrupt or was not written by"
                    + " lmkit. Re-create it with 'lmkit train'", e);
        } catch (IOException | IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException
                 | NegativeArraySizeException e) {
            String detail = e instanceof UTFDataFormatException ? "a name is not valid modified UTF-8"
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            throw new ModelFileException(where() + "invalid model data (" + detail + "); the file is corrupt or was"
                    + " not written by lmkit. Re-create it with 'lmkit train'", e);
        }
    }

    private String where() {
        return file + ": " + (current == null ? "" : "entry '" + current + "': ");
    }
}
