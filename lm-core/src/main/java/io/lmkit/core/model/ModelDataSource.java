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
}
