package io.lmkit.cli.internal;

import io.lmkit.core.LmkitException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The bytes each entry of a model file takes in the file (stored or compressed), for {@code ngram stats}. */
final class ModelFileSizes {

    private ModelFileSizes() {
    }

    /** Prints the layout, one line per entry (bytes in the file, and how it is kept) and the file's size. */
    static void print(Path file, String layout, PrintWriter out) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            out.printf(Locale.ROOT, "%nlayout %s%n%-28s %14s  %s%n", layout, "entry", "bytes in file", "kept");
            for (ZipEntry e : Collections.list(zip.entries())) {
                out.printf(Locale.ROOT, "%-28s %,14d  %s%n", e.getName(), e.getCompressedSize(),
                        e.getMethod() == ZipEntry.STORED ? "stored, mapped" : "deflated from " + String.format(
                                Locale.ROOT, "%,d", e.getSize()));
            }
            out.printf(Locale.ROOT, "%-28s %,14d%n", "file " + file.getFileName(), Files.size(file));
        } catch (IOException e) {
            throw new LmkitException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
