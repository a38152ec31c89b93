package io.lmkit.spark;

import io.lmkit.core.LmkitException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refuses, before any Spark job, a model or ARPA file that would land on what the job reads: an input file (the
 * corpus would become a model), the vocabulary, the other output, or a file inside an input folder (the next run
 * would read the model as text). Inputs on other file systems than the driver's local one cannot be the same
 * file. Paths are compared as the files they name (links and {@code ..} resolved; an output that does not exist
 * yet through its folder).
 */
final class OutputConflicts {

    private OutputConflicts() {
    }

    /**
     * The first conflict of {@code --out} and {@code --arpa} with the inputs ({@code inputFiles} and
     * {@code inputFolders} as Hadoop path strings) and the vocabulary, as a usage message; empty when none.
     */
    static Optional<String> find(EstimateOptions o, List<String> inputFiles, List<String> inputFolders) {
        List<Path> outputs = new ArrayList<>(List.of(o.out()));
        o.arpa().ifPresent(outputs::add);
        for (Path output : outputs) {
            String option = output == o.out() ? "--out" : "--arpa";
            Path real = real(output);
            for (String f : inputFiles) {
                Optional<Path> in = local(f);
                if (in.isPresent() && real(in.get()).equals(real)) {
                    return Optional.of(option + " " + output + " is the input file " + f + ": writing it would destroy"
                            + " the input; choose another " + option);
                }
            }
            if (real(o.vocabulary()).equals(real)) {
                return Optional.of(option + " " + output + " is the vocabulary --vocab " + o.vocabulary() + ": writing"
                        + " it would destroy the vocabulary; choose another " + option);
            }
            for (String folder : inputFolders) {
                Optional<Path> in = local(folder);
                if (in.isPresent() && real.startsWith(real(in.get()))) {
                    return Optional.of(option + " " + output + " is inside the input folder " + folder + ": the next"
                            + " run would read it as text; write it outside the input");
                }
            }
        }
        if (o.arpa().isPresent() && real(o.arpa().get()).equals(real(o.out()))) {
            return Optional.of("--out " + o.out() + " and --arpa " + o.arpa().get() + " name the same file: one would"
                    + " overwrite the other; give them different paths");
        }
        return Optional.empty();
    }

    /** The local path of a Hadoop path string without a scheme or with {@code file:}, else empty. */
    private static Optional<Path> local(String hadoopPath) {
        URI uri = new org.apache.hadoop.fs.Path(hadoopPath).toUri();
        if (uri.getScheme() != null && !uri.getScheme().equals("file")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(uri.getPath()));
    }

    /** The file {@code p} names: its real path, or for a file not there yet its real folder and its name. */
    private static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            if (Files.exists(abs)) {
                return abs.toRealPath();
            }
            Path parent = abs.getParent();
            return parent != null && Files.exists(parent) ? parent.toRealPath().resolve(abs.getFileName()) : abs;
        } catch (IOException e) {
            throw new LmkitException("cannot resolve " + p + ": " + e.getMessage() + "; check the path");
        }
    }
}
