package io.lmkit.ngram.internal;

import io.lmkit.core.io.ModelFileException;
import io.lmkit.core.model.MappedData;
import io.lmkit.core.model.ModelDataSink;
import io.lmkit.core.model.ModelDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A model's data entries as plain files of one folder, each entry a file: where a model too large for the heap
 * is written as it is estimated and then mapped, before {@code lmkit train} saves it into the model file. Mapped
 * entries keep their channel open, so that saving copies them through the file rather than paging them in
 * ({@link MappedData#writeTo}); on systems that allow it the files may be deleted once mapped.
 */
public final class ModelDataFolder {

    private final Path folder;

    /** Entries in {@code folder}, which must exist. */
    public ModelDataFolder(Path folder) {
        this.folder = folder;
    }

    private Path file(String name) {
        // Entry names may hold '/'; the folder is flat.
        return folder.resolve(name.replace('/', '_'));
    }

    /** Writes entries as files of the folder (a mappable entry is an ordinary one: every file maps). */
    public ModelDataSink sink() {
        return name -> Files.newOutputStream(file(name));
    }

    /** Reads the entries back; {@link ModelDataSource#map} maps a file whole. */
    public ModelDataSource source() {
        return new ModelDataSource() {
            @Override
            public InputStream entry(String name) throws IOException {
                return Files.newInputStream(existing(name));
            }

            @Override
            public boolean has(String name) {
                return Files.isRegularFile(file(name));
            }

            @Override
            public long length(String name) {
                try {
                    return Files.size(existing(name));
                } catch (IOException e) {
                    throw new ModelFileException("cannot read the size of " + file(name) + ": " + e.getMessage(), e);
                }
            }

            @Override
            public MappedData map(String name) throws IOException {
                FileChannel channel = FileChannel.open(existing(name), StandardOpenOption.READ);
                try {
                    return MappedData.map(channel, 0, channel.size());
                } catch (IOException | RuntimeException e) {
                    channel.close();
                    throw e;
                }
            }
        };
    }

    private Path existing(String name) {
        Path f = file(name);
        if (!Files.isRegularFile(f)) {
            throw new ModelFileException("the model data folder " + folder + " has no entry '" + name + "'");
        }
        return f;
    }
}
