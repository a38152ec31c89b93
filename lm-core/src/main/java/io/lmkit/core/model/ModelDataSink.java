package io.lmkit.core.model;

import java.io.IOException;
import java.io.OutputStream;

/** Where a model writes its learned data: named entries of a model file. */
public interface ModelDataSink {

    /**
     * Opens a new entry; close the stream before opening the next one.
     *
     * @param name a relative name such as {@code counts.bin}; letters, digits, {@code . _ - /}
     */
    OutputStream entry(String name) throws IOException;

    /**
     * Opens a new entry that is stored uncompressed, its first byte at a file offset that is a multiple of
     * {@link #ALIGNMENT}, so that a reader can map it in place ({@link ModelDataSource#map}). Write its
     * numbers little-endian. A sink that cannot align (one in memory) gives an ordinary entry.
     *
     * @param name as for {@link #entry}
     */
    default OutputStream mappableEntry(String name) throws IOException {
        return entry(name);
    }

    /**
     * Writes every byte of {@code data} as a {@link #mappableEntry(String)}: for data that already lies in a file
     * (a table estimated on disk and mapped), which a model file then stores without a scratch copy, reading it
     * once for its size and CRC-32 (a zip needs both before a stored entry's data) and once to copy it.
     *
     * @param name as for {@link #entry}
     */
    default void mappableEntry(String name, MappedData data) throws IOException {
        try (OutputStream o = mappableEntry(name)) {
            data.writeTo(o);
        }
    }

    /** The alignment in bytes of a {@link #mappableEntry}'s data in its file: a cache line. */
    int ALIGNMENT = 64;
}
