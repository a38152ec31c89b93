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
}
