package io.lmkit.core.io;

import io.lmkit.core.LmkitException;
import io.lmkit.core.MemoryBudget;
import io.lmkit.core.model.MappedData;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ModelDataSource;
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
    private String current;
    private FileChannel channel;
    private StoredEntries stored;

    EntrySource(Path file, ZipFile zip, Map<String, EntryReading.Stats> stats) {
        this.file = file;
        this.zip = zip;
        this.stats = stats;
    }

    @Override
    public InputStream entry(String name) throws IOException {
        ZipEntry e = zip.getEntry(ModelFile.DATA_PREFIX + name);
        if (e == null) {
            throw new ModelFileException(file + " has no model data entry '" + name
                    + "'; was it written by another model plugin?");
        }
        current = e.getName();
        return zip.getInputStream(e);
    }

    @Override
    public MappedData map(String name) throws IOException {
        String full = ModelFile.DATA_PREFIX + name;
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
        return zip.getEntry(ModelFile.DATA_PREFIX + name) != null;
    }

    @Override
    public long length(String name) {
        EntryReading.Stats s = stats.get(ModelFile.DATA_PREFIX + name);
        if (s == null) {
            throw new ModelFileException(file + " has no model data entry '" + name
                    + "'; was it written by another model plugin?");
        }
        return s.bytes();
    }

    /**
     * Runs the plugin's reading; a failure becomes an error naming this file and the entry being read. The
     * entries passed their SHA-256 check, so what fails here is data that was forged or written wrongly.
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
