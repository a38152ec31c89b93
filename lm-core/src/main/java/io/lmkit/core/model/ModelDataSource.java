package io.lmkit.core.model;

import java.io.IOException;
import java.io.InputStream;

/** Where a model provider reads back the entries its model wrote to a {@link ModelDataSink}. */
public interface ModelDataSource {

    /**
     * Opens an entry for reading.
     *
     * @throws io.lmkit.core.io.ModelFileException when the model file has no such entry
     */
    InputStream entry(String name) throws IOException;

    /** Whether the model file has an entry of this name. */
    boolean has(String name);

    /**
     * The entry's length in bytes once inflated, as counted while its checksum was verified (never the
     * archive's own claim). A reader checks every size it reads from the entry against this before allocating.
     *
     * @throws io.lmkit.core.io.ModelFileException when the model file has no such entry
     */
    long length(String name);

    /**
     * The entry's bytes in place: mapped from the file when the entry is stored uncompressed (as
     * {@link ModelDataSink#mappableEntry} writes it), else read into the heap. A mapped entry is not read at
     * all here, so its checksum is not verified on loading ({@code lmkit verify} does that).
     *
     * @throws io.lmkit.core.io.ModelFileException when the file has no such entry, or a stored entry lies
     *                                             outside the file or not at a multiple of
     *                                             {@link ModelDataSink#ALIGNMENT}
     */
    default MappedData map(String name) throws IOException {
        try (InputStream in = entry(name)) {
            return MappedData.read(in, length(name), "model data entry '" + name + "'");
        }
    }
}
