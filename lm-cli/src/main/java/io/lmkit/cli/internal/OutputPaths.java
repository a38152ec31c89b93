package io.lmkit.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The files a command reads and the files and folders it writes, compared before any work so that
 * no output ever lands on an input ({@code --out} equal to {@code --train} would turn the corpus
 * into a model) or on another output. Paths are compared as the files they name: symbolic links
 * and {@code ..} are resolved, and an output that does not exist yet is resolved through its
 * nearest existing folder. A conflict is a usage error (exit 2) naming both options and the file.
 */
final class OutputPaths {

    /** One path given on the command line, with the file it really names. */
    private record Named(String option, Path path, Path real) {
    }

    /** A folder written into: the files it writes there, or every file in it when {@code writes} is empty. */
    private record Folder(Named folder, List<String> writes) {
    }

    private final List<Named> inputs = new ArrayList<>();
    private final List<Named> outputs = new ArrayList<>();
    private final List<Folder> folders = new ArrayList<>();

    /** Adds a file the command reads; a null path (an option not given) is ignored. */
    OutputPaths input(String option, Path path) {
        if (path != null) {
            inputs.add(named(option, path));
        }
        return this;
    }

    /** Adds a file the command writes (or replaces); a null path is ignored. */
    OutputPaths output(String option, Path path) {
        if (path != null) {
            outputs.add(named(option, path));
        }
        return this;
    }

    /** Adds a folder the command writes exactly these files into. */
    OutputPaths outputFolder(String option, Path folder, List<String> fileNames) {
        for (String name : fileNames) {
            output(option, folder.resolve(name));
        }
        return this;
    }

    /** Adds a report folder: every input inside it (at any depth) might be overwritten, so none may be there. */
    OutputPaths reportFolder(String option, Path folder) {
        folders.add(new Folder(named(option, folder), List.of()));
        return this;
    }

    /** The first conflict, as the one-line message a usage error prints. */
    Optional<String> conflict() {
        for (int i = 0; i < outputs.size(); i++) {
            Named out = outputs.get(i);
            for (Named in : inputs) {
                if (out.real().equals(in.real())) {
                    return Optional.of(out.option() + " " + out.path() + " is the input " + in.option() + " "
                            + in.path() + same(out, in) + ": writing it would destroy the input; choose another "
                            + out.option());
                }
            }
            for (Named other : outputs.subList(0, i)) {
                if (out.real().equals(other.real())) {
                    return Optional.of(out.option() + " " + out.path() + " and " + other.option() + " "
                            + other.path() + " name the same file" + same(out, other) + ": one would overwrite the"
                            + " other; give them different paths");
                }
            }
        }
        for (Folder f : folders) {
            for (Named in : inputs) {
                if (in.real().startsWith(f.folder().real())) {
                    return Optional.of(f.folder().option() + " " + f.folder().path() + " holds the input "
                            + in.option() + " " + in.path() + " (" + in.real() + "), which the report could"
                            + " overwrite; choose a report folder that holds no input");
                }
            }
        }
        return Optional.empty();
    }

    /** Throws a usage error naming the first conflict, before the command does any work. */
    void refuseConflicts(CommandLine command) {
        conflict().ifPresent(message -> {
            throw new ParameterException(command, message);
        });
    }

    /** " (both are REAL)" when the paths as given differ (a link or {@code ..} made them the same file), else "". */
    private static String same(Named a, Named b) {
        return a.path().equals(b.path()) ? "" : " (both are " + a.real() + ")";
    }

    /**
     * How a written file is named in a "wrote ..." line: the path, and where it is a symbolic link,
     * the file that was written in its place (the link itself is kept).
     */
    static String written(Path path) {
        return Files.isSymbolicLink(path) ? path + " (a symbolic link: its target " + real(path) + " was written)"
                : path.toString();
    }

    private static Named named(String option, Path path) {
        return new Named(option, path, real(path));
    }

    /**
     * The file {@code path} names: the real path of its nearest existing ancestor (links and
     * {@code ..} resolved) with the rest appended and normalised.
     */
    static Path real(Path path) {
        Path absolute = path.toAbsolutePath();
        for (Path existing = absolute; existing != null; existing = existing.getParent()) {
            if (Files.exists(existing)) {
                try {
                    return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
                } catch (IOException e) {
                    break;
                }
            }
        }
        return absolute.normalize();
    }
}
